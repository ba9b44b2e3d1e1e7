"""Cross-source event clustering: shared stories, publication gaps, different meetings.

These cases check the named features and the cluster constraints with the hand-set
weights, the fallback when no pair model is shipped; the learned weights are checked in
tests/resolve/test_pairs.py and by the out-of-fold figures of `silkgraph eval --cv`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from silkgraph.model import Document, Event, Extraction
from silkgraph.resolve.events import Stories, doc_actors, resolve_events
from silkgraph.resolve.pairs import ACTIVE


@pytest.fixture(autouse=True)
def hand_weights() -> Iterator[None]:
    before = dict(ACTIVE)
    ACTIVE["model"] = None
    yield
    ACTIVE.update(before)


def story_docs(ent_of: dict[tuple[str, str], str]) -> dict[str, set[str]]:
    """Every document's same-story partners, pair by pair."""
    stories = Stories(doc_actors(ent_of))
    out: dict[str, set[str]] = {}
    for a in stories.entities:
        for b in stories.entities:
            if a != b and stories.same(a, b):
                out.setdefault(a, set()).add(b)
    return out


def _event(key: str, etype: str, participants: list[str], date: str | None = None) -> Event:
    return Event(
        key,
        etype,
        "t",
        0,
        10,
        f"{etype} of {' '.join(participants)}",
        date=date,
        participants=participants,
    )


def _cluster(
    reports: list[tuple[str, Event]],
    ent_of: dict[tuple[str, str], str],
    published: dict[str, str | None],
) -> list[set[str]]:
    by_doc: dict[str, list[Event]] = {}
    for doc_id, ev in reports:
        by_doc.setdefault(doc_id, []).append(ev)
    extractions = [Extraction(d, "test", events=evs) for d, evs in by_doc.items()]
    docs: dict[str, Document | None] = {
        d: Document(d, "", published=published.get(d)) for d in by_doc
    }
    events = resolve_events(extractions, ent_of, docs, [])
    return [{doc for doc, _ in ev.members} for ev in events]


def test_documents_naming_the_same_rare_actors_tell_one_story() -> None:
    ent_of = {
        ("a", "1"): "e:acme_mining",
        ("a", "2"): "e:jane_doe",
        ("a", "3"): "e:fr",
        ("b", "1"): "e:acme_mining",
        ("b", "2"): "e:jane_doe",
        ("c", "1"): "e:jane_doe",
        ("c", "2"): "e:fr",
        ("d", "1"): "e:acme_mining",
        ("d", "2"): "e:fr",
    }
    # Every pair shares at most one actor besides a place, and no actor is rare.
    assert story_docs(ent_of) == {}
    del ent_of[("c", "1")], ent_of[("d", "1")]
    # Now a and b alone name both actors.
    assert story_docs(ent_of) == {"a": {"b"}, "b": {"a"}}


def test_same_story_joins_an_undated_report_of_two_countries() -> None:
    ent_of = {
        ("a", "p"): "e:fr",
        ("a", "q"): "e:de",
        ("a", "x"): "e:acme_mining",
        ("a", "y"): "e:jane_doe",
        ("b", "p"): "e:fr",
        ("b", "q"): "e:de",
        ("b", "x"): "e:acme_mining",
        ("b", "y"): "e:jane_doe",
    }
    reports = [
        ("a", _event("k1", "TRADE", ["p", "q"], "2024")),
        ("b", _event("k2", "TRADE", ["p", "q"])),
    ]
    assert {"a", "b"} in _cluster(reports, ent_of, {"a": "2025-01-10", "b": None})
    # Without the shared actors the two countries alone are not enough.
    plain = {k: v for k, v in ent_of.items() if k[1] in ("p", "q")}
    assert {"a", "b"} not in _cluster(reports, plain, {"a": "2025-01-10", "b": None})


