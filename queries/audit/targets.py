"""Target cascade: a parent's target with no counterpart among a child's targets, and a child's target weaker
than its parent's for the same indicator and year.

Pairs: an ingested document that implements (vc:implements) or is based on (vc:basedOn) another ingested
document that has targets; a report on results is no such child (it accounts for the work, it sets no targets).

Matching rule. An indicator is reduced to its content words: the folded key (loaders.folding.key, so accents
and case do not matter) split into words, with generic words removed — function words (các, của, và, được, bị,
có, cho, với, trong, trên, tại, ở, theo, …), framing words (tỷ lệ, số lượng, phấn đấu, đạt), the subject every
indicator here shares (trẻ em, trẻ) and scope words (trên địa bàn huyện, toàn tỉnh, …). Word order is ignored.
Two indicators with the same unit ('%' with '%') are compared by the Dice coefficient of their content words
(2·|A∩B| / (|A|+|B|)). Each child target is the counterpart of the parent indicator(s) it is most similar to,
provided that similarity is at least MATCH (0.6); taking only the best match keeps near twins apart ("… thể thấp
còi" and "… thể nhẹ cân" share 7 of 9 words each): a child that states one of them does not carry down the
other. A parent target whose indicator has no content words is skipped (nothing to match it on).

Weaker. Numbers are compared only when the two indicators are the same: the child's content words all appear
among the parent's or the parent's all among the child's (one of them adds a qualifier such as a scope or "đạt
tiêu chuẩn"); a counterpart whose words differ both ways (a near twin) still carries the indicator down, but its
number is not compared. Both targets must state the same year, the same unit and a bound in the same direction:
'>=' or '>' (at least: a lower child value is weaker) or '<=' or '<' (at most, e.g. rates to reduce: a higher
child value is weaker). A missing year or any other comparator ('=') is not comparable, and nothing is said.
When the child states several comparable numbers, its strongest one is compared; equal values are not weaker.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from loaders.folding import key
from loaders.read_index import values
from queries.audit.kept import first_document, written_and_implementing
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "targets"
TYPES = [
    FindingType(
        "target-not-carried-down",
        FAMILY,
        "medium",
        "Chỉ tiêu của văn bản cấp trên không có chỉ tiêu tương ứng trong văn bản thực hiện",
        "A parent document's target has no counterpart among the targets of a document implementing it",
    ),
    FindingType(
        "target-weaker",
        FAMILY,
        "high",
        "Chỉ tiêu của văn bản thực hiện kém hơn chỉ tiêu cùng chỉ số, cùng năm của văn bản cấp trên",
        "An implementing document's target is weaker than its parent's for the same indicator and year",
    ),
]
MATCH = 0.6
_LEVELS = r"(?: (?:tinh|huyen|quan|thi xa|thanh pho|thi tran|xa|phuong))?"
_GENERIC = re.compile(
    rf"\b(?:(?:tren )?dia ban{_LEVELS}|toan{_LEVELS}|ty le|so luong|phan dau|tre em|tre|dat|duoc|bi|co|cac|nhung"
    r"|moi|cua|va|voi|cho|trong|tren|tai|o|la|theo)\b"
)
_DIRECTION = {">=": 1, ">": 1, "<=": -1, "<": -1}
_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


@dataclass(frozen=True)
class Target:
    """One target as the detector compares it: its node, document, indicator words and bound."""

    iri: str
    document: str
    indicator: str
    words: frozenset[str]
    value: Decimal
    unit: str
    comparator: str
    year: int | None
    path: str | None


def content_words(indicator: str) -> frozenset[str]:
    """The indicator's folded words without the generic ones: what it measures."""
    return frozenset(_GENERIC.sub(" ", key(indicator)).split())


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets; 0 when either is empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def counterparts(parent: list[Target], child: list[Target]) -> dict[str, list[Target]]:
    """For each parent target, the child targets that count as its counterpart (best match, at least MATCH)."""
    found: dict[str, list[Target]] = {p.iri: [] for p in parent}
    for c in child:
        scores = [(similarity(p.words, c.words), p) for p in parent if p.unit == c.unit]
        best = max((score for score, _ in scores), default=0.0)
        if best >= MATCH:
            for score, p in scores:
                if score == best:
                    found[p.iri].append(c)
    return found


def weaker(parent: Target, found: list[Target]) -> Target | None:
    """The child's strongest comparable target when it is weaker than the parent's, else None."""
    direction = _DIRECTION.get(parent.comparator)
    if parent.year is None or direction is None:
        return None
    same = [
        c
        for c in found
        if c.year == parent.year
        and _DIRECTION.get(c.comparator) == direction
        and (c.words <= parent.words or parent.words <= c.words)
    ]
    if not same:
        return None
    strongest = max(same, key=lambda c: c.value * direction)
    return strongest if strongest.value * direction < parent.value * direction else None


