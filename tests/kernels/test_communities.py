import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgraph.graph.kernels import communities, modularity

from .strategies import CLASSIC, planted_partitions, to_adjacency, weighted_graphs

QUALITY_GRAPHS = ["karate", "les_miserables", "florentine", "davis", "components"]


def nx_modularity(graph, labels, resolution=1.0):
    groups = {}
    for v, label in enumerate(labels):
        groups.setdefault(label, set()).add(v)
    return nx.community.modularity(
        graph, list(groups.values()), weight="weight", resolution=resolution
    )


def assert_canonical(labels, n):
    assert labels.shape == (n,)
    assert labels.dtype == np.int64
    if n:
        first_seen = list(dict.fromkeys(labels.tolist()))
        assert first_seen == list(range(labels.max() + 1))


@pytest.mark.parametrize("name", sorted(CLASSIC))
@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_modularity_matches_networkx(name, resolution):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    found = nx.community.louvain_communities(graph, weight="weight", seed=1)
    labels = np.empty(n, dtype=int)
    for i, members in enumerate(found):
        labels[list(members)] = i
    for candidate in (labels, np.arange(n) % 3, np.zeros(n, dtype=int)):
        assert modularity(adj, candidate, resolution) == pytest.approx(
            nx_modularity(graph, candidate, resolution), abs=1e-12
        )


def test_modularity_edge_cases():
    assert np.isnan(modularity(to_adjacency(nx.empty_graph(3)), [0, 1, 2]))
    with pytest.raises(ValueError, match="one entry per node"):
        modularity(to_adjacency(nx.path_graph(3)), [0, 1])
    # labels need not be compact or sorted
    adj = to_adjacency(CLASSIC["karate"])
    labels = np.arange(34) % 2
    assert modularity(adj, labels * 7 - 3) == pytest.approx(modularity(adj, labels), abs=1e-15)


@pytest.mark.parametrize("name", QUALITY_GRAPHS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_quality_against_networkx_louvain(name, seed):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    labels = communities(adj, seed=seed)
    assert_canonical(labels, graph.number_of_nodes())
    ours = nx_modularity(graph, labels)
    theirs = nx.community.modularity(
        graph, nx.community.louvain_communities(graph, weight="weight", seed=seed), weight="weight"
    )
    assert ours >= theirs - 0.02
    assert modularity(adj, labels) == pytest.approx(ours, abs=1e-12)


@settings(max_examples=15)
@given(graph=planted_partitions(), seed=st.integers(0, 3))
def test_quality_on_planted_partitions(graph, seed):
    adj = to_adjacency(graph)
    labels = communities(adj, seed=seed)
    assert_canonical(labels, graph.number_of_nodes())
    theirs = nx.community.modularity(
        graph, nx.community.louvain_communities(graph, seed=seed), weight="weight"
    )
    assert nx_modularity(graph, labels) >= theirs - 0.02


def test_deterministic_and_leaves_global_random_alone():
    igraph = pytest.importorskip("igraph")
    adj = to_adjacency(CLASSIC["les_miserables"])
    random.seed(12345)
    state = random.getstate()
    first = communities(adj, seed=7)
    assert random.getstate() == state
    assert np.array_equal(first, communities(adj, seed=7))
    # igraph draws from Python's random module again afterwards (its default)
    random.seed(3)
    a = igraph.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()
    random.seed(3)
    communities(adj, seed=1)
    random.seed(3)
    b = igraph.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()
    assert a == b


def test_resolution_changes_granularity():
    adj = to_adjacency(CLASSIC["les_miserables"])
    coarse = communities(adj, resolution=0.3).max()
    fine = communities(adj, resolution=3.0).max()
    assert coarse < fine


def test_isolated_nodes_are_singletons():
    graph = CLASSIC["components"]
    labels = communities(to_adjacency(graph))
    isolated = [v for v in graph if graph.degree(v) == 0]
    for v in isolated:
        assert np.count_nonzero(labels == labels[v]) == 1
    # the disjoint pieces never share a community
    for component in nx.connected_components(graph):
        inside = set(labels[list(component)].tolist())
        outside = set(np.delete(labels, list(component)).tolist())
        assert not inside & outside


def test_igraph_backend_missing_or_used():
    adj = to_adjacency(CLASSIC["karate"])
    try:
        import igraph  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="optional igraph package"):
            communities(adj, backend="igraph")
    else:
        first = communities(adj, backend="igraph")
        assert np.array_equal(communities(adj, backend="igraph"), first)


def test_edge_cases_and_backends():
    assert communities(to_adjacency(nx.empty_graph(0))).shape == (0,)
    assert communities(to_adjacency(nx.empty_graph(3))).tolist() == [0, 1, 2]
    adj = to_adjacency(CLASSIC["karate"])
    with pytest.raises(ValueError, match="backend"):
        communities(adj, backend="nope")  # type: ignore[arg-type]
    by_networkx = communities(adj, seed=3, backend="networkx")
    assert_canonical(by_networkx, 34)
    assert np.array_equal(by_networkx, communities(adj, seed=3, backend="networkx"))
    assert modularity(adj, by_networkx) > 0.35


