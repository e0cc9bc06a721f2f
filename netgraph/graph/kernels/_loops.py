"""The loops behind the compiled kernels, compiled by numba (private).

Some computations do not map well onto whole-array operations: counting the distinct
nodes within two hops of many small node sets, summing over every triangle of a
graph, and building and renumbering a sparse graph.
Written as sparse products the first two materialise every two-step walk or every
candidate triangle, which costs memory and several passes; written as loops over
the CSR arrays with a marker array they need one pass and almost no memory.
numba compiles these loops to machine code on first use and caches the result next
to this file, so later processes load them in milliseconds.

This is the only module that imports numba, and only :mod:`._compiled` imports it,
on the first call of a compiled loop: importing numba takes a good part of a second,
which a small network, handled by numpy and scipy, never pays.  The loops take plain
numpy arrays and trust them (no bounds checks): the public kernels check their input
before calling them.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

__all__ = [
    "burt_compiled",
    "heavy_bitsets_compiled",
    "labels_compiled",
    "set_reach_compiled",
    "symmetric_compiled",
    "thread_count",
    "upper_compiled",
]


def thread_count() -> int:
    """The threads numba's parallel loops run on."""
    return int(numba.get_num_threads())


@numba.njit(inline="always", cache=True)
def _has(bits: Any, node: Any) -> Any:
    """Whether a bitset of nodes holds ``node``."""
    return (bits[node >> 6] >> np.uint64(node & 63)) & np.uint64(1)


