"""The query catalogue over HTTP: list the named queries, show one, run one on either engine."""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

import neo4j
from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

import queries
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from api.http.query_slots import pool_answer
from api.http.rest import Live
from loaders.neo4j.server import Neo4jSettings, driver
from loaders.query_pool import QueryPool
from queries.read.model import ReadModel
from queries.run import QueryError, run_cypher, run_sparql

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


def _get(name: str) -> queries.Query:
    try:
        return queries.get(name)
    except KeyError as exc:
        raise Problem(404, "Not Found", exc.args[0]) from None


class ResultCache:
    """SPARQL answers of named queries for the store as it is now: the store changes only through the service,
    which then swaps in a new read model, so answers are kept per model (at most `size`, least recent dropped)."""

    def __init__(self, live: Live, size: int = 512) -> None:
        self.live, self.size = live, size
        self.model: ReadModel | None = None
        self.answers: OrderedDict[tuple, list[dict]] = OrderedDict()

    def get(self, key: tuple) -> list[dict] | None:
        if self.model is not self.live.model:
            self.model, self.answers = self.live.model, OrderedDict()
        found = self.answers.get(key)
        if found is not None:
            self.answers.move_to_end(key)
        return found

    def put(self, key: tuple, model: ReadModel, rows: list[dict]) -> None:
        if model is self.model:
            self.answers[key] = rows
            if len(self.answers) > self.size:
                self.answers.popitem(last=False)


def catalogue_router(
    live: Live, pool: QueryPool, timeout: float, row_limit: int, neo4j_settings: Neo4jSettings | None
) -> APIRouter:
    """Routes over the catalogue (queries/*.rq and *.cypher, plus VN_CASCADE_QUERIES folders)."""
    router = APIRouter(tags=["catalogue"], responses=problems(400, 422))
    cache = ResultCache(live)

    @router.get("/queries", summary="The named queries: description, parameters, columns, engines")
    def list_queries() -> dict:
        return {"items": [summary(q) for q in queries.catalogue().values()]}

    @router.get("/queries/{name}", responses=NOT_FOUND, summary="One named query with its SPARQL and Cypher text")
    def show_query(name: str) -> dict:
        query = _get(name)
        return {**summary(query), "sparql": query.sparql, "cypher": query.cypher}

    @router.get(
        "/queries/{name}/run",
        responses={**NOT_FOUND, **UNAVAILABLE},
        summary="Run a named query; its parameters are query-string parameters of the same names",
    )
    async def run_query(
        request: Request,
        name: str,
        engine: Literal["sparql", "cypher"] = "sparql",
        limit: int = Query(1000, ge=1, le=100_000, description="rows to return at most"),
    ) -> dict:
        query = _get(name)
        params = {k: v for k, v in request.query_params.items() if k not in ("engine", "limit")}
        try:
            if engine == "sparql":
                key, model = (name, tuple(sorted(params.items()))), live.model
                rows = cache.get(key)
                if rows is None:
                    rows = await pool_answer(pool, request, timeout, run_sparql, query, params)
                    cache.put(key, model, rows)
            else:
                rows = await run_in_threadpool(_run_on_neo4j, neo4j_settings, query, params)
        except QueryError as exc:
            raise Problem(400, "Bad Request", str(exc)) from None
        cap = min(limit, row_limit)
        return {
            "name": name,
            "engine": engine,
            "columns": list(query.columns),
            "total": len(rows),
            "truncated": len(rows) > cap,
            "rows": rows[:cap],
        }

    return router


def _run_on_neo4j(settings: Neo4jSettings | None, query: queries.Query, params: dict[str, str]) -> list[dict]:
    if settings is None:
        raise Problem(
            503,
            "Neo4j Not Configured",
            "set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE), or run `vn-cascade neo4j start`",
        )
    try:
        with driver(settings, connection_acquisition_timeout=5) as drv:
            return run_cypher(drv, settings.database, query, params)
    except neo4j.exceptions.ServiceUnavailable as exc:
        raise Problem(503, "Neo4j Unavailable", f"no Neo4j answers at {settings.uri} ({exc})") from None
