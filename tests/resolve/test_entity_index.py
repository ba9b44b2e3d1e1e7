"""Entity resolution over a streamed index: folding, lone surnames, judgements, acronyms."""

from __future__ import annotations

from silkgraph.model import Entity, Extraction
from silkgraph.resolve.entities import EntityIndex, resolve_entities
from silkgraph.store.base import Judgement


def _ext(doc: str, *ents: tuple[str, str, str]) -> Extraction:
    return Extraction(doc, "t", entities=[Entity(k, n, t) for k, n, t in ents])


def _clusters(index: EntityIndex, judgements: list[Judgement] | None = None) -> set[frozenset]:
    entities, _, _ = resolve_entities(index, judgements)
    return {frozenset(e.members) for e in entities}


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


def test_refs_remember_the_units_events_point_to() -> None:
    index = EntityIndex()
    index.add(_ext("a", ("x", "Acme Mining", "ORG"), ("y", "Beta Rail", "ORG")), wanted={"y"})
    _, _, entity_of = resolve_entities(index)
    assert set(index.refs) == {("a", "y")}
    assert entity_of[index.refs[("a", "y")]] == "e:beta_rail"
