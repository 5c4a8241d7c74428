"""Ingest over HTTP: POST a plan's text or upload its file to add or replace it, with an API key."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.http.dependencies import LiveDep, SettingsDep
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from api.http.live import Live
from loaders import report_matching
from loaders.ingest import build_source, store_document
from loaders.readers import read_document
from loaders.source import IngestError

_BODY = {
    "content": {
        "text/plain": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
    },
    "required": True,
}
_ANSWERS = {
    200: {"description": "replaced: the document as now stored, and the parser's warnings"},
    201: {"description": "added: the document as stored, and the parser's warnings"},
    **problems(401, 403, 413, 415, 422),
}


API_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, description="the key set in VN_CASCADE_API_KEY")
BEARER = HTTPBearer(auto_error=False, description="the key set in VN_CASCADE_API_KEY, as a bearer token")


def authorised(
    settings: SettingsDep,
    key: Annotated[str | None, Security(API_KEY)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """The one write needs the service's API key, in an X-API-Key header or as a bearer token."""
    if settings.api_key is None:
        raise Problem(403, "Ingest Disabled", "ingest over HTTP is off; set VN_CASCADE_API_KEY to turn it on")
    offered = key or (bearer.credentials.strip() if bearer else "")
    if not hmac.compare_digest(offered.encode(), settings.api_key.encode()):
        raise Problem(
            401,
            "Unauthorized",
            "send the API key in an X-API-Key or Authorization: Bearer header",
            {"WWW-Authenticate": 'Bearer realm="vn-cascade ingest"'},
        )


async def body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    too_big = Problem(
        413,
        "Content Too Large",
        f"the document is larger than {limit} bytes (VN_CASCADE_MAX_DOCUMENT_BYTES sets the limit)",
    )
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def _document(request: Request, limit: int, filename: str) -> tuple[bytes, str]:
    """(bytes, file name) from a text/plain body or the `file` part of a multipart upload."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await body(request, limit)
    if media in ("text/plain", ""):
        return raw, filename
    if media != "multipart/form-data":
        raise Problem(
            415,
            "Unsupported Media Type",
            "send the plan as text/plain, or upload it as the `file` part of multipart/form-data",
        )

    async def replay() -> dict:
        return {"type": "http.request", "body": raw, "more_body": False}

    form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Problem(422, "Unprocessable Content", "the multipart upload has no `file` part")
    return await upload.read(), upload.filename or filename


def _store(live: Live, data: bytes, name: str) -> tuple[bool, dict | None]:
    """Parse, build and store one document in one transaction; (whether it replaced one, the stored document)."""
    try:
        built = build_source(read_document(data, name), live.ids.base)
    except IngestError as exc:
        raise Problem(422, "Not A Plan", str(exc)) from None
    with live.write_lock:
        row = live.model.documents.get(built.iri)
        change = store_document(live.store, built, data, live.originals)
        try:  # a report, or the plan reports answer: matched (a match that cannot be recorded is left pending)
            report_matching.after_write(live.store, live.ids.base, built.iri)
        finally:  # the document is stored whatever the matcher does: everything that reads it is told
            live.store.flush()
            live.refresh(change)
    return bool(row and row.in_corpus), live.reader().document(built.iri)


router = APIRouter(tags=["ingest"])  # writing routes: this and POST /events; everything else reads


@router.post(
    "/documents",
    status_code=201,
    responses=_ANSWERS,
    openapi_extra={"requestBody": _BODY},
    summary="Add or replace a plan from its text (API key required)",
)
async def ingest(
    request: Request,
    live: LiveDep,
    settings: SettingsDep,
    _: Annotated[None, Depends(authorised)],
    filename: str = Query("upload.txt", max_length=200, description="name recorded as the source file"),
):
    data, name = await _document(request, settings.max_upload, filename)
    existed, stored = await run_in_threadpool(_store, live, data, name)
    assert stored is not None  # just written under the lock
    warnings = [f"{issue['code']}: {issue['note']}" for issue in stored["dataIssues"]]
    return JSONResponse(
        {"status": "replaced" if existed else "added", "document": stored, "warnings": warnings},
        status_code=200 if existed else 201,
        headers={"Location": stored["href"]},
    )
