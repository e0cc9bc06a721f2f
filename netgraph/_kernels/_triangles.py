"""Triangle listing on a sparse graph, in bounded-memory chunks.

Nodes are ranked by (degree, index) and every edge is oriented from its
lower-ranked to its higher-ranked end, which bounds out-degrees by
:math:`\\sqrt{2m}` and keeps the work near :math:`\\sum_v d^+(v)^2` instead of
:math:`\\sum_v d(v)^2` (Chiba and Nishizeki, 1985).  A triangle
:math:`a \\to b \\to c` with :math:`a \\to c` is found once, from the edge
:math:`a \\to b`, as a common out-neighbour :math:`c` of :math:`a` and
:math:`b`.  The intersections are done for a whole chunk of edges at once by
gathering the out-neighbour rows of both ends into two sparse matrices and
multiplying them elementwise, which scipy does by merging sorted rows in
compiled code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ._adjacency import Adjacency, FloatArray, IntArray

__all__ = ["OrientedEdges", "iter_triangles", "oriented_edges"]

#: Number of gathered row entries (both ends together) handled per chunk.
CHUNK_ENTRIES = 1 << 24


@dataclass(frozen=True)
class OrientedEdges:
    """Each undirected edge once, oriented from lower to higher rank.

    Attributes
    ----------
    tail, head : numpy.ndarray
        Original node indices of the lower- and higher-ranked end of each
        edge; edges are numbered in (rank of tail, rank of head) order.
    weight : numpy.ndarray
        Weight of each edge.
    ids : scipy.sparse.csr_array
        ``(n, n)`` matrix over node *ranks*, with the entry ``(rank(tail),
        rank(head))`` holding ``edge number + 1``.
    tail_rank, head_rank : numpy.ndarray
        Ranks of ``tail`` and ``head``.
    """

    tail: IntArray
    head: IntArray
    weight: FloatArray
    ids: sparse.csr_array
    tail_rank: IntArray
    head_rank: IntArray


def oriented_edges(adj: Adjacency) -> OrientedEdges:
    """Orient the edges of a symmetric graph by (degree, index) rank.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Canonical symmetric adjacency matrix without self-loops.

    Returns
    -------
    OrientedEdges
        The ``m`` undirected edges, each once.
    """
    n = adj.shape[0]
    indptr: IntArray = adj.indptr.astype(np.int64, copy=False)
    deg: IntArray = indptr[1:] - indptr[:-1]
    order = np.lexsort((np.arange(n, dtype=np.int64), deg))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64)
    # Rows in rank order (a compiled row gather), then keep the upper part.
    by_rank = adj[order]
    rows = np.repeat(np.arange(n, dtype=np.int64), deg[order])
    cols = rank[by_rank.indices]
    keep = rows < cols
    ip = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[keep], minlength=n), out=ip[1:])
    upper = sparse.csr_array((by_rank.data[keep], cols[keep], ip), shape=(n, n))
    upper.sort_indices()
    m = upper.nnz
    tail_rank = np.repeat(np.arange(n, dtype=np.int64), ip[1:] - ip[:-1])
    head_rank = upper.indices.astype(np.int64)
    weight: FloatArray = np.array(upper.data, dtype=np.float64)
    upper.data = np.arange(1, m + 1, dtype=np.float64)
    return OrientedEdges(
        tail=order[tail_rank],
        head=order[head_rank],
        weight=weight,
        ids=upper,
        tail_rank=tail_rank,
        head_rank=head_rank,
    )


def iter_triangles(
    edges: OrientedEdges, *, chunk_entries: int | None = None
) -> Iterator[tuple[IntArray, IntArray, IntArray]]:
    """List every triangle once, chunk by chunk.

    Parameters
    ----------
    edges : OrientedEdges
        Output of :func:`oriented_edges`.
    chunk_entries : int, optional
        Rough bound on the gathered row entries per chunk (memory use is a
        few tens of bytes per entry); ``CHUNK_ENTRIES`` by default.

    Yields
    ------
    ab, ac, bc : numpy.ndarray
        Edge numbers of the three sides of each triangle, where ``a`` is
        the lowest-ranked and ``c`` the highest-ranked corner; so ``a`` is
        ``tail[ab]``, ``b`` is ``head[ab]`` and ``c`` is ``head[ac]``.
    """
    budget = CHUNK_ENTRIES if chunk_entries is None else chunk_entries
    ids = edges.ids
    n = ids.shape[0]
    m = edges.tail.size
    if m == 0:
        return
    ip = ids.indptr.astype(np.int64, copy=False)
    outdeg = np.diff(ip)
    ta, hb = edges.tail_rank, edges.head_rank
    cum = np.cumsum(outdeg[ta] + outdeg[hb])
    start = 0
    while start < m:
        base = int(cum[start - 1]) if start else 0
        stop = int(np.searchsorted(cum, base + budget, side="right"))
        stop = min(max(stop, start + 1), m)
        rows_a = ids[ta[start:stop]]
        rows_b = ids[hb[start:stop]]
        ones_a = sparse.csr_array(
            (np.ones(rows_a.nnz), rows_a.indices, rows_a.indptr), shape=rows_a.shape
        )
        ones_b = sparse.csr_array(
            (np.ones(rows_b.nnz), rows_b.indices, rows_b.indptr), shape=rows_b.shape
        )
        # Same sparsity patterns in both products, so entries line up.
        with_ac = rows_a.multiply(ones_b).tocsr()
        with_bc = ones_a.multiply(rows_b).tocsr()
        ac_ptr: IntArray = with_ac.indptr.astype(np.int64, copy=False)
        counts = ac_ptr[1:] - ac_ptr[:-1]
        ab = np.repeat(np.arange(start, stop, dtype=np.int64), counts)
        ac = with_ac.data.astype(np.int64) - 1
        bc = with_bc.data.astype(np.int64) - 1
        if n and ab.size:
            yield ab, ac, bc
        start = stop
