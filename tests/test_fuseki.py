"""Apache Jena Fuseki (TDB2) as the RDF server engine: a publish leaves the server holding exactly the store's quads,
republishing one document after a re-ingest ends where a full publish does, and every catalogue query answers the
same on Oxigraph, on Fuseki and on Neo4j."""

from __future__ import annotations

import ipaddress
import os
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import cast

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import Neo4jDatabase
from corpus import BASE, SEEDS, TAN_BINH, free_port, seed_text
from synthetic_plans import corpus
from test_parity import _params, _rows

import queries
from api.cli.main import main
from loaders import versions
from loaders.fuseki.client import FusekiClient, FusekiError
from loaders.fuseki.publish import Published, publish, publish_document
from loaders.fuseki.server import FusekiSettings, connect, settings_from_env, start, status, stop
from loaders.graph import build
from loaders.neo4j.projection import sync
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore, rebuild
from ontology import XSD
from queries.remote import run_remote
from queries.run import run_cypher, run_sparql

SYNTHETIC_PLANS = 60
DECIMAL = ox.NamedNode(XSD + "decimal")


@pytest.fixture(scope="session")
def fuseki_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FusekiSettings]:
    """A real Fuseki: the dataset VN_CASCADE_FUSEKI_URL names, else a local server started for the session.

    Under CI=true a server that cannot start fails the tests; elsewhere they are skipped with how to start one."""
    if os.environ.get("VN_CASCADE_FUSEKI_URL"):
        settings = settings_from_env()
    else:
        home = tmp_path_factory.mktemp("fuseki-home")
        settings = settings_from_env({"VN_CASCADE_HOME": str(home), "VN_CASCADE_FUSEKI_PORT": str(free_port())})
    try:
        start(settings)
    except FusekiError as exc:
        message = f"no Fuseki server (Java 17+ and Maven are needed for the local one): {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(f"{message}\nStart one with `vn-cascade fuseki start`, or set VN_CASCADE_FUSEKI_URL.")
    yield settings
    if settings.managed:
        stop(settings)


@pytest.fixture(scope="module")
def fuseki(fuseki_settings: FusekiSettings) -> Iterator[FusekiClient]:
    with connect(fuseki_settings) as client:
        yield client


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The four sample plans and the synthetic ones, bulk-loaded as `vn-cascade build` does."""
    samples = [build(parse(decode(p.read_bytes(), p.name)), BASE) for p in sorted(SEEDS.glob("*.txt"))]
    synthetic = [build(parse(decode(p.text.encode(), p.name)), BASE) for p in corpus(SYNTHETIC_PLANS, seed=11)]
    path = tmp_path_factory.mktemp("fuseki-corpus") / "store"
    rebuild(path, [*samples, *synthetic])
    with GraphStore(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding the four sample plans."""
    path = tmp_path_factory.mktemp("fuseki-samples") / "store"
    rebuild(path, [build(parse(decode(p.read_bytes(), p.name)), BASE) for p in sorted(SEEDS.glob("*.txt"))])
    return path


def _canonical(triples: bytes) -> set[str]:
    """N-Triples as a set of lines, each xsd:decimal written by its value: TDB2 keeps a decimal as a number and
    gives it back in its own canonical form ("1" comes back as "1.0"); every other term must match exactly."""

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        if isinstance(t, ox.Literal) and t.datatype == DECIMAL:
            return f'"{Decimal(t.value).normalize():f}"^^{DECIMAL}'
        return str(t)

    parsed = ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)
    return {" ".join(term(t) for t in (q.subject, q.predicate, q.object)) for q in parsed}


Dataset = dict[str | None, set[str]]  # graph (None: the default graph) → its canonical N-Triples lines


def _served(client: FusekiClient) -> Dataset:
    """The server's dataset, graph by graph through the Graph Store Protocol."""
    return {graph: _canonical(client.get_graph(graph)) for graph in [*client.graphs(), None]}


def _held(store: GraphStore) -> Dataset:
    """The store's dataset, graph by graph."""
    graphs: list[str | None] = [g.value for g in store.store.named_graphs() if isinstance(g, ox.NamedNode)]
    return {
        graph: _canonical(cast(bytes, store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_target(graph))))
        for graph in [*graphs, None]
    }


