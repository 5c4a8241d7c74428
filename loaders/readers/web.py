"""Web pages saved from a portal as canonical text: the article body (trafilatura finds it and leaves out the
navigation, banners and footer), character references decoded, numbered lists given their numbers, tables as
pipe rows, each piece mapped back to its place in the article."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from loaders.readers.assembly import Assembly
from loaders.readers.numbering import letters, roman
from loaders.source import IngestError, SourceText, canonical


def _text(node: etree._Element) -> str:
    """An element's words on one line (line breaks and nested paragraphs joined by a space)."""
    return " ".join("".join(node.itertext()).split()).replace("|", "/")


def _lines(node: etree._Element) -> list[str]:
    """An element's lines as the page breaks them (<br>, nested paragraphs)."""
    parts: list[str] = [node.text or ""]
    for child in node:
        if child.tag == "lb" or child.tag == "p":
            parts.append("\n")
        parts.append("".join(child.itertext()) if child.tag != "lb" else "")
        parts.append(child.tail or "")
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def _table(out: Assembly, table: etree._Element, number: int, layout: bool) -> None:
    """Rows as pipe rows; the header table above the body (two columns) line by line, side by side."""
    out.gap()
    for r, row in enumerate(table.iter("row"), 1):
        cells = list(row.iter("cell"))
        row_at = f"table {number}, row {r}"
        if layout:
            out.side_by_side(row_at, [_lines(cell) for cell in cells[:2]])
            continue
        values = [(c, _text(cell)) for c, cell in enumerate(cells, 1)]
        if any(text for _, text in values):
            out.pipe_row(row_at, values)
    out.gap()


def _numbered(n: int, kind: str) -> str:
    """An ordered list's n-th label for its type attribute (1, a, A, i, I)."""
    if kind in ("a", "A"):
        label = letters(n)
        return (label.upper() if kind == "A" else label) + ")"
    if kind in ("i", "I"):
        label = roman(n)
        return (label.upper() if kind == "I" else label) + "."
    return f"{n}."


_CHROME = {"nav", "header", "footer", "aside", "menu"}


def _chrome(node: lxml.html.HtmlElement) -> bool:
    """Whether a node sits in the page's navigation, banner, sidebar or footer."""
    return any(ancestor.tag in _CHROME for ancestor in node.iterancestors())


def _only_a_link(item: lxml.html.HtmlElement) -> bool:
    links = item.findall(".//a")
    return len(links) == 1 and " ".join(links[0].text_content().split()) == " ".join(item.text_content().split())


def _lists_written_out(page: str) -> str:
    """The page with its list numbers and bullets written into the items (a browser draws them; the text has
    none), each item a paragraph of its own: what the article extractor then reads is what a reader sees."""
    root = lxml.html.document_fromstring(page)
    for listing in list(root.iter("ol", "ul")):
        items = [li for li in listing if li.tag == "li"]
        if _chrome(listing) or all(_only_a_link(li) for li in items):
            continue  # a menu: left as a list, for the extractor to leave out
        ordered = listing.tag == "ol"
        start = int(listing.get("start", "1")) if (listing.get("start") or "1").lstrip("-").isdigit() else 1
        for n, item in enumerate(items, start):
            label = _numbered(n, listing.get("type", "1")) if ordered else "-"
            item.text = f"{label} {item.text or ''}"
            item.tag = "p"
        listing.tag = "div"
    return lxml.html.tostring(root, encoding="unicode")


def read_html(data: bytes, path: str) -> SourceText:
    """The article of a saved web page, or an IngestError naming the file when it has none."""
    page = data.decode("utf-8", errors="replace") if not data.startswith(b"\xff\xfe") else data.decode("utf-16")
    try:
        page = _lists_written_out(page)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"not a readable web page: {exc}") from None
    found = trafilatura.extract(
        page, output_format="xml", include_tables=True, include_comments=False, favor_recall=True, deduplicate=False
    )
    if not found:
        raise IngestError(path, "a web page with no article text in it (only navigation, or a page of links)")
    main = etree.fromstring(found.encode("utf-8")).find("main")
    out = Assembly()
    paragraphs = tables = 0
    for node in [] if main is None else main:
        if node.tag == "table":
            tables += 1
            _table(out, node, tables, layout=not out.origin and len(next(node.iter("row"), [])) == 2)
        elif node.tag == "list":
            ordered = node.get("rend") == "ol"
            for n, item in enumerate(node.iter("item"), 1):
                paragraphs += 1
                label = f"{n}." if ordered else "-"
                out.line(f"{label} {_text(item)}", f"paragraph {paragraphs}")
        elif node.tag in ("p", "head", "quote"):
            for line in _lines(node):
                paragraphs += 1
                out.line(line, f"paragraph {paragraphs}")
    text = out.text()
    if not text.strip():
        raise IngestError(path, "a web page with no article text in it (only navigation, or a page of links)")
    origin = out.origin if canonical(text) == text else []
    return SourceText(path=path, text=canonical(text), format="html", origin=tuple(origin))
