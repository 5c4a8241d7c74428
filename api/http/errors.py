"""Errors answered as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from loaders.errors import InvalidRequest, NotFound, Unavailable, UnknownFindingType, VnCascadeError
from loaders.neo4j.client import Neo4jUnavailable
from loaders.source import IngestError

log = logging.getLogger("vn_cascade.service")


class Problem(Exception):
    """An error answered as RFC 9457 problem details (with extra response headers, e.g. Allow for 405)."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.headers = status, title, detail, headers


def problem_response(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    slug = title.lower().replace(" ", "-")
    return JSONResponse(
        {"type": f"https://w3id.org/vn-cascade/problems/{slug}", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
        headers=headers,
    )


def _allowed(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    return [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in request.app.router.routes
        )
    ]


# The library's errors as HTTP answers: the most specific class in an error's ancestry decides.
STATUSES: dict[type[VnCascadeError], tuple[int, str]] = {
    Neo4jUnavailable: (503, "Neo4j Unavailable"),
    Unavailable: (503, "Service Unavailable"),
    IngestError: (422, "Not A Plan"),
    UnknownFindingType: (422, "Invalid Request"),
    InvalidRequest: (400, "Bad Request"),
    NotFound: (404, "Not Found"),
    VnCascadeError: (400, "Bad Request"),
}


def status_of(exc: VnCascadeError) -> tuple[int, str]:
    """The status and title a library error is answered with."""
    return next(STATUSES[cls] for cls in type(exc).__mro__ if cls in STATUSES)


def install_handlers(app: FastAPI) -> None:
    """Answer every error as problem details: ours, the library's, routing and validation errors, and unexpected
    ones (logged, never shown to the client)."""

    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.title, exc.detail, exc.headers)

    @app.exception_handler(VnCascadeError)
    async def library_error(request: Request, exc: VnCascadeError) -> JSONResponse:
        status, title = status_of(exc)
        return problem_response(status, title, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = HTTPStatus(exc.status_code).phrase if exc.status_code in HTTPStatus._value2member_map_ else "Error"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed(request))
        return problem_response(exc.status_code, title, str(exc.detail), headers or None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return problem_response(422, "Invalid Request", details)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(500, "Internal Server Error", "the server failed; the error is in its log")
