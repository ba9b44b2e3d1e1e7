"""The data model: documents, spans and the facts extracted from them.

Everything on the hot path is a light slotted dataclass; pydantic lives only at the
API boundary. Each fact keeps the character span it was read from, so a fact can
always be traced back to its sentence. ``to_dict``/``from_dict`` round-trip exactly.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT")
EVENT_TYPES = ("FORUM", "MEETING", "AGREEMENT", "COOPERATION", "TRADE", "INVESTMENT", "TARGET")
MODALITIES = ("realized", "planned", "target")

T = TypeVar("T")


def make_id(prefix: str, *parts: str) -> str:
    """Return a stable id from natural-key parts: re-running anything gives the same ids."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}:{digest}"


def content_hash(text: str) -> str:
    """Hash of a document's text, used to recognise the same content ingested twice."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Document:
    """One article as ingested: its text and what is known about where it came from."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    dateline_place: str | None = None
    language: str = "en"
    source: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Mention:
    """A stretch of text naming an entity."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    """An entity as seen in one document: canonical name, type and all its mentions.

    ``key`` is unique within the document; the corpus-wide id is assigned by resolution.
    ``attrs`` carries knowledge-base facts (country code, coordinates, gazetteer id).
    """

    key: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "mentions": [m.to_dict() for m in self.mentions],
            "aliases": list(self.aliases),
            "attrs": dict(self.attrs),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            key=data["key"],
            name=data["name"],
            type=data["type"],
            mentions=[Mention(**m) for m in data.get("mentions", [])],
            aliases=list(data.get("aliases", [])),
            attrs=dict(data.get("attrs", {})),
        )


@dataclass(slots=True)
class TimeExpr:
    """A date expression resolved against the publication date.

    ``value`` keeps its precision: "2025", "2025-08", "2025-08-18", or "--08-18"
    when the year is unknown. ``end`` is set for ranges ("August 18-19").
    """

    text: str
    start: int
    end: int
    value: str
    end_value: str | None = None
    precision: str = "day"
    inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeExpr:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Amount:
    """A sum of money with its currency and its value in USD at the article date's rate."""

    text: str
    start: int
    end: int
    value: float
    currency: str
    usd: float | None = None
    rate: float | None = None
    rate_date: str | None = None
    rate_source: str | None = None
    approx: bool = False
    high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Amount:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Quantity:
    """A number of something: tonnes, percent, or a count with its singular head noun."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Commodity:
    """A traded good with its Harmonized System code (4 or 6 digits, or empty if unknown)."""

    text: str
    start: int
    end: int
    name: str
    hs: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Commodity:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Role:
    """A person holding a title in an organisation or country (entity keys of the document)."""

    person: str
    title: str
    org: str | None
    start: int
    end: int
    # The organisation is the article's home country, guessed for a bare state title
    # ("President X said"), not read: the corpus's reading, where it has one, wins.
    org_guessed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Role:
        return _from_dict(cls, data)


FLOW_KINDS = ("export", "import", "supply", "turnover")


@dataclass(slots=True)
class TradeFlow:
    """One clause of a trade event: which way goods go, and which goods.

    ``kind`` is the word the clause uses: ``export``, ``import`` or ``supply`` (a
    direction, though either side may be unstated: None) or ``turnover`` (trade both
    ways between ``parties``, never a direction). ``start``/``end`` span the trigger
    word; ``amount_usd`` is set on the one clause of the event that states the value.
    """

    kind: str
    trigger: str
    start: int
    end: int
    exporter: str | None = None
    importer: str | None = None
    parties: list[str] = field(default_factory=list)
    commodities: list[str] = field(default_factory=list)
    amount_usd: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TradeFlow:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Event:
    """A typed event read from one sentence, with its arguments and evidence span."""

    key: str
    type: str
    trigger: str
    start: int
    end: int
    evidence: str
    date: str | None = None
    end_date: str | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)
    amount_usd: float | None = None
    count: float | None = None
    commodities: list[str] = field(default_factory=list)
    modality: str = "realized"
    speaker: str | None = None
    outlet: str | None = None
    date_inferred: bool = False
    subject: str | None = None
    exporter: str | None = None
    importer: str | None = None
    # What ``count`` counts ("document" in "17 cooperation documents"), where stated.
    count_unit: str | None = None
    # TRADE only: each clause's direction and goods ("exports X and imports Y from Z").
    flows: list[TradeFlow] = field(default_factory=list)
    # The participants the article supplies rather than the event's sentence (its two main
    # countries, where the sentence names fewer than two): also in ``participants``.
    context_participants: list[str] = field(default_factory=list)
    # The place is the article's main city, not one the event's sentences name.
    location_from_context: bool = False
    # TRADE and TARGET: the period the figure counts ("2023", "2023-H1", "2024-Q3", a span
    # "2024-01/2024-11"), where the sentence names one; ``date`` may be the day the figure
    # was released.
    period: str | None = None
    # AGREEMENT: what its report says was signed, "lot" (fifteen documents, a package of
    # agreements) or "single" (a joint statement, an agreement); None where it names none.
    document: str | None = None
    # TRADE: what its figure measures, "two-way" (trade, turnover) or "one-way" (exports,
    # imports, supplies); None where its word says neither.
    measure: str | None = None
    # INVESTMENT: the ordinal of the stage or phase its report tells of ("second"), where
    # it names one: the second and the third stage of one project are two events.
    stage: str | None = None
    # FORUM and MEETING: the edition of a series its report names ("the 8th Expo", "their
    # third trilateral meeting"), as a number: two editions of one series are two events.
    edition: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        ev = _from_dict(cls, data)
        ev.flows = [f if isinstance(f, TradeFlow) else TradeFlow.from_dict(f) for f in ev.flows]
        return ev


@dataclass(slots=True)
class Extraction:
    """Everything the pipeline read from one document, and the errors it met."""

    doc_id: str
    pipeline: str
    entities: list[Entity] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    commodities: list[Commodity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The document's most frequent content words and their counts (extract.terms).
    terms: dict[str, int] = field(default_factory=dict)

    def entity(self, key: str) -> Entity | None:
        for ent in self.entities:
            if ent.key == key:
                return ent
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "pipeline": self.pipeline,
            **{k.field: [x.to_dict() for x in getattr(self, k.field)] for k in FACT_KINDS},
            "errors": list(self.errors),
            "terms": dict(self.terms),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            doc_id=data["doc_id"],
            pipeline=data["pipeline"],
            **{k.field: [k.cls.from_dict(x) for x in data.get(k.field, [])] for k in FACT_KINDS},
            errors=list(data.get("errors", [])),
            terms={str(k): int(v) for k, v in (data.get("terms") or {}).items()},
        )


@dataclass(frozen=True, slots=True)
class FactKind:
    """One kind of extracted record: its statement schema, where an Extraction lists it,
    its class, and the pipeline component that reads it."""

    schema: str
    field: str
    cls: type[Any]
    extractor: str

    @property
    def keyed(self) -> bool:
        """True when records carry their own key (entities, events); else numbered."""
        return any(f.name == "key" for f in fields(self.cls))


# The kinds of fact, in the order an Extraction lists them: the one list of them.
FACT_KINDS = (
    FactKind("entity", "entities", Entity, "entities"),
    FactKind("date", "dates", TimeExpr, "dates"),
    FactKind("amount", "amounts", Amount, "amounts"),
    FactKind("quantity", "quantities", Quantity, "quantities"),
    FactKind("commodity", "commodities", Commodity, "commodities"),
    FactKind("role", "roles", Role, "roles"),
    FactKind("event", "events", Event, "events"),
)
# A trade event's clauses: records inside an event, read by the same component.
FLOW = FactKind("flow", "flows", TradeFlow, "events")


@dataclass(slots=True, frozen=True)
class Statement:
    """One value about one subject, from one document version, with its span and extractor.

    ``schema`` is the kind of record the subject is (``entity``, ``amount``, ``event``, ...;
    see ``FACT_KINDS``); ``subject`` is its key within the document.
    ``start``/``end`` are None for a value read from no one place (an entity's name).
    ``seq`` orders a document version's statements as the extraction listed its values.
    """

    id: str
    doc_id: str
    doc_version: int
    seq: int
    schema: str
    subject: str
    prop: str
    value: str
    start: int | None
    end: int | None
    extractor: str
    pipeline: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        return _from_dict(cls, data)
