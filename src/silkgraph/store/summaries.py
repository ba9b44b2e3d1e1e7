"""Page summaries: what the workbench pages read instead of every event's versions.

Resolution rewrites them at its end, in its own transaction (one ``refresh`` call in each
store's ``save_resolution``), so they always describe the resolved corpus the pages show:

- ``event_rows``: each event's list row (``query.base.event_summary``: headline, date in
  words, participants, value, sources) with the keys its filters compare, and
  ``event_keys`` (its countries and outlets), so lists, graph, timeline and map read rows
  already made instead of every report's version; ``event_facets`` (its reports'
  modalities and outlets), the event list's modality and outlet facets;
- ``trade_rows``: the trade flows, one row per event and direction (or pair, for two-way
  turnover), ranked in page order so that a page is a keyset read;
- ``place_rows``: each place with a country or coordinates, its article and event counts,
  ranked as the map lists them;
- ``entity_pairs``: articles in common between the best-connected entities (overall and
  per entity type), the graph's co-occurrence edges;
- ``entity_network``: the heaviest neighbours of each entity named in more than
  ``query.entities.NETWORK_DOCS`` articles, its page's network.

Every statement is written once with "?" placeholders and runs on both stores; a store
migrated from before these tables (migration 007) builds them with ``ensure``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from silkgraph.model import ENTITY_TYPES, Event, TradeFlow
from silkgraph.store.base import CorpusEvent, Store

log = logging.getLogger(__name__)

TABLES = (
    "event_rows",
    "event_keys",
    "event_facets",
    "trade_rows",
    "place_rows",
    "entity_pairs",
    "entity_network",
)
# The graph's best-connected entities (``query.views.GRAPH_ENTITIES``), overall and per type.
PAIR_TOP = 100
BATCH = 500
# Neighbours kept per entity: twice the 25 its page shows, as the page reads them.
NETWORK_TOP = 50


class Cursor(Protocol):
    """What the summaries write through: a DB-API cursor taking "?" placeholders."""

    def execute(self, sql: str, args: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...


class PgCursor:
    """A psycopg cursor that takes the "?" placeholders the summaries are written with."""

    def __init__(self, cur: Any) -> None:
        self.cur = cur

    def execute(self, sql: str, args: Sequence[Any] = (), /) -> Any:
        return self.cur.execute(sql.replace("?", "%s"), tuple(args))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any:
        rows = [tuple(r) for r in rows]
        return self.cur.executemany(sql.replace("?", "%s"), rows) if rows else None


def refresh(store: Store, cur: Any, dialect: str = "sqlite") -> None:
    """Rewrite every page summary from the resolved corpus, inside the caller's transaction.

    ``cur`` is the transaction's connection or cursor (``dialect`` "sqlite" or
    "postgres"); reads go through ``store.select``, on the same connection, so they see
    the resolution being written.
    """
    c: Cursor = PgCursor(cur) if dialect == "postgres" else cur
    for table in TABLES:
        c.execute(f"DELETE FROM {table}")
    _event_rows(store, c)
    _trade_rows(store, c)
    _place_rows(store, c)
    _entity_pairs(store, c)
    _entity_network(store, c)
    c.execute("UPDATE store_state SET value = 1 WHERE key = 'summaries_built'")


def built(store: Store) -> bool:
    """Whether the summaries describe the store (False right after migration 007)."""
    rows = store.select("SELECT value FROM store_state WHERE key = 'summaries_built'")
    return bool(rows) and int(rows[0]["value"]) == 1


def ensure(store: Store) -> bool:
    """Build the summaries of a store that has none yet; True when it built them."""
    if built(store):
        return False
    log.info("building the page summaries")
    with _transaction(store) as (cur, dialect):
        refresh(store, cur, dialect)
    return True


@contextmanager
def _transaction(store: Store) -> Iterator[tuple[Any, str]]:
    from silkgraph.store.sqlite import SQLiteStore

    if isinstance(store, SQLiteStore):
        with store._tx() as conn:
            yield conn, "sqlite"
        return
    conn = getattr(store, "conn")  # noqa: B009 - PostgresStore's connection
    with conn.transaction(), conn.cursor() as cur:
        yield cur, "postgres"


# events ----------------------------------------------------------------------------------


def all_events(store: Store) -> Iterator[list[CorpusEvent]]:
    """Every event with its versions, by id, ``BATCH`` at a time."""
    after = ""
    while True:
        evs = store.select_events("WHERE id > ? ORDER BY id LIMIT ?", [after, BATCH])
        if evs:
            yield evs
        if len(evs) < BATCH:
            return
        after = evs[-1].id


def _event_rows(store: Store, c: Cursor) -> None:
    from silkgraph.query.base import Corpus, event_countries, event_summaries

    corpus = Corpus.lazy(store)
    for evs in all_events(store):
        summaries = event_summaries(corpus, evs)
        c.executemany(
            "INSERT INTO event_rows (event_id, type, sort_date, filter_date, summary, words)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    ev.id,
                    ev.type,
                    ev.date or "",
                    corpus.when(ev).filter_value(),
                    _dump(s),
                    event_words(corpus, ev),
                )
                for ev, s in zip(evs, summaries, strict=True)
            ],
        )
        keys = set()
        for ev in evs:
            keys |= {(ev.id, "country", code) for code in event_countries(corpus, ev)}
            versions = ev.data.get("versions", [])
            keys |= {(ev.id, "outlet", v["outlet"]) for v in versions if v.get("outlet")}
        c.executemany(
            "INSERT INTO event_keys (event_id, facet, value) VALUES (?, ?, ?)", sorted(keys)
        )
        c.executemany(
            "INSERT INTO event_facets (event_id, facet, value) VALUES (?, ?, ?)",
            event_facet_rows(store, [ev.id for ev in evs]),
        )


def event_facet_rows(store: Store, ids: list[str]) -> list[tuple[str, str, str]]:
    """The ``event_facets`` rows of these events: each distinct modality and outlet of
    their reports' versions, sorted.

    A version's outlet is its article's, or the one the report cites where the article
    names none: the outlet that ``event_keys`` holds and the graph, timeline, map and event
    page show, so every page means the same thing by "outlet" (decision 121).
    """
    from silkgraph.query.base import marks
    from silkgraph.query.lists.common import json_text

    if not ids:
        return []
    rows = store.select(
        " UNION ".join(
            f"SELECT DISTINCT w.event_id AS event_id, '{facet}' AS facet,"
            f" {json_text(store, 'w.version', facet)} AS value FROM doc_events w"
            f" WHERE w.version IS NOT NULL AND w.event_id IN ({marks(len(ids))})"
            for facet in ("modality", "outlet")
        ),
        [*ids, *ids],
    )
    found = {
        (r["event_id"], r["facet"], str(r["value"]))
        for r in rows
        if r["value"] is not None and r["value"] != ""
    }
    return sorted(found)


def event_words(corpus: Any, ev: CorpusEvent) -> str:
    """What a word search looks in, lowered: the type, each distinct evidence sentence and
    the participants' names (the text ``query.search`` checks each event against)."""
    from silkgraph.query.base import event_participants

    evidence = dict.fromkeys(str(v.get("evidence", "")) for v in ev.data.get("versions", []))
    names = [corpus.name(p) or "" for p in event_participants(ev)]
    return " ".join([ev.type, *evidence, *names]).lower()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# trade flows -----------------------------------------------------------------------------


