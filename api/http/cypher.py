"""The read-only Cypher endpoint: a statement the allow-list admits, planned by Neo4j and checked again, run in a
READ transaction with a timeout on the process's one Neo4j driver."""

from __future__ import annotations

import re

import neo4j
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.http import endpoint_docs
from api.http.dependencies import SettingsDep, get_neo4j
from api.http.errors import Problem
from api.http.settings import ServiceSettings
from loaders.neo4j.client import Neo4jClient
from queries import cypher_policy

router = APIRouter()


@router.post(
    "/cypher",
    summary="Read-only Cypher against Neo4j",
    operation_id="cypher",
    responses=endpoint_docs.CYPHER_RESPONSES,
    openapi_extra=endpoint_docs.CYPHER_POST,
)
async def cypher(request: Request, settings: SettingsDep) -> JSONResponse:
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
    client = get_neo4j(request)  # after the body checks: a malformed request is told so, Neo4j or not
    return JSONResponse(
        await run_in_threadpool(_run_cypher, client, body["query"], body.get("parameters", {}), settings)
    )


def _run_cypher(client: Neo4jClient, text: str, params: dict, settings: ServiceSettings) -> dict:
    """Check the query against the read allow-list, EXPLAIN it (refused unless Neo4j plans a read with no file or
    procedure outside the list), then run it in a READ transaction with a timeout."""
    try:
        cypher_policy.check(text)
    except cypher_policy.CypherRefused as exc:
        raise Problem(400, "Query Refused", str(exc)) from None
    try:
        with (
            client.reaching() as drv,
            drv.session(database=client.database, default_access_mode="READ") as s,
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
