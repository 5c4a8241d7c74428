"""Reporting duties: reporter, recipient, channel ('qua …'), frequency and due day ('trước ngày 01/12')."""

from __future__ import annotations

import re
from itertools import pairwise

from loaders.agencies import Mention, after_word, find_all
from loaders.context import DocContext, Para
from loaders.folding import UPPER
from loaders.model import AgencyRef, ReportingDuty

_REPORT = re.compile(r"(?<![a-z])bao cao(?![a-z])")
_DUE = re.compile(
    r"(?:truoc|cham nhat(?: la| vao)?(?: ngay)?|han chot(?: la)?)\s+(?:ngay\s+)?(?P<d>\d{1,2})\s*(?:/|-|thang)\s*"
    r"(?P<m>\d{1,2})(?!\d)(?:\s*(?:/|-|nam)\s*(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_FREQUENCY = re.compile(
    r"(?:dinh ky\s+)?hang\s+(?:nam|quy|thang|tuan)|dinh ky\s+(?:6|sau)\s+thang|(?:6|sau) thang"
    r"|dot xuat|dinh ky"
)
_PERIOD = re.compile(r"(?:(?:dinh ky|hang)\s+)?(?:(?:6|sau) thang(?: dau nam)?|quy|nam)(?=\s*\(|\s+truoc|\s*:)")
_VIA = re.compile(r"(?:thong\s+)?qua\s+$")
_RECIPIENT_CUE = re.compile(r"(?:bao cao|ve|gui|len|cho)(?:\s+(?:ngay|kip thoi|truc tiep))?\s*$")
# The onward hop: "… để tổng hợp, báo cáo Y" (the recipient reports on to Y) or "… để tổng hợp, tham mưu Y báo cáo Z"
# (the recipient prepares it, Y reports to Z).
_UPWARD = re.compile(
    r"de\s+(?:tong hop\s*,?\s*)?(?:(?P<advise>tham muu(?:\s+cho)?\s+(?=\S+\s+\S+\s))"
    r"|(?:tham muu\s*,?\s*)?bao cao\s+)"
)
# "X tổng hợp, tham mưu Y báo cáo Z": Y reports, X prepares it.
_ADVISES = re.compile(r"tham muu(?:\s+cho)?\s+$")
_ONWARD_LEAD = re.compile(r"(?<![a-z])de\s+(?:tong hop\s*,?\s*)?(?:tham muu\s*,?\s*)?$")
_SENT_TO = re.compile(r"(?<![a-z])(?:ve|gui|cho)\s+$")
_GOVERNED = re.compile(r"(?<![a-z])(?:chi dao|huong dan|don doc|kiem tra|ho tro|phoi hop(?: voi)?)\s+$")
_TELLS = re.compile(r"(?<![a-z])(?:yeu cau|de nghi|chi dao|giao)\s+$")
_SENTENCE = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")


_LABEL_COLON = re.compile(r"\s*:\s*")
_LIST_GAP = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|;|va)\s*")


