"""netgraph.metrics: the kernels on a networkx graph or a sparse matrix give networkx's values."""

from __future__ import annotations

import math
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from kernels.strategies import CLASSIC, planted_partitions, to_adjacency, weighted_graphs
from paths import EXAMPLE_AS_OF

import netgraph
from netgraph import metrics


def _named(graph: nx.Graph) -> nx.Graph:
    """The same graph with text nodes, in the same order."""
    return nx.relabel_nodes(graph, {v: f"p{v}" for v in graph}, copy=True)


def _same(got: dict, expected: dict, *, tol: float = 1e-9) -> None:
    assert list(got) == list(expected) or set(got) == set(expected)
    for node, value in expected.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(got[node]), node
        else:
            assert got[node] == pytest.approx(value, abs=tol, rel=tol), node


def _array_is_dict(array: np.ndarray, answer: dict, nodes: list) -> None:
    assert isinstance(array, np.ndarray)
    assert np.array_equal(array, np.array([answer[v] for v in nodes]), equal_nan=True)


@given(weighted_graphs(max_nodes=14), st.sampled_from([0.5, 0.85, 0.99]))
def test_pagerank_is_networkx(graph, alpha):
    named = _named(graph)
    got = metrics.pagerank(named, alpha=alpha, max_iter=5000)  # 0.99**k falls slowly
    if graph.number_of_nodes():
        expected = nx.pagerank(named, alpha=alpha, tol=1e-13, max_iter=100_000)
    else:
        expected = {}
    assert isinstance(got, dict) and list(got) == list(named)
    _same(got, expected)
    array = metrics.pagerank(to_adjacency(graph), alpha=alpha, max_iter=5000)
    _array_is_dict(array, got, list(named))
    unweighted = nx.pagerank(named, weight=None, tol=1e-13, max_iter=100_000) if got else {}
    _same(metrics.pagerank(named, weight=None), unweighted)


@given(weighted_graphs(min_nodes=2, max_nodes=12), st.data())
def test_personalised_pagerank_is_networkx(graph, data):
    named = _named(graph)
    chosen = data.draw(st.lists(st.sampled_from(list(named)), min_size=1, unique=True))
    teleport = {v: float(i + 1) for i, v in enumerate(chosen)}
    expected = nx.pagerank(named, personalization=teleport, tol=1e-13, max_iter=100_000)
    _same(metrics.pagerank(named, personalization=teleport), expected)
    vector = np.array([teleport.get(v, 0.0) for v in named])
    array = metrics.pagerank(to_adjacency(graph), personalization=vector)
    assert np.allclose(array, [expected[v] for v in named], atol=1e-9)


@given(weighted_graphs(max_nodes=14), st.booleans())
def test_burt_measures_are_networkx(graph, weighted):
    named = _named(graph)
    weight = "weight" if weighted else None
    if not graph.number_of_nodes():
        assert metrics.constraint(named) == {} and metrics.effective_size(named) == {}
        return
    _same(metrics.constraint(named, weight=weight), nx.constraint(named, weight=weight))
    # networkx's per-node path (its all-nodes path divides by the wrong largest weight)
    expected = nx.effective_size(named, nodes=list(named), weight=weight)
    got = metrics.effective_size(named, weight=weight)
    _same(got, expected)
    matrix = to_adjacency(graph)
    _array_is_dict(metrics.effective_size(matrix, weight=weight), got, list(named))
    some = list(named)[::2]
    _same(metrics.constraint(named, some, weight=weight), nx.constraint(named, some, weight))
    rows = list(range(0, graph.number_of_nodes(), 2))
    assert np.allclose(  # a few nodes go another way than all of them: last bits differ
        metrics.constraint(matrix, rows, weight=weight),
        np.array([metrics.constraint(named, weight=weight)[f"p{r}"] for r in rows]),
        rtol=1e-12,
        atol=0,
        equal_nan=True,
    )


@given(weighted_graphs(max_nodes=16))
def test_two_step_reach_is_networkx(graph):
    named = _named(graph)
    expected = {
        v: len(nx.single_source_shortest_path_length(named, v, cutoff=2)) - 1 for v in named
    }
    got = metrics.two_step_reach(named)
    assert got == expected and list(got) == list(named)
    _array_is_dict(metrics.two_step_reach(to_adjacency(graph)), got, list(named))
    if graph.number_of_nodes():
        first = next(iter(named))
        assert metrics.two_step_reach(named, nodes=first) == {first: expected[first]}


@given(weighted_graphs(min_nodes=1, max_nodes=16), st.data())
def test_hop_distances_are_networkx(graph, data):
    named = _named(graph)
    source = data.draw(st.sampled_from(list(named)))
    expected = nx.single_source_shortest_path_length(named, source)
    got = metrics.hop_distances(named, source)
    assert got == expected
    assert list(got.values()) == sorted(got.values())
    array = metrics.hop_distances(to_adjacency(graph), int(source[1:]))
    assert array.tolist() == [expected.get(v, -1) for v in named]


