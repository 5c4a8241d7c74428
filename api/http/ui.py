"""The web UI: server-rendered pages over the same read model as the REST API, Vietnamese first, English beside."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape

import queries
from api.http.audit_routes import shape_finding
from api.http.catalogue_routes import summary
from api.http.dependencies import DayDep, ReaderDep
from api.http.rest import index_json
from loaders import report_matching
from loaders.errors import NotFound
from loaders.store import GraphStore
from loaders.themes import themes as all_themes
from queries.audit import finding_types, listed, siblings, timeliness, versions
from queries.read import duties, raci, succession, themes
from queries.read.ids import concept
from queries.read.model import ReadModel
from visualizations import agency_view, cascade_view, siblings_workbook
from visualizations.highlight import highlight, spans_of
from visualizations.page import render as render_view

templates = Jinja2Templates(env=Environment(loader=PackageLoader("api.http"), autoescape=select_autoescape()))
KINDS = [
    ("document", "văn bản", "documents"),
    ("agency", "cơ quan", "agencies"),
    ("obligation", "nhiệm vụ", "obligations"),
]
THEME_PAGE = 100  # obligations a theme page lists
CALENDAR_ROWS = 500  # due days (and undated duties) the calendar page lists; the .ics file holds them all
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


def ui_link(href: str | None) -> str | None:
    """The UI page of a REST resource: documents and agencies have pages; obligations live on their document's."""
    if href is None:
        return None
    if href.startswith("/obligations/"):
        document, _, part = href[len("/obligations/") :].partition("/obligation/")
        return f"/ui/documents/{document}#{part}"
    return "/ui" + href


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


def types_of(model: ReadModel) -> dict[str, str]:
    """The document types' names, read once per model."""
    return model.memo("document-type-names", lambda: type_labels(model.store))


router = APIRouter(include_in_schema=False)  # the HTML pages: they are for people, not in the OpenAPI schema


@router.get("/")
def home(reader: ReaderDep, request: Request):
    if not _wants_html(request):
        return JSONResponse(index_json(reader.model))
    snap = reader.model
    rows = (reader.document_row(d) for d in snap.documents.values() if d.in_corpus)
    ingested = sorted(
        ({**row, "name": display_name(row, types_of(reader.model))} for row in rows),
        key=lambda d: (d["jurisdiction"]["label"] if d["jurisdiction"] else "", d["name"]),
    )
    root = next((reader.document_row(d) for d in snap.documents.values() if d.number == "28-CT/TW"), None)
    return page(
        request,
        "home.html",
        ingested=ingested,
        cited=len(snap.documents) - len(ingested),
        agencies=len(snap.agencies),
        gaps=len(listed(reader.model)),
        root=root,
        raci_max=raci.MAX_DOCUMENTS,
    )


@router.get("/ui/search")
def search(reader: ReaderDep, request: Request, q: str = Query("", max_length=500), kind: str = "", theme: str = ""):
    chosen = themes.theme(theme).iri if theme else None
    kinds = {kind} if kind in {k for k, _, _ in KINDS} else None
    hits = reader.model.index.search(q, kinds, chosen) if q else []
    shown = []
    for hit in hits[:100]:
        ref = reader.ids.ref(hit.entry.iri, hit.entry.label)
        document = None
        if hit.entry.document:
            doc_ref = reader.ids.ref(hit.entry.document, reader.doc_label(hit.entry.document))
            document = {**doc_ref, "ui": ui_link(doc_ref["href"])}
        shown.append(
            {
                "kind": hit.entry.kind,
                "label": hit.entry.label,
                "ui": ui_link(ref["href"]),
                "snippet": hit.snippet,
                "document": document,
            }
        )
    return page(
        request,
        "search.html",
        q=q,
        kind=kind,
        kinds=KINDS,
        theme=theme,
        themes=[{"id": concept(t.iri), "vi": t.vi, "en": t.en} for t in all_themes()],
        hits=shown,
        total=len(hits),
        kind_names={k: f"{vi} / {en}" for k, vi, en in KINDS},
    )


@router.get("/ui/documents/{rid:path}")
def document(reader: ReaderDep, request: Request, rid: str, on: DayDep):
    iri = reader.model.document_iri(rid)
    doc, source = reader.document(iri), reader.text(iri)
    if doc is None:
        raise NotFound(f"no document {rid!r}")
    text = highlight(source, spans_of(doc)) if source is not None else None
    day = succession.day_or_today(on)
    ids = reader.ids
    obligations = {ids.iri_of(o["id"]): iri for o in doc["obligations"]}
    states = timeliness.obligations_on(reader.model, obligations, day)
    stated = timeliness.duties_on(reader.model, [iri], day) if doc["inCorpus"] else []
    reports: dict[str | None, list[timeliness.DutyStatus]] = {}
    for status in stated:  # a duty of a group: each member's part
        reports.setdefault(ids.id_of(status.duty.iri), []).append(status)
    return page(
        request,
        "document.html",
        doc=doc,
        text=text,
        name=display_name(doc, types_of(reader.model)),
        type_label=types_of(reader.model).get(doc["type"], doc["type"]),
        day=day.isoformat(),
        states={ids.id_of(o): state for o, state in states.items()},
        reports=reports,
        counts=lambda parts: Counter(p.state for p in parts).most_common(),
        words=timeliness.STATES_VI,
        label=reader.model.label,
        versions=len(versions.versions(reader.model, iri)) - 1,
        now={
            reader.ids.id_of(o): duties
            for o, duties in succession.document_now(reader.store, reader.ids, reader.model.labels, iri, day).items()
        },
    )


