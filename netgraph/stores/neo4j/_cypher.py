"""Every query the Neo4j store runs: fixed ``LiteralString`` text, built from the schema.

No user text ever becomes Cypher text: labels, relationship types and property names
come from :mod:`._schema`; every value (ids, names, notes, extra columns, the network's
name) is a query parameter.

A row travels as a list: ``[key, pos, extras, *fields]`` (people add the organisation's
key and name), so no property name is repeated on every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from ...model._schema import SECTION_BY_NAME, FieldKind
from ._schema import KINDS, Kind

__all__ = [
    "BEGIN_PUSH",
    "DELETE_NETWORK_NODE",
    "DELETE_ORGANISATIONS",
    "DELETE_ORPHAN_ORGANISATIONS",
    "END_PUSH",
    "FIRST_FIELD",
    "LOCK",
    "NAMES",
    "NETWORK_STATE",
    "PING",
    "QUERIES",
    "SHOW_CONSTRAINTS",
    "Queries",
]

# Positions in a row list, as Cypher text (row[3] is the first field).
_AT: tuple[LiteralString, ...] = (
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
    "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30",
    "31",
)  # fmt: skip
FIRST_FIELD = 3
_REF_NODES: tuple[LiteralString, ...] = ("t0", "t1", "t2")


@dataclass(frozen=True)
class Queries:
    """The queries of one section."""

    write: LiteralString  # MERGE a batch of rows ($rows) and their relationships
    read: LiteralString  # every row, as lists, in chunks of $chunk positions
    keys: LiteralString  # every row's key
    delete: LiteralString  # the rows of the keys in $keys
    purge: LiteralString  # up to $limit rows of the network; returns how many


def _people_tail(org_key: LiteralString, org_name: LiteralString) -> LiteralString:
    """People also point at their organisation (compared without case, as the graph
    projection does), so colleagues are one hop apart: ``row[org_key]`` is the
    organisation's key (None without one), ``row[org_name]`` its name as first written."""
    key: LiteralString = "row[" + org_key + "]"
    return (
        "WITH e, row\nCALL (e, row) {\n  MATCH (e)-[w:WORKS_AT]->(o:Organisation)\n"
        "  WHERE " + key + " IS NULL OR o.key <> " + key + "\n  DELETE w\n}\n"
        "WITH e, row\nWHERE " + key + " IS NOT NULL\n"
        "MERGE (o:Organisation {network: $network, key: " + key + "})\n"
        "ON CREATE SET o.name = row[" + org_name + "]\n"
        "MERGE (e)-[:WORKS_AT]->(o)\n"
    )


def _queries(kind: Kind) -> Queries:
    spec = SECTION_BY_NAME[kind.section]
    label, key = kind.label, kind.key
    if FIRST_FIELD + len(spec.fields) + 2 > len(_AT):  # a longer contract: extend _AT
        raise AssertionError(f"{kind.section}: more fields than row positions")
    node: LiteralString = "(e:" + label + " {network: $network, " + key + ": "
    assign: LiteralString = "SET e.pos = row[1], e.extras = row[2]"
    values: LiteralString = "[e.pos, e.extras"
    for i, prop in enumerate(kind.properties):
        assign += ", e." + prop + " = row[" + _AT[FIRST_FIELD + i] + "]"
        is_date = spec.fields[i].kind is FieldKind.DATE
        values += ", toString(e." + prop + ")" if is_date else ", e." + prop
    write: LiteralString = "UNWIND $rows AS row\nMERGE " + node + "row[0]})\n" + assign + "\n"
    for i, ref in enumerate(kind.refs):
        at = _AT[FIRST_FIELD + spec.field_names.index(ref.field)]
        var = _REF_NODES[i]
        write += "WITH e, row\nMATCH (" + var + ":" + ref.target + " {network: $network, id: row["
        write += at + "]})\nMERGE (e)-[:" + ref.type + "]->(" + var + ")\n"
    if kind.section == "people":  # the organisation's key and name follow the fields
        end = FIRST_FIELD + len(spec.fields)
        write += _people_tail(_AT[end], _AT[end + 1])
    scan: LiteralString = (
        "MATCH (e:" + label + " {network: $network}) WHERE e." + key + " IS NOT NULL\n"
    )
    return Queries(
        write=write,
        read=scan + "WITH e.pos / $chunk AS chunk, " + values + "] AS r\n"
        "RETURN chunk, collect(r) AS rows",
        keys=scan + "RETURN e." + key + " AS key",
        delete="UNWIND $keys AS k\nMATCH " + node + "k})\nDETACH DELETE e",
        purge=scan + "WITH e LIMIT $limit\nDETACH DELETE e\nRETURN count(*) AS n",
    )


QUERIES: dict[str, Queries] = {section: _queries(kind) for section, kind in KINDS.items()}

PING: LiteralString = "RETURN 1 AS ok"
SHOW_CONSTRAINTS: LiteralString = "SHOW CONSTRAINTS YIELD name RETURN name"

# The write lock of a network, taken by a transaction that stays open for the whole
# push (or delete) and is then rolled back. Under the uniqueness constraint on
# NetworkLock.name, a second MERGE of the same name waits until the first transaction
# ends; the node itself is never committed. A holder that dies (process killed,
# connection lost, server restarted) releases it with its transaction.
LOCK: LiteralString = """
MERGE (l:NetworkLock {name: $network})
SET l.holder = $holder
RETURN l.holder AS holder
"""

NETWORK_STATE: LiteralString = """
MATCH (n:Network {name: $network})
RETURN n.state AS state, n.digest AS digest, n.schema AS schema, n.contract AS contract,
       n.headers AS headers, n.counts AS counts
"""
BEGIN_PUSH: LiteralString = """
MERGE (n:Network {name: $network})
SET n.state = $state, n.schema = $schema, n.contract = $contract
"""
END_PUSH: LiteralString = """
MATCH (n:Network {name: $network})
SET n.state = $state, n.digest = $digest, n.headers = $headers, n.counts = $counts,
    n.schema = $schema, n.contract = $contract
"""
DELETE_ORPHAN_ORGANISATIONS: LiteralString = """
MATCH (o:Organisation {network: $network})
WHERE o.key IS NOT NULL AND NOT (o)<-[:WORKS_AT]-()
DETACH DELETE o
"""
DELETE_ORGANISATIONS: LiteralString = """
MATCH (o:Organisation {network: $network}) WHERE o.key IS NOT NULL
WITH o LIMIT $limit
DETACH DELETE o
RETURN count(*) AS n
"""
DELETE_NETWORK_NODE: LiteralString = "MATCH (n:Network {name: $network}) DETACH DELETE n"
NAMES: LiteralString = "MATCH (n:Network) WHERE n.name IS NOT NULL RETURN n.name AS name"
