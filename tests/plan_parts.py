"""A plan's text cut the way a Word file or a portal page lays it out: the header's two columns and the body."""

from __future__ import annotations

import re

ITEM = re.compile(r"^(?:(?P<number>\d+)\.|(?P<letter>[a-zđ])\)|(?P<dash>-))\s+(?P<rest>\S.*)$")
_MOTTO = re.compile(r"^C[ỘO]NG H[ÒO]A|^ĐẢNG CỘNG SẢN")
_TYPE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG VĂN|HƯỚNG DẪN|CHƯƠNG TRÌNH)$")


def header_and_body(text: str) -> tuple[list[str], list[str], list[str]]:
    """(the header's left column lines, its right column lines, the body's lines from the type heading on);
    StopIteration for a plan with no type heading or no motto (an excerpt, a letter)."""
    lines = text.split("\n")
    body = next(i for i, line in enumerate(lines) if _TYPE.match(line.strip()))
    head = [line.strip() for line in lines[:body] if line.strip()]
    split = next(i for i, line in enumerate(head) if _MOTTO.match(line))
    return head[:split], head[split:], lines[body:]
