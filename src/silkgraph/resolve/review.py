"""Event merges the resolver made with little confidence, for a person to review.

Why: a merge shown as one event is read as a fact. When the pair model gave the link that
joined two clusters a probability below ``REVIEW_BELOW``, the merge goes to the review
queue as the machine's unsure judgement on the two reports, with each feature's share of
the log-odds, until a person confirms or splits it.
"""

from __future__ import annotations

import logging

from silkgraph.resolve.events import Report, score
from silkgraph.resolve.judgements import MACHINE
from silkgraph.resolve.pairs import model_for
from silkgraph.store.base import Judgement

log = logging.getLogger(__name__)

REVIEW_BELOW = 0.8


class MergeLog:
    """Receives every merge the scored links make; keeps the doubtful ones as judgements."""

    def __init__(self, below: float = REVIEW_BELOW) -> None:
        self.below = below
        self.merges = 0
        self.unsure: list[Judgement] = []

    def __call__(self, a: Report, b: Report, probability: float) -> None:
        self.merges += 1
        log.debug(
            "event merge %s#%s + %s#%s (p=%.3f)",
            a.doc_id,
            a.event.key,
            b.doc_id,
            b.event.key,
            probability,
        )
        if probability >= self.below:
            return
        _s, feats = score(a, b)
        model = model_for(a.doc_id)
        reasons = dict(model.explain(feats, a.event.type)) if model is not None else feats
        left, right = sorted((f"{a.doc_id}#{a.event.key}", f"{b.doc_id}#{b.event.key}"))
        self.unsure.append(
            Judgement("event", left, right, "unsure", round(probability, 3), reasons, MACHINE)
        )
