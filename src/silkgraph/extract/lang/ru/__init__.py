"""The Russian pipeline: natasha's parse, then entities, dates, amounts, quantities,
commodities, roles, events.

The same Pipeline class as English (error policy, versions, timings), over natasha
instead of spaCy; the components write the same Extraction the English ones do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from silkgraph.extract.dates import complete_years
from silkgraph.extract.lang.ru.amounts import find_amounts
from silkgraph.extract.lang.ru.commodities import RussianCommoditiesComponent
from silkgraph.extract.lang.ru.dates import find_dates
from silkgraph.extract.lang.ru.entities import RussianEntitiesComponent
from silkgraph.extract.lang.ru.events import RussianEventsComponent
from silkgraph.extract.lang.ru.parser import NatashaParser
from silkgraph.extract.lang.ru.quantities import find_quantities
from silkgraph.extract.lang.ru.roles import RussianRolesComponent
from silkgraph.extract.lang.values import add_amounts_once, taken_spans
from silkgraph.extract.pipeline import Analysis, Pipeline


class RussianDatesComponent:
    """Adds the Russian date expressions, resolved against the publication date."""

    name = "dates"
    version = "ru-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, analysis: Analysis) -> None:
        published = analysis.doc.published
        try:
            ref = dt.date.fromisoformat(published[:10]) if published else None
        except ValueError:
            ref = None
        found = find_dates(analysis.text, ref)
        complete_years(found, published)
        analysis.result.dates.extend(found)


class RussianAmountsComponent:
    """Adds the Russian money amounts, converted to USD at the publication date."""

    name = "amounts"
    version = "ru-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("amounts",)

    def __call__(self, analysis: Analysis) -> None:
        add_amounts_once(analysis.result, find_amounts(analysis.text, analysis.doc.published))


class RussianQuantitiesComponent:
    """Adds counts, tonnes and percentages outside the amounts and dates."""

    name = "quantities"
    version = "ru-1"
    requires: tuple[str, ...] = ("dates", "amounts")
    provides: tuple[str, ...] = ("quantities",)

    def __call__(self, analysis: Analysis) -> None:
        taken = taken_spans(analysis.result)
        analysis.result.quantities.extend(find_quantities(analysis.text, taken))


def make_pipeline() -> Pipeline:
    """The Russian pipeline (natasha loads its models on the first document)."""
    components: list[Any] = [
        RussianEntitiesComponent(),
        RussianDatesComponent(),
        RussianAmountsComponent(),
        RussianQuantitiesComponent(),
        RussianCommoditiesComponent(),
        RussianRolesComponent(),
        RussianEventsComponent(),
    ]
    return Pipeline(cast(Any, NatashaParser()), components)