def test_undated_reports_published_months_apart_stay_apart() -> None:
    ent_of = {
        ("a", "x"): "e:jane_doe",
        ("a", "y"): "e:john_roe",
        ("b", "x"): "e:jane_doe",
        ("b", "y"): "e:john_roe",
        ("c", "x"): "e:jane_doe",
        ("c", "y"): "e:john_roe",
    }
    reports = [
        ("a", _event("k1", "MEETING", ["x", "y"], "2025-03-02")),
        ("b", _event("k2", "MEETING", ["x", "y"])),
        ("c", _event("k3", "MEETING", ["x", "y"])),
    ]
    clusters = _cluster(reports, ent_of, {"a": "2025-03-02", "b": "2025-03-03", "c": "2025-09-30"})
    assert {"a", "b"} in clusters
    assert {"c"} in clusters


def test_meetings_with_different_counterparts_are_different_meetings() -> None:
    ent_of = {
        ("a", "x"): "e:jane_doe",
        ("a", "y"): "e:john_roe",
        ("b", "x"): "e:jane_doe",
        ("b", "z"): "e:max_mustermann",
    }
    reports = [
        ("a", _event("k1", "MEETING", ["x", "y"])),
        ("b", _event("k2", "MEETING", ["x", "z"])),
    ]
    assert {"a", "b"} not in _cluster(reports, ent_of, {})


def test_two_events_of_one_document_never_share_a_cluster() -> None:
    ent_of = {
        ("a", "x"): "e:acme_mining",
        ("a", "y"): "e:jane_doe",
        ("b", "x"): "e:acme_mining",
        ("b", "y"): "e:jane_doe",
    }
    events = {
        "a": [
            _event("k1", "AGREEMENT", ["x", "y"], "2025-09-02"),
            _event("k2", "AGREEMENT", ["x", "y"]),
        ],
        "b": [_event("k3", "AGREEMENT", ["x", "y"], "2025-09-02")],
    }
    extractions = [Extraction(d, "test", events=evs) for d, evs in events.items()]
    docs: dict[str, Document | None] = {d: Document(d, "") for d in events}
    clusters = [sorted(ev.members) for ev in resolve_events(extractions, ent_of, docs, [])]
    # The dated report in b joins the dated report in a, not both of a's events.
    assert [("a", "k1"), ("b", "k3")] in clusters
    assert [("a", "k2")] in clusters


def test_a_rare_town_and_a_rare_actor_tell_one_story() -> None:
    ent_of = {
        ("a", "1"): "e:jane_doe",
        ("a", "2"): "e:2037013",
        ("a", "3"): "e:fr",
        ("b", "1"): "e:jane_doe",
        ("b", "2"): "e:2037013",
        ("c", "1"): "e:fr",
    }
    assert story_docs(ent_of) == {"a": {"b"}, "b": {"a"}}
    # A town that every article names is no sign of one story.
    ent_of[("c", "2")] = "e:2037013"
    ent_of[("d", "2")] = "e:2037013"
    assert story_docs(ent_of) == {}


def test_copies_of_one_sentence_fold_into_one_unit_before_scoring() -> None:
    from silkgraph.resolve.events import Report, fold

    wire = "Acme Mining and Beta Rail signed a freight agreement worth 40 million dollars."
    ent_of = {(d, "1"): "e:acme_mining" for d in "abcd"}

    def report(doc: str, key: str, evidence: str = wire) -> Report:
        ev = Event(key, "AGREEMENT", "signed", 0, 10, evidence, participants=["1"])
        return Report(doc, ev, lambda k: ent_of.get((doc, k)), Document(doc, ""))

    reports = [report("a", "x"), report("b", "x"), report("c", "x"), report("a", "y")]
    reports.append(report("d", "x", "Acme Mining and Beta Rail signed another freight agreement."))
    folder = fold(reports, pinned=set())
    reps, unit_of, docs = folder.first, folder.unit_of, folder.docs
    # Three outlets' copies are one unit; the same document's second copy and a
    # different sentence are units of their own.
    assert list(unit_of) == [0, 0, 0, 1, 2]
    assert reps == [0, 3, 4] and docs == {0: {"a", "b", "c"}}
    # A report a person judged is never folded.
    pinned_units = fold(reports, pinned={"b#x"}).unit_of
    assert list(pinned_units) == [0, 1, 0, 2, 3]
