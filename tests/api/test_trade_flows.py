"""Trade flows over a real SQLite store: directions per clause, turnover apart, values once.

Invented articles; the extractions are written by hand (the extractor's reading of such
sentences is tested in tests/extract/test_trade_direction.py), stored and resolved for real.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from silkgraph.api.app import create_app
from silkgraph.config import Settings
from silkgraph.model import Document, Entity, Event, Extraction, Mention, TradeFlow
from silkgraph.query.exports import trade_records
from silkgraph.resolve import resolve_store
from silkgraph.store import open_store

CODES = {"Freedonia": "FD", "Sylvania": "SY", "Mongolia": "MN"}
TEXTS = {
    "two-ways": "Freedonia will export tea worth $20 million to Sylvania and import rice "
    "from Mongolia.",
    "turnover": "Trade turnover between Freedonia and Mongolia reached $4 billion.",
    "vague": "Supplies of grain between Freedonia and Sylvania rose.",
}


def _ents(text: str) -> list[Entity]:
    out = []
    for name, code in CODES.items():
        if name in text:
            s = text.index(name)
            attrs = {"code": code, "country": code, "place_kind": "country"}
            out.append(
                Entity(
                    name[:2].lower(), name, "GPE", [Mention(name, s, s + len(name))], attrs=attrs
                )
            )
    return out


def _event(doc_id: str, text: str, **kw: Any) -> Event:
    return Event("t1", "TRADE", "trade", 0, len(text), text, participants=kw.pop("parts"), **kw)


def build(db: Path) -> None:
    store = open_store(str(db))
    for i, (doc_id, text) in enumerate(TEXTS.items()):
        store.add_document(Document(doc_id, text, published=f"2024-0{i + 1}-02", title=doc_id))
    events = {
        "two-ways": _event(
            "two-ways",
            TEXTS["two-ways"],
            parts=["fr", "sy", "mo"],
            amount_usd=2e7,
            commodities=["tea", "rice"],
            exporter="fr",
            importer="sy",
            flows=[
                TradeFlow("export", "export", 15, 21, "fr", "sy", [], ["tea"], 2e7),
                TradeFlow("import", "import", 58, 64, "mo", "fr", [], ["rice"], None),
            ],
        ),
        "turnover": _event(
            "turnover",
            TEXTS["turnover"],
            parts=["fr", "mo"],
            amount_usd=4e9,
            date="--03-01",
            flows=[TradeFlow("turnover", "turnover", 6, 14, parties=["fr", "mo"], amount_usd=4e9)],
        ),
        # Read before flows existed: only the event's own (absent) direction.
        "vague": _event("vague", TEXTS["vague"], parts=["fr", "sy"], commodities=["grain"]),
    }
    for doc_id, ev in events.items():
        store.save_extraction(
            Extraction(doc_id, "test", entities=_ents(TEXTS[doc_id]), events=[ev])
        )
    resolve_store(store)
    store.close()


@pytest.fixture(scope="module")
def flows_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("flows") / "flows.db"
    build(db)
    with TestClient(create_app(Settings(db=str(db)))) as c:
        yield c


def _rows(body: dict[str, Any]) -> list[tuple[str, str, str, list[str], float | None]]:
    return sorted(
        (
            f["kind"],
            f["exporter"]["name"],
            f["importer"]["name"],
            [c["name"] for c in f["commodities"]],
            f["usd"],
        )
        for f in body["flows"]
    )


def test_each_clause_is_its_own_flow(flows_client: TestClient) -> None:
    body = flows_client.get("/api/trade-flows").json()
    assert _rows(body) == [
        ("export", "Freedonia", "Sylvania", ["tea"], 2e7),
        ("import", "Mongolia", "Freedonia", ["rice"], None),
        ("supply", "unspecified", "unspecified", ["grain"], None),
    ]


def test_turnover_is_not_a_direction_and_values_count_once(flows_client: TestClient) -> None:
    body = flows_client.get("/api/trade-flows").json()
    (turnover,) = body["turnover"]
    assert sorted(p["name"] for p in turnover["parties"]) == ["Freedonia", "Mongolia"]
    # "March 1" in an article of 2024: filed under 2024, and says where the year came from.
    assert turnover["usd"] == 4e9 and turnover["year"] == "2024"
    assert turnover["year_source"] == "publication date"
    undated = [f for f in body["flows"] if f["commodities"][0]["name"] == "grain"]
    assert undated[0]["year"] is None
    # The event's $20 M is counted on its export clause only; turnover stays apart.
    assert body["totals"] == {"directed_usd": 2e7, "turnover_usd": 4e9}
    assert all(f["kind"] != "turnover" for f in body["flows"])


def test_trade_page_describes_what_it_shows(flows_client: TestClient) -> None:
    html = flows_client.get("/trade").text
    assert "Two-way trade (turnover)" in html
    assert "nothing is guessed from the order" in html
    assert "first country named" not in html
    assert "Freedonia and Mongolia" in html or "Mongolia and Freedonia" in html
    assert "year unknown" in html and "inferred from the publication date" in html


def test_trade_exports_hold_every_row_in_the_page_order(flows_client: TestClient) -> None:
    """CSV and JSON of the trade page: the rows of every page, flows then turnover, as the
    page's own query reads them (issue 17)."""
    body = flows_client.get("/api/trade-flows").json()
    flows, turnover = body["flows"], body["turnover"]
    assert flows and turnover
    got = flows_client.get("/trade.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert int(got.headers["X-Rows"]) == len(rows) == len(flows) + len(turnover)
    assert [r["list"] for r in rows] == ["flow"] * len(flows) + ["turnover"] * len(turnover)
    for row, f in zip(rows, flows, strict=False):
        assert (row["exporter"], row["importer"], row["event_id"]) == (
            f["exporter"]["name"],
            f["importer"]["name"],
            f["event"]["id"],
        )
        assert row["goods"] == "; ".join(c["name"] for c in f["commodities"])
        assert row["usd"] == ("" if f["usd"] is None else f"{f['usd']:.0f}")
    assert {r["parties"] for r in rows[len(flows) :]} == {
        "; ".join(p["name"] for p in t["parties"]) for t in turnover
    }
    # The JSON holds the same rows; read a row of each list at a time, the same again.
    as_json = flows_client.get("/api/trade-flows.json").json()
    assert [r["event_id"] for r in as_json] == [r["event_id"] for r in rows]
    store = open_store(flows_client.app.state.settings.db)  # type: ignore[attr-defined]
    try:
        assert list(trade_records(store, batch=1)) == as_json
    finally:
        store.close()
    assert flows_client.get("/trade.xml").status_code == 404
