"""Parse one Vietnamese plan into a ParsedDocument: header, references, obligations, targets, reporting."""
from __future__ import annotations

import hashlib
import re

from . import doctypes, lexicon, obligations, references, reporting, sections, targets
from .agencies import Mention, Resolver, ffold, find_all, match_at
from .context import DocContext, Para
from .folding import key, slug, tidy
from .jurisdictions import Places
from .layout import Block, blocks
from .model import CENTRAL, AgencyRef, Jurisdiction, ParsedDocument, PartialDate, Signature, Span
from .source import IngestError, SourceText

_TYPE_HEADINGS = {f"^{p}$": k for k, (_, p) in doctypes.DOC_TYPES.items()}
_MOTTO = re.compile(r"dang cong san viet nam|dang cong san|cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do")
_PARTY_ORG = re.compile(r"dang bo\s+(?P<lv>tinh|thanh pho|huyen|quan|thi xa|khoi)\s+(?P<name>.+)$")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*ngay\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?\s*nam\s*(?P<y>(?:19|20)\d\d)")
_NUMBER_LINE = re.compile(r"^so\s*:?\s*")
_ISSUES_VERB = re.compile(r"\s*(?:ban hanh|xay dung|trien khai)\s+(?:ke hoach|chuong trinh|chi thi|quyet dinh)")
_RECIPIENTS = re.compile(r"^n[oơ]i\s+nh[aậ]n", re.I)
_AUTHORITY = re.compile(r"^(?:t/m|(?:tm|kt|tl|tuq|q)\s*\.)\s*", re.I)
_PERSON = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,5}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+$")
_SUFFIX_LEVEL = {"tw": "central", "ttg": "central", "cp": "central", "tu": "province", "hu": "district",
                 "qu": "district", "duk": "bloc"}
_UNIT_KIND = {"huyen": "huyện", "quan": "quận", "thi xa": "thị xã", "thanh pho": "thành phố", "tp": "thành phố"}
_PARTY_REGISTER = {"tu": "tinh uy", "hu": "huyen uy", "qu": "quan uy", "thu": "thi uy",
                   "duk": "dang uy khoi co quan va doanh nghiep tinh"}


def _type_heading(para: Para) -> str | None:
    if not para.block.caps:
        return None
    folded = " ".join(para.folded.split())
    for pattern, kind in _TYPE_HEADINGS.items():
        if re.match(pattern, folded):
            return kind
    return None


class _Header:
    """What the lines above the type heading say: issuer lines, number, place and date."""

    def __init__(self, ctx: DocContext, paras: list[Para]) -> None:
        self.issuer_paras: list[Para] = []
        self.party_org: tuple[str, str] | None = None
        self.number: str | None = None
        self.suffix: str | None = None
        self.number_span: Span | None = None
        self.place: str | None = None
        self.date: PartialDate | None = None
        self.date_span: Span | None = None
        for para in paras:
            folded = " ".join(para.folded.split())
            if (m := _PLACE_DATE.match(folded)) is not None:
                self.place = tidy(para.text[: para.text.index(",")])
                self.date = PartialDate(int(m.group("y")), int(m.group("m")) if m.group("m") else None,
                                        int(m.group("d")) if m.group("d") else None)
                self.date_span = ctx.span(para, 0, len(para.text))
            elif _NUMBER_LINE.match(para.folded):
                self._number(ctx, para)
            elif para.block.caps:
                self._issuer_line(para)
        if len(self.issuer_paras) > 1:  # "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU" on two lines
            block = Block.joined([p.block for p in self.issuer_paras])
            self.issuer_paras = [Para(block, ffold(block.text))]

    def _number(self, ctx: DocContext, para: Para) -> None:
        num = doctypes.NUMBER.search(para.text)
        if num:
            self.number = doctypes.normalise_number(num)
            self.suffix = self.number[len(num.group("n")):]
        else:
            blank = doctypes.BLANK_NUMBER.match(para.text)
            self.suffix = re.sub(r"\s+", "", blank.group("suffix")) if blank else None
        self.number_span = ctx.span(para, 0, len(para.text))

    def _issuer_line(self, para: Para) -> None:
        folded = " ".join(_MOTTO.sub(" ", para.folded).split())
        if not folded:
            return
        party = _PARTY_ORG.match(folded)
        if party:
            self.party_org = (party.group("lv"), party.group("name"))
        else:
            self.issuer_paras.append(para)


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


