"""Two-step reach: who is within two hops of a set of nodes, or of each node.

Hops ignore the weights.  :func:`within_two_steps` only touches the rows of
the sources and of their neighbours.  :func:`two_step_reach_counts` needs the
distinct members of every two-step neighbourhood, whose total size grows like
:math:`\\sum_v d(v)^2`; it is computed by a boolean sparse product done in
chunks of rows so that memory stays bounded, and can be limited to some
nodes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ._adjacency import (
    Adjacency,
    BoolArray,
    IntArray,
    as_adjacency,
    as_node_indices,
    sorted_unique,
)

__all__ = ["two_step_reach_counts", "within_two_steps"]

#: Rough bound on the two-step walks expanded per chunk of rows.
CHUNK_WALKS = 1 << 24


def _gather_neighbours(a: Adjacency, rows: IntArray) -> tuple[IntArray, IntArray]:
    """Neighbours of ``rows`` with, for each, the position of its row."""
    indptr = a.indptr.astype(np.int64, copy=False)
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    owner = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - offsets, lengths)
    return a.indices[pos].astype(np.int64, copy=False), owner


def within_two_steps(adj: Adjacency, sources: npt.ArrayLike) -> BoolArray:
    r"""Nodes at one or two hops from at least one source.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    sources : array_like of int
        Indices of the source nodes (duplicates allowed).

    Returns
    -------
    numpy.ndarray
        Boolean mask of length ``n``: ``True`` for every node :math:`x` with
        :math:`1 \le d(s, x) \le 2` for some source :math:`s \ne x`.  A source
        is therefore included only when another source is one or two hops
        away from it; a walk from a source back to itself does not count.

    Notes
    -----
    With :math:`c(y) = |N(y) \cap S|` the number of sources adjacent to
    :math:`y`, a node :math:`x` is marked when :math:`c(x) > 0`, or when it
    has a neighbour :math:`y` with :math:`c(y) > 0` (for :math:`x \notin S`)
    or :math:`c(y) \ge 2` (for :math:`x \in S`, since :math:`x` itself is one
    of the sources counted at :math:`y`).  Cost: the degrees of the sources
    and of their neighbours, plus :math:`O(n)` for the mask.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> path = sparse.diags_array([np.ones(4), np.ones(4)], offsets=[-1, 1],
    ...                           shape=(5, 5), format="csr")
    >>> within_two_steps(path, [0])
    array([False,  True,  True, False, False])
    >>> within_two_steps(path, [0, 2])
    array([ True,  True,  True,  True,  True])
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    src = sorted_unique(as_node_indices(sources, n, name="sources"))
    mask = np.zeros(n, dtype=bool)
    if src.size == 0:
        return mask
    is_source = np.zeros(n, dtype=bool)
    is_source[src] = True
    first, _ = _gather_neighbours(a, src)
    near, count = np.unique(first, return_counts=True)
    mask[near] = True
    second, owner = _gather_neighbours(a, near)
    ok = ~is_source[second] | (count[owner] >= 2)
    mask[second[ok]] = True
    return mask


def two_step_reach_counts(
    adj: Adjacency, nodes: npt.ArrayLike | None = None, *, chunk_walks: int = CHUNK_WALKS
) -> IntArray:
    r"""Number of distinct nodes within two hops of each node, itself excluded.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    nodes : array_like of int, optional
        Count only for these nodes (in that order).
    chunk_walks : int, optional
        Rough bound on the two-step walks expanded at once, which bounds the
        memory used (a few tens of bytes per walk).

    Returns
    -------
    numpy.ndarray
        int64 counts :math:`|\{x \ne v : 1 \le d(v, x) \le 2\}|`, of length
        ``n`` or one per entry of ``nodes``.

    Notes
    -----
    With :math:`B` the boolean pattern of the adjacency matrix, row
    :math:`v` of :math:`B (B + I)` is the union of the closed neighbourhoods
    of the neighbours of :math:`v`, that is every node within two hops,
    :math:`v` itself included when it has a neighbour; the count is its
    number of non-zeros minus that one.  The boolean product is computed for
    blocks of rows holding about ``chunk_walks`` walks, so the total work is
    :math:`\sum_{v} \sum_{u \in N(v)} d(u) = \sum_u d(u)^2`, which is large on
    graphs with hubs; ask for ``nodes`` when only a few are needed.

    References
    ----------
    .. [1] F. G. Gustavson, "Two fast algorithms for sparse matrices:
       multiplication and permuted transposition", ACM Transactions on
       Mathematical Software 4(3):250-269, 1978.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> path = sparse.diags_array([np.ones(4), np.ones(4)], offsets=[-1, 1],
    ...                           shape=(5, 5), format="csr")
    >>> two_step_reach_counts(path)
    array([2, 3, 4, 3, 2])
    >>> two_step_reach_counts(path, nodes=[4, 0])
    array([2, 2])
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    if nodes is not None:
        return _counts_by_gathering(a, as_node_indices(nodes, n), chunk_walks)
    out = np.zeros(n, dtype=np.int64)
    if a.nnz == 0:
        return out
    pattern = sparse.csr_array((np.ones(a.nnz, dtype=bool), a.indices, a.indptr), shape=a.shape)
    closed = (pattern + sparse.eye_array(n, dtype=bool, format="csr")).tocsr()
    indptr = a.indptr.astype(np.int64, copy=False)
    deg = indptr[1:] - indptr[:-1]
    # Two-step walks starting at each node: the sum of its neighbours' degrees.
    walks = np.bincount(
        np.repeat(np.arange(n, dtype=np.int64), deg), weights=deg[a.indices], minlength=n
    )
    cum = np.cumsum(walks + deg)
    start = 0
    while start < n:
        base = float(cum[start - 1]) if start else 0.0
        stop = int(np.searchsorted(cum, base + chunk_walks, side="right"))
        stop = min(max(stop, start + 1), n)
        block = pattern[np.arange(start, stop, dtype=np.int64)]
        reach = (block @ closed).tocsr()
        out[start:stop] = np.diff(reach.indptr) - (deg[start:stop] > 0)
        start = stop
    return out


def _counts_by_gathering(a: Adjacency, rows: IntArray, chunk_walks: int) -> IntArray:
    """Two-step counts of a few nodes, touching only their neighbourhoods."""
    n = a.shape[0]
    out = np.zeros(rows.size, dtype=np.int64)
    if rows.size == 0:
        return out
    indptr = a.indptr.astype(np.int64, copy=False)
    first, owner = _gather_neighbours(a, rows)
    walks = np.bincount(owner, weights=indptr[first + 1] - indptr[first], minlength=rows.size)
    cum = np.cumsum(walks + (indptr[rows + 1] - indptr[rows]))
    start = 0
    while start < rows.size:
        base = float(cum[start - 1]) if start else 0.0
        stop = int(np.searchsorted(cum, base + chunk_walks, side="right"))
        stop = min(max(stop, start + 1), rows.size)
        block = rows[start:stop]
        near, near_owner = _gather_neighbours(a, block)
        far, far_owner = _gather_neighbours(a, near)
        owners = np.concatenate((near_owner, near_owner[far_owner]))
        targets = np.concatenate((near, far))
        keys = sorted_unique(owners * n + targets)
        key_owner, key_target = keys // n, keys % n
        keep = key_target != block[key_owner]
        out[start:stop] = np.bincount(key_owner[keep], minlength=block.size)
        start = stop
    return out
