"""Search with facets: articles, entities and events matching words and filters.

Every part is an SQL read with a LIMIT or an aggregate, whatever the corpus: the articles
through the store's full-text index (``Store.text_match``), a page at a time; the
entities through the entity index; the events as the list rows resolution keeps
(``event_rows``), narrowed by their searchable words in SQL.

How many articles match and how many have each facet value is bounded too, and says so:

- The total of a search by words alone is the index's own count (cheap at any size); a
  search with filters counts at most ``COUNT_CAP`` matches and then says "more than".
- Facet counts (``doc_facets``, written by resolution, and the outlet) are taken over at
  most ``FACET_CAP`` matching articles; past that they are a part of the matches, and
  the answer says how many articles they cover. With neither words nor filters they are
  the whole corpus's, counted once per store state.
- Ranking scores every article that has the words: past ``RANK_CAP`` of them the page is
  listed in the index's own order (newest stored first) and says it is not ranked.
- With filters and more than ``SCAN_CAP`` articles with the words, only the newest
  ``SCAN_CAP`` are checked against the filters, and the answer says so (``scanned``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from silkgraph.query.aliases import any_name_match, other_names, snippet
from silkgraph.query.base import Filters, document_row, entity_summary, marks
from silkgraph.store.base import CorpusEntity, Store, TextMatch

FACETS = ("entity_type", "event_type", "country", "outlet")
# Enough of an article's start for its title when it has none (``doc_title``).
HEAD = 2000
# Entities a word search considers before the type and country filters.
ENTITY_HITS = 200
# Matching articles a total with filters counts at most (about 5 microseconds each on the
# shared 2-core machine), and that the facet counts read at most (about 25 each, and one
# statement per chosen facet): past these the answer says it stopped.
COUNT_CAP = 5000
FACET_CAP = 2000
# Articles with the words that a page ranks at most (each one is scored: about 50 ms).
RANK_CAP = 20000
# Articles with the words that a search with filters checks at most (the newest).
SCAN_CAP = 5000
# A facet value fewer articles have than this is where a search starts from.
RARE = 5000


@dataclass(slots=True)
class SearchFilters:
    """What a search is narrowed by: values of its facets (any of each; facets combine)
    and a date range. ``Filters`` (one value per facet) converts with ``of``."""

    facets: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def of(cls, f: Filters | SearchFilters | None) -> SearchFilters:
        if isinstance(f, SearchFilters):
            return f
        f = f or Filters()
        facets = {k: [v] for k in FACETS if (v := getattr(f, k))}
        return cls(facets, f.date_from, f.date_to)

    def values(self, name: str) -> list[str]:
        return self.facets.get(name) or []

    def to_dict(self) -> dict[str, Any]:
        """The filters in force: each facet's values as a list, the dates as text."""
        out: dict[str, Any] = {k: list(v) for k in FACETS if (v := self.facets.get(k))}
        out.update({k: v for k in ("date_from", "date_to") if (v := getattr(self, k))})
        return out


def search(
    store: Store,
    query: str = "",
    limit: int = 20,
    offset: int = 0,
    filters: Filters | SearchFilters | None = None,
    cap: int = COUNT_CAP,
) -> dict[str, Any]:
    """Articles, entities and events matching the query and the facets, with facet counts.

    The articles' total reads at most ``cap`` matching articles, the facet counts at most
    ``FACET_CAP`` (see the module's docstring): ``documents.capped`` says the total is a floor, ``facets_counted``
    how many articles the counts cover and ``facets_complete`` whether that is all of them.
    """
    sf = SearchFilters.of(filters)
    query = query.strip()
    match = store.text_match(query) if query else None
    # A query that is one name of an entity also finds its other names (aliases).
    names = other_names(store, query) if query else []
    if names:
        match = any_name_match(store, [query, *names])
    if query and match is None:
        docs: dict[str, Any] = {
            "total": 0,
            "capped": False,
            "ranked": False,
            "scanned": None,
            "with_words": 0,
            "limit": limit,
            "offset": offset,
            "items": [],
        }
        counted: dict[str, Any] = {
            "facets": {k: [] for k in FACETS},
            "counted": 0,
            "complete": True,
        }
    else:
        scope = Scope.of(store, match, sf)
        docs = _search_docs(store, scope, sf, limit, offset, cap)
        counted = _facet_counts(store, scope, sf, min(cap, FACET_CAP))
    if names or docs.get("scanned"):
        # Snippets the index cannot give: other names, or a page not read through it.
        for item in docs["items"]:
            doc = store.get_document(item["id"])
            found = [query, *names] if names else re.findall(r"\w+", query)
            item["snippet"] = snippet(doc.text, found) if doc else ""
    return {
        "also_named": names,
        "query": query,
        "filters": sf.to_dict(),
        "documents": docs,
        "entities": _search_entities(store, query, sf, limit),
        "events": _search_events(store, query, sf, limit),
        "facets": counted["facets"],
        "facets_counted": counted["counted"],
        "facets_complete": counted["complete"],
    }


