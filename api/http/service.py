"""The HTTP service: one FastAPI application over the store's read model, with the REST resources, the web UI,
the audit, the query catalogue, SPARQL 1.1 Protocol and read-only Cypher; every error is problem-details JSON."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api.http import (
    audit_routes,
    catalogue_routes,
    cypher,
    events_routes,
    export_routes,
    linked_data,
    rest,
    sparql,
    ui,
    upload,
)
from api.http.docs_pages import mount_docs
from api.http.errors import install_handlers
from api.http.hosts import HostGuard
from api.http.live import Live
from api.http.security_headers import SecurityHeaders
from api.http.settings import ServiceSettings
from loaders.checkpoints import Checkpoints
from loaders.neo4j.client import Neo4jClient
from loaders.neo4j.server import Neo4jSettings
from loaders.query_pool import QueryPool
from loaders.store import GraphStore
from queries.read.ids import Ids

log = logging.getLogger("vn_cascade.service")


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
    """The application over `store`; `neo4j_settings` None means the Cypher endpoint answers 503.

    Its state (the live store and read model, the settings, the query pool, the Neo4j client) is on app.state,
    where the routes' dependencies find it; the lifespan closes the pool, the checkpoints and the driver."""
    checkpoints = Checkpoints(store)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_audit:
            app.state.live.warm()
        yield
        app.state.query_pool.close()
        checkpoints.close()
        if app.state.neo4j is not None:
            app.state.neo4j.close()

    app = FastAPI(
        title="vn-cascade",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="The Directive 28-CT/TW policy cascade: SPARQL 1.1 Protocol and read-only Cypher.",
    )
    app.state.settings = settings
    app.state.query_pool = QueryPool(checkpoints, settings.query_workers, settings.client_queries)
    app.state.live = Live(store, Ids(settings.base), checkpoints.take)
    app.state.neo4j = Neo4jClient(neo4j_settings) if neo4j_settings is not None else None

    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"])
    app.add_middleware(RequestLog)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)  # a foreign Host reaches no handler
    app.add_middleware(SecurityHeaders)  # outermost: every answer carries them, refusals included
    install_handlers(app)
    app.include_router(upload.router)
    app.include_router(events_routes.router)
    app.include_router(export_routes.router)
    app.include_router(audit_routes.router)  # before the REST routes: /documents/{id}/audit is more specific
    app.include_router(rest.router)
    app.include_router(linked_data.router(settings.base))
    app.mount("/static", StaticFiles(packages=[("api.http", "static")]), name="static")
    app.include_router(ui.router)
    mount_docs(app)
    app.include_router(catalogue_routes.router)
    app.include_router(sparql.router)
    app.include_router(cypher.router)
    return app
