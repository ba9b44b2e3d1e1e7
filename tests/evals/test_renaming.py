"""Renaming the persons of an annotated article, in text and gold alike."""

from __future__ import annotations

from silkgraph.evals.renaming import Renamer, TownRenamer, renamed, replace_words


def _gold() -> dict:  # type: ignore[type-arg]
    return {
        "id": "t",
        "entities": [
            {"key": "xi", "type": "PERSON", "names": ["Xi Jinping", "Xi", "President Xi"]},
            {"key": "aliyev", "type": "PERSON", "names": ["Ilham Aliyev", "President Aliyev"]},
            {"key": "xian", "type": "GPE", "names": ["Xi'an"]},
        ],
        "events": [{"key": "m", "type": "MEETING", "evidence": [{"text": "Xi met Ilham Aliyev."}]}],
    }


def test_each_person_gets_one_new_name_in_gold_and_text() -> None:
    renamer = Renamer(seed=3)
    gold, words = renamed(_gold(), renamer)
    names = {e["key"]: e["names"] for e in gold["entities"]}
    new_xi, new_aliyev = names["xi"][0].split(), names["aliyev"][0].split()
    # A name told family name first keeps that order; its short form is the family name.
    assert names["xi"][1] == new_xi[0] and names["xi"][2] == f"President {new_xi[0]}"
    assert names["aliyev"][1] == f"President {new_aliyev[1]}"
    assert "Xi" not in " ".join(names["xi"]) and "Aliyev" not in " ".join(names["aliyev"])
    # Places are not persons, and a word inside another name is not the person's.
    assert names["xian"] == ["Xi'an"]
    text = replace_words("Xi's visit to Xi'an; Aliyev-led talks; Aliyev's aides.", words)
    assert text == (f"{new_xi[0]}'s visit to Xi'an; Aliyev-led talks; {new_aliyev[1]}'s aides.")
    assert gold["events"][0]["evidence"][0]["text"] == (
        f"{new_xi[0]} met {new_aliyev[0]} {new_aliyev[1]}."
    )


def test_a_person_keeps_the_new_name_across_articles() -> None:
    renamer = Renamer(seed=5)
    first, _ = renamed(_gold(), renamer)
    second, _ = renamed(_gold(), renamer)
    assert first["entities"] == second["entities"]
    # No two persons share an invented surname.
    assert first["entities"][0]["names"][1] != first["entities"][1]["names"][1].split()[-1]


def test_towns_get_invented_names_and_capitals_stay() -> None:
    from silkgraph.knowledge.gazetteer import get_gazetteer

    gold = {
        "id": "t",
        "entities": [
            {"key": "zab", "type": "GPE", "names": ["Manzhouli"]},
            {"key": "beijing", "type": "GPE", "names": ["Beijing"]},
            {"key": "china", "type": "GPE", "names": ["China"]},
            {"key": "p", "type": "PERSON", "names": ["Manzhouli"]},
        ],
    }
    towns = TownRenamer(seed=2)
    out, words = renamed(gold, towns)
    names = {e["key"]: e["names"] for e in out["entities"]}
    new = names["zab"][0]
    assert new != "Manzhouli" and get_gazetteer().lookup(new) is None
    # Capitals and countries stay; only places are renamed, but the text's word follows.
    assert names["beijing"] == ["Beijing"] and names["china"] == ["China"]
    assert words == {"Manzhouli": new}
    assert renamed(gold, towns)[1] == words  # one name per town across articles
