"""The ``advise`` command (where to invest) and ``whatif`` (the values after a change)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ..advice._advice_words import render_advice, render_whatif
from ..advice._advise import DEFAULT_TOP, advise
from ..advice._whatif import Change, what_if
from ..io._textio import load_network
from ._common import EXIT_OK, add_member_options, profiles_from, settings_from

__all__ = ["add_commands"]

MAX_TOP = 1000


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= MAX_TOP:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to {MAX_TOP}, got {value}")
    return value


def _pair(what: str) -> Any:
    def parse(text: str) -> tuple[str, str]:
        first, comma, second = text.partition(",")
        if not comma or not first.strip() or not second.strip() or "," in second:
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return first.strip(), second.strip()

    return parse


def _one(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected an id, got nothing")
    return text.strip()


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
    advice = commands.add_parser(
        "advise",
        help="where to invest: a short list of actions, each with its evidence",
        description="A short, prioritised list of actions for a member: contacts to nurture "
        "(overdue for their rhythm), aftercare for clients, groups to join or take part in "
        "again, people to give something back, and business cards to follow up. Each action "
        "names the value it serves and the evidence behind it.",
    )
    add_member_options(advice)
    advice.add_argument(
        "--top",
        type=_top,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"at most N actions (default {DEFAULT_TOP})",
    )
    advice.add_argument("--format", choices=("text", "json"), default="text", help="text or json")
    advice.set_defaults(run=_advise)

    whatif = commands.add_parser(
        "whatif",
        help="how the values would change after a new tie, group, recommendation or invoice",
        description="Score the member's network as it is and with some additions dated on "
        "--as-of, without changing the data, and show each value and its stars before and "
        "after. Every option may be given more than once.",
    )
    add_member_options(whatif)
    whatif.add_argument(
        "--add-tie",
        action="append",
        default=[],
        type=_pair("two person ids as A,B"),
        metavar="A,B",
        help="a tie between two people",
    )
    whatif.add_argument(
        "--join", action="append", default=[], type=_one, metavar="GROUP", help="join a group"
    )
    whatif.add_argument(
        "--add-recommendation",
        action="append",
        default=[],
        type=_one,
        metavar="X",
        help="a recommendation by person X",
    )
    whatif.add_argument(
        "--add-invoice",
        action="append",
        default=[],
        type=_pair("a client id and an amount as CLIENT,AMOUNT"),
        metavar="CLIENT,AMOUNT",
        help="an invoice to a client, e.g. c012,1500.00",
    )
    whatif.add_argument("--format", choices=("text", "json"), default="text", help="text or json")
    whatif.set_defaults(run=_whatif)


def _advise(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = settings_from(args)
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    network = load_network(args.path)
    found = advise(
        network,
        args.member,
        as_of=as_of,
        top=args.top,
        settings=settings,
        profiles=profiles_from(args),
    )
    if args.format == "json":
        out.write(found.to_json(args.lang, indent=2) + "\n")
    else:
        out.write(render_advice(found, args.lang))
    return EXIT_OK


def _whatif(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = settings_from(args)
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    network = load_network(args.path)
    changes = [
        *(Change.tie(a, b) for a, b in args.add_tie),
        *(Change.join(g) for g in args.join),
        *(Change.recommendation(x) for x in args.add_recommendation),
        *(Change.invoice(c, amount) for c, amount in args.add_invoice),
    ]
    result = what_if(
        network,
        args.member,
        as_of=as_of,
        changes=changes,
        settings=settings,
        profiles=profiles_from(args),
    )
    if args.format == "json":
        out.write(result.to_json(indent=2) + "\n")
    else:
        out.write(render_whatif(result, args.lang))
    return EXIT_OK