def _doc_conditions(
    sf: SearchFilters, skip: str | None = None, rare: frozenset[str] = frozenset()
) -> tuple[list[str], list[Any]]:
    """SQL conditions on the documents ``d`` for every facet but ``skip``, and the dates.

    A facet in ``rare`` (few articles have its values) is a list of articles the planner
    can start from; any other is checked article by article, which stops early when the
    first page of a common facet is found."""
    conds: list[str] = []
    args: list[Any] = []
    for k in ("entity_type", "country", "event_type"):
        if k != skip and (values := sf.values(k)):
            if k in rare:
                conds.append(
                    "d.id IN (SELECT x.doc_id FROM doc_facets x WHERE x.facet = ?"
                    f" AND x.value IN ({marks(len(values))}))"
                )
            else:
                conds.append(
                    "EXISTS (SELECT 1 FROM doc_facets x WHERE x.facet = ?"
                    f" AND x.value IN ({marks(len(values))}) AND x.doc_id = d.id)"
                )
            args += [k, *values]
    if skip != "outlet" and (outlets := sf.values("outlet")):
        conds.append(f"d.outlet IN ({marks(len(outlets))})")
        args += outlets
    if sf.date_from or sf.date_to:
        # A date compares with a bound cut to its own precision; month-days never match.
        conds.append("d.published IS NOT NULL AND d.published <> ''")
        conds.append("substr(d.published, 1, 2) <> '--'")
    for bound, op in ((sf.date_from, ">="), (sf.date_to, "<=")):
        if bound:
            conds.append(f"d.published {op} substr(?, 1, length(d.published))")
            args.append(bound)
    return conds, args


@dataclass(slots=True)
class Scope:
    """Which articles a search reads: those with its words (``match``; all without
    words), how many have them (``n_words``; None where it cannot say, or past
    ``SCAN_CAP`` with filters),
    the facets few articles have (``rare``), and, with so many articles with the words
    that they cannot all be checked against the filters, the newest ``SCAN_CAP`` of them
    (``newest``), which are."""

    match: TextMatch | None
    n_words: int | None
    rare: frozenset[str]
    newest: list[str] | None

    @classmethod
    def of(cls, store: Store, match: TextMatch | None, sf: SearchFilters) -> Scope:
        rare = _rare_facets(store, sf)
        if match is None:
            return cls(match, None, rare, None)
        if not _doc_conditions(sf)[0]:
            count = int(store.select(match.count, match.args)[0]["n"]) if match.count else None
            return cls(match, count, rare, None)
        # With filters: the newest articles with the words, one more than are checked; so
        # many say there are too many to check, fewer are every one of them.
        rows = store.select(
            f"SELECT d.id AS id FROM {match.source} WHERE {match.where}"
            f" ORDER BY {match.recent} LIMIT ?",
            [*match.args, SCAN_CAP + 1],
        )
        if len(rows) > SCAN_CAP:
            return cls(match, None, rare, [r["id"] for r in rows[:SCAN_CAP]])
        return cls(match, len(rows) if match.count else None, rare, None)

    @property
    def scan(self) -> bool:
        return self.newest is not None

    def conditions(self, sf: SearchFilters, skip: str | None = None) -> tuple[list[str], list[Any]]:
        return _doc_conditions(sf, skip, self.rare)

    def matched(self, conds: list[str], args: list[Any]) -> tuple[str, list[Any]]:
        """``FROM ... WHERE ...`` of the matching articles under ``conds``, and its
        arguments."""
        m = self.match
        if m is not None and self.newest is not None and conds:
            ids = self.newest
            where = " AND ".join([f"d.id IN ({marks(len(ids))})", *conds])
            return f"FROM documents d WHERE {where}", [*ids, *args]
        if m is not None:
            conds, args = [m.where, *conds], [*m.args, *args]
        source = m.source if m is not None else "documents d"
        return f"FROM {source}" + (f" WHERE {' AND '.join(conds)}" if conds else ""), args


