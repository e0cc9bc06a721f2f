import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgraph.graph.kernels import PageRankResult, pagerank

from .strategies import CLASSIC, to_adjacency, weighted_graphs


def reference(graph, **kwargs):
    """networkx PageRank, converged far enough (its test is L1 change < n * tol)."""
    n = max(graph.number_of_nodes(), 1)
    ref = nx.pagerank(graph, weight="weight", tol=1e-13 / n, max_iter=100_000, **kwargs)
    return np.array([ref[v] for v in range(graph.number_of_nodes())])


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_matches_networkx_on_classic_graphs(name):
    graph = CLASSIC[name]
    result = pagerank(to_adjacency(graph))
    assert result.converged
    assert result.residual < 1e-12
    np.testing.assert_allclose(result.scores, reference(graph), rtol=0, atol=1e-9)
    assert result.scores.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("damping", [0.0, 0.5, 0.99])
def test_matches_networkx_for_other_damping(damping):
    graph = CLASSIC["les_miserables"]
    result = pagerank(to_adjacency(graph), damping=damping, max_iter=100_000)
    assert result.converged
    np.testing.assert_allclose(result.scores, reference(graph, alpha=damping), rtol=0, atol=1e-9)


def test_personalization_and_dangling_match_networkx():
    graph = CLASSIC["components"]  # has isolated (dangling) nodes
    n = graph.number_of_nodes()
    weights = np.arange(n, dtype=float) % 3
    result = pagerank(to_adjacency(graph), personalization=weights)
    expected = reference(graph, personalization={v: weights[v] for v in range(n)})
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-9)
    # Teleporting only to nodes with weight 0 never happens.
    isolated_zero = [v for v in graph if graph.degree(v) == 0 and weights[v] == 0]
    assert isolated_zero
    assert np.all(result.scores[isolated_zero] == 0.0)


def test_star_centre_ranks_first():
    scores = pagerank(to_adjacency(CLASSIC["star"])).scores
    assert int(np.argmax(scores)) == 0
    np.testing.assert_allclose(scores[1:], scores[1])


def test_stops_on_l1_change_not_n_times_tol():
    graph = CLASSIC["les_miserables"]
    adj = to_adjacency(graph)
    loose = pagerank(adj, tol=1e-6)
    tight = pagerank(adj, tol=1e-13)
    assert loose.residual < 1e-6
    assert loose.iterations < tight.iterations
    assert tight.residual < 1e-13


def test_not_converged_is_reported_not_raised():
    result = pagerank(to_adjacency(CLASSIC["karate"]), max_iter=3)
    assert isinstance(result, PageRankResult)
    assert not result.converged
    assert result.iterations == 3
    assert result.residual > 1e-12
    assert result.scores.sum() == pytest.approx(1.0, abs=1e-12)


def test_empty_graph_and_edgeless_graph():
    empty = pagerank(to_adjacency(nx.empty_graph(0)))
    assert empty.scores.shape == (0,)
    assert empty.converged
    edgeless = pagerank(to_adjacency(nx.empty_graph(4)))
    np.testing.assert_allclose(edgeless.scores, 0.25)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"damping": 1.5},
        {"tol": 0.0},
        {"max_iter": -1},
        {"personalization": [1.0, 0.0]},
        {"personalization": [0.0, 0.0, 0.0]},
        {"personalization": [1.0, -1.0, 1.0]},
    ],
)
def test_invalid_arguments(kwargs):
    with pytest.raises(ValueError):  # noqa: PT011
        pagerank(to_adjacency(nx.path_graph(3)), **kwargs)


@given(graph=weighted_graphs(min_nodes=1), damping=st.sampled_from([0.5, 0.85]))
def test_matches_networkx_on_random_graphs(graph, damping):
    result = pagerank(to_adjacency(graph), damping=damping)
    assert result.converged
    np.testing.assert_allclose(result.scores, reference(graph, alpha=damping), rtol=0, atol=1e-9)
    assert result.scores.sum() == pytest.approx(1.0, abs=1e-12)
