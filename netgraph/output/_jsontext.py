"""The JSON lines of a batch of summaries, put together column by column (private).

A summary line has the same keys in every row, so each value is turned into JSON
text for a whole block of members at once (pyarrow's string kernels cast numbers
and quote strings), and each row's pieces are then joined by one more of them. A
million lines take seconds this way instead of minutes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ._columns import NUMBERS, SUMMARY_CONTRIBUTORS, ScoreColumns
from ._results import FOCUS_KEYS, STATUSES, VALUE_KEYS

__all__ = ["JsonText", "QuotedPeople"]

Ints = npt.NDArray[np.int64]


class QuotedPeople:
    """Every person's id and name as JSON strings, made once for all the blocks of a run.

    A block's member ids, member names and contributor ids are then taken from these
    by position (in C), instead of quoting the same people's text block after block.
    """

    def __init__(self, person_ids: npt.NDArray[Any], names: npt.NDArray[Any]) -> None:
        self.ids = _json_strings(person_ids)
        self.names = _json_strings(names)

    def take_ids(self, rows: npt.NDArray[np.int64]) -> Any:
        import pyarrow as pa

        return self.ids.take(pa.array(rows, pa.int64()))

    def take_names(self, rows: npt.NDArray[np.int64]) -> Any:
        import pyarrow as pa

        return self.names.take(pa.array(rows, pa.int64()))


class JsonText:
    """The JSON lines of a block of members' summaries, as pyarrow string columns joined."""

    def __init__(self, columns: ScoreColumns, people: QuotedPeople) -> None:
        self.columns = columns
        self.people = people

    def text(self) -> memoryview:
        """The summaries of the block's members as UTF-8 JSON lines."""
        import pyarrow as pa

        columns = self.columns
        rows = len(columns.members)
        pieces: list[Any] = [
            '{"member":',
            self.people.take_ids(columns.members),
            ',"name":',
            self.people.take_names(columns.members),
            ',"as_of":"' + columns.as_of + '","values":{',
        ]
        for v, key in enumerate(VALUE_KEYS):
            value = columns.values[key]
            pieces += [
                ("," if v else "") + f'"{key}":{{"score":',
                _json_numbers(value.shown_scores),
                ',"stars":',
                _json_number_column("int", columns.stars(key)),
                ',"reason":',
                _json_strings(value.reasons),
                ',"components":{',
            ]
            for c, (name, (rating, _)) in enumerate(value.components.items()):
                pieces += [("," if c else "") + f'"{name}":', _json_numbers(rating)]
            pieces.append('},"numbers":{')
            shown = [n for n in NUMBERS[key] if n.summary]
            for c, number in enumerate(shown):
                pieces += [
                    ("," if c else "") + f'"{number.name}":',
                    _json_number_column(number.kind, value.numbers[number.name]),
                ]
            pieces.append('},"contributors":[')
            pieces.append(self._contributors(key))
            pieces.append("]}")
        pieces.append('},"focus":{')
        statuses = pa.array([f'"{s}"' for s in STATUSES], pa.string())
        for f, key in enumerate(FOCUS_KEYS):
            codes = columns.focus.codes(key)
            pieces += [("," if f else "") + f'"{key}":', statuses.take(pa.array(codes))]
        pieces.append("}}\n")
        return _concatenate_rows(pieces, rows)

    def _contributors(self, key: str) -> Any:
        import pyarrow as pa
        import pyarrow.compute as pc

        columns = self.columns
        found = columns.values[key].contributors
        people = found.people[:, :SUMMARY_CONTRIBUTORS]
        shares = found.shares[:, :SUMMARY_CONTRIBUTORS]
        rows = len(columns.members)
        # slots fill in order (a second contributor only after a first), so each slot
        # extends the text of the ones before it
        joined = pa.array([""] * rows, pa.string())
        for k in range(people.shape[1]):
            who = people[:, k]
            present = who >= 0
            if not present.any():
                break
            item = pc.binary_join_element_wise(
                '{"id":',
                self.people.take_ids(np.where(present, who, 0)),
                ',"share":',
                _json_numbers(shares[:, k]),
                "}",
                "",
            )
            longer = pc.binary_join_element_wise(joined, "," if k else "", item, "")
            joined = pc.if_else(pa.array(present), longer, joined)
        return joined


