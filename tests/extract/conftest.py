"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from silkgraph.extract.nlp import load_model
from silkgraph.extract.pipeline import Analysis
from silkgraph.model import Document, Extraction


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def analyse(nlp: Language):  # type: ignore[no-untyped-def]
    """Run components over a text: analyse(text, published, *components) -> Extraction."""

    def run(text: str, published: str | None, *components) -> Extraction:  # type: ignore[no-untyped-def]
        analysis = Analysis(
            Document(id="t", text=text, published=published), nlp(text), Extraction("t", "test")
        )
        for comp in components:
            comp(analysis)
        return analysis.result

    return run
