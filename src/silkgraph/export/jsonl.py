"""The contract export: one JSON object per document (see the extraction contract)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from silkgraph.model import Document, Extraction, Role
from silkgraph.store.base import Store

MEASURE_UNITS = frozenset(
    {
        "kt",
        "bbl",
        "barrel",
        "m3",
        "km",
        "MW",
        "GW",
        "kW",
        "ha",
        "TEU",
        "kWh",
        "MWh",
        "GWh",
        "km2",
        "m2",
        "m",
        "kg",
        "l",
    }
)


class CorpusRoles:
    """The organisations the corpus gives each person (corpus entity id), with the titles
    it gives them there: what completes a title an article gives without one.

    Why: news names a leader by a bare title ("President Vladimir Putin said") where
    another article of the corpus says whose ("Russian President Vladimir Putin").
    """

    __slots__ = ("held", "support")

    # How many articles must give a person an organisation before it completes another
    # article's role: one article's misreading is not spread over the corpus.
    MIN_SUPPORT = 2

    def __init__(self) -> None:
        # person -> org -> the titles (lower case) the corpus gives the person there
        self.held: dict[str, dict[str, set[str]]] = {}
        # (person, org) -> the articles that say so
        self.support: dict[tuple[str, str], set[str]] = {}

    def add(self, person: str, org: str, title: str, doc_id: str = "") -> None:
        self.held.setdefault(person, {}).setdefault(org, set()).add(title.lower())
        self.support.setdefault((person, org), set()).add(doc_id)

    def org_for(self, person: str | None, title: str) -> str | None:
        """The one organisation the corpus gives the person; where it gives several, the
        one it gives with the same state office ("president") or the same title; None
        when that is not one, or fewer than ``MIN_SUPPORT`` articles give it."""
        found = self._org_for(person or "", title)
        if found is None or len(self.support[(person or "", found)]) < self.MIN_SUPPORT:
            return None
        return found

    def _org_for(self, person: str, title: str) -> str | None:
        orgs = self.held.get(person)
        if not orgs:
            return None
        if len(orgs) == 1:
            return next(iter(orgs))
        office = _office(title)
        same = [
            org
            for org, titles in orgs.items()
            if title.lower() in titles
            or (office is not None and any(_office(t) == office for t in titles))
        ]
        return same[0] if len(same) == 1 else None


def corpus_roles(store: Store, ent_ids: dict[tuple[str, str], str]) -> CorpusRoles:
    """Every role with an organisation in the store, the person by corpus id, the
    organisation by corpus id; one named only by a demonym ("Mongolian President X") by
    the corpus id of the entity of that name elsewhere in the corpus, else by name
    (``org_ref``). One pass over the extractions, keeping only the roles and names."""
    out = CorpusRoles()
    by_name: dict[str, Counter[str]] = {}
    named: list[tuple[str, str, str, str]] = []
    for ext in store.iter_extractions():
        for e in ext.entities:
            if e.type in ("GPE", "ORG") and (cid := ent_ids.get((ext.doc_id, e.key))):
                by_name.setdefault(org_ref(e.name), Counter())[cid] += 1
        for r in ext.roles:
            person = ent_ids.get((ext.doc_id, r.person))
            if not person or not r.org or r.org_guessed:
                continue
            org = ent_ids.get((ext.doc_id, r.org))
            if org:
                out.add(person, org, r.title, ext.doc_id)
            else:
                named.append((person, org_ref(r.org), r.title, ext.doc_id))
    for person, ref, title, doc_id in named:
        ids = by_name.get(ref)
        out.add(person, ids.most_common(1)[0][0] if ids else ref, title, doc_id)
    return out


def org_ref(name: str) -> str:
    """How an organisation known by its name alone is held: "name:" and its words."""
    return "name:" + " ".join(name.lower().split())


def _office(title: str) -> str | None:
    from silkgraph.extract.roles import office

    return office(title)


def document_record(
    doc: Document,
    ext: Extraction,
    ent_ids: dict[tuple[str, str], str],
    ev_ids: dict[tuple[str, str], str],
    ev_dates: dict[str, str | None] | None = None,
    held: CorpusRoles | None = None,
) -> dict[str, Any]:
    """The contract record of one document, with corpus-wide entity and event ids.

    A role the article gives without an organisation takes the one the corpus gives that
    person (``held``) where the article names that organisation too; a role that stays
    without one is not a role of the contract and is left out.
    """

    def eid(key: str | None) -> str | None:
        if key is None:
            return None
        return ent_ids.get((doc.id, key), key)

    names = {e.key: e.name for e in ext.entities}
    # The article's entities by corpus id: a completed role's organisation is one of them.
    org_names = {eid(e.key) or e.key: e.name for e in ext.entities}
    entities = [
        {
            "id": eid(e.key),
            "name": e.name,
            "type": e.type,
            "aliases": e.aliases,
            "mentions": [m.to_dict() for m in e.mentions],
            **({"attrs": e.attrs} if e.attrs else {}),
        }
        for e in ext.entities
    ]
    events = []
    for ev in ext.events:
        corpus_id = ev_ids.get((doc.id, ev.key), f"ev:{doc.id}:{ev.key}")
        date = ev.date
        inferred = False
        if date and date.startswith("--") and ev_dates and ev_dates.get(corpus_id):
            full = ev_dates[corpus_id] or ""
            if len(full) == 10 and full[-6:] == date[-6:]:
                date, inferred = full, True
        events.append(
            {
                "id": corpus_id,
                "type": ev.type,
                "date": date,
                "end_date": ev.end_date,
                "date_inferred": inferred or ev.date_inferred,
                "location": eid(ev.location) if ev.location in names else ev.location,
                "location_from_context": ev.location_from_context,
                "participants": [eid(p) if p in names else p for p in ev.participants],
                # Those the article supplies rather than the event's own sentence.
                "participants_from_context": [
                    eid(p) if p in names else p for p in ev.context_participants
                ],
                "amount_usd": ev.amount_usd,
                "count": ev.count,
                "commodities": ev.commodities,
                "modality": ev.modality,
                "speaker": names.get(ev.speaker or "", ev.speaker),
                # An outlet the sentence credits is one of the article's entities: its name.
                "outlet": names.get(ev.outlet or "", ev.outlet) or doc.outlet,
                "trigger": ev.trigger,
                "exporter": eid(ev.exporter) if ev.exporter in names else ev.exporter,
                "importer": eid(ev.importer) if ev.importer in names else ev.importer,
                "evidence": {"text": ev.evidence, "start": ev.start, "end": ev.end},
            }
        )
    return {
        "id": doc.id,
        "published": doc.published,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "language": doc.language,
        "entities": entities,
        "amounts": [a.to_dict() for a in ext.amounts],
        # The contract's quantities are tonnes, percentages and counts; other physical
        # measures (cubic metres, kilometres, megawatts) are exported beside them.
        "quantities": [q.to_dict() for q in ext.quantities if q.unit not in MEASURE_UNITS],
        "measures": [q.to_dict() for q in ext.quantities if q.unit in MEASURE_UNITS],
        "commodities": [c.to_dict() for c in ext.commodities],
        "dates": [d.to_dict() for d in ext.dates],
        "roles": _distinct_roles(
            {
                "person": eid(r.person),
                "title": r.title,
                "org": org,
                "person_name": names.get(r.person, r.person),
                "org_name": org_names.get(org or "", org),
                "evidence": {"start": r.start, "end": r.end},
                **({"org_from_corpus": True} if org != eid(r.org) else {}),
            }
            for r in ext.roles
            if (org := _org(r, eid, held, org_names))
        ),
        "events": events,
        "errors": ext.errors,
    }


def _org(
    r: Role,
    eid: Callable[[str | None], str | None],
    held: CorpusRoles | None,
    org_names: dict[str, str],
) -> str | None:
    """A role's organisation: the one its article reads; for one it gives without (or
    only guessed, the home country of a bare state title), the one the corpus gives the
    person where the article names it (by id, or for one held by name, by that name),
    else the guess."""
    if r.org and not r.org_guessed:
        return eid(r.org)
    guess = eid(r.org) if r.org else None
    org = held.org_for(eid(r.person), r.title) if held is not None else None
    if org is None:
        return guess
    if org in org_names:
        return org
    return next((i for i, n in org_names.items() if org_ref(n) == org), guess)


def _distinct_roles(roles: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each (person, title, organisation) once: two spellings of a name that resolution
    found to be one person give the same role twice."""
    seen: set[tuple[Any, Any, Any]] = set()
    out = []
    for r in roles:
        key = (r["person"], (r["title"] or "").lower(), r["org"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Contract records for every stored document (documents not yet extracted included).

    Each extraction is the view its statements make (``statements.extraction``, read in
    pages by ``iter_extractions``); documents and extractions both come in id order, so
    the two streams are merged without holding either.
    """
    ent_ids = store.entity_links()
    ev_ids = store.event_links()
    ev_dates = {e.id: e.date for e in store.list_events(limit=10**9)}
    held = corpus_roles(store, ent_ids)
    extractions = iter(store.iter_extractions())
    ext = next(extractions, None)
    for doc in store.iter_documents():
        while ext is not None and ext.doc_id < doc.id:
            ext = next(extractions, None)
        if ext is not None and ext.doc_id == doc.id:
            yield document_record(doc, ext, ent_ids, ev_ids, ev_dates, held)
        else:
            yield document_record(doc, Extraction(doc.id, ""), ent_ids, ev_ids, ev_dates, held)
