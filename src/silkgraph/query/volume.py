"""Events per month and type: the timeline's volume chart, counted in SQL over every
matching event (the timeline's list shows only the latest)."""

from __future__ import annotations

from typing import Any

from silkgraph.query.base import Filters
from silkgraph.query.lists import EVENT_YEAR
from silkgraph.store.base import Store

# The month an event is filed under: its own, in the year it is filed under (a day without
# a year takes its reports' publication year, as everywhere); None for a date without one.
EVENT_MONTH = (
    "(CASE WHEN substr(events.date, 1, 2) = '--' THEN "
    + EVENT_YEAR
    + " || '-' || substr(events.date, 3, 2)"
    " WHEN length(events.date) >= 7 THEN substr(events.date, 1, 7) END)"
)


def event_volume(store: Store, filters: Filters | None = None) -> dict[str, Any]:
    """Counts of matching events by month and type, oldest month first.

    The type, country and outlet filters are SQL; the date filters keep the months that
    overlap them. ``no_month`` counts the matching events with no month (undated, a year
    only, or a day whose year is unknown).
    """
    f = filters or Filters()
    conds: list[str] = []
    args: list[Any] = []
    if f.event_type:
        conds.append("events.type = ?")
        args.append(f.event_type)
    # The country and outlet an event is listed under (``event_keys``), as the lists,
    # graph and map filter them.
    for facet, value in (("country", f.country), ("outlet", f.outlet)):
        if value:
            conds.append(
                "EXISTS (SELECT 1 FROM event_keys k WHERE k.facet = ? AND k.value = ?"
                " AND k.event_id = events.id)"
            )
            args += [facet, value]
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    rows = store.select(
        f"SELECT t.month, t.type, COUNT(*) AS n FROM (SELECT {EVENT_MONTH} AS month,"
        f" events.type AS type FROM events{where}) t GROUP BY t.month, t.type",
        args,
    )
    low = (f.date_from or "")[:7]
    high = (f.date_to or "")[:7]
    counts = []
    no_month = 0
    for r in rows:
        month = r["month"]
        if not month or not month[:4].isdigit() or len(month) != 7:
            no_month += int(r["n"])
            continue
        if (low and month < low[: len(month)]) or (high and month[: len(high)] > high):
            continue
        counts.append({"month": month, "type": r["type"], "n": int(r["n"])})
    counts.sort(key=lambda c: (c["month"], c["type"]))
    types = sorted({c["type"] for c in counts})
    return {
        "filters": f.to_dict(),
        "counts": counts,
        "types": types,
        "total": sum(c["n"] for c in counts),
        "no_month": no_month,
    }
