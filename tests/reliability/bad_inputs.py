"""A corpus of bad inputs for ``silkgraph ingest``, with the outcome each one must have.

``build(root)`` writes the files under ``root`` and returns the cases: every bad one says
which marker (a file name or ``FILE:LINE``) and which reason its one ``skipped:`` line must
hold; every good one says the id and text it must be stored with. Run it by hand to look
at the corpus:

    python tests/reliability/bad_inputs.py /tmp/bad && silkgraph ingest /tmp/bad/in --db x.db
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = "ALMATY, March 3. /Kazinform/. Kazakhstan and China agreed to raise trade in {what}.\n"


@dataclass
class Bad:
    """An input that must be reported in exactly one line holding ``marker`` and ``reason``."""

    marker: str
    reason: str


@dataclass
class Corpus:
    """The folder to ingest, paths to name beside it, and what must come out."""

    folder: Path
    extra: list[Path] = field(default_factory=list)
    bad: list[Bad] = field(default_factory=list)
    good: dict[str, str] = field(default_factory=dict)  # id -> stored text
    updated: set[str] = field(default_factory=set)  # ids that get a new version
    duplicates: int = 0
    needs_caps: list[Bad] = field(default_factory=list)  # only without CAP_DAC_OVERRIDE


def previous(root: Path) -> Path:
    """The folder ingested first: its documents must come out of the bad run untouched."""
    prev = root / "prev"
    prev.mkdir(parents=True)
    for path in sorted((ROOT / "examples").glob("*.txt")):
        (prev / path.name).write_bytes(path.read_bytes())
    (prev / "upd.txt").write_text(GOOD.format(what="wheat"), encoding="utf-8")
    rows = [
        {"id": "p1", "text": GOOD.format(what="cotton")},
        {"id": 7, "text": GOOD.format(what="oil")},
    ]
    (prev / "prev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return prev


def build(root: Path) -> Corpus:
    """Write the bad-input corpus under ``root / "in"`` (and beside it) and return its cases."""
    folder = root / "in"
    folder.mkdir(parents=True)
    c = Corpus(folder)
    _files(c, folder)
    _names(c, folder)
    _special(c, root, folder)
    _jsonl(c, folder)
    _good(c, folder)
    return c


def _bad_file(c: Corpus, folder: Path, name: str, data: bytes, reason: str) -> None:
    (folder / name).write_bytes(data)
    c.bad.append(Bad(name, reason))


def _files(c: Corpus, folder: Path) -> None:
    text = GOOD.format(what="steel")
    _bad_file(c, folder, "b01_junk.bin", bytes(range(256)) * 64, "binary file")
    _bad_file(c, folder, "b02_png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 200, "binary")
    _bad_file(c, folder, "b03_empty.txt", b"", "empty file")
    _bad_file(c, folder, "b04_blank.txt", b"  \n\t\n  ", "empty file")
    _bad_file(c, folder, "b05_bom_only.txt", codecs.BOM_UTF8 + b"\n", "no text")
    _bad_file(c, folder, "b06_latin1.txt", "Zürich café".encode("latin-1"), "--encoding")
    _bad_file(c, folder, "b07_cp1251.txt", "Товарооборот вырос".encode("cp1251"), "--encoding")
    late = (text * 200).encode() + b"\x00 and more text after the NUL\n"
    _bad_file(c, folder, "b08_nul_after_8k.txt", late, "NUL character")
    _bad_file(c, folder, "b09_utf16le.txt", text.encode("utf-16-le"), "--encoding utf-16-le")
    _bad_file(c, folder, "b10_utf16be.txt", text.encode("utf-16-be"), "--encoding utf-16-be")
    _bad_file(c, folder, "b11_utf32le.txt", text.encode("utf-32-le"), "--encoding utf-32-le")
    _bad_file(c, folder, "b12_controls.txt", b"\x01\x02\x03\x04abc" * 500, "binary file")
    _bad_file(c, folder, "b13_utf16_bom_odd.txt", codecs.BOM_UTF16_LE + b"a\x00b", "not valid")
    html = b"<html><head><script>var x = 1;</script><style>p{}</style></head><body></body></html>"
    _bad_file(c, folder, "b14_no_article.html", html, "no article text")
    _bad_file(c, folder, "b15_junk.html", bytes(range(256)) * 16, "binary file")
    _bad_file(c, folder, "b16_junk.jsonl", bytes(range(256)) * 16, "binary file")
    _bad_file(c, folder, "b17_invalid_utf8.jsonl", b'{"id": "x", "text": "\xff\xfe"}\n', "0xff")
    with open(folder / "b18_sparse_3gb.txt", "wb") as f:  # a hole: no disk, 3 GB by size
        f.truncate(3 * 1024**3)
    c.bad.append(Bad("b18_sparse_3gb.txt", "larger than 64 MB"))


def _names(c: Corpus, folder: Path) -> None:
    """File names that would break a one-line report, or are not UTF-8 at all."""
    junk = bytes(range(256)) * 8
    _bad_file(c, folder, "b20_new\nline.txt", junk, "binary file")
    c.bad[-1].marker = "b20_new\\nline.txt"
    _bad_file(c, folder, "b21_\x1b[31mred\x1b[0m.txt", junk, "binary file")
    c.bad[-1].marker = "b21_\\x1b[31mred\\x1b[0m.txt"
    _bad_file(c, folder, "b22_\u202eevil.txt", junk, "binary file")
    c.bad[-1].marker = "b22_\\u202eevil.txt"
    _bad_file(c, folder, "b23_tab\there.txt", junk, "binary file")
    c.bad[-1].marker = "b23_tab\\there.txt"
    raw = os.fsencode(folder) + b"/b24_caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(junk)
    c.bad.append(Bad("b24_caf\\xe9.txt", "binary file"))
    good = os.fsencode(folder) + b"/g_caf\xe9.txt"
    with open(good, "wb") as f:
        f.write(GOOD.format(what="coffee").encode())
    c.good["g_caf\\xe9"] = GOOD.format(what="coffee")


def _special(c: Corpus, root: Path, folder: Path) -> None:
    """FIFOs, devices, links and unreadable places, inside the folder and named directly."""
    os.mkfifo(folder / "b30_fifo.txt")
    c.bad.append(Bad("b30_fifo.txt", "not a regular file (a FIFO)"))
    os.symlink(folder / "missing-target.txt", folder / "b31_dangling.txt")
    c.bad.append(Bad("b31_dangling.txt", "broken symbolic link"))
    os.symlink("b32_loop.txt", folder / "b32_loop.txt")
    c.bad.append(Bad("b32_loop.txt", "broken symbolic link"))
    (root / "elsewhere").mkdir()
    os.symlink(root / "elsewhere", folder / "b33_dirlink")
    c.bad.append(Bad("b33_dirlink", "link to a folder, not followed"))
    locked = folder / "b34_locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD.format(what="locked goods"), encoding="utf-8")
    locked.chmod(0)
    c.needs_caps.append(Bad("b34_locked", "cannot read the folder (Permission denied)"))
    private = folder / "b35_private.txt"
    private.write_text(GOOD.format(what="private goods"), encoding="utf-8")
    private.chmod(0)
    c.needs_caps.append(Bad("b35_private.txt", "cannot read (Permission denied)"))
    os.mkfifo(root / "b40_named_fifo.txt")
    with open(root / "b41_named_sparse.txt", "wb") as f:
        f.truncate(5 * 1024**3)
    os.symlink(root / "nowhere.txt", root / "b42_named_dangling.txt")
    c.extra += [
        root / "b40_named_fifo.txt",
        Path("/dev/zero"),
        root / "b41_named_sparse.txt",
        root / "b42_named_dangling.txt",
        root / "b43_missing.txt",
    ]
    c.bad += [
        Bad("b40_named_fifo.txt", "not a regular file (a FIFO)"),
        Bad("/dev/zero", "not a regular file (a character device)"),
        Bad("b41_named_sparse.txt", "larger than 64 MB"),
        Bad("b42_named_dangling.txt", "broken symbolic link"),
        Bad("b43_missing.txt", "no such file or folder"),
    ]


JSONL_LINES: list[tuple[str, str | None]] = [
    # (line, reason for a bad line or None for a good one)
    (
        '{"id": "j-surrogate-text", "text": "Trade \\ud800 grew."}',
        "lone surrogate U+D800 in 'text'",
    ),
    ('{"id": "j-\\udfff", "text": "Trade grew."}', "lone surrogate U+DFFF in 'id'"),
    ('{"id": "j3", "text": "Trade grew.", "title": "\\udc00"}', "lone surrogate U+DC00 in 'title'"),
    ('{"id": "j4", "text": "T", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
    ("[" * 100_000, "not JSON"),
    ('{"id": ' + "7" * 5000 + ', "text": "Trade grew."}', "not JSON (Exceeds the limit"),
    ('{"id": "j7", "text": "no closing brace"', "not JSON"),
    ("[1, 2, 3]", "not a JSON object"),
    ('"just a string"', "not a JSON object"),
    ('{"text": "no id"}', "needs the fields 'id' and 'text'"),
    ('{"id": null, "text": "null id"}', "needs the fields 'id' and 'text'"),
    ('{"id": 1.5, "text": "float id"}', "needs the fields 'id' and 'text'"),
    ('{"id": true, "text": "bool id"}', "needs the fields 'id' and 'text'"),
    ('{"id": {"a": 1}, "text": "object id"}', "needs the fields 'id' and 'text'"),
    ('{"id": NaN, "text": "NaN id"}', "needs the fields 'id' and 'text'"),
    ('{"id": "j16", "text": 42}', "needs the fields 'id' and 'text'"),
    ('{"id": "j17", "text": "   "}', "empty text"),
    ('{"id": "j18", "text": "Trade\\u0000grew."}', "NUL character in 'text'"),
    ('{"id": "j19", "text": "Trade grew.", "title": "A\\u0000B"}', "NUL character in 'title'"),
    ('{"id": "j20", "text": "Trade grew.", "outlet": "T\\u0000"}', "NUL character in 'outlet'"),
    ('{"id": "j21", "text": "Trade grew.", "url": "http://x/\\u0000"}', "NUL character in 'url'"),
    ('{"id": "j\\u000022", "text": "Trade grew."}', "NUL character in 'id'"),
    ('{"id": "j\\n23", "text": "Trade grew."}', "control characters in the id"),
    ('{"id": "' + "j" * 2000 + '", "text": "Trade grew."}', "the id must have 1 to 1000"),
    ('{"id": "", "text": "empty id"}', "needs the fields 'id' and 'text'"),
    ('{"id": "jg1", "text": "' + GOOD.format(what="grain").strip() + '"}', None),
    ('{"id": "jrep", "text": "' + GOOD.format(what="copper").strip() + '"}', None),
    ('{"id": "jrep", "text": "' + GOOD.format(what="zinc").strip() + '"}', None),
    ('{"id": 123456, "text": "' + GOOD.format(what="tea").strip() + '"}', None),
]


def _jsonl(c: Corpus, folder: Path) -> None:
    name = "lines.jsonl"
    (folder / name).write_text("\n".join(line for line, _ in JSONL_LINES) + "\n", encoding="utf-8")
    for no, (line, reason) in enumerate(JSONL_LINES, 1):
        if reason is not None:
            c.bad.append(Bad(f"{name}:{no}:", reason))
        else:
            row = json.loads(line)
            c.good[str(row["id"])] = row["text"]
    c.updated.add("jrep")  # its second line is a new version of the first
    # the same rows, UTF-16 with a BOM: decoded, all good
    rows = [{"id": "u16", "text": GOOD.format(what="silk")}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-16")
    (folder / "g_utf16.jsonl").write_bytes(data)
    c.good["u16"] = rows[0]["text"]


def _good(c: Corpus, folder: Path) -> None:
    """Good files among the bad: BOMs, the same name in two folders, an update, a copy."""
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        text = GOOD.format(what=f"wool ({codec})")
        (folder / f"g_{codec}.txt").write_bytes(bom + text.encode(codec))
        c.good[f"g_{codec}"] = text
    for codec, bom in (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)):
        text = GOOD.format(what=f"flax ({codec})")
        (folder / f"g_{codec}.txt").write_bytes(bom + text.encode(codec))
        c.good[f"g_{codec}"] = text
    text = GOOD.format(what="hemp")
    (folder / "g_utf8_bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode())
    c.good["g_utf8_bom"] = text
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        text = GOOD.format(what=f"index of {sub}")
        (folder / sub / "index.txt").write_text(text, encoding="utf-8")
        c.good[f"{sub}/index"] = text
    text = GOOD.format(what="wheat and barley")  # prev/upd.txt said wheat only
    (folder / "upd.txt").write_text(text, encoding="utf-8")
    c.good["upd"] = text
    c.updated.add("upd")
    example = sorted((ROOT / "examples").glob("*.txt"))[0]
    (folder / "g_copy_of_example.txt").write_bytes(example.read_bytes())
    c.duplicates += 1
    text = GOOD.format(what="long articles") + "More words about trade. " * 2000 + "\n"
    (folder / "g_long.txt").write_text(text, encoding="utf-8")
    c.good["g_long"] = text


if __name__ == "__main__":
    out = Path(sys.argv[1])
    corpus = build(out)
    previous(out)
    print(f"{len(corpus.bad) + len(corpus.needs_caps)} bad, {len(corpus.good)} good in {out}")
