"""Obligations: the units of assigned work in a section, with lead, support, timeframe and plan duties.

A numbered item is an obligation. Inside it, lettered items, numbered sub-items and, under an agency heading
("2. Sở Y tế", "1. Phòng Văn hóa và Thông tin chủ trì thực hiện các nội dung sau:"), each paragraph or bullet are
obligations too, whose lead the heading gives (recorded as inferred, with the heading as evidence) unless they
name their own. Leads come from role lines ("Đơn vị chủ trì: …"), the subject that opens the item, "Giao X …",
"Yêu cầu X …", "X chủ trì …", and "Đề nghị X …" (a request). Tables with owner columns give one obligation a row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from loaders import tables
from loaders.agencies import Mention, after_word, find_all, listed_units, match_at, uncovered
from loaders.context import DocContext, Para
from loaders.folding import key
from loaders.model import AgencyRef, Obligation, Span
from loaders.sections import Item, Section, top_items

_ROLE_NAME = (
    r"(?:don vi|co quan)\s+(?:chu tri|thuc hien|phu trach)(?:\s*,\s*phoi hop)?(?:\s+thuc hien)?"
    r"|chu tri(?:\s*,\s*phoi hop)?(?:\s+thuc hien)?"
    r"|trach nhiem(?: (?:thuc hien|chinh))?|phan cong(?: thuc hien)?|thuc hien|phu trach"
    r"|(?:don vi|co quan)\s+phoi hop(?:\s+thuc hien)?|phoi hop(?:\s+thuc hien)?"
    r"|thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?"
)
_ROLE = re.compile(rf"^[-+•–*\s]*(?P<role>{_ROLE_NAME})\s*:\s*")
# Role labels later in a line ("Chủ trì: Sở Y tế; phối hợp: Sở Tài chính"), each after a stop or a semicolon.
_ROLE_NEXT = re.compile(rf"[.;,]\s*(?P<role>{_ROLE_NAME})\s*:\s*")
_OPENER = re.compile(
    r"(?P<request>(?:kinh\s+)?de nghi(?:\s+cac\s+dong chi)?\s+)|(?P<assign>(?:giao(?:\s+cho)?|yeu cau)\s+)"
    r"|(?:trach nhiem|nhiem vu)(?:\s+cu the)?(?:\s+(?:cua|do|giao))?\s+(?=\S)|(?:rieng\s+)?doi voi\s+"
    r"|rieng\s+"
)  # 'Trách nhiệm của X'

_CUE = re.compile(
    r"(?<![a-z])(?<!tuyen )(?<!ban )(?<!duoc )(?<!chuyen )(?:(?P<request>(?:kinh\s+)?de nghi\s+)"
    r"|(?P<assign>giao(?:\s+cho)?\s+|yeu cau\s+))"
)
_RELAYED = re.compile(r"\s*(?P<cue>(?:kinh\s+)?de nghi[\s:]|giao(?:\s+cho)?[\s:]|yeu cau[\s:])")
_LEADS_VERB = re.compile(
    r"\s*,?\s*(?:(?:la|lam)\s+(?:co quan|don vi)\s+(?:thuong truc|dau moi)[^,;.]*,?\s*)?"
    r"(?:chu tri|co trach nhiem|la co quan chu tri)(?![a-z])"
    r"(?!\s+(?:cuoc|buoi)\s+(?:hop|lam viec)|\s+hoi nghi)"
)  # chairing a meeting assigns nothing
_DOES_IN_BRACKETS = re.compile(
    r"(?P<open>\()(?![^()]*(?:chu tri|phoi hop))[^()]{2,160}?\s"
    r"(?=(?:thuc hien|phu trach)(?![a-z])[^()]*\))"
)
_CHAIR = re.compile(r"(?<![a-z])chu tri(?![a-z])")
_COOPERATE = re.compile(
    r"phoi hop (?:chat che )?(?:voi\s+)?|voi su phoi hop (?:chat che )?(?:cua\s+)?"
    r"|(?<![a-z])cung(?! cap| nhau| ky)(?:\s+voi)?\s+|voi su tham gia (?:tich cuc )?cua\s+"
)
_PLAN_DUTY = re.compile(
    r"(?:xay dung|ban hanh)\s+(?:cac\s+)?(?:chuong trinh\s*,\s*)?(?:ke hoach|chuong trinh hanh dong)"
)
_LIST_GLUE = re.compile(r"\s*(?:,|;|va)\s*")
_SUPPORT_GLUE = re.compile(r"\s*(?:,|va)\s*")  # a semicolon ends those who support: "… với A; B theo dõi"
_MARKER = re.compile(
    r"^\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2})+)[.-]?\s|(?P<letter>[a-zđ])[).]\s|(?P<bullet>[-+•–*]|\(\d{1,2}\))\s*)"
)
# What may follow the agencies of a heading that hands them its items: nothing, a note in brackets ('(cơ quan thường
# trực)'), 'chủ trì (thực hiện)', 'thực hiện các nội dung sau', or anything ending in a colon.
_HEADING_TAIL = re.compile(
    r"^\s*(?:\([^)]{0,60}\))?\s*(?:[-–,]?\s*(?:la\s+)?(?:co quan|don vi)\s+(?:thuong truc|chu tri|dau moi)"
    r"(?:\s+[a-z]+){0,6}?)?\s*(?:(?:chu tri|phu trach)(?:\s*,?\s*phoi hop)?(?:\s+thuc hien)?"
    r"|thuc hien)?(?:\s+(?:cac|nhung)\s+(?:noi dung|nhiem vu)(?:\s+sau)?)?[\s:.;,]*$|.*:\s*$"
)
_SUBJECT_GAP = 60  # characters between a subject and its "xây dựng kế hoạch"


def _leading(para: Para, pos: int, glue: re.Pattern[str] = _LIST_GLUE) -> tuple[list[Mention], int]:
    """Agencies listed at pos ("A, B và C ...") and where the list ends."""
    found: list[Mention] = []
    while True:
        m = match_at(para.text, para.folded, pos)
        if not m or m.group == "competent":  # "cấp có thẩm quyền" is whom work goes up to, never who does it
            break
        listed = listed_units(para.text, para.folded, m)  # "UBND các huyện A, B và C": each of them
        found.extend(listed or [m])
        pos = listed[-1].end if listed else m.end
        joint = glue.match(para.folded, pos)
        if not joint or not joint.group().strip():
            break
        pos = joint.end()
    return found, pos


def _list_in(ctx: DocContext, para: Para, start: int, end: int) -> list[AgencyRef]:
    """Agencies in a role list or table cell ("A, B và C"); unknown names are kept, flagged."""
    found = [m for m in find_all(para.text[:end], para.folded[:end]) if m.start >= start]
    refs = [ctx.agency(para, m) for m in found if not after_word(para.folded, m, "cua|tai|theo")]
    if ctx.resolver is not None:
        for a, b in uncovered(para.text, found, start, end):
            if not re.search(r"(?:cua|tai|theo|duoc giao)\s", para.folded[max(start, a - 40) : a]):
                refs.append(ctx.resolver.unresolved(para.text[a:b], ctx.span(para, a, b)))
    return sorted(refs, key=lambda r: r.span.start)


def _list_upto(ctx: DocContext, para: Para, pos: int, limit: int) -> list[AgencyRef]:
    """The agencies listed from pos up to the sentence's end (or `limit`)."""
    end = para.text.find(".", pos, limit)
    return _list_in(ctx, para, pos, limit if end < 0 else end)


