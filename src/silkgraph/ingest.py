"""Reading inputs into Documents: text files, HTML pages, JSON Lines, folders.

Ingest never loses input: an unreadable file, line or folder yields a one-line reason
(names escaped, so a newline or terminal escape in a file name cannot break the line) and
is skipped; good inputs in the same run go on. Datelines ("KAZAN, August 18. /TASS/.")
give the place, outlet and publication date when the metadata lacks them.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from silkgraph.errors import InputError
from silkgraph.knowledge.lexicon import MONTHS
from silkgraph.language import detect_language
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
# A document id is a key in URLs and reports, not a text: longer ones are refused.
MAX_ID_CHARS = 1000
# Byte order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def display(name: str | Path) -> str:
    """A file name or id made safe for a one-line report.

    Bytes of a file name that are not UTF-8 show as ``\\xNN``; control, format and
    separator characters (newline, ESC, bidi overrides) and lone surrogates as ``\\n``,
    ``\\x1b``, ``\\u202e``; every other character is kept.
    """
    return "".join(_escape(c) for c in str(name))


def _escape(c: str) -> str:
    if c.isprintable() or c == " ":
        return c
    code = ord(c)
    if c in "\n\t\r":
        return repr(c)[1:-1]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_LEAD_DATE = re.compile(r"^\s*date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})\s+")
_MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z\-’'.]+(?: [A-Z][A-Za-z\-’'.]+){0,3})\b"
    r"(?:\s*\((?P<outlet0>[A-Za-z][\w .&-]{1,30})\))?"
    r"(?:,\s*(?:(?P<month>" + _MONTH_RE + r")\s+(?P<day>[0-9]{1,2})"
    r"|(?P<day2>[0-9]{1,2})\s+(?P<month2>" + _MONTH_RE + r"))(?:,?\s*(?P<year>[0-9]{4}))?)?"
    r"\s*(?:\(\s*(?P<outlet1>[A-Za-z][\w .&-]{1,30})\s*\)|[./]*\s*/(?P<outlet2>[A-Za-z][\w .&-]{1,30})/\.?)?"
    r"\s*(?P<sep>[—–-]+|\.|:(?=\s))?\s*"
)


@dataclass(slots=True)
class Dateline:
    """What an article's opening dateline says."""

    place: str | None
    outlet: str | None
    published: str | None
    length: int


