"""Reporting duties: reporter, recipient, channel ('qua …'), frequency and due day ('trước ngày 01/12')."""
from __future__ import annotations

import re

from .agencies import Mention, after_word, find_all
from .context import DocContext, Para
from .model import AgencyRef, ReportingDuty

_REPORT = re.compile(r"(?<![a-z])bao cao(?![a-z])")
_DUE = re.compile(r"truoc ngay\s+(?P<d>\d{1,2})\s*(?:/|-|thang)\s*(?P<m>\d{1,2})(?!\d)")
_FREQUENCY = re.compile(
    r"(?:dinh ky\s+)?hang\s+(?:nam|quy|thang|tuan)|dinh ky\s+(?:6|sau)\s+thang|(?:6|sau) thang"
    r"|dot xuat|dinh ky")
_VIA = re.compile(r"(?:thong\s+)?qua\s+$")
_RECIPIENT_CUE = re.compile(r"(?:bao cao|ve|gui|len|cho)\s*$")
_UPWARD = re.compile(r"de\s+tong hop\s*,?\s*bao cao\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


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
        report = _REPORT.search(folded, a, b)
        if not report:
            subject = _subjects(in_sentence, folded, a)[:1]
            previous_subject = [ctx.agency(para, m) for m in subject] or previous_subject
            continue
        recipients_m: list[Mention] = []
        via_m: list[Mention] = []
        for m in in_sentence:
            if m.start < report.start():
                continue
            head = folded[max(a, m.start - 30):m.start]
            if _VIA.search(head):
                via_m.append(m)
            elif not recipients_m and _RECIPIENT_CUE.search(head):
                recipients_m = _run(in_sentence, m, folded)
        upward = _UPWARD.search(folded, report.end(), b)
        recipients_m = [m for m in recipients_m if not upward or m.start < upward.start()]
        if not recipients_m:
            continue
        reporters_m = _subjects([m for m in in_sentence if m.end <= report.start()], folded, a)
        reporters = [ctx.agency(para, m) for m in reporters_m[:1] and _run(in_sentence, reporters_m[0], folded)]
        reporters = reporters or previous_subject or list(owners)
        due = _DUE.search(folded, a, b)
        freq = _FREQUENCY.search(folded, a, b)
        recipients = [ctx.agency(para, m) for m in recipients_m]
        duty = ReportingDuty(
            reporters, recipients, [ctx.agency(para, m) for m in via_m],
            text[freq.start():freq.end()] if freq else None,
            (int(due.group("m")), int(due.group("d"))) if due else None,
            ctx.span(para, a, b), path)
        out.append(duty)
        if upward:
            above = [m for m in in_sentence if m.start >= upward.end()]
            if above:
                out.append(ReportingDuty(recipients, [ctx.agency(para, m) for m in _run(in_sentence, above[0], folded)],
                                         [], None, None, ctx.span(para, upward.start(), b), path))
    return out
