"""A person's decisions on event merges, as the resolver honours them, and as they are made.

Event judgements are rows between two reports (``doc#key``): positive (one event: they are
always clustered together), negative (two events: no cluster ever holds both, however
strongly other reports link them) or, by the machine, unsure (a merge made with a low pair
probability, waiting in the review queue). Judgements are kept across re-resolution; only
the machine's unsure rows are replaced by each run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from silkgraph.errors import InputError, NotFound
from silkgraph.store.base import Judgement, Store

log = logging.getLogger(__name__)

MACHINE = "silkgraph"
KINDS = ("entity", "event")


class _Ref(Protocol):
    @property
    def ref(self) -> tuple[str, str]: ...


def human(judgements: Iterable[Judgement] | None, kind: str = "event") -> list[Judgement]:
    """A person's judgements of one kind, oldest first (as the store lists them)."""
    return [j for j in judgements or () if j.kind == kind and j.author != MACHINE]


def judged_reports(judgements: Iterable[Judgement] | None) -> set[str]:
    """Reports (``doc#key``) a person judged, either way: each must stay a unit of its own,
    so that the judgement applies to that report, not to its copies in other outlets."""
    return {
        x
        for j in human(judgements)
        if j.judgement in ("positive", "negative")
        for x in (j.left_id, j.right_id)
    }


class Rules:
    """Must-links and cannot-links between a folder's units, from a person's judgements.

    ``must`` lists the unit pairs to join before any scored link, oldest judgement first;
    ``allows`` says whether two clusters (by root) may be joined, and ``joined`` carries
    the cannot-links of two joined clusters over to their root.
    """

    def __init__(self, units: Sequence[_Ref], judgements: Iterable[Judgement] | None) -> None:
        mine = [j for j in human(judgements) if j.judgement in ("positive", "negative")]
        wanted = {x for j in mine for x in (j.left_id, j.right_id)}
        unit: dict[str, int] = {}
        if wanted:
            for u, r in enumerate(units):
                name = f"{r.ref[0]}#{r.ref[1]}"
                if name in wanted:
                    unit.setdefault(name, u)
        self.must: list[tuple[int, int]] = []
        self.apart: dict[int, set[int]] = {}
        for j in mine:
            a, b = unit.get(j.left_id), unit.get(j.right_id)
            if a is None or b is None or a == b:
                continue
            if j.judgement == "positive":
                self.must.append((a, b))
            else:
                self.apart.setdefault(a, set()).add(b)
                self.apart.setdefault(b, set()).add(a)

    def allows(self, find: Callable[[int], int], ra: int, rb: int) -> bool:
        """Whether joining the clusters rooted at ``ra`` and ``rb`` parts no judged pair."""
        return not (
            any(find(x) == rb for x in self.apart.get(ra, ()))
            or any(find(x) == ra for x in self.apart.get(rb, ()))
        )

    def joined(self, ra: int, rb: int, root: int) -> None:
        """Record that ``ra`` and ``rb`` are now one cluster rooted at ``root``."""
        if not self.apart:
            return
        merged = self.apart.pop(ra, set()) | self.apart.pop(rb, set())
        if merged:
            self.apart[root] = merged


# Making judgements: the library calls behind the CLI, the API and the review page. ----------


def _check_item(store: Store, kind: str, item: str) -> None:
    doc_id, sep, key = item.partition("#")
    ext = store.get_extraction(doc_id) if sep else None
    if kind == "entity":
        found = ext is not None and ext.entity(key) is not None
    else:
        found = ext is not None and any(ev.key == key for ev in ext.events)
    if not found:
        raise NotFound(f"no document {kind} {item!r} (expected DOCUMENT#KEY)")


def judge(
    store: Store, kind: str, left: str, right: str, verdict: str, author: str = "analyst"
) -> Judgement:
    """Record a person's verdict (positive: one item; negative: two) on two document items."""
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}: use entity or event")
    if verdict not in ("positive", "negative"):
        raise InputError(f"unknown judgement {verdict!r}: use positive or negative")
    if left == right:
        raise InputError("the two items must differ")
    if author == MACHINE:
        raise InputError(f"the author {MACHINE!r} is reserved for the machine's own links")
    for item in (left, right):
        _check_item(store, kind, item)
    j = Judgement(kind, left, right, verdict, None, {}, author)
    store.save_judgement(j)
    log.info("recorded %s %s judgement %s ~ %s by %s", verdict, kind, left, right, author)
    return j


def detach(store: Store, report: str, author: str = "analyst") -> list[Judgement]:
    """Take one report out of its event: a negative judgement against every other report
    the event holds now, so that no re-run puts it back with any of them."""
    _check_item(store, "event", report)
    doc_id, _, key = report.partition("#")
    links = store.event_links()
    event_id = links.get((doc_id, key))
    others = sorted(
        f"{d}#{k}" for (d, k), e in links.items() if e == event_id and (d, k) != (doc_id, key)
    )
    if event_id is None or not others:
        raise InputError(f"report {report!r} is the only report of its event")
    out = []
    for other in others:
        j = Judgement("event", report, other, "negative", None, {"detach": 1.0}, author)
        store.save_judgement(j)
        out.append(j)
    log.info("detached %s from %d reports of event %s", report, len(out), event_id)
    return out


def undo(store: Store, kind: str, left: str, right: str | None = None) -> int:
    """Remove a person's judgement on two items, or with ``right`` None every judgement a
    person made on ``left``; returns how many were removed."""
    if right is not None:
        n = int(store.delete_judgement(kind, left, right))
    else:
        n = 0
        for j in human(store.list_judgements(kind), kind):
            if left in (j.left_id, j.right_id):
                n += int(store.delete_judgement(kind, j.left_id, j.right_id))
    log.info("removed %d %s judgements on %s", n, kind, left)
    return n


def replace_machine_events(store: Store, unsure: list[Judgement]) -> None:
    """Make the machine's unsure event rows exactly ``unsure``, leaving a person's alone;
    rows that did not change are not written again."""
    stored = store.list_judgements("event")
    decided = {(j.left_id, j.right_id) for j in human(stored)}
    fresh = {tuple(sorted((j.left_id, j.right_id))): j for j in unsure}
    kept = set()
    for j in stored:
        if j.author != MACHINE:
            continue
        new = fresh.get((j.left_id, j.right_id))
        if new is None:
            store.delete_judgement("event", j.left_id, j.right_id)
        elif (new.score, new.features) == (j.score, j.features):
            kept.add((j.left_id, j.right_id))
    for pair, j in sorted(fresh.items()):
        if pair not in decided and pair not in kept:
            store.save_judgement(j)
