"""Obligations: numbered tasks and agency assignments, with lead, support, timeframe and plan duties."""
from __future__ import annotations

import re

from .agencies import Mention, after_word, find_all, match_at, uncovered
from .context import DocContext, Para
from .model import AgencyRef, Obligation
from .sections import Section, top_items

_ROLE = re.compile(r"^[-+•–\s]*(?P<role>don vi chu tri|co quan chu tri|chu tri|don vi phoi hop|co quan phoi hop"
                   r"|phoi hop|thoi gian(?: thuc hien| hoan thanh)?)\s*:\s*")
_REQUEST = re.compile(r"(?:kinh\s+)?de nghi\s+")
_COOPERATE = re.compile(r"phoi hop (?:chat che )?voi\s+")
_PLAN_DUTY = re.compile(r"(?:xay dung|ban hanh)\s+(?:cac\s+)?(?:chuong trinh\s*,\s*)?(?:ke hoach|chuong trinh hanh dong)")
_LIST_GLUE = re.compile(r"\s*(?:,|;|va|cung)\s*")
_SUBJECT_GAP = 60  # characters between a subject and its "xây dựng kế hoạch"


def _leading(para: Para, pos: int) -> tuple[list[Mention], int]:
    """Agencies listed at pos ("A, B và C ...") and where the list ends."""
    found: list[Mention] = []
    while True:
        m = match_at(para.text, para.folded, pos)
        if not m:
            break
        found.append(m)
        pos = m.end
        glue = _LIST_GLUE.match(para.folded, pos)
        if not glue or not glue.group().strip():
            break
        pos = glue.end()
    return found, pos


def _list_after(ctx: DocContext, para: Para, pos: int) -> list[AgencyRef]:
    """Agencies in a role list ("Đơn vị phối hợp: A, B và C"); unknown names are kept, flagged."""
    end = para.text.find(".", pos)
    end = len(para.text) if end < 0 else end
    found = [m for m in find_all(para.text[:end], para.folded[:end]) if m.start >= pos]
    refs = [ctx.agency(para, m) for m in found if not after_word(para.folded, m, "cua|tai|theo")]
    if ctx.resolver is not None:
        for a, b in uncovered(para.text, found, pos, end):
            if not re.search(r"(?:cua|tai|theo|duoc giao)\s", para.folded[max(pos, a - 40):a]):
                refs.append(ctx.resolver.unresolved(para.text[a:b], ctx.span(para, a, b)))
    return sorted(refs, key=lambda r: r.span.start)


def _cooperators(ctx: DocContext, paras: list[Para]) -> list[AgencyRef]:
    """Agencies named right after 'phối hợp với'."""
    out: list[AgencyRef] = []
    for para in paras:
        for m in _COOPERATE.finditer(para.folded):
            mentions, _ = _leading(para, m.end())
            out.extend(ctx.agency(para, x) for x in mentions)
    return out


def _plan_issuers(ctx: DocContext, paras: list[Para], default: list[AgencyRef]) -> list[AgencyRef]:
    """Who the text tells to build a plan of their own: the subject just before 'xây dựng kế hoạch'."""
    out: list[AgencyRef] = []
    for para in paras:
        mentions = find_all(para.text, para.folded)
        for duty in _PLAN_DUTY.finditer(para.folded):
            clause = max(para.text.rfind(";", 0, duty.start()), para.text.rfind(".", 0, duty.start())) + 1
            before = [x for x in mentions if clause <= x.start and x.end <= duty.start()
                      and not after_word(para.folded, x, "voi|cua|tai|theo|qua|ve")]
            if not before:
                out.extend(default)
                continue
            if duty.start() - before[-1].end > _SUBJECT_GAP:
                subject = before[0]
                if para.text[clause:subject.start].strip(" -+"):
                    continue
                before = [subject]
            run = [before[-1]]
            for x in reversed(before[:-1]):
                if not _LIST_GLUE.fullmatch(para.folded[x.end:run[0].start] or " ") :
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
        m = _ROLE.match(para.folded)
        if not m:
            continue
        role = m.group("role")
        if role.startswith("thoi gian"):
            value = para.text[m.end():].strip().rstrip(".")
            ob.timeframe = (value, ctx.span(para, m.end(), m.end() + len(value)))
        elif "chu tri" in role:
            ob.leads.extend(_list_after(ctx, para, m.end()))
        else:
            ob.supports.extend(_list_after(ctx, para, m.end()))


def _obligation(ctx: DocContext, kind: str, path: str, paras: list[Para], head_pos: int) -> Obligation:
    head = paras[0]
    request = _REQUEST.match(head.folded, head_pos)
    pos = request.end() if request else head_pos
    subject, _ = _leading(head, pos)
    title = _first_sentence(head.text[head_pos:])
    ob = Obligation(path, kind, ctx.para_span(paras), title, requested=bool(request))
    _roles(ctx, paras, ob)
    if not ob.leads:
        ob.leads.extend(ctx.agency(head, m) for m in subject)
    ob.supports.extend(x for x in _cooperators(ctx, paras) if x not in ob.supports)
    ob.requires_plan_from = _plan_issuers(ctx, paras, ob.leads)
    _tidy(ob)
    return ob


def in_section(ctx: DocContext, section: Section, kind: str) -> list[Obligation]:
    """One obligation per numbered item (a task, or an assignment under TỔ CHỨC THỰC HIỆN), plus one per
    paragraph inside an item that opens with an agency of its own ("Các Đảng ủy xã căn cứ …")."""
    out: list[Obligation] = []
    for item in top_items(section):
        path = f"{section.roman}.{item.number}"
        own = [item.head]
        extra: list[Obligation] = []
        for n, para in enumerate(item.body, start=2):
            subject, _ = _leading(para, 0)
            if subject and not para.folded.lstrip().startswith(("-", "+")):
                extra.append(_obligation(ctx, kind, f"{path}.p{n}", [para], 0))
            else:
                own.append(para)
        out.append(_obligation(ctx, kind, path, own, item.rest_offset))
        out.extend(extra)
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
