"""Where networks are kept: the Store protocol, the in-memory store and Neo4j."""
