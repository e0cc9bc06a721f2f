"""Reading vCard files (2.1, 3.0 and 4.0): one or many cards per file.

The content-line grammar (folded lines, quoted-printable soft line breaks, parameters)
is read with the optional ``vobject`` package, imported only when a vCard is read;
decoding the values is done here so that every card of every common writer (Outlook's
quoted-printable in a Windows code page, Apple's ``item1.URL`` groups, vCard 4.0
``PREF`` and ``TYPE`` parameters) gives the same plain text:

* the name is ``FN``, or else the given, additional and family names of ``N``;
* ``EMAIL`` (all of them, the preferred first), ``TEL`` (the same), ``ORG`` (the
  organisation, without its units), ``TITLE``, ``URL`` (all of them; a LinkedIn profile
  address is recognised, also in Apple's ``X-SOCIALPROFILE``) and ``NOTE``;
* ``ENCODING=QUOTED-PRINTABLE`` with its ``CHARSET`` (any code page Python knows), and
  files that are not UTF-8 as a whole (Outlook writes ``CHARSET=Windows-1252`` values
  as raw bytes): every value is then decoded with its own ``CHARSET``, or as UTF-8 or
  else Windows-1252 when it has none;
* photos, sounds and keys are skipped, also the unfolded base64 lines of vCard 2.1.

Errors name the file, the line where the card starts and the property.
"""

from __future__ import annotations

import os
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model._errors import DataError, NetgraphError, Problem
from ._linkedin import EMAIL_PATTERN, normalise_linkedin_url

__all__ = ["VCardContact", "parse_vcard_bytes", "parse_vcards", "read_vcards"]

MAX_PROBLEMS = 100
VERSIONS = ("2.1", "3.0", "4.0")
INSTALL_HINT = (
    "reading vCard files needs the vobject package: pip install 'vobject>=0.9.7' "
    "(the vcard extra: 'netgraph-value[vcard]')"
)

_BEGIN = re.compile(r"begin:vcard[ \t]*", re.IGNORECASE)
_END = re.compile(r"end:vcard[ \t]*", re.IGNORECASE)
# The shape vobject's content-line grammar accepts, written so that a line splits into
# its tokens in one way only (names, values and separators share no character), so
# matching takes linear time: vobject's own expression takes exponential time on some
# bad lines. No possessive quantifiers: Python 3.11.2 (Debian 12) mismatches them.
_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_CONTENT_LINE = re.compile(
    rf"(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_-]+(?:;(?=;))?"
    rf"(?:;[A-Za-z0-9_-]+(?:={_VALUE}(?:,{_VALUE})*)?)*:"
)
_ESCAPE = re.compile(r"\\([nN\\,;:])")
_BINARY = {"BASE64", "B"}


@dataclass(frozen=True)
class VCardContact:
    """One card of a vCard file.

    Attributes
    ----------
    name
        ``FN``, or the given, additional and family names of ``N``; never empty.
    emails, phones
        Every ``EMAIL`` and ``TEL`` of the card, the preferred one first.
    organisation
        The organisation of ``ORG`` (its units left out).
    title
        ``TITLE``: the job title.
    urls
        Every ``URL`` of the card, as written.
    linkedin
        The LinkedIn profile address of the card in the form of
        :func:`netgraph.importers._linkedin.normalise_linkedin_url`, if it has one.
    note
        Every ``NOTE`` of the card, one per line.
    version
        ``"2.1"``, ``"3.0"``, ``"4.0"``, or ``""`` when the card does not say.
    line
        The line of the card's ``BEGIN:VCARD``.
    """

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    organisation: str = ""
    title: str = ""
    urls: tuple[str, ...] = ()
    linkedin: str | None = None
    note: str = ""
    version: str = ""
    line: int = 1


def _vobject_base() -> Any:
    try:
        import vobject.base
    except ImportError:
        raise NetgraphError(INSTALL_HINT) from None
    return vobject.base


def read_vcards(path: str | os.PathLike[str]) -> list[VCardContact]:
    """Read every card of a vCard file; see :func:`parse_vcard_bytes`."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataError.single(str(file), None, None, f"cannot be read: {exc.strerror}") from None
    return parse_vcard_bytes(data, str(file))


def parse_vcard_bytes(data: bytes, file: str = "contacts.vcf") -> list[VCardContact]:
    """Read every card of the bytes of a vCard file.

    A UTF-8 file (with or without a byte-order mark) is read as text; any other file is
    read value by value, each in its own ``CHARSET`` (UTF-8, or else Windows-1252, when
    it has none).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _parse(data.decode("latin-1"), file, raw=True)
    return _parse(text, file, raw=False)


