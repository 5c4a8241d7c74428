"""The views: cascades with their gaps, agencies' obligation maps, escaping, offline pages, the cap, the commands."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import BASE, LAI_CHAU, seed_text
from synthetic_views import big_view

from api.cli.main import main
from loaders.errors import NotFound
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.read.model import ReadModel
from visualizations import agency_view, cascade_view
from visualizations.layout import positions
from visualizations.page import data, render
from visualizations.styles import EDGES

DIRECTIVE = "doc/central/2023/28-ct-tw"
TAN_BINH_PLAN = "Kế hoạch (không số) của Ủy ban nhân dân quận Tân Bình"
WARDS = "group/unit-766/uy-ban-nhan-dan-15-phuong-quan-tan-binh"
EXTERNAL = re.compile(
    r"""(?:\bsrc|\bhref|\baction)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)
ROLES = ("lead", "support", "planIssuer", "requested")


@pytest.fixture(scope="module")
def context(sample_store: GraphStore) -> ReadModel:
    return ReadModel(sample_store)


def _document_id(context: ReadModel, label: str) -> str:
    return next(iri for iri, d in context.documents.items() if d.label == label)[len(BASE) :]


def _page_data(html: str) -> dict:
    """The JSON a page's script reads."""
    return json.loads(html.split('<script type="application/json" id="vn-cascade-data">', 1)[1].split("</script>")[0])


def test_the_cascade_of_directive_28_holds_the_four_chains(context: ReadModel) -> None:
    view = cascade_view(context, DIRECTIVE)
    by_label = {n.label: n for n in view.nodes}
    implements = {(e.source, e.target) for e in view.edges if e.kind == "implements"}
    chains = [
        ["Chương trình hành động 48-CTr/TU", "Kế hoạch (không số) của Ủy ban nhân dân tỉnh Lai Châu"],
        ["Chỉ thị 33-CT/TU", TAN_BINH_PLAN],
        ["Kế hoạch 181-KH/TU", "Kế hoạch 162-KH/ĐUK"],
        ["Kế hoạch 273-KH/TU", "Kế hoạch (không số) của Ban Thường vụ Huyện ủy Bác Ái"],
    ]
    for chain in chains:
        steps = [by_label["Chỉ thị 28-CT/TW"], *(by_label[label] for label in chain)]
        for parent, child in itertools.pairwise(steps):
            assert (child.id, parent.id) in implements, (child.label, parent.label)
            assert child.rank > parent.rank
        assert steps[1].missing and not steps[2].missing  # cited-only middle, ingested plan
    assert by_label["Chỉ thị 28-CT/TW"].id == DIRECTIVE and by_label["Chỉ thị 28-CT/TW"].missing
    assert by_label["Chỉ thị 28-CT/TW"].kind == "directive" and by_label[TAN_BINH_PLAN].level == "district"
    tan_binh = by_label[TAN_BINH_PLAN].id
    assert (tan_binh, DIRECTIVE, "basedOn") in {(e.source, e.target, e.kind) for e in view.edges}
    assert by_label[TAN_BINH_PLAN].href == f"/documents/{tan_binh}"


def test_the_tan_binh_plan_shows_its_15_missing_ward_plans_dashed(context: ReadModel) -> None:
    plan = _document_id(context, TAN_BINH_PLAN)
    view = cascade_view(context, plan)
    owed = {e.source for e in view.edges if e.kind == "owes" and e.target == plan}
    wards = [n for n in view.nodes if n.id in owed]
    assert len(wards) == 15
    assert all(n.missing and n.level == "commune" and n.id.startswith("gap/") for n in wards)
    assert {int(re.search(r"Phường (\d+)", n.label).group(1)) for n in wards} == set(range(1, 16))
    dashed = {n["id"] for n in data(view)["nodes"] if n.get("shapeProperties", {}).get("borderDashes")}
    assert owed <= dashed
    cited = {e.target for e in view.edges if e.kind == "cites"}
    assert cited and all(view.node(c).missing for c in cited)  # documents cited but not ingested
    plain = cascade_view(context, plan, gaps=False)
    assert not any(e.kind in ("owes", "cites") for e in plain.edges) and len(plain.nodes) == 1


