"""A block of members: the slice of the network that scoring them reads.

Every value is computed for a block of members at once; one member is a block of one.
A block finds its members' event rows through the scoring context's per-person
indexes, so its cost grows with the rows of its members, not with the network.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import numpy.typing as npt

from ..model._network import format_cents
from ..output._messages import Amount, Note
from ._arrays import Ints, KeySpace, group_sum, per_member, slices
from ._context import Scoring

__all__ = ["FEW_MEMBERS", "Block"]

#: Up to this many members, a block finds its rows by comparing each person column with
#: its members rather than through an index sorted once per date, and works out a
#: per-person fact (is a reason written down?) for its members' contacts only, unless
#: the whole network's is made already: one member's report then does not wait for
#: every person's.
FEW_MEMBERS = 4


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
        people = self.ctx.network.tables[section][column]
        if self.count <= FEW_MEMBERS:
            # a few members: compared with the column, without sorting it for an index
            mine = np.zeros(len(people), dtype=bool)
            for member in self.members.tolist():
                mine |= people == member
            rows = np.flatnonzero(mine).astype(np.int64)
        else:
            order, starts = self.ctx.index(section, column)
            _, positions = slices(starts[self.members], starts[self.members + 1])
            rows = np.sort(order[positions]).astype(np.int64)
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

    def count_rows(self, section: str, column: str = "member", dated: bool = True) -> Ints:
        """Per member: the rows of a section (up to ``as_of`` when dated) that are theirs."""
        rows = self.rows(section, column, dated=dated)
        return per_member(self.owner(section, rows, column), self.count)  # type: ignore[no-any-return]

    def reasons(self, enough: npt.NDArray[np.bool_], reason: str) -> npt.NDArray[np.object_]:
        """``None`` where the data can show a value, else why it cannot."""
        out = np.full(self.count, None, dtype=object)
        out[~np.asarray(enough, dtype=bool)] = reason
        return out

    def window(self, section: str, rows: Ints, since: np.datetime64) -> Ints:
        """The rows dated after ``since``."""
        return rows[self.ctx.network.tables[section]["date"][rows] > since]

    @cached_property
    def edges(self) -> tuple[Ints, Ints]:
        """The projection's edges of the block's members: (member position, neighbour)."""
        indptr = self.ctx.adjacency.indptr
        owner, positions = slices(indptr[self.members], indptr[self.members + 1])
        return owner, self.ctx.adjacency.indices[positions].astype(np.int64)

    @cached_property
    def degree(self) -> Ints:
        """The number of contacts of each member in the projection."""
        return np.diff(self.ctx.adjacency.indptr)[self.members].astype(np.int64)

    # -- money ------------------------------------------------------------------------
    @cached_property
    def _money(self) -> tuple[npt.NDArray[np.object_], Ints, Ints, Ints, Ints]:
        """Each member's main currency; the invoices in it, with their amounts; the others.

        The invoices in the report currency and in the currencies given a rate form one
        group, in the report currency; every other currency is a group of its own. A
        member's main currency is the group worth most (a currency without a rate
        counted one to one, as nothing better is known), ties to the convertible group,
        then alphabetically; the invoices of the other groups are left out and said.
        """
        settings = self.settings
        invoices = self.ctx.network.tables["invoices"]
        rows = self.rows("invoices")
        owner = self.owner("invoices", rows)
        names, codes = np.unique(invoices["currency"][rows].astype(str), return_inverse=True)
        codes = codes.astype(np.int64).reshape(-1)
        rates = np.array([settings.rate(c) or np.nan for c in names.tolist()], dtype=np.float64)
        amount = invoices["amount"][rows].astype(np.int64)
        convertible = ~np.isnan(rates[codes]) if len(rows) else np.zeros(0, dtype=bool)
        converted = np.where(
            convertible, np.round(amount * np.nan_to_num(rates[codes], nan=1.0)), amount
        ).astype(np.int64)
        group = np.where(convertible, -1, codes)  # -1: the report currency's group
        space = KeySpace(self.count, len(names) + 1)
        keys, worth = group_sum(space.pack(owner, group + 1), converted)
        key_owner, key_group = space.unpack(keys)
        # per member the group worth most; ties to the convertible group, then by name
        order = np.lexsort((key_group, -worth, key_owner))
        ranked_owner = key_owner[order]
        first = np.flatnonzero(np.diff(ranked_owner, prepend=-1) != 0)
        main = np.zeros(self.count, dtype=np.int64)  # 0: the convertible group
        main[ranked_owner[first]] = key_group[order][first]
        currency = np.array([settings.report_currency, *names.tolist()], dtype=object)[main]
        used = (group + 1) == main[owner]
        return currency, rows[used], converted[used], rows[~used], owner[~used]

    @property
    def currency(self) -> npt.NDArray[np.object_]:
        """Each member's main currency code."""
        return self._money[0]

    @property
    def invoice_rows(self) -> Ints:
        """The members' invoices up to ``as_of`` in their main currency (or converted to it)."""
        return self._money[1]

    @property
    def invoice_amounts(self) -> Ints:
        """The cents of :attr:`invoice_rows`, in the member's main currency."""
        return self._money[2]

    def excluded_invoices(self, since: np.datetime64) -> Ints:
        """Per member: invoices after ``since`` left out (another currency, no rate)."""
        _, _, _, rows, owner = self._money
        late = self.ctx.network.tables["invoices"]["date"][rows] > since
        return per_member(owner[late], self.count)  # type: ignore[no-any-return]

    def excluded_revenue(self, since: np.datetime64) -> npt.NDArray[np.object_]:
        """Per member: the amounts left out after ``since``, per currency, as text."""
        _, _, _, rows, owner = self._money
        invoices = self.ctx.network.tables["invoices"]
        late = invoices["date"][rows] > since
        out = np.full(self.count, "", dtype=object)
        totals: dict[tuple[int, str], int] = {}
        for member, code, cents in zip(
            owner[late].tolist(),
            invoices["currency"][rows[late]].tolist(),
            invoices["amount"][rows[late]].tolist(),
            strict=True,
        ):
            totals[(member, str(code))] = totals.get((member, str(code)), 0) + int(cents)
        for (member, code), cents in sorted(totals.items()):
            text = f"{code} {format_cents(cents)}"
            out[member] = f"{out[member]}; {text}" if out[member] else text
        return out

    def excluded_note(self, excluded: int, left_out: str, i: int) -> list[Note]:
        """The note on invoices left out of the ``i``-th member's values, if any."""
        if not excluded:
            return []
        amounts = tuple(Amount.parse(part) for part in left_out.split("; ") if part)
        currency = str(self.currency[i])
        return [Note("left_out_invoices", count=excluded, left_out=amounts, currency=currency)]

    def window_start_text(self, start: np.datetime64) -> npt.NDArray[np.object_]:
        """The first day of a window, as text, for every member."""
        return np.full(self.count, str(start + np.timedelta64(1, "D")), dtype=object)
