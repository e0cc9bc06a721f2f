"""The fast path of reading a network folder: pyarrow parses, whole columns are checked.

:func:`read_fast` builds the very same :class:`~netgraph.model._network.Network` as the exact
reader (``parse_csv`` and ``build_network``), column by column and dtype by dtype, for
every folder that keeps the data contract; it only checks whole columns at once instead
of one cell at a time. It never reports a problem itself: when any rule is broken, or a
file holds something this path does not handle (a row over several lines, a blank line, a
lone carriage return, a NUL byte, text the strict CSV reader would refuse, ...), it
returns ``None`` and the caller reads the folder the exact way, which names the file, the
line and the column of every problem.

How: pyarrow reads every cell as text (no row may go over several lines, so a row's line
is its position plus two); typed cells are converted once per distinct text, with the
exact reader's own parsers, so the two paths cannot disagree on what a date, an amount, a
choice or a tag list is; all references to people (and to groups) of all files are found
in one pyarrow lookup; text columns share one string object per distinct text. The rules
across cells (unique ids, known references, members, nobody with themselves, one tie per
pair, 'until' after 'since') are stated a second time here, as whole-column checks: a new
rule of ``_build`` needs its check here too.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from ..model._network import Network, Table
from ..model._schema import SECTION_BY_NAME, SECTIONS, Field, FieldKind, Section
from ._build import (
    DTYPES,
    MAX_CENTS,
    MONEY_PATTERN,
    PARSERS,
    SAME_PERSON_RULES,
    parse_date,
    repeated_invoice_numbers,
)

__all__ = ["read_fast"]

#: Every character ``str.strip()`` removes (``str.isspace``): cells are trimmed of exactly these.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
MAX_COLUMNS = 1000  # as the exact reader (_textio.MAX_COLUMNS)
BLOCK_SIZE = 16 << 20  # bytes pyarrow parses per task; a row must fit in one block

_BOM = codecs.BOM_UTF8
_DECODE_CHUNK = 16 << 20
# one whole record on one line, as Python's csv module (excel dialect, strict) reads it:
# a quoted cell ends at its closing quote, which a comma or the end of the line must follow
_CELL = r'(?:"(?:[^"]|"")*"|[^",][^,]*|)'
_RECORD = rf"^{_CELL}(?:,{_CELL})*$"
# a cell that starts with a quote and then = + - @ tab CR or a second quote
_QUOTED_FORMULA = re.compile(rb"(?:^|[,\"\n])'[=+\-@\t\r']", re.MULTILINE)
_REFERENCES = (FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER)
_NO_IDS = pa.Array.from_buffers(
    pa.string(), 0, [None, pa.py_buffer(np.zeros(1, dtype=np.int32)), pa.py_buffer(b"")]
)

Column = Any  # a pyarrow ChunkedArray of strings, or None for a column the file lacks


class _GiveUpError(Exception):
    """The fast path cannot vouch for the input: the exact reader must read it."""


def read_fast(folder: Path) -> Network | None:
    """The network of a folder, or ``None`` when it must be read the exact way.

    ``None`` means "not vouched for", never "invalid": the exact reader decides.
    """
    try:
        return _Reader().folder(folder)
    except (_GiveUpError, pa.ArrowException):
        return None


@dataclass
class _File:
    columns: dict[str, Column]  # header order
    rows: int


class _Reader:
    def __init__(self) -> None:
        self.ids: dict[str, Any] = {}  # "people" / "groups" -> their stripped ids (pyarrow)
        self.indexes: dict[str, dict[str, int]] = {}  # made only for a cell with spaces
        self.found: dict[tuple[str, str], npt.NDArray[np.int32]] = {}  # -1: not as written
        self.member_flags: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self.only_member = -1

    def folder(self, path: Path) -> Network:
        files: dict[str, _File] = {}
        for section in SECTIONS:  # people and groups first: the others refer to them
            file = path / section.file_name
            if file.exists():
                files[section.name] = _read(section, file.read_bytes())
        if "people" not in files:
            raise _GiveUpError
        for name in ("people", "groups"):
            if name in files:
                self.ids[name] = _identifiers(files[name].columns["id"])
        for target in ("people", "groups"):
            self.look_up(files, target)
        tables: dict[str, Table] = {}
        for name in list(files):
            tables[name] = self.table(SECTION_BY_NAME[name], files.pop(name))
        return Network(tables)

    def look_up(self, files: dict[str, _File], target: str) -> None:
        """Find the people (or groups) of every reference of every file in one go.

        One lookup in all: pyarrow hashes the ids anew for every lookup, which costs
        more than finding a column of references.
        """
        ids = self.ids.get(target, _NO_IDS)
        wanted = [
            (name, f.name, file.columns[f.name])
            for name, file in files.items()
            for f in SECTION_BY_NAME[name].fields
            if f.kind in _REFERENCES and _target(f) == target and f.name in file.columns
        ]
        wanted = [(name, key, column) for name, key, column in wanted if not _all_empty(column)]
        chunks = [ids, *(chunk for _, _, column in wanted for chunk in column.chunks)]
        found = _index_in(chunks, ids)
        if not np.array_equal(found[: len(ids)], np.arange(len(ids))):
            raise _GiveUpError  # a duplicate id: its second row finds the first
        at = len(ids)
        for name, key, column in wanted:
            self.found[name, key] = found[at : at + len(column)]
            at += len(column)

    def table(self, section: Section, file: _File) -> Table:
        n = file.rows
        columns = {
            f.name: self.column(section, f, file.columns.get(f.name), n) for f in section.fields
        }
        extras = {
            name: _by_value(column, n, "", _same, object)
            for name, column in file.columns.items()
            if name not in section.field_names
        }
        lines = np.arange(2, n + 2, dtype=np.int64)  # the header is line 1, one row a line
        table = Table(section, columns, extras, lines, section.file_name)
        self.after(section, table)
        return table

    # -- per column -----------------------------------------------------------
    def column(self, section: Section, f: Field, column: Column, n: int) -> npt.NDArray[Any]:
        kind = f.kind
        if kind is FieldKind.ID:
            return _object_array(self.ids[section.name].to_pylist())
        if kind is FieldKind.TEXT:
            if f.required and column is not None and _any_blank(column):
                raise _GiveUpError
            return _by_value(column, n, f.default, _same, object)
        if kind in _REFERENCES:
            return self.references(section, f, column, n)
        if kind is FieldKind.DATE:
            return _by_value(column, n, f.default, _date_parser(f), "datetime64[D]")
        if kind is FieldKind.MONEY:
            return _by_value(column, n, f.default, _parser(f), np.int64, _plain_cents)
        return _by_value(column, n, f.default, _parser(f), DTYPES.get(kind, object))

    def references(
        self, section: Section, f: Field, column: Column, n: int
    ) -> npt.NDArray[np.int32]:
        target = _target(f)
        out = self.found.get((section.name, f.name))
        if out is None:  # no column, or an empty one
            text = f.default if column is None else ""
            out = np.full(n, self.lookup(f, target, text) if n else 0, dtype=np.int32)
        missing = np.flatnonzero(out < 0)  # not found as written: spaces, empty, unknown
        if len(missing):
            codes, texts = _codes(column.take(_arrow_int64(missing)), len(missing), "")
            positions = [self.lookup(f, target, text) for text in texts]
            out[missing] = _spread(np.asarray(positions, dtype=np.int32), codes, len(missing))
        if f.kind is FieldKind.MEMBER and n and not self.member_flags[out].all():
            raise _GiveUpError  # a reference to someone who is not a member
        return out

    def lookup(self, f: Field, target: str, text: str) -> int:
        key = text.strip()
        if not key:
            if f.kind is FieldKind.MEMBER and self.only_member >= 0:
                return self.only_member
            raise _GiveUpError
        if target not in self.indexes:
            ids = self.ids.get(target)
            self.indexes[target] = {} if ids is None else _index(ids.to_pylist())
        position = self.indexes[target].get(key)
        if position is None:
            raise _GiveUpError
        return position

    # -- rules across columns ---------------------------------------------------
    def after(self, section: Section, table: Table) -> None:
        name = section.name
        if name == "people":
            self.member_flags = table["member"]
            members = np.flatnonzero(self.member_flags)
            self.only_member = int(members[0]) if len(members) == 1 else -1
            return
        for left, right, _ in SAME_PERSON_RULES.get(name, ()):
            if np.any(table[left] == table[right]):
                raise _GiveUpError
        if name == "ties" and len(table):
            a, b = table["a"], table["b"]
            key = np.minimum(a, b).astype(np.int64)
            key *= len(self.member_flags) + 1
            key += np.maximum(a, b)
            key.sort()
            if np.any(key[1:] == key[:-1]):
                raise _GiveUpError  # a second tie between the same two people
        if name == "memberships":
            since, until = table["since"], table["until"]
            if np.any(~np.isnat(since) & ~np.isnat(until) & (until < since)):
                raise _GiveUpError
        if name == "invoices" and repeated_invoice_numbers(table):
            raise _GiveUpError  # the exact reader names every repeat


def _index_in(chunks: list[Any], ids: Any) -> npt.NDArray[np.int32]:
    """Where each value of the chunks is among ``ids`` (-1: nowhere), on two threads.

    pyarrow's lookup runs on one core and lets go of the interpreter, so the chunks are
    split into two halves of about equal length, looked up at the same time.
    """
    sizes = np.cumsum([len(c) for c in chunks])
    half = int(np.searchsorted(sizes, sizes[-1] / 2)) + 1 if len(chunks) > 1 else len(chunks)
    parts = [chunks[:half], chunks[half:]]

    def look(part: list[Any]) -> npt.NDArray[np.int32]:
        if not part:
            return np.zeros(0, dtype=np.int32)
        return _int32(pc.index_in(pa.chunked_array(part, type=pa.string()), value_set=ids).chunks)

    with ThreadPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(look, parts))
    return np.concatenate(found)


def _target(f: Field) -> str:
    return "groups" if f.kind is FieldKind.GROUP else "people"


def _read(section: Section, data: bytes) -> _File:
    header, cells, n = _parse(data)
    _check_header(section, header)
    return _File(dict(zip(header, cells, strict=True)), n)


def _identifiers(column: Column) -> Any:
    """The ids of a column, stripped; none may be empty (duplicates: see ``look_up``)."""
    trimmed = pc.utf8_trim(column, characters=WHITESPACE)
    ids = trimmed.combine_chunks() if trimmed.num_chunks else _NO_IDS
    if len(ids) and pc.min(pc.binary_length(ids)).as_py() == 0:
        raise _GiveUpError  # an empty id
    return ids


# -- parsing ---------------------------------------------------------------------------


def _parse(data: bytes) -> tuple[list[str], list[Column], int]:
    """Header names, the text columns and the number of rows of one CSV file."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    end = len(data)
    while end > start and data[end - 1] in b"\r\n":  # trailing line ends hold no rows
        end -= 1
    if data.find(b"\x00", start, end) >= 0:
        raise _GiveUpError
    if data.find(b"\r", start, end) >= 0 and data.count(b"\r", start, end) != data.count(
        b"\r\n", start, end
    ):
        raise _GiveUpError  # a lone carriage return ends a line for the exact reader
    _check_utf8(data, start)
    if data.find(b"'", start, end) >= 0 and _QUOTED_FORMULA.search(data, start, end):
        raise _GiveUpError  # a cell written with a quote before it: see _textio.as_written
    newline = data.find(b"\n", start, end)
    header_end = end if newline < 0 else newline
    if header_end > start and data[header_end - 1] == ord("\r"):
        header_end -= 1
    if data.count(b",", start, header_end) >= MAX_COLUMNS:
        raise _GiveUpError  # the exact reader refuses so many columns
    header = _header(data[start:header_end].decode("utf-8"))
    if newline < 0:
        return header, [pa.chunked_array([], type=pa.string()) for _ in header], 0
    low, high = newline + 1, end
    rows = data.count(b"\n", low, high) + 1  # lines after the header: no blank line at the end
    body = pa.py_buffer(data).slice(low, high - low)
    if data.find(b'"', low, high) >= 0:
        _check_quotes(body)
    names = [f"c{i}" for i in range(len(header))]
    table = pcsv.read_csv(
        pa.BufferReader(body),
        read_options=pcsv.ReadOptions(column_names=names, block_size=BLOCK_SIZE, use_threads=True),
        parse_options=pcsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=False,  # checked above, the way the exact reader decodes
        ),
    )
    if table.num_rows != rows:
        raise _GiveUpError  # a blank line, or a row over several lines: line numbers differ
    return header, list(table.columns), rows


