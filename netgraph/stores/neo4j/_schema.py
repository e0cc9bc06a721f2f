"""How a network is laid out in Neo4j: labels, key properties, relationships, row keys.

Every label, relationship type and property name netgraph writes comes from the fixed
tables below (never from user text); :mod:`._cypher` builds its queries from them.
``docs/neo4j.md`` describes the schema.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import LiteralString

from ...model._schema import SECTION_BY_NAME, FieldKind

__all__ = [
    "COMPLETE",
    "CONSTRAINTS",
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


def property_name(name: str, kind: FieldKind) -> str:
    """The property a contract field is stored in: money as whole cents."""
    return f"{name}_cents" if kind is FieldKind.MONEY else name


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


def _kind(
    section: str,
    label: LiteralString,
    key: LiteralString,
    properties: tuple[LiteralString, ...],
    refs: tuple[tuple[str, LiteralString], ...] = (),
) -> Kind:
    spec = SECTION_BY_NAME[section]
    expected = tuple(property_name(f.name, f.kind) for f in spec.fields)
    if properties != expected:  # the contract is the one source: a mismatch is a bug here
        raise AssertionError(f"{section}: properties {properties} do not match {expected}")
    found = tuple(Ref(field, rel, "Group" if field == "group" else "Person") for field, rel in refs)
    return Kind(section, label, key, properties, found)


KINDS: dict[str, Kind] = {
    k.section: k
    for k in (
        _kind(
            "people",
            "Person",
            "id",
            (
                "id",
                "name",
                "organisation",
                "email",
                "role",
                "tags",
                "member",
                "met_at",
                "met_through",
                "why",
                "channel",
            ),
        ),
        _kind("groups", "Group", "id", ("id", "name", "kind")),
        _kind(
            "ties",
            "Tie",
            "key",
            ("a", "b", "strength", "since", "channel"),
            (("a", "A"), ("b", "B")),
        ),
        _kind(
            "referrals",
            "Referral",
            "key",
            ("date", "referrer", "referred", "member", "note"),
            (("referrer", "REFERRER"), ("referred", "REFERRED"), ("member", "MEMBER")),
        ),
        _kind(
            "recommendations",
            "Recommendation",
            "key",
            ("date", "by", "member", "channel", "note"),
            (("by", "BY"), ("member", "MEMBER")),
        ),
        _kind(
            "invoices",
            "Invoice",
            "key",
            ("date", "client", "amount_cents", "member", "currency", "project"),
            (("client", "CLIENT"), ("member", "MEMBER")),
        ),
        _kind(
            "interactions",
            "Interaction",
            "key",
            ("date", "contact", "kind", "member", "note"),
            (("contact", "CONTACT"), ("member", "MEMBER")),
        ),
        _kind(
            "satisfaction",
            "Satisfaction",
            "key",
            ("date", "client", "score", "member"),
            (("client", "CLIENT"), ("member", "MEMBER")),
        ),
        _kind(
            "memberships",
            "Membership",
            "key",
            ("person", "group", "since", "until"),
            (("person", "PERSON"), ("group", "GROUP")),
        ),
        _kind(
            "exchanges",
            "Exchange",
            "key",
            ("date", "from", "to", "kind"),
            (("from", "FROM"), ("to", "TO")),
        ),
    )
}

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
