"""Properties over generated networks: Neo4j gives back what it was given, and the
scores from it are those of the in-memory store, byte for byte."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from neo4j_support import *  # noqa: F403 - the Neo4j fixtures
from strategies import AS_OF, networks

import netgraph

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def shared_name(neo4j_store: netgraph.Neo4jStore) -> Iterator[str]:
    # One name for every example: each push replaces the one before, so replacing
    # (stale rows deleted, rows updated in place) is exercised as well.
    name = f"test-property-{uuid.uuid4().hex[:8]}"
    yield name
    neo4j_store.delete(name)


@given(data=networks(members=2), extra=st.sampled_from(["", "x", "it's {`n`}"]))
def test_scores_from_neo4j_are_the_in_memory_scores(
    neo4j_store: netgraph.Neo4jStore, shared_name: str, data: dict[str, Any], extra: str
) -> None:
    if extra:  # an extra column on some rows
        for row in data["people"][::2]:
            row["note"] = extra
    network = netgraph.network_from_dict(data)
    memory = netgraph.MemoryStore()
    memory.push(network, "n")
    neo4j_store.push(network, shared_name)
    from_memory = memory.pull("n")
    from_neo4j = neo4j_store.pull(shared_name)
    assert from_neo4j == network
    for section in network.tables:
        assert list(from_neo4j.rows(section)) == list(network.rows(section)), section
        assert from_neo4j.header(section) == network.header(section), section
    expected = [r.to_json() for r in netgraph.score_members(from_memory, as_of=AS_OF)]
    found = [r.to_json() for r in netgraph.score_members(from_neo4j, as_of=AS_OF)]
    assert found == expected
    assert neo4j_store.push(network, shared_name).unchanged
