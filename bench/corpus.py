"""The benchmark corpus: real news text from the seeds and the evaluation data sets.

Sources: the seed articles in ``examples/``, MEANTIME (Wikinews economic news, token XML),
ECB+ (news, token XML in a zip), WikiEvents test (news, JSON Lines) and TempEval-3
platinum (TimeML). Token files are joined back into running text. Larger corpora repeat
these texts under distinct ids, each copy made distinct by trailing whitespace so that
content hashes differ while the words, and so the work, stay the same.
"""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from silkgraph.ingest import read_inputs
from silkgraph.model import Document

log = logging.getLogger(__name__)

NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def detokenize(tokens: Iterable[str]) -> str:
    """Join word tokens back into plain text (good enough for parsing cost and content)."""
    out: list[str] = []
    prev = ""
    for tok in tokens:
        if out and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
        prev = tok
    return "".join(out)


def token_xml_text(data: bytes) -> str:
    """MEANTIME / ECB+ token XML -> text, one line per sentence."""
    root = ET.fromstring(data)
    sentences: dict[str, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
    return "\n".join(
        detokenize(toks) for _, toks in sorted(sentences.items(), key=lambda kv: int(kv[0]))
    )


def meantime(root: Path) -> Iterator[Document]:
    for path in sorted(root.glob("intra_cross-doc_annotation/corpus_*/*.xml")):
        yield Document(f"meantime_{path.stem[:60]}", token_xml_text(path.read_bytes()))


def ecbplus(root: Path) -> Iterator[Document]:
    with zipfile.ZipFile(root / "ECBplus_corpus.zip") as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".xml")):
            yield Document(f"ecb_{Path(name).stem}", token_xml_text(z.read(name)))


def wikievents(root: Path) -> Iterator[Document]:
    with (root / "test.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            yield Document(f"wikievents_{row['doc_id']}", row["text"])


def tempeval(root: Path) -> Iterator[Document]:
    for path in sorted(root.glob("te3-platinum/*.tml")):
        raw = path.read_text(encoding="utf-8")
        m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([\d-]+)"', raw)
        if m:
            text = re.sub(r"<[^>]+>", "", m.group(1)).strip()
            yield Document(f"tempeval_{path.stem}", text, published=dct.group(1) if dct else None)


def load_corpus(eval_dir: Path, examples: Path) -> list[Document]:
    """Every source's documents, in a fixed order; empty texts are left out."""
    docs = [d for d in read_inputs([examples]) if isinstance(d, Document)]
    for name, reader, sub in (
        ("meantime", meantime, "meantime"),
        ("ecbplus", ecbplus, "ecbplus"),
        ("wikievents", wikievents, "wikievents"),
        ("tempeval3", tempeval, "tempeval3"),
    ):
        found = [d for d in reader(eval_dir / sub) if d.text.strip()]
        log.info("%s: %d documents", name, len(found))
        docs.extend(found)
    return docs


def replicate(docs: list[Document], size: int) -> list[Document]:
    """``size`` documents cycling through ``docs``; copies get distinct ids and hashes."""
    out = []
    for i in range(size):
        base = docs[i % len(docs)]
        copy = i // len(docs)
        text = base.text + (" " * copy if copy else "")
        out.append(
            Document(
                f"{base.id}~{copy}" if copy else base.id,
                text,
                base.url,
                base.outlet,
                base.published,
                base.title,
                base.dateline_place,
                base.language,
                base.source,
            )
        )
    return out


def words(docs: Iterable[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)
