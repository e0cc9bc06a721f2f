"""networkx in and out: to_networkx is the projection, from_networkx goes through the reader."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from kernels.strategies import weighted_graphs
from paths import EXAMPLE_AS_OF

import netgraph
from netgraph.graph._projection import SOURCES, project

PARTS = set(SOURCES)


def _matrix_edges(network, as_of, settings=None):
    matrix = project(network, np.datetime64(as_of, "D"), settings or netgraph.Settings())
    ids = network.person_ids
    upper = matrix.tocoo()
    return {
        frozenset((ids[r], ids[c])): w
        for r, c, w in zip(upper.row, upper.col, upper.data, strict=True)
        if r < c
    }


@pytest.mark.parametrize("as_of", [EXAMPLE_AS_OF, date(2025, 1, 1), date(2023, 6, 30)])
def test_weights_are_the_projection_exactly(example_network, as_of):
    graph = netgraph.to_networkx(example_network, as_of=as_of)
    expected = _matrix_edges(example_network, as_of)
    assert {frozenset(e) for e in graph.edges} == set(expected)
    for u, v, edge in graph.edges(data=True):
        assert edge["weight"] == expected[frozenset((u, v))]  # bit for bit
        assert set(edge) == {"weight"} | PARTS
        parts = sum(edge[key] for key in SOURCES)
        assert math.isclose(edge["weight"], min(parts, 10.0), rel_tol=1e-12)
    assert list(graph.nodes) == list(example_network.person_ids)
    assert graph.graph["as_of"] == as_of


def test_each_source_has_its_part(example_network):
    graph = netgraph.to_networkx(example_network, as_of=EXAMPLE_AS_OF)
    for key in SOURCES:
        assert any(edge[key] > 0 for _, _, edge in graph.edges(data=True)), key
    # a tie's part is the sum of its strengths
    ties = example_network.tables["ties"]
    ids = example_network.person_ids
    a, b, strength = ties["a"][0], ties["b"][0], ties["strength"][0]
    pair = ties["a"] == a
    same = (pair & (ties["b"] == b)) | ((ties["a"] == b) & (ties["b"] == a))
    assert graph.edges[ids[a], ids[b]]["ties"] == float(ties["strength"][same].sum())
    assert strength >= 1


def test_settings_change_the_weights(example_network):
    heavy = netgraph.Settings(referral_weight=2.0, max_edge_weight=100.0)
    graph = netgraph.to_networkx(example_network, as_of=EXAMPLE_AS_OF, settings=heavy)
    expected = _matrix_edges(example_network, EXAMPLE_AS_OF, heavy)
    assert all(
        edge["weight"] == expected[frozenset((u, v))] for u, v, edge in graph.edges(data=True)
    )
    assert max(edge["referrals"] for _, _, edge in graph.edges(data=True)) >= 2.0


def test_node_attributes_and_nothing_shared(example_network):
    graph = netgraph.to_networkx(example_network, as_of=EXAMPLE_AS_OF)
    people = list(example_network.rows("people"))
    for person in people:
        node = graph.nodes[person["id"]]
        assert node == {
            "name": person["name"],
            "role": person["role"] or None,
            "organisation": person["organisation"] or None,
            "member": person["member"] == "yes",
        }
        assert all(type(v) in (str, bool, type(None)) for v in node.values())
    assert sum(graph.nodes[p]["member"] for p in graph) == len(example_network.member_ids)
    graph.nodes[people[0]["id"]]["name"] = "changed"
    graph.remove_edges_from(list(graph.edges))
    again = netgraph.to_networkx(example_network, as_of=EXAMPLE_AS_OF)
    assert again.nodes[people[0]["id"]]["name"] == people[0]["name"]
    assert again.number_of_edges() > 0


def test_weights_are_floats_and_parts_plain():
    net = netgraph.network_from_dict(
        {
            "people": [
                {"id": "me", "name": "Anna", "member": "yes", "organisation": "Acme"},
                {"id": "c", "name": "Bram", "organisation": "acme "},
                {"id": "lonely", "name": "Cor"},
            ],
            "ties": [{"a": "me", "b": "c", "strength": 2, "since": "2025-01-01"}],
        }
    )
    before = netgraph.to_networkx(net, as_of=date(2024, 12, 31))
    after = netgraph.to_networkx(net, as_of=date(2025, 1, 1))
    assert before.edges["me", "c"] == {
        "weight": 1.0,
        "ties": 0.0,
        "referrals": 0.0,
        "exchanges": 0.0,
        "dealings": 0.0,
        "colleagues": 1.0,
    }
    assert after.edges["c", "me"]["weight"] == 3.0
    assert type(after.edges["c", "me"]["weight"]) is float
    assert list(after.nodes) == ["me", "c", "lonely"] and after.degree("lonely") == 0


# -- from_networkx --------------------------------------------------------------------


def test_from_networkx_people_and_ties():
    g = nx.Graph()
    g.add_node("anna", name="Anna", role="client", tags=["a", "b"], colour="red", member="no")
    g.add_node(7, organisation="Acme", email="b@example.org")
    g.add_edge("anna", 7, weight=2.5, since=date(2024, 5, 1), channel="offline")
    g.add_edge(7, "x", weight=0.2)
    g.add_edge("x", "anna")
    net = netgraph.from_networkx(g, member="anna")
    people = {p["id"]: p for p in net.rows("people")}
    assert people["anna"]["name"] == "Anna" and people["anna"]["member"] == "yes"
    assert people["anna"]["tags"] == "a;b" and people["anna"]["role"] == "client"
    assert "colour" not in people["anna"]
    assert people["7"]["name"] == "7" and people["7"]["organisation"] == "Acme"
    assert people["7"]["email"] == "b@example.org" and people["7"]["member"] == "no"
    ties = [(t["a"], t["b"], t["strength"], t["since"], t["channel"]) for t in net.rows("ties")]
    assert ties == [
        ("anna", "7", "3", "2024-05-01", "offline"),  # 2.5 rounds half up
        ("anna", "x", "3", "", ""),  # no weight: the default
        ("7", "x", "1", "", ""),  # clipped to 1
    ]


def test_from_networkx_members_and_name_attribute():
    g = nx.path_graph(4)
    nx.set_node_attributes(g, {0: "Zero", 1: "One"}, "label")
    net = netgraph.from_networkx(g, member=[0, 3], name="label", strength=None)
    assert net.member_ids == ("0", "3")
    assert [p["name"] for p in net.rows("people")] == ["Zero", "One", "2", "3"]
    assert {t["strength"] for t in net.rows("ties")} == {"3"}
    # a tuple node is one member, not two
    g = nx.Graph([((1, 2), (3, 4))])
    assert netgraph.from_networkx(g, member=(1, 2)).member_ids == ("(1, 2)",)


@pytest.mark.parametrize(
    ("graph", "member", "match"),
    [
        (nx.MultiGraph([(1, 2), (1, 2)]), 1, "multigraph"),
        (nx.DiGraph([(1, 2)]), 1, "directed"),
        (nx.Graph([(1, 2)]), 3, "unknown member 3"),
        (nx.Graph([(1, 2)]), [1, "1", 9], "unknown member '1', 9"),
        (nx.Graph([(1, 2)]), [], "at least one"),
        (nx.Graph([(1, 2), (2, 2)]), 1, "self-loop"),
        ({1: [2]}, 1, "expected a networkx.Graph"),
        (nx.Graph([(1, 2, {"weight": "strong"})]), 1, "finite number"),
        (nx.Graph([(1, 2, {"weight": float("inf")})]), 1, "finite number"),
        (nx.Graph([(1, 2), ("1", 3)]), 1, "duplicate"),
        (nx.Graph([(1, 2)], name="x"), 1, None),
    ],
)
def test_from_networkx_refuses_bad_graphs_clearly(graph, member, match):
    if match is None:
        assert netgraph.from_networkx(graph, member=member).size == 2
        return
    with pytest.raises(netgraph.NetgraphError, match=match) as caught:
        netgraph.from_networkx(graph, member=member)
    expected = (
        netgraph.DataError
        if match in ("self-loop", "finite number", "duplicate")
        else netgraph.ConfigError
    )
    assert isinstance(caught.value, expected)


def test_from_networkx_attributes_are_checked_like_a_file():
    g = nx.Graph([("a", "b")])
    g.nodes["b"]["role"] = "boss"
    with pytest.raises(
        netgraph.DataError, match=r"networkx graph \[people\], item 2, column 'role'"
    ):
        netgraph.from_networkx(g, member="a")


def test_round_trip_of_people_and_ties():
    net = netgraph.network_from_dict(
        {
            "people": [
                {"id": "me", "name": "Anna", "member": "yes", "role": "other"},
                {"id": "c1", "name": "Bram", "role": "client"},
                {"id": "c2", "name": "Cor", "role": "peer"},
                {"id": "c3", "name": "Dirk"},
            ],
            "ties": [
                {"a": "me", "b": "c1", "strength": 1},
                {"a": "me", "b": "c2", "strength": 5},
                {"a": "c1", "b": "c2", "strength": 3},
            ],
        }
    )
    graph = netgraph.to_networkx(net, as_of=date(2025, 1, 1))
    back = netgraph.from_networkx(graph, member=[n for n, m in graph.nodes(data="member") if m])
    assert back == net


@given(weighted_graphs(min_nodes=1, max_nodes=12), st.data())
def test_from_networkx_then_to_networkx_keeps_the_edges(graph, data):
    member = data.draw(st.sampled_from(sorted(graph.nodes)))
    net = netgraph.from_networkx(graph, member=member)
    back = netgraph.to_networkx(net, as_of=date(2025, 1, 1))
    assert list(back.nodes) == [str(n) for n in graph.nodes]
    assert {frozenset(map(str, e)) for e in graph.edges} == {frozenset(e) for e in back.edges}
    for u, v, w in graph.edges(data="weight"):
        strength = min(5, max(1, math.floor(w + 0.5)))
        assert (
            back.edges[str(u), str(v)]["weight"] == strength == back.edges[str(u), str(v)]["ties"]
        )
    assert [n for n, m in back.nodes(data="member") if m] == [str(member)]