_SUPPORTS_VERB = re.compile(r"(?<![a-z])phoi hop(?! voi)(?![a-z])")


def _cooperators(ctx: DocContext, paras: list[Para]) -> list[AgencyRef]:
    """Agencies named right after 'phối hợp (với)', and those listed right before a 'phối hợp' of their own
    ('Phòng A chủ trì; Phòng B, Trung tâm C phối hợp')."""
    return [ctx.agency(para, x) for para in paras for x in _cooperating(para)]


def _cooperating(para: Para) -> list[Mention]:
    """The supporting mentions of one paragraph, read once a document (they depend on the text alone)."""
    if para.text in _COOPERATING:
        return _COOPERATING[para.text]
    out: list[Mention] = []
    for m in _COOPERATE.finditer(para.folded):
        out.extend(_leading(para, m.end(), _SUPPORT_GLUE)[0])
    found = find_all(para.text, para.folded)
    for verb in _SUPPORTS_VERB.finditer(para.folded):
        clause = (
            max(
                para.text.rfind(";", 0, verb.start()),
                para.text.rfind("(", 0, verb.start()),
                _clause_start(para.text, verb.start()) - 1,
            )
            + 1
        )
        out.extend(_run_before(para, found, verb.start(), clause))
    _COOPERATING[para.text] = out
    return out


def _run_before(para: Para, mentions: list[Mention], at: int, clause: int) -> list[Mention]:
    """The list of agencies that ends right before position `at` ('A, B và C | chủ trì')."""
    before = [x for x in mentions if clause <= x.start and x.end <= at]
    if not before or at - before[-1].end > 3 or after_word(para.folded, before[-1], "voi|cua|tai|theo|qua|ve|cho"):
        return []
    run = [before[-1]]
    for x in reversed(before[:-1]):
        if not _LIST_GLUE.fullmatch(para.folded[x.end : run[0].start] or " "):
            break
        run.insert(0, x)
    return run


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(";", 0, at), text.rfind(".", 0, at), text.rfind(":", 0, at)) + 1


def _cued_leads(ctx: DocContext, paras: list[Para]) -> tuple[list[AgencyRef], bool]:
    """Leads a text names anywhere in its sentences: 'Giao X …', 'Yêu cầu X …', 'X chủ trì …', 'Đề nghị X …'."""
    leads: list[AgencyRef] = []
    requested = False
    for para in paras:
        found, asked = _cued_mentions(para)
        leads.extend(ctx.agency(para, m) for m in found)
        requested = requested or asked
    return _unique(leads), requested


def _cued_mentions(para: Para) -> tuple[list[Mention], bool]:
    """The mentions a paragraph's cues make leads, and whether one is a request; read once a paragraph."""
    if para.text in _CUED:  # mentions depend on the text alone
        return _CUED[para.text]
    found: list[Mention] = []
    requested = False
    if not _ROLE.match(para.folded):
        mentions = find_all(para.text, para.folded)
        for cue in _CUE.finditer(para.folded):
            if _handed_down(para, mentions, cue.start()):
                continue
            listed, _ = _leading(para, cue.end())
            found.extend(listed)
            requested = requested or bool(listed and cue.group("request"))
        for verb in _LEADS_VERB.finditer(para.folded):
            found.extend(_run_before(para, mentions, verb.start(), _clause_start(para.text, verb.start())))
        for verb in _DOES_IN_BRACKETS.finditer(para.folded):  # "… (Sở Tư pháp thực hiện)"
            found.extend(_run_before(para, mentions, verb.end(), verb.start("open") + 1))
    _CUED[para.text] = (found, requested)
    return found, requested


_CUED: dict[str, tuple[list[Mention], bool]] = {}
_COOPERATING: dict[str, list[Mention]] = {}
_TASK_NOUN = re.compile(r"nhiem vu\s+(?:duoc\s+)?$")


def _handed_down(para: Para, mentions: list[Mention], at: int) -> bool:
    """Whether a 'giao' names work a higher body gave ('các nhiệm vụ Thủ tướng Chính phủ giao cho Bộ Y tế'), not an
    assignment of this text."""
    before = [m for m in mentions if m.end <= at and at - m.end <= 2]
    return bool(before) and _TASK_NOUN.search(para.folded, max(0, before[-1].start - 20), before[-1].start) is not None


def forget() -> None:
    """Drop what was read from the paragraphs of an earlier document (the cache lives as long as one)."""
    _CUED.clear()
    _COOPERATING.clear()