def _trade_rows(store: Store, c: Cursor) -> None:
    """One row per TRADE event and direction (or pair of parties, for turnover), ranked in
    the page's order: largest value first, then year and headline."""
    items = trade_rows(store)
    for name, wanted in (("flow", False), ("turnover", True)):
        rows = [r for r in items if (r["kind"] == "turnover") == wanted]
        c.executemany(
            "INSERT INTO trade_rows (list, rank, event_id, usd, row) VALUES (?, ?, ?, ?, ?)",
            [(name, i, r["event"]["id"], r["usd"], _dump(r)) for i, r in enumerate(rows)],
        )


def trade_rows(store: Store) -> list[dict[str, Any]]:
    """Trade between countries from TRADE events: directed flows and two-way turnover.

    Each clause of a report is one flow (see ``extract.events.trade_flows``): goods a
    country exports, imports or supplies, with the other side where the text names it
    and "unspecified" where it does not; trade both ways ("turnover") is its own kind and
    never a direction. One row per event and direction: the sources of one event are
    merged, so each value counts once. Reads every TRADE event's reports' extractions:
    run by resolution, never by a page.
    """
    from silkgraph.query.base import Corpus, LazyLinks

    links = LazyLinks(store)
    corpus = Corpus.lazy(store)
    corpus.ent_of = links
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    after = ""
    while True:
        events = store.select_events(
            "WHERE type = 'TRADE' AND id > ? ORDER BY id LIMIT ?", [after, BATCH]
        )
        _add_trade_events(store, corpus, links, events, rows)
        if len(events) < BATCH:
            break
        after = events[-1].id
    return sorted(
        rows.values(), key=lambda r: (-(r["usd"] or 0), r["year"] or "", r["event"]["headline"])
    )


