"""Reading and writing network folders (CSV) and the JSON form.

Parsers take text and return :class:`RawTable` rows; the file wrappers add the file
names, the encoding checks and the all-or-nothing writes.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import json.decoder
import json.scanner
import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..model._errors import DataError, Problem
from ..model._network import Network
from ..model._schema import SECTION_BY_NAME, SECTIONS, FieldKind
from ._build import RawTable, build_network
from ._folder import (
    check_regular_file,
    folder_lock,
    needs_recovery,
    recover,
    stage,
    switch_files,
)

__all__ = [
    "decode_utf8",
    "load_network",
    "network_from_dict",
    "network_to_dict",
    "other_separator",
    "parse_csv",
    "read_folder",
    "read_json",
    "separator_hint",
    "write_folder",
    "write_json",
]

csv.field_size_limit(2**31 - 1)  # long notes are legitimate; the default 128 KiB is not a rule


def decode_utf8(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError.single(
            file,
            line,
            None,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        ) from None


# -- cells a spreadsheet would run as a formula ---------------------------------------
#
# Freelancers open people.csv in Excel, and a cell that starts with = + - @, a tab or a
# carriage return is taken there for a formula (OWASP: "CSV injection"). Such a cell is
# written with a single quote before it, which spreadsheets show as text; a cell that
# starts with a quote followed by one of those characters, or by a second quote, gets one
# more. Reading takes exactly one quote off such a cell, so the text read back is the
# text written; any other cell, like 't Hooft, is read as it is.

FORMULA_STARTS = frozenset("=+-@\t\r")
_RISKY = frozenset(FORMULA_STARTS | {"'"})


def spreadsheet_safe(text: str) -> str:
    """The text as written to a CSV cell: never something a spreadsheet would run.

    >>> print(spreadsheet_safe('=HYPERLINK("http://evil.example")'))
    '=HYPERLINK("http://evil.example")
    >>> spreadsheet_safe("'t Hooft"), spreadsheet_safe("+31 6 1234")
    ("'t Hooft", "'+31 6 1234")
    """
    first = text[:1]
    if first in FORMULA_STARTS or (first == "'" and text[1:2] in _RISKY):
        return "'" + text
    return text


def as_written(cell: str) -> str:
    """The text of a CSV cell as it was before :func:`spreadsheet_safe`.

    >>> as_written("'=1+1"), as_written("'t Hooft"), as_written("''=x")
    ('=1+1', "'t Hooft", "'=x")
    """
    if cell[:1] == "'" and cell[1:2] in _RISKY:
        return cell[1:]
    return cell


MAX_COLUMNS = 1000
"""The most columns a file (or a JSON section) may have: the contract has eleven at most."""


def too_many_columns(count: int) -> str:
    return f"the header has {count:,} columns; netgraph reads at most {MAX_COLUMNS:,}"


_SEPARATORS = {";": "';' (a semicolon)", "\t": "tabs", "|": "'|'"}


def other_separator(header: Sequence[str]) -> str | None:
    """The separator of a header row read as one cell: ``;`` (Dutch Excel's), a tab or ``|``.

    Every section has two required columns, so a one-column header holding one of these
    is a file saved with another separator than the comma.
    """
    if len(header) != 1:
        return None
    found = [s for s in _SEPARATORS if s in header[0]]
    return max(found, key=header[0].count) if found else None


def separator_hint(line: str, separator: str) -> str:
    """Why a file saved with ``separator`` cannot be read, and what to do."""
    shown = line if len(line) <= 60 else line[:57] + "..."
    return (
        f"the columns of the header {shown!r} are separated by {_SEPARATORS[separator]}, "
        "not by commas; save the file as comma-separated UTF-8 CSV (in Excel: "
        "'CSV UTF-8 (Comma delimited)')"
    )


def parse_csv(text: str, section: str, file: str) -> RawTable:
    """Parse the CSV text of one section into raw rows (header first, blank lines skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    start = 1
    try:
        for cells in reader:
            line = start
            start = reader.line_num + 1
            if not any(c.strip() for c in cells):  # blank, or a spreadsheet's row of commas
                continue
            if header is None:
                header, header_line = [as_written(c).strip() for c in cells], line
                if len(header) > MAX_COLUMNS:
                    raise DataError.single(file, line, None, too_many_columns(len(header)))
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        file,
                        line,
                        None,
                        f"the row has {len(cells)} cells but the header has {len(header)}",
                    )
                )
                continue
            if any(c[:1] == "'" for c in cells):
                cells = [as_written(c) for c in cells]
            rows.append(cells)
            lines.append(line)
    except csv.Error as exc:
        problems.append(Problem(file, start, None, f"is not valid CSV: {exc}"))
    if problems:
        raise DataError(problems[:100], total=len(problems))
    if header is None:
        raise DataError.single(file, None, None, "is empty: expected a header row")
    separator = other_separator(header)
    if separator is not None:
        raise DataError.single(file, header_line, None, separator_hint(header[0], separator))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise DataError.single(file, header_line, name, "the header names this column twice")
        seen.add(name)
    columns = {name: [r[i] for r in rows] for i, name in enumerate(header)}
    return RawTable(section, file, columns, lines, header_line=header_line)


