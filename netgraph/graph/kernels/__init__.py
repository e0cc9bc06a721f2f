"""Graph kernels on sparse adjacency matrices (private).

Every function takes an undirected weighted graph as a symmetric
``scipy.sparse.csr_array`` of float64 with positive weights (tie strengths)
and no self-loops, node ``i`` being row ``i``; :func:`validate_adjacency`
checks all of that once, the kernels themselves only convert the format.
Paths and reach count hops and ignore the weights.  A kernel given arguments
that break its rules raises a :class:`KernelInputError` (a
:class:`netgraph.NetgraphError` and a :class:`ValueError`).

Graphs of at most ``SMALL_GRAPH_EDGES`` edges are handled with numpy, scipy and
networkx alone; larger ones use loops compiled by numba and networkit's Louvain,
which are imported on first use (:func:`prepare_kernels` loads them ahead, on a
background thread).

Modules
-------
``_pagerank``
    :func:`pagerank`, weighted PageRank by power iteration.
``_structural_holes``
    :func:`constraint` and :func:`effective_size` (Burt), for all nodes from
    one triangle listing (:func:`burt_measures` gives both) or for a few nodes
    from their two-step neighbourhood.
``_communities``
    :func:`communities` (Louvain refined by Leiden) and :func:`modularity`.
``_reach``
    :func:`within_two_steps`, :func:`two_step_reach_counts` and
    :func:`reach_of_sets`.
``_compiled`` and ``_loops``
    The loops behind Burt's measures, two-step reach, and building and
    renumbering graphs, compiled by numba (``_loops``, imported by
    ``_compiled`` on first use).
``_small``
    The same results as those loops with numpy and scipy, for small graphs.
``_paths``
    :func:`hop_distances` and :func:`shortest_path`.
``_prepare``
    :func:`prepare_kernels`.
"""

from ._adjacency import (
    SMALL_GRAPH_EDGES,
    InvalidAdjacencyError,
    KernelInputError,
    MissingBackendError,
    NodeIndexError,
    NodeTypeError,
    as_adjacency,
    validate_adjacency,
)
from ._communities import communities, modularity
from ._pagerank import PageRankResult, pagerank
from ._paths import hop_distances, shortest_path
from ._prepare import prepare_kernels
from ._reach import reach_of_sets, two_step_reach_counts, within_two_steps
from ._structural_holes import burt_measures, constraint, effective_size

__all__ = [
    "SMALL_GRAPH_EDGES",
    "InvalidAdjacencyError",
    "KernelInputError",
    "MissingBackendError",
    "NodeIndexError",
    "NodeTypeError",
    "PageRankResult",
    "as_adjacency",
    "burt_measures",
    "communities",
    "constraint",
    "effective_size",
    "hop_distances",
    "modularity",
    "pagerank",
    "prepare_kernels",
    "reach_of_sets",
    "shortest_path",
    "two_step_reach_counts",
    "validate_adjacency",
    "within_two_steps",
]
