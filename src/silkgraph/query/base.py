"""What every read function shares: the per-request corpus view, row summaries, filters,
pages and keyset cursors."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from silkgraph.display import EventDate, count_words, event_date, headline, plural
from silkgraph.errors import InputError, Moved, NotFound
from silkgraph.ingest import parse_dateline
from silkgraph.store.base import CorpusEntity, CorpusEvent, Store

ALL = 10**9
PLACE_TYPES = ("GPE", "LOC", "FAC")
# Ids per "IN (...)" list: below SQLite's default limit of host parameters.
CHUNK = 500


def chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    items = list(dict.fromkeys(ids))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def marks(n: int) -> str:
    return ",".join("?" * n)


# corpus context --------------------------------------------------------------


class LazyEntities(Mapping[str, CorpusEntity]):
    """Entities by id, read from the store on first use and kept for the request.

    ``prefetch`` reads many at once (one statement per 500 ids); a lazy map cannot be
    listed whole, which is the point: nothing that uses it reads every entity.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, CorpusEntity | None] = {}

    def prefetch(self, ids: Iterable[str | None]) -> None:
        want = [i for i in ids if i and i not in self.cache]
        for part in chunks(want):
            for ent in self.store.select_entities(f"WHERE id IN ({marks(len(part))})", part):
                self.cache[ent.id] = ent
            for i in part:
                self.cache.setdefault(i, None)

    def __getitem__(self, key: str) -> CorpusEntity:
        if key not in self.cache:
            self.prefetch([key])
        ent = self.cache[key]
        if ent is None:
            raise KeyError(key)
        return ent

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a lazy corpus does not list every entity")

    def __len__(self) -> int:
        raise TypeError("a lazy corpus does not count every entity")


class LazyLinks(Mapping[tuple[str, str], str]):
    """(document id, key) -> corpus entity id, read one document at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.docs: set[str] = set()
        self.links: dict[tuple[str, str], str] = {}

    def load(self, doc_ids: Iterable[str]) -> None:
        for part in chunks(d for d in doc_ids if d not in self.docs):
            rows = self.store.select(
                "SELECT doc_id, key, entity_id FROM doc_entities"
                f" WHERE doc_id IN ({marks(len(part))}) AND entity_id IS NOT NULL",
                part,
            )
            self.links.update({(r["doc_id"], r["key"]): r["entity_id"] for r in rows})
            self.docs.update(part)

    def __getitem__(self, key: tuple[str, str]) -> str:
        self.load([key[0]])
        return self.links[key]

    def __contains__(self, key: object) -> bool:
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)):
            return False
        self.load([key[0]])
        return key in self.links

    def __iter__(self) -> Iterator[tuple[str, str]]:
        raise TypeError("lazy links do not list every document")

    def __len__(self) -> int:
        raise TypeError("lazy links do not count every document")


@dataclass(slots=True)
class Corpus:
    """The resolved corpus as a request sees it: entities, events and their links.

    ``Corpus.lazy`` reads entities and links on demand, a request's worth at a time;
    nothing reads the whole corpus any more (search counts its facets in SQL, see
    ``query.search``), so ``events`` and ``doc_entities`` are left empty by every page.
    """

    entities: Mapping[str, CorpusEntity]
    events: list[CorpusEvent]
    ent_of: Mapping[tuple[str, str], str]
    doc_entities: dict[str, set[str]] = field(default_factory=dict)
    store: Store | None = None
    _published: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def lazy(cls, store: Store) -> Corpus:
        return cls(LazyEntities(store), [], LazyLinks(store), {}, store)

    def prefetch(self, events: Iterable[CorpusEvent]) -> None:
        """Read at once every entity the events name (a lazy corpus only)."""
        if isinstance(self.entities, LazyEntities):
            refs: list[str | None] = []
            for ev in events:
                refs += [ev.location, *event_participants(ev)]
                refs += [v.get("location") for v in ev.data.get("versions", [])]
            self.entities.prefetch(refs)

    def published(self, doc_id: str) -> str | None:
        """An article's publication date, read once (only year-less dates ask for it)."""
        if doc_id not in self._published:
            doc = self.store.get_document(doc_id, text=False) if self.store else None
            self._published[doc_id] = doc.published if doc else None
        return self._published[doc_id]

    def when(self, ev: CorpusEvent) -> EventDate:
        """The event's date with the year it is filed under (see ``display.event_date``)."""
        published = None
        if ev.date and ev.date.startswith("--"):
            docs = {v.get("doc_id") for v in ev.data.get("versions", [])}
            published = [self.published(d) for d in sorted(d for d in docs if d)]
        return event_date(ev.date, ev.end_date, bool(ev.data.get("date_inferred")), published)

    def name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        ent = self.entities.get(ref)
        return ent.name if ent else ref

    def ref(self, ref: str | None) -> dict[str, Any] | None:
        """An entity reference for display: id, name, type, and whether it resolves."""
        if ref is None:
            return None
        ent = self.entities.get(ref)
        if ent is None:
            return {"id": None, "name": ref, "type": None}
        return {"id": ent.id, "name": ent.name, "type": ent.type}

    def country(self, ref: str | None) -> str | None:
        ent = self.entities.get(ref or "")
        if ent is None:
            return None
        code = ent.attrs.get("country") or (ent.attrs.get("code") if ent.type == "GPE" else None)
        return str(code) if code else None


