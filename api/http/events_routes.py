"""Implementation events over HTTP: record them (API key, all of a request or none) and list them."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.http.dependencies import LiveDep, ModelDep, SettingsDep
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from api.http.live import Live
from api.http.upload import authorised, body
from loaders import report_matching
from loaders.events import KINDS, EventError, NewEvent, parse, record, valid_iri
from queries.read import events

_EVENT_SCHEMA = {
    "type": "object",
    "required": ["kind", "concerns", "occurred_on", "recorded_by"],
    "properties": {
        "kind": {"type": "string", "enum": list(KINDS)},
        "concerns": {"type": "string", "description": "IRI of the reporting duty, obligation or document"},
        "occurred_on": {"type": "string", "format": "date"},
        "recorded_by": {"type": "string"},
        "actor": {"type": "string", "description": "IRI of the unit that reported, did the work or issued the plan"},
        "for_due_date": {"type": "string", "format": "date"},
        "note": {"type": "string"},
        "evidence_document": {"type": "string", "description": "IRI of an ingested document"},
        "quote": {"type": "string", "description": "the exact text of the evidence document that shows it"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "retracts": {"type": "string", "description": "IRI of an earlier event this one takes back"},
    },
}
_BODY = {
    "content": {
        "application/json": {
            "schema": {"oneOf": [_EVENT_SCHEMA, {"type": "array", "items": _EVENT_SCHEMA, "maxItems": 1000}]}
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["events"],
                "properties": {
                    "events": {"type": "string", "description": "the event, or a list of them, as JSON"},
                    "file": {"type": "string", "format": "binary", "description": "evidence kept with the events"},
                },
            }
        },
    },
    "required": True,
}
MAX_EVENTS = 1000

router = APIRouter(tags=["events"], responses=problems(404, 422))
Kind = Literal["report-received", "obligation-done", "plan-issued"]


def _parsed(data: Any) -> list[tuple[NewEvent, str]]:
    """The events of a request body (one object or a list), each named by its place in the request."""
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > MAX_EVENTS:
        raise Problem(422, "Invalid Request", f"send between 1 and {MAX_EVENTS} events")
    try:
        return [(parse(item, f"event {n}"), f"event {n}") for n, item in enumerate(items, 1)]
    except EventError as exc:
        raise Problem(422, "Invalid Request", str(exc)) from None


async def _read(request: Request, limit: int) -> tuple[list[tuple[NewEvent, str]], tuple[bytes, str] | None]:
    """The events asked for and the evidence file sent with them (multipart), if any."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await body(request, limit)
    if media == "application/json":
        return _parsed(_json(raw)), None
    if media != "multipart/form-data":
        raise Problem(415, "Unsupported Media Type", "send events as application/json, or multipart/form-data")

    async def replay() -> dict:
        return {"type": "http.request", "body": raw, "more_body": False}

    form = await Request(request.scope, replay).form(max_files=1, max_fields=4)
    given, upload = form.get("events"), form.get("file")
    if not isinstance(given, str):
        raise Problem(422, "Invalid Request", "the multipart form has no `events` field")
    file = (await upload.read(), upload.filename or "evidence") if isinstance(upload, UploadFile) else None
    return _parsed(_json(given.encode())), file


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Problem(422, "Invalid Request", f"the body is not JSON: {exc}") from None


def _record(live: Live, given: list[tuple[NewEvent, str]], file: tuple[bytes, str] | None) -> list[dict]:
    """Write the events in one transaction (with the evidence file kept beside the store), then tell the query
    workers; nothing is written, and no file kept, when one is refused."""
    added = None
    with live.write_lock:
        if file is not None:
            if live.originals is None:
                raise Problem(422, "Invalid Request", "a store in memory keeps no files; send a note instead")
            digest, created = live.originals.keep(file[0])
            added = digest if created else None
            given = [(replace(e, file_digest=digest, file_name=file[1]), where) for e, where in given]
        try:
            written = record(live.store, live.ids.base, given)
        except BaseException as exc:  # nothing written: the file kept for it goes too
            if live.originals is not None and added is not None:
                live.originals.discard(added)
            if isinstance(exc, EventError):
                raise Problem(422, "Invalid Request", str(exc)) from None
            raise
        live.store.flush()
        live.recorded()
    model, iris = live.model, {w.iri for w in written}
    return [
        e.as_dict(lambda iri: events.node_label(model, iri))
        for e in events.read(model, {w.event.concerns for w in written})
        if e.iri in iris
    ]


@router.post(
    "/events",
    status_code=201,
    responses={201: {"description": "the events as recorded"}, **problems(401, 403, 413, 415, 422)},
    openapi_extra={"requestBody": _BODY},
    summary="Record implementation events: a report received, an obligation done, a plan issued (API key required)",
)
async def record_events(
    request: Request, live: LiveDep, settings: SettingsDep, _: Annotated[None, Depends(authorised)]
) -> JSONResponse:
    given, file = await _read(request, settings.max_upload)
    recorded = await run_in_threadpool(_record, live, given, file)
    return JSONResponse({"recorded": recorded}, status_code=201)


@router.get("/events", summary="Recorded events, newest last; about one node or one document's nodes")
def list_events(
    model: ModelDep,
    concerns: str | None = Query(None, description="IRI of a duty, obligation or document"),
    document: str | None = Query(None, description="a document (number, id or IRI): events about it and its parts"),
    kind: Kind | None = Query(None, description="the kind of event"),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> dict:
    if concerns is not None and not valid_iri(concerns := model.ids.iri_of(concerns)):
        raise Problem(422, "Invalid Request", f"concerns={concerns!r} is not an IRI or an id under the base")
    if document is not None:
        found = events.of_document(model, model.find_document(document))
    else:
        found = events.read(model, [concerns] if concerns else None)
    found = [e for e in found if kind is None or e.kind == kind]
    return {
        "total": len(found),
        "limit": limit,
        "offset": offset,
        "items": [e.as_dict(lambda iri: events.node_label(model, iri)) for e in found[offset : offset + limit]],
    }


@router.get(
    "/reports/pending",
    summary="Ingested reports no event ties to a duty yet: their candidate duties and why none was recorded",
)
def pending_reports(
    model: ModelDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000)
) -> dict[str, Any]:
    total, left = report_matching.pending(model.store, limit, offset)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [{**report_matching.as_json(m), "reportLabel": model.label(m.report)} for m in left],
    }
