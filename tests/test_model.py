"""The data model: ``from_dict(to_dict(x)) == x`` for every value type, also through JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from silkgraph.model import (
    Amount,
    Commodity,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quantity,
    Role,
    TimeExpr,
    make_id,
)

text = st.text(max_size=40)
opt_text = st.none() | text
ints = st.integers(min_value=0, max_value=10**7)
# NaN is left out: it is never a value an extractor produces, and NaN != NaN.
floats = st.floats(allow_nan=False, allow_infinity=False)
opt_floats = st.none() | floats
json_scalars = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | floats | text
small = {"max_size": 4}

documents = st.builds(
    Document,
    id=text,
    text=text,
    url=opt_text,
    outlet=opt_text,
    published=opt_text,
    title=opt_text,
    dateline_place=opt_text,
    language=st.sampled_from(["en", "ru", "zh", "other"]),
    source=opt_text,
)
mentions = st.builds(Mention, text=text, start=ints, end=ints)
entities = st.builds(
    Entity,
    key=text,
    name=text,
    type=text,
    mentions=st.lists(mentions, **small),
    aliases=st.lists(text, **small),
    attrs=st.dictionaries(text, json_scalars, **small),
)
times = st.builds(
    TimeExpr,
    text=text,
    start=ints,
    end=ints,
    value=text,
    end_value=opt_text,
    precision=st.sampled_from(["day", "month", "year"]),
    inferred=st.booleans(),
)
amounts = st.builds(
    Amount,
    text=text,
    start=ints,
    end=ints,
    value=floats,
    currency=text,
    usd=opt_floats,
    rate=opt_floats,
    rate_date=opt_text,
    rate_source=opt_text,
    approx=st.booleans(),
    high=opt_floats,
)
quantities = st.builds(
    Quantity, text=text, start=ints, end=ints, value=floats, unit=text, approx=st.booleans()
)
commodities = st.builds(Commodity, text=text, start=ints, end=ints, name=text, hs=text)
roles = st.builds(Role, person=text, title=text, org=opt_text, start=ints, end=ints)
events = st.builds(
    Event,
    key=text,
    type=text,
    trigger=text,
    start=ints,
    end=ints,
    evidence=text,
    date=opt_text,
    end_date=opt_text,
    location=opt_text,
    participants=st.lists(text, **small),
    amount_usd=opt_floats,
    count=opt_floats,
    commodities=st.lists(text, **small),
    modality=st.sampled_from(["realized", "planned", "target"]),
    speaker=opt_text,
    outlet=opt_text,
    date_inferred=st.booleans(),
)
extractions = st.builds(
    Extraction,
    doc_id=text,
    pipeline=text,
    entities=st.lists(entities, **small),
    dates=st.lists(times, **small),
    amounts=st.lists(amounts, **small),
    quantities=st.lists(quantities, **small),
    commodities=st.lists(commodities, **small),
    roles=st.lists(roles, **small),
    events=st.lists(events, **small),
    errors=st.lists(text, **small),
)


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    """What the store does to a dict: JSON text and back."""
    loaded: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


@given(
    st.one_of(
        documents, entities, times, amounts, quantities, commodities, roles, events, extractions
    )
)
def test_round_trip(x: Any) -> None:
    cls = type(x)
    assert cls.from_dict(x.to_dict()) == x
    assert cls.from_dict(through_json(x.to_dict())) == x


@given(extractions)
def test_extraction_to_dict_is_plain_json(ext: Extraction) -> None:
    data = ext.to_dict()
    assert through_json(data) == data


@given(documents)
def test_document_hash_follows_text_only(doc: Document) -> None:
    other = Document.from_dict({**doc.to_dict(), "id": doc.id + "x", "title": "t"})
    assert other.hash == doc.hash
    assert Document.from_dict({**doc.to_dict(), "text": doc.text + "."}).hash != doc.hash


def test_from_dict_ignores_unknown_keys() -> None:
    data = {**Amount("5 yuan", 0, 6, 5.0, "CNY").to_dict(), "future_field": 1}
    assert Amount.from_dict(data) == Amount("5 yuan", 0, 6, 5.0, "CNY")


# make_id joins parts with \x1f (unit separator), which natural keys never contain.
part = st.text(st.characters(blacklist_characters="\x1f"), max_size=20)


@given(st.lists(part, min_size=1, max_size=4), st.lists(part, min_size=1, max_size=4))
def test_make_id_is_stable_and_separates_parts(a: list[str], b: list[str]) -> None:
    assert make_id("e", *a) == make_id("e", *a)
    if a != b:
        assert make_id("e", *a) != make_id("e", *b)
