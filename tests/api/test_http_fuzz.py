"""Fuzzing the HTTP surface: every route and every parameter, taken from the OpenAPI schema.

The schema is built over all routes, pages included (they are hidden from the published
schema), so a new route or parameter is fuzzed without touching this file. Values mix the
valid with the hostile: huge and negative integers, numbers as words, lone surrogates, NUL,
very long strings, wrong JSON types, raw junk bodies. No answer may be a 500; values out of
their declared bounds, and any surrogate or NUL in the URL, must get 422.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from silkgraph.api.app import create_app
from silkgraph.api.middleware import allowed_host_names, host_name
from silkgraph.config import Settings
from silkgraph.store.sqlite import SQLiteStore

TOKEN = "fuzz-token"
EXAMPLES_PER_ROUTE = 40
EXAMPLES_PER_WRITE = 80  # bodies have more ways to go wrong, and valid ones run the engine

HUGE_INTS = [2**63, 2**63 - 1, 2**64, 10**30, -(2**63) - 1, -(10**30), -1, 0, 1, 10**7 + 1]
WRONG_FOR_INT = ["abc", "1.5", "1e99", "", " ", "NaN", "inf", "0x10", "[]", "true", "١٢", "½"]
NASTY_TEXT = [
    "\ud800",
    "a\udfffb",
    "\udbff\udfff",  # a pair of surrogates, escaped separately
    "\x00",
    "a\x00b",
    " ",
    "\t\r\n",
    "'; DROP TABLE documents; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "%",
    "\u202eevil",
    "javascript:alert(1)",
    "=cmd|' /C calc'!A0",
    "e:x' OR '1'='1",
    "NEAR(a b)",
    '"*^',
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 20_000,
    "é" * 3_000,
]
WRONG_JSON = [None, 1, -1, 2**70, -(2**70), 1.5, 1e308, True, "x", "", [], {}, [None]]


def _has_bad_char(value: object) -> bool:
    text = value if isinstance(value, str) else str(value)
    return "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.sampled_from(NASTY_TEXT),
        st.text(st.characters(categories=["Cs", "Cc", "Zs"]), min_size=1, max_size=5),
    )


def words(known: list[str]) -> st.SearchStrategy[str]:
    """Plausible text and ids that exist, so that many requests get past validation."""
    existing = st.sampled_from(known)
    return st.one_of(
        existing,
        existing,
        existing,
        st.from_regex(r"[A-Za-z][A-Za-z0-9.:\-]{0,30}", fullmatch=True),
        st.sampled_from(
            [
                "Kazakhstan will export wheat to China, the ministry said on Monday.",
                "ASTANA, June 3. Uzbekistan and Russia signed a USD 2 bn gas deal.",
                "https://example.org/news/1",
                "2025-05-06",
                "Xinhua",
            ]
        ),
    )


def integers() -> st.SearchStrategy[int]:
    return st.one_of(st.integers(-1000, 1000), st.sampled_from(HUGE_INTS), st.integers())


def param_values(schema: dict[str, Any], known: list[str]) -> st.SearchStrategy[Any]:
    kinds = {s.get("type") for s in schema.get("anyOf", [schema])}
    if "integer" in kinds or "number" in kinds:
        return st.one_of(integers(), st.sampled_from(WRONG_FOR_INT), texts())
    if "boolean" in kinds:
        return st.one_of(st.sampled_from(["true", "false", "1", "yes", "maybe"]), texts())
    return st.one_of(words(known), texts(), integers())


def body_values(schema: dict[str, Any], ctx: BodyContext, depth: int = 0) -> st.SearchStrategy[Any]:
    """JSON shaped by the schema; when hostile, any node may be junk or of the wrong type."""
    if "$ref" in schema:
        schema = ctx.defs[schema["$ref"].rsplit("/", 1)[-1]]
    wrong = st.sampled_from(WRONG_JSON)
    if "anyOf" in schema:
        return st.one_of(*(body_values(s, ctx, depth) for s in schema["anyOf"]))
    kind = schema.get("type")
    options: list[st.SearchStrategy[Any]]
    if kind == "object" and depth < 4:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        options = [
            st.fixed_dictionaries(
                {k: body_values(v, ctx, depth + 1) for k, v in props.items() if k in required},
                optional={
                    k: body_values(v, ctx, depth + 1) for k, v in props.items() if k not in required
                },
            )
        ]
    elif kind == "array" and depth < 4:
        options = [
            st.lists(body_values(schema.get("items", {}), ctx, depth + 1), min_size=1, max_size=2)
        ]
    elif "enum" in schema or "const" in schema:
        options = [st.sampled_from(schema.get("enum") or [schema["const"]])]
    elif kind == "string":
        options = [words(ctx.known)]
    elif kind in ("integer", "number"):
        options = [st.integers(schema.get("minimum", -1000), schema.get("maximum", 1000))]
    else:
        options = [words(ctx.known)]
    if ctx.hostile:
        options += [texts(), wrong]
    return st.one_of(*options)


@dataclass
class BodyContext:
    defs: dict[str, Any]
    known: list[str]
    hostile: bool


@dataclass
class Operation:
    """One method on one path, with its parameters and body schema from OpenAPI."""

    method: str
    path: str
    params: list[dict[str, Any]] = field(default_factory=list)
    body: dict[str, Any] | None = None

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (newer FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from api_routes(route.original_router.routes)


def full_schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document over every route, the hidden HTML pages included."""
    routes = []
    for route in api_routes(app.routes):
        shown = copy.copy(route)
        shown.include_in_schema = True
        routes.append(shown)
    return get_openapi(title=app.title, version=app.version, routes=routes)


