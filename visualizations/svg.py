"""A view drawn as a static SVG picture, for print and PDF: the same layered layout, shapes, colours and lines as
the interactive page, with no script."""

from __future__ import annotations

import textwrap
from html import escape

from visualizations.layout import positions
from visualizations.model import View
from visualizations.styles import EDGES, MISSING_DASHES, paint

WIDTH, LINE_HEIGHT, PAD = 190.0, 13.0, 8.0  # a node's box, the height of a label line, the margin inside it
MAX_LINES = 3  # label lines shown; the rest of a long name is cut with '…'
_MARGIN = 20.0


def _lines(label: str) -> list[str]:
    lines = textwrap.wrap(label, 26) or [""]
    return lines if len(lines) <= MAX_LINES else [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1][:25] + "…"]


def _shape(shape: str, x: float, y: float, w: float, h: float, attributes: str) -> str:
    """A node's outline centred on (x, y): boxes for boxes, ellipses for ellipses, polygons for the rest."""
    if shape == "ellipse":
        return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{w / 2:.1f}" ry="{h / 2 + 4:.1f}" {attributes}/>'
    if shape == "diamond":
        points = [(x, y - h / 2 - 6), (x + w / 2, y), (x, y + h / 2 + 6), (x - w / 2, y)]
    elif shape == "triangle":
        points = [(x, y - h / 2 - 10), (x + w / 2, y + h / 2), (x - w / 2, y + h / 2)]
    elif shape == "hexagon":
        q = w / 4
        points = [(x - q, y - h / 2), (x + q, y - h / 2), (x + w / 2, y), (x + q, y + h / 2), (x - q, y + h / 2)]
        points.append((x - w / 2, y))
    else:
        return f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="5" {attributes}/>'
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}" {attributes}/>'


def _border(centre: tuple[float, float], towards: tuple[float, float], height: float) -> tuple[float, float]:
    """Where the line from a node's centre towards another point leaves the node's box."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    scales = [abs(WIDTH / 2 / dx) if dx else float("inf"), abs(height / 2 / dy) if dy else float("inf")]
    t = min(1.0, *scales)
    return x + dx * t, y + dy * t


def as_svg(view: View) -> str:
    """The view as one SVG element, scaled to the page width (its viewBox holds the whole layout)."""
    at = positions(view)
    if not at:
        return ""
    heights = {n.id: len(_lines(n.label)) * LINE_HEIGHT + 2 * PAD for n in view.nodes}
    left = min(x for x, _ in at.values()) - WIDTH / 2 - _MARGIN
    top = min(y - heights[n] / 2 for n, (_, y) in at.items()) - _MARGIN
    right = max(x for x, _ in at.values()) + WIDTH / 2 + _MARGIN
    bottom = max(y + heights[n] / 2 for n, (_, y) in at.items()) + _MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cascade-picture" role="img" '
        f'viewBox="{left:.0f} {top:.0f} {right - left:.0f} {bottom - top:.0f}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f"<title>{escape(view.title)}</title>",
        "<defs>"
        + "".join(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{line.color}"/></marker>'
            for name, line in EDGES.items()
            if line.arrow
        )
        + "</defs>",
    ]
    for edge in view.edges:
        if edge.source not in at or edge.target not in at:
            continue
        line = EDGES[edge.kind]
        (x1, y1), (x2, y2) = at[edge.source], at[edge.target]
        # from the source's border to the target's, along the line between their centres (any direction)
        (x1, y1), (x2, y2) = (
            _border((x1, y1), (x2, y2), heights[edge.source]),
            _border((x2, y2), (x1, y1), heights[edge.target]),
        )
        dash = f' stroke-dasharray="{" ".join(map(str, line.dashes))}"' if line.dashes else ""
        arrow = f' marker-end="url(#arrow-{edge.kind})"' if line.arrow else ""
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{line.color}" '
            f'stroke-width="{line.width}"{dash}{arrow}/>'
        )
    for node in view.nodes:
        x, y = at[node.id]
        shape, fill, border = paint(node)
        dashes = MISSING_DASHES if node.missing else ()
        dash = f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
        drawn = f'fill="{fill}" stroke="{border}" stroke-width="2"{dash}'
        lines = _lines(node.label)
        first = y - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
        label = "".join(
            f'<tspan x="{x:.1f}" y="{first + i * LINE_HEIGHT:.1f}">{escape(text)}</tspan>'
            for i, text in enumerate(lines)
        )
        out.append(
            f"<g><title>{escape(node.label)}</title>{_shape(shape, x, y, WIDTH, heights[node.id], drawn)}"
            f'<text text-anchor="middle" fill="#17202a">{label}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)
