"""Search with facets by SQL, against SQLite and a real PostgreSQL server alike.

A corpus of N articles (three outlets, two countries, people of two countries, an
organisation known by an alias, one event each) is written through the Store protocol, then
searched: pages, facet counts, filters, words through the full-text index, aliases and
accents, the migration that fills the facet summary of an existing store, and how many rows
a search reads at 60 and 600 articles.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from silkgraph import query
from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.query import Filters
from silkgraph.store import Store, summaries
from silkgraph.store.base import CorpusEntity, CorpusEvent
from silkgraph.store.sql import SQLStore
from silkgraph.store.sqlite import SQLiteStore

search_module = importlib.import_module("silkgraph.query.search")

OUTLETS = ("Reuters", "Xinhua", "TASS")
PEOPLE = 5


def published(i: int) -> str | None:
    return None if i % 7 == 0 else f"2024-{i % 4 + 1:02d}-0{i % 3 + 1}"


def event_type(i: int) -> str:
    return "TRADE" if i % 2 else "AGREEMENT"


def has_turkiye(i: int) -> bool:
    return i % 3 == 0


def person_country(j: int) -> str | None:
    return "CN" if j % 2 == 0 else None


def build(store: Store, n: int) -> None:
    """Articles 0..n-1: Almaty and a person in each, Türkiye in every third, the XPCC in
    every fourth; one event each."""
    for i in range(n):
        text = f"Almaty. Person {i % PEOPLE} signed a trade deal in Almaty, article {i}."
        if has_turkiye(i):
            text += " Türkiye joined."
        if i % 4 == 0:
            text += " The Bingtuan agreed."
        doc = Document(f"d{i:04d}", text, outlet=OUTLETS[i % 3], published=published(i))
        store.add_document(doc)
        ents = [
            Entity("k0", "Almaty", "GPE", [Mention("Almaty", 0, 6)]),
            Entity("k1", f"Person {i % PEOPLE}", "PERSON", [Mention("Person", 8, 16)]),
        ]
        if has_turkiye(i):
            ents.append(Entity("k2", "Türkiye", "GPE", [Mention("Türkiye", 0, 7)]))
        if i % 4 == 0:
            ents.append(Entity("k3", "XPCC", "ORG", [Mention("Bingtuan", 0, 8)]))
        ev = Event("v0", event_type(i), "deal", 26, 36, f"signed a trade deal, article {i}")
        store.save_extraction(Extraction(f"d{i:04d}", "p1", entities=ents, events=[ev]))
    resolve(store, n)


def resolve(store: Store, n: int) -> None:
    ents = [
        CorpusEntity("e:almaty", "Almaty", "GPE", [], {"code": "KZ"}),
        CorpusEntity("e:turkiye", "Türkiye", "GPE", ["Turkey"], {"code": "TR"}),
        CorpusEntity("e:xpcc", "XPCC", "ORG", ["Bingtuan"], {"country": "CN"}),
    ]
    for j in range(PEOPLE):
        c = person_country(j)
        ents.append(
            CorpusEntity(f"e:p{j}", f"Person {j}", "PERSON", [], {"country": c} if c else {})
        )
    links = [("e:almaty", f"d{i:04d}", "k0") for i in range(n)]
    links += [(f"e:p{i % PEOPLE}", f"d{i:04d}", "k1") for i in range(n)]
    links += [("e:turkiye", f"d{i:04d}", "k2") for i in range(n) if has_turkiye(i)]
    links += [("e:xpcc", f"d{i:04d}", "k3") for i in range(n) if i % 4 == 0]
    events = [
        CorpusEvent(
            f"v:{i:04d}",
            event_type(i),
            f"2024-{i % 12 + 1:02d}-01",
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
            {
                "doc_id": f"d{i:04d}",
                "key": "v0",
                "outlet": OUTLETS[i % 3],
                "evidence": f"signed a trade deal, article {i}",
                "participants": ["e:almaty", f"e:p{i % PEOPLE}"],
            },
        )
        for i in range(n)
    ]
    store.save_resolution(ents, events, links, versions)


def countries(i: int) -> set[str]:
    out = {"KZ"} | ({"TR"} if has_turkiye(i) else set())
    out |= {"CN"} if i % 4 == 0 else set()
    return out | ({c} if (c := person_country(i % PEOPLE)) else set())


def expected_facets(ids: list[int]) -> dict[str, list[tuple[str, int]]]:
    """The facet counts over these articles, as the whole-corpus search computed them."""
    counts: dict[str, Counter[str]] = {
        "entity_type": Counter(),
        "event_type": Counter(event_type(i) for i in ids),
        "country": Counter(c for i in ids for c in countries(i)),
        "outlet": Counter(OUTLETS[i % 3] for i in ids),
    }
    for i in ids:
        counts["entity_type"].update({"GPE", "PERSON"} | ({"ORG"} if i % 4 == 0 else set()))
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for k, c in counts.items()}


def pairs(facets: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    return {k: [(v, n) for v, n in vals] for k, vals in facets.items()}


def every_page(store: Store, q: str, f: Filters, limit: int = 4) -> list[str]:
    ids: list[str] = []
    for offset in range(0, 1000, limit):
        items = query.search(store, q, limit, offset, f)["documents"]["items"]
        ids += [d["id"] for d in items]
        if len(items) < limit:
            return ids
    raise AssertionError("too many pages")


def test_articles_come_a_page_at_a_time_with_facets_over_all_matches(store: Store) -> None:
    build(store, 30)
    res = query.search(store, limit=4)
    assert res["documents"]["total"] == 30 and len(res["documents"]["items"]) == 4
    assert pairs(res["facets"]) == expected_facets(list(range(30)))
    ids = every_page(store, "", Filters())
    assert ids == [d["id"] for d in query.list_documents(store, limit=100)["items"]]
    assert len(set(ids)) == 30
    # Every article shows a title (its first words here) and the page's shape is kept.
    assert set(res["documents"]) == {
        "total",
        "capped",
        "ranked",
        "scanned",
        "with_words",
        "limit",
        "offset",
        "items",
    }
    assert res["documents"]["capped"] is False and res["facets_complete"] is True
    assert res["facets_counted"] == 30
    assert all(d["title"] for d in res["documents"]["items"])
    assert set(res["documents"]["items"][0]) == {"id", "title", "outlet", "published", "snippet"}


FILTERS = {
    "country": (Filters(country="TR"), lambda i: has_turkiye(i)),
    "outlet": (Filters(outlet="Xinhua"), lambda i: i % 3 == 1),
    "event type": (Filters(event_type="TRADE"), lambda i: i % 2 == 1),
    "entity type": (Filters(entity_type="ORG"), lambda i: i % 4 == 0),
    "dates": (
        Filters(date_from="2024-02", date_to="2024-03-02"),
        lambda i: (p := published(i)) is not None and "2024-02" <= p <= "2024-03-02",
    ),
    "two at once": (
        Filters(country="CN", outlet="TASS"),
        lambda i: "CN" in countries(i) and i % 3 == 2,
    ),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_filters_narrow_articles_and_their_facets(store: Store, name: str) -> None:
    build(store, 30)
    f, keep = FILTERS[name]
    want = [i for i in range(30) if keep(i)]
    res = query.search(store, "", 100, 0, f)
    assert sorted(d["id"] for d in res["documents"]["items"]) == [f"d{i:04d}" for i in want]
    assert res["documents"]["total"] == len(want) > 0
    # A chosen facet's own counts are taken without it (a second value shows what it
    # adds); the others' over the matching articles.
    chosen = {k for k in ("entity_type", "event_type", "country", "outlet") if getattr(f, k)}
    got, expected = pairs(res["facets"]), expected_facets(want)
    for name in chosen:
        others = Filters(**{**f.to_dict(), name: None})
        expected[name] = expected_facets([i for i in range(30) if keeps(others, i)])[name]
    assert got == expected
    assert res["filters"] == {k: [v] if k in chosen else v for k, v in f.to_dict().items()}


def keeps(f: Filters, i: int) -> bool:
    """Whether article i passes the filters."""
    types = {"GPE", "PERSON"} | ({"ORG"} if i % 4 == 0 else set())
    checks = {
        "country": lambda v: v in countries(i),
        "outlet": lambda v: OUTLETS[i % 3] == v,
        "event_type": lambda v: event_type(i) == v,
        "entity_type": lambda v: v in types,
    }
    p = published(i)
    if (f.date_from or f.date_to) and (p is None or not f.in_dates(p)):
        return False
    return all(check(getattr(f, k)) for k, check in checks.items() if getattr(f, k))


def test_several_values_of_a_facet_are_alternatives(store: Store) -> None:
    build(store, 30)
    outlets = query.SearchFilters({"outlet": ["Xinhua", "TASS"]})
    res = query.search(store, "", 100, 0, outlets)
    assert res["documents"]["total"] == 20
    assert dict(res["facets"]["outlet"]) == {"Reuters": 10, "Xinhua": 10, "TASS": 10}
    both = query.SearchFilters({"outlet": ["Xinhua", "TASS"], "event_type": ["TRADE"]})
    res = query.search(store, "", 100, 0, both)
    want = {f"d{i:04d}" for i in range(30) if i % 3 and i % 2}
    assert {d["id"] for d in res["documents"]["items"]} == want
    assert res["filters"] == {"event_type": ["TRADE"], "outlet": ["Xinhua", "TASS"]}
    assert {e["id"][2:] for e in res["events"]} <= {i[1:] for i in want}
    assert len(res["events"]) == len(want)


def test_counts_past_the_cap_say_so(store: Store) -> None:
    """A search with filters counts at most ``cap`` matches: the total is then a floor,
    and the facet counts a part that says how large; words alone are counted whole."""
    build(store, 30)
    f = Filters(outlet="Xinhua")
    exact = query.search(store, "", 100, 0, f)
    capped = query.search(store, "", 4, 0, f, cap=6)
    assert exact["documents"]["total"] == 10 and not exact["documents"]["capped"]
    assert capped["documents"]["total"] == 6 and capped["documents"]["capped"]
    assert capped["facets_complete"] is False and capped["facets_counted"] == 7
    assert sum(n for _, n in capped["facets"]["event_type"]) == 7
    # The page itself is not cut: the tenth article is still there.
    assert len(query.search(store, "", 4, 8, f, cap=6)["documents"]["items"]) == 2
    scanned = search_module.SCAN_CAP
    try:
        # With more articles with the words than a search checks, the newest are checked.
        search_module.SCAN_CAP = 9
        res = query.search(store, "article", 30, 0, f)
        assert res["documents"]["scanned"] == 9 and res["documents"]["with_words"] is None
        got = {d["id"] for d in res["documents"]["items"]}
        assert got < {d["id"] for d in exact["documents"]["items"]}
        assert res["documents"]["total"] == len(got) and not res["facets_complete"]
        if isinstance(store, SQLiteStore):  # the newest stored: articles 21-29
            assert got == {f"d{i:04d}" for i in range(21, 30) if i % 3 == 1}
        assert all("[article]" in d["snippet"].lower() for d in res["documents"]["items"])
    finally:
        search_module.SCAN_CAP = scanned
    words = query.search(store, "article", 4, 0, cap=6)
    assert words["documents"]["total"] == 30 and not words["documents"]["capped"]
    assert words["documents"]["ranked"] is True and words["facets_complete"] is False


def test_words_match_through_the_full_text_index(store: Store) -> None:
    build(store, 30)
    res = query.search(store, "article 1", 100, 0, Filters(outlet="Xinhua"))
    # "1" is a prefix (the last word): articles 1, 10-19 ... from Xinhua.
    want = [i for i in range(30) if str(i).startswith("1") and i % 3 == 1]
    assert sorted(d["id"] for d in res["documents"]["items"]) == [f"d{i:04d}" for i in want]
    assert all("[" in d["snippet"] for d in res["documents"]["items"])
    expected = expected_facets(want)
    # The outlet facet, chosen, counts under the words alone.
    # ("1" is also in "Person 1").
    words = [i for i in range(30) if str(i).startswith("1") or i % PEOPLE == 1]
    expected["outlet"] = expected_facets(words)["outlet"]
    assert pairs(res["facets"]) == expected
    assert query.search(store, "nowhere")["documents"]["total"] == 0
    assert query.search(store, "'\"*")["documents"]["items"] == []


def test_events_and_entities_match_words_and_filters(store: Store) -> None:
    build(store, 30)
    res = query.search(store, "deal article", 5, 0, Filters(event_type="TRADE", country="CN"))
    # Person 0, 2, 4 are Chinese; TRADE events are the odd articles.
    want = [i for i in range(30) if i % 2 and person_country(i % PEOPLE)]
    got = [e["id"] for e in res["events"]]
    assert len(got) == 5 and set(got) <= {f"v:{i:04d}" for i in want}
    assert [e["id"] for e in query.search(store, "person 3")["events"]][:1]
    assert {
        e["id"] for e in query.search(store, "", filters=Filters(country="CN"))["entities"]
    } == {
        "e:xpcc",
        "e:p0",
        "e:p2",
        "e:p4",
    }
    people = query.search(store, "", filters=Filters(entity_type="PERSON"))["entities"]
    assert {e["type"] for e in people} == {"PERSON"} and len(people) == PEOPLE


def test_aliases_find_entities(store: Store) -> None:
    build(store, 12)
    assert [e["id"] for e in query.search(store, "bingtuan")["entities"]] == ["e:xpcc"]
    assert [e["id"] for e in query.search(store, "turkey")["entities"]] == ["e:turkiye"]
    # And the articles that use the alias.
    assert query.search(store, "bingtuan")["documents"]["total"] == 3


def test_accents_are_ignored(store: Store) -> None:
    """Both indexes hold words without their accents (SQLite's removes diacritics,
    PostgreSQL's folds them since migration 010)."""
    build(store, 12)
    for q in ("turkiye", "Türkiye", "TURKIYE", "türk", "Turki"):
        res = query.search(store, q)
        assert res["documents"]["total"] == 4, q
        assert {d["id"] for d in res["documents"]["items"]} == {"d0000", "d0003", "d0006", "d0009"}
        assert [e["id"] for e in res["entities"]] == ["e:turkiye"], q
    assert query.search(store, "turkije")["documents"]["total"] == 0


def test_an_accented_word_finds_it_written_without(store: Store) -> None:
    """ "Ürümqi" finds the articles that write "Urumqi" (and the other way round)."""
    build(store, 3)
    store.add_document(Document("u1", "Talks in Urumqi went well.", outlet="TASS"))
    store.add_document(Document("u2", "Talks in Ürümqi went well.", outlet="TASS"))
    store.add_document(Document("u3", "ÜRÜMQI TALKS", outlet="TASS"))
    store.save_extraction(
        Extraction("u2", "p1", entities=[Entity("k0", "Ürümqi", "GPE", [Mention("Ürümqi", 9, 15)])])
    )
    ents = [CorpusEntity("e:urumqi", "Ürümqi", "GPE", [], {"code": "CN"})]
    store.save_resolution(ents, [], [("e:urumqi", "u2", "k0")], [])
    for q in ("Ürümqi", "ürümqi", "Urumqi", "urumqi", "urum", "ÜRÜMQI"):
        found = {d["id"] for d in query.search(store, q)["documents"]["items"]}
        assert found == {"u1", "u2", "u3"}, q


def test_an_accented_word_no_entity_spells_is_found_without_its_accents(store: Store) -> None:
    """No entity names the town: the article is found through the index alone."""
    store.add_document(Document("k1", "A depot opened in Şymkent last May.", outlet="TASS"))
    store.add_document(Document("k2", "A DEPOT IN ŞYMKENT", outlet="TASS"))
    store.add_document(Document("k3", "A depot opened in Shymkent.", outlet="TASS"))
    for q in ("Şymkent", "symkent", "SYMKENT", "şym"):
        found = {d["id"] for d in query.search(store, q)["documents"]["items"]}
        assert found == {"k1", "k2"}, q
    assert query.search(store, "symkent depot")["documents"]["total"] == 2


@pytest.mark.postgres
def test_migration_010_folds_an_existing_postgresql_index(pg_url: str) -> None:
    """A store whose index kept words as written (schema 9) is folded when opened.
    (SQLite's index has always removed diacritics.)"""
    from silkgraph.store.postgres import PostgresStore

    store = PostgresStore(pg_url)
    store.add_document(Document("k1", "A depot opened in Şymkent.", outlet="TASS"))
    for sql in (
        "ALTER TABLE documents DROP COLUMN tsv",
        "DROP FUNCTION silkgraph_fold(text)",
        "ALTER TABLE documents ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS"
        " (to_tsvector('simple', text)) STORED",
        "DELETE FROM schema_migrations WHERE version >= 10",
    ):
        store.conn.execute(sql)
    assert query.search(store, "symkent")["documents"]["total"] == 0
    again = PostgresStore(store.url)
    try:
        assert again.schema_version >= 10
        assert [d["id"] for d in query.search(again, "symkent")["documents"]["items"]] == ["k1"]
    finally:
        again.close()
        store.close()


def reopen_at_schema_5(store: Store, tmp_path: Path) -> Store:
    """The store as migration 005 left it (no facet summary, no page summaries of 007, no
    statements of 008), opened again to migrate."""
    # That release kept each extraction as one JSON value, which migration 008 reads.
    assert isinstance(store, SQLStore)
    exts = list(store.iter_extractions())
    with store._tx() as c:
        for ext in exts:
            c.execute(
                "UPDATE extractions SET data = ? WHERE doc_id = ?",
                (json.dumps(ext.to_dict()), ext.doc_id),
            )
    undo_007 = [
        *(f"DROP TABLE {t}" for t in summaries.TABLES),
        "DROP INDEX judgements_queue",
        "DROP INDEX doc_entities_entity_doc",
        "DELETE FROM store_state WHERE key = 'summaries_built'",
    ]
    if isinstance(store, SQLiteStore):
        store.conn.executescript(
            "; ".join(undo_007) + "; DROP TABLE doc_facets; DROP INDEX entities_country;"
            " ALTER TABLE entities DROP COLUMN country; DROP TABLE statements;"
            " ALTER TABLE extractions DROP COLUMN errors;"
            " ALTER TABLE extractions DROP COLUMN terms; PRAGMA user_version = 5;"
        )
        store.close()
        return SQLiteStore(store.path)
    from silkgraph.store.postgres import PostgresStore

    assert isinstance(store, PostgresStore)
    for sql in (
        *undo_007,
        "DROP TABLE doc_facets",
        "ALTER TABLE entities DROP COLUMN country",
        "DROP TABLE statements",
        "ALTER TABLE extractions DROP COLUMN errors",
        "ALTER TABLE extractions DROP COLUMN terms",
        "DELETE FROM schema_migrations WHERE version >= 6",
    ):
        store.conn.execute(sql)
    return PostgresStore(store.url)


def test_migration_006_fills_the_facets_of_an_existing_store(store: Store, tmp_path: Path) -> None:
    build(store, 30)
    before = query.search(store, "", 100, 0, Filters(country="CN"))
    assert before["documents"]["total"] > 0
    again = reopen_at_schema_5(store, tmp_path)
    try:
        summaries.ensure(again)  # as every command that opens a store does
        assert query.search(again, "", 100, 0, Filters(country="CN")) == before
    finally:
        again.close()


# bounded reads ------------------------------------------------------------------


class Rows:
    """Counts every row SQLite hands back, through the connection's row factory."""

    def __init__(self, store: SQLiteStore) -> None:
        self.n = 0
        store.conn.row_factory = self.row

    def row(self, cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> sqlite3.Row:
        self.n += 1
        return sqlite3.Row(cursor, values)


SEARCHES = {
    "everything": lambda s: query.search(s, limit=10),
    "words": lambda s: query.search(s, "trade deal", limit=10),
    "words and facets": lambda s: query.search(
        s, "deal", 10, 0, Filters(country="TR", event_type="AGREEMENT", outlet="Reuters")
    ),
    "a later page": lambda s: query.search(s, "article", 5, 10, Filters(entity_type="ORG")),
}


def rows_read(tmp_path: Path, n: int, name: str) -> int:
    store = SQLiteStore(tmp_path / f"search-{n}.db")
    scan = search_module.SCAN_CAP
    try:
        if store.counts()["documents"] == 0:
            build(store, n)
        counter = Rows(store)
        # A search with words and filters reads the ids of at most SCAN_CAP + 1 articles
        # with the words: made small here, so that both sizes are past it.
        search_module.SCAN_CAP = 40
        SEARCHES[name](store)
        return counter.n
    finally:
        search_module.SCAN_CAP = scan
        store.close()


@pytest.mark.parametrize("name", list(SEARCHES))
def test_a_search_reads_a_bounded_number_of_rows(tmp_path: Path, name: str) -> None:
    """Ten times the articles, the same rows handed back: a page, counts and aggregates."""
    small, large = rows_read(tmp_path, 60, name), rows_read(tmp_path, 600, name)
    assert small <= 200 and large <= small + 5, (small, large)
