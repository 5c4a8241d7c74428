"""/docs (Swagger UI) from files this service serves itself, pinned by the fastapi-offline package: it renders with
the network off and loads nothing from a CDN. (No ReDoc page: its bundle fetches a logo from redocly's CDN.)"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = Path(fastapi_offline.__file__).parent / "static"
PREFIX = "/docs-assets"

_SWAGGER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} – API</title>
<link rel="stylesheet" href="{prefix}/swagger-ui.css"><link rel="icon" href="{prefix}/favicon.png"></head>
<body><div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="{prefix}/swagger-ui-bundle.js"></script><script src="/static/swagger-init.js"></script></body></html>"""


def mount_docs(app: FastAPI) -> None:
    """The documentation page and its assets (the app is made with docs_url=None, redoc_url=None)."""
    app.mount(PREFIX, StaticFiles(directory=str(ASSETS)), name="docs-assets")
    fields = {"title": app.title, "prefix": PREFIX, "openapi": app.openapi_url}

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(_SWAGGER.format(**fields))
