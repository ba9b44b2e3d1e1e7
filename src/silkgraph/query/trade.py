"""Trade flows between countries, read a page at a time from the trade summary."""

from __future__ import annotations

from typing import Any

from silkgraph.model import EVENT_TYPES
from silkgraph.query.base import decode_cursor, encode_cursor
from silkgraph.store.base import Store
from silkgraph.store.summaries import loads

TRADE_PAGE = 200


def trade_flows(store: Store, limit: int = TRADE_PAGE, cursor: str | None = None) -> dict[str, Any]:
    """Trade between countries from TRADE events: directed flows and two-way turnover.

    Each clause of a report is one flow: goods a country exports, imports or supplies, with
    the other side where the text names it and "unspecified" where it does not; trade both
    ways ("turnover") is listed apart and never drawn as a direction. One row per event and
    direction (see ``store.summaries.trade_rows``): the sources of one event are merged, so
    each value counts once; ``totals`` add up every row, not only the page's.

    Resolution writes the rows ranked (largest value first, then year and headline), so a
    page is ``limit`` rows of each list after ``cursor``: an indexed read whatever the corpus.
    """
    after = decode_cursor("trade", cursor, 2) if cursor else [-1, -1]
    lists: dict[str, list[dict[str, Any]]] = {}
    more = False
    last = list(after)
    for i, name in enumerate(("flow", "turnover")):
        rows = store.select(
            "SELECT rank, row FROM trade_rows WHERE list = ? AND rank > ? ORDER BY rank LIMIT ?",
            [name, int(after[i]), limit + 1],
        )
        more = more or len(rows) > limit
        rows = rows[:limit]
        lists[name] = [loads(r["row"]) for r in rows]
        if rows:
            last[i] = int(rows[-1]["rank"])
    sums = {
        r["list"]: r
        for r in store.select(
            "SELECT list, COUNT(*) AS n, SUM(usd) AS usd FROM trade_rows GROUP BY list"
        )
    }

    def total(name: str, key: str) -> Any:
        return (sums.get(name) or {}).get(key) or 0

    return {
        "total": int(total("flow", "n")),
        "flows": lists["flow"],
        "turnover": lists["turnover"],
        "turnover_total": int(total("turnover", "n")),
        "totals": {
            "directed_usd": float(total("flow", "usd")),
            "turnover_usd": float(total("turnover", "usd")),
        },
        "types": list(EVENT_TYPES),
        "limit": limit,
        "cursor": cursor,
        "next_cursor": encode_cursor("trade", last) if more else None,
    }
