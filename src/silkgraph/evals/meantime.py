"""MEANTIME (English): named PERSON / ORG / LOCATION mentions in economic news.

What is measured (``run(data_dir)``): for each of the 120 articles, the gold named
entity mentions (``ENTITY_MENTION`` with ``syntactic_type="NAM"`` whose instance is
PER, ORG or LOC; PRO, FIN and MIX are left out) against the mentions of silkgraph's
entities component (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC) over the article
rebuilt from its tokens. Only the title and the first five sentences (sentences 0-5)
are scored: MEANTIME annotates those fully and later sentences only in part. P/R/F1 by exact span and type, exact span alone, and
partial overlap with the same type; ``by_type`` breaks the exact figures down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from silkgraph.evals.spans import Span, detokenize, predict, score
from silkgraph.model import Document

KEPT = {"PER", "ORG", "LOC"}
SCORED_SENTENCES = 6


def read(path: Path) -> tuple[Document, set[Span], int]:
    """The article as a Document, its gold named-entity spans and where scoring ends."""
    root = ElementTree.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", 0)), []).append(
            (tok.get("t_id", ""), tok.text or "")
        )
    order = [sentences[k] for k in sorted(sentences)]
    text, offsets = detokenize([[t for _, t in s] for s in order])
    where = {
        tid: off
        for s, offs in zip(order, offsets, strict=True)
        for (tid, _), off in zip(s, offs, strict=True)
    }
    markables = root.find("Markables")
    types = {
        m.get("m_id"): m.get("ent_type", "")
        for m in (markables.iter("ENTITY") if markables is not None else [])
    }
    refers: dict[str, str] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        for src in rel.findall("source"):
            if target is not None:
                refers[src.get("m_id", "")] = types.get(target.get("m_id"), "")
    gold: set[Span] = set()
    for m in markables.iter("ENTITY_MENTION") if markables is not None else []:
        etype = refers.get(m.get("m_id", ""), "")
        anchors = [
            where[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in where
        ]
        if m.get("syntactic_type") == "NAM" and etype in KEPT and anchors:
            gold.add((min(a[0] for a in anchors), max(a[1] for a in anchors), etype))
    limit = offsets[min(SCORED_SENTENCES, len(offsets)) - 1][-1][1] if offsets else 0
    doc = Document(id=root.get("doc_id", path.stem), text=text)
    return doc, {g for g in gold if g[0] < limit}, limit


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = ("**/corpus_*/*.xml",)


def run(data_dir: Path) -> dict[str, Any]:
    """Score entity mentions on every article under ``data_dir``."""
    paths = sorted(Path(data_dir).rglob("corpus_*/*.xml"))
    read_all = [read(p) for p in paths]
    docs = [d for d, _, _ in read_all]
    preds = [
        {p for p in pred if p[0] < limit}
        for pred, (_, _, limit) in zip(predict(docs), read_all, strict=True)
    ]
    out = score([g for _, g, _ in read_all], preds)
    out["scored"] = "title and first five sentences of each article"
    out["documents"] = len(docs)
    return out
