"""Statements: every extracted value as one row with its provenance, and the records they make.

An extraction is flattened into statements (one value about one subject, from one document
version, with its span, the component that read it and the pipeline release), and the
records an ``Extraction`` holds are rebuilt from statements alone: ``extraction(statements(x))``
equals ``x``. The store keeps statements; readers get records through ``extraction``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from silkgraph.model import (
    FACT_KINDS,
    FLOW,
    Extraction,
    FactKind,
    Mention,
    Statement,
    make_id,
)

log = logging.getLogger(__name__)


KINDS = {k.schema: k for k in (*FACT_KINDS, FLOW)}
# Each kind's fields as (name, annotation), worked out once: fields() is slow on a hot path.
FIELDS = {k.schema: tuple((f.name, str(f.type)) for f in fields(k.cls)) for k in KINDS.values()}

# Properties whose values are text as they stand; every other value is JSON text, so that
# numbers keep their type (90000000000 and 90000000000.0 export differently).
TEXT_TYPES = frozenset({"str", "str | None", "list[str]"})
# Fields that are not properties: the subject and the statement's span.
NOT_PROPS = frozenset({"key", "start", "end"})


def release(pipeline: str) -> str:
    """The pipeline release a statement records: the version and content hash of the
    extraction code, data and models (the full string, with each component's version,
    stays once per document on the extraction row)."""
    return pipeline.split("|", 1)[0]


# A statement as a row: its values in the order of Statement's fields (and of the store's
# columns). Saving writes rows; Statement objects are made only for readers that want them.
StatementRow = tuple[str, str, int, int, str, str, str, str, int | None, int | None, str, str]


class _Flattener:
    __slots__ = ("doc", "doc_id", "out", "pipeline", "seen", "version")

    def __init__(self, ext: Extraction, version: int) -> None:
        self.doc_id, self.version, self.pipeline = ext.doc_id, version, release(ext.pipeline)
        # The id's first parts, joined once: make_id joins its parts with one separator.
        self.doc = f"{ext.doc_id}\x1f{version}"
        self.out: list[StatementRow] = []
        self.seen: dict[tuple[str, ...], int] = {}

    def add(
        self, kind: FactKind, subject: str, prop: str, value: str, span: tuple[int | None, ...]
    ) -> None:
        start, end = span
        natural = (kind.schema, subject, prop, value, str(start), str(end))
        # A value repeated with the same span (a list naming one participant twice) is a
        # second statement: its ordinal keeps the ids distinct and stable.
        n = self.seen[natural] = self.seen.get(natural, -1) + 1
        self.out.append(
            (
                make_id("st", self.doc, *natural, str(n)),
                self.doc_id,
                self.version,
                len(self.out),
                kind.schema,
                subject,
                prop,
                value,
                start,
                end,
                kind.extractor,
                self.pipeline,
            )
        )

    def record(self, kind: FactKind, subject: str, rec: Any) -> None:
        span = (rec.start, rec.end) if hasattr(rec, "start") else (None, None)
        for name, annotation in FIELDS[kind.schema]:
            value = getattr(rec, name)
            if name in NOT_PROPS or value is None:
                continue
            if name == "mentions":
                for m in value:
                    self.add(kind, subject, "mention", m.text, (m.start, m.end))
            elif name == "attrs":
                for k, v in value.items():
                    self.add(kind, subject, f"attrs.{k}", _dump(v), span)
            elif name == "flows":
                for i, flow in enumerate(value):
                    clause = f"{subject}/flow:{i}"
                    self.add(kind, subject, "flow", clause, span)
                    self.record(FLOW, clause, flow)
            elif isinstance(value, list):
                for item in value:
                    self.add(kind, subject, name, _encode(annotation, item), span)
            else:
                self.add(kind, subject, name, _encode(annotation, value), span)


# A statement's columns in the order of Statement's fields (``end`` is a word SQL keeps,
# so the span columns are span_start and span_end).
STATEMENT_SELECT = (
    "s.id, s.doc_id, s.doc_version, s.seq, s.schema, s.subject, s.prop, s.value,"
    " s.span_start, s.span_end, s.extractor, s.pipeline"
)
# Reads of the current version's statements: ``CURRENT_STATEMENTS + " AND <condition>"``.
CURRENT_STATEMENTS = (
    f"SELECT {STATEMENT_SELECT} FROM statements s JOIN documents d"
    " ON d.id = s.doc_id AND d.version = s.doc_version WHERE s.doc_id IN ({docs})"
)


def from_row(row: Any) -> Statement:
    """A statement from a row selected as ``STATEMENT_SELECT``: a dict (psycopg) or a
    sequence (sqlite3.Row) of its values in that order."""
    return Statement(*(row.values() if isinstance(row, dict) else row))


def statement_rows(ext: Extraction, version: int = 1) -> list[StatementRow]:
    """Flatten an extraction of a document's ``version`` into statement rows, in list order."""
    flat = _Flattener(ext, version)
    for kind in FACT_KINDS:
        for i, rec in enumerate(getattr(ext, kind.field)):
            flat.record(kind, rec.key if kind.keyed else f"{kind.schema}:{i}", rec)
    return flat.out


