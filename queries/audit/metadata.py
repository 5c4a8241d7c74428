"""Metadata gaps: what the parser found missing or damaged in a document's own text (blank number or date,
unknown jurisdiction, unresolved issuer, text-quality defects)."""

from __future__ import annotations

from collections.abc import Iterable

from loaders.read_index import values
from queries.audit.kept import first_document, written
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "metadata"
TYPES = [
    FindingType(
        "blank-number", FAMILY, "low", "Số văn bản bị để trống hoặc không có", "The document number is blank or missing"
    ),
    FindingType("partial-date", FAMILY, "low", "Ngày ban hành bị để trống một phần", "The issue date is partly blank"),
    FindingType("no-date", FAMILY, "low", "Không có ngày ban hành", "The document has no issue date"),
    FindingType(
        "unknown-jurisdiction",
        FAMILY,
        "medium",
        "Không xác định được địa bàn của văn bản",
        "The text never names its province or district",
    ),
    FindingType(
        "unresolved-issuer",
        FAMILY,
        "medium",
        "Không xác định được cơ quan ban hành",
        "The issuing body could not be found in the text",
    ),
    FindingType(
        "ocr-slip",
        FAMILY,
        "low",
        "Lỗi chất lượng văn bản (nhận dạng ký tự)",
        "A text-quality defect (an OCR slip) was found",
    ),
    FindingType(
        "unparsed-assignment",
        FAMILY,
        "medium",
        "Đoạn văn giao nhiệm vụ nhưng không đọc được nhiệm vụ nào",
        "Text that assigns work yielded no obligation",
    ),
    FindingType(
        "excerpt",
        FAMILY,
        "low",
        "Văn bản chỉ là trích đoạn, thiếu phần đầu (cơ quan, số, loại văn bản)",
        "The text is an excerpt without the standard header (issuer, number, type)",
    ),
]
_VI = {t.name: t.vi for t in TYPES}


home, affected = first_document, written  # kept per document (kept.py)


def detect(ctx: ReadModel, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """The metadata gaps of every ingested document (of these home documents only, when given)."""
    severity = {t.name: t.severity for t in TYPES}
    rows = ctx.rows(f"""SELECT ?d ?i ?code ?note WHERE {{ {values("d", homes)}
          ?d vc:inCorpus true ; vc:hasIssue ?i . ?i vc:issueCode ?code OPTIONAL {{ ?i skos:note ?note }} }}""")
    for doc, issue, code, note in in_order(rows, 0, 1):
        if code not in severity:  # the parser's no-lead notes are reported by the ownership detector
            continue
        label = ctx.label(doc)
        yield Finding(
            code,
            severity[code],
            f"{label}: {_VI[code].lower()}",
            f"{label}: {note or code}",
            documents=(doc,),
            evidence=ctx.evidence([issue, doc]),
        )
