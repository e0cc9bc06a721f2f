"""The four values on small networks whose numbers are worked out by hand."""

from __future__ import annotations

from datetime import date

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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


TARGET = 75_000  # the default yearly revenue target, in euros


def test_acquisition_credits_the_chain_of_referrers(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["acquisition"]
    n = value.numbers
    # B: 1000 split 50/50 with A; C: 300 split 1/2, 1/3, 1/6 over C, B, A; D keeps 700
    credit = {c.id: c.amount for c in value.contributors}
    assert credit == {"d": "700.00", "b": "600.00", "a": "550.00", "c": "150.00"}
    assert n["revenue"] == "2000.00"
    assert n["revenue_through_network"] == "1300.00"
    assert n["revenue_by_referral"] == "1300.00"
    assert n["revenue_by_event"] == n["revenue_by_group"] == "0.00"
    assert n["network_share"] == pytest.approx(0.65)
    assert n["largest_client"] == "b"
    assert n["largest_client_share"] == pytest.approx(0.5)
    assert n["contacts"] == 4  # a, b, c, d: e and f are not the member's contacts
    assert n["contributors"] == 4
    assert n["network_contributors"] == 3  # a, b and c; d came on their own
    assert n["connectors"] == 2  # a and b brought clients
    assert n["contacts_for_pareto_share"] == 3  # 700 + 600 + 550 >= 1600
    assert n["share_of_contacts_for_pareto_share"] == pytest.approx(0.75)
    assert n["gini"] == pytest.approx(0.2125)
    assert n["lorenz"][0] == [0.0, 0.0] and n["lorenz"][-1] == [1.0, 1.0]
    # network revenue against the target, people who bring revenue, people who bring clients
    expected = 0.5 * 1300 / TARGET + 0.25 * 3 / 10 + 0.25 * 2 / 3
    assert value.score == pytest.approx(round(100 * expected, 1))
    assert value.stars == 2
    # half of the revenue from one client: a warning, not a penalty
    assert any("50%" in note and "one client" in note for note in value.notes)


def test_clients_met_through_the_network_count_as_network_revenue():
    network = netgraph.network_from_dict(
        {
            "people": [
                person("me", True),
                person("a", met_at="Ondernemersclub"),  # the name of a group
                person("b", met_at="Jaarbeurs 2024"),  # an event
                person("c", met_through="x"),  # introduced by x
                person("d"),  # in a group with the member before the first invoice
                person("e"),  # joined that group only after being billed
                person("x"),
            ],
            "groups": [
                {"id": "club", "name": "Ondernemersclub", "kind": "network club"},
                {"id": "iv", "name": "Intervisie", "kind": "intervision"},
            ],
            "memberships": [
                {"person": "me", "group": "iv", "since": "2023-01-01"},
                {"person": "d", "group": "iv", "since": "2023-06-01"},
                {"person": "e", "group": "iv", "since": "2024-08-01"},
            ],
            "invoices": [
                {"date": "2024-03-01", "client": "a", "amount": "100.00"},
                {"date": "2024-03-01", "client": "b", "amount": "200.00"},
                {"date": "2024-03-01", "client": "c", "amount": "400.00"},
                {"date": "2024-03-01", "client": "d", "amount": "800.00"},
                {"date": "2024-03-01", "client": "e", "amount": "1600.00"},
            ],
        }
    )
    n = netgraph.score_member(network, as_of=AS_OF).values["acquisition"].numbers
    assert n["revenue_by_group"] == "900.00"  # a (met at the club) and d (fellow member)
    assert n["revenue_by_event"] == "200.00"
    assert n["revenue_by_introduction"] == "400.00"
    assert n["revenue_by_referral"] == "0.00"
    assert n["revenue_through_network"] == "1500.00"
    # the club, the fair, x and the intervision group brought clients
    assert n["connectors"] == 4
    credit = {
        c.id: c.amount
        for c in netgraph.score_member(network, as_of=AS_OF).values["acquisition"].contributors
    }
    assert credit["x"] == "200.00"  # the introducer shares c's revenue like a referrer


def test_good_assignments_outscore_odd_jobs():
    club = {"id": "club", "name": "Ondernemersclub", "kind": "network club"}
    good = netgraph.network_from_dict(
        {
            "people": [person("me", True), *(person(f"g{i}", met_at="club") for i in range(4))],
            "groups": [club],
            "invoices": [
                {"date": "2024-05-01", "client": f"g{i}", "amount": "20000.00"} for i in range(4)
            ],
        }
    )
    odd = netgraph.network_from_dict(
        {
            "people": [person("me", True), *(person(f"o{i}") for i in range(10))],
            "invoices": [
                {"date": "2024-05-01", "client": f"o{i}", "amount": "150.00"} for i in range(10)
            ],
        }
    )
    good_value = netgraph.score_member(good, as_of=AS_OF).values["acquisition"]
    odd_value = netgraph.score_member(odd, as_of=AS_OF).values["acquisition"]
    assert good_value.score > odd_value.score
    assert good_value.stars >= 3 and odd_value.stars <= 2


def test_financial_counts_revenue_and_aftercare(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["financial"]
    n = value.numbers
    assert n["revenue"] == "2000.00"
    assert n["revenue_previous_window"] == "0.00"
    assert n["trend"] is None
    assert n["clients"] == 3
    assert n["repeat_clients"] == 1  # d was billed in 2022 too, more than 180 days earlier
    assert n["revenue_repeat"] == "700.00"
    assert n["clients_checked"] == 2  # b by a check, c by a mark after the invoice
    assert n["revenue_checked"] == "1300.00"
    assert n["clients_with_attention"] == 1  # the gift to d
    assert n["revenue_attention"] == "700.00"
    assert n["mean_satisfaction"] == pytest.approx(10.0)
    # every part is money against the yearly target: 2000 of revenue, 700 came back,
    # 1300 asked, 700 given attention
    expected = (0.5 * 2000 + 0.15 * 700 + 0.2 * 1300 + 0.15 * 700) / TARGET
    assert value.score == pytest.approx(round(100 * expected, 1))
    assert value.stars == 1


def test_a_job_billed_every_month_is_not_a_returning_client():
    invoices = [
        {"date": f"2024-0{m}-28", "client": "a", "amount": "1000.00", "project": "site"}
        for m in range(1, 10)
    ]
    invoices += [{"date": f"2024-0{m}-28", "client": "b", "amount": "1000.00"} for m in (1, 2, 3)]
    invoices += [
        {"date": "2024-01-10", "client": "c", "amount": "1000.00", "project": "one"},
        {"date": "2024-02-10", "client": "c", "amount": "1000.00", "project": "two"},
    ]
    network = netgraph.network_from_dict(
        {"people": [person("me", True), *(person(p) for p in "abc")], "invoices": invoices}
    )
    n = netgraph.score_member(network, as_of=AS_OF).values["financial"].numbers
    # a: one project; b: 59 days from first to last; c: two projects
    assert (n["repeat_clients"], n["revenue_repeat"]) == (1, "2000.00")


def test_recommendation_finds_ambassadors_reach_and_weight(referral_network):
    value = netgraph.score_member(referral_network, as_of=AS_OF).values["recommendation"]
    n = value.numbers
    # a and b referred, d recommended; c's 10 answers "how satisfied", not "would you
    # recommend me", so c is no promoter
    assert n["ambassadors"] == 3
    assert (n["referrers"], n["recommenders"], n["promoters"]) == (2, 1, 0)
    assert n["recommend_answers"] == 0 and n["nps"] is None
    # within two steps of a, b or d without passing the member: a and b (each near the
    # other), c, e and f
    assert n["reach"] == 5
    assert n["nurtured"] == 1  # the gift to d
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
    weight = 7 * sum(rank[p] for p in "abd")
    assert n["ambassador_weight"] == pytest.approx(weight, abs=1e-6)
    # the PageRank weight is reported, not scored
    with_reach = 0.5 * 3 / 5 + 0.25 * 5 / 50 + 0.25 * 1 / 3
    without_reach = (0.5 * 3 / 5 + 0.25 * 1 / 3) / 0.75  # reach can only raise the value
    expected = max(with_reach, without_reach)
    assert value.score == pytest.approx(round(100 * expected, 1))


def test_promoters_come_from_the_recommend_question_only():
    base = {
        "people": [person("me", True), person("a"), person("b")],
        "invoices": [{"date": "2024-01-01", "client": "a", "amount": "10.00"}],
        "satisfaction": [
            {"date": "2024-05-01", "client": "a", "score": 6},  # voldoende, not a detractor
            {"date": "2024-05-01", "client": "b", "score": 10, "question": "recommend"},
        ],
    }
    n = netgraph.score_member(netgraph.network_from_dict(base), as_of=AS_OF)
    numbers = n.values["recommendation"].numbers
    assert (numbers["promoters"], numbers["detractors"], numbers["recommend_answers"]) == (1, 0, 1)
    assert numbers["nps"] == pytest.approx(100.0)


def test_knowledge_counts_groups_exchanges_and_partners():
    network = netgraph.network_from_dict(
        {
            "people": [
                person("me", True),
                person("a", organisation="Acme"),
                person("b"),
                person("c", role="partner"),
                person("d"),
                person("f", organisation="acme "),
            ],
            "groups": [
                {"id": "g1", "name": "Intervisie", "kind": "intervision"},
                {"id": "g2", "name": "Old club"},
            ],
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
                {"date": "2024-08-01", "from": "d", "to": "me", "kind": "experience"},
                {"date": "2023-01-01", "from": "f", "to": "me", "kind": "advice"},  # too old
            ],
        }
    )
    value = netgraph.score_member(network, as_of=AS_OF).values["knowledge"]
    n = value.numbers
    assert (n["active_groups"], n["active_group_ids"]) == (1, ["g1"])
    assert n["intervision_groups"] == 1
    assert n["peers_in_groups"] == 2
    assert (n["exchanges_given"], n["exchanges_received"]) == (2, 2)
    assert (n["exchange_partners"], n["mutual_partners"]) == (3, 1)
    assert (n["exchange_kinds"], n["exchange_kind_names"]) == (
        3,
        ["advice", "experience", "feedback"],
    )
    assert n["organisations_reached"] == 2  # Acme (a and f, spelt twice) and d on their own
    g = nx.Graph()
    for a, b, w in [
        ("me", "a", 3 + 2),
        ("me", "b", 3),
        ("a", "b", 3),
        ("me", "c", 5),
        ("me", "f", 2),
        ("me", "d", 1),
        ("a", "f", 1),
    ]:  # ties plus one per exchange (the old one included); a and f are colleagues
        g.add_edge(a, b, weight=w)
    assert n["effective_size"] == pytest.approx(nx.effective_size(g, ["me"], weight="weight")["me"])
    assert n["constraint"] == pytest.approx(nx.constraint(g, ["me"], weight="weight")["me"])
    components = value.components
    assert components["groups"].rating == pytest.approx(2 / 3)  # intervision counts twice
    assert components["peers"].rating == pytest.approx((2 + 1) / 30)  # c is a partner
    assert components["exchanges"].rating == pytest.approx(4 / 12)
    assert components["mutual"].rating == pytest.approx(1 / 3)
    assert components["diversity"].rating == pytest.approx(2 / 5)


def test_a_member_without_data_gets_no_stars_rather_than_one():
    network = netgraph.network_from_dict({"people": [person("me", True), person("a")]})
    report = netgraph.score_member(network, as_of=AS_OF)
    for value in report.values.values():
        assert value.stars is None and value.score is None
        assert value.reason and "no " in value.reason
    data = report.to_dict()["values"]["financial"]
    assert (data["score"], data["stars"]) == (None, None) and data["reason"]
    statuses = {p.key: p.status for p in report.focus}
    # what only the member can say needs their own account; the rest has no data
    assert (
        statuses.pop("know_who_you_are")
        == statuses.pop("consistent_message")
        == ("self-assessment needed")
    )
    assert set(statuses.values()) == {"no data"}


def test_no_revenue_in_the_window_is_a_measured_result():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), person("a")],
            "invoices": [{"date": "2020-01-01", "client": "a", "amount": "100.00"}],
            "interactions": [
                {"date": "2024-05-01", "contact": "a", "kind": "gift"},
                {"date": "2024-05-01", "contact": "a", "kind": "satisfaction_check"},
            ],
        }
    )
    report = netgraph.score_member(network, as_of=AS_OF)
    for key in ("acquisition", "financial"):
        assert (report.values[key].score, report.values[key].stars) == (0.0, 1)
        assert report.values[key].notes