@router.get("/ui/versions/{rid:path}")
def versions_page(
    reader: ReaderDep,
    request: Request,
    rid: str,
    before: int | None = Query(None, alias="from", ge=1),
    after: int | None = Query(None, alias="to", ge=1),
) -> HTMLResponse:
    model = reader.model
    iri = model.document_iri(rid)
    return page(
        request,
        "versions.html",
        rid=rid,
        name=model.label(iri),
        all=versions.versions(model, iri),
        diff=versions.diff(model, iri, before, after),
        label=model.label,
        roles=raci.ROLE_VI,
        changes={
            "timeframe": "thời gian / timeframe",
            "text": "nội dung / words",
            "section": "mục / section",
            **{f"owners:{r}": f"{vi} / owners" for r, vi in raci.ROLE_VI.items()},
        },
    )


@router.get("/ui/siblings")
def siblings_page(
    reader: ReaderDep,
    request: Request,
    parent: str = Query(..., max_length=500),
    level: Literal["central", "province", "district", "commune"] | None = None,
) -> HTMLResponse:
    model = reader.model
    found = siblings.compare(model, model.find_document(parent), level)
    return page(
        request,
        "siblings.html",
        c=found,
        label=model.label,
        base=reader.ids.base,
        issued=lambda d: model.documents[d].issued_on,
        themes=siblings.theme_names(),
        counts={d: found.theme_counts(d) for d in [found.parent, *found.siblings]},
        target=siblings_workbook.target_words,
    )


@router.get("/ui/overdue")
def overdue_page(
    reader: ReaderDep,
    request: Request,
    on: DayDep,
    document: str = Query("", max_length=500),
    cascade: bool = False,
    agency: str = Query("", max_length=500),
    everything: bool = Query(False, alias="all"),
) -> HTMLResponse:
    model = reader.model
    day = on or dt.date.today()
    top = model.find_document(document) if document else None
    unit = model.agency_iri(agency) if agency else None
    found = timeliness.overview(model, day, top, cascade and top is not None, unit, kept=True)
    duties, plans = found.overdue()
    return page(
        request,
        "overdue.html",
        found=found,
        duties=found.duties if everything else duties,
        plans=found.plans if everything else plans,
        late=(len(duties), len(plans)),
        day=day.isoformat(),
        document=document,
        cascade=cascade,
        agency=agency,
        everything=everything,
        words=timeliness.STATES_VI,
        label=model.label,
        base=reader.ids.base,
    )


@router.get("/ui/reports")
def reports_page(reader: ReaderDep, request: Request, offset: int = Query(0, ge=0, le=1_000_000)) -> HTMLResponse:
    model = reader.model
    total, pending = report_matching.pending(model.store, 100, offset)
    return page(
        request,
        "reports.html",
        pending=pending,
        total=total,
        offset=offset,
        label=model.label,
        base=reader.ids.base,
    )


@router.get("/ui/agencies/{rid:path}")
def agency(reader: ReaderDep, request: Request, rid: str, on: DayDep):
    iri = reader.model.agency_iri(rid)
    owned = reader.agency_obligations(iri)
    day = succession.day_or_today(on)
    obligations = {
        reader.ids.iri_of(o["id"]): reader.ids.iri_of(o["document"]["id"]) for os in owned.values() for o in os
    }
    states = timeliness.obligations_on(reader.model, obligations, day)
    return page(
        request,
        "agency.html",
        agency=reader.agency(iri),
        owned=owned,
        roles=ROLES,
        changes=succession.successors(reader.store, reader.ids, iri),
        day=day.isoformat(),
        states={reader.ids.id_of(o): state for o, state in states.items()},
        owes=timeliness.overview(reader.model, day, agency=iri, kept=True),
        words=timeliness.STATES_VI,
        label=reader.model.label,
        base=reader.ids.base,
    )


@router.get("/ui/cascade/{rid:path}")
def cascade(
    reader: ReaderDep,
    request: Request,
    rid: str,
    direction: str = "down",
    on: DayDep = None,
    depth: int = Query(3, ge=1, le=20),
):
    iri = reader.model.document_iri(rid)
    doc = reader.document_row(reader.model.documents[iri])
    return page(
        request,
        "cascade.html",
        doc=doc,
        name=display_name(doc, types_of(reader.model)),
        direction="up" if direction == "up" else "down",
        depth=depth,
        on=on.isoformat() if on else "",
    )


