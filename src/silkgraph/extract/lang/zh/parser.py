"""jieba as the Chinese parser: words with part-of-speech tags, over the simplified text.

jieba ships its dictionary and HMM in its wheel, so it runs offline. It reads the text in
simplified script (``script.simplified``, one character for one), so every token's offsets
are offsets of the text as published; a token keeps both spellings. Sentences end at
。！？； and at line breaks (headlines and teasers end without a stop).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from silkgraph.extract.lang.zh.script import simplified

_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』\"]?|\n+")


@dataclass(slots=True)
class Token:
    """One jieba word: its text as published, its simplified form, its tag and offsets."""

    text: str
    simple: str
    tag: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence: its offsets and tokens."""

    start: int
    stop: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class ChineseDoc:
    """What the components read: the text, its simplified form, tokens and sentences."""

    text: str
    simple: str
    tokens: list[Token]
    sents: list[Sentence]


@cache
def _tokenizer() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tokenizer.tokenizer.initialize()
    return tokenizer


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each non-blank sentence of ``text``."""
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.end()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def chinese(analysis: Any) -> ChineseDoc:
    """The parse of an Analysis made by this parser (the pipeline types it as spaCy's Doc)."""
    doc: ChineseDoc = analysis.nlp
    return doc


# Tags of the words that tell what an article is about: nouns, names, verbs, abbreviations,
# Latin words; numbers keep their digits.
_CONTENT_TAGS = ("n", "v", "j", "eng", "m")


def doc_words(doc: ChineseDoc, kept: int = 150) -> dict[str, int]:
    """The ``kept`` most frequent content words (simplified script) with their counts.

    The Chinese counterpart of ``extract.terms.doc_terms``, which reads words between
    spaces: ties go to the longer word, then alphabetical order, so the choice is stable.
    """
    counts: dict[str, int] = {}
    for tok in doc.tokens:
        word = tok.simple.lower()
        if len(word) < 2 or not tok.tag.startswith(_CONTENT_TAGS):
            continue
        if tok.tag == "m" and not any(c.isdigit() for c in word):
            continue
        counts[word] = counts.get(word, 0) + 1
    best = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:kept]
    return dict(best)


class JiebaParser:
    """Segments a text into tagged words and sentences (jieba loads its dictionary once)."""

    meta = {"name": "jieba_zh", "version": "0.42"}

    def __call__(self, text: str) -> ChineseDoc:
        simple = simplified(text)
        tokens: list[Token] = []
        pos = 0
        for pair in _tokenizer().cut(simple, HMM=True):
            word, tag = pair.word, pair.flag
            start = simple.find(word, pos)
            if start < 0:
                continue
            end = start + len(word)
            pos = end
            if word.strip():
                tokens.append(Token(text[start:end], word, tag, start, end))
        sents = []
        i = 0
        for start, stop in sentence_spans(text):
            sent = Sentence(start, stop)
            while i < len(tokens) and tokens[i].start < stop:
                if tokens[i].start >= start:
                    sent.tokens.append(tokens[i])
                i += 1
            sents.append(sent)
        return ChineseDoc(text, simple, tokens, sents)

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[ChineseDoc]:
        for text in texts:
            yield self(text)
