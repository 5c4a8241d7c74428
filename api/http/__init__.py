"""The HTTP surface: REST, SPARQL 1.1 Protocol, read-only Cypher and the web UI over one read model."""
