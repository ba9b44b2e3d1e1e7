"""The contract export: one JSON object per document (see the extraction contract)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from silkgraph.model import Document, Extraction
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


def document_record(
    doc: Document,
    ext: Extraction,
    ent_ids: dict[tuple[str, str], str],
    ev_ids: dict[tuple[str, str], str],
    ev_dates: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    """The contract record of one document, with corpus-wide entity and event ids."""

    def eid(key: str | None) -> str | None:
        if key is None:
            return None
        return ent_ids.get((doc.id, key), key)

    names = {e.key: e.name for e in ext.entities}
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
                "org": eid(r.org),
                "person_name": names.get(r.person, r.person),
                "org_name": names.get(r.org or "", r.org),
                "evidence": {"start": r.start, "end": r.end},
            }
            for r in ext.roles
        ),
        "events": events,
        "errors": ext.errors,
    }


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
    extractions = iter(store.iter_extractions())
    ext = next(extractions, None)
    for doc in store.iter_documents():
        while ext is not None and ext.doc_id < doc.id:
            ext = next(extractions, None)
        if ext is not None and ext.doc_id == doc.id:
            yield document_record(doc, ext, ent_ids, ev_ids, ev_dates)
        else:
            yield document_record(doc, Extraction(doc.id, ""), ent_ids, ev_ids, ev_dates)
