"""Steps the language pipelines share around their own readers of values."""

from __future__ import annotations

from collections.abc import Iterable

from silkgraph.model import Amount, Extraction


def add_amounts_once(result: Extraction, amounts: Iterable[Amount]) -> None:
    """Add the amounts, a figure repeated later in the article counted once (same value and
    currency: the same fact told again)."""
    seen: set[tuple[float, str]] = set()
    for amount in amounts:
        key = (round(amount.value, 6), amount.currency)
        if key not in seen:
            seen.add(key)
            result.amounts.append(amount)


def taken_spans(result: Extraction) -> list[tuple[int, int]]:
    """The spans amounts and dates already hold: a quantity reader leaves them alone."""
    return [(a.start, a.end) for a in result.amounts] + [(d.start, d.end) for d in result.dates]