def parse_vcards(text: str, file: str = "contacts.vcf") -> list[VCardContact]:
    """Read every card of the text of a vCard file, in file order.

    Raises
    ------
    DataError
        Naming the file, the line where each bad card starts and the property: text
        outside a card, a card without ``END:VCARD``, a line that is not a property, an
        unknown version or ``CHARSET``, a card without a name, a bad e-mail address.
    NetgraphError
        When the optional ``vobject`` package is not installed.

    Examples
    --------
    >>> cards = parse_vcards("BEGIN:VCARD\\nVERSION:3.0\\nN:Öztürk;Zoë;;;\\n"
    ...                      "EMAIL;TYPE=work:zoe@example.nl\\nEND:VCARD\\n")
    >>> cards[0].name, cards[0].emails
    ('Zoë Öztürk', ('zoe@example.nl',))
    """
    return _parse(text, file, raw=False)


# -- cards -------------------------------------------------------------------


@dataclass
class _Problems:
    file: str
    found: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, line: int, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(self.file, line, column, message))

    def card(self, start: int, column: str | None, message: str) -> None:
        """A problem inside the card that starts on line ``start``."""
        self.add(start, column, f"in the card starting on this line: {message}")


def _parse(text: str, file: str, *, raw: bool) -> list[VCardContact]:
    base = _vobject_base()
    problems = _Problems(file)
    contacts: list[VCardContact] = []
    cards = 0
    for start, body in _cards(text.removeprefix("\ufeff"), problems):
        cards += 1
        contact = _card(base, start, body, raw, problems)
        if contact is not None:
            contacts.append(contact)
    if not cards and not problems.found:
        problems.add(1, "BEGIN", "no vCard found: expected a line BEGIN:VCARD")
    if problems.found:
        raise DataError(problems.found, total=problems.total)
    return contacts


