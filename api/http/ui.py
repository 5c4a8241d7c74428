"""The web UI: server-rendered pages over the same read model as the REST API, Vietnamese first, English beside."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import queries
from api.http.audit_routes import Findings, shape_finding
from api.http.catalogue_routes import summary
from api.http.rest import Live, agency_iri, document_iri, index_json
from loaders.store import GraphStore
from queries.audit import finding_types, select
from queries.read.ids import concept
from visualizations import agency_view, cascade_view
from visualizations.highlight import highlight, spans_of
from visualizations.page import render as render_view

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
KINDS = [
    ("document", "văn bản", "documents"),
    ("agency", "cơ quan", "agencies"),
    ("obligation", "nhiệm vụ", "obligations"),
]
ROLES = [
    ("lead", "chủ trì / lead"),
    ("support", "phối hợp / support"),
    ("planIssuer", "xây dựng kế hoạch / plan"),
    ("requested", "đề nghị / requested"),
]


def _wants_html(request: Request) -> bool:
    """Browsers ask for text/html by name; API clients (`*/*`, `application/json`) get the JSON index."""
    return "text/html" in request.headers.get("accept", "")


def type_labels(store: GraphStore) -> dict[str, str]:
    """'kế hoạch / plan' for each document type of the ontology's DocumentTypeScheme, by its local name."""
    rows = store.query("""SELECT ?c ?vi ?en WHERE { ?c skos:inScheme vc:DocumentTypeScheme ;
        skos:prefLabel ?vi, ?en FILTER(lang(?vi) = "vi" && lang(?en) = "en") }""")
    return {concept(c.value): f"{vi.value.lower()} / {en.value}" for c, vi, en in rows}


def display_name(doc: dict, types: dict[str, str]) -> str:
    """A short name for a document: 'Kế hoạch 253-KH/QU', or 'Kế hoạch (không số) của …' when the number is blank."""
    kind = types.get(doc["type"], doc["type"]).split(" / ")[0].capitalize()
    if doc.get("number"):
        return f"{kind} {doc['number']}"
    issuer = doc.get("issuer")
    issuer = issuer.get("label") if isinstance(issuer, dict) else issuer
    return f"{kind} (không số) của {issuer}" if issuer else (doc.get("title") or kind)


def _ui_link(href: str | None) -> str | None:
    """The UI page of a REST resource: documents and agencies have pages; obligations live on their document's."""
    if href is None:
        return None
    if href.startswith("/obligations/"):
        document, _, part = href[len("/obligations/") :].partition("/obligation/")
        return f"/ui/documents/{document}#{part}"
    return "/ui" + href