def _run(mentions: list[Mention], first: Mention, folded: str) -> list[Mention]:
    """`first` and the mentions listed right after it ('A, B và C')."""
    run = [first]
    label = _LABEL_COLON.match(folded, first.end)  # "Các cơ quan: Phòng GD&ĐT, …": the units listed, not the label
    if first.group is not None and label is not None:
        listed = [m for m in mentions if m.start == label.end()]
        if listed:
            run = [listed[0]]
    for m in mentions:
        if m.start > run[-1].end - 1 and m.start > first.start:
            gap = folded[run[-1].end : m.start]
            if _LIST_GAP.fullmatch(gap):  # "A, B và C", "A (qua X) và C"
                run.append(m)
            elif "(" in gap and ")" not in gap:
                continue  # a unit inside the brackets after the run ('(qua Ban …)')
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
    if "bao cao" not in folded:  # every duty hangs on a 'báo cáo'
        return out
    mentions = find_all(text, folded)
    previous_subject: list[AgencyRef] = []
    last: ReportingDuty | None = None  # the paragraph's latest first hop: a later clause may repeat it
    for a, b in _sentences(text):
        in_sentence = [m for m in mentions if a <= m.start and m.end <= b]
        first_report = _REPORT.search(folded, a, b)
        upto = first_report.start() if first_report else b
        opening = _subjects([m for m in in_sentence if m.end <= upto], folded, a)[:1]
        if opening and _GOVERNED.search(folded[max(a, opening[0].start - 25) : opening[0].start]):
            opening = []  # "Chỉ đạo UBND các xã …; … báo cáo …": the units directed are no subject
        run = _run(in_sentence, opening[0], folded) if opening else []
        subject = [ctx.agency(para, m) for m in run] or previous_subject
        if not run and out and _PASSIVE.search(folded, a, b):
            subject = out[-1].reporters  # "Kết quả … đồng thời được báo cáo Y": whoever reported just before
        if first_report is None:
            previous_subject = subject
            continue
        for c, d in _clauses(text, a, b, in_sentence):
            in_clause = [m for m in in_sentence if c <= m.start and m.end <= d]
            if last is not None and not _names_recipient(folded, in_clause, c, d):
                again = _same_hop_again(ctx, para, last, (c, d))  # "…: báo cáo 6 tháng trước ngày 10/6; báo cáo năm …"
                if again is not None:
                    out.append(again)
                    continue
            clause_owners = subject or owners
            if last is not None and _ALSO.match(folded, c):
                clause_owners = last.reporters
            earlier: list[re.Match[str]] = []  # reports that name no recipient of their own before this one
            for report in _REPORT.finditer(folded, c, d):  # the first 'báo cáo' that names a recipient
                found = _hops(ctx, para, in_clause, report, (c, d), (a, b), clause_owners, path)
                if not found:
                    earlier.append(report)
                    continue
                last = found[0]
                # "báo cáo định kỳ hằng quý (…) và báo cáo năm (trước ngày 05/12) về Sở …": the same hop, each period
                out.extend(x for e in earlier if (x := _period_of(ctx, para, last, e, report.start())) is not None)
                out.extend(found)
                # "… báo cáo UBND tỉnh trước ngày 15/12 và báo cáo Bộ Y tế (qua Cục …) trước ngày 20/12": a hop each
                for and_report in _AND_REPORT.finditer(folded, report.end(), d):
                    more = _REPORT.search(folded, and_report.start(), and_report.end())
                    if more is not None:  # its own stretch: the dates before 'và' are the earlier hop's
                        after = [m for m in in_clause if m.start >= and_report.start()]
                        out.extend(
                            _hops(
                                ctx,
                                para,
                                after,
                                more,
                                (and_report.start(), d),
                                (a, b),
                                found[0].reporters or clause_owners,
                                path,
                            )
                        )
                break
    return out


def _period_of(
    ctx: DocContext, para: Para, hop: ReportingDuty, report: re.Match[str], until: int
) -> ReportingDuty | None:
    """The hop once more for an earlier 'báo cáo' that only gives a period (and perhaps a day) before it."""
    folded = para.folded
    period = _FREQUENCY.search(folded, report.end(), until) or _PERIOD.search(folded, report.end(), until)
    if period is None or not re.search(r"(?:(?<![a-z])va|,)\s*$", folded[report.end() : until]):
        return None
    due = _DUE.search(folded, report.end(), until)
    return ReportingDuty(
        hop.reporters,
        hop.recipients,
        hop.via,
        para.text[period.start() : period.end()],
        (int(due.group("m")), int(due.group("d"))) if due else None,
        hop.span,
        hop.section_path,
        int(due.group("y")) if due and due.group("y") else None,
    )


def _names_recipient(folded: str, in_clause: list[Mention], c: int, d: int) -> bool:
    """Whether a unit in the clause follows a 'báo cáo' (or 'về', 'gửi') as the one reported to."""
    return any(_RECIPIENT_CUE.search(folded[max(c, m.start - 30) : m.start]) for m in in_clause)


def _same_hop_again(ctx: DocContext, para: Para, last: ReportingDuty, clause: tuple[int, int]) -> ReportingDuty | None:
    """A clause that only says when to report again ('báo cáo 6 tháng trước ngày 10/6'): the last hop, its date."""
    folded = para.folded
    c, d = clause
    report = _REPORT.match(folded, c + len(folded[c:d]) - len(folded[c:d].lstrip()))
    if report is None:
        return None
    due = _DUE.search(folded, c, d)
    if due is None:
        return None
    period = _PERIOD.search(folded, report.end(), due.start()) or _FREQUENCY.search(folded, c, d)
    return ReportingDuty(
        last.reporters,
        last.recipients,
        last.via,
        para.text[period.start() : period.end()] if period else None,
        (int(due.group("m")), int(due.group("d"))),
        ctx.span(para, c, d),
        last.section_path,
        int(due.group("y")) if due.group("y") else None,
    )


