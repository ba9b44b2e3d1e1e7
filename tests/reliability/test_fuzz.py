"""Fuzzing: the parsers never raise on arbitrary text, and what they return is well formed."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkgraph.errors import InputError
from silkgraph.extract.amounts import find_money
from silkgraph.extract.dates import find_dates, resolve
from silkgraph.extract.nlp import load_model
from silkgraph.extract.numbers import parse_digits, parse_number
from silkgraph.extract.quantities import find_quantities
from silkgraph.ingest import decode, make_document, parse_dateline, read_jsonl
from silkgraph.knowledge.names import ascii_fold, phonetic
from silkgraph.model import Document

# Arbitrary text, plus text built from the pieces the parsers look for, so the fuzzer
# reaches deep into the patterns rather than stopping at the first character.
PIECES = [
    "KAZAN",
    ", ",
    "August",
    " 18",
    ". ",
    "/TASS/",
    "(Xinhua)",
    " — ",
    "date ",
    "2025-08-18",
    "$",
    "1,900",
    "1.2",
    " million",
    " bln",
    " yuan",
    " rubles",
    " tenge",
    "US dollars",
    " tons",
    "%",
    " percent",
    "ten thousand",
    " and ",
    "-",
    "Sept.",
    " 31",
    "2024",
    "Q3",
    " last year",
    " next Monday",
    " between ",
    "–",
    "19",
    "0",
    "\n",
    "\u00a0",
    "兵团",
    "Люй",
    "Ü",
    "’s",
    "(",
    ")",
    "{",
    '"',
    "\\",
    "\x00",
    "\ufeff",
]
texty = st.text(max_size=300) | st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
refs = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
FUZZ = settings(max_examples=300, deadline=None)


@FUZZ
@given(texty, st.none() | st.integers(min_value=-(10**6), max_value=10**6))
def test_parse_dateline(text: str, year: int | None) -> None:
    line = parse_dateline(text, year)
    if line is not None:
        assert 0 <= line.length <= len(text)
        if line.published:
            dt.date.fromisoformat(line.published)


@FUZZ
@given(texty, st.none() | st.text(max_size=12), st.none() | st.text(max_size=12))
def test_make_document(text: str, published: str | None, outlet: str | None) -> None:
    doc = make_document("x", text, published=published, outlet=outlet)
    # An ISO 639 code: py3langid's label, or en/ru/zh from the script counts.
    assert isinstance(doc, Document) and re.fullmatch(r"[a-z]{2,3}", doc.language)
    if doc.published:
        # A day, or where only that is given a month or a year ("2016-10", "2016").
        assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", doc.published)
        dt.date.fromisoformat((doc.published + "-01-01")[:10])


@FUZZ
@given(
    st.binary(max_size=2000) | texty.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(["utf-8", "cp1251", "latin-1", "utf-16"]),
)
def test_decode_only_raises_input_error(data: bytes, encoding: str) -> None:
    try:
        text = decode(data, "f.txt", encoding)
    except InputError as err:
        assert "\n" not in str(err)
    else:
        assert text.strip()


jsonl_lines = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda i, t: f'{{"id": {i}, "text": {t}}}',
            st.sampled_from(['"a"', "1", "null", '""', "[]", "{}"]),
            st.sampled_from(['"x"', '""', "1", "null", '"  "', '"ok \\u00e9"']),
        ),
    ),
    max_size=12,
)


@FUZZ
@given(jsonl_lines)
def test_read_jsonl(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        try:
            items = list(read_jsonl(path))
        except InputError:
            return  # the whole file is unreadable (empty, binary): one reason
        for item in items:
            assert isinstance(item, (Document, InputError))
            if isinstance(item, InputError):
                assert str(item).startswith(f"{path}:")
            else:
                assert item.id and item.text.strip()


@FUZZ
@given(texty)
def test_numbers(text: str) -> None:
    for fn in (parse_number, parse_digits):
        value = fn(text)
        assert value is None or isinstance(value, float)


@FUZZ
@given(texty)
def test_money(text: str) -> None:
    for money in find_money(text):
        assert 0 <= money.start < money.end <= len(text)
        assert text[money.start : money.end] == money.text
        assert money.currency == "" or len(money.currency) == 3


@FUZZ
@given(texty, refs)
def test_dates(text: str, ref: dt.date | None) -> None:
    for expr in find_dates(text, ref):
        assert 0 <= expr.start < expr.end <= len(text) and expr.value
    resolve(text, ref)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_quantities(text: str) -> None:
    doc = load_model()(text)
    for q in find_quantities(doc):
        assert 0 <= q.start <= q.end <= len(text) and q.unit


@FUZZ
@given(texty)
def test_names(text: str) -> None:
    folded = ascii_fold(text)
    assert folded == folded.strip() and folded.isascii()
    assert ascii_fold(folded) == folded
    assert phonetic(text).isascii()
