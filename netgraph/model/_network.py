"""The in-memory network: one columnar table per section.

People and events are held as numpy columns (references as row indices into the people
or groups table, dates as ``datetime64[D]``, money as integer cents) so that the same
representation serves one freelancer and a million-member platform. Dataclass views and
text rows are made on demand for the public API and the writers.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from ._schema import SECTION_BY_NAME, SECTIONS, FieldKind, Section

__all__ = ["Network", "Table", "format_cents", "format_date", "format_score"]

NAT = np.datetime64("NaT", "D")


def format_date(value: np.datetime64) -> str:
    """ISO text of a date, or the empty string for a missing one."""
    if np.isnat(value):
        return ""
    return str(value.astype("datetime64[D]"))


def format_cents(cents: int) -> str:
    """Exact decimal text of an amount held in cents: ``1250`` gives ``'12.50'``."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{frac:02d}"


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(format_cents(cents))


@dataclass(frozen=True, eq=False)
class Table:
    """The rows of one section as columns.

    Attributes
    ----------
    section
        Which section of the data contract the rows belong to.
    columns
        One array per contract field, all of the same length.
    extras
        Columns the contract does not know, kept verbatim as text, in file order.
    lines
        The source line (CSV) or item number (JSON) of every row, for error messages.
    source
        The file the rows came from.
    """

    section: Section
    columns: Mapping[str, npt.NDArray[Any]]
    extras: Mapping[str, npt.NDArray[np.object_]]
    lines: npt.NDArray[np.int64]
    source: str

    def __len__(self) -> int:
        return int(self.lines.shape[0])

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        return self.columns[name]

    @classmethod
    def empty(cls, section: Section) -> Table:
        columns = {f.name: _empty_column(f.kind) for f in section.fields}
        return cls(section, columns, {}, np.zeros(0, dtype=np.int64), section.file_name)

    def copies(self) -> npt.NDArray[np.intp]:
        """Rows that repeat an earlier row exactly (every column, extras included).

        An event file with the same row twice is legal (two equal invoices can be two
        invoices), but it is often a copy made by mistake, so it is worth a warning.

        Examples
        --------
        >>> import netgraph
        >>> people = [{"id": "me", "name": "Me", "member": "yes"}, {"id": "a", "name": "A"}]
        >>> net = netgraph.network_from_dict({"people": people,
        ...     "interactions": [{"date": "2024-01-01", "contact": "a", "kind": "call"}] * 3})
        >>> net.tables["interactions"].copies().tolist()
        [1, 2]
        """
        if len(self) < 2:
            return np.zeros(0, dtype=np.intp)
        codes = []
        for column in [*self.columns.values(), *self.extras.values()]:
            values = column.astype(str) if column.dtype == object else column
            codes.append(np.unique(values, return_inverse=True)[1].reshape(-1))
        order = np.lexsort(codes[::-1]) if codes else np.arange(len(self))
        stacked = np.stack([c[order] for c in codes])
        same = np.concatenate([[False], np.all(stacked[:, 1:] == stacked[:, :-1], axis=0)])
        return np.sort(order[same]).astype(np.intp)

    def take(self, rows: npt.NDArray[np.intp]) -> Table:
        """The table restricted to (and reordered by) the given row positions."""
        return Table(
            self.section,
            {k: v[rows] for k, v in self.columns.items()},
            {k: v[rows] for k, v in self.extras.items()},
            self.lines[rows],
            self.source,
        )


def _empty_column(kind: FieldKind) -> npt.NDArray[Any]:
    if kind in (FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER):
        return np.zeros(0, dtype=np.int32)
    if kind is FieldKind.DATE:
        return np.zeros(0, dtype="datetime64[D]")
    if kind in (FieldKind.MONEY, FieldKind.INT):
        return np.zeros(0, dtype=np.int64)
    if kind is FieldKind.SCORE:
        return np.zeros(0, dtype=np.float64)
    if kind is FieldKind.YESNO:
        return np.zeros(0, dtype=bool)
    return np.zeros(0, dtype=object)