def test_only_the_main_currency_counts_and_the_rest_is_noted():
    network = netgraph.network_from_dict(
        {
            "people": [person("me", True), person("a"), person("b")],
            "invoices": [
                {"date": "2024-03-01", "client": "a", "amount": "40000.00"},
                {"date": "2024-04-01", "client": "a", "amount": "40000.00"},
                {"date": "2024-05-01", "client": "b", "amount": "300.00", "currency": "USD"},
                {"date": "2024-05-02", "client": "b", "amount": "300.00", "currency": "USD"},
                {"date": "2024-05-03", "client": "b", "amount": "300.00", "currency": "USD"},
            ],
        }
    )
    value = netgraph.score_member(network, as_of=AS_OF).values["acquisition"]
    assert value.numbers["currency"] == "EUR"  # by money, not by the number of invoices
    assert value.numbers["revenue"] == "80000.00"
    assert value.numbers["excluded_revenue"] == "USD 900.00"
    assert any("USD 900.00" in note and "[netgraph.rates]" in note for note in value.notes)
    rates = netgraph.Settings.from_mapping({"rates": {"usd": 0.9}})
    value = netgraph.score_member(network, as_of=AS_OF, settings=rates).values["financial"]
    assert value.numbers["revenue"] == "80810.00"  # 900 dollars at 0.90
    assert value.numbers["excluded_invoices"] == 0


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


