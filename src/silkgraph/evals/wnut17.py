"""WNUT-17 (emerging entities in social media): a robustness check, not news.

What is measured (``run(data_dir)``): the test set's person, location, group and
corporation spans (group and corporation both count as ORG; creative-work and product,
which silkgraph has no type for, are left out) against the entities component's
mentions over each sentence rebuilt from its tokens; every sentence is scored, each as
its own document. P/R/F1 by exact span and type, exact span alone, and partial overlap.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from silkgraph.evals.spans import Span, detokenize, predict, score
from silkgraph.model import Document

TYPES = {"person": "PER", "location": "LOC", "group": "ORG", "corporation": "ORG"}


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, IOB2 tags)."""
    sentences: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if toks:
                sentences.append((toks, tags))
            toks, tags = [], []
            continue
        tok, _, tag = line.partition("\t")
        toks.append(html.unescape(tok))
        tags.append(tag.strip() or "O")
    return sentences


def gold_spans(tags: list[str], offsets: list[tuple[int, int]]) -> set[Span]:
    spans: set[Span] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            if kind in TYPES:
                spans.add((offsets[start][0], offsets[i - 1][1], TYPES[kind]))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = ("emerging.test.annotated",)


def run(data_dir: Path) -> dict[str, Any]:
    """Score entity spans on the annotated WNUT-17 test sentences."""
    docs, golds = [], []
    for i, (toks, tags) in enumerate(read(Path(data_dir) / "emerging.test.annotated")):
        text, offsets = detokenize([toks])
        docs.append(Document(id=f"wnut{i}", text=text))
        golds.append(gold_spans(tags, offsets[0]))
    out = score(golds, predict(docs))
    out["sentences"] = len(docs)
    return out