@settings(max_examples=20)
@given(graph=weighted_graphs(min_nodes=1, max_nodes=25), seed=st.integers(0, 5))
def test_random_graphs_give_valid_partitions(graph, seed):
    adj = to_adjacency(graph)
    labels = communities(adj, seed=seed)
    assert_canonical(labels, graph.number_of_nodes())
    if graph.number_of_edges():
        q = modularity(adj, labels)
        assert q == pytest.approx(nx_modularity(graph, labels), abs=1e-12)
        assert q >= modularity(adj, np.zeros(graph.number_of_nodes(), dtype=int)) - 1e-12


def test_refinement_switch(monkeypatch):
    igraph = pytest.importorskip("igraph")
    from netgraph.graph.kernels import _communities

    graph = CLASSIC["davis"]
    adj = to_adjacency(graph)
    plain = communities(adj, seed=2, refine=False, backend="igraph")
    refined = communities(adj, seed=2, refine=True, backend="igraph")
    assert np.array_equal(communities(adj, seed=2, backend="igraph"), refined)  # small: refined
    assert modularity(adj, refined) >= modularity(adj, plain) - 1e-12
    # refine=False is igraph's Louvain with the private generator, relabelled
    g = igraph.Graph(n=graph.number_of_nodes(), edges=list(graph.edges))
    igraph.set_random_number_generator(random.Random(2))
    try:
        expected = g.community_multilevel(weights=[1.0] * g.ecount()).membership
    finally:
        igraph.set_random_number_generator(random)
    assert np.array_equal(plain, _communities._canonical(expected))
    monkeypatch.setattr(_communities, "REFINE_MAX_EDGES", 10)
    assert np.array_equal(communities(adj, seed=2, backend="igraph"), plain)


def test_networkit_is_deterministic_across_processes_and_the_default_on_large_graphs(
    monkeypatch,
):
    import subprocess
    import sys

    from netgraph.graph.kernels import _communities

    code = (
        "import networkx as nx, numpy as np, scipy.sparse as sp\n"
        "from netgraph.graph.kernels import communities\n"
        "g = nx.les_miserables_graph()\n"
        "a = sp.csr_array(nx.to_scipy_sparse_array(g, weight='weight'))\n"
        "print(communities(a, backend='networkit').tolist())\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
    adj = to_adjacency(CLASSIC["les_miserables"])
    assert np.array_equal(communities(adj), communities(adj, backend="networkx"))
    monkeypatch.setattr(_communities, "SMALL_GRAPH_EDGES", 10)
    assert np.array_equal(communities(adj), communities(adj, backend="networkit"))


@pytest.mark.parametrize("seed", [0, 1])
def test_networkit_quality_on_larger_planted_partitions(seed):
    graph = nx.planted_partition_graph(20, 100, 0.2, 0.005, seed=seed)
    adj = to_adjacency(graph)
    labels = communities(adj, backend="networkit")
    assert_canonical(labels, graph.number_of_nodes())
    theirs = nx.community.modularity(graph, nx.community.louvain_communities(graph, seed=seed))
    assert nx_modularity(graph, labels) >= theirs - 0.02


def test_networkit_keeps_isolated_nodes_at_the_end():
    graph = nx.Graph()
    graph.add_nodes_from(range(8))
    graph.add_edges_from([(0, 1), (1, 2), (0, 2), (3, 4)])  # nodes 5, 6 and 7 are isolated
    labels = communities(to_adjacency(graph), backend="networkit")
    assert len(labels) == 8
    assert len({labels[5], labels[6], labels[7]}) == 3
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4]


@pytest.mark.parametrize("backend", ["networkx", "networkit"])
def test_visit_order_is_the_same_as_renumbering_the_nodes(backend):
    graph = CLASSIC["les_miserables"]
    adj = to_adjacency(graph)
    n = adj.shape[0]
    order = np.random.default_rng(5).permutation(n)
    # renumber by hand: node order[r] becomes r
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    renumbered = to_adjacency(nx.relabel_nodes(graph, {v: int(rank[v]) for v in graph}))
    by_hand = communities(renumbered, seed=3, backend=backend)
    got = communities(adj, seed=3, backend=backend, visit_order=order)
    np.testing.assert_array_equal(got[order], by_hand)
    # the labels are numbered by first appearance in the visit order
    assert got[order[0]] == 0


def test_visit_order_must_be_a_permutation():
    adj = to_adjacency(CLASSIC["karate"])
    with pytest.raises(ValueError, match="permutation"):
        communities(adj, visit_order=np.zeros(adj.shape[0], dtype=int))
    with pytest.raises(ValueError, match="permutation"):
        communities(adj, visit_order=[0, 1])
