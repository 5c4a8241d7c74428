"""Ingest: read plans, parse them, build RDF under the ontology, and load the stores."""
