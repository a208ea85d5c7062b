"""A private PostgreSQL 15 server (Debian's ``postgresql`` package) in a temporary folder.

It listens on 127.0.0.1 at a free port and on a socket in its own folder, and runs as an
unprivileged user: PostgreSQL refuses to run as root, which CI is, so as root the data
folder is handed to ``nobody`` and every server command runs through ``runuser``. Every
command has a timeout, so a server that will not start fails the session instead of
hanging it. Used by the session fixture in ``tests/conftest.py`` and by the benchmarks.

Logins: the superuser ``annotator`` needs no password (trust, for the fixtures); the user
``alice`` must give the password ``PASSWORD`` (for the wrong-password test).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import psycopg


def _server_bin() -> Path:
    """Debian's server programs: ``ANNOTATOR_PG_BIN``, else the newest installed (15 here)."""
    if os.environ.get("ANNOTATOR_PG_BIN"):
        return Path(os.environ["ANNOTATOR_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = _server_bin()
SUPERUSER = "annotator"
PASSWORD_USER, PASSWORD = "alice", "wonderland-7"
TIMEOUT_S = 60


def available() -> bool:
    return (BIN / "pg_ctl").is_file() and shutil.which("runuser") is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """``with PgServer() as server:`` a running server; ``server.url(db)`` names a database."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable  # fsync on (benchmarks) or off (tests: faster, same semantics)
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        self._shared = False  # started by another process, which stops it

    @classmethod
    def running(cls, folder: Path) -> PgServer:
        """The server that ``python tests/pg_server.py FOLDER`` keeps running (its port is in
        ``FOLDER/port``): one server for many test processes (scripts/mutation)."""
        server = cls()
        shutil.rmtree(server.folder, ignore_errors=True)
        server.folder, server.data = folder, folder / "data"
        server.port = int((folder / "port").read_text())
        server._shared = True
        return server

    def _run(self, command: Sequence[str], timeout: float = TIMEOUT_S) -> None:
        prefix = ["runuser", "-u", "nobody", "--"] if self._as_root else []
        done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    def __enter__(self) -> PgServer:
        if self._shared:
            return self
        self.folder.chmod(0o755)  # nobody must reach its data folder through it
        self.data.mkdir(mode=0o700)
        if self._as_root:
            shutil.chown(self.folder, "nobody")
            shutil.chown(self.data, "nobody")
        self._run([str(BIN / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                   "--locale=C", "--no-sync"])  # fmt: skip
        hba = (
            f"local all {SUPERUSER} trust\nhost all {SUPERUSER} 127.0.0.1/32 trust\n"
            "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n"
        )
        (self.data / "pg_hba.conf").write_text(hba)
        try:
            self.start()
            with self.admin() as conn:
                conn.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
        except BaseException:
            self.__exit__()
            raise
        return self

    def start(self) -> None:
        options = [f"-p {self.port}", f"-k {self.folder}", "-c listen_addresses=127.0.0.1",
                   "-c max_connections=60", "-c shared_buffers=64MB"]  # fmt: skip
        if not self.durable:
            options += ["-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off"]
        log = self.folder / "server.log"
        self._run([str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-o", " ".join(options),
                   "-w", "-t", str(TIMEOUT_S), "start"], timeout=TIMEOUT_S + 10)  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop"], 40)

    def __exit__(self, *_: object) -> None:
        if self._shared:
            return
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=dbname,
                               autocommit=True, connect_timeout=10)  # fmt: skip

    def create_database(self, name: str) -> str:
        """A new empty database; returns its project URL."""
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def serve(folder: Path) -> None:
    """Run a server until SIGTERM or SIGINT, its port written to ``folder/port`` once it is up."""
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    with PgServer() as server:
        (server.folder / "port").write_text(str(server.port))
        folder.unlink(missing_ok=True)
        folder.symlink_to(server.folder)
        stop.wait()
    folder.unlink(missing_ok=True)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