@numba.njit(inline="always", cache=True)
def _popcount(word: Any) -> Any:
    """The number of set bits of a 64-bit word (SWAR: Warren, Hacker's Delight, 5-1)."""
    word = word - ((word >> np.uint64(1)) & np.uint64(0x5555555555555555))
    word = (word & np.uint64(0x3333333333333333)) + (
        (word >> np.uint64(2)) & np.uint64(0x3333333333333333)
    )
    word = (word + (word >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return (word * np.uint64(0x0101010101010101)) >> np.uint64(56)


@numba.njit(inline="always", cache=True)
def _only_through_centre(indptr: Any, indices: Any, near: Any, centre: Any, node: Any) -> Any:
    """Whether ``node``, two hops from a heavy node whose neighbours are the bitset
    ``near``, is so only through ``centre``: the walks that leave out the centre miss it."""
    if not _has(near, centre) or _has(near, node):
        return False
    for q in range(indptr[node], indptr[node + 1]):
        step = indices[q]
        if step != centre and _has(near, step):
            return False
    return True


def _heavy_bitsets(indptr: Any, indices: Any, heavy: Any) -> Any:
    """For each heavy node, bitsets of its neighbours and of the nodes one or two hops
    from it (the node itself left out): ``(near, reach)``, one row per heavy node."""
    n = len(indptr) - 1
    words = (n + 63) // 64
    near = np.zeros((len(heavy), words), dtype=np.uint64)
    reach = np.zeros((len(heavy), words), dtype=np.uint64)
    one = np.uint64(1)
    for h in range(len(heavy)):
        node = heavy[h]
        for p in range(indptr[node], indptr[node + 1]):
            first = indices[p]
            near[h, first >> 6] |= one << np.uint64(first & 63)
            reach[h, first >> 6] |= one << np.uint64(first & 63)
            for q in range(indptr[first], indptr[first + 1]):
                second = indices[q]
                if second != node:
                    reach[h, second >> 6] |= one << np.uint64(second & 63)
    return near, reach


def _set_reach_counts(
    indptr: Any,
    indices: Any,
    set_ptr: Any,
    sources: Any,
    centres: Any,
    stripes: int,
    open_centres: bool,
    heavy_of: Any,
    near_bits: Any,
    reach_bits: Any,
) -> Any:
    """Distinct nodes one or two hops from each set, minus its centre's closed neighbourhood.

    Set ``k`` is ``sources[set_ptr[k]:set_ptr[k + 1]]``.  A node counts when a source
    other than itself is one or two hops away from it; then the centre ``centres[k]``
    and its neighbours are left out (no centre when it is negative).  With
    ``open_centres`` only the centre is left out, and no walk passes through it.  The
    sets are dealt out to ``stripes`` workers in a fixed pattern, each with its own
    marker arrays, so the counts do not depend on the number of threads.

    Heavy nodes (``heavy_of[v] >= 0``, the row of their bitsets from
    :func:`_heavy_bitsets`) are not walked: a heavy source adds its whole reach, and a
    heavy neighbour of a light source its neighbours, to a bitset of the set; the light
    walks then count only the nodes outside it.  A hub of thousands of ties met by many
    sets then costs each a pass over ``n / 64`` words instead of a walk over its ties.
    A light source in the bitset only through its own heavy neighbours is taken out
    again unless another source reaches it.
    """
    n = len(indptr) - 1
    sets = len(set_ptr) - 1
    words = near_bits.shape[1]
    one = np.uint64(1)
    counts = np.zeros(sets, dtype=np.int64)
    for stripe in numba.prange(stripes):
        # one stamp per node (the last set that met it, or left it out), four bytes
        # wide: on a million people the array stays small enough for the cache
        seen = np.full(n, -1, dtype=np.int32)
        heavy_part = np.zeros(words, dtype=np.uint64)
        reach = np.zeros(words, dtype=np.uint64)
        for k in range(stripe, sets, stripes):
            centre = centres[k]
            if centre >= 0:  # left out: met already, so never counted
                seen[centre] = k
                if not open_centres:
                    for p in range(indptr[centre], indptr[centre + 1]):
                        seen[indices[p]] = k
            start, stop = set_ptr[k], set_ptr[k + 1]
            has_heavy = False
            for s in range(start, stop):
                source = sources[s]
                if open_centres and source == centre:
                    continue
                h = heavy_of[source]
                if h >= 0:
                    if not has_heavy:
                        heavy_part[:] = 0
                        has_heavy = True
                    reach[:] = reach_bits[h]
                    if open_centres and centre >= 0 and _has(near_bits[h], centre):
                        for p in range(indptr[centre], indptr[centre + 1]):
                            node = indices[p]
                            if node != source and _only_through_centre(
                                indptr, indices, near_bits[h], centre, node
                            ):
                                reach[node >> 6] &= ~(one << np.uint64(node & 63))
                    for w in range(words):
                        heavy_part[w] |= reach[w]
                    continue
                for p in range(indptr[source], indptr[source + 1]):
                    near = indices[p]
                    g = heavy_of[near]
                    if g >= 0 and not (open_centres and near == centre):
                        if not has_heavy:
                            heavy_part[:] = 0
                            has_heavy = True
                        for w in range(words):
                            heavy_part[w] |= near_bits[g, w]
            found = 0
            for s in range(start, stop):
                source = sources[s]
                if (open_centres and source == centre) or heavy_of[source] >= 0:
                    continue
                for p in range(indptr[source], indptr[source + 1]):
                    near = indices[p]
                    if seen[near] != k:
                        seen[near] = k
                        if not (has_heavy and _has(heavy_part, near)):
                            found += 1
                    if (open_centres and near == centre) or heavy_of[near] >= 0:
                        continue
                    for q in range(indptr[near], indptr[near + 1]):
                        far = indices[q]
                        if far != source and seen[far] != k:
                            seen[far] = k
                            if not (has_heavy and _has(heavy_part, far)):
                                found += 1
            if has_heavy:
                found += _heavy_count(
                    indptr, indices, sources, start, stop, centre, open_centres, k,
                    seen, heavy_of, near_bits, reach_bits, heavy_part,
                )  # fmt: skip
            counts[k] = found
    return counts


@numba.njit(cache=True)
def _heavy_count(
    indptr: Any,
    indices: Any,
    sources: Any,
    start: Any,
    stop: Any,
    centre: Any,
    open_centres: Any,
    k: Any,
    seen: Any,
    heavy_of: Any,
    near_bits: Any,
    reach_bits: Any,
    heavy_part: Any,
) -> Any:
    """The nodes of a set's heavy bitset that count: not left out, and no light source
    that only its own heavy neighbours put there."""
    total = 0
    for w in range(len(heavy_part)):
        total += _popcount(heavy_part[w])
    if centre >= 0:
        total -= _has(heavy_part, centre)
        if not open_centres:
            for p in range(indptr[centre], indptr[centre + 1]):
                total -= _has(heavy_part, indices[p])
    for s in range(start, stop):
        source = sources[s]
        if heavy_of[source] >= 0 or seen[source] == k:
            continue  # left out, or a light walk from another source met it: it counts
        if not _has(heavy_part, source):
            continue
        repeated = False
        for r in range(start, s):
            repeated = repeated or sources[r] == source
        if repeated:
            continue
        reached = False
        for r in range(start, stop):
            other = sources[r]
            if other == source or (open_centres and other == centre):
                continue
            h = heavy_of[other]
            if h >= 0:
                reached = _has(reach_bits[h], source) and not (
                    open_centres
                    and centre >= 0
                    and _only_through_centre(indptr, indices, near_bits[h], centre, source)
                )
            else:
                for p in range(indptr[other], indptr[other + 1]):
                    near = indices[p]
                    g = heavy_of[near]
                    if (
                        g >= 0
                        and not (open_centres and near == centre)
                        and _has(near_bits[g], source)
                    ):
                        reached = True
                        break
            if reached:
                break
        if not reached:
            total -= 1
    return total


def _burt_sums(indptr: Any, indices: Any, weights: Any, strength: Any, largest: Any) -> Any:
    r"""Per node, the two triangle sums behind constraint and effective size.

    Returns ``(squares, redundancy)``: :math:`\sum_{w \in N(v)} (A_{vw} + T_{vw})^2`
    with :math:`T_{vw} = \sum_q A_{vq} A_{qw} / s_q`, and
    :math:`\sum_{w \in N(v)} \sum_{q \in N(v) \cap N(w)} A_{vq} A_{wq} / \mu_w`.

    Edges are oriented from the lower to the higher (degree, index) rank, so each
    triangle is met once, as a common out-neighbour of the two ends of an edge
    (Chiba and Nishizeki), and adds its share to all three nodes.
    """
    n = len(indptr) - 1
    degree = indptr[1:] - indptr[:-1]
    order = np.argsort(degree, kind="mergesort")  # stable: ties by index
    rank = np.empty(n, dtype=np.int64)
    for r in range(n):
        rank[order[r]] = r
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    for v in range(n):
        above = 0
        for p in range(indptr[v], indptr[v + 1]):
            if rank[indices[p]] > rank[v]:
                above += 1
        out_ptr[v + 1] = out_ptr[v] + above
    m = out_ptr[n]
    head = np.empty(m, dtype=np.int64)
    weight = np.empty(m, dtype=np.float64)
    for v in range(n):
        e = out_ptr[v]
        for p in range(indptr[v], indptr[v + 1]):
            if rank[indices[p]] > rank[v]:
                head[e] = indices[p]
                weight[e] = weights[p]
                e += 1
    through = np.zeros(m, dtype=np.float64)  # T of each oriented edge
    redundancy = np.zeros(n, dtype=np.float64)
    mark = np.full(n, -1, dtype=np.int64)
    edge_to = np.zeros(n, dtype=np.int64)
    for u in range(n):
        for e in range(out_ptr[u], out_ptr[u + 1]):
            mark[head[e]] = u
            edge_to[head[e]] = e
        for uw in range(out_ptr[u], out_ptr[u + 1]):
            w = head[uw]
            a_uw = weight[uw]
            for wq in range(out_ptr[w], out_ptr[w + 1]):
                q = head[wq]
                if mark[q] != u:
                    continue
                uq = edge_to[q]
                a_uq = weight[uq]
                a_wq = weight[wq]
                through[uw] += a_uq * a_wq / strength[q]
                through[uq] += a_uw * a_wq / strength[w]
                through[wq] += a_uw * a_uq / strength[u]
                redundancy[u] += a_uq * a_wq / largest[w] + a_uw * a_wq / largest[q]
                redundancy[w] += a_wq * a_uq / largest[u] + a_uw * a_uq / largest[q]
                redundancy[q] += a_wq * a_uw / largest[u] + a_uq * a_uw / largest[w]
    squares = np.zeros(n, dtype=np.float64)
    for v in range(n):
        for e in range(out_ptr[v], out_ptr[v + 1]):
            local = (weight[e] + through[e]) ** 2
            squares[v] += local
            squares[head[e]] += local
    return squares, redundancy


def _upper_in_order(indptr: Any, indices: Any, data: Any, order: Any) -> Any:
    """Each edge once, renumbered so that node ``order[r]`` becomes ``r``, as sorted CSR.

    Row ``r`` holds the neighbours of ``order[r]`` whose new number is above ``r``, in
    increasing order: written row by row, each row then sorted (most are short).
    """
    n = len(indptr) - 1
    rank = np.empty(n, dtype=order.dtype)  # int32 where it fits: half the cache misses
    for r in range(n):
        rank[order[r]] = r
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    for r in range(n):
        v = order[r]
        above = 0
        for p in range(indptr[v], indptr[v + 1]):
            if rank[indices[p]] > r:
                above += 1
        out_ptr[r + 1] = out_ptr[r] + above
    out_indices = np.empty(out_ptr[n], dtype=np.int32)
    out_data = np.empty(out_ptr[n], dtype=np.float64)
    for r in range(n):
        v = order[r]
        start = out_ptr[r]
        e = start
        for p in range(indptr[v], indptr[v + 1]):
            c = rank[indices[p]]
            if c > r:
                out_indices[e] = c
                out_data[e] = data[p]
                e += 1
        if e - start > 32:
            by_column = np.argsort(out_indices[start:e])
            out_indices[start:e] = out_indices[start:e][by_column]
            out_data[start:e] = out_data[start:e][by_column]
        else:  # insertion sort: no allocation for the many short rows
            for i in range(start + 1, e):
                column = out_indices[i]
                value = out_data[i]
                j = i - 1
                while j >= start and out_indices[j] > column:
                    out_indices[j + 1] = out_indices[j]
                    out_data[j + 1] = out_data[j]
                    j -= 1
                out_indices[j + 1] = column
                out_data[j + 1] = value
    return out_ptr, out_indices, out_data


def _distinct_labels_per_row(indptr: Any, indices: Any, labels: Any, rows: Any) -> Any:
    """For each of ``rows``, the number of distinct labels among its neighbours."""
    seen = np.full(labels.max() + 1 if len(labels) else 1, -1, dtype=np.int64)
    counts = np.zeros(len(rows), dtype=np.int64)
    for k in range(len(rows)):
        v = rows[k]
        for p in range(indptr[v], indptr[v + 1]):
            label = labels[indices[p]]
            if seen[label] != k:
                seen[label] = k
                counts[k] += 1
    return counts


def _symmetric_csr(n: int, tail: Any, head: Any, weight: Any, cap: float) -> Any:
    """The symmetric CSR matrix of weighted pairs: each adds its weight both ways.

    Weights of the same pair are summed, then capped at ``cap``; zero sums are left out.
    Two counting sorts (by column, then by row) leave every row's columns sorted.
    """
    m = len(tail)
    ptr = np.zeros(n + 1, dtype=np.int64)
    for i in range(m):
        ptr[tail[i] + 1] += 1
        ptr[head[i] + 1] += 1
    for v in range(n):
        ptr[v + 1] += ptr[v]
    by_column_row = np.empty(2 * m, dtype=np.int64)
    by_column_weight = np.empty(2 * m, dtype=np.float64)
    cursor = ptr[:-1].copy()
    for i in range(m):
        k = cursor[head[i]]
        by_column_row[k] = tail[i]
        by_column_weight[k] = weight[i]
        cursor[head[i]] += 1
        k = cursor[tail[i]]
        by_column_row[k] = head[i]
        by_column_weight[k] = weight[i]
        cursor[tail[i]] += 1
    # every pair stands both ways, so a row has as many entries as the same column
    indices = np.empty(2 * m, dtype=np.int32)
    data = np.empty(2 * m, dtype=np.float64)
    cursor = ptr[:-1].copy()
    for c in range(n):
        for k in range(ptr[c], ptr[c + 1]):
            r = by_column_row[k]
            indices[cursor[r]] = c
            data[cursor[r]] = by_column_weight[k]
            cursor[r] += 1
    # let go of the first sort before the result is copied out: on a million people
    # these two are the largest arrays alive at the peak of the projection
    by_column_row = np.empty(0, dtype=np.int64)
    by_column_weight = np.empty(0, dtype=np.float64)
    # sum each row's repeated columns (now next to each other), cap, drop zeros
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    at = 0
    for r in range(n):
        k = ptr[r]
        while k < ptr[r + 1]:
            column = indices[k]
            total = 0.0
            while k < ptr[r + 1] and indices[k] == column:
                total += data[k]
                k += 1
            if total != 0.0:
                indices[at] = column
                data[at] = min(total, cap)
                at += 1
        out_ptr[r + 1] = at
    return out_ptr, indices[:at].copy(), data[:at].copy()


set_reach_compiled = numba.njit(cache=True, parallel=True, nogil=True)(_set_reach_counts)
heavy_bitsets_compiled = numba.njit(cache=True, nogil=True)(_heavy_bitsets)
burt_compiled = numba.njit(cache=True, nogil=True)(_burt_sums)
upper_compiled = numba.njit(cache=True, nogil=True)(_upper_in_order)
labels_compiled = numba.njit(cache=True, nogil=True)(_distinct_labels_per_row)
symmetric_compiled = numba.njit(cache=True, nogil=True)(_symmetric_csr)
