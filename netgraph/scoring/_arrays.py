"""Array tools the values are written with: group sums, top-k per member, ratings.

Every value is computed for a block of members at once. Most steps are "per
(member, person) pair" or "per member" sums over event rows; these helpers do them
with sorts and ``reduceat``, never with a loop over members. A pair is packed into
one int64 key by a :class:`KeySpace`, which checks that its keys cannot overflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from ..model._errors import ConfigError

__all__ = [
    "Bools",
    "Floats",
    "Ints",
    "KeySpace",
    "contains",
    "group_max",
    "group_min",
    "group_sum",
    "lookup",
    "per_member",
    "picked",
    "ranked",
    "ratio",
    "round_score",
    "runs",
    "saturating",
    "shares",
    "slices",
    "stable_order",
    "top_k",
    "unique",
    "weighted_score",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


class KeySpace:
    """Pairs ``(a, b)`` with ``0 <= a < rows`` and ``0 <= b < base`` packed as ``a * base + b``.

    One int64 per pair sorts and compares as fast as a plain number. The space is
    checked when it is made: if ``rows * base`` would not fit in 63 bits, it refuses
    instead of letting keys wrap around.  The scorer packs (member position in a
    block, person), so the bound is the block size times the number of people.

    Examples
    --------
    >>> space = KeySpace(rows=4, base=10)
    >>> space.pack(np.array([3]), np.array([7])).tolist()
    [37]
    >>> [x.tolist() for x in space.unpack(np.array([37]))]
    [[3], [7]]
    >>> KeySpace(rows=2**32, base=2**31)
    Traceback (most recent call last):
    ...
    netgraph.model._errors.ConfigError: 4294967296 x 2147483648 pairs do not fit in a 64-bit key
    """

    def __init__(self, rows: int, base: int) -> None:
        if max(rows, 1) * max(base, 1) >= 2**63:
            raise ConfigError(f"{rows} x {base} pairs do not fit in a 64-bit key")
        self.rows = rows
        self.base = max(base, 1)

    def pack(self, a: npt.ArrayLike, b: npt.ArrayLike) -> Ints:
        return np.asarray(a, dtype=np.int64) * self.base + np.asarray(b, dtype=np.int64)

    def unpack(self, keys: Ints) -> tuple[Ints, Ints]:
        return keys // self.base, keys % self.base


def runs(sorted_keys: Ints) -> tuple[Ints, Ints]:
    """Distinct keys of a sorted array and where each run starts."""
    if len(sorted_keys) == 0:
        return sorted_keys, np.zeros(0, dtype=np.int64)
    first = np.concatenate([[True], sorted_keys[1:] != sorted_keys[:-1]])
    starts = np.flatnonzero(first)
    return sorted_keys[starts], starts


def stable_order(keys: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.intp]:
    """``np.argsort(keys, kind="stable")``, for keys such as person rows quicker.

    Keys from 0 to 2**32 - 1 are sorted as two 16-bit digits, low digit first; numpy
    sorts 16-bit integers stably by radix, in linear time. Other keys take numpy's
    stable sort as they are.

    Examples
    --------
    >>> stable_order(np.array([70000, 3, 70000, 0])).tolist()
    [3, 1, 0, 2]
    """
    if len(keys) == 0 or keys.min() < 0 or keys.max() > 0xFFFFFFFF:
        return np.argsort(keys, kind="stable")
    wide = keys.astype(np.uint32, copy=False)
    order = np.argsort((wide & 0xFFFF).astype(np.uint16), kind="stable")
    if wide.max() > 0xFFFF:
        order = order[np.argsort((wide[order] >> 16).astype(np.uint16), kind="stable")]
    return order


def unique(values: npt.ArrayLike, return_counts: bool = False) -> Any:
    """Sorted distinct integers (and how often each occurs), by sorting.

    numpy 2's default :func:`numpy.unique` of integers goes through a hash table,
    which is many times slower than a sort on arrays of millions.

    Examples
    --------
    >>> [x.tolist() for x in unique([3, 1, 3], return_counts=True)]
    [[1, 3], [1, 2]]
    """
    x = np.sort(np.asarray(values, dtype=np.int64))
    first = np.concatenate([[True], x[1:] != x[:-1]]) if len(x) else np.zeros(0, dtype=bool)
    distinct = x[first]
    if not return_counts:
        return distinct
    return distinct, np.diff(np.concatenate([np.flatnonzero(first), [len(x)]]))


def group_sum(keys: Ints, values: npt.NDArray[Any]) -> tuple[Ints, Any]:
    """Sums of ``values`` per distinct key (exact for integers); keys come back sorted."""
    order = np.argsort(keys, kind="stable")
    distinct, starts = runs(keys[order])
    if len(distinct) == 0:
        return distinct, values[:0]
    return distinct, np.add.reduceat(values[order], starts)


def lookup(keys: Ints, values: npt.NDArray[Any], wanted: Ints, missing: Any) -> Any:
    """``values[keys == w]`` for every ``w`` in wanted (keys sorted, distinct), else missing."""
    if len(keys) == 0:
        return np.full(len(wanted), missing, dtype=values.dtype)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, values[at], missing)


def contains(sorted_keys: Ints, wanted: Ints) -> Bools:
    """Whether each wanted key is among the sorted keys."""
    if len(sorted_keys) == 0:
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
    found: Bools = sorted_keys[at] == wanted
    return found


def group_min(keys: Ints, values: Ints, wanted: Ints) -> Ints:
    """The smallest value per key, for each wanted key (int64 max where it has none)."""
    order = np.lexsort((values, keys))
    distinct, starts = runs(keys[order])
    return lookup(distinct, values[order][starts], wanted, np.iinfo(np.int64).max)  # type: ignore[no-any-return]


def group_max(keys: Ints, values: Ints, wanted: Ints) -> Ints:
    """The largest value per key, for each wanted key (int64 min where it has none)."""
    order = np.lexsort((-values, keys))
    distinct, starts = runs(keys[order])
    return lookup(distinct, values[order][starts], wanted, np.iinfo(np.int64).min)  # type: ignore[no-any-return]


def slices(low: npt.ArrayLike, high: npt.ArrayLike) -> tuple[Ints, Ints]:
    """The positions ``low[k] .. high[k] - 1`` of every slice ``k``, one after the other.

    Returns each position's slice number and the positions: the rows of a CSR matrix
    or of a sorted index, gathered for many keys at once.

    Examples
    --------
    >>> [x.tolist() for x in slices([5, 0], [7, 1])]
    [[0, 0, 1], [5, 6, 0]]
    """
    low = np.asarray(low, dtype=np.int64).reshape(-1)
    lengths = np.asarray(high, dtype=np.int64).reshape(-1) - low
    first = np.repeat(low - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.repeat(np.arange(len(low)), lengths), first + np.arange(int(lengths.sum()))


def per_member(owner: Ints, count: int, values: npt.NDArray[Any] | None = None) -> Any:
    """Sum of ``values`` (or the number of entries) per member position."""
    if values is None:
        return np.bincount(owner, minlength=count).astype(np.int64)
    if values.dtype.kind in "iub":
        out = np.zeros(count, dtype=np.int64)
        np.add.at(out, owner, values.astype(np.int64))
        return out
    return np.bincount(owner, weights=values, minlength=count)


def ratio(part: npt.NDArray[Any], whole: npt.NDArray[Any]) -> Floats:
    """part / whole, NaN where whole is 0 (NaN stands for 'no data')."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.asarray(part, dtype=np.float64) / np.asarray(whole, dtype=np.float64)
    out[np.asarray(whole) == 0] = np.nan
    return out


