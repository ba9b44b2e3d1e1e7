"""Read functions shared by the CLI, the HTTP API, the web pages and the exports.

Each page of the web UI and its JSON twin under ``/api`` call the same function here, so
the two can never disagree. Every function takes a Store and returns plain JSON-ready data;
nothing here writes. One module per resource: ``documents`` (articles), ``entities``,
``events``, ``home``, ``search``, ``views`` (graph, timeline, map), ``trade``, ``review``;
``base`` holds what they share. Lists read one page with LIMIT and a keyset cursor; pages
read by id touch only the rows they show; graph, timeline and map read with caps; search reads
a page of full-text matches and counts its facets with SQL aggregates. Trade flows read
every TRADE event and the review queue every pending merge.
"""

from silkgraph.query.base import (
    Corpus,
    Filters,
    decode_cursor,
    encode_cursor,
    event_summary,
    sentence_around,
)
from silkgraph.query.documents import article, article_facts, list_documents, segments
from silkgraph.query.entities import entity, list_entities, network
from silkgraph.query.events import event, list_events
from silkgraph.query.home import overview
from silkgraph.query.review import event_merges, review_queue
from silkgraph.query.search import SearchFilters, search
from silkgraph.query.trade import trade_flows
from silkgraph.query.views import country_choices, graph, places, timeline

__all__ = [
    "SearchFilters",
    "Corpus",
    "Filters",
    "article",
    "article_facts",
    "country_choices",
    "decode_cursor",
    "encode_cursor",
    "entity",
    "event",
    "event_merges",
    "event_summary",
    "graph",
    "list_documents",
    "list_entities",
    "list_events",
    "network",
    "overview",
    "places",
    "review_queue",
    "search",
    "segments",
    "sentence_around",
    "timeline",
    "trade_flows",
]
