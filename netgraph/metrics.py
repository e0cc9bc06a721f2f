r"""The graph kernels netgraph scores with, on a networkx graph or a scipy sparse matrix.

Each function takes an undirected graph in one of two forms and answers in the same
form:

* a :class:`networkx.Graph`: the answer is what networkx answers, a dict keyed by
  node (a list of sets of nodes for :func:`communities`). Edge weights are read from
  the ``weight`` attribute (an edge without it weighs 1; ``weight=None`` counts every
  edge as 1);
* a square, symmetric :mod:`scipy.sparse` matrix of positive weights without a
  diagonal, node ``i`` being row ``i``: the answer is a numpy array indexed by node.

Weights are **strengths** (a heavier edge is a closer tie), as PageRank and Burt's
measures read them; reach and hop distances count hops and ignore weights. The values
are those of networkx (the tests compare them on generated graphs), computed by
vectorised and compiled kernels that are many times faster on large graphs. A
directed graph, a multigraph, a self-loop or a weight that is not positive and finite
is refused with a :class:`netgraph.ConfigError`. networkx is imported only when a
networkx graph is given.

On a networkx graph, reading the edges into a matrix takes most of the time (about
0.2 s for 150,000 edges, as long as networkx's own PageRank needs on them); for
repeated calls, read it once with :func:`networkx.to_scipy_sparse_array` (``nodelist``
fixes the order) and pass the matrix.

Examples
--------
>>> import networkx as nx
>>> from netgraph import metrics
>>> g = nx.karate_club_graph()
>>> ranks = metrics.pagerank(g)
>>> max(ranks, key=ranks.get)
33
>>> metrics.two_step_reach(g, nodes=[0])
{0: 25}
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .graph import kernels
from .graph.kernels._adjacency import Adjacency
from .model._errors import ConfigError

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]

__all__ = [
    "communities",
    "constraint",
    "effective_size",
    "hop_distances",
    "pagerank",
    "two_step_reach",
]

#: A graph as these functions take it: a networkx graph or a scipy sparse matrix.
GraphLike: TypeAlias = "nx.Graph | sparse.sparray | sparse.spmatrix"


class _Graph:
    """A graph given to a metric: its adjacency matrix and, for networkx, its nodes."""

    def __init__(self, graph: Any, weight: str | None) -> None:
        self.nodes: list[Hashable] | None = None
        self.position: dict[Hashable, int] = {}
        if sparse.issparse(graph):
            matrix = graph
        else:
            nx = importlib.import_module("networkx")
            if not isinstance(graph, nx.Graph):
                raise ConfigError(
                    "expected a networkx.Graph or a scipy sparse matrix, "
                    f"got {type(graph).__name__}"
                )
            if graph.is_directed() or graph.is_multigraph():
                kind = "directed" if graph.is_directed() else "a multigraph"
                raise ConfigError(
                    f"the graph is {kind}; the metrics take an undirected graph with one "
                    "edge per pair (nx.Graph(graph.to_undirected()), say)"
                )
            self.nodes = list(graph)
            self.position = {v: i for i, v in enumerate(self.nodes)}
            matrix = _matrix_of(graph, self.position, weight)
        try:
            self.adjacency: Adjacency = kernels.validate_adjacency(matrix)
        except ValueError as err:  # the kernels' input errors
            raise ConfigError(str(err)) from err
        if weight is None and self.adjacency.nnz:
            ones = np.ones(self.adjacency.nnz)
            self.adjacency = sparse.csr_array(
                (ones, self.adjacency.indices, self.adjacency.indptr), shape=self.adjacency.shape
            )

    @property
    def size(self) -> int:
        return int(self.adjacency.shape[0])

    def index(self, node: Any, what: str) -> int:
        """Row of a node (a node of the networkx graph, or an index of the matrix)."""
        if self.nodes is None:
            if isinstance(node, bool) or not isinstance(node, int | np.integer):
                raise ConfigError(f"{what} must be a node index, got {node!r}")
            if not 0 <= int(node) < self.size:
                raise ConfigError(f"{what} {node} is not a node index below {self.size}")
            return int(node)
        try:
            return self.position[node]
        except (KeyError, TypeError):
            raise ConfigError(f"{what} {node!r} is not a node of the graph") from None

    def indices(self, nodes: Any) -> npt.NDArray[np.int64] | None:
        if nodes is None:
            return None
        if self.nodes is not None:
            one = isinstance(nodes, str) or (isinstance(nodes, Hashable) and nodes in self.position)
            if one or not isinstance(nodes, Iterable):
                nodes = [nodes]  # one node, as networkx takes it
        elif np.ndim(nodes) == 0:
            nodes = [nodes]
        return np.array([self.index(v, "node") for v in nodes], dtype=np.int64)

    def answer(self, values: npt.NDArray[Any], rows: npt.NDArray[np.int64] | None) -> Any:
        """An array as given, or for a networkx graph a dict keyed by node."""
        if self.nodes is None:
            return values
        nodes = self.nodes if rows is None else [self.nodes[i] for i in rows.tolist()]
        return dict(zip(nodes, values.tolist(), strict=True))


def _matrix_of(graph: Any, position: dict[Hashable, int], weight: str | None) -> Any:
    """The symmetric CSR matrix of a networkx graph's weights, rows in node order.

    About twice as fast as :func:`networkx.to_scipy_sparse_array`: one pass over the
    edges into a flat array.
    """
    n, m = len(position), graph.number_of_edges()
    edges = graph.edges(data=weight, default=1.0) if weight else graph.edges()
    try:
        flat = np.fromiter(
            (
                x
                for edge in edges
                for x in (position[edge[0]], position[edge[1]], edge[2] if weight else 1.0)
            ),
            dtype=np.float64,
            count=3 * m,
        ).reshape(m, 3)
    except (TypeError, ValueError) as err:
        raise ConfigError(f"edge weights ({weight!r}) must be numbers: {err}") from None
    rows, cols = flat[:, 0].astype(np.int64), flat[:, 1].astype(np.int64)
    matrix = sparse.csr_array(
        (
            np.concatenate([flat[:, 2], flat[:, 2]]),
            (np.concatenate([rows, cols]), np.concatenate([cols, rows])),
        ),
        shape=(n, n),
    )
    matrix.sum_duplicates()
    return matrix


def pagerank(
    graph: GraphLike,
    *,
    alpha: float = 0.85,
    personalization: Mapping[Hashable, float] | npt.ArrayLike | None = None,
    max_iter: int = 1000,
    tol: float = 1e-12,
    weight: str | None = "weight",
) -> Any:
    r"""Weighted PageRank of every node.

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are strengths.
    alpha : float, optional
        Damping: the probability of following an edge rather than teleporting.
    personalization : dict or array_like, optional
        Teleport weights (normalised here): for a networkx graph a dict keyed by node
        (nodes left out weigh 0), for a matrix one entry per node. Uniform by default.
        Nodes without edges jump by the same distribution.
    max_iter : int, optional
        Most power iterations.
    tol : float, optional
        The iteration stops once the L1 change of the scores is below ``tol``
        (networkx stops at ``n * tol``, which on large graphs is far too early).
    weight : str or None, optional
        The edge attribute of a networkx graph that holds the strength; ``None``: every
        edge weighs 1 (also for a matrix).

    Returns
    -------
    dict or numpy.ndarray
        The scores, non-negative and summing to 1: ``{node: score}`` for a networkx
        graph (as :func:`networkx.pagerank`), a float64 array for a matrix.

    Raises
    ------
    ConfigError
        If the graph is not as described in :mod:`netgraph.metrics`, an argument is out
        of range, or the iteration does not converge within ``max_iter`` steps.

    Notes
    -----
    With strengths :math:`s_i = \sum_j A_{ij}`, teleport vector :math:`p`, dangling
    nodes :math:`\mathcal{D} = \{i : s_i = 0\}` and :math:`x_0` uniform,

    .. math::

        x_{k+1, j} = \alpha \Big( \sum_i x_{k,i} \frac{A_{ij}}{s_i}
        + p_j \sum_{i \in \mathcal{D}} x_{k,i} \Big) + (1 - \alpha)\, p_j ,

    one sparse matrix-vector product per step; the change shrinks like
    :math:`\alpha^k`, so the default ``tol`` takes at most about 170 steps.

    References
    ----------
    .. [1] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation
       ranking: bringing order to the Web", Stanford InfoLab technical report, 1999.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> star = nx.star_graph(3)
    >>> {v: round(r, 4) for v, r in metrics.pagerank(star).items()}
    {0: 0.4797, 1: 0.1734, 2: 0.1734, 3: 0.1734}
    >>> metrics.pagerank(nx.to_scipy_sparse_array(star)).round(4)
    array([0.4797, 0.1734, 0.1734, 0.1734])
    """
    g = _Graph(graph, weight)
    teleport: Any = personalization
    if g.nodes is not None and personalization is not None:
        if not isinstance(personalization, Mapping):
            raise ConfigError("personalization of a networkx graph is a dict keyed by node")
        teleport = np.zeros(g.size)
        for node, share in personalization.items():
            teleport[g.index(node, "personalization node")] = float(share)
    try:
        result = kernels.pagerank(
            g.adjacency, damping=alpha, tol=tol, max_iter=max_iter, personalization=teleport
        )
    except ValueError as err:
        raise ConfigError(str(err)) from err
    if not result.converged:
        raise ConfigError(
            f"PageRank did not converge in {max_iter} iterations (last L1 change "
            f"{result.residual:.3g}); allow more iterations or a larger tol"
        )
    return g.answer(result.scores, None)


def constraint(graph: GraphLike, nodes: Any = None, *, weight: str | None = "weight") -> Any:
    r"""Burt's constraint of every node (or of ``nodes``).

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are strengths.
    nodes : node or iterable of nodes, optional
        Only these (nodes of the graph, or indices of the matrix): this costs their
        two-step neighbourhood instead of the whole graph.
    weight : str or None, optional
        The edge attribute that holds the strength; ``None``: every edge weighs 1.

    Returns
    -------
    dict or numpy.ndarray
        ``{node: constraint}`` for a networkx graph (as :func:`networkx.constraint`),
        a float64 array for a matrix (one entry per node, or per entry of ``nodes``);
        NaN for a node without edges.

    Notes
    -----
    With :math:`p_{vw} = A_{vw} / s_v` the share of :math:`v`'s strength that goes to
    :math:`w`,

    .. math::

        c(v) = \sum_{w \in N(v)} \Big(p_{vw} + \sum_{q \in N(v) \cap N(w)}
        p_{vq}\, p_{qw}\Big)^2 .

    A high constraint means a node's contacts all know each other: few structural
    holes. All nodes cost one listing of the triangles, :math:`O(m^{3/2})` at worst.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of Competition*,
       Harvard University Press, 1992.
    .. [2] R. S. Burt, "Structural holes and good ideas", American Journal of
       Sociology 110(2):349-399, 2004.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> {v: round(c, 4) for v, c in metrics.constraint(nx.star_graph(3)).items()}
    {0: 0.3333, 1: 1.0, 2: 1.0, 3: 1.0}
    """
    g = _Graph(graph, weight)
    rows = g.indices(nodes)
    values = kernels.constraint(g.adjacency, rows, weighted=weight is not None)
    return g.answer(values, rows)


def effective_size(graph: GraphLike, nodes: Any = None, *, weight: str | None = "weight") -> Any:
    r"""Burt's effective size of every node's ego network (or of ``nodes``).

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are strengths.
    nodes : node or iterable of nodes, optional
        Only these (nodes of the graph, or indices of the matrix).
    weight : str or None, optional
        The edge attribute that holds the strength; ``None``: every edge weighs 1
        (Borgatti's formula).

    Returns
    -------
    dict or numpy.ndarray
        ``{node: effective size}`` for a networkx graph (as
        ``networkx.effective_size(G, nodes=list(G), weight=weight)``), a float64 array
        for a matrix; NaN for a node without edges.

    Notes
    -----
    With :math:`p_{uw} = A_{uw} / s_u` and :math:`m_{vw} = A_{vw} / \max_x A_{vx}`,

    .. math::

        e(u) = \sum_{v \in N(u)} \Big(1 - \sum_{w \in N(u) \cap N(v)}
        p_{uw}\, m_{vw}\Big),

    the number of contacts less their redundancy; unweighted it is
    :math:`d_u - 2 t_u / d_u` with :math:`t_u` the ties among :math:`u`'s contacts.
    networkx 3.6's all-nodes path (``nodes=None``) divides by the wrong node's
    largest weight when weights are given; the values here are those of its
    per-node computation.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes: The Social Structure of Competition*,
       Harvard University Press, 1992.
    .. [2] S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures",
       Connections 20(1):35-38, 1997.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> g = nx.Graph([(0, 1), (0, 2), (1, 2), (0, 3)])
    >>> {v: round(e, 4) for v, e in metrics.effective_size(g, weight=None).items()}
    {0: 2.3333, 1: 1.0, 2: 1.0, 3: 1.0}
    """
    g = _Graph(graph, weight)
    rows = g.indices(nodes)
    values = kernels.effective_size(g.adjacency, rows, weighted=weight is not None)
    return g.answer(values, rows)


def communities(
    graph: GraphLike,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = "weight",
) -> Any:
    r"""Louvain communities (seeded, so the same graph gives the same partition).

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are strengths.
    seed : int, optional
        Seed of the order in which nodes are visited (graphs of up to 20,000 edges).
    resolution : float, optional
        Resolution :math:`\gamma` of the modularity; larger values give more, smaller
        communities.
    weight : str or None, optional
        The edge attribute that holds the strength; ``None``: every edge weighs 1.

    Returns
    -------
    list of set or numpy.ndarray
        For a networkx graph the communities as sets of nodes (as
        :func:`networkx.community.louvain_communities`), the one of the first node
        first; for a matrix one label per node, ``0..k-1`` numbered in order of first
        appearance. A node without edges is a community of its own.

    Notes
    -----
    Louvain moves single nodes to the neighbouring community with the best gain in
    modularity,

    .. math::

        Q = \sum_c \Big( \frac{L_c}{m} - \gamma \frac{K_c^2}{4 m^2} \Big), \qquad
        \Delta Q = \frac{k_{i,C}}{m} - \gamma \frac{k_i \, \Sigma_C}{2 m^2},

    until no move helps, then merges each community into one node and repeats.
    Graphs of up to 20,000 edges run networkx's own Louvain with ``seed`` (the nodes
    numbered in graph order); larger ones networkit's parallel Louvain on one thread
    (deterministic, seed unused), refined up to 2 million edges. The partition
    depends on the numbering of the nodes.

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast
       unfolding of communities in large networks", Journal of Statistical Mechanics
       P10008, 2008.
    .. [2] M. E. J. Newman and M. Girvan, "Finding and evaluating community
       structure in networks", Physical Review E 69:026113, 2004.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> two_triangles = nx.Graph([(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)])
    >>> metrics.communities(two_triangles, seed=1)
    [{0, 1, 2}, {3, 4, 5}]
    """
    g = _Graph(graph, weight)
    labels = kernels.communities(g.adjacency, seed=seed, resolution=resolution)
    if g.nodes is None:
        return labels
    found: list[set[Hashable]] = [set() for _ in range(int(labels.max(initial=-1)) + 1)]
    for node, label in zip(g.nodes, labels.tolist(), strict=True):
        found[label].add(node)
    return found


def two_step_reach(graph: GraphLike, nodes: Any = None) -> Any:
    r"""How many nodes are one or two hops away from each node (or from ``nodes``).

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are ignored.
    nodes : node or iterable of nodes, optional
        Count only for these (nodes of the graph, or indices of the matrix).

    Returns
    -------
    dict or numpy.ndarray
        ``{node: count}`` for a networkx graph, where networkx's equivalent is
        ``len(nx.single_source_shortest_path_length(G, v, cutoff=2)) - 1``; an int64
        array for a matrix.

    Notes
    -----
    The count of :math:`v` is :math:`|\{x \ne v : 1 \le d(v, x) \le 2\}|`, the
    people a member can be introduced to. Every two-step walk is followed once in
    compiled code, marking the nodes met: the work is :math:`\sum_u d(u)^2` for all
    nodes and the memory two arrays of length :math:`n` per thread.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.
    .. [2] M. S. Granovetter, "The strength of weak ties", American Journal of
       Sociology 78(6):1360-1380, 1973.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> metrics.two_step_reach(nx.path_graph(5))
    {0: 2, 1: 3, 2: 4, 3: 3, 4: 2}
    """
    g = _Graph(graph, None)
    rows = g.indices(nodes)
    return g.answer(kernels.two_step_reach_counts(g.adjacency, rows), rows)


def hop_distances(graph: GraphLike, source: Any) -> Any:
    r"""The number of hops from ``source`` to every node it reaches.

    Parameters
    ----------
    graph : networkx.Graph or scipy sparse matrix
        An undirected graph; weights are ignored.
    source : node or int
        A node of the networkx graph, or a row of the matrix.

    Returns
    -------
    dict or numpy.ndarray
        For a networkx graph ``{node: hops}`` of the nodes ``source`` reaches, itself
        at 0, in order of distance (as
        :func:`networkx.single_source_shortest_path_length`); for a matrix an int64
        array with -1 for the nodes it does not reach.

    Notes
    -----
    Breadth first search gives each reached node its predecessor :math:`\pi(v)`, with
    :math:`d(v) = d(\pi(v)) + 1`; the depths are then found by pointer jumping,
    :math:`h_{k+1}(v) = h_k(v) + h_k(p_k(v))` and :math:`p_{k+1} = p_k \circ p_k`, in
    :math:`O(\log D)` vectorised passes. Cost :math:`O(n + m)`.

    References
    ----------
    .. [1] E. F. Moore, "The shortest path through a maze", Proceedings of the
       International Symposium on the Theory of Switching, 1959.
    .. [2] J. Wyllie, "The complexity of parallel computations", PhD thesis, Cornell
       University, 1979.

    Examples
    --------
    >>> import networkx as nx
    >>> from netgraph import metrics
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> g.add_node("d")
    >>> metrics.hop_distances(g, "a")
    {'a': 0, 'b': 1, 'c': 2}
    >>> metrics.hop_distances(nx.to_scipy_sparse_array(g), 0)
    array([ 0,  1,  2, -1])
    """
    g = _Graph(graph, None)
    hops = kernels.hop_distances(g.adjacency, g.index(source, "source"))
    if g.nodes is None:
        return hops
    reached = np.flatnonzero(hops >= 0)
    reached = reached[np.argsort(hops[reached], kind="stable")]
    return g.answer(hops[reached], reached)
