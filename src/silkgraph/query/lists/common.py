"""What the browsable lists share: the query of a list, accent folding, SQL in either
dialect, facet values with their labels, country names and codes, keyset cursors, exports."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from silkgraph.display import TYPE_LABELS
from silkgraph.errors import InputError
from silkgraph.query.aliases import fold
from silkgraph.query.base import decode_cursor, marks
from silkgraph.query.search import entity_country
from silkgraph.store.base import Store

T = TypeVar("T")

# Rows an export reads per statement, and the most it writes (a whole list at 100,000
# documents fits; the export's X-Total-Count and X-Rows headers say when one did not).
EXPORT_BATCH = 500
EXPORT_MAX = 100_000
# Entities a name filter takes from the full-text index (names and known aliases).
NAME_HITS = 500

AMOUNT_BUCKETS: tuple[tuple[str, str, float | None, float | None], ...] = (
    ("none", "no value stated", None, None),
    ("lt1m", "under $1 M", 0.0, 1e6),
    ("1m-100m", "$1 M to $100 M", 1e6, 1e8),
    ("100m-1bn", "$100 M to $1 bn", 1e8, 1e9),
    ("1bn+", "$1 bn and more", 1e9, None),
)
AMOUNT_LABELS = {key: label for key, label, _, _ in AMOUNT_BUCKETS}


@dataclass(slots=True)
class ListQuery:
    """What a list shows: facet values (any of each), a name filter, a sort and a page.

    ``sort`` names a column; a leading "-" sorts it from the largest down.
    """

    facets: dict[str, list[str]] = field(default_factory=dict)
    q: str = ""
    sort: str = ""
    limit: int = 50
    offset: int = 0
    cursor: str | None = None

    def params(self) -> dict[str, Any]:
        """The query string of this list (facets as repeated keys), without the page."""
        out: dict[str, Any] = {k: list(v) for k, v in self.facets.items() if v}
        if self.q:
            out["q"] = self.q
        if self.sort:
            out["sort"] = self.sort
        return out


def is_postgres(store: Store) -> bool:
    return type(store).__name__ == "PostgresStore"


def json_text(store: Store, column: str, key: str) -> str:
    """SQL for a text field of a JSON column, in the store's dialect."""
    if is_postgres(store):
        return f"({column} ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def json_number(store: Store, column: str, key: str) -> str:
    if is_postgres(store):
        return f"CAST({column} ->> '{key}' AS DOUBLE PRECISION)"
    return f"CAST(json_extract({column}, '$.{key}') AS REAL)"


def any_of(values: list[str]) -> tuple[str, list[str]]:
    return f"IN ({marks(len(values))})", list(values)


def column_facets(
    f: dict[str, list[str]], columns: tuple[tuple[str, str], ...], conds: list[str], args: list[Any]
) -> None:
    """Add "column IN (...)" for each chosen facet that is a plain column."""
    for name, column in columns:
        if name in f:
            sql, a = any_of(f[name])
            conds.append(f"{column} {sql}")
            args += a


def year_facet(f: dict[str, list[str]], year_sql: str, conds: list[str], args: list[Any]) -> None:
    """Add the chosen years ("unknown" for none) as one condition on ``year_sql``."""
    if "year" not in f:
        return
    years = [y for y in f["year"] if y != "unknown"]
    parts = [f"{year_sql} IN ({marks(len(years))})"] if years else []
    parts += [f"{year_sql} IS NULL"] if "unknown" in f["year"] else []
    conds.append("(" + " OR ".join(parts) + ")")
    args += years


