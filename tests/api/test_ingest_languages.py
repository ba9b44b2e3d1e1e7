"""POST /api/documents says what was extracted and what was not, by language."""

from __future__ import annotations

from fastapi.testclient import TestClient

ENGLISH = "ASTANA, June 3. Kazakhstan will export wheat to China, the ministry said on Monday."
CHINESE = (
    "新华社阿斯塔纳6月3日电 哈萨克斯坦农业部周一表示，该国将向中国出口小麦，双方将扩大农业合作。"
)
KAZAKH = (
    "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
    "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді."
)


def test_ingest_answer_counts_documents_without_a_pipeline(
    writer: TestClient, auth: dict[str, str]
) -> None:
    docs = [
        {"id": "lang-en", "text": ENGLISH},
        {"id": "lang-zh", "text": CHINESE},
        {"id": "lang-kk", "text": KAZAKH},
    ]
    res = writer.post("/api/documents", headers=auth, json={"documents": docs})
    assert res.status_code == 200, res.text
    body = res.json()
    assert (body["added"], body["extracted"]) == (3, 2)
    assert body["not_extracted"] == {"kk": 1}
    assert body["summary"] == "2 extracted, 1 not extracted: language kk, no pipeline"
    assert writer.get("/api/documents/lang-zh").json()["language"] == "zh"
    assert writer.get("/api/documents/lang-kk").json()["language"] == "kk"
    assert writer.get("/api/documents/lang-en").json()["language"] == "en"
    page = writer.get("/articles/lang-kk")
    assert page.status_code == 200
    assert "language kk" in page.text and "no pipeline" in page.text
    zh_page = writer.get("/articles/lang-zh")
    assert zh_page.status_code == 200 and "no pipeline" not in zh_page.text
