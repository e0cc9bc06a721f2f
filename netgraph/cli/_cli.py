"""The ``netgraph`` command line. The only module that writes to the terminal."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from .. import __version__
from ..generate._generate import EXAMPLE_SEED, example_network, generate_platform, write_generated
from ..importers._merge import import_sources
from ..io._folder import folder_lock, refuse_to_overwrite
from ..io._textio import load_network, write_folder
from ..model._errors import ConfigError, DataError, NetgraphError
from ..model._network import Network
from ..model._profile import Profile
from ..model._settings import Settings
from ..output._report import LANGUAGES, render_text
from ..output._results import MemberReport
from ..scoring._score import score_all, score_member, score_members
from . import _advice, _event, _report_page, _trend, _visualise
from ._common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    as_of_date,
    profiles_from,
    settings_from,
    start_loading_kernels,
)
from ._neo4j import add_commands, add_connection_options, network_from_args

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "main", "run"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"netgraph: error: {message}\n")


MAX_PEOPLE = 100_000_000  # a generated platform: far beyond the benchmarks' million


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="netgraph",
        description="What is your network worth? Four values with stars, explained.",
    )
    parser.add_argument("--version", action="version", version=f"netgraph {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    score = commands.add_parser(
        "score",
        help="the star report of one member (or of all members)",
        description="Score the network of a member: acquisition, recommendation, financial "
        "and knowledge value, each 0-100 with 1-5 stars, explained.",
    )
    score.add_argument(
        "path", metavar="PATH", nargs="?", help="a network folder (CSV files) or a .json file"
    )
    who = score.add_mutually_exclusive_group()
    who.add_argument(
        "--member", metavar="ID", help="the member to score (needed when there are several)"
    )
    who.add_argument("--all", action="store_true", help="score every member, one report per member")
    score.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help="score as of this date: later events do not count (default: today)",
    )
    score.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        help="text (default for one member), json, or jsonl: one JSON object per line "
        "(default with --all)",
    )
    score.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of the text report"
    )
    score.add_argument(
        "--detail",
        choices=("summary", "full"),
        help="with --all: a summary per member computed for all at once (default, fast), or "
        "the full report of every member (slow on large networks)",
    )
    score.add_argument(
        "--config", metavar="FILE", help="a TOML file whose [netgraph] table changes settings"
    )
    score.add_argument(
        "--profile",
        metavar="FILE",
        help="the member's own pitch and target clients (default: profile.toml in PATH)",
    )
    add_connection_options(score, required=False)
    score.set_defaults(run=_score)

    check = commands.add_parser(
        "check",
        help="check a network against the data contract",
        description="Read a network and report what it holds, or every problem found.",
    )
    check.add_argument("path", metavar="PATH", help="a network folder or a .json file")
    check.set_defaults(run=_check)

    imports = commands.add_parser(
        "import",
        help="merge LinkedIn exports and vCards into a network folder",
        usage="netgraph import SOURCE... --into FOLDER [--member ID] [--member-name NAME] "
        "[--dry-run]\n       (a new folder needs --member ID: whose contacts these are)",
        description="Merge LinkedIn Connections.csv exports (or their .zip) and vCard files "
        "(2.1, 3.0, 4.0) into a network folder, creating or updating it. A new folder needs "
        "--member ID, the person whose contacts these are. The same person is "
        "recognised across sources and runs (same e-mail or LinkedIn profile), so importing "
        "the same files again changes nothing; every contact gets a tie to the member.",
    )
    imports.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="files, folders or .zip files"
    )
    imports.add_argument("--into", required=True, metavar="FOLDER", help="the network folder")
    imports.add_argument(
        "--member",
        metavar="ID",
        help="the member whose contacts these are (needed for a new folder)",
    )
    imports.add_argument(
        "--member-name", metavar="NAME", help="the member's name, for a new member"
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="say what would change, write nothing"
    )
    imports.set_defaults(run=_import)

    generate = commands.add_parser(
        "generate",
        help="write a generated network folder (seeded, realistic)",
        description="Write a generated network: the example freelancer (--example), or a "
        "platform where every person is a member (--people N). The same seed gives the same files.",
    )
    size = generate.add_mutually_exclusive_group(required=True)
    size.add_argument("--people", type=_positive, metavar="N", help="a platform of N people")
    size.add_argument("--example", action="store_true", help="the example freelancer's network")
    generate.add_argument(
        "--seed", type=_seed, default=0, metavar="S", help="random seed (default 0)"
    )
    generate.add_argument(
        "--hubs",
        action="store_true",
        help="with --people: a few hubs with thousands of ties, as in real networks",
    )
    generate.add_argument("--into", required=True, metavar="FOLDER", help="the folder to write")
    generate.add_argument(
        "--force",
        action="store_true",
        help="replace the network files of a folder that already holds files",
    )
    generate.set_defaults(run=_generate)
    add_commands(commands)
    for module in (_visualise, _report_page, _trend, _advice, _event):
        module.add_commands(commands)
    for sub in commands.choices.values():
        for action in sub._actions:
            if "--neo4j" in action.option_strings:
                action.type = _neo4j_uri
    return parser


def _neo4j_uri(text: str) -> str:
    """The value of ``--neo4j``: a URI, never a folder taken for one by mistake."""
    if not text or "://" in text:  # empty: --neo4j alone, the URI comes from $NEO4J_URI
        return text
    what = "a folder" if os.path.isdir(text) else "a file" if os.path.exists(text) else "not a URI"
    raise argparse.ArgumentTypeError(
        f"{text!r} is {what}, not a Neo4j URI like bolt://localhost:7687; --neo4j alone "
        "uses $NEO4J_URI, so give the folder before it: netgraph push FOLDER --neo4j "
        "--network NAME"
    )


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    summary = import_sources(
        args.sources,
        args.into,
        args.member,
        member_name=args.member_name,
        dry_run=args.dry_run,
        on_wait=_waiting(args.into, err),
    )
    if args.dry_run:
        verb = "dry run, would change" if summary.changed else "dry run, nothing would change in"
        would = "would be "
    else:
        verb, would = ("updated" if summary.written else "unchanged"), ""
    added = f"{summary.people_added} people {would}added"
    if summary.member_created:
        added += f" (and the member {summary.member!r})"
    out.write(
        f"{verb} {args.into}: {len(summary.files_read)} file(s), {summary.contacts_read} contacts; "
        f"{added}, {summary.people_updated} {would}updated, "
        f"{summary.people_unchanged} unchanged; {summary.ties_added} ties {would}added\n"
    )
    skipped = summary.files_skipped
    if len(skipped) == 1:
        err.write(f"skipped {skipped[0]}: neither a LinkedIn export nor a vCard file\n")
    elif skipped:
        shown = ", ".join(skipped[:3]) + (", ..." if len(skipped) > 3 else "")
        err.write(
            f"skipped {len(skipped)} files that are neither a LinkedIn export nor a vCard "
            f"file ({shown})\n"
        )
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError("expected at least 2")
    if value > MAX_PEOPLE:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_PEOPLE:,}, got {value:,}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"expected a seed from 0 to {2**32 - 1}, got {value}")
    return value


def _waiting(folder: str, err: TextIO) -> Callable[[], None]:
    def say() -> None:
        err.write(f"waiting for another netgraph command that is writing {folder} ...\n")
        err.flush()

    return say


def _generate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.force:
        refuse_to_overwrite(args.into, "generate")
    if args.example and args.hubs:
        raise ConfigError("--hubs shapes a platform: use it with --people N, not --example")
    if args.example:
        with folder_lock(args.into, on_wait=_waiting(args.into, err)):
            write_folder(example_network(args.seed or EXAMPLE_SEED), args.into)
        out.write(f"wrote the example network to {args.into}\n")
        return EXIT_OK
    show = err.isatty()

    def progress(phase: str) -> None:
        if show:
            err.write(f"generating {phase}...\n")

    sections = generate_platform(args.people, args.seed, hubs=args.hubs, progress=progress)
    progress("files")
    with folder_lock(args.into, on_wait=_waiting(args.into, err)):
        write_generated(sections, args.into)
    out.write(f"wrote a network of {args.people:,} people to {args.into}\n")
    return EXIT_OK


def _write_report(report: MemberReport, fmt: str, lang: str, out: TextIO) -> None:
    if fmt == "text":
        out.write(render_text(report, lang))
    elif fmt == "json":
        out.write(report.to_json(indent=2) + "\n")
    else:
        out.write(report.to_json() + "\n")


def _score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings = settings_from(args)
    as_of = args.as_of or date.today()  # the command line, not the library, reads the clock
    if args.all:
        start_loading_kernels(args.path)
    network = network_from_args(args)
    profiles = profiles_from(args)
    if args.all:
        return _score_all(network, args, as_of, settings, profiles, out, err)
    report = score_member(network, args.member, as_of=as_of, settings=settings, profiles=profiles)
    _write_report(report, args.format or "text", args.lang, out)
    return EXIT_OK


def _progress_writer(err: TextIO) -> Callable[[str], None]:
    def say(phase: str) -> None:
        err.write(f"scoring: {phase}\n")

    return say


def _score_all(
    network: Network,
    args: argparse.Namespace,
    as_of: date,
    settings: Settings,
    profiles: dict[str, Profile],
    out: TextIO,
    err: TextIO,
) -> int:
    fmt = args.format or "jsonl"
    show = err.isatty()
    members = network.member_ids
    if fmt == "jsonl" and (args.detail or "summary") == "summary":
        batch = score_all(
            network,
            as_of=as_of,
            settings=settings,
            progress=_progress_writer(err) if show else None,
            profiles=profiles,
        )
        done = 0
        binary = getattr(out, "buffer", None)  # a real stdout takes the UTF-8 bytes as they are
        if binary is not None:
            out.flush()
        for block in batch.json_bytes():
            if binary is not None:
                binary.write(block)
            else:
                out.write(str(block, "utf-8"))
            done = min(len(members), done + batch.block_size)
            if show:
                err.write(f"\rwritten {done:,} of {len(members):,} members")
        if show:
            err.write("\n")
        return EXIT_OK
    reports = score_members(network, as_of=as_of, settings=settings, profiles=profiles)
    for done, report in enumerate(reports, 1):
        _write_report(report, fmt, args.lang, out)
        if fmt == "text" and done < len(members):
            out.write("\n")
        if show and (done % 1000 == 0 or done == len(members)):
            err.write(f"\rscored {done:,} of {len(members):,} members")
    if show:
        err.write("\n")
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    network = load_network(args.path)
    out.write(f"{args.path}: valid\n")
    for name, table in network.tables.items():
        if len(table):
            out.write(f"  {name:<16}{len(table):>10,} rows\n")
    for name, table in network.tables.items():
        if name in ("people", "groups"):
            continue  # their ids are unique already
        copies = table.copies()
        if len(copies):
            lines = ", ".join(str(line) for line in table.lines[copies[:5]].tolist())
            others = f" and {len(copies) - 5:,} more" if len(copies) > 5 else ""
            out.write(
                f"  warning: {table.source}: {len(copies):,} row(s) repeat an earlier row "
                f"exactly (line {lines}{others}); remove them if they are copies"
                + (", or give invoices a number column" if name == "invoices" else "")
                + "\n"
            )
    out.write(f"  members: {', '.join(network.member_ids[:10]) or 'none'}")
    more = len(network.member_ids) - 10
    out.write(f" and {more:,} more\n" if more > 0 else "\n")
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code (0 ok, 1 data error, 2 usage error)."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args, out, err))
    except DataError as exc:
        err.write(f"netgraph: invalid data:\n{exc}\n")
        return EXIT_DATA
    except ConfigError as exc:
        err.write(f"netgraph: error: {exc}\n")
        return EXIT_USAGE
    except NetgraphError as exc:
        err.write(f"netgraph: error: {exc}\n")
        return EXIT_DATA
    except BrokenPipeError:  # pragma: no cover - e.g. piping into head
        return EXIT_OK
    except MemoryError:
        err.write("netgraph: error: out of memory: the input is too large for this machine\n")
        return EXIT_DATA
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err.write(f"netgraph: error: {where}{exc.strerror or exc}\n")
        return EXIT_DATA


def run() -> None:
    """The ``netgraph`` command: :func:`main`, then exit without tearing the heap down.

    A large network leaves hundreds of megabytes of arrays and strings behind, and
    freeing them one by one at exit took about 0.3 s of a 4 s ``score --all`` at 100k
    people. Everything the command writes is flushed and closed first, so the fast exit
    loses nothing (mypy exits the same way, for the same reason).
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed or broken pipe
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
