"""The ``visualise`` command: the member's network, or a platform's map, as an interactive page."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ..io._textio import load_network
from ..model._errors import ConfigError
from ..pictures._html import html_page
from ..pictures._network_page import (
    COLOR_BY,
    DEFAULT_MAX_NODES,
    member_view,
    network_parts,
    platform_view,
)
from ._common import EXIT_OK, add_member_options, profiles_from, settings_from

__all__ = ["DEFAULT_OUTPUT", "DEFAULT_PLATFORM_OUTPUT", "add_commands"]

DEFAULT_OUTPUT = "network.html"
DEFAULT_PLATFORM_OUTPUT = "platform.html"


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to {2**32 - 1}, got {value}")
    return value


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
    parser = commands.add_parser(
        "visualise",
        aliases=["visualize"],
        help="the member's network and ambassador chains as an interactive HTML page",
        description="Write one self-contained HTML page of a member's network: the member at "
        "the centre, two steps out, the ambassador chains traced with their revenue; or, with "
        "--platform, a map of the communities of a whole platform. The page needs no internet "
        "connection and opens in any browser.",
    )
    add_member_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"the page to write (default: {DEFAULT_OUTPUT}, or {DEFAULT_PLATFORM_OUTPUT} "
        "with --platform); - writes it to standard output",
    )
    parser.add_argument(
        "--focus",
        metavar="VALUE|PERSON",
        help="a value (acquisition, recommendation, financial, knowledge): size people by "
        "their share of it; or a person's id: open the page with them selected",
    )
    parser.add_argument(
        "--platform",
        action="store_true",
        help="a map of the communities of the whole network instead of one member's network",
    )
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=f"draw at most N people (or communities) (default {DEFAULT_MAX_NODES})",
    )
    parser.add_argument(
        "--color-by",
        choices=COLOR_BY,
        default="community",
        help="colour people by community (default) or by role; the page can switch",
    )
    parser.add_argument(
        "--seed", type=_seed, default=0, metavar="S", help="seed of the layout (default 0)"
    )
    parser.set_defaults(run=_visualise)


def _visualise(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    if args.platform and (args.member or args.focus):
        raise ConfigError("--platform draws every member's communities: leave out --member/--focus")
    settings = settings_from(args)
    network = load_network(args.path)
    if args.platform:
        view = platform_view(
            network,
            as_of=as_of,
            settings=settings,
            lang=args.lang,
            max_nodes=args.max_nodes,
            seed=args.seed,
        )
    else:
        view = member_view(
            network,
            args.member,
            as_of=as_of,
            settings=settings,
            profiles=profiles_from(args),
            lang=args.lang,
            max_nodes=args.max_nodes,
            seed=args.seed,
            color_by=args.color_by,
            focus=args.focus,
        )
    page = html_page(view["title"], [network_parts(view)], lang=args.lang)
    if args.output == "-":
        out.write(page)
        return EXIT_OK
    target = args.output or (DEFAULT_PLATFORM_OUTPUT if args.platform else DEFAULT_OUTPUT)
    with open(target, "w", encoding="utf-8", newline="\n") as file:
        file.write(page)
    what = "communities" if args.platform else "people"
    out.write(f"wrote {target}: {view['shown']} of {view['total']} {what} drawn\n")
    if view["left_out"]:
        err.write(f"note: {view['note']}\n")
    return EXIT_OK
