"""The canonical text a reader assembles piece by piece, with the place in the file each piece came from."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from loaders.source import Segment


class Assembly:
    """Text being assembled (NFC pieces) and the segments mapping it back to the file; `convert` turns each piece
    into Unicode first when the file was typed in an encoding before Unicode (a .VnTime font)."""

    def __init__(self, convert: Callable[[str], str] | None = None) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.origin: list[Segment] = []
        self.doubts: list[Segment] = []  # stretches OCR was unsure of, and how unsure
        self.convert = convert

    def add(self, text: str, where: str | None = None) -> None:
        if self.convert is not None:
            text = self.convert(text)
        text = unicodedata.normalize("NFC", text)
        if where is not None and text:
            self.origin.append(Segment(self.size, self.size + len(text), where))
        self.parts.append(text)
        self.size += len(text)

    def line(self, text: str, where: str) -> None:
        """One paragraph on its own line."""
        self.add(text, where)
        self.add("\n")

    def gap(self) -> None:
        """A blank line, unless there is one already (or nothing yet)."""
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.add("\n")

    def pipe_row(self, row_at: str, cells: list[tuple[int, str]]) -> list[tuple[int, int]]:
        """A table row as the parser reads tables: "| a | b |", each cell mapped to itself, the bars to the row;
        the [start, end) of each cell's text in the assembled text."""
        placed = []
        self.add("| ", row_at)
        for i, (c, text) in enumerate(cells):
            start = self.size
            self.add(text, f"{row_at}, cell {c}")
            placed.append((start, self.size))
            self.add(" | " if i < len(cells) - 1 else " |", row_at)
        self.add("\n")
        return placed

    def side_by_side(self, row_at: str, columns: list[list[str]]) -> None:
        """Columns of lines (a header table's issuer and motto) as the page shows them: the k-th line of each
        column on one pipe row, as the header reader takes two columns."""
        for k in range(max((len(column) for column in columns), default=0)):
            self.pipe_row(row_at, [(c, column[k] if k < len(column) else "") for c, column in enumerate(columns, 1)])

    def text(self) -> str:
        return "".join(self.parts)