def _canonical(graph: nx.Graph) -> nx.Graph:
    """The graph as the kernel hands it to networkx: nodes 0..n-1, edges row by row."""
    out = nx.Graph()
    out.add_nodes_from(range(graph.number_of_nodes()))
    out.add_weighted_edges_from(
        sorted((min(u, v), max(u, v), w) for u, v, w in graph.edges(data="weight", default=1.0))
    )
    return out


@given(st.one_of(weighted_graphs(max_nodes=16), planted_partitions()), st.integers(0, 5))
def test_communities_are_networkx_louvain(graph, seed):
    graph = nx.convert_node_labels_to_integers(graph)
    named = _named(graph)
    got = metrics.communities(named, seed=seed)
    expected = nx.community.louvain_communities(_canonical(graph), weight="weight", seed=seed)
    assert {frozenset(c) for c in got} == {frozenset(f"p{v}" for v in c) for c in expected}
    assert sorted(v for c in got for v in c) == sorted(named)
    if got:
        assert next(iter(named)) in got[0]
    labels = metrics.communities(to_adjacency(graph), seed=seed)
    assert [labels[int(v[1:])] for v in named] == [
        next(i for i, c in enumerate(got) if v in c) for v in named
    ]


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_classic_graphs(name):
    graph = CLASSIC[name]
    _same(metrics.constraint(graph), nx.constraint(graph, weight="weight"))
    _same(metrics.pagerank(graph), nx.pagerank(graph, tol=1e-13, max_iter=100_000))
    _same(metrics.effective_size(graph, weight=None), nx.effective_size(graph, weight=None))


def test_the_member_numbers_of_the_knowledge_value(example_network):
    graph = netgraph.to_networkx(example_network, as_of=EXAMPLE_AS_OF)
    report = netgraph.score_member(example_network, as_of=EXAMPLE_AS_OF)
    numbers = report.values["knowledge"].numbers
    member = example_network.member_ids[0]
    for name, metric in (
        ("constraint", metrics.constraint),
        ("effective_size", metrics.effective_size),
    ):
        value = metric(graph, member)[member]
        assert value == pytest.approx(numbers[name], rel=1e-12, abs=5e-7), name


@pytest.mark.parametrize(
    ("graph", "match"),
    [
        (nx.DiGraph([(1, 2)]), "directed"),
        (nx.MultiGraph([(1, 2)]), "multigraph"),
        (nx.Graph([(1, 1)]), "self-loops"),
        (nx.Graph([(1, 2, {"weight": -1.0})]), "positive"),
        (nx.Graph([(1, 2, {"weight": math.nan})]), "positive"),
        ([[0, 1], [1, 0]], "expected a networkx.Graph or a scipy sparse matrix"),
        (nx.Graph([(1, 2, {"weight": "heavy"})]), "must be numbers"),
    ],
)
def test_bad_graphs_are_refused_clearly(graph, match):
    for metric in (metrics.pagerank, metrics.constraint, metrics.communities):
        with pytest.raises(netgraph.ConfigError, match=match):
            metric(graph)


def test_bad_nodes_and_arguments_are_refused_clearly():
    graph = nx.path_graph(3)
    with pytest.raises(netgraph.ConfigError, match="source 7 is not a node"):
        metrics.hop_distances(graph, 7)
    with pytest.raises(netgraph.ConfigError, match="node 'x' is not a node"):
        metrics.constraint(graph, ["x"])
    with pytest.raises(netgraph.ConfigError, match="below 3"):
        metrics.two_step_reach(nx.to_scipy_sparse_array(graph), [3])
    with pytest.raises(netgraph.ConfigError, match="node index"):
        metrics.hop_distances(nx.to_scipy_sparse_array(graph), "a")
    with pytest.raises(netgraph.ConfigError, match="symmetric"):
        metrics.pagerank(nx.to_scipy_sparse_array(nx.DiGraph([(0, 1)])))
    with pytest.raises(netgraph.ConfigError, match="damping"):
        metrics.pagerank(graph, alpha=2.0)
    with pytest.raises(netgraph.ConfigError, match="did not converge"):
        metrics.pagerank(graph, max_iter=2)
    with pytest.raises(netgraph.ConfigError, match="dict keyed by node"):
        metrics.pagerank(graph, personalization=[1, 0, 0])


def test_importing_netgraph_leaves_networkx_pandas_and_matplotlib_alone():
    code = (
        "import sys, netgraph, netgraph.metrics; "
        "print(sorted(m for m in ('networkx', 'pandas', 'matplotlib', 'pyarrow') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