def matching_entity_ids(store: Store, q: str) -> list[str]:
    """Entities whose name or a known alias matches ``q``, accents and case aside.

    The full-text index matches words (names and aliases, diacritics removed); a folded
    substring of the name or aliases catches the rest ("rumq" in "Ürümqi").
    """
    ids = [e.id for e in store.search_entities(q, limit=NAME_HITS)]
    folded = fold(q).strip()
    if folded and folded != q.strip().casefold():
        ids += [e.id for e in store.search_entities(folded, limit=NAME_HITS)]
    if len(folded) >= 2:
        like = f"%{folded}%"
        name, aliases = folded_sql(store, "name"), folded_sql(store, "aliases")
        ids += [
            r["id"]
            for r in store.select(
                f"SELECT id FROM entities WHERE {name} LIKE ? OR {aliases} LIKE ?"
                " ORDER BY n_docs DESC, id LIMIT ?",
                [like, like, NAME_HITS],
            )
        ]
    return list(dict.fromkeys(ids))


def folded_sql(store: Store, column: str) -> str:
    """SQL for a text column folded as ``fold`` folds the words looked for.

    On PostgreSQL, ``silkgraph_fold`` (migration 010) drops the accents of the lowered
    text; SQLite lowers ASCII letters only, so there an accented name is left to its
    full-text index, which removes diacritics.
    """
    if is_postgres(store):
        return f"silkgraph_fold(lower(CAST({column} AS TEXT)))"
    return f"lower({column})"


# Facet counts read every matching item (a grouped count per facet); they are kept per
# store state, so a list paged, sorted or shown again does not count them again.
FACET_CACHE_SIZE = 256
_facet_cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_facet_lock = threading.Lock()

Facets = dict[str, list[dict[str, Any]]]


def store_state(store: Store) -> tuple[Any, ...]:
    """What changes whenever a list's counts can: the store, its extraction and resolution
    serials, its judgements (a judgement re-resolves without new extractions) and articles."""
    extracted, resolved = store.resolution_state()
    made = store.select("SELECT COUNT(*) AS n, MAX(created_at) AS t FROM judgements")[0]
    docs = store.select("SELECT COUNT(*) AS n FROM documents")[0]["n"]
    where = getattr(store, "path", None) or getattr(store, "url", None) or id(store)
    return (type(store).__name__, where, extracted, resolved, made["n"], made["t"], docs)


def cached_facets(
    store: Store, kind: str, lq: ListQuery, count: Callable[[Store, ListQuery], Facets]
) -> Facets:
    """``count(store, lq)``, or the counts made before for the same list in the same state."""
    key = (kind, lq.q, tuple(sorted((k, tuple(v)) for k, v in lq.facets.items() if v)))
    return cached(store, key, lambda: count(store, lq))


