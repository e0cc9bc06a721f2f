"""Every member's scores as one typed table (pyarrow), made from the scorer's columns.

pyarrow is imported when a table is made, not with netgraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ..model._network import Network
from ..model._settings import Settings
from ._columns import NUMBERS, Kind, ScoreColumns
from ._results import FOCUS_KEYS, STATUSES, VALUE_KEYS

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["MONEY_PRECISION", "score_table", "table_of"]

#: Amounts of money are exact decimals with two places: ``decimal128(19, 2)`` holds any
#: amount in cents that netgraph holds (a signed 64-bit integer).
MONEY_PRECISION = 19


def score_table(network: Network, *, as_of: date, settings: Settings | None = None) -> pa.Table:
    """Every member's scores as one table: one row per member, one typed column per number.

    Parameters
    ----------
    network : Network
        The network, from :func:`netgraph.load_network` or another reader.
    as_of : datetime.date
        The date to score on: only what happened up to and including it counts.
    settings : Settings, optional
        The method's parameters; the defaults of :class:`netgraph.Settings` if left out.

    Returns
    -------
    pyarrow.Table
        One row per member, in the order of the people table, with the columns

        * ``member`` (string), ``name`` (string), ``as_of`` (date32);
        * per value (``acquisition``, ``recommendation``, ``financial``, ``knowledge``):
          ``<value>_score`` (float64, 0-100) and ``<value>_stars`` (int64, 1-5), both
          null where the data cannot show the value, and ``<value>_reason`` (string)
          that says why (null where it can); each component's rating
          ``<value>_<component>_rating`` (float64 from 0 to 1, null where there is no
          data for it; ``_rating`` because a component may share its name with a
          number, as ``acquisition_network_share`` does) and each of the value's numbers
          ``<value>_<number>``, typed by the number's kind: whole numbers int64 (null
          where unknown), fractions float64 (null where unknown), amounts of money
          ``decimal128(19, 2)`` (exact; the currency is the value's ``currency``
          column), text string;
        * per focus point: ``focus_<point>`` (string: ``strong``, ``fair``, ``weak`` or
          ``no data``).

        Lists (the Lorenz curve, the referral chains, the group ids) and the numbers
        made to explain one member (the chains' count and length) are left out: they
        are in :func:`netgraph.score_member`'s report. With pandas installed,
        ``.to_pandas()`` gives a data frame.

    Notes
    -----
    The table is made from the same columns as ``netgraph score --all``: its scores,
    stars, ratings and numbers are those of the JSON lines, where JSON shows fractions
    rounded to six decimals and amounts as text, and the table keeps every digit. It
    also holds the numbers that only the full report shows (``window_start``,
    ``revenue_credited``, ``pareto_share``, ``largest_client``). The ratings and
    numbers are defined, with their references, in ``docs/method.md``.

    Examples
    --------
    >>> from datetime import date
    >>> import netgraph
    >>> table = netgraph.score_table(netgraph.example_network(), as_of=date(2026, 11, 1))
    >>> table.num_rows, table.column_names[:5]
    (1, ['member', 'name', 'as_of', 'acquisition_score', 'acquisition_stars'])
    >>> row = table.to_pylist()[0]
    >>> row["member"], row["financial_stars"] in range(1, 6), row["acquisition_currency"]
    ('sanne', True, 'EUR')
    >>> str(table.schema.field("acquisition_revenue").type)
    'decimal128(19, 2)'
    """
    from ..scoring._score import score_all, score_block

    scores = score_all(network, as_of=as_of, settings=settings)
    blocks: Iterator[ScoreColumns] = scores.blocks()
    if len(scores.members) == 0:  # the columns' names and types come from a block
        blocks = iter([score_block(scores.ctx, np.zeros(0, dtype=np.int64))])
    return table_of(blocks)


def table_of(blocks: Iterable[ScoreColumns]) -> pa.Table:
    """The table of :func:`score_table` from the scorer's blocks (at least one)."""
    import pyarrow as pa

    batches = [_batch(columns) for columns in blocks]
    if not batches:
        raise ValueError("table_of needs at least one block, to know the columns")
    return pa.Table.from_batches(batches)


def _batch(columns: ScoreColumns) -> Any:
    import pyarrow as pa

    rows = len(columns.members)
    names: list[str] = []
    arrays: list[Any] = []

    def add(name: str, array: Any) -> None:
        if name in names:  # a programming error, caught by every test
            raise AssertionError(f"two columns named {name!r}")
        names.append(name)
        arrays.append(array)

    add("member", _strings(columns.person_ids[columns.members]))
    add("name", _strings(columns.names))
    day = np.full(rows, np.datetime64(columns.as_of, "D"))
    add("as_of", pa.array(day, pa.date32()))
    for key in VALUE_KEYS:
        value = columns.values[key]
        add(f"{key}_score", _floats(value.shown_scores))  # NaN: not enough data
        add(f"{key}_stars", _column("int", columns.stars(key)))
        add(f"{key}_reason", _strings(value.reasons))
        for component, (rating, _) in value.components.items():
            add(f"{key}_{component}_rating", _floats(rating))
        for number in NUMBERS[key]:
            if not number.explained:
                add(f"{key}_{number.name}", _column(number.kind, value.numbers[number.name]))
    statuses = pa.array(list(STATUSES), pa.string())
    for point in FOCUS_KEYS:
        codes = columns.focus.codes(point)
        add(f"focus_{point}", statuses.take(pa.array(np.asarray(codes, dtype=np.int64))))
    return pa.RecordBatch.from_arrays(arrays, names=names)


def _column(kind: Kind, values: npt.NDArray[Any]) -> Any:
    """A number column as a pyarrow array of its declared kind."""
    import pyarrow as pa

    if kind == "money":
        return _money(values.astype(np.int64))
    if kind == "text":
        return _strings(values)
    if kind == "int":
        if values.dtype.kind == "f":
            unknown = np.isnan(values)
            return pa.array(np.where(unknown, 0, values).astype(np.int64), mask=unknown)
        return pa.array(values.astype(np.int64), pa.int64())
    return _floats(values)


def _floats(values: npt.NDArray[Any]) -> Any:
    """float64, null where NaN (unknown); ``-0.0`` is shown as ``0.0``, as in JSON."""
    import pyarrow as pa

    return pa.array(values.astype(np.float64) + 0.0, pa.float64(), from_pandas=True)


def _strings(values: npt.NDArray[Any]) -> Any:
    import pyarrow as pa

    return pa.array(values.tolist(), pa.string())


def _money(cents: npt.NDArray[np.int64]) -> Any:
    """Cents as exact ``decimal128(19, 2)``: the unscaled value is the number of cents."""
    import pyarrow as pa

    # a decimal128 is a 16-byte little-endian two's-complement integer: the cents, then
    # their sign extended over the high 8 bytes
    words = np.empty((len(cents), 2), dtype="<i8")
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)
    return pa.Array.from_buffers(
        pa.decimal128(MONEY_PRECISION, 2), len(cents), [None, pa.py_buffer(words.tobytes())]
    )
