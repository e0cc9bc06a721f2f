import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.graph.kernels import (
    InvalidAdjacencyError,
    reach_of_sets,
    two_step_reach_counts,
    within_two_steps,
)

from .strategies import CLASSIC, to_adjacency, weighted_graphs


def reference_mask(graph, sources):
    mask = np.zeros(graph.number_of_nodes(), dtype=bool)
    for s in set(sources):
        for v, d in nx.single_source_shortest_path_length(graph, s, cutoff=2).items():
            if d >= 1:
                mask[v] = True
    return mask


def reference_counts(graph):
    return np.array(
        [len(nx.single_source_shortest_path_length(graph, v, cutoff=2)) - 1 for v in graph],
        dtype=np.int64,
    )


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_counts_match_networkx(name):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    expected = reference_counts(graph)
    np.testing.assert_array_equal(two_step_reach_counts(adj), expected)
    nodes = np.arange(graph.number_of_nodes())[::-2]
    np.testing.assert_array_equal(two_step_reach_counts(adj, nodes=nodes), expected[nodes])


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_within_two_steps_matches_networkx(name):
    graph = CLASSIC[name]
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    for sources in ([0], [0, 1], [n - 1, 0, n - 1], list(range(0, n, 3))):
        np.testing.assert_array_equal(
            within_two_steps(adj, sources), reference_mask(graph, sources)
        )


def test_source_semantics():
    path = to_adjacency(nx.path_graph(6))
    # a lone source is not within two steps of itself
    assert within_two_steps(path, [0]).tolist() == [False, True, True, False, False, False]
    # a source two hops from another source is included, one three hops away is not
    assert within_two_steps(path, [0, 2]).tolist() == [True, True, True, True, True, False]
    assert within_two_steps(path, [0, 3]).tolist() == [False, True, True, False, True, True]
    assert not within_two_steps(path, []).any()


def test_isolated_and_edgeless():
    graph = CLASSIC["components"]
    adj = to_adjacency(graph)
    isolated = [v for v in graph if graph.degree(v) == 0]
    assert not within_two_steps(adj, isolated).any()
    assert np.all(two_step_reach_counts(adj)[isolated] == 0)
    assert two_step_reach_counts(to_adjacency(nx.empty_graph(3))).tolist() == [0, 0, 0]
    assert two_step_reach_counts(adj, nodes=[]).shape == (0,)


def test_rejects_bad_sources():
    adj = to_adjacency(nx.path_graph(3))
    with pytest.raises(IndexError):
        within_two_steps(adj, [3])


@given(graph=weighted_graphs(min_nodes=1), data=st.data())
def test_random_graphs(graph, data):
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    sources = data.draw(st.lists(st.integers(0, n - 1), max_size=4))
    np.testing.assert_array_equal(within_two_steps(adj, sources), reference_mask(graph, sources))
    np.testing.assert_array_equal(two_step_reach_counts(adj), reference_counts(graph))


def reference_set_reach(graph, sources, centre):
    reached = set(np.flatnonzero(reference_mask(graph, sources)).tolist())
    if centre >= 0:
        reached -= {centre, *graph[centre]}
    return len(reached)


def reference_open_reach(graph, sources, centre):
    """The reach of the sources in the graph without the centre (which walks nowhere)."""
    if centre < 0:
        return reference_set_reach(graph, sources, centre)
    without = graph.copy()
    without.remove_edges_from(list(graph.edges(centre)))
    found = [s for s in sources if s != centre]
    return int(reference_mask(without, found).sum()) - int(reference_mask(without, found)[centre])


