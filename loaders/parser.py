"""Parse one Vietnamese plan into a ParsedDocument: header, references, obligations, targets, reporting."""

from __future__ import annotations

import hashlib
import re

from loaders import admin_units, doctypes, header, lexicon, obligations, references, reporting, sections, targets
from loaders.agencies import Mention, Resolver, find_all, forget_mentions, match_at
from loaders.context import DocContext, Para
from loaders.folding import LOWER, UPPER, ffold, key, slug, tidy
from loaders.jurisdictions import Places, era_of, from_unit
from loaders.layout import blocks
from loaders.model import CENTRAL, AgencyRef, Jurisdiction, Obligation, ParsedDocument, PartialDate, Signature, Span
from loaders.source import IngestError, SourceText

_TYPE_HEADINGS = {f"^{p}$": k for k, (_, p) in doctypes.DOC_TYPES.items()}
_TITLE_TYPE = re.compile("^(?:" + "|".join(f"(?P<t_{k}>{p})" for k, (_, p) in doctypes.DOC_TYPES.items()) + r")\b")
_PARTY_ORG = re.compile(r"dang bo\s+(?P<lv>tinh|thanh pho|huyen|quan|thi xa|khoi|xa|phuong|thi tran)\s+(?P<name>.+)$")
_ISSUES_VERB = re.compile(
    r"\s*(?:da\s+)?(?:ban hanh|xay dung|trien khai)\s+(?:ke hoach|chuong trinh|chi thi|quyet dinh"
    r"|cong van|van ban|thong bao|huong dan)"
)
_RECIPIENTS = re.compile(r"^n[oơ]i\s+nh[aậ]n", re.I)
_AUTHORITY = re.compile(r"^(?:t/m|k/t|t/l|t/u|(?:tm|kt|tl|tuq|q)\s*\.)\s*", re.I)
_STANDING_AUTHORITY = re.compile(r"(?:^|\s)(?:t/m|tm\s*\.|t/l|tl\s*\.)\s*(?P<body>ban thuong vu|thuong truc)\b")
# "PHỤ LỤC": a table or plan issued with the document; a form to fill in is one too, but assigns nothing
_APPENDIX = re.compile(r"^(?:phu luc|mau bao cao|bieu mau|de cuong bao cao)\b")
_FORM = re.compile(r"^(?:mau bao cao|bieu mau|de cuong bao cao)\b")
_PERSON = re.compile(rf"^(?:[{UPPER}][{LOWER}]+\s+){{1,5}}[{UPPER}][{LOWER}]+$")
_BODY_START = re.compile(r"^(?:kinh gui|can cu|thuc hien|trien khai|[ivxl]{1,5}\.\s|\d{1,2}\.\s|dieu\s+\d)")
_NOT_TITLE = re.compile(r"^(?:kinh gui|can cu|[ivxl]{1,5}\.\s|\d{1,2}\.\s|dieu\s+\d)")
_LEAD_NUMBER = re.compile(
    r"(?:ban hanh|ky)\s+(?:ke hoach|quyet dinh|chi thi|chuong trinh(?: hanh dong)?|cong van"
    r"|van ban|thong bao|huong dan)\s+so\s*:?\s*"
)
_LEAD_DATE = re.compile(r"^\s*ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)")
_LEAD_DATE_AFTER = re.compile(r"\s*,?\s*ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)")
_HEADER_ZONE = 30  # paragraphs within which a document's header and type heading stand
_SUFFIX_LEVEL = {
    "tw": "central",
    "ttg": "central",
    "cp": "central",
    "tu": "province",
    "hu": "district",
    "qu": "district",
    "duk": "bloc",
}
_UNIT_KIND = {
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
}
_PARTY_REGISTER = {
    "tu": "tinh uy",
    "hu": "huyen uy",
    "qu": "quan uy",
    "thu": "thi uy",
    "duk": "dang uy khoi co quan va doanh nghiep tinh",
}


_TARGET_ITEM = re.compile(r"^(?:giao\s+)?(?:cac\s+)?(?:chi tieu|muc tieu)(?:\s+cu the)?\b")
_DEPTHS = [
    (re.compile(r"^\d{1,2}\.(?!\d)"), 1),
    (re.compile(r"^\d{1,2}\.\d{1,2}"), 2),
    (re.compile(r"^[a-zđ]\)"), 3),
    (re.compile(r"^[-+•–*]"), 4),
    (re.compile(r"^\(\d{1,2}\)"), 4),
]


def _depth(para: Para) -> int:
    """How deep a paragraph sits under its section: numbered 1, sub-numbered 2, lettered 3, bulleted 4, plain 5."""
    text = para.text.lstrip()
    return next((d for pattern, d in _DEPTHS if pattern.match(text)), 5)