def _rare_facets(store: Store, sf: SearchFilters) -> frozenset[str]:
    """The chosen facets whose values fewer than ``RARE`` articles have (one index count)."""
    parts, args = [], []
    for k in ("entity_type", "country", "event_type"):
        if values := sf.values(k):
            parts.append(f"(x.facet = ? AND x.value IN ({marks(len(values))}))")
            args += [k, *values]
    if not parts:
        return frozenset()
    rows = store.select(
        f"SELECT x.facet AS facet, COUNT(*) AS n FROM doc_facets x WHERE {' OR '.join(parts)}"
        " GROUP BY x.facet",
        args,
    )
    found = {r["facet"]: int(r["n"]) for r in rows}
    return frozenset(k for k in FACETS if sf.values(k) and found.get(k, 0) < RARE)


def _search_docs(
    store: Store, scope: Scope, sf: SearchFilters, limit: int, offset: int, cap: int
) -> dict[str, Any]:
    """A page of matching articles and their total (exact, or "more than ``cap``")."""
    conds, args = scope.conditions(sf)
    matched, margs = scope.matched(conds, args)
    match, n_words = scope.match, scope.n_words
    # The words alone are counted by the index, whatever their number; filters are
    # checked article by article, so with them the count stops past the cap (or past
    # the newest SCAN_CAP articles with the words, which bounds it already).
    if not conds and match is None:
        total, capped = int(store.select("SELECT COUNT(*) AS n FROM documents")[0]["n"]), False
    elif not conds and n_words is not None:
        total, capped = n_words, False
    elif scope.scan:
        total = int(store.select(f"SELECT COUNT(*) AS n {matched}", margs)[0]["n"])
        capped = False
    else:
        n = store.select(
            f"SELECT COUNT(*) AS n FROM (SELECT 1 AS one {matched} LIMIT ?) t", [*margs, cap + 1]
        )[0]["n"]
        total, capped = min(int(n), cap), int(n) > cap
    order, snip, ranked = "COALESCE(d.published, '') DESC, d.id", "''", False
    if match is not None and not scope.scan:
        # Ranking scores every article with the words: past RANK_CAP of them the page is
        # in the index's own order (newest stored first) and says so.
        ranked = bool(match.count) and (n_words or 0) <= RANK_CAP
        order = match.order if ranked or not match.count else match.recent
        snip = match.snippet
    rows = store.select(
        f"SELECT d.id, d.title, substr(d.text, 1, {HEAD}) AS head, d.outlet, d.published,"
        f" {snip} AS snippet {matched} ORDER BY {order} LIMIT ? OFFSET ?",
        [*margs, limit, offset],
    )
    items = [
        dict(
            document_row(r["id"], r["title"], r["head"], r["outlet"], r["published"]),
            snippet=r["snippet"] or "",
        )
        for r in rows
    ]
    return {
        "total": total,
        "capped": capped,
        "ranked": ranked,
        "scanned": SCAN_CAP if scope.scan else None,
        "with_words": n_words,
        "limit": limit,
        "offset": offset,
        "items": items,
    }


def _facet_counts(store: Store, scope: Scope, sf: SearchFilters, cap: int) -> dict[str, Any]:
    """Articles per facet value, each facet under the other facets' filters (so that a
    second value can be added with its count in view), over at most ``cap`` articles."""
    base = _count_facets(store, scope, sf, None, cap)
    # Over the newest articles with the words only, when a search checks no more.
    facets, complete = base["counts"], base["complete"] and not scope.scan
    for name in FACETS:
        if sf.values(name):
            own = _count_facets(store, scope, sf, name, cap)
            facets[name], complete = own["counts"][name], complete and own["complete"]
    for name, chosen in sf.facets.items():
        for value in chosen:
            facets.setdefault(name, {}).setdefault(value, 0)
    ordered = {k: sorted(facets.get(k, {}).items(), key=lambda kv: (-kv[1], kv[0])) for k in FACETS}
    return {"facets": ordered, "counted": base["counted"], "complete": complete}


def _count_facets(
    store: Store, scope: Scope, sf: SearchFilters, skip: str | None, cap: int
) -> dict[str, Any]:
    conds, args = scope.conditions(sf, skip)
    if scope.match is None and not conds:
        return _whole_corpus_facets(store)
    matched, margs = scope.matched(conds, args)
    rows = store.select(
        f"WITH m AS (SELECT d.id AS id, d.outlet AS outlet {matched} LIMIT ?)"
        " SELECT x.facet AS facet, x.value AS value, COUNT(*) AS n FROM doc_facets x"
        " WHERE x.doc_id IN (SELECT id FROM m) GROUP BY x.facet, x.value"
        " UNION ALL SELECT 'outlet', m.outlet, COUNT(*) FROM m"
        " WHERE m.outlet IS NOT NULL AND m.outlet <> '' GROUP BY m.outlet"
        " UNION ALL SELECT '', '', COUNT(*) FROM m",
        [*margs, cap + 1],
    )
    counts: dict[str, dict[str, int]] = {k: {} for k in FACETS}
    n = 0
    for r in rows:
        if r["facet"] == "":
            n = int(r["n"])
        else:
            counts[r["facet"]][r["value"]] = int(r["n"])
    if n > cap:
        # Counted over cap + 1 articles to know there were more; the counts are then of
        # a part, and the number shown is the part's size.
        return {"counts": counts, "counted": cap + 1, "complete": False}
    return {"counts": counts, "counted": n, "complete": True}


