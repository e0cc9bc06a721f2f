"""Unweighted shortest paths: hop distances and one canonical shortest path.

Paths count hops; edge weights (tie strengths) are ignored here.  The breadth
first search itself runs in :func:`scipy.sparse.csgraph.breadth_first_order`;
levels are recovered from its predecessor tree by pointer jumping, so the whole
computation is a handful of vectorised passes over the reached nodes whatever
the depth of the tree.
"""

from __future__ import annotations

import numpy as np

from ._adjacency import Adjacency, IntArray, NodeTypeError, as_adjacency, as_node_indices

__all__ = ["hop_distances", "shortest_path"]


def _check_node(node: int, n: int, name: str) -> int:
    idx = as_node_indices(node, n, name=name)
    if idx.size != 1:
        raise NodeTypeError(f"{name} must be a single node index")
    return int(idx[0])


def hop_distances(adj: Adjacency, source: int) -> IntArray:
    r"""Number of hops from ``source`` to every node.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    source : int
        Index of the start node.

    Returns
    -------
    numpy.ndarray
        int64 array of length ``n``: ``0`` for ``source``, the hop count
        :math:`d(s, v)` for every node reachable from it and ``-1`` for the
        others.

    Notes
    -----
    Breadth first search gives the predecessor :math:`\pi(v)` of each reached
    node, with :math:`d(v) = d(\pi(v)) + 1`.  Instead of a level-by-level loop
    the depths are found by pointer jumping: with :math:`p_0 = \pi`,
    :math:`h_0(v) = [v \ne s]` and

    .. math:: h_{k+1}(v) = h_k(v) + h_k(p_k(v)), \qquad p_{k+1}(v) = p_k(p_k(v)),

    :math:`h_k(v) = d(v)` once :math:`2^k` exceeds the depth, so
    :math:`O(\log D)` vectorised passes suffice.  Cost :math:`O(n + m)`.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.
    .. [2] J. Wyllie, "The complexity of parallel computations", PhD thesis,
       Cornell University, 1979 (pointer jumping).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> path = sparse.csr_array(np.array(
    ...     [[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]], dtype=float))
    >>> hop_distances(path, 0)
    array([ 0,  1,  2, -1])
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    s = _check_node(source, n, "source")
    # imported here: scipy.sparse.csgraph brings scipy.sparse.linalg, a tenth of a second
    from scipy.sparse import csgraph

    order, pred = csgraph.breadth_first_order(a, s, directed=True, return_predecessors=True)
    dist = np.full(n, -1, dtype=np.int64)
    order = order.astype(np.int64, copy=False)
    # Work on the reached nodes only, renumbered by BFS order (source first).
    local = np.empty(n, dtype=np.int64)
    local[order] = np.arange(order.size, dtype=np.int64)
    parent = np.zeros(order.size, dtype=np.int64)
    parent[1:] = local[pred[order[1:]]]
    depth = np.ones(order.size, dtype=np.int64)
    depth[0] = 0
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            break
        depth = depth + depth[parent]
        parent = grand
    # Every pointer now reaches the root, so depth is the distance to it.
    dist[order] = depth
    return dist


def shortest_path(adj: Adjacency, source: int, target: int) -> list[int] | None:
    r"""One shortest (fewest hops) path from ``source`` to ``target``.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix; weights are ignored.
    source, target : int
        End points of the path.

    Returns
    -------
    list of int or None
        The node indices along the path, ``source`` first and ``target``
        last (``[source]`` when both are equal), or ``None`` when ``target``
        cannot be reached from ``source``.

    Notes
    -----
    With :math:`d` the hop distances from ``source``, the path is built
    backwards from ``target``: at each node :math:`v` the step goes to

    .. math:: \min\{u \in N(v) : d(u) = d(v) - 1\},

    the smallest-index predecessor.  Every such :math:`u` lies on a shortest
    path, so the result is the shortest path whose reversed node sequence is
    lexicographically smallest.  It depends only on the graph, not on storage
    order.  Cost: one breadth first search plus the degrees along the path.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> square = sparse.csr_array(np.array(
    ...     [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]], dtype=float))
    >>> shortest_path(square, 0, 2)
    [0, 1, 2]
    >>> shortest_path(square, 3, 3)
    [3]
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    s = _check_node(source, n, "source")
    t = _check_node(target, n, "target")
    dist = hop_distances(a, s)
    if dist[t] < 0:
        return None
    path = [t]
    v = t
    indptr, indices = a.indptr, a.indices
    while v != s:
        nbrs = indices[indptr[v] : indptr[v + 1]]
        v = int(nbrs[dist[nbrs] == dist[v] - 1].min())
        path.append(v)
    path.reverse()
    return path
