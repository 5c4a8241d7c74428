"""REST resources over the knowledge graph: documents, cascades, agencies, obligations, search, the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from api.http.dependencies import DayDep, LiveDep, ReaderDep
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from loaders.errors import NotFound
from queries.read import succession, themes
from queries.read.ids import concept
from queries.read.model import ReadModel, matches_place
from queries.read.resources import Reader

Level = Literal["central", "province", "district", "commune"]
Limit = Query(50, ge=1, le=500, description="items per page")
Offset = Query(0, ge=0, le=1_000_000, description="items to skip")
NOT_FOUND = problems(404)
T = TypeVar("T")


def page(request: Request, items: Sequence[T], limit: int, offset: int, shape: Callable[[T], Any]) -> dict:
    """One page of `items` (shaped lazily), with the total and the URL of the next page."""
    chunk = items[offset : offset + limit]
    following = None
    if offset + limit < len(items):
        following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "next": following,
        "items": [shape(item) for item in chunk],
    }


router = APIRouter(responses=problems(422))


def theme_filter(name: str | None) -> str | None:
    """The IRI of the theme a list is filtered by; an unknown theme is a 422 naming the known ones."""
    if name is None:
        return None
    try:
        return themes.theme(name).iri
    except NotFound as exc:
        raise Problem(422, "Invalid Request", str(exc)) from None


@router.get("/documents", tags=["documents"], summary="Documents, filtered and paged")
def documents(
    reader: ReaderDep,
    request: Request,
    type: str | None = Query(None, description="plan, directive, decision, …"),
    level: Level | None = Query(None, description="level of the issuing unit"),
    province: str | None = Query(None, description="province code or name, accents optional"),
    in_corpus: bool | None = Query(None, description="true: ingested; false: known only from citations"),
    q: str | None = Query(None, description="words of the number or title, accents optional"),
    theme: str | None = Query(
        None, max_length=100, description="a theme id (see /themes): documents with its obligations"
    ),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    snap = reader.model
    rows = list(snap.documents.values())
    if type is not None:
        rows = [r for r in rows if r.type == type.lower().replace("-", "")]
    if level is not None:
        rows = [r for r in rows if r.unit is not None and r.unit.level == level]
    if province is not None:
        rows = [r for r in rows if matches_place(r.unit, province)]
    if in_corpus is not None:
        rows = [r for r in rows if r.in_corpus == in_corpus]
    if q is not None:
        wanted = {h.entry.iri for h in snap.index.search(q, {"document"})}
        rows = [r for r in rows if r.iri in wanted]
    chosen = theme_filter(theme)
    if chosen is not None:
        tagged = snap.store.read_index.theme_documents(chosen)
        rows = [r for r in rows if r.iri in tagged]
    rows.sort(key=lambda r: (r.issued_on or "9999", r.number or "", r.iri))
    return page(request, rows, limit, offset, reader.document_row)


@router.get(
    "/documents/{rid:path}/cascade",
    tags=["documents"],
    responses=NOT_FOUND,
    summary="The documents that implement this one (down) or that it implements (up)",
)
async def cascade(
    reader: ReaderDep,
    rid: str,
    direction: Literal["down", "up"] = "down",
    depth: int = Query(3, ge=1, le=20, description="steps to follow"),
) -> dict:
    # async: a walk over the in-memory snapshot takes microseconds, less than a hand-off to the thread pool
    iri = reader.model.document_iri(rid)
    return reader.cascade(iri, direction, depth)


@router.get(
    "/documents/{rid:path}/text",
    tags=["documents"],
    responses=NOT_FOUND,
    response_class=PlainTextResponse,
    summary="The document's canonical text (provenance offsets)",
)
def text(reader: ReaderDep, rid: str) -> PlainTextResponse:
    iri = reader.model.document_iri(rid)
    found = reader.text(iri)
    if found is None:
        raise Problem(404, "Not Found", f"{rid} is known only from citations: its text was never ingested")
    return PlainTextResponse(found, media_type="text/plain; charset=utf-8")


_MEDIA = {
    "text": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "pdf": "application/pdf",
    "pdf-ocr": "application/pdf",
    "html": "text/html",
}


@router.get(
    "/documents/{rid:path}/original",
    tags=["documents"],
    responses=NOT_FOUND,
    response_class=Response,
    summary="The file the document was read from, byte for byte (as ingested)",
)
def original(reader: ReaderDep, live: LiveDep, rid: str) -> Response:
    iri = reader.model.document_iri(rid)
    doc = reader.document(iri)
    if doc is None:
        raise Problem(404, "Not Found", f"no document {rid!r}")
    data = live.originals.read(doc["fileDigest"]) if live.originals and doc["fileDigest"] else None
    if data is None:
        raise Problem(404, "Not Found", f"the file {rid} was read from is not kept (ingested before files were kept)")
    name = doc["sourceFile"] or "original"
    return Response(
        data,
        media_type=_MEDIA.get(doc["sourceFormat"] or "", "application/octet-stream"),
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


@router.get(
    "/documents/{rid:path}",
    tags=["documents"],
    responses=NOT_FOUND,
    summary="One document: metadata, references, obligations with owners, targets, duties, provenance",
)
def document(reader: ReaderDep, rid: str) -> dict:
    iri = reader.model.document_iri(rid)
    found = reader.document(iri)
    if found is None:
        raise Problem(404, "Not Found", f"no document {rid!r}")
    return found


@router.get("/agencies", tags=["agencies"], summary="Agencies and groups, searchable with or without accents")
def agencies(
    reader: ReaderDep,
    request: Request,
    q: str | None = Query(None, description="words of the name, accents optional"),
    kind: str | None = Query(None, description="agency kind, e.g. department, peoples-committee"),
    level: Level | None = None,
    province: str | None = Query(None, description="province code or name, accents optional"),
    group: bool | None = Query(None, description="true: groups only; false: single units only"),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    snap = reader.model
    if q is None:  # listed by name in the read index, a page at a time
        return page(request, snap.agency_listing(kind, level, province, group), limit, offset, reader.agency_row)
    hits = [h.entry.iri for h in snap.index.search(q, {"agency"})]
    found = snap.agencies.many(hits)
    rows = [
        a
        for a in (found[i] for i in hits if i in found)
        if (kind is None or a.kind == kind)
        and (level is None or a.level == level)
        and (province is None or matches_place(a.unit, province))
        and (group is None or a.group == group)
    ]
    return page(request, rows, limit, offset, reader.agency_row)


@router.get(
    "/agencies/{rid:path}/obligations",
    tags=["agencies"],
    responses=NOT_FOUND,
    summary="Every obligation of one agency across the cascade, split by role",
)
def agency_obligations(reader: ReaderDep, rid: str) -> dict:
    iri = reader.model.agency_iri(rid)
    return {"agency": _agency_ref(reader, iri), **reader.agency_obligations(iri)}


def _agency_ref(reader: Reader, iri: str) -> dict:
    return reader.ids.ref(iri, reader.model.agencies[iri].label)


@router.get(
    "/agencies/{rid:path}/successors",
    tags=["agencies"],
    responses=NOT_FOUND,
    summary="What became of an agency in the 2025 reorganisation: each change with its successors and legal basis",
)
def agency_successors(reader: ReaderDep, rid: str) -> dict:
    iri = reader.model.agency_iri(rid)
    return {"agency": _agency_ref(reader, iri), "changes": succession.successors(reader.store, reader.ids, iri)}


@router.get("/agencies/{rid:path}", tags=["agencies"], responses=NOT_FOUND, summary="One agency or group")
def agency(reader: ReaderDep, rid: str) -> dict:
    found = reader.agency(reader.model.agency_iri(rid))
    if found is None:
        raise Problem(404, "Not Found", f"no agency {rid!r}")
    return found


@router.get(
    "/obligations/{rid:path}",
    tags=["obligations"],
    responses=NOT_FOUND,
    summary="One obligation: owners as written and on a day, supporters, source text, document, enclosing obligation",
)
def obligation(reader: ReaderDep, rid: str, on: DayDep) -> dict:
    iri = reader.model.obligation_iri(rid)
    found = reader.obligation(iri)
    if found is None:
        raise Problem(404, "Not Found", f"no obligation {rid!r}")
    day = succession.day_or_today(on)
    duties = succession.owners_on(reader.store, reader.ids, iri, day)
    return {**found, "on": {"date": day.isoformat(), "duties": duties}}


@router.get("/search", tags=["search"], summary="Search documents, agencies and obligation text, accents optional")
def search(
    reader: ReaderDep,
    request: Request,
    q: str = Query(..., min_length=1, max_length=500),
    kind: Literal["document", "agency", "obligation"] | None = None,
    theme: str | None = Query(None, max_length=100, description="a theme id (see /themes): its obligations only"),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    hits = reader.model.index.search(q, {kind} if kind else None, theme_filter(theme))

    def shape(hit) -> dict:
        found = {
            "kind": hit.entry.kind,
            **reader.ids.ref(hit.entry.iri, hit.entry.label),
            "score": hit.score,
            "snippet": hit.snippet,
        }
        if hit.entry.document:
            found["document"] = reader.ids.ref(hit.entry.document, reader.doc_label(hit.entry.document))
        return found

    return page(request, hits, limit, offset, shape)


@router.get("/themes", tags=["themes"], summary="The themes of the scheme, with how many obligations each tags")
def theme_list(reader: ReaderDep) -> dict:
    return {
        "items": [
            {
                "id": concept(t.iri),
                "iri": t.iri,
                "vi": t.vi,
                "en": t.en,
                "obligations": n,
                "href": f"/themes/{concept(t.iri)}/obligations",
            }
            for t, n in themes.counts(reader.store.read_index)
        ]
    }


@router.get(
    "/themes/{theme}/obligations",
    tags=["themes"],
    responses=NOT_FOUND,
    summary="The obligations of one theme across the corpus (or in one document), by document and section",
)
def theme_obligations(
    reader: ReaderDep,
    request: Request,
    theme: str,
    document: str | None = Query(None, description="a document id: its obligations of the theme only"),
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    chosen = themes.theme(theme)
    iri = reader.model.document_iri(document) if document else None
    tagged = themes.Obligations(reader.store.read_index, chosen, iri)

    def shape(item: themes.Tagged) -> dict:
        return {
            **reader.ids.ref(item.obligation, item.label),
            "document": reader.ids.ref(item.document, reader.doc_label(item.document)),
            "text": item.text,
        }

    return {
        "theme": {"id": concept(chosen.iri), "vi": chosen.vi, "en": chosen.en},
        **page(request, tagged, limit, offset, shape),
    }


def index_json(snap: ReadModel) -> dict:
    """What the service offers, with links (the answer to `GET /` for API clients)."""
    return {
        "service": "vn-cascade",
        "documents": len(snap.documents),
        "agencies": len(snap.agencies),
        "links": {
            "documents": "/documents",
            "agencies": "/agencies",
            "search": "/search?q=",
            "themes": "/themes",
            "gaps": "/gaps",
            "queries": "/queries",
            "sparql": "/sparql",
            "cypher": "/cypher",
            "openapi": "/openapi.json",
            "docs": "/docs",
            "ui": "/",
        },
    }
