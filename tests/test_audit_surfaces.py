"""The findings reach people: `vn-cascade gaps` in every format, the audit report, and the REST resources."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL, SEEDS
from fastapi.testclient import TestClient

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.store import GraphStore
from queries.audit import finding_types, run


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("gaps") / "store"
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(main, [*args, "--store", str(store)], catch_exceptions=False)
        return result

    assert invoke("ingest", str(SEEDS)).exit_code == 0
    return invoke


def test_gaps_formats_agree(cli) -> None:
    as_json = json.loads(cli("gaps", "--format", "json").output)
    rows = list(csv.DictReader(io.StringIO(cli("gaps", "--format", "csv").output)))
    table = cli("gaps").output.splitlines()
    assert len(as_json) == len(rows) == len(table) - 1 > 50
    assert table[-1].startswith(f"{len(as_json)} findings:")
    assert [r["type"] for r in rows] == [f["type"] for f in as_json]
    assert all(f["labels"] and f["evidence"] for f in as_json)
    english = cli("gaps", "--lang", "en", "--type", "missing-link").output
    assert "is implemented or built on by" in english and "chưa có trong kho" not in english


def test_gaps_for_one_document_by_number_and_type(cli) -> None:
    out = cli("gaps", "--document", "162-KH/ĐUK", "--format", "json").output
    found = json.loads(out)
    assert {"unknown-jurisdiction", "no-date", "group-not-expanded"} <= {f["type"] for f in found}
    only = json.loads(cli("gaps", "--type", "ownership", "--format", "json").output)
    assert {f["type"] for f in only} <= {t.name for t in finding_types().values() if t.family == "ownership"}
    missing = cli("gaps", "--document", "999-KH/XX")
    assert missing.exit_code != 0 and "no document '999-KH/XX'" in missing.output
    bad = cli("gaps", "--type", "no-such-gap")
    assert bad.exit_code != 0 and "unknown finding type" in bad.output


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.external: list[str] = []  # what a reader's browser would load from elsewhere
        self.links: list[str] = []  # where a reader may go

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = [v for k, v in attrs if k in ("src", "href") and v and "//" in v]
        if tag == "a":
            self.links += found
        else:
            self.external += found


def test_audit_report_markdown_and_html(cli, tmp_path: Path) -> None:
    md = cli("gaps", "--document", "162-KH/ĐUK", "--format", "md").output
    assert md.startswith("# Rà soát / Audit: 162-KH/ĐUK") and "| `unknown-jurisdiction` |" in md
    assert "> " in md  # evidence is quoted
    out = tmp_path / "audit.html"
    assert "written to" in cli("gaps", "--document", "162-KH/ĐUK", "--format", "html", "--out", str(out)).output
    page = _Text()
    page.feed(out.read_text(encoding="utf-8"))
    text = "".join(page.text)
    assert "Rà soát / Audit: 162-KH/ĐUK" in text and "không xác định được địa bàn" in text.lower()
    assert page.external == []
    assert page.links and all(link.startswith(BASE) for link in page.links)  # what a finding names, by its IRI


@pytest.fixture(scope="module")
def client(sample_store: GraphStore) -> TestClient:
    return TestClient(base_url=LOCAL, app=create_app(sample_store, ServiceSettings(base=BASE), None))


def test_rest_gaps_match_the_detectors(client: TestClient, sample_store: GraphStore) -> None:
    expected = run(sample_store)
    items, url = [], "/gaps?limit=100"
    while url:
        answer = client.get(url).json()
        items += answer["items"]
        url = answer["next"]
    assert [i["id"] for i in items] == [f.id for f in expected]
    high = client.get("/gaps", params={"severity": "high", "type": "cascade", "limit": 500}).json()["items"]
    assert high and all(
        i["severity"] == "high" and i["type"] in ("missing-link", "missing-downstream-plan") for i in high
    )
    assert all(d["href"] for i in high for d in i["documents"])
    assert client.get("/gaps", params={"type": "bogus"}).status_code == 422
    types = client.get("/gaps/types").json()["items"]
    assert {t["name"] for t in types} == set(finding_types()) and all(t["vi"] and t["en"] for t in types)


def test_rest_audit_report_of_a_document(client: TestClient) -> None:
    doc = next(
        d for d in client.get("/documents", params={"limit": 500}).json()["items"] if d["number"] == "162-KH/ĐUK"
    )
    report = client.get(f"{doc['href']}/audit").json()
    assert report["total"] == len(report["findings"]) > 0 and report["document"]["id"] == doc["id"]
    by_doc = client.get("/gaps", params={"document": doc["id"], "limit": 500}).json()
    assert by_doc["total"] == report["total"]
    md = client.get(f"{doc['href']}/audit", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and md.text.startswith("# Rà soát")
    page = client.get(f"{doc['href']}/audit", params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "<h1>" in page.text
    assert client.get("/documents/doc/none/2024/x/audit").status_code == 404


def test_theme_coverage_matrix_from_cli_and_rest(cli, client: TestClient) -> None:
    rows = list(csv.reader(io.StringIO(cli("gaps", "--coverage", "--format", "csv").output)))
    matrix = client.get("/themes/coverage").json()
    assert len(rows) == len(matrix["themes"]) + 2 and len(rows[0]) == len(matrix["documents"]) + 1 == 5
    by_theme = {t["en"]: counts for t, counts in zip(matrix["themes"], matrix["counts"], strict=False)}
    assert [r[1:] for r in rows[1:-1]] == [[str(c) for c in counts] for counts in by_theme.values()]
    assert all(d["href"] and d["obligations"] >= d["untagged"] for d in matrix["documents"])
    as_json = json.loads(cli("gaps", "--coverage", "--format", "json").output)
    assert as_json["counts"] == matrix["counts"]


def test_analytics_from_cli_and_rest(cli, client: TestClient) -> None:
    chains = cli("analytics", "chains").output
    assert "28-CT/TW → 33-CT/TU → Kế hoạch (không số) của Ủy ban nhân dân quận Tân Bình  (depth 2)" in chains
    orphans = client.get("/analytics/orphans").json()["items"]
    assert {o["missing"]["label"] for o in orphans} == {"33-CT/TU", "48-CTr/TU", "273-KH/TU", "181-KH/TU"}
    assert all(o["missing"]["href"] and o["documents"][0]["href"] for o in orphans)
    load = client.get("/analytics/agency-load", params={"limit": 5}).json()
    assert load["total"] > 5 and load["items"][0]["direct"]["total"] >= load["items"][-1]["direct"]["total"]
    first = load["items"][0]["label"]
    assert first in cli("analytics", "load", "--limit", "1").output
    lai_chau = next(
        d
        for d in client.get("/documents", params={"in_corpus": True}).json()["items"]
        if d["jurisdiction"]["code"] == "12"
    )
    led = next(o for o in client.get(lai_chau["href"]).json()["obligations"] if o["lead"])
    path = client.get(f"{led['href']}/responsibility").json()
    assert path["reachable"] and [s["kind"] for s in path["steps"]][:2] == ["document", "document"]
    assert path["steps"][0]["label"] == "28-CT/TW" and path["steps"][-1]["kind"] in ("agency", "group")
    printed = cli("analytics", "path", led["id"]).output
    assert printed.splitlines()[0].startswith("28-CT/TW") and "[obligation, hasObligation]" in printed
    assert client.get(f"{led['href']}/responsibility", params={"root": "830/QĐ-TTg"}).json()["reachable"] is False
    assert client.get("/analytics/chains", params={"root": "no-such"}).status_code == 404