def test_up_and_both_directions_and_depth(context: ReadModel) -> None:
    plan = _document_id(context, "162-KH/ĐUK")
    up = cascade_view(context, plan, direction="up")
    assert {n.label for n in up.nodes} == {"Kế hoạch 162-KH/ĐUK", "Kế hoạch 181-KH/TU", "Chỉ thị 28-CT/TW"}
    assert len(cascade_view(context, plan, direction="up", depth=1, gaps=False).nodes) == 3  # both parents are direct
    shallow = cascade_view(context, DIRECTIVE, depth=1, gaps=False)
    assert {n.label for n in shallow.nodes} >= {"Chương trình hành động 48-CTr/TU", "Chỉ thị 33-CT/TU"}
    assert not any(n.id.startswith("gap/") for n in shallow.nodes)
    both = cascade_view(context, _document_id(context, TAN_BINH_PLAN), direction="both")
    assert {"Chỉ thị 28-CT/TW", "Chỉ thị 33-CT/TU"} <= {n.label for n in both.nodes}
    assert sum(1 for e in both.edges if e.kind == "owes") == 15
    with pytest.raises(NotFound):
        cascade_view(context, "doc/central/2099/nothing")


def test_an_agency_map_draws_each_role_differently(context: ReadModel) -> None:
    styles = {role: (EDGES[role].color, EDGES[role].width, EDGES[role].dashes) for role in ROLES}
    assert len(set(styles.values())) == len(ROLES)
    view = agency_view(context, WARDS)
    kinds = {e.kind for e in view.edges}
    assert {"lead", "support", "planIssuer", "partOf"} <= kinds
    drawn = {
        (e["color"]["color"], e["width"], tuple(e["dashes"] or ()))
        for e in data(view)["edges"]
        if e["title"].split(" /")[0] in {EDGES[r].vi for r in ROLES}
    }
    assert len(drawn) == 3  # lead, support, must issue a plan: three looks
    iv5 = [e for e in view.edges if e.target.endswith("/obligation/iv-5-p2") and e.source == WARDS]
    assert {e.kind for e in iv5} == {"lead", "planIssuer"}  # one edge per role, the second curved
    assert sum(1 for e in data(view)["edges"] if "smooth" in e) >= 1
    front = agency_view(context, "agency/unit-766/uy-ban-mat-tran-to-quoc-viet-nam-quan-tan-binh")
    assert "requested" in {e.kind for e in front.edges}
    ward = agency_view(context, "agency/unit-26965/uy-ban-nhan-dan-phuong-2-quan-tan-binh")
    assert ("agency/unit-26965/uy-ban-nhan-dan-phuong-2-quan-tan-binh", WARDS, "member") in {
        (e.source, e.target, e.kind) for e in ward.edges
    }
    assert {n.kind for n in ward.nodes} == {"agency", "group", "obligation", "plan"}
    with pytest.raises(NotFound):
        agency_view(context, "agency/unit-1/nobody")


def test_source_text_is_escaped_in_tooltips_and_details(store: GraphStore) -> None:
    payload = "<script>alert('x')</script> & <b>"
    text = seed_text(LAI_CHAU).replace(
        "duy trì và mở rộng các trường bán trú", f"duy trì {payload} và mở rộng các trường bán trú", 1
    )
    assert payload in text
    store.replace(build(parse(decode(text.encode(), LAI_CHAU)), BASE))
    view = agency_view(store, "agency/unit-12/so-giao-duc-va-dao-tao-tinh-lai-chau")
    html = render(view)
    assert payload not in html and "<script>alert" not in html and "& <b>" not in html
    assert "\\u003cscript\\u003ealert('x')\\u003c/script\\u003e \\u0026 \\u003cb\\u003e" in html
    texts = [d["text"] for d in _page_data(html)["details"].values() if d["text"]]
    assert any(payload in t for t in texts)  # the exact source text reaches the page, as text
    assert "innerHTML" not in html.split("vn-cascade-data")[1]  # the page's own script writes text only
    assert _tags(html).count("script") == html.count("</script>") == 3  # vis-network, the data, the page's script


class _Tags(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script content is text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name in ("href", "src") and value]


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _tags(html: str) -> list[str]:
    return _parsed(html).tags


def _links(html: str) -> list[str]:
    hrefs = [d["href"] for d in _page_data(html)["details"].values() if d["href"]] if "vn-cascade-data" in html else []
    return _parsed(html).links + hrefs


def _assert_offline(html: str) -> None:
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    assert not [link for link in _links(html) if "//" in link or ":" in link.split("/")[0]]


