"""The Neo4j store, by concern.

``_schema``
    Labels, key properties, relationships, constraints and the keys of rows.
``_cypher``
    Every query, as fixed ``LiteralString`` text built from the schema.
``_codec``
    Rows to Neo4j values and back (money in cents, dates, extras as JSON).
``_store``
    :class:`Neo4jStore`, and the boundary where driver errors become ``StoreError``.

Importing this package does not import the ``neo4j`` driver: a store does, when it is
opened.
"""

from ._store import Neo4jStore

__all__ = ["Neo4jStore"]
