"""A static, offline site of the whole corpus: an index, the gap report, the cascade from each root, a page per
ingested document (its cascade up and down with gaps, obligations, findings) and per agency with obligations."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

import visualizations.audit_report as audit_report
from loaders.store import GraphStore
from queries.audit import Finding, run, select
from queries.read.model import ReadModel
from queries.read.resources import ROLES, Reader
from visualizations.agency import ROLE_NAMES, agency_view
from visualizations.cascade import DEFAULT_CAP, DEFAULT_DEPTH, Link, cascade_view
from visualizations.graphs import document_graph
from visualizations.model import View
from visualizations.page import ASSETS, asset, render, template

ASSET_DIR = "assets"


def relative(page: str, target: str) -> str:
    """The relative href from one site path to another."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@dataclass
class Site:
    """The site being written: where, which IRIs have a page, and what has been written so far."""

    out: Path
    pages: dict[str, str]
    written: list[str] = field(default_factory=list)

    def link(self, page: str) -> Link:
        """Links from `page` to other pages; an obligation links to its anchor on its document's page."""

        def href(iri: str) -> str | None:
            document, sep, obligation = iri.partition("/obligation/")
            if document not in self.pages:
                return None
            return relative(page, self.pages[document]) + (f"#obligation-{obligation}" if sep else "")

        return href

    def write(self, page: str, text: str) -> None:
        path = self.out / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written.append(page)

    def write_view(self, page: str, view: View, **header) -> None:
        """A view's page, linking the shared vis-network files, under a header with the site's navigation."""
        root = relative(page, "index.html")[: -len("index.html")]
        self.write(page, render(view, root + ASSET_DIR + "/", template("site_header.html").render(root=root, **header)))


def _document_header(site: Site, page: str, reader: Reader, doc: dict, kind: str) -> dict:
    """A document's facts and its obligations with their owners by role, linked where they have pages."""
    link = site.link(page)
    issuer = doc.get("issuer")
    facts = [
        {"text": kind},
        {"text": doc["number"] or "không số / no number"},
        {"text": issuer["label"], "href": link(reader.ids.iri_of(issuer["id"]))} if issuer else {"text": ""},
        {"text": doc["issuedOn"] or "không ngày / no date"},
    ]
    obligations = [
        {
            "anchor": f"obligation-{o['id'].rsplit('/obligation/', 1)[-1]}",
            "path": o["sectionPath"],
            "title": o["title"],
            "roles": [
                (ROLE_NAMES[role], [{"label": a["label"], "href": link(reader.ids.iri_of(a["id"]))} for a in o[role]])
                for role in ROLES.values()
                if o[role]
            ],
        }
        for o in doc["obligations"]
    ]
    return {"facts": [f for f in facts if f["text"]], "obligations": obligations}


def _index(
    site: Site, model: ReadModel, roots: list[str], docs: dict[str, dict], load: dict[str, int], findings: list[Finding]
) -> str:
    g = document_graph(model, False)
    documents = [
        {
            "href": site.pages[d],
            "label": g.nodes[d]["label"],
            "obligations": len(doc["obligations"]),
            "issuer": (doc["issuer"] or {}).get("label") or "",
            "issued": doc["issuedOn"] or "",
            "findings": len(select(findings, document=d)),
        }
        for d, doc in docs.items()
    ]
    return template("site_index.html").render(
        title="Chuỗi văn bản Chỉ thị 28-CT/TW / The Directive 28-CT/TW cascade",
        findings=len(findings),
        roots=[{"href": site.pages[r], "label": g.nodes[r]["label"], "below": len(nx.ancestors(g, r))} for r in roots],
        documents=documents,
        agencies=[
            {
                "href": site.pages[a],
                "label": model.label(a),
                "kind": model.agencies[a].kind_label or "",
                "obligations": n,
            }
            for a, n in load.items()
        ],
    )


def _roots(model: ReadModel) -> list[str]:
    """Documents at the top of a cascade: something implements or builds on them, they build on nothing."""
    g = document_graph(model, False)
    return sorted((n for n in g if g.in_degree(n) and not g.out_degree(n)), key=lambda n: g.nodes[n]["label"])


def write_site(store: GraphStore, out: Path, *, depth: int = DEFAULT_DEPTH, cap: int = DEFAULT_CAP) -> list[str]:
    """Write the site into `out`; returns the paths written, relative to `out`."""
    model = ReadModel(store)
    reader = Reader(model)
    findings = run(model)
    docs: dict[str, dict] = {}
    for iri in sorted((i for i, d in model.documents.items() if d.in_corpus), key=model.label):
        found = reader.document(iri)
        assert found is not None  # every document of the model is in its store
        docs[iri] = found
    load = {
        a: int(n)
        for a, n in sorted(
            model.rows("""SELECT ?a (COUNT(DISTINCT ?o) AS ?n) WHERE {
          ?o vc:hasAssignment ?x . ?x vc:agent ?a } GROUP BY ?a"""),
            key=lambda row: model.label(row[0]),
        )
    }
    roots = [r for r in _roots(model) if r not in docs]
    site = Site(out, {iri: model.ids.short(iri) + ".html" for iri in [*docs, *roots, *load]})
    for name in ASSETS:
        site.write(f"{ASSET_DIR}/{name}", asset(name))
    for iri in roots:
        page = site.pages[iri]
        site.write_view(page, cascade_view(model, iri, depth=depth, cap=cap, link=site.link(page)))
    for iri, doc in docs.items():
        page = site.pages[iri]
        view = cascade_view(model, iri, direction="both", depth=depth, cap=cap, link=site.link(page))
        header = _document_header(site, page, reader, doc, model.documents[iri].type_label)
        site.write_view(page, view, findings=select(findings, document=iri), **header)
    for iri in load:
        page = site.pages[iri]
        view = agency_view(model, iri, cap=cap, link=site.link(page))
        agent = model.agencies[iri]
        kind = agent.kind_label or ("nhóm / group" if agent.group else "cơ quan / agency")
        site.write_view(page, view, facts=[{"text": kind}])
    site.write("gaps.html", audit_report.as_html(findings, model.label, "Các điểm đứt gãy / Gaps", index="index.html"))
    site.write("index.html", _index(site, model, roots, docs, load, findings))
    return site.written
