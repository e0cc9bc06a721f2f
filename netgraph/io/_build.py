"""Checking raw text rows against the data contract and building a :class:`Network`.

All readers end here, so every rule (types, ranges, references, self-references,
duplicates) is enforced once and reported the same way: file, line, column, and what
was expected. Nothing is built unless everything is right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model._errors import DataError, Problem
from ..model._network import Network, Table
from ..model._schema import SECTION_BY_NAME, SECTIONS, Field, FieldKind, Section

__all__ = ["RawTable", "build_network"]

MAX_PROBLEMS = 100
MAX_CENTS = 10**15  # ten trillion in whole units: beyond any invoice, far from int64 limits

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
#: An amount as written: whole units, then at most two decimals after a '.'.
MONEY_PATTERN = r"(?P<whole>[0-9]{1,16})(?:\.(?P<cents>[0-9]{1,2}))?"
_MONEY = re.compile(MONEY_PATTERN, re.ASCII)
_NUMBER = re.compile(r"-?\d{1,16}(?:\.\d{1,16})?", re.ASCII)
_INT = re.compile(r"-?\d{1,16}", re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_CURRENCY = re.compile(r"[A-Z]{3}")
_YES = {"yes": True, "no": False, "ja": True, "nee": False, "true": True, "false": False}


@dataclass
class RawTable:
    """Text rows of one section as a reader found them.

    Attributes
    ----------
    section
        Name of the section (``"people"``, ``"ties"``, ...).
    source
        File name used in error messages.
    columns
        Column name to the text of every row, in header order.
    lines
        Line (or item) number of every row.
    item
        True when ``lines`` counts items of a JSON list rather than lines of a file.
    header_line
        Where the header is, for errors about columns.
    """

    section: str
    source: str
    columns: dict[str, list[str]]
    lines: list[int]
    item: bool = False
    header_line: int | None = 1


@dataclass
class _Problems:
    found: list[Problem] = field(default_factory=list)
    total: int = 0  # all problems found, also those not kept

    def add(self, raw: RawTable, row: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.found) >= MAX_PROBLEMS:
            return
        line = raw.header_line if row is None else raw.lines[row]
        self.found.append(Problem(raw.source, line, column, message, raw.item and row is not None))

    @property
    def full(self) -> bool:
        return len(self.found) >= MAX_PROBLEMS

    def more(self, count: int) -> None:
        """Count problems found but not looked at one by one."""
        self.total += max(count, 0)

    def error(self, found: list[Problem] | None = None) -> DataError:
        return DataError(self.found if found is None else found, total=self.total)


def build_network(raw_tables: Sequence[RawTable], *, people_source: str = "people.csv") -> Network:
    """Check raw rows against the data contract and build the network.

    Raises
    ------
    DataError
        With every problem found (up to a hundred), if anything is wrong.
    """
    problems = _Problems()
    by_section: dict[str, RawTable] = {}
    for raw in raw_tables:
        if raw.section not in SECTION_BY_NAME:
            problems.add(raw, None, None, f"unknown section '{raw.section}'")
            continue
        if raw.section in by_section:
            problems.add(raw, None, None, f"section '{raw.section}' is given twice")
            continue
        by_section[raw.section] = raw
    if "people" not in by_section:
        raise DataError([Problem(people_source, None, None, "is missing: people are required")])
    for raw in by_section.values():
        _check_header(raw, SECTION_BY_NAME[raw.section], problems)
    if problems.found:
        raise problems.error()

    builder = _Builder(problems)
    tables: dict[str, Table] = {}
    for section in SECTIONS:  # people and groups first: the others refer to them
        found = by_section.get(section.name)
        if found is not None:
            tables[section.name] = builder.table(section, found)
    if problems.found:
        raise problems.error(_in_line_order(problems.found))
    return Network(tables)


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """Problems file by file (in the order first met), each file's by line."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.line or 0))


def _check_header(raw: RawTable, section: Section, problems: _Problems) -> None:
    seen: set[str] = set()
    for position, name in enumerate(raw.columns, start=1):
        if not name.strip():
            problems.add(raw, None, f"#{position}", "the header has a column without a name")
        if name in seen:
            problems.add(raw, None, name, "the header names this column twice")
        seen.add(name)
    for f in section.fields:
        if f.required and f.name not in raw.columns:
            problems.add(
                raw,
                None,
                f.name,
                f"required column '{f.name}' is missing from the header"
                if not raw.item
                else f"required field '{f.name}' is missing from every row",
            )


