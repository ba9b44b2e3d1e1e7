"""The query layer's indexed reads, against SQLite and a real PostgreSQL server alike.

Here rather than under tests/query because the PostgreSQL server fixture lives in this
folder's conftest. A corpus of N articles is written through the Store protocol (documents,
extractions, a resolution with streamed memberships and versions), then read page by page.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from silkgraph import query
from silkgraph.errors import InputError, Moved, NotFound
from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.query import views
from silkgraph.store import Store
from silkgraph.store.base import CorpusEntity, CorpusEvent
from silkgraph.store.sqlite import SQLiteStore

PEOPLE = 7


def published(i: int) -> str | None:
    # Undated articles and several articles per day: ties the id must break.
    return None if i % 6 == 0 else f"2024-{i % 4 + 1:02d}-0{i % 3 + 1}"


def build(store: Store, n: int, start: int = 0) -> None:
    """Articles start..n-1, each naming Almaty and one of seven people, with one event."""
    for i in range(start, n):
        text = f"Almaty. Person {i % PEOPLE} signed a trade deal in Almaty, article {i}."
        store.add_document(Document(f"d{i:04d}", text, published=published(i), title=f"T{i}"))
        store.save_extraction(
            Extraction(
                f"d{i:04d}",
                "p1",
                entities=[
                    Entity("k0", "Almaty", "GPE", mentions=[Mention("Almaty", 0, 6)]),
                    Entity("k1", f"Person {i % PEOPLE}", "PERSON", [Mention("Person", 8, 16)]),
                ],
                events=[Event("v0", "TRADE" if i % 2 else "AGREEMENT", "deal", 26, 36, "deal")],
            )
        )
    resolve(store, n)


def resolve(store: Store, n: int) -> None:
    ents = [CorpusEntity("e:almaty", "Almaty", "GPE", [], {"code": "KZ"})]
    ents += [CorpusEntity(f"e:p{j}", f"Person {j}", "PERSON") for j in range(PEOPLE)]
    links = [(e, f"d{i:04d}", k) for i in range(n) for k, e in (("k0", "e:almaty"),)]
    links += [(f"e:p{i % PEOPLE}", f"d{i:04d}", "k1") for i in range(n)]
    events = [
        CorpusEvent(
            f"v:{i:04d}",
            "TRADE" if i % 2 else "AGREEMENT",
            None if i % 5 == 0 else f"2024-{i % 12 + 1:02d}-01",
            None,
            "e:almaty",
            {},
            [(f"d{i:04d}", "v0")],
        )
        for i in range(n)
    ]
    versions = [
        (
            f"d{i:04d}",
            "v0",
            {"doc_id": f"d{i:04d}", "key": "v0", "participants": ["e:almaty", f"e:p{i % PEOPLE}"]},
        )
        for i in range(n)
    ]
    store.save_resolution(ents, events, links, versions)


def walk(read: Any, limit: int = 4) -> list[dict[str, Any]]:
    """Every item of a list, following next_cursor from the first page."""
    items, cursor, pages = [], None, 0
    while True:
        page = read(limit=limit, cursor=cursor)
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor, pages = page["next_cursor"], pages + 1
        if cursor is None:
            return items
        assert pages < 1000


LISTS = {
    "documents": lambda s, **kw: query.list_documents(s, **kw),
    "entities": lambda s, **kw: query.list_entities(s, **kw),
    "events": lambda s, **kw: query.list_events(s, **kw),
    "trade events": lambda s, **kw: query.list_events(s, type_="TRADE", **kw),
    "people": lambda s, **kw: query.list_entities(s, type_="PERSON", **kw),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_cursor_pages_show_every_row_once_in_the_offset_order(store: Store, name: str) -> None:
    build(store, 23)
    read = LISTS[name]
    whole = read(store, limit=500)
    ids = [x["id"] for x in walk(lambda **kw: read(store, **kw))]
    assert ids == [x["id"] for x in whole["items"]]
    assert len(ids) == len(set(ids)) == whole["total"] > 4
    # Offset pages (what the pages used before cursors) give the same rows.
    by_offset = [
        x["id"]
        for o in range(0, whole["total"], 4)
        for x in read(store, offset=o, limit=4)["items"]
    ]
    assert by_offset == ids


def test_orders_are_newest_first_and_undated_last(store: Store) -> None:
    """Newest articles and latest events first, undated last; entities by articles, then name."""
    build(store, 23)
    docs = query.list_documents(store, limit=500)["items"]
    dates = [d["published"] or "" for d in docs]
    assert dates == sorted(dates, reverse=True) and dates[-1] == ""
    events = query.list_events(store, limit=500)["items"]
    assert [e["date"] or "" for e in events] == sorted(
        (e["date"] or "" for e in events), reverse=True
    )
    ents = query.list_entities(store, limit=500)["items"]
    assert ents[0]["id"] == "e:almaty" and ents[0]["n_docs"] == 23
    assert [(-e["n_docs"], e["name"]) for e in ents] == sorted(
        (-e["n_docs"], e["name"]) for e in ents
    )


def test_a_cursor_is_stable_under_inserts(store: Store) -> None:
    build(store, 20)
    first = query.list_documents(store, limit=5)
    second = query.list_documents(store, limit=5, cursor=first["next_cursor"])
    # New articles, newest of all and undated, arrive between two page reads.
    store.add_document(Document("d9998", "A new article.", published="2099-01-01"))
    store.add_document(Document("a0000", "An undated new article."))
    again = query.list_documents(store, limit=5, cursor=first["next_cursor"])
    assert [d["id"] for d in again["items"]] == [d["id"] for d in second["items"]]
    assert again["total"] == second["total"] + 2


@pytest.mark.parametrize(
    ("read", "other"),
    [("events", "entities"), ("entities", "documents"), ("documents", "events")],
)
def test_a_cursor_of_another_list_is_an_input_error(store: Store, read: str, other: str) -> None:
    build(store, 10)
    cursor = LISTS[other](store, limit=2)["next_cursor"]
    with pytest.raises(InputError, match=f"not a cursor of the {read} list"):
        LISTS[read](store, limit=2, cursor=cursor)
    for junk in ("%%%", "bm90IGpzb24", "WyJldmVudHMiXQ", "eyJhIjoxfQ"):
        with pytest.raises(InputError, match="^cursor: "):
            LISTS[read](store, limit=2, cursor=junk)


def test_entity_page_reads_its_events_network_and_mentions(store: Store) -> None:
    build(store, 30)
    ent = query.entity(store, "e:p3")
    docs = [f"d{i:04d}" for i in range(30) if i % PEOPLE == 3]
    assert ent["n_docs"] == len(docs) and ent["n_events"] == len(docs)
    assert sorted({m["doc_id"] for m in ent["mentions"]}) == docs
    assert sorted(e["id"] for e in ent["events"]) == [f"v:{d[1:]}" for d in docs]
    weights = {e["target"]: e["weight"] for e in ent["network"]["edges"]}
    # Almaty: in each of the person's articles, and in each of its events.
    assert weights == {"e:almaty": 2 * len(docs)}
    with pytest.raises(NotFound):
        query.entity(store, "e:nobody")


def test_article_and_event_pages_link_the_corpus(store: Store) -> None:
    build(store, 12)
    art = query.article(store, "d0005")
    assert [e["corpus_id"] for e in art["events"]] == ["v:0005"]
    assert art["events"][0]["headline"]
    assert {f["entity"] for f in art["facts"] if f["kind"] == "entity"} == {"e:almaty", "e:p5"}
    ev = query.event(store, "v:0005")
    assert ev["type"] == "TRADE" and [p["id"] for p in ev["participants"]] == ["e:almaty", "e:p5"]
    assert ev["versions"][0]["title"] == "T5"
    with pytest.raises(NotFound):
        query.event(store, "v:none")


def test_home_ranks_entities_by_articles_and_events(store: Store) -> None:
    build(store, 14)
    home = query.overview(store)
    # Almaty: 14 articles + 14 events; each person 2 articles + 2 events.
    assert [(e["id"], e["degree"]) for e in home["entities"][:2]] == [("e:almaty", 28), ("e:p0", 4)]
    assert len(home["events"]) == 8 and len(home["documents"]) == 8
    assert home["counts"]["documents"] == 14


def test_a_merged_entity_still_redirects(store: Store) -> None:
    build(store, 4)
    resolve(store, 4)
    store.save_resolution(
        [CorpusEntity("e:almaty", "Almaty", "GPE")],
        [],
        redirects={"entity": {"e:alma": "e:almaty"}},
    )
    with pytest.raises(Moved):
        query.entity(store, "e:alma")


def test_graph_joins_top_entities_and_latest_events(store: Store) -> None:
    build(store, 20)
    g = query.graph(store)
    ids = {n["id"] for n in g["nodes"]}
    assert {"e:almaty", "e:p0"} <= ids and {f"v:{i:04d}" for i in range(20)} <= ids
    co = {
        (e["source"], e["target"]): e["weight"] for e in g["edges"] if e["kind"] == "co-occurrence"
    }
    assert co[("e:almaty", "e:p0")] == len(range(0, 20, PEOPLE))
    people = query.graph(store, query.Filters(entity_type="PERSON"))
    assert all(n["type"] == "PERSON" for n in people["nodes"] if n["kind"] == "entity")
    march = query.graph(store, query.Filters(date_from="2024-03-01", date_to="2024-03-31"))
    # Co-occurrence counts only the articles published in March.
    assert march["edges"] and all(e["weight"] <= 3 for e in march["edges"])


def test_timeline_filters_by_date_and_counts_the_undated(store: Store) -> None:
    build(store, 30)
    whole = query.timeline(store)
    assert whole["total"] == 30 and not whole["truncated"]
    assert len(whole["documents"]) == len([i for i in range(30) if published(i)])
    march = query.timeline(store, query.Filters(date_from="2024-03-01", date_to="2024-03-31"))
    assert march["total"] == len([i for i in range(30) if i % 12 == 2 and i % 5])
    assert march["year_unknown_left_out"] == len(range(0, 30, 5))
    assert all(d["published"].startswith("2024-03") for d in march["documents"])


def test_map_counts_every_event_and_shows_the_latest(store: Store) -> None:
    build(store, 30)
    (almaty,) = query.places(store)["places"]
    assert almaty["country"] == "KZ" and almaty["n_events"] == 30 and almaty["n_docs"] == 30
    dates = [e["date"] or "" for e in almaty["events"]]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)


# bounded reads ------------------------------------------------------------------


class Rows:
    """Counts every row SQLite hands back, through the connection's row factory."""

    def __init__(self, store: SQLiteStore) -> None:
        self.n = 0
        store.conn.row_factory = self.row

    def row(self, cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        self.n += 1
        return sqlite3.Row(cursor, values)


READS = {
    "article": lambda s: query.article(s, "d0003"),
    "event": lambda s: query.event(s, "v:0003"),
    "entity": lambda s: query.entity(s, "e:p3"),
    "entity named everywhere": lambda s: query.entity(s, "e:almaty"),
    "documents": lambda s: query.list_documents(s, limit=10),
    "entities": lambda s: query.list_entities(s, limit=10),
    "events": lambda s: query.list_events(s, limit=10, type_="TRADE"),
    "home": query.overview,
    "graph": query.graph,
    "timeline": query.timeline,
    "map": query.places,
}


def rows_read(tmp_path: Any, n: int, name: str) -> int:
    store = SQLiteStore(tmp_path / f"bounded-{n}.db")
    try:
        if store.counts()["documents"] == 0:
            build(store, n)
        counter = Rows(store)
        READS[name](store)
        return counter.n
    finally:
        store.close()


@pytest.mark.parametrize("name", list(READS))
def test_a_request_reads_a_bounded_number_of_rows(
    tmp_path: Any, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten times the articles, about the same rows read (an entity's mentions and events are
    capped)."""
    # Caps below the small corpus, so that both sizes fill them.
    monkeypatch.setattr(views, "GRAPH_EVENTS", 20)
    monkeypatch.setattr(views, "TIMELINE_EVENTS", 20)
    monkeypatch.setattr(views, "TIMELINE_DOCS", 20)
    small, large = rows_read(tmp_path, 60, name), rows_read(tmp_path, 600, name)
    if name.startswith("entity"):
        assert large <= 400, (small, large)
    else:
        # Within a few rows: which people a page's events name differs with the corpus.
        assert small <= 100 and large <= small + 5, (small, large)
    # The large store holds far more: 600 articles and extractions, 1,200 links, 600 events.