def event_countries(corpus: Corpus, ev: CorpusEvent) -> set[str]:
    refs = set(event_participants(ev)) | ({ev.location} if ev.location else set())
    return {c for r in refs if (c := corpus.country(r))}


def event_participants(ev: CorpusEvent) -> list[str]:
    seen: dict[str, None] = {}
    for v in ev.data.get("versions", []):
        for p in v.get("participants", []):
            seen.setdefault(p, None)
    return list(seen)


def event_value(ev: CorpusEvent) -> float | None:
    values = [v["amount_usd"] for v in ev.data.get("versions", []) if v.get("amount_usd")]
    return max(values) if values else None


def event_count(ev: CorpusEvent) -> tuple[float | None, str | None]:
    """The event's count and what it counts ("document"), from the first report with one."""
    for v in ev.data.get("versions", []):
        if v.get("count"):
            return float(v["count"]), v.get("count_unit")
    return None, None


def event_summary(corpus: Corpus, ev: CorpusEvent) -> dict[str, Any]:
    """One event as a list row: headline, type, date, place, participants, value, sources.

    ``date_words`` and ``year`` say how the date reads and which year it is filed under
    (``year_source``: stated, other report, publication date, or None for unknown).
    """
    versions = ev.data.get("versions", [])
    commodities = sorted({c for v in versions for c in v.get("commodities", [])})
    when = corpus.when(ev)
    count, unit = event_count(ev)
    location = corpus.ref(ev.location)
    value = event_value(ev)
    counted = count_words(count, plural(unit) if unit else None, ev.type)
    out: dict[str, Any] = {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "end_date": ev.end_date,
        "date_words": when.words(),
        "year": when.year,
        "year_source": when.year_source,
        "date_sort": when.sort_key,
        "location": location,
        "participants": [corpus.ref(p) for p in event_participants(ev)],
        "amount_usd": value,
        "count": count,
        "count_unit": unit,
        "count_words": counted,
        "commodities": commodities,
        "modality": versions[0].get("modality") if versions else None,
        "n_sources": len({v.get("doc_id") for v in versions}),
        # Copies of one story (one outlet, a shared sentence, near-identical words) count once.
        "independent_sources": ev.data.get("independent_sources"),
        "outlets": sorted({v["outlet"] for v in versions if v.get("outlet")}),
        "evidence": versions[0].get("evidence") if versions else None,
    }
    place = location["name"] if location else None
    parties = headline_parties(corpus, ev)
    goods = list(dict.fromkeys(c for v in versions for c in v.get("commodities", [])))
    out["headline"] = headline(
        ev.type, parties, place if place not in parties else None, when, value, counted, goods
    )
    return out


def event_summaries(corpus: Corpus, events: list[CorpusEvent]) -> list[dict[str, Any]]:
    """Rows for a list of events, with every entity they name read in one go."""
    corpus.prefetch(events)
    return [event_summary(corpus, ev) for ev in events]


def stored_summaries(store: Store, corpus: Corpus, ids: list[str]) -> list[dict[str, Any]]:
    """The list rows of the events ``ids``, in that order, as resolution wrote them
    (``event_rows``, see ``store.summaries``): no event's versions are read. An event
    without a stored row (summaries not built yet) is summarised from its versions."""
    rows: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        for r in store.select(
            f"SELECT event_id, summary FROM event_rows WHERE event_id IN ({marks(len(part))})",
            part,
        ):
            rows[r["event_id"]] = json.loads(r["summary"])
    lacking = [i for i in dict.fromkeys(ids) if i not in rows]
    for part in chunks(lacking):
        evs = store.select_events(f"WHERE id IN ({marks(len(part))})", part)
        rows.update({s["id"]: s for s in event_summaries(corpus, evs)})
    return [rows[i] for i in ids if i in rows]