class _Builder:
    def __init__(self, problems: _Problems) -> None:
        self.problems = problems
        self.person_index: dict[str, int] = {}
        self.group_index: dict[str, int] = {}
        self.members: npt.NDArray[np.intp] = np.zeros(0, dtype=np.intp)
        self.member_flags: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self.bad_rows: set[int] = set()  # rows of the current table with a bad reference

    def table(self, section: Section, raw: RawTable) -> Table:
        self.bad_rows = set()
        n = len(raw.lines)
        columns: dict[str, npt.NDArray[Any]] = {}
        for f in section.fields:
            text = raw.columns.get(f.name)
            if text is None:
                text = [f.default] * n
            columns[f.name] = self._column(raw, f, text)
        extras = {
            name: _object_array(values)
            for name, values in raw.columns.items()
            if name not in section.field_names
        }
        table = Table(section, columns, extras, np.asarray(raw.lines, dtype=np.int64), raw.source)
        self._after(section, raw, table)
        return table

    # -- per column ---------------------------------------------------------
    def _column(self, raw: RawTable, f: Field, text: list[str]) -> npt.NDArray[Any]:
        kind = f.kind
        if kind is FieldKind.ID:
            return self._ids(raw, f, text)
        if kind is FieldKind.TEXT:
            if f.required:
                for row, value in enumerate(text):
                    if not value.strip():
                        self.problems.add(raw, row, f.name, f"'{f.name}' must not be empty")
            return _object_array(text)
        if kind in (FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER):
            return self._references(raw, f, text)
        if kind is FieldKind.DATE:
            return self._dates(raw, f, text)
        parse = PARSERS[kind]
        placeholder = _PLACEHOLDERS[kind]
        out: list[Any] = []
        for row, value in enumerate(text):
            stripped = value.strip()
            if not stripped:
                if f.required:
                    self.problems.add(raw, row, f.name, f"'{f.name}' must not be empty")
                    out.append(placeholder)
                    continue
                stripped = f.default
            try:
                out.append(parse(f, stripped))
            except ValueError as exc:
                self.problems.add(raw, row, f.name, f"{exc} (got {_show(value)})")
                out.append(placeholder)
        if kind is FieldKind.TAGS:
            return _object_array(out)
        return np.asarray(out, dtype=DTYPES.get(kind, object))

    def _ids(self, raw: RawTable, f: Field, text: list[str]) -> npt.NDArray[Any]:
        index: dict[str, int] = {}
        ids: list[str] = []
        for row, value in enumerate(text):
            key = value.strip()
            if not key:
                self.problems.add(raw, row, f.name, "an id must not be empty")
            elif key in index:
                first = raw.lines[index[key]]
                where = "item" if raw.item else "line"
                self.problems.add(
                    raw, row, f.name, f"duplicate id {_show(key)} (first on {where} {first})"
                )
            else:
                index[key] = row
            ids.append(key)
        if raw.section == "people":
            self.person_index = index
        else:
            self.group_index = index
        return _object_array(ids)

    def _references(self, raw: RawTable, f: Field, text: list[str]) -> npt.NDArray[Any]:
        index = self.group_index if f.kind is FieldKind.GROUP else self.person_index
        target = "groups.csv" if f.kind is FieldKind.GROUP else "people.csv"
        only_member = int(self.members[0]) if len(self.members) == 1 else -1
        out = np.empty(len(text), dtype=np.int32)
        for row, value in enumerate(text):
            key = value.strip()
            if not key:
                if f.kind is FieldKind.MEMBER and only_member >= 0:
                    out[row] = only_member
                    continue
                if f.kind is FieldKind.MEMBER:
                    self.problems.add(raw, row, f.name, self._which_member())
                else:
                    self.problems.add(raw, row, f.name, f"'{f.name}' must not be empty")
                self.bad_rows.add(row)
                out[row] = 0
                continue
            position = index.get(key)
            if position is None:
                self.problems.add(raw, row, f.name, f"unknown id {_show(key)}: not in {target}")
                self.bad_rows.add(row)
                position = 0
            elif f.kind is FieldKind.MEMBER and not self.member_flags[position]:
                self.problems.add(
                    raw, row, f.name, f"{_show(key)} is not a member (member=yes in people.csv)"
                )
            out[row] = position
        return out

    def _which_member(self) -> str:
        if len(self.members) == 0:
            return "no person has member=yes in people.csv, so the member cannot be left empty"
        return f"the network has {len(self.members)} members, so 'member' must say which one"

    def _dates(self, raw: RawTable, f: Field, text: list[str]) -> npt.NDArray[Any]:
        cache: dict[str, np.datetime64] = {}
        out = np.empty(len(text), dtype="datetime64[D]")
        for row, value in enumerate(text):
            key = value.strip()
            parsed = cache.get(key)
            if parsed is None:
                try:
                    parsed = parse_date(key)
                except ValueError as exc:
                    self.problems.add(raw, row, f.name, f"{exc} (got {_show(value)})")
                    parsed = np.datetime64("NaT", "D")
                else:
                    cache[key] = parsed
            if f.required and np.isnat(parsed) and key == "":
                self.problems.add(raw, row, f.name, f"'{f.name}' must not be empty")
            out[row] = parsed
        return out

    # -- rules across columns -----------------------------------------------
    def _after(self, section: Section, raw: RawTable, table: Table) -> None:
        name = section.name
        if name == "people":
            self.member_flags = table["member"]
            self.members = np.flatnonzero(self.member_flags)
            return
        good = np.ones(len(table), dtype=bool)
        good[list(self.bad_rows)] = False
        pairs = SAME_PERSON_RULES.get(name, ())
        for left, right, message in pairs:
            same = np.flatnonzero((table[left] == table[right]) & good)
            for row in same[:MAX_PROBLEMS].tolist():
                self.problems.add(raw, row, right, message)
            self.problems.more(len(same) - MAX_PROBLEMS)
        if name == "ties":
            self._duplicate_pairs(raw, table, good)
        if name == "invoices":
            self._repeated_numbers(raw, table, good)
        if name == "memberships":
            since, until = table["since"], table["until"]
            bad = np.flatnonzero(~np.isnat(since) & ~np.isnat(until) & (until < since))
            for row in bad[:MAX_PROBLEMS].tolist():
                self.problems.add(raw, row, "until", "'until' is before 'since'")
            self.problems.more(len(bad) - MAX_PROBLEMS)

    def _repeated_numbers(self, raw: RawTable, table: Table, good: npt.NDArray[np.bool_]) -> None:
        """An invoice number may appear once per member: a repeat is a copied invoice."""
        where = "item" if raw.item else "line"
        for row, first in repeated_invoice_numbers(table, good):
            self.problems.add(
                raw,
                row,
                "number",
                f"invoice number {_show(str(table['number'][row]))} again (first on {where} "
                f"{raw.lines[first]}); a repeated number is the same invoice twice",
            )

    def _duplicate_pairs(self, raw: RawTable, table: Table, good: npt.NDArray[np.bool_]) -> None:
        a = table["a"].astype(np.int64)
        b = table["b"].astype(np.int64)
        key = np.minimum(a, b) * (len(self.person_index) + 1) + np.maximum(a, b)
        rows = np.flatnonzero(good)
        order = rows[np.argsort(key[rows], kind="stable")]
        ordered = key[order]
        first_of_run = np.concatenate([[True], ordered[1:] != ordered[:-1]])
        starts = np.where(first_of_run, np.arange(len(order)), 0)
        run_start = order[np.maximum.accumulate(starts)] if len(order) else order
        where = "item" if raw.item else "line"
        second = np.flatnonzero(~first_of_run)
        self.problems.more(len(second) - MAX_PROBLEMS)
        for k in second[:MAX_PROBLEMS].tolist():
            self.problems.add(
                raw,
                int(order[k]),
                "b",
                f"a second tie between the same two people (first on {where} "
                f"{raw.lines[int(run_start[k])]}); give one tie with a strength instead",
            )