def read_folder(folder: str | os.PathLike[str]) -> Network:
    """Read a network folder: ``people.csv`` and any of the other contract files.

    Raises
    ------
    DataError
        When a file is missing, unreadable, or breaks the data contract.
    """
    path = Path(folder)
    if not path.is_dir():
        raise DataError.single(str(path), None, None, "is not a folder")
    known = {s.file_name for s in SECTIONS}
    problems: list[Problem] = []
    for entry in sorted(path.glob("*.csv")):
        if entry.name.startswith("."):
            continue  # hidden: macOS's ._people.csv, an editor's or netgraph's own temporary files
        if entry.name not in known:
            stems = {Path(k).stem: k for k in known}
            near = difflib.get_close_matches(entry.stem.lower(), sorted(stems), n=1, cutoff=0.75)
            close = [stems[near[0]]] if near else []
            hint = (
                f"; did you mean {close[0]}?"
                if close
                else f"; expected one of {', '.join(sorted(known))}"
            )
            problems.append(
                Problem(entry.name, None, None, f"is not a file of the data contract{hint}")
            )
    if problems:
        raise DataError(problems)
    for section in SECTIONS:
        check_regular_file(path / section.file_name, section.file_name)
    # A write into the folder switches its files in one step (see _folder); a reader
    # completes a switch that was cut off, and reads again when a file changed meanwhile.
    for _ in range(3):
        if needs_recovery(path):
            _recover(path)
        before = _snapshot(path)
        network = _read_once(path)
        if not needs_recovery(path) and _snapshot(path) == before:
            return network
    with folder_lock(path):
        recover(path)
        return _read_once(path)


def _recover(path: Path) -> None:
    try:
        with folder_lock(path):
            recover(path)
    except PermissionError:
        raise DataError.single(
            str(path),
            None,
            None,
            "a write into this folder was cut off; netgraph completes it on the next run "
            "that may write in the folder",
        ) from None


def _snapshot(path: Path) -> list[tuple[int, int, int] | None]:
    """Which file (inode, time, size) each contract file of the folder is."""
    out: list[tuple[int, int, int] | None] = []
    for section in SECTIONS:
        try:
            info = os.stat(path / section.file_name)
        except OSError:
            out.append(None)
        else:
            out.append((info.st_ino, info.st_mtime_ns, info.st_size))
    return out


def _read_once(path: Path) -> Network:
    # -- fast path: whole columns at once; None when it cannot vouch for the folder ----
    try:
        from ._fastread import read_fast
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    else:
        network = read_fast(path)
        if network is not None:
            return network
    # -- end of fast path ---------------------------------------------------------------
    return _read_folder_exact(path)


