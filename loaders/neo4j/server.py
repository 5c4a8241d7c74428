"""Run a local Neo4j Community server for vn-cascade, or point at an external one."""

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
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from loaders import config
from loaders.errors import VnCascadeError
from loaders.local_servers import alive, java_executable, reap, tail, wait_for_exit

POM = resources.files(__package__) / "pom.xml"  # package data: Maven builds from a copy under the server home
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
JVM_OPTIONS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
    "-Dfile.encoding=UTF-8",
)
EXIT_CODES = {
    1: "start-up failed, e.g. unknown config key, store locked or port in use",
    2: "database failed to start",
    3: "invalid configuration",
}
MIN_PASSWORD_LENGTH = 8
LOG_TAIL_LINES = 30
PROBE_CONFIG = {"connection_timeout": 2.0, "connection_acquisition_timeout": 5.0}


class Neo4jServerError(VnCascadeError):
    """A Neo4j server could not be installed, started, stopped or reached."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the Neo4j server is and how to log in; managed means vn-cascade runs it itself."""

    uri: str
    user: str
    password: str
    database: str
    managed: bool
    home: Path
    bolt_port: int
    heap: str


def settings_from_env(env: Mapping[str, str] = os.environ) -> Neo4jSettings:
    """Read settings: an external server when NEO4J_URI is set, else a managed local one."""
    given = config.settings(env)
    home = given.home.expanduser().absolute() / "neo4j"
    if given.neo4j_uri:
        return Neo4jSettings(
            uri=given.neo4j_uri,
            user=given.neo4j_user,
            password=given.neo4j_password,
            database=given.neo4j_database,
            managed=False,
            home=home,
            bolt_port=urlsplit(given.neo4j_uri).port or 7687,
            heap=given.neo4j_heap,
        )
    password = given.managed_neo4j_password or _stored_password(home / "password")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(f"VN_CASCADE_NEO4J_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters")
    return Neo4jSettings(
        uri=f"bolt://127.0.0.1:{given.neo4j_port}",
        user="neo4j",
        password=password,
        database="neo4j",
        managed=True,
        home=home,
        bolt_port=given.neo4j_port,
        heap=given.neo4j_heap,
    )


def install(settings: Neo4jSettings) -> None:
    """Lay out the server's jars and configuration and set the initial password; idempotent."""
    _require_managed(settings, "install")
    with _home_lock(settings):
        _install_locked(settings)


def start(settings: Neo4jSettings, timeout: float = 180) -> float:
    """Start the managed server unless one already answers; return the seconds it took."""
    began = time.monotonic()
    if not settings.managed:
        if not _answers(settings):
            raise Neo4jServerError(f"no Neo4j server answers at {settings.uri}")
        return 0.0
    with _home_lock(settings):
        if _answers(settings):
            return 0.0
        _install_locked(settings)
        pid = _server_pid(settings)
        if pid is None:
            _require_free_port(settings)
            pid = _launch(settings)
        _wait_until_answering(settings, pid, began + timeout)
    return time.monotonic() - began


def stop(settings: Neo4jSettings, timeout: float = 60) -> bool:
    """Stop the managed server (SIGTERM, then SIGKILL after timeout); return whether one ran."""
    _require_managed(settings, "stop")
    pid = _server_pid(settings)
    if pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGTERM)
        if not wait_for_exit(pid, timeout):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            wait_for_exit(pid, 10)
    _pid_file(settings).unlink(missing_ok=True)
    return pid is not None


def status(settings: Neo4jSettings) -> dict[str, Any]:
    """Describe the server: managed or external, uri, pid, running and Neo4j version."""
    info: dict[str, Any] = {
        "managed": settings.managed,
        "uri": settings.uri,
        "running": False,
        "version": None,
    }
    if settings.managed:
        info["pid"] = _server_pid(settings)
    try:
        with driver(settings, **PROBE_CONFIG) as drv:
            drv.verify_connectivity()
            info["running"] = True
            records, _, _ = drv.execute_query("CALL dbms.components() YIELD name, versions", database_="system")
        info["version"] = next((r["versions"][0] for r in records if r["name"] == "Neo4j Kernel"), None)
    except ServiceUnavailable:
        pass
    except (DriverError, Neo4jError) as exc:
        info["error"] = f"{type(exc).__name__}: {exc}"
    return info


def driver(settings: Neo4jSettings, **config: Any) -> neo4j.Driver:
    """Open a driver for the server (config goes to the neo4j driver); the caller closes it."""
    return neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password), **config)