def repeated_invoice_numbers(
    table: Table, good: npt.NDArray[np.bool_] | None = None
) -> list[tuple[int, int]]:
    """(row, first row) of every invoice whose member and non-empty number came before.

    Both readers apply this rule: the exact one reports each repeat, the fast one
    hands the folder to the exact one when there is any.
    """
    numbers = np.array([str(n).strip() for n in table["number"].tolist()], dtype=object)
    rows = np.flatnonzero((numbers != "") & (True if good is None else good))
    seen: dict[tuple[int, str], int] = {}
    found = []
    for row in rows.tolist():
        key = (int(table["member"][row]), str(numbers[row]))
        if key in seen:
            found.append((row, seen[key]))
        else:
            seen[key] = row
    return found[: MAX_PROBLEMS + 1]


SAME_PERSON_RULES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "ties": (("a", "b", "a tie of a person with themselves"),),
    "referrals": (
        ("referrer", "referred", "a referral of someone to themselves"),
        ("referrer", "member", "the member cannot refer someone to themselves"),
        ("referred", "member", "the member cannot be referred to themselves"),
    ),
    "recommendations": (("by", "member", "a member cannot recommend themselves"),),
    "invoices": (("client", "member", "a member cannot invoice themselves"),),
    "interactions": (("contact", "member", "an interaction of a member with themselves"),),
    "satisfaction": (("client", "member", "a member cannot score their own satisfaction"),),
    "exchanges": (("from", "to", "an exchange of a person with themselves"),),
}