def test_every_view_is_one_offline_page_with_a_legend(context: ReadModel) -> None:
    views = [cascade_view(context, DIRECTIVE), agency_view(context, WARDS), big_view(50)]
    for view in views:
        html = render(view)
        _assert_offline(html)
        assert 'id="legend"' in html and 'id="details"' in html
        assert "dashed border = missing" in html
        assert "window.vnCascadeReady = true" in html and "window.vnCascadeNetwork = network" in html
        assert '"physics":false' in html
        assert html.count("<html") == 1
    legend = render(cascade_view(context, DIRECTIVE))
    for words in ("implements", "based on", "cites", "owes a plan under", "ward / commune", "directive", "plan"):
        assert words in legend, words
    assert "lead" in render(views[1]) and "support" in render(views[1])


def test_the_layout_keeps_nodes_apart(context: ReadModel) -> None:
    for view in (cascade_view(context, DIRECTIVE), agency_view(context, WARDS), big_view(400)):
        at = positions(view)
        assert len(at) == len(view.nodes)
        assert len(set(at.values())) == len(at), "two nodes drawn on one spot"


def test_the_cap_collapses_the_rest_into_one_node(context: ReadModel) -> None:
    plan = _document_id(context, TAN_BINH_PLAN)
    full = cascade_view(context, plan)
    capped = cascade_view(context, plan, cap=5)
    more = [n for n in capped.nodes if n.kind == "more"]
    below = sum(1 for e in full.edges if e.target == plan or e.source == plan)
    assert len(more) == 1 and more[0].label.startswith(f"+{below - 5} ")
    assert sum(1 for e in capped.edges if e.kind == "owes") == 5
    assert (more[0].id, plan, "more") in {(e.source, e.target, e.kind) for e in capped.edges}
    assert len(more[0].facts) == below - 5  # the details panel names what was folded away
    agency = agency_view(context, WARDS, cap=3)
    folded = [n for n in agency.nodes if n.kind == "more"]
    assert len(folded) == 1 and folded[0].label.startswith("+7 ")  # 10 obligations: II.2-6, IV.2, IV.5 and its 3 duties
    assert sum(1 for n in agency.nodes if n.kind == "obligation") == 3


def test_a_large_synthetic_view_for_browser_tests() -> None:
    view = big_view(2000)
    ids = {n.id for n in view.nodes}
    assert len(view.nodes) == len(ids) == 2000
    assert all(e.source in ids and e.target in ids for e in view.edges)
    assert {n.level for n in view.nodes} == {"central", "province", "district", "commune"}
    capped = big_view(300, cap=10)
    assert any(n.kind == "more" for n in capped.nodes)
    html = render(view)
    _assert_offline(html)
    assert len(_page_data(html)["nodes"]) == 2000


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory):
    """The command line over a store the demo built from the samples."""
    home = tmp_path_factory.mktemp("home")
    env = {"VN_CASCADE_HOME": str(home), "VN_CASCADE_STORE": str(home / "store")}
    runner = CliRunner(env=env)

    def invoke(*args: str):
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    invoke("demo")
    return invoke


def test_viz_writes_a_document_view_and_an_agency_map(cli, tmp_path: Path) -> None:
    cli("viz", "28-CT/TW", "--out", str(tmp_path / "cascade.html"))
    cli("viz", "--agency", WARDS, "--cap", "3", "--out", str(tmp_path / "agency.html"))
    cascade = (tmp_path / "cascade.html").read_text(encoding="utf-8")
    agency = (tmp_path / "agency.html").read_text(encoding="utf-8")
    assert "Chỉ thị 28-CT/TW" in cascade and "+7 khác / more" in agency
    for html in (cascade, agency):
        _assert_offline(html)
    with pytest.raises(AssertionError, match="DOCUMENT"):
        cli("viz", "--out", str(tmp_path / "none.html"))


def test_site_is_browsable_offline(cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = cli("site", "--out", str(out))
    assert "files" in result.output
    pages = sorted(out.rglob("*.html"))
    assert {"index.html", "gaps.html"} <= {p.name for p in pages}
    assert sum(1 for p in pages if p.relative_to(out).parts[0] == "doc") == 5  # four plans and Directive 28
    assert any(p.relative_to(out).parts[0] == "group" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        _assert_offline(html)
        for link in _links(html):
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(out)} links to missing {link}"
            assert out.resolve() in target.parents
    index = (out / "index.html").read_text(encoding="utf-8")
    assert TAN_BINH_PLAN in index and "Chỉ thị 28-CT/TW" in index
