"""The commands that advise.

``advise`` says where to invest, ``trend`` shows the values over time and ``whatif`` the
values after a change.
"""

from __future__ import annotations

from typing import Any

__all__ = ["add_commands"]


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