def saturating(value: npt.NDArray[Any], target: float) -> Floats:
    """``value / target`` capped at 1 (a target of 0 means any value is enough).

    Examples
    --------
    >>> saturating(np.array([0, 5, 20]), 10).tolist()
    [0.0, 0.5, 1.0]
    """
    if target <= 0:
        return np.ones(len(value))
    return np.clip(np.asarray(value, dtype=np.float64) / target, 0.0, 1.0)


def round_score(values: Floats, digits: int = 1) -> Floats:
    """Each value rounded to ``digits`` decimals exactly as Python's :func:`round` does.

    numpy's rounding scales, rounds half to even and scales back, which differs from
    correct rounding only where the scaled value lies within rounding error of a half;
    those few values are rounded by Python itself.

    Examples
    --------
    >>> round_score(np.array([0.25, 2.675, 72.25]), 1).tolist()
    [0.2, 2.7, 72.2]
    """
    scaled = values * 10.0**digits
    out: Floats = np.round(values, digits)
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for i in np.flatnonzero(near_half).tolist():
        out[i] = round(float(values[i]), digits)
    return out


def weighted_score(components: Mapping[str, tuple[Floats, float]]) -> Floats:
    """0-100: per member, the weighted mean of the rated components (NaN: left out).

    Each rating is clipped to 0-1; a member with no rated component scores 0.
    The score is rounded to one decimal (:func:`round_score`).

    Examples
    --------
    >>> weighted_score({"a": (np.array([1.0, 1.0]), 0.5), "b": (np.array([0.0, np.nan]), 0.5)})
    array([ 50., 100.])
    """
    total: Floats | None = None
    weights: Floats | None = None
    for rating, weight in components.values():
        known = ~np.isnan(rating)
        term = np.where(known, np.clip(rating, 0.0, 1.0) * weight, 0.0)
        w = np.where(known, weight, 0.0)
        total = term if total is None else total + term
        weights = w if weights is None else weights + w
    if total is None or weights is None:
        raise ValueError("a value needs at least one component")
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(weights > 0, total / weights, 0.0)
    return round_score(100.0 * mean, 1)


