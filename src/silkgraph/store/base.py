"""The Store protocol: what every storage back-end offers the rest of silkgraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from silkgraph.model import Document, Extraction, Statement

# What storing a document did: a new id, a new version of a stored id, or nothing (the
# same content is stored already, under this id or another).
Stored = Literal["added", "updated", "unchanged"]


@dataclass(slots=True)
class DocumentVersion:
    """One version of a document id: the current one has ``superseded_at`` None."""

    version: int
    hash: str
    ingested_at: str
    superseded_at: str | None = None


@dataclass(slots=True)
class CorpusEntity:
    """A corpus-wide entity: the resolved view over many documents' entities."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    members: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class CorpusEvent:
    """A corpus-wide event: one real-world event and every document that reported it."""

    id: str
    type: str
    date: str | None
    end_date: str | None
    location: str | None
    data: dict[str, Any]
    members: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class TextMatch:
    """How a store finds documents by their words, as SQL fragments for the query layer.

    ``source`` is a FROM list naming the documents ``d``; ``where`` the condition that the
    words match; ``args`` fill the "?" of both, in that order; ``order`` ranks the best
    match first (ending with ``d.id``); ``snippet`` is an expression for the words in
    context, with the matches in brackets. ``count`` is a statement (taking ``args``) that
    counts the documents with the words from the index alone ("" where there is none), and
    ``recent`` an order the index gives without scoring every match, for searches with
    too many matches to rank.
    """

    source: str
    where: str
    args: list[Any]
    order: str
    snippet: str
    count: str = ""
    recent: str = "COALESCE(d.published, '') DESC, d.id"


@dataclass(slots=True)
class Judgement:
    """A merge decision between two items: positive, negative or unsure, with its reasons."""

    kind: str
    left_id: str
    right_id: str
    judgement: str
    score: float | None = None
    features: dict[str, float] = field(default_factory=dict)
    author: str = "silkgraph"
    created_at: str = ""


class Store(Protocol):
    """Storage back-end: SQLite by default, PostgreSQL at scale."""

    def close(self) -> None: ...

    def add_document(self, doc: Document) -> bool:
        """Store a document (see ``put_document``); False when nothing new was stored."""
        ...

    def put_document(self, doc: Document) -> Stored:
        """Store a document, or a new version of its id when the id holds other content.

        "unchanged" when the same content is stored already (under any id). An update keeps
        the replaced version, with its extraction, in the version history and leaves the
        document pending extraction. Raises InputError when the store refuses the values.
        """
        ...

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        """Every version of a document id, oldest first; the last one is current."""
        ...

    def get_document_version(self, doc_id: str, version: int) -> Document | None:
        """One version of a document, current or older."""
        ...

    def get_document(self, doc_id: str, text: bool = True) -> Document | None:
        """The document; with ``text=False`` its text is left unread (empty)."""
        ...

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]: ...

    def iter_documents(self) -> Iterator[Document]: ...

    def pending_documents(self, pipeline: str) -> list[str]:
        """Ids of documents with no extraction by this pipeline version."""
        ...

    def save_extraction(self, ext: Extraction) -> None:
        """Replace a document's extraction atomically."""
        ...

    def get_extraction(self, doc_id: str) -> Extraction | None:
        """A document's extraction, rebuilt from its statements (``statements.extraction``)."""
        ...

    def get_statements(self, doc_id: str, version: int | None = None) -> list[Statement]:
        """The statements of a document version (the current one by default), in order."""
        ...

    def iter_extractions(self) -> Iterator[Extraction]: ...

    def save_resolution(
        self,
        entities: Iterable[CorpusEntity],
        events: Iterable[CorpusEvent],
        memberships: Iterable[tuple[str, str, str]] = (),
        versions: Iterable[tuple[str, str, dict[str, Any]]] = (),
        redirects: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """Replace the resolved corpus view (entities, events, links) atomically.

        Document entities join their entity through ``ent.members`` or, streamed for a
        big corpus, ``memberships`` rows (entity id, document id, key); ``versions`` rows
        (document id, key, version) are each source's version of the event it was joined
        to, which readers find in ``data["versions"]``. Every member's id is remembered
        (``iter_member_ids``); ``redirects`` (by kind, old id -> live id) replace the
        redirects of each kind they name.
        """
        ...

    def resolution_state(self) -> tuple[int, int]:
        """(extraction serial, serial the last finished resolution covered).

        The serial goes up with every change to the extractions; resolution is behind
        while the two differ.
        """
        ...

    def mark_resolved(self, serial: int) -> None:
        """Record that a resolution over the extractions as of ``serial`` has finished."""
        ...

    def iter_member_ids(self, kind: str) -> Iterator[tuple[str, str, str, str]]:
        """(document id, key, id, origin) of every item that ever joined an ``entity`` or
        ``event``, by document and key: the id it last had and the id it first had."""
        ...

    def live_ids(self, kind: str) -> set[str]:
        """The ids of the ``entity`` or ``event`` items resolution last wrote."""
        ...

    def redirects(self, kind: str) -> dict[str, str]:
        """Ids that went away (merged, renamed), each with the live id that replaced it."""
        ...

    def get_redirect(self, kind: str, old_id: str) -> str | None:
        """The live id an old ``entity`` or ``event`` id redirects to, if any."""
        ...

    def get_entity(self, entity_id: str) -> CorpusEntity | None: ...

    def list_entities(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEntity]: ...

    def get_event(self, event_id: str) -> CorpusEvent | None: ...

    def list_events(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEvent]: ...

    def select(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only statement written with "?" placeholders, as dicts.

        For the query layer's indexed reads; every statement should carry a WHERE on an
        indexed column or a LIMIT. JSON columns come back as text on SQLite and parsed
        on PostgreSQL, so select scalar columns only.
        """
        ...

    def select_entities(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEntity]:
        """Entities of ``SELECT * FROM entities <where>`` ("?" placeholders), in its order."""
        ...

    def select_events(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEvent]:
        """Events (with their versions) of ``SELECT * FROM events <where>``, in its order."""
        ...

    def entity_links(self) -> dict[tuple[str, str], str]: ...

    def event_links(self) -> dict[tuple[str, str], str]: ...

    def search_documents(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        """(doc id, title, snippet) for documents matching a full-text query."""
        ...

    def text_match(self, query: str) -> TextMatch | None:
        """SQL fragments for documents matching a full-text query; None for no words."""
        ...

    def search_entities(self, query: str, limit: int = 20) -> list[CorpusEntity]: ...

    def save_judgement(self, j: Judgement) -> None: ...

    def list_judgements(self, kind: str | None = None) -> list[Judgement]: ...

    def delete_judgement(self, kind: str, left_id: str, right_id: str) -> bool: ...

    def counts(self) -> dict[str, int]: ...
