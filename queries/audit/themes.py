"""Thematic coverage: themes a parent's obligations cover that a document implementing it leaves out, and the
theme × document coverage matrix.

Obligations carry vc:theme by the keyword rules of ontology/themes.ttl (loaders/themes.py). Pairs: an ingested
document that implements (vc:implements) another ingested document, a report on its results aside (it accounts
for the work; it does not carry it down). A theme counts as carried down when at
least one of the child's obligations has it, whichever obligation of the parent it came from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from loaders.read_index import values
from loaders.themes import themes
from queries.audit.kept import first_document, written_and_implementing
from queries.audit.model import Finding, FindingType
from queries.read.model import ReadModel, in_order

FAMILY = "themes"
TYPES = [
    FindingType(
        "theme-not-carried-down",
        FAMILY,
        "medium",
        "Chủ đề có trong nhiệm vụ của văn bản cấp trên nhưng không có trong nhiệm vụ nào của văn bản thực hiện",
        "A theme the parent document's obligations cover is in none of the obligations of a document implementing it",
    ),
]


def _tagged(
    ctx: ReadModel, documents: Iterable[str] | None = None
) -> tuple[dict[str, set[str]], dict[str, dict[str, list[str]]]]:
    """For each ingested document (of `documents`, when given): its obligations, and theme IRI → the obligations
    tagged with that theme."""
    obligations: dict[str, set[str]] = defaultdict(set)
    tagged: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = ctx.rows(f"""SELECT ?d ?o ?t WHERE {{ {values("d", documents)}
          ?d vc:inCorpus true ; vc:hasObligation ?o OPTIONAL {{ ?o vc:theme ?t }} }}""")
    for document, obligation, theme in in_order(rows, 0, 1, 2):
        obligations[document].add(obligation)
        if theme is not None:
            tagged[document][theme].append(obligation)
    return obligations, tagged


home, affected = first_document, written_and_implementing  # kept per document (kept.py)


def detect(ctx: ReadModel, homes: Iterable[str] | None = None) -> Iterable[Finding]:
    """One finding per (child, parent, theme) the parent's obligations cover and the child's do not (for these
    children only, when given)."""
    pairs = in_order(
        ctx.rows(f"""SELECT DISTINCT ?c ?p WHERE {{ {values("c", homes)}
          ?c vc:inCorpus true ; vc:implements ?p . ?p vc:inCorpus true FILTER(?c != ?p)
          FILTER NOT EXISTS {{ ?c a vc:Report }} }}"""),
        0,
        1,
    )
    _, tagged = _tagged(ctx, None if homes is None else {d for pair in pairs for d in pair})
    for child, parent in pairs:
        for theme in themes():
            carriers = tagged[parent].get(theme.iri)
            if not carriers or theme.iri in tagged[child]:
                continue
            c, p, n = ctx.label(child), ctx.label(parent), len(carriers)
            yield Finding(
                "theme-not-carried-down",
                "medium",
                f"{c} không có nhiệm vụ nào về chủ đề “{theme.vi}” mà {p} đề cập ({n} nhiệm vụ)",
                f"{c} has no obligation on the theme '{theme.en}' that {p} covers ({n} obligation(s))",
                documents=(child, parent),
                obligations=tuple(carriers),
                evidence=ctx.evidence(carriers),
                details={"theme": theme.iri, "theme_vi": theme.vi, "theme_en": theme.en},
            )


def coverage(ctx: ReadModel) -> dict[str, Any]:
    """The theme × document matrix for reports: `counts[i][j]` obligations of document j carry theme i."""
    obligations, tagged = _tagged(ctx)
    documents = [d for d, info in ctx.documents.items() if info.in_corpus]
    untagged = {d: obligations[d] - {o for carriers in tagged[d].values() for o in carriers} for d in documents}
    return {
        "themes": [{"iri": t.iri, "vi": t.vi, "en": t.en} for t in themes()],
        "documents": [
            {"iri": d, "label": ctx.label(d), "obligations": len(obligations[d]), "untagged": len(untagged[d])}
            for d in documents
        ],
        "counts": [[len(tagged[d].get(t.iri, ())) for d in documents] for t in themes()],
    }
