"""Work pushed down to Neo4j, for cross-checks and timings: not part of netgraph.

netgraph scores a network in memory, from every row (``netgraph score --neo4j`` pulls
the network first). The functions here compute some of the same quantities inside
Neo4j, in Cypher or with the Graph Data Science library (GDS), on a network that
:class:`netgraph.Neo4jStore` pushed. ``tests/neo4j`` checks each against the in-memory
numbers, and ``benchmarks/neo4j_bench.py`` times some of them; ``docs/neo4j.md`` says
how closely they agree.

Every query is fixed text; every value is a parameter, as in the store.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, LiteralString

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netgraph import Neo4jStore, Settings, StoreError
from netgraph.model._schema import SECTIONS
from netgraph.stores._store import check_name
from netgraph.stores.neo4j._schema import KINDS

__all__ = [
    "communities",
    "event_counts",
    "gds_available",
    "gds_version",
    "pagerank",
    "projection",
    "revenue",
    "row_counts",
]

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
_ROW_COUNTS: dict[str, LiteralString] = {
    section: "MATCH (e:" + kind.label + " {network: $network}) WHERE e." + kind.key
    + " IS NOT NULL\nRETURN count(e) AS n"
    for section, kind in KINDS.items()
}  # fmt: skip


def row_counts(store: Neo4jStore, name: str) -> dict[str, int]:
    """Rows stored per section (nodes with the section's label), counted in Neo4j."""
    name = check_name(name)
    return {
        s.name: int(store.query(_ROW_COUNTS[s.name], {"network": name})[0]["n"]) for s in SECTIONS
    }


def revenue(
    store: Neo4jStore, name: str, *, until: date, since: date | None = None
) -> dict[tuple[str, str, str], int]:
    """Invoiced cents per ``(member, contact, currency)`` dated in ``(since, until]``.

    Summed in Cypher over integer cents, so the sums are exact.
    """
    name = check_name(name)
    rows = store.query(_REVENUE, {"network": name, "since": since, "until": until})
    return {(r["member"], r["contact"], r["currency"]): int(r["cents"]) for r in rows}


def event_counts(
    store: Neo4jStore, name: str, *, until: date, since: date | None = None
) -> dict[tuple[str, str], int]:
    """Rows per ``(section, member)`` dated in ``(since, until]``, counted in Cypher.

    Sections: referrals, recommendations, invoices, interactions, satisfaction.
    """
    name = check_name(name)
    out: dict[tuple[str, str], int] = {}
    parameters = {"network": name, "since": since, "until": until}
    for section, match in _COUNT_QUERIES.items():
        for r in store.query(match + _COUNT_TAIL, parameters):
            out[(section, r["member"])] = int(r["n"])
    return out


def gds_available(store: Neo4jStore) -> bool:
    """Whether the Graph Data Science procedures answer (``CALL gds.version()``)."""
    try:
        store.query(_GDS_VERSION)
    except StoreError:
        return False
    return True


def gds_version(store: Neo4jStore) -> str | None:
    """The version of the Graph Data Science library, or None without it."""
    if not gds_available(store):
        return None
    return str(store.query(_GDS_VERSION)[0]["version"])


def _people(store: Neo4jStore, name: str) -> list[str]:
    rows = store.query(_PEOPLE_IDS, {"network": name})
    ids = [""] * len(rows)
    for r in rows:
        ids[int(r["pos"])] = str(r["id"])
    return ids


def _projection_parameters(name: str, as_of: date, settings: Settings) -> dict[str, Any]:
    return {
        "network": name,
        "as_of": as_of,
        "referral_weight": float(settings.referral_weight),
        "exchange_weight": float(settings.exchange_weight),
        "member_event_weight": float(settings.member_event_weight),
        "organisation_weight": float(settings.organisation_weight),
        "max_organisation_size": int(settings.max_organisation_size),
        "max_edge_weight": float(settings.max_edge_weight),
    }


def projection(
    store: Neo4jStore, name: str, *, as_of: date, settings: Settings | None = None
) -> tuple[tuple[str, ...], sp.csr_array]:
    """The weighted contact graph as of a date, computed in Cypher and streamed.

    The same graph as the in-memory projection (people in row order, weights summed
    in the database, so equal up to floating-point rounding): the person ids, and
    the symmetric adjacency matrix.
    """
    name = check_name(name)
    settings = settings or Settings()
    ids = _people(store, name)
    rows = store.query(_STREAM_EDGES, _projection_parameters(name, as_of, settings))
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
    store: Neo4jStore,
    name: str,
    *,
    as_of: date,
    settings: Settings | None = None,
    use_gds: bool | None = None,
) -> dict[str, float]:
    """PageRank of every person (summing to 1) on the graph as of a date.

    With GDS (``use_gds`` None: when it answers) the graph is projected and ranked
    inside Neo4j; otherwise the projection is streamed and ranked here with netgraph's
    own kernel. GDS scores are rescaled to sum to 1.
    """
    from netgraph.graph.kernels import pagerank as ranked

    settings = settings or Settings()
    if _use_gds(store, use_gds):
        found = _with_gds_graph(
            store,
            name,
            as_of,
            settings,
            _GDS_PAGERANK,
            damping=float(settings.damping),
            max_iterations=1000,
            tolerance=1e-12,
        )
        ids = _people(store, name)
        scores = np.zeros(len(ids))
        for r in found:
            scores[int(r["pos"])] = float(r["score"])
        total = scores.sum()
        if total > 0:
            scores /= total
        return dict(zip(ids, scores.tolist(), strict=True))
    ids_, adjacency = projection(store, name, as_of=as_of, settings=settings)
    result = ranked(adjacency, damping=settings.damping, tol=settings.pagerank_tolerance)
    return dict(zip(ids_, result.scores.tolist(), strict=True))


