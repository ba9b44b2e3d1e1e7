"""Reading inputs into Documents: text files, HTML pages, JSON Lines, folders.

Ingest never loses input: an unreadable file yields a one-line reason and is skipped;
good inputs in the same run go on. Datelines ("KAZAN, August 18. /TASS/.") give the
place, outlet and publication date when the metadata lacks them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from silkgraph.errors import InputError
from silkgraph.knowledge.lexicon import MONTHS
from silkgraph.model import Document

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
MAX_BYTES = 64 * 1024 * 1024
# Longer texts are cut to their first MAX_CHARS characters: spaCy needs about 1 GB of memory
# per 100,000 characters and a few seconds per 100,000 on one core, and no news article runs
# this long (see docs/reliability.md). The cut is logged and marked on Document.source.
MAX_CHARS = 100_000


_LEAD_DATE = re.compile(r"^\s*date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})\s+")
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z\-’'.]+(?: [A-Z][A-Z\-’'.]+){0,3})\b"
    r"(?:\s*\((?P<outlet0>[A-Za-z][\w .&-]{1,30})\))?"
    r"(?:,\s*(?P<month>" + _MONTH_RE + r")\s+(?P<day>[0-9]{1,2})(?:,\s*(?P<year>[0-9]{4}))?)?"
    r"\s*(?:\(\s*(?P<outlet1>[A-Za-z][\w .&-]{1,30})\s*\)|[./]*\s*/(?P<outlet2>[A-Za-z][\w .&-]{1,30})/\.?)?"
    r"\s*(?P<sep>[—–-]+|\.)?\s*"
)


@dataclass(slots=True)
class Dateline:
    """What an article's opening dateline says."""

    place: str | None
    outlet: str | None
    published: str | None
    length: int


def parse_dateline(text: str, year_hint: int | None = None) -> Dateline | None:
    """Read a leading dateline: "date 2025-08-18", "KAZAN, August 18. /TASS/.", "ASTANA—".

    Returns None when the text opens with no dateline. A dateline's month and day are
    resolved to a full date only when a year is known (a leading date or ``year_hint``).
    """
    published: str | None = None
    offset = 0
    lead = _LEAD_DATE.match(text)
    if lead:
        published = lead.group(1)
        offset = lead.end()
    m = _DATELINE.match(text, offset)
    if m and not (m.group("sep") or m.group("outlet1") or m.group("outlet2") or m.group("outlet0")):
        m = None
    if not m or not _looks_like_place(m.group("place")):
        if lead:
            return Dateline(None, None, published, offset)
        return None
    place = m.group("place").strip(" .-").title()
    outlet = m.group("outlet0") or m.group("outlet1") or m.group("outlet2")
    if published is None and m.group("month"):
        year = int(m.group("year")) if m.group("year") else year_hint
        month = MONTHS.get(m.group("month").lower().rstrip(".")[:3])
        if year and month:
            try:
                published = date(year, month, int(m.group("day"))).isoformat()
            except ValueError:
                published = None
    return Dateline(place, outlet.strip() if outlet else None, published, m.end())


def _looks_like_place(raw: str | None) -> bool:
    if not raw:
        return False
    words = raw.strip(" .-").split()
    return (
        1 <= len(words) <= 4
        and all(w.isupper() or not w.isalpha() for w in words)
        and len(raw.strip()) >= 3
    )


def decode(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text or raise InputError with a one-line reason."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    if encoding.lower().replace("-", "").replace("_", "")[:5] not in (
        "utf16",
        "utf32",
    ) and _looks_binary(data[:8192]):
        raise InputError(f"{name}: binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid {encoding} (byte 0x{data[err.start]:02x} at offset {err.start});"
            " pass --encoding if it uses a legacy encoding such as cp1251"
        ) from None
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\t\f")
    if control > 0.05 * min(len(text), 4096):
        raise InputError(f"{name}: binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: no text")
    return text


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control bytes: an image, archive or executable, whatever the encoding."""
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.05 * len(sample)


def detect_language(text: str) -> str:
    """Tell English from text in other scripts by letter counts: "en", "ru", "zh" or "other"."""
    sample = text[:5000]
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3040" <= c <= "\u30ff")
    total = latin + cyr + cjk
    if not total or latin >= 0.6 * total:
        return "en"
    if cyr >= cjk:
        return "ru"
    return "zh"


def _header_block(text: str) -> tuple[dict[str, str], str]:
    """Split a "key: value" header block ended by a '----' line from the body, if present."""
    head, sep, body = text.partition("\n----\n")
    if not sep or len(head) > 4000:
        return {}, text
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if not lines or not all(re.match(r"^[a-z_]+: ", ln) for ln in lines):
        return {}, text
    return dict(ln.split(": ", 1) for ln in lines), body


def limit_text(text: str, limit: int = MAX_CHARS) -> str:
    """The text, or its first ``limit`` characters cut at a paragraph or sentence end.

    Keeps memory and time per document bounded; the kept part is a prefix, so every
    span read from it is also a span of the original.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    for sep in ("\n\n", "\n", ". "):
        cut = head.rfind(sep)
        if cut >= limit * 0.8:
            return head[: cut + len(sep)].rstrip()
    return head


