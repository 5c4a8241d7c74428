"""The command line as a user runs it: demo, ingest, sparql, export, validate, and its one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from corpus import LAI_CHAU, SEEDS, free_port

from api.cli.main import main


@pytest.fixture()
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VN_CASCADE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("VN_CASCADE_STORE", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_demo_prints_the_four_chains_and_the_gaps(run) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.count("Chỉ thị 28-CT/TW — Bộ Chính trị, 2023-12-25") == 2  # tree root and gap list
    for chain in [
        "├── Chương trình hành động 48-CTr/TU — Tỉnh ủy Lai Châu",
        "│   └── Kế hoạch số: (để trống) — Ủy ban nhân dân tỉnh Lai Châu, 2024 [đã nạp / ingested]",
        "├── Chỉ thị 33-CT/TU — Thành ủy Thành phố Hồ Chí Minh",
        "│   └── Kế hoạch số: (để trống) — Ủy ban nhân dân quận Tân Bình [đã nạp / ingested]",
        "├── Kế hoạch 181-KH/TU — Tỉnh ủy (chưa xác định), 2024-03-18",
        "│   └── Kế hoạch 162-KH/ĐUK — Ban Thường vụ Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh (chưa xác định)",
        "└── Kế hoạch 273-KH/TU — Tỉnh ủy Ninh Thuận, 2024-02-20",
        "    └── Kế hoạch số: (để trống) — Ban Thường vụ Huyện ủy Bác Ái, 2024-03 [đã nạp / ingested]",
    ]:
        assert chain in out, chain
    assert "· Phòng Lao động - Thương binh và Xã hội quận Tân Bình: chủ trì II.1, II.2, II.3, IV.1, IV.1.p2" in out
    assert (
        "· Ủy ban nhân dân 15 phường (quận Tân Bình): chủ trì IV.5, IV.5.p2, IV.5.p3, IV.5.p4; "
        "phải ban hành kế hoạch IV.2.p3, IV.5.p2"
    ) in out
    gaps = out.split("Khoảng trống / Gaps")[1]
    assert "Quyết định 23/QĐ-TTg" in gaps and "Luật Trẻ em — Trung ương, 2016" in gaps
    assert "document number left blank (printed as 'Số: /KH-UBND')" in gaps
    assert "the text never names the province" in gaps
    assert "III.1, III.2, III.3, III.4, III.5, III.6" in gaps


def test_demo_twice_gives_the_same_store(run, tmp_path: Path) -> None:
    run("demo")
    first = run("export", "--format", "nt").stdout_bytes
    run("demo")
    assert run("export", "--format", "nt").stdout_bytes == first


def test_ingest_then_query_in_every_format(run) -> None:
    result = run("ingest", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "4 stored, 0 failed" in result.output
    table = run("sparql", "targets").output
    assert "84.3" in table and "(24 rows)" in table
    as_json = json.loads(
        run("sparql", "SELECT ?n WHERE { ?d vc:documentNumber ?n } ORDER BY ?n", "--format", "json").output
    )
    assert {"n": "28-CT/TW"} in as_json and {"n": "162-KH/ĐUK"} in as_json
    as_csv = list(csv.reader(io.StringIO(run("sparql", "reporting-duties", "--format", "csv").output)))
    assert as_csv[0] == ["doc", "reporter", "recipient", "via", "frequency", "due"]
    assert any(row[-1] == "--12-05" for row in as_csv[1:])
    assert run("sparql", 'ASK { ?d vc:documentNumber "33-CT/TU" }').output.strip() == "true"


def test_sparql_from_a_file_and_syntax_errors(run, tmp_path: Path) -> None:
    run("ingest", str(SEEDS / LAI_CHAU))
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(?o) AS ?n) WHERE { ?d vc:hasObligation ?o }", encoding="utf-8")
    assert "57" in run("sparql", str(query)).output
    bad = run("sparql", "SELEC nothing")
    assert bad.exit_code != 0 and "SPARQL syntax error" in bad.output
    missing = run("sparql", str(tmp_path / "nope.rq"))
    assert missing.exit_code != 0 and "nope.rq: no such query file" in missing.output


def test_export_formats_parse(run, tmp_path: Path) -> None:
    run("ingest", str(SEEDS / LAI_CHAU))
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        out = tmp_path / f"graph.{fmt}"
        assert run("export", "--format", fmt, "--out", str(out)).exit_code == 0
        graph = rdflib.Graph().parse(out, format=parser)
        assert len(graph) > 1000
        assert (None, rdflib.URIRef("https://w3id.org/vn-cascade/ontology#leadAgency"), None) in graph


def test_validate_reports_warnings_but_conforms(run) -> None:
    run("ingest", str(SEEDS))
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "Warning      13  obligation has no lead unit (chủ trì)" in result.output
    assert result.output.strip().endswith("conforms")


def test_ingest_errors_are_one_line_and_name_the_file(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Phòng Tư pháp".encode("utf-16"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    memo = tmp_path / "memo.txt"
    memo.write_text("Thông báo\n\nHọp giao ban tuần.\n", encoding="utf-8")
    result = run("ingest", str(bad), str(empty), str(memo), str(SEEDS / LAI_CHAU))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {bad}:1: not UTF-8 (invalid byte 0xff); the bytes look like UTF-16 (byte-order mark found); "
        "expected UTF-8 text",
        f"error: {empty}: empty file: expected the text of a plan",
        f"error: {memo}: no identifiable document: looked for a type heading (KẾ HOẠCH, QUYẾT ĐỊNH, …), a number "
        "line ('Số: …'), a 'V/v' subject and a title naming a document type with its issuer or number; found none",
    ]
    assert "1 stored, 3 failed" in result.output
    missing = run("ingest", str(tmp_path / "nowhere"))
    assert missing.exit_code != 0 and f"{tmp_path / 'nowhere'}: no such file or folder" in missing.output


def test_queries_are_listed_with_descriptions(run) -> None:
    out = run("queries").output
    assert "leads-of-plan" in out and "Numeric targets by year and indicator" in out


def test_query_by_name_with_parameters_and_errors(run) -> None:
    run("ingest", str(SEEDS))
    out = run("query", "cascade-down", "--param", "number=28-CT/TW", "--format", "json").output
    rows = json.loads(out)
    assert {"document", "documentNumber", "depth", "inCorpus"} == set(rows[0])
    assert {r["documentNumber"] for r in rows if r["depth"] == "2"} == {"3597/KH-UBND", "253-KH/QU", ""}
    missing = run("query", "cascade-down")
    assert missing.exit_code != 0 and "takes parameters: number" in missing.output
    unknown = run("query", "nope")
    assert unknown.exit_code != 0 and "no query named 'nope'" in unknown.output
    bad = run("query", "targets", "--param", "year")
    assert bad.exit_code != 0 and "write name=value" in bad.output
    whole = json.loads(run("query", "documents", "--format", "json").output)
    pages = [
        json.loads(run("query", "documents", "--format", "json", "--limit", "4", "--offset", str(at)).output)
        for at in range(0, len(whole), 4)
    ]
    assert [row for page in pages for row in page] == whole and all(len(page) <= 4 for page in pages)


def test_analysts_add_their_own_queries(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "plans-per-issuer.rq").write_text(
        "# description: How many ingested plans each issuer has.\n# columns: issuer, plans\n"
        "SELECT ?issuer (COUNT(?d) AS ?plans) WHERE { ?d vc:inCorpus true ; vc:issuedBy/skos:prefLabel ?issuer } "
        "GROUP BY ?issuer\n",
        encoding="utf-8",
    )
    (folder / "broken.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    monkeypatch.setenv("VN_CASCADE_QUERIES", str(folder))
    run("ingest", str(SEEDS))
    listing = run("queries")
    assert listing.exit_code != 0 and "broken.cypher:1: a query file starts with" in listing.output
    (folder / "broken.cypher").unlink()
    assert "plans-per-issuer" in run("queries").output
    out = run("query", "plans-per-issuer", "--format", "csv").output
    assert "Huyện ủy Bác Ái,1" in out


def test_ingest_keeps_neo4j_in_step(run, neo4j_db, monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_db.clear()
    settings = neo4j_db.settings
    for name, value in (
        ("NEO4J_URI", settings.uri),
        ("NEO4J_USER", settings.user),
        ("NEO4J_PASSWORD", settings.password),
        ("NEO4J_DATABASE", settings.database),
    ):
        monkeypatch.setenv(name, value)
    result = run("ingest", str(SEEDS), "--neo4j")
    assert result.exit_code == 0, result.output
    assert "relationships; wrote" in result.output
    sparql = run("query", "leads-of-plan", "--param", "issuer=Ủy ban nhân dân quận Tân Bình").output
    cypher = run(
        "query", "leads-of-plan", "--param", "issuer=Ủy ban nhân dân quận Tân Bình", "--engine", "cypher"
    ).output
    assert sparql == cypher and "Công an quận Tân Bình" in cypher
    again = run("load-neo4j").output
    assert "wrote 0 nodes and 0 relationships, deleted 0 nodes and 0 relationships" in again


def test_cypher_without_neo4j_fails_at_once_with_the_fix(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """No server at NEO4J_URI: one line naming both remedies, not the driver's minute of retries."""
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = run("query", "documents", "--engine", "cypher")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no Neo4j answers at bolt://127.0.0.1:" in lines[0]
    assert "`vn-cascade neo4j start`" in lines[0] and "NEO4J_URI" in lines[0]