def _check_utf8(data: bytes, start: int) -> None:
    if data.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for at in range(start, len(data), _DECODE_CHUNK):
            decoder.decode(view[at : at + _DECODE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _GiveUpError from None


def _header(text: str) -> list[str]:
    try:
        records = list(csv.reader([text], strict=True))
    except csv.Error:
        raise _GiveUpError from None
    if len(records) != 1:
        raise _GiveUpError
    return [cell.strip() for cell in records[0]]


def _check_header(section: Section, header: Sequence[str]) -> None:
    if not all(header) or len(set(header)) != len(header):
        raise _GiveUpError  # a blank line first, a column without a name, or one named twice
    # The exact reader skips a row of empty cells, so the lines of the rows after it
    # differ from ours: such a row is refused for the empty cell of a required column
    # (the member may be left empty), which every section has.
    if not any(f.required and f.kind is not FieldKind.MEMBER for f in section.fields):
        raise _GiveUpError  # pragma: no cover - a section without a required column
    if any(f.required and f.name not in header for f in section.fields):
        raise _GiveUpError


def _check_quotes(body: Any) -> None:
    """Give up unless every line with a quote is one whole record of strict CSV.

    Where this holds, no row goes over several lines and pyarrow reads each quoted cell
    as the csv module does (pyarrow alone would also take ``"a"b`` or an unclosed quote).
    """
    lines = pcsv.read_csv(
        pa.BufferReader(body),
        read_options=pcsv.ReadOptions(column_names=["line"], block_size=BLOCK_SIZE),
        parse_options=pcsv.ParseOptions(delimiter="\x01", quote_char=False),
        convert_options=pcsv.ConvertOptions(
            column_types={"line": pa.string()}, strings_can_be_null=False, check_utf8=False
        ),
    ).column(0)
    quoted = lines.filter(pc.match_substring(lines, '"'))
    if len(quoted) and not pc.all(pc.match_substring_regex(quoted, _RECORD)).as_py():
        raise _GiveUpError


# -- converting ------------------------------------------------------------------------


def _codes(column: Column, n: int, default: str) -> tuple[npt.NDArray[np.int32] | None, list[str]]:
    """Every row's position in the list of distinct texts, and that list.

    No positions (``None``) when every row holds the one text of the list.
    """
    codes, distinct = _dictionary(column, n, default)
    return codes, distinct if isinstance(distinct, list) else distinct.to_pylist()


def _dictionary(column: Column, n: int, default: str) -> tuple[npt.NDArray[np.int32] | None, Any]:
    """:func:`_codes`, with the distinct texts as a pyarrow array where the column has one."""
    if column is None:  # an absent column holds the field's default in every row
        return None, [default]
    if n and _all_empty(column):
        return None, [""]
    encoded = pc.dictionary_encode(column)
    chunks = encoded.chunks
    if not chunks:
        return np.zeros(0, dtype=np.int32), []
    first = chunks[0].dictionary
    if not all(_shared(first, c.dictionary) for c in chunks[1:]):
        encoded = pc.dictionary_encode(column.combine_chunks())
        chunks, first = [encoded], encoded.dictionary
    return _int32([c.indices for c in chunks]), first


# Between arrow and numpy by the buffers: pyarrow's own conversions (to_numpy, pa.array,
# pa.scalar) import pandas when it is installed, a quarter of a second for nothing.


def _int32(chunks: Sequence[Any]) -> npt.NDArray[np.int32]:
    """The int32 chunks as one new numpy array, with -1 for a null."""
    parts = []
    for chunk in chunks:
        if not len(chunk):
            continue
        if chunk.type != pa.int32():
            raise _GiveUpError  # pragma: no cover - pyarrow's kernels give int32 here
        validity, buffer = chunk.buffers()
        window = slice(chunk.offset, chunk.offset + len(chunk))
        data = np.frombuffer(buffer, dtype=np.int32)[window]
        if chunk.null_count:
            bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
            data = np.where(bits[window].astype(bool), data, np.int32(-1))
        parts.append(data)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)


def _int64_of(values: Any) -> npt.NDArray[np.int64]:
    """A pyarrow int64 array without nulls as a new numpy array."""
    buffer = values.buffers()[1]
    window = slice(values.offset, values.offset + len(values))
    return np.frombuffer(buffer, dtype=np.int64)[window].copy()


def _arrow_int64(values: npt.NDArray[Any]) -> Any:
    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def _shared(a: Any, b: Any) -> bool:
    """Whether two string arrays are one and the same memory (pyarrow shares dictionaries)."""
    if len(a) != len(b) or a.offset != b.offset:
        return False
    pairs = zip(a.buffers()[1:], b.buffers()[1:], strict=True)
    return all(x is not None and y is not None and x.address == y.address for x, y in pairs)


def _by_value(
    column: Column,
    n: int,
    default: str,
    convert: Callable[[str], Any],
    dtype: Any,
    all_at_once: Callable[[Any], npt.NDArray[Any] | None] | None = None,
) -> npt.NDArray[Any]:
    """Convert each distinct text once, then spread the values over the rows.

    ``all_at_once`` may convert the distinct texts (a pyarrow array) in one go; where
    it gives up (None), each text is converted on its own, which names what is wrong.
    """
    codes, distinct = _dictionary(column, n, default)
    table = None
    if all_at_once is not None and not isinstance(distinct, list):
        table = all_at_once(distinct)
    if table is None:
        texts = distinct if isinstance(distinct, list) else distinct.to_pylist()
        values = [convert(text) for text in texts]
        table = _object_array(values) if dtype is object else np.asarray(values, dtype=dtype)
    return _spread(table, codes, n)


def _plain_cents(texts: Any) -> npt.NDArray[np.int64] | None:
    """Amounts written plainly (digits, then at most two decimals after a '.'), in cents,
    read by pyarrow's string kernels; None when any text is otherwise (blank, negative,
    with a comma, too large): the per-text parser then says which and why."""
    if not len(texts) or texts.null_count:
        return None
    parts = pc.extract_regex(
        pc.utf8_trim(texts, characters=WHITESPACE),
        f"^{MONEY_PATTERN}$",
    )
    if parts.null_count:
        return None
    whole = _int64_of(pc.cast(parts.field("whole"), pa.int64()))
    cents = _int64_of(pc.cast(pc.utf8_rpad(parts.field("cents"), 2, "0"), pa.int64()))
    amounts: npt.NDArray[np.int64] = whole * 100 + cents
    return None if amounts.max() > MAX_CENTS else amounts


def _spread(
    table: npt.NDArray[Any], codes: npt.NDArray[np.int32] | None, n: int
) -> npt.NDArray[Any]:
    if codes is not None:
        return table[codes]
    out = np.empty(n, dtype=table.dtype)
    out.fill(table[0])
    return out


def _all_empty(column: Column) -> bool:
    """Whether every text of a column is empty, from the offsets alone."""
    for chunk in column.chunks:
        if not len(chunk):
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)
        if offsets[chunk.offset + len(chunk)] != offsets[chunk.offset]:
            return False
    return True


def _object_array(values: Sequence[Any]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _same(text: str) -> str:
    return text


def _parser(f: Field) -> Callable[[str], Any]:
    parse = PARSERS[f.kind]

    def convert(text: str) -> Any:
        stripped = text.strip()
        if not stripped:
            if f.required:
                raise _GiveUpError
            stripped = f.default
        try:
            return parse(f, stripped)
        except ValueError:
            raise _GiveUpError from None

    return convert


def _date_parser(f: Field) -> Callable[[str], np.datetime64]:
    def convert(text: str) -> np.datetime64:
        key = text.strip()
        if not key and f.required:
            raise _GiveUpError
        try:
            return parse_date(key)
        except ValueError:
            raise _GiveUpError from None

    return convert


def _any_blank(column: Column) -> bool:
    trimmed = pc.utf8_trim(column, characters=WHITESPACE)
    return bool(len(trimmed) and pc.min(pc.binary_length(trimmed)).as_py() == 0)


def _index(ids: list[str]) -> dict[str, int]:
    return {key: row for row, key in enumerate(ids)}
