"""Rebuild logical paragraphs (blocks) from wrapped, noisy lines, keeping a map back to source offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import quantiles

# Lines that open a new paragraph whatever came before them.
MARKER = re.compile(
    r"""^(?:
        (?:PH[ẦA]N\s+|Ph[ầa]n\s+)?[IVXL]{1,5}\s?[.:-]\s   # I. MỤC ĐÍCH, I- MỤC ĐÍCH, I - …, PHẦN II.
      | [A-H]\.\s                      # B. NHIỆM VỤ
      | \d{1,2}(?:\.\d{1,2})*\.(?!\d)  # 1.  2.1.  1.Các
      | \d{1,2}(?:\.\d{1,2})+\s        # 2.1 (no last stop)
      | \d{1,2}[-)]\s                  # 1- (party documents), 1)
      | [a-zđ]\.\s                     # a. (a letter with a stop)
      | \(\d{1,2}\)\.?                 # (1).
      | [a-zđ]\)\s                     # a)
      | [-–—+•]\s                      # bullets
      | N[oơ]i\s+nh[aậ]n              # Nơi nhận (and its OCR slip)
      | \|                            # a pipe-table row
    )""",
    re.X | re.I,
)
# The formulas that open a preamble paragraph (Nghị định 30/2020, Phụ lục I): a new paragraph even after a title line
# that ends without a stop.
_FORMULA = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện|Triển\s+khai|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Kính\s+gửi)\b")
_DEBRIS = re.compile(r"^[\s*_=~.·•-]*$|^\s*-?\s*\d{1,3}\s*-?\s*$")  # rules, page numbers
_TAB_ROW = re.compile(r"\t[^\t]*\S[^\t]*\t")  # a line of three or more tab-separated cells: a table row
_TERMINAL = re.compile(r"[.:;!?]\s*[)”\"]?\s*$")


def is_caps(line: str) -> bool:
    """Whether a line is written in capitals (a heading, an issuer line)."""
    if not line.isupper():  # some cased letter is small (or there is none)
        return False
    letters = 0
    for c in line:
        letters += c.isalpha()
        if letters >= 2:
            return True
    return False


@dataclass
class Block:
    """One logical paragraph: clean single-spaced text and the source offset of each character."""

    text: str
    origin: list[int] = field(repr=False)
    end: int
    caps: bool = False

    @property
    def start(self) -> int:
        return self.origin[0]

    @classmethod
    def joined(cls, parts: list[Block]) -> Block:
        """One block made of several (e.g. a two-line issuer heading), separated by single spaces."""
        text = " ".join(p.text for p in parts)
        origin: list[int] = []
        for p in parts:
            if origin:
                origin.append(origin[-1])
            origin.extend(p.origin)
        return cls(text, origin, parts[-1].end, all(p.caps for p in parts))

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source offsets [start, end) of clean-text characters a..b-1."""
        b = max(a + 1, b)
        return self.origin[a], self.origin[b - 1] + 1


_PLAIN = re.compile(r"[^\S ]|  |\*")  # a line needing more than a copy: other blanks, double spaces, bold stars


