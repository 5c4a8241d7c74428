"""Files staff take away: the RACI matrix of a document, a cascade or the corpus (XLSX or CSV)."""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.http.dependencies import ModelDep
from api.http.endpoint_docs import problems
from loaders.folding import slug
from queries.read import raci
from visualizations import raci_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"

router = APIRouter(tags=["exports"], responses=problems(400, 404, 422))


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
    return attachment(raci_workbook.as_xlsx(matrix, lambda node: node), XLSX, f"{name}.xlsx")
