"""API test set-up: real apps over real SQLite files (the examples, and a small hand-made corpus)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from silkgraph.api.app import create_app
from silkgraph.config import Settings
from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.resolve import resolve_store
from silkgraph.store import open_store
from silkgraph.store.base import Judgement

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


def _ent(key: str, name: str, type_: str, text: str, **attrs: object) -> Entity:
    start = text.index(name)
    return Entity(key, name, type_, [Mention(name, start, start + len(name))], attrs=dict(attrs))


def build_trade_corpus(db: Path) -> None:
    """Two outlets report one wheat shipment with different values; two spellings of one man."""
    texts = {
        "d1": "Kazakhstan exported wheat worth $100 million to China in May, "
              "Rustem Minnikhanov said.",
        "d2": "Kazakhstan shipped wheat worth $120 million to China in May, "
              "Rustam Minikhanov told reporters.",
    }
    meta = {"d1": ("Xinhua", "2025-06-01"), "d2": ("Kazinform", "2025-06-02")}
    store = open_store(str(db))
    for doc_id, text in texts.items():
        store.add_document(Document(doc_id, text, outlet=meta[doc_id][0],
                                    published=meta[doc_id][1], title=f"Wheat report {doc_id}"))
        person = "Rustem Minnikhanov" if doc_id == "d1" else "Rustam Minikhanov"
        ents = [_ent("kz", "Kazakhstan", "GPE", text, code="KZ", country="KZ",
                     place_kind="country"),
                _ent("cn", "China", "GPE", text, code="CN", country="CN", place_kind="country",
                     lat=39.9, lon=116.4),
                _ent("p", person, "PERSON", text)]
        usd = 100e6 if doc_id == "d1" else 120e6
        ev = Event("ev1", "TRADE", "exported" if doc_id == "d1" else "shipped", 0,
                   text.index(" in May"), text[:text.index(" in May")], date="2025-05",
                   participants=["kz", "cn"], amount_usd=usd, commodities=["wheat"])
        store.save_extraction(Extraction(doc_id, "test", entities=ents, events=[ev]))
    resolve_store(store)
    store.save_judgement(Judgement("entity", "d1#p", "d2#p", "unsure", 0.7,
                                   {"name_similar": 0.9}))
    store.close()


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
