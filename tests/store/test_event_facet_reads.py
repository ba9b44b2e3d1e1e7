"""The event list's modality and outlet facets, read from ``event_facets``, on SQLite and a
real PostgreSQL server: events whose reports differ in modality and outlet give, for every
combination of filters, the counts and lists that the reports' versions themselves give."""

from __future__ import annotations

import itertools
from typing import Any

from silkgraph.model import Document, Event, Extraction
from silkgraph.query import Filters
from silkgraph.query.lists import ListQuery, browse_events
from silkgraph.query.volume import event_volume
from silkgraph.store import Store, summaries
from silkgraph.store.base import CorpusEvent

# Each event's reports: (article's outlet, version's modality). An article without an
# outlet whose version names one (a report citing another outlet) is listed under the
# outlet it cites, as every other page lists it (decision 121); a version without a
# modality counts none.
REPORTS: dict[str, list[tuple[str | None, str | None]]] = {
    "v:a": [("Alpha", "planned"), ("Beta", "planned")],
    "v:b": [("Alpha", "realized"), (None, "planned"), ("Alpha", "realized")],
    "v:c": [("Gamma", "denied")],
    "v:d": [(None, None), ("", "realized")],
    "v:e": [("Beta", "realized"), ("Gamma", "planned")],
    "v:f": [(None, "denied")],
}
TYPES = {"v:a": "TRADE", "v:b": "AGREEMENT", "v:c": "TRADE", "v:d": "TRADE"}
MODALITIES = ("planned", "realized", "denied")
CITED = "Kazinform"
OUTLETS = ("Alpha", "Beta", "Gamma", CITED)


def etype(event_id: str) -> str:
    return TYPES.get(event_id, "INVESTMENT")


def build(store: Store) -> None:
    events, versions = [], []
    for event_id, reports in REPORTS.items():
        members = []
        for j, (outlet, modality) in enumerate(reports):
            doc_id = f"d-{event_id[2:]}{j}"
            store.add_document(Document(doc_id, f"Report {doc_id}: a deal.", outlet=outlet))
            store.save_extraction(
                Extraction(doc_id, "p1", events=[Event("v0", etype(event_id), "deal", 0, 4, "")])
            )
            members.append((doc_id, "v0"))
            version: dict[str, Any] = {"doc_id": doc_id, "key": "v0", "participants": []}
            # The version's outlet is the article's, else the one the report cites.
            version["outlet"] = outlet or CITED
            if modality is not None:
                version["modality"] = modality
            versions.append((doc_id, "v0", version))
        data = {"versions": [v for d, _, v in versions if d.startswith(f"d-{event_id[2:]}")]}
        events.append(
            CorpusEvent(event_id, etype(event_id), "2025-01-01", None, None, data, members)
        )
    store.save_resolution([], events, [], versions)


def values(event_id: str, facet: str) -> set[str]:
    if facet == "outlet":
        return {outlet or CITED for outlet, _ in REPORTS[event_id]}
    return {modality for _, modality in REPORTS[event_id] if modality}


def passes(event_id: str, chosen: dict[str, list[str]], skip: str | None = None) -> bool:
    for facet, wanted in chosen.items():
        if facet == skip or not wanted:
            continue
        have = {etype(event_id)} if facet == "type" else values(event_id, facet)
        if not have & set(wanted):
            return False
    return True