def _plan_issuers(ctx: DocContext, paras: list[Para], default: list[AgencyRef]) -> list[AgencyRef]:
    """Who the text tells to build a plan of their own: the subject just before 'xây dựng kế hoạch'."""
    out: list[AgencyRef] = []
    for para in paras:
        mentions = find_all(para.text, para.folded)
        for duty in _PLAN_DUTY.finditer(para.folded):
            clause = para.text.rfind(".", 0, duty.start()) + 1
            before = [
                x
                for x in mentions
                if clause <= x.start
                and x.end <= duty.start()
                and not after_word(para.folded, x, "voi|cua|tai|theo|qua|ve")
            ]
            if not before:
                out.extend(default)
                continue
            if duty.start() - before[-1].end > _SUBJECT_GAP:
                subject = before[0]
                if para.text[clause : subject.start].strip(" -+"):
                    continue
                before = [subject]
            run = [before[-1]]
            for x in reversed(before[:-1]):
                if not _LIST_GLUE.fullmatch(para.folded[x.end : run[0].start] or " "):
                    break
                run.insert(0, x)
            out.extend(ctx.agency(para, x) for x in run)
    return _unique(out)


def _unique(refs: list[AgencyRef]) -> list[AgencyRef]:
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.label not in seen:
            seen.add(r.label)
            out.append(r)
    return out


def _roles(ctx: DocContext, paras: list[Para], ob: Obligation) -> None:
    """Fill lead / support / timeframe from 'Đơn vị chủ trì: …' style lines."""
    for para in paras:
        first = _ROLE.match(para.folded) or _ROLE_NEXT.search(para.folded)
        if not first:
            continue
        labels = [first, *_ROLE_NEXT.finditer(para.folded, first.end())]
        for m, after in zip(labels, [*labels[1:], None], strict=True):
            end = after.start() if after is not None else len(para.text)
            role = m.group("role")
            if role.startswith(("thoi gian", "thoi han", "tien do")):
                value = para.text[m.end() : end].strip().rstrip(".;")
                ob.timeframe = (value, ctx.span(para, m.end(), m.end() + len(value)))
            elif "chu tri" in role and "phoi hop" in role:  # "Đơn vị chủ trì, phối hợp: A; B, C": A leads
                listed = _list_upto(ctx, para, m.end(), end)
                ob.leads.extend(listed[:1])
                ob.supports.extend(listed[1:])
            elif "phoi hop" in role:
                ob.supports.extend(_list_upto(ctx, para, m.end(), end))
            elif split := _CHAIR.search(para.folded, m.end(), end) or _COOPERATE.search(para.folded, m.end(), end):
                # "Phân công: Sở Y tế chủ trì, phối hợp với Sở Tư pháp", "… : A chủ trì; B phối hợp":
                # A leads, B supports
                ob.leads.extend(_list_upto(ctx, para, m.end(), split.start()))
                ob.supports.extend(_list_upto(ctx, para, split.end(), end))
            else:
                ob.leads.extend(_list_upto(ctx, para, m.end(), end))


def _marker_end(para: Para) -> int:
    m = _MARKER.match(para.folded) or _POINT.match(para.folded)
    return m.end() if m else len(para.text) - len(para.text.lstrip())


def reports_only(ob: Obligation, ctx: DocContext) -> bool:
    """Whether an obligation is a point on reporting alone ('3. Chế độ báo cáo: …', or an item titled 'Chế độ báo
    cáo' over its paragraphs): it gives reporting duties."""
    paras = ctx.paras_in(ob.span.start, ob.span.end)
    if not paras:
        return False
    start = _marker_end(paras[0]) or (m.end() if (m := _ITEM_NUMBER.match(paras[0].text)) else 0)
    if _REPORTING_TITLE.fullmatch(paras[0].folded, start):
        return True
    return len(paras) == 1 and _REPORTING_LABEL.match(paras[0].folded, start) is not None


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)-]\s*")
_REPORTING_TITLE = re.compile(
    r"\s*(?:che do|thoi gian|thoi han|cong tac)?\s*(?:thong tin\s*,?\s*)?bao cao"
    r"(?:\s+ket qua)?(?:\s*,\s*(?:so ket|tong ket|kiem tra))*\s*[.:]?\s*"
)


_LABEL = re.compile(r"[^:.;]{3,90}:\s*")
# Openings that put an adverbial before the subject: time, basis, place, purpose.
_ADVERBIAL = re.compile(
    r"(?:trong|tu|den|tai|tren co so|can cu|de|nham|hang (?:nam|quy|thang|tuan)|dinh ky|sau khi|khi"
    r"|theo|ngay|truoc|thang|quy|nam|doi voi|ve|qua|ke tu|bat dau tu)(?=[\s,])"
)


def _subject(para: Para, pos: int) -> tuple[list[Mention], bool, int]:
    """The agencies an item opens with (after 'Đề nghị' or 'Giao', or after a label such as 'Chế độ báo cáo:'),
    whether it is a request, and where they end."""
    opener = _OPENER.match(para.folded, pos)
    start = opener.end() if opener else pos
    found, end = _leading(para, start)
    if opener is not None and not found and not (opener.group("request") or opener.group("assign")):
        opener, start = None, pos  # "Đối với công tác truyền thông, …": an adverbial, not a unit's duty
        found, end = _leading(para, start)
    if found and not opener and (relay := _RELAYED.match(para.folded, end)) is not None:
        # "UBND tỉnh yêu cầu các sở …", "Bộ Y tế đề nghị Sở Y tế các tỉnh …": the issuer speaks; whom it tells leads
        return _subject(para, relay.start("cue"))
    label = None if found or opener else _LABEL.match(para.folded, pos)
    if label is not None and not find_all(para.text[pos : label.end()], para.folded[pos : label.end()]):
        return _subject(para, label.end())
    if not found and not opener and _ADVERBIAL.match(para.folded, pos):
        # "Trong năm 2025, Trạm Y tế phường chủ trì …", "Căn cứ chức năng, nhiệm vụ, Công an phường …"
        for comma in re.finditer(r",\s*", para.folded[pos : pos + 160]):
            at = pos + comma.end()
            if find_all(para.text[pos:at], para.folded[pos:at]):
                break
            found, end = _leading(para, at)
            if found and (relay := _RELAYED.match(para.folded, end)) is not None:
                return _subject(para, relay.start("cue"))  # "Để …, Chủ tịch UBND tỉnh yêu cầu: …"
            if found:
                return found, False, end
    return found, bool(opener and opener.group("request")), end


