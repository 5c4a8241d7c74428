"""The HTTP service: a read-only SPARQL 1.1 Protocol endpoint over the embedded store and a read-only Cypher
endpoint over Neo4j; every error is problem-details JSON."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import neo4j
import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.http import endpoint_docs, results
from api.http.audit_routes import Findings, audit_router
from api.http.catalogue_routes import catalogue_router
from api.http.docs_pages import mount_docs
from api.http.errors import Problem, install_handlers
from api.http.hosts import LOOPBACK, HostGuard, allowed_hosts_from_env
from api.http.query_slots import pool_answer
from api.http.rest import Live, rest_router
from api.http.security_headers import SecurityHeaders
from api.http.ui import mount_ui
from api.http.upload import upload_router
from loaders.checkpoints import Checkpoints
from loaders.config import DEFAULT_BASE, base_iri, max_document_bytes
from loaders.neo4j.server import Neo4jSettings, driver
from loaders.protocol_query import execute
from loaders.query_pool import QueryPool, default_workers
from loaders.store import GraphStore
from queries import cypher_policy
from queries.read.ids import Ids

log = logging.getLogger("vn_cascade.service")
RESULT_TYPES = {media: fmt for fmt, media in results.MEDIA_TYPES.items()} | {"application/json": "json"}


@dataclass(frozen=True)
class ServiceSettings:
    """Limits and options, from VN_CASCADE_* environment variables."""

    row_limit: int = 10_000
    timeout: float = 10.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    base: str = DEFAULT_BASE
    api_key: str | None = None
    max_upload: int = 1 << 20
    allowed_hosts: tuple[str, ...] = LOOPBACK
    query_workers: int = 2
    client_queries: int | None = None  # None: half the workers

    @classmethod
    def from_env(cls) -> ServiceSettings:
        origins = tuple(o for o in os.environ.get("VN_CASCADE_CORS_ORIGINS", "").split(",") if o)
        return cls(
            int(os.environ.get("VN_CASCADE_ROW_LIMIT", "10000")),
            float(os.environ.get("VN_CASCADE_QUERY_TIMEOUT", "10")),
            origins,
            base_iri(),
            os.environ.get("VN_CASCADE_API_KEY") or None,
            max_document_bytes(),
            allowed_hosts_from_env(),
            int(os.environ.get("VN_CASCADE_QUERY_WORKERS", "0")) or default_workers(),
            int(os.environ.get("VN_CASCADE_CLIENT_QUERIES", "0")) or None,
        )


def _media_ranges(header: str) -> list[tuple[str, float]]:
    """(media range, q) pairs of an Accept header; a range with an unreadable q is ignored."""
    ranges = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        try:
            q = next((float(p[2:]) for p in params if p.lower().startswith("q=")), 1.0)
        except ValueError:
            continue
        if media:
            ranges.append((media.lower(), q))
    return ranges


def _quality(candidate: str, ranges: list[tuple[str, float]]) -> float:
    """The q the most specific matching range gives a media type (RFC 9110 12.5.1); 0 when none matches."""
    best, quality = -1, 0.0
    for media, q in ranges:
        if media == candidate:
            specificity = 2
        elif media.endswith("/*") and candidate.startswith(media[:-1]):
            specificity = 1
        elif media == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best:
            best, quality = specificity, q
    return quality


def _accepted(request: Request, offered: list[str]) -> str:
    """The offered media type the Accept header rates highest (the earlier offered one on a tie)."""
    ranges = _media_ranges(request.headers.get("accept", "") or "*/*")
    quality, first = max((_quality(candidate, ranges), -i) for i, candidate in enumerate(offered))
    if quality <= 0:
        raise Problem(406, "Not Acceptable", f"results can be sent as: {', '.join(offered)}")
    return offered[-first]


def _decode(body: bytes, what: str) -> str:
    """The body as UTF-8 text, the only encoding the protocol allows."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, "Bad Request", f"{what} is not UTF-8") from None


def _merged(*sources: dict[str, list[str]]) -> dict[str, list[str]]:
    """Parameters from the URL and the body together: a name given in both keeps every value."""
    merged: dict[str, list[str]] = {}
    for source in sources:
        for name, values in source.items():
            merged.setdefault(name, []).extend(values)
    return merged


def _body_params(request: Request, body: bytes) -> dict[str, list[str]]:
    """The protocol parameters a POST body carries, by its media type (UTF-8 only)."""
    media, *params = [p.strip() for p in request.headers.get("content-type", "").split(";")]
    media = media.lower()
    charset = next(
        (p.split("=", 1)[1].strip('" ').lower() for p in params if p.lower().startswith("charset=")), "utf-8"
    )
    if media == "application/sparql-update":
        raise Problem(403, "Forbidden", "this endpoint is read-only: SPARQL updates are refused")
    if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        if not media:
            raise Problem(
                400,
                "Bad Request",
                "a POST needs a Content-Type: application/x-www-form-urlencoded or application/sparql-query",
            )
        raise Problem(415, "Unsupported Media Type", f"{media} is not a SPARQL protocol request type")
    if charset not in ("utf-8", "utf8"):
        raise Problem(415, "Unsupported Media Type", f"the SPARQL protocol carries UTF-8, not {charset}")
    if media == "application/sparql-query":
        return {"query": [_decode(body, "the query")]}
    return parse_qs(_decode(body, "the request body"), keep_blank_values=True)


