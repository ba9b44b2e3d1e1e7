"""natasha as the Russian parser: sentences, tokens with lemmas, morphology, syntax, NER.

natasha's wheel ships the navec embeddings and the slovnet models, so it runs offline.
natasha imports ``pymorphy2``; ``compat.use_pymorphy3`` gives it pymorphy3 under that name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from silkgraph.extract.lang.ru.compat import use_pymorphy3


@cache
def _models() -> tuple[Any, ...]:
    use_pymorphy3()
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    return (
        Segmenter(),
        MorphVocab(),
        NewsMorphTagger(emb),
        NewsSyntaxParser(emb),
        NewsNERTagger(emb),
    )


class NatashaParser:
    """Parses a text into a natasha Doc with lemmas and normalised entity spans."""

    meta = {"name": "natasha_news_ru", "version": "1.6.0"}

    def __call__(self, text: str) -> Any:
        segmenter, vocab, morph, syntax, ner = _models()
        from natasha import Doc

        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
        for token in doc.tokens:
            token.lemmatize(vocab)
        for span in doc.spans:
            span.normalize(vocab)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
        for text in texts:
            yield self(text)
