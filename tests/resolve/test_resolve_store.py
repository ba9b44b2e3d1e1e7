"""Store resolution with events waiting on disk: the same clusters as the in-memory path."""

from __future__ import annotations

from array import array
from pathlib import Path

from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.resolve import EventSpill, _group_order, resolve_store
from silkgraph.resolve.events import resolve_events
from silkgraph.store import open_store
from silkgraph.store.base import Store

WIRE = "Acme Mining and Beta Rail signed a freight agreement worth 40 million dollars in Almaty."
OTHER = "Gamma Steel opened a rolling mill near Karaganda with Delta Engineering on 3 May 2025."


def _ent(key: str, name: str, type_: str, text: str) -> Entity:
    start = max(text.find(name), 0)
    return Entity(key, name, type_, [Mention(name, start, start + len(name))])


def _doc(store: Store, doc_id: str, outlet: str, text: str, events: list[Event]) -> None:
    # Each document's own byline keeps the store from taking copies for one document.
    text = f"{outlet} reports. {text}"
    store.add_document(Document(doc_id, text, outlet=outlet, published="2025-05-04"))
    ents = [
        _ent("a", "Acme Mining", "ORG", text),
        _ent("b", "Beta Rail", "ORG", text),
        _ent("g", "Gamma Steel", "ORG", text),
        _ent("d", "Delta Engineering", "ORG", text),
    ]
    store.save_extraction(Extraction(doc_id, "test", entities=ents, events=events))


def _agreement(key: str, evidence: str = WIRE, date: str | None = "2025-05") -> Event:
    return Event(key, "AGREEMENT", "signed", 0, 20, evidence, date=date, participants=["a", "b"])


def _opening(key: str) -> Event:
    return Event(
        key, "INVESTMENT", "opened", 0, 20, OTHER, date="2025-05-03", participants=["g", "d"]
    )


def _corpus(db: Path) -> Store:
    """Wire copies in many outlets, a retelling in other words, and a second event."""
    store = open_store(str(db))
    for i in range(12):
        _doc(store, f"w{i:02}", f"Outlet {i}", WIRE, [_agreement("e1")])
    retold = "Beta Rail and Acme Mining agreed a rail freight deal, the companies said."
    _doc(store, "r1", "Daily", retold, [_agreement("e1", retold)])
    _doc(store, "o1", "Weekly", OTHER + " " + WIRE, [_opening("e1"), _agreement("e2")])
    _doc(store, "o2", "Monthly", OTHER, [_opening("e1")])
    return store


def test_the_spill_reads_back_every_event_in_order_and_by_position() -> None:
    events = [_agreement(f"e{i}", date=f"2025-05-{i + 1:02}") for i in range(5)]
    with EventSpill() as spill:
        for i, ev in enumerate(events):
            spill.add(i // 2, f"Outlet {i}", None, ev)
        assert len(spill) == 5
        assert [rec[3] for rec in spill] == events
        assert spill.get(3) == (1, "Outlet 3", None, events[3])
        assert spill.get(0)[3] == events[0]  # random access after a full pass


def test_clusters_come_out_in_the_order_of_their_first_event() -> None:
    order, starts = _group_order(array("I", [4, 1, 4, 7, 1, 4]))
    groups = [order[a:b].tolist() for a, b in zip(starts[:-1], starts[1:], strict=True)]
    assert groups == [[0, 2, 5], [1, 4], [3]]
    empty_order, empty_starts = _group_order(array("I"))
    assert len(empty_order) == 0 and empty_starts.tolist() == [0]


def test_store_resolution_clusters_as_the_in_memory_path_does(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    report = resolve_store(store)
    assert report.doc_events == 16
    links = store.event_links()
    # Twelve wire copies, the retelling and the copy inside a longer article: one event.
    agreement = {links[(d, "e1")] for d in [f"w{i:02}" for i in range(12)] + ["r1"]}
    assert agreement == {links[("o1", "e2")]}
    assert links[("o1", "e1")] == links[("o2", "e1")] != links[("o1", "e2")]
    assert report.events == len(set(links.values())) == 2
    # The streamed path and the in-memory one agree on every cluster.
    extractions = [store.get_extraction(d) for d in sorted({d for d, _ in links})]
    docs = {e.doc_id: store.get_document(e.doc_id) for e in extractions if e}
    memory = resolve_events([e for e in extractions if e], store.entity_links(), docs)
    assert {frozenset(ev.members) for ev in memory} == {
        frozenset(k for k, v in links.items() if v == eid) for eid in set(links.values())
    }
    # Each source's version is written with its evidence, read back from disk.
    event = store.get_event(links[("r1", "e1")])
    assert event is not None
    versions = {v["doc_id"]: v for v in event.data["versions"]}
    assert len(versions) == 14
    assert versions["r1"]["evidence"].startswith("Beta Rail and Acme Mining")
    assert versions["w03"]["outlet"] == "Outlet 3"
    store.close()


def test_a_store_without_events_resolves_to_no_events(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "e.db"))
    _doc(store, "x", "Outlet", WIRE, [])
    report = resolve_store(store)
    assert (report.doc_events, report.events, report.entities) == (0, 0, 4)
    assert store.event_links() == {}
    store.close()
