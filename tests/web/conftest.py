"""Browser test set-up: a real uvicorn server on a free loopback port, real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))
from trade_corpus import build_trade_corpus  # noqa: E402

from silkgraph.api.app import create_app  # noqa: E402
from silkgraph.config import Settings  # noqa: E402
from silkgraph.web.assets import missing  # noqa: E402

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


@pytest.fixture(scope="session")
def server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The examples plus a hand-made two-source corpus, served by uvicorn in a thread."""
    if missing():
        pytest.skip("front-end files are not installed: run `make install` (npm ci + assets)")
    db = tmp_path_factory.mktemp("web") / "web.db"
    shutil.copyfile(examples_db, db)
    build_trade_corpus(db)
    with serving(db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


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


@pytest.fixture()
def page(browser: object, server: str) -> Iterator[object]:
    """A fresh page on the shared test server."""
    with open_page(browser, server) as pg:
        yield pg


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def rebind_host() -> str:
    """A host name Chromium resolves to 127.0.0.1 (see ARGS): a DNS-rebinding attacker's."""
    return REBIND_HOST
