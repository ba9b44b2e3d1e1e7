"""Keyset pages on the JSON lists and the list pages: cursors, offsets, wrong cursors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/api/entities", "/api/events", "/api/documents"])
def test_next_cursor_walks_the_whole_list_once(client: TestClient, path: str) -> None:
    whole = client.get(f"{path}?limit=500").json()
    seen, cursor = [], ""
    while True:
        res = client.get(f"{path}?limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += [x["id"] for x in res["items"]]
        cursor = res["next_cursor"]
        if not cursor:
            break
    assert seen == [x["id"] for x in whole["items"]] and len(seen) == whole["total"] > 2


@pytest.mark.parametrize("path", ["/api/events", "/events"])
def test_a_cursor_of_another_list_is_a_one_line_400(client: TestClient, path: str) -> None:
    cursor = client.get("/api/entities?limit=1").json()["next_cursor"]
    res = client.get(f"{path}?cursor={cursor}")
    assert res.status_code == 400
    if path.startswith("/api"):
        assert res.json()["detail"] == "cursor: not a cursor of the events list"
    assert client.get(f"{path}?cursor=" + "x" * 2001).status_code == 422


def test_the_list_page_pager_follows_the_cursor(client: TestClient) -> None:
    first = client.get("/api/entities?limit=3").json()
    page = client.get("/entities?limit=3").text
    assert f"cursor={first['next_cursor']}" in page.replace("%3D", "=")
    second = client.get(f"/entities?limit=3&offset=3&cursor={first['next_cursor']}").text
    nxt = client.get(f"/api/entities?limit=3&cursor={first['next_cursor']}").json()
    assert all(e["name"] in second for e in nxt["items"]) and "4–6 of" in second
