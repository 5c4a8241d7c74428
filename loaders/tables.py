"""Tables given as pipe rows ("| STT | Nội dung | Cơ quan chủ trì | … |"), one paragraph a row: the columns found by
their header words, each cell with its offsets in the row."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from loaders.context import Para

# Column role -> folded header words that name it; checked in this order.
COLUMNS: list[tuple[str, str]] = [
    ("number", r"^(?:stt|tt|so tt|so thu tu)$"),
    ("support", r"phoi hop"),
    (
        "lead",
        r"chu tri|(?:don vi|co quan|bo phan) (?:thuc hien|phu trach)|^trach nhiem|^thuc hien$|^phan cong"
        r"|^(?:don vi|co quan)$",
    ),
    ("time", r"thoi gian|thoi han|tien do"),
    ("product", r"san pham|ket qua"),
    ("content", r"noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten"),
]
_SEPARATOR = re.compile(r"^[\s|:\-–—=+]*$")


@dataclass
class Cell:
    """One cell: its text and offsets [start, end) in the row's paragraph text."""

    text: str
    start: int
    end: int


@dataclass
class Row:
    """A table row and its cells."""

    para: Para
    cells: list[Cell]

    def cell(self, index: int | None) -> Cell | None:
        return self.cells[index] if index is not None and index < len(self.cells) else None


@dataclass
class Table:
    """A header row's column roles and the rows under it."""

    roles: dict[str, int]
    rows: list[Row] = field(default_factory=list)

    def column(self, role: str) -> int | None:
        return self.roles.get(role)


def is_row(para: Para) -> bool:
    """Whether a paragraph is a pipe-table row."""
    text = para.text.strip()
    return text.startswith("|") and text.count("|") >= 2


def _cells(para: Para) -> list[Cell]:
    text = para.text
    bars = [i for i, ch in enumerate(text) if ch == "|"]
    out: list[Cell] = []
    for a, b in itertools.pairwise(bars):
        raw = text[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        out.append(Cell(raw.strip(), a + 1 + lead, a + 1 + lead + len(raw.strip())))
    return out


def _roles(header: Row) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header.cells):
        folded = " ".join(header.para.folded[cell.start : cell.end].split())
        for role, pattern in COLUMNS:
            if role not in roles and re.search(pattern, folded):
                roles[role] = i
                break
    return roles


def in_paragraphs(paras: list[Para]) -> list[Table]:
    """The tables among consecutive row paragraphs; the first row of each is its header."""
    tables: list[Table] = []
    current: Table | None = None
    previous_row = False
    for para in paras:
        if not is_row(para):
            previous_row, current = False, None
            continue
        if _SEPARATOR.match(para.text):
            previous_row = True
            continue
        row = Row(para, _cells(para))
        if current is None or not previous_row:
            current = Table(_roles(row))
            tables.append(current)
        elif not current.rows and _continues_header(current, row):
            # a header over two rows ('Phân công thực hiện' above 'Chủ trì | Phối hợp'): the second names the columns
            for role, index in _roles(row).items():
                current.roles.setdefault(role, index)
        else:
            current.rows.append(row)
        previous_row = True
    return tables


def _continues_header(table: Table, row: Row) -> bool:
    """Whether a row right under the header is the header's second line: it names columns and has no number."""
    number = table.column("number")
    first = row.cell(number if number is not None else 0)
    return bool(_roles(row)) and (first is None or not first.text.strip())