def _json_number_column(kind: str, values: npt.NDArray[Any]) -> Any:
    """A number column as JSON text, by its declared kind."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if kind == "money":
        return _json_money(values.astype(np.int64))
    if kind == "text":
        return _json_strings(values)
    if kind == "int" and values.dtype.kind == "f":
        known = ~np.isnan(values)
        text = pc.cast(pa.array(np.where(known, values, 0).astype(np.int64)), pa.string())
        return pc.if_else(pa.array(known), text, "null")
    if kind == "int":
        return _json_numbers(values.astype(np.int64))
    return _json_numbers(values.astype(np.float64))


def _json_money(cents: Ints) -> Any:
    """JSON strings of amounts in cents, as :func:`netgraph.model._network.format_cents`
    writes each one (``-1250`` gives ``"-12.50"``), made for the whole column at once.

    ``tests/test_jsontext.py`` checks the two agree on every int64 amount Hypothesis
    tries; the text of a million amounts in Python took most of a block's JSON time.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    magnitude = np.abs(cents)
    whole = pc.cast(pa.array(magnitude // 100), pa.string())
    fraction = pc.utf8_lpad(pc.cast(pa.array(magnitude % 100), pa.string()), 2, "0")
    opening = pc.if_else(pa.array(cents < 0), '"-', '"')
    return pc.binary_join_element_wise(opening, whole, ".", fraction, '"', "")


def _concatenate_rows(pieces: list[Any], rows: int) -> memoryview:
    """The text of row 0's pieces, then row 1's, and so on, as one UTF-8 byte string.

    ``pieces`` are constant strings (the same in every row) and string columns of
    ``rows`` entries. pyarrow joins each row's pieces (in C++, without the interpreter's
    lock); the joined rows lie one after another in the result's value buffer, which
    is then the text of all rows, returned as a view without a copy.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    merged: list[Any] = []
    for piece in pieces:  # neighbouring constants as one: fewer pieces to join per row
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece if isinstance(piece, str) else piece.cast(pa.large_string()))
    if not any(not isinstance(piece, str) for piece in merged):
        raise AssertionError("a block's text has its members' ids as a column")
    if rows == 0:
        return memoryview(b"")
    wide = pa.large_string()  # 64-bit offsets: a block's text may pass 2 GiB
    lines = pc.binary_join_element_wise(
        *(pa.scalar(p, wide) if isinstance(p, str) else p for p in merged), pa.scalar("", wide)
    )
    _, offset_buffer, value_buffer = lines.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=np.int64)[lines.offset : lines.offset + rows + 1]
    return memoryview(value_buffer)[int(offsets[0]) : int(offsets[-1])]


def _json_numbers(values: npt.NDArray[Any]) -> Any:
    """JSON numbers as pyarrow strings: floats rounded to 6 places, NaN as null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if values.dtype.kind == "f":
        rounded = np.round(values, 6) + 0.0
        text = pc.cast(pa.array(rounded, from_pandas=True), pa.string())
        # a float keeps a point (1.0, not 1) so that readers see a float; pyarrow writes
        # whole numbers from 1e15 on with an exponent, which is a float already
        with np.errstate(invalid="ignore"):
            whole = (np.floor(rounded) == rounded) & (np.abs(rounded) < 1e15)
        text = pc.if_else(pa.array(whole), pc.binary_join_element_wise(text, ".0", ""), text)
        return pc.fill_null(text, "null")
    return pc.cast(pa.array(values.astype(np.int64)), pa.string())


def _json_strings(values: npt.NDArray[Any]) -> Any:
    """JSON strings (quoted, escaped) as pyarrow strings."""
    import json

    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(values.tolist(), pa.string())  # None becomes a null entry
    needs = pc.fill_null(pc.match_substring_regex(text, r'["\\\x00-\x1f]'), False)
    quoted = pc.binary_join_element_wise('"', text, '"', "")
    if pc.any(needs).as_py():  # what json.dumps escapes
        escaped = pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False) for v in values.tolist()],
            pa.string(),
        )
        quoted = pc.if_else(needs, escaped, quoted)
    return pc.fill_null(quoted, "null")
