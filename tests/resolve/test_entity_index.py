"""Entity resolution over a streamed index: folding, lone surnames, judgements, acronyms."""

from __future__ import annotations

from silkgraph.model import Entity, Extraction
from silkgraph.resolve.entities import EntityIndex, resolve_entities
from silkgraph.store.base import Judgement


def _ext(doc: str, *ents: tuple[str, str, str]) -> Extraction:
    return Extraction(doc, "t", entities=[Entity(k, n, t) for k, n, t in ents])


def _clusters(index: EntityIndex, judgements: list[Judgement] | None = None) -> set[frozenset]:
    _, _, entity_of = resolve_entities(index, judgements)
    members: dict[str, set[tuple[str, str]]] = {}
    for entity_id, doc, key in index.memberships(entity_of):
        members.setdefault(entity_id, set()).add((doc, key))
    return {frozenset(m) for m in members.values()}


def test_identical_names_fold_into_one_unit_whatever_the_corpus_size() -> None:
    index = EntityIndex()
    for i in range(200):
        index.add(
            _ext(f"d{i:03}", ("p", "Maria Ortega Ruiz", "PERSON"), ("o", "Acme Mining", "ORG"))
        )
    # 400 document entities, two units: memory follows distinct names, not documents.
    assert len(index) == 400
    assert len(index.units) == 2
    clusters = _clusters(index)
    assert len(clusters) == 2
    assert all(len(c) == 200 for c in clusters)


def test_lone_surnames_stay_apart_across_documents() -> None:
    index = EntityIndex()
    index.add(_ext("a", ("s", "Ortega", "PERSON")))
    index.add(_ext("b", ("s", "Ortega", "PERSON")))
    assert _clusters(index) == {frozenset({("a", "s")}), frozenset({("b", "s")})}


def test_an_acronym_joins_its_expansion_in_another_document() -> None:
    index = EntityIndex()
    index.add(_ext("a", ("o", "Eurasian Development Bank", "ORG")))
    index.add(_ext("b", ("o", "EDB", "ORG")))
    assert _clusters(index) == {frozenset({("a", "o"), ("b", "o")})}


def test_a_persons_split_keeps_two_same_named_entities_apart() -> None:
    split = Judgement("entity", "a#p", "b#p", "negative", None, {}, "analyst")
    index = EntityIndex({"a#p", "b#p"})
    index.add(_ext("a", ("p", "Maria Ortega Ruiz", "PERSON")))
    index.add(_ext("b", ("p", "Maria Ortega Ruiz", "PERSON")))
    index.add(_ext("c", ("p", "Maria Ortega Ruiz", "PERSON")))
    clusters = _clusters(index, [split])
    assert not any({("a", "p"), ("b", "p")} <= c for c in clusters)
    # Without the judgement the three are one person.
    plain = EntityIndex()
    for d in "abc":
        plain.add(_ext(d, ("p", "Maria Ortega Ruiz", "PERSON")))
    assert len(_clusters(plain)) == 1


def test_an_event_finds_the_entity_it_points_to_by_document_and_key() -> None:
    index = EntityIndex()
    index.add(_ext("a", ("x", "Acme Mining", "ORG"), ("y", "Beta Rail", "ORG")))
    d = index.add(_ext("b", ("y", "Gamma Steel", "ORG")))
    _, _, entity_of = resolve_entities(index)
    n = index.find(d, "y")
    assert n >= 0 and entity_of[index.node_unit[n]] == "e:gamma_steel"
    assert index.find(d, "x") == -1
    assert index.entity_ids(0, entity_of) == {"e:acme_mining", "e:beta_rail"}