def parse_dateline(text: str, year_hint: int | None = None) -> Dateline | None:
    """Read a leading dateline: "date 2025-08-18", "KAZAN, August 18. /TASS/.", "ASTANA—",
    "Bishkek, 5 December 2024 (Kabar) -", "BISHKEK: ...".

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
    if not m or not _looks_like_place(m):
        if lead:
            return Dateline(None, None, published, offset)
        return None
    place = m.group("place").strip(" .-").title()
    outlet = m.group("outlet0") or m.group("outlet1") or m.group("outlet2")
    month_name = m.group("month") or m.group("month2")
    if published is None and month_name:
        year = int(m.group("year")) if m.group("year") else year_hint
        month = MONTHS.get(month_name.lower().rstrip(".")[:3])
        if year and month:
            try:
                published = date(year, month, int(m.group("day") or m.group("day2"))).isoformat()
            except ValueError:
                published = None
    return Dateline(place, outlet.strip() if outlet else None, published, m.end())


def _looks_like_place(m: re.Match[str]) -> bool:
    """The dateline's place is written in capitals ("ASTANA —"); a place written as a name
    ("Bishkek, 5 December 2024 (Kabar) -") counts only with a day and an agency or a dash
    after it. A colon ends a dateline only after a place the gazetteer knows ("BISHKEK:";
    not "UPDATE:", "READ MORE:")."""
    raw = m.group("place")
    words = raw.strip(" .-").split()
    if not 1 <= len(words) <= 4 or len(raw.strip()) < 3:
        return False
    if not all(w.isupper() or not w.isalpha() for w in words):
        dated = bool(m.group("month") or m.group("month2"))
        credited = bool(m.group("outlet1") or m.group("outlet2"))
        if not (all(w[:1].isupper() for w in words) and dated):
            return False
        if not (credited or (m.group("sep") or "").startswith(("—", "–", "-"))):
            return False
    if m.group("sep") == ":":
        from silkgraph.knowledge.gazetteer import get_gazetteer

        place = get_gazetteer().lookup(raw.strip(" .-").title())
        return place is not None and place.kind == "city"
    return True


def decode(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text or raise InputError with a one-line reason.

    A byte order mark wins over ``encoding``, as in browsers (WHATWG "BOM sniffing"):
    UTF-8, UTF-16 and UTF-32 files that start with their BOM are read as such. Text may
    not hold NUL anywhere: NUL means binary data, and PostgreSQL cannot store it.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    encoding = _bom_encoding(data) or encoding
    wide = encoding.lower().replace("-", "").replace("_", "")[:5] in ("utf16", "utf32")
    if not wide and _looks_binary(data[:8192]):
        raise InputError(f"{name}: binary file, not text{_wide_hint(data[:8192])}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        hint = "; pass --encoding if it uses a legacy encoding such as cp1251"
        raise InputError(
            f"{name}: not valid {encoding} (byte 0x{data[err.start]:02x} at offset {err.start})"
            + (hint if encoding.lower().replace("-", "").replace("_", "") == "utf8" else "")
        ) from None
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\t\f")
    if control > 0.05 * min(len(text), 4096):
        raise InputError(f"{name}: binary file, not text")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{name}: NUL character at character {nul}: binary data, not text")
    if not text.strip():
        raise InputError(f"{name}: no text")
    return text


def _bom_encoding(data: bytes) -> str | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control bytes: an image, archive or executable, whatever the encoding."""
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > 0.05 * len(sample)


