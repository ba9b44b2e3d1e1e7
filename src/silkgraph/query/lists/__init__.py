"""Browsable lists of events, entities and articles: facets with counts, several values
at once, a name filter, sorting, pages and exports, all in SQL.

A list is described by a ``ListQuery`` (the page's query string); ``browse_events``,
``browse_entities`` and ``browse_documents`` return one page of rows with the facet counts
of the listed thing (events for the event list, and so on) and ``export_rows`` every row
of the same query, a batch at a time. Values of one facet are alternatives (any of them);
different facets must all hold. A facet's counts are taken under every other filter but
its own, so that a second value can be added with its count in view.
"""

from silkgraph.query.aliases import fold
from silkgraph.query.lists.common import (
    EXPORT_BATCH,
    EXPORT_MAX,
    ListQuery,
    country_code,
    country_names,
    export_rows,
    matching_entity_ids,
)
from silkgraph.query.lists.documents import (
    DOCUMENT_COLUMNS,
    DOCUMENT_FACETS,
    browse_documents,
    document_record,
)
from silkgraph.query.lists.entities import (
    ENTITY_COLUMNS,
    ENTITY_FACETS,
    browse_entities,
    entity_record,
)
from silkgraph.query.lists.events import (
    EVENT_COLUMNS,
    EVENT_DATE_KEY,
    EVENT_FACETS,
    EVENT_FILTERS,
    EVENT_YEAR,
    browse_events,
    event_record,
)

__all__ = [
    "DOCUMENT_COLUMNS",
    "DOCUMENT_FACETS",
    "ENTITY_COLUMNS",
    "ENTITY_FACETS",
    "EVENT_COLUMNS",
    "EVENT_DATE_KEY",
    "EVENT_FACETS",
    "EVENT_FILTERS",
    "EVENT_YEAR",
    "EXPORT_BATCH",
    "EXPORT_MAX",
    "ListQuery",
    "browse_documents",
    "browse_entities",
    "browse_events",
    "country_code",
    "country_names",
    "document_record",
    "entity_record",
    "event_record",
    "export_rows",
    "fold",
    "matching_entity_ids",
]
