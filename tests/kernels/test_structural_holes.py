import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.graph.kernels import burt_measures, constraint, effective_size

from .strategies import CLASSIC, WEIGHTED_CLASSIC, to_adjacency, weighted_graphs


def as_array(values, n):
    return np.array([values[v] for v in range(n)], dtype=float)


def assert_same(actual, expected):
    assert actual.shape == expected.shape
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    np.testing.assert_allclose(actual, expected, rtol=0, atol=1e-9, equal_nan=True)


def nx_constraint(graph, weighted):
    n = graph.number_of_nodes()
    if n == 0:  # networkx's vectorised path raises on the empty graph
        return np.zeros(0)
    return as_array(nx.constraint(graph, weight="weight" if weighted else None), n)


def nx_effective_size(graph, weighted):
    # networkx's per-node path implements Burt's definition; its vectorised path
    # (nodes=None) normalises by the wrong node's largest weight when weighted
    # (networkx pull request #8906), so the nodes are passed explicitly.
    n = graph.number_of_nodes()
    ref = nx.effective_size(graph, nodes=list(range(n)), weight="weight" if weighted else None)
    return as_array(ref, n)


@pytest.mark.parametrize("name", sorted(CLASSIC))
@pytest.mark.parametrize("weighted", [True, False])
def test_constraint_matches_networkx(name, weighted):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    expected = nx_constraint(graph, weighted)
    assert_same(constraint(adj, weighted=weighted), expected)
    nodes = np.arange(graph.number_of_nodes())[::-1]
    assert_same(constraint(adj, nodes=nodes, weighted=weighted), expected[::-1])


@pytest.mark.parametrize("name", sorted(CLASSIC))
@pytest.mark.parametrize("weighted", [True, False])
def test_effective_size_matches_networkx(name, weighted):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    expected = nx_effective_size(graph, weighted)
    assert_same(effective_size(adj, weighted=weighted), expected)
    nodes = np.arange(graph.number_of_nodes())[::-1]
    assert_same(effective_size(adj, nodes=nodes, weighted=weighted), expected[::-1])


def test_unweighted_effective_size_is_borgatti_formula():
    graph = CLASSIC["les_miserables"]
    size = effective_size(to_adjacency(graph), weighted=False)
    for v in graph:
        ego = graph.subgraph(graph[v])
        k = ego.number_of_nodes()
        assert size[v] == pytest.approx(k - 2 * ego.number_of_edges() / k, abs=1e-12)
    # and networkx's vectorised path agrees when unweighted
    assert_same(size, as_array(nx.effective_size(graph), graph.number_of_nodes()))


def test_weights_change_the_result():
    graph = CLASSIC["karate"]
    adj = to_adjacency(graph)
    assert not np.allclose(constraint(adj), constraint(adj, weighted=False))
    assert not np.allclose(effective_size(adj), effective_size(adj, weighted=False))


def test_isolated_nodes_are_nan_and_single_node_queries_work():
    graph = CLASSIC["components"]
    adj = to_adjacency(graph)
    isolated = [v for v in graph if graph.degree(v) == 0]
    assert isolated
    assert np.all(np.isnan(constraint(adj)[isolated]))
    assert np.all(np.isnan(effective_size(adj, nodes=isolated)))
    hub = max(graph, key=graph.degree)
    assert constraint(adj, nodes=[hub])[0] == pytest.approx(constraint(adj)[hub], abs=1e-12)
    assert constraint(adj, nodes=[]).shape == (0,)
    assert effective_size(adj, nodes=np.array([], dtype=int)).shape == (0,)


def test_known_values_on_small_shapes():
    star = to_adjacency(nx.star_graph(3))
    np.testing.assert_allclose(constraint(star), [1 / 3, 1, 1, 1])
    np.testing.assert_allclose(effective_size(star), [3, 1, 1, 1])
    complete = to_adjacency(nx.complete_graph(4))
    # each of 3 contacts: (1/3 + 2 * 1/9)^2
    np.testing.assert_allclose(constraint(complete), 3 * (1 / 3 + 2 / 9) ** 2)
    np.testing.assert_allclose(effective_size(complete), 1.0)


@pytest.mark.parametrize("name", ["les_miserables", "karate", "florentine"])
def test_each_triangle_counts_once(name):
    # Unweighted, effective size is Borgatti's d - 2 t / d with t the triangles at the
    # node, so a triangle missed or met twice by the listing shows here.
    graph = nx.Graph(CLASSIC[name])
    adj = to_adjacency(graph)
    _, size = burt_measures(adj, weighted=False)
    triangles = nx.triangles(graph)
    degree = dict(graph.degree())
    expected = [degree[v] - 2 * triangles[v] / degree[v] for v in range(len(graph))]
    np.testing.assert_allclose(size, expected, rtol=0, atol=1e-12)


@given(graph=weighted_graphs(), weighted=st.booleans())
def test_random_graphs_match_networkx(graph, weighted):
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    assert_same(constraint(adj, weighted=weighted), nx_constraint(graph, weighted))
    expected_size = nx_effective_size(graph, weighted)
    assert_same(effective_size(adj, weighted=weighted), expected_size)
    if n:
        some = np.arange(0, n, 2)
        assert_same(effective_size(adj, nodes=some, weighted=weighted), expected_size[some])


@pytest.mark.parametrize("name", WEIGHTED_CLASSIC)
def test_scaling_all_weights_changes_nothing(name):
    adj = to_adjacency(CLASSIC[name])
    assert_same(constraint(adj * 3.5), constraint(adj))
    assert_same(effective_size(adj * 3.5), effective_size(adj))