def _is_heading(para: Para) -> bool:
    """A short line that names what follows ('a) Đến năm 2025:'), not a sentence with figures of its own."""
    return len(para.text) <= 80 or para.text.rstrip().endswith(":")


def _type_heading(para: Para) -> str | None:
    if not para.block.caps:
        return None
    folded = " ".join(para.folded.split()).rstrip(" :")
    for pattern, kind in _TYPE_HEADINGS.items():
        if re.match(pattern, folded):
            return kind
    return None


class _Header:
    """The header's facts: issuer lines (from the frame), number, place and date, and what the number says."""

    def __init__(self, ctx: DocContext, frame: header.Frame) -> None:
        self.frame = frame
        self.issuer_paras: list[Para] = [frame.issuer] if frame.issuer is not None else []
        self.party_org: tuple[str, str] | None = None
        self.number: str | None = None
        self.suffix: str | None = None
        self.number_span: Span | None = None
        self.place: str | None = None
        self.date: PartialDate | None = None
        self.date_span: Span | None = None
        if (para := frame.place_date) is not None:
            m = header.PLACE_DATE.match(" ".join(para.folded.split()))
            if m is not None:
                self.place = tidy(para.text[: para.text.index(",")])
                self.date = PartialDate(
                    int(m.group("y")),
                    int(m.group("m")) if m.group("m") else None,
                    int(m.group("d")) if m.group("d") else None,
                )
                self.date_span = ctx.span(para, 0, len(para.text))
        if frame.number is not None:
            self._number(ctx, frame.number)
        for line in frame.lines:
            party = _PARTY_ORG.match(" ".join(line.folded.split()))
            if party:
                self.party_org = (party.group("lv"), party.group("name"))

    def _number(self, ctx: DocContext, para: Para) -> None:
        num = doctypes.NUMBER.search(para.text)
        if num:
            self.number = doctypes.normalise_number(num)
            self.suffix = self.number[len(num.group("n")) :]
        else:
            blank = doctypes.BLANK_NUMBER.match(para.text)
            self.suffix = re.sub(r"\s+", "", blank.group("suffix")) if blank else None
        self.number_span = ctx.span(para, 0, len(para.text))


_AIMS = re.compile(r"(?<![a-z])phan dau(?![a-z])")
_FORWARD = re.compile(r"phuong huong|nhiem vu|ke hoach|kien nghi|de xuat|de nghi|giai phap|to chuc thuc hien|bao cao")
# Bodies whose own units may head a document under them, and the kinds of unit that do.
_PARENT_BODIES = {
    "people-committee",
    "ministry",
    "department",
    "fatherland-front",
    "mass-organisation",
    "youth-union",
    "people-council",
}
_UNITS_OF_BODIES = {"board", "central-office", "agency-office", "centre"}
_STANDING_NAME = re.compile(r"ban (?:thuong vu|thuong truc)")
_BARE_OFFICE = re.compile(r"\s*(?P<o>van phong|thanh tra)\s*")


def _assigning(doc: ParsedDocument, secs: list[sections.Section]) -> list[sections.Section]:
    """The parts that may assign work: all of them, but in a report only its outlook and proposals (its account of
    what was done assigns nothing)."""
    if doc.doc_type != "Report":
        return secs
    return [sec for sec in secs if sec.head is None or _FORWARD.search(sec.head.folded)]


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