# Strings, IRIs and comments, blanked before looking for the SERVICE keyword (so "service" in a literal is fine).
_LEXICAL_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_FEDERATED = re.compile(r"(?i)(?<![\w:?$])SERVICE(?![\w:-])")


def _protocol_request(request: Request, body: bytes) -> tuple[str | None, list[str], list[str]]:
    """(query, default-graph-uri values, named-graph-uri values) from a GET or POST protocol request; the
    query is None for a GET without one (a request for the service description)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        params = _merged(params, _body_params(request, body))
    if "update" in params:
        raise Problem(403, "Forbidden", "this endpoint is read-only: SPARQL updates are refused")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Problem(400, "Bad Request", "one request carries one query")
    if not queries and request.method == "POST":
        raise Problem(400, "Bad Request", "the request carries no query")
    if queries and not queries[0].strip():
        raise Problem(400, "Bad Request", "the query is empty")
    if queries and _FEDERATED.search(_LEXICAL_NOISE.sub(" ", queries[0])):
        raise Problem(
            400,
            "Federation Refused",
            "SERVICE (federated query) is turned off on this endpoint: the server does not fetch other sites",
        )
    return (queries[0] if queries else None), params.get("default-graph-uri", []), params.get("named-graph-uri", [])


class RequestLog:
    """Log each request's method, path, status and time (a plain ASGI middleware: no per-request task juggling)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began, status = time.perf_counter(), [0]

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            log.info(
                "%s %s %d %.1f ms", scope["method"], scope["path"], status[0], (time.perf_counter() - began) * 1000
            )


def create_app(store: GraphStore, settings: ServiceSettings, neo4j_settings: Neo4jSettings | None) -> FastAPI:
    """The application; `neo4j_settings` None means the Cypher endpoint answers 503."""
    checkpoints = Checkpoints(store)
    pool = QueryPool(checkpoints, settings.query_workers, settings.client_queries)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        checkpoints.close()

    app = FastAPI(
        title="vn-cascade",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="The Directive 28-CT/TW policy cascade: SPARQL 1.1 Protocol and read-only Cypher.",
    )
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"])
    app.state.query_pool = pool

    app.add_middleware(RequestLog)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)  # a foreign Host reaches no handler
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries them, refusals included
    install_handlers(app)
    live = Live(store, Ids(settings.base), checkpoints.take)
    app.include_router(upload_router(live, settings.api_key, settings.max_upload))
    findings = Findings(live)
    app.include_router(audit_router(live, findings))  # before the REST routes: /documents/{id}/audit is more specific
    app.include_router(rest_router(live))
    mount_ui(app, live, findings)
    mount_docs(app)
    app.include_router(catalogue_router(live, pool, settings.timeout, settings.row_limit, neo4j_settings))

    @app.get(
        "/sparql",
        summary="SPARQL 1.1 Protocol query via GET",
        operation_id="sparql_get",
        response_class=Response,
        responses=endpoint_docs.SPARQL_RESPONSES,
        openapi_extra=endpoint_docs.SPARQL_GET,
    )
    @app.post(
        "/sparql",
        summary="SPARQL 1.1 Protocol query via POST (URL-encoded form or direct)",
        operation_id="sparql_post",
        response_class=Response,
        responses=endpoint_docs.SPARQL_RESPONSES,
        openapi_extra=endpoint_docs.SPARQL_POST,
    )
    async def sparql(request: Request) -> Response:
        query, default, named = _protocol_request(request, await request.body())
        endpoint = str(request.url).split("?")[0]
        if query is None:
            return Response(_service_description(endpoint), media_type="text/turtle")
        try:
            outcome = await pool_answer(
                pool, request, settings.timeout, execute, query, endpoint, default, named, settings.row_limit
            )
        except SyntaxError as exc:
            raise Problem(400, "Bad Request", f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError) as exc:
            raise Problem(400, "Bad Request", f"the query could not be evaluated: {exc}") from None
        if isinstance(outcome, bool):
            media = _accepted(request, list(results.MEDIA_TYPES.values()))
            return Response(results.write_boolean(outcome, RESULT_TYPES[media]), media_type=media)
        names, rows = outcome
        if len(rows) > settings.row_limit:
            raise Problem(
                422,
                "Row Limit",
                f"the result has more than {settings.row_limit} rows; add LIMIT (VN_CASCADE_ROW_LIMIT sets the limit)",
            )
        if names is None:
            media = _accepted(request, list(results.RDF_FORMATS))
            return Response(ox.serialize(rows, format=results.RDF_FORMATS[media]), media_type=media)
        media = _accepted(request, [*results.MEDIA_TYPES.values(), "application/json"])
        return Response(results.write_select(names, rows, RESULT_TYPES[media]), media_type=media)

    @app.api_route("/sparql", methods=["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"], include_in_schema=False)
    async def sparql_other_methods(request: Request) -> Response:
        raise Problem(
            405,
            "Method Not Allowed",
            f"{request.method} is not a SPARQL protocol operation: query with GET or POST",
            {"Allow": "GET, POST"},
        )

    @app.post(
        "/cypher",
        summary="Read-only Cypher against Neo4j",
        operation_id="cypher",
        responses=endpoint_docs.CYPHER_RESPONSES,
        openapi_extra=endpoint_docs.CYPHER_POST,
    )
    async def cypher(request: Request) -> JSONResponse:
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":  # a form or text/plain post is what a foreign page can send unasked
            raise Problem(415, "Unsupported Media Type", "send the query as application/json")
        try:
            body = await request.json()
        except ValueError:
            raise Problem(400, "Bad Request", 'send JSON: {"query": "...", "parameters": {...}}') from None
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("query"), str)
            or not isinstance(body.get("parameters", {}), dict)
        ):
            raise Problem(400, "Bad Request", 'send JSON: {"query": "...", "parameters": {...}}')
        if neo4j_settings is None:
            raise Problem(
                503,
                "Neo4j Not Configured",
                "set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE), or run `vn-cascade neo4j start`",
            )
        return JSONResponse(
            await run_in_threadpool(_run_cypher, neo4j_settings, body["query"], body.get("parameters", {}), settings)
        )

    return app


