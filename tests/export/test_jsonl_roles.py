"""A title an article gives without a body takes the one the corpus gives that person."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.engine import Engine
from silkgraph.export.jsonl import CorpusRoles

ARTICLES = {
    "a1.txt": "Mongolian President Batbold Ganzorig met Kyrgyz President Aibek Tashiev in "
    "Ulaanbaatar on Monday. The two leaders signed a trade agreement.",
    "a2.txt": "Mongolian President Batbold Ganzorig opened a bridge to China on Tuesday, "
    "the Mongolian government said.",
    "a3.txt": "Mongolia and Kyrgyzstan agreed to build a railway. President Batbold Ganzorig "
    "said the line would open in 2027, and President Aibek Tashiev welcomed it.",
}


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("roles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Engine(str(folder / "corpus.db")) as eng:
        eng.ingest(sorted(folder.glob("*.txt")))
        return {Path(str(r["id"])).stem: r for r in eng.records()}


def _roles(record: dict[str, object]) -> set[tuple[str, str, bool]]:
    return {
        (r["person_name"], r["org_name"], bool(r.get("org_from_corpus")))
        for r in record["roles"]  # type: ignore[attr-defined]
    }


def test_a_bare_title_takes_the_body_two_articles_give(
    records: dict[str, dict[str, object]],
) -> None:
    got = {k: v for k, v in records.items() if "a3" in k}
    [a3] = got.values()
    roles = _roles(a3)
    # Two articles say whose president Batbold Ganzorig is; a3 names Mongolia too.
    assert ("Batbold Ganzorig", "Mongolia", True) in roles
    # One article alone says so of Aibek Tashiev: not enough to complete a3's title.
    assert not any(p == "Aibek Tashiev" for p, _, _ in roles)


def test_a_role_with_no_body_is_not_exported(records: dict[str, dict[str, object]]) -> None:
    for record in records.values():
        assert all(r["org"] for r in record["roles"])  # type: ignore[attr-defined]


def test_corpus_roles_choose_by_office_and_need_support() -> None:
    held = CorpusRoles()
    held.add("e:p", "e:ru", "President", "d1")
    held.add("e:p", "e:ru", "Russian President", "d2")
    held.add("e:p", "e:party", "Chairman", "d3")
    held.add("e:p", "e:party", "chairman", "d4")
    # Two bodies: the one given with the same office or title.
    assert held.org_for("e:p", "President") == "e:ru"
    assert held.org_for("e:p", "Chairman") == "e:party"
    assert held.org_for("e:p", "adviser") is None
    held.add("e:q", "e:kz", "Minister", "d1")
    assert held.org_for("e:q", "Minister") is None  # one article only
    assert held.org_for("e:unknown", "President") is None


def test_the_corpus_reading_beats_a_guessed_home_country() -> None:
    from silkgraph.export.jsonl import document_record
    from silkgraph.model import Document, Entity, Extraction, Mention, Role

    text = "China and Uzbekistan opened a plant. President Sh. Mirzo toured China's plant."
    ents = [
        Entity("p", "Sh. Mirzo", "PERSON", [Mention("Sh. Mirzo", 47, 56)]),
        Entity("cn", "China", "GPE", [Mention("China", 0, 5)]),
        Entity("uz", "Uzbekistan", "GPE", [Mention("Uzbekistan", 10, 20)]),
    ]
    guessed = Role("p", "President", "cn", 37, 56, org_guessed=True)
    ext = Extraction("d1", "test", entities=ents, roles=[guessed])
    ids = {("d1", "p"): "e:mirzo", ("d1", "cn"): "e:cn", ("d1", "uz"): "e:uz"}
    held = CorpusRoles()
    held.add("e:mirzo", "e:uz", "President", "d2")
    held.add("e:mirzo", "e:uz", "Uzbek President", "d3")
    [role] = document_record(Document("d1", text), ext, ids, {}, held=held)["roles"]
    assert (role["org"], role["org_name"], role["org_from_corpus"]) == ("e:uz", "Uzbekistan", True)
    # Without the corpus's reading the guess stands.
    [alone] = document_record(Document("d1", text), ext, ids, {}, held=CorpusRoles())["roles"]
    assert (alone["org"], "org_from_corpus" in alone) == ("e:cn", False)
