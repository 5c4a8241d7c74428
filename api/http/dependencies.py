"""What route handlers take through Depends: the live store, its read model, the settings, the query pool and the
Neo4j client, all kept on app.state by the application's lifespan; and the `on` day some routes take."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query, Request

from api.http.errors import Problem
from api.http.live import Live
from api.http.settings import ServiceSettings
from loaders.neo4j.client import Neo4jClient
from loaders.query_pool import QueryPool
from queries.audit import check_types
from queries.read.model import ReadModel
from queries.read.resources import Reader


async def get_live(request: Request) -> Live:
    return request.app.state.live


async def get_settings(request: Request) -> ServiceSettings:
    return request.app.state.settings


async def get_pool(request: Request) -> QueryPool:
    return request.app.state.query_pool


async def get_model(request: Request) -> ReadModel:
    """The read model of the store as it is now (a write swaps in a new one; a request keeps the one it began with)."""
    return request.app.state.live.model


async def get_reader(model: Annotated[ReadModel, Depends(get_model)]) -> Reader:
    return Reader(model)


def get_neo4j(request: Request) -> Neo4jClient:
    """The process's Neo4j client; 503 when no Neo4j is configured (called by the routes that need it, after
    their own checks of the request)."""
    client: Neo4jClient | None = request.app.state.neo4j
    if client is None:
        raise Problem(
            503,
            "Neo4j Not Configured",
            "set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE), or run `vn-cascade neo4j start`",
        )
    return client


def get_finding_types(
    type: Annotated[list[str] | None, Query(description="finding type or family")] = None,
) -> set[str]:
    """The finding types and families a request asks for (none: every one); 422 naming the known ones otherwise."""
    try:
        return check_types(type or ())
    except ValueError as exc:
        raise Problem(422, "Invalid Request", f"{exc}; see /gaps/types") from None


LiveDep = Annotated[Live, Depends(get_live)]
SettingsDep = Annotated[ServiceSettings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
ModelDep = Annotated[ReadModel, Depends(get_model)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
FindingTypesDep = Annotated[set[str], Depends(get_finding_types)]


def get_day(
    on: str | None = Query(
        None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="a day YYYY-MM-DD: who held each duty then, after the 2025 reorganisation (default: today)",
    ),
) -> dt.date | None:
    """The `on` query parameter as a date; a day that does not exist (2026-13-01) is a 422, like a malformed one."""
    if on is None:
        return None
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise Problem(422, "Invalid Request", f"on={on!r} is not a day (YYYY-MM-DD)") from None


DayDep = Annotated[dt.date | None, Depends(get_day)]
