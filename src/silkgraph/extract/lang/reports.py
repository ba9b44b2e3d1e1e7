"""Reports of one event within one article (headline, lead, body) folded into one event.

Shared by the language pipelines whose events are read sentence by sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from silkgraph.extract.dates import period_of
from silkgraph.model import Event, TimeExpr

# Precisions of a date that names a stretch a figure can count (a year, a half, a month).
PERIOD_PRECISIONS = ("year", "half", "quarter", "month")


def figure_period(dates: Sequence[TimeExpr], pos: int) -> str | None:
    """The period a trade figure or target counts: the stretch its sentence names nearest
    its trigger at ``pos`` ("по итогам 2024 года", "今年1月至5月"); the day in the same
    sentence is most often the day the figure was released, not what it counts."""
    spans = [d for d in dates if d.precision in PERIOD_PRECISIONS]
    if not spans:
        return None
    return period_of(min(spans, key=lambda d: abs(d.start - pos)))


def merge_report(events: list[Event], ev: Event, secondary: bool = False) -> bool:
    """Fold ``ev`` into an earlier report of the same event in this article, if there is one.

    A type that is not its sentence's main one ("после переговоров подписали") refers
    back to the event of that type already reported, whoever the sentence names.
    """
    for old in events:
        if old.type != ev.type or old.modality != ev.modality:
            continue
        if old.date and ev.date and old.date[:10] != ev.date[:10]:
            continue
        if old.period and ev.period and old.period != ev.period:
            continue
        if old.subject and ev.subject and old.subject != ev.subject:
            continue  # two named forums
        shared = set(old.participants) & set(ev.participants)
        if old.participants and ev.participants and not shared and not secondary:
            continue
        if not secondary or not old.participants:
            old.participants = list(dict.fromkeys(old.participants + ev.participants))
        old.date = old.date or ev.date
        old.end_date = old.end_date or ev.end_date
        old.location = old.location or ev.location
        if ev.period and not old.period and ev.amount_usd:
            # The figure given with the period it counts, over a round undated one.
            old.amount_usd = ev.amount_usd
        old.amount_usd = old.amount_usd or ev.amount_usd
        old.count = old.count or ev.count
        old.period = old.period or ev.period
        old.subject = old.subject or ev.subject
        old.commodities = list(dict.fromkeys(old.commodities + ev.commodities))
        return True
    return False
