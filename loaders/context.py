"""Per-document parsing context: blocks, their folded forms, the agency resolver, provenance spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from loaders.agencies import Mention, Resolver, ffold, find_all
from loaders.layout import Block
from loaders.lexicon import MINISTRY_UNITS
from loaders.model import AgencyRef, Issue, Span

_DEFINES = re.compile(r"\(\s*sau day goi\s+(?:tat\s+)?la\s*:?\s*(?P<short>[^()]{1,60}?)\s*\)")


@dataclass
class Para:
    """A block together with its folded text (same length) for accent-insensitive matching."""

    block: Block
    folded: str

    @property
    def text(self) -> str:
        return self.block.text


@dataclass
class DocContext:
    """Everything the extractors share while parsing one document."""

    source: str
    paras: list[Para]
    resolver: Resolver | None = None
    issues: list[Issue] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _terms: dict[str, tuple[Para, Mention]] | None = field(default=None, repr=False)
    _agencies: dict[tuple[int, Mention], tuple[Para, AgencyRef]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, source: str, blocks: list[Block]) -> DocContext:
        return cls(source, [Para(b, ffold(b.text)) for b in blocks])

    def paras_in(self, start: int, end: int) -> list[Para]:
        """The paragraphs that begin within source[start:end] (paragraphs are in source order)."""
        if len(self._starts) != len(self.paras):
            self._starts = [p.block.start for p in self.paras]
        return self.paras[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def span(self, para: Para, a: int, b: int) -> Span:
        """Provenance span of clean-text characters a..b-1 of a paragraph."""
        start, end = para.block.span(a, b)
        return Span(start, end, self.source[start:end])

    def para_span(self, paras: list[Para]) -> Span:
        """Span covering whole paragraphs."""
        start, end = paras[0].block.start, paras[-1].block.end
        return Span(start, end, self.source[start:end])

    def agency(self, para: Para, m: Mention) -> AgencyRef:
        """The agency a mention in a paragraph names; each (paragraph, mention) resolved once a document."""
        known = self._agencies.get((id(para), m))
        if known is None:  # the paragraph is kept beside its answer, so its id is not reused meanwhile
            known = self._agencies[(id(para), m)] = (para, self._agency(para, m))
        return known[1]

    def _agency(self, para: Para, m: Mention) -> AgencyRef:
        assert self.resolver is not None
        defined = self._defined().get(para.folded[m.start : m.end])
        if defined is not None:  # "… (sau đây gọi là Sở)": the short name stands for the unit it was given to
            where, full = defined
            return self.resolver.resolve(full, where.text, self.span(para, m.start, m.end))
        found = self.resolver.resolve(m, para.text, self.span(para, m.start, m.end))
        if m.kind in MINISTRY_UNITS and m.inner is None and found.parent is None and found.level == "central":
            # "báo cáo Bộ Y tế (qua Cục Bà mẹ và Trẻ em)": the Cục of the ministry named just before it
            ministry = [x for x in find_all(para.text, para.folded) if x.end <= m.start and x.kind == "ministry"]
            if ministry:
                owner = self.resolver.resolve(ministry[-1], para.text, self.span(para, m.start, m.end))
                return replace(found, label=f"{found.label} {owner.label}", parent=owner)
        if not found.jurisdiction.known and m.kind != "group" and m.sector and not m.place:
            # "Phòng GD&ĐT các huyện … báo cáo kết quả về Phòng GD&ĐT": the bare name points back at the group
            for earlier in find_all(para.text, para.folded):
                if earlier.start >= m.start:
                    break
                if earlier.kind == "group" and earlier.member == m.kind and earlier.sector == m.sector:
                    return self.resolver.resolve(earlier, para.text, self.span(para, m.start, m.end))
        return found

    def _defined(self) -> dict[str, tuple[Para, Mention]]:
        """Short names the text gives units: 'Sở LĐTBXH các tỉnh, thành phố (sau đây gọi là Sở)' -> 'so'."""
        if self._terms is None:
            self._terms = {}
            for para in self.paras:
                if "sau day goi" not in para.folded:
                    continue
                mentions = find_all(para.text, para.folded)
                for term in _DEFINES.finditer(para.folded):
                    named = [
                        m for m in mentions if m.end <= term.start() and not para.folded[m.end : term.start()].strip()
                    ]
                    if named:
                        self._terms[term.group("short").strip()] = (para, named[-1])
        return self._terms

    def agencies_in(self, para: Para, a: int = 0, b: int | None = None) -> list[AgencyRef]:
        """All agencies mentioned in para.text[a:b]."""
        b = len(para.text) if b is None else b
        return [self.agency(para, m) for m in find_all(para.text[:b], para.folded[:b]) if m.start >= a]

    def note(self, code: str, message: str, span: Span | None = None) -> None:
        self.issues.append(Issue(code, message, span))
