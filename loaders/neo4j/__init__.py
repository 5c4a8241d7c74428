"""The Neo4j wing: the property-graph projection of the RDF store and the supervisor of a local Neo4j server."""