@dataclass
class _Inherited:
    """What an agency heading or a task heading with a lead passes down to the items under it."""

    leads: list[AgencyRef]
    supports: list[AgencyRef]
    requested: bool
    evidence: Span


def _obligation(
    ctx: DocContext, kind: str, path: str, paras: list[Para], head_pos: int, inherited: _Inherited | None = None
) -> Obligation:
    head = paras[0]
    subject, requested, _ = _subject(head, head_pos)
    title = _first_sentence(head.text[head_pos:])
    ob = Obligation(path, kind, ctx.para_span(paras), title, requested=requested)
    _roles(ctx, paras, ob)
    if not ob.leads:
        ob.leads.extend(ctx.agency(head, m) for m in subject)
    if not ob.leads and not (inherited is not None and inherited.leads):
        # under a unit's heading, a 'giao X …' later in the item is that unit handing work on, not a new lead
        cued, cue_request = _cued_leads(ctx, paras)
        ob.leads.extend(cued)
        ob.requested = ob.requested or cue_request
    if not ob.leads and inherited is None:  # "Rà soát …. Sở Tư pháp phối hợp với Sở X rà soát …": the later
        ob.leads.extend(_later_subject(ctx, head, head_pos))  # sentence's opening unit does the work
    if not ob.leads and inherited is not None and inherited.leads:
        ob.leads = list(inherited.leads)
        ob.requested = inherited.requested
        ob.lead_inferred = True
        ob.lead_evidence = inherited.evidence
        ob.supports.extend(inherited.supports)
    opener = _OPENER.match(head.folded, head_pos)
    if inherited is not None and inherited.requested and ob.leads and not (opener and opener.group("assign")):
        ob.requested = True  # under "Đề nghị X:", what X's members are named to do is asked as well
    ob.supports.extend(x for x in _cooperators(ctx, paras) if x not in ob.supports)
    ob.requires_plan_from = _plan_issuers(ctx, paras, ob.leads)
    _tidy(ob)
    return ob


_SENTENCE_START = re.compile(r"(?<=\.)\s+(?=[A-ZĐ])")


def _later_subject(ctx: DocContext, head: Para, pos: int) -> list[AgencyRef]:
    """The units that open the second sentence of an item whose first (its title) names none."""
    start = _SENTENCE_START.search(head.text, pos)
    if start is None:
        return []
    found, end = _leading(head, start.end())
    if not found or _PASSIVE.match(head.folded, end):
        return []
    return [ctx.agency(head, m) for m in found]


_PASSIVE = re.compile(r"\s*(?:duoc|bi|cua|va)\b")


def _heading(ctx: DocContext, item: Item) -> _Inherited | None:
    """Leads an item's heading hands to what is under it: an agency heading ('2. Sở Y tế', 'Đề nghị Ủy ban MTTQ …:')
    or a heading that names its lead and ends with a colon ('Sở Y tế chủ trì thực hiện các nội dung sau:')."""
    head = item.head
    found, requested, end = _subject(head, item.rest_offset)
    if found and _HEADING_TAIL.match(head.folded[end:]):
        leads = [ctx.agency(head, m) for m in found]
        return _Inherited(leads, [], requested, ctx.span(head, item.rest_offset, len(head.text)))
    if head.text.rstrip().endswith(":"):
        leads = [ctx.agency(head, m) for m in found] or _cued_leads(ctx, [head])[0]
        if leads:
            supports = [x for x in _cooperators(ctx, [head]) if x.label not in {r.label for r in leads}]
            return _Inherited(leads, supports, requested, ctx.span(head, item.rest_offset, len(head.text)))
    return None


def _paragraph_heading(ctx: DocContext, para: Para) -> _Inherited | None:
    """A loose paragraph that names whom the bullets after it address and ends with a colon."""
    found, requested, end = _subject(para, _marker_end(para))
    if found and _HEADING_TAIL.match(para.folded[end:]):  # "Sở Y tế", "Sở Y tế (cơ quan thường trực):"
        leads = [ctx.agency(para, m) for m in found]
    elif para.text.rstrip().endswith(":"):  # "Sở Y tế thực hiện các nhiệm vụ sau:"
        leads = [ctx.agency(para, m) for m in found] or _cued_leads(ctx, [para])[0]
    else:
        return None
    if not leads:
        return None
    return _Inherited(leads, [], requested, ctx.span(para, 0, len(para.text)))


def _titled(ctx: DocContext, item: Item) -> _Inherited | None:
    """A task title that names who leads it ('1. Tuyên truyền … (Ban Tuyên giáo chủ trì, phối hợp Ban X)') over
    bullets: each bullet is that lead's work, supported by whom the title names."""
    body = [p for p in item.body if not _CLOSING.match(p.folded)]
    if not body or not all(_MARKER.match(p.folded) for p in body) or _ROLE.match(body[0].folded):
        return None
    leads, requested = _cued_leads(ctx, [item.head])
    if not leads:
        return None
    supports = [x for x in _cooperators(ctx, [item.head]) if x.label not in {r.label for r in leads}]
    return _Inherited(leads, supports, requested, ctx.span(item.head, item.rest_offset, len(item.head.text)))


_POINT = re.compile(r"^\s*(\d{1,2})[.)]\s")


def _names_unit(para: Para) -> bool:
    """Whether a paragraph names who does its work ('a) Giao Sở Y tế …', 'b) Công an tỉnh …')."""
    return bool(_cued_mentions(para)[0] or _subject(para, _marker_end(para))[0])


def _speaks(ctx: DocContext, para: Para, subject: list[Mention]) -> bool:
    """Whether the units a paragraph opens with are the voice of the document ('Phó Chủ tịch UBND tỉnh chỉ đạo:' in
    a notice of the UBND's office): the issuer, or the body it belongs to."""
    owner = ctx.resolver.owner if ctx.resolver is not None else None
    if owner is None:
        return False
    voices = {owner.label} | ({owner.parent.label} if owner.parent is not None else set())
    return all(ctx.agency(para, m).label in voices for m in subject)


