"""Serving a store to real headless Chromium: a uvicorn server on a free loopback port and
pages that record script errors, console errors and requests that leave the server.

A module of its own (not conftest.py), so test files can import it by a name no other
test folder uses.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from silkgraph.api.app import create_app
from silkgraph.config import Settings
from silkgraph.web.assets import missing

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "browser-token"
# A name that resolves to the loopback server, as a DNS-rebinding attacker's name would.
REBIND_HOST = "rebind.attacker.test"
# Screenshots go to a scratch folder; `make screenshots` points this at docs/screenshots.
SHOTS = Path(
    os.environ.get("SILKGRAPH_SCREENSHOTS") or Path(tempfile.gettempdir()) / "silkgraph-screenshots"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--host-resolver-rules=MAP {REBIND_HOST} 127.0.0.1",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """A store served by uvicorn in a thread on a free loopback port, writes allowed."""
    import uvicorn

    if missing():
        pytest.skip("front-end files are not installed: run `make install` (npm ci + assets)")
    port = _free_port()
    app = create_app(Settings(db=str(db), token=TOKEN))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@contextmanager
def open_page(
    browser: object, server: str, width: int = 1366, height: int = 860, **options: object
) -> Iterator[object]:
    """A fresh page that records script errors, console errors and every request leaving
    the loopback server (``options`` go to the browser context: colour scheme, touch)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.errors = []
    pg.foreign = []
    pg.console_errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:")) else pg.foreign.append(r.url),
    )
    try:
        yield pg
    finally:
        context.close()