class Network:
    """A validated network: people, groups and the events between them.

    Build one with :func:`netgraph.load_network` (a folder or JSON file) or
    :func:`netgraph.network_from_dict`; it is immutable afterwards.
    """

    __slots__ = ("__weakref__", "_group_index", "_person_index", "tables")

    def __init__(self, tables: Mapping[str, Table]) -> None:
        self.tables: dict[str, Table] = {
            s.name: tables.get(s.name, Table.empty(s)) for s in SECTIONS
        }
        self._person_index: dict[str, int] | None = None
        self._group_index: dict[str, int] | None = None

    # -- people and groups -------------------------------------------------
    @property
    def people(self) -> Table:
        return self.tables["people"]

    @property
    def groups(self) -> Table:
        return self.tables["groups"]

    @property
    def person_ids(self) -> npt.NDArray[np.object_]:
        return self.people["id"]

    @property
    def size(self) -> int:
        """The number of people."""
        return len(self.people)

    def person_index(self, person_id: str) -> int:
        """Row of a person in the people table; ``KeyError`` if unknown."""
        if self._person_index is None:
            self._person_index = {pid: i for i, pid in enumerate(self.person_ids.tolist())}
        return self._person_index[person_id]

    def group_index(self, group_id: str) -> int:
        if self._group_index is None:
            self._group_index = {gid: i for i, gid in enumerate(self.groups["id"].tolist())}
        return self._group_index[group_id]

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Ids of the people whose network is scored, in file order."""
        return tuple(self.person_ids[self.people["member"]].tolist())

    # -- text form ---------------------------------------------------------
    def header(self, section: str) -> tuple[str, ...]:
        table = self.tables[section]
        return table.section.field_names + tuple(table.extras)

    def rows(self, section: str) -> Iterator[dict[str, str]]:
        """The rows of a section as text, exactly as a CSV file of the contract holds them."""
        table = self.tables[section]
        names = self.header(section)
        text_columns = [self._text_column(table, f.name) for f in table.section.fields]
        text_columns += [table.extras[k].tolist() for k in table.extras]
        for values in zip(*text_columns, strict=True):
            yield dict(zip(names, values, strict=True))

    def _text_column(self, table: Table, name: str) -> list[str]:
        kind = table.section.field(name).kind
        column = table[name]
        if kind in (FieldKind.PERSON, FieldKind.MEMBER):
            return self.person_ids[column].tolist()  # type: ignore[no-any-return]
        if kind is FieldKind.GROUP:
            return self.groups["id"][column].tolist()  # type: ignore[no-any-return]
        if kind is FieldKind.DATE:
            text = np.datetime_as_string(column, unit="D")
            return ["" if t == "NaT" else t for t in text.tolist()]
        if kind is FieldKind.MONEY:
            return [format_cents(c) for c in column.tolist()]
        if kind is FieldKind.INT:
            return [str(v) for v in column.tolist()]
        if kind is FieldKind.SCORE:
            return [format_score(v) for v in column.tolist()]
        if kind is FieldKind.YESNO:
            return ["yes" if v else "no" for v in column.tolist()]
        if kind is FieldKind.TAGS:
            return [";".join(v) for v in column.tolist()]
        return column.tolist()  # type: ignore[no-any-return]

    def canonical(self) -> dict[str, list[tuple[tuple[str, str], ...]]]:
        """Order-free content: per section, the sorted rows with empty extras left out.

        Two networks with the same canonical form hold the same information, whatever
        the order of their rows or columns.
        """
        out: dict[str, list[tuple[tuple[str, str], ...]]] = {}
        for section in SECTION_BY_NAME:
            rows = [
                tuple(
                    sorted((k, v) for k, v in row.items() if v != "" or k in self._known(section))
                )
                for row in self.rows(section)
            ]
            out[section] = sorted(rows)
        return out

    def _known(self, section: str) -> frozenset[str]:
        return frozenset(SECTION_BY_NAME[section].field_names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return self.canonical() == other.canonical()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items() if len(v))
        return f"Network({counts})"


def format_score(value: float) -> str:
    """The contract's text of a satisfaction score: ``8.0`` gives ``'8'``, ``8.25`` ``'8.25'``."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
