"""What every workbook the service writes shares: safe cell text, sheet names Excel accepts, a header row that stays
in view and filters, wrapped text, readable widths and links (openpyxl, written row by row in write-only mode, so
a workbook of a whole national audit never sits in memory as cells)."""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CELL_LIMIT = 32_767  # Excel's most characters in one cell
ROW_LIMIT = 1_048_576  # Excel's most rows in one sheet
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_BOLD = Font(bold=True)
_LINK = Font(color="1F5F99", underline="single")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TURNED = Alignment(text_rotation=90, wrap_text=True, horizontal="center", vertical="bottom")


@dataclass(frozen=True)
class Link:
    """A cell that shows `text` and opens `url`."""

    text: str
    url: str


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet takes a CSV cell to be a formula by


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe (the
    OWASP advice for CSV injection; bullets such as '- Sở …' in source text would otherwise show #NAME?)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def text(value: str) -> str:
    """Text openpyxl can store: control characters dropped, cut to what a cell holds (marked '…')."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - 1] + "…"


class Sheets:
    """A workbook being written: unique sheet names, each sheet a header row and rows."""

    def __init__(self, title: str) -> None:
        self.book = Workbook(write_only=True)
        self.book.properties.title = text(title)
        self.book.properties.creator = "vn-cascade"
        self._names: set[str] = set()

    def name(self, wanted: str) -> str:
        """A sheet name Excel accepts (31 characters, none of []:*?/\\), not used yet in this workbook."""
        base = _SHEET_FORBIDDEN.sub("-", wanted).strip("' ") or "Sheet"
        chosen, n = base[:31], 1
        while chosen.casefold() in self._names:
            n += 1
            chosen = f"{base[: 31 - len(str(n)) - 1]}~{n}"
        self._names.add(chosen.casefold())
        return chosen

    def table(
        self,
        name: str,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        turned: Collection[int] = (),
        frozen: int = 1,
    ) -> int:
        """A new sheet, its name given by `name()` first: the header (the `turned` columns, 1-based, written
        upwards for narrow role columns), then the rows (a `Link` makes a link), wrapped, with the header and the
        first `frozen` columns kept in view and a filter on every column. Returns the rows written; Excel's row
        limit stops it."""
        assert name.casefold() in self._names, f"sheet name {name!r} not given by name()"
        sheet = self.book.create_sheet(name)
        sheet.freeze_panes = f"{get_column_letter(frozen + 1)}2"  # before the first row: write-only sheets ask so
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        if turned:
            sheet.row_dimensions[1].height = 160
        sheet.append([self._header(sheet, h, i in turned) for i, h in enumerate(header, start=1)])
        count = 0
        for row in rows:
            if count + 1 >= ROW_LIMIT:
                break
            sheet.append([self._cell(sheet, v) for v in row])
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"
        return count

    def _header(self, sheet: WriteOnlyWorksheet, value: str, turned: bool) -> Cell:
        c = WriteOnlyCell(sheet, value=text(value))
        c.data_type = "s"  # an agency's name is a name, whatever it starts with
        c.font, c.fill, c.alignment = _BOLD, _HEADER_FILL, _TURNED if turned else _WRAP
        return c

    def _cell(self, sheet: WriteOnlyWorksheet, value: object) -> Cell:
        if isinstance(value, Link):
            c = WriteOnlyCell(sheet, value=text(value.text))
            c.hyperlink, c.font = value.url, _LINK
        else:
            kept = value if isinstance(value, (int, float)) or value is None else text(str(value))
            c = WriteOnlyCell(sheet, value=kept)
        if c.data_type == "f":  # text from a document that starts with '=' is text, never a formula
            c.data_type = "s"
        c.alignment = _WRAP
        return c

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
