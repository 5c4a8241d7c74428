"""A client for one dataset of a SPARQL 1.1 server laid out as Fuseki lays it out: the SPARQL Protocol at
`<dataset>/query` and `<dataset>/update`, the Graph Store Protocol at `<dataset>/data`."""

from __future__ import annotations

from collections.abc import Iterable

import httpx
import pyoxigraph as ox

from loaders.errors import VnCascadeError
from ontology import PREFIXES

N_TRIPLES = "application/n-triples"
RESULTS_JSON = "application/sparql-results+json"
TIMEOUT = httpx.Timeout(600.0, connect=5.0)  # a graph of millions of triples is put in one request
PROBE_TIMEOUT = httpx.Timeout(5.0)
DETAIL_CHARACTERS = 300
_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


class FusekiError(VnCascadeError):
    """A Fuseki server could not be installed, started, stopped or reached, or refused a request."""


class FusekiClient:
    """The SPARQL and Graph Store Protocols of the dataset at `url` (HTTP basic auth when `auth` is given)."""

    def __init__(self, url: str, auth: tuple[str, str] | None = None) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(auth=auth, timeout=TIMEOUT)

    def select(self, sparql: str) -> ox.QuerySolutions:
        """Run a SELECT query, the vn-cascade prefixes predeclared as on the embedded store."""
        result = ox.parse_query_results(self._query(sparql), format=ox.QueryResultsFormat.JSON)
        if not isinstance(result, ox.QuerySolutions):
            raise FusekiError(f"{self.url}: a SELECT query was answered with a boolean")
        return result

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update request (one transaction on the server)."""
        self._send(
            "POST",
            "/update",
            "SPARQL update",
            content=sparql.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )

    def graphs(self) -> list[str]:
        """The IRIs of the dataset's named graphs that hold at least one triple."""
        return [row[0].value for row in self.select("SELECT ?g WHERE { GRAPH ?g {} }")]

    def put_graph(self, graph: str | None, ntriples: Iterable[bytes]) -> None:
        """Replace a named graph (the default graph when None) with N-Triples streamed from `ntriples`."""
        headers = {"Content-Type": N_TRIPLES}
        self._send("PUT", "/data", f"PUT of {_name(graph)}", params=_selector(graph), content=ntriples, headers=headers)

    def delete_graph(self, graph: str) -> None:
        """Remove a named graph."""
        self._send("DELETE", "/data", f"DELETE of {_name(graph)}", params=_selector(graph))

    def get_graph(self, graph: str | None) -> bytes:
        """A named graph (the default graph when None) as N-Triples."""
        return self._send(
            "GET", "/data", f"GET of {_name(graph)}", params=_selector(graph), headers={"Accept": N_TRIPLES}
        )

    def answers(self) -> bool:
        """Whether the server answers a query on the dataset now (False while nothing listens); a FusekiError when
        it answers with a refusal or an error (a wrong password, no such dataset)."""
        try:
            response = self._http.post(
                self.url + "/query", data={"query": "ASK {}"}, headers={"Accept": RESULTS_JSON}, timeout=PROBE_TIMEOUT
            )
        except httpx.TransportError:
            return False
        _check(response, "a probe", f"{self.url}/query")
        return True

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def __enter__(self) -> FusekiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sparql: str) -> bytes:
        """The JSON results of a query sent as an HTML form (no length limit, unlike a GET URL)."""
        return self._send(
            "POST", "/query", "SPARQL query", data={"query": _PROLOGUE + sparql}, headers={"Accept": RESULTS_JSON}
        )

    def _send(
        self,
        method: str,
        endpoint: str,
        what: str,
        *,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        content: bytes | Iterable[bytes] | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        """Send one request; a FusekiError in one line saying what failed and why."""
        where = self.url + endpoint
        try:
            response = self._http.request(method, where, params=params, data=data, content=content, headers=headers)
        except httpx.HTTPError as exc:
            raise FusekiError(f"{what} at {where} failed: {type(exc).__name__}: {exc}") from None
        _check(response, what, where)
        return response.content


def _check(response: httpx.Response, what: str, where: str) -> None:
    """Raise a one-line FusekiError for an error answer, with the start of the server's explanation."""
    if response.status_code == 401:
        raise FusekiError(f"{what} at {where} was refused (401): check the Fuseki user and password")
    if response.is_error:
        detail = " ".join(response.text.split())[:DETAIL_CHARACTERS]
        raise FusekiError(f"{what} at {where} failed ({response.status_code}): {detail}")


def _selector(graph: str | None) -> dict[str, str]:
    """The Graph Store Protocol's query string for a named graph, or for the default graph."""
    return {"default": ""} if graph is None else {"graph": graph}


def _name(graph: str | None) -> str:
    return "the default graph" if graph is None else f"graph <{graph}>"
