"""The Chinese pipeline: jieba's words over the simplified text, then entities, dates,
amounts, quantities, commodities, roles, events.

The same Pipeline class as English (error policy, versions, timings), over jieba instead
of spaCy; the components write the same Extraction the English ones do. Simplified and
traditional script are read alike: the parser converts one character for one, so every
span points into the text as published.
"""

from __future__ import annotations

from typing import Any, cast

from silkgraph.extract.lang.values import add_amounts_once, taken_spans
from silkgraph.extract.lang.zh.amounts import find_amounts
from silkgraph.extract.lang.zh.commodities import ChineseCommoditiesComponent
from silkgraph.extract.lang.zh.dates import find_dates
from silkgraph.extract.lang.zh.entities import ChineseEntitiesComponent
from silkgraph.extract.lang.zh.events import ChineseEventsComponent
from silkgraph.extract.lang.zh.parser import JiebaParser, chinese, doc_words
from silkgraph.extract.lang.zh.quantities import find_quantities
from silkgraph.extract.lang.zh.roles import ChineseRolesComponent
from silkgraph.extract.pipeline import Analysis, Pipeline
from silkgraph.model import Document, Extraction


class ChineseDatesComponent:
    """Adds the Chinese date expressions, resolved against the publication date."""

    name = "dates"
    version = "zh-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, analysis: Analysis) -> None:
        found = find_dates(analysis.text, chinese(analysis).simple, analysis.doc.published)
        analysis.result.dates.extend(found)


class ChineseAmountsComponent:
    """Adds the Chinese money amounts, converted to USD at the publication date."""

    name = "amounts"
    version = "zh-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("amounts",)

    def __call__(self, analysis: Analysis) -> None:
        add_amounts_once(
            analysis.result,
            find_amounts(analysis.text, chinese(analysis).simple, analysis.doc.published),
        )


class ChineseQuantitiesComponent:
    """Adds counts, measures and percentages outside the amounts and dates."""

    name = "quantities"
    version = "zh-1"
    requires: tuple[str, ...] = ("dates", "amounts")
    provides: tuple[str, ...] = ("quantities",)

    def __call__(self, analysis: Analysis) -> None:
        taken = taken_spans(analysis.result)
        analysis.result.quantities.extend(
            find_quantities(analysis.text, chinese(analysis).simple, taken)
        )


class ChinesePipeline(Pipeline):
    """The Pipeline, with the document's words read from jieba's segmentation.

    Chinese writes no spaces between words, so the words that resolution weighs
    (``Extraction.terms``) come from the parse instead of the space-separated text.
    """

    def analyse(self, doc: Document, parsed: Any) -> Extraction:
        result = super().analyse(doc, parsed)
        result.terms = doc_words(parsed)
        return result


def make_pipeline() -> Pipeline:
    """The Chinese pipeline (jieba loads its dictionary on the first document)."""
    components: list[Any] = [
        ChineseEntitiesComponent(),
        ChineseDatesComponent(),
        ChineseAmountsComponent(),
        ChineseQuantitiesComponent(),
        ChineseCommoditiesComponent(),
        ChineseRolesComponent(),
        ChineseEventsComponent(),
    ]
    return ChinesePipeline(cast(Any, JiebaParser()), components)