_PASSIVE = re.compile(r"(?<![a-z])duoc\s+(?:gui\s+)?bao cao(?![a-z])")
# "… và báo cáo Y", "… và tham mưu X báo cáo Y": one more hop in the clause
_AND_REPORT = re.compile(r"(?<![a-z])va\s+(?:gui\s+)?(?:tham muu[^;]{0,80}?)?bao cao(?![a-z])")
_ALSO = re.compile(
    r"\s*(?:dong thoi|cung)\s+(?:gui\s+)?bao cao(?![a-z])"
)  # "…; đồng thời báo cáo Y": the same reporter


def _clauses(text: str, a: int, b: int, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The clauses of a sentence, split at semicolons, but not after a clause that only names units ('Thủ trưởng các
    sở, ban, ngành; Chủ tịch UBND các xã báo cáo …': both report)."""
    out, start = [], a
    for i in range(a, b):
        if text[i] == ";" and not _only_units(text, start, i, mentions):
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


def _only_units(text: str, a: int, b: int, mentions: list[Mention]) -> bool:
    """Whether text[a:b] is nothing but unit names and the commas and 'và' between them, after an adverbial that
    ends in a comma ('Định kỳ hằng năm, trước ngày 05/12, các sở, ban, ngành; …')."""
    inside = [m for m in mentions if a <= m.start and m.end <= b]
    if not inside:
        return False
    lead = text[a : inside[0].start]
    if lead.strip() and not lead.rstrip().endswith(","):
        return False
    rest = list(text[inside[0].start : b])
    for m in inside:
        rest[m.start - inside[0].start : m.end - inside[0].start] = " " * (m.end - m.start)
    return re.fullmatch(r"[\s,]*(?:(?:và|,)\s*)*", "".join(rest)) is not None


def _due(folded: str, report: int, a: int, b: int) -> re.Match[str] | None:
    """The deadline of a hop: the first date after its 'báo cáo' in the clause, else the clause's first date."""
    return _DUE.search(folded, report, b) or _DUE.search(folded, a, b)


def _hops(
    ctx: DocContext,
    para: Para,
    in_clause: list[Mention],
    report: re.Match[str],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    fallback: list[AgencyRef],
    path: str,
) -> list[ReportingDuty]:
    """The hop of one 'báo cáo' and its onward hop ('… để tổng hợp, báo cáo Y'); [] when it names no recipient."""
    text, folded = para.text, para.folded
    a, b = clause
    recipients_m: list[Mention] = []
    via_m: list[Mention] = []
    upward = _UPWARD.search(folded, report.end(), b)
    stop = upward.start() if upward else b
    following = _REPORT.search(folded, report.end(), stop)
    for m in in_clause:
        if m.start < report.start() or m.start >= stop:
            continue
        if _REPORT.search(folded, report.end(), m.start) is not None and not recipients_m:
            return []  # a later 'báo cáo' names this recipient: that one is the hop
        head = folded[max(a, m.start - 30) : m.start]
        if _VIA.search(head):
            if following is None or m.start < following.start():  # a later report's channel is its own
                via_m.append(m)
        elif not recipients_m and _RECIPIENT_CUE.search(head):
            recipients_m = _run(in_clause, m, folded)
    if not recipients_m:
        return []
    before = [m for m in in_clause if m.end <= report.start()]
    advised = [m for m in before if _ADVISES.search(folded[max(a, m.start - 20) : m.start])]
    if advised and report.start() - advised[-1].end <= 3:
        reporters_m = _run(in_clause, advised[-1], folded)
    else:
        subjects = _subjects(before, folded, a)
        # "X yêu cầu Y báo cáo …", "Giao Y … báo cáo …": whom the clause tells to report reports
        told = [m for m in before if _TELLS.search(folded[max(a, m.start - 20) : m.start])]
        # "… phản ánh về Sở Y tế để tổng hợp, báo cáo UBND tỉnh": the body it is sent to reports on
        onward = _ONWARD_LEAD.search(folded, max(a, report.start() - 30), report.start())
        sent_to = [m for m in before if _SENT_TO.search(folded[max(a, m.start - 12) : m.start])] if onward else []
        first = sent_to[-1] if sent_to else told[-1] if told else subjects[0] if subjects else None
        if first is None:  # "Riêng báo cáo sơ kết …, các sở, ban, ngành gửi về Sở …": the units before the recipient
            between = _subjects(
                [m for m in in_clause if report.end() <= m.start and m.end <= recipients_m[0].start],
                folded,
                report.end(),
            )
            first = between[0] if between else None
        reporters_m = _run(in_clause, first, folded) if first else []
    freq = _FREQUENCY.search(folded, a, b) or _FREQUENCY.search(folded, *sentence)
    recipients = [ctx.agency(para, m) for m in recipients_m]
    reporters = [ctx.agency(para, m) for m in reporters_m] or list(fallback)
    # "định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)": one hop a deadline, each with its period
    periodic: list[tuple[re.Match[str] | None, re.Match[str] | None]] = [
        (f, d)
        for f in _PERIOD.finditer(folded, a, stop)
        if (d := _DUE.search(folded, f.end(), min(stop, f.end() + 30))) is not None
    ]
    if len(periodic) < 2:  # "trước ngày 15/12/2025 (sơ kết học kỳ I) và trước ngày 20/5/2026 (tổng kết năm học)"
        following = _REPORT.search(folded, report.end(), stop)  # dates of a later 'báo cáo' are that hop's
        dues = list(_DUE.finditer(folded, report.end(), following.start() if following else stop))
        if len(dues) >= 2 and all(
            re.search(r"(?<![a-z])va(?![a-z])", folded[x.end() : y.start()]) for x, y in pairwise(dues)
        ):
            periodic = [(freq, d) for d in dues]
        else:
            periodic = [(freq, _due(folded, report.end(), a, stop))]
    out = [
        ReportingDuty(
            reporters,
            to,
            through,
            text[f.start() : f.end()] if f else None,
            (int(d.group("m")), int(d.group("d"))) if d else None,
            ctx.span(para, a, b),
            path,
            int(d.group("y")) if d and d.group("y") else None,
        )
        for f, d in periodic
        for to_m, through_m in _by_channel(recipients_m, via_m)
        for to, through in _own_channel([ctx.agency(para, m) for m in to_m], [ctx.agency(para, m) for m in through_m])
    ]
    if upward:
        out.extend(_onward(ctx, para, in_clause, upward, (upward.start(), b), recipients, path))
    return out


def _onward(
    ctx: DocContext,
    para: Para,
    in_clause: list[Mention],
    upward: re.Match[str],
    clause: tuple[int, int],
    recipients: list[AgencyRef],
    path: str,
) -> list[ReportingDuty]:
    """The second hop: the first hop's recipients (or the body they advise) report on to whom it names."""
    folded = para.folded
    a, b = clause
    after = [m for m in in_clause if m.start >= upward.end()]
    reporters = recipients
    if upward.group("advise"):  # "để tổng hợp, tham mưu UBND huyện báo cáo UBND tỉnh"
        report = _REPORT.search(folded, upward.end(), b)
        advised = [m for m in after if report is not None and m.end <= report.start()]
        if report is None or not advised:
            return []
        reporters = [ctx.agency(para, m) for m in _run(in_clause, advised[0], folded)]
        after = [m for m in after if m.start >= report.end()]
    above = [m for m in after if not _VIA.search(folded[max(a, m.start - 30) : m.start])]
    if not above:
        return []
    via = [m for m in after if _VIA.search(folded[max(a, m.start - 30) : m.start])]
    due = _DUE.search(folded, upward.end(), b)
    return [
        ReportingDuty(
            reporters,
            [ctx.agency(para, m) for m in to],
            [ctx.agency(para, m) for m in through],
            None,
            (int(due.group("m")), int(due.group("d"))) if due else None,
            ctx.span(para, a, b),
            path,
            int(due.group("y")) if due and due.group("y") else None,
        )
        for to, through in _by_channel(_run(in_clause, above[0], folded), via)
    ]


def _own_channel(recipients: list[AgencyRef], via: list[AgencyRef]) -> list[tuple[list[AgencyRef], list[AgencyRef]]]:
    """'báo cáo UBND tỉnh và Bộ Y tế (qua Cục Bà mẹ và Trẻ em)': a channel that is a unit of the last recipient is
    that recipient's alone."""
    last = recipients[-1] if recipients else None
    if (
        len(recipients) > 1
        and via
        and last is not None
        and all(v.parent is not None and v.parent.label == last.label for v in via)
    ):
        return [(recipients[:-1], []), ([last], via)]
    return [(recipients, via)]


def _by_channel(recipients: list[Mention], via: list[Mention]) -> list[tuple[list[Mention], list[Mention]]]:
    """Recipients grouped by their channel: 'A (qua X) và B' is A through X and B direct; 'A và B (qua X)' is both
    through X."""
    groups: list[tuple[list[Mention], list[Mention]]] = []
    current: list[Mention] = []
    for r in recipients:
        between = [v for v in via if current and current[-1].end <= v.start < r.start]
        if between:
            groups.append((current, between))
            current = []
        current.append(r)
    taken = {id(v) for _, vs in groups for v in vs}
    groups.append((current, [v for v in via if id(v) not in taken]))
    return [(to, through) for to, through in groups if to]


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out
