"""A view as one HTML page: vis-network from the pyvis package (never a CDN), the data as escaped JSON."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markupsafe import Markup

from visualizations.layout import positions
from visualizations.model import View
from visualizations.styles import LegendItem, edge_style, kind_label, legend, node_style


def _pyvis_folder() -> Path:
    """The folder of the installed pyvis package, found without importing it."""
    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyvis is not installed: the pages need the vis-network files it ships", name="pyvis")
    return Path(spec.origin).parent


VIS = _pyvis_folder() / "templates" / "lib" / "vis-9.1.2"  # found, not imported
ASSETS = ("vis-network.min.js", "vis-network.css")
_OWN = files(__package__) / "templates"


@cache
def asset(name: str) -> str:
    """The text of one vis-network file shipped inside pyvis."""
    return (VIS / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader(__package__), autoescape=select_autoescape(["html"]))


def template(name: str) -> Template:
    """One of the package's Jinja templates (HTML-escaping every value)."""
    return _environment().get_template(name)


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' appears literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def options(view: View) -> dict:
    """vis-network options: positions are precomputed and physics is off, so large graphs stay still."""
    return {
        "layout": {"hierarchical": False, "improvedLayout": False},
        "physics": False,
        "edges": {
            "smooth": {
                "type": "cubicBezier",
                "roundness": 0.4,
                "forceDirection": "horizontal" if view.direction == "LR" else "vertical",
            }
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": True,
            "hideEdgesOnDrag": len(view.edges) > 500,
        },
    }


def data(view: View) -> dict:
    """What the page's script reads: vis nodes and edges, per-node details, options."""
    details = {
        n.id: {"label": n.label, "kind": kind_label(n), "facts": list(n.facts), "text": n.text, "href": n.href}
        for n in view.nodes
    }
    at = positions(view)
    nodes = [{**node_style(n), "x": at[n.id][0], "y": at[n.id][1]} for n in view.nodes]
    return {"nodes": nodes, "edges": _edges(view), "details": details, "options": options(view)}


def _edges(view: View) -> list[dict]:
    """vis edges; a second edge between the same two nodes (two roles) curves away from the first."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for edge in view.edges:
        style = edge_style(edge)
        pair = (edge.source, edge.target)
        if seen[pair]:
            style["smooth"] = {"type": "curvedCW", "roundness": 0.2 * seen[pair]}
        seen[pair] += 1
        out.append(style)
    return out


_SHAPES = {
    "box": '<rect x="3" y="3" width="26" height="14" rx="3" {p}/>',
    "triangle": '<polygon points="16,1 28,19 4,19" {p}/>',
    "ellipse": '<ellipse cx="16" cy="10" rx="13" ry="7" {p}/>',
    "diamond": '<polygon points="16,1 27,10 16,19 5,10" {p}/>',
    "hexagon": '<polygon points="9,2 23,2 29,10 23,18 9,18 3,10" {p}/>',
}


def swatch(item: LegendItem) -> Markup:
    """A small inline SVG drawing of a legend item."""
    dash = f' stroke-dasharray="{" ".join(map(str, item.dashes))}"' if item.dashes else ""
    if item.kind == "edge":
        body = f'<line x1="2" y1="10" x2="30" y2="10" stroke="{item.border}" stroke-width="{item.width}"{dash}/>'
    else:
        paint = f'fill="{item.fill}" stroke="{item.border}" stroke-width="{item.width}"{dash}'
        body = _SHAPES[item.shape].format(p=paint)
    return Markup(f'<svg width="32" height="20" viewBox="0 0 32 20" aria-hidden="true">{body}</svg>')


@cache
def inline_script_hashes() -> tuple[str, ...]:
    """Content-Security-Policy sources ('sha256-…') for the scripts a standalone page carries inline."""
    scripts = (asset(ASSETS[0]), (_OWN / "view.js").read_text(encoding="utf-8"))
    return tuple(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'" for s in scripts)


def render(view: View, assets: str | None = None, header: str = "") -> str:
    """One self-contained HTML page; `assets` is a relative folder holding ASSETS, or None to inline them;
    `header` is trusted markup put above the title (a site's navigation)."""
    items = [{"swatch": swatch(i), "vi": i.vi, "en": i.en} for i in legend(view.nodes, view.edges)]
    return template("view.html").render(
        title=view.title,
        subtitle=view.subtitle,
        header=Markup(header),
        legend=items,
        assets=assets,
        vis_js=Markup(asset(ASSETS[0])) if assets is None else None,
        vis_css=Markup(asset(ASSETS[1])) if assets is None else None,
        css=Markup((_OWN / "view.css").read_text(encoding="utf-8")),
        js=Markup((_OWN / "view.js").read_text(encoding="utf-8")),
        data=Markup(script_json(data(view))),
    )
