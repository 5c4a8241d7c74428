"""Queries from users (/sparql, the catalogue) run in the worker pool; its refusals become problem answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request

from api.http.errors import Problem
from loaders.query_pool import ClientLimit, PoolBusy, QueryPool, QueryTimeout, WorkerLost


def client_of(request: Request) -> str:
    """Who asks: the peer address (behind a proxy, every request is the proxy's: see SECURITY.md)."""
    return request.client.host if request.client else "unknown"


async def pool_answer(pool: QueryPool, request: Request, timeout: float, fn: Callable[..., Any], *args: Any) -> Any:
    """fn(store, *args) in a worker process, within `timeout`; 503 past it, 429 beyond the client's share."""
    try:
        return await pool.ask(client_of(request), timeout, fn, *args)
    except QueryTimeout:
        raise Problem(
            503,
            "Query Timeout",
            f"the query ran longer than {timeout:g} s and was stopped; narrow it "
            "(VN_CASCADE_QUERY_TIMEOUT sets the limit)",
        ) from None
    except ClientLimit as exc:
        raise Problem(
            429, "Too Many Queries", f"{exc} (VN_CASCADE_CLIENT_QUERIES sets the share)", {"Retry-After": "1"}
        ) from None
    except PoolBusy as exc:
        raise Problem(
            503,
            "Busy",
            f"{exc}; try again (VN_CASCADE_QUERY_WORKERS sets the pool)",
            {"Retry-After": f"{max(1, round(exc.retry_after or 1))}"},
        ) from None
    except WorkerLost as exc:
        raise Problem(503, "Query Worker Lost", str(exc)) from None
