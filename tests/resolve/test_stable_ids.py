"""Stable ids and a person's event judgements over real SQLite stores, through resolve_store."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_resolve_store import WIRE, _agreement, _corpus, _doc

from silkgraph.model import Document, Entity, Event, Extraction, Mention, make_id
from silkgraph.query import review_queue
from silkgraph.resolve import resolve_store
from silkgraph.resolve.judgements import detach, judge, undo
from silkgraph.store import open_store
from silkgraph.store.base import Store

RELEASE_STORE = (
    Path(__file__).resolve().parent.parent / "fixtures" / "stores" / "release-0.1.sqlite"
)
AGREEMENT = [f"w{i:02}" for i in range(12)] + ["r1"]


def _event_of(store: Store, doc_id: str, key: str = "e1") -> str:
    return store.event_links()[(doc_id, key)]


def _other_deal(store: Store, doc_id: str) -> None:
    """An undated agreement of two other companies, published months later."""
    text = "Gamma Steel and Delta Engineering signed a contract for ore wagons."
    store.add_document(Document(doc_id, text, outlet="Gazette", published="2025-09-30"))
    ents = [
        Entity(k, n, "ORG", [Mention(n, text.index(n), text.index(n) + len(n))])
        for k, n in (("g", "Gamma Steel"), ("d", "Delta Engineering"))
    ]
    ev = Event("e1", "AGREEMENT", "signed", 0, 20, text, participants=["g", "d"])
    store.save_extraction(Extraction(doc_id, "test", entities=ents, events=[ev]))


def test_re_resolution_after_adding_copies_keeps_every_id(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    resolve_store(store)
    before = store.event_links()
    entities_before = store.entity_links()
    # Copies in outlets whose ids sort first: each would be its event's first member, the
    # member a new event's id is made from.
    for i in range(6):
        _doc(store, f"a{i:02}", f"Copy {i}", WIRE, [_agreement("e1")])
    resolve_store(store)
    after = store.event_links()
    assert {k: after[k] for k in before} == before
    assert {after[(f"a{i:02}", "e1")] for i in range(6)} == {before[("w00", "e1")]}
    assert make_id("ev", "AGREEMENT", "a00#e1") != before[("w00", "e1")]
    assert {k: v for k, v in store.entity_links().items() if k in entities_before} == (
        entities_before
    )
    # The same corpus again: nothing moves, nothing redirects.
    resolve_store(store)
    assert store.event_links() == after and store.redirects("event") == {}
    store.close()


def test_a_new_name_for_an_entity_keeps_its_id(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    resolve_store(store)
    acme = store.entity_links()[("w00", "a")]
    # More outlets than before write the name the other way round: the name follows them.
    for i in range(20):
        text = f"Mining Acme and Beta Rail signed a deal number {i}."
        store.add_document(Document(f"m{i}", text, outlet="Press", published="2025-05-04"))
        start = text.index("Mining Acme")
        ent = Entity("a", "Mining Acme", "ORG", [Mention("Mining Acme", start, start + 11)])
        store.save_extraction(Extraction(f"m{i}", "test", entities=[ent]))
    resolve_store(store)
    links = store.entity_links()
    assert links[("m0", "a")] == links[("w00", "a")] == acme
    entity = store.get_entity(acme)
    assert entity is not None and entity.name == "Mining Acme"
    # Events name their participants by the stable id.
    event = store.get_event(_event_of(store, "w00"))
    assert event is not None
    assert acme in event.data["versions"][0]["participants"]
    store.close()


def test_a_split_holds_after_re_resolution(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    resolve_store(store)
    agreement = _event_of(store, "r1")
    assert _event_of(store, "w00") == agreement
    judge(store, "event", "r1#e1", "w00#e1", "negative")
    for _ in range(2):
        resolve_store(store)
        assert _event_of(store, "r1") != _event_of(store, "w00")
        # The wire side, the bigger one, keeps the event's id; the retelling gets a new one.
        assert _event_of(store, "w00") == _event_of(store, "w07") == agreement
    store.close()


def test_a_confirmation_holds_and_the_merged_id_redirects(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    _other_deal(store, "x1")
    resolve_store(store)
    agreement, other = _event_of(store, "w00"), _event_of(store, "x1")
    assert agreement != other
    judge(store, "event", "x1#e1", "r1#e1", "positive")
    for _ in range(2):
        resolve_store(store)
        assert _event_of(store, "x1") == _event_of(store, "w00") == agreement
        assert store.redirects("event") == {other: agreement}
        assert store.get_redirect("event", other) == agreement
    # Undone: the report goes back to its own event, under its old id, which redirects no more.
    assert undo(store, "event", "x1#e1", "r1#e1") == 1
    resolve_store(store)
    assert _event_of(store, "x1") == other and _event_of(store, "w00") == agreement
    assert store.redirects("event") == {}
    store.close()


def test_detach_takes_one_report_out_for_good(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    resolve_store(store)
    agreement = _event_of(store, "w05")
    made = detach(store, "w05#e1")
    assert len(made) == len(AGREEMENT)  # the other wire copies, the retelling, o1's copy
    resolve_store(store)
    resolve_store(store)
    links = store.event_links()
    alone = links[("w05", "e1")]
    assert alone != agreement and [k for k, v in links.items() if v == alone] == [("w05", "e1")]
    assert {links[(d, "e1")] for d in AGREEMENT if d != "w05"} == {agreement}
    # Undoing every judgement on the report puts it back, under the event's id.
    assert undo(store, "event", "w05#e1") == len(made)
    resolve_store(store)
    assert store.event_links()[("w05", "e1")] == agreement
    store.close()


def test_doubtful_merges_wait_for_review_and_are_replaced_each_run(tmp_path: Path) -> None:
    store = _corpus(tmp_path / "c.db")
    report = resolve_store(store, review_below=1.0)  # every scored merge is doubtful
    unsure = [j for j in store.list_judgements("event") if j.judgement == "unsure"]
    assert report.to_review == len(unsure) >= 1
    assert all(j.author == "silkgraph" and j.score is not None and j.score < 1 for j in unsure)
    assert all("bias" in j.features for j in unsure)  # the model's explanation
    queue = review_queue(store)["events"]
    assert queue["total"] == len(unsure)
    item = queue["items"][0]
    assert item["left"]["outlet"] and item["left"]["evidence"] and item["right"]["evidence"]
    # A person's split of one of them leaves the queue and is never overwritten.
    j = unsure[0]
    judge(store, "event", j.left_id, j.right_id, "negative")
    resolve_store(store, review_below=1.0)
    mine = [
        x
        for x in store.list_judgements("event")
        if (x.left_id, x.right_id) == (j.left_id, j.right_id)
    ]
    assert [x.judgement for x in mine] == ["negative"]
    assert all(
        (it["left_id"], it["right_id"]) != (j.left_id, j.right_id)
        for it in review_queue(store)["events"]["items"]
    )
    resolve_store(store, review_below=0.0)
    assert [x.author for x in store.list_judgements("event")] == ["analyst"]
    store.close()


def test_a_store_made_by_the_current_release_opens_and_keeps_its_ids(tmp_path: Path) -> None:
    """``fixtures/stores/release-0.1.sqlite``: the corpus above, ingested and resolved by release
    0.1 (schema 2, commit d827b72). The migration seeds the memory of ids from its links."""
    db = tmp_path / "old.db"
    shutil.copyfile(RELEASE_STORE, db)
    store = open_store(str(db))
    assert store.schema_version >= 3  # type: ignore[attr-defined]
    links, entity_links = store.event_links(), store.entity_links()
    assert len(set(links.values())) == 2 and len(links) == 16
    assert sorted((d, k, i) for d, k, i, _o in store.iter_member_ids("event")) == sorted(
        (d, k, i) for (d, k), i in links.items()
    )
    for i in range(3):
        _doc(store, f"a{i:02}", f"Copy {i}", WIRE, [_agreement("e1")])
    resolve_store(store)
    after = store.event_links()
    assert {k: after[k] for k in links} == links
    assert {k: v for k, v in store.entity_links().items() if k in entity_links} == entity_links
    assert {ev.id for ev in store.list_events()} == set(links.values())
    store.close()
