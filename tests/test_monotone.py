"""What must never lower a value, and what must change nothing (issue 9, "Tests").

Hypothesis properties on networks made by :func:`strategies.coach_networks`, which produce the
situations of the issue: clients met through groups, several currencies, satisfaction marks of 6
to 8, attention for the people who bring revenue, group members who never exchange, data without
ties between contacts and exact duplicates of event rows.

- More of something good never lowers any value's score nor its stars: one more invoice for a
  client, a satisfaction check or a mark, attention to a top contributor, an exchange given or
  received, a referral, a recommendation.
- Things that carry no information change no score and no byte of ``report.to_json()``: a person
  without ties or events, the order of the rows, the order of the columns, and the names of the
  ids (consistently renamed; the ids in the JSON are then the new names).

A property that fails on today's method is marked xfail with the point of issue 9 it needs; the
marks go when the points are fixed.
"""

from __future__ import annotations

import copy
import csv
import io
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st
from strategies import AS_OF, ATTENTION_KINDS, EXCHANGE_KINDS, IN_WINDOW, back, coach_networks

import netgraph

KEYS = ("acquisition", "recommendation", "financial", "knowledge")
MEMBER = "m0"
# Each property scores two or three networks per example: enough examples to find the issue's
# cases on today's method, few enough to keep the file well under a minute. Shrinking is left
# out because the properties marked xfail fail by design until their point is fixed, and
# shrinking each of them costs minutes; while fixing a point, add Phase.shrink to see the
# smallest network that breaks it.
FEW = settings(max_examples=30, phases=(Phase.explicit, Phase.reuse, Phase.generate))


def report(data: dict[str, Any]) -> netgraph.MemberReport:
    network = netgraph.network_from_dict(copy.deepcopy(data))
    return netgraph.score_member(network, MEMBER, as_of=AS_OF)


def level(rep: netgraph.MemberReport, key: str) -> tuple[float, int]:
    """(score, stars); "not enough data" (None) counts as the lowest of both."""
    value = rep.values[key]
    score = getattr(value, "score", None)
    stars = getattr(value, "stars", None)
    return (-1.0 if score is None else float(score), 0 if stars is None else int(stars))


def assert_none_lower(
    before: netgraph.MemberReport,
    after: netgraph.MemberReport,
    what: str,
    keys: tuple[str, ...] = KEYS,
) -> None:
    for key in keys:
        (s0, n0), (s1, n1) = level(before, key), level(after, key)
        assert s1 >= s0, f"{what} lowered the {key} score: {s0} -> {s1}"
        assert n1 >= n0, f"{what} lowered the {key} stars: {n0} -> {n1}"


def contacts_of(data: dict[str, Any]) -> list[str]:
    return [p["id"] for p in data["people"] if p["id"] != MEMBER]


# -- more of something good never lowers a value ------------------------------------------


@FEW
@given(coach_networks(), st.data())
def test_one_more_invoice_for_a_client_never_lowers_a_value(data, draw):
    """More revenue, all else equal: an invoice in the member's main currency.

    An invoice in a currency without a rate is not revenue the report can add up; it is
    left out and said (the next test), and enough of them can make that currency the main
    one, by design (point 4: the main currency is chosen by money).
    """
    before = report(data)
    main = before.values["acquisition"].numbers["currency"]
    in_main = [r for r in data["invoices"] if r["currency"] == main]
    assume(in_main)
    billed = draw.draw(st.sampled_from(in_main))
    more = copy.deepcopy(data)
    cents = draw.draw(st.integers(100_00, 20_000_00))
    more["invoices"].append(
        {
            "date": back(draw.draw(IN_WINDOW)),
            "client": billed["client"],
            "amount": str(Decimal(cents) / 100),
            "currency": billed["currency"],
            "project": billed["project"],
        }
    )
    assert_none_lower(before, report(more), "one more invoice")


@FEW
@given(coach_networks(), st.integers(100_00, 20_000_00))
def test_an_invoice_in_a_currency_without_a_rate_is_said_never_dropped(data, cents):
    assume(data["invoices"])
    before = report(data)
    main = before.values["acquisition"].numbers["currency"]
    other = "CHF" if main != "CHF" else "NOK"
    more = copy.deepcopy(data)
    billed = data["invoices"][0]
    more["invoices"].append(
        {
            "date": back(40),
            "client": billed["client"],
            "amount": str(Decimal(cents) / 100),
            "currency": other,
        }
    )
    after = report(more).values["financial"]
    shown = after.numbers["currency"]
    left_out = after.numbers["excluded_revenue"]
    # the new money is counted (it tipped the main currency) or named as left out, with
    # the hint how to count it: never silently dropped
    assert shown == other or other in left_out
    if other in left_out:
        assert any("[netgraph.rates]" in note for note in after.notes)


