"""The four values on small networks whose numbers are worked out by hand."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import numpy as np
import pytest

import netgraph

AS_OF = date(2024, 12, 31)


def person(pid: str, member: bool = False, **extra: str) -> dict[str, object]:
    return {"id": pid, "name": pid.upper(), "member": member, **extra}


@pytest.fixture
def referral_network() -> netgraph.Network:
    # A brought B, B brought C; D came on their own. E and F are known only through D.
    return netgraph.network_from_dict(
        {
            "people": [person("me", True), *(person(p) for p in "abcdef")],
            "ties": [{"a": "d", "b": "e"}, {"a": "e", "b": "f"}],
            "referrals": [
                {"date": "2024-02-01", "referrer": "a", "referred": "b"},
                {"date": "2024-03-01", "referrer": "b", "referred": "c"},
            ],
            "invoices": [
                {"date": "2024-04-01", "client": "b", "amount": "1000.00"},
                {"date": "2024-05-01", "client": "c", "amount": "300.00"},
                {"date": "2024-06-01", "client": "d", "amount": "700.00"},
                {"date": "2022-06-01", "client": "d", "amount": "5000.00"},  # outside the window
            ],
            "interactions": [
                {"date": "2024-04-15", "contact": "b", "kind": "satisfaction_check"},
                {"date": "2024-12-01", "contact": "d", "kind": "gift"},
            ],
            "satisfaction": [{"date": "2024-06-01", "client": "c", "score": 10}],
            "recommendations": [{"date": "2024-07-01", "by": "d"}],
        }
    )


def test_acquisition_credits_the_chain_of_referrers(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["acquisition"]
    n = value.numbers
    # B: 1000 split 50/50 with A; C: 300 split 1/2, 1/3, 1/6 over C, B, A; D keeps 700
    credit = {c.id: c.amount for c in value.contributors}
    assert credit == {"d": "700.00", "b": "600.00", "a": "550.00", "c": "150.00"}
    assert n["revenue"] == "2000.00"
    assert n["revenue_through_network"] == "1300.00"
    assert n["network_share"] == pytest.approx(0.65)
    assert n["largest_client"] == "b"
    assert n["largest_client_share"] == pytest.approx(0.5)
    assert n["contacts"] == 4  # a, b, c, d: e and f are not the member's contacts
    assert n["contacts_for_pareto_share"] == 3  # 700 + 600 + 550 >= 1600
    assert n["share_of_contacts_for_pareto_share"] == pytest.approx(0.75)
    assert n["gini"] == pytest.approx(0.2125)
    assert n["lorenz"][0] == [0.0, 0.0] and n["lorenz"][-1] == [1.0, 1.0]
    assert value.score == pytest.approx(100 * (0.4 * 0.65 + 0.3 * 0.5 + 0.3 * 0.4))
    assert value.stars == 3


def test_financial_counts_revenue_and_aftercare(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["financial"]
    n = value.numbers
    assert n["revenue"] == "2000.00"
    assert n["revenue_previous_window"] == "0.00"
    assert n["trend"] is None
    assert n["clients"] == 3
    assert n["repeat_clients"] == 1  # d was billed in 2022 too
    assert n["clients_checked"] == 2  # b by a check, c by a score after the invoice
    assert n["clients_with_attention"] == 1  # the gift to d
    assert n["mean_satisfaction"] == pytest.approx(10.0)
    revenue = math.log1p(2000) / math.log1p(100_000)
    expected = 0.4 * revenue + 0.15 / 3 + 0.2 * 2 / 3 + 0.15 / 3 + 0.1 * 1.0
    assert value.score == pytest.approx(round(100 * expected, 1))


def test_recommendation_finds_ambassadors_reach_and_weight(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["recommendation"]
    n = value.numbers
    assert n["ambassadors"] == 4  # a and b referred, c scored 10, d recommended
    assert (n["referrers"], n["recommenders"], n["promoters"]) == (2, 1, 1)
    assert n["nps"] == pytest.approx(100.0)
    assert n["reach"] == 2  # e and f, within two steps of d
    assert n["chains"] == 1 and n["longest_chain"] == 2
    assert n["top_chains"][0] == {"people": ["a", "b", "c"], "length": 2, "revenue": "1300.00"}
    # the projection worked out by hand: referral pairs weigh 2, member events 1 a pair
    g = nx.Graph()
    g.add_nodes_from(["me", *"abcdef"])
    for a, b, w in [
        ("a", "b", 2),
        ("a", "me", 2),
        ("b", "me", 5),
        ("b", "c", 2),
        ("c", "me", 3),
        ("d", "me", 1),
        ("d", "e", 3),
        ("e", "f", 3),
    ]:
        g.add_edge(a, b, weight=w)
    rank = nx.pagerank(g, weight="weight", tol=1e-14, max_iter=10_000)
    weight = 7 * sum(rank[p] for p in "abcd")
    assert n["ambassador_weight"] == pytest.approx(weight, abs=1e-6)
    expected = 0.35 * 0.8 + 0.25 * 0.02 + 0.2 * 1.0 + 0.2 * min(1.0, weight / 5)
    assert value.score == pytest.approx(round(100 * expected, 1))


def test_knowledge_counts_groups_exchanges_and_structural_holes():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), *(person(p) for p in "abcdf")],
            "groups": [{"id": "g1", "name": "Intervisie"}, {"id": "g2", "name": "Old club"}],
            "memberships": [
                {"person": "me", "group": "g1", "since": "2024-01-01"},
                {"person": "a", "group": "g1"},
                {"person": "b", "group": "g1", "until": "2025-06-01"},
                {"person": "me", "group": "g2", "until": "2024-06-01"},  # ended
                {"person": "c", "group": "g2"},
            ],
            "ties": [
                {"a": "me", "b": "a"},
                {"a": "me", "b": "b"},
                {"a": "a", "b": "b"},
                {"a": "me", "b": "c", "strength": 5},
            ],
            "exchanges": [
                {"date": "2024-05-01", "from": "me", "to": "a", "kind": "advice"},
                {"date": "2024-06-01", "from": "a", "to": "me", "kind": "feedback"},
                {"date": "2024-07-01", "from": "me", "to": "f", "kind": "advice"},
                {"date": "2023-01-01", "from": "f", "to": "me", "kind": "advice"},  # too old
            ],
        }
    )
    value = netgraph.score_member(network, as_of=AS_OF).values["knowledge"]
    n = value.numbers
    assert (n["active_groups"], n["active_group_ids"]) == (1, ["g1"])
    assert n["peers_in_groups"] == 2
    assert (n["exchanges_given"], n["exchanges_received"]) == (2, 1)
    assert (n["exchange_partners"], n["mutual_partners"]) == (2, 1)
    assert (n["exchange_kinds"], n["exchange_kind_names"]) == (2, ["advice", "feedback"])
    g = nx.Graph()
    for a, b, w in [
        ("me", "a", 3 + 2),
        ("me", "b", 3),
        ("a", "b", 3),
        ("me", "c", 5),
        ("me", "f", 2),
    ]:  # ties plus one per exchange (the old one included)
        g.add_edge(a, b, weight=w)
    assert n["effective_size"] == pytest.approx(nx.effective_size(g, ["me"], weight="weight")["me"])
    assert n["constraint"] == pytest.approx(nx.constraint(g, ["me"], weight="weight")["me"])
    components = value.components
    assert components["groups"].rating == pytest.approx(1 / 3)
    assert components["peers"].rating == pytest.approx(2 / 30)
    assert components["exchanges"].rating == pytest.approx(3 / 12)
    assert components["reciprocity"].rating == pytest.approx(0.5)


def test_an_empty_network_scores_zero_with_honest_notes():
    network = netgraph.network_from_dict({"people": [person("me", True)]})
    report = netgraph.score_member(network, as_of=AS_OF)
    for key in ("acquisition", "financial"):
        assert report.values[key].score == 0.0
        assert report.values[key].stars == 1
        assert report.values[key].notes
    assert all(p.status == "no data" for p in report.focus if p.key != "know_who_you_are")


def test_only_the_main_currency_counts_and_the_rest_is_noted():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), person("a"), person("b")],
            "invoices": [
                {"date": "2024-03-01", "client": "a", "amount": "100.00"},
                {"date": "2024-04-01", "client": "a", "amount": "100.00"},
                {"date": "2024-05-01", "client": "b", "amount": "9999.00", "currency": "USD"},
            ],
        }
    )
    value = netgraph.score_member(network, as_of=AS_OF).values["acquisition"]
    assert value.numbers["currency"] == "EUR"
    assert value.numbers["revenue"] == "200.00"
    assert any("USD" in note or "currency" in note for note in value.notes)


def test_settings_change_the_method():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), person("a"), person("b")],
            "referrals": [{"date": "2024-01-01", "referrer": "a", "referred": "b"}],
            "invoices": [{"date": "2024-03-01", "client": "b", "amount": "100.00"}],
        }
    )
    generous = netgraph.Settings(client_share=0.2)
    value = netgraph.score_member(network, as_of=AS_OF, settings=generous).values["acquisition"]
    assert {c.id: c.amount for c in value.contributors} == {"a": "80.00", "b": "20.00"}
    short = netgraph.Settings(window_months=1)
    value = netgraph.score_member(network, as_of=AS_OF, settings=short).values["financial"]
    assert value.numbers["revenue"] == "0.00"


def test_invoices_of_nothing_do_not_break_the_shares():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), person("a")],
            "invoices": [{"date": "2024-03-01", "client": "a", "amount": "0.00"}],
        }
    )
    report = netgraph.score_member(network, as_of=AS_OF)
    assert report.values["acquisition"].contributors[0].share == 0.0
    assert report.values["financial"].numbers["revenue"] == "0.00"


def test_an_ambassador_already_within_reach_does_not_lower_the_score():
    # c is within two steps of ambassador a; when c recommends too, reach must not drop
    base = {
        "people": [person("me", True), *(person(p) for p in "abc")],
        "ties": [{"a": "a", "b": "b"}, {"a": "b", "b": "c"}],
        "recommendations": [{"date": "2024-05-01", "by": "a"}],
    }
    before = netgraph.score_member(netgraph.network_from_dict(base), as_of=AS_OF)
    more = {
        **base,
        "recommendations": [*base["recommendations"], {"date": "2024-06-01", "by": "c"}],
    }
    after = netgraph.score_member(netgraph.network_from_dict(more), as_of=AS_OF)
    reach = before.values["recommendation"].numbers["reach"]
    assert reach == 2  # b and c: none of them is the member's contact
    assert after.values["recommendation"].numbers["reach"] == 3  # a is near c now
    assert after.values["recommendation"].score >= before.values["recommendation"].score


def test_referral_chains_do_not_depend_on_row_order():
    rows = [
        {"date": "2024-01-01", "referrer": "a", "referred": "b"},
        {"date": "2024-01-02", "referrer": "b", "referred": "c"},
        {"date": "2024-01-03", "referrer": "c", "referred": "a"},  # a cycle with no root
        {"date": "2024-01-04", "referrer": "d", "referred": "e"},
    ]
    people = [person("me", True), *(person(p) for p in "abcde")]
    first = netgraph.network_from_dict({"people": people, "referrals": rows})
    second = netgraph.network_from_dict({"people": people[::-1], "referrals": rows[::-1]})
    chains = [
        netgraph.score_member(n, as_of=AS_OF).values["recommendation"].numbers["top_chains"]
        for n in (first, second)
    ]
    assert chains[0] == chains[1]
    assert {tuple(c["people"]) for c in chains[0]} == {("d", "e"), ("a", "b", "c")}


def test_colleagues_are_linked_only_in_small_organisations():
    from netgraph.graph._projection import project

    people = [person("me", True)]
    people += [person(f"a{i}", organisation="Acme") for i in range(3)]
    people += [person(f"b{i}", organisation=" acme ") for i in range(1)]  # the same, by case
    people += [person(f"z{i}", organisation="Zeer Groot BV") for i in range(5)]
    network = netgraph.network_from_dict({"people": people})
    adjacency = project(
        network, np.datetime64("2024-12-31"), netgraph.Settings(max_organisation_size=4)
    )
    ids = list(network.person_ids)
    edges = {frozenset((ids[i], ids[j])) for i, j in zip(*adjacency.nonzero(), strict=True)}
    acme = ["a0", "a1", "a2", "b0"]
    assert edges == {frozenset((x, y)) for x in acme for y in acme if x < y}
    assert all(w == 1.0 for w in adjacency.data)
