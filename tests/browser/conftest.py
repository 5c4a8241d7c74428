"""Browser fixtures: the real service in a subprocess, and Debian's headless Chromium driven by Python Playwright.

Under CI=true a missing Playwright or Chromium fails the tests; elsewhere they are skipped saying what to install.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

import httpx
import pytest
from corpus import BASE, REPO, SEEDS, free_port

from loaders.graph import build
from loaders.parser import parse
from loaders.readers.documents import read_source

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
# Playwright adds --headless and a fresh --user-data-dir of its own; the rest keeps Chromium off the closed network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("VN_CASCADE_ARTIFACTS") or REPO / "tests" / "artifacts")
CLI = [
    sys.executable,
    "-c",
    "import sys; from api.cli.main import main; sys.argv = ['vn-cascade', *sys.argv[1:]]; main()",
]


def unavailable(reason: str) -> NoReturn:
    """Fail under CI=true, skip elsewhere: the Neo4j fixture's rule."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def origin(url: str) -> str:
    """scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PageGuard:
    """What one test's page did: every request, those refused for leaving the server, uncaught script errors."""

    server: str
    requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        """Let requests to the server through; abort and record any other."""
        if origin(route.request.url) == self.server:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def problems(self) -> list[str]:
        """Why the test fails, if it does."""
        return [f"request to a host other than {self.server}: {url}" for url in self.external] + [
            f"uncaught page error: {error}" for error in self.errors
        ]


GUARD = pytest.StashKey[PageGuard]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a browser test whose page reached beyond the server or threw an uncaught error."""
    yield
    guard = item.stash.get(GUARD, None)
    if guard is not None and (problems := guard.problems()):
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`vn-cascade serve` in a subprocess on a free 127.0.0.1 port, over a store holding the four sample plans."""
    home = tmp_path_factory.mktemp("browser-service")
    env = {**os.environ, "VN_CASCADE_HOME": str(home), "PYTHONPATH": str(REPO)}
    for name in ("VN_CASCADE_STORE", "VN_CASCADE_HOST", "VN_CASCADE_PORT"):
        env.pop(name, None)
    ingest = subprocess.run([*CLI, "ingest", str(SEEDS)], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, f"ingest failed:\n{ingest.stderr}"
    port = free_port()
    log = home / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the service exited:\n{log.read_text(errors='replace')}"
            try:
                httpx.get(f"{url}/documents", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"the service did not start:\n{log.read_text(errors='replace')}"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def document_ids() -> dict[str, str]:
    """Each sample file's document id (its IRI with the base cut off)."""
    return {p.name: build(parse(read_source(p)), BASE).iri.removeprefix(BASE) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched through Playwright's bundled driver (no browser download)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Python Playwright is not installed: pip install -e '.[test]'")
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium chromium-driver")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        except Error as exc:
            unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page whose relative URLs go to the server; screenshot and request log saved to ARTIFACTS afterwards."""
    guard = PageGuard(server)
    request.node.stash[GUARD] = guard
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.route("**/*", guard.route)
    context.on("request", lambda r: guard.requests.append(f"{r.method} {r.url}"))
    opened = context.new_page()
    opened.on("pageerror", lambda error: guard.errors.append(f"{error.name}: {error.message}"))
    opened.on(
        "console",
        lambda message: (
            guard.errors.append(f"refused by the page's policy: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    yield opened
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    opened.screenshot(path=ARTIFACTS / f"{name}.png")
    (ARTIFACTS / f"{name}.requests.txt").write_text("".join(f"{line}\n" for line in guard.requests), encoding="utf-8")
    context.close()
