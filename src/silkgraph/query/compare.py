"""Each report's version of an event compared field by field: agree, differ, or stated
by one report only, with names for entity ids and outlets for documents."""

from __future__ import annotations

from typing import Any

from silkgraph.display import count_words, date_words, money_words, plural
from silkgraph.query.base import Corpus

# (field, label, kind): kind says how values are read and compared.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("date", "date", "date"),
    ("end_date", "end date", "date"),
    ("location", "place", "entity"),
    ("participants", "participants", "entities"),
    ("exporter", "exporter", "entity"),
    ("importer", "importer", "entity"),
    ("amount_usd", "value", "money"),
    ("count", "count", "count"),
    ("commodities", "commodities", "set"),
    ("modality", "modality", "text"),
    ("speaker", "speaker", "entity"),
)


def _key(kind: str, value: Any) -> Any:
    """What two reports must share to agree: sets compare without order, money to the dollar."""
    if value in (None, "", []):
        return None
    if kind in ("entities", "set"):
        return frozenset(value)
    if kind == "money":
        return round(float(value))
    return value


def _show(corpus: Corpus, kind: str, value: Any, version: dict[str, Any]) -> str | None:
    if value in (None, "", []):
        return None
    if kind == "date":
        return date_words(str(value))
    if kind == "entity":
        return corpus.name(value)
    if kind == "entities":
        return ", ".join(sorted(corpus.name(p) or p for p in value))
    if kind == "set":
        return ", ".join(sorted(value))
    if kind == "money":
        return f"{money_words(float(value))} (USD {float(value):,.0f})"
    if kind == "count":
        unit = version.get("count_unit")
        return count_words(float(value), plural(unit) if unit else None, version.get("type", ""))
    return str(value)


def compare_versions(
    corpus: Corpus, versions: list[dict[str, Any]], etype: str = ""
) -> list[dict[str, Any]]:
    """One row per field any report states: its status and each report's value in words.

    ``status``: "agree" (two or more reports state it, all alike), "differ" (two or more
    state it, not alike), "only" (one report of several states it) or "single" (one report
    in all). ``sources`` names, for a field that differs, which outlet says what.
    """
    rows = []
    for field_, label, kind in FIELDS:
        keys = [_key(kind, v.get(field_)) for v in versions]
        stated = [k for k in keys if k is not None]
        if not stated:
            continue
        if len(versions) < 2:
            status = "single"
        elif len(stated) == 1:
            status = "only"
        else:
            status = "agree" if len(set(stated)) == 1 else "differ"
        shown = [_show(corpus, kind, v.get(field_), {"type": etype, **v}) for v in versions]
        rows.append(
            {
                "field": field_,
                "label": label,
                "status": status,
                "values": shown,
                "sources": [
                    {
                        "doc_id": v.get("doc_id"),
                        "outlet": v.get("outlet") or v.get("title") or v.get("doc_id"),
                        "value": s,
                    }
                    for v, s in zip(versions, shown, strict=True)
                    if s is not None
                ],
            }
        )
    return rows
