"""Saved queries: the SPARQL (and Cypher) files analysts run by name."""
