"""How each kind of node and edge looks, and the legend that explains it."""

from __future__ import annotations

from dataclasses import dataclass

from visualizations.model import Edge, Node


@dataclass(frozen=True)
class Level:
    """An administrative level: its row band in a cascade (rows grow downwards), colour and names."""

    band: int
    fill: str
    border: str
    vi: str
    en: str


LEVELS = {
    "central": Level(0, "#f5b7b1", "#a93226", "Trung ương", "central"),
    "province": Level(2, "#fad7a0", "#b9770e", "cấp tỉnh", "province"),
    "bloc": Level(3, "#d7bde2", "#76448a", "cấp khối", "provincial bloc"),
    "district": Level(4, "#abebc6", "#1e8449", "cấp huyện", "district"),
    "commune": Level(6, "#aed6f1", "#21618c", "cấp xã", "ward / commune"),
    "base": Level(6, "#a3e4d7", "#117a65", "cơ sở đảng", "grassroots party unit"),
}
UNKNOWN_LEVEL = Level(0, "#e5e7e9", "#616a6b", "cấp chưa rõ", "level unknown")

# Document types by shape; a type not listed is drawn as a box like a plan.
DOCUMENT_SHAPES = {
    "plan": ("box", "Kế hoạch", "plan"),
    "directive": ("ellipse", "Chỉ thị", "directive"),
    "actionprogramme": ("triangle", "Chương trình hành động", "action programme"),
    "decision": ("diamond", "Quyết định", "decision"),
    "law": ("hexagon", "Luật", "law"),
}
OTHER_DOCUMENT = ("box", "Văn bản khác", "other document type")

# Node kinds that are not documents: (shape, fill, border, vi, en).
KINDS = {
    "more": ("box", "#f2f3f4", "#7b7d7d", "+K nút bị thu gọn (vượt giới hạn)", "+K nodes collapsed (over the cap)"),
    "agency": ("ellipse", "#d6eaf8", "#1b4f72", "Cơ quan, đơn vị", "agency"),
    "group": ("ellipse", "#e8daef", "#5b2c6f", "Nhóm đơn vị", "group of agencies"),
    "obligation": ("box", "#fcf3cf", "#9a7d0a", "Nhiệm vụ", "obligation"),
}


@dataclass(frozen=True)
class Line:
    """An edge style: colour, width, dash pattern (empty: solid), arrow and its names."""

    color: str
    width: float
    dashes: tuple[int, ...]
    vi: str
    en: str
    arrow: bool = True


EDGES = {
    "implements": Line(
        "#1a5276", 2.5, (), "thực hiện (trỏ lên văn bản cấp trên)", "implements (points to the document above)"
    ),
    "shortcut": Line("#a9cce3", 1, (), "thực hiện, bỏ qua cấp trung gian", "implements, skipping a level"),
    "basedOn": Line("#7d6608", 1.5, (2, 5), "căn cứ", "based on"),
    "cites": Line("#909497", 1, (1, 3), "trích dẫn", "cites"),
    "owes": Line("#c0392b", 1.5, (8, 6), "phải ban hành kế hoạch thực hiện", "owes a plan under"),
    "more": Line("#b3b6b7", 1, (3, 3), "thu gọn", "collapsed", arrow=False),
    "lead": Line("#196f3d", 4, (), "chủ trì", "lead"),
    "support": Line("#2e86c1", 1.5, (4, 4), "phối hợp", "support"),
    "planIssuer": Line("#d35400", 2.5, (12, 4, 2, 4), "phải xây dựng kế hoạch", "must issue its own plan"),
    "requested": Line("#8e44ad", 2, (2, 3), "được đề nghị", "requested"),
    "member": Line("#5b2c6f", 1, (), "là thành viên của nhóm", "member of the group"),
    "partOf": Line("#7b7d7d", 1, (), "thuộc văn bản", "part of the document"),
}
MISSING_DASHES = (6, 4)


def level_of(node: Node) -> Level:
    return LEVELS.get(node.level or "", UNKNOWN_LEVEL)


