import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.graph.kernels import hop_distances, shortest_path

from .strategies import CLASSIC, to_adjacency, weighted_graphs


def reference_distances(graph, source):
    lengths = nx.single_source_shortest_path_length(graph, source)
    return np.array([lengths.get(v, -1) for v in range(graph.number_of_nodes())])


def reference_path(graph, source, target):
    """The shortest path whose reversed sequence is lexicographically smallest."""
    if not nx.has_path(graph, source, target):
        return None
    return min(nx.all_shortest_paths(graph, source, target), key=lambda p: p[::-1])


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_distances_match_networkx(name):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    for source in range(graph.number_of_nodes()):
        np.testing.assert_array_equal(
            hop_distances(adj, source), reference_distances(graph, source)
        )


@pytest.mark.parametrize("name", ["karate", "petersen", "components", "davis"])
def test_paths_are_canonical_shortest_paths(name):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    for source in range(0, n, 3):
        for target in range(n):
            path = shortest_path(adj, source, target)
            assert path == reference_path(graph, source, target)


def test_deep_path_and_unreachable():
    graph = nx.path_graph(1500)
    graph.add_node(1500)
    adj = to_adjacency(graph)
    dist = hop_distances(adj, 0)
    assert dist[:1500].tolist() == list(range(1500))
    assert dist[1500] == -1
    assert shortest_path(adj, 0, 1499) == list(range(1500))
    assert shortest_path(adj, 3, 1500) is None
    assert shortest_path(adj, 7, 7) == [7]


def test_tie_break_prefers_smallest_predecessor():
    # 0 - {3, 1, 2} - 4: three shortest paths, the one through 1 is chosen
    graph = nx.Graph([(0, 3), (0, 1), (0, 2), (3, 4), (1, 4), (2, 4)])
    assert shortest_path(to_adjacency(graph), 0, 4) == [0, 1, 4]
    assert shortest_path(to_adjacency(graph), 4, 0) == [4, 1, 0]


def test_rejects_bad_nodes():
    adj = to_adjacency(nx.path_graph(3))
    with pytest.raises(IndexError):
        hop_distances(adj, 3)
    with pytest.raises(TypeError):
        shortest_path(adj, 0, [1, 2])


@given(graph=weighted_graphs(min_nodes=1), data=st.data())
def test_random_graphs(graph, data):
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    source = data.draw(st.integers(0, n - 1))
    target = data.draw(st.integers(0, n - 1))
    np.testing.assert_array_equal(hop_distances(adj, source), reference_distances(graph, source))
    assert shortest_path(adj, source, target) == reference_path(graph, source, target)
