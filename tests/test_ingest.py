"""Ingest: text, HTML and JSON Lines into Documents; datelines; bad input of every kind."""

from __future__ import annotations

import codecs
import json
import os
import signal
import time
import tracemalloc
from pathlib import Path

import pytest

from silkgraph.engine import Engine
from silkgraph.errors import InputError
from silkgraph.ingest import (
    MAX_CHARS,
    decode,
    detect_language,
    limit_text,
    make_document,
    parse_dateline,
    read_inputs,
    read_path,
)
from silkgraph.model import Document

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_503f66c9484feba8.txt"

RUSSIAN = (
    "КАЗАНЬ, 18 августа. /ТАСС/. Синьцзянский производственно-строительный корпус "
    "намерен углублять партнерство с Республикой Татарстан в промышленной и торговой "
    "сферах, заявила заместитель генерального секретаря корпуса Люй Хуэйин на форуме "
    "«Ростки». Товарооборот между Китаем и Россией вырос на 5 процентов.\n"
)
CHINESE = (
    "新华社乌鲁木齐8月18日电 新疆生产建设兵团将深化与鞑靼斯坦共和国在工业和贸易领域的合作，"
    "发展能源和机械制造领域的联合项目，扩大文化和科学交流。兵团副秘书长吕惠英在第三届"
    "“萌芽”商务论坛上表示，中俄贸易额增长百分之五。\n"
)
# A language no pipeline reads yet: stored, marked, reported.
KAZAKH = (
    "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
    "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді.\n"
)


def docs_and_errors(items: list[Document | InputError]) -> tuple[list[Document], list[str]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    return docs, errors


def read_one(path: Path, encoding: str = "utf-8") -> Document:
    items = list(read_path(path, encoding))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def read_error(path: Path, encoding: str = "utf-8") -> str:
    items = list(read_path(path, encoding))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    message = str(items[0])
    assert "\n" not in message and str(path) in message
    return message


# datelines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "place", "outlet", "published"),
    [
        ("date 2025-08-18 KAZAN, August 18. /TASS/. The XPCC", None, "Kazan", "TASS", "2025-08-18"),
        ("KAZAN, August 18. /TASS/. The XPCC", 2025, "Kazan", "TASS", "2025-08-18"),
        ("KAZAN, August 18. /TASS/. The XPCC", None, "Kazan", "TASS", None),
        ("BEIJING, Sept. 3 (Xinhua) -- China and Russia", 2024, "Beijing", "Xinhua", "2024-09-03"),
        ("URUMQI, June 5, 2024 /Xinhua/ The region", None, "Urumqi", "Xinhua", "2024-06-05"),
        ("ASTANA (Kazinform) - Kazakhstan", None, "Astana", "Kazinform", None),
        ("ASTANA — Kazakhstan and China", None, "Astana", None, None),
        ("KAZAN, February 30. /TASS/. x", 2025, "Kazan", "TASS", None),
        ("BISHKEK, Dec 5 (Reuters) - The talks", 2024, "Bishkek", "Reuters", "2024-12-05"),
        ("Bishkek, 5 December 2024 (Kabar) - The talks", None, "Bishkek", "Kabar", "2024-12-05"),
        ("Bishkek, 5 December - The talks", 2024, "Bishkek", None, "2024-12-05"),
        ("BISHKEK: Prime Minister Adylbek Kasymaliev said", None, "Bishkek", None, None),
        ("BEIJING : Chinese President Xi Jinping said", None, "Beijing", None, None),
    ],
)
def test_dateline_gives_place_outlet_and_date(
    text: str, hint: int | None, place: str, outlet: str | None, published: str | None
) -> None:
    line = parse_dateline(text, hint)
    assert line is not None
    assert (line.place, line.outlet, line.published) == (place, outlet, published)
    assert text[line.length :].strip()[:1].isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "The XPCC said on Monday",
        "",
        "   ",
        "ok",
        "UN. x",
        # A colon ends a dateline only after a town the gazetteer knows.
        "UPDATE: The talks were held",
        "READ MORE: Trade grows",
        "ASIA: Agreement has been reached",
        # A place written as a name needs a day and a credit or a dash after it.
        "Bishkek - the capital",
        "Moscow, 5 December 2024. The talks",
    ],
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


def test_leading_date_alone() -> None:
    line = parse_dateline("date 2025-08-18 The corps said")
    assert line is not None and line.published == "2025-08-18" and line.place is None


