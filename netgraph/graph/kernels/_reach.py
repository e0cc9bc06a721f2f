"""Two-step reach: who is within two hops of a set of nodes, or of each node.

Hops ignore the weights.  :func:`within_two_steps` only touches the rows of
the sources and of their neighbours.  :func:`two_step_reach_counts` (one count
per node) and :func:`reach_of_sets` (one count per set of nodes) follow every
two-step walk once in compiled code, marking the nodes met, so their work
grows like :math:`\\sum_v d(v)^2` and their memory stays one array of length
``n`` per thread.  Hubs, the few nodes with more neighbours than a bitset of all
nodes has 64-bit words, are not walked: their neighbourhoods are kept as bitsets
and OR-ed into the set's, so a hub with thousands of ties costs a set ``n / 64``
word operations instead of a walk over all of them and their neighbours.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from . import _compiled, _small
from ._adjacency import (
    SMALL_GRAPH_EDGES,
    Adjacency,
    BoolArray,
    IntArray,
    InvalidAdjacencyError,
    as_adjacency,
    as_node_indices,
    sorted_unique,
)

__all__ = ["reach_of_sets", "two_step_reach_counts", "within_two_steps"]


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


def two_step_reach_counts(adj: Adjacency, nodes: npt.ArrayLike | None = None) -> IntArray:
    r"""Number of distinct nodes within two hops of each node, itself excluded.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    nodes : array_like of int, optional
        Count only for these nodes (in that order).

    Returns
    -------
    numpy.ndarray
        int64 counts :math:`|\{x \ne v : 1 \le d(v, x) \le 2\}|`, of length
        ``n`` or one per entry of ``nodes``.

    Notes
    -----
    :func:`reach_of_sets` with one set per node: every two-step walk from
    :math:`v` is followed once and the nodes met are marked, so the work is
    :math:`\sum_{u \in N(v)} d(u)` per node, :math:`\sum_u d(u)^2` for all,
    and the memory two arrays of length ``n`` per thread.

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
    >>> two_step_reach_counts(path)
    array([2, 3, 4, 3, 2])
    >>> two_step_reach_counts(path, nodes=[4, 0])
    array([2, 2])
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    rows = np.arange(n, dtype=np.int64) if nodes is None else as_node_indices(nodes, n)
    return _set_reach_counts(a, rows.size)(
        a.indptr,
        a.indices,
        np.arange(rows.size + 1, dtype=np.int64),
        rows,
        np.full(rows.size, -1, dtype=np.int64),
    )


def reach_of_sets(
    adj: Adjacency,
    owners: npt.ArrayLike,
    sources: npt.ArrayLike,
    centres: npt.ArrayLike,
    *,
    leave_out: str = "neighbourhood",
) -> IntArray:
    r"""For many small node sets, the nodes within two hops of the set, minus a centre.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    owners : array_like of int
        For each source, the set it belongs to (``0 <= owner < len(centres)``),
        in any order.
    sources : array_like of int
        The nodes of the sets, one per entry of ``owners``.
    centres : array_like of int
        One node per set whose closed neighbourhood is left out of its count,
        or ``-1`` for none.
    leave_out : {"neighbourhood", "centre"}, optional
        ``"neighbourhood"`` leaves out the centre and its neighbours;
        ``"centre"`` leaves out the centre only, and counts no walk that passes
        through it: the reach of the sets in the graph without the centre.

    Returns
    -------
    numpy.ndarray
        int64, one count per set :math:`k` with sources :math:`S_k` and centre
        :math:`c_k`: :math:`|\{x : 1 \le d(s, x) \le 2 \text{ for some }
        s \in S_k, s \ne x\} \setminus N[c_k]|`.  As in
        :func:`within_two_steps`, a source counts only when another source of
        its set is one or two hops away.

    Notes
    -----
    Each set's two-step walks are followed once and the nodes met marked with
    the set's number, so no set needs clearing and the work is the number of
    walks, :math:`\sum_{s \in S_k} \sum_{u \in N(s)} d(u)` per set.  Hubs (at
    most 64 nodes of more than :math:`n / 64` neighbours) are not walked but
    OR-ed in as bitsets of their neighbours and of their two-step reach, which
    gives the same counts.  The sets are dealt out to the threads in a fixed
    pattern, each with its own marker array, so the result does not depend on
    their number.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.

    Examples
    --------
    On the path 0-1-2-3-4: the set {0} reaches 1 and 2; the set {0, 4} with
    centre 2 reaches 1, 2 and 3, of which only 2's neighbours and 2 itself are
    left out.

    >>> import numpy as np
    >>> from scipy import sparse
    >>> path = sparse.diags_array([np.ones(4), np.ones(4)], offsets=[-1, 1],
    ...                           shape=(5, 5), format="csr")
    >>> reach_of_sets(path, owners=[0, 1, 1], sources=[0, 0, 4], centres=[-1, 2])
    array([2, 0])

    Without walking through the centre 2, the set {0, 4} reaches 1 and 3:

    >>> reach_of_sets(path, [0, 0], [0, 4], [2], leave_out="centre")
    array([2])
    """
    if leave_out not in ("neighbourhood", "centre"):
        raise InvalidAdjacencyError("leave_out must be 'neighbourhood' or 'centre'")
    a = as_adjacency(adj)
    n = a.shape[0]
    centre = np.asarray(centres, dtype=np.int64).reshape(-1)
    if centre.size and (centre.min() < -1 or centre.max() >= n):
        raise InvalidAdjacencyError(f"centres must be node indices or -1, below {n}")
    source = as_node_indices(sources, n, name="sources")
    owner = np.asarray(owners, dtype=np.int64).reshape(-1)
    if owner.size != source.size:
        raise InvalidAdjacencyError("owners and sources must have the same length")
    if owner.size and (owner.min() < 0 or owner.max() >= centre.size):
        raise InvalidAdjacencyError(f"owners must be set numbers below {centre.size}")
    order = np.argsort(owner, kind="stable")
    set_ptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=centre.size))]).astype(
        np.int64
    )
    return _set_reach_counts(a, centre.size)(
        a.indptr, a.indices, set_ptr, source[order], centre, leave_out == "centre"
    )


#: Up to this many sets, their reach is counted with numpy and scipy unless numba is
#: loaded already: one member's report does not wait for numba.
FEW_SETS = 64


def _set_reach_counts(a: Adjacency, sets: int) -> Callable[..., IntArray]:
    """The compiled loop, or for a small graph or a few sets the same counts from numpy
    and scipy."""
    large = a.nnz // 2 > SMALL_GRAPH_EDGES
    if large and (sets > FEW_SETS or _compiled.loaded()):
        return _compiled.set_reach_counts
    return _small.set_reach_counts