@FEW
@given(coach_networks(), st.data())
def test_a_satisfaction_check_never_lowers_a_value(data, draw):
    assume(data["invoices"])
    client = draw.draw(st.sampled_from(sorted({r["client"] for r in data["invoices"]})))
    more = copy.deepcopy(data)
    more["interactions"].append(
        {"date": back(draw.draw(IN_WINDOW)), "contact": client, "kind": "satisfaction_check"}
    )
    assert_none_lower(report(data), report(more), "a satisfaction check")


@FEW
@given(coach_networks(), st.data())
def test_a_satisfaction_mark_never_lowers_a_value(data, draw):
    """A mark of 6 ("voldoende") or better; financial may only fall when the mark is lower
    than one the member already had in the window (its mean satisfaction is a real drop)."""
    assume(data["invoices"])
    client = draw.draw(st.sampled_from(sorted({r["client"] for r in data["invoices"]})))
    mark = draw.draw(st.integers(6, 10))
    more = copy.deepcopy(data)
    more["satisfaction"].append(
        {"date": back(draw.draw(IN_WINDOW)), "client": client, "score": mark}
    )
    keys = KEYS
    if any(row["score"] > mark for row in data["satisfaction"]):
        keys = tuple(k for k in KEYS if k != "financial")
    assert_none_lower(report(data), report(more), f"a mark of {mark}", keys)


@FEW
@given(coach_networks(), st.data())
def test_attention_to_a_top_contributor_never_lowers_a_value(data, draw):
    before = report(data)
    top = sorted(
        {
            c.id
            for key in ("acquisition", "recommendation")
            for c in before.values[key].contributors[:3]
        }
    )
    assume(top)
    more = copy.deepcopy(data)
    more["interactions"].append(
        {
            "date": back(draw.draw(IN_WINDOW)),
            "contact": draw.draw(st.sampled_from(top)),
            "kind": draw.draw(st.sampled_from(ATTENTION_KINDS)),
        }
    )
    assert_none_lower(before, report(more), "attention to a top contributor")


@FEW
@given(coach_networks(), st.data(), st.booleans())
def test_an_exchange_given_or_received_never_lowers_a_value(data, draw, given_by_member):
    other = draw.draw(st.sampled_from(contacts_of(data)))
    a, b = (MEMBER, other) if given_by_member else (other, MEMBER)
    more = copy.deepcopy(data)
    more["exchanges"].append(
        {
            "date": back(draw.draw(IN_WINDOW)),
            "from": a,
            "to": b,
            "kind": draw.draw(st.sampled_from(EXCHANGE_KINDS)),
        }
    )
    assert_none_lower(report(data), report(more), f"an exchange from {a} to {b}")


@FEW
@given(coach_networks(), st.data())
def test_a_referral_never_lowers_a_value(data, draw):
    referrer, referred = draw.draw(
        st.tuples(st.sampled_from(contacts_of(data)), st.sampled_from(contacts_of(data))).filter(
            lambda p: p[0] != p[1]
        )
    )
    more = copy.deepcopy(data)
    more["referrals"].append(
        {"date": back(draw.draw(IN_WINDOW)), "referrer": referrer, "referred": referred}
    )
    assert_none_lower(report(data), report(more), f"a referral of {referred} by {referrer}")


@FEW
@given(coach_networks(), st.data())
def test_a_recommendation_never_lowers_a_value(data, draw):
    more = copy.deepcopy(data)
    more["recommendations"].append(
        {
            "date": back(draw.draw(IN_WINDOW)),
            "by": draw.draw(st.sampled_from(contacts_of(data))),
            "channel": draw.draw(st.sampled_from(("online", "offline"))),
        }
    )
    assert_none_lower(report(data), report(more), "a recommendation")


# -- what carries no information changes no byte ------------------------------------------


@FEW
@given(coach_networks())
def test_an_isolated_person_changes_no_byte(data):
    more = copy.deepcopy(data)
    more["people"].append({"id": "zz-new", "name": "Zoë Nieuw", "role": "prospect"})
    assert report(more).to_json() == report(data).to_json()


@FEW
@given(coach_networks(), st.randoms(use_true_random=False))
def test_shuffling_the_rows_of_every_file_changes_no_byte(data, rnd):
    shuffled = copy.deepcopy(data)
    for rows in shuffled.values():
        rnd.shuffle(rows)
    assert report(shuffled).to_json() == report(data).to_json()


