"""Score the parser against hand-made gold JSON, field by field (precision, recall, F1)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from loaders.errors import InvalidRequest
from loaders.folding import fold, key
from loaders.model import AgencyRef, DocumentRef, Jurisdiction, ParsedDocument
from loaders.parser import parse
from loaders.readers.documents import read_source
from loaders.source import IngestError

FIELDS = (
    "document",
    "issuer",
    "jurisdiction",
    "references",
    "relations",
    "obligations",
    "lead",
    "lead-inferred",
    "support",
    "requested",
    "targets",
    "reporting",
    "reporting-via",
    "reporting-due",
)
_STRENGTH = {"implements": 3, "basedOn": 2, "cites": 1}
_PARENT_UNIT = re.compile(r",\s*(?:quan|huyen|thi xa|thanh pho|tinh)\s+(?!truc thuoc)[^,]*$")
_TRAILING_PARENS = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)?\)\s*$")


class GoldError(InvalidRequest):
    """A gold file that cannot be used (bad JSON, missing keys, an anchor not in the text)."""


@dataclass
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter[Hashable], found: Counter[Hashable]) -> None:
        hit = sum((gold & found).values())
        self.tp += hit
        self.fp += sum(found.values()) - hit
        self.fn += sum(gold.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentResult:
    """One document's keys per field, gold and found, and whether the parser refused it."""

    name: str
    gold: dict[str, Counter[Hashable]]
    found: dict[str, Counter[Hashable]]
    refused: str | None = None

    def misses(self, name: str) -> tuple[list[Hashable], list[Hashable]]:
        """(gold keys not found, found keys not in gold) of one field."""
        g, f = self.gold[name], self.found[name]
        return sorted((g - f).elements(), key=repr), sorted((f - g).elements(), key=repr)


@dataclass
class Report:
    """Scores of a set of documents."""

    label: str
    documents: list[DocumentResult]

    def scores(self) -> dict[str, Score]:
        out = {name: Score() for name in FIELDS}
        for doc in self.documents:
            for name in FIELDS:
                out[name].add(doc.gold[name], doc.found[name])
        return out


def agency_key(name: str, group: bool = False) -> str:
    """Comparable form of an agency name: folded, punctuation-free, without the parent unit of a commune
    ('…, quận Tân Bình') or a group's parenthesised unit; 'có liên quan' is 'liên quan'; an official named by
    position is the body they head ('Giám đốc Sở Y tế …' is 'Sở Y tế …')."""
    name = unicodedata.normalize("NFC", name)
    if group:
        name = _TRAILING_PARENS.sub("", name)
    folded = key(_PARENT_UNIT.sub("", fold(name))).replace(" co lien quan", " lien quan")
    for pattern, short in _SAME_BODY:
        folded = pattern.sub(short, folded)
    return _POSITION.sub("", folded)


# One body under two usual names: the youth union's central committee in full or as 'Trung ương Đoàn'; the party's
# secretariat with or without 'Trung ương Đảng'; the Front with or without its 'Ủy ban'.
_SAME_BODY = [
    (re.compile(r"trung uong doan(?: thanh nien cong san| tncs)? ho chi minh"), "trung uong doan"),
    (re.compile(r"^ban bi thu trung uong dang$"), "ban bi thu"),
    (re.compile(r"(?<![a-z])uy ban mat tran to quoc"), "mat tran to quoc"),
]


_POSITION = re.compile(
    r"^(?:pho )?(?:giam doc|chu tich|bo truong|thu truong) (?=(?:so|bo|uy ban|ubnd) )"
    r"|^(?:pho )?hieu truong (?=cac truong(?: |$))"
    r"|^truong (?=cac (?:thon|to dan pho|ban|ap|khom|xom|khu pho)(?: |$))"
)


def _ref_key(ref: AgencyRef) -> str:
    return agency_key(ref.label, group=ref.group or not ref.resolved)


def _agencies(refs: list[AgencyRef]) -> frozenset[str]:
    return frozenset(_ref_key(r) for r in refs)


def _gold_agencies(names: list[str] | None) -> frozenset[str]:
    return frozenset(agency_key(n) for n in names or [])


def _unit_key(name: str) -> str:
    return re.sub(r"^(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)\s+", "", key(name))


def _chain(j: Jurisdiction) -> tuple[str, ...] | None:
    if not j.known:
        return None
    names: list[str] = []
    unit: Jurisdiction | None = j
    while unit is not None:
        names.append(key(unit.short) if unit.short else _unit_key(unit.name))
        if unit.level == "central":
            break
        unit = unit.parent
    if len(names) > 1 and names[-1] == _unit_key("Trung ương"):
        names.pop()
    return tuple(names)