# plain text ------------------------------------------------------------------------------


def test_text_file_id_is_stem_and_dateline_fills_metadata() -> None:
    doc = read_one(EXAMPLE)
    assert doc.id == "000_503f66c9484feba8"
    assert (doc.dateline_place, doc.outlet, doc.published) == ("Kazan", "TASS", "2025-08-18")
    assert doc.language == "en" and doc.source == str(EXAMPLE)
    assert doc.text == EXAMPLE.read_text(encoding="utf-8")


def test_header_block(tmp_path: Path) -> None:
    path = tmp_path / "h1.txt"
    path.write_text(
        "url: https://example.org/a\noutlet: Kazinform\ndate: 2024-05-06\n"
        "title: Trade grows\n----\nASTANA — Trade grew.\n",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert (doc.url, doc.outlet, doc.published, doc.title) == (
        "https://example.org/a",
        "Kazinform",
        "2024-05-06",
        "Trade grows",
    )
    assert doc.text.startswith("ASTANA") and doc.dateline_place == "Astana"


def test_folder_in_stable_order_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden.txt"):
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_inputs([tmp_path])))
    assert errors == []
    # files at the top keep their stem as id; a file in a subfolder keeps its folder
    assert [d.id for d in docs] == ["a", "b", "sub/c"]


# HTML ------------------------------------------------------------------------------------

ARTICLE = (
    "Kazakhstan and China signed an agreement on the supply of wheat worth 300 million "
    "dollars at the business forum in Astana on Tuesday, the ministry of trade said. "
    "The two countries plan to raise trade to 40 billion dollars by 2030."
)


