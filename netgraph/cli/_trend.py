"""The ``trend`` command: the four values and their stars over time."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from ..advice._trend import EVERY, Trend, shift_months, trend
from ..io._textio import load_network
from ..model._errors import ConfigError
from ..output._report import star_text
from ..output._results import VALUE_KEYS
from ..pictures._report_words import PageMessages
from ._common import (
    EXIT_OK,
    add_member_options,
    as_of_date,
    profiles_from,
    settings_from,
)

__all__ = ["DEFAULT_QUARTERS", "add_commands", "render_trend"]

DEFAULT_QUARTERS = 8  # --from, when not given: this many quarters before --to


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
    parser = commands.add_parser(
        "trend",
        help="the four values and their stars over time",
        description="Score a member's network at every quarter (or month) from --from to --to, "
        "on the network loaded once, to see whether an investment pays off. A value without "
        "enough data on a date says so; it is never shown as a low score.",
    )
    add_member_options(parser)
    parser.add_argument(
        "--from",
        dest="start",
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help=f"the first date (default: {DEFAULT_QUARTERS} quarters before --to)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help="the last date; the others are counted back from it (default: --as-of, or today)",
    )
    parser.add_argument(
        "--every", choices=tuple(EVERY), default="quarter", help="quarter (default) or month"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json or csv",
    )
    parser.set_defaults(run=_trend)


def _trend(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.end and args.as_of and args.end != args.as_of:
        raise ConfigError("--to and --as-of name the same date: give one of them")
    end = (
        args.end or args.as_of or date.today()
    )  # the command line, not the library, reads the clock
    start = args.start or shift_months(end, -EVERY["quarter"] * DEFAULT_QUARTERS)
    settings = settings_from(args)
    profiles = profiles_from(args)
    network = load_network(args.path)
    series = trend(
        network,
        args.member,
        start=start,
        end=end,
        every=args.every,
        settings=settings,
        profiles=profiles,
    )
    if args.format == "json":
        out.write(series.to_json(indent=2) + "\n")
    elif args.format == "csv":
        out.write(series.to_csv())
    else:
        out.write(render_trend(series, args.lang))
    return EXIT_OK


def render_trend(series: Trend, language: str = "en") -> str:
    """The trend as a table: a line per date, each value's score and stars.

    Examples
    --------
    >>> import netgraph
    >>> from netgraph.advice._trend import trend
    >>> net = netgraph.network_from_dict({"people": [
    ...     {"id": "me", "name": "Anna", "member": "yes"}, {"id": "c", "name": "Bram"}],
    ...     "invoices": [{"date": "2026-03-01", "client": "c", "amount": "900.00"}]})
    >>> text = render_trend(trend(net, start=date(2026, 2, 1), end=date(2026, 5, 1)), "nl")
    >>> print(text, end="")  # doctest: +NORMALIZE_WHITESPACE
    Waarden van Anna (me) van 1 februari 2026 tot en met 1 mei 2026
    <BLANKLINE>
    Datum            Aanbrengwaarde      Aanbevelingswaarde  Financiële waarde   Kenniswaarde
    1 februari 2026  te weinig gegevens  te weinig gegevens  te weinig gegevens  te weinig gegevens
    1 mei 2026         0  ★☆☆☆☆          te weinig gegevens    1  ★☆☆☆☆          te weinig gegevens
    """
    m = PageMessages(language)
    if not series.rows:
        return ""
    title = m.say(
        "trend.title",
        name=series.name,
        member=series.member,
        start=m.date(series.rows[0].as_of.isoformat()),
        end=m.date(series.rows[-1].as_of.isoformat()),
    )
    table = [[m.say("trend.date"), *(m.say(f"value.{key}") for key in VALUE_KEYS)]]
    for row in series.rows:
        cells = [m.date(row.as_of.isoformat())]
        for key in VALUE_KEYS:
            point = row.values[key]
            if point.score is None or point.stars is None:
                cells.append(m.say("not_enough_data"))
            else:
                stars = star_text(point.stars)
                cells.append(f"{m.decimal(point.score, 0):>3}  {stars}")
        table.append(cells)
    widths = [max(len(line[i]) for line in table) + 2 for i in range(len(table[0]))]
    lines = [title, ""]
    for line in table:
        lines.append(
            "".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