def _add_trade_events(
    store: Store,
    corpus: Any,
    links: Any,
    events: list[CorpusEvent],
    rows: dict[tuple[Any, ...], dict[str, Any]],
) -> None:
    from silkgraph.query.base import event_summaries

    links.load(v.get("doc_id", "") for ev in events for v in ev.data.get("versions", []))
    for ev, summary in zip(events, event_summaries(corpus, events), strict=True):
        for v in ev.data.get("versions", []):
            doc_id = v.get("doc_id", "")
            ext = store.get_extraction(doc_id)
            own = next((e for e in ext.events if e.key == v.get("key")), None) if ext else None
            hs: dict[str, str | None] = {c.name: c.hs for c in ext.commodities} if ext else {}
            for flow in _report_flows(own, v):
                row = _flow_row(corpus, doc_id, flow, summary, v)
                key: tuple[Any, ...] = (ev.id, row["kind"])
                if row["kind"] == "turnover":
                    key += tuple(sorted(p["code"] or p["name"] for p in row["parties"]))
                else:
                    key += (row["exporter"]["code"], row["importer"]["code"])
                _merge_row(rows, key, row, flow.commodities, hs)


def _report_flows(ev: Event | None, version: dict[str, Any]) -> list[TradeFlow]:
    """A report's flows; a report read before flows existed gives one from its direction."""
    if ev is not None and ev.flows:
        return ev.flows
    exporter = ev.exporter if ev else version.get("exporter")
    importer = ev.importer if ev else version.get("importer")
    commodities = list(ev.commodities if ev else version.get("commodities") or [])
    amount = ev.amount_usd if ev else version.get("amount_usd")
    kind = "export" if exporter or importer else "supply"
    return [TradeFlow(kind, "", 0, 0, exporter, importer, [], commodities, amount)]


def _flow_row(
    corpus: Any, doc_id: str, flow: TradeFlow, summary: dict[str, Any], version: dict[str, Any]
) -> dict[str, Any]:
    return {
        "kind": flow.kind,
        "exporter": _country_side(corpus, doc_id, flow.exporter),
        "importer": _country_side(corpus, doc_id, flow.importer),
        "parties": [_country_side(corpus, doc_id, p) for p in flow.parties],
        "year": summary["year"],
        "year_source": summary["year_source"],
        "date_words": summary["date_words"],
        "modality": version.get("modality"),
        "usd": flow.amount_usd,
        "commodities": [],
        "event": {"id": summary["id"], "headline": summary["headline"]},
        "evidence": version.get("evidence"),
        "doc_id": doc_id,
    }


def _merge_row(
    rows: dict[tuple[Any, ...], dict[str, Any]],
    key: tuple[Any, ...],
    row: dict[str, Any],
    commodities: list[str],
    hs: dict[str, str | None],
) -> None:
    """One row per event and direction: goods joined, the value of the report that gives
    the largest (sources of one event are not added up)."""
    have = rows.setdefault(key, row)
    names = {c["name"] for c in have["commodities"]}
    have["commodities"] += [
        {"name": c, "hs": hs.get(c)} for c in dict.fromkeys(commodities) if c not in names
    ]
    if row["usd"] is not None and (have["usd"] is None or row["usd"] > have["usd"]):
        have["usd"] = row["usd"]


def _country_side(corpus: Any, doc_id: str, key: str | None) -> dict[str, Any]:
    """One side of a flow as a country: code and name, or unspecified."""
    if not key:
        return {"code": None, "name": "unspecified"}
    eid = corpus.ent_of.get((doc_id, key), key)
    code = corpus.country(eid)
    if code is None:
        from silkgraph.knowledge.gazetteer import get_gazetteer

        place = get_gazetteer().lookup(corpus.name(eid) or key)
        code = place.country if place is not None else None
    if code is None:
        return {"code": None, "name": corpus.name(eid) or key}
    return {"code": code, "name": country_name(corpus, code)}


def country_name(corpus: Any, code: str) -> str:
    """A country's name as the corpus spells it, else its short ISO name."""
    ent = corpus.entities.get(f"e:{code.lower()}")
    if ent is not None:
        return str(ent.name)
    import pycountry

    rec = pycountry.countries.get(alpha_2=code)
    return str(getattr(rec, "common_name", None) or rec.name) if rec else code


