"""The in-memory store, and the parts of the Neo4j store that need no server."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from hypothesis import given
from strategies import networks

import netgraph
from netgraph.model._schema import SECTION_BY_NAME
from netgraph.stores._store import StoreBase
from netgraph.stores.neo4j._cypher import QUERIES
from netgraph.stores.neo4j._schema import (
    CONSTRAINTS,
    KINDS,
    LABELS,
    RELATIONSHIP_TYPES,
    event_keys,
    row_hashes,
)


def same_rows(a: netgraph.Network, b: netgraph.Network) -> None:
    assert a == b
    for section in a.tables:
        assert a.header(section) == b.header(section)
        assert list(a.rows(section)) == list(b.rows(section))


@given(networks(members=2))
def test_memory_store_round_trip(data: dict[str, object]) -> None:
    network = netgraph.network_from_dict(data)
    store = netgraph.MemoryStore()
    first = store.push(network, "n")
    assert first.rows == sum(len(t) for t in network.tables.values()) and not first.unchanged
    same_rows(network, store.pull("n"))
    assert store.push(network, "n").unchanged


def test_memory_store_keeps_names_apart_and_replaces(example_network: netgraph.Network) -> None:
    store = netgraph.MemoryStore()
    small = netgraph.network_from_dict({"people": [{"id": "me", "name": "A", "member": "yes"}]})
    store.push(example_network, "big")
    store.push(small, "small")
    assert store.names() == ("big", "small")
    result = store.push(small, "big")
    assert result.deleted == sum(len(t) for t in example_network.tables.values())  # no "me"
    same_rows(small, store.pull("big"))
    assert store.delete("big") and not store.delete("big")
    with pytest.raises(netgraph.StoreError, match="no network named 'big'"):
        store.pull("big")


def test_memory_store_keeps_a_copy_not_the_object() -> None:
    store = netgraph.MemoryStore()
    network = netgraph.network_from_dict({"people": [{"id": "me", "name": "A", "member": "yes"}]})
    store.push(network, "n")
    network.people["name"][0] = "changed after the push"
    assert next(iter(store.pull("n").rows("people")))["name"] == "A"


def test_memory_store_closed_and_bad_input() -> None:
    store = netgraph.MemoryStore()
    with pytest.raises(netgraph.StoreError, match="must not be empty"):
        store.pull(" ")
    with pytest.raises(netgraph.StoreError, match="must be text"):
        store.pull(3)  # type: ignore[arg-type]
    with pytest.raises(netgraph.StoreError, match="Unicode"):
        store.pull("\ud800")
    store.close()
    with pytest.raises(netgraph.StoreError, match="closed"):
        store.names()
    assert isinstance(netgraph.MemoryStore(), netgraph.Store)


def test_memory_store_is_safe_between_threads(example_network: netgraph.Network) -> None:
    store = netgraph.MemoryStore()
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            store.push(example_network, f"n{i % 3}")
            assert store.pull(f"n{i % 3}") == example_network
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.names() == ("n0", "n1", "n2")


# -- the Neo4j store without a server ---------------------------------------------


def test_the_neo4j_store_is_loaded_lazily_and_never_imports_the_driver_early() -> None:
    code = (
        "import sys, netgraph; cls = netgraph.Neo4jStore; "
        "import netgraph.cli._cli; "
        "print('neo4j' in sys.modules, cls.__name__, 'Neo4jStore' in dir(netgraph))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "Neo4jStore", "True"]


def test_bad_uris_are_refused_before_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(netgraph.StoreError, match="NEO4J_URI"):
        netgraph.Neo4jStore()
    for uri, message in [
        ("http://localhost:7474", "not a Neo4j URI"),
        ("localhost:7687", "not a Neo4j URI"),
        ("bolt://localhost:99999", "not a Neo4j URI"),
        ("bolt://", "no host"),
    ]:
        with pytest.raises(netgraph.StoreError, match=message):
            netgraph.Neo4jStore(uri)
    with pytest.raises(netgraph.StoreError, match="user or password") as caught:
        netgraph.Neo4jStore("bolt://neo4j:hunter2@localhost:7687")
    assert "hunter2" not in str(caught.value)
    with pytest.raises(netgraph.StoreError, match="user or password") as caught:
        netgraph.Neo4jStore("neo4j+s://u:pw@db.example:7687")
    assert "neo4j+s://***@db.example:7687" in str(caught.value) and "pw" not in str(caught.value)


def test_event_keys_are_deterministic_and_count_identical_rows() -> None:
    # the contract's fields first, as a network's header gives them, then the extras
    fields = SECTION_BY_NAME["invoices"].field_names
    header = (*fields, "z", "a")
    empty = ("",) * (len(fields) - 5)
    rows = [
        ("2025-01-01", "c", "1.00", "m", "EUR", *empty, "", "x"),
        ("2025-01-01", "c", "1.00", "m", "EUR", *empty, "", "x"),
        ("2025-01-02", "c", "1.00", "m", "EUR", *empty, "", "x"),
    ]
    hashes = row_hashes("invoices", header, rows)
    keys = event_keys(hashes)
    assert hashes[0] == hashes[1] != hashes[2]
    assert keys[0].endswith(":0") and keys[1].endswith(":1") and keys[2].endswith(":0")
    # extra columns in another order, or empty ones left out: the same rows
    swapped = (*fields, "a")
    n = len(fields)
    assert row_hashes("invoices", swapped, [(*r[:n], r[n + 1]) for r in rows]) == hashes
    assert event_keys(row_hashes("invoices", header, rows)) == keys


def test_cypher_comes_only_from_the_fixed_schema() -> None:
    assert set(QUERIES) == set(KINDS)
    for section, kind in KINDS.items():
        assert kind.label in LABELS
        queries = QUERIES[section]
        for query in (queries.write, queries.read, queries.keys, queries.delete, queries.purge):
            assert "$network" in query
        assert {r.type for r in kind.refs} <= set(RELATIONSHIP_TYPES)
    assert all("IF NOT EXISTS" in q and "IS UNIQUE" in q for q in CONSTRAINTS)
    # one per section, and Network, NetworkLock and Organisation
    assert len(CONSTRAINTS) == len(KINDS) + 3


def test_the_neo4j_schema_follows_the_data_contract() -> None:
    from netgraph.model._schema import SECTIONS, FieldKind

    references = (FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER)
    for section in SECTIONS:
        kind = KINDS[section.name]
        assert len(kind.properties) == len(section.fields)
        for prop, field in zip(kind.properties, section.fields, strict=True):
            assert prop == (f"{field.name}_cents" if field.kind is FieldKind.MONEY else field.name)
            assert f"e.{prop} = row[" in QUERIES[section.name].write
        assert [r.field for r in kind.refs] == [
            f.name for f in section.fields if f.kind in references
        ]


def test_both_stores_close_when_a_with_block_ends() -> None:
    assert issubclass(netgraph.MemoryStore, StoreBase)
    assert issubclass(netgraph.Neo4jStore, StoreBase)
    with netgraph.MemoryStore() as store:
        store.names()
    with pytest.raises(netgraph.StoreError, match="closed"):
        store.names()
