"""The store contract, run against both stores: the in-memory one and Neo4j."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from neo4j_support import *  # noqa: F403 - the Neo4j fixtures

import netgraph

AS_OF = date(2026, 11, 1)

HOSTILE = [
    'O\'Brien "the" `tick` \\back\\slash {brace} [x] $param',
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "x` ) DETACH DELETE n; CALL db.clearQueryCaches() //",
    "Zoë Ångström \u2013 東京 \u2014 ✓ 🚀",
    "line one\nline two\r\nline three\ttab",
    "\\u0027 \\x00-like \\\\ and a lone '",
    "MATCH (n) RETURN n",
    "${network}",
    " leading and trailing spaces ",
]


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        with netgraph.MemoryStore() as memory:
            yield memory
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture
def name(store: Any) -> Iterator[str]:
    value = f"contract-{uuid.uuid4().hex[:10]}"
    yield value
    store.delete(value)


def same_rows(a: netgraph.Network, b: netgraph.Network) -> None:
    """Equal content, and the same rows and headers in the same order."""
    assert a == b
    for section in a.tables:
        assert a.header(section) == b.header(section), section
        assert list(a.rows(section)) == list(b.rows(section)), section


def scores(network: netgraph.Network) -> list[str]:
    return [r.to_json() for r in netgraph.score_members(network, as_of=AS_OF)]


def small_network(extra: str = "") -> netgraph.Network:
    people = [
        {"id": "me", "name": "Anna", "member": "yes", "zeta": "z", "alpha": ""},
        {"id": "c2", "name": "Bram", "organisation": "Acme", "tags": ["b", "a"], "zeta": ""},
        {"id": "c1", "name": "Cas", "organisation": " acme ", "alpha": "\u03b1", "zeta": extra},
    ]
    invoice = {"date": "2025-03-01", "client": "c2", "amount": "100.5", "custom": extra or "q"}
    return netgraph.network_from_dict(
        {
            "people": people,
            "groups": [{"id": "g", "name": "Club", "kind": "network club"}],
            "ties": [{"a": "c1", "b": "me", "strength": 5, "since": ""}],
            # identical rows are legal and must stay two rows
            "invoices": [invoice, dict(invoice), {**invoice, "amount": "7", "currency": "USD"}],
            "referrals": [{"date": "2025-01-01", "referrer": "c1", "referred": "c2"}],
            "satisfaction": [{"date": "2025-04-01", "client": "c2", "score": "8.25"}],
            "memberships": [{"person": "me", "group": "g", "since": "2024-01-01"}],
            "exchanges": [{"date": "2025-02-01", "from": "c2", "to": "me", "kind": "advice"}],
            "interactions": [{"date": "2025-05-01", "contact": "c2", "kind": "gift"}],
            "recommendations": [{"date": "2025-05-02", "by": "c1", "channel": "online"}],
        }
    )


def hostile_network() -> netgraph.Network:
    people = [{"id": "member", "name": "Member", "member": "yes"}]
    for i, text in enumerate(HOSTILE):
        people.append(
            {
                "id": f"{text.strip() or 'x'}#{i}",
                "name": text,
                "organisation": text,
                "why": text,
                "met_at": text,
                "tags": [t for t in text.split(";") if t.strip()][:1],
                # extra columns whose names are hostile too
                "`}) DETACH DELETE n //": text,
                "naam ü.$x": text,
            }
        )
    ids = [p["id"] for p in people[1:]]
    return netgraph.network_from_dict(
        {
            "people": people,
            "groups": [{"id": t, "name": t} for t in HOSTILE[:3]],
            "referrals": [
                {"date": "2025-01-01", "referrer": a, "referred": b, "note": t}
                for a, b, t in zip(ids, ids[1:], HOSTILE, strict=False)
            ],
            "interactions": [
                {"date": "2025-01-02", "contact": a, "kind": "call", "note": t}
                for a, t in zip(ids, HOSTILE, strict=False)
            ],
            "invoices": [
                {"date": "2025-01-03", "client": a, "amount": "1.00", "project": t}
                for a, t in zip(ids, HOSTILE, strict=False)
            ],
            "memberships": [{"person": ids[0], "group": HOSTILE[1]}],
        }
    )


def test_a_network_comes_back_as_it_was(store: Any, name: str) -> None:
    network = small_network()
    result = store.push(network, name)
    assert result.name == name and not result.unchanged
    assert result.rows == sum(len(t) for t in network.tables.values())
    back = store.pull(name)
    same_rows(network, back)
    assert scores(back) == scores(network)


def test_the_example_network_gives_the_same_scores(
    store: Any, name: str, example_network: netgraph.Network
) -> None:
    store.push(example_network, name)
    back = store.pull(name)
    same_rows(example_network, back)
    assert scores(back) == scores(example_network)


def test_pushing_the_same_network_again_changes_nothing(store: Any, name: str) -> None:
    network = small_network()
    store.push(network, name)
    again = store.push(network, name)
    assert again.unchanged and again.written == 0 and again.deleted == 0
    same_rows(network, store.pull(name))


def test_a_push_replaces_what_was_stored(store: Any, name: str) -> None:
    store.push(small_network("first"), name)
    second = small_network("second")
    result = store.push(second, name)
    assert not result.unchanged and result.deleted >= 1
    same_rows(second, store.pull(name))
    # and back again: nothing of the second version is left over
    store.push(small_network("first"), name)
    same_rows(small_network("first"), store.pull(name))


def test_networks_are_kept_apart_by_name(
    store: Any, name: str, example_network: netgraph.Network
) -> None:
    other = f"{name}-other"
    try:
        store.push(small_network(), name)
        store.push(example_network, other)
        assert {name, other} <= set(store.names())
        same_rows(small_network(), store.pull(name))
        assert store.delete(name)
        assert name not in store.names()
        same_rows(example_network, store.pull(other))
    finally:
        store.delete(other)


def test_unknown_networks_and_bad_names(store: Any, name: str) -> None:
    with pytest.raises(netgraph.StoreError, match="no network named"):
        store.pull(name)
    assert store.delete(name) is False
    for bad in ("", "   ", "x" * 201):
        with pytest.raises(netgraph.StoreError):
            store.push(small_network(), bad)
    with pytest.raises(netgraph.StoreError, match="expected a Network"):
        store.push({"people": []}, name)


def test_hostile_text_is_stored_verbatim(store: Any, name: str) -> None:
    network = hostile_network()
    store.push(network, name)
    back = store.pull(name)
    same_rows(network, back)
    assert scores(back) == scores(network)
    # a hostile network name is just a name
    hostile_name = f"{name} '}}) DETACH DELETE n // `x` {{$y}} ✓"
    try:
        store.push(network, hostile_name)
        same_rows(network, store.pull(hostile_name))
    finally:
        store.delete(hostile_name)
    same_rows(network, store.pull(name))


def test_progress_is_reported_per_section(store: Any, name: str) -> None:
    network = small_network()
    seen: dict[str, tuple[int, int]] = {}
    store.push(network, name, progress=lambda s, done, total: seen.__setitem__(s, (done, total)))
    for section, table in network.tables.items():
        assert seen[section] == (len(table), len(table)), section
    seen.clear()
    store.pull(name, progress=lambda s, done, total: seen.__setitem__(s, (done, total)))
    for section, table in network.tables.items():
        assert seen[section] == (len(table), len(table)), section
    assert isinstance(store, netgraph.Store)