def html_page(scripts: int = 1) -> str:
    junk = "\n".join(
        f"<script>var tracker{i} = 'SCRIPTJUNK{i}'; function f{i}(){{}}</script>"
        for i in range(scripts)
    )
    nav = "".join(f"<li><a href='/s{i}'>NavSection{i}</a></li>" for i in range(40))
    return f"""<!doctype html><html><head><title>Wheat deal signed | Steppe News</title>
<meta property="og:site_name" content="Steppe News">
<meta property="og:title" content="Wheat deal signed">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://steppe.example/wheat-deal">
{junk}<style>body {{ color: red }} .STYLEJUNK {{}}</style></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>Wheat deal signed</h1><p>{ARTICLE}</p>
<p>{ARTICLE.replace("wheat", "barley")}</p></article></main>
<aside>{junk}<ul>{nav}</ul></aside><footer>Copyright FOOTERJUNK {nav}</footer>
{junk}</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wheat.html"
    path.write_text(html_page(), encoding="utf-8")
    doc = read_one(path)
    assert doc.id == "wheat"
    assert ARTICLE in doc.text
    assert doc.title == "Wheat deal signed"
    assert doc.outlet == "Steppe News"
    assert doc.published == "2024-03-05"
    assert doc.url == "https://steppe.example/wheat-deal"


def test_html_full_of_scripts_and_navigation(tmp_path: Path) -> None:
    path = tmp_path / "noisy.html"
    path.write_text(html_page(scripts=300), encoding="utf-8")
    doc = read_one(path)
    assert ARTICLE in doc.text
    for junk in ("SCRIPTJUNK", "tracker", "STYLEJUNK", "NavSection", "FOOTERJUNK"):
        assert junk not in doc.text


def test_html_without_article_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><script>var x = 1;</script></head><body><script>var y = 2;"
        "</script><style>p {}</style></body></html>",
        encoding="utf-8",
    )
    assert "no article text" in read_error(path)


# JSON Lines ------------------------------------------------------------------------------


def test_jsonl_required_and_optional_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": "a1",
            "text": "ASTANA — Trade grew.",
            "url": "https://x.example/a1",
            "title": "Trade",
            "outlet": "Kazinform",
            "published": "2024-05-06",
        },
        {"id": 7, "text": "KAZAN, August 18. /TASS/. The corps said."},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    docs, errors = docs_and_errors(list(read_path(path)))
    assert errors == []
    a, b = docs
    assert (a.id, a.url, a.title, a.outlet, a.published) == (
        "a1",
        "https://x.example/a1",
        "Trade",
        "Kazinform",
        "2024-05-06",
    )
    assert (b.id, b.url, b.outlet, b.published, b.dateline_place) == (
        "7",
        None,
        "TASS",
        None,
        "Kazan",
    )
    assert a.source == f"{path}:1" and b.source == f"{path}:2"


def test_malformed_jsonl_line_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "g1", "text": "First good article."}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "g2", "text": "Second good article."}),
        json.dumps({"text": "no id"}),
        "[1, 2, 3]",
        "",
        json.dumps({"id": "g3", "text": "Third good article."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_path(path)))
    assert [d.id for d in docs] == ["g1", "g2", "g3"]
    assert len(errors) == 3
    assert errors[0].startswith(f"{path}:2: not JSON")
    assert errors[1].startswith(f"{path}:4: needs the fields 'id' and 'text'")
    assert errors[2].startswith(f"{path}:5: not a JSON object")


# bad input -------------------------------------------------------------------------------


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.bin"
    path.write_bytes(bytes(range(256)) * 64)
    assert "binary file" in read_error(path)
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 200)
    assert "binary file" in read_error(png)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", b"\xef\xbb\xbf\n"])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    message = read_error(path)
    assert "empty file" in message or "no text" in message


def test_invalid_utf8_gives_one_line_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Trade grew by 5 percent \xff\xfe in 2024.\n")
    message = read_error(path)
    assert "not valid utf-8" in message and "0xff" in message and "--encoding" in message


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", RUSSIAN),
        ("latin-1", "ZÜRICH, March 3. /SDA/. Café owners in Zürich said trade rose.\n"),
    ],
)
def test_legacy_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / f"legacy-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert "not valid utf-8" in read_error(path)
    doc = read_one(path, encoding)
    assert doc.text == text
    assert "--encoding" in read_error(path, "utf-8")


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Trade grew.", encoding="utf-8")
    assert "unknown encoding" in read_error(path, "klingon-8")


def test_missing_path_reported(tmp_path: Path) -> None:
    assert "no such file" in read_error(tmp_path / "nope.txt")


def test_decode_limit_on_size(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="larger than"):
        decode(b"a" * (64 * 1024 * 1024 + 1), "huge.txt")


def test_limit_text_cuts_at_a_paragraph() -> None:
    para = "Trade between China and Kazakhstan grew. " * 40 + "\n\n"
    text = para * 200
    kept = limit_text(text, 10_000)
    assert 8_000 <= len(kept) <= 10_000
    assert text.startswith(kept) and kept.endswith("grew.")
    assert limit_text("short", 10_000) == "short"
    assert len(limit_text("x" * 50_000, 10_000)) == 10_000


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (RUSSIAN, "ru"),
        (CHINESE, "zh"),
        (EXAMPLE.read_text(encoding="utf-8"), "en"),
        ("Lü Huiying of XPCC (兵团) said in Ürümqi", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


# through the engine (real spaCy pipeline, real SQLite) ---------------------------------


@pytest.fixture()
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Engine(str(tmp_path / "t.db")) as eng:
        yield eng


def test_ingest_twice_changes_no_count(engine: Engine, tmp_path: Path) -> None:
    folder = EXAMPLE.parent
    first = engine.ingest([folder])
    assert (first.added, first.extracted, first.failed) == (3, 3, [])
    counts = engine.store.counts()
    assert counts["documents"] == 3 and counts["extractions"] == 3 and counts["entities"] > 0
    again = engine.ingest([folder])
    assert (again.added, again.duplicates, again.extracted) == (0, 3, 0)
    assert engine.store.counts() == counts
    # the same content under another name is recognised by its hash
    copy = tmp_path / "copy.txt"
    copy.write_bytes(EXAMPLE.read_bytes())
    third = engine.ingest([copy])
    assert (third.added, third.duplicates) == (0, 1)
    assert engine.store.counts() == counts


def test_russian_and_chinese_extracted_kazakh_stored_flagged(
    engine: Engine, tmp_path: Path
) -> None:
    (tmp_path / "ru.txt").write_text(RUSSIAN * 3, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(CHINESE * 3, encoding="utf-8")
    (tmp_path / "kk.txt").write_text(KAZAKH * 3, encoding="utf-8")
    report = engine.ingest([tmp_path / "ru.txt", tmp_path / "zh.txt", tmp_path / "kk.txt"])
    assert (report.added, report.failed, report.extracted) == (3, [], 2)
    assert report.not_extracted == {"kk": 1}
    assert report.extraction_summary() == "2 extracted, 1 not extracted: language kk, no pipeline"
    for doc_id, lang in (("ru", "ru"), ("zh", "zh"), ("kk", "kk")):
        doc = engine.store.get_document(doc_id)
        assert doc is not None and doc.language == lang
    kk = engine.store.get_extraction("kk")
    assert kk is not None and kk.entities == [] and kk.events == [] and kk.amounts == []
    assert kk.errors == ["language: kk, no pipeline"]
    zh = engine.store.get_extraction("zh")
    assert zh is not None and zh.errors == []
    assert ("新疆生产建设兵团", "ORG") in {(e.name, e.type) for e in zh.entities}
    assert {"FORUM", "TRADE"} <= {ev.type for ev in zh.events}
    ru = engine.store.get_extraction("ru")
    assert ru is not None and ru.errors == []
    names = {(e.name, e.type) for e in ru.entities}
    assert {("Люй Хуэйин", "PERSON"), ("Казань", "GPE")} <= names
    assert "TRADE" in {ev.type for ev in ru.events}
    # Both carry this installation's version: nothing is left to extract.
    assert engine.store.pending_documents(engine.version) == []
    assert engine.extract_pending() == (0, {})


def test_50mb_article_is_capped_and_extracted(engine: Engine, tmp_path: Path) -> None:
    base = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as fh:
        size, n = 0, 0
        while size < 50 * 1024 * 1024:
            chunk = base.replace("3rd", f"{n}th") + "\n\n"
            fh.write(chunk)
            size, n = size + len(chunk.encode("utf-8")), n + 1
    t0 = time.perf_counter()
    report = engine.ingest([path])
    elapsed = time.perf_counter() - t0
    assert (report.added, report.extracted, report.failed) == (1, 1, [])
    doc = engine.store.get_document("huge")
    assert doc is not None
    assert len(doc.text) <= MAX_CHARS and doc.text.startswith(base[:200])
    assert doc.source == f"{path}#char=0,{len(doc.text)}"
    assert (doc.published, doc.dateline_place) == ("2025-08-18", "Kazan")
    ext = engine.store.get_extraction("huge")
    assert ext is not None and ext.errors == [] and ext.entities
    assert max(m.end for e in ext.entities for m in e.mentions) <= len(doc.text)
    assert elapsed < 90, f"a 50 MB article took {elapsed:.1f} s"


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("2016-10", "2016-10"),
        ("2016", "2016"),
        ("2016-10-05T08:00:00Z", "2016-10-05"),
        ("2016-13", None),
    ],
)
def test_a_month_or_a_year_of_publication_is_kept(given: str, published: str | None) -> None:
    doc = make_document("x", "Trade grew.", published=given)
    assert doc.published == published


def test_the_datelines_day_completes_a_month_of_publication() -> None:
    doc = make_document("x", "KAZAN, October 5. /TASS/. Trade grew.", published="2016-10")
    assert doc.published == "2016-10-05"
    # A dateline of another month does not override the month given.
    doc = make_document("x", "KAZAN, March 5. /TASS/. Trade grew.", published="2016-10")
    assert doc.published == "2016-10"


@pytest.mark.parametrize("published", ["¹²³⁴-05-06", "٢٠٢٤-05-06", "2024-13-45", "soon", ""])
def test_odd_publication_dates_are_dropped_not_fatal(published: str) -> None:
    """Found by fuzzing: non-ASCII digits once reached int() and raised."""
    doc = make_document("x", "KAZAN, August 18. /TASS/. Trade grew.", published=published)
    assert doc.published is None and doc.outlet == "TASS"


# one bad item never stops the run ------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "bom.txt"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    path.write_bytes(bom + RUSSIAN.encode(codec))
    assert read_one(path).text == RUSSIAN


@pytest.mark.parametrize(
    ("codec", "hint"),
    [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32-le", "utf-32-le")],
)
def test_wide_text_without_a_bom_gets_the_encoding_hint(
    tmp_path: Path, codec: str, hint: str
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(("Kazakhstan and China agreed on trade. " * 20).encode(codec))
    assert f"--encoding {hint}" in read_error(path)
    assert read_one(path, hint).text.startswith("Kazakhstan")


def test_nul_after_the_first_8k_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"Trade grew. " * 1000 + b"\x00tail")
    assert "NUL character at character 12000" in read_error(path)


def test_fifo_and_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("reading a FIFO blocked")

    # a blocking open would hang the test: fail it instead
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        assert "not a regular file (a FIFO)" in read_error(fifo)
        docs, errors = docs_and_errors(list(read_inputs([tmp_path, Path("/dev/zero")])))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert docs == [] and len(errors) == 2
    assert "pipe.txt: not a regular file (a FIFO)" in errors[0]
    assert errors[1] == "/dev/zero: not a regular file (a character device)"


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as f:
        f.truncate(3 * 1024**3)  # 3 GB by size, no disk used
    tracemalloc.start()
    try:
        assert "larger than 64 MB" in read_error(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_file_names_are_escaped_in_the_one_line_reason(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 8
    for name in ("new\nline.txt", "\x1b[31mred\x1b[0m.txt", "rtl\u202e.txt"):
        (tmp_path / name).write_bytes(junk)
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as f:
        f.write(b"Trade in a cafe grew.\n")
    docs, errors = docs_and_errors(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["caf\\xe9"] and docs[0].source == f"{tmp_path}/caf\\xe9.txt"
    assert len(errors) == 3 and all("\n" not in e and "\x1b" not in e for e in errors)
    joined = " ".join(errors)
    assert "new\\nline.txt" in joined and "\\x1b[31mred\\x1b[0m.txt" in joined
    assert "rtl\\u202e.txt" in joined


def test_links_and_unreadable_places_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Trade grew.\n", encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(tmp_path, folder / "up")
    dangling_named = tmp_path / "named.txt"
    os.symlink(tmp_path / "nowhere", dangling_named)
    docs, errors = docs_and_errors(list(read_inputs([folder, dangling_named])))
    assert [d.id for d in docs] == ["good"]
    assert errors == [
        f"{folder}/dangling.txt: broken symbolic link",
        f"{folder}/up: link to a folder, not followed",
        f"{dangling_named}: broken symbolic link",
    ]


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(f"Trade news from {sub}.\n", encoding="utf-8")
    docs, _ = docs_and_errors(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["a/index", "b/index"]
    # named side by side, both would be "index": each keeps its path instead
    named = [tmp_path / "a" / "index.txt", tmp_path / "b" / "index.txt"]
    docs, _ = docs_and_errors(list(read_inputs(named)))
    assert [d.id for d in docs] == [
        f"{tmp_path}/a/index".lstrip("/"),
        f"{tmp_path}/b/index".lstrip("/"),
    ]
    # alone, a file keeps its stem
    docs, _ = docs_and_errors(list(read_inputs(named[:1])))
    assert [d.id for d in docs] == ["index"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "text": "x \\ud800 y"}', "lone surrogate U+D800 in 'text'"),
        ('{"id": "\\ud800", "text": "x"}', "lone surrogate U+D800 in 'id'"),
        ('{"id": "a", "text": "x", "t": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
        ('{"id": ' + "1" * 5000 + ', "text": "x"}', "Exceeds the limit"),
        ('{"id": "a", "text": "x", "outlet": "T\\u0000"}', "NUL character in 'outlet'"),
        ('{"id": "a\\u001b[2J", "text": "x"}', "control characters in the id"),
    ],
)
def test_bad_jsonl_line_fails_alone(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "rows.jsonl"
    good = json.dumps({"id": "g", "text": "Trade grew."})
    path.write_text(f"{good}\n{line}\n{good.replace('g', 'h')}\n", encoding="utf-8")
    docs, errors = docs_and_errors(list(read_path(path)))
    assert [d.id for d in docs] == ["g", "h"]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2: ") and reason in errors[0]
    assert "\n" not in errors[0]


def test_changed_article_under_the_same_name_is_a_new_version(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "news.txt"
    path.write_text("ASTANA, May 3. Kazakhstan and China signed a deal.\n", encoding="utf-8")
    first = engine.ingest([path])
    assert (first.added, first.updated, first.extracted) == (1, 0, 1)
    path.write_text("ASTANA, May 4. Kazakhstan and China signed two deals.\n", encoding="utf-8")
    second = engine.ingest([path])
    assert (second.added, second.updated, second.duplicates, second.extracted) == (0, 1, 0, 1)
    doc = engine.store.get_document("news")
    assert doc is not None and "two deals" in doc.text
    assert [v.version for v in engine.store.document_versions("news")] == [1, 2]
    old = engine.store.get_document_version("news", 1)
    assert old is not None and "signed a deal" in old.text
    assert not engine.resolution_behind()
