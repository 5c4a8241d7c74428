"""Schemathesis over every operation in the service's OpenAPI schema: no server errors, and every answer (status,
media type, body, headers) as the schema declares it; invalid input is refused with a 4xx.

positive_data_acceptance is off: a string the schema allows as `query` is rarely valid SPARQL or Cypher, and a
made-up resource id is rightly 404. Generation is deterministic and capped per operation to keep the run short.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.generation.case import Case

from api.http.service import ServiceSettings, create_app
from loaders.store import GraphStore

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": 50, "deterministic": True},
        "checks": {
            # 503 answers a missing Neo4j or a query timeout; status_code_conformance still fails it where an
            # operation does not declare it.
            "not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "503"]},
            "positive_data_acceptance": {"enabled": False},
        },
    }
)


@schemathesis.serializer("application/sparql-query")
def sparql_query(ctx: schemathesis.SerializationContext, value: object) -> bytes:
    """A direct-POST SPARQL query goes on the wire as UTF-8 text."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


# The schema does not depend on the data: it is read from an app over an empty in-memory store.
# Schemathesis addresses its ASGI app as "testserver", so that name joins the Host allow-list here.
FUZZ_HOSTS = ("testserver",)
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(GraphStore(), ServiceSettings(allowed_hosts=FUZZ_HOSTS), None), config=CONFIG
)


@pytest.fixture(scope="module")
def app(sample_store: GraphStore) -> FastAPI:
    """The service over the four samples, as the requests reach it (no Neo4j; ingest off, no API key)."""
    return create_app(sample_store, ServiceSettings(row_limit=50, timeout=5, allowed_hosts=FUZZ_HOSTS), None)


@schema.parametrize()
def test_every_operation_answers_as_declared(case: Case, app: FastAPI) -> None:
    """One generated request (valid or not) to one operation; the answer must be as the schema declares."""
    case.call_and_validate(app=app)