def expected_counts(chosen: dict[str, list[str]], facet: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for event_id in REPORTS:
        if passes(event_id, chosen, skip=facet):
            have = {etype(event_id)} if facet == "type" else values(event_id, facet)
            for value in have:
                counts[value] = counts.get(value, 0) + 1
    for value in chosen.get(facet, []):
        counts.setdefault(value, 0)
    return counts


def choices(options: tuple[str, ...]) -> list[list[str]]:
    """No value, each value alone, the first two together and the last two together."""
    return [[], *([o] for o in options), list(options[:2]), list(options[-2:])]


def _facet(page: dict[str, Any], name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in page["facets"][name]}


def test_every_filter_combination_counts_what_the_reports_say(store: Store) -> None:
    build(store)
    combos = itertools.product(choices(MODALITIES), choices(OUTLETS), [[], ["TRADE"]])
    for modality, outlet, type_ in combos:
        chosen = {"modality": modality, "outlet": outlet, "type": type_}
        page = browse_events(store, ListQuery({k: v for k, v in chosen.items() if v}))
        want = sorted(e for e in REPORTS if passes(e, chosen))
        assert page["total"] == len(want), chosen
        assert sorted(item["id"] for item in page["items"]) == want, chosen
        for facet in ("modality", "outlet", "type"):
            assert _facet(page, facet) == expected_counts(chosen, facet), (chosen, facet)
            selected = {v["value"] for v in page["facets"][facet] if v["selected"]}
            assert selected == set(chosen[facet]), (chosen, facet)


def test_whole_list_counts_each_event_once_per_value(store: Store) -> None:
    build(store)
    page = browse_events(store, ListQuery())
    # v:b has two realized reports from Alpha: one event, counted once.
    assert _facet(page, "modality") == {"planned": 3, "realized": 3, "denied": 2}
    # v:b's article without an outlet cites one, as do v:d's and v:f's.
    assert _facet(page, "outlet") == {"Alpha": 2, "Beta": 2, "Gamma": 2, CITED: 3}


def test_migration_fills_the_rows_that_resolution_writes(store: Store) -> None:
    """Migrations 009 (modalities) and 011 (outlets) give an existing store the rows that
    ``summaries.refresh`` writes."""
    build(store)
    read = "SELECT event_id, facet, value FROM event_facets ORDER BY facet, value, event_id"
    written = [(r["event_id"], r["facet"], r["value"]) for r in store.select(read)]
    assert ("v:b", "outlet", "Alpha") in written and ("v:d", "modality", "realized") in written
    assert ("v:f", "outlet", CITED) in written
    migrations = dict(store.migrations())  # type: ignore[attr-defined]
    inserts = [s for s in migrations[9].split(";") if "'modality'" in s and "INSERT INTO" in s]
    inserts += [s for s in migrations[11].split(";") if "INSERT INTO" in s]
    assert len(inserts) == 2
    with summaries._transaction(store) as (cur, dialect):
        c = summaries.PgCursor(cur) if dialect == "postgres" else cur
        c.execute("DELETE FROM event_facets")
        for statement in inserts:
            c.execute(statement)
    assert [(r["event_id"], r["facet"], r["value"]) for r in store.select(read)] == written


def test_resolving_again_replaces_the_rows(store: Store) -> None:
    """A resolution that joins v:c into v:a and drops a report rewrites the facets."""
    build(store)
    ev = CorpusEvent("v:a", "TRADE", "2025-01-01", None, None, {}, [("d-a0", "v0"), ("d-c0", "v0")])
    versions = [
        ("d-a0", "v0", {"doc_id": "d-a0", "key": "v0", "modality": "planned", "outlet": "Alpha"}),
        ("d-c0", "v0", {"doc_id": "d-c0", "key": "v0", "modality": "denied", "outlet": "Gamma"}),
    ]
    store.save_resolution([], [ev], [], versions)
    page = browse_events(store, ListQuery())
    assert page["total"] == 1
    assert _facet(page, "modality") == {"planned": 1, "denied": 1}
    assert _facet(page, "outlet") == {"Alpha": 1, "Gamma": 1}
    rows = store.select("SELECT DISTINCT event_id FROM event_facets")
    assert [r["event_id"] for r in rows] == ["v:a"]


def test_the_timeline_means_the_same_outlet_as_the_list(store: Store) -> None:
    """The volume chart's outlet filter keeps the events the list's outlet facet keeps."""
    build(store)
    for outlet in OUTLETS:
        listed = browse_events(store, ListQuery({"outlet": [outlet]}))["total"]
        volume = event_volume(store, Filters(outlet=outlet))
        charted = volume["total"] + volume["no_month"]
        assert charted == listed == sum(outlet in values(e, "outlet") for e in REPORTS), outlet