def _segments(ctx: DocContext, item: Item, under_heading: bool) -> tuple[list[Para], list[tuple[str, list[Para]]]]:
    """(the item's own paragraphs, its sub-obligations as (path suffix, paragraphs)). Lettered items and numbered
    sub-items always stand apart; under an agency heading every paragraph or bullet does; elsewhere a paragraph
    that opens with its own agency does."""
    own: list[Para] = [item.head]
    parts: list[tuple[str, list[Para]]] = []
    rank = None  # the marker kind that opens a sub-obligation here
    article = item.number.startswith("Điều")  # a decision's article numbers its points '1.', '2.'
    for n, para in enumerate(item.body, start=2):
        if tables.is_row(para) or _CLOSING.match(para.folded):
            continue
        point = _POINT.match(para.text) if article else None
        if point is not None:
            rank = "point"
            parts.append((point.group(1), [para]))
            continue
        marker = _MARKER.match(para.folded)
        kind = next((k for k, v in marker.groupdict().items() if v), None) if marker else "plain"
        assert kind is not None  # each alternative of _MARKER is a named group that never matches empty
        if kind == "bullet" and marker is not None:  # "* …" and "- …" are bullets of different ranks
            kind += marker.group("bullet")[0]
        if _ROLE.match(para.folded):  # a role line closes the sub-item it follows, or, after bullets, the item
            (parts[-1][1] if parts and not parts[-1][0].startswith("p") else own).append(para)
            continue
        opens = kind in ("num", "letter") and rank in (None, kind)
        if not opens and under_heading and rank in (None, kind):
            opens = True
        if (
            not opens
            and not under_heading
            and (kind == "plain" or kind.startswith("bullet"))
            and rank in (None, "head")
        ):
            subject, _, end = _subject(para, _marker_end(para))
            following = item.body[n - 1] if n - 1 < len(item.body) else None  # the paragraph after this one
            if (
                subject
                and para.text.rstrip().endswith(":")
                and (
                    all(_GENERIC.fullmatch(key(para.text[m.start : m.end])) for m in subject)
                    or (_speaks(ctx, para, subject) and following is not None and _names_unit(following))
                )
            ):
                own.append(para)  # "… yêu cầu các đơn vị sau:": it introduces the sub-items, each naming its unit
                continue
            if subject and _HEADING_TAIL.match(para.folded[end:]):
                rank = "head"  # "* Phòng Văn hóa - Xã hội:" heads the bullets after it, up to the next such line
                parts.append((f"p{n}", [para]))
                continue
            if (
                subject
                and (kind == "plain" or _HEADING_TAIL.match(para.text) is None)
                and (rank is None or kind == "plain")
            ):
                parts.append((f"p{n}", [para]))  # a paragraph that opens with its own unit
                continue
        if opens:
            rank = kind
            suffix = (
                marker.group("num").split(".", 1)[1]
                if kind == "num" and marker
                else (
                    para.text[marker.start("letter") : marker.end("letter")] if kind == "letter" and marker else f"p{n}"
                )
            )
            parts.append((suffix, [para]))
        elif parts and rank is not None:
            parts[-1][1].append(para)
        else:
            own.append(para)
    return own, parts


def unread_assignments(ctx: DocContext, obligations: list[Obligation], paras: list[Para]) -> list[Para]:
    """Paragraphs of the body that assign work to a named unit (a role line, 'Giao X', 'Đề nghị X', 'Yêu cầu X',
    'X chủ trì', a table row naming units) but lie in no obligation: the work they assign was not read."""
    covered = _union(sorted((o.span.start, o.span.end) for o in obligations))
    starts = [a for a, _ in covered]
    out = []
    for para in paras:
        at = bisect_right(starts, para.block.start) - 1
        if _CLOSING.match(para.folded) or (at >= 0 and para.block.start < covered[at][1]):
            continue
        if para.text.rstrip().endswith(":") or _paragraph_heading(ctx, para) is not None:
            continue  # it hands the work to what follows it ('… đề nghị các đơn vị thực hiện:', 'Đề nghị Tỉnh đoàn')
        if has_cue([para]) or (
            tables.is_row(para)
            and find_all(para.text, para.folded)
            and not _ROW_HEADER.search(para.folded)
            and not _GROUP_ROW.match(para.text)
        ):
            out.append(para)
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap: the stretches some span covers."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        elif a < b:
            merged.append((a, b))
    return merged


_ROW_HEADER = re.compile(r"(?:co quan|don vi)\s+(?:chu tri|phoi hop)")
_GROUP_ROW = re.compile(r"^\s*\|\s*[IVXL]{1,5}\s*\|")  # "| II | Tăng cường … | | |": a heading row


def has_cue(paras: list[Para]) -> bool:
    """Whether a text assigns work to a named unit: a role line, 'Giao X', 'Đề nghị X', 'Yêu cầu X', 'X chủ trì'."""
    return any(_ROLE.match(para.folded) or _cued_mentions(para)[0] for para in paras)


def cued_in_section(ctx: DocContext, section: Section) -> list[Obligation]:
    """Work assigned in so many words in a section that is not a list of tasks (purpose, funding, reporting)."""
    found = in_section(ctx, section, "duty")
    return [
        ob
        for ob in found
        if ob.leads
        and (ob.requires_plan_from or _table_row(ctx, ob) or has_cue(ctx.paras_in(ob.span.start, ob.span.end)))
    ]


def _table_row(ctx: DocContext, ob: Obligation) -> bool:
    """Whether an obligation is a row of an assignment table (its owner columns assign it)."""
    return any(tables.is_row(p) for p in ctx.paras_in(ob.span.start, ob.span.start + 1))


_ADDRESSED = re.compile(r"(?:nhu sau|(?:cac|nhung) (?:noi dung|nhiem vu|viec)(?: [a-z ]{0,30})? sau)\s*:?\s*$|:\s*$")
_TO = re.compile(r"^\s*kinh gui\s*:?\s*")


