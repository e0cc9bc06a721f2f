"""Graph kernels on sparse adjacency matrices (private).

Every function takes an undirected weighted graph as a symmetric
``scipy.sparse.csr_array`` of float64 with positive weights (tie strengths)
and no self-loops, node ``i`` being row ``i``; :func:`validate_adjacency`
checks all of that once, the kernels themselves only convert the format.
Paths and reach count hops and ignore the weights.

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
``_compiled``
    The loops behind Burt's measures and two-step reach, compiled by numba.
``_paths``
    :func:`hop_distances` and :func:`shortest_path`.
"""

from ._adjacency import InvalidAdjacencyError, as_adjacency, validate_adjacency
from ._communities import communities, modularity
from ._pagerank import PageRankResult, pagerank
from ._paths import hop_distances, shortest_path
from ._reach import reach_of_sets, two_step_reach_counts, within_two_steps
from ._structural_holes import burt_measures, constraint, effective_size

__all__ = [
    "InvalidAdjacencyError",
    "PageRankResult",
    "as_adjacency",
    "burt_measures",
    "communities",
    "constraint",
    "effective_size",
    "hop_distances",
    "modularity",
    "pagerank",
    "reach_of_sets",
    "shortest_path",
    "two_step_reach_counts",
    "validate_adjacency",
    "within_two_steps",
]
