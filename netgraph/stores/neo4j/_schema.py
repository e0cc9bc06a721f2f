"""How a network is laid out in Neo4j: labels, key properties, relationships, row keys.

Every label, relationship type and property name netgraph writes comes from the fixed
table below and from the data contract in the code (never from data or user text);
:mod:`._cypher` builds its queries from them. ``docs/neo4j.md`` describes the schema.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from ...model._schema import SECTION_BY_NAME, SECTIONS, FieldKind

__all__ = [
    "COMPLETE",
    "CONSTRAINTS",
    "CONTRACT",
    "KINDS",
    "LABELS",
    "RELATIONSHIP_TYPES",
    "SCHEMA_VERSION",
    "WRITING",
    "Kind",
    "Ref",
    "constraint_name",
    "event_keys",
    "property_name",
    "row_hashes",
]

#: Stored in ``Network.schema``; a network stored under another version is refused.
SCHEMA_VERSION = 1
#: ``Network.state``: every row in place, or a push (or delete) under way or cut off.
COMPLETE = "complete"
WRITING = "writing"


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*\Z")


def _identifier(name: str) -> LiteralString:
    """A contract field's name as Cypher text. It comes from the contract in the code,
    never from data, and is checked to be a plain lower-case identifier."""
    if not _IDENTIFIER.match(name):  # a bug in the contract, not a user's input
        raise AssertionError(f"not a plain identifier: {name!r}")
    return name  # type checkers that know LiteralString: the check above makes it one


def property_name(name: str, kind: FieldKind) -> LiteralString:
    """The property a contract field is stored in: money as whole cents."""
    return _identifier(f"{name}_cents" if kind is FieldKind.MONEY else name)


@dataclass(frozen=True)
class Ref:
    """A column that names a person or a group, stored as a relationship too."""

    field: str
    type: LiteralString  # relationship type, (event)-[:TYPE]->(person or group)
    target: LiteralString  # label of the node referred to


@dataclass(frozen=True)
class Kind:
    """How one section is stored: its label, key property, properties and references."""

    section: str
    label: LiteralString
    key: LiteralString  # "id" for people and groups, "key" for event rows
    properties: tuple[LiteralString, ...]  # one per contract field, in contract order
    refs: tuple[Ref, ...]

    @property
    def constraint(self) -> LiteralString:
        """The uniqueness constraint on ``(network, key)``; also the index every query uses."""
        return (
            "CREATE CONSTRAINT netgraph_"
            + self.label.lower()
            + " IF NOT EXISTS FOR (e:"
            + self.label
            + ") REQUIRE (e.network, e."
            + self.key
            + ") IS UNIQUE"
        )


_REFERENCES = (FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER)


def _kind(section: str, label: LiteralString, key: LiteralString) -> Kind:
    """A section's storage, from the data contract: a property per field, and a
    relationship (named as the field, in capitals) per column that names a person or a
    group, so the graph can be walked in Cypher."""
    spec = SECTION_BY_NAME[section]
    properties = tuple(property_name(f.name, f.kind) for f in spec.fields)
    refs = tuple(
        Ref(f.name, _identifier(f.name).upper(), "Group" if f.kind is FieldKind.GROUP else "Person")
        for f in spec.fields
        if f.kind in _REFERENCES
    )
    return Kind(section, label, key, properties, refs)


#: The label and key property of each section's nodes; the rest follows the contract.
KINDS: dict[str, Kind] = {
    k.section: k
    for k in (
        _kind("people", "Person", "id"),
        _kind("groups", "Group", "id"),
        _kind("ties", "Tie", "key"),
        _kind("referrals", "Referral", "key"),
        _kind("recommendations", "Recommendation", "key"),
        _kind("invoices", "Invoice", "key"),
        _kind("interactions", "Interaction", "key"),
        _kind("satisfaction", "Satisfaction", "key"),
        _kind("memberships", "Membership", "key"),
        _kind("exchanges", "Exchange", "key"),
    )
}
if set(KINDS) != set(SECTION_BY_NAME):  # a new section needs a label here
    raise AssertionError(f"sections without a label: {set(SECTION_BY_NAME) - set(KINDS)}")

#: The data contract the stored properties follow (stored in ``Network.contract``): a
#: network stored under another contract is refused, and pushed again in full.
CONTRACT = hashlib.blake2b(
    json.dumps([[s.name, [[f.name, f.kind.value] for f in s.fields]] for s in SECTIONS]).encode(
        "utf-8"
    ),
    digest_size=8,
).hexdigest()

#: Every label and relationship type netgraph writes (nothing else is ever created).
#: ``NetworkLock`` nodes exist only inside the transaction that holds a network's write
#: lock, and are never committed.
LABELS: tuple[str, ...] = (
    "Network",
    "NetworkLock",
    "Organisation",
    *(k.label for k in KINDS.values()),
)
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(
    sorted({"WORKS_AT", *(r.type for k in KINDS.values() for r in k.refs)})
)

#: Made before the first write; ``IF NOT EXISTS``, so every push may run them.
CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT netgraph_network IF NOT EXISTS FOR (n:Network) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT netgraph_network_lock IF NOT EXISTS "
    "FOR (n:NetworkLock) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT netgraph_organisation IF NOT EXISTS "
    "FOR (o:Organisation) REQUIRE (o.network, o.key) IS UNIQUE",
    *(k.constraint for k in KINDS.values()),
)


def constraint_name(query: str) -> str:
    """The name a constraint statement of :data:`CONSTRAINTS` gives its constraint."""
    return query.split()[2]


# ------------------------------------------------------------- rows and their keys


def row_hashes(section: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A content hash of every row: its contract fields, then its non-empty extras by name.

    Column order does not matter; an empty extra cell is the same as a missing column.
    """
    fields = SECTION_BY_NAME[section].field_names
    n_fields = len(fields)
    extras = list(header[n_fields:])
    order = sorted(range(len(extras)), key=lambda i: extras[i])
    out = []
    for row in rows:
        extra = [[extras[i], row[n_fields + i]] for i in order if row[n_fields + i] != ""]
        text = json.dumps([section, list(row[:n_fields]), extra], ensure_ascii=False)
        out.append(hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest())
    return out


def event_keys(hashes: Sequence[str]) -> list[str]:
    """Keys of event rows: the row's hash and its occurrence among identical rows.

    Event rows have no ids and identical rows are legal, so the n-th copy of a row gets
    key ``hash:n``: pushing the same rows again finds the same keys.
    """
    seen: Counter[str] = Counter()
    keys = []
    for h in hashes:
        keys.append(f"{h}:{seen[h]}")
        seen[h] += 1
    return keys