@given(
    joined=st.lists(
        st.tuples(st.sampled_from(["me", "you", "a", "b", "c", "d"]), st.sampled_from("xyz")),
        max_size=20,
    )
)
def test_peers_in_groups_are_the_distinct_people_of_all_a_members_groups(joined):
    # overlapping groups and members of several of them, scored in one block: each
    # member's peers are the other people of their groups, each counted once
    people = [person("me", True), person("you", True), *(person(p) for p in "abcd")]
    network = netgraph.network_from_dict(
        {
            "people": people,
            "groups": [{"id": g, "name": g} for g in "xyz"],
            "memberships": [{"person": p, "group": g} for p, g in joined],
        }
    )
    for report in netgraph.score_members(network, as_of=AS_OF):
        groups = {g for p, g in joined if p == report.member}
        expected = {p for p, g in joined if g in groups} - {report.member}
        assert report.values["knowledge"].numbers["peers_in_groups"] == len(expected)


def test_every_referral_route_to_a_client_counts_for_breadth_and_connectors():
    # Bram was brought by Ans, whom Cor had referred; later data adds an earlier referral
    # of Bram by Dirk. The credit follows Bram's first referral (Dirk), but Ans and Cor
    # brought him too: all three count, and the earlier referral costs nobody their place.
    people = [person("me", True), *(person(p) for p in ("bram", "ans", "cor", "dirk"))]
    referrals = [
        {"date": "2024-03-01", "referrer": "cor", "referred": "ans"},
        {"date": "2024-04-01", "referrer": "ans", "referred": "bram"},
    ]
    invoice = {"date": "2024-06-01", "client": "bram", "amount": "5000.00"}

    def numbers(extra):
        network = netgraph.network_from_dict(
            {"people": people, "referrals": referrals + extra, "invoices": [invoice]}
        )
        return netgraph.score_member(network, as_of=AS_OF).values["acquisition"].numbers

    before = numbers([])
    after = numbers([{"date": "2024-02-01", "referrer": "dirk", "referred": "bram"}])
    assert (before["network_contributors"], before["connectors"]) == (3, 2)  # bram; ans, cor
    assert (after["network_contributors"], after["connectors"]) == (4, 3)  # and dirk
