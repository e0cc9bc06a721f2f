"""The ``event`` command: whom to seek out among the attendees of an event."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ..advice._attendees import read_attendees
from ..advice._event import EventRules, plan_event, render_event
from ..io._textio import load_network
from ._common import EXIT_OK, add_member_options, profiles_from, settings_from

__all__ = ["add_commands"]


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
    event = commands.add_parser(
        "event",
        help="whom to seek out at an event, from its attendee list",
        description="Choose beforehand whom to meet at an event: from the attendee list "
        "(a CSV with name, organisation and e-mail in any order, with or without a header, "
        "comma or semicolon; a LinkedIn Connections.csv; or vCards), at most N people, each "
        "with the reasons: an ambassador to thank, a client to nurture, a prospect reachable "
        "through a warm introduction, a person who opens a circle you have no ties into.",
    )
    add_member_options(event)
    event.add_argument(
        "--attendees", required=True, metavar="FILE", help="the attendee list of the event"
    )
    event.add_argument(
        "--top", type=_count, default=EventRules.top, metavar="N", help="at most N people (5)"
    )
    event.add_argument("--format", choices=("text", "json"), default="text", help="text or json")
    event.set_defaults(run=_event)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to 1000, got {value}")
    return value


def _event(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = settings_from(args)
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    attendees = read_attendees(args.attendees)
    network = load_network(args.path)
    plan = plan_event(
        network,
        attendees,
        args.member,
        as_of=as_of,
        settings=settings,
        profiles=profiles_from(args),
        rules=EventRules(top=args.top),
    )
    if args.format == "json":
        out.write(plan.to_json(args.lang, indent=2) + "\n")
    else:
        out.write(render_event(plan, args.lang))
    return EXIT_OK
