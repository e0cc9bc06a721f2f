"""The ``report`` command: the star report as a page a coach would hand to a client."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ..io._textio import load_network
from ..pictures._report_page import report_page
from ._common import EXIT_OK, add_member_options, profiles_from, settings_from

__all__ = ["DEFAULT_OUTPUT", "add_commands"]

DEFAULT_OUTPUT = "report.html"


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
    parser = commands.add_parser(
        "report",
        help="the star report as an HTML page to read, print or hand over",
        description="Write the star report of a member as one self-contained HTML page: the "
        "four values with stars, the 80/20 view, the last eight quarters, the ambassador "
        "chains, the focus points and the interactive network. It prints on A4 and needs no "
        "internet connection.",
    )
    add_member_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=DEFAULT_OUTPUT,
        help=f"the page to write (default: {DEFAULT_OUTPUT}); - writes it to standard output",
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="seed of the network's layout (default 0)"
    )
    parser.set_defaults(run=_report)


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    settings = settings_from(args)
    profiles = profiles_from(args)
    network = load_network(args.path)
    page = report_page(
        network,
        args.member,
        as_of=as_of,
        settings=settings,
        profiles=profiles,
        lang=args.lang,
        seed=args.seed,
    )
    if args.output == "-":
        out.write(page.html)
    else:
        written = page.save(args.output)
        out.write(f"wrote {written}\n")
    return EXIT_OK