def make_document(
    doc_id: str,
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """Build a Document, filling place, outlet and date from the dateline where missing.

    A text longer than MAX_CHARS is cut (see ``limit_text``); its source then ends in an
    RFC 5147 fragment, ``#char=0,N``, saying which characters were kept.
    """
    kept = limit_text(text)
    if len(kept) < len(text):
        log.warning(
            "%s: %d characters, kept the first %d (limit %d)",
            source or doc_id,
            len(text),
            len(kept),
            MAX_CHARS,
        )
        source = f"{source or doc_id}#char=0,{len(kept)}"
        text = kept
    year_hint = int(published[:4]) if published and re.match(r"[0-9]{4}", published) else None
    line = parse_dateline(text, year_hint)
    place = None
    if line:
        place = line.place
        outlet = outlet or line.outlet
        published = published or line.published
    if published:
        published = _clean_date(published)
    return Document(
        id=doc_id,
        text=text,
        url=url,
        outlet=outlet,
        published=published,
        title=title,
        dateline_place=place,
        language=detect_language(text),
        source=source,
    )


def _clean_date(value: str) -> str | None:
    m = re.match(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def read_text_file(path: Path, encoding: str = "utf-8") -> Document:
    """A plain-text article; the file stem is its id."""
    text = decode(path.read_bytes(), str(path), encoding)
    meta, body = _header_block(text)
    if meta:
        date_ = meta.get("date")
        title = meta.get("title")
        return make_document(
            path.stem,
            body,
            url=meta.get("url"),
            outlet=meta.get("outlet"),
            published=None if date_ in (None, "unknown") else date_,
            title=None if not title or title.startswith("[") else title,
            source=str(path),
        )
    return make_document(path.stem, text, source=str(path))


def read_html_file(path: Path, encoding: str = "utf-8") -> Document:
    """An HTML page: main text and metadata through trafilatura."""
    import trafilatura

    raw = decode(path.read_bytes(), str(path), encoding)
    try:
        extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    except Exception as err:  # noqa: BLE001 - any parser failure on one page skips that page
        raise InputError(f"{path}: cannot parse the HTML ({type(err).__name__})") from None
    if extracted is None:
        raise InputError(f"{path}: no article text found in the HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{path}: no article text found in the HTML")
    return make_document(
        path.stem,
        text,
        url=data.get("url"),
        outlet=data.get("sitename"),
        published=data.get("date"),
        title=data.get("title"),
        source=str(path),
    )


def read_jsonl(path: Path, encoding: str = "utf-8") -> Iterator[Document | InputError]:
    """JSON Lines with ``id`` and ``text`` (required) and optional metadata; bad lines are reported."""
    text = decode(path.read_bytes(), str(path), encoding)
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{no}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(f"{where}: not JSON ({err.msg})")
            continue
        if not isinstance(row, dict):
            yield InputError(f"{where}: not a JSON object")
            continue
        doc_id, body = row.get("id"), row.get("text")
        if doc_id in (None, "") or not isinstance(body, str):
            yield InputError(f"{where}: needs the fields 'id' and 'text'")
            continue
        if not body.strip():
            yield InputError(f"{where}: empty text")
            continue
        meta = {
            k: row.get(k) if isinstance(row.get(k), str) else None
            for k in ("url", "outlet", "published", "title")
        }
        yield make_document(str(doc_id), body, source=where, **meta)


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named and files inside folders named, in a stable order; hidden files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts[-1:]):
                    yield child
        else:
            yield path


def read_path(path: Path, encoding: str = "utf-8") -> Iterator[Document | InputError]:
    """Yield the documents in one file, or an InputError saying why it could not be read."""
    if not path.exists():
        yield InputError(f"{path}: no such file or folder")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, encoding)
        elif suffix in HTML_SUFFIXES:
            yield read_html_file(path, encoding)
        else:
            yield read_text_file(path, encoding)
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(f"{path}: cannot read ({err.strerror or err})")


def read_inputs(paths: list[Path], encoding: str = "utf-8") -> Iterator[Document | InputError]:
    """Every document under the given paths, with errors in place of unreadable inputs."""
    for path in iter_paths(paths):
        yield from read_path(path, encoding)
