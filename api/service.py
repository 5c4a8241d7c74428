"""The HTTP service: a read-only SPARQL 1.1 Protocol endpoint over the embedded store and a read-only Cypher
endpoint over Neo4j; every error is problem-details JSON."""
from __future__ import annotations

import concurrent.futures
import logging
import os
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import neo4j
import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from loaders.neo4j_server import Neo4jSettings, driver
from loaders.store import GraphStore
from ontology import PREFIXES

from . import results

log = logging.getLogger("vn_cascade.service")
RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}
RESULT_TYPES = {media: fmt for fmt, media in results.MEDIA_TYPES.items()} | {"application/json": "json"}


@dataclass(frozen=True)
class ServiceSettings:
    """Limits and options, from VN_CASCADE_* environment variables."""

    row_limit: int = 10_000
    timeout: float = 10.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls) -> "ServiceSettings":
        origins = tuple(o for o in os.environ.get("VN_CASCADE_CORS_ORIGINS", "").split(",") if o)
        return cls(int(os.environ.get("VN_CASCADE_ROW_LIMIT", "10000")),
                   float(os.environ.get("VN_CASCADE_QUERY_TIMEOUT", "10")), origins)


class Problem(Exception):
    """An error answered as RFC 9457 problem details."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def _problem(status: int, title: str, detail: str) -> JSONResponse:
    slug = title.lower().replace(" ", "-")
    return JSONResponse({"type": f"https://w3id.org/vn-cascade/problems/{slug}", "title": title, "status": status,
                         "detail": detail}, status_code=status, media_type="application/problem+json")


def _accepted(request: Request, offered: list[str]) -> str:
    """The offered media type the Accept header prefers (the first offered one when any is acceptable)."""
    header = request.headers.get("accept", "*/*") or "*/*"
    ranked = []
    for part in header.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=")), 1.0)
        ranked.append((q, media.lower()))
    for q, media in sorted(ranked, key=lambda r: -r[0]):
        if q <= 0:
            continue
        for candidate in offered:
            if media in (candidate, "*/*") or (media.endswith("/*") and candidate.startswith(media[:-1])):
                return candidate
    raise Problem(406, "Not Acceptable", f"results can be sent as: {', '.join(offered)}")


def _form(body: bytes) -> dict[str, list[str]]:
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise Problem(400, "Bad Request", "the request body is not UTF-8") from None


def _protocol_request(request: Request, body: bytes) -> tuple[str, list[str], list[str]]:
    """(query, default-graph-uri values, named-graph-uri values) from a GET or POST protocol request."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/x-www-form-urlencoded":
            params = {**params, **_form(body)}
        elif content_type == "application/sparql-query":
            try:
                params = {**params, "query": [body.decode("utf-8")]}
            except UnicodeDecodeError:
                raise Problem(400, "Bad Request", "the query is not UTF-8") from None
        elif content_type == "application/sparql-update":
            raise Problem(403, "Forbidden", "this endpoint is read-only: SPARQL updates are refused")
        elif not content_type:
            raise Problem(400, "Bad Request", "a POST needs a Content-Type: application/x-www-form-urlencoded or "
                                              "application/sparql-query")
        else:
            raise Problem(415, "Unsupported Media Type", f"{content_type} is not a SPARQL protocol request type")
    if "update" in params:
        raise Problem(403, "Forbidden", "this endpoint is read-only: SPARQL updates are refused")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Problem(400, "Bad Request", "one request carries one query")
    return (queries[0] if queries else ""), params.get("default-graph-uri", []), params.get("named-graph-uri", [])


def _execute(store: GraphStore, query: str, default: list[str], named: list[str], limit: int):
    """Run a query and materialise at most limit+1 rows (runs in a worker thread)."""
    kwargs = {}
    if default:
        kwargs["default_graph"] = [ox.NamedNode(iri) for iri in default]
    if named:
        kwargs["named_graphs"] = [ox.NamedNode(iri) for iri in named]
    result = store.store.query(query, prefixes=PREFIXES, **kwargs)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    rows = []
    for item in result:
        rows.append(item if isinstance(result, ox.QueryTriples) else list(item))
        if len(rows) > limit:
            break
    names = [v.value for v in result.variables] if isinstance(result, ox.QuerySolutions) else None
    return names, rows


