"""Run a local Apache Jena Fuseki server (one TDB2 dataset on disk, 127.0.0.1 only) for vn-cascade, or point at an
external one.

The managed server lives under <home>/fuseki: lib/ (the jars, laid out by Maven from pom.xml), databases/ (the TDB2
dataset), logs/console.log (this run's; console.log.1 the one before), run/ (the lock, the pid and port, Jetty's
password file) and password (generated once unless VN_CASCADE_FUSEKI_PASSWORD gives one)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from loaders import config
from loaders.fuseki.client import FusekiClient, FusekiError
from loaders.local_servers import alive, java_executable, reap, tail, wait_for_exit

POM = resources.files(__package__) / "pom.xml"  # package data: Maven builds from a copy under the server home
MAIN_CLASS = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
DATASET = "vn-cascade"
USER = "vn-cascade"
MIN_PASSWORD_LENGTH = 8
LOG_TAIL_LINES = 30


@dataclass(frozen=True)
class FusekiSettings:
    """Where the Fuseki dataset is and how to log in; managed means vn-cascade runs the server itself."""

    url: str | None  # an external server's dataset URL; None for the managed one (its port is known once it runs)
    user: str | None
    password: str | None
    managed: bool
    home: Path
    port: int  # the managed server's HTTP port; 0: a free one chosen at start
    heap: str

    @property
    def auth(self) -> tuple[str, str] | None:
        """HTTP basic credentials, when there is a user."""
        return (self.user, self.password or "") if self.user else None


def settings_from_env(env: Mapping[str, str] = os.environ) -> FusekiSettings:
    """Read settings: an external server when VN_CASCADE_FUSEKI_URL is set, else a managed local one."""
    given = config.settings(env)
    home = given.home.expanduser().absolute() / "fuseki"
    if given.fuseki_url:
        return FusekiSettings(
            url=given.fuseki_url,
            user=given.fuseki_user,
            password=given.fuseki_password,
            managed=False,
            home=home,
            port=0,
            heap=given.fuseki_heap,
        )
    password = given.fuseki_password or _stored_password(home / "password")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise FusekiError(f"VN_CASCADE_FUSEKI_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters")
    return FusekiSettings(
        url=None, user=USER, password=password, managed=True, home=home, port=given.fuseki_port, heap=given.fuseki_heap
    )


def start(settings: FusekiSettings, timeout: float = 120) -> float:
    """Start the managed server unless it runs already (installing it first, once); return the seconds it took (0
    when it was running). An external server is only checked to answer."""
    began = time.monotonic()
    if not settings.managed:
        connect(settings).close()
        return 0.0
    with _home_lock(settings):
        state = _server_state(settings)
        if state is not None:
            pid, port = state
            if settings.port and port != settings.port:
                raise FusekiError(
                    f"the local Fuseki in {settings.home} listens on port {port}, not VN_CASCADE_FUSEKI_PORT "
                    f"{settings.port}: stop it first (`vn-cascade fuseki stop`)"
                )
            with _client(settings, port) as client:
                if client.answers():
                    return 0.0
        else:
            _install_locked(settings)
            port = settings.port or _free_port()
            _require_free_port(port)
            pid = _launch(settings, port)
        _wait_until_answering(settings, pid, port, began + timeout)
    return time.monotonic() - began


def stop(settings: FusekiSettings, timeout: float = 30) -> bool:
    """Stop the managed server (SIGTERM, then SIGKILL after timeout); return whether one ran."""
    _require_managed(settings, "stop")
    state = _server_state(settings)
    if state is not None:
        pid = state[0]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        if not wait_for_exit(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            wait_for_exit(pid, 10)
    _pid_file(settings).unlink(missing_ok=True)
    return state is not None


def status(settings: FusekiSettings) -> dict[str, Any]:
    """Describe the server: managed or external, the dataset URL, pid and whether it answers."""
    state = _server_state(settings) if settings.managed else None
    url = settings.url or (_dataset_url(state[1]) if state else None)
    info: dict[str, Any] = {"managed": settings.managed, "url": url, "running": False}
    if settings.managed:
        info["pid"] = state[0] if state else None
        info["home"] = settings.home
    if url is not None:
        try:
            with FusekiClient(url, settings.auth) as client:
                info["running"] = client.answers()
        except FusekiError as exc:
            info["error"] = str(exc)
    return info


def connect(settings: FusekiSettings) -> FusekiClient:
    """A client for the dataset of a server that answers now, or at once a FusekiError saying how to get one."""
    state = _server_state(settings) if settings.managed else None
    if settings.managed and state is None:
        raise FusekiError(
            "no local Fuseki runs: start it with `vn-cascade fuseki start`, or set VN_CASCADE_FUSEKI_URL "
            "(with VN_CASCADE_FUSEKI_USER and VN_CASCADE_FUSEKI_PASSWORD if it asks) to a running server's dataset"
        )
    client = _client(settings, state[1]) if state else FusekiClient(settings.url or "", settings.auth)
    try:
        if not client.answers():
            raise FusekiError(f"no Fuseki answers at {client.url}")
    except FusekiError:
        client.close()
        raise
    return client


def _client(settings: FusekiSettings, port: int) -> FusekiClient:
    """A client for the managed server's dataset on `port`."""
    return FusekiClient(_dataset_url(port), settings.auth)