def addressee(ctx: DocContext, paras: list[Para]) -> _Inherited | None:
    """Whom a passage addresses, for the items under it that name no unit: its last sentence that asks or tells
    units to do what follows ('Bộ Y tế đề nghị Sở Y tế các tỉnh thực hiện các nội dung sau:', 'UBND tỉnh yêu cầu
    các sở, ngành …:'), else a letter's 'Kính gửi:' list."""
    for para in reversed(paras):
        if not _ADDRESSED.search(para.folded):
            continue
        leads, requested = _cued_leads(ctx, [para])
        if not leads:
            subject, requested, _ = _subject(para, _marker_end(para))
            leads = [ctx.agency(para, m) for m in subject]
        owner = ctx.resolver.owner if ctx.resolver is not None else None
        if leads and owner is not None and all(x.label == owner.label for x in leads):
            # "Sở GD&ĐT hướng dẫn các đơn vị thực hiện …:": the issuer speaks; those it writes to do the work
            to = _to(ctx, paras)
            if to is not None:
                return _Inherited(to.leads, [], requested, to.evidence)
        if leads and not all(_GENERIC.fullmatch(key(x.alias)) for x in leads):
            return _Inherited(leads, [], requested, ctx.span(para, 0, len(para.text)))
        if leads:  # "đề nghị các đơn vị …": those the letter is sent to, if it says, else as written
            to = _to(ctx, paras)
            if to is not None:
                return _Inherited(to.leads, [], requested, to.evidence)
            return _Inherited(leads, [], requested, ctx.span(para, 0, len(para.text)))
    return _to(ctx, paras)


_AT_ADDRESS = re.compile(r"(?:neu|co ten|duoc gui)\s+(?:tai|o)\s+(?:phan\s+)?kinh gui")
# Groups that only point back at whom a letter is sent to ("các cơ quan, đơn vị", "các đơn vị, địa phương").
_GENERIC = re.compile(
    r"(?:cac\s+)?(?:co quan|don vi|dia phuong|to chuc)(?:\s*,?\s*(?:co quan|don vi|dia phuong|to chuc))*"
    r"(?:\s+(?:co\s+)?lien quan)?"
)


def _to(ctx: DocContext, paras: list[Para]) -> _Inherited | None:
    """A letter's 'Kính gửi:' list."""
    for i, para in enumerate(paras):
        to = _TO.match(para.folded)
        if to is None:
            continue
        listed = [para] + [p for p in paras[i + 1 : i + 12] if _MARKER.match(p.folded) and not _ROLE.match(p.folded)]
        leads = [
            ctx.agency(p, m) for p in listed for m in find_all(p.text, p.folded) if p is not para or m.start >= to.end()
        ]
        if leads:
            return _Inherited(_unique(leads), [], False, ctx.para_span(listed))
    return None


def section_addressee(ctx: DocContext, section: Section) -> _Inherited | None:
    """Whom a part's own heading addresses ('IV. TRÁCH NHIỆM CỦA SỞ Y TẾ', 'V. ĐỀ NGHỊ ỦY BAN MTTQ VIỆT NAM TỈNH')."""
    head = section.head
    if head is None:
        return None
    at = head.text.find(".") + 1
    found, requested, end = _subject(head, at + len(head.text[at:]) - len(head.text[at:].lstrip()))
    if not found or not _HEADING_TAIL.match(head.folded[end:]):
        return None
    return _Inherited([ctx.agency(head, m) for m in found], [], requested, ctx.span(head, at, len(head.text)))


def in_section(ctx: DocContext, section: Section, kind: str, addressed: _Inherited | None = None) -> list[Obligation]:
    """The obligations of a tasks or implementation section (or the numbered body of a letter or notice); items
    that name no unit are the work of whom the section (or, for a letter, its preamble) addresses."""
    out: list[Obligation] = []
    prefix = f"{section.roman}." if section.roman else ""
    for table in tables.in_paragraphs(section.intro):
        out.extend(_table_rows(ctx, table, f"{prefix}t", kind))
    if section.items and any(_bare_heading(ctx, para) for para in section.intro):
        return out + _headed(ctx, section.body, prefix, kind)
    addressed = addressee(ctx, section.intro) or addressed
    out.extend(_loose(ctx, section.intro, prefix, kind, bool(section.items), addressed))
    for item in top_items(section):
        if item.looks_back:
            continue
        path = f"{prefix}{item.number}"
        heading = _heading(ctx, item) or _titled(ctx, item)
        own, parts = _segments(ctx, item, heading is not None)
        tabled = tables.in_paragraphs(item.body)
        # Each fact is stated once, by the most specific obligation whose text says it: the item keeps what its
        # own paragraphs say, what is split off under it (a path below its own) keeps the rest.
        # sub-items make the item a heading over them; paragraphs that name their own unit leave it whom it addresses
        grouping = any(not suffix.startswith("p") for suffix, _ in parts)
        parent = _obligation(ctx, kind, path, own, item.rest_offset, None if grouping else addressed)
        if (
            addressed is not None
            and _AT_ADDRESS.search(item.head.folded)
            and all(_GENERIC.fullmatch(key(x.alias)) for x in parent.leads)
        ):
            # "Các cơ quan, đơn vị, địa phương nêu tại Kính gửi …": whom the letter is sent to
            parent.leads, parent.lead_inferred, parent.lead_evidence = list(addressed.leads), True, addressed.evidence
        if not parent.leads and heading is None and len(own) == 1 and len(parts) == 1 and parts[0][0].startswith("p"):
            # a task heading over the one paragraph that names who does it: one obligation, not two
            body = parts[0][1]
            own, parts = own + body, []
            parent = _obligation(ctx, kind, path, own, item.rest_offset, addressed)
            if not parent.leads or parent.lead_inferred:  # the paragraph's own subject ("X báo cáo …") leads
                subject, requested, _ = _subject(body[0], _marker_end(body[0]))
                if subject:
                    parent.leads = [ctx.agency(body[0], m) for m in subject]
                    parent.requested, parent.lead_inferred, parent.lead_evidence = requested, False, None
        out.append(parent)
        inherited = heading or (_Inherited(parent.leads, [], parent.requested, parent.span) if parent.leads else None)
        for suffix, paras in parts:
            out.extend(_part(ctx, kind, f"{path}.{suffix}", paras, inherited))
        for table in tabled:
            out.extend(_table_rows(ctx, table, f"{path}.t", kind))
    return out


