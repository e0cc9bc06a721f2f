"""Reading LinkedIn's ``Connections.csv`` export.

LinkedIn's data export ("Get a copy of your data") holds a ``Connections.csv`` with one
row per first-degree connection. Recent exports start with a few lines of notes before
the header::

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Anouk,Schrödinger,https://www.linkedin.com/in/anouk-schrodinger,,Lumen B.V.,Coach,15 Mar 2024

Older exports have no notes and no ``URL`` column. Most e-mail cells are empty: a
connection's address is only exported when they allow it. ``Connected On`` reads like
``15 Mar 2024``; a file saved again by a spreadsheet may hold ``15-Mar-24`` instead (a
two-digit year is read by Excel's rule: 00-29 are 20xx, 30-99 are 19xx), and
Dutch month names (``15 mrt 2024``) and ISO dates (``2024-03-15``) are read as well.
Numeric dates such as ``03/04/2024`` are refused: they mean different days in
different countries.

The export holds only links between its owner and each connection, never between two
connections.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..io._textio import decode_utf8, other_separator, separator_hint
from ..model._errors import DataError, Problem

__all__ = [
    "LinkedInContact",
    "find_linkedin_header",
    "normalise_linkedin_url",
    "parse_linkedin_connections",
    "parse_linkedin_date",
    "read_linkedin_connections",
]

MAX_PROBLEMS = 100
TWO_DIGIT_PIVOT = 30
"""A two-digit year below this is 20YY, from it on 19YY (Excel's default rule)."""

EMAIL_PATTERN = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")
"""The shape of an e-mail address: what the data contract checks, without ',' and ';'
(which separate addresses in a list)."""

# Column of the export -> attribute of LinkedInContact. Matched without case.
_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}
_REQUIRED = ("First Name", "Last Name", "Connected On")
_EXPECTED_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_EXAMPLE_URL = "https://www.linkedin.com/in/name"

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january", "januari"),
        ("feb", "february", "februari"),
        ("mar", "march", "mrt", "maart"),
        ("apr", "april"),
        ("may", "mei"),
        ("jun", "june", "juni"),
        ("jul", "july", "juli"),
        ("aug", "august", "augustus"),
        ("sep", "sept", "september"),
        ("oct", "october", "okt", "oktober"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([ -])([^\W\d_]{3,9})\.?\2(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}")


@dataclass(frozen=True)
class LinkedInContact:
    """One row of LinkedIn's ``Connections.csv``.

    Attributes
    ----------
    first_name, last_name
        As LinkedIn has them; one of the two may be empty, not both.
    url
        The profile address as exported (empty in older exports); see
        :func:`normalise_linkedin_url` for the form used to recognise a person.
    email
        Usually empty: LinkedIn exports an address only when the connection allows it.
    company, position
        The connection's current employer and job title, possibly empty.
    connected_on
        The day the connection was made, if given.
    line
        The line of the row in the file, for messages.
    """

    first_name: str
    last_name: str
    url: str
    email: str
    company: str
    position: str
    connected_on: date | None
    line: int

    @property
    def name(self) -> str:
        """First and last name joined by a space."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def parse_linkedin_date(text: str) -> date:
    """Read a ``Connected On`` date: ``15 Mar 2024``, ``15-Mar-24`` or ``2024-03-15``.

    Month names may be English or Dutch, abbreviated or in full, in any case. A
    two-digit year is read as a spreadsheet writes and reads it by default (Excel's
    rule): ``00`` to ``29`` are 2000 to 2029, ``30`` to ``99`` are 1930 to 1999. The rule
    is fixed, never taken from today's date, so the same file always gives the same
    dates; write four digits for a year it does not cover.

    Raises
    ------
    ValueError
        With a message fit for the user when the text is not such a date.

    Examples
    --------
    >>> parse_linkedin_date("15 Mar 2024")
    datetime.date(2024, 3, 15)
    >>> parse_linkedin_date("1-okt-23")
    datetime.date(2023, 10, 1)
    >>> parse_linkedin_date("1-Jan-99")
    datetime.date(1999, 1, 1)
    """
    value = text.strip()
    match = _DAY_MONTH_YEAR.fullmatch(value)
    if match is not None:
        day, _, month_name, year_text = match.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            raise ValueError(f"unknown month {month_name!r}; expected a date like 15 Mar 2024")
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year < TWO_DIGIT_PIVOT else 1900
        return _real_date(year, month, int(day))
    match = _ISO.fullmatch(value)
    if match is not None:
        return _real_date(*(int(g) for g in match.groups()))
    if _NUMERIC.fullmatch(value):
        raise ValueError(
            "a date in numbers only is ambiguous (day or month first?); "
            "expected a date like 15 Mar 2024 or 2024-03-15"
        )
    raise ValueError("expected a date like 15 Mar 2024")


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("not a real calendar date") from None


def normalise_linkedin_url(url: str) -> str | None:
    """The canonical form of a LinkedIn profile address, or ``None`` if it is not one.

    Scheme, ``www.`` or a country prefix (``nl.linkedin.com``), case, percent-encoding,
    a trailing slash, a query string, a fragment and any page below the profile
    (``/details/experience``) make no difference.

    Examples
    --------
    >>> normalise_linkedin_url("HTTP://NL.LinkedIn.com/in/Anouk-Schrodinger/?trk=abc")
    'https://www.linkedin.com/in/anouk-schrodinger'
    >>> normalise_linkedin_url("linkedin.com/in/j%C3%BCrgen")
    'https://www.linkedin.com/in/jürgen'
    >>> normalise_linkedin_url("https://www.linkedin.com/company/lumen") is None
    True
    """
    text = url.strip()
    if not text or any(c.isspace() for c in text):
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").casefold()
    except ValueError:
        return None
    if parts.scheme.casefold() not in ("http", "https"):
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [
        unicodedata.normalize("NFC", unquote(s)).casefold() for s in parts.path.split("/") if s
    ]
    if len(segments) >= 2 and segments[0] == "in":
        profile = segments[:2]
    elif len(segments) >= 2 and segments[0] == "pub":
        profile = segments  # the old public form: /pub/name/1a/2b/3c
    else:
        return None
    if any(c.isspace() or c in "/?#" for s in profile for c in s):
        return None
    return "https://www.linkedin.com/" + "/".join(profile)


def find_linkedin_header(text: str) -> int | None:
    """The 1-based line of the ``First Name,Last Name,...`` header, or ``None``.

    Lines inside a quoted note before the header are not taken for it.
    """
    lines = io.StringIO(text.removeprefix("\ufeff"), newline="").readlines()
    for track_quotes in (True, False):
        quoted = False
        for number, line in enumerate(lines, start=1):
            if not quoted and _is_header(line):
                return number
            if track_quotes and line.count('"') % 2:
                quoted = not quoted
    return None


def _is_header(line: str) -> bool:
    if "name" not in line.casefold():
        return False
    names = {cell.strip().casefold() for cell in _cells(line)}
    return all(required.casefold() in names for required in _REQUIRED)


def _cells(line: str) -> list[str]:
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return []


def parse_linkedin_connections(text: str, file: str = "Connections.csv") -> list[LinkedInContact]:
    """Read the text of LinkedIn's ``Connections.csv``, in file order.

    Everything before the header (LinkedIn's notes) is skipped, as are blank lines.
    Unknown columns are ignored.

    Raises
    ------
    DataError
        Naming the file, line and column of every problem: no header, a row of the
        wrong length, a row without a name, a date, e-mail address or profile address
        that cannot be read.

    Examples
    --------
    >>> text = "First Name,Last Name,Email Address,Company,Position,Connected On\\n"
    >>> text += "Jan-Willem,van den Bosch,,Bosch & Zonen,Owner,03 Feb 2019\\n"
    >>> [(c.name, c.connected_on, c.line) for c in parse_linkedin_connections(text)]
    [('Jan-Willem van den Bosch', datetime.date(2019, 2, 3), 2)]
    """
    text = text.removeprefix("\ufeff")
    header_line = find_linkedin_header(text)
    if header_line is None:
        for number, row in enumerate(io.StringIO(text, newline=""), start=1):
            separator = other_separator([row.strip()])
            if separator is not None and _is_header(row.replace(separator, ",")):
                raise DataError.single(file, number, None, separator_hint(row.strip(), separator))
        raise DataError.single(
            file,
            1,
            _REQUIRED[0],
            "no header of LinkedIn's Connections.csv found; expected a line like "
            f"'{_EXPECTED_HEADER}'",
        )
    lines = io.StringIO(text, newline="").readlines()
    header = [cell.strip() for cell in _cells(lines[header_line - 1])]
    problems: list[Problem] = []
    position: dict[str, int] = {}
    titles: dict[str, str] = {}
    for index, title in enumerate(header):
        attribute = _COLUMNS.get(title.casefold())
        if attribute is None:
            continue
        if attribute in position:
            raise DataError.single(file, header_line, title, "the header names this column twice")
        position[attribute] = index
        titles[attribute] = title

    total = 0  # all problems, also those not kept

    def problem(line: int, attribute: str, message: str) -> None:
        nonlocal total
        total += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(file, line, titles[attribute], message))

    contacts: list[LinkedInContact] = []
    reader = csv.reader(lines[header_line:], strict=True)
    start = header_line + 1
    try:
        for cells in reader:
            line = start
            start = header_line + reader.line_num + 1
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                # the first column without a cell, or the first cell without a column
                column = header[len(cells)] if len(cells) < len(header) else f"#{len(header) + 1}"
                total += 1
                if len(problems) < MAX_PROBLEMS:
                    message = f"the row has {len(cells)} cells but the header has {len(header)}"
                    problems.append(Problem(file, line, column, message))
                continue
            values = {a: cells[i].strip() for a, i in position.items()}
            contact = _contact(values, line, problem)
            if contact is not None:
                contacts.append(contact)
    except csv.Error as exc:
        total += 1
        problems.append(Problem(file, start, None, f"is not valid CSV: {exc}"))
    if problems:
        raise DataError(problems, total=total)
    return contacts


def _contact(
    values: dict[str, str], line: int, problem: Callable[[int, str, str], None]
) -> LinkedInContact | None:
    ok = True
    first, last = values["first_name"], values["last_name"]
    if not first and not last:
        problem(line, "first_name", "the row has no name: 'First Name' and 'Last Name' are empty")
        ok = False
    url = values.get("url", "")
    if url and normalise_linkedin_url(url) is None:
        problem(
            line, "url", f"expected a LinkedIn profile address like {_EXAMPLE_URL} (got {url!r})"
        )
        ok = False
    email = values.get("email", "")
    if email and not EMAIL_PATTERN.fullmatch(email):
        problem(line, "email", f"expected an e-mail address like name@example.org (got {email!r})")
        ok = False
    connected_on: date | None = None
    connected_text = values.get("connected_on", "")
    if connected_text:
        try:
            connected_on = parse_linkedin_date(connected_text)
        except ValueError as exc:
            problem(line, "connected_on", f"{exc} (got {connected_text!r})")
            ok = False
    if not ok:
        return None
    return LinkedInContact(
        first_name=first,
        last_name=last,
        url=url,
        email=email,
        company=values.get("company", ""),
        position=values.get("position", ""),
        connected_on=connected_on,
        line=line,
    )


def read_linkedin_connections(path: str | os.PathLike[str]) -> list[LinkedInContact]:
    """Read LinkedIn's ``Connections.csv`` from a file; see :func:`parse_linkedin_connections`.

    Raises
    ------
    DataError
        When the file cannot be read, is not UTF-8 or is not such an export.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataError.single(str(file), None, None, f"cannot be read: {exc.strerror}") from None
    return parse_linkedin_connections(decode_utf8(data, str(file)), str(file))
