"""Ingest over HTTP: API key, text and file uploads, replace without duplicates, size limit, bad input."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import BASE, LAI_CHAU, LOCAL, SEEDS, TAN_BINH
from fastapi.testclient import TestClient
from word_documents import plan_as_docx

from api.http.service import ServiceSettings, create_app
from loaders.graph import build
from loaders.parser import parse
from loaders.source import decode
from loaders.store import GraphStore
from queries.audit import families, kept, listed, run
from queries.audit.model import SEVERITIES
from queries.read.model import ReadModel

KEY = "s3cret-key"
LIMIT = 200_000


@pytest.fixture()
def client(store: GraphStore) -> TestClient:
    return TestClient(
        base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE, api_key=KEY, max_upload=LIMIT), None)
    )


def post_text(client: TestClient, data: bytes, key: str | None = KEY, **params) -> object:
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    if key is not None:
        headers["X-API-Key"] = key
    return client.post("/documents", content=data, headers=headers, params=params)


def test_ingest_is_off_without_a_configured_key(store: GraphStore) -> None:
    closed = TestClient(base_url=LOCAL, app=create_app(store, ServiceSettings(base=BASE), None))
    answer = post_text(closed, (SEEDS / LAI_CHAU).read_bytes())
    assert answer.status_code == 403 and "VN_CASCADE_API_KEY" in answer.json()["detail"]
    assert len(store) == len(GraphStore(None))


@pytest.mark.parametrize("key", [None, "", "wrong", KEY + "x"])
def test_a_missing_or_wrong_key_is_refused(client: TestClient, store: GraphStore, key: str | None) -> None:
    before = len(store)
    answer = post_text(client, (SEEDS / LAI_CHAU).read_bytes(), key=key)
    assert answer.status_code == 401 and answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.headers["content-type"] == "application/problem+json" and len(store) == before


def test_add_then_replace_without_duplicates(client: TestClient, store: GraphStore) -> None:
    data = (SEEDS / TAN_BINH).read_bytes()
    added = post_text(client, data, filename=TAN_BINH)
    assert added.status_code == 201 and added.json()["status"] == "added"
    document = added.json()["document"]
    assert added.headers["location"] == document["href"] and document["sourceFile"] == TAN_BINH
    assert document["obligations"] and document["issuer"]["label"] == "Ủy ban nhân dân quận Tân Bình"
    assert added.json()["warnings"] == [f"{i['code']}: {i['note']}" for i in document["dataIssues"]]
    assert client.get(document["href"]).json()["id"] == document["id"]
    assert client.get("/documents", params={"in_corpus": True}).json()["total"] == 1
    size = len(store)
    again = client.post(
        "/documents", headers={"Authorization": f"Bearer {KEY}"}, files={"file": (TAN_BINH, data, "text/plain")}
    )
    assert again.status_code == 200 and again.json()["status"] == "replaced" and len(store) == size
    assert again.json()["document"]["id"] == document["id"]


def test_search_and_lists_see_an_upload_at_once(client: TestClient) -> None:
    assert client.get("/search", params={"q": "lai chau"}).json()["total"] == 0
    post_text(client, (SEEDS / LAI_CHAU).read_bytes())
    assert client.get("/search", params={"q": "lai chau"}).json()["total"] > 0
    assert client.get("/agencies", params={"q": "so y te"}).json()["total"] >= 1


def test_declared_and_streamed_oversize_bodies_get_413(client: TestClient, store: GraphStore) -> None:
    before = len(store)
    declared = post_text(client, b"x" * (LIMIT + 1))
    assert declared.status_code == 413 and str(LIMIT) in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 10_000 + 2):
            yield b"y" * 10_000

    streamed = client.post("/documents", content=chunks(), headers={"X-API-Key": KEY, "Content-Type": "text/plain"})
    assert streamed.status_code == 413 and len(store) == before


@pytest.mark.parametrize(
    "data, said",
    [
        ("Kính gửi anh chị,\nđây chỉ là một lá thư.\n".encode(), "no identifiable document"),
        ("KẾ HOẠCH\n".encode("utf-16"), "UTF-16"),
        (b"", "empty"),
    ],
)
def test_bad_documents_are_422_naming_the_file_and_change_nothing(
    client: TestClient, store: GraphStore, data: bytes, said: str
) -> None:
    post_text(client, (SEEDS / LAI_CHAU).read_bytes())
    before = sorted(map(str, store.store.quads_for_pattern(None, None, None)))
    answer = post_text(client, data, filename="thu.txt")
    assert answer.status_code == 422 and answer.json()["detail"].startswith("thu.txt")
    assert said in answer.json()["detail"]
    assert sorted(map(str, store.store.quads_for_pattern(None, None, None))) == before


def test_other_media_types_and_empty_multipart_are_refused(client: TestClient) -> None:
    as_json = client.post("/documents", json={"text": "KẾ HOẠCH"}, headers={"X-API-Key": KEY})
    assert as_json.status_code == 415
    no_file = client.post(
        "/documents", data={"other": "x"}, files={"note": ("n.txt", b"x", "text/plain")}, headers={"X-API-Key": KEY}
    )
    assert no_file.status_code == 422 and "`file`" in no_file.json()["detail"]


def test_catalogue_answers_follow_an_upload(client: TestClient) -> None:
    before = client.get("/queries/documents/run").json()["rows"]
    assert client.get("/queries/documents/run").json()["rows"] == before  # answered again, from the cache
    post_text(client, (SEEDS / LAI_CHAU).read_bytes())
    after = client.get("/queries/documents/run").json()["rows"]
    assert len(after) > len(before)


def test_sparql_sees_an_upload_at_once(client: TestClient) -> None:
    """/sparql runs in worker processes over a checkpoint; the upload takes a new one before it answers."""
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a vc:PolicyDocument }"
    accept = {"Accept": "application/sparql-results+json"}

    def documents() -> int:
        return int(
            client.get("/sparql", params={"query": count}, headers=accept).json()["results"]["bindings"][0]["n"][
                "value"
            ]
        )

    before = documents()
    post_text(client, (SEEDS / LAI_CHAU).read_bytes())
    assert documents() > before


def test_a_word_document_uploads_like_its_text(client: TestClient, tmp_path) -> None:
    """The same plan as a .docx (sent under a .txt name: the content decides) gives the obligations of its text."""
    text = (Path(__file__).resolve().parent / "eval_corpus" / "dev" / "09_can_tho_ubnd_city_plan_table.txt").read_text(
        encoding="utf-8"
    )
    answer = client.post(
        "/documents",
        headers={"X-API-Key": KEY},
        files={"file": ("ke-hoach.txt", plan_as_docx(text), "application/octet-stream")},
    )
    assert answer.status_code == 201, answer.text
    stored = answer.json()["document"]
    expected = parse(decode(text.encode(), "ke-hoach.txt"))
    assert stored["number"] == expected.number
    assert len(stored["obligations"]) == len(expected.obligations)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bang-tinh.csv", "a,b\n")
    return out.getvalue()


def test_a_file_of_a_kind_not_read_is_refused_and_changes_nothing(client: TestClient, store: GraphStore) -> None:
    before = len(store)
    answer = client.post(
        "/documents",
        headers={"X-API-Key": KEY},
        files={"file": ("ke-hoach.zip", _zip(), "application/zip")},
    )
    assert answer.status_code == 422 and answer.json()["title"] == "Not A Plan"
    assert "ke-hoach.zip: a ZIP archive, which vn-cascade does not read" in answer.json()["detail"]
    assert len(store) == before


def _gap_ids(client: TestClient) -> list[str]:
    ids: list[str] = []
    url: str | None = "/gaps?limit=500"
    while url:
        page = client.get(url).json()
        ids += [g["id"] for g in page["items"]]
        url = page["next"]
    return ids


def test_gaps_follow_each_upload_as_a_whole_audit_would(
    client: TestClient, store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/gaps asked between uploads: the findings the service carries over each write are, in order, those of an
    audit of the whole store read afresh (not from the findings the read index keeps)."""
    from queries.read.model import ReadModel

    assert _gap_ids(client) == []
    live = client.app.state.live  # type: ignore[attr-defined]
    for path in sorted(SEEDS.glob("*.txt")):
        assert post_text(client, path.read_bytes(), filename=path.name).status_code in (200, 201)
        assert all(kept.kept(live.model, f) for f in families() if f.affected)  # carried over, not yet asked for
        assert _gap_ids(client) == _detected_ids(ReadModel(store, BASE)), path.name


