"""Reports of one event within one article (headline, lead, body) folded into one event.

Shared by the language pipelines whose events are read sentence by sentence.
"""

from __future__ import annotations

from silkgraph.model import Event


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
        shared = set(old.participants) & set(ev.participants)
        if old.participants and ev.participants and not shared and not secondary:
            continue
        if not secondary or not old.participants:
            old.participants = list(dict.fromkeys(old.participants + ev.participants))
        old.date = old.date or ev.date
        old.end_date = old.end_date or ev.end_date
        old.location = old.location or ev.location
        old.amount_usd = old.amount_usd or ev.amount_usd
        old.count = old.count or ev.count
        return True
    return False
