"""The one exception root of netgraph and the errors derived from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ConfigError", "DataError", "NetgraphError", "Problem", "StoreError"]


class NetgraphError(Exception):
    """Root of every error netgraph raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where it is.

    ``line`` is the 1-based physical line in a CSV file, or the 1-based position of an
    item within its section in a JSON file (``item`` is then true).
    """

    file: str
    line: int | None
    column: str | None
    message: str
    item: bool = False

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"item {self.line}" if self.item else f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(NetgraphError):
    """The input does not fit the data contract; nothing was loaded or written.

    Parameters
    ----------
    problems
        The problems found (at least one), in file and line order; a reader may keep only
        the first hundred or so.
    total
        How many problems were found in all, when more were found than ``problems``
        holds; the message says the true number.
    """

    max_shown = 20

    def __init__(self, problems: Sequence[Problem], *, total: int | None = None) -> None:
        if not problems:
            raise ValueError("a DataError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.total: int = max(total or 0, len(self.problems))
        shown = [str(p) for p in self.problems[: self.max_shown]]
        hidden = self.total - len(shown)
        if hidden:
            shown.append(f"... and {hidden:,} more problem{'s' if hidden > 1 else ''}")
        super().__init__("\n".join(shown))

    @classmethod
    def single(
        cls, file: str, line: int | None, column: str | None, message: str, *, item: bool = False
    ) -> DataError:
        """Make an error of one problem."""
        return cls([Problem(file, line, column, message, item)])


class ConfigError(NetgraphError):
    """A setting, threshold or argument is out of its allowed range."""


class StoreError(NetgraphError):
    """A store (for example a Neo4j server) failed or could not be reached."""
