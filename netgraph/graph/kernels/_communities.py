"""Community detection (Louvain) and modularity.

Three backends, one deterministic choice per graph size (``backend="auto"``):

* up to ``SMALL_GRAPH_EDGES`` edges, networkx's own ``louvain_communities`` with the
  given seed: the reference, well under a second at that size;
* above that, networkit's PLM (a Louvain in C++), run on one thread: there it visits
  nodes in a fixed order, so it is deterministic without a seed, and it is the fastest
  of the three by far (about 0.4 s at 100k nodes / 1M edges where igraph's Louvain took
  1.6 s and networkx's 23 s; several seconds at 1M nodes / 10M edges where igraph took
  26-65 s), with the same modularity;
* igraph's Louvain, refined by Leiden passes, when asked for (``backend="igraph"``) or
  when networkit is missing. igraph draws from a process-wide generator; the call
  installs a private ``random.Random(seed)`` for its duration, under a lock, and puts
  Python's :mod:`random` back afterwards.

networkit's thread count is a process-wide setting too: PLM runs under a lock with one
thread and the previous count is restored. The backends do not give the same partition.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import threading
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy import sparse

from . import _compiled, _small
from ._adjacency import (
    SMALL_GRAPH_EDGES,
    Adjacency,
    IntArray,
    KernelInputError,
    MissingBackendError,
    as_adjacency,
    as_node_indices,
)

__all__ = ["SMALL_GRAPH_EDGES", "communities", "modularity"]

Backend = Literal["auto", "networkit", "igraph", "networkx"]

_IGRAPH_RNG_LOCK = threading.Lock()
_NETWORKIT_LOCK = threading.Lock()

#: Leiden passes run on igraph's Louvain partition to refine it.
LEIDEN_ITERATIONS = 2

#: With ``refine=None``, graphs with more edges than this skip the refinement.
REFINE_MAX_EDGES = 2_000_000


def _canonical(raw: npt.ArrayLike) -> IntArray:
    """Relabel to 0..k-1 in order of first appearance by node index."""
    values = np.asarray(raw)
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    _, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size, dtype=np.int64)
    out: IntArray = rank[inverse.reshape(-1)]
    return out


def _louvain_igraph(
    upper: sparse.csr_matrix, seed: int, resolution: float, refine: bool
) -> IntArray:
    try:
        import igraph
    except ImportError as err:
        raise MissingBackendError(
            "backend='igraph' needs the optional igraph package (pip install igraph)"
        ) from err

    edges = upper.tocoo()
    # Python lists of pairs convert about three times faster than a numpy array.
    pairs = list(zip(edges.row.tolist(), edges.col.tolist(), strict=True))
    graph = igraph.Graph(n=upper.shape[0], edges=pairs, directed=False)
    weights = edges.data.tolist()
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            louvain = graph.community_multilevel(weights=weights, resolution=resolution)
            membership = louvain.membership
            if refine:
                membership = graph.community_leiden(
                    objective_function="modularity",
                    weights=weights,
                    resolution=resolution,
                    initial_membership=membership,
                    n_iterations=LEIDEN_ITERATIONS,
                ).membership
        finally:
            igraph.set_random_number_generator(random)
    return _canonical(membership)


def _plm_networkit(upper: sparse.csr_matrix, resolution: float, refine: bool) -> IntArray:
    """networkit's parallel Louvain (PLM), run on one thread so that it is deterministic."""
    networkit: Any = importlib.import_module("networkit")
    # from CSR the build is about ten times faster than from COO
    graph = networkit.GraphFromCsr(upper, directed=False, weighted=True)
    with _NETWORKIT_LOCK:
        threads = networkit.getMaxNumberOfThreads()
        networkit.setNumberOfThreads(1)
        try:
            algorithm = networkit.community.PLM(graph, refine=refine, gamma=resolution)
            algorithm.run()
        finally:
            networkit.setNumberOfThreads(threads)
    return _canonical(np.asarray(algorithm.getPartition().getVector(), dtype=np.int64))


