"""Product and commodity mentions with their Harmonized System codes.

A spaCy PhraseMatcher over the HS lexicon (``knowledge.hs``) finds candidate spans; the
longest match wins; weak words ("oil", "gas") need a sentence about trade or production;
a term inside a longer name (an organisation called "... Textile Machinery") is not
a commodity mention on its own. Each commodity is listed once per document.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.hs import Term, terms
from silkgraph.model import Commodity

if TYPE_CHECKING:
    from spacy.tokens import Span
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

TRADE_WORDS = frozenset(
    {
        "export",
        "import",
        "supply",
        "shipment",
        "delivery",
        "production",
        "produce",
        "producer",
        "output",
        "reserve",
        "field",
        "deposit",
        "pipeline",
        "refinery",
        "refining",
        "refine",
        "price",
        "sale",
        "purchase",
        "extraction",
        "transit",
        "ton",
        "tonne",
        "barrel",
        "bcm",
        "cubic",
        "condensate",
        "crude",
        "well",
        "pump",
        "exporter",
        "importer",
        "cargo",
        "consumption",
        "buy",
        "sell",
        "procurement",
        "supplier",
        "shipping",
        "trader",
        "pumping",
        "mine",
        "miner",
    }
)
WINDOW = 3
NAME_ENTS = frozenset({"ORG", "PERSON", "FAC", "GPE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})


@lru_cache(maxsize=2)
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[str, Term]]:
    table = terms()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    from spacy.tokens import Doc

    for form in table:
        words = form.replace("-", " - ").split()
        matcher.add(form, [Doc(vocab, words=words)])
    return matcher, table


def _has_context(span: Span, starts: list[int]) -> bool:
    """A weak word counts next to a trade word or another commodity ("oil and gas")."""
    doc = span.doc
    head = span.root.head
    if head.lemma_.lower() in TRADE_WORDS or (
        head.dep_ == "prep" and head.head.lemma_.lower() in TRADE_WORDS
    ):
        return True  # "exports of oil", "the pumping of gas"
    lo, hi = max(span.start - WINDOW, span.sent.start), min(span.end + WINDOW, span.sent.end)
    if any(
        doc[i].lemma_.lower() in TRADE_WORDS
        for i in range(lo, hi)
        if not span.start <= i < span.end
    ):
        return True
    return any(lo <= i < hi and i != span.start for i in starts)


def _inside_name(span: Span) -> bool:
    for tok in span:
        if tok.ent_type_ in NAME_ENTS:
            ent = next((e for e in span.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and (ent.end - ent.start) > len(span):
                return True
    return False


def _in_capitalised_name(span: Span) -> bool:
    """A capitalised term next to another capitalised word is part of a name.

    Why: "Silk Road" or "Textile Machinery Co" name a route or a company, not goods; the
    model does not always tag such names.
    """
    doc = span.doc
    if not span[0].is_title:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_title and not before.is_sent_start:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_title and after.pos_ in ("PROPN", "NOUN")


class CommoditiesComponent:
    """Adds commodity mentions with HS codes, one per commodity per document."""

    name = "commodities"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("commodities",)

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.nlp
        matcher, table = _matcher(doc.vocab)
        spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
        seen: set[str] = set()
        starts = [sp.start for sp in spans]
        for span in spans:
            term = table.get(span.text.lower().replace(" - ", "-"))
            if term is None or term.name in seen:
                continue
            if term.weak and not _has_context(span, starts):
                continue
            if _inside_name(span) or _in_capitalised_name(span):
                continue
            seen.add(term.name)
            analysis.result.commodities.append(
                Commodity(span.text, span.start_char, span.end_char, term.name, term.hs)
            )
