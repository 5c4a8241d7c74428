"""What every workbook the service writes shares: safe cell text, sheet names Excel accepts, a header row that stays
in view and filters, wrapped text and readable widths (openpyxl)."""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

CELL_LIMIT = 32_767  # Excel's most characters in one cell
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TURNED = Alignment(text_rotation=90, wrap_text=True, horizontal="center", vertical="bottom")


def cell(value: object) -> object:
    """A value openpyxl can store: control characters dropped, text cut to what a cell holds (marked '…')."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


class Sheets:
    """A workbook being written: unique sheet names, each sheet a header row and rows."""

    def __init__(self) -> None:
        self.book = Workbook()
        for first in self.book.worksheets:  # the empty sheet a new workbook starts with
            self.book.remove(first)
        self._names: set[str] = set()

    def sheet(self, name: str) -> Worksheet:
        """A new sheet, its name made acceptable to Excel (31 characters, no []:*?/\\) and unique."""
        base = _SHEET_FORBIDDEN.sub("-", name).strip("' ") or "Sheet"
        chosen, n = base[:31], 1
        while chosen.casefold() in self._names:
            n += 1
            chosen = f"{base[: 31 - len(str(n)) - 1]}~{n}"
        self._names.add(chosen.casefold())
        return self.book.create_sheet(chosen)

    def table(
        self,
        sheet: Worksheet,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        turned: Collection[int] = (),
        frozen: int = 1,
    ) -> int:
        """The header (the `turned` columns, 1-based, written upwards: narrow role columns) and the rows, with the
        header and the first `frozen` columns kept in view and a filter on every column; returns the rows written."""
        sheet.append([cell(h) for h in header])
        for i, _ in enumerate(header, start=1):
            c = sheet.cell(row=1, column=i)
            c.font = Font(bold=True)
            c.fill = _HEADER_FILL
            c.alignment = _TURNED if i in turned else _WRAP
        count = 0
        for row in rows:
            sheet.append([cell(v) for v in row])
            count += 1
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        for row_cells in sheet.iter_rows(min_row=2):
            for c in row_cells:
                c.alignment = _WRAP
        if turned:
            sheet.row_dimensions[1].height = 160
        sheet.freeze_panes = f"{get_column_letter(frozen + 1)}2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"
        return count

    def link(self, sheet: Worksheet, row: int, column: int, url: str) -> None:
        """Make one cell a hyperlink."""
        c = sheet.cell(row=row, column=column)
        c.hyperlink = url
        c.font = Font(color="1F5F99", underline="single")

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