def _louvain_networkx(upper: sparse.csr_matrix, seed: int, resolution: float) -> IntArray:
    nx: Any = importlib.import_module("networkx")
    edges = upper.tocoo()
    graph = nx.Graph()
    graph.add_nodes_from(range(upper.shape[0]))
    graph.add_weighted_edges_from(
        zip(edges.row.tolist(), edges.col.tolist(), edges.data.tolist(), strict=True)
    )
    found = nx.community.louvain_communities(
        graph, weight="weight", resolution=resolution, seed=seed
    )
    raw = np.empty(upper.shape[0], dtype=np.int64)
    for label, members in enumerate(found):
        raw[list(members)] = label
    return _canonical(raw)


def communities(
    adj: Adjacency,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    backend: Backend = "auto",
    refine: bool | None = None,
    visit_order: npt.ArrayLike | None = None,
) -> IntArray:
    r"""Louvain communities, labelled canonically.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    seed : int, optional
        Seed of the private random generator that orders the node visits.
    resolution : float, optional
        Resolution :math:`\gamma` of the modularity being optimised; larger
        values give more, smaller communities.
    backend : {"auto", "networkit", "igraph", "networkx"}, optional
        ``"networkit"`` (netgraph's default; compiled, the fastest) runs
        networkit's PLM on one thread, where it visits nodes in a fixed order
        and so is deterministic (``seed`` is not used); ``"igraph"`` needs the
        optional ``igraph`` package; ``"networkx"`` is pure Python and only
        practical up to some tens of thousands of nodes; ``"auto"`` uses networkx up to
        ``SMALL_GRAPH_EDGES`` edges, and above that the first of networkit and
        igraph that is installed.
    refine : bool, optional
        networkit: whether PLM refines its partition; igraph: whether to refine
        igraph's Louvain partition with Leiden passes.  By default only graphs
        with at most ``REFINE_MAX_EDGES`` (2 million) edges are refined: there
        it removes much of the partition's dependence on the visit order,
        while on larger graphs it costs seconds (networkit, about 15% more at
        10 million edges) to tens of seconds (igraph) for a modularity gain
        below 0.0001 (networkit) or 0.001 (igraph).
        Ignored by the networkx backend.
    visit_order : array_like of int, optional
        A permutation of the nodes: run as if node ``visit_order[0]`` were node
        0, and so on.  The partition depends on the node numbering; numbering
        by something the nodes *are* (a name, say) rather than by their row
        makes it independent of how the input happened to be sorted.  Labels
        are then numbered by first appearance in this order.

    Returns
    -------
    numpy.ndarray
        int64 label of each node, ``0..k-1``, numbered in order of first
        appearance by node index (node 0 is in community 0).  Isolated nodes
        are communities of their own.

    Raises
    ------
    MissingBackendError
        If ``backend="igraph"`` and igraph is not installed (an :class:`ImportError`).
    KernelInputError
        If ``backend`` or ``visit_order`` is not valid (a :class:`ValueError`).

    Notes
    -----
    Louvain greedily maximises the modularity (see :func:`modularity`) by
    moving single nodes to the neighbouring community with the best gain,

    .. math::

        \Delta Q = \frac{k_{i,C}}{m} - \gamma \frac{k_i \, \Sigma_C}{2 m^2},

    until no move helps, then merges each community into one node and
    repeats on the smaller graph.  The partition of the level with the best
    modularity is kept; with igraph it is then refined by Leiden passes
    (which only split badly connected communities and move nodes when the
    modularity rises).  Results are deterministic for a given
    ``seed``, backend and library version, but depend on the node
    numbering, as the visit order does.

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre,
       "Fast unfolding of communities in large networks", Journal of
       Statistical Mechanics P10008, 2008.
    .. [2] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to
       Leiden: guaranteeing well-connected communities", Scientific Reports
       9:5233, 2019.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> two_triangles = np.zeros((6, 6))
    >>> for i, j in [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)]:
    ...     two_triangles[i, j] = two_triangles[j, i] = 1.0
    >>> communities(sparse.csr_array(two_triangles), seed=1)
    array([0, 0, 0, 1, 1, 1])
    """
    a = as_adjacency(adj)
    if a.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    if backend not in ("auto", "networkit", "igraph", "networkx"):
        raise KernelInputError(f"unknown backend {backend!r}")
    if backend == "auto":
        if a.nnz // 2 <= SMALL_GRAPH_EDGES:
            backend = "networkx"  # the reference itself, fast enough on small graphs
        else:
            backend = next(
                (b for b in ("networkit", "igraph") if importlib.util.find_spec(b) is not None),
                "networkx",
            )
    n = a.shape[0]
    if visit_order is None:
        order = np.arange(n, dtype=np.int64)
    else:
        order = as_node_indices(visit_order, n, name="visit_order")
        if order.size != n or np.bincount(order, minlength=n).max() != 1:
            raise KernelInputError("visit_order must be a permutation of the nodes")
    edges = a.nnz // 2
    renumber = _small.upper_in_order if edges <= SMALL_GRAPH_EDGES else _compiled.upper_in_order
    indptr, indices, data = renumber(a.indptr, a.indices, a.data, order)
    upper = sparse.csr_matrix((data, indices, indptr), shape=a.shape)
    if refine is None:
        refine = a.nnz // 2 <= REFINE_MAX_EDGES
    if backend == "networkit":
        labels = _plm_networkit(upper, float(resolution), refine)
    elif backend == "igraph":
        labels = _louvain_igraph(upper, int(seed), float(resolution), bool(refine))
    else:
        labels = _louvain_networkx(upper, int(seed), float(resolution))
    out = np.empty(n, dtype=np.int64)
    out[order] = labels
    return out


