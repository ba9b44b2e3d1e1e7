"""Hard-wrapped text is joined before parsing; headings, lists and paragraphs are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from silkgraph.extract.nlp import unwrap

if TYPE_CHECKING:
    from spacy.language import Language

WRAPPED = (
    "The two ministers signed a supply contract worth $3\n"
    "billion on Tuesday after talks in the capital that lasted\n"
    "most of the day, the agency said, adding that the deal\n"
    "covers grain and fertiliser deliveries over five years.\n"
)


def test_wrapped_block_is_joined_with_same_length() -> None:
    out = unwrap(WRAPPED)
    assert len(out) == len(WRAPPED)
    assert "$3 billion" in out
    assert out.count("\n") == 1  # the one that ends the paragraph
    # Every other character is where it was.
    assert all(a == b or a == "\n" for a, b in zip(WRAPPED, out, strict=True))


def test_headlines_and_headings_are_kept() -> None:
    headlines = (
        "Airline Chief to Meet Pilots Union Amid Storm Response and Money Worries\n"
        "Overnight Shelling Causes Serious Damage in a Border Region Near the Front\n"
        "Regulator Backs Broadcast Merger Amid Questions Over Local News Coverage\n"
    )
    assert unwrap(headlines) == headlines
    headed = (
        "Deepening partnership\nDuring the meeting the president praised the ties between "
        "the two countries and the progress of joint projects in energy and transport.\n"
        "Next steps\nThe sides agreed to meet again next year.\n"
    )
    assert unwrap(headed) == headed


def test_paragraph_breaks_are_kept() -> None:
    text = WRAPPED.rstrip("\n") + "\n\nA second paragraph follows here.\n"
    out = unwrap(text)
    assert "\n\nA second" in out


def test_parser_keeps_wrapped_phrase_in_one_sentence(nlp: Language) -> None:
    doc = nlp(WRAPPED)
    assert doc.text == unwrap(WRAPPED)
    sents = list(doc.sents)
    first = next(s for s in sents if "signed" in s.text)
    assert "billion" in first.text
    assert any(e.text == "$3 billion" for e in doc.ents if e.label_ == "MONEY")


def test_a_sentence_run_on_after_a_number_is_split(nlp: Language) -> None:
    # A page that lost the space between two paragraphs: "in March 2022.The two nations".
    doc = nlp("He took office in March 2022.The two nations established a partnership in 2013.")
    sents = [s.text for s in doc.sents]
    assert sents == [
        "He took office in March 2022.",
        "The two nations established a partnership in 2013.",
    ]
    # Decimals, abbreviations and numbered labels keep their full stops.
    kept = [t.text for t in nlp("U.S. exports rose 3.5% to No.3 in 2023.")]
    assert {"U.S.", "3.5", "No.3"} <= set(kept)
