"""The ``push`` and ``pull`` commands, and the Neo4j options of ``score``.

They read and write a :class:`netgraph.Neo4jStore`; the store, not this module, talks
to the driver, and it is opened only when a command needs it.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any, TextIO

from ..model._errors import ConfigError
from ..model._network import Network
from ..stores.neo4j import Neo4jStore

__all__ = [
    "add_commands",
    "add_connection_options",
    "network_from_args",
    "pull_command",
    "push_command",
]

PROGRESS_MIN_ROWS = 10_000  # below this, a push or pull is quick: no progress line


def add_connection_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """The options that say which Neo4j server and network a command uses."""
    group = parser.add_argument_group("Neo4j")
    group.add_argument(
        "--neo4j",
        metavar="URI",
        nargs="?",
        const="",
        required=required,
        help="the Neo4j server, e.g. bolt://localhost:7687 (--neo4j alone: $NEO4J_URI)",
    )
    group.add_argument(
        "--network", metavar="NAME", required=required, help="the network's name in Neo4j"
    )
    group.add_argument("--user", metavar="USER", help="default: $NEO4J_USERNAME, else neo4j")
    group.add_argument(
        "--password-env",
        metavar="VAR",
        help="the environment variable that holds the password (default NEO4J_PASSWORD; "
        "a password is never taken from the command line)",
    )
    group.add_argument("--database", metavar="NAME", help="default: $NEO4J_DATABASE, else neo4j")


def add_commands(commands: Any) -> None:
    """The ``push`` and ``pull`` subcommands, on the command line's subparsers."""
    push = commands.add_parser(
        "push",
        help="store a network in Neo4j under a name",
        description="Store a network folder (or .json file) in Neo4j under a name, replacing "
        "what was stored under that name. Pushing the same network again changes nothing; "
        "a push that was cut off completes when run again.",
    )
    push.add_argument("folder", metavar="FOLDER", help="a network folder or a .json file")
    add_connection_options(push, required=True)
    push.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: on a terminal)"
    )
    push.add_argument(
        "--force", action="store_true", help="write every row even if Neo4j holds this network"
    )
    push.set_defaults(run=push_command)

    pull = commands.add_parser(
        "pull",
        help="write a network stored in Neo4j to a folder",
        description="Read a network stored in Neo4j and write it as a network folder (or a "
        ".json file), all or nothing.",
    )
    add_connection_options(pull, required=True)
    pull.add_argument(
        "--into", required=True, metavar="FOLDER", help="the folder (or .json file) to write"
    )
    pull.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: on a terminal)"
    )
    pull.add_argument(
        "--force", action="store_true", help="replace a network or a file already at --into"
    )
    pull.set_defaults(run=pull_command)


def _open(args: argparse.Namespace) -> tuple[Neo4jStore, str]:
    if not args.network:
        raise ConfigError("--neo4j needs --network NAME: the name of the network in Neo4j")
    uri = args.neo4j or os.environ.get("NEO4J_URI")
    if not uri:
        raise ConfigError("--neo4j needs a URI, or NEO4J_URI set in the environment")
    variable = args.password_env or "NEO4J_PASSWORD"
    password = os.environ.get(variable)
    if args.password_env and password is None:
        raise ConfigError(f"--password-env: the environment variable {variable} is not set")
    store = Neo4jStore(uri, user=args.user, password=password, database=args.database)
    return store, args.network


def network_from_args(args: argparse.Namespace) -> Network:
    """The network ``netgraph score`` reads: from ``--neo4j``/``--network``, or from PATH."""
    from ..io._textio import load_network

    if args.neo4j is None:
        if args.network:
            raise ConfigError("--network needs --neo4j [URI]")
        if not args.path:
            raise ConfigError("give a network: PATH, or --neo4j URI --network NAME")
        return load_network(args.path)
    if args.path:
        raise ConfigError("give either PATH or --neo4j, not both")
    store, name = _open(args)
    with store:
        return store.pull(name)


class _Progress:
    """Rows done, on stderr: one rewritten line on a terminal, a line now and then otherwise."""

    def __init__(self, err: TextIO, verb: str, forced: bool) -> None:
        self.err, self.verb = err, verb
        self.tty = err.isatty()
        self.forced = forced
        self.done: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.last = 0.0
        self.shown = False

    def __call__(self, section: str, done: int, total: int) -> None:
        self.done[section] = done
        self.totals[section] = total
        rows, all_rows = sum(self.done.values()), sum(self.totals.values())
        if not (self.forced or (self.tty and all_rows >= PROGRESS_MIN_ROWS)) or not done:
            return
        now = time.monotonic()
        if done < total and now - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = now
        self.shown = True
        line = f"{self.verb} {section}: {rows:,} of {all_rows:,} rows"
        self.err.write(f"\r{line}\x1b[K" if self.tty else line + "\n")
        self.err.flush()

    def end(self) -> None:
        if self.shown and self.tty:
            self.err.write("\n")


def push_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``netgraph push FOLDER --neo4j URI --network NAME``."""
    from ..io._textio import load_network

    network = load_network(args.folder)
    store, name = _open(args)
    progress = _Progress(err, "pushing", args.progress)
    started = time.monotonic()

    def waiting() -> None:
        err.write(f"waiting for another push or delete of network {name!r} to finish ...\n")
        err.flush()

    try:
        with store:
            result = store.push(network, name, progress=progress, force=args.force, on_wait=waiting)
    finally:
        progress.end()
    seconds = time.monotonic() - started
    if result.unchanged:
        out.write(f"network {name!r} in {store.uri} is already this one: nothing written\n")
        return 0
    rate = f", {result.written / seconds:,.0f} rows/s" if seconds > 0 else ""
    out.write(
        f"pushed {args.folder} to network {name!r} in {store.uri}: {result.rows:,} rows "
        f"({result.deleted:,} old rows removed) in {seconds:.1f} s{rate}\n"
    )
    return 0


def pull_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``netgraph pull --neo4j URI --network NAME --into FOLDER``."""
    from ..io._folder import refuse_to_overwrite
    from ..io._textio import write_folder, write_json

    if not args.force:  # before reading anything: say it at once
        refuse_to_overwrite(args.into, "pull")
    store, name = _open(args)
    progress = _Progress(err, "pulling", args.progress)
    try:
        with store:
            network = store.pull(name, progress=progress)
    finally:
        progress.end()
    if str(args.into).lower().endswith(".json"):
        write_json(network, args.into)
    else:
        write_folder(network, args.into)
    rows = sum(len(t) for t in network.tables.values())
    out.write(f"pulled network {name!r} from {store.uri} into {args.into}: {rows:,} rows\n")
    return 0
