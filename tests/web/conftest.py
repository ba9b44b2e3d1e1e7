"""Browser test set-up: a real uvicorn server on a free loopback port, real headless Chromium."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from browsing import ARGS, CHROMIUM, REBIND_HOST, SHOTS, TOKEN, open_page, serving  # noqa: E402
from trade_corpus import build_trade_corpus  # noqa: E402

from silkgraph.web.assets import missing  # noqa: E402


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
