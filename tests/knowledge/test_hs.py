from __future__ import annotations

from silkgraph.knowledge.hs import describe, terms


def test_lexicon_codes_are_real_hs_codes() -> None:
    for term in terms().values():
        if term.hs:
            assert describe(term.hs) is not None, term


def test_plural_insensitive() -> None:
    table = terms()
    assert table["drone"].hs == table["drones"].hs == "8806"
    assert table["wheat"].hs == "1001"