class Parser:
    """Parses canonical plan text; one instance per document."""

    def __init__(self, source: SourceText) -> None:
        forget_mentions()  # mentions are kept per text while one document is read, never across documents
        obligations.forget()
        self.source = source
        self.ctx = DocContext.of(source.text, blocks(source.text))

    def parse(self) -> ParsedDocument:
        ctx = self.ctx
        type_index = self._type_index()
        body_start = type_index + 1 if type_index is not None else self._header_end()
        header_end = (
            ctx.paras[type_index].block.start
            if type_index is not None
            else ctx.paras[body_start - 1].block.end
            if body_start
            else 0
        )
        frame = header.read(self.source.text, 0, header_end)
        head = _Header(ctx, frame)
        doc_type, named_in = self._doc_type(type_index, head, ctx.paras[: body_start + 3])
        body, tail, appendix = self._split_tail(ctx.paras[body_start:])
        if appendix and not any((h := sections.part_heading(p)) and h[0] for p in appendix):
            # an appendix without parts of its own (a table of tasks): a part of its own, not the last part's tail
            front, secs = sections.split(body)
            secs.append(sections.Section("PL", "phụ lục", "tasks", None, intro=appendix))
        else:
            front, secs = sections.split(body + appendix)
        title_para, preamble = self._title(front, frame)
        if type_index is None and frame.number is None:  # an excerpt: its title and lead paragraph say what it is
            title_para = next((p for p in ctx.paras[:body_start] if _TITLE_TYPE.match(p.folded)), title_para)
            preamble = [p for p in ctx.paras[:body_start] if p is not title_para] + preamble
            front = [p for p in ctx.paras[:body_start] if p is not title_para] + front
            self._lead_facts(head, front)
        scope = self._scope(head, title_para)
        eras = era_of(head.date)
        issuer, home = self._issuer(head, front, tail, scope, eras)
        ctx.resolver = Resolver(Places(scope, eras, head.date), home, issuer.level if issuer else home.level, issuer)
        if type_index is not None:
            type_para = ctx.paras[type_index]
            type_span = ctx.span(type_para, 0, len(type_para.text))
        else:
            # the number line, else the title, else the paragraph the type was read from, else the opening line
            named = title_para or named_in or ctx.paras[0]
            type_span = head.number_span or ctx.span(named, 0, len(named.text))
        doc = ParsedDocument(
            path=self.source.path,
            text=self.source.text,
            origin=self.source.origin,
            source_format=self.source.format,
            encoding=self.source.encoding,
            file_digest=self.source.file_digest,
            doc_type=doc_type,
            type_span=type_span,
            number=head.number,
            number_suffix=head.suffix,
            number_span=head.number_span,
            issuer=issuer,
            jurisdiction=home,
            scope=scope,
            place=head.place,
            date=head.date,
            date_span=head.date_span,
            title=title_para.text if title_para else None,
            title_span=ctx.span(title_para, 0, len(title_para.text)) if title_para else None,
        )
        self._references(doc, title_para, preamble, secs)
        self._body(doc, secs, preamble)
        if doc_type == "Decision":
            doc.obligations = obligations.decided(ctx, doc.obligations, front + [p for s in secs for p in s.body])
        self._unread(doc, preamble, secs)
        self._tail(doc, tail)
        self._quality(doc, head, type_index)
        for doubt in self.source.doubts:  # words of a scan OCR was unsure of: a person should check them
            text = self.source.text[doubt.start : doubt.end]
            ctx.note("ocr-low-confidence", f"OCR read '{text}' ({doubt.where})", Span(doubt.start, doubt.end, text))
        doc.issues = ctx.issues
        return doc

    def _type_index(self) -> int | None:
        """The type heading (KẾ HOẠCH, QUYẾT ĐỊNH, …) among the first paragraphs, before any numbered part."""
        for i, para in enumerate(self.ctx.paras[:_HEADER_ZONE]):
            if _type_heading(para):
                return i
            if (part := sections.part_heading(para)) and part[0]:
                return None
        return None

    def _header_end(self) -> int:
        """Without a type heading (letters, excerpts): the header ends where the body starts."""
        zone = self.ctx.paras[:_HEADER_ZONE]
        starts = (i for i, p in enumerate(zone) if _BODY_START.match(p.folded.lstrip(" -+")))
        return next(starts, next((i for i, p in enumerate(zone) if len(p.text) > 160 and not p.block.caps), 0))

    def _lead_facts(self, head: _Header, paras: list[Para]) -> None:
        """Number and date an excerpt's lead paragraph gives ('Ngày 05/8/2024, UBND tỉnh X ban hành Kế hoạch số
        241/KH-UBND …')."""
        for para in paras:
            m = _LEAD_NUMBER.search(para.folded)
            if m is None:
                continue
            num = doctypes.NUMBER.match(para.text, m.end())
            if num is None:
                continue
            head.number = doctypes.normalise_number(num)
            head.suffix = head.number[len(num.group("n")) :]
            head.number_span = self.ctx.span(para, num.start(), num.end())
            date = _LEAD_DATE.match(para.folded) or _LEAD_DATE_AFTER.match(para.folded, num.end())
            if date is not None and head.date is None:
                head.date = PartialDate(int(date.group("y")), int(date.group("m")), int(date.group("d")))
                head.date_span = self.ctx.span(para, date.start("d"), date.end("y"))
            return

    def _doc_type(self, type_index: int | None, head: _Header, first: list[Para]) -> tuple[str, Para | None]:
        """The type heading's, else the number's type code, else a letter's 'V/v', else a title's first words, with
        the paragraph it was read from when that is a title or lead paragraph; raises IngestError when nothing
        identifies a document."""
        if type_index is not None:
            return _type_heading(self.ctx.paras[type_index]) or "Plan", None
        if head.suffix:
            return doctypes.type_of_number(head.suffix) or "Letter", None
        if head.frame.subject is not None:
            return "Letter", None
        for para in first:
            m = _TITLE_TYPE.match(para.folded.lstrip())
            if m and (doctypes.NUMBER.search(para.text) or find_all(para.text, para.folded)):
                return next(k[2:] for k, v in m.groupdict().items() if v is not None), para
        raise IngestError(
            self.source.path,
            "no identifiable document: looked for a type heading (KẾ HOẠCH, "
            "QUYẾT ĐỊNH, …), a number line ('Số: …'), a 'V/v' subject and a title "
            "naming a document type with its issuer or number; found none",
        )

    # -- front matter -------------------------------------------------------------------------------

    def _scope(self, header: _Header, title: Para | None) -> str:
        """Key for the units this document leaves unknown, stable across edits of its body: its number and a
        hash of its title and date (two documents with one number but different titles or days never share an
        unknown unit)."""
        named = key(title.text) if title is not None else self.source.sha1
        if header.date is not None:
            named += f"|{header.date.year}-{header.date.month}-{header.date.day}"
        digest = hashlib.sha1(named.encode()).hexdigest()[:8]
        return f"{slug(header.number)}-{digest}" if header.number else f"t-{digest}"

    @staticmethod
    def _title(front: list[Para], frame: header.Frame) -> tuple[Para | None, list[Para]]:
        """The summary title under the type heading (a letter's 'V/v …' line); the rest is the preamble."""
        if frame.subject is not None:
            return frame.subject, front
        if not front:
            return None, []
        first = front[0]
        if first.folded.rstrip().endswith("nhu sau:") or _NOT_TITLE.match(first.folded.lstrip(" -+")):
            return None, front
        return first, front[1:]

    def _issuer(
        self, head: _Header, front: list[Para], tail: list[Para], scope: str, eras: tuple[str, ...]
    ) -> tuple[AgencyRef | None, Jurisdiction]:
        """Issuer from the header's issuing-body lines (placed by the parent body above them), else the preamble or
        lead ('X ban hành kế hoạch'), else the signature; the place-date line places what the names leave open."""
        places = Places(scope, eras, head.date)
        parent = self._parent_unit(head, places)
        province = (parent.up("province") if parent is not None else None) or self._province_hint(head, front, places)
        districts = (
            [parent]
            if parent is not None and parent.level == "district"
            else self._districts_named(front, province, places) or self._parent_districts(head)
        )
        candidates: list[tuple[Para, int]] = [(para, 0) for para in head.issuer_paras]
        for para in front:
            for m in _ISSUES_VERB.finditer(para.folded):
                start = self._subject_before(para, m.start())
                if start is not None:
                    candidates.append((para, start))
        register = doctypes.register_of(head.suffix or "") if head.suffix else None
        if (office := self._office_of_parent(head, province, districts, register, places)) is not None:
            return office
        for para, pos in candidates:
            mention = match_at(para.text, para.folded, pos)
            if mention is None:
                continue
            home = self._home_for(mention, head, province, districts, register, places)
            resolver = Resolver(places, home, home.level)
            ref = resolver.resolve(mention, para.text, self.ctx.span(para, mention.start, mention.end))
            return self._standing(head, tail, ref), home
        level = _SUFFIX_LEVEL.get(register or "", "province")
        level = "province" if level == "bloc" else level
        home = self._place_unit(head.place, level, None, province, places) or places.unknown(level, province)
        found = self._issuer_from_signature(tail, register, home, places)
        return (self._standing(head, tail, found) if found else None), home

    def _office_of_parent(
        self,
        head: _Header,
        province: Jurisdiction | None,
        districts: list[Jurisdiction],
        register: str | None,
        places: Places,
    ) -> tuple[AgencyRef, Jurisdiction] | None:
        """An issuing line that names a unit of the parent body above it by its own name only ('UBND TỈNH SƠN LA /
        VĂN PHÒNG', 'BỘ Y TẾ / CỤC BÀ MẸ VÀ TRẺ EM', 'ỦY BAN MTTQ VIỆT NAM TỈNH X / BAN THƯỜNG TRỰC', 'UBND TỈNH X /
        BAN CHỈ ĐẠO …'): that unit of the parent body."""
        if len(head.issuer_paras) != 1:
            return None
        office = head.issuer_paras[0]
        parent = head.frame.parent or office  # the two lines may arrive as one
        mention = match_at(parent.text, parent.folded, 0)
        if mention is None or mention.kind not in _PARENT_BODIES:
            return None
        at = mention.end if parent is office else 0
        at += len(office.folded[at:]) - len(office.folded[at:].lstrip())
        bare = _BARE_OFFICE.fullmatch(office.folded, at)
        own = match_at(office.text, office.folded, at) if bare is None else None
        if bare is None and (
            own is None
            or own.kind not in _UNITS_OF_BODIES
            or own.end < len(office.text.rstrip())
            or own.inner is not None
        ):
            return None
        home = self._home_for(mention, head, province, districts, register, places)
        body = Resolver(places, home, home.level).resolve(
            mention, parent.text, self.ctx.span(parent, mention.start, mention.end)
        )
        b = len(office.text.rstrip()) if bare is None else bare.end("o")
        words = office.text[at:b].split()
        name = (
            " ".join(w.lower() if i else w.capitalize() for i, w in enumerate(words))
            if office.text[at:b].isupper()
            else " ".join(words)
        )
        if own is not None and own.kind in ("board", "central-office") and len(words) > 1:  # "Ban Chỉ đạo", "Cục Bà mẹ"
            first, second, *rest = name.split(" ")
            name = " ".join([first, second[:1].upper() + second[1:], *rest])
        kind = (
            "standing-body"
            if _STANDING_NAME.fullmatch(key(name))
            else (own.kind if own is not None else "agency-office")
        )
        # a People's Committee's steering board is named with its unit ("Ban Chỉ đạo … tỉnh X"), other units with
        # their body ("Văn phòng Ủy ban nhân dân tỉnh X", "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh X")
        whose = body.jurisdiction.name if kind == "board" and body.kind == "people-committee" else body.label
        return AgencyRef(
            f"{name} {whose}", name, kind, body.level, body.jurisdiction, self.ctx.span(office, at, b), parent=body
        ), home

    def _parent_unit(self, head: _Header, places: Places) -> Jurisdiction | None:
        """The unit the parent body line names ('UBND TỈNH THANH HÓA', 'ĐẢNG BỘ HUYỆN QUỲ CHÂU')."""
        if head.party_org is not None:
            level_word, name = head.party_org
            level = lexicon.LEVEL_WORDS.get(level_word)
            name = _title_case(name)
            if level in ("province", "province-or-district"):
                return places.province(name) or (
                    places.district(name, "thành phố", None) if level == "province-or-district" else None
                )
            if level == "district":
                return places.district(name, _UNIT_KIND.get(level_word), None)
        para = head.frame.parent
        if para is None:
            return None
        for m in find_all(para.text, para.folded):
            level = lexicon.LEVEL_WORDS.get(m.level_word or "")
            place = _title_case(m.place) if m.place and m.place.isupper() else m.place
            if not place:
                continue
            if level in ("province", "province-or-district") and (found := places.province(place)) is not None:
                return found
            if level in ("district", "province-or-district"):
                found = places.district(place, _UNIT_KIND.get(m.level_word or ""), None)
                if found is not None:
                    return found
        return None

    @staticmethod
    def _parent_districts(head: _Header) -> list[Jurisdiction]:
        """Every district the parent line may name when its name alone does not say which ('ĐẢNG BỘ HUYỆN CHỢ
        MỚI'): the issuer's own unit then decides among them."""
        if head.party_org is None or lexicon.LEVEL_WORDS.get(head.party_org[0]) != "district":
            return []
        units = admin_units.districts_named(_title_case(head.party_org[1]), _UNIT_KIND.get(head.party_org[0]))
        return [from_unit(u) for u in units]

    def _standing(self, head: _Header, tail: list[Para], ref: AgencyRef) -> AgencyRef:
        """A party committee's document signed 'T/M BAN THƯỜNG VỤ' (or headed so) is its standing body's."""
        if ref.kind not in ("party-committee", "mass-organisation", "youth-union") and not (
            ref.kind == "party-delegation" and key(ref.label).startswith("dang uy")
        ):
            return ref
        body = None
        if head.frame.standing:
            body = ffold(head.frame.standing).strip()
        for para in tail:
            m = _STANDING_AUTHORITY.search(para.folded)
            if m:
                body = m.group("body")
                break
        if body is None:
            return ref
        prefix = "Ban Thường vụ" if body.startswith("ban") else "Thường trực"
        return AgencyRef(
            f"{prefix} {ref.label}", ref.alias, "standing-body", ref.level, ref.jurisdiction, ref.span, parent=ref
        )

    @staticmethod
    def _province_hint(head: _Header, front: list[Para], places: Places) -> Jurisdiction | None:
        """The province the text itself names: the one province named in the title and preamble (as 'tỉnh X',
        'Thành phố X', 'Tỉnh ủy X'); None when there is none or several."""
        named: dict[str, Jurisdiction] = {}
        for para in front:
            for m in find_all(para.text, para.folded):
                stated = m.level_word in ("tinh", "thanh pho") or (m.party or "").startswith(("tinh", "thanh"))
                if stated and m.place and (found := places.province(m.place)) is not None:
                    named[found.key] = found
        return next(iter(named.values())) if len(named) == 1 else None

    def _issuer_from_signature(
        self, tail: list[Para], register: str | None, home: Jurisdiction, places: Places
    ) -> AgencyRef | None:
        """Issuer named only by the signature ('TM. ỦY BAN NHÂN DÂN') and the number's register."""
        found = next(((p, a) for p in tail if p.block.caps and (a := _AUTHORITY.match(p.text))), None)
        if found is None:
            return None
        para, authority = found
        start = authority.end()
        mention = match_at(para.text, para.folded, start)
        if mention is None and register in _PARTY_REGISTER:
            mention = Mention(start, len(para.text), "party-committee", party=_PARTY_REGISTER[register])
        if mention is None:
            return None
        ref = Resolver(places, home, home.level).resolve(
            mention, para.text, self.ctx.span(para, mention.start, mention.end)
        )
        return ref.parent if ref.kind == "standing-body" and ref.parent else ref

    @staticmethod
    def _subject_before(para: Para, verb_at: int) -> int | None:
        """Start of the agency mention that ends right before a verb."""
        for m in find_all(para.text, para.folded):
            if m.end <= verb_at and verb_at - m.end <= 2:
                return m.start
        return None

    @staticmethod
    def _districts_named(front: list[Para], province: Jurisdiction | None, places: Places) -> list[Jurisdiction]:
        """The districts the title and preamble name ('của Ủy ban nhân dân huyện Quản Bạ'): where a commune's
        own plan says which district it belongs to."""
        found = {}
        for para in front:
            for m in find_all(para.text, para.folded):
                level = lexicon.LEVEL_WORDS.get(m.level_word or "")
                if m.place and level in ("district", "province-or-district"):
                    district = places.district(m.place, _UNIT_KIND.get(m.level_word or ""), province)
                    if district is not None:
                        found[district.key] = district
        return list(found.values())

    def _home_for(
        self,
        mention: Mention,
        head: _Header,
        province: Jurisdiction | None,
        districts: list[Jurisdiction],
        register: str | None,
        places: Places,
    ) -> Jurisdiction:
        """The jurisdiction an issuer mention stands for, from its own words, the parent body and the header."""
        level = lexicon.LEVEL_WORDS.get(mention.level_word or "")
        if mention.kind == "party-committee":
            party = mention.party or ""
            level = "bloc" if party.startswith("dang uy khoi") else lexicon.PARTY_LEVELS.get(party, level or "district")
        if level is None:
            level = lexicon.KIND_LEVEL.get(mention.kind) or _SUFFIX_LEVEL.get(register or "", "province")
        if level == "central":
            return CENTRAL
        if level == "province-or-district":
            level = places.city_level(mention.place, province or CENTRAL)
        place = _title_case(mention.place) if mention.place and mention.place.isupper() else mention.place
        if level == "bloc":
            return (
                self._place_unit(place or head.place, "province", None, province, places)
                or province
                or places.unknown("province")
            )
        if level == "commune":
            kind = _UNIT_KIND.get(mention.level_word or "") or _UNIT_KIND.get((mention.party or "")[8:])
            contexts = districts or ([province] if province is not None else [])
            named = {j.key: j for c in contexts if place and (j := places.commune(place, kind, c))}
            if not named and place and not contexts:
                found = places.commune(place, kind, CENTRAL)
                named = {found.key: found} if found else {}
            return next(iter(named.values())) if len(named) == 1 else places.unknown(level, province)
        if level == "district" and not place and districts:
            return districts[0]
        if level == "province" and not place and province is not None:
            return province
        kind = _UNIT_KIND.get(mention.level_word or "") or _UNIT_KIND.get((mention.party or "")[:-3])
        found = self._place_unit(place or head.place, level, kind, province, places)
        return found or places.unknown(level, province)

    @staticmethod
    def _place_unit(
        place: str | None, level: str, kind: str | None, province: Jurisdiction | None, places: Places
    ) -> Jurisdiction | None:
        if not place:
            return None
        if level == "province":
            return places.province(place)
        if level == "district":
            return places.district(place, kind, province)
        return None

    # -- references ---------------------------------------------------------------------------------

    def _references(self, doc: ParsedDocument, title: Para | None, preamble: list[Para], secs) -> None:
        found = []
        for para in ([title] if title else []) + preamble:
            found.extend(references.extract(self.ctx, para, preamble=True, title=para is title))
        for sec in secs:
            for para in sec.paras:  # a decision's first article says what the plan it issues implements
                found.extend(references.extract(self.ctx, para, preamble=para.folded.startswith("dieu 1")))
        doc.references = []
        for ref in found:  # the document naming itself ('ban hành Kế hoạch số … thực hiện Y'): it implements Y
            if ref.number is not None and ref.number == doc.number:
                for nested in ref.implements:
                    nested.relation = "implements"
                    doc.references.append(nested)
            else:
                doc.references.append(ref)

    # -- body ---------------------------------------------------------------------------------------

    def _body(self, doc: ParsedDocument, secs: list[sections.Section], preamble: list[Para]) -> None:
        ctx = self.ctx
        if not secs:  # a letter whose instructions are plain paragraphs after its preamble
            found, reports = obligations.instructions(ctx, preamble)
            doc.obligations.extend(found)
            for para, owners in reports:
                doc.duties.extend(reporting.in_paragraph(ctx, para, owners, ""))
        for sec in _assigning(doc, secs):
            addressed = obligations.section_addressee(ctx, sec)
            if addressed is not None and sec.kind != "body":  # a part headed by whom it tells what to do
                doc.obligations.extend(obligations.in_section(ctx, sec, "assignment", addressed))
            elif sec.kind == "body":  # a letter's or notice's numbered instructions: to whom its preamble addresses
                doc.obligations.extend(obligations.in_section(ctx, sec, "task", obligations.addressee(ctx, preamble)))
            elif sec.kind == "tasks":
                doc.obligations.extend(obligations.in_section(ctx, sec, "task"))
            elif sec.kind == "implementation":
                doc.obligations.extend(obligations.in_section(ctx, sec, "assignment"))
            elif sec.kind == "targets":
                self._targets(doc, sec)
                doc.obligations.extend(obligations.cued_in_section(ctx, sec))
            elif sec.kind == "reporting":  # a part on reporting alone gives reporting duties, not obligations
                for para in sec.body:
                    doc.duties.extend(reporting.in_paragraph(ctx, para, [], sec.roman))
            elif sec.kind == "review":
                continue
            elif sec.kind == "requests":  # "V. ĐỀ XUẤT, KIẾN NGHỊ": asked of bodies the issuer does not command
                asked = obligations.in_section(ctx, sec, "task")
                for ob in asked:
                    ob.requested = bool(ob.leads)
                doc.obligations.extend(asked)
            elif sec.kind in ("purpose", "funding", "other"):
                doc.obligations.extend(obligations.cued_in_section(ctx, sec))
            if sec.kind != "targets":
                self._targets_under_headings(doc, sec)
        innermost: dict[int, Obligation] = {}
        for ob in sorted(doc.obligations, key=lambda o: o.span.start - o.span.end):
            for para in ctx.paras_in(ob.span.start, ob.span.end):
                innermost[para.block.start] = ob
        for para in ctx.paras:
            enclosing = innermost.get(para.block.start)
            if enclosing is None:
                continue
            doc.duties.extend(reporting.in_paragraph(ctx, para, enclosing.leads, enclosing.section_path))
            if not any(t.span.start >= para.block.start and t.span.end <= para.block.end for t in doc.targets):
                doc.targets.extend(targets.in_paragraph(ctx, para, None, enclosing.section_path))
        doc.obligations = [ob for ob in doc.obligations if not obligations.reports_only(ob, ctx)]

    def _targets(self, doc: ParsedDocument, sec: sections.Section) -> None:
        """Targets of a targets part, each under the year its nearest heading gives ('MỤC TIÊU ĐẾN NĂM 2030',
        '1. Mục tiêu đến năm 2025', 'a) Đến năm 2025:', 'Phấn đấu đến hết năm 2025:')."""
        self._targets_in(doc, sec.body, sec.head, sec.roman)

    def _targets_in(self, doc: ParsedDocument, paras: list[Para], head: Para | None, path: str) -> None:
        base = path
        years: dict[int, int | None] = {0: targets.horizon(head.folded, heading=True) if head else None}
        for para in paras:
            depth = _depth(para)
            if depth == 5 and para.text.rstrip().endswith(":"):
                depth = 3  # "Phấn đấu đến hết năm 2025:" heads the bullets below it
            item = sections._ITEM.match(para.text)
            if item:
                path = f"{base}.{item.group('n')}" if base else item.group("n")
            for deeper in [d for d in years if d >= depth]:
                del years[deeper]
            if _is_heading(para) and (year := targets.horizon(para.folded, heading=True)) is not None:
                years[depth] = year
            year = years[max(years)] if years else None
            doc.targets.extend(targets.in_paragraph(self.ctx, para, year, path))
            doc.targets.extend(targets.counts_in_paragraph(self.ctx, para, year, path))

    def _targets_under_headings(self, doc: ParsedDocument, sec: sections.Section) -> None:
        """Targets listed under a 'Chỉ tiêu …' or 'Mục tiêu …' item of another part (purpose, tasks), and those a
        paragraph aims at ('Năm 2026, … phấn đấu 100% trẻ em …'), in the year the part's title gives."""
        covered: list[Para] = []
        for item in sections.top_items(sec):
            if _TARGET_ITEM.match(ffold(item.rest)):
                self._targets_in(doc, item.paras, item.head, f"{sec.roman}.{item.number}" if sec.roman else item.number)
                covered.extend(item.paras)
        year = targets.horizon(sec.head.folded, heading=True) if sec.head is not None else None
        for para in sec.body:
            if (
                _AIMS.search(para.folded)
                and para not in covered
                and not any(para.block.start <= t.span.start < para.block.end for t in doc.targets)
            ):
                doc.targets.extend(targets.in_paragraph(self.ctx, para, year, sec.roman))
                doc.targets.extend(targets.counts_in_paragraph(self.ctx, para, year, sec.roman))

    # -- distribution list and signature -------------------------------------------------------------

    @staticmethod
    def _split_tail(paras: list[Para]) -> tuple[list[Para], list[Para], list[Para]]:
        """(body, tail, appendix): the distribution list ("Nơi nhận") and signature come off the end of the body, or,
        when there is no list, everything from the first signature line ("TM.", "KT.", "T/M"); a document issued
        with the decision or letter ("KẾ HOẠCH … ban hành kèm theo …") after them is its appendix."""
        cut = next((i for i, p in enumerate(paras) if _RECIPIENTS.match(p.text)), None)
        if cut is not None:  # the signature's authority line set just above the list ('T/M BAN THƯỜNG VỤ')
            cut = next(
                (i for i in range(max(1, cut - 2), cut) if paras[i].block.caps and _AUTHORITY.match(paras[i].text)), cut
            )
        if cut is None:
            cut = next((i for i, p in enumerate(paras) if i > 0 and p.block.caps and _AUTHORITY.match(p.text)), None)
        if cut is None:
            return paras, [], []
        rest = paras[cut:]
        at = next(
            (
                j
                for j, p in enumerate(rest)
                if j > 0 and (_type_heading(p) or (_APPENDIX.match(p.folded) and p.block.caps))
            ),
            None,
        )
        if at is None:
            return paras[:cut], rest, []
        if any(
            _FORM.match(p.folded) for p in rest[at : at + 2]
        ):  # a form to fill in ('[PHỤ LỤC] MẪU BÁO CÁO …'): no duty
            return paras[:cut], rest[:at], []
        appendix, _, more = Parser._split_tail(rest[at + 1 :])
        return paras[:cut], rest[:at], appendix + more

    def _tail(self, doc: ParsedDocument, tail: list[Para]) -> None:
        ctx = self.ctx
        if tail:
            left, right = header.columns(self.source.text, tail[0].block.start, tail[-1].block.end)
            tail = left + right if right else tail
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
            doc.signature = Signature(authority, position, names[-1].text if names else None, ctx.para_span(sig))

    def _unread(self, doc: ParsedDocument, preamble: list[Para], secs: list[sections.Section]) -> None:
        """Warn, with the line, about text that assigns work and yielded no obligation."""
        secs = _assigning(doc, secs)
        read = [sec for sec in secs if sec.kind not in ("review", "reporting")]  # reporting parts give duties
        body = (
            preamble
            + [p for sec in read for p in sec.intro]
            + [p for sec in read for item in sec.items if not item.looks_back for p in item.paras]
        )
        for para in obligations.unread_assignments(self.ctx, doc.obligations, body):
            snippet = para.text if len(para.text) <= 80 else para.text[:79] + "…"
            self.ctx.note(
                "unparsed-assignment",
                f"this text assigns work but no obligation was read from it: '{snippet}'",
                self.ctx.span(para, 0, len(para.text)),
            )

    # -- quality notes ------------------------------------------------------------------------------

    def _quality(self, doc: ParsedDocument, header: _Header, type_index: int | None) -> None:
        ctx = self.ctx
        if type_index is None and header.frame.issuer is None and header.frame.number is None:
            ctx.note(
                "excerpt",
                "no header (issuing body, number, type heading): read as an excerpt, facts kept as the text gives them",
                ctx.para_span(ctx.paras[:1]),
            )
        if doc.number is None and header.number_span is not None:
            ctx.note(
                "blank-number",
                f"document number left blank (printed as '{header.number_span.text.strip()}')",
                header.number_span,
            )
        elif doc.number is None:
            ctx.note("blank-number", "no number line: document number unknown")
        if doc.date is None:
            ctx.note("no-date", "no place-and-date line: issue date unknown")
        elif not doc.date.complete:
            ctx.note("partial-date", "issue date left partly blank", header.date_span)
        if not doc.jurisdiction.known:
            ctx.note(
                "unknown-jurisdiction", f"the text never names the {doc.jurisdiction.level}: jurisdiction left unknown"
            )
        if doc.issuer is None:
            ctx.note("unresolved-issuer", "issuer not found in header, preamble or signature")
        for ob in doc.obligations:
            if not ob.leads:
                ctx.note("no-lead", f"obligation {ob.section_path} names no lead unit", ob.span)


def parse(source: SourceText) -> ParsedDocument:
    """Parse canonical text into a ParsedDocument."""
    return Parser(source).parse()
