"""FollowTheMoney entities (JSON Lines) for Aleph, OpenSanctions and other FtM tooling.

Plain dicts in the FtM shape ``{"id", "schema", "properties": {prop: [values]}}``, so the
``followthemoney`` package is not needed to write them. Every entity carries its
provenance: ``proof`` points at the Article entities it was read from, with their
``sourceUrl`` and ``publisher``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from silkgraph.export.jsonl import iter_records
from silkgraph.export.plover import plover_category, write_lines
from silkgraph.model import make_id
from silkgraph.store.base import CorpusEntity, Store

_COMPANY = re.compile(
    r"\b(?:company|co|corp|corporation|inc|ltd|llc|plc|jsc|pjsc|ojsc|ag|gmbh|s\.?a|group|"
    r"holding|holdings|bank|airlines?|railways?|energy|oil|gas|petroleum|motors?)\b\.?",
    re.I,
)
SCHEMAS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FAC": "Address",
    "EVENT": "Event",
}


def schema_of(ent: CorpusEntity) -> str:
    """The FtM schema of a corpus entity (Company for organisations named like firms)."""
    if ent.type == "ORG" and _COMPANY.search(ent.name):
        return "Company"
    return SCHEMAS.get(ent.type, "LegalEntity")


def _props(**values: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in values.items():
        vals = v if isinstance(v, (list, tuple, set)) else [v]
        clean = sorted({str(x) for x in vals if x not in (None, "")})
        if clean:
            out[k] = clean
    return out


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Articles, then people, organisations, places and events, each with its proof."""
    entities = {e.id: e for e in store.list_entities(limit=10**9)}
    proofs: dict[str, set[str]] = defaultdict(set)
    urls: dict[str, set[str]] = defaultdict(set)
    outlets: dict[str, set[str]] = defaultdict(set)
    events: dict[str, dict[str, Any]] = {}
    for rec in iter_records(store):
        art = make_id("ftm-article", rec["id"])
        yield {
            "id": art,
            "schema": "Article",
            "properties": _props(
                title=rec.get("title") or rec["id"],
                publishedAt=rec.get("published"),
                sourceUrl=rec.get("url"),
                publisher=rec.get("outlet"),
                language=rec.get("language"),
            ),
        }
        for e in rec["entities"]:
            proofs[e["id"]].add(art)
            urls[e["id"]].add(rec.get("url") or "")
            outlets[e["id"]].add(rec.get("outlet") or "")
        for ev in rec["events"]:
            item = events.setdefault(
                ev["id"], {"ev": ev, "proof": set(), "url": set(), "outlet": set()}
            )
            item["proof"].add(art)
            item["url"].add(rec.get("url") or "")
            item["outlet"].add(ev.get("outlet") or rec.get("outlet") or "")
    for eid, ent in entities.items():
        schema = schema_of(ent)
        country = ent.attrs.get("country")
        props = _props(
            name=ent.name,
            alias=ent.aliases,
            country=country,
            proof=proofs[eid],
            sourceUrl=urls[eid],
            publisher=outlets[eid],
        )
        if schema == "Address":
            props.update(
                _props(full=ent.name, latitude=ent.attrs.get("lat"), longitude=ent.attrs.get("lon"))
            )
        elif schema == "Person" and country:
            props.update(_props(nationality=country))
        yield {"id": eid, "schema": schema, "properties": props}
    for vid, item in events.items():
        ev = item["ev"]
        loc = entities.get(str(ev["location"])) if ev.get("location") else None
        yield {
            "id": vid,
            "schema": "Event",
            "properties": _props(
                name=f"{ev['type'].title()}: {ev['trigger']}",
                date=ev["date"],
                startDate=ev["date"],
                endDate=ev.get("end_date"),
                location=loc.name if loc else ev.get("location"),
                country=loc.attrs.get("country") if loc else None,
                involved=[p for p in ev["participants"] if p in entities],
                summary=ev["evidence"]["text"],
                keywords=plover_category(ev["type"]),
                proof=item["proof"],
                sourceUrl=item["url"],
                publisher=item["outlet"],
            ),
        }


def write_ftm(store: Store, output: Path | None) -> None:
    """FtM entities as JSON Lines to ``output`` (stdout when None)."""
    write_lines(ftm_entities(store), output)
