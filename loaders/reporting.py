"""Reporting duties: reporter, recipient, channel ('qua …'), frequency and due day ('trước ngày 01/12')."""
from __future__ import annotations

import re

from .agencies import Mention, after_word, find_all
from .context import DocContext, Para
from .model import AgencyRef, ReportingDuty

_REPORT = re.compile(r"(?<![a-z])bao cao(?![a-z])")
_DUE = re.compile(r"(?:truoc|cham nhat(?: la)?(?: ngay)?|han chot(?: la)?)\s+(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:/|-|thang)\s*"
                  r"(?P<m>\d{1,2})(?!\d)(?:\s*(?:/|-|nam)\s*(?P<y>(?:19|20)\d\d)(?!\d))?")
_FREQUENCY = re.compile(
    r"(?:dinh ky\s+)?hang\s+(?:nam|quy|thang|tuan)|dinh ky\s+(?:6|sau)\s+thang|(?:6|sau) thang"
    r"|dot xuat|dinh ky")
_VIA = re.compile(r"(?:thong\s+)?qua\s+$")
_RECIPIENT_CUE = re.compile(r"(?:bao cao|ve|gui|len|cho)\s*$")
_UPWARD = re.compile(r"de\s+(?:tong hop\s*,?\s*)?(?:tham muu\s*,?\s*)?bao cao\s+")
# "X tổng hợp, tham mưu Y báo cáo Z": Y reports, X prepares it.
_ADVISES = re.compile(r"tham muu(?:\s+cho)?\s+$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


def _run(mentions: list[Mention], first: Mention, folded: str) -> list[Mention]:
    """`first` and the mentions listed right after it ('A, B và C')."""
    run = [first]
    for m in mentions:
        if m.start > run[-1].end - 1 and m.start > first.start:
            gap = folded[run[-1].end:m.start]
            if re.fullmatch(r"\s*(?:,|va)\s*", gap):
                run.append(m)
            elif m.start > run[-1].end:
                break
    return run


def _subjects(mentions: list[Mention], folded: str, a: int) -> list[Mention]:
    """Mentions that stand as a grammatical subject (not after 'với', 'của', 'cho', …)."""
    return [m for m in mentions if not after_word(folded, m, "voi|cua|cho|qua|ve|tai|va", a)]


def in_paragraph(ctx: DocContext, para: Para, owners: list[AgencyRef], path: str) -> list[ReportingDuty]:
    """Reporting duties stated in a paragraph; `owners` report when the sentence names no reporter."""
    out: list[ReportingDuty] = []
    text, folded = para.text, para.folded
    mentions = find_all(text, folded)
    previous_subject: list[AgencyRef] = []
    for a, b in _sentences(text):
        in_sentence = [m for m in mentions if a <= m.start and m.end <= b]
        reports = list(_REPORT.finditer(folded, a, b))
        if not reports:
            subject = _subjects(in_sentence, folded, a)[:1]
            previous_subject = [ctx.agency(para, m) for m in subject] or previous_subject
            continue
        for report in reports:  # the first 'báo cáo' that names a recipient ('Chế độ báo cáo: X báo cáo Y')
            found = _hops(ctx, para, in_sentence, report, (a, b), previous_subject or owners, path)
            if found:
                out.extend(found)
                break
    return out


def _hops(ctx: DocContext, para: Para, in_sentence: list[Mention], report: re.Match[str], sentence: tuple[int, int],
          fallback: list[AgencyRef], path: str) -> list[ReportingDuty]:
    """The hop of one 'báo cáo' and its onward hop ('… để tổng hợp, báo cáo Y'); [] when it names no recipient."""
    text, folded = para.text, para.folded
    a, b = sentence
    recipients_m: list[Mention] = []
    via_m: list[Mention] = []
    upward = _UPWARD.search(folded, report.end(), b)
    for m in in_sentence:
        if m.start < report.start():
            continue
        later = _REPORT.search(folded, report.end(), m.start)
        if later is not None and not (upward and upward.start() <= later.start() < upward.end()) and not recipients_m:
            return []  # a later 'báo cáo' names this recipient: that one is the hop
        head = folded[max(a, m.start - 30):m.start]
        if _VIA.search(head):
            via_m.append(m)
        elif not recipients_m and _RECIPIENT_CUE.search(head):
            recipients_m = _run(in_sentence, m, folded)
    if upward:
        recipients_m = [m for m in recipients_m if m.start < upward.start()]
        via_m = [m for m in via_m if m.start < upward.start()]
    if not recipients_m:
        return []
    before = [m for m in in_sentence if m.end <= report.start()]
    advised = [m for m in before if _ADVISES.search(folded[max(a, m.start - 20):m.start])]
    if advised and report.start() - advised[-1].end <= 3:
        reporters_m = _run(in_sentence, advised[-1], folded)
    else:
        subjects = _subjects(before, folded, a)
        reporters_m = _run(in_sentence, subjects[0], folded) if subjects else []
    due = _DUE.search(folded, a, b)
    freq = _FREQUENCY.search(folded, a, b)
    recipients = [ctx.agency(para, m) for m in recipients_m]
    out = [ReportingDuty(
        [ctx.agency(para, m) for m in reporters_m] or list(fallback), recipients, [ctx.agency(para, m) for m in via_m],
        text[freq.start():freq.end()] if freq else None,
        (int(due.group("m")), int(due.group("d"))) if due else None,
        ctx.span(para, a, b), path, int(due.group("y")) if due and due.group("y") else None)]
    if upward:
        above = [m for m in in_sentence if m.start >= upward.end()]
        if above:
            out.append(ReportingDuty(recipients, [ctx.agency(para, m) for m in _run(in_sentence, above[0], folded)],
                                     [], None, None, ctx.span(para, upward.start(), b), path))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out
