"""Input formats, no mutation, and medium graphs that need several chunks."""

import networkx as nx
import numpy as np
import pytest
from scipy import sparse

from netgraph.graph.kernels import (
    burt_measures,
    communities,
    constraint,
    effective_size,
    hop_distances,
    modularity,
    pagerank,
    two_step_reach_counts,
    within_two_steps,
)

from .strategies import CLASSIC, to_adjacency


def medium_graph(seed=4, n=400):
    graph = nx.powerlaw_cluster_graph(n, 4, 0.4, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in graph.edges:
        graph.edges[u, v]["weight"] = float(rng.integers(1, 6))
    graph.add_nodes_from(range(n, n + 5))  # isolated nodes too
    return graph


def run_all(adj):
    return [
        pagerank(adj).scores,
        constraint(adj),
        effective_size(adj),
        constraint(adj, nodes=[3, 1]),
        communities(adj, seed=2),
        np.array([modularity(adj, np.arange(adj.shape[0]) % 4)]),
        within_two_steps(adj, [0, 5]),
        two_step_reach_counts(adj),
        hop_distances(adj, 1),
    ]


def test_other_sparse_formats_give_the_same_results():
    adj = to_adjacency(CLASSIC["les_miserables"])
    expected = run_all(adj)
    wide = sparse.csr_array(adj)
    wide.indices = wide.indices.astype(np.int64)
    wide.indptr = wide.indptr.astype(np.int64)
    for other in (sparse.csr_matrix(adj), adj.tocoo(), adj.tocsc(), wide, adj.astype(np.float32)):
        for got, want in zip(run_all(other), expected, strict=True):
            np.testing.assert_allclose(got, want, rtol=0, atol=1e-6, equal_nan=True)


def test_inputs_are_not_modified():
    adj = to_adjacency(CLASSIC["karate"])
    before = (adj.data.copy(), adj.indices.copy(), adj.indptr.copy())
    run_all(adj)
    after = (adj.data, adj.indices, adj.indptr)
    for b, a in zip(before, after, strict=True):
        np.testing.assert_array_equal(a, b)


def test_medium_graph_burt_measures_match_networkx():
    graph = medium_graph(n=150)  # networkx's per-node effective size is slow
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    got_c, got_e = burt_measures(adj)
    np.testing.assert_array_equal(constraint(adj), got_c)
    np.testing.assert_array_equal(effective_size(adj), got_e)
    ref_c = nx.constraint(graph, weight="weight")
    ref_e = nx.effective_size(graph, nodes=list(graph), weight="weight")
    np.testing.assert_allclose(got_c, [ref_c[v] for v in range(n)], atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(got_e, [ref_e[v] for v in range(n)], atol=1e-9, equal_nan=True)
    # and the ego path, on every node
    np.testing.assert_allclose(constraint(adj, nodes=np.arange(n)), got_c, atol=1e-12)
    np.testing.assert_allclose(effective_size(adj, nodes=np.arange(n)), got_e, atol=1e-12)


def test_medium_graph_reach_and_pagerank():
    graph = medium_graph(seed=9)
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    expected = [len(nx.single_source_shortest_path_length(graph, v, cutoff=2)) - 1 for v in graph]
    np.testing.assert_array_equal(two_step_reach_counts(adj), expected)
    np.testing.assert_array_equal(
        two_step_reach_counts(adj, nodes=np.arange(n)[::-1]), expected[::-1]
    )
    ref = nx.pagerank(graph, tol=1e-13 / n, max_iter=10_000)
    np.testing.assert_allclose(pagerank(adj).scores, [ref[v] for v in range(n)], atol=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
def test_medium_graph_communities(seed):
    graph = medium_graph(seed=seed)
    adj = to_adjacency(graph)
    labels = communities(adj, seed=seed)
    ours = modularity(adj, labels)
    theirs = nx.community.modularity(
        graph, nx.community.louvain_communities(graph, weight="weight", seed=seed), weight="weight"
    )
    assert ours >= theirs - 0.02