def _doc_key(ref: DocumentRef) -> str:
    if ref.number:
        return re.sub(r"\s+", "", ref.number).upper().replace("Đ", "D")
    year = ref.date.year if ref.date else None
    return f"{key(ref.title or '?')} {year}"


def _gold_doc_key(item: dict[str, Any]) -> str:
    if item.get("number"):
        return re.sub(r"\s+", "", item["number"]).upper().replace("Đ", "D")
    return f"{key(item.get('title') or '?')} {item.get('year')}"


def _relation_target(name: str) -> str:
    if (re.search(r"\d", name) and "/" in name) or re.match(r"^\d+-", name):
        return re.sub(r"\s+", "", name).upper().replace("Đ", "D")
    return key(name)


def _found_relations(doc: ParsedDocument) -> Counter[Hashable]:
    best: dict[tuple[str, str], str] = {}

    def visit(source: str, ref: DocumentRef, relation: str) -> None:
        target = _doc_key(ref) if ref.number else key(ref.title or "?")
        pair = (source, target)
        if pair not in best or _STRENGTH[relation] > _STRENGTH[best[pair]]:
            best[pair] = relation
        for nested in ref.implements:
            visit(target, nested, "implements")

    for ref in doc.references:
        visit("this", ref, ref.relation)
    return Counter((a, rel, b) for (a, b), rel in best.items())


def _found_references(doc: ParsedDocument) -> Counter[Hashable]:
    keys: set[str] = set()

    def visit(ref: DocumentRef) -> None:
        keys.add(_doc_key(ref))
        for nested in ref.implements:
            visit(nested)

    for ref in doc.references:
        visit(ref)
    return Counter(keys)


def _target_key(value: Any, unit: str, comparator: str, year: int | None) -> tuple[str, str, str, int | None]:
    return (str(Decimal(str(value)).normalize()), key(unit) if unit not in ("%", "‰") else unit, comparator, year)


def _due(due: tuple[int, int] | None, year: int | None = None) -> str | None:
    if due is None:
        return None
    month, day = due
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


_LINE_PREFIX = re.compile(r"^[\s\-+•–*|]*(?:(?:\d{1,2}\.)+\d{0,2}|[a-zđ][).]|\(\d{1,2}\))?[\s.)|]*$")


def _locate(text: str, anchor: str, where: str) -> int:
    """Where an anchor stands: the occurrence that opens a line (after its list marker) if there is one, else the
    first; whitespace runs in the text may stand for single spaces in the anchor."""
    anchor = unicodedata.normalize("NFC", anchor)
    pattern = re.compile(r"\s+".join(re.escape(w) for w in anchor.split()))
    hits = [m.start() for m in pattern.finditer(text)]
    if not hits:
        raise GoldError(f"{where}: anchor not in the text: {anchor!r}")
    for pos in hits:
        if _LINE_PREFIX.match(text[text.rfind("\n", 0, pos) + 1 : pos]):
            return pos
    return hits[0]


def _match_obligations(doc: ParsedDocument, gold: list[dict[str, Any]], where: str) -> dict[int, int]:
    """gold index -> parsed index: the smallest unmatched parsed obligation whose span holds the anchor (an item's
    span is its own paragraphs: what is split off under it has spans and paths of its own)."""
    taken: set[int] = set()
    out: dict[int, int] = {}
    for gi, item in enumerate(gold):
        pos = _locate(doc.text, item["anchor"], where)
        candidates = [
            (ob.span.end - ob.span.start, pi)
            for pi, ob in enumerate(doc.obligations)
            if pi not in taken and ob.span.start <= pos < ob.span.end
        ]
        if candidates:
            pi = min(candidates)[1]
            taken.add(pi)
            out[gi] = pi
    return out


def _empty() -> dict[str, Counter[Hashable]]:
    return {name: Counter() for name in FIELDS}