def _wide_hint(sample: bytes) -> str:
    """'; pass --encoding utf-16-le' when the NULs fall as in UTF-16/32 text without a BOM."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return ""
    zero = [sum(1 for i in range(k, n, 4) if sample[i] == 0) / (n // 4) for k in range(4)]
    if min(zero[1:]) > 0.9 and zero[0] < 0.5:
        return "; pass --encoding utf-32-le if it is UTF-32 text"
    if min(zero[:3]) > 0.9 and zero[3] < 0.5:
        return "; pass --encoding utf-32-be if it is UTF-32 text"
    if zero[1] > 0.7 and zero[3] > 0.7 and zero[0] < 0.5:
        return "; pass --encoding utf-16-le if it is UTF-16 text"
    if zero[0] > 0.7 and zero[2] > 0.7 and zero[1] < 0.5:
        return "; pass --encoding utf-16-be if it is UTF-16 text"
    return ""


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, refusing anything else before reading it.

    The size is checked on the open file (``fstat``) and the read is bounded, so a huge or
    sparse file, or one that grows while read, never costs more than MAX_BYTES of memory;
    FIFOs and devices are refused without blocking (the file is opened non-blocking).
    """
    name = display(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file ({_kind(info.st_mode)})")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    )
    return next((label for test, label in kinds if test(mode)), "not a file")


def check_document(doc: Document) -> None:
    """Refuse a document no store can keep faithfully: raise InputError with the reason.

    Ids must be short printable text; no field may hold NUL (PostgreSQL refuses it) or a
    lone surrogate (not Unicode: it cannot be written as UTF-8).
    """
    where = doc.source or display(doc.id)
    if not doc.id or len(doc.id) > MAX_ID_CHARS:
        raise InputError(f"{where}: the id must have 1 to {MAX_ID_CHARS} characters")
    fields = {"id": doc.id, "text": doc.text, "url": doc.url, "outlet": doc.outlet}
    fields |= {"title": doc.title, "published": doc.published}
    for key, value in fields.items():
        if value is None:
            continue
        bad = _SURROGATE.search(value)
        if bad:
            raise InputError(
                f"{where}: lone surrogate U+{ord(bad.group()):04X} in '{key}', not valid Unicode"
            )
        if "\x00" in value:
            raise InputError(f"{where}: NUL character in '{key}'")
    if any(not (c.isprintable() or c == " ") for c in doc.id):
        raise InputError(f"{where}: control characters in the id '{display(doc.id)}'")


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
        if line.published and (not published or line.published.startswith(published)):
            published = line.published  # the dateline's day, in the month or year given
    published = _clean_date(published) if published else None
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
    """An ISO publication date: a day ("2016-10-05"), or where only that is known a month
    ("2016-10") or a year ("2016"); None when it is no date."""
    m = re.match(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?![0-9])", value.strip())
    if not m:
        return None
    try:
        day = date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None
    return day.isoformat()[: 10 if m[3] else 7 if m[2] else 4]


def read_text_file(path: Path, encoding: str = "utf-8", doc_id: str | None = None) -> Document:
    """A plain-text article; its id is ``doc_id`` or else the file stem."""
    source = display(path)
    text = decode(read_bytes(path), source, encoding)
    doc_id = doc_id or display(path.stem)
    meta, body = _header_block(text)
    if meta:
        date_ = meta.get("date")
        title = meta.get("title")
        return make_document(
            doc_id,
            body,
            url=meta.get("url"),
            outlet=meta.get("outlet"),
            published=None if date_ in (None, "unknown") else date_,
            title=None if not title or title.startswith("[") else title,
            source=source,
        )
    return make_document(doc_id, text, source=source)


def read_html_file(path: Path, encoding: str = "utf-8", doc_id: str | None = None) -> Document:
    """An HTML page: main text and metadata through trafilatura."""
    import trafilatura

    source = display(path)
    raw = decode(read_bytes(path), source, encoding)
    try:
        extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    except Exception as err:  # noqa: BLE001 - any parser failure on one page skips that page
        raise InputError(f"{source}: cannot parse the HTML ({type(err).__name__})") from None
    if extracted is None:
        raise InputError(f"{source}: no article text found in the HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(f"{source}: no article text found in the HTML")
    return make_document(
        doc_id or display(path.stem),
        text,
        url=data.get("url"),
        outlet=data.get("sitename"),
        published=data.get("date"),
        title=data.get("title"),
        source=source,
    )


def read_jsonl(path: Path, encoding: str = "utf-8") -> Iterator[Document | InputError]:
    """JSON Lines with ``id`` and ``text`` (required) and optional metadata; bad lines are reported.

    Each line fails alone: not JSON, nested too deep, a number too long to convert, a
    field that is not Unicode. The ids are the rows' own, as text.
    """
    name = display(path)
    text = decode(read_bytes(path), name, encoding)
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{no}"
        try:
            yield _jsonl_row(line, where)
        except InputError as err:
            yield err


def _jsonl_row(line: str, where: str) -> Document:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: not JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: not JSON (nested too deep)") from None
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise InputError(f"{where}: not JSON ({str(err).split(';')[0]})") from None
    if not isinstance(row, dict):
        raise InputError(f"{where}: not a JSON object")
    doc_id, body = row.get("id"), row.get("text")
    valid_id = isinstance(doc_id, str) or (isinstance(doc_id, int) and not isinstance(doc_id, bool))
    if not valid_id or doc_id == "" or not isinstance(body, str):
        raise InputError(f"{where}: needs the fields 'id' and 'text' (the id text or an integer)")
    if not body.strip():
        raise InputError(f"{where}: empty text")
    meta = {
        k: row.get(k) if isinstance(row.get(k), str) else None
        for k in ("url", "outlet", "published", "title")
    }
    doc = make_document(str(doc_id), body, source=where, **meta)
    check_document(doc)
    return doc


@dataclass(slots=True)
class Input:
    """One file to read, the id its document gets (None: the reader's own), or why it cannot."""

    path: Path
    doc_id: str | None = None
    error: str | None = None


def iter_paths(paths: list[Path]) -> Iterator[Path]:
    """Files named and files inside folders named, in a stable order; hidden files skipped."""
    for item in list_inputs(paths):
        if item.error is None:
            yield item.path


def list_inputs(paths: list[Path]) -> list[Input]:
    """Every file under the given paths with its document id, and every path that cannot be read.

    A file inside a named folder gets the id of its path relative to that folder, without
    the suffix (``a/index``), so files of the same name in two subfolders stay apart and
    the files at the top of a folder keep their stem as id. Should two inputs of one run
    still get one id (``a/index.txt b/index.txt`` named side by side), each of them gets
    its path as given instead. Unreadable folders, broken links, FIFOs and devices are
    reported, not skipped in silence.
    """
    found: list[Input] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_symlink() and not path.exists():
            found.append(Input(path, error=f"{display(path)}: broken symbolic link"))
        elif not path.exists():
            found.append(Input(path, error=f"{display(path)}: no such file or folder"))
        else:
            found.append(Input(path, display(path.stem)))
    seen: dict[str, int] = {}
    for item in found:
        if item.doc_id is not None:
            seen[item.doc_id] = seen.get(item.doc_id, 0) + 1
    for item in found:
        if item.doc_id is not None and seen[item.doc_id] > 1:
            item.doc_id = display(item.path.with_suffix("").as_posix().lstrip("/"))
    return found


def _walk(root: Path) -> list[Input]:
    out: list[Input] = []

    def unreadable(err: OSError) -> None:
        where = display(err.filename or root)
        out.append(
            Input(
                Path(err.filename or root),
                error=f"{where}: cannot read the folder ({err.strerror or err})",
            )
        )

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        base = Path(folder)
        for name in [d for d in dirs if (base / d).is_symlink()]:
            # Not followed: a link back up the tree would loop; reported so it is not lost silently.
            dirs.remove(name)
            out.append(
                Input(base / name, error=f"{display(base / name)}: link to a folder, not followed")
            )
        dirs.sort()
        for name in files:
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(root).with_suffix("").as_posix()
            out.append(_file_input(path, display(rel)))
    return sorted(out, key=lambda i: str(i.path))


def _file_input(path: Path, doc_id: str) -> Input:
    """A file found in a folder, or why it will not be read: a broken link, a FIFO, a device."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        broken = path.is_symlink()
        reason = "broken symbolic link" if broken else f"cannot read ({err.strerror or err})"
        return Input(path, error=f"{display(path)}: {reason}")
    if not stat.S_ISREG(mode):
        return Input(path, error=f"{display(path)}: not a regular file ({_kind(mode)})")
    return Input(path, doc_id)


def read_path(
    path: Path, encoding: str = "utf-8", doc_id: str | None = None
) -> Iterator[Document | InputError]:
    """Yield the documents in one file, or an InputError saying why it could not be read.

    Nothing that goes wrong in one file stops the caller: unexpected failures of a parser
    are reported as that file's reason too.
    """
    name = display(path)
    if not os.path.lexists(path):
        yield InputError(f"{name}: no such file or folder")
        return
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, encoding)
        elif suffix in HTML_SUFFIXES:
            yield _checked(read_html_file(path, encoding, doc_id))
        else:
            yield _checked(read_text_file(path, encoding, doc_id))
    except InputError as err:
        yield err
    except OSError as err:
        yield InputError(f"{name}: cannot read ({err.strerror or err})")
    except (MemoryError, RecursionError, ValueError) as err:
        log.debug("%s: %s", name, err, exc_info=True)
        yield InputError(f"{name}: cannot read ({type(err).__name__})")


def _checked(doc: Document) -> Document:
    check_document(doc)
    return doc


def read_inputs(paths: list[Path], encoding: str = "utf-8") -> Iterator[Document | InputError]:
    """Every document under the given paths, with errors in place of unreadable inputs."""
    for item in list_inputs(paths):
        if item.error is not None:
            yield InputError(item.error)
        else:
            yield from read_path(item.path, encoding, item.doc_id)
