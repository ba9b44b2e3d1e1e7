"""Trade flows between countries, read from the TRADE events only."""

from __future__ import annotations

import logging
from typing import Any

from silkgraph.model import EVENT_TYPES, Event, Extraction, TradeFlow
from silkgraph.query.base import Corpus, LazyLinks, event_summaries
from silkgraph.store.base import Store

log = logging.getLogger(__name__)


def trade_flows(store: Store) -> dict[str, Any]:
    """Trade between countries from TRADE events: directed flows and two-way turnover.

    Each clause of a report is one flow (see ``extract.events.trade_flows``): goods a
    country exports, imports or supplies, with the other side where the text names it
    and "unspecified" where it does not; trade both ways ("turnover") is listed apart and
    never drawn as a direction. One row per event and direction: the sources of one event
    are merged, so each value counts once; ``totals`` add the rows up.

    Reads the TRADE events, their articles' links and extractions, and the entities they
    name: it grows with the trade events, not with the whole corpus.
    """
    links = LazyLinks(store)
    corpus = Corpus.lazy(store)
    corpus.ent_of = links
    events = store.select_events("WHERE type = 'TRADE' ORDER BY COALESCE(date, '') DESC, id")
    links.load(v.get("doc_id", "") for ev in events for v in ev.data.get("versions", []))
    summaries = event_summaries(corpus, events)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    extractions: dict[str, Extraction | None] = {}
    for ev, summary in zip(events, summaries, strict=True):
        for v in ev.data.get("versions", []):
            doc_id = v.get("doc_id", "")
            if doc_id not in extractions:
                extractions[doc_id] = store.get_extraction(doc_id)
            ext = extractions[doc_id]
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
    items = sorted(
        rows.values(), key=lambda r: (-(r["usd"] or 0), r["year"] or "", r["event"]["headline"])
    )
    flows = [r for r in items if r["kind"] != "turnover"]
    turnover = [r for r in items if r["kind"] == "turnover"]
    return {
        "total": len(flows),
        "flows": flows,
        "turnover": turnover,
        "totals": {
            "directed_usd": sum(r["usd"] or 0 for r in flows),
            "turnover_usd": sum(r["usd"] or 0 for r in turnover),
        },
        "types": list(EVENT_TYPES),
    }


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
    corpus: Corpus,
    doc_id: str,
    flow: TradeFlow,
    summary: dict[str, Any],
    version: dict[str, Any],
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


def _country_side(corpus: Corpus, doc_id: str, key: str | None) -> dict[str, Any]:
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


def country_name(corpus: Corpus, code: str) -> str:
    """A country's name as the corpus spells it, else its short ISO name."""
    ent = corpus.entities.get(f"e:{code.lower()}")
    if ent is not None:
        return ent.name
    import pycountry

    rec = pycountry.countries.get(alpha_2=code)
    return str(getattr(rec, "common_name", None) or rec.name) if rec else code
