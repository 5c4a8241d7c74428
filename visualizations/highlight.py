"""The source text as HTML with every extracted fact marked where its provenance offsets say it was read."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # obligation, agent, target, duty, reference
    note: str


def spans_of(document: dict) -> list[Span]:
    """The provenance spans of a document resource (queries.read.resources.Reader.document)."""
    found: list[Span] = []

    def add(source: dict | None, kind: str, note: str) -> None:
        if source and source.get("start") is not None and source.get("end") is not None:
            where = source.get("location")  # the page, paragraph or table cell of the file it was read from
            found.append(Span(source["start"], source["end"], kind, f"{note} · {where}" if where else note))

    for o in document["obligations"]:
        add(o["source"], "obligation", f"{o['sectionPath']}")
        for role in ("lead", "support", "planIssuer", "requested"):
            for owner in o[role]:
                add(owner.get("source"), "agent", f"{role}: {owner['label']}")
    for t in document["targets"]:
        add(t["source"], "target", f"{t['comparator']} {t['value']}{t['unit']} ({t['year'] or '?'})")
    for d in document["reportingDuties"]:
        add(d["source"], "duty", "reporting duty")
    for r in document["references"]:
        add(r["source"], "reference", f"{r['relation']}: {r['document']['label'] if r['document'] else '?'}")
    return found


def highlight(text: str, spans: list[Span]) -> Markup:
    """Escape `text` and wrap each stretch covered by spans in a <mark> named after the innermost one."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        if not 0 <= a < b <= len(text):
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        piece = escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        inner = min(covering, key=lambda s: s.end - s.start)
        anchor = f' id="src-{a}"' if any(s.start == a and s.kind == "obligation" for s in covering) else ""
        out.append(f'<mark class="{inner.kind}"{anchor} title="{escape(inner.note)}">{piece}</mark>')
    return Markup("".join(out))