def _whole_corpus_facets(store: Store) -> dict[str, Any]:
    """Every article counted: two grouped reads, kept per store state (see ``cached``)."""
    from silkgraph.query.lists.common import cached

    def count() -> dict[str, Any]:
        counts: dict[str, dict[str, int]] = {k: {} for k in FACETS}
        for r in store.select(
            "SELECT x.facet AS facet, x.value AS value, COUNT(*) AS n FROM doc_facets x"
            " GROUP BY x.facet, x.value"
            " UNION ALL SELECT 'outlet', d.outlet, COUNT(*) FROM documents d"
            " WHERE d.outlet IS NOT NULL AND d.outlet <> '' GROUP BY d.outlet"
        ):
            counts[r["facet"]][r["value"]] = int(r["n"])
        n = int(store.select("SELECT COUNT(*) AS n FROM documents")[0]["n"])
        return {"counts": counts, "counted": n, "complete": True}

    found = cached(store, ("search facets",), count)
    # The caller changes the counts it is given (a chosen value is added at 0).
    return {**found, "counts": {k: dict(v) for k, v in found["counts"].items()}}


def entity_country(ent: CorpusEntity) -> str | None:
    """An entity's country: its ``country`` attribute, or a country's own code."""
    code = ent.attrs.get("country") or (ent.attrs.get("code") if ent.type == "GPE" else None)
    return str(code) if code else None


def _search_entities(
    store: Store, query: str, sf: SearchFilters, limit: int
) -> list[dict[str, Any]]:
    types, countries = sf.values("entity_type"), sf.values("country")
    if query:
        ents = [
            e
            for e in store.search_entities(query, limit=ENTITY_HITS)
            if (not types or e.type in types) and (not countries or entity_country(e) in countries)
        ]
        return [entity_summary(e) for e in ents[:limit]]
    conds: list[str] = []
    args: list[Any] = []
    for column, values in (("type", types), ("country", countries)):
        if values:
            conds.append(f"{column} IN ({marks(len(values))})")
            args += values
    where = f"WHERE {' AND '.join(conds)} " if conds else ""
    ents = store.select_entities(
        f"{where}ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ?", [*args, limit]
    )
    return [entity_summary(e) for e in ents]


def _search_events(store: Store, query: str, sf: SearchFilters, limit: int) -> list[dict[str, Any]]:
    """The latest events matching, as their stored list rows (``event_rows``): type,
    countries and outlets through ``event_keys``, the date with its inferred year, and
    every word of the query in the event's searchable words (kept lowered)."""
    conds: list[str] = []
    args: list[Any] = []
    if types := sf.values("event_type"):
        conds.append(f"r.type IN ({marks(len(types))})")
        args += types
    for facet in ("country", "outlet"):
        if values := sf.values(facet):
            conds.append(
                "EXISTS (SELECT 1 FROM event_keys k WHERE k.facet = ?"
                f" AND k.value IN ({marks(len(values))}) AND k.event_id = r.event_id)"
            )
            args += [facet, *values]
    day = "r.filter_date"
    if sf.date_from or sf.date_to:
        conds.append(f"{day} IS NOT NULL")
    for bound, op in ((sf.date_from, ">="), (sf.date_to, "<=")):
        if bound:
            conds.append(f"{day} {op} substr(?, 1, length({day}))")
            args.append(bound)
    for w in dict.fromkeys(w.lower() for w in re.findall(r"\w+", query)):
        conds.append("r.words LIKE ? ESCAPE '!'")
        args.append("%" + re.sub(r"([!%_])", r"!\1", w) + "%")
    where = f"WHERE {' AND '.join(conds)} " if conds else ""
    rows = store.select(
        f"SELECT r.summary FROM event_rows r {where}ORDER BY r.sort_date DESC, r.event_id LIMIT ?",
        [*args, limit],
    )
    return [json.loads(r["summary"]) for r in rows]