def reach(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver to a server that answers now, or at once (about 2 s) a Neo4jServerError saying how to get one."""
    drv = driver(settings, **PROBE_CONFIG)
    try:
        drv.verify_connectivity()
    except neo4j.exceptions.AuthError as exc:
        drv.close()
        raise Neo4jServerError(
            f"Neo4j at {settings.uri} refused the credentials ({exc.message}); check NEO4J_USER and NEO4J_PASSWORD"
        ) from None
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.DriverError, OSError):
        drv.close()
        raise Neo4jServerError(
            f"no Neo4j answers at {settings.uri}: start the local one with `vn-cascade neo4j "
            "start`, or set NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) to a running server"
        ) from None
    return drv


def _stored_password(path: Path) -> str:
    """Return the password kept in path, generating it (mode 0600) on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    # letters and digits only: neo4j-admin reads a password that starts with "-" as an option, and fails
    password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


def _require_managed(settings: Neo4jSettings, action: str) -> None:
    """Refuse to act on a server that vn-cascade does not run itself."""
    if not settings.managed:
        raise Neo4jServerError(f"cannot {action} {settings.uri}: NEO4J_URI points at an external server")


@contextlib.contextmanager
def _home_lock(settings: Neo4jSettings) -> Iterator[None]:
    """Hold an exclusive lock on the server home so that only one process installs or starts."""
    run = settings.home / "run"
    run.mkdir(parents=True, exist_ok=True)
    with open(run / "lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _install_locked(settings: Neo4jSettings) -> None:
    """Do install's work; the caller holds the home lock."""
    home = settings.home
    for sub in ("conf", "data", "logs", "plugins", "run", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    _install_jars(settings)
    conf = home / "conf" / "neo4j.conf"
    text = _config_text(settings)
    if not conf.exists() or conf.read_text(encoding="utf-8") != text:
        conf.write_text(text, encoding="utf-8")
    if not (home / "data" / "databases" / "system").exists():
        _run(
            [
                _java(),
                "-cp",
                str(home / "lib" / "*"),
                ADMIN_CLASS,
                "dbms",
                "set-initial-password",
                settings.password,
            ],
            env=_server_env(settings),
            what="setting the initial Neo4j password",
        )


def _install_jars(settings: Neo4jSettings) -> None:
    """Copy the server classpath into <home>/lib with Maven, offline first, if the pom changed."""
    lib = settings.home / "lib"
    stamp = lib / ".pom-sha256"
    pom = POM.read_bytes()
    digest = hashlib.sha256(pom).hexdigest()
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return
    if _server_pid(settings) is not None:
        raise Neo4jServerError(f"stop the server in {settings.home} before its jars are replaced")
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven (mvn) is not on PATH; it is needed to fetch the Neo4j jars")
    shutil.rmtree(lib, ignore_errors=True)
    build = settings.home / "build"  # Maven writes target/ beside the pom: never inside the installed package
    build.mkdir(parents=True, exist_ok=True)
    (build / "pom.xml").write_bytes(pom)
    command = [mvn, "-q", "-B", "-f", str(build / "pom.xml"), "package", f"-Dneo4j.lib.dir={lib}"]
    offline = subprocess.run([command[0], "-o", *command[1:]], capture_output=True, text=True, check=False)
    if offline.returncode != 0:
        shutil.rmtree(lib, ignore_errors=True)
        _run(command, env=None, what="fetching the Neo4j jars with Maven")
    stamp.write_text(digest, encoding="utf-8")


def _config_text(settings: Neo4jSettings) -> str:
    """Return neo4j.conf for a loopback-only server with auth and without HTTP."""
    lines = [
        "# Written by vn-cascade (loaders/neo4j/server.py); changes are overwritten.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.bolt_port}",
        "server.bolt.tls_level=DISABLED",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "# No file URLs for LOAD CSV, and an import directory that stays empty.",
        "dbms.security.allow_csv_import_from_file_urls=false",
        f"server.directories.import={settings.home / 'import'}",
        "server.memory.pagecache.size=128m",
        "db.tx_log.preallocate=false",
        "dbms.usage_report.enabled=false",
        "# Bolt otherwise waits twice 5 s for Netty's quiet period when stopping.",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    ]
    return "\n".join(lines) + "\n"


def _java() -> str:
    """Return the java executable, from JAVA_HOME or PATH."""
    java = java_executable()
    if java is None:
        raise Neo4jServerError("java is not on PATH; Neo4j 5.26 needs Java 17 or 21")
    return java


def _server_env(settings: Neo4jSettings) -> dict[str, str]:
    """Return the environment for Neo4j's Java processes."""
    return {
        **os.environ,
        "NEO4J_HOME": str(settings.home),
        "NEO4J_CONF": str(settings.home / "conf"),
    }


def _run(command: list[str], env: Mapping[str, str] | None, what: str) -> None:
    """Run command, raising Neo4jServerError with the tail of its output when it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except OSError as exc:
        raise Neo4jServerError(f"{what} failed: {exc}") from exc
    if done.returncode != 0:
        output = tail((done.stderr or "") + (done.stdout or ""), LOG_TAIL_LINES)
        raise Neo4jServerError(f"{what} failed (exit {done.returncode}):\n{output}")


def _pid_file(settings: Neo4jSettings) -> Path:
    """Return the file that holds the managed server's process id."""
    return settings.home / "run" / "neo4j.pid"


def _launch(settings: Neo4jSettings) -> int:
    """Start the server detached in its own session and process group and record its pid."""
    home = settings.home
    java = _java()
    classpath = os.pathsep.join(str(home / sub / "*") for sub in ("plugins", "conf", "lib"))
    command = [
        java,
        f"-Xms{settings.heap}",
        f"-Xmx{settings.heap}",
        *JVM_OPTIONS,
        "-cp",
        classpath,
        MAIN_CLASS,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",
    ]
    log = os.open(home / "logs" / "console.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        # posix_spawn rather than Popen(start_new_session=True): the server outlives this
        # process on purpose, and a Popen object would warn that it is still running.
        pid = os.posix_spawn(
            java,
            command,
            _server_env(settings),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log, 1),
                (os.POSIX_SPAWN_DUP2, log, 2),
            ],
            setsid=True,
        )
    except OSError as exc:
        raise Neo4jServerError(f"could not run {java}: {exc}") from exc
    finally:
        os.close(log)
    _pid_file(settings).write_text(f"{pid}\n", encoding="utf-8")
    return pid


def _wait_until_answering(settings: Neo4jSettings, pid: int, deadline: float) -> None:
    """Poll Bolt until the server answers; stop it and raise if it exits or the deadline passes."""
    with driver(settings, **PROBE_CONFIG) as drv:
        while True:
            exit_code = reap(pid)
            if exit_code is not None or not alive(pid):
                _pid_file(settings).unlink(missing_ok=True)
                raise Neo4jServerError(
                    f"Neo4j exited during start-up ({_exit_meaning(exit_code)}); "
                    f"last lines of {settings.home / 'logs' / 'console.log'}:\n"
                    f"{_console_tail(settings)}"
                )
            try:
                drv.verify_connectivity()
                return
            except ServiceUnavailable:
                pass
            except AuthError as exc:
                stop(settings)
                raise _password_rejected(settings) from exc
            if time.monotonic() > deadline:
                stop(settings)
                raise Neo4jServerError(
                    f"Neo4j did not answer at {settings.uri} in time and was stopped; "
                    f"last lines of console.log:\n{_console_tail(settings)}"
                )
            time.sleep(0.5)


def _exit_meaning(exit_code: int | None) -> str:
    """Explain a server exit code (unknown when the server was not this process's child)."""
    if exit_code is None:
        return "exit code unknown"
    return f"exit code {exit_code}: {EXIT_CODES.get(exit_code, 'failure')}"


def _console_tail(settings: Neo4jSettings) -> str:
    """Return the last lines of the server's console log."""
    log = settings.home / "logs" / "console.log"
    return tail(log.read_text(encoding="utf-8", errors="replace"), LOG_TAIL_LINES) if log.exists() else ""


def _answers(settings: Neo4jSettings) -> bool:
    """Tell whether a server answers Bolt at the settings' uri; raise if it rejects the login."""
    try:
        with driver(settings, **PROBE_CONFIG) as drv:
            drv.verify_connectivity()
    except AuthError as exc:
        raise _password_rejected(settings) from exc
    except ServiceUnavailable:
        return False
    return True


def _password_rejected(settings: Neo4jSettings) -> Neo4jServerError:
    """Return the error for a server that refuses the configured password."""
    hint = (
        f"; if it is vn-cascade's own server, its store in {settings.home / 'data'} was set up "
        "with another password (set VN_CASCADE_NEO4J_PASSWORD to it, or delete that folder)"
        if settings.managed
        else ""
    )
    return Neo4jServerError(f"the server at {settings.uri} rejected the password for {settings.user!r}{hint}")


def _require_free_port(settings: Neo4jSettings) -> None:
    """Raise if another program already listens on the Bolt port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        if sock.connect_ex(("127.0.0.1", settings.bolt_port)) == 0:
            raise Neo4jServerError(
                f"port {settings.bolt_port} on 127.0.0.1 is taken by a program that does not "
                "answer as Neo4j; set VN_CASCADE_NEO4J_PORT to another port"
            )


def _server_pid(settings: Neo4jSettings) -> int | None:
    """Return the pid of this home's running server, dropping a stale pid file."""
    pid_file = _pid_file(settings)
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except (FileNotFoundError, ValueError):
        return None
    reap(pid)
    if alive(pid) and _is_our_server(pid, settings.home):
        return pid
    pid_file.unlink(missing_ok=True)
    return None


def _is_our_server(pid: int, home: Path) -> bool:
    """Tell whether pid runs the Neo4j server of home (trusted where /proc is missing)."""
    if not Path("/proc/self/cmdline").exists():
        return True
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return MAIN_CLASS.encode() in args and f"--home-dir={home}".encode() in args