def _target(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def _differences(served: Dataset, expected: Dataset) -> list[str]:
    """Each graph where the two differ: how many triples the server lacks and how many it has besides."""
    return [
        f"{graph or 'the default graph'}: {len(want - got)} missing, {len(got - want)} extra"
        for graph in sorted(served.keys() | expected.keys(), key=str)
        if (got := served.get(graph, set())) != (want := expected.get(graph, set()))
    ]


# The tests up to `published` put the samples on the server; `published` then replaces the whole dataset.


def test_catalogue_queries_answer_the_same_on_three_engines(
    fuseki: FusekiClient, samples: Path, neo4j_db: Neo4jDatabase
) -> None:
    """Oxigraph, Fuseki and Neo4j on the samples (Neo4j against Oxigraph on a larger corpus is test_parity's)."""
    with GraphStore(samples) as store:
        publish(store, fuseki)
        neo4j_db.clear()
        sync(store, neo4j_db.driver, neo4j_db.settings.database, BASE)
        params = _params(store)
        for name, query in queries.catalogue().items():
            p = params.get(name, {})
            answers = [
                _rows(run_sparql(store, query, p)),
                _rows(run_remote(fuseki, query, p)),
                _rows(run_cypher(neo4j_db.driver, neo4j_db.settings.database, query, p)),
            ]
            assert answers[0] == answers[1] == answers[2], name


def test_publish_sparql_prints_what_it_wrote(
    fuseki_settings: FusekiSettings, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vn-cascade publish-sparql` onto the running server (found from the home and port, or from the URL)."""
    if fuseki_settings.managed:
        monkeypatch.setenv("VN_CASCADE_HOME", str(fuseki_settings.home.parent))
        monkeypatch.setenv("VN_CASCADE_FUSEKI_PORT", str(fuseki_settings.port))
    result = CliRunner().invoke(main, ["publish-sparql", "--store", str(samples)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    counts = re.fullmatch(
        r"Fuseki http://\S+: 5 named graphs \((\d+) triples\) and the default graph \((\d+) triples\), (\d+) quads "
        r"in [\d.]+ s \([\d,]+ quads/s\); \d+ graphs the store lacks deleted",
        result.output.strip(),
    )
    assert counts, result.output
    with GraphStore(samples) as store:
        default = len(store)
        assert [int(n) for n in counts.groups()] == [len(store.store) - default, default, len(store.store)]


def test_cli_runs_a_catalogue_query_on_the_server_as_on_the_store(
    fuseki_settings: FusekiSettings, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vn-cascade query NAME --engine fuseki` on what publish-sparql put there prints what the store prints."""
    if fuseki_settings.managed:
        monkeypatch.setenv("VN_CASCADE_HOME", str(fuseki_settings.home.parent))
        monkeypatch.setenv("VN_CASCADE_FUSEKI_PORT", str(fuseki_settings.port))
    runner = CliRunner()
    assert runner.invoke(main, ["publish-sparql", "--store", str(samples)]).exit_code == 0
    asked = ["query", "cascade-down", "--param", "number=28-CT/TW", "--format", "csv", "--store", str(samples)]
    local = runner.invoke(main, asked, catch_exceptions=False)
    served = runner.invoke(main, [*asked, "--engine", "fuseki"], catch_exceptions=False)
    assert local.exit_code == served.exit_code == 0, served.output
    assert served.output == local.output and served.output.count("\n") > 5


@pytest.fixture(scope="module")
def published(fuseki: FusekiClient, store: GraphStore) -> Published:
    """The store published over a dataset holding a graph and a fact the store does not have."""
    fuseki.update("DROP ALL ; INSERT DATA { GRAPH <urn:stale> { <urn:a> <urn:b> <urn:c> } <urn:a> <urn:b> <urn:d> }")
    return publish(store, fuseki)


def test_a_publish_leaves_exactly_the_stores_quads(
    fuseki: FusekiClient, store: GraphStore, published: Published
) -> None:
    named = sum(1 for q in store.store if not isinstance(q.graph_name, ox.DefaultGraph))
    assert published.graphs == len(list(store.store.named_graphs())) == 4 + SYNTHETIC_PLANS + 1  # and the ontology
    assert (published.named_triples, published.default_triples, published.deleted) == (named, len(store), 1)
    assert published.quads == len(store.store)
    assert not _differences(_served(fuseki), _held(store))


def test_catalogue_queries_answer_the_same_on_oxigraph_and_fuseki(
    fuseki: FusekiClient, store: GraphStore, published: Published
) -> None:
    params = _params(store)
    sizes = {}
    for name, query in queries.catalogue().items():
        local = run_sparql(store, query, params.get(name, {}))
        assert _rows(run_remote(fuseki, query, params.get(name, {}))) == _rows(local), name
        sizes[name] = len(local)
    assert sizes["documents"] > SYNTHETIC_PLANS and sizes["targets"] > 10 and sizes["owners-on-date"], sizes
    # no plan here owes a late report, and no event was recorded (tests/test_parity.py compares events)
    assert sum(1 for n in sizes.values() if n) >= len(sizes) - 2, sizes


def test_republishing_one_document_ends_where_a_full_publish_does(
    fuseki: FusekiClient, store: GraphStore, published: Published
) -> None:
    """The Tân Bình plan re-ingested without its 3597/KH-UBND basis (cited by no other document), with another
    supporting body and an obligation fewer: its claims, parts and the cited documents' standing all change."""
    lines = seed_text(TAN_BINH).splitlines()
    changed = "- Đơn vị phối hợp: Phòng Tư pháp và Ủy ban nhân dân 15 phường."
    variant = "\n".join([*lines[:20], *lines[27:69], changed, *lines[70:73], *lines[80:]]) + "\n"
    built = build(parse(decode(variant.encode(), TAN_BINH)), BASE)
    before = Counter(q.graph_name for q in store.store)
    store.replace(built)
    assert Counter(q.graph_name for q in store.store) != before
    claims, triples = built.claims_nt().decode(), built.triples_nt().decode()  # what GraphStore.replace ran
    history = versions.history_update(store.store, built.iri)  # the earlier text the store kept as a version
    assert history
    sent = publish_document(fuseki, built.iri, built.graph, claims, triples, history)
    assert (sent.iri, sent.claims, sent.triples) == (built.iri, len(built.claims), len(built.triples))
    republished = _served(fuseki)
    assert not _differences(republished, _held(store))
    publish(store, fuseki)
    assert not _differences(_served(fuseki), republished)


def test_a_failed_publish_says_what_failed_in_one_line(
    fuseki: FusekiClient, store: GraphStore, fuseki_settings: FusekiSettings
) -> None:
    with FusekiClient(fuseki.url + "-missing", fuseki_settings.auth) as wrong, pytest.raises(FusekiError) as missing:
        publish(store, wrong)
    graphs = len(list(store.store.named_graphs()))
    assert str(missing.value).startswith(
        f"publishing the store failed after 0 of {graphs} named graphs: PUT of graph <"
    )
    assert "(404)" in str(missing.value) and "\n" not in str(missing.value)
    if fuseki_settings.managed:  # the local server asks for a password; an external one may not
        with FusekiClient(fuseki.url, ("vn-cascade", "not-the-password")) as refused, pytest.raises(FusekiError) as no:
            publish_document(refused, "https://example.org/doc", "https://example.org/graph", "", "")
        assert str(no.value).startswith("republishing document <https://example.org/doc> failed: SPARQL query at ")
        assert "(401)" in str(no.value) and "\n" not in str(no.value)


def test_the_local_server_listens_on_loopback_only_and_asks_for_a_password(
    fuseki: FusekiClient, fuseki_settings: FusekiSettings
) -> None:
    if not fuseki_settings.managed:
        pytest.skip("VN_CASCADE_FUSEKI_URL names an external server")
    addresses = _listening(fuseki_settings.port)
    assert addresses and all(
        a.is_loopback or (a.version == 6 and a.ipv4_mapped and a.ipv4_mapped.is_loopback) for a in addresses
    ), addresses
    assert httpx.post(f"{fuseki.url}/query", data={"query": "ASK {}"}).status_code == 401
    assert fuseki.answers()  # with the password


def test_the_local_server_stops_and_starts_again_with_its_data(
    fuseki: FusekiClient, fuseki_settings: FusekiSettings
) -> None:
    """Start is a no-op while it runs; stop ends it and says so; a new start finds the TDB2 dataset as it was."""
    if not fuseki_settings.managed:
        pytest.skip("VN_CASCADE_FUSEKI_URL names an external server")
    running = status(fuseki_settings)
    assert running["running"] and start(fuseki_settings) == 0.0 and status(fuseki_settings)["pid"] == running["pid"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    held = [row[0].value for row in fuseki.select(count)]
    assert stop(fuseki_settings) is True
    stopped = status(fuseki_settings)
    assert (stopped["running"], stopped["pid"], stop(fuseki_settings)) == (False, None, False)
    assert start(fuseki_settings) > 0
    assert [row[0].value for row in fuseki.select(count)] == held and int(
        held[0]
    ) > 50_000  # the corpus, not an empty dataset


def _listening(port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The local addresses that listen on a TCP port, from /proc/net/tcp and tcp6 (words in host byte order)."""
    found = []
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = b"".join(bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, len(address), 8))
                found.append(ipaddress.ip_address(raw))
    return found
