"""The browsable lists' SQL (facets, name filter, sorts, cursors, the volume chart) on
SQLite and a real PostgreSQL server alike, over a corpus written through the Store."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import pytest

from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.query import Filters, search
from silkgraph.query.lists import (
    ListQuery,
    browse_documents,
    browse_entities,
    browse_events,
    country_code,
)
from silkgraph.query.volume import event_volume
from silkgraph.store import Store
from silkgraph.store.base import CorpusEntity, CorpusEvent

N = 20
COUNTRIES = {"e:kz": ("Kazakhstan", "KZ"), "e:cn": ("China", "CN"), "e:ru": ("Russia", "RU")}


def event_date(i: int) -> str | None:
    if i % 5 == 0:
        return None
    if i % 5 == 1:
        return "--03-05"  # a day without a year: filed under the article's year
    return f"{2024 + i % 2}-{i % 12 + 1:02d}-01"


def build(store: Store) -> None:
    for i in range(N):
        text = f"Report {i}: a deal between two countries" + (", by Lü Wei." if i % 3 == 0 else ".")
        store.add_document(
            Document(f"d{i:02d}", text, outlet="AB"[i % 2], published=published(i), title=f"T{i}")
        )
        store.save_extraction(
            Extraction(
                f"d{i:02d}",
                "p1",
                entities=[Entity("k0", "Report", "ORG", [Mention("Report", 0, 6)])],
                events=[Event("v0", "TRADE", "deal", 12, 16, "deal")],
            )
        )
    ents = [
        CorpusEntity(k, name, "GPE", [], {"code": code, "country": code, "place_kind": "country"})
        for k, (name, code) in COUNTRIES.items()
    ]
    ents.append(CorpusEntity("e:lu", "Lü Wei", "PERSON", ["Lyu Wei"], {}))
    events, versions = [], []
    for i in range(N):
        pair = ["e:kz", "e:cn"] if i % 2 == 0 else ["e:cn", "e:ru"]
        people = ["e:lu"] if i % 3 == 0 else []
        events.append(
            CorpusEvent(
                f"v:{i:02d}",
                "TRADE" if i % 2 else "AGREEMENT",
                event_date(i),
                None,
                None,
                {},
                [(f"d{i:02d}", "v0")],
            )
        )
        versions.append(
            (
                f"d{i:02d}",
                "v0",
                {
                    "doc_id": f"d{i:02d}",
                    "key": "v0",
                    "outlet": "AB"[i % 2],
                    "participants": pair + people,
                    "modality": ["planned", "realized"][i % 2],
                    "amount_usd": amount(i),
                },
            )
        )
    links = [("e:kz", f"d{i:02d}", "k0") for i in range(N)]
    store.save_resolution(ents, events, links, versions)


def _facet(page: dict[str, Any], name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in page["facets"][name]}


BROWSE = {"events": browse_events, "entities": browse_entities, "documents": browse_documents}
FACETS = {
    "events": ("type", "pair", "country", "modality", "amount", "year", "outlet"),
    "entities": ("type", "country"),
    "documents": ("outlet", "year", "language"),
}


@pytest.mark.parametrize("kind", list(BROWSE))
def test_every_facet_count_is_the_total_of_its_filter(store: Store, kind: str) -> None:
    build(store)
    browse = BROWSE[kind]
    whole = browse(store, ListQuery())
    for name in FACETS[kind]:
        counts = _facet(whole, name)
        assert counts, name
        for value, n in counts.items():
            got = browse(store, ListQuery({name: [value]}), facets=False)["total"]
            assert got == n, (kind, name, value, got, n)


def amount(i: int) -> float | None:
    return None if i % 4 == 0 else float(10 ** (5 + i % 5))


def published(i: int) -> str | None:
    return None if i % 7 == 0 else f"{2024 + i % 2}-06-{i % 28 + 1:02d}"


def bucket(usd: float | None) -> str:
    if usd is None:
        return "none"
    for key, top in (("lt1m", 1e6), ("1m-100m", 1e8), ("100m-1bn", 1e9)):
        if usd < top:
            return key
    return "1bn+"


def filed_year(i: int) -> str:
    date, pub = event_date(i), published(i)
    if date is None:
        return "unknown"
    if date.startswith("--"):
        return pub[:4] if pub else "unknown"
    return date[:4]


def test_event_facets_read_what_the_reports_say(store: Store) -> None:
    build(store)
    page = browse_events(store, ListQuery())
    assert _facet(page, "pair") == {"CN-KZ": 10, "CN-RU": 10}
    assert _facet(page, "modality") == {"planned": 10, "realized": 10}
    assert _facet(page, "amount") == dict(Counter(bucket(amount(i)) for i in range(N)))
    # A day without a year is filed under its article's year, "unknown" without one.
    assert _facet(page, "year") == dict(Counter(filed_year(i) for i in range(N)))
    assert [v["label"] for v in page["facets"]["pair"]] == ["China–Kazakhstan", "China–Russia"]


def test_name_filter_takes_aliases_and_any_accents(store: Store) -> None:
    build(store)
    for q in ("Lü Wei", "lu wei", "Lyu", "LU WEI"):
        page = browse_events(store, ListQuery(q=q), facets=False)
        assert page["total"] == 7, q
        assert browse_entities(store, ListQuery(q=q), facets=False)["items"][0]["id"] == "e:lu"
    assert browse_events(store, ListQuery(q="nobody"), facets=False)["total"] == 0
    assert country_code(store, "kazakhstan") == "KZ" and country_code(store, "cn") == "CN"


@pytest.mark.parametrize("sort", ["-date", "date"])
def test_date_cursors_walk_the_offset_order(store: Store, sort: str) -> None:
    build(store)
    lq = ListQuery({"type": ["TRADE", "AGREEMENT"]}, sort=sort)
    whole = [e["id"] for e in browse_events(store, lq, facets=False)["items"]]
    seen, cursor = [], None
    while True:
        page = browse_events(store, ListQuery(lq.facets, sort=sort, limit=3, cursor=cursor))
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == whole and len(whole) == N
    dated = [e for e in browse_events(store, ListQuery(sort="-date"), facets=False)["items"]]
    keys = [(e["year"] or "") + (e["date"] or "")[-6:] for e in dated if e["date"]]
    assert keys == sorted(keys, reverse=True)


def test_sort_by_value_and_entity_and_article_cursors(store: Store) -> None:
    build(store)
    values = [
        e["amount_usd"]
        for e in browse_events(store, ListQuery(sort="-value"), facets=False)["items"]
        if e["amount_usd"] is not None
    ]
    assert values == sorted(values, reverse=True) and len(values) == 15
    for browse in (browse_entities, browse_documents):
        whole = [x["id"] for x in browse(store, ListQuery(), facets=False)["items"]]
        seen, cursor = [], None
        while True:
            page = browse(store, ListQuery(limit=2, cursor=cursor), facets=False)
            seen += [x["id"] for x in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == whole


def test_volume_counts_months_in_the_year_each_event_is_filed_under(store: Store) -> None:
    build(store)
    body = event_volume(store)
    assert body["total"] + body["no_month"] == N
    months = {(c["month"], c["type"]): c["n"] for c in body["counts"]}
    # "--03-05" reported by an article of 2025 (odd i) counts in March 2025.
    assert months.get(("2025-03", "TRADE"), 0) >= 1
    assert event_volume(store, Filters(event_type="TRADE"))["types"] == ["TRADE"]


def test_search_finds_an_alias_by_the_other_names_of_its_entity(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    build(store)
    # No article says "Lyu Wei"; it is an alias of the entity named Lü Wei in seven.
    with caplog.at_level(logging.DEBUG, logger="silkgraph.query.aliases"):
        found = search(store, "Lyu Wei")
    assert found["also_named"] == ["Lü Wei"]
    # -vv says why articles without the query's words are found
    assert "the search 'Lyu Wei' also looks for ['Lü Wei']" in caplog.messages
    assert found["documents"]["total"] == 7
    assert all("[Lü Wei]" in d["snippet"] for d in found["documents"]["items"])
    assert search(store, "Report")["also_named"] == []


def test_value_reads_the_kept_rows_or_else_the_reports(store: Store) -> None:
    """The value facet and sort read each event's kept list row; an event without one
    (summaries not built yet) is read from its reports, with the same answer."""
    from silkgraph.query.lists.events import event_facets

    build(store)
    kept = event_facets(store, ListQuery())
    by_value = [
        e["id"] for e in browse_events(store, ListQuery(sort="-value"), facets=False)["items"]
    ]
    store.conn.execute("DELETE FROM event_rows")  # type: ignore[attr-defined]
    bare = event_facets(store, ListQuery())
    assert _facet({"facets": bare}, "amount") == _facet({"facets": kept}, "amount")
    assert _facet({"facets": bare}, "pair") == _facet({"facets": kept}, "pair")
    again = browse_events(store, ListQuery(sort="-value"), facets=False)["items"]
    assert [e["id"] for e in again] == by_value
