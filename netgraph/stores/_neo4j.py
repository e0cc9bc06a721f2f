"""The Neo4j store: networks kept in a Neo4j server, on the official ``neo4j`` driver.

This is the only module that imports ``neo4j``, and it does so when a store is opened,
not when the module is imported, so ``import netgraph`` and every command that does
not talk to Neo4j work without the driver installed. Driver types and exceptions never
leave this module: failures become :class:`netgraph.StoreError` with a message that
says what went wrong (unreachable, authentication, missing database), never a password.

No user text ever becomes Cypher text. Labels, relationship types and property names
come from the fixed tables below; every value (ids, names, notes, extra columns, the
network's name) is a query parameter. Extra columns are stored as one JSON text per
row, so their names need no Cypher either. ``docs/neo4j.md`` describes the schema.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, LiteralString, TextIO, TypeVar
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..model._errors import ConfigError, StoreError
from ..model._network import Network, _format_score, format_cents
from ..model._schema import SECTION_BY_NAME, SECTIONS, FieldKind
from ..model._settings import Settings
from ._store import Progress, PushResult, check_name, network_from_text

if TYPE_CHECKING:
    import argparse

    import neo4j

__all__ = [
    "DEFAULT_DATABASE",
    "DEFAULT_USER",
    "Neo4jStore",
    "add_commands",
    "add_connection_options",
    "network_from_args",
    "pull_command",
    "push_command",
]

DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMA_VERSION = 1
BATCH_SIZE = 2000
READ_CHUNK = 5000  # rows per record read back
COMPLETE = "complete"
WRITING = "writing"

_T = TypeVar("_T")


# --------------------------------------------------------------------- the schema


def _property(name: str, kind: FieldKind) -> str:
    return f"{name}_cents" if kind is FieldKind.MONEY else name


@dataclass(frozen=True)
class _Ref:
    """A column that names a person or a group, stored as a relationship too."""

    field: str
    type: LiteralString  # relationship type, (event)-[:TYPE]->(person or group)
    target: LiteralString  # label of the node referred to


@dataclass(frozen=True)
class _Kind:
    """How one section is stored: label, key property, properties, references, queries.

    A row travels as a list: ``[key, pos, extras, *fields]`` (people add the
    organisation's key and name), so no property name is repeated on every row.
    """

    section: str
    label: LiteralString
    key: LiteralString  # "id" for people and groups, "key" for event rows
    properties: tuple[LiteralString, ...]  # one per contract field, in contract order
    refs: tuple[_Ref, ...]
    write: LiteralString
    read: LiteralString
    keys: LiteralString
    delete: LiteralString
    purge: LiteralString  # deletes up to $limit rows of the network, returns how many
    count: LiteralString
    constraint: LiteralString


# Positions in a row list, as Cypher text (row[3] is the first field).
_AT: tuple[LiteralString, ...] = (
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
)  # fmt: skip
_FIRST_FIELD = 3
_REF_NODES: tuple[LiteralString, ...] = ("t0", "t1", "t2")


def _kind(
    section: str,
    label: LiteralString,
    key: LiteralString,
    properties: tuple[LiteralString, ...],
    refs: tuple[tuple[str, LiteralString], ...] = (),
    *,
    tail: LiteralString = "",
) -> _Kind:
    spec = SECTION_BY_NAME[section]
    expected = tuple(_property(f.name, f.kind) for f in spec.fields)
    if properties != expected:  # the contract is the one source: a mismatch is a bug here
        raise AssertionError(f"{section}: properties {properties} do not match {expected}")
    node: LiteralString = "(e:" + label + " {network: $network, " + key + ": "
    assign: LiteralString = "SET e.pos = row[1], e.extras = row[2]"
    values: LiteralString = "[e.pos, e.extras"
    for i, prop in enumerate(properties):
        assign += ", e." + prop + " = row[" + _AT[_FIRST_FIELD + i] + "]"
        is_date = spec.fields[i].kind is FieldKind.DATE
        values += ", toString(e." + prop + ")" if is_date else ", e." + prop
    write: LiteralString = "UNWIND $rows AS row\nMERGE " + node + "row[0]})\n" + assign + "\n"
    found: list[_Ref] = []
    for i, (field, rel) in enumerate(refs):
        target: LiteralString = "Group" if field == "group" else "Person"
        found.append(_Ref(field, rel, target))
        at = _AT[_FIRST_FIELD + spec.field_names.index(field)]
        var = _REF_NODES[i]
        write += "WITH e, row\nMATCH (" + var + ":" + target + " {network: $network, id: row["
        write += at + "]})\nMERGE (e)-[:" + rel + "]->(" + var + ")\n"
    scan: LiteralString = (
        "MATCH (e:" + label + " {network: $network}) WHERE e." + key + " IS NOT NULL\n"
    )
    return _Kind(
        section=section,
        label=label,
        key=key,
        properties=properties,
        refs=tuple(found),
        write=write + tail,
        read=scan + "WITH e.pos / $chunk AS chunk, " + values + "] AS r\n"
        "RETURN chunk, collect(r) AS rows",
        keys=scan + "RETURN e." + key + " AS key",
        delete="UNWIND $keys AS k\nMATCH " + node + "k})\nDETACH DELETE e",
        purge=scan + "WITH e LIMIT $limit\nDETACH DELETE e\nRETURN count(*) AS n",
        count=scan + "RETURN count(e) AS n",
        constraint="CREATE CONSTRAINT netgraph_"
        + label.lower()
        + " IF NOT EXISTS FOR (e:"
        + label
        + ") REQUIRE (e.network, e."
        + key
        + ") IS UNIQUE",
    )


# People also point at their organisation (compared without case, as the graph
# projection does), so colleagues are one hop apart: row[14] is the organisation's key
# (None without one), row[15] its name as first written.
_PEOPLE_TAIL: LiteralString = """WITH e, row
CALL (e, row) {
  MATCH (e)-[w:WORKS_AT]->(o:Organisation)
  WHERE row[14] IS NULL OR o.key <> row[14]
  DELETE w
}
WITH e, row
WHERE row[14] IS NOT NULL
MERGE (o:Organisation {network: $network, key: row[14]})
ON CREATE SET o.name = row[15]
MERGE (e)-[:WORKS_AT]->(o)
"""

_KINDS: dict[str, _Kind] = {
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
            tail=_PEOPLE_TAIL,
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
LABELS: tuple[str, ...] = ("Network", "Organisation", *(k.label for k in _KINDS.values()))
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(
    sorted({"WORKS_AT", *(r.type for k in _KINDS.values() for r in k.refs)})
)

_CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT netgraph_network IF NOT EXISTS FOR (n:Network) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT netgraph_organisation IF NOT EXISTS "
    "FOR (o:Organisation) REQUIRE (o.network, o.key) IS UNIQUE",
    *(k.constraint for k in _KINDS.values()),
)


_NETWORK_STATE: LiteralString = """
MATCH (n:Network {name: $network})
RETURN n.state AS state, n.digest AS digest, n.schema AS schema,
       n.headers AS headers, n.counts AS counts
"""
_BEGIN_PUSH: LiteralString = """
MERGE (n:Network {name: $network})
SET n.state = $state, n.schema = $schema
"""
_END_PUSH: LiteralString = """
MATCH (n:Network {name: $network})
SET n.state = $state, n.digest = $digest, n.headers = $headers, n.counts = $counts,
    n.schema = $schema
"""
_DELETE_ORPHAN_ORGANISATIONS: LiteralString = """
MATCH (o:Organisation {network: $network})
WHERE o.key IS NOT NULL AND NOT (o)<-[:WORKS_AT]-()
DETACH DELETE o
"""
_DELETE_ORGANISATIONS: LiteralString = """
MATCH (o:Organisation {network: $network}) WHERE o.key IS NOT NULL
WITH o LIMIT $limit
DETACH DELETE o
RETURN count(*) AS n
"""
_DELETE_NETWORK_NODE: LiteralString = "MATCH (n:Network {name: $network}) DETACH DELETE n"
_NAMES: LiteralString = "MATCH (n:Network) WHERE n.name IS NOT NULL RETURN n.name AS name"
_GDS_VERSION: LiteralString = "CALL gds.version() YIELD gdsVersion RETURN gdsVersion AS version"

# The graph projection of netgraph.graph._projection.project, in Cypher: one row per
# unordered pair of people (by row position), weights summed and capped.
_EDGES: LiteralString = """
CALL () {
  MATCH (t:Tie {network: $network})-[:A]->(a:Person), (t)-[:B]->(b:Person)
  WHERE t.key IS NOT NULL AND (t.since IS NULL OR t.since <= $as_of)
  RETURN a, b, toFloat(t.strength) AS w
  UNION ALL
  MATCH (r:Referral {network: $network})-[:REFERRER]->(x:Person),
        (r)-[:REFERRED]->(y:Person), (r)-[:MEMBER]->(m:Person)
  WHERE r.key IS NOT NULL AND r.date <= $as_of
  UNWIND [[x, y], [x, m], [y, m]] AS pair
  RETURN pair[0] AS a, pair[1] AS b, $referral_weight AS w
  UNION ALL
  MATCH (x:Exchange {network: $network})-[:FROM]->(a:Person), (x)-[:TO]->(b:Person)
  WHERE x.key IS NOT NULL AND x.date <= $as_of
  RETURN a, b, $exchange_weight AS w
  UNION ALL
  CALL () {
    MATCH (i:Invoice {network: $network})-[:MEMBER]->(m:Person), (i)-[:CLIENT]->(c:Person)
    WHERE i.key IS NOT NULL AND i.date <= $as_of
    RETURN m, c
    UNION
    MATCH (i:Interaction {network: $network})-[:MEMBER]->(m:Person), (i)-[:CONTACT]->(c:Person)
    WHERE i.key IS NOT NULL AND i.date <= $as_of
    RETURN m, c
    UNION
    MATCH (s:Satisfaction {network: $network})-[:MEMBER]->(m:Person), (s)-[:CLIENT]->(c:Person)
    WHERE s.key IS NOT NULL AND s.date <= $as_of
    RETURN m, c
  }
  RETURN m AS a, c AS b, $member_event_weight AS w
  UNION ALL
  MATCH (o:Organisation {network: $network})<-[:WORKS_AT]-(p:Person)
  WHERE o.key IS NOT NULL
  WITH o, collect(p) AS staff
  WHERE size(staff) >= 2 AND size(staff) <= $max_organisation_size
  UNWIND staff AS a
  UNWIND staff AS b
  WITH a, b WHERE a.pos < b.pos
  RETURN a, b, $organisation_weight AS w
}
WITH a, b, w WHERE a <> b
WITH CASE WHEN a.pos < b.pos THEN a ELSE b END AS lo,
     CASE WHEN a.pos < b.pos THEN b ELSE a END AS hi, w
WITH lo, hi, sum(w) AS w
WITH lo, hi, CASE WHEN w > $max_edge_weight THEN $max_edge_weight ELSE w END AS w
WHERE w > 0
"""
_STREAM_EDGES: LiteralString = _EDGES + "RETURN lo.pos AS lo, hi.pos AS hi, w"
_GDS_PROJECT: LiteralString = (
    "CALL () {\n"
    + _EDGES
    + """RETURN lo AS source, hi AS target, w
  UNION ALL
  MATCH (p:Person {network: $network}) WHERE p.id IS NOT NULL
  RETURN p AS source, null AS target, 0.0 AS w
}
WITH gds.graph.project($graph, source, target,
       {relationshipProperties: {weight: w}},
       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
"""
)
_GDS_PAGERANK: LiteralString = """
CALL gds.pageRank.stream($graph, {
  relationshipWeightProperty: 'weight', dampingFactor: $damping,
  maxIterations: $max_iterations, tolerance: $tolerance, concurrency: 1})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).pos AS pos, score