def of_documents(ctx: ReadModel, documents: Iterable[str] | None = None) -> dict[str, list[Target]]:
    """The targets of every ingested document (of `documents`, when given), in document order."""
    found: dict[str, list[Target]] = defaultdict(list)
    rows = ctx.rows(f"""
        SELECT ?d ?t ?ind ?v ?u ?c ?y ?path ?s WHERE {{ {values("d", documents)} ?d vc:inCorpus true ; vc:hasTarget ?t .
          ?t vc:indicator ?ind ; vc:targetValue ?v ; vc:unit ?u ; vc:comparator ?c .
          OPTIONAL {{ ?t vc:targetYear ?y }} OPTIONAL {{ ?t vc:sectionPath ?path }}
          OPTIONAL {{ ?t vc:sourceStart ?s }} }}""")
    for doc, node, indicator, value, unit, comparator, year, path, _ in in_order(rows, 0, 8, 1, numbers={8}):
        found[doc].append(
            Target(
                node,
                doc,
                indicator,
                content_words(indicator),
                Decimal(value),
                unit,
                comparator,
                int(year) if year else None,
                path,
            )
        )
    return found


def _pairs(ctx: ReadModel, children: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(child, parent): ingested documents (these `children`, when given) implementing or based on ingested
    documents."""
    return [
        (child, parent)
        for child, parent in in_order(
            ctx.rows(f"""SELECT DISTINCT ?c ?p WHERE {{ {values("c", children)}
          ?c vc:inCorpus true ; vc:implements|vc:basedOn ?p . ?p vc:inCorpus true FILTER(?c != ?p)
          FILTER NOT EXISTS {{ ?c a vc:Report }} }}"""),
            0,
            1,
        )
    ]


def _number(t: Target, decimal: str) -> str:
    """'≥ 84,3%' (decimal=',') or '≥ 84.3%'."""
    return f"{_SYMBOL.get(t.comparator, t.comparator)} {t.value.normalize():f}".replace(".", decimal) + t.unit


def _not_carried(ctx: ReadModel, child: str, parent: str, p: Target) -> Finding:
    name, above = ctx.label(child), ctx.label(parent)
    year_vi, year_en = (f" đến năm {p.year}", f" by {p.year}") if p.year else ("", "")
    return Finding(
        "target-not-carried-down",
        "medium",
        f"{name} không có chỉ tiêu tương ứng với chỉ tiêu “{p.indicator}” {_number(p, ',')}{year_vi} của {above}",
        f"{name} has no counterpart of {above}'s target “{p.indicator}” {_number(p, '.')}{year_en}",
        documents=(child, parent),
        evidence=ctx.evidence([p.iri]),
        details={
            "target": p.iri,
            "indicator": p.indicator,
            "year": p.year,
            "value": float(p.value),
            "unit": p.unit,
            "comparator": p.comparator,
            "sectionPath": p.path,
        },
    )


def _weaker(ctx: ReadModel, child: str, parent: str, p: Target, c: Target) -> Finding:
    name, above = ctx.label(child), ctx.label(parent)
    return Finding(
        "target-weaker",
        "high",
        f"Chỉ tiêu “{c.indicator}” năm {p.year} của {name} ({_number(c, ',')}) kém hơn chỉ tiêu của "
        f"{above} ({_number(p, ',')})",
        f"{name}'s target “{c.indicator}” for {p.year} ({_number(c, '.')}) is weaker than {above}'s "
        f"({_number(p, '.')})",
        documents=(child, parent),
        evidence=ctx.evidence([p.iri, c.iri]),
        details={
            "target": p.iri,
            "childTarget": c.iri,
            "indicator": p.indicator,
            "childIndicator": c.indicator,
            "year": p.year,
            "unit": p.unit,
            "comparator": p.comparator,
            "value": float(p.value),
            "childComparator": c.comparator,
            "childValue": float(c.value),
        },
    )


home, affected = first_document, written_and_implementing  # kept per document (kept.py)


def detect(ctx: ReadModel, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """Targets of a parent its child does not carry down, or carries down weaker (for these children
    only, when given)."""
    pairs = _pairs(ctx, homes)
    targets = of_documents(ctx, None if homes is None else {d for pair in pairs for d in pair})
    for child, parent in pairs:
        if not targets.get(parent):
            continue
        matches = counterparts(targets[parent], targets.get(child, []))
        for p in targets[parent]:
            if not p.words:
                continue
            if not matches[p.iri]:
                yield _not_carried(ctx, child, parent, p)
            elif (c := weaker(p, matches[p.iri])) is not None:
                yield _weaker(ctx, child, parent, p, c)
