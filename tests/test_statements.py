"""Statements: an extraction flattened to statements and rebuilt from them is the same extraction."""

from __future__ import annotations

import hashlib
from dataclasses import astuple

from hypothesis import assume, given
from hypothesis import strategies as st

from silkgraph.model import (
    FACT_KINDS,
    Amount,
    Entity,
    Event,
    Extraction,
    Mention,
    Role,
    TradeFlow,
    make_id,
)
from silkgraph.statements import extraction, release, statement_rows, statements
from test_model import extractions, opt_floats, opt_text, small, text

flows = st.builds(
    TradeFlow,
    kind=st.sampled_from(["export", "import", "supply", "turnover"]),
    trigger=text,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    exporter=opt_text,
    importer=opt_text,
    parties=st.lists(text, **small),
    commodities=st.lists(text, **small),
    amount_usd=opt_floats,
)
trade_events = st.builds(
    Event,
    key=text,
    type=st.just("TRADE"),
    trigger=text,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    evidence=text,
    flows=st.lists(flows, **small),
    context_participants=st.lists(text, **small),
    location_from_context=st.booleans(),
    period=opt_text,
    count=opt_floats,
    count_unit=opt_text,
)


def unique_keys(ext: Extraction) -> bool:
    """The model's invariant: an entity's or an event's key is unique within its document."""
    ents, evs = [e.key for e in ext.entities], [e.key for e in ext.events]
    return len(set(ents)) == len(ents) and len(set(evs)) == len(evs)


@given(extractions, st.lists(trade_events, max_size=3), st.integers(1, 5))
def test_extraction_round_trips_through_statements(
    ext: Extraction, trade: list[Event], version: int
) -> None:
    ext.events.extend(trade)
    assume(unique_keys(ext))
    rows = statements(ext, version)
    rebuilt = extraction(ext.doc_id, ext.pipeline, reversed(rows), ext.errors, ext.terms)
    assert rebuilt == ext
    assert {s.doc_version for s in rows} <= {version}
    assert [s.seq for s in rows] == list(range(len(rows)))
    assert len({s.id for s in rows}) == len(rows)


@given(extractions)
def test_statement_ids_are_stable(ext: Extraction) -> None:
    assume(unique_keys(ext))
    assert statements(ext) == statements(Extraction.from_dict(ext.to_dict()))


def test_a_statement_id_is_the_hash_of_its_natural_key() -> None:
    """Stored ids stay what earlier releases wrote: the document, its version, the schema,
    subject, property, value, span, and the ordinal of a value repeated with one span."""
    ext = Extraction(
        "d1",
        "p",
        entities=[Entity("e1", "Acme", "ORG", [Mention("Acme", 0, 4), Mention("Acme", 0, 4)])],
    )
    rows = statements(ext, version=2)
    assert [(s.prop, s.id) for s in rows if s.prop == "mention"] == [
        ("mention", make_id("st", "d1", "2", "entity", "e1", "mention", "Acme", "0", "4", "0")),
        ("mention", make_id("st", "d1", "2", "entity", "e1", "mention", "Acme", "0", "4", "1")),
    ]
    assert (
        rows[0].id
        == "st:"
        + hashlib.sha1(
            "\x1f".join(("d1", "2", "entity", "e1", "name", "Acme", "None", "None", "0")).encode()
        ).hexdigest()[:16]
    )
    assert [astuple(row) for row in rows] == statement_rows(ext, 2)


def test_every_kind_of_value_is_a_statement_with_its_span_and_extractor() -> None:
    text_ = "Acme Corp will buy 5 yuan of tea."
    ext = Extraction(
        "d1",
        "0.2.0+abc|en_core_web_sm-3|entities=1,amounts=2",
        entities=[
            Entity("e1", "Acme Corp", "ORG", [Mention("Acme Corp", 0, 9)], attrs={"code": "X"})
        ],
        amounts=[Amount("5 yuan", 19, 25, 5, "CNY", usd=0.7)],
        roles=[Role("e1", "buyer", None, 0, 9)],
        events=[
            Event("v1", "TRADE", "buy", 10, 33, text_, participants=["e1"], modality="planned")
        ],
    )
    rows = statements(ext, version=3)
    by = {(s.schema, s.subject, s.prop): s for s in rows}
    mention = by["entity", "e1", "mention"]
    assert (mention.value, mention.start, mention.end, mention.extractor) == (
        "Acme Corp",
        0,
        9,
        "entities",
    )
    assert by["entity", "e1", "name"].start is None
    assert by["entity", "e1", "attrs.code"].value == '"X"'
    amount = by["amount", "amount:0", "value"]
    # An int stays an int: the export writes 5, not 5.0.
    assert (amount.value, amount.start, amount.end, amount.extractor) == ("5", 19, 25, "amounts")
    assert by["amount", "amount:0", "currency"].value == "CNY"
    assert ("amount", "amount:0", "high") not in by
    assert by["role", "role:0", "person"].value == "e1"
    assert by["event", "v1", "participants"].value == "e1"
    assert by["event", "v1", "modality"].value == "planned"
    assert all(s.pipeline == "0.2.0+abc" and s.doc_version == 3 for s in rows)
    assert release(ext.pipeline) == "0.2.0+abc"
    assert {s.schema for s in rows} == {"entity", "amount", "role", "event"}
    assert [k.field for k in FACT_KINDS] == [
        f
        for f in Extraction.__dataclass_fields__
        if f not in {"doc_id", "pipeline", "errors", "terms"}
    ]


def test_every_kind_of_fact_is_shown_and_exported() -> None:
    """FACT_KINDS is the one list: the article page and the contract export cover each kind."""
    from silkgraph.export.jsonl import document_record
    from silkgraph.model import Document
    from silkgraph.query.documents import FACT_LABELS, SHOWN_APART

    schemas = {k.schema for k in FACT_KINDS}
    assert set(FACT_LABELS) | SHOWN_APART == schemas
    assert not set(FACT_LABELS) & SHOWN_APART
    record = document_record(Document("d1", "x"), Extraction("d1", "p"), {}, {})
    assert {k.field for k in FACT_KINDS} <= set(record)
