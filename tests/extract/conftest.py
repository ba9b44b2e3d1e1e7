"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from silkgraph.extract.amounts import AmountsComponent
from silkgraph.extract.commodities import CommoditiesComponent
from silkgraph.extract.dates import DatesComponent
from silkgraph.extract.entities import EntityComponent
from silkgraph.extract.events import EventComponent
from silkgraph.extract.nlp import load_model
from silkgraph.extract.pipeline import Analysis
from silkgraph.extract.quantities import QuantitiesComponent
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


@pytest.fixture(scope="module")
def components() -> list[Any]:
    """Every component up to and including events, in pipeline order."""
    return [
        EntityComponent(),
        DatesComponent(),
        AmountsComponent(),
        QuantitiesComponent(),
        CommoditiesComponent(),
        EventComponent(),
    ]