"""
_GDS_LOUVAIN: LiteralString = """
CALL gds.louvain.stream($graph, {relationshipWeightProperty: 'weight', concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).pos AS pos, communityId AS community
"""
_GDS_DROP: LiteralString = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"
_PEOPLE_IDS: LiteralString = """
MATCH (p:Person {network: $network}) WHERE p.id IS NOT NULL
RETURN p.pos AS pos, p.id AS id
"""
_REVENUE: LiteralString = """
MATCH (i:Invoice {network: $network})
WHERE i.key IS NOT NULL AND ($since IS NULL OR i.date > $since) AND i.date <= $until
RETURN i.member AS member, i.client AS contact, i.currency AS currency,
       sum(i.amount_cents) AS cents
"""
_COUNT_QUERIES: dict[str, LiteralString] = {
    "referrals": "MATCH (e:Referral {network: $network})",
    "recommendations": "MATCH (e:Recommendation {network: $network})",
    "invoices": "MATCH (e:Invoice {network: $network})",
    "interactions": "MATCH (e:Interaction {network: $network})",
    "satisfaction": "MATCH (e:Satisfaction {network: $network})",
}
_COUNT_TAIL: LiteralString = """
WHERE e.key IS NOT NULL AND ($since IS NULL OR e.date > $since) AND e.date <= $until
RETURN e.member AS member, count(e) AS n
"""


# ------------------------------------------------------------- rows and their keys


def _row_hashes(section: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
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


def _event_keys(hashes: Sequence[str]) -> list[str]:
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


@dataclass
class _Encoded:
    """A network prepared for a push: text rows, keys, and what the Network node holds."""

    text: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]
    keys: dict[str, list[str]]
    digest: str
    headers: str  # JSON: extra columns of each section, in order
    counts: str  # JSON: rows of each section

    @property
    def rows(self) -> int:
        return sum(len(rows) for _, rows in self.text.values())


def _encode(network: Network) -> _Encoded:
    text: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {}
    keys: dict[str, list[str]] = {}
    digest = hashlib.blake2b(digest_size=20)
    extras: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for section in SECTIONS:
        header = network.header(section.name)
        rows = [tuple(row.values()) for row in network.rows(section.name)]
        hashes = _row_hashes(section.name, header, rows)
        text[section.name] = (header, rows)
        if section.name in ("people", "groups"):
            keys[section.name] = [row[0] for row in rows]
        else:
            keys[section.name] = _event_keys(hashes)
        extra = list(header[len(section.fields) :])
        if extra:
            extras[section.name] = extra
        counts[section.name] = len(rows)
        digest.update(json.dumps([section.name, extra], ensure_ascii=False).encode("utf-8"))
        digest.update("\n".join(hashes).encode("ascii"))
        digest.update(b"\x1e")
    return _Encoded(
        text,
        keys,
        digest.hexdigest(),
        json.dumps(extras, ensure_ascii=False),
        json.dumps(counts),
    )


def _typed(kind: FieldKind, value: str) -> Any:
    """A cell's text as the Neo4j value stored for it (None: no property)."""
    if value == "":
        return [] if kind is FieldKind.TAGS else None
    if kind is FieldKind.DATE:
        return date.fromisoformat(value)
    if kind is FieldKind.MONEY:
        whole, _, cents = value.partition(".")
        return int(whole) * 100 + int(cents.ljust(2, "0"))
    if kind is FieldKind.INT:
        return int(value)
    if kind is FieldKind.SCORE:
        return float(value)
    if kind is FieldKind.YESNO:
        return value == "yes"
    if kind is FieldKind.TAGS:
        return value.split(";")
    return value


def _batches(section: str, encoded: _Encoded, size: int) -> Iterator[tuple[int, list[list[Any]]]]:
    """The rows of a section as query parameters, ``size`` at a time, with their end.

    Each row is ``[key, pos, extras, *fields]``; people add the organisation's key and
    name (see ``_PEOPLE_TAIL``).
    """
    spec = SECTION_BY_NAME[section]
    header, rows = encoded.text[section]
    keys = encoded.keys[section]
    n_fields = len(spec.fields)
    extra_names = header[n_fields:]
    kinds = [f.kind for f in spec.fields]
    org = spec.field_names.index("organisation") if section == "people" else -1
    batch: list[list[Any]] = []
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):
        extras = None
        if extra_names:
            extra = {n: v for n, v in zip(extra_names, row[n_fields:], strict=True) if v != ""}
            extras = json.dumps(extra, ensure_ascii=False) if extra else None
        item: list[Any] = [key, position, extras]
        item += [_typed(kind, value) for kind, value in zip(kinds, row, strict=False)]
        if org >= 0:
            name = row[org].strip()
            item += [name.casefold() or None, name]
        batch.append(item)
        if len(batch) >= size:
            yield position + 1, batch
            batch = []
    if batch:
        yield len(rows), batch


