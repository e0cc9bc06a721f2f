"""A block of members: the slice of the network that scoring them reads.

Every value is computed for a block of members at once; one member is a block of one.
A block finds its members' event rows through the scoring context's per-person
indexes, so its cost grows with the rows of its members, not with the network.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import numpy.typing as npt

from ._arrays import Ints, KeySpace, per_member, unique
from ._context import Scoring

__all__ = ["Block"]


class Block:
    """Members (person rows) scored together, with their position ``0 .. count - 1``."""

    def __init__(self, ctx: Scoring, members: npt.ArrayLike) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.members: Ints = np.asarray(members, dtype=np.int64).reshape(-1)
        self.count = len(self.members)
        self.n = ctx.network.size
        self.position: Ints = np.full(self.n, -1, dtype=np.int64)
        self.position[self.members] = np.arange(self.count)
        # (member position, person) pairs; refuses a block too large to key exactly
        self.pairs = KeySpace(self.count, self.n)

    def rows(
        self,
        section: str,
        column: str = "member",
        since: np.datetime64 | None = None,
        dated: bool = True,
    ) -> Ints:
        """Rows of a section whose ``column`` is a member of the block, in file order.

        Of a dated section only rows up to ``as_of`` count, and after ``since`` if given.
        """
        order, starts = self.ctx.index(section, column)
        low, high = starts[self.members], starts[self.members + 1]
        lengths = high - low
        total = int(lengths.sum())
        first = np.repeat(low - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        rows = np.sort(order[first + np.arange(total)]).astype(np.int64)
        if not dated:
            return rows
        dates = self.ctx.network.tables[section]["date"][rows]
        keep = dates <= self.ctx.as_of
        if since is not None:
            keep &= dates > since
        return rows[keep]

    def owner(self, section: str, rows: Ints, column: str = "member") -> Ints:
        """The block position of the member each row belongs to (``-1``: none)."""
        owners: Ints = self.position[self.ctx.network.tables[section][column][rows]]
        return owners

    def window(self, section: str, rows: Ints, since: np.datetime64) -> Ints:
        """The rows dated after ``since``."""
        return rows[self.ctx.network.tables[section]["date"][rows] > since]

    @cached_property
    def edges(self) -> tuple[Ints, Ints]:
        """The projection's edges of the block's members: (member position, neighbour)."""
        adjacency = self.ctx.adjacency
        lengths = np.diff(adjacency.indptr)[self.members].astype(np.int64)
        low = adjacency.indptr[self.members].astype(np.int64)
        first = np.repeat(low - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        neighbour = adjacency.indices[first + np.arange(int(lengths.sum()))].astype(np.int64)
        return np.repeat(np.arange(self.count), lengths), neighbour

    @cached_property
    def degree(self) -> Ints:
        """The number of contacts of each member in the projection."""
        return np.diff(self.ctx.adjacency.indptr)[self.members].astype(np.int64)

    # -- money ------------------------------------------------------------------------
    @cached_property
    def _currencies(self) -> tuple[npt.NDArray[np.object_], Ints, Ints, Ints]:
        """Each member's main currency, and their invoices in it and in others.

        The main currency is the one most of a member's invoices up to ``as_of`` are
        in (ties: alphabetical; EUR without invoices).
        """
        invoices = self.ctx.network.tables["invoices"]
        rows = self.rows("invoices")
        names, codes = np.unique(invoices["currency"][rows].astype(str), return_inverse=True)
        codes = codes.astype(np.int64).reshape(-1)
        owner = self.owner("invoices", rows)
        kinds = KeySpace(self.count, len(names))
        pair, counts = unique(kinds.pack(owner, codes), return_counts=True)
        pair_owner, pair_code = kinds.unpack(pair)
        order = np.lexsort((pair_code, -counts, pair_owner))
        ranked_owner = pair_owner[order]
        first = np.flatnonzero(np.diff(ranked_owner, prepend=-1) != 0)
        main = np.full(self.count, len(names), dtype=np.int64)
        main[ranked_owner[first]] = pair_code[order][first]
        currency_names = np.array([*names.tolist(), "EUR"], dtype=object)
        same = codes == main[owner]
        return currency_names[main], rows[same], rows[~same], owner[~same]

    @property
    def currency(self) -> npt.NDArray[np.object_]:
        """Each member's main currency code."""
        return self._currencies[0]

    @property
    def invoice_rows(self) -> Ints:
        """The members' invoices up to ``as_of`` in their main currency."""
        return self._currencies[1]

    def excluded_invoices(self, since: np.datetime64) -> Ints:
        """Per member: invoices after ``since`` in another currency than the main one."""
        _, _, rows, owner = self._currencies
        late = self.ctx.network.tables["invoices"]["date"][rows] > since
        return per_member(owner[late], self.count)  # type: ignore[no-any-return]

    def excluded_note(self, excluded: int, i: int) -> list[str]:
        """The note on invoices left out of the ``i``-th member's values, if any."""
        if not excluded:
            return []
        return [f"{excluded} invoice(s) in another currency than {self.currency[i]} left out"]

    def window_start_text(self, start: np.datetime64) -> npt.NDArray[np.object_]:
        """The first day of a window, as text, for every member."""
        return np.full(self.count, str(start + np.timedelta64(1, "D")), dtype=object)