def cached(store: Store, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave before for ``key`` in the same store state."""
    full = (store_state(store), *key)
    with _facet_lock:
        if full in _facet_cache:
            _facet_cache.move_to_end(full)
            return cast(T, _facet_cache[full])
    value = compute()
    with _facet_lock:
        _facet_cache[full] = value
        while len(_facet_cache) > FACET_CACHE_SIZE:
            _facet_cache.popitem(last=False)
    return value


def facet_counts(name: str, rows: list[Any], blank: tuple[Any, ...] = (None,)) -> dict[str, int]:
    """A facet's counts from its (value, n) rows, blank values left out; the year facet
    newest first, with what has no year counted as "unknown"."""
    counts = {str(r["value"]): int(r["n"]) for r in rows if r["value"] not in blank}
    if name == "year":
        unknown = sum(int(r["n"]) for r in rows if r["value"] is None)
        counts = dict(sorted(counts.items(), reverse=True))
        if unknown:
            counts["unknown"] = unknown
    return counts


def list_answer(
    lq: ListQuery,
    total: int,
    sort: str,
    next_cursor: str | None,
    facets: dict[str, Any],
    items: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    """The answer of a browsable list, the same keys for every kind of thing listed."""
    return {
        "total": total,
        "limit": lq.limit,
        "offset": lq.offset,
        "cursor": lq.cursor,
        "next_cursor": next_cursor,
        "sort": sort,
        "q": lq.q,
        "filters": {k: v for k, v in lq.facets.items() if v},
        **extra,
        "facets": facets,
        "items": items,
    }


def where_sql(conds: list[str]) -> str:
    return f" WHERE {' AND '.join(conds)}" if conds else ""


def facet_values(
    store: Store, name: str, counts: dict[str, int], selected: list[str]
) -> list[dict[str, Any]]:
    """Facet values with their counts, the largest first; a chosen value stays listed."""
    for value in selected:
        counts.setdefault(value, 0)
    if name in ("type", "country", "pair", "modality", "outlet", "entity_type"):
        order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    elif name == "amount":
        rank = {key: i for i, (key, *_) in enumerate(AMOUNT_BUCKETS)}
        order = sorted(counts.items(), key=lambda kv: rank.get(kv[0], 99))
    else:
        order = list(counts.items())
    labels = facet_labels(store, name, [v for v, _ in order])
    return [
        {"value": v, "label": labels.get(v, v), "count": n, "selected": v in selected}
        for v, n in order
    ]


def facet_labels(store: Store, name: str, values: list[str]) -> dict[str, str]:
    """How a facet value reads: country names for codes and pairs, words for buckets."""
    if name == "amount":
        return dict(AMOUNT_LABELS)
    if name == "year":
        return {"unknown": "year unknown"}
    if name == "type":
        return {v: v.lower().replace("_", " ") for v in values}
    if name == "entity_type":
        return {v: TYPE_LABELS.get(v, v.lower()) for v in values}
    if name in ("country", "pair"):
        codes = {c for v in values for c in v.split("-")}
        names = country_names(store, codes)
        return {v: "–".join(names.get(c, c) for c in v.split("-")) for v in values}
    return {}


def country_names(store: Store, codes: set[str]) -> dict[str, str]:
    """Country codes to the names the corpus uses for them (the most reported country)."""
    if not codes:
        return {}
    found = store.select_entities(
        f"WHERE type = 'GPE' AND country IN ({marks(len(codes))}) ORDER BY n_docs DESC, id",
        sorted(codes),
    )
    out: dict[str, str] = {}
    for ent in found:
        if ent.attrs.get("place_kind") == "country" and entity_country(ent) not in out:
            out[str(entity_country(ent))] = ent.name
    for code in codes - set(out):
        out[code] = _pycountry_name(code) or code
    return out


def _pycountry_name(code: str) -> str | None:
    import pycountry

    rec = pycountry.countries.get(alpha_2=code)
    return str(getattr(rec, "common_name", None) or rec.name) if rec else None


def country_code(store: Store, value: str) -> str:
    """A country filter's value as its code: "KZ", "kz" and "Kazakhstan" all give "KZ".

    Names are looked up among the corpus's countries (names and aliases), then in ISO 3166;
    a value that names no country is a one-line InputError.
    """
    v = value.strip()
    if re.fullmatch(r"[A-Za-z]{2}", v):
        return v.upper()
    for ent in store.search_entities(v, limit=20):
        if ent.type == "GPE" and ent.attrs.get("place_kind") == "country":
            names = [fold(n) for n in (ent.name, *ent.aliases)]
            if fold(v) in names and entity_country(ent):
                return str(entity_country(ent))
    import pycountry

    try:
        return str(pycountry.countries.lookup(v).alpha_2)
    except LookupError:
        raise InputError(f"country: no country is called {value!r}") from None


def date_cursor(kind: str, lq: ListQuery, key_sql: str, desc: bool) -> tuple[str, list[Any]]:
    """The keyset condition of a cursor on (key, id); ``key`` is never NULL."""
    key, item_id = decode_cursor(kind, lq.cursor or "", 2)
    op = "<" if desc else ">"
    return f"({key_sql} {op} ? OR ({key_sql} = ? AND {kind}.id > ?))", [key, key, item_id]


def export_rows(
    store: Store, lq: ListQuery, browse: Callable[..., dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Every row of a list under its query, a batch at a time (at most ``EXPORT_MAX``)."""
    offset = 0
    while offset < EXPORT_MAX:
        page = browse(
            store, replace(lq, limit=EXPORT_BATCH, offset=offset, cursor=None), facets=False
        )
        yield from page["items"]
        if len(page["items"]) < EXPORT_BATCH:
            return
        offset += EXPORT_BATCH