def _cards(text: str, problems: _Problems) -> Iterator[tuple[int, str]]:
    """Each card's first line and its text from BEGIN:VCARD to END:VCARD."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    depth = 0
    start = 0
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        if depth == 0:
            if _BEGIN.fullmatch(line):
                depth, start, body = 1, number, [line]
            elif line.strip():
                problems.add(number, "BEGIN", f"expected BEGIN:VCARD (got {_show(line)})")
            continue
        body.append(line)
        if _BEGIN.fullmatch(line):  # a card inside a card: vCard 2.1's AGENT
            depth += 1
        elif _END.fullmatch(line):
            depth -= 1
            if depth == 0:
                yield start, "\n".join(body) + "\n"
    if depth:
        problems.card(start, "END", "no END:VCARD")


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    singletons: set[str]
    value: str

    def has_type(self, kind: str) -> bool:
        return kind in self.singletons or kind in self.params.get("TYPE", ())

    @property
    def encoding(self) -> str:
        for value in self.params.get("ENCODING", ()):
            return value
        for value in ("QUOTED-PRINTABLE", "BASE64", "B"):
            if value in self.singletons:
                return value
        return ""

    @property
    def preference(self) -> int:
        for value in self.params.get("PREF", ()):
            if value.isdigit():
                return int(value)
        return 1 if self.has_type("PREF") else 101


def _logical_lines(body: str) -> Iterator[str]:
    """The content lines of a card, unfolded, as vobject's ``getLogicalLines`` gives them.

    A line that starts with a space or a tab continues the one before; after a line of a
    quoted-printable value that ends with ``=`` (a soft line break), the next line is
    joined with a line break between. Unlike vobject's, this takes time in proportion to
    the text, however many lines a value is folded over.
    """
    parts: list[str] = []
    quoted_printable = False  # the current logical line names quoted-printable
    tail = ""  # its last characters, to find that name across a fold
    joined_soft_break = False
    for line in body.split("\n"):
        line = line.rstrip("\r\n")
        if not line.rstrip():
            if parts:
                yield "".join(parts)
            parts, quoted_printable, tail, joined_soft_break = [], False, "", False
            continue
        if joined_soft_break:
            piece = line
            parts.extend(("\n", piece))
            joined_soft_break = False
        elif line[0] in " \t":
            piece = line[1:]
            parts.append(piece)
        else:
            if parts:
                yield "".join(parts)
            piece = line
            parts, quoted_printable, tail = [line], False, ""
        window = (tail + piece).lower()
        quoted_printable = quoted_printable or "quoted-printable" in window
        tail = window[-len("quoted-printable") :]
        joined_soft_break = quoted_printable and piece.endswith("=")
    if parts:
        yield "".join(parts)


def _properties(base: Any, start: int, body: str, problems: _Problems) -> Iterator[_Property]:
    binary = False
    depth = 0
    for text in _logical_lines(body):
        if not _CONTENT_LINE.match(text):
            if not binary:
                problems.card(start, None, f"a line is not a property: {_show(text)}")
            continue
        try:
            name, params, value, _group = base.parseLine(text)
        except base.VObjectError:  # pragma: no cover - the pattern above admits only valid lines
            problems.card(start, None, f"a line is not a property: {_show(text)}")
            continue
        prop = _property(name, params, value)
        binary = prop.encoding in _BINARY
        if prop.name == "BEGIN":
            depth += 1
        elif prop.name == "END":
            depth -= 1
        elif depth == 1:  # properties of an embedded card are not this card's
            yield prop


def _property(name: str, params: list[list[str]], value: str) -> _Property:
    table: dict[str, list[str]] = {}
    singletons: set[str] = set()
    for param in params:
        if len(param) == 1:
            singletons.add(param[0].upper())
            continue
        values = table.setdefault(param[0].upper(), [])
        for item in param[1:]:
            values.extend(v.strip().upper() for v in item.split(",") if v.strip())
    return _Property(name.upper(), table, singletons, value)


def _card(base: Any, start: int, body: str, raw: bool, problems: _Problems) -> VCardContact | None:
    before = len(problems.found)
    version = ""
    formatted = ""
    structured = ""
    emails: list[tuple[int, str]] = []
    phones: list[tuple[int, str]] = []
    organisation = ""
    title = ""
    urls: list[str] = []
    linkedin: str | None = None
    notes: list[str] = []
    name_unreadable = False
    for prop in _properties(base, start, body, problems):
        name = prop.name
        if name not in _WANTED:
            continue
        reported = len(problems.found)
        value = _decoded(prop, raw, start, problems)
        if value is None:
            name_unreadable = name_unreadable or (
                name in ("FN", "N") and len(problems.found) > reported
            )
            continue
        if name == "VERSION":
            version = value.strip()
            if version not in VERSIONS:
                problems.card(
                    start, name, f"expected version 2.1, 3.0 or 4.0 (got {_show(version)})"
                )
        elif name == "FN":
            formatted = formatted or _one_line(_unescape(value))
        elif name == "N":
            structured = structured or _name_of(value)
        elif name == "EMAIL":
            email = _unescape(value).strip()
            if email[:7].casefold() == "mailto:":
                email = email[7:]
            if not email:
                continue
            if not EMAIL_PATTERN.fullmatch(email):
                problems.card(
                    start,
                    name,
                    f"expected an e-mail address like name@example.org (got {_show(email)})",
                )
                continue
            emails.append((prop.preference, email))
        elif name == "TEL":
            phone = _one_line(_unescape(value))
            if phone[:4].casefold() == "tel:":
                phone = phone[4:].strip()
            if phone:
                phones.append((prop.preference, phone))
        elif name == "ORG":
            organisation = organisation or _one_line(_unescape(_components(value)[0]))
        elif name == "TITLE":
            title = title or _one_line(_unescape(value))
        elif name == "URL":
            url = _unescape(value).strip()
            if url:
                urls.append(url)
                linkedin = linkedin or normalise_linkedin_url(url)
        elif name == "X-SOCIALPROFILE":
            linkedin = linkedin or normalise_linkedin_url(_unescape(value))
        elif name == "NOTE":
            note = _unescape(value).replace("\r\n", "\n").replace("\r", "\n").strip()
            if note:
                notes.append(note)
    full_name = formatted or structured
    if not full_name and not name_unreadable:
        problems.card(start, "FN", "no name: neither FN nor N is given")
    if len(problems.found) > before:
        return None
    return VCardContact(
        name=full_name,
        emails=_by_preference(emails),
        phones=_by_preference(phones),
        organisation=organisation,
        title=title,
        urls=tuple(dict.fromkeys(urls)),
        linkedin=linkedin,
        note="\n".join(notes),
        version=version,
        line=start,
    )


_WANTED = frozenset(
    {"VERSION", "FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "URL", "X-SOCIALPROFILE", "NOTE"}
)


def _decoded(prop: _Property, raw: bool, start: int, problems: _Problems) -> str | None:
    """The value as text: quoted-printable and code pages undone, escapes kept."""
    encoding = prop.encoding
    if encoding in _BINARY:
        return None
    charsets = prop.params.get("CHARSET", [])
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(prop.value.encode("latin-1" if raw else "utf-8"))
    elif encoding and encoding not in ("7BIT", "8BIT"):
        problems.card(start, prop.name, f"unknown ENCODING {_show(encoding)}")
        return None
    elif raw:
        data = prop.value.encode("latin-1")
    else:
        return prop.value
    if charsets:
        try:
            return data.decode(charsets[0])
        except (LookupError, UnicodeError, ValueError):
            problems.card(
                start, prop.name, f"the value cannot be read as CHARSET {_show(charsets[0])}"
            )
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _components(value: str) -> list[str]:
    """Split a structured value at the semicolons that are not escaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _name_of(value: str) -> str:
    parts = _components(value) + [""] * 5
    family, given, additional = parts[0], parts[1], parts[2]
    words = [_unescape(p.replace(",", " ")) for p in (given, additional, family)]
    return _one_line(" ".join(words))


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _by_preference(items: list[tuple[int, str]]) -> tuple[str, ...]:
    ordered = sorted(enumerate(items), key=lambda pair: (pair[1][0], pair[0]))
    seen: dict[str, str] = {}
    for _, (_, value) in ordered:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _show(value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)
