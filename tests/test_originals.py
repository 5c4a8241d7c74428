"""The original files kept beside the graph: an ingest keeps each file once under its SHA-256, a document links to
it and downloads it byte for byte, a failed ingest leaves no file behind, and the UI shows where in the file each
highlighted fact was read."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import BASE, LOCAL
from fastapi.testclient import TestClient
from word_documents import plan_as_docx

from api.cli.main import main
from api.http.service import ServiceSettings, create_app
from loaders.graph import build
from loaders.ingest import store_document
from loaders.originals import Originals, digest_of
from loaders.parser import parse
from loaders.readers import read_document
from loaders.store import GraphStore

KEY = "k3y"
TABLE_PLAN = Path(__file__).resolve().parent / "eval_corpus" / "dev" / "09_can_tho_ubnd_city_plan_table.txt"


def kept_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_uploaded_word_document_downloads_byte_for_byte(store: GraphStore) -> None:
    data = plan_as_docx(TABLE_PLAN.read_text(encoding="utf-8"))
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE, api_key=KEY), None))
    answer = client.post("/documents", headers={"X-API-Key": KEY}, files={"file": ("kế hoạch.docx", data, "x/y")})
    assert answer.status_code == 201, answer.text
    doc = answer.json()["document"]
    assert doc["fileDigest"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert doc["sourceFormat"] == "docx" and doc["sourceEncoding"] is None
    got = client.get(doc["links"]["original"])
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert got.headers["content-disposition"] == "attachment; filename*=UTF-8''k%E1%BA%BF%20ho%E1%BA%A1ch.docx"
    # the document page links the file and says where each obligation was read in it
    page = client.get(f"/ui/documents/{doc['id']}").text
    assert f'href="{doc["links"]["original"]}" download' in page
    rows = [o["source"].get("location") for o in doc["obligations"] if o["source"]]
    assert rows and all(r and r.startswith(("table 2, row ", "paragraph ")) for r in rows)  # located, every one
    rows = [r for r in rows if r.startswith("table")]
    assert len(rows) >= 8  # the plan's task table
    cells = [a["source"]["location"] for o in doc["obligations"] for a in o["lead"] if a.get("source")]
    assert sum(", cell " in c for c in cells) >= 8  # a lead unit of the table in its own cell
    assert f'<small class="where">{rows[0]}</small>' in page
    assert f"· {cells[0]}" in page  # in the highlight's title, on the source text


def test_a_document_with_no_kept_file_says_so(store: GraphStore) -> None:
    source = read_document(TABLE_PLAN.read_bytes(), TABLE_PLAN.name)
    store.replace(build(parse(source), BASE))  # stored without keeping the file
    client = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE), None))
    doc_id = client.get("/documents").json()["items"][0]["id"]
    answer = client.get(f"/documents/{doc_id}/original")
    assert answer.status_code == 404 and "is not kept" in answer.json()["detail"]
    assert client.get("/documents/doc/nowhere/2024/x/original").status_code == 404


def test_a_failed_graph_write_takes_back_the_file_it_added(store: GraphStore, tmp_path: Path) -> None:
    data = TABLE_PLAN.read_bytes()
    built = build(parse(read_document(data, TABLE_PLAN.name)), BASE)
    originals = Originals(tmp_path / "originals")

    class Broken(GraphStore):
        def replace(self, built) -> None:
            raise OSError("disk full")

    broken = Broken.__new__(Broken)
    with pytest.raises(OSError):
        store_document(broken, built, data, originals)
    assert kept_files(originals.root) == []
    store_document(store, built, data, originals)  # and kept when the write succeeds, once
    store_document(store, built, data, originals)
    assert [p.name for p in kept_files(originals.root)] == [hashlib.sha256(data).hexdigest()]
    assert originals.read(digest_of(data)) == data
    assert originals.path("sha256:../../etc/passwd") is None and originals.read("md5:00") is None


def test_cli_ingest_keeps_originals_and_reports_what_it_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VN_CASCADE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("VN_CASCADE_STORE", raising=False)
    folder = tmp_path / "in"
    folder.mkdir()
    docx_bytes = plan_as_docx(TABLE_PLAN.read_text(encoding="utf-8"))
    (folder / "plan.docx").write_bytes(docx_bytes)
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not a plan")
    (folder / "broken.txt").write_bytes(b"\x00\x01 binary")
    result = CliRunner().invoke(main, ["ingest", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1  # broken.txt failed
    assert f"skipped {folder / 'notes.xlsx'}: not a document by its name" in result.output
    assert "1 stored, 1 failed, 1 skipped" in result.output
    root = tmp_path / "home" / "store-originals"
    assert [p.read_bytes() for p in kept_files(root)] == [docx_bytes]  # the failed file left nothing
