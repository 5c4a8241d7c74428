"""One store, many readers: read-only commands work while `serve` holds the store, a writing command says who
holds it, and backup / restore bring a store back with exactly the same content."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from corpus import LAI_CHAU, SEEDS, free_port

CLI = [
    sys.executable,
    "-c",
    "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()",
]
REPO = Path(__file__).resolve().parents[1]


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, cwd=REPO)


def content(store: Path) -> set[str]:
    """Every quad of a store (closed), as N-Quads lines: what 'the same content' means here."""
    opened = ox.Store.read_only(str(store))
    return set(ox.serialize(opened, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "VN_CASCADE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(REPO)}
    for name in ("VN_CASCADE_STORE", "VN_CASCADE_HOST", "VN_CASCADE_PORT"):
        env.pop(name, None)
    ingest = cli(env, "ingest", *(str(p) for p in sorted(SEEDS.glob("*.txt")) if p.name != LAI_CHAU))
    assert ingest.returncode == 0, ingest.stderr
    return env


@pytest.fixture()
def serving(env: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen]:
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
    )
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        try:
            httpx.get(f"http://127.0.0.1:{port}/documents", timeout=5)
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline
            time.sleep(0.2)
    yield server
    server.terminate()
    server.wait(30)
    log.close()


def test_read_only_commands_work_while_serving(env: dict[str, str], serving: subprocess.Popen) -> None:
    gaps = cli(env, "gaps")
    assert gaps.returncode == 0, gaps.stderr
    assert "reading its latest checkpoint" in gaps.stderr and gaps.stdout.strip()
    query = cli(env, "query", "documents")
    assert query.returncode == 0 and query.stdout.count("\n") >= 3, query.stderr


def test_a_write_while_serving_names_the_server(env: dict[str, str], serving: subprocess.Popen) -> None:
    ingest = cli(env, "ingest", str(SEEDS / LAI_CHAU))
    assert ingest.returncode == 1
    lines = ingest.stderr.strip().splitlines()
    assert len(lines) == 1 and f"`vn-cascade serve` (pid {serving.pid})" in lines[0]
    assert "POST /documents" in lines[0]


def test_backup_while_serving_then_restore_gives_the_same_content(
    env: dict[str, str], tmp_path: Path, serving: subprocess.Popen
) -> None:
    saved = tmp_path / "backup"
    assert cli(env, "backup", str(saved)).returncode == 0
    assert cli(env, "restore", str(saved)).returncode == 1  # the server holds the store
    serving.terminate()
    serving.wait(30)
    store = Path(env["VN_CASCADE_HOME"]) / "store"
    before = content(store)
    assert cli(env, "ingest", str(SEEDS / LAI_CHAU)).returncode == 0
    assert content(store) != before
    restored = cli(env, "restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert content(store) == before == content(saved)