@given(graph=weighted_graphs(min_nodes=1), data=st.data())
def test_reach_of_sets_around_an_open_centre_matches_networkx(graph, data):
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    sets = data.draw(
        st.lists(
            st.tuples(st.lists(st.integers(0, n - 1), max_size=4), st.integers(-1, n - 1)),
            max_size=6,
        )
    )
    owners = [k for k, (sources, _) in enumerate(sets) for _ in sources]
    sources = [s for found, _ in sets for s in found]
    centres = [centre for _, centre in sets]
    got = reach_of_sets(adj, owners, sources, centres, leave_out="centre")
    expected = [reference_open_reach(graph, found, centre) for found, centre in sets]
    np.testing.assert_array_equal(got, expected)
    # the same counts from the compiled loop as from the small graphs' numpy twin
    from netgraph.graph.kernels import _compiled, _small

    set_ptr = np.concatenate([[0], np.cumsum([len(f) for f, _ in sets])]).astype(np.int64)
    flat = np.array(sources, dtype=np.int64)
    middle = np.array(centres, dtype=np.int64)
    for kernel in (_compiled.set_reach_counts, _small.set_reach_counts):
        counts = kernel(adj.indptr, adj.indices, set_ptr, flat, middle, True)
        np.testing.assert_array_equal(counts, expected)


def test_an_open_centre_is_left_out_and_walked_around():
    # a star around 0 with a path 1-5-2: from 1, without passing 0, 5 and 2 are reached;
    # leaving out 0's whole neighbourhood would drop 2 as well
    graph = nx.star_graph(4)
    graph.add_edges_from([(1, 5), (5, 2)])
    adj = to_adjacency(graph)
    assert reach_of_sets(adj, [0], [1], [0], leave_out="centre").tolist() == [2]
    assert reach_of_sets(adj, [0], [1], [0]).tolist() == [1]
    with pytest.raises(InvalidAdjacencyError, match="leave_out"):
        reach_of_sets(adj, [0], [1], [0], leave_out="nobody")


@given(graph=weighted_graphs(min_nodes=1), data=st.data())
def test_reach_of_sets_matches_networkx(graph, data):
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    sets = data.draw(
        st.lists(
            st.tuples(st.lists(st.integers(0, n - 1), max_size=4), st.integers(-1, n - 1)),
            max_size=6,
        )
    )
    owners = [k for k, (sources, _) in enumerate(sets) for _ in sources]
    sources = [s for found, _ in sets for s in found]
    # the sources in shuffled order: the kernel groups them by owner itself
    order = data.draw(st.permutations(range(len(owners))))
    got = reach_of_sets(
        adj,
        owners=[owners[i] for i in order],
        sources=[sources[i] for i in order],
        centres=[centre for _, centre in sets],
    )
    expected = [reference_set_reach(graph, found, centre) for found, centre in sets]
    np.testing.assert_array_equal(got, expected)


def test_reach_of_sets_does_not_depend_on_threads():
    import numba

    graph = CLASSIC["les_miserables"]
    adj = to_adjacency(graph)
    n = graph.number_of_nodes()
    rng = np.random.default_rng(3)
    owners = rng.integers(0, 40, size=120)
    sources = rng.integers(0, n, size=120)
    centres = rng.integers(-1, n, size=40)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = reach_of_sets(adj, owners, sources, centres)
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        many = reach_of_sets(adj, owners, sources, centres)
    finally:
        numba.set_num_threads(before)
    np.testing.assert_array_equal(one, many)
    expected = [
        reference_set_reach(graph, sources[owners == k].tolist(), int(centres[k]))
        for k in range(40)
    ]
    np.testing.assert_array_equal(one, expected)


def test_reach_of_sets_rejects_bad_input():
    adj = to_adjacency(nx.path_graph(3))
    with pytest.raises(InvalidAdjacencyError, match="centres"):
        reach_of_sets(adj, owners=[0], sources=[0], centres=[3])
    with pytest.raises(InvalidAdjacencyError, match="owners"):
        reach_of_sets(adj, owners=[1], sources=[0], centres=[0])
    with pytest.raises(InvalidAdjacencyError, match="same length"):
        reach_of_sets(adj, owners=[0, 0], sources=[0], centres=[0])