class _Builder:
    """A paragraph in the making: its text in pieces, one source offset a character."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.origin: list[int] = []
        self.end = 0
        self.spaced = False  # whether the text so far ends with a space

    def add_line(self, text: str, offset: int) -> None:
        """Append a line: runs of whitespace become one space (at the first blank), stars are dropped."""
        if self.parts and not self.spaced:
            self.parts.append(" ")
            self.origin.append(self.end)
            self.spaced = True
        if text and not _PLAIN.search(text):  # the common line: copied whole
            kept = text.rstrip(" ")
            self.parts.append(kept)
            self.origin.extend(range(offset, offset + len(kept)))
            self.spaced = False
            self.end = offset + len(kept)
            if len(kept) < len(text) and kept:
                self.parts.append(" ")
                self.origin.append(offset + len(kept))
                self.spaced = True
                self.end += 1
            return
        for i, ch in enumerate(text):
            if ch == "*":
                continue
            if ch.isspace():
                if not self.parts or self.spaced:
                    continue
                ch = " "
            self.parts.append(ch)
            self.origin.append(offset + i)
            self.spaced = ch == " "
            self.end = offset + i + 1

    def add_row(self, text: str, offset: int) -> None:
        """A row of a table pasted as text, its cells between tabs: written as a pipe row ('a<TAB>b' -> '| a | b |'),
        each bar at its tab, so the table reaches the table reader as any other."""
        self.parts.append("| ")
        self.origin.extend([offset, offset])
        spaced = True
        text = text.rstrip(" \r\n")  # trailing tabs are empty cells
        for i, ch in enumerate(text):
            if ch == "\t":
                piece = " | " if not spaced else "| "
                self.parts.append(piece)
                self.origin.extend([offset + i] * len(piece))
                spaced = True
            elif ch.isspace():
                if not spaced:
                    self.parts.append(" ")
                    self.origin.append(offset + i)
                    spaced = True
            else:
                self.parts.append(ch)
                self.origin.append(offset + i)
                spaced = False
        end = offset + len(text)
        self.parts.append(" |" if not spaced else "|")
        self.origin.extend([end - 1] * (2 if not spaced else 1))
        self.end = end

    def build(self, caps: bool) -> Block | None:
        text = "".join(self.parts)
        kept = len(text.rstrip(" "))
        if not kept:
            return None
        return Block(text[:kept], self.origin[:kept], self.end, caps)


def _wrap_width(lines: list[str]) -> float:
    """Length above which a line counts as hard-wrapped; infinite unless the text is wrapped."""
    lengths = [len(s.strip()) for s in lines if len(s.strip()) > 20]
    if len(lengths) < 10:
        return float("inf")
    q = quantiles(lengths, n=10)
    if q[2] < 0.8 * q[8]:  # widely spread lengths: one paragraph per line, not a wrapped text
        return float("inf")
    return 0.75 * q[4]


def _local_widths(lines: list[str]) -> list[float]:
    """For each line, the widest of its nearby short lines: the wrap width of the paragraph it sits in."""
    lengths = [len(s.strip()) for s in lines]
    nonblank = [i for i, n in enumerate(lengths) if n]
    widths = [0.0] * len(lines)
    for k, i in enumerate(nonblank):
        near = [lengths[j] for j in nonblank[max(0, k - 3) : k + 4] if j != i and lengths[j] <= _MAX_WRAP]
        widths[i] = max(near, default=0)
    return widths


_MAX_WRAP = 110  # hard-wrapped lines are rarely wider than this


def blocks(text: str) -> list[Block]:
    """Split canonical text into paragraphs, joining hard-wrapped lines and dropping page debris."""
    raw_lines = text.split("\n")
    width = _wrap_width(raw_lines)
    local = _local_widths(raw_lines)
    rows = _tab_rows(raw_lines)
    out: list[Block] = []
    current: _Builder | None = None
    prev_line = ""
    prev_caps = False
    prev_width = width
    offset = 0
    for n, raw in enumerate(raw_lines):
        line_start = offset
        offset += len(raw) + 1
        clean = raw.replace("*", "").strip()  # bold stars dropped
        if not clean or _DEBRIS.match(clean):
            continue
        lead = len(raw) - len(raw.lstrip(" \t*\u00a0"))
        caps = is_caps(clean)
        if current is not None and _continues(prev_line, clean, prev_width, prev_caps, caps):
            current.add_line(raw[lead:], line_start + lead)
        else:
            if current is not None and (b := current.build(prev_caps)):
                out.append(b)
            current = _Builder()
            if n in rows:
                current.add_row(raw[lead:], line_start + lead)
            else:
                current.add_line(raw[lead:], line_start + lead)
        prev_line, prev_caps = clean, caps
        prev_width = min(width, _local_threshold(clean, local[n]))
    if current is not None and (b := current.build(prev_caps)):
        out.append(b)
    return out


def _tab_rows(lines: list[str]) -> set[int]:
    """The lines of a table pasted as text: three or more cells between tabs, and beside them a line of two (a group
    row 'I<TAB>Nhóm nhiệm vụ …<TAB><TAB>'); two cells alone are a header's or a signature's two columns."""

    def filled(line: str) -> int:
        return len([c for c in line.strip(" \r\n").split("\t") if c.strip()]) if line.count("\t") >= 2 else 0

    counts = [filled(line) for line in lines]
    rows = {i for i, n in enumerate(counts) if n >= 3}
    return rows | {i for i, n in enumerate(counts) if n == 2 and (i - 1 in rows or i + 1 in rows)}


def _local_threshold(line: str, local_width: float) -> float:
    """Length at which this line counts as wrapped, judged from its neighbours; infinite if it cannot be."""
    if MARKER.match(line) or not 45 <= len(line) <= _MAX_WRAP or local_width < 55:
        return float("inf")
    return 0.8 * local_width


def _continues(prev: str, line: str, width: float, prev_caps: bool, caps: bool) -> bool:
    """Whether `line` continues the paragraph whose last line was `prev`."""
    if (
        MARKER.match(line)
        or _FORMULA.match(line)
        or prev_caps
        or caps
        or _TAB_ROW.search(line)
        or _TAB_ROW.search(prev)
    ):
        return False
    if prev.endswith(("-", "–")) and not prev.endswith(" -"):
        return True
    if _TERMINAL.search(prev):
        return False
    first = line[0]
    if first.islower() or first.isdigit() or first in "(“\"'":
        return True
    return len(prev) >= width