def _text(kind: FieldKind, value: Any) -> str:
    """The contract's text of a value read from Neo4j (dates come as ISO text)."""
    if value is None:
        return ""
    if kind is FieldKind.MONEY:
        return format_cents(int(value))
    if kind is FieldKind.INT:
        return str(int(value))
    if kind is FieldKind.SCORE:
        return _format_score(float(value))
    if kind is FieldKind.YESNO:
        return "yes" if value else "no"
    if kind is FieldKind.TAGS:
        return ";".join(value)
    return str(value)


def _rows_read(
    section: str, extras: Sequence[str], chunks: Sequence[Sequence[Any]], expected: int
) -> list[list[str]] | None:
    """Text rows, in pushed order, from the values read back (None if not all there)."""
    kinds = [f.kind for f in SECTION_BY_NAME[section].fields]
    plain = {FieldKind.ID, FieldKind.TEXT, FieldKind.PERSON, FieldKind.GROUP, FieldKind.MEMBER}
    rows: list[list[str] | None] = [None] * expected
    found = 0
    for chunk in chunks:
        for values in chunk:
            pos = values[0]
            if not isinstance(pos, int) or not 0 <= pos < expected or rows[pos] is not None:
                return None
            row = [
                (v if isinstance(v, str) else "" if v is None else _text(k, v))
                if k in plain
                else _text(k, v)
                for k, v in zip(kinds, values[2:], strict=True)
            ]
            if extras:
                extra = json.loads(values[1]) if values[1] else {}
                row += [str(extra.get(column, "")) for column in extras]
            rows[pos] = row
            found += 1
    if found != expected:
        return None
    return rows  # type: ignore[return-value]  # every position is filled: found == expected


