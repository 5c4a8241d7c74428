"""The auditors' findings over HTTP: the gap list with filters, the finding types, a document's audit report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Literal

from fastapi import APIRouter, Query, Request

from api.http.dependencies import DayDep, FindingTypesDep, ModelDep
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from api.http.export_routes import PDF, XLSX, report
from api.http.rest import Limit, Offset, page
from loaders import events
from queries.audit import Finding, analytics, finding_types, listed, run, select, timeliness, versions
from queries.audit.themes import coverage
from queries.read.ids import Ids
from queries.read.model import ReadModel


def findings_of(model: ReadModel, on: dt.date | None = None) -> list[Finding]:
    """Every finding of the store as this model sees it (as of `on`), kept on the model for the last days asked (and
    the recorded events' state: an event can change a dated finding)."""
    state = (on, dt.date.today(), events.stamp(model.store))
    return model.recent("audit-findings", state, lambda: run(model, on=on), keep=4)


def shape_finding(context: ReadModel, finding: Finding) -> dict:
    """A finding with its nodes as links (id, label, href)."""

    def refs(iris: tuple[str, ...]) -> list[dict]:
        return [context.ids.ref(iri, context.label(iri)) for iri in iris]

    return {
        **finding.as_dict(),
        "documents": refs(finding.documents),
        "obligations": refs(finding.obligations),
        "agencies": refs(finding.agencies),
        "evidence": [
            {**e.as_dict(), "document": context.ids.ref(e.document, context.label(e.document))}
            for e in finding.evidence
        ],
    }


router = APIRouter(tags=["audit"], responses=problems(404, 422))


@router.get("/gaps/types", summary="The kinds of gap the detectors report, in Vietnamese and English")
def gap_types() -> dict:
    return {
        "items": [
            {"name": t.name, "family": t.family, "severity": t.severity, "vi": t.vi, "en": t.en}
            for t in finding_types().values()
        ]
    }


@router.get(
    "/themes/coverage",
    summary="Theme × document coverage: obligations of each ingested document per theme of the SKOS theme scheme",
)
def theme_coverage(context: ModelDep) -> dict:
    matrix = coverage(context)
    return {
        **matrix,
        "documents": [
            {**context.ids.ref(d["iri"], d["label"]), "obligations": d["obligations"], "untagged": d["untagged"]}
            for d in matrix["documents"]
        ],
    }


def linked(ids: Ids, value: Any) -> Any:
    """Give every {iri: …} an id and an href, recursively."""
    if isinstance(value, list):
        return [linked(ids, v) for v in value]
    if isinstance(value, dict):
        found = {k: linked(ids, v) for k, v in value.items()}
        if isinstance(value.get("iri"), str):
            found.update(id=ids.short(value["iri"]), href=ids.href(value["iri"]))
        return found
    return value


def analysed(context: ReadModel, fn: Callable[..., Any], *args: Any) -> Any:
    """An analysis of the model, its nodes linked; an IRI the store cannot take is a 404 like an unknown one."""
    try:
        return linked(context.ids, fn(context, *args))
    except ValueError as exc:
        raise Problem(404, "Not Found", str(exc)) from None


Root = Query("28-CT/TW", max_length=100, description="number of the document at the top of the cascade")


@router.get(
    "/analytics/chains",
    tags=["analytics"],
    summary="Depth of every document below the root and the full chain of each leaf",
)
def chains(context: ModelDep, root: str = Root) -> dict:
    return analysed(context, analytics.chain_depths, root)


@router.get(
    "/analytics/orphans",
    tags=["analytics"],
    summary="Ingested documents cut off from the root by a parent that is not in the corpus",
)
def orphans(context: ModelDep, root: str = Root) -> dict:
    return {"items": analysed(context, analytics.orphaned_subtrees, root)}


@router.get(
    "/analytics/agency-load",
    tags=["analytics"],
    summary="Agencies ranked by obligation load, lead and support apart, direct and through groups",
)
def agency_load(context: ModelDep, request: Request, limit: int = Limit, offset: int = Offset) -> dict:
    return page(request, analysed(context, analytics.agency_load), limit, offset, lambda row: row)


@router.get(
    "/obligations/{rid:path}/responsibility",
    tags=["analytics"],
    summary="The shortest path of responsibility from the root document down to the obligation's lead",
)
def responsibility(context: ModelDep, rid: str, root: str = Root) -> dict:
    steps = analysed(context, analytics.responsibility_path, context.ids.iri_of(rid), root)
    return {"obligation": rid, "root": root, "reachable": steps is not None, "steps": steps or []}


@router.get("/gaps", summary="Where the cascade breaks: findings with their evidence, filtered and paged")
def gaps(
    context: ModelDep,
    request: Request,
    wanted: FindingTypesDep,
    severity: Literal["high", "medium", "low"] | None = None,
    document: str | None = Query(None, description="a document id: findings involving it"),
    on: DayDep = None,
    limit: int = Limit,
    offset: int = Offset,
) -> dict:
    iri = context.document_iri(document) if document else None
    if on is None:  # today's, from the findings the read index keeps: one page read
        chosen: Sequence[Finding] = listed(context, wanted, iri, severity)
    else:
        chosen = select(findings_of(context, on), wanted, iri, severity)
    return page(request, chosen, limit, offset, lambda f: shape_finding(context, f))


@router.get(
    "/documents/{rid:path}/audit",
    summary="A document's audit report: its findings as JSON, Markdown, print-ready HTML, PDF or a workbook",
    responses={200: {"content": {"text/markdown": {}, "text/html": {}, XLSX: {}, PDF: {}}}, **problems(503)},
)
def audit(context: ModelDep, request: Request, rid: str, format: Literal["json", "md", "html", "xlsx", "pdf"] = "json"):
    iri = context.document_iri(rid)
    if format != "json":
        return report(context, request, format, iri)
    chosen = list(listed(context, document=iri))
    return {
        "document": context.ids.ref(iri, context.label(iri)),
        "total": len(chosen),
        "findings": [shape_finding(context, f) for f in chosen],
    }


@router.get(
    "/overdue",
    summary="Reports due and not received, plans owed and not issued, on a day: of a document, its cascade, an agency"
    " or the corpus",
)
def overdue(
    context: ModelDep,
    on: DayDep = None,
    document: str | None = Query(None, description="a document (number, id or IRI)"),
    cascade: bool = Query(False, description="the document and every document implementing it"),
    agency: str | None = Query(None, description="only what this agency (id or IRI) owes"),
    plan_days: int | None = Query(None, ge=0, le=3650, description="days a plan is due after its parent"),
) -> dict[str, Any]:
    if cascade and document is None:
        raise Problem(422, "Invalid Request", "cascade=true needs a document at the top")
    found = timeliness.overview(
        context,
        on or dt.date.today(),
        context.find_document(document) if document else None,
        cascade,
        context.agency_iri(agency) if agency else None,
        plan_days,
        kept=True,
    )
    return timeliness.overview_json(found, context.label)


@router.get("/documents/{rid:path}/versions", summary="The earlier texts of a document kept by re-ingests, and its own")
def document_versions(context: ModelDep, rid: str) -> dict[str, Any]:
    iri = context.document_iri(rid)
    return {
        "document": context.ids.ref(iri, context.label(iri)),
        "versions": [
            {"number": v.number, "iri": v.iri, "graph": v.graph, "supersededAt": v.superseded_at}
            for v in versions.versions(context, iri)
        ],
    }


@router.get(
    "/documents/{rid:path}/diff",
    summary="What changed between two texts of a document: obligations and targets added, removed and changed",
)
def document_diff(
    context: ModelDep,
    rid: str,
    before: int | None = Query(None, alias="from", ge=1, description="earlier version (default: the last kept)"),
    after: int | None = Query(None, alias="to", ge=1, description="later version (default: the current text)"),
) -> dict[str, Any]:
    return versions.as_json(versions.diff(context, context.document_iri(rid), before, after), context.label)