def operations(schema: dict[str, Any]) -> list[Operation]:
    ops = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            ops.append(
                Operation(method, path, op.get("parameters", []), body["schema"] if body else None)
            )
    return ops


def _encode(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    # Lone surrogates go on the wire the way WTF-8 writes them (%ED%A0%80).
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def _out_of_bounds(value: Any, schema: dict[str, Any]) -> bool:
    """True when a value breaks a bound the schema declares (the server must say 422)."""
    for s in schema.get("anyOf", [schema]):
        if s.get("type") == "integer" and isinstance(value, int):
            return value < s.get("minimum", -(2**200)) or value > s.get("maximum", 2**200)
        if s.get("type") == "string" and isinstance(value, str) and "maxLength" in s:
            return len(value) > s["maxLength"]
    return False


# About the longest URL the test client sends (httpx refuses past 65,536 characters).
MAX_URL = 65_000


@dataclass
class Request:
    url: str
    content: bytes | None
    must_refuse: str | None  # why the request must get 422, if it must


@st.composite
def requests(draw: st.DrawFn, op: Operation, defs: dict[str, Any], known: list[str]) -> Request:
    path, query, must_refuse = op.path, [], None
    for p in op.params:
        if p["in"] not in ("path", "query"):
            continue
        if p["in"] == "query" and not draw(st.booleans()):
            continue
        value = draw(param_values(p.get("schema", {}), known))
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", _encode(value))
        else:
            query.append(f"{quote(p['name'])}={_encode(value)}")
        if _has_bad_char(value):
            must_refuse = f"{p['name']} holds a surrogate or NUL"
        elif _out_of_bounds(value, p.get("schema", {})) and value not in ("", ".", ".."):
            must_refuse = f"{p['name']}={str(value)[:40]!r} is out of bounds"
    if draw(st.integers(0, 4)) == 0:  # a parameter no route declares
        value = draw(texts())
        query.append(f"unknown={_encode(value)}")
        if _has_bad_char(value):
            must_refuse = "a surrogate or NUL in the query string"
    content = None
    if op.body is not None:
        if draw(st.integers(0, 9)) == 0:
            content = draw(st.binary(max_size=200))
        else:
            ctx = BodyContext(defs, known, hostile=draw(st.booleans()))
            content = json.dumps(draw(body_values(op.body, ctx))).encode()
    url = path + ("?" + "&".join(query) if query else "")
    return Request(url, content, must_refuse)


@pytest.fixture(scope="module")
def fuzz_app(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copyfile(examples_db, db)
    return create_app(
        Settings(db=str(db), token=TOKEN, max_request_bytes=200_000, allowed_hosts=["testserver"])
    )


@pytest.fixture(scope="module")
def fuzz_client(fuzz_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(fuzz_app, raise_server_exceptions=False) as c:
        yield c


def _check(client: TestClient, op: Operation, req: Request) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    if req.content is not None:
        headers["Content-Type"] = "application/json"
    res = client.request(op.method, req.url, content=req.content, headers=headers)
    where = f"{op} -> {req.url[:300]!r} body {(req.content or b'')[:300]!r}"
    assert res.status_code < 500, f"{res.status_code} for {where}: {res.text[:500]}"
    res.content.decode("utf-8")  # every answer is valid UTF-8
    if req.must_refuse:
        assert res.status_code == 422, f"{req.must_refuse}, got {res.status_code}: {where}"
    if res.status_code == 422 and req.url.startswith("/api/"):
        assert res.json()["detail"], where


def test_schema_covers_every_route(fuzz_app: FastAPI) -> None:
    ops = {str(op) for op in operations(full_schema(fuzz_app))}
    published = {
        f"{method.upper()} {path}"
        for path, item in fuzz_app.openapi()["paths"].items()
        for method in item
    }
    assert published and published < ops, "every published operation, and the pages"
    pages = {"GET /", "GET /search", "GET /articles/{doc_id}", "GET /review", "GET /docs"}
    assert pages <= ops - published


def _fuzzer(client: TestClient, op: Operation, defs: dict[str, Any], known: list[str]) -> Any:
    """A Hypothesis test of one operation: its number of examples, each one request."""

    @settings(
        max_examples=EXAMPLES_PER_WRITE if op.body else EXAMPLES_PER_ROUTE,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(req=requests(op, defs, known))
    def fuzz(req: Request) -> None:
        # The HTTP client refuses a URL past 64 KiB before sending it: no server sees one.
        assume(len(req.url) < MAX_URL)
        _check(client, op, req)

    return fuzz


def test_no_request_gets_a_500(fuzz_app: FastAPI, fuzz_client: TestClient) -> None:
    schema = full_schema(fuzz_app)
    defs = schema.get("components", {}).get("schemas", {})
    ops = operations(schema)
    assert len(ops) >= 25
    known = _known_ids(fuzz_client, fuzz_app.state.settings.db)
    for op in ops:
        _fuzzer(fuzz_client, op, defs, known)()


def _known_ids(client: TestClient, db: str) -> list[str]:
    """Ids that exist in the store, so that paths and judgements reach the real records."""
    review = client.get("/api/review").json()
    ids = [i[side] for i in review["items"] for side in ("left_id", "right_id")]
    store = SQLiteStore(db)
    ids += [f"{ext.doc_id}#{e.key}" for ext in store.iter_extractions() for e in ext.entities[:3]]
    store.close()
    for kind in ("documents", "entities", "events"):
        ids += [item["id"] for item in client.get(f"/api/{kind}?limit=5").json()["items"]]
    assert ids
    return ids


@settings(max_examples=150, deadline=None, database=None)
@given(
    host=st.one_of(
        st.from_regex(r"[A-Za-z0-9.\-]{0,30}(:[0-9]{1,5})?", fullmatch=True),
        st.sampled_from(
            [
                "evil.example",
                "localhost.evil.example",
                "127.0.0.1.nip.io",
                "[::2]:80",
                "[::1",
                "::1",
                "0.0.0.0:8000",
                "testserver.",
                "TESTSERVER:1",
                "localhost:8000",
                "[::1]:8000",
            ]
        ),
    )
)
def test_only_served_host_names_get_an_answer(fuzz_client: TestClient, host: str) -> None:
    allowed = allowed_host_names(["testserver"], "127.0.0.1")
    res = fuzz_client.get("/api/health", headers={"Host": host})
    if host_name(host) in allowed:
        assert res.status_code == 200, host
    else:
        assert res.status_code == 400, host
        assert "not served here" in res.json()["detail"]


def test_every_parameter_declares_its_bounds(fuzz_app: FastAPI) -> None:
    """A new integer parameter needs a minimum and a maximum, a string one a maximum length."""
    unbounded = []
    for op in operations(full_schema(fuzz_app)):
        for p in op.params:
            for s in p.get("schema", {}).get("anyOf", [p.get("schema", {})]):
                kind = s.get("type")
                if kind in ("integer", "number") and not {"minimum", "maximum"} <= set(s):
                    unbounded.append(f"{op} {p['name']}")
                if kind == "string" and "maxLength" not in s and "enum" not in s:
                    unbounded.append(f"{op} {p['name']}")
    assert unbounded == []
