"""PLOVER-style event records, and the one mapping from silkgraph event types to PLOVER/CAMEO.

Political-science users code events in PLOVER (successor of CAMEO). The mapping lives
here alone so the export and the PLOVER benchmark cannot disagree. CAMEO roots follow
the 2021 CAMEO-to-PLOVER table: 03 AGREE (express intent to cooperate), 04 CONSULT,
06 COOPERATE (material cooperation). CAMEO 057 "sign formal agreement" is SUPPORT in
that table; silkgraph's AGREEMENT means a pledge or deal between parties, closest to 03.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from silkgraph.export.jsonl import iter_records
from silkgraph.store.base import Store


@dataclass(slots=True, frozen=True)
class PloverCode:
    """A PLOVER category with its CAMEO root and the closest CAMEO code."""

    category: str
    root: str
    cameo: str
    mode: str = ""


def _codes() -> dict[str, PloverCode]:
    from silkgraph.knowledge.schema import event_schemas

    return {
        t: PloverCode(s.plover, s.cameo_root, s.cameo, s.mode) for t, s in event_schemas().items()
    }


# silkgraph event type -> PLOVER coding, read from the event schema files (the one source).
PLOVER: dict[str, PloverCode] = _codes()


def plover_category(event_type: str) -> str | None:
    """The PLOVER category of a silkgraph event type (None when it has none)."""
    code = PLOVER.get(event_type)
    return code.category if code else None


def _actor(ent: dict[str, Any] | None, name: str) -> dict[str, Any]:
    attrs = (ent or {}).get("attrs", {})
    return {
        "name": name,
        "id": (ent or {}).get("id"),
        "type": (ent or {}).get("type"),
        "country": attrs.get("country"),
    }


def event_records(store: Store) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per event report (a document's event)."""
    places = {e.id: e.attrs for e in store.list_entities(limit=10**9)}
    for rec in iter_records(store):
        by_id = {e["id"]: e for e in rec["entities"]}
        for ev in rec["events"]:
            code = PLOVER.get(ev["type"])
            actors = [
                _actor(by_id.get(p), by_id[p]["name"] if p in by_id else str(p))
                for p in ev["participants"]
            ]
            people_orgs = [a for a in actors if a["type"] in ("PERSON", "ORG", None)]
            ordered = people_orgs + [a for a in actors if a not in people_orgs]
            loc = ev.get("location")
            loc_ent = by_id.get(loc) if loc else None
            attrs = places.get(str(loc), {}) if loc else {}
            yield {
                "id": ev["id"],
                "event_type": code.category if code else None,
                "silkgraph_type": ev["type"],
                "mode": code.mode if code else "",
                "cameo_root": code.root if code else None,
                "cameo": code.cameo if code else None,
                "context": "economic",
                "actor1": ordered[0] if ordered else None,
                "actor2": ordered[1] if len(ordered) > 1 else None,
                "actors": ordered,
                "date": ev["date"],
                "location": None
                if not loc
                else {
                    "name": loc_ent["name"] if loc_ent else loc,
                    "id": loc,
                    "country": attrs.get("country"),
                    "lat": attrs.get("lat"),
                    "lon": attrs.get("lon"),
                },
                "modality": ev["modality"],
                "text": ev["evidence"]["text"],
                "doc_id": rec["id"],
                "outlet": ev.get("outlet") or rec.get("outlet"),
                "published": rec.get("published"),
                "url": rec.get("url"),
            }


def write_lines(items: Iterable[dict[str, Any]], output: Path | None) -> None:
    """Write dicts as JSON Lines to ``output`` (stdout when None)."""
    if output is None:
        for item in items:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    with open(output, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")


def write_plover(store: Store, output: Path | None) -> None:
    """Write the event records as JSON Lines to ``output`` (stdout when None)."""
    write_lines(event_records(store), output)