def statements(ext: Extraction, version: int = 1) -> list[Statement]:
    """Flatten an extraction of a document's ``version`` into statements, in list order."""
    return [Statement(*row) for row in statement_rows(ext, version)]


def extraction(
    doc_id: str,
    pipeline: str,
    rows: Iterable[Statement],
    errors: list[str] | None = None,
    terms: dict[str, int] | None = None,
) -> Extraction:
    """Rebuild a document's records from its statements: the one view every reader uses.

    ``errors`` and ``terms`` are not facts (what failed, the document's frequent words) and
    travel beside the statements.
    """
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for st in sorted(rows, key=lambda s: s.seq):
        kind = KINDS[st.schema]
        data = found.get((st.schema, st.subject))
        if data is None:
            data = found[st.schema, st.subject] = _fresh(kind, st)
        _apply(kind, data, st)
    built: dict[tuple[str, str], Any] = {}
    # Clauses first: an event's "flow" values name them.
    for (schema, subject), data in sorted(found.items(), key=lambda x: x[0][0] != FLOW.schema):
        if schema == "event":
            data["flows"] = [built[FLOW.schema, clause] for clause in data["flows"]]
        built[schema, subject] = KINDS[schema].cls(**data)
    out = Extraction(doc_id, pipeline, errors=list(errors or []), terms=dict(terms or {}))
    for (schema, _subject), rec in built.items():
        if schema != FLOW.schema:
            getattr(out, KINDS[schema].field).append(rec)
    return out


@dataclass(frozen=True, slots=True)
class _Layout:
    """How one kind's statements fill its fields, worked out once per kind."""

    blank: dict[str, Any]  # the scalar fields before any statement: None
    lists: frozenset[str]  # fields that take one statement per item
    dicts: frozenset[str]  # fields that take one statement per key
    text: frozenset[str]  # fields (or list items) whose values are text as they stand
    keyed: bool  # the subject is the record's key


def _layout(kind: FactKind) -> _Layout:
    blank: dict[str, Any] = {}
    lists, dicts, text = set(), set(), set()
    for f in fields(kind.cls):
        annotation = str(f.type)
        if annotation.startswith("list["):
            lists.add(f.name)
        if annotation.startswith("dict["):
            dicts.add(f.name)
        if annotation in TEXT_TYPES:
            text.add(f.name)
        if f.name != "key" and not annotation.startswith(("list[", "dict[")):
            blank[f.name] = None
    return _Layout(blank, frozenset(lists), frozenset(dicts), frozenset(text), kind.keyed)


LAYOUTS = {schema: _layout(kind) for schema, kind in KINDS.items()}


def _fresh(kind: FactKind, st: Statement) -> dict[str, Any]:
    """A record's fields before its statements: lists empty, optional values None."""
    layout = LAYOUTS[kind.schema]
    data = dict(layout.blank)
    for name in layout.lists:
        data[name] = []
    for name in layout.dicts:
        data[name] = {}
    if layout.keyed:
        data["key"] = st.subject
    return data


def _apply(kind: FactKind, data: dict[str, Any], st: Statement) -> None:
    prop = st.prop
    if prop == "mention":
        data["mentions"].append(Mention(st.value, st.start or 0, st.end or 0))
        return
    if data.get("start", 0) is None:
        data["start"], data["end"] = st.start, st.end
    layout = LAYOUTS[kind.schema]
    if prop.startswith("attrs."):
        data["attrs"][prop[len("attrs.") :]] = json.loads(st.value)
    elif prop == "flow":
        data["flows"].append(st.value)
    else:
        if prop not in data:
            raise KeyError(f"{kind.schema} has no property {prop!r}")
        value = st.value if prop in layout.text else json.loads(st.value)
        if prop in layout.lists:
            data[prop].append(value)
        else:
            data[prop] = value


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _encode(annotation: str, value: Any) -> str:
    text_typed = annotation in TEXT_TYPES
    return value if text_typed and isinstance(value, str) else _dump(value)
