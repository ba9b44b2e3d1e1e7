"""API test set-up: real apps over real SQLite files (the examples, and a small hand-made corpus)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from trade_corpus import build_trade_corpus

from silkgraph.api.app import create_app
from silkgraph.config import Settings

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def client(examples_db: Path) -> Iterator[TestClient]:
    """Read-only client over the ingested examples (no token: writes are off)."""
    with TestClient(create_app(Settings(db=str(examples_db)))) as c:
        yield c


@pytest.fixture()
def writable_db(examples_db: Path, tmp_path: Path) -> Path:
    """A private copy of the examples store that a test may change."""
    db = tmp_path / "copy.db"
    shutil.copyfile(examples_db, db)
    return db


@pytest.fixture()
def writer(writable_db: Path) -> Iterator[TestClient]:
    settings = Settings(db=str(writable_db), token=TOKEN, max_request_bytes=50_000)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture()
def trade_db(tmp_path: Path) -> Path:
    db = tmp_path / "trade.db"
    build_trade_corpus(db)
    return db


@pytest.fixture()
def trade_client(trade_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(trade_db), token=TOKEN))) as c:
        yield c


@pytest.fixture()
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