def modularity(adj: Adjacency, labels: npt.ArrayLike, resolution: float = 1.0) -> float:
    r"""Modularity of a partition given as one label per node.

    Parameters
    ----------
    adj : scipy.sparse.csr_array
        Symmetric ``(n, n)`` adjacency matrix of tie strengths.
    labels : array_like of int
        Community label of each node (any integers; equal labels mean the
        same community).
    resolution : float, optional
        Resolution :math:`\gamma`.

    Returns
    -------
    float
        The modularity, equal to :func:`networkx.community.modularity` with
        ``weight="weight"``; ``NaN`` for a graph without edges (networkx
        raises ``ZeroDivisionError`` there).

    Raises
    ------
    KernelInputError
        If ``labels`` does not have one entry per node (a :class:`ValueError`).

    Notes
    -----
    With total weight :math:`m = \frac12 \sum_{ij} A_{ij}`, strengths
    :math:`k_i`, :math:`L_c` the weight of the edges inside community
    :math:`c` and :math:`K_c = \sum_{i \in c} k_i`,

    .. math::

        Q = \sum_c \left( \frac{L_c}{m} - \gamma \frac{K_c^2}{4 m^2} \right).

    One pass over the stored entries.

    References
    ----------
    .. [1] M. E. J. Newman and M. Girvan, "Finding and evaluating community
       structure in networks", Physical Review E 69:026113, 2004.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy import sparse
    >>> two_triangles = np.zeros((6, 6))
    >>> for i, j in [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)]:
    ...     two_triangles[i, j] = two_triangles[j, i] = 1.0
    >>> round(modularity(sparse.csr_array(two_triangles), [0, 0, 0, 1, 1, 1]), 6)
    0.357143
    """
    a = as_adjacency(adj)
    n = a.shape[0]
    lab = np.asarray(labels).reshape(-1)
    if lab.shape != (n,):
        raise KernelInputError(f"labels must have one entry per node ({n})")
    compact = _canonical(lab)
    strength = np.asarray(a.sum(axis=1), dtype=np.float64)
    two_m = float(strength.sum())
    if two_m == 0.0:
        return float("nan")
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
    same = compact[rows] == compact[a.indices]
    inside = float(a.data[same].sum())
    totals = np.bincount(compact, weights=strength)
    return inside / two_m - resolution * float((totals**2).sum()) / (two_m * two_m)
