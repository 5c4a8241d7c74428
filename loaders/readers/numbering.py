"""List numbers as word processors and browsers draw them: letters and Roman numerals."""

from __future__ import annotations

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def roman(n: int) -> str:
    """Lower-case Roman numerals: 4 → iv."""
    out = ""
    for value, symbols in _ROMAN:
        while n >= value:
            out, n = out + symbols, n - value
    return out


def letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