# ------------------------------------------------------------------ connections


_NO_DRIVER = (
    "the Neo4j store needs the Neo4j driver: pip install 'neo4j>=5.26' "
    "(the neo4j extra: 'netgraph-value[neo4j]')"
)


def _driver_api() -> ModuleType:
    try:
        import neo4j
    except ImportError:
        raise StoreError(_NO_DRIVER) from None
    if not hasattr(neo4j, "GraphDatabase"):  # a folder named neo4j, not the driver
        raise StoreError(_NO_DRIVER)
    # The driver logs retries and notices as warnings; with no logging set up Python
    # would print them on stderr, and a library never prints. An application that sets
    # up logging still sees them.
    logger = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    return neo4j


def _shown_uri(uri: str) -> str:
    """The URI without any user or password in it."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<an invalid URI>"
    if "@" not in parts.netloc:
        return uri
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"***@{host}").geturl()


_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _check_uri(uri: str, shown: str) -> None:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise StoreError(f"not a Neo4j URI: {shown}") from None
    if parts.scheme not in _SCHEMES:
        raise StoreError(
            f"not a Neo4j URI: {shown} (expected one of {', '.join(s + '://' for s in _SCHEMES)})"
        )
    if "@" in parts.netloc:
        raise StoreError(
            f"a Neo4j URI must not hold a user or password: {shown}; "
            "use NEO4J_USERNAME and NEO4J_PASSWORD"
        )
    if not parts.hostname:
        raise StoreError(f"not a Neo4j URI: {shown} (no host)")


class Neo4jStore:
    """Networks kept in a Neo4j server (5.26 or newer), each under a name.

    Parameters
    ----------
    uri
        The server, e.g. ``bolt://localhost:7687`` or ``neo4j+s://host``; default
        ``$NEO4J_URI``.
    user
        Default ``$NEO4J_USERNAME``, else ``neo4j``.
    password
        Default ``$NEO4J_PASSWORD``; without one, no authentication is sent. It is
        handed to the driver and not kept: it never appears in a repr or an error.
    database
        Default ``$NEO4J_DATABASE``, else ``neo4j``.
    timeout
        Seconds to wait for a connection, and for the retries of a failed transaction.
    batch_size
        Rows written per transaction.

    The connection is checked when the store is made: an unreachable server, a wrong
    password or a missing database raise :class:`netgraph.StoreError` at once. Use it
    as a context manager, or call :meth:`close`.

    Examples
    --------
    >>> import netgraph
    >>> with netgraph.Neo4jStore("bolt://localhost:7687") as store:  # doctest: +SKIP
    ...     store.push(netgraph.example_network(), "sanne")
    ...     network = store.pull("sanne")
    """

    def __init__(
        self,
        uri: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        timeout: float = 10.0,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        uri = uri or os.environ.get("NEO4J_URI") or ""
        if not uri:
            raise StoreError("no Neo4j server given: pass a URI or set NEO4J_URI")
        self.uri = _shown_uri(uri)
        self.user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        if batch_size < 1:
            raise StoreError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._api = _driver_api()
        if password is None:
            password = os.environ.get("NEO4J_PASSWORD")
        self._has_password = bool(password)
        auth = (self.user, password) if password else None
        self._gds: bool | None = None
        self._constraints_checked = False
        _check_uri(uri, self.uri)
        error: StoreError | None = None
        try:
            self._driver: neo4j.Driver = self._api.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout,
                notifications_min_severity="OFF",
                user_agent="netgraph",
            )
        except (ValueError, self._api.exceptions.ConfigurationError):
            # the driver's message may repeat the URI as given: say it in our own words
            error = StoreError(f"not a Neo4j URI the driver accepts: {self.uri}")
        del password, auth
        if error is not None:
            raise error
        try:
            self._call(lambda: self._driver.verify_connectivity())
            self._read("RETURN 1 AS ok")
        except StoreError:
            self._driver.close()
            raise

    # -- plumbing -----------------------------------------------------------
    def _call(self, work: Callable[[], _T]) -> _T:
        """Run driver work; its exceptions become a StoreError with no driver type attached."""
        api = self._api
        try:
            return work()
        except api.exceptions.AuthError:
            message = f"authentication failed at {self.uri} for user {self.user!r}" + (
                "" if self._has_password else " (no password given: set NEO4J_PASSWORD)"
            )
        except (
            api.exceptions.ServiceUnavailable,
            api.exceptions.SessionExpired,
            api.exceptions.ConnectionPoolError,
        ) as exc:
            message = f"cannot reach the Neo4j server at {self.uri}: {_reason(exc)}"
        except api.exceptions.Neo4jError as exc:
            code = str(getattr(exc, "code", "") or "")
            if code.endswith("AuthenticationRateLimit"):
                message = (
                    f"authentication failed at {self.uri} for user {self.user!r}: too many "
                    "failed logins in a row; the server refuses logins for a few seconds"
                )
            elif code.endswith("DatabaseNotFound"):
                message = f"no database {self.database!r} on the Neo4j server at {self.uri}"
            elif code.endswith("ProcedureNotFound") or code.endswith("UnknownFunction"):
                message = f"a procedure is missing on the Neo4j server at {self.uri}: {exc.message}"
            else:
                message = f"Neo4j error at {self.uri}: {code}: {_first_line(exc.message or exc)}"
        except api.exceptions.DriverError as exc:
            message = f"Neo4j driver error with {self.uri}: {_first_line(exc)}"
        except OSError as exc:
            message = f"cannot reach the Neo4j server at {self.uri}: {exc.strerror or exc}"
        raise StoreError(message)

    def _query(self, query: LiteralString, **parameters: Any) -> list[dict[str, Any]]:
        def work() -> list[dict[str, Any]]:
            records, _, _ = self._driver.execute_query(query, parameters, database_=self.database)
            return [dict(zip(r.keys(), r.values(), strict=True)) for r in records]

        return self._call(work)

    def _read(self, query: LiteralString, **parameters: Any) -> list[dict[str, Any]]:
        def work() -> list[dict[str, Any]]:
            records, _, _ = self._driver.execute_query(
                query, parameters, database_=self.database, routing_="r"
            )
            return [dict(zip(r.keys(), r.values(), strict=True)) for r in records]

        return self._call(work)

    def _write(self, query: LiteralString, **parameters: Any) -> None:
        def tx(tx: neo4j.ManagedTransaction) -> None:
            tx.run(query, parameters).consume()

        def work() -> None:
            with self._driver.session(database=self.database) as session:
                session.execute_write(tx)

        self._call(work)

    def _ensure_constraints(self) -> None:
        if self._constraints_checked:
            return
        present = {row["name"] for row in self._read("SHOW CONSTRAINTS YIELD name RETURN name")}
        for query in _CONSTRAINTS:
            name = query.split()[2]
            if name in present:
                continue
            try:
                self._query(query)
            except StoreError:
                # a concurrent push may have made it first; anything else shows below
                again = self._read("SHOW CONSTRAINTS YIELD name RETURN name")
                if name not in {row["name"] for row in again}:
                    raise
        self._constraints_checked = True

    # -- the store contract ---------------------------------------------------
    def push(
        self,
        network: Network,
        name: str,
        *,
        progress: Progress | None = None,
        force: bool = False,
    ) -> PushResult:
        """Store ``network`` under ``name``, replacing what was stored there.

        Uniqueness constraints are made first; rows are written in batches of
        ``batch_size`` with ``MERGE`` on their keys, so the push is idempotent and a
        push that was cut off (server down, process killed) completes when run again.
        Rows of an earlier version that the network no longer has are deleted at the
        end; the network is marked complete only when every row is in place. When the
        stored network is already this one (same content hash) nothing is written,
        unless ``force``.
        """
        name = check_name(name)
        if not isinstance(network, Network):
            raise StoreError(f"expected a Network, got {type(network).__name__}")
        encoded = _encode(network)
        total = encoded.rows
        self._ensure_constraints()
        state = self._read(_NETWORK_STATE, network=name)
        if (
            not force
            and state
            and state[0]["state"] == COMPLETE
            and state[0]["digest"] == encoded.digest
            and state[0]["schema"] == SCHEMA_VERSION
        ):
            return PushResult(name, total, 0, 0, True)
        self._write(_BEGIN_PUSH, network=name, state=WRITING, schema=SCHEMA_VERSION)
        if progress is not None:
            for section in SECTIONS:
                progress(section.name, 0, len(encoded.keys[section.name]))
        written = 0
        for section in SECTIONS:
            kind = _KINDS[section.name]
            n = len(encoded.keys[section.name])
            for done, batch in _batches(section.name, encoded, self.batch_size):
                self._write(kind.write, network=name, rows=batch)
                written += len(batch)
                if progress is not None:
                    progress(section.name, done, n)
        deleted = 0
        for section in reversed(SECTIONS):  # events before the people they point at
            kind = _KINDS[section.name]
            wanted = set(encoded.keys[section.name])
            stored = [row["key"] for row in self._read(kind.keys, network=name)]
            stale = [k for k in stored if k not in wanted]
            for start in range(0, len(stale), self.batch_size):
                chunk = stale[start : start + self.batch_size]
                self._write(kind.delete, network=name, keys=chunk)
            deleted += len(stale)
            if len(stored) - len(stale) != len(wanted):
                raise StoreError(
                    f"network {name!r} changed in {self.database!r} while it was being "
                    f"pushed ({section.name}); push it again"
                )
        self._write(_DELETE_ORPHAN_ORGANISATIONS, network=name)
        self._write(
            _END_PUSH,
            network=name,
            state=COMPLETE,
            digest=encoded.digest,
            headers=encoded.headers,
            counts=encoded.counts,
            schema=SCHEMA_VERSION,
        )
        return PushResult(name, total, written, deleted, False)

    def pull(self, name: str, *, progress: Progress | None = None) -> Network:
        """The network stored under ``name``, checked like any other input.

        Raises
        ------
        StoreError
            If there is no network of that name, if its last push did not finish, or if
            what is stored does not match what was pushed.
        """
        name = check_name(name)
        state = self._read(_NETWORK_STATE, network=name)
        where = f"in database {self.database!r} at {self.uri}"
        if not state:
            raise StoreError(f"no network named {name!r} {where}")
        node = state[0]
        if node["schema"] != SCHEMA_VERSION:
            raise StoreError(
                f"network {name!r} {where} was stored by another version of netgraph "
                f"(schema {node['schema']}); push it again"
            )
        if node["state"] != COMPLETE:
            raise StoreError(
                f"network {name!r} {where} is incomplete: a push did not finish (or is "
                "still running); push it again"
            )
        headers: dict[str, list[str]] = json.loads(node["headers"])
        counts: dict[str, int] = json.loads(node["counts"])
        if progress is not None:
            for section in SECTIONS:
                progress(section.name, 0, counts.get(section.name, 0))
        sections: dict[str, tuple[list[str], list[list[str]]]] = {}
        for section in SECTIONS:
            expected = counts.get(section.name, 0)
            chunks = []
            if expected:
                query = _KINDS[section.name].read
                found = self._read(query, network=name, chunk=READ_CHUNK)
                chunks = [record["rows"] for record in found]
            rows = _rows_read(section.name, headers.get(section.name, []), chunks, expected)
            if rows is None:
                stored = sum(len(c) for c in chunks)
                raise StoreError(
                    f"network {name!r} {where} does not hold what was pushed "
                    f"({section.name}: {stored} rows stored, {expected} pushed); "
                    "push it again"
                )
            sections[section.name] = ([*section.field_names, *headers.get(section.name, [])], rows)
            if progress is not None:
                progress(section.name, expected, expected)
        network = network_from_text(sections, f"neo4j network {name!r}")
        if _encode(network).digest != node["digest"]:
            raise StoreError(
                f"network {name!r} {where} changed while it was read, or was edited outside "
                "netgraph; push it again"
            )
        return network

    def names(self) -> tuple[str, ...]:
        """The names of the networks in the database, sorted."""
        return tuple(sorted(str(row["name"]) for row in self._read(_NAMES)))

    def delete(self, name: str) -> bool:
        """Remove the network stored under ``name``; False if there was none."""
        name = check_name(name)
        existed = bool(self._read(_NETWORK_STATE, network=name))
        found = existed
        self._write(_BEGIN_PUSH, network=name, state=WRITING, schema=SCHEMA_VERSION)
        for section in reversed(SECTIONS):
            purge = _KINDS[section.name].purge
            while self._query(purge, network=name, limit=self.batch_size)[0]["n"]:
                found = True
        while self._query(_DELETE_ORGANISATIONS, network=name, limit=self.batch_size)[0]["n"]:
            found = True
        self._write(_DELETE_NETWORK_NODE, network=name)
        return found

    def close(self) -> None:
        """Close the connections to the server."""
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    # -- work pushed down to the database --------------------------------------
    def row_counts(self, name: str) -> dict[str, int]:
        """Rows stored per section (nodes with the section's label), counted in Neo4j."""
        name = check_name(name)
        return {
            s.name: int(self._read(_KINDS[s.name].count, network=name)[0]["n"]) for s in SECTIONS
        }

    def revenue(
        self, name: str, *, until: date, since: date | None = None
    ) -> dict[tuple[str, str, str], int]:
        """Invoiced cents per ``(member, contact, currency)`` dated in ``(since, until]``.

        Summed in Cypher over integer cents, so the sums are exact.
        """
        name = check_name(name)
        rows = self._read(_REVENUE, network=name, since=since, until=until)
        return {(r["member"], r["contact"], r["currency"]): int(r["cents"]) for r in rows}

    def event_counts(
        self, name: str, *, until: date, since: date | None = None
    ) -> dict[tuple[str, str], int]:
        """Rows per ``(section, member)`` dated in ``(since, until]``, counted in Cypher.

        Sections: referrals, recommendations, invoices, interactions, satisfaction.
        """
        name = check_name(name)
        out: dict[tuple[str, str], int] = {}
        for section, match in _COUNT_QUERIES.items():
            for r in self._read(match + _COUNT_TAIL, network=name, since=since, until=until):
                out[(section, r["member"])] = int(r["n"])
        return out

    def gds_available(self) -> bool:
        """Whether the Graph Data Science procedures answer (``CALL gds.version()``)."""
        if self._gds is None:
            try:
                self._read(_GDS_VERSION)
            except StoreError:
                self._gds = False
            else:
                self._gds = True
        return self._gds

    def gds_version(self) -> str | None:
        """The version of the Graph Data Science library, or None without it."""
        if not self.gds_available():
            return None
        return str(self._read(_GDS_VERSION)[0]["version"])

    def _people(self, name: str) -> list[str]:
        rows = self._read(_PEOPLE_IDS, network=name)
        ids = [""] * len(rows)
        for r in rows:
            ids[int(r["pos"])] = str(r["id"])
        return ids

    def _projection_parameters(self, as_of: date, settings: Settings) -> dict[str, Any]:
        return {
            "as_of": as_of,
            "referral_weight": float(settings.referral_weight),
            "exchange_weight": float(settings.exchange_weight),
            "member_event_weight": float(settings.member_event_weight),
            "organisation_weight": float(settings.organisation_weight),
            "max_organisation_size": int(settings.max_organisation_size),
            "max_edge_weight": float(settings.max_edge_weight),
        }

    def projection(
        self, name: str, *, as_of: date, settings: Settings | None = None
    ) -> tuple[tuple[str, ...], sp.csr_array]:
        """The weighted contact graph as of a date, computed in Cypher and streamed.

        The same graph as the in-memory projection (people in row order, weights summed
        in the database, so equal up to floating-point rounding): the person ids, and
        the symmetric adjacency matrix.
        """
        name = check_name(name)
        settings = settings or Settings()
        ids = self._people(name)
        rows = self._read(
            _STREAM_EDGES, network=name, **self._projection_parameters(as_of, settings)
        )
        n = len(ids)
        lo = np.array([r["lo"] for r in rows], dtype=np.int64)
        hi = np.array([r["hi"] for r in rows], dtype=np.int64)
        w = np.array([r["w"] for r in rows], dtype=np.float64)
        matrix = sp.coo_array(
            (np.concatenate([w, w]), (np.concatenate([lo, hi]), np.concatenate([hi, lo]))),
            shape=(n, n),
        ).tocsr()
        matrix.sort_indices()
        return tuple(ids), matrix

    def pagerank(
        self,
        name: str,
        *,
        as_of: date,
        settings: Settings | None = None,
        use_gds: bool | None = None,
    ) -> dict[str, float]:
        """PageRank of every person (summing to 1) on the graph as of a date.

        With the Graph Data Science library (``use_gds`` None: when it answers) the
        graph is projected and ranked inside Neo4j; otherwise the projection is
        streamed and ranked here with netgraph's own kernel. GDS scores are rescaled to
        sum to 1; they agree with the in-memory ones to about 1e-6 (see docs/neo4j.md).
        """
        from ..graph.kernels import pagerank

        settings = settings or Settings()
        if self._use_gds(use_gds):
            found = self._with_gds_graph(
                name,
                as_of,
                settings,
                _GDS_PAGERANK,
                damping=float(settings.damping),
                max_iterations=1000,
                tolerance=1e-12,
            )
            ids = self._people(name)
            scores = np.zeros(len(ids))
            for r in found:
                scores[int(r["pos"])] = float(r["score"])
            total = scores.sum()
            if total > 0:
                scores /= total
            return dict(zip(ids, scores.tolist(), strict=True))
        ids_, adjacency = self.projection(name, as_of=as_of, settings=settings)
        result = pagerank(adjacency, damping=settings.damping, tol=settings.pagerank_tolerance)
        return dict(zip(ids_, result.scores.tolist(), strict=True))

    def communities(
        self,
        name: str,
        *,
        as_of: date,
        settings: Settings | None = None,
        use_gds: bool | None = None,
    ) -> dict[str, int]:
        """A community label for every person (Louvain) on the graph as of a date.

        With the Graph Data Science library, GDS's Louvain inside Neo4j; otherwise
        netgraph's own kernel on the streamed projection. Different implementations
        find different partitions of about the same modularity (see docs/neo4j.md).
        """
        from ..graph.kernels import communities

        settings = settings or Settings()
        if self._use_gds(use_gds):
            found = self._with_gds_graph(name, as_of, settings, _GDS_LOUVAIN)
            ids = self._people(name)
            labels = np.zeros(len(ids), dtype=np.int64)
            for r in found:
                labels[int(r["pos"])] = int(r["community"])
            _, canonical = np.unique(labels, return_inverse=True)
            return dict(zip(ids, canonical.tolist(), strict=True))
        ids_, adjacency = self.projection(name, as_of=as_of, settings=settings)
        found_labels: npt.NDArray[np.int64] = communities(adjacency, seed=settings.community_seed)
        return dict(zip(ids_, found_labels.tolist(), strict=True))

    def _use_gds(self, use_gds: bool | None) -> bool:
        if use_gds is None:
            return self.gds_available()
        if use_gds and not self.gds_available():
            raise StoreError(
                f"the Graph Data Science library is not installed on the server at {self.uri}"
            )
        return use_gds

    def _with_gds_graph(
        self,
        name: str,
        as_of: date,
        settings: Settings,
        query: LiteralString,
        **parameters: Any,
    ) -> list[dict[str, Any]]:
        name = check_name(name)
        graph = f"netgraph-{uuid.uuid4().hex}"
        self._query(
            _GDS_PROJECT,
            network=name,
            graph=graph,
            **self._projection_parameters(as_of, settings),
        )
        try:
            return self._query(query, graph=graph, **parameters)
        finally:
            self._query(_GDS_DROP, graph=graph)


def _reason(exc: BaseException) -> str:
    """The useful end of a driver's connection error: ``Connection refused``, not a repr."""
    text = str(exc).strip()
    found = re.search(r"\(reason (.*)\)\s*$", text)
    reason = found.group(1) if found else (text.splitlines()[-1] if text else "")
    reason = re.sub(r"^\[Errno -?\d+\]\s*", "", reason).strip()
    return reason or type(exc).__name__


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__


# ------------------------------------------------------------------- command line

PROGRESS_MIN_ROWS = 10_000  # below this, a push or pull is quick: no progress line


def add_connection_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """The options that say which Neo4j server and network a command uses."""
    group = parser.add_argument_group("Neo4j")
    group.add_argument(
        "--neo4j",
        metavar="URI",
        nargs="?",
        const="",
        required=required,
        help="the Neo4j server, e.g. bolt://localhost:7687 (--neo4j alone: $NEO4J_URI)",
    )
    group.add_argument(
        "--network", metavar="NAME", required=required, help="the network's name in Neo4j"
    )
    group.add_argument("--user", metavar="USER", help="default: $NEO4J_USERNAME, else neo4j")
    group.add_argument(
        "--password-env",
        metavar="VAR",
        help="the environment variable that holds the password (default NEO4J_PASSWORD; "
        "a password is never taken from the command line)",
    )
    group.add_argument("--database", metavar="NAME", help="default: $NEO4J_DATABASE, else neo4j")


def add_commands(commands: Any) -> None:
    """The ``push`` and ``pull`` subcommands, on the command line's subparsers."""
    push = commands.add_parser(
        "push",
        help="store a network in Neo4j under a name",
        description="Store a network folder (or .json file) in Neo4j under a name, replacing "
        "what was stored under that name. Pushing the same network again changes nothing; "
        "a push that was cut off completes when run again.",
    )
    push.add_argument("folder", metavar="FOLDER", help="a network folder or a .json file")
    add_connection_options(push, required=True)
    push.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: on a terminal)"
    )
    push.add_argument(
        "--force", action="store_true", help="write every row even if Neo4j holds this network"
    )
    push.set_defaults(run=push_command)

    pull = commands.add_parser(
        "pull",
        help="write a network stored in Neo4j to a folder",
        description="Read a network stored in Neo4j and write it as a network folder (or a "
        ".json file), all or nothing.",
    )
    add_connection_options(pull, required=True)
    pull.add_argument(
        "--into", required=True, metavar="FOLDER", help="the folder (or .json file) to write"
    )
    pull.add_argument(
        "--progress", action="store_true", help="show progress on stderr (default: on a terminal)"
    )
    pull.set_defaults(run=pull_command)


