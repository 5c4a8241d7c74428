"""Write a plan given as text into a web page as a provincial portal shows it: menus, a banner, a sidebar and a
footer around the article; the header as a two-column table, numbered items as ordered lists (numbers not
typed), dash items as bullet lists, pipe tables as HTML tables. The reader must give back the same facts."""

from __future__ import annotations

from html import escape

from plan_parts import ITEM, header_and_body

_AROUND = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản - Cổng thông tin điện tử</title>
</head><body>
<header><div class="banner">CỔNG THÔNG TIN ĐIỆN TỬ</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></nav></header>
<div class="container"><aside><h3>Văn bản mới</h3><ul><li><a href="/vb/1">Thông báo lịch tiếp công dân</a></li>
<li><a href="/vb/2">Kế hoạch tổ chức hội nghị</a></li></ul></aside>
<main><article class="post">{article}</article></main></div>
<footer><p>Bản quyền thuộc Ủy ban nhân dân. Giấy phép số 12/GP-TTĐT.</p><p>Địa chỉ: 01 đường Trần Hưng Đạo.</p>
</footer></body></html>"""


def plan_as_html(text: str) -> bytes:
    """The plan's text as a portal page's bytes (UTF-8)."""
    left, right, body = header_and_body(text)
    columns = ["<br>".join(escape(line) for line in part) for part in (left, right)]
    out = [f"<table class='header'><tr><td>{columns[0]}</td><td>{columns[1]}</td></tr></table>"]
    rows: list[list[str]] = []
    items: list[tuple[str, int, str]] = []  # the list being written: (kind, number, text)

    def close_list() -> None:
        if items:
            kind, first = items[0][0], items[0][1]
            tag = "ol" if kind == "number" else "ul"
            start = f' start="{first}"' if kind == "number" and first != 1 else ""
            out.append(f"<{tag}{start}>" + "".join(f"<li>{escape(t)}</li>" for _, _, t in items) + f"</{tag}>")
            items.clear()

    for line in [*body, ""]:
        if line.startswith("|") or line.count("\t") >= 2:  # a pipe table, or a table pasted as tab-separated text
            close_list()
            cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.strip().strip("|").split("|"))]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
            continue
        if rows:
            out.append(
                "<table>"
                + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
                + "</table>"
            )
            rows = []
        item = ITEM.match(line)
        if item is not None and not item.group("letter"):  # lettered items stay typed, as portals show them
            kind = "number" if item.group("number") else "dash"
            number = int(item.group("number") or 0)
            if items and (items[0][0] != kind or (kind == "number" and number != items[-1][1] + 1)):
                close_list()
            items.append((kind, number, item.group("rest")))
            continue
        close_list()
        if line.strip():
            out.append(f"<p>{escape(line)}</p>")
    return _AROUND.format(article="\n".join(out)).encode("utf-8")
