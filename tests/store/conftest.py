"""Store fixtures: every store test runs against a SQLite file and a real PostgreSQL server.

The server is a throw-away cluster (initdb in a temporary folder, a free port on
127.0.0.1), started once per test session and stopped at the end; each test gets a fresh
database in it. PostgreSQL refuses to run as root, so as root the cluster runs as the
``postgres`` user. Without PostgreSQL installed the PostgreSQL half is skipped.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from silkgraph.store import Store
from silkgraph.store.sqlite import SQLiteStore

_counter = itertools.count()


def find_bin_dir() -> Path | None:
    """The newest PostgreSQL server's bin folder (Debian layout), or the one on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parent.parent.name)
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A throw-away PostgreSQL cluster in a temporary folder."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="silkgraph-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        # PostgreSQL will not run as root: hand the folder to the postgres user.
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres", "postgres")
        self.user = "postgres" if self.prefix else os.environ.get("USER", "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def start(self) -> None:
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        opts = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            opts,
            "-l",
            str(self.root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(
                str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_server() -> tuple[PgServer | None, str]:
    """Start a cluster, or say why not (not installed, no psycopg, start failed)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'silkgraph[postgres]')"
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None, "PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql)"
    server = PgServer(bin_dir)
    try:
        server.start()
    except (subprocess.SubprocessError, OSError, LookupError) as e:
        detail = getattr(e, "stderr", "") or str(e)
        shutil.rmtree(server.root, ignore_errors=True)
        return None, f"PostgreSQL did not start: {detail.strip()[:300]}"
    return server, ""


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server, reason = start_server()
    if server is None:
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.create_database(f"t{next(_counter)}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        s: Store = SQLiteStore(tmp_path / "t.db")
    else:
        from silkgraph.store.postgres import PostgresStore

        s = PostgresStore(request.getfixturevalue("pg_url"))
    try:
        yield s
    finally:
        s.close()
