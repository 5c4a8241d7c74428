"""OpenAPI declarations of the /sparql and /cypher endpoints: their parameters, bodies and every answer."""

from __future__ import annotations

from http import HTTPStatus

from api.http import results

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}


def problems(*statuses: int) -> dict[int | str, dict]:
    """FastAPI `responses=` entries for errors answered as problem details."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }


def _graphs(name: str, role: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "description": f"IRI of a graph {role} the query's dataset (replaces the store's dataset)",
        "schema": {"type": "array", "items": {"type": "string"}},
    }


_DATASET = [_graphs("default-graph-uri", "merged into the default graph of"), _graphs("named-graph-uri", "named in")]

SPARQL_GET = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "example": "SELECT ?number WHERE { ?doc vc:documentNumber ?number } ORDER BY ?number LIMIT 10",
            "description": "a SPARQL 1.1 query (the vc:, skos:, dct:, prov:, org:, eli:, xsd: prefixes are "
            "predeclared); "
            "without it the answer is the service description (Turtle)",
        },
        *_DATASET,
    ]
}

SPARQL_POST = {
    "parameters": _DATASET,
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "example": {"query": "ASK { ?doc vc:implements ?directive }"},
            },
            "application/sparql-query": {
                "schema": {"type": "string"},
                "example": "CONSTRUCT { ?doc vc:implements ?up } WHERE { ?doc vc:implements ?up }",
            },
        },
    },
}

_SOLUTIONS = {"schema": {"type": "object", "required": ["head"]}}
_RESULTS = {
    **{media: {} for media in (*results.MEDIA_TYPES.values(), *results.RDF_FORMATS)},
    "application/sparql-results+json": _SOLUTIONS,
    "application/json": _SOLUTIONS,
}

SPARQL_RESPONSES = {
    200: {
        "description": "SELECT and ASK results, CONSTRUCT and DESCRIBE graphs, or the service description, "
        "in the media type Accept prefers",
        "content": _RESULTS,
    },
    **problems(400, 403, 406, 415, 422, 429, 503),
}

CYPHER_POST = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {"query": {"type": "string"}, "parameters": {"type": "object"}},
                },
                "example": {
                    "query": "MATCH (d:PolicyDocument {documentNumber: $n}) RETURN d.uri AS uri",
                    "parameters": {"n": "28-CT/TW"},
                },
            }
        },
    }
}

CYPHER_RESPONSES = {
    200: {
        "description": "the result: column names and one list of values a row",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["columns", "rows"],
                    "properties": {
                        "columns": {"type": "array", "items": {"type": "string"}},
                        "rows": {"type": "array", "items": {"type": "array"}},
                    },
                }
            }
        },
    },
    **problems(400, 415, 422, 503),
}
