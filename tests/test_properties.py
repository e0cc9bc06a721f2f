"""Invariants of the method, checked on generated networks."""

from __future__ import annotations

import copy
import random
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import AS_OF, networks

import netgraph
from netgraph.output._results import stars_for
from netgraph.scoring._acquisition import chain_weights, split_cents
from netgraph.scoring._context import months_before

KEYS = ("acquisition", "recommendation", "financial", "knowledge")


def scores(data: dict[str, Any], member: str = "m0") -> dict[str, tuple[float, int]]:
    """Each value's score and stars; (-1, 0) where there is not enough data to show it.

    "Not enough data" ranks below any measured result, so a value that becomes
    measurable never counts as lowered.
    """
    report = netgraph.score_member(netgraph.network_from_dict(data), member, as_of=AS_OF)
    out = {}
    for k in KEYS:
        value = report.values[k]
        if value.stars is None:
            assert value.score is None and value.reason
            out[k] = (-1.0, 0)
        else:
            out[k] = (value.score, value.stars)
    return out


@given(
    st.floats(0, 100),
    st.floats(0, 100),
    st.lists(st.floats(0, 100), min_size=4, max_size=4).map(sorted),
)
def test_stars_are_one_to_five_and_monotone_in_the_score(a, b, thresholds):
    low, high = sorted((a, b))
    assert 1 <= stars_for(low, thresholds) <= stars_for(high, thresholds) <= 5


@given(networks())
def test_every_value_has_a_score_within_0_100_and_1_to_5_stars(data):
    for score, stars in scores(data).values():
        assert (score, stars) == (-1.0, 0) or (0.0 <= score <= 100.0 and 1 <= stars <= 5)


PERSON_FIELDS = {
    "people": ("id",),
    "ties": ("a", "b"),
    "referrals": ("referrer", "referred", "member"),
    "recommendations": ("by", "member"),
    "invoices": ("client", "member"),
    "interactions": ("contact", "member"),
    "satisfaction": ("client", "member"),
    "memberships": ("person",),
    "exchanges": ("from", "to"),
}


def _rename(data: dict[str, Any], seed: int) -> tuple[dict[str, Any], dict[str, str]]:
    ids = [p["id"] for p in data["people"]]
    shuffled = ids[:]
    random.Random(seed).shuffle(shuffled)
    new = {old: f"x{i}-{new}" for i, (old, new) in enumerate(zip(ids, shuffled, strict=True))}
    out = copy.deepcopy(data)
    for section, fields in PERSON_FIELDS.items():
        for row in out[section]:
            for key in fields:
                row[key] = new[row[key]]
    return out, new


@given(networks(), st.integers(0, 10_000))
def test_scores_do_not_depend_on_the_names_of_ids(data, seed):
    renamed, mapping = _rename(data, seed)
    assert scores(renamed, mapping["m0"]) == scores(data)


@given(networks(), st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_the_order_of_rows(data, rnd):
    shuffled = copy.deepcopy(data)
    for rows in shuffled.values():
        rnd.shuffle(rows)
    assert scores(shuffled) == scores(data)


def _in_window(row: dict[str, Any]) -> bool:
    start = months_before(AS_OF, 12)
    return start < date.fromisoformat(row["date"]) <= AS_OF


@given(networks(), st.data())
def test_more_revenue_never_lowers_the_financial_value(data, draw):
    mine = [r for r in data["invoices"] if r["member"] == "m0"]
    assume(mine)
    richer = copy.deepcopy(data)
    row = draw.draw(st.sampled_from([r for r in richer["invoices"] if r["member"] == "m0"]))
    extra = Decimal(draw.draw(st.integers(1, 10_000_00))) / 100
    row["amount"] = str(Decimal(row["amount"]) + extra)
    assert scores(richer)["financial"][0] >= scores(data)["financial"][0]
    # a further invoice for a client already billed in the window also never lowers it
    billed = sorted({r["client"] for r in mine if _in_window(r)})
    if billed:
        again = copy.deepcopy(richer)
        again["invoices"].append(
            {"date": AS_OF.isoformat(), "client": billed[0], "amount": "10.00", "member": "m0"}
        )
        assert scores(again)["financial"][0] >= scores(richer)["financial"][0]


@given(networks(), st.data())
def test_more_ambassadors_never_lower_the_recommendation_value(data, draw):
    contacts = [p["id"] for p in data["people"] if p["id"].startswith("c")]
    by = draw.draw(st.sampled_from(contacts))
    more = copy.deepcopy(data)
    more["recommendations"].append({"date": AS_OF.isoformat(), "by": by, "member": "m0"})
    assert scores(more)["recommendation"][0] >= scores(data)["recommendation"][0]


@given(networks())
def test_credit_along_referral_chains_sums_exactly_to_revenue(data):
    report = netgraph.score_member(netgraph.network_from_dict(data), "m0", as_of=AS_OF)
    numbers = report.values["acquisition"].numbers
    assert numbers["revenue_credited"] == numbers["revenue"]
    shares = [c.amount for c in report.values["acquisition"].contributors]
    assert sum(Decimal(a) for a in shares) <= Decimal(numbers["revenue"])


@given(
    st.integers(0, 10**9),
    st.integers(1, 8),
    st.floats(0, 1),
    st.floats(0.01, 0.99),
)
def test_split_cents_is_exact_and_fair(amount, length, client_share, decay):
    weights = chain_weights(length, client_share, decay)
    (parts,) = split_cents(np.array([amount]), np.array(weights)).tolist()
    assert sum(parts) == amount
    assert all(abs(p - amount * w) < 1 + 1e-6 * amount for p, w in zip(parts, weights, strict=True))


@given(data=networks(members=2))
def test_read_write_read_loses_nothing(data, tmp_path_factory):
    network = netgraph.network_from_dict(data)
    folder = tmp_path_factory.mktemp("net")
    netgraph.write_folder(network, folder)
    again = netgraph.read_folder(folder)
    assert again == network
    for section in network.tables:
        assert list(again.rows(section)) == list(network.rows(section))
    file = folder / "network.json"
    netgraph.write_json(network, file)
    assert netgraph.read_json(file) == network


@given(networks())
def test_the_same_input_gives_the_same_json(data):
    first = netgraph.score_member(netgraph.network_from_dict(data), as_of=AS_OF).to_json()
    second = netgraph.score_member(netgraph.network_from_dict(data), as_of=AS_OF).to_json()
    assert first == second


@given(networks(), st.integers(1, 200))
def test_events_after_as_of_do_not_count(data, days_later):
    from datetime import timedelta

    later = copy.deepcopy(data)
    when = (AS_OF + timedelta(days=days_later)).isoformat()
    later["invoices"].append({"date": when, "client": "c0", "amount": "999.00", "member": "m0"})
    later["recommendations"].append({"date": when, "by": "c0", "member": "m0"})
    later["exchanges"].append({"date": when, "from": "m0", "to": "c0", "kind": "advice"})
    assert scores(later) == scores(data)
