"""The compiled loops' results, with numpy and scipy: for small graphs (private).

Up to ``SMALL_GRAPH_EDGES`` edges the kernels call these instead of the compiled loops
of :mod:`._compiled`, so that a small network never imports numba (which alone takes a
good part of a second).  Each function returns exactly what its compiled twin returns,
the same dtypes and, where weights are summed, the same sums in the same order; the
tests compare the two on random graphs.  They trade memory for simplicity, which only
small graphs can afford.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ._adjacency import FloatArray, IntArray, InvalidAdjacencyError

IndexArray = npt.NDArray[np.integer[Any]]

__all__ = [
    "pair_order",
    "set_reach_counts",
    "summed_exactly",
    "symmetric_csr",
    "upper_in_order",
]

_ONE_KEY_NODES = 3_000_000_000  # row * n + column stays below 2**63

#: The reach of at most this many (set, node) pairs is worked out at once.
_REACH_BLOCK = 1 << 22


def symmetric_csr(
    n: int, tail: IndexArray, head: IndexArray, weight: FloatArray, cap: float
) -> tuple[IntArray, npt.NDArray[np.int32], FloatArray]:
    """:func:`._compiled.symmetric_csr`: each pair adds its weight both ways; the weights
    of a pair are summed in the order of the pairs, then capped; zero sums are dropped.

    Each pair is written as ``(lower node, higher node)`` and its sum to the upper
    triangle; the lower triangle is its transpose, and the two are merged row by row.
    When the weights sum exactly (:func:`summed_exactly`), the order of the sums makes no
    difference and scipy's conversion to CSR sums them; otherwise one sort of the pairs
    keeps their order. No pair may join a node to itself.

    Examples
    --------
    >>> indptr, indices, data = symmetric_csr(
    ...     3, np.array([0, 1, 1]), np.array([1, 0, 2]), np.array([2.0, 2.0, 1.0]), 3.0)
    >>> indptr.tolist(), indices.tolist(), data.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1], [3.0, 3.0, 1.0, 1.0])
    """
    tail, head = np.asarray(tail), np.asarray(head)
    if tail.dtype != head.dtype or tail.dtype.kind not in "iu":
        tail, head = tail.astype(np.int64), head.astype(np.int64)
    weight = np.asarray(weight, dtype=np.float64)
    if np.all(tail < head):  # the projection's pairs come so: no copy needed
        low, high = tail, head
    else:
        low, high = np.minimum(tail, head), np.maximum(tail, head)
        if np.any(low == high):
            raise InvalidAdjacencyError("a pair joins a node to itself")
    if len(low) == 0:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0)
    if summed_exactly(weight):
        # every order of the sums gives the same bits, so scipy's may sum them: its
        # counting sort by row and short sorts within rows beat one sort of all pairs
        upper = sparse.coo_array((weight, (low, high)), shape=(n, n)).tocsr()
        np.minimum(upper.data, cap, out=upper.data)
        upper.eliminate_zeros()
    else:
        upper = _upper_in_pair_order(n, low, high, weight, cap)
    # the lower triangle is the upper's transpose (scipy's counting sort), and the two
    # never share an entry, so their sum (merged row by row) adds nothing to a weight
    both = (upper + upper.T).tocsr()
    indices: npt.NDArray[np.int32] = both.indices.astype(np.int32, copy=False)
    values: FloatArray = both.data.astype(np.float64, copy=False)
    return both.indptr.astype(np.int64), indices, values


#: Weights that are whole multiples of ``2**-_EXACT_FRACTION_BITS`` ...
_EXACT_FRACTION_BITS = 24
#: ... and whose magnitudes add up to at most this are summed without rounding.
_EXACT_TOTAL = 2.0 ** (52 - _EXACT_FRACTION_BITS)
_EXACT_CHECK_SLICE = 1 << 16


def summed_exactly(weight: FloatArray) -> bool:
    """Whether every sum of some of the weights, in any order, is exact in float64.

    True when each weight is a whole multiple of :math:`2^{-24}` and their magnitudes
    add up to at most :math:`2^{28}`: every partial sum is then such a multiple below
    :math:`2^{28}`, which 52 bits hold. Tie strengths and the default edge weights are.

    Examples
    --------
    >>> summed_exactly(np.array([1.0, 2.5, 0.25, -3.0])), summed_exactly(np.array([0.1, 0.2]))
    (True, False)
    """
    total = 0.0
    # a slice at a time: small buffers, used again, instead of three copies of the weights
    for start in range(0, len(weight), _EXACT_CHECK_SLICE):
        part = weight[start : start + _EXACT_CHECK_SLICE]
        scaled = part * 2.0**_EXACT_FRACTION_BITS  # a power of two: no rounding
        if not np.array_equal(scaled, np.floor(scaled)):
            return False
        np.abs(part, out=scaled)
        total += float(scaled.sum())
    return total <= _EXACT_TOTAL


def _upper_in_pair_order(
    n: int, low: IndexArray, high: IndexArray, weight: FloatArray, cap: float
) -> sparse.csr_array:
    """The upper triangle, the weights of a pair summed in the order of the pairs."""
    order = pair_order(n, low, high)
    if n <= _ONE_KEY_NODES:  # one key per pair, read back after the sums
        pair = low.astype(np.int64)
        pair *= n
        pair += high
        pair = pair[order]
        first = np.empty(len(pair), dtype=bool)
        first[0] = True
        np.not_equal(pair[1:], pair[:-1], out=first[1:])
    else:
        low, high = low[order].astype(np.int64), high[order].astype(np.int64)
        first = np.ones(len(low), dtype=bool)
        first[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1])
    # bincount adds in the order of its input, as the compiled loop does
    totals = np.bincount(np.cumsum(first) - 1, weights=weight[order], minlength=int(first.sum()))
    keep = totals != 0.0
    if n <= _ONE_KEY_NODES:
        distinct = pair[first][keep]
        low = distinct // n
        high = distinct - low * n
    else:
        low, high = low[first][keep], high[first][keep]
    data = np.minimum(totals[keep], cap).astype(np.float64)
    upper_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(low, minlength=n), out=upper_ptr[1:])
    return sparse.csr_array((data, high.astype(np.int32), upper_ptr), shape=(n, n))


def pair_order(n: int, low: IndexArray, high: IndexArray) -> IntArray:
    """The order of pairs of nodes below ``n`` by ``(low, high)``, equal pairs as listed.

    One sort of ``(low * n + high, position)`` packed into an int64 where it fits (the
    packed keys are distinct, so any sort is stable), else a stable sort of the pair
    keys, else of the two columns.

    Examples
    --------
    >>> pair_order(4, np.array([2, 0, 2, 0]), np.array([3, 1, 3, 0])).tolist()
    [3, 1, 0, 2]
    """
    m = len(low)
    position_bits = max(1, (m - 1).bit_length())
    if n <= _ONE_KEY_NODES:
        keys = low.astype(np.int64)  # a narrower type would overflow below
        keys *= n
        keys += high
        if n * n >= 1 << (63 - position_bits):
            return np.argsort(keys, kind="stable")
        keys <<= position_bits
        keys |= np.arange(m, dtype=np.int64)
        keys.sort()
        return keys & ((1 << position_bits) - 1)
    return np.lexsort((high, low))


def upper_in_order(
    indptr: IndexArray, indices: IndexArray, data: FloatArray, order: IntArray
) -> tuple[IntArray, npt.NDArray[np.int32], FloatArray]:
    """:func:`._compiled.upper_in_order`: each edge once, node ``order[r]`` renumbered
    ``r``, as CSR with sorted rows.

    Examples
    --------
    >>> ptr, idx, val = upper_in_order(
    ...     np.array([0, 1, 3, 4]), np.array([1, 0, 2, 1]), np.array([3.0, 3.0, 1.0, 1.0]),
    ...     np.array([2, 1, 0]))
    >>> ptr.tolist(), idx.tolist(), val.tolist()
    ([0, 1, 2, 2], [1, 2], [1.0, 3.0])
    """
    n = len(indptr) - 1
    rank = np.empty(n, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(n, dtype=np.int64)
    rows = rank[np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))]
    cols = rank[np.asarray(indices, dtype=np.int64)]
    keep = cols > rows
    rows, cols, values = rows[keep], cols[keep], np.asarray(data, dtype=np.float64)[keep]
    by_row = np.lexsort((cols, rows))
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=out_ptr[1:])
    return out_ptr, cols[by_row].astype(np.int32), values[by_row]


def set_reach_counts(
    indptr: IndexArray,
    indices: IndexArray,
    set_ptr: IntArray,
    sources: IntArray,
    centres: IntArray,
    open_centres: bool = False,
) -> IntArray:
    """:func:`._compiled.set_reach_counts`: per set, the nodes one or two hops from a
    source other than themselves, minus the centre's closed neighbourhood.

    With :math:`c_k(y)` the number of distinct sources of set :math:`k` next to
    :math:`y`, a node :math:`x` is reached when :math:`c_k(x) > 0`, or when a neighbour
    :math:`y` has :math:`c_k(y) > 0` (:math:`x` not a source) or :math:`c_k(y) \\ge 2`
    (:math:`x` a source, counted at :math:`y` itself): sparse products, a block of sets
    at a time.

    Examples
    --------
    On the path 0-1-2-3-4: the set {0} reaches 1 and 2; the set {0, 4} with centre 2
    reaches 1, 2 and 3, of which only 2's neighbours and 2 itself are left out.

    >>> set_reach_counts(np.array([0, 1, 3, 5, 7, 8]), np.array([1, 0, 2, 1, 3, 2, 4, 3]),
    ...                  np.array([0, 1, 3]), np.array([0, 0, 4]), np.array([-1, 2]))
    array([2, 0])
    """
    n = len(indptr) - 1
    sets = len(set_ptr) - 1
    counts = np.zeros(sets, dtype=np.int64)
    if sets == 0 or n == 0:
        return counts
    pattern = sparse.csr_array(
        (np.ones(len(indices)), np.asarray(indices), np.asarray(indptr)), shape=(n, n)
    )
    set_ptr = np.asarray(set_ptr, dtype=np.int64)
    sources = np.asarray(sources, dtype=np.int64)
    centres = np.asarray(centres, dtype=np.int64)
    step = max(1, _REACH_BLOCK // n)
    for low in range(0, sets, step):
        high = min(sets, low + step)
        counts[low:high] = _reach_block(
            pattern,
            set_ptr[low : high + 1] - set_ptr[low],
            sources[set_ptr[low] : set_ptr[high]],
            centres[low:high],
            open_centres,
        )
    return counts


def _reach_block(
    pattern: sparse.csr_array,
    set_ptr: IntArray,
    sources: IntArray,
    centres: IntArray,
    open_centres: bool = False,
) -> IntArray:
    """:func:`set_reach_counts` of one block of sets (``set_ptr`` starting at 0)."""
    n = pattern.shape[0]
    sets = len(centres)
    owner = np.repeat(np.arange(sets, dtype=np.int64), np.diff(set_ptr))
    if open_centres:  # a source that is its set's centre walks nowhere
        keep = sources != centres[owner]
        owner, sources = owner[keep], sources[keep]
    member = sparse.csr_array((np.ones(len(owner)), (owner, sources)), shape=(sets, n))
    member.sum_duplicates()
    member.data[:] = 1.0  # a source given twice is one source
    near = (member @ pattern).tocsr()  # c_k(y) at (k, y)
    near.sum_duplicates()
    near.eliminate_zeros()
    if open_centres:  # no walk passes through the centre
        rows = np.repeat(np.arange(sets), np.diff(near.indptr))
        near.data[near.indices == centres[rows]] = 0.0
        near.eliminate_zeros()
    many = near.copy()
    many.data = (many.data >= 2).astype(np.float64)
    many.eliminate_zeros()
    near.data[:] = 1.0
    two = (near @ pattern).tocoo()  # a neighbour y with c_k(y) > 0
    two_many = (many @ pattern).tocoo()  # a neighbour y with c_k(y) >= 2
    near_coo = near.tocoo()
    member_coo = member.tocoo()
    is_source = np.sort(member_coo.row.astype(np.int64) * n + member_coo.col)

    def keys(m: Any) -> IntArray:
        return m.row.astype(np.int64) * n + m.col.astype(np.int64)  # type: ignore[no-any-return]

    def among_sources(k: IntArray) -> npt.NDArray[np.bool_]:
        where = np.minimum(np.searchsorted(is_source, k), max(0, len(is_source) - 1))
        return is_source[where] == k if len(is_source) else np.zeros(len(k), dtype=bool)

    second, second_many = keys(two), keys(two_many)
    reached = np.unique(
        np.concatenate(
            [
                keys(near_coo),
                second[~among_sources(second)],
                second_many[among_sources(second_many)],
            ]
        )
    )
    # the centre and (unless open) its neighbours are left out
    has_centre = np.flatnonzero(centres >= 0)
    centre = centres[has_centre]
    lengths = np.asarray(pattern.indptr)[centre + 1] - np.asarray(pattern.indptr)[centre]
    if open_centres:
        lengths = np.zeros_like(lengths)
    around = pattern.indices[
        np.repeat(np.asarray(pattern.indptr)[centre] - np.cumsum(lengths) + lengths, lengths)
        + np.arange(int(lengths.sum()), dtype=np.int64)
    ]
    excluded = np.concatenate(
        [has_centre * n + centre, np.repeat(has_centre, lengths) * n + around.astype(np.int64)]
    )
    reached = reached[~np.isin(reached, excluded)]
    return np.bincount(reached // n, minlength=sets).astype(np.int64)
