"""CSV export: one table per kind of fact (entities, mentions, events, amounts, ...).

To a folder, each table is its own file; to stdout, the entities table alone. Text cells that
a spreadsheet would run as a formula are escaped (``escape_cell``).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from silkgraph.export.jsonl import iter_records
from silkgraph.store.base import Store

TABLES: dict[str, list[str]] = {
    "documents": ["id", "published", "outlet", "url", "title", "language"],
    "entities": ["doc_id", "id", "name", "type", "aliases", "n_mentions"],
    "mentions": ["doc_id", "entity_id", "text", "start", "end"],
    "amounts": [
        "doc_id",
        "text",
        "value",
        "currency",
        "usd",
        "rate",
        "rate_date",
        "rate_source",
        "start",
        "end",
    ],
    "quantities": ["doc_id", "text", "value", "unit", "approx", "start", "end"],
    "commodities": ["doc_id", "text", "name", "hs", "start", "end"],
    "roles": ["doc_id", "person", "person_name", "title", "org", "org_name"],
    "events": [
        "doc_id",
        "id",
        "type",
        "date",
        "end_date",
        "location",
        "participants",
        "amount_usd",
        "count",
        "commodities",
        "modality",
        "speaker",
        "outlet",
        "evidence",
    ],
}


# OWASP "CSV Injection": a cell starting with one of these is read as a formula by Excel,
# LibreOffice and Google Sheets (`=cmd|' /C calc'!A0`, `@SUM(...)`, `+1+1`, tab or CR first).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """Prefix a text cell that starts like a formula with a single quote; leave the rest.

    Only strings are touched: numbers (negative ones included) stay numbers, so numeric
    columns still sort and sum in a spreadsheet. Article text decides what the string cells
    hold, so any of them may carry a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(records: list[dict[str, Any]], table: str) -> Iterator[dict[str, Any]]:
    for rec in records:
        doc_id = rec["id"]
        if table == "documents":
            yield {k: rec.get(k) for k in TABLES[table]}
        elif table == "entities":
            for e in rec["entities"]:
                yield {
                    "doc_id": doc_id,
                    "id": e["id"],
                    "name": e["name"],
                    "type": e["type"],
                    "aliases": "|".join(e["aliases"]),
                    "n_mentions": len(e["mentions"]),
                }
        elif table == "mentions":
            for e in rec["entities"]:
                for m in e["mentions"]:
                    yield {"doc_id": doc_id, "entity_id": e["id"], **m}
        elif table == "events":
            for ev in rec["events"]:
                yield {
                    "doc_id": doc_id,
                    **{k: ev.get(k) for k in TABLES[table][1:]},
                    "participants": "|".join(map(str, ev["participants"])),
                    "commodities": "|".join(ev["commodities"]),
                    "evidence": ev["evidence"]["text"],
                }
        else:
            for item in rec[table]:
                yield {"doc_id": doc_id, **{k: item.get(k) for k in TABLES[table][1:]}}


def write_csv(store: Store, output: Path | None) -> None:
    records = list(iter_records(store))
    if output is None:
        _write(sys.stdout, records, "entities")
        return
    output.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with open(output / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            _write(fh, records, table)


def _write(fh: Any, records: list[dict[str, Any]], table: str) -> None:
    writer = csv.DictWriter(fh, fieldnames=TABLES[table], extrasaction="ignore")
    writer.writeheader()
    for row in rows(records, table):
        writer.writerow({k: escape_cell(v) for k, v in row.items()})
