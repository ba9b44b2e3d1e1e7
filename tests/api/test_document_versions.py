"""POST /api/documents with an id already stored and other text: a new version, not a drop."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from silkgraph.store.sqlite import SQLiteStore

FIRST = "ASTANA, June 3. Kazakhstan will export wheat to China, the ministry said."
SECOND = "ASTANA, June 4. Kazakhstan will export wheat and barley to China, the ministry said."


def test_post_existing_id_with_other_text_is_a_new_version(
    writer: TestClient, auth: dict[str, str], writable_db: Path
) -> None:
    def post(text: str) -> dict[str, object]:
        res = writer.post(
            "/api/documents", headers=auth, json={"documents": [{"id": "v-1", "text": text}]}
        )
        assert res.status_code == 200, res.text
        body: dict[str, object] = res.json()
        return body

    assert post(FIRST)["added"] == 1
    body = post(SECOND)
    assert (body["added"], body["updated"], body["duplicates"]) == (0, 1, 0)
    assert body["ids"] == ["v-1"] and body["extracted"] == 1
    assert writer.get("/api/documents/v-1").json()["text"] == SECOND
    again = post(SECOND)
    assert (again["added"], again["updated"], again["duplicates"]) == (0, 0, 1)
    store = SQLiteStore(writable_db)
    try:
        assert [v.version for v in store.document_versions("v-1")] == [1, 2]
        old = store.get_document_version("v-1", 1)
        assert old is not None and old.text == FIRST
        serial, resolved = store.resolution_state()
        assert serial == resolved
    finally:
        store.close()
