"""Tables of the corpus-wide views: trade flows, timeline and graph as rows for CSV and JSON.

Each table is read through the view's own query function (``trade_flows``, ``timeline``,
``graph``) with the page's filters, so an export holds what the page shows: every trade
row (the page's pages, in its order), the timeline's events and articles, the graph's
edges with both ends named.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from silkgraph.query.base import Filters
from silkgraph.query.trade import trade_flows
from silkgraph.query.views import graph, timeline
from silkgraph.store.base import Store

log = logging.getLogger(__name__)

TRADE_COLUMNS = (
    "list",
    "exporter",
    "exporter_code",
    "importer",
    "importer_code",
    "parties",
    "goods",
    "hs_codes",
    "kind",
    "modality",
    "year",
    "year_source",
    "usd",
    "event_id",
    "headline",
    "evidence",
)
TIMELINE_COLUMNS = ("kind", "period", "date", "id", "type", "headline", "outlet", "n_sources")
GRAPH_COLUMNS = (
    "source",
    "source_label",
    "source_kind",
    "source_type",
    "target",
    "target_label",
    "target_kind",
    "target_type",
    "edge",
    "weight",
)
# Trade rows an export reads per page of ``trade_flows``.
TRADE_BATCH = 500


def trade_records(store: Store, batch: int = TRADE_BATCH) -> Iterator[dict[str, Any]]:
    """Every directed flow, then every turnover row, in the page's order (largest first),
    read ``batch`` rows of each list at a time through the page's cursor."""
    flows: list[dict[str, Any]] = []
    turnover: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = trade_flows(store, batch, cursor)
        flows += page["flows"]
        turnover += page["turnover"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    for name, rows in (("flow", flows), ("turnover", turnover)):
        yield from (trade_record(name, r) for r in rows)


def trade_record(name: str, r: dict[str, Any]) -> dict[str, Any]:
    """A trade row flattened: names and codes of each side, goods and HS codes joined."""
    side = {k: r.get(k) or {} for k in ("exporter", "importer")}
    return {
        "list": name,
        "exporter": side["exporter"].get("name") or "" if name == "flow" else "",
        "exporter_code": side["exporter"].get("code") or "",
        "importer": side["importer"].get("name") or "" if name == "flow" else "",
        "importer_code": side["importer"].get("code") or "",
        "parties": "; ".join(p.get("name") or "" for p in r.get("parties") or []),
        "goods": "; ".join(c["name"] for c in r.get("commodities") or []),
        "hs_codes": "; ".join(c.get("hs") or "" for c in r.get("commodities") or []),
        "kind": r.get("kind") or "",
        "modality": r.get("modality") or "",
        "year": r.get("year") or "",
        "year_source": r.get("year_source") or "",
        "usd": "" if r.get("usd") is None else f"{r['usd']:.0f}",
        "event_id": r["event"]["id"],
        "headline": r["event"]["headline"],
        "evidence": r.get("evidence") or "",
    }


def timeline_records(store: Store, f: Filters) -> Iterator[dict[str, Any]]:
    """The timeline's events by period, oldest first, then its articles by date."""
    data = timeline(store, f)
    for month in data["months"]:
        for e in month["events"]:
            yield {
                "kind": "event",
                "period": month["label"],
                "date": e.get("date") or "",
                "id": e["id"],
                "type": e["type"],
                "headline": e["headline"],
                "outlet": "; ".join(e.get("outlets") or []),
                "n_sources": e.get("n_sources", ""),
            }
    for d in data["documents"]:
        yield {
            "kind": "article",
            "period": (d["published"] or "")[:7],
            "date": d["published"] or "",
            "id": d["id"],
            "type": "",
            "headline": d["title"],
            "outlet": d["outlet"] or "",
            "n_sources": "",
        }


def graph_records(store: Store, f: Filters) -> Iterator[dict[str, Any]]:
    """The graph's edges, heaviest co-occurrence first, each end with its label and kind."""
    data = graph(store, f)
    nodes = {n["id"]: n for n in data["nodes"]}
    for e in data["edges"]:
        a, b = nodes[e["source"]], nodes[e["target"]]
        yield {
            "source": a["id"],
            "source_label": a["label"],
            "source_kind": a["kind"],
            "source_type": a["type"],
            "target": b["id"],
            "target_label": b["label"],
            "target_kind": b["kind"],
            "target_type": b["type"],
            "edge": e["kind"],
            "weight": e["weight"],
        }
