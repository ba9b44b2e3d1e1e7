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
