"""What the commands of the command line share: exit codes, dates, and the member options.

Every command that looks at one member's network (``score``, ``visualise``, ``report``,
``advise``, ``event``, ``trend``, ``whatif``) takes the same PATH, ``--member``,
``--as-of``, ``--lang``, ``--config`` and ``--profile``, declared here once.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..graph.kernels import prepare_kernels
from ..model._profile import PROFILE_FILE, Profile, read_profiles
from ..model._settings import Settings
from ..output._report import LANGUAGES

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_AS_OF",
    "MIN_AS_OF",
    "add_member_options",
    "as_of_date",
    "profiles_from",
    "settings_from",
    "start_loading_kernels",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

# the windows of the method reach years before and after the date scored
MIN_AS_OF, MAX_AS_OF = date(1900, 1, 1), date(9899, 12, 31)


def as_of_date(text: str) -> date:
    """An argparse type: a date as YYYY-MM-DD within the range the method can score."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
    if not MIN_AS_OF <= day <= MAX_AS_OF:
        raise argparse.ArgumentTypeError(
            f"expected a date from {MIN_AS_OF} to {MAX_AS_OF}, got {text!r}"
        )
    return day


def add_member_options(
    parser: argparse.ArgumentParser, *, lang: bool = True, path_required: bool = True
) -> None:
    """PATH, ``--member``, ``--as-of``, ``--config``, ``--profile`` and (optionally) ``--lang``."""
    parser.add_argument(
        "path",
        metavar="PATH",
        nargs=None if path_required else "?",
        help="a network folder (CSV files) or a .json file",
    )
    parser.add_argument(
        "--member", metavar="ID", help="the member (needed when the network has several)"
    )
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        metavar="YYYY-MM-DD",
        help="as of this date: later events do not count (default: today)",
    )
    if lang:
        parser.add_argument("--lang", choices=LANGUAGES, default="en", help="en or nl")
    parser.add_argument(
        "--config", metavar="FILE", help="a TOML file whose [netgraph] table changes settings"
    )
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="the member's own pitch and target clients (default: profile.toml in PATH)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of ``--config``, or the defaults."""
    return Settings.from_toml(args.config) if args.config else Settings()


def profiles_from(args: argparse.Namespace) -> dict[str, Profile]:
    """The profiles of ``--profile``, or of a profile.toml in the network folder."""
    if args.profile:
        return read_profiles(args.profile)
    beside = Path(args.path or "") / PROFILE_FILE
    return read_profiles(beside) if args.path and beside.is_file() else {}


BYTES_PER_ROW = 32  # a tie or an event in CSV takes a few dozen bytes


def start_loading_kernels(path: str | None) -> None:
    """On a large network folder, load the compiled kernels while the folder is read.

    The files' size bounds the number of rows, and so of edges, from above; reading
    (mostly outside Python's lock) and loading the kernels then overlap instead of
    following each other.
    """
    folder = Path(path or "")
    if not path or not folder.is_dir():
        return
    size = sum(entry.stat().st_size for entry in folder.glob("*.csv") if entry.is_file())
    prepare_kernels(size // BYTES_PER_ROW)