def headline_parties(corpus: Corpus, ev: CorpusEvent) -> list[str]:
    """Who an event's headline names: its countries where two or more take part, else its
    countries, regions, organisations and people in that order (three at most)."""
    rank = {"country": 0, "region": 1}
    refs = [corpus.entities[p] for p in event_participants(ev) if p in corpus.entities]
    countries = [e.name for e in refs if e.attrs.get("place_kind") == "country"]
    if len(countries) >= 2:
        return list(dict.fromkeys(countries))[:3]

    def order(e: CorpusEntity) -> int:
        if e.type in ("GPE", "LOC"):
            return rank.get(str(e.attrs.get("place_kind")), 2)
        return {"ORG": 3, "PERSON": 4}.get(e.type, 5)

    refs.sort(key=order)
    return list(dict.fromkeys(e.name for e in refs if order(e) < 2 or e.type != "GPE"))[:3]


def entity_summary(ent: CorpusEntity, n_docs: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ent.id,
        "name": ent.name,
        "type": ent.type,
        "aliases": ent.aliases,
        "attrs": ent.attrs,
    }
    if n_docs is not None:
        out["n_docs"] = n_docs
    return out


def doc_title(title: str | None, text: str) -> str:
    """A document's title, or its first words when it has none."""
    if title:
        return title
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = parse_dateline(first)
    if line is not None and line.length < len(first):
        first = first[line.length :].strip()
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + " …"


@dataclass(slots=True)
class Filters:
    """Facets a search or a view can be narrowed by; empty fields do not filter."""

    entity_type: str | None = None
    event_type: str | None = None
    country: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def in_dates(self, value: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if not value or value.startswith("--"):
            return False
        n = len(value)
        return (not self.date_from or value >= self.date_from[:n]) and (
            not self.date_to or value <= self.date_to[:n]
        )

    def to_dict(self) -> dict[str, str]:
        return {k: v for k in self.__slots__ if (v := getattr(self, k))}


def document_row(
    doc_id: str, title: str | None, text: str, outlet: str | None, published: str | None
) -> dict[str, Any]:
    return {"id": doc_id, "title": doc_title(title, text), "outlet": outlet, "published": published}


# pages and keyset cursors -----------------------------------------------------


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


def encode_cursor(kind: str, key: Iterable[Any]) -> str:
    """An opaque cursor: the list it belongs to and the sort key of the last row shown.

    The next page starts strictly after that key, so rows added meanwhile never shift it.
    """
    raw = json.dumps([kind, *key], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, n: int) -> list[Any]:
    """The sort key a cursor carries; InputError (a 400) for another list's or a bad one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InputError("cursor: not a cursor of this list") from None
    if not (isinstance(value, list) and len(value) == n + 1 and value[0] == kind):
        raise InputError(f"cursor: not a cursor of the {kind} list")
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value[1:]):
        raise InputError("cursor: not a cursor of this list")
    return value[1:]


def typed_page_where(
    store: Store,
    table: str,
    type_: str | None,
    cursor: str | None,
    after: str,
    after_args: Callable[[list[Any]], list[Any]],
    width: int,
    offset: int,
) -> tuple[str, list[Any], int, int]:
    """The WHERE clause, its arguments, the rows to skip and the total of a list of
    ``table`` (entities or events) filtered by type and read after ``cursor``.

    ``after`` is the keyset condition; ``after_args`` turns the cursor's ``width`` sort
    values into its arguments. A cursor replaces the offset."""
    conds: list[str] = ["type = ?"] if type_ else []
    args: list[Any] = [type_] if type_ else []
    count_where = f" WHERE {conds[0]}" if conds else ""
    total = int(store.select(f"SELECT COUNT(*) AS n FROM {table}{count_where}", args)[0]["n"])
    skip = offset
    if cursor:
        conds, args, skip = (
            [*conds, after],
            [*args, *after_args(decode_cursor(table, cursor, width))],
            0,
        )
    where = f"WHERE {' AND '.join(conds)}" if conds else ""
    return where, args, skip, total


def keyset_page(
    kind: str,
    rows: list[Any],
    items: list[dict[str, Any]],
    key: Any,
    total: int,
    limit: int,
    offset: int,
    cursor: str | None,
) -> dict[str, Any]:
    """A page read with LIMIT limit + 1: the extra row only says whether a next page exists."""
    more = len(rows) > limit
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "cursor": cursor,
        "next_cursor": encode_cursor(kind, key(rows[limit - 1])) if more else None,
        "items": items[:limit],
    }


def missing(store: Store, kind: str, item_id: str) -> NoReturn:
    """Raise ``Moved`` for an id that was merged or renamed, else ``NotFound``."""
    new_id = store.get_redirect(kind, item_id)
    if new_id is not None:
        raise Moved(kind, item_id, new_id)
    raise NotFound(f"no {kind} {item_id!r}")


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence holding a span, and the span's offsets within it."""
    left = max(
        text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
        text.rfind("\n", 0, start) + 1,
    )
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right].strip(), start - left, end - left


def node(ent: CorpusEntity) -> dict[str, Any]:
    return {"id": ent.id, "label": ent.name, "kind": "entity", "type": ent.type}
