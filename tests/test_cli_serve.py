"""``silkgraph serve`` as a real subprocess: what it refuses to bind, and the Host check."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]
Started = Callable[..., str]
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "silkgraph"


def _env(**extra: str) -> dict[str, str]:
    drop = ("SILKGRAPH_DB", "SILKGRAPH_TOKEN", "SILKGRAPH_ALLOWED_HOSTS", "SILKGRAPH_PUBLIC_READ")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, **extra}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "example.org"])
def test_open_bind_without_a_token_is_refused(run_cli: RunCli, tmp_path: Path, host: str) -> None:
    res = run_cli("serve", "--db", tmp_path / "s.db", "--host", host, env=_env(), timeout=60)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: refusing to serve on") and "--public-read" in lines[0]
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "s.db").exists(), "nothing is opened before the refusal"


@pytest.fixture()
def start(run_cli: RunCli, tmp_path: Path) -> Iterator[Started]:
    """Start ``silkgraph serve`` with the given options; returns its base URL once it answers."""
    procs: list[subprocess.Popen[str]] = []

    def run(*args: str, env: dict[str, str] | None = None) -> str:
        port = _free_port()
        proc = subprocess.Popen(
            [str(BIN), "serve", "--db", str(tmp_path / "s.db"), "--port", str(port), *args],
            env=env or _env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"serve exited: {proc.communicate()[1]}")
            try:
                urllib.request.urlopen(base + "/api/health", timeout=2).close()
                return base
            except OSError:
                time.sleep(0.2)
        raise AssertionError("serve did not answer within 60 s")

    yield run
    for proc in procs:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def _status(url: str, host: str | None = None, data: bytes | None = None) -> int:
    req = urllib.request.Request(url, data=data, headers={"Host": host} if host else {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return int(res.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def test_public_read_opens_reads_only(start: Started) -> None:
    base = start("--host", "0.0.0.0", "--public-read", "--allowed-host", "silk.example")
    assert _status(base + "/api/health") == 200
    assert _status(base + "/api/health", host="silk.example:8000") == 200
    assert _status(base + "/api/health", host="rebind.attacker.example") == 400
    body = json.dumps({"documents": [{"text": "Kazakhstan signed a deal."}]}).encode()
    assert _status(base + "/api/documents", data=body) == 403, "writes stay off without a token"


def test_loopback_serve_checks_the_host_header(start: Started) -> None:
    base = start()
    assert _status(base + "/api/health", host="localhost") == 200
    assert _status(base + "/api/health", host="[::1]:8000") == 200
    assert _status(base + "/api/health", host="evil.example") == 400
    assert _status(base + "/api/health", host="testserver") == 400, "not served by default"