def _part(ctx: DocContext, kind: str, path: str, paras: list[Para], inherited: _Inherited | None) -> list[Obligation]:
    """A sub-item; one headed by a unit ('1.1. Công an tỉnh', then bullets) hands it to each paragraph under it."""
    head = paras[0]
    found, requested, end = _subject(head, _marker_end(head))
    if len(paras) == 1 or not found or not _HEADING_TAIL.match(head.folded[end:]):
        return [_obligation(ctx, kind, path, paras, _marker_end(head), inherited)]
    heading = _Inherited([ctx.agency(head, m) for m in found], [], requested, ctx.span(head, 0, len(head.text)))
    out = [_obligation(ctx, kind, path, [head], _marker_end(head), inherited)]
    for n, para in enumerate(paras[1:], start=2):
        out.append(_obligation(ctx, kind, f"{path}.p{n}", [para], _marker_end(para), heading))
    return out


def instructions(ctx: DocContext, paras: list[Para]) -> tuple[list[Obligation], list[tuple[Para, list[AgencyRef]]]]:
    """A letter without numbered items or parts: each paragraph after the sentence that introduces its instructions
    ('… yêu cầu các đơn vị triển khai các nội dung sau:') is one, the work of whom it names, else of the addressees;
    a paragraph on reporting alone ('Về chế độ báo cáo: …') is returned apart, with whom it falls to."""
    at = next((i for i in range(len(paras) - 1, -1, -1) if _INTRODUCES.search(paras[i].folded)), None)
    if at is None:
        return [], []
    addressed = addressee(ctx, paras[: at + 1])
    owners = list(addressed.leads) if addressed is not None else []
    body = [p for p in paras[at + 1 :] if not _REPORTING_LABEL.match(p.folded)]
    found = _loose(ctx, body, "", "task", False, addressed, every=True)
    for ob in found:  # "Hiệu trưởng các trường …" in a letter to the principals of named schools: those schools
        ob.leads = _unique([_addressee_meant(x, owners) for x in ob.leads])
    return found, [(p, owners) for p in paras[at + 1 :] if _REPORTING_LABEL.match(p.folded)]


_REPORTING_LABEL = re.compile(r"\s*(?:[-+•*]\s*)?(?:ve\s+)?(?:che do|thoi gian|thoi han)?\s*bao cao(?:\s+ket qua)?\s*:")


def _addressee_meant(ref: AgencyRef, addressees: list[AgencyRef]) -> AgencyRef:
    """A group named more loosely than one addressee ('các trường' for 'các trường mầm non, tiểu học, THCS') is it."""
    loose = key(ref.alias)
    if not ref.group or len(loose.split()) > 2:  # only a head noun alone ('các trường') is that loose
        return ref
    meant = [a for a in addressees if a.group and key(a.alias).startswith(loose + " ")]
    return meant[0] if len(meant) == 1 else ref


# The sentence a letter's instructions follow: it asks or tells units to do what comes next.
_INTRODUCES = re.compile(r"(?:yeu cau|de nghi|huong dan|giao|chi dao)\b.{0,200}(?:sau|nhu sau)\s*:\s*$")


def _bare_heading(ctx: DocContext, para: Para) -> _Inherited | None:
    """A line that is only a unit's name ('Công an tỉnh', 'Đề nghị Ủy ban MTTQ tỉnh …', 'Sở Y tế:'): it heads what
    follows, numbered or not."""
    found, requested, end = _subject(para, _marker_end(para))
    if not found or not _BARE_TAIL.fullmatch(para.folded, end) or _MARKER.match(para.folded):
        return None
    return _Inherited([ctx.agency(para, m) for m in found], [], requested, ctx.span(para, 0, len(para.text)))


_BARE_TAIL = re.compile(r"\s*(?:\([^)]{0,60}\))?\s*:?\s*")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _headed(ctx: DocContext, paras: list[Para], prefix: str, kind: str) -> list[Obligation]:
    """A part whose units head lines of their own over what each must do, numbered or not ('Công an tỉnh', then
    '1. Chủ trì …', '2. Triển khai …'): each paragraph under a heading is that unit's work, or, when it names its own
    unit, that unit's (asked, not told, under a request heading)."""
    out: list[Obligation] = []
    heading: _Inherited | None = None
    for n, para in enumerate(paras, start=1):
        if tables.is_row(para) or _CLOSING.match(para.folded):
            continue
        if (found := _bare_heading(ctx, para)) is not None:
            heading = found
            continue
        if _ROLE.match(para.folded) and out:
            last = out.pop()
            group = [p for p in paras if last.span.start <= p.block.start < para.block.end]
            out.append(_obligation(ctx, kind, last.section_path, group, _marker_end(group[0]), heading))
            continue
        number = _NUMBERED.match(para.text)
        start = number.end() if number else _marker_end(para)
        subject = _subject(para, start)[0]
        if heading is None and not (subject or has_cue([para])):
            continue
        ob = _obligation(ctx, kind, f"{prefix}p{n}", [para], start, None if subject else heading)
        ob.requested = ob.requested or bool(heading and heading.requested)
        out.append(ob)
    return out


def _loose(
    ctx: DocContext,
    paras: list[Para],
    prefix: str,
    kind: str,
    items: bool = True,
    addressed: _Inherited | None = None,
    every: bool = False,
) -> list[Obligation]:
    """Unnumbered paragraphs and bullets of a part that name who does the work (role lines join the one above);
    with `every`, each paragraph is an instruction of its own."""
    out: list[Obligation] = []
    heading: _Inherited | None = None  # "Sở Y tế thực hiện các nhiệm vụ sau:" over the bullets that follow
    for n, para in enumerate(paras, start=1):
        if tables.is_row(para):
            continue
        if (found := _paragraph_heading(ctx, para)) is not None:
            heading = found
            continue
        if heading is not None and _MARKER.match(para.folded) and not _subject(para, _marker_end(para))[0]:
            out.append(_obligation(ctx, kind, f"{prefix}p{n}", [para], _marker_end(para), heading))
            continue
        heading = None
        if _ROLE.match(para.folded) and out and out[-1].span.end <= para.block.start:
            last = out.pop()
            group = [p for p in paras if last.span.start <= p.block.start < para.block.end]
            out.append(_obligation(ctx, kind, last.section_path, group, _marker_end(group[0])))
            continue
        if _CLOSING.match(para.folded):
            continue
        subject, _, _ = _subject(para, _marker_end(para))
        listed = every or (kind in ("task", "assignment") and _BULLET.match(para.folded) is not None and not items)
        if subject or has_cue([para]) or listed:  # a part's bulleted tasks are its items when it numbers none
            out.append(
                _obligation(
                    ctx,
                    kind,
                    f"{prefix}p{n}",
                    [para],
                    _marker_end(para),
                    None if subject or has_cue([para]) else addressed,
                )
            )
    return out


