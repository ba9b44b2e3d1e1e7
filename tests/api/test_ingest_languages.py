"""POST /api/documents says what was extracted and what was not, by language."""

from __future__ import annotations

from fastapi.testclient import TestClient

ENGLISH = "ASTANA, June 3. Kazakhstan will export wheat to China, the ministry said on Monday."
CHINESE = (
    "新华社阿斯塔纳6月3日电 哈萨克斯坦农业部周一表示，该国将向中国出口小麦，双方将扩大农业合作。"
)


def test_ingest_answer_counts_documents_without_a_pipeline(
    writer: TestClient, auth: dict[str, str]
) -> None:
    docs = [{"id": "lang-en", "text": ENGLISH}, {"id": "lang-zh", "text": CHINESE}]
    res = writer.post("/api/documents", headers=auth, json={"documents": docs})
    assert res.status_code == 200, res.text
    body = res.json()
    assert (body["added"], body["extracted"]) == (2, 1)
    assert body["not_extracted"] == {"zh": 1}
    assert body["summary"] == "1 extracted, 1 not extracted: language zh, no pipeline"
    doc = writer.get("/api/documents/lang-zh").json()
    assert doc["language"] == "zh"
    assert writer.get("/api/documents/lang-en").json()["language"] == "en"
    page = writer.get("/articles/lang-zh")
    assert page.status_code == 200
    assert "language zh" in page.text and "no pipeline" in page.text
