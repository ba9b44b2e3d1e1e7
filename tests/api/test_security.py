"""The API's safety rails: tokens for writes, size limits, escaping, no file paths."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from silkgraph.api.app import create_app
from silkgraph.config import Settings


def test_writes_disabled_without_a_configured_token(client: TestClient) -> None:
    res = client.post("/api/documents", json={"documents": [{"text": "x"}]})
    assert res.status_code == 403
    res = client.post(
        "/api/judgements",
        json={"left_id": "a#1", "right_id": "b#1", "judgement": "positive"},
        headers={"Authorization": "Bearer anything"},
    )
    assert res.status_code == 403


def test_writes_need_the_right_token(writer: TestClient) -> None:
    body = {"documents": [{"text": "Kazakhstan and China signed a deal."}]}
    assert writer.post("/api/documents", json=body).status_code == 401
    res = writer.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"})
    assert res.status_code == 401


def test_request_size_limit(writer: TestClient, auth: dict[str, str]) -> None:
    big = {"documents": [{"text": "a" * 60_000}]}
    res = writer.post("/api/documents", json=big, headers=auth)
    assert res.status_code == 413


def test_ingest_escapes_markup_and_stores_the_text(
    writer: TestClient, auth: dict[str, str]
) -> None:
    text = (
        "ASTANA, June 3. Kazakhstan will export wheat to China, the ministry said. "
        "<script>window.__pwned=1</script> <b>bold</b>"
    )
    res = writer.post(
        "/api/documents",
        headers=auth,
        json={
            "documents": [{"id": "xss-1", "text": text, "title": "<img src=x onerror=alert(1)>"}]
        },
    )
    assert res.status_code == 200, res.text
    assert res.json()["added"] == 1 and res.json()["ids"] == ["xss-1"]
    page = writer.get("/articles/xss-1")
    assert "<script>window.__pwned" not in page.text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    again = writer.post(
        "/api/documents", headers=auth, json={"documents": [{"id": "xss-2", "text": text}]}
    )
    assert again.json()["duplicates"] == 1


def test_bad_json_documents_get_a_clear_error(writer: TestClient, auth: dict[str, str]) -> None:
    res = writer.post("/api/documents", headers=auth, json={"documents": [{"title": "no text"}]})
    assert res.status_code == 422
    res = writer.post(
        "/api/documents", headers={**auth, "Content-Type": "application/json"}, content=b"{not json"
    )
    assert res.status_code == 422


def test_no_path_reaches_the_filesystem(client: TestClient) -> None:
    for path in (
        "/static/../api/app.py",
        "/static/%2e%2e/%2e%2e/config.py",
        "/articles/..%2f..%2fpyproject.toml",
        "/static/vendor/../../templates/base.html",
    ):
        res = client.get(path)
        assert res.status_code == 404, path
        assert "create_app" not in res.text and "[project]" not in res.text


def test_sql_metacharacters_are_just_text(client: TestClient) -> None:
    res = client.get("/api/search", params={"q": "'; DROP TABLE documents; --"})
    assert res.status_code == 200
    assert client.get("/api/health").json()["counts"]["documents"] == 3
    assert client.get("/api/entities/e:x' OR '1'='1").status_code == 404


def test_bad_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    try:
        create_app(Settings(db=str(junk)))
    except Exception as err:  # noqa: BLE001 - the type is asserted below
        assert type(err).__name__ == "StoreError"
    else:
        raise AssertionError("a junk file must not open as a store")


def test_offsets_and_limits_out_of_range_are_422(client: TestClient) -> None:
    """The red-team's OverflowError: an offset past SQLite's 64-bit integers."""
    for path in ("/api/documents", "/api/entities", "/api/events", "/api/search", "/search"):
        for query in ("offset=9223372036854775808", "offset=-1", "limit=501", "limit=abc"):
            res = client.get(f"{path}?{query}")
            assert res.status_code == 422, (path, query)
    res = client.get("/api/documents?offset=10000001")
    assert "less than or equal to 10000000" in res.json()["detail"][0]["msg"]
    page = client.get("/entities?offset=-5")
    assert page.status_code == 422 and "offset: Input should be greater" in page.text
    assert client.get("/api/documents?offset=10000000").status_code == 200


def test_lone_surrogates_and_nul_in_urls_are_422(client: TestClient) -> None:
    for url in (
        "/api/search?q=%ED%A0%80",
        "/api/search?q=a%00b",
        "/api/search?q=%FF",
        "/api/entities/%ED%B0%80",
        "/articles/a%00b",
    ):
        res = client.get(url)
        assert res.status_code == 422, url
        assert res.json()["detail"].startswith(("the query string", "the path")), url
    assert client.get("/api/search?q=%E4%B8%AD%E5%9B%BD").status_code == 200


def test_write_bodies_with_surrogates_nul_or_blank_text_are_422(
    writer: TestClient, auth: dict[str, str]
) -> None:
    headers = {**auth, "Content-Type": "application/json"}
    before = writer.get("/api/health").json()["counts"]["documents"]
    for body in (
        b'{"documents": [{"text": "Kazakhstan \\ud800 and China"}]}',
        b'{"documents": [{"text": "Kazakhstan and China", "title": "\\udfff"}]}',
        b'{"documents": [{"text": "Kazakhstan \\u0000 and China"}]}',
        b'{"documents": [{"text": "   \\n\\t "}]}',
        b'{"documents": [{"text": "Kazakhstan and China", "outlet": " "}]}',
        b'{"left_id": "\\ud800#1", "right_id": "b#1", "judgement": "positive"}',
        b'{"left_id": " ", "right_id": "b#1", "judgement": "positive"}',
    ):
        path = "/api/judgements" if b"left_id" in body else "/api/documents"
        res = writer.post(path, content=body, headers=headers)
        assert res.status_code == 422, body
        assert res.json()["detail"][0]["loc"][0] == "body"
    assert writer.get("/api/health").json()["counts"]["documents"] == before


def test_foreign_host_header_is_400(examples_db: Path) -> None:
    """DNS rebinding: the attacker's page reaches the server under the attacker's name."""
    app = create_app(Settings(db=str(examples_db), allowed_hosts=[]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
        for host in ("rebind.attacker.example", "testserver", "localhost.attacker.example", ""):
            res = c.get("/api/documents", headers={"Host": host})
            assert res.status_code == 400, host
            assert "not served here" in res.json()["detail"]
            assert "content-security-policy" in res.headers
    named = create_app(Settings(db=str(examples_db), allowed_hosts=["silk.example"]))
    with TestClient(named, base_url="http://silk.example") as c:
        assert c.get("/api/health").status_code == 200


def test_only_http_urls_become_links(writer: TestClient, auth: dict[str, str]) -> None:
    urls = {
        "u-js": "javascript:alert(document.domain)",
        "u-js2": " JavaScript:alert(1)",
        "u-tab": "java\tscript:alert(1)",
        "u-data": "data:text/html,<script>alert(1)</script>",
        "u-http": "https://example.org/news/1",
    }
    docs = [
        {"id": k, "text": f"ASTANA, May 5. Kazakhstan and China agreed on trade {k}.", "url": v}
        for k, v in urls.items()
    ]
    res = writer.post("/api/documents", headers=auth, json={"documents": docs})
    assert res.status_code == 200, res.text
    for doc_id, url in urls.items():
        main = writer.get(f"/articles/{doc_id}").text.split("<main", 1)[1]
        if doc_id == "u-http":
            assert f'<a class="source-url" href="{url}"' in main
        else:
            assert '<a class="source-url"' not in main
            assert '<span class="source-url">source: ' in main
            assert 'href="java' not in main.lower() and 'href="data:' not in main