def create_app(store: GraphStore, settings: ServiceSettings, neo4j_settings: Neo4jSettings | None) -> FastAPI:
    """The application; `neo4j_settings` None means the Cypher endpoint answers 503."""
    app = FastAPI(title="vn-cascade", version="0.1.0",
                  description="The Directive 28-CT/TW policy cascade: SPARQL 1.1 Protocol and read-only Cypher.")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"])
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

    @app.middleware("http")
    async def log_requests(request: Request, call_next):
        began = time.perf_counter()
        response = await call_next(request)
        log.info("%s %s %d %.1f ms", request.method, request.url.path, response.status_code,
                 (time.perf_counter() - began) * 1000)
        return response

    @app.exception_handler(Problem)
    async def problem_handler(request: Request, exc: Problem) -> JSONResponse:
        return _problem(exc.status, exc.title, exc.detail)

    @app.api_route("/sparql", methods=["GET", "POST"], summary="SPARQL 1.1 Protocol (query only)")
    async def sparql(request: Request) -> Response:
        query, default, named = _protocol_request(request, await request.body())
        if not query:
            return Response(_service_description(str(request.url).split("?")[0]), media_type="text/turtle")
        future = pool.submit(_execute, store, query, default, named, settings.row_limit)
        try:
            outcome = future.result(timeout=settings.timeout)
        except concurrent.futures.TimeoutError:
            raise Problem(503, "Query Timeout", f"the query ran longer than {settings.timeout:g} s; narrow it "
                                                "(VN_CASCADE_QUERY_TIMEOUT sets the limit)") from None
        except SyntaxError as exc:
            raise Problem(400, "Bad Request", f"SPARQL syntax error: {exc}") from None
        except (OSError, ValueError) as exc:
            raise Problem(400, "Bad Request", f"the query could not be evaluated: {exc}") from None
        if isinstance(outcome, bool):
            media = _accepted(request, list(results.MEDIA_TYPES.values()))
            return Response(results.write_boolean(outcome, RESULT_TYPES[media]), media_type=media)
        names, rows = outcome
        if len(rows) > settings.row_limit:
            raise Problem(422, "Row Limit", f"the result has more than {settings.row_limit} rows; add LIMIT "
                                            "(VN_CASCADE_ROW_LIMIT sets the limit)")
        if names is None:
            media = _accepted(request, list(RDF_FORMATS))
            return Response(ox.serialize(rows, format=RDF_FORMATS[media]), media_type=media)
        media = _accepted(request, [*results.MEDIA_TYPES.values(), "application/json"])
        return Response(results.write_select(names, rows, RESULT_TYPES[media]), media_type=media)

    @app.post("/cypher", summary="Read-only Cypher against Neo4j")
    async def cypher(request: Request) -> JSONResponse:
        if neo4j_settings is None:
            raise Problem(503, "Neo4j Not Configured", "set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and "
                                                       "NEO4J_DATABASE), or run `vn-cascade neo4j start`")
        try:
            body = await request.json()
        except ValueError:
            raise Problem(400, "Bad Request", 'send JSON: {"query": "...", "parameters": {...}}') from None
        if not isinstance(body, dict) or not isinstance(body.get("query"), str) or \
                not isinstance(body.get("parameters", {}), dict):
            raise Problem(400, "Bad Request", 'send JSON: {"query": "...", "parameters": {...}}')
        return JSONResponse(_run_cypher(neo4j_settings, body["query"], body.get("parameters", {}), settings))

    return app


def _run_cypher(conn: Neo4jSettings, text: str, params: dict, settings: ServiceSettings) -> dict:
    """EXPLAIN first (writes are refused before anything runs), then run in a READ transaction with a timeout."""
    try:
        with driver(conn, connection_acquisition_timeout=5) as drv, drv.session(database=conn.database,
                                                                              default_access_mode="READ") as s:
            plan = s.run(f"EXPLAIN {text}", params).consume()
            if plan.query_type != "r":
                raise Problem(400, "Write Refused", "this endpoint is read-only: the query would write "
                                                    f"(query type {plan.query_type!r})")

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
        raise Problem(503, "Neo4j Unavailable", f"no Neo4j answers at {conn.uri} ({exc}); start the local one with "
                                                "`vn-cascade neo4j start`, or set NEO4J_URI, NEO4J_USER, "
                                                "NEO4J_PASSWORD and NEO4J_DATABASE") from None
    except neo4j.exceptions.AuthError as exc:
        raise Problem(503, "Neo4j Unavailable", f"{conn.uri} refused the credentials: {exc.message}") from None
    except neo4j.exceptions.ClientError as exc:
        raise Problem(400, "Bad Request", exc.message or str(exc)) from None
    if len(rows) > settings.row_limit:
        raise Problem(422, "Row Limit", f"the result has more than {settings.row_limit} rows; add LIMIT")
    return {"columns": keys, "rows": rows}


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
        <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/JSON-LD> ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""
