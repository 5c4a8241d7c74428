"""The SPARQL 1.1 Protocol endpoint: read-only queries over the embedded store, run in the query pool's worker
processes, answered in the format the Accept header asks for."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from api.http import endpoint_docs, results
from api.http.dependencies import PoolDep, SettingsDep
from api.http.errors import Problem
from api.http.negotiation import accepted
from api.http.query_slots import pool_answer
from loaders.protocol_query import execute

RESULT_TYPES = {media: fmt for fmt, media in results.MEDIA_TYPES.items()} | {"application/json": "json"}
router = APIRouter()


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


@router.get(
    "/sparql",
    summary="SPARQL 1.1 Protocol query via GET",
    operation_id="sparql_get",
    response_class=Response,
    responses=endpoint_docs.SPARQL_RESPONSES,
    openapi_extra=endpoint_docs.SPARQL_GET,
)
@router.post(
    "/sparql",
    summary="SPARQL 1.1 Protocol query via POST (URL-encoded form or direct)",
    operation_id="sparql_post",
    response_class=Response,
    responses=endpoint_docs.SPARQL_RESPONSES,
    openapi_extra=endpoint_docs.SPARQL_POST,
)
async def sparql(request: Request, settings: SettingsDep, pool: PoolDep) -> Response:
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
        media = accepted(request, list(results.MEDIA_TYPES.values()))
        return Response(results.write_boolean(outcome, RESULT_TYPES[media]), media_type=media)
    names, rows = outcome
    if len(rows) > settings.row_limit:
        raise Problem(
            422,
            "Row Limit",
            f"the result has more than {settings.row_limit} rows; add LIMIT (VN_CASCADE_ROW_LIMIT sets the limit)",
        )
    if names is None:
        media = accepted(request, list(results.RDF_FORMATS))
        return Response(ox.serialize(rows, format=results.RDF_FORMATS[media]), media_type=media)
    media = accepted(request, [*results.MEDIA_TYPES.values(), "application/json"])
    return Response(results.write_select(names, rows, RESULT_TYPES[media]), media_type=media)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"], include_in_schema=False)
async def sparql_other_methods(request: Request) -> Response:
    raise Problem(
        405,
        "Method Not Allowed",
        f"{request.method} is not a SPARQL protocol operation: query with GET or POST",
        {"Allow": "GET, POST"},
    )


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