def test_the_order_of_memberships_changes_no_byte():
    """The smallest case the row-shuffling property found: one client met at ``Kring 0``,
    sharing it and ``Kring 1`` with the member before the first invoice."""
    data: dict[str, Any] = {
        "people": [
            {"id": MEMBER, "name": "Marit Member", "member": "yes"},
            {"id": "c1", "name": "Client One", "role": "client", "met_at": "Kring 0"},
        ],
        "groups": [
            {"id": "g0", "name": "Kring 0", "kind": "association"},
            {"id": "g1", "name": "Kring 1", "kind": "network club"},
        ],
        "invoices": [{"date": "2025-06-01", "client": "c1", "amount": "25000.00"}],
        "memberships": [
            {"person": MEMBER, "group": "g0", "since": "2023-01-01"},
            {"person": MEMBER, "group": "g1", "since": "2023-01-01"},
            {"person": "c1", "group": "g0", "since": "2023-01-01"},
            {"person": "c1", "group": "g1", "since": "2023-01-01"},
        ],
    }
    swapped = copy.deepcopy(data)
    swapped["memberships"][2:] = swapped["memberships"][:1:-1]
    assert report(swapped).to_json() == report(data).to_json()


def _shuffle_csv(path: Path, rnd: random.Random) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    order = list(range(len(header)))
    rnd.shuffle(order)
    rnd.shuffle(body)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header[i] for i in order])
    writer.writerows([[row[i] for i in order] for row in body])
    path.write_text(out.getvalue(), encoding="utf-8")


@FEW
@given(data=coach_networks(), rnd=st.randoms(use_true_random=False))
def test_shuffling_the_columns_and_rows_of_the_csv_files_changes_no_byte(
    data, rnd, tmp_path_factory
):
    folder = tmp_path_factory.mktemp("columns")
    netgraph.write_folder(netgraph.network_from_dict(data), folder)
    as_written = netgraph.score_member(netgraph.read_folder(folder), MEMBER, as_of=AS_OF)
    for path in sorted(folder.glob("*.csv")):
        _shuffle_csv(path, rnd)
    shuffled = netgraph.score_member(netgraph.read_folder(folder), MEMBER, as_of=AS_OF)
    assert shuffled.to_json() == as_written.to_json() == report(data).to_json()


PERSON_FIELDS = {
    "people": ("id", "met_through"),
    "ties": ("a", "b"),
    "referrals": ("referrer", "referred"),
    "recommendations": ("by",),
    "invoices": ("client",),
    "interactions": ("contact",),
    "satisfaction": ("client",),
    "memberships": ("person",),
    "exchanges": ("from", "to"),
}
GROUP_FIELDS = {"groups": ("id",), "memberships": ("group",)}


def _renamed(data: dict[str, Any], people: dict[str, str], groups: dict[str, str]):
    out = copy.deepcopy(data)
    for fields, names in ((PERSON_FIELDS, people), (GROUP_FIELDS, groups)):
        for section, keys in fields.items():
            for row in out[section]:
                for key in keys:
                    if row.get(key):
                        row[key] = names[row[key]]
    return out


def _names(data: dict[str, Any], rnd: random.Random, keep_order: bool):
    """New ids for every person and group: unique tokens, in the same order or shuffled."""
    people = sorted(p["id"] for p in data["people"])
    groups = sorted(g["id"] for g in data["groups"])
    new_people = [f"id{i:04d}q" for i in range(len(people))]
    new_groups = [f"grp{i:04d}q" for i in range(len(groups))]
    if not keep_order:
        rnd.shuffle(new_people)
        rnd.shuffle(new_groups)
    return dict(zip(people, new_people, strict=True)), dict(zip(groups, new_groups, strict=True))


@FEW
@given(coach_networks(), st.randoms(use_true_random=False))
def test_renaming_the_ids_changes_no_score(data, rnd):
    people, groups = _names(data, rnd, keep_order=False)
    renamed = netgraph.score_member(
        netgraph.network_from_dict(_renamed(data, people, groups)), people[MEMBER], as_of=AS_OF
    )
    original = report(data)
    for key in KEYS:
        assert level(renamed, key) == level(original, key), key


@FEW
@given(coach_networks(), st.randoms(use_true_random=False))
def test_renaming_the_ids_in_their_order_changes_no_byte_but_the_ids(data, rnd):
    """With the ids' order kept, even ties broken by id fall the same way."""
    people, groups = _names(data, rnd, keep_order=True)
    renamed = netgraph.score_member(
        netgraph.network_from_dict(_renamed(data, people, groups)), people[MEMBER], as_of=AS_OF
    ).to_json()
    for old, new in (*people.items(), *groups.items()):
        renamed = renamed.replace(new, old)
    assert renamed == report(data).to_json()