def _run_cypher(conn: Neo4jSettings, text: str, params: dict, settings: ServiceSettings) -> dict:
    """Check the query against the read allow-list, EXPLAIN it (refused unless Neo4j plans a read with no file or
    procedure outside the list), then run it in a READ transaction with a timeout."""
    try:
        cypher_policy.check(text)
    except cypher_policy.CypherRefused as exc:
        raise Problem(400, "Query Refused", str(exc)) from None
    try:
        with (
            driver(conn, connection_acquisition_timeout=5) as drv,
            drv.session(database=conn.database, default_access_mode="READ") as s,
        ):
            plan = s.run(f"EXPLAIN {text}", params).consume()
            # a listed procedure ('CALL dbms.components()') plans as type 's'; anything else must plan as a read
            if plan.query_type != "r" and not (plan.query_type == "s" and cypher_policy.procedures(text)):
                raise Problem(
                    400,
                    "Write Refused",
                    f"this endpoint is read-only: the query would write (query type {plan.query_type!r})",
                )
            outside = sorted({op for op in _operators(plan.plan) if _OUTSIDE.search(op)})
            if outside:
                raise Problem(400, "Query Refused", f"the plan reaches outside the data graph ({', '.join(outside)})")

            def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list]]:
                result = tx.run(text, params)
                rows = []
                for record in result:
                    rows.append([_jsonable(v) for v in record.values()])
                    if len(rows) > settings.row_limit:
                        break
                return list(result.keys()), rows

            keys, rows = s.execute_read(neo4j.unit_of_work(timeout=settings.timeout)(work))
    except neo4j.exceptions.ServiceUnavailable as exc:
        raise Problem(
            503,
            "Neo4j Unavailable",
            f"no Neo4j answers at {conn.uri} ({exc}); start the local one with "
            "`vn-cascade neo4j start`, or set NEO4J_URI, NEO4J_USER, "
            "NEO4J_PASSWORD and NEO4J_DATABASE",
        ) from None
    except neo4j.exceptions.AuthError as exc:
        raise Problem(503, "Neo4j Unavailable", f"{conn.uri} refused the credentials: {exc.message}") from None
    except neo4j.exceptions.ClientError as exc:
        raise Problem(400, "Bad Request", exc.message or str(exc)) from None
    if len(rows) > settings.row_limit:
        raise Problem(422, "Row Limit", f"the result has more than {settings.row_limit} rows; add LIMIT")
    return {"columns": keys, "rows": rows}


# Plan operators that read files or administer the server: never part of a read here (procedures were checked
# against the read-only list before planning).
_OUTSIDE = re.compile(r"LoadCSV|Show|Terminate|Command", re.I)


def _operators(plan: dict | None) -> list[str]:
    """Every operator type in an EXPLAIN plan tree."""
    if not plan:
        return []
    found = [str(plan.get("operatorType", ""))]
    for child in plan.get("children", []) or []:
        found.extend(_operators(child))
    return found


def _jsonable(value):
    if isinstance(value, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return dict(value.items())
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _service_description(endpoint: str) -> str:
    """SPARQL 1.1 Service Description of this endpoint."""
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> , <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_TSV> , <http://www.w3.org/ns/formats/Turtle> ,
        <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/JSON-LD> ,
        <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
