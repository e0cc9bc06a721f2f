"""Hypothesis strategies and small fixed graphs for the kernel tests."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from hypothesis import strategies as st
from scipy import sparse


def to_adjacency(graph: nx.Graph) -> sparse.csr_array:
    """Adjacency matrix of a graph whose nodes are 0..n-1 (missing weights count 1)."""
    n = graph.number_of_nodes()
    assert sorted(graph.nodes) == list(range(n))
    if n == 0:
        return sparse.csr_array((0, 0), dtype=np.float64)
    a = nx.to_scipy_sparse_array(graph, nodelist=range(n), weight="weight", format="csr")
    return sparse.csr_array(a, dtype=np.float64)


def _with_isolated_and_components() -> nx.Graph:
    g = nx.disjoint_union_all(
        [nx.florentine_families_graph(), nx.cycle_graph(4), nx.complete_graph(3)]
    )
    g.add_nodes_from(range(g.number_of_nodes(), g.number_of_nodes() + 3))
    for i, (u, v) in enumerate(sorted(g.edges)):
        g.edges[u, v]["weight"] = 1.0 + (i * 7) % 5
    return nx.convert_node_labels_to_integers(g)


def classic_graphs() -> dict[str, nx.Graph]:
    """networkx's classic social graphs and a few shapes, nodes relabelled 0..n-1."""
    graphs = {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
        "davis": nx.davis_southern_women_graph(),
        "petersen": nx.petersen_graph(),
        "path": nx.path_graph(7),
        "star": nx.star_graph(6),
        "complete": nx.complete_graph(6),
        "components": _with_isolated_and_components(),
    }
    return {name: nx.convert_node_labels_to_integers(g) for name, g in graphs.items()}


CLASSIC = classic_graphs()
WEIGHTED_CLASSIC = ["karate", "les_miserables", "components"]


@st.composite
def weighted_graphs(
    draw: st.DrawFn,
    min_nodes: int = 0,
    max_nodes: int = 16,
    *,
    integer_weights: bool | None = None,
) -> nx.Graph:
    """Random undirected graphs on 0..n-1 with positive weights.

    The edge density is drawn too, so the graphs range from edgeless (isolated
    nodes, several components) to complete.  Integer weights give ties.
    """
    n = draw(st.integers(min_value=min_nodes, max_value=max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    density = draw(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.8, 1.0]))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    chosen = [p for p in pairs if rng.random() < density]
    use_integers = draw(st.booleans()) if integer_weights is None else integer_weights
    if use_integers:
        weight = st.integers(min_value=1, max_value=4).map(float)
    else:
        weight = st.floats(min_value=0.05, max_value=20.0, allow_nan=False, allow_infinity=False)
    weights = draw(st.lists(weight, min_size=len(chosen), max_size=len(chosen)))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((u, v, w) for (u, v), w in zip(chosen, weights, strict=True))
    return g


@st.composite
def planted_partitions(draw: st.DrawFn) -> nx.Graph:
    """Planted-partition graphs with clear communities (for Louvain quality)."""
    groups = draw(st.integers(min_value=2, max_value=6))
    size = draw(st.integers(min_value=5, max_value=15))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    return nx.planted_partition_graph(groups, size, 0.5, 0.03, seed=seed)