def ui_router(live: Live, findings: Findings) -> APIRouter:
    """The HTML pages (not in the OpenAPI schema: they are for people)."""
    router = APIRouter(include_in_schema=False)
    types = type_labels(live.store)

    def render(request: Request, template: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    @router.get("/")
    def home(request: Request):
        if not _wants_html(request):
            return JSONResponse(index_json(live))
        snap, reader = live.model, live.reader()
        rows = (reader.document_row(d) for d in snap.documents.values() if d.in_corpus)
        ingested = sorted(
            ({**row, "name": display_name(row, types)} for row in rows),
            key=lambda d: (d["jurisdiction"]["label"] if d["jurisdiction"] else "", d["name"]),
        )
        root = next((reader.document_row(d) for d in snap.documents.values() if d.number == "28-CT/TW"), None)
        everything, _ = findings.current()
        return render(
            request,
            "home.html",
            ingested=ingested,
            cited=len(snap.documents) - len(ingested),
            agencies=len(snap.agencies),
            gaps=len(everything),
            root=root,
        )

    @router.get("/ui/search")
    def search(request: Request, q: str = Query("", max_length=500), kind: str = ""):
        reader = live.reader()
        hits = live.model.index.search(q, {kind} if kind in {k for k, _, _ in KINDS} else None) if q else []
        shown = []
        for hit in hits[:100]:
            ref = live.ids.ref(hit.entry.iri, hit.entry.label)
            document = None
            if hit.entry.document:
                doc_ref = live.ids.ref(hit.entry.document, reader.doc_label(hit.entry.document))
                document = {**doc_ref, "ui": _ui_link(doc_ref["href"])}
            shown.append(
                {
                    "kind": hit.entry.kind,
                    "label": hit.entry.label,
                    "ui": _ui_link(ref["href"]),
                    "snippet": hit.snippet,
                    "document": document,
                }
            )
        return render(
            request,
            "search.html",
            q=q,
            kind=kind,
            kinds=KINDS,
            hits=shown,
            total=len(hits),
            kind_names={k: f"{vi} / {en}" for k, vi, en in KINDS},
        )

    @router.get("/ui/documents/{rid:path}")
    def document(request: Request, rid: str):
        iri = document_iri(live, rid)
        reader = live.reader()
        doc, source = reader.document(iri), reader.text(iri)
        text = highlight(source, spans_of(doc)) if source is not None else None
        return render(
            request,
            "document.html",
            doc=doc,
            text=text,
            name=display_name(doc, types),
            type_label=types.get(doc["type"], doc["type"]),
        )

    @router.get("/ui/agencies/{rid:path}")
    def agency(request: Request, rid: str):
        iri = agency_iri(live, rid)
        reader = live.reader()
        return render(
            request, "agency.html", agency=reader.agency(iri), owned=reader.agency_obligations(iri), roles=ROLES
        )

    @router.get("/ui/cascade/{rid:path}")
    def cascade(request: Request, rid: str, direction: str = "down", depth: int = Query(3, ge=1, le=20)):
        iri = document_iri(live, rid)
        doc = live.reader().document_row(live.model.documents[iri])
        return render(
            request,
            "cascade.html",
            doc=doc,
            name=display_name(doc, types),
            direction="up" if direction == "up" else "down",
            depth=depth,
        )

    @router.get("/views/cascade/{rid:path}")
    def cascade_view_page(
        rid: str,
        direction: str = "down",
        depth: int = Query(4, ge=1, le=20),
        cap: int = Query(40, ge=1, le=5000),
        gaps: bool = True,
    ) -> HTMLResponse:
        iri = document_iri(live, rid)
        _, context = findings.current()
        view = cascade_view(
            context,
            iri,
            direction="up" if direction == "up" else "down",
            depth=depth,
            gaps=gaps,
            cap=cap,
            link=lambda target: _ui_link(live.ids.href(target)),
        )
        return HTMLResponse(render_view(view))

    @router.get("/views/agency/{rid:path}")
    def agency_view_page(rid: str, cap: int = Query(40, ge=1, le=5000)) -> HTMLResponse:
        iri = agency_iri(live, rid)
        _, context = findings.current()
        view = agency_view(context, iri, cap=cap, link=lambda target: _ui_link(live.ids.href(target)))
        return HTMLResponse(render_view(view))

    @router.get("/ui/gaps")
    def gaps(request: Request, type: str = "", severity: str = "", document: str = ""):
        everything, context = findings.current()
        iri = document_iri(live, document) if document else None
        chosen = select(everything, [type] if type else None, iri, severity or None)
        rows = [shape_finding(live, f, context) for f in chosen[:2000]]
        return render(
            request,
            "gaps.html",
            rows=rows,
            types=list(finding_types().values()),
            type=type,
            severity=severity,
            document=document,
            document_label=context.label(iri) if iri else None,
        )

    @router.get("/ui/query")
    def query_page(request: Request):
        return render(request, "query.html", catalogue=[summary(q) for q in queries.catalogue().values()])

    return router


def mount_ui(app: FastAPI, live: Live, findings: Findings) -> None:
    """Serve the pages and their stylesheet and scripts (all from this package: nothing is fetched elsewhere)."""
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(ui_router(live, findings))
