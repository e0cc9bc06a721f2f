"""Graph kernels on sparse adjacency matrices (private).

Every function takes an undirected weighted graph as a symmetric
``scipy.sparse.csr_array`` of float64 with positive weights (tie strengths)
and no self-loops, node ``i`` being row ``i``.  Paths and reach count hops.
"""

from ._adjacency import InvalidAdjacencyError, as_adjacency, validate_adjacency
from ._communities import communities, modularity
from ._pagerank import PageRankResult, pagerank
from ._paths import hop_distances, shortest_path
from ._reach import two_step_reach_counts, within_two_steps
from ._structural_holes import constraint, effective_size

__all__ = [
    "InvalidAdjacencyError",
    "PageRankResult",
    "as_adjacency",
    "communities",
    "constraint",
    "effective_size",
    "hop_distances",
    "modularity",
    "pagerank",
    "shortest_path",
    "two_step_reach_counts",
    "validate_adjacency",
    "within_two_steps",
]
