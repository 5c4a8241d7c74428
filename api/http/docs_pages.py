"""/docs (Swagger UI) from files this service serves itself, pinned by the fastapi-offline package: it renders with
the network off and loads nothing from a CDN. (No ReDoc page: its bundle fetches a logo from redocly's CDN.)"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

ASSETS = Path(fastapi_offline.__file__).parent / "static"
PREFIX = "/docs-assets"

# The page's template (templates/swagger.html) loads Swagger UI and its init script as files, never inline: the
# Content-Security-Policy (security_headers.py) allows no inline script but the views' hashed ones.
_TEMPLATES = Environment(loader=PackageLoader(__package__), autoescape=select_autoescape(["html"]))


def mount_docs(app: FastAPI) -> None:
    """The documentation page and its assets (the app is made with docs_url=None, redoc_url=None)."""
    app.mount(PREFIX, StaticFiles(directory=str(ASSETS)), name="docs-assets")
    page = _TEMPLATES.get_template("swagger.html").render(title=app.title, prefix=PREFIX, openapi=app.openapi_url)

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(page)
