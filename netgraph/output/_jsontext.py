"""The JSON lines of a batch of summaries, put together column by column (private).

A summary line has the same keys in every row, so each value is turned into JSON
text for a whole block of members at once (pyarrow's string kernels cast numbers
and quote strings), and the block's bytes are then laid out row by row by one
compiled copy loop.  A million lines take seconds this way instead of minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..graph.kernels._compiled import copy_rows
from ..scoring._focus import FOCUS_KEYS
from ._results import VALUE_KEYS

if TYPE_CHECKING:
    from ..scoring._batch import BatchScores

__all__ = ["JsonText"]

Ints = npt.NDArray[np.int64]


class JsonText:
    """The JSON lines of a batch, block by block, as pyarrow string columns joined row-wise."""

    def __init__(self, batch: BatchScores) -> None:
        import pyarrow as pa

        self.batch = batch
        network = batch.network
        # every person's id and every member's name quoted once, then taken per block
        self.ids = _json_strings(np.asarray(network.person_ids, dtype=object))
        self.names = _json_strings(network.people["name"][batch.members])
        self.stars = {key: batch.stars(key) for key in VALUE_KEYS}
        self.statuses = pa.array(['"weak"', '"fair"', '"strong"', '"no data"'], pa.string())

    def block(self, start: int, stop: int) -> memoryview:
        import pyarrow as pa

        batch = self.batch
        members = batch.members[start:stop]
        pieces: list[Any] = [
            '{"member":',
            self.ids.take(pa.array(members)),
            ',"name":',
            self.names.slice(start, stop - start),
            ',"as_of":"' + batch.as_of.isoformat() + '","values":{',
        ]
        for v, key in enumerate(VALUE_KEYS):
            pieces += [
                ("," if v else "") + f'"{key}":{{"score":',
                _json_numbers(batch.scores[key][start:stop]),
                ',"stars":',
                _json_numbers(self.stars[key][start:stop]),
                ',"components":{',
            ]
            for c, (name, rating) in enumerate(batch.components[key].items()):
                pieces += [("," if c else "") + f'"{name}":', _json_numbers(rating[start:stop])]
            pieces.append('},"numbers":{')
            for c, (name, values) in enumerate(batch.numbers[key].items()):
                text = (
                    _json_strings(values[start:stop])
                    if values.dtype == object
                    else _json_numbers(values[start:stop])
                )
                pieces += [("," if c else "") + f'"{name}":', text]
            pieces.append('},"contributors":[')
            pieces.append(self._contributors(key, start, stop))
            pieces.append("]}")
        pieces.append('},"focus":{')
        for f, key in enumerate(FOCUS_KEYS):
            rating = batch.focus[key][start:stop]
            status = np.where(
                np.isnan(rating), 3, (rating >= 1 / 3).astype(int) + (rating >= 2 / 3).astype(int)
            )
            pieces += [("," if f else "") + f'"{key}":', self.statuses.take(pa.array(status))]
        pieces.append("}}\n")
        return _concatenate_rows(pieces, stop - start)

    def _contributors(self, key: str, start: int, stop: int) -> Any:
        import pyarrow as pa
        import pyarrow.compute as pc

        people, shares = self.batch.contributors[key]
        # slots fill in order (a second contributor only after a first), so each slot
        # extends the text of the ones before it
        joined = pa.array([""] * (stop - start), pa.string())
        for k in range(people.shape[1]):
            who = people[start:stop, k]
            present = who >= 0
            if not present.any():
                break
            item = pc.binary_join_element_wise(
                '{"id":',
                self.ids.take(pa.array(np.where(present, who, 0))),
                ',"share":',
                _json_numbers(shares[start:stop, k]),
                "}",
                "",
            )
            longer = pc.binary_join_element_wise(joined, "," if k else "", item, "")
            joined = pc.if_else(pa.array(present), longer, joined)
        return joined


def _concatenate_rows(pieces: list[Any], rows: int) -> memoryview:
    """The text of row 0's pieces, then row 1's, and so on, as one UTF-8 byte string.

    ``pieces`` are constant strings (the same in every row) and string columns of
    ``rows`` entries.  Their bytes go into one pool and a compiled loop
    (:func:`netgraph.graph.kernels._compiled.copy_rows`) copies them out in row-major
    order, without a Python string per row or per piece.  The result is a view of a
    new byte array, written as it is.
    """
    import pyarrow as pa

    data: list[npt.NDArray[np.uint8]] = []
    bounds: list[Ints] = []
    first_bound = np.zeros(len(pieces), dtype=np.int64)
    is_column = np.zeros(len(pieces), dtype=np.bool_)
    pooled = 0
    bounded = 0
    total = 0
    for j, piece in enumerate(pieces):
        if isinstance(piece, str):
            raw = np.frombuffer(piece.encode("utf-8"), dtype=np.uint8)
            offsets = np.array([0, len(raw)], dtype=np.int64)
            total += rows * len(raw)
        else:
            column = piece.cast(pa.string())
            _, offset_buffer, value_buffer = column.buffers()
            offsets = np.frombuffer(offset_buffer, dtype=np.int32)[
                column.offset : column.offset + rows + 1
            ].astype(np.int64)
            raw = np.frombuffer(value_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]
            offsets = offsets - offsets[0]
            is_column[j] = True
            total += int(offsets[-1])
        data.append(raw)
        bounds.append(offsets + pooled)
        first_bound[j] = bounded
        pooled += len(raw)
        bounded += len(offsets)
    out = np.empty(total, dtype=np.uint8)
    copy_rows(np.concatenate(data), np.concatenate(bounds), first_bound, is_column, rows, out)
    return out.data


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

    text = pa.array(values.tolist(), pa.string())
    needs = pc.match_substring_regex(text, r'["\\\x00-\x1f]')  # what json.dumps escapes
    quoted = pc.binary_join_element_wise('"', text, '"', "")
    if not pc.any(needs).as_py():
        return quoted
    escaped = pa.array([json.dumps(v, ensure_ascii=False) for v in values.tolist()], pa.string())
    return pc.if_else(needs, escaped, quoted)
