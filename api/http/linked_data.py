"""Instance IRIs that resolve, the Cool URIs way (303 See Other): `/id/{id}` (and the configured base's own path, so
a w3id.org redirect can point at a deployment) sends a browser to the resource's page and an RDF client to
`/data/{id}.{ttl,jsonld,nt,rdf}`, which answers the triples about it; `/ui/resource/{id}` is the page of any node
that has no page of its own."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.http.dependencies import ModelDep
from api.http.endpoint_docs import problems
from api.http.errors import Problem
from api.http.negotiation import accepted
from api.http.ui import page, ui_link
from queries.read.linked_data import FORMATS, description, known, serialise
from queries.read.model import ReadModel

HTML = ("text/html", "application/xhtml+xml")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_BY_MEDIA = {f.media_type: f.extension for f in FORMATS.values()}
_PREDICATE_LABELS = (
    """SELECT ?p ?label WHERE { VALUES ?p { {VALUES} } ?p rdfs:label ?label FILTER(lang(?label) = "vi") }"""
)


def _iri(model: ReadModel, rid: str) -> str:
    """The IRI an id names under the base; 404 when the store says nothing about it."""
    iri = model.ids.iri_of(rid)
    if not iri.startswith(model.ids.base) or not known(model.store, iri):
        raise Problem(404, "Not Found", f"nothing is known about {rid!r}")
    return iri


def _page_of(model: ReadModel, iri: str) -> str:
    """Where a browser reads about a resource: its own UI page, else the generic resource page."""
    return ui_link(model.ids.href(iri)) or "/ui/resource/" + quote(model.ids.short(iri))


def resolve(model: ModelDep, request: Request, rid: str) -> Response:
    """303 See Other to the page (browsers) or the data in the format asked for (RDF clients)."""
    iri = _iri(model, rid)
    media = accepted(request, [*HTML, *_BY_MEDIA])
    target = _page_of(model, iri) if media in HTML else f"/data/{quote(rid)}.{_BY_MEDIA[media]}"
    return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})


def router(base: str) -> APIRouter:
    """The resolving routes for IRIs under `base`: at /id/ always, and at the base's own path when that differs."""
    routes = APIRouter(tags=["linked data"])
    paths = ["/id"]
    own = urlsplit(base).path.rstrip("/")
    if own and own != "/id" and not own.startswith(("/ui", "/data", "/static", "/docs")):
        paths.append(own)
    for path in paths:
        routes.add_api_route(
            path + "/{rid:path}",
            resolve,
            methods=["GET"],
            status_code=303,
            response_class=Response,
            summary="An instance IRI: 303 See Other to its HTML page or its RDF, as the Accept header asks",
            responses={303: {"description": "where the resource is described"}, **problems(404, 406)},
            include_in_schema=path == "/id",
        )
    routes.add_api_route(
        "/data/{rid:path}",
        data,
        methods=["GET"],
        response_class=Response,
        summary="The triples about a resource: Turtle, JSON-LD, N-Triples or RDF/XML by extension or Accept header",
        responses={
            200: {"content": {f.media_type: {} for f in FORMATS.values()}, "description": "the triples"},
            **problems(404, 406),
        },
    )
    routes.add_api_route("/ui/resource/{rid:path}", resource_page, methods=["GET"], include_in_schema=False)
    # HEAD as GET (link checkers ask so first), kept out of the schema: one operation per path there
    for path in paths:
        routes.add_api_route(path + "/{rid:path}", resolve, methods=["HEAD"], include_in_schema=False)
    routes.add_api_route("/data/{rid:path}", data, methods=["HEAD"], include_in_schema=False)
    return routes


def data(model: ModelDep, request: Request, rid: str) -> Response:
    stem, _, extension = rid.rpartition(".")
    if stem and extension in FORMATS:
        rid, vary = stem, {}
    else:
        extension, vary = _BY_MEDIA[accepted(request, list(_BY_MEDIA))], {"Vary": "Accept"}
    iri = _iri(model, rid)
    chosen = FORMATS[extension]
    body = serialise(description(model.store, iri), extension)
    headers = {"Content-Location": f"/data/{quote(rid)}.{extension}", **vary}
    return Response(body, media_type=chosen.media_type + "; charset=utf-8", headers=headers)


def _document_of(model: ReadModel, iri: str) -> str | None:
    """The document a node is part of (its IRI lies under the document's), None for a node of no document."""
    parts = iri.split("/")
    return next((d for n in range(len(parts) - 1, 0, -1) if (d := "/".join(parts[:n])) in model.documents), None)


def _title(model: ReadModel, iri: str, types: list[str], document: str | None) -> str:
    """A node's name, or for a part without one its kind and place ('Chế độ báo cáo 1 · 162-KH/ĐUK')."""
    label = model.label(iri)
    if label != iri.rsplit("/", 1)[-1]:
        return label
    kinds = model.rows(_PREDICATE_LABELS.replace("{VALUES}", " ".join(f"<{t}>" for t in types))) if types else []
    kind = kinds[0][1] if kinds else ""
    return " ".join(p for p in (kind.capitalize(), label, f"· {model.label(document)}" if document else "") if p)


def resource_page(model: ModelDep, request: Request, rid: str) -> HTMLResponse:
    iri = _iri(model, rid)
    triples = [t for t in description(model.store, iri) if t.subject == ox.NamedNode(iri)]
    predicates = sorted({t.predicate.value for t in triples})
    names = {
        p: label
        for p, label in model.rows(_PREDICATE_LABELS.replace("{VALUES}", " ".join(f"<{p}>" for p in predicates)))
    }
    rows = []
    for t in triples:
        value = t.object
        if isinstance(value, ox.NamedNode):
            rid_of = model.ids.id_of(value.value)
            cell = {
                "text": model.label(value.value),
                "href": f"/id/{quote(rid_of)}" if rid_of else None,
                "iri": value.value,
            }
        elif isinstance(value, ox.Literal):
            cell = {"text": value.value, "href": None, "iri": None, "lang": value.language}
        else:
            cell = {"text": str(value), "href": None, "iri": None}
        rows.append(
            {
                "predicate": names.get(t.predicate.value) or model.ids.short(t.predicate.value),
                "iri": t.predicate.value,
                "value": cell,
            }
        )
    types = [t.object.value for t in triples if t.predicate == _TYPE and isinstance(t.object, ox.NamedNode)]
    document = _document_of(model, iri)
    return page(
        request,
        "resource.html",
        iri=iri,
        label=_title(model, iri, types, document),
        document={"label": model.label(document), "href": _page_of(model, document)} if document else None,
        rows=rows,
        formats=[{"name": f.name, "href": f"/data/{quote(rid)}.{f.extension}"} for f in FORMATS.values()],
    )
