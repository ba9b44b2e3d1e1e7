"""The event page's source comparison is built from statements: the same versions and
comparison as resolution computed, on the ingested examples and a hand-made trade corpus."""

from __future__ import annotations

from pathlib import Path

from silkgraph import query
from silkgraph.query.events import source_versions
from silkgraph.resolve.events import compare
from silkgraph.store import open_store


def check_store(db: Path) -> int:
    store = open_store(str(db))
    try:
        events = store.list_events(limit=10**6)
        full = [store.get_event(ev.id) for ev in events]
        compared = 0
        for ev in full:
            assert ev is not None and ev.members
            built = source_versions(store, ev.members)
            assert built == ev.data["versions"], ev.id
            assert compare(built) == ev.data["comparison"], ev.id
            page = query.event(store, ev.id)
            assert [v["doc_id"] for v in page["versions"]] == sorted(d for d, _ in ev.members)
            compared += len(built) > 1
        return compared
    finally:
        store.close()


def test_examples_versions_from_statements(examples_db: Path) -> None:
    assert check_store(examples_db) > 0


def test_trade_versions_from_statements(trade_db: Path) -> None:
    check_store(trade_db)