def paint(node: Node) -> tuple[str, str, str]:
    """(shape, fill, border) of a node: its kind's, or for a document its type's shape and its level's colours
    (white inside when it is missing)."""
    if node.kind in KINDS:
        shape, fill, border = KINDS[node.kind][:3]
        return shape, fill, border
    level = level_of(node)
    return DOCUMENT_SHAPES.get(node.kind, OTHER_DOCUMENT)[0], "#ffffff" if node.missing else level.fill, level.border


def node_style(node: Node) -> dict:
    """The vis-network options of a node."""
    shape, fill, border = paint(node)
    style = {
        "id": node.id,
        "label": node.label,
        "shape": shape,
        "borderWidth": 2,
        "color": {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"}},
        "font": {"size": 14, "color": "#17202a"},
        "widthConstraint": {"maximum": 200},
    }
    if node.missing:
        style["shapeProperties"] = {"borderDashes": list(MISSING_DASHES)}
    return style


def edge_style(edge: Edge) -> dict:
    """The vis-network options of an edge."""
    line = EDGES[edge.kind]
    return {
        "from": edge.source,
        "to": edge.target,
        "color": {"color": line.color, "highlight": line.color},
        "width": line.width,
        "dashes": list(line.dashes) or False,
        "arrows": {"to": line.arrow},
        "title": f"{line.vi} / {line.en}" + (f"\n“{edge.text}”" if edge.text else ""),
    }


@dataclass(frozen=True)
class LegendItem:
    """One legend row: what to draw (a node shape or a line) and what it means."""

    kind: str  # "node" or "edge"
    shape: str
    fill: str
    border: str
    dashes: tuple[int, ...]
    width: float
    vi: str
    en: str


def legend(nodes: list[Node], edges: list[Edge]) -> list[LegendItem]:
    """Legend rows for what the view shows: levels, document types, other kinds, edges; always 'dashed = missing'."""
    items: list[LegendItem] = []
    documents = [n for n in nodes if n.kind not in KINDS]
    for name, level in LEVELS.items():
        if any(n.level == name for n in documents):
            items.append(LegendItem("node", "box", level.fill, level.border, (), 2, level.vi, level.en))
    for name, (shape, vi, en) in DOCUMENT_SHAPES.items():
        if any(n.kind == name for n in documents):
            items.append(LegendItem("node", shape, "#ffffff", "#424949", (), 2, vi, en))
    if any(n.kind not in DOCUMENT_SHAPES for n in documents):
        items.append(LegendItem("node", OTHER_DOCUMENT[0], "#ffffff", "#424949", (), 2, *OTHER_DOCUMENT[1:]))
    for name, (shape, fill, border, vi, en) in KINDS.items():
        if any(n.kind == name for n in nodes):
            items.append(LegendItem("node", shape, fill, border, (), 2, vi, en))
    items.append(
        LegendItem(
            "node",
            "box",
            "#ffffff",
            "#424949",
            MISSING_DASHES,
            2,
            "viền nét đứt = còn thiếu (chỉ được trích dẫn, chưa nạp, hoặc chưa ban hành)",
            "dashed border = missing (cited but not ingested, or owed)",
        )
    )
    for name, line in EDGES.items():
        if any(e.kind == name for e in edges):
            items.append(LegendItem("edge", "line", line.color, line.color, line.dashes, line.width, line.vi, line.en))
    return items


def kind_label(node: Node) -> str:
    """What a node is, in words: 'Kế hoạch / plan · cấp huyện / district · còn thiếu / missing'."""
    vi, en = KINDS[node.kind][3:] if node.kind in KINDS else DOCUMENT_SHAPES.get(node.kind, OTHER_DOCUMENT)[1:]
    parts = [f"{vi} / {en}"]
    if node.level:
        level = level_of(node)
        parts.append(f"{level.vi} / {level.en}")
    if node.missing:
        parts.append("còn thiếu / missing")
    return " · ".join(parts)
