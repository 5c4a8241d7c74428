"""The query catalogue over HTTP: list the named queries, show one, run one on either engine."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Literal

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

import queries
from api.http.dependencies import ModelDep, PoolDep, SettingsDep, get_neo4j
from api.http.endpoint_docs import problems
from api.http.query_slots import pool_answer
from loaders.neo4j.client import Neo4jClient
from queries.run import run_cypher, run_sparql, stable

NOT_FOUND = problems(404)
UNAVAILABLE = problems(429, 503)


def summary(query: queries.Query) -> dict:
    """A named query as listed: description, parameters, columns, engines, links."""
    return {
        "name": query.name,
        "description": query.description,
        "params": [{"name": p.name, "kind": p.kind} for p in query.params],
        "columns": list(query.columns),
        "engines": [e for e, text in (("sparql", query.sparql), ("cypher", query.cypher)) if text],
        "href": f"/queries/{query.name}",
        "run": f"/queries/{query.name}/run",
    }


class Answers:
    """SPARQL answers of named queries for one state of the store, kept on its read model (at most `size`, the
    least recently used dropped)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.rows: OrderedDict[tuple, list[dict]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> list[dict] | None:
        with self.lock:
            found = self.rows.get(key)
            if found is not None:
                self.rows.move_to_end(key)
            return found

    def put(self, key: tuple, rows: list[dict]) -> None:
        with self.lock:
            self.rows[key] = rows
            if len(self.rows) > self.size:
                self.rows.popitem(last=False)


router = APIRouter(tags=["catalogue"], responses=problems(400, 422))


@router.get("/queries", summary="The named queries: description, parameters, columns, engines")
def list_queries() -> dict:
    return {"items": [summary(q) for q in queries.catalogue().values()]}


@router.get("/queries/{name}", responses=NOT_FOUND, summary="One named query with its SPARQL and Cypher text")
def show_query(name: str) -> dict:
    query = queries.get(name)
    return {**summary(query), "sparql": query.sparql, "cypher": query.cypher}


@router.get(
    "/queries/{name}/run",
    responses={**NOT_FOUND, **UNAVAILABLE},
    summary="Run a named query; its parameters are query-string parameters of the same names",
)
async def run_query(
    request: Request,
    model: ModelDep,
    settings: SettingsDep,
    pool: PoolDep,
    name: str,
    engine: Literal["sparql", "cypher"] = "sparql",
    limit: int = Query(1000, ge=1, le=100_000, description="rows to return at most"),
    offset: int = Query(0, ge=0, le=100_000_000, description="rows to skip (pages follow one stable order)"),
) -> dict:
    query = queries.get(name)
    params = {k: v for k, v in request.query_params.items() if k not in ("engine", "limit", "offset")}
    if engine == "sparql":  # a QueryError (bad parameters) is answered 400 by the error handlers
        key, answers = (name, tuple(sorted(params.items()))), model.memo("catalogue-answers", Answers)
        rows = answers.get(key)
        if rows is None:
            rows = stable(await pool_answer(pool, request, settings.timeout, run_sparql, query, params), query)
            answers.put(key, rows)
    else:
        rows = stable(await run_in_threadpool(_run_on_neo4j, get_neo4j(request), query, params), query)
    cap = min(limit, settings.row_limit)
    more = offset + cap < len(rows)
    return {
        "name": name,
        "engine": engine,
        "columns": list(query.columns),
        "total": len(rows),
        "limit": cap,
        "offset": offset,
        "next": str(request.url.include_query_params(offset=offset + cap, limit=cap)) if more else None,
        "truncated": more,
        "rows": rows[offset : offset + cap],
    }


def _run_on_neo4j(client: Neo4jClient, query: queries.Query, params: dict[str, str]) -> list[dict]:
    with client.reaching() as drv:
        return run_cypher(drv, client.database, query, params)
