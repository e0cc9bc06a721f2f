"""Reading the attendee list of an event: a plain CSV, a LinkedIn export or vCards.

A plain CSV may hold a name, an organisation and an e-mail address in any subset and
any order, with or without a header, separated by commas or semicolons (Dutch Excel's).
Header words are recognised in English and Dutch (``name``/``naam``,
``organisation``/``company``/``bedrijf``/``organisatie``, ``email``/``e-mail``/``mail``, and
first and last name columns); other columns are ignored. Without a header, the column
whose cells are e-mail addresses is the e-mail, the first other column the name and the
next one the organisation.

A LinkedIn ``Connections.csv`` (recognised by its header, after LinkedIn's notes) is read
by :mod:`netgraph.importers._linkedin`, a vCard file (``BEGIN:VCARD``) by
:mod:`netgraph.importers._vcard`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..importers._linkedin import EMAIL_PATTERN, find_linkedin_header, parse_linkedin_connections
from ..importers._vcard import parse_vcard_bytes
from ..io._textio import as_written, decode_utf8
from ..model._errors import DataError, Problem

__all__ = ["Attendee", "parse_attendees", "read_attendees"]

MAX_PROBLEMS = 100
SNIFF_LINES = 10
"""How many of the first non-blank lines decide the separator and the columns."""

# header word (folded: lower case, without spaces, '-', '_' and '.') -> field
_HEADER_WORDS: dict[str, str] = {}
for _field, _words in (
    ("name", ("name", "naam", "fullname", "volledigenaam", "attendee", "deelnemer")),
    ("first_name", ("firstname", "voornaam", "givenname")),
    ("last_name", ("lastname", "achternaam", "surname", "familienaam", "familyname")),
    (
        "organisation",
        (
            "organisation",
            "organization",
            "company",
            "bedrijf",
            "organisatie",
            "employer",
            "werkgever",
            "firma",
        ),
    ),
    ("email", ("email", "mail", "emailaddress", "emailadres", "mailadres")),
):
    for _word in _words:
        _HEADER_WORDS[_word] = _field

_FOLD_HEADER = re.compile(r"[\s\-_.]+")
_VCARD_START = re.compile(r"\s*begin:vcard", re.IGNORECASE)


@dataclass(frozen=True)
class Attendee:
    """One person on the attendee list of an event.

    Attributes
    ----------
    name
        As listed; may be empty when an e-mail address is given.
    organisation
        As listed, possibly empty.
    emails
        The e-mail addresses listed, the preferred one first (a vCard may hold several).
    line
        The line of the row (or of the card's ``BEGIN:VCARD``) in the file, for messages.
    """

    name: str
    organisation: str = ""
    emails: tuple[str, ...] = ()
    line: int = 0


def read_attendees(path: str | os.PathLike[str]) -> list[Attendee]:
    """Read an attendee file; see :func:`parse_attendees`.

    Raises
    ------
    DataError
        When the file cannot be read, is not UTF-8 (a vCard file may be in another
        character set), or has a bad row.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataError.single(str(file), None, None, f"cannot be read: {exc.strerror}") from None
    head = data[:64].decode("utf-8-sig", errors="replace")
    if _VCARD_START.match(head) or file.suffix.casefold() == ".vcf":
        return _from_vcards(data, str(file))
    return parse_attendees(decode_utf8(data, str(file)), str(file))


def parse_attendees(text: str, file: str = "attendees.csv") -> list[Attendee]:
    """The attendees of the text of an attendee file, in file order.

    Raises
    ------
    DataError
        Naming the file, line and column of every bad row: a row with another number of
        cells than the first, a row without a name and without an e-mail address, an
        e-mail address that is not one.

    Examples
    --------
    >>> rows = parse_attendees("E-mail;Naam\\njan@example.nl;Jan de Vries\\n;J. Bakker\\n")
    >>> [(a.name, a.emails, a.line) for a in rows]
    [('Jan de Vries', ('jan@example.nl',), 2), ('J. Bakker', (), 3)]
    >>> [a.organisation for a in parse_attendees("Anna van Beek,Zuiderzee Zorg\\n")]
    ['Zuiderzee Zorg']
    """
    text = text.removeprefix("\ufeff")
    if _VCARD_START.match(text):
        return _from_vcards(text.encode("utf-8"), file)
    if find_linkedin_header(text) is not None:
        return [
            Attendee(c.name, c.company, (c.email,) if c.email else (), c.line)
            for c in parse_linkedin_connections(text, file)
        ]
    lines = io.StringIO(text, newline="").readlines()
    sample = [line for line in lines if line.strip()][:SNIFF_LINES]
    if not sample:
        return []
    separator = _separator(sample)
    rows = _rows(lines, separator, file)
    if not rows:
        return []
    first = rows[0][1]
    fields = _header_fields(first)
    if fields is not None:
        titles = [cell.strip() for cell in first]
        body = rows[1:]
    else:
        fields = _guess_fields(first, [cells for _, cells in rows[:SNIFF_LINES]])
        titles = [field or f"#{i + 1}" for i, field in enumerate(fields)]
        body = rows
    return _attendees(body, fields, titles, file)


def _from_vcards(data: bytes, file: str) -> list[Attendee]:
    return [
        Attendee(card.name, card.organisation, card.emails, card.line)
        for card in parse_vcard_bytes(data, file)
    ]


def _separator(sample: list[str]) -> str:
    """``;`` or ``,``: the one that splits every sampled line into the same number of cells.

    When both do, the one giving more cells; a semicolon wins a tie, since a name
    written as ``Vries, Jan de`` holds a comma but seldom a semicolon.
    """
    best, best_width = ",", 1
    for separator in (";", ","):
        try:
            widths = {len(cells) for cells in csv.reader(sample, delimiter=separator)}
        except csv.Error:
            continue
        width = widths.pop() if len(widths) == 1 else 0
        if width > best_width:
            best, best_width = separator, width
    return best


def _rows(lines: list[str], separator: str, file: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows with the line each starts on."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(lines, delimiter=separator, strict=True)
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if cells and any(cell.strip() for cell in cells):
                rows.append((line, [as_written(cell) for cell in cells]))
    except csv.Error as exc:
        raise DataError.single(file, start, None, f"is not valid CSV: {exc}") from None
    return rows


def _header_fields(cells: list[str]) -> list[str | None] | None:
    """The field of each column if ``cells`` is a header row, else ``None``."""
    if any("@" in cell for cell in cells):
        return None
    fields = [_HEADER_WORDS.get(_FOLD_HEADER.sub("", cell.casefold())) for cell in cells]
    return fields if any(fields) else None


def _guess_fields(first: list[str], sample: list[list[str]]) -> list[str | None]:
    """The fields of a file without a header: e-mail by its cells, then name, organisation."""
    width = len(first)
    fields: list[str | None] = [None] * width
    for column in range(width):
        cells = [row[column].strip() for row in sample if column < len(row) and row[column].strip()]
        if cells and sum(bool(EMAIL_PATTERN.fullmatch(c)) for c in cells) * 2 > len(cells):
            fields[column] = "email"
            break
    rest = iter(("name", "organisation"))
    for column in range(width):
        if fields[column] is None:
            fields[column] = next(rest, None)
    return fields


def _attendees(
    rows: list[tuple[int, list[str]]],
    fields: list[str | None],
    titles: list[str],
    file: str,
) -> list[Attendee]:
    problems: list[Problem] = []
    total = 0

    def problem(line: int, column: str | None, message: str) -> None:
        nonlocal total
        total += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(file, line, column, message))

    title_of = {field: titles[i] for i, field in reversed(list(enumerate(fields))) if field}
    attendees = []
    for line, cells in rows:
        if len(cells) != len(fields):
            column = titles[len(cells)] if len(cells) < len(fields) else f"#{len(fields) + 1}"
            problem(line, column, f"the row has {len(cells)} cells but the first has {len(fields)}")
            continue
        attendee = _attendee(line, cells, fields, titles, title_of, problem)
        if attendee is not None:
            attendees.append(attendee)
    if problems:
        raise DataError(problems, total=total)
    return attendees


def _attendee(
    line: int,
    cells: list[str],
    fields: list[str | None],
    titles: list[str],
    title_of: dict[str, str],
    problem: Callable[[int, str | None, str], None],
) -> Attendee | None:
    values: dict[str, list[str]] = {}
    for field, cell in zip(fields, cells, strict=True):
        if field is not None and cell.strip():
            values.setdefault(field, []).append(" ".join(cell.split()))
    emails = values.get("email", [])
    for email in emails:
        if not EMAIL_PATTERN.fullmatch(email):
            column = titles[fields.index("email")]
            problem(
                line, column, f"expected an e-mail address like name@example.org (got {email!r})"
            )
            return None
    name = " ".join(values.get("name", []))
    if not name:
        name = " ".join(values.get("first_name", []) + values.get("last_name", []))
    if not name and not emails:
        named = [title_of[f] for f in ("name", "first_name", "email") if f in title_of]
        message = "the row has neither a name nor an e-mail address"
        problem(line, named[0] if named else None, message)
        return None
    organisation = " ".join(values.get("organisation", []))
    return Attendee(name, organisation, tuple(emails), line)