_BULLET = re.compile(r"^\s*[-+•–*]\s")


# The closing formulas of a plan ("Trên đây là Kế hoạch …", "Trong quá trình thực hiện, nếu có vướng mắc …").
_CLOSING = re.compile(
    r"^\s*(?:tren day la|trong qua trinh (?:to chuc )?(?:trien khai|thuc hien)"
    r"|(?:dau moi|thong tin(?: chi tiet)?(?: xin)?|moi chi tiet(?: xin)?)\s+lien he|lien he\s*:"
    r"|.{0,80}?thong bao .{0,160}?(?:de|cho) .{0,120}?biet|.{0,80}?tran trong cam on)"
)
_ARTICLE = re.compile(r"^dieu\s+(?P<n>\d{1,2})\s*[.:]")  # "Điều 3." of a decision
_EXECUTES = re.compile(
    r"chiu trach nhiem (?:thi hanh|thuc hien|to chuc thuc hien) (?:quyet dinh|ke hoach)|thi hanh quyet dinh"
)


def decided(ctx: DocContext, found: list[Obligation], paras: list[Para]) -> list[Obligation]:
    """A decision's obligations: of its articles (Điều) only those that assign work ('Điều 2. Giao Sở Y tế chủ trì …'),
    the points under them (a), b), …), and the article charging units with carrying it out ('Điều 3. Chánh Văn phòng
    UBND tỉnh, Giám đốc các sở … chịu trách nhiệm thi hành Quyết định này'), whose leads are the units of the
    officials named. An article runs on over the paragraphs that follow it, up to the next article."""
    articles: dict[str, Obligation] = {}
    for path, group, start in _articles(paras):
        clause = next((c for p in group if (c := _EXECUTES.search(p.folded)) is not None), None)
        if clause is not None:
            para = next(p for p in group if _EXECUTES.search(p.folded))
            ob = Obligation(path, "task", ctx.para_span(group), _first_sentence(group[0].text[start:]))
            floor = start if para is group[0] else 0
            ob.leads = _unique(
                [
                    ctx.agency(para, x)
                    for x in find_all(para.text[: clause.start()], para.folded[: clause.start()])
                    if x.start >= floor
                ]
            )
            if ob.leads:
                articles[path] = ob
        elif has_cue(group):
            ob = _obligation(ctx, "task", path, group, start)
            if ob.leads:
                articles[path] = ob
    # the decision's own articles assign only what they name; the plan it issues keeps every item
    kept = [
        articles.pop(o.section_path, o)
        for o in found
        if o.leads or o.section_path in articles or not o.section_path.startswith("Điều")
    ]
    return kept + list(articles.values())


def _articles(paras: list[Para]) -> list[tuple[str, list[Para], int]]:
    """Each article of a decision: its path ('Điều 3'), its paragraphs, and where its text starts in the first."""
    out: list[tuple[str, list[Para], int]] = []
    open_article = False
    for para in paras:
        m = _ARTICLE.match(para.folded)
        if m is not None:
            out.append((f"Điều {m.group('n')}", [para], m.end()))
            open_article = True
        elif open_article and not _ENDS_ARTICLES.match(para.folded) and not _MARKER.match(para.folded):
            out[-1][1].append(para)
        else:
            open_article = False
    return out


_ENDS_ARTICLES = re.compile(r"\s*(?:noi nhan|tm\.|kt\.|t/m|k/t|[ivxl]{1,5}\.\s|ke hoach\b)")


def _table_rows(ctx: DocContext, table: tables.Table, prefix: str, kind: str) -> list[Obligation]:
    """One obligation per row of a table with a lead column; the content cell is its title."""
    lead_col = table.column("lead")
    if lead_col is None:
        return []
    out: list[Obligation] = []
    for n, row in enumerate(table.rows, start=1):
        content = row.cell(table.column("content"))
        lead = row.cell(lead_col)
        if content is None or not content.text.strip() or lead is None or not lead.text.strip():
            continue
        number = row.cell(table.column("number"))
        label = re.sub(r"\W+", "", number.text) if number is not None and number.text.strip() else str(n)
        ob = Obligation(f"{prefix}{label}", kind, ctx.para_span([row.para]), _first_sentence(content.text))
        ob.leads = _list_in(ctx, row.para, lead.start, lead.end)
        if (support := row.cell(table.column("support"))) is not None:
            ob.supports = _list_in(ctx, row.para, support.start, support.end)
        if (time := row.cell(table.column("time"))) is not None and time.text.strip():
            ob.timeframe = (time.text.strip(), ctx.span(row.para, time.start, time.end))
        ob.requires_plan_from = (
            _plan_issuers(ctx, [row.para], ob.leads)
            if _PLAN_DUTY.search(row.para.folded[content.start : content.end])
            else []
        )
        _tidy(ob)
        out.append(ob)
    return out


def _first_sentence(text: str, limit: int = 200) -> str:
    """The heading of an item: its first sentence, cut to `limit` characters."""
    text = text.strip()
    end = re.search(r"[.:](?=\s|$)", text)
    if end:
        text = text[: end.start()]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tidy(ob: Obligation) -> None:
    """Drop duplicate agencies and supporters that are also leads."""
    ob.leads = _unique(ob.leads)
    lead_labels = {x.label for x in ob.leads}
    ob.supports = [x for x in _unique(ob.supports) if x.label not in lead_labels]