def _dataset_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/{DATASET}"


def _stored_password(path: Path) -> str:
    """Return the password kept in path, generating it (mode 0600) on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


def _require_managed(settings: FusekiSettings, action: str) -> None:
    """Refuse to act on a server that vn-cascade does not run itself."""
    if not settings.managed:
        raise FusekiError(f"cannot {action} {settings.url}: VN_CASCADE_FUSEKI_URL points at an external server")


@contextlib.contextmanager
def _home_lock(settings: FusekiSettings) -> Iterator[None]:
    """Hold an exclusive lock on the server home so that only one process installs or starts."""
    run = settings.home / "run"
    run.mkdir(parents=True, exist_ok=True)
    with open(run / "lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _install_locked(settings: FusekiSettings) -> None:
    """Lay out the server's jars and folders (idempotent); the caller holds the home lock."""
    for sub in ("logs", "run"):
        (settings.home / sub).mkdir(parents=True, exist_ok=True)
    _database(settings).mkdir(parents=True, exist_ok=True)  # Fuseki refuses a --loc folder that does not exist
    _install_jars(settings)


def _database(settings: FusekiSettings) -> Path:
    """The TDB2 dataset's folder."""
    return settings.home / "databases" / DATASET


def _install_jars(settings: FusekiSettings) -> None:
    """Copy the server classpath into <home>/lib with Maven, offline first, if the pom changed."""
    lib = settings.home / "lib"
    stamp = lib / ".pom-sha256"
    pom = POM.read_bytes()
    digest = hashlib.sha256(pom).hexdigest()
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise FusekiError("Maven (mvn) is not on PATH; it is needed to fetch the Fuseki jars")
    shutil.rmtree(lib, ignore_errors=True)
    build = settings.home / "build"  # Maven writes target/ beside the pom: never inside the installed package
    build.mkdir(parents=True, exist_ok=True)
    (build / "pom.xml").write_bytes(pom)
    command = [mvn, "-q", "-B", "-f", str(build / "pom.xml"), "package", f"-Dfuseki.lib.dir={lib}"]
    offline = subprocess.run([command[0], "-o", *command[1:]], capture_output=True, text=True, check=False)
    if offline.returncode != 0:
        shutil.rmtree(lib, ignore_errors=True)
        _run(command, "fetching the Fuseki jars with Maven")
    stamp.write_text(digest, encoding="utf-8")


def _java() -> str:
    """Return the java executable, from JAVA_HOME or PATH."""
    java = java_executable()
    if java is None:
        raise FusekiError("java is not on PATH; Fuseki 5.6 needs Java 17 or later")
    return java


def _run(command: list[str], what: str) -> None:
    """Run command, raising FusekiError with the tail of its output when it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise FusekiError(f"{what} failed: {exc}") from exc
    if done.returncode != 0:
        output = tail((done.stderr or "") + (done.stdout or ""), LOG_TAIL_LINES)
        raise FusekiError(f"{what} failed (exit {done.returncode}):\n{output}")


def _pid_file(settings: FusekiSettings) -> Path:
    """Return the file that holds the managed server's process id and port."""
    return settings.home / "run" / "fuseki.pid"


