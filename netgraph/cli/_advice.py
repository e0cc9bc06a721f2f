"""The ``advise`` command (where to invest) and ``whatif`` (the values after a change)."""

from __future__ import annotations

from typing import Any

__all__ = ["add_commands"]


def add_commands(commands: Any) -> None:
    """Add this module's subcommands to the command line's subparsers."""