def _open(args: argparse.Namespace) -> tuple[Neo4jStore, str]:
    if not args.network:
        raise ConfigError("--neo4j needs --network NAME: the name of the network in Neo4j")
    uri = args.neo4j or os.environ.get("NEO4J_URI")
    if not uri:
        raise ConfigError("--neo4j needs a URI, or NEO4J_URI set in the environment")
    variable = args.password_env or "NEO4J_PASSWORD"
    password = os.environ.get(variable)
    if args.password_env and password is None:
        raise ConfigError(f"--password-env: the environment variable {variable} is not set")
    store = Neo4jStore(uri, user=args.user, password=password, database=args.database)
    return store, args.network


def network_from_args(args: argparse.Namespace) -> Network:
    """The network ``netgraph score`` reads: from ``--neo4j``/``--network``, or from PATH."""
    from ..io._textio import load_network

    if args.neo4j is None:
        if args.network:
            raise ConfigError("--network needs --neo4j [URI]")
        if not args.path:
            raise ConfigError("give a network: PATH, or --neo4j URI --network NAME")
        return load_network(args.path)
    if args.path:
        raise ConfigError("give either PATH or --neo4j, not both")
    store, name = _open(args)
    with store:
        return store.pull(name)


class _Progress:
    """Rows done, on stderr: one rewritten line on a terminal, a line now and then otherwise."""

    def __init__(self, err: TextIO, verb: str, forced: bool) -> None:
        self.err, self.verb = err, verb
        self.tty = err.isatty()
        self.forced = forced
        self.done: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self.last = 0.0
        self.shown = False

    def __call__(self, section: str, done: int, total: int) -> None:
        self.done[section] = done
        self.totals[section] = total
        rows, all_rows = sum(self.done.values()), sum(self.totals.values())
        if not (self.forced or (self.tty and all_rows >= PROGRESS_MIN_ROWS)) or not done:
            return
        now = time.monotonic()
        if done < total and now - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = now
        self.shown = True
        line = f"{self.verb} {section}: {rows:,} of {all_rows:,} rows"
        self.err.write(f"\r{line}\x1b[K" if self.tty else line + "\n")
        self.err.flush()

    def end(self) -> None:
        if self.shown and self.tty:
            self.err.write("\n")