class Parser:
    """Parses canonical plan text; one instance per document."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.ctx = DocContext.of(source.text, blocks(source.text))

    def parse(self) -> ParsedDocument:
        ctx = self.ctx
        type_index = next((i for i, p in enumerate(ctx.paras) if _type_heading(p)), None)
        if type_index is None:
            raise IngestError(self.source.path, "not a plan: no document-type heading (KẾ HOẠCH, CHỈ THỊ, "
                                                "CHƯƠNG TRÌNH HÀNH ĐỘNG, QUYẾT ĐỊNH, …) found")
        type_para = ctx.paras[type_index]
        doc_type = _type_heading(type_para) or "Plan"
        header = _Header(ctx, ctx.paras[:type_index])
        body, tail = self._split_tail(ctx.paras[type_index + 1:])
        front, secs = sections.split(body)
        if not secs:
            line = self.source.line_of(type_para.block.start)
            raise IngestError(self.source.path, "not a plan: no numbered sections (I., II., …) after the "
                                                f"'{type_para.text}' heading on line {line}", line)
        title_para, preamble = self._title(front)
        scope = self._scope(header, title_para)
        issuer, home = self._issuer(header, front, tail, scope)
        ctx.resolver = Resolver(Places(scope), home, issuer.level if issuer else home.level)
        doc = ParsedDocument(
            path=self.source.path, text=self.source.text, doc_type=doc_type,
            type_span=ctx.span(type_para, 0, len(type_para.text)),
            number=header.number, number_suffix=header.suffix, number_span=header.number_span,
            issuer=issuer, jurisdiction=home, scope=scope, place=header.place, date=header.date, date_span=header.date_span,
            title=title_para.text if title_para else None,
            title_span=ctx.span(title_para, 0, len(title_para.text)) if title_para else None,
        )
        self._references(doc, title_para, preamble, secs)
        self._body(doc, secs)
        self._tail(doc, tail)
        self._quality(doc, header)
        doc.issues = ctx.issues
        return doc

    # -- front matter -------------------------------------------------------------------------------

    def _scope(self, header: _Header, title: Para | None) -> str:
        """Key for the units this document leaves unknown, stable across edits of its body: its number and a
        hash of its title (two documents with one number but different titles never share an unknown unit)."""
        named = key(title.text) if title is not None else self.source.sha1
        digest = hashlib.sha1(named.encode()).hexdigest()[:8]
        return f"{slug(header.number)}-{digest}" if header.number else f"t-{digest}"

    @staticmethod
    def _title(front: list[Para]) -> tuple[Para | None, list[Para]]:
        if not front:
            return None, []
        first = front[0]
        if first.folded.rstrip().endswith("nhu sau:"):
            return None, front
        return first, front[1:]

    def _issuer(self, header: _Header, front: list[Para], tail: list[Para],
                scope: str) -> tuple[AgencyRef | None, Jurisdiction]:
        """Issuer from the header lines, else the preamble ('X ban hành kế hoạch'), else the signature."""
        province = self._province_hint(header, front)
        districts = self._districts_named(front, province)
        candidates: list[tuple[Para, int]] = [(para, 0) for para in header.issuer_paras]
        for para in front:
            for m in _ISSUES_VERB.finditer(para.folded):
                start = self._subject_before(para, m.start())
                if start is not None:
                    candidates.append((para, start))
        register = doctypes.register_of(header.suffix or "") if header.suffix else None
        for para, pos in candidates:
            mention = match_at(para.text, para.folded, pos)
            if mention is None:
                continue
            home = self._home_for(mention, header, province, districts, register, scope)
            resolver = Resolver(Places("pending"), home, home.level)
            ref = resolver.resolve(mention, para.text, self.ctx.span(para, mention.start, mention.end))
            return (ref.parent or ref), home
        level = _SUFFIX_LEVEL.get(register or "", "province")
        level = "province" if level == "bloc" else level
        home = self._place_unit(header.place, level, None, province) \
            or Places(scope).unknown(level, province)
        return self._issuer_from_signature(tail, register, home), home

    @staticmethod
    def _province_hint(header: _Header, front: list[Para]) -> Jurisdiction | None:
        """The province the text itself names: its party-organisation line, else the one province named in the
        title and preamble (as 'tỉnh X', 'Thành phố X', 'Tỉnh ủy X'); None when there is none or several."""
        places = Places("pending")
        if header.party_org and header.party_org[0] in ("tinh", "thanh pho"):
            return places.province(header.party_org[1])
        named: dict[str, Jurisdiction] = {}
        for para in front:
            for m in find_all(para.text, para.folded):
                stated = m.level_word in ("tinh", "thanh pho") or (m.party or "").startswith(("tinh", "thanh"))
                if stated and m.place and (found := places.province(m.place)) is not None:
                    named[found.key] = found
        return next(iter(named.values())) if len(named) == 1 else None

    def _issuer_from_signature(self, tail: list[Para], register: str | None, home: Jurisdiction) -> AgencyRef | None:
        """Issuer named only by the signature ('TM. ỦY BAN NHÂN DÂN') and the number's register."""
        para = next((p for p in tail if p.block.caps and _AUTHORITY.match(p.text)), None)
        if para is None:
            return None
        start = _AUTHORITY.match(para.text).end()
        mention = match_at(para.text, para.folded, start)
        if mention is None and register in _PARTY_REGISTER:
            mention = Mention(start, len(para.text), "party-committee", party=_PARTY_REGISTER[register])
        if mention is None:
            return None
        ref = Resolver(Places("pending"), home, home.level).resolve(
            mention, para.text, self.ctx.span(para, mention.start, mention.end))
        return ref.parent or ref

    @staticmethod
    def _subject_before(para: Para, verb_at: int) -> int | None:
        """Start of the agency mention that ends right before a verb."""
        for m in find_all(para.text, para.folded):
            if m.end <= verb_at and verb_at - m.end <= 2:
                return m.start
        return None

    @staticmethod
    def _districts_named(front: list[Para], province: Jurisdiction | None) -> list[Jurisdiction]:
        """The districts the title and preamble name ('của Ủy ban nhân dân huyện Quản Bạ'): where a commune's
        own plan says which district it belongs to."""
        places, found = Places("pending"), {}
        for para in front:
            for m in find_all(para.text, para.folded):
                level = lexicon.LEVEL_WORDS.get(m.level_word or "")
                if m.place and level in ("district", "province-or-district"):
                    district = places.district(m.place, _UNIT_KIND.get(m.level_word or ""), province)
                    if district is not None:
                        found[district.key] = district
        return list(found.values())

    def _home_for(self, mention: Mention, header: _Header, province: Jurisdiction | None,
                  districts: list[Jurisdiction], register: str | None, scope: str) -> Jurisdiction:
        """The jurisdiction an issuer mention stands for, from its own words and the header."""
        level = lexicon.LEVEL_WORDS.get(mention.level_word or "")
        if mention.kind == "party-committee":
            party = mention.party or ""
            level = "bloc" if party.startswith("dang uy khoi") else (
                "province" if party.startswith(("tinh", "thanh")) else "district")
        if level is None:
            level = _SUFFIX_LEVEL.get(register or "", "province")
        if level == "province-or-district":
            level = Places("pending").city_level(mention.place, province or CENTRAL)
        place = _title_case(mention.place) if mention.place and mention.place.isupper() else mention.place
        if level == "bloc":
            return self._place_unit(place or header.place, "province", None, province) or province or \
                Places(scope).unknown("province")
        if level == "commune":  # placed only when exactly one district named in the text has a commune of that name
            named = {j.key: j for d in districts if place and (j := Places("pending").named(place, level, d))}
            return next(iter(named.values())) if len(named) == 1 else Places(scope).unknown(level, province)
        kind = _UNIT_KIND.get(mention.level_word or "") or _UNIT_KIND.get((mention.party or "")[:-3])
        found = self._place_unit(place or header.place, level, kind, province)
        return found or Places(scope).unknown(level, province)

    @staticmethod
    def _place_unit(place: str | None, level: str, kind: str | None,
                    province: Jurisdiction | None) -> Jurisdiction | None:
        if not place:
            return None
        places = Places("pending")
        if level == "province":
            return places.province(place)
        if level == "district":
            return places.district(place, kind, province)
        return None

    # -- references ---------------------------------------------------------------------------------

    def _references(self, doc: ParsedDocument, title: Para | None, preamble: list[Para], secs) -> None:
        found = []
        for para in ([title] if title else []) + preamble:
            found.extend(references.extract(self.ctx, para, preamble=True))
        for sec in secs:
            for para in sec.paras:
                found.extend(references.extract(self.ctx, para, preamble=False))
        doc.references = found

    # -- body ---------------------------------------------------------------------------------------

    def _body(self, doc: ParsedDocument, secs: list[sections.Section]) -> None:
        ctx = self.ctx
        for sec in secs:
            if sec.kind == "tasks":
                doc.obligations.extend(obligations.in_section(ctx, sec, "task"))
            elif sec.kind == "implementation":
                doc.obligations.extend(obligations.in_section(ctx, sec, "assignment"))
            elif sec.kind == "targets":
                self._targets(doc, sec)
            elif sec.kind == "reporting":
                for para in sec.paras[1:]:
                    doc.duties.extend(reporting.in_paragraph(ctx, para, [], sec.roman))
        for ob in doc.obligations:
            paras = [p for p in ctx.paras if ob.span.start <= p.block.start < ob.span.end]
            for para in paras:
                doc.duties.extend(reporting.in_paragraph(ctx, para, ob.leads, ob.section_path))
                if not any(t.span.start >= para.block.start and t.span.end <= para.block.end for t in doc.targets):
                    doc.targets.extend(targets.in_paragraph(ctx, para, None, ob.section_path))

    def _targets(self, doc: ParsedDocument, sec: sections.Section) -> None:
        year: int | None = None
        path = sec.roman
        for para in sec.paras[1:]:
            item = sections._ITEM.match(para.text)
            if item:
                path = f"{sec.roman}.{item.group('n')}"
                horizon = targets.horizon(para.folded)
                if horizon is not None or "." not in item.group("n"):
                    year = horizon
            doc.targets.extend(targets.in_paragraph(self.ctx, para, year, path))

    # -- distribution list and signature -------------------------------------------------------------

    @staticmethod
    def _split_tail(paras: list[Para]) -> tuple[list[Para], list[Para]]:
        """(body, tail): the distribution list ("Nơi nhận") and signature come off the end of the text, or, when
        there is no list, everything from the first signature line ("TM.", "KT.", "T/M") after a section."""
        for i, para in enumerate(paras):
            if _RECIPIENTS.match(para.text):
                return paras[:i], paras[i:]
        seen_section = False
        for i, para in enumerate(paras):
            seen_section = seen_section or bool(sections.ROMAN.match(para.text))
            if seen_section and para.block.caps and _AUTHORITY.match(para.text):
                return paras[:i], paras[i:]
        return paras, []

    def _tail(self, doc: ParsedDocument, tail: list[Para]) -> None:
        ctx = self.ctx
        sig_start = next((i for i, p in enumerate(tail) if p.block.caps and _AUTHORITY.match(p.text)), None)
        if sig_start is None:
            sig_start = next((i for i, p in enumerate(tail) if p.block.caps and i > 0), len(tail))
        recipients = tail[1:sig_start] if tail and _RECIPIENTS.match(tail[0].text) else []
        if tail and tail[0].text.lower().startswith("noi"):
            ctx.note("ocr-slip", "heading 'Noi nhận' is an OCR slip of 'Nơi nhận'", ctx.span(tail[0], 0, 9))
        for para in recipients:
            if para.folded.lstrip(" -").startswith(("luu", "d/c", "dong chi", "cac dong chi")):
                continue
            doc.distribution_text.append(ctx.span(para, 0, len(para.text)))
            for ref in ctx.agencies_in(para):
                if ref.label not in {r.label for r in doc.distribution}:
                    doc.distribution.append(ref)
        sig = tail[sig_start:]
        if sig:
            authority = next((p.text for p in sig if p.block.caps and _AUTHORITY.match(p.text)), None)
            caps = [p for p in sig if p.block.caps]
            position = caps[-1].text if caps else None
            if position and _AUTHORITY.match(position):
                position = _AUTHORITY.sub("", position)
            names = [p for p in sig if not p.block.caps and _PERSON.match(p.text)]
            doc.signature = Signature(authority, position, names[-1].text if names else None,
                                      ctx.para_span(sig))

    # -- quality notes ------------------------------------------------------------------------------

    def _quality(self, doc: ParsedDocument, header: _Header) -> None:
        ctx = self.ctx
        if doc.number is None and header.number_span is not None:
            ctx.note("blank-number", f"document number left blank (printed as '{header.number_span.text.strip()}')",
                     header.number_span)
        elif doc.number is None:
            ctx.note("blank-number", "no number line: document number unknown")
        if doc.date is None:
            ctx.note("no-date", "no place-and-date line: issue date unknown")
        elif not doc.date.complete:
            ctx.note("partial-date", "issue date left partly blank", header.date_span)
        if not doc.jurisdiction.known:
            ctx.note("unknown-jurisdiction", f"the text never names the {doc.jurisdiction.level}: "
                                             "jurisdiction left unknown")
        if doc.issuer is None:
            ctx.note("unresolved-issuer", "issuer not found in header, preamble or signature")
        for ob in doc.obligations:
            if not ob.leads:
                ctx.note("no-lead", f"obligation {ob.section_path} names no lead unit", ob.span)


def parse(source: SourceText) -> ParsedDocument:
    """Parse canonical text into a ParsedDocument."""
    return Parser(source).parse()