# places ----------------------------------------------------------------------------------


def _place_rows(store: Store, c: Cursor) -> None:
    """Every place with a country or coordinates, with its article and event counts, ranked
    as the map lists them (most events, most articles, name)."""
    import pycountry

    from silkgraph.query.base import PLACE_TYPES, Corpus, LazyEntities, marks

    entities = LazyEntities(store)
    corpus = Corpus(entities, [], {}, {}, store)
    types = list(PLACE_TYPES)
    found = store.select_entities(f"WHERE type IN ({marks(len(types))})", types)
    entities.cache.update({e.id: e for e in found})
    n_docs = {
        r["id"]: int(r["n_docs"])
        for r in store.select(
            f"SELECT id, n_docs FROM entities WHERE type IN ({marks(len(types))})", types
        )
    }
    n_events = {
        r["entity_id"]: int(r["n"])
        for r in store.select(
            "SELECT entity_id, COUNT(*) AS n FROM event_entities WHERE role = 'place'"
            " GROUP BY entity_id"
        )
    }
    out: list[dict[str, Any]] = []
    for ent in found:
        country = corpus.country(ent.id)
        lat, lon = ent.attrs.get("lat"), ent.attrs.get("lon")
        if country is None and lat is None:
            continue
        rec = pycountry.countries.get(alpha_2=country) if country else None
        out.append(
            {
                "id": ent.id,
                "name": ent.name,
                "type": ent.type,
                "kind": ent.attrs.get("place_kind"),
                "country": country,
                "country_numeric": rec.numeric if rec else None,
                "lat": lat,
                "lon": lon,
                "n_docs": n_docs.get(ent.id, 0),
                "n_events": n_events.get(ent.id, 0),
            }
        )
    out.sort(key=lambda p: (-p["n_events"], -p["n_docs"], p["name"]))
    c.executemany(
        "INSERT INTO place_rows (rank, entity_id, country, kind, name, row)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(i, p["id"], p["country"], p["kind"], p["name"], _dump(p)) for i, p in enumerate(out)],
    )


# graph -----------------------------------------------------------------------------------


def _entity_pairs(store: Store, c: Cursor) -> None:
    """Articles in common between the ``PAIR_TOP`` best-connected entities overall and those
    of each entity type (the graph's entities without a country, outlet or date filter)."""
    from silkgraph.query.base import marks

    top: dict[str, None] = {}
    for type_ in (None, *ENTITY_TYPES):
        where, args = ("WHERE type = ? ", [type_]) if type_ else ("", [])
        rows = store.select(
            f"SELECT id FROM entities {where}ORDER BY degree DESC, id LIMIT ?", [*args, PAIR_TOP]
        )
        top.update((r["id"], None) for r in rows)
    if not top:
        return
    ids = list(top)
    c.execute(
        "INSERT INTO entity_pairs (a, b, n)"
        " SELECT a.entity_id, b.entity_id, COUNT(DISTINCT a.doc_id)"
        " FROM doc_entities a JOIN doc_entities b"
        " ON b.doc_id = a.doc_id AND a.entity_id < b.entity_id"
        # "|| ''" keeps b on its primary key (by article): probing the entity index for
        # every one of several hundred ids per link is some 30 times slower at 100k.
        f" WHERE a.entity_id IN ({marks(len(ids))}) AND (b.entity_id || '') IN ({marks(len(ids))})"
        " GROUP BY a.entity_id, b.entity_id",
        [*ids, *ids],
    )


def _entity_network(store: Store, c: Cursor) -> None:
    """The network of every entity in more than ``NETWORK_DOCS`` articles: its 50 heaviest
    neighbours (``query.entities.neighbour_weights``), ranked."""
    from silkgraph.query.entities import NETWORK_DOCS, neighbour_weights

    big = store.select("SELECT id FROM entities WHERE n_docs > ? ORDER BY id", [NETWORK_DOCS])
    for r in big:
        top = neighbour_weights(store, r["id"], NETWORK_TOP)
        c.executemany(
            "INSERT INTO entity_network (entity_id, rank, other_id, n) VALUES (?, ?, ?, ?)",
            [(r["id"], i, other, n) for i, (other, n) in enumerate(top)],
        )


def loads(value: Any) -> Any:
    """A summary's JSON text as read back (text on both stores)."""
    return json.loads(value) if isinstance(value, str) else value


__all__ = ["built", "ensure", "loads", "refresh", "trade_rows"]