def ranked(owner: Ints, rank_keys: tuple[npt.NDArray[Any], ...], count: int) -> tuple[Ints, Ints]:
    """Pairs sorted by owner, then by ``rank_keys`` (most significant first, ascending).

    Returns the order of the pairs and each pair's rank within its owner (0 = first).
    """
    if len(owner) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((*reversed(rank_keys), owner))
    starts = np.searchsorted(owner[order], np.arange(count))
    rank = np.arange(len(order)) - starts[owner[order]]
    return order.astype(np.int64), rank


def top_k(owner: Ints, rank_keys: tuple[npt.NDArray[Any], ...], k: int, count: int) -> Ints:
    """For every member, the indices of its first ``k`` pairs (``-1`` where it has fewer).

    ``k`` is cut to the most pairs any member has, so a huge ``k`` costs nothing.
    """
    k = max(0, min(k, int(np.bincount(owner, minlength=1).max(initial=0))))
    order, rank = ranked(owner, rank_keys, count)
    out = np.full((count, k), -1, dtype=np.int64)
    keep = rank < k
    out[owner[order][keep], rank[keep]] = order[keep]
    return out


def shares(
    top: Ints, person: Ints, part: npt.NDArray[Any], whole: npt.NDArray[Any]
) -> tuple[Ints, Floats]:
    """The (members x k) persons and shares ``part / whole`` of the picked pairs.

    ``-1`` and NaN where a member has fewer pairs; a share is 0 where whole is 0.
    """
    present = top >= 0
    picked = np.where(present, top, 0)
    people = np.where(present, person[picked] if len(person) else -1, -1)
    whole_f = np.asarray(whole, dtype=np.float64)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (
            np.where(whole_f > 0, np.asarray(part, dtype=np.float64)[picked] / whole_f, 0.0)
            if len(part)
            else np.zeros(top.shape)
        )
    return people.astype(np.int64), np.where(present, share, np.nan)


def picked(top: Ints, values: npt.NDArray[Any], missing: Any) -> npt.NDArray[Any]:
    """``values`` of the pairs picked by :func:`top_k`, ``missing`` where none."""
    present = top >= 0
    if len(values) == 0:
        return np.full(top.shape, missing)
    return np.where(present, values[np.where(present, top, 0)], missing)