@router.get("/views/cascade/{rid:path}")
def cascade_view_page(
    reader: ReaderDep,
    rid: str,
    direction: str = "down",
    depth: int = Query(4, ge=1, le=20),
    cap: int = Query(40, ge=1, le=5000),
    on: DayDep = None,
    gaps: bool = True,
) -> HTMLResponse:
    iri = reader.model.document_iri(rid)
    context = reader.model
    view = cascade_view(
        context,
        iri,
        direction="up" if direction == "up" else "down",
        depth=depth,
        gaps=gaps,
        cap=cap,
        link=lambda target: ui_link(reader.ids.href(target)),
        on=on,
    )
    return HTMLResponse(render_view(view))


@router.get("/views/agency/{rid:path}")
def agency_view_page(reader: ReaderDep, rid: str, cap: int = Query(40, ge=1, le=5000)) -> HTMLResponse:
    iri = reader.model.agency_iri(rid)
    context = reader.model
    view = agency_view(context, iri, cap=cap, link=lambda target: ui_link(reader.ids.href(target)))
    return HTMLResponse(render_view(view))


@router.get("/ui/gaps")
def gaps(reader: ReaderDep, request: Request, type: str = "", severity: str = "", document: str = ""):
    context = reader.model
    iri = reader.model.document_iri(document) if document else None
    chosen = listed(context, [type] if type else None, iri, severity or None)
    rows = [shape_finding(context, f) for f in chosen[:2000]]
    return page(
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
def query_page(reader: ReaderDep, request: Request):
    return page(request, "query.html", catalogue=[summary(q) for q in queries.catalogue().values()])


@router.get("/ui/calendar")
def calendar(
    reader: ReaderDep, request: Request, document: str = "", agency: str = "", cascade: bool = False
) -> HTMLResponse:
    model = reader.model
    iri = model.find_document(document) if document else None
    unit = model.agency_iri(agency) if agency else None
    chosen = duties.for_scope(model, iri, cascade and iri is not None, unit)
    today = dt.date.today()
    until = today + dt.timedelta(days=365)

    def names(iris: list[str]) -> str:
        return "; ".join(chosen.label(i) for i in iris) or "—"

    def row(duty: duties.Duty, day: dt.date | None) -> dict:
        doc_ref = reader.ids.ref(duty.document, chosen.label(duty.document))
        return {
            "day": day.isoformat() if day else None,
            "shown": day.strftime("%d/%m/%Y") if day else None,
            "month": day.strftime("%Y-%m") if day else None,  # groups sort by it: year first
            "once": duty.date is not None,
            "reporters": names(duty.reporters),
            "recipients": names(duty.recipients),
            "via": names(duty.via) if duty.via else None,
            "frequency": duty.frequency or ("một lần / once" if duty.date else "hằng năm / yearly"),
            "document": chosen.label(duty.document),
            "document_ui": ui_link(doc_ref["href"]),
            "path": duty.path,
            "text": " ".join(duty.source_text.split()),
            "impossible": f"{duty.day[3:]}/{duty.day[:2]}" if duty.day and not duty.dated else None,
        }

    upcoming = sorted(
        (row(d, day) for d in chosen.duties for day in d.upcoming(chosen.issued.get(d.document), today, until)),
        key=lambda r: (r["day"], r["document"]),
    )
    shown = upcoming[:CALENDAR_ROWS]
    query = urlencode({k: v for k, v in {"document": document, "agency": agency, "cascade": cascade}.items() if v})
    ics = "/calendar.ics" + (f"?{query}" if query else "")
    absolute = str(request.base_url).rstrip("/") + ics
    return page(
        request,
        "calendar.html",
        title=chosen.title,
        upcoming=shown,
        total=len(upcoming),
        undated=[row(d, None) for d in chosen.duties if not d.dated][:CALENDAR_ROWS],
        undated_total=sum(not d.dated for d in chosen.duties),
        ics=ics,
        ics_absolute=absolute,
        webcal="webcal://" + absolute.split("://", 1)[1],
    )


@router.get("/ui/themes")
def theme_index(reader: ReaderDep, request: Request) -> HTMLResponse:
    rows = [
        {"id": concept(t.iri), "vi": t.vi, "en": t.en, "count": n} for t, n in themes.counts(reader.store.read_index)
    ]
    return page(request, "themes.html", themes=rows)


@router.get("/ui/themes/{theme}")
def theme_page(
    reader: ReaderDep, request: Request, theme: str, offset: int = Query(0, ge=0, le=1_000_000)
) -> HTMLResponse:
    chosen = themes.theme(theme)
    tagged = themes.Obligations(reader.store.read_index, chosen)
    shown = [
        {
            "label": item.label,
            "ui": ui_link(reader.ids.href(item.obligation)),
            "document": reader.doc_label(item.document) or item.document,
            "document_ui": ui_link(reader.ids.href(item.document)),
            "text": " ".join(item.text.split())[:400],
        }
        for item in tagged[offset : offset + THEME_PAGE]
    ]
    following = offset + THEME_PAGE if offset + THEME_PAGE < len(tagged) else None
    return page(
        request,
        "theme.html",
        theme={"id": concept(chosen.iri), "vi": chosen.vi, "en": chosen.en},
        total=len(tagged),
        offset=offset,
        rows=shown,
        following=following,
        previous=max(offset - THEME_PAGE, 0) if offset else None,
    )
