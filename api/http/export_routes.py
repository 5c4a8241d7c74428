"""Files staff take away: the RACI matrix of a document, a cascade or the corpus (XLSX or CSV), the audit report
(Markdown, print-ready HTML, PDF, or a workbook) of a document or the corpus, and the reporting calendar
(iCalendar, to subscribe to) of a document, a cascade, an agency or the corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from api.http.dependencies import FindingTypesDep, ModelDep
from api.http.endpoint_docs import problems
from loaders.folding import slug
from queries.audit import Finding, families, listed, siblings
from queries.read import duties, raci
from queries.read.model import ReadModel
from visualizations import audit_report, audit_workbook, ical, printed, raci_workbook, siblings_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
ICS = "text/calendar; charset=utf-8"
ReportFormat = Literal["html", "md", "xlsx", "pdf"]

router = APIRouter(tags=["exports"], responses=problems(400, 404, 422))


def resolvable(request: Request, model: ReadModel) -> Callable[[str], str]:
    """The URL on this server where an IRI under the base dereferences (`/id/…`); any other IRI as it is."""
    root = str(request.base_url)

    def href(iri: str) -> str:
        rid = model.ids.id_of(iri)
        return f"{root}id/{quote(rid)}" if rid is not None else iri

    return href


def attachment(content: bytes | str, media_type: str, filename: str) -> Response:
    """A download: the file name both as ASCII and, for Vietnamese names, in RFC 5987 form."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get(
    "/raci",
    summary="The obligations × agencies matrix (RACI) of a document, its cascade or the corpus, as XLSX or CSV",
    response_class=Response,
    responses={200: {"content": {XLSX: {}, "text/csv": {}}, "description": "the workbook or table"}},
)
def raci_file(
    model: ModelDep,
    request: Request,
    document: str | None = Query(None, description="number (162-KH/ĐUK), id or IRI; none: the whole corpus"),
    cascade: bool = Query(False, description="the document and every document implementing it"),
    expand_groups: bool = Query(False, description="also write a group's role to each of its known members"),
    format: Literal["xlsx", "csv"] = "xlsx",
) -> Response:
    iri = model.find_document(document) if document else None
    matrix = raci.for_scope(model, iri, cascade and iri is not None, expand_groups)
    name = "raci-" + (slug(model.label(iri)) if iri else "corpus") + ("-cascade" if cascade and iri else "")
    if format == "csv":
        return attachment(raci_workbook.as_csv(matrix), CSV, f"{name}.csv")
    return attachment(raci_workbook.as_xlsx(matrix, resolvable(request, model)), XLSX, f"{name}.xlsx")


@router.get(
    "/gaps/report",
    summary="The audit report of the corpus or one document: print-ready HTML (with the cascade drawn), Markdown, "
    "PDF (printed by headless Chromium) or a workbook with a sheet per finding family",
    response_class=Response,
    responses={
        200: {"content": {"text/html": {}, "text/markdown": {}, XLSX: {}, PDF: {}}, "description": "the report"},
        **problems(503),
    },
)
def gaps_report(
    model: ModelDep,
    request: Request,
    wanted: FindingTypesDep,
    format: ReportFormat = "html",
    severity: Literal["high", "medium", "low"] | None = None,
    document: str | None = Query(None, description="number, id or IRI: findings involving this document"),
) -> Response:
    iri = model.find_document(document) if document else None
    return report(model, request, format, iri, wanted or None, severity)


def report(
    model: ReadModel,
    request: Request,
    format: ReportFormat,
    document: str | None,
    types: set[str] | None = None,
    severity: str | None = None,
) -> Response:
    """The audit report of a document (or the corpus) in a format, the findings read from the read index: all of
    them for a document or a workbook, the first of each family (and every count) for a corpus-wide page."""
    title = f"Rà soát / Audit: {model.label(document)}" if document else "Các điểm đứt gãy / Gaps"
    name = "audit-" + (slug(model.label(document)) if document else "corpus")
    href = resolvable(request, model)
    if format == "md":
        findings = list(listed(model, types, document, severity))
        text = audit_report.as_markdown(findings, model.label, title)
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
    if format == "xlsx":
        findings = list(listed(model, types, document, severity))
        return attachment(audit_workbook.as_xlsx(findings, model.label, href, title), XLSX, f"{name}.xlsx")
    per_family = None if document else audit_report.REPORT_PER_FAMILY
    findings, counts = _first_of_each_family(model, types, document, severity, per_family)
    page = audit_report.as_html(
        findings,
        model.label,
        title,
        picture=audit_report.report_picture(model, document),
        per_family=per_family,
        link=href,
        written=dt.date.today().isoformat(),
        counts=counts,
    )
    if format == "pdf":
        return attachment(printed.to_pdf(page), PDF, f"{name}.pdf")
    return HTMLResponse(page)


def _first_of_each_family(
    model: ReadModel, types: set[str] | None, document: str | None, severity: str | None, per_family: int | None
) -> tuple[list[Finding], dict[str, int]]:
    """The first `per_family` findings of each family (all when None), and how many of each type there are, each a
    page or a count read from the read index."""
    chosen: list[Finding] = []
    counts: dict[str, int] = {}
    for family in families():
        names = [t.name for t in family.types if not types or t.name in types or family.name in types]
        if not names:
            continue
        found = listed(model, names, document, severity)
        chosen += found if per_family is None else found[:per_family]
        counts.update((n, len(listed(model, [n], document, severity))) for n in names)
    return chosen, {n: c for n, c in counts.items() if c}


@router.get(
    "/calendar.ics",
    summary="The reporting calendar (iCalendar) of a document, its cascade, an agency or the corpus, to subscribe to",
    description="Yearly duties recur, one-off deadlines stand alone, each with reminders a week and a day before; an"
    " event's UID is its duty's IRI, so a subscribed calendar updates it rather than adding it again.",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "the calendar"}},
)
def calendar_file(
    model: ModelDep,
    request: Request,
    document: str | None = Query(None, description="number, id or IRI; none: the whole corpus (or the agency's)"),
    cascade: bool = Query(False, description="the document and every document implementing it"),
    agency: str | None = Query(
        None, description="an agency or group id or IRI: the duties it sends, receives or passes on"
    ),
) -> Response:
    iri = model.find_document(document) if document else None
    unit = model.agency_iri(agency) if agency else None
    chosen = duties.for_scope(model, iri, cascade and iri is not None, unit)
    data = ical.as_ics(chosen, resolvable(request, model))
    name = "lich-bao-cao-" + (slug(model.label(unit or iri)) if unit or iri else "corpus") + ".ics"
    return Response(data, media_type=ICS, headers={"Content-Disposition": f'inline; filename="{name}"'})


@router.get(
    "/siblings",
    summary="The documents implementing one parent side by side: parent obligations carried, themes, owners per "
    "theme, targets per indicator, days after the parent (JSON or a workbook)",
    responses={200: {"content": {XLSX: {}}, "description": "the comparison"}},
)
def siblings_file(
    model: ModelDep,
    request: Request,
    parent: str = Query(..., description="the parent document: number (28-CT/TW), id or IRI"),
    level: Literal["central", "province", "district", "commune"] | None = Query(
        None, description="the level of the siblings (default: the highest level implementing the parent)"
    ),
    format: Literal["json", "xlsx"] = "json",
):
    found = siblings.compare(model, model.find_document(parent), level)
    if format == "json":
        return siblings.as_json(found, model)
    name = f"siblings-{slug(model.label(found.parent))}.xlsx"
    return attachment(siblings_workbook.as_xlsx(found, model, resolvable(request, model)), XLSX, name)