def test_a_service_warms_the_audit_in_the_background_and_keeps_it(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With warm_audit, starting the service detects the kept findings in the background and keeps them in the read
    index; a service started again over the store reads them back and detects nothing."""
    from api.http.live import Live
    from queries.read.ids import Ids
    from queries.read.model import ReadModel

    monkeypatch.delenv("VN_CASCADE_WARM_AUDIT", raising=False)
    assert ServiceSettings.from_env().warm_audit  # on by default for `serve`
    monkeypatch.setenv("VN_CASCADE_WARM_AUDIT", "0")
    assert not ServiceSettings.from_env().warm_audit
    for path in sorted(SEEDS.glob("*.txt")):
        store.replace(build(parse(decode(path.read_bytes(), path.name)), BASE))
    app = create_app(store, ServiceSettings(base=BASE, warm_audit=True), None)
    warming: list = []
    monkeypatch.setattr(Live, "warm", lambda live, original=Live.warm: warming.append(original(live)))
    with TestClient(base_url=LOCAL, app=app):
        assert len(warming) == 1
        warming[0].join(timeout=300)
        live = app.state.live
        assert all(
            kept.kept(live.model, f) and live.model.memoized(kept._key(f, live.model)) for f in families() if f.affected
        )
    whole = _detected_ids(ReadModel(store, BASE))
    restarted = Live(store, Ids(BASE))
    monkeypatch.setattr(kept, "_homes", lambda *args: pytest.fail("detected again"))
    assert [f.id for f in run(restarted.model)] == whole
    assert [f.id for f in listed(restarted.model)] == whole


def _detected_ids(model: ReadModel) -> list[str]:
    """The ids of today's findings as `queries.audit.run` orders them, every family detected whole (not read back
    from the read index)."""
    found = [f for family in families() for _, items in sorted(kept._homes(model, family, None).items()) for f in items]
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (rank[f.severity], f.type, f.documents, f.obligations, f.agencies))
    return [f.id for f in found]