def _password_file(settings: FusekiSettings) -> Path:
    """Return Jetty's password file for the managed server: the user and the MD5 of the password, mode 0600."""
    path = settings.home / "run" / "passwd"
    digest = hashlib.md5((settings.password or "").encode(), usedforsecurity=False).hexdigest()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{settings.user}: MD5:{digest}\n")
    return path


def _launch(settings: FusekiSettings, port: int) -> int:
    """Start the server detached in its own session and process group and record its pid and port."""
    home = settings.home
    java = _java()
    command = [
        java,
        f"-Xmx{settings.heap}",
        "-Dfile.encoding=UTF-8",
        "-cp",
        str(home / "lib" / "*"),
        MAIN_CLASS,
        "--localhost",
        f"--port={port}",
        f"--passwd={_password_file(settings)}",
        "--auth=basic",
        "--tdb2",
        f"--loc={_database(settings)}",
        "--update",
        f"/{DATASET}",
    ]
    console = home / "logs" / "console.log"
    if console.exists():  # one run a log, so that its tail in an error is this run's
        console.replace(console.with_name("console.log.1"))
    log = os.open(console, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        # posix_spawn rather than Popen(start_new_session=True): the server outlives this
        # process on purpose, and a Popen object would warn that it is still running.
        pid = os.posix_spawn(
            java,
            command,
            dict(os.environ),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log, 1),
                (os.POSIX_SPAWN_DUP2, log, 2),
            ],
            setsid=True,
        )
    except OSError as exc:
        raise FusekiError(f"could not run {java}: {exc}") from exc
    finally:
        os.close(log)
    _pid_file(settings).write_text(f"{pid} {port}\n", encoding="utf-8")
    return pid


def _wait_until_answering(settings: FusekiSettings, pid: int, port: int, deadline: float) -> None:
    """Poll the dataset until the server answers; stop it and raise if it exits or the deadline passes."""
    with _client(settings, port) as client:
        while True:
            exit_code = reap(pid)
            if exit_code is not None or not alive(pid):
                _pid_file(settings).unlink(missing_ok=True)
                code = "exit code unknown" if exit_code is None else f"exit code {exit_code}"
                raise FusekiError(
                    f"Fuseki exited during start-up ({code}); last lines of "
                    f"{settings.home / 'logs' / 'console.log'}:\n{_console_tail(settings)}"
                )
            try:
                if client.answers():
                    return
            except FusekiError:
                stop(settings)
                raise
            if time.monotonic() > deadline:
                stop(settings)
                raise FusekiError(
                    f"Fuseki did not answer at {client.url} in time and was stopped; last lines of console.log:\n"
                    f"{_console_tail(settings)}"
                )
            time.sleep(0.2)


def _console_tail(settings: FusekiSettings) -> str:
    """Return the last lines of the server's console log."""
    log = settings.home / "logs" / "console.log"
    return tail(log.read_text(encoding="utf-8", errors="replace"), LOG_TAIL_LINES) if log.exists() else ""


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _require_free_port(port: int) -> None:
    """Raise if another program already listens on the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise FusekiError(
                f"port {port} on 127.0.0.1 is taken by another program; set VN_CASCADE_FUSEKI_PORT to another port "
                "(or leave it unset for a free one)"
            )


def _server_state(settings: FusekiSettings) -> tuple[int, int] | None:
    """Return the pid and port of this home's running server, dropping a stale pid file."""
    pid_file = _pid_file(settings)
    try:
        pid, port = (int(part) for part in pid_file.read_text(encoding="utf-8").split())
    except (FileNotFoundError, ValueError):
        return None
    reap(pid)
    if alive(pid) and _is_our_server(pid, settings):
        return pid, port
    pid_file.unlink(missing_ok=True)
    return None


def _is_our_server(pid: int, settings: FusekiSettings) -> bool:
    """Tell whether pid runs the Fuseki server of this home (trusted where /proc is missing)."""
    if not Path("/proc/self/cmdline").exists():
        return True
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return MAIN_CLASS.encode() in args and f"--loc={_database(settings)}".encode() in args