def _show(value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)


def _object_array(values: Sequence[Any]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def parse_date(text: str) -> np.datetime64:
    if not text:
        return np.datetime64("NaT", "D")
    if not _DATE.fullmatch(text):
        raise ValueError("expected a date as YYYY-MM-DD")
    try:
        return np.datetime64(date.fromisoformat(text), "D")
    except ValueError:
        raise ValueError("not a real calendar date") from None


def _parse_money(f: Field, text: str) -> int:
    match = _MONEY.fullmatch(text)
    if match is None:
        if text.startswith("-"):
            raise ValueError("amounts must not be negative")
        if "," in text:
            raise ValueError("expected an amount with a '.' as decimal separator, like 1250.00")
        raise ValueError("expected an amount like 1250.00 (at most two decimals)")
    whole, frac = match.group(1), (match.group(2) or "").ljust(2, "0")
    cents = int(whole) * 100 + int(frac)
    if cents > MAX_CENTS:
        raise ValueError("amount is implausibly large")
    return cents


def _parse_int(f: Field, text: str) -> int:
    if not _INT.fullmatch(text):
        raise ValueError(f"expected a whole number from {f.low:g} to {f.high:g}")
    value = int(text)
    if (f.low is not None and value < f.low) or (f.high is not None and value > f.high):
        raise ValueError(f"expected a whole number from {f.low:g} to {f.high:g}")
    return value


def _parse_score(f: Field, text: str) -> float:
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"expected a number from {f.low:g} to {f.high:g}")
    try:
        value = float(Decimal(text))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ValueError("expected a number") from None
    if (f.low is not None and value < f.low) or (f.high is not None and value > f.high):
        raise ValueError(f"expected a number from {f.low:g} to {f.high:g}")
    return value


def _parse_choice(f: Field, text: str) -> str:
    lowered = text.lower()
    if lowered and lowered not in f.choices:
        raise ValueError(f"expected one of {', '.join(f.choices)}")
    return lowered


def _parse_tags(f: Field, text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(";") if t.strip())


def _parse_yesno(f: Field, text: str) -> bool:
    try:
        return _YES[text.lower()]
    except KeyError:
        raise ValueError("expected yes or no") from None


def _parse_currency(f: Field, text: str) -> str:
    if not _CURRENCY.fullmatch(text):
        raise ValueError("expected a three-letter currency code like EUR")
    return text


def _parse_email(f: Field, text: str) -> str:
    if text and not _EMAIL.fullmatch(text):
        raise ValueError("expected an e-mail address like name@example.org")
    return text


PARSERS: Mapping[FieldKind, Any] = {
    FieldKind.MONEY: _parse_money,
    FieldKind.INT: _parse_int,
    FieldKind.SCORE: _parse_score,
    FieldKind.CHOICE: _parse_choice,
    FieldKind.TAGS: _parse_tags,
    FieldKind.YESNO: _parse_yesno,
    FieldKind.CURRENCY: _parse_currency,
    FieldKind.EMAIL: _parse_email,
}
_PLACEHOLDERS: Mapping[FieldKind, Any] = {
    FieldKind.MONEY: 0,
    FieldKind.INT: 0,
    FieldKind.SCORE: 0.0,
    FieldKind.CHOICE: "",
    FieldKind.TAGS: (),
    FieldKind.YESNO: False,
    FieldKind.CURRENCY: "",
    FieldKind.EMAIL: "",
}
DTYPES: Mapping[FieldKind, Any] = {
    FieldKind.MONEY: np.int64,
    FieldKind.INT: np.int64,
    FieldKind.SCORE: np.float64,
    FieldKind.YESNO: bool,
}