def push_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``netgraph push FOLDER --neo4j URI --network NAME``."""
    from ..io._textio import load_network

    network = load_network(args.folder)
    store, name = _open(args)
    progress = _Progress(err, "pushing", args.progress)
    started = time.monotonic()
    try:
        with store:
            result = store.push(network, name, progress=progress, force=args.force)
    finally:
        progress.end()
    seconds = time.monotonic() - started
    if result.unchanged:
        out.write(f"network {name!r} in {store.uri} is already this one: nothing written\n")
        return 0
    rate = f", {result.written / seconds:,.0f} rows/s" if seconds > 0 else ""
    out.write(
        f"pushed {args.folder} to network {name!r} in {store.uri}: {result.rows:,} rows "
        f"({result.deleted:,} old rows removed) in {seconds:.1f} s{rate}\n"
    )
    return 0


def pull_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``netgraph pull --neo4j URI --network NAME --into FOLDER``."""
    from ..io._textio import write_folder, write_json

    store, name = _open(args)
    progress = _Progress(err, "pulling", args.progress)
    try:
        with store:
            network = store.pull(name, progress=progress)
    finally:
        progress.end()
    if str(args.into).lower().endswith(".json"):
        write_json(network, args.into)
    else:
        write_folder(network, args.into)
    rows = sum(len(t) for t in network.tables.values())
    out.write(f"pulled network {name!r} from {store.uri} into {args.into}: {rows:,} rows\n")
    return 0