def _gold_keys(gold: dict[str, Any]) -> dict[str, Counter[Hashable]]:
    out = _empty()
    meta = gold.get("document") or {}
    out["document"] = Counter(
        {("type", meta.get("type")): 1, ("number", meta.get("number")): 1, ("date", meta.get("date")): 1}
    )
    out["issuer"][agency_key(gold["issuer"]) if gold.get("issuer") else None] += 1
    chain = gold.get("jurisdiction")
    out["jurisdiction"][tuple(_unit_key(n) for n in chain) if chain else None] += 1
    out["references"] = Counter({_gold_doc_key(r) for r in gold.get("references", [])})
    out["relations"] = Counter(
        {
            (_relation_target(a) if a != "this" else a, rel, _relation_target(b))
            for a, rel, b in gold.get("relations", [])
        }
    )
    for gi, ob in enumerate(gold.get("obligations", [])):
        out["obligations"][gi] += 1
        for name in _gold_agencies(ob.get("lead")):
            out["lead"][(gi, name)] += 1
            if ob.get("lead_inferred"):
                out["lead-inferred"][(gi, name)] += 1
        for name in _gold_agencies(ob.get("support")):
            out["support"][(gi, name)] += 1
        if ob.get("requested"):
            out["requested"][gi] += 1
    for t in gold.get("targets", []):
        out["targets"][_target_key(t["value"], t["unit"], t["comparator"], t.get("year"))] += 1
    for d in gold.get("reporting", []):
        pair = (_gold_agencies(d.get("reporter")), _gold_agencies(d.get("recipient")))
        out["reporting"][pair] += 1
        out["reporting-via"][(*pair, _gold_agencies(d.get("via")))] += 1
        out["reporting-due"][(*pair, d.get("due"))] += 1
    return out


def _found_keys(doc: ParsedDocument, gold: dict[str, Any], where: str) -> dict[str, Counter[Hashable]]:
    out = _empty()
    lexical = doc.date.lexical() if doc.date else None
    date = lexical[0] if lexical else None
    out["document"] = Counter({("type", doc.doc_type): 1, ("number", doc.number): 1, ("date", date): 1})
    out["issuer"][_ref_key(doc.issuer) if doc.issuer else None] += 1
    out["jurisdiction"][_chain(doc.jurisdiction)] += 1
    out["references"] = _found_references(doc)
    out["relations"] = _found_relations(doc)
    matched = _match_obligations(doc, gold.get("obligations", []), where)
    ident: dict[int, Hashable] = {pi: gi for gi, pi in matched.items()}
    paths = {doc.obligations[pi].section_path: pi for pi in matched.values()}
    into: dict[int, int] = {}  # an unmatched obligation below a matched one: its supports are that one's too
    for pi, ob in enumerate(doc.obligations):
        if pi in ident:
            continue
        above = [p for p in paths if ob.section_path.startswith(p + ".")]
        if above:
            into[pi] = paths[max(above, key=len)]
        elif any(p.startswith(ob.section_path + ".") for p in paths):
            into[pi] = -1  # a heading whose parts were matched one by one: not scored
    for pi, ob in enumerate(doc.obligations):
        if into.get(pi) == -1:
            continue
        owner = into.get(pi, pi)
        oid = ident.get(owner, ("extra", owner))
        if pi == owner:
            out["obligations"][oid] += 1
            if ob.requested:
                out["requested"][oid] += 1
        if pi == owner:  # a part's leads are its own work's (an inferred one restates the heading's lead)
            for name in _agencies(ob.leads):
                if (oid, name) not in out["lead"]:
                    out["lead"][(oid, name)] += 1
                if ob.lead_inferred and (oid, name) not in out["lead-inferred"]:
                    out["lead-inferred"][(oid, name)] += 1
        for name in _agencies(ob.supports):
            if (oid, name) not in out["support"]:
                out["support"][(oid, name)] += 1
    for t in doc.targets:
        out["targets"][_target_key(t.value, t.unit, t.comparator, t.year)] += 1
    for d in doc.duties:
        pair = (_agencies(d.reporters), _agencies(d.recipients))
        out["reporting"][pair] += 1
        out["reporting-via"][(*pair, _agencies(d.via))] += 1
        out["reporting-due"][(*pair, _due(d.due, d.due_year))] += 1
    return out


def load_gold(path: Path) -> dict[str, Any]:
    """Read one gold file; GoldError names the file when it is not usable."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: {exc}") from None
    if not isinstance(gold, dict) or "document" not in gold:
        raise GoldError(f"{path}: not a gold object (needs at least 'document')")
    return gold


def evaluate_file(gold_path: Path) -> DocumentResult:
    """Parse one document and compare it with its gold: NAME.txt beside NAME.gold.json, or the file the gold's
    "source" names (relative to the gold file)."""
    gold = load_gold(gold_path)
    text_path = (
        gold_path.parent / gold["source"]
        if gold.get("source")
        else gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    )
    expected = _gold_keys(gold)
    try:
        doc = parse(read_source(text_path))
    except IngestError as exc:
        return DocumentResult(text_path.name, expected, _empty(), refused=str(exc))
    found = _found_keys(doc, gold, str(gold_path))
    return DocumentResult(text_path.name, expected, found)


def evaluate(folder: Path) -> Report:
    """Score every document that has a gold file under a folder."""
    golds = sorted(folder.rglob("*.gold.json"))
    if not golds:
        raise GoldError(f"{folder}: no .gold.json file")
    return Report(str(folder), [evaluate_file(p) for p in golds])