def _read_folder_exact(path: Path) -> Network:
    """Read the contract files of a folder cell by cell, naming every problem."""
    raw_tables = []
    for section in SECTIONS:
        file = path / section.file_name
        if not file.exists():
            continue
        text = decode_utf8(file.read_bytes(), section.file_name)
        raw_tables.append(parse_csv(text, section.name, section.file_name))
    return build_network(raw_tables)


def _json_text(value: Any, file: str, item: int, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return _unicode(value, file, item, key)
    if isinstance(value, int | Decimal):
        try:
            return str(value)
        except ValueError:  # an integer beyond Python's digit limit for str()
            raise DataError.single(
                file, item, key, "the number is far too long", item=True
            ) from None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(_unicode(v, file, item, key) for v in value)
    raise DataError.single(file, item, key, "expected text, a number or a list of texts", item=True)


def _unicode(text: str, file: str, item: int, key: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DataError.single(
            file, item, key, "holds a lone surrogate: not valid Unicode text", item=True
        ) from None
    return text


def network_from_dict(data: Mapping[str, Any], *, source: str = "network.json") -> Network:
    """Build a network from the JSON form: a mapping of section name to a list of rows.

    Examples
    --------
    >>> net = network_from_dict({"people": [{"id": "me", "name": "Anna", "member": True},
    ...                                     {"id": "c1", "name": "Bram"}],
    ...                          "ties": [{"a": "me", "b": "c1", "strength": 4}]})
    >>> net.member_ids
    ('me',)
    """
    if not isinstance(data, Mapping):
        raise DataError.single(source, None, None, "expected a JSON object with sections as keys")
    raw_tables = []
    for name, items in data.items():
        if name not in SECTION_BY_NAME:
            close = difflib.get_close_matches(str(name), list(SECTION_BY_NAME), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise DataError.single(source, None, str(name), f"unknown section{hint}")
        if not isinstance(items, list):
            raise DataError.single(source, None, name, "expected a list of rows")
        if not items:
            continue  # an empty section is the same as a missing file
        header: dict[str, None] = {f.name: None for f in SECTION_BY_NAME[name].fields}
        for position, row in enumerate(items, start=1):
            if not isinstance(row, Mapping):
                raise DataError.single(
                    source, position, None, f"{name}: expected an object", item=True
                )
            header.update(dict.fromkeys(str(k) for k in row))
            if len(header) > MAX_COLUMNS:
                raise DataError.single(
                    source, position, None, f"{name}: {too_many_columns(len(header))}", item=True
                )
        columns: dict[str, list[str]] = {}
        for key in header:
            present = any(key in row for row in items)
            field = SECTION_BY_NAME[name].field_names
            if not present and key in field:
                continue  # an absent optional column behaves like a missing CSV column
            columns[key] = [
                _json_text(row.get(key), f"{source} [{name}]", i, key)
                for i, row in enumerate(items, start=1)
            ]
        lines = list(range(1, len(items) + 1))
        raw_tables.append(
            RawTable(name, f"{source} [{name}]", columns, lines, item=True, header_line=None)
        )
    return build_network(raw_tables, people_source=f"{source} [people]")


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key
        self.at: int | None = None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def _duplicate_at(text: str) -> _DuplicateKeyError | None:
    """Parse again, slowly, to find where the first object with a key given twice starts."""
    decoder = json.JSONDecoder(parse_float=Decimal, object_pairs_hook=_no_duplicates)

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return json.decoder.JSONObject(s_and_end, *args)  # type: ignore[attr-defined]
        except _DuplicateKeyError as exc:
            if exc.at is None:
                exc.at = s_and_end[1] - 1
            raise

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _DuplicateKeyError as exc:
        return exc
    except (ValueError, RecursionError):  # pragma: no cover - the fast parse got this far
        return None
    return None  # pragma: no cover


def read_json(file: str | os.PathLike[str]) -> Network:
    """Read the JSON form of a network from a file.

    A key given twice in one object is an error (JSON readers would keep the last).
    """
    path = Path(file)
    check_regular_file(path, path.name)
    text = decode_utf8(path.read_bytes(), path.name)
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicates)
    except _DuplicateKeyError as exc:
        found = _duplicate_at(text) or exc
        line = text.count("\n", 0, found.at) + 1 if found.at is not None else None
        raise DataError.single(
            path.name,
            line,
            found.key,
            "the key is given twice in one object (in the object that starts on this line)",
        ) from None
    except RecursionError:
        raise DataError.single(
            path.name, None, None, "is nested too deeply to be a network"
        ) from None
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):  # Python's limit on digits of an int
            raise DataError.single(
                path.name, None, None, "holds a number of thousands of digits"
            ) from None
        raise DataError.single(
            path.name, exc.lineno, None, f"is not valid JSON: {exc.msg}"
        ) from None
    return network_from_dict(data, source=path.name)


def load_network(path: str | os.PathLike[str]) -> Network:
    """Load a network from a folder of CSV files or from a ``.json`` file.

    Examples
    --------
    >>> import tempfile, netgraph
    >>> folder = tempfile.mkdtemp()
    >>> netgraph.write_folder(netgraph.example_network(), folder)
    >>> netgraph.load_network(folder).member_ids
    ('sanne',)
    """
    p = Path(path)
    if p.is_dir():
        return read_folder(p)
    if p.suffix.lower() == ".json" and p.is_file():
        return read_json(p)
    if not p.exists():
        raise DataError.single(str(p), None, None, "does not exist")
    raise DataError.single(str(p), None, None, "expected a network folder or a .json file")


def _section_text(network: Network, section: str) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # the csv module quotes only the characters of its line terminator, not a lone \r
    careful = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([spreadsheet_safe(v) for v in network.header(section)])
    for row in network.rows(section):
        values = [spreadsheet_safe(v) if v[:1] in _RISKY else v for v in row.values()]
        (careful if any("\r" in v for v in values) else writer).writerow(values)
    return buffer.getvalue()


def write_folder(network: Network, folder: str | os.PathLike[str]) -> None:
    """Write a network as a folder of CSV files, all or nothing.

    The folder is locked while it is written, every file is first written in full
    beside its final name, and all of them are then switched in one step (see
    ``netgraph.io._folder``), so a failure, or a kill, while writing leaves the folder as
    it was or, once the switch has begun, as it will be. Files that are not part of the
    data contract are left alone.
    """
    path = Path(folder)
    with folder_lock(path):
        write_folder_locked(network, path)


def write_folder_locked(network: Network, path: Path) -> None:
    """:func:`write_folder` for a caller that holds the folder's lock."""
    files: list[tuple[str, str]] = []
    for section in SECTIONS:
        target = path / section.file_name
        empty = not len(network.tables[section.name])
        if section.name != "people" and empty and not os.path.lexists(target):
            continue
        files.append((section.file_name, _section_text(network, section.name)))
    switch_files(path, files)


def network_to_dict(network: Network) -> dict[str, list[dict[str, Any]]]:
    """The JSON form: sections with rows, tags as lists, everything else as text."""
    out: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        if section.name != "people" and not len(network.tables[section.name]):
            continue
        tags = [f.name for f in section.fields if f.kind is FieldKind.TAGS]
        rows = []
        for row in network.rows(section.name):
            item: dict[str, Any] = dict(row)
            for name in tags:
                item[name] = [t for t in row[name].split(";") if t]
            rows.append(item)
        out[section.name] = rows
    return out


def write_json(network: Network, file: str | os.PathLike[str]) -> None:
    """Write the JSON form of a network, all or nothing."""
    path = Path(file)
    text = json.dumps(network_to_dict(network), ensure_ascii=False, indent=1) + "\n"
    _write_atomically(path, text)


def _write_atomically(path: Path, text: str) -> None:
    os.replace(stage(path, text), path)