def communities(
    store: Neo4jStore,
    name: str,
    *,
    as_of: date,
    settings: Settings | None = None,
    use_gds: bool | None = None,
) -> dict[str, int]:
    """A community label for every person (Louvain) on the graph as of a date.

    With GDS, GDS's Louvain inside Neo4j; otherwise netgraph's own kernel on the
    streamed projection.
    """
    from netgraph.graph.kernels import communities as found_communities

    settings = settings or Settings()
    if _use_gds(store, use_gds):
        found = _with_gds_graph(store, name, as_of, settings, _GDS_LOUVAIN)
        ids = _people(store, name)
        labels = np.zeros(len(ids), dtype=np.int64)
        for r in found:
            labels[int(r["pos"])] = int(r["community"])
        _, canonical = np.unique(labels, return_inverse=True)
        return dict(zip(ids, canonical.tolist(), strict=True))
    ids_, adjacency = projection(store, name, as_of=as_of, settings=settings)
    found_labels: npt.NDArray[np.int64] = found_communities(adjacency, seed=0)
    return dict(zip(ids_, found_labels.tolist(), strict=True))


def _use_gds(store: Neo4jStore, use_gds: bool | None) -> bool:
    if use_gds is None:
        return gds_available(store)
    if use_gds and not gds_available(store):
        raise StoreError(
            f"the Graph Data Science library is not installed on the server at {store.uri}"
        )
    return use_gds


def _with_gds_graph(
    store: Neo4jStore,
    name: str,
    as_of: date,
    settings: Settings,
    query: LiteralString,
    **parameters: Any,
) -> list[dict[str, Any]]:
    name = check_name(name)
    graph = f"netgraph-{uuid.uuid4().hex}"
    store.query(
        _GDS_PROJECT, {**_projection_parameters(name, as_of, settings), "graph": graph}, write=True
    )
    try:
        return store.query(query, {**parameters, "graph": graph}, write=True)
    finally:
        store.query(_GDS_DROP, {"graph": graph}, write=True)
