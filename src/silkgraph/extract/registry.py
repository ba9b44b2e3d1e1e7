"""The default pipeline: which components run, in which order; and ``Extractor``, which
sends each document to the pipeline of its language.

A new extractor is one module with one Component class, added to ``DEFAULT`` here.
"""

from __future__ import annotations

import logging
from importlib import import_module
from pathlib import Path
from typing import Any

from silkgraph.extract.lang import NO_PIPELINE, has_pipeline, make_language_pipeline
from silkgraph.extract.nlp import load_model
from silkgraph.extract.pipeline import Component, Pipeline
from silkgraph.knowledge.rates import use_table
from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

DEFAULT: list[str] = [
    "silkgraph.extract.entities:EntityComponent",
    "silkgraph.extract.dates:DatesComponent",
    "silkgraph.extract.amounts:AmountsComponent",
    "silkgraph.extract.quantities:QuantitiesComponent",
    "silkgraph.extract.commodities:CommoditiesComponent",
    "silkgraph.extract.roles:RolesComponent",
    "silkgraph.extract.events:EventComponent",
]


def make_component(path: str) -> Component:
    """Instantiate a component from its ``module:Class`` path."""
    module, _, cls = path.partition(":")
    comp: Component = getattr(import_module(module), cls)()
    return comp


def make_pipeline(
    model: str = "", components: list[str] | None = None, prepare: bool = True
) -> Pipeline:
    """Build the pipeline with the given (or default) components over the spaCy model;
    ``prepare``: load the components' indexes and tables now (start-up, not first document)."""
    pipe = Pipeline(load_model(model), [make_component(p) for p in components or DEFAULT])
    if prepare:
        pipe.prepare()
    return pipe


class Extractor:
    """Every pipeline of this installation behind one call: each document is read by the
    pipeline of its language, and a document in a language no pipeline reads gets an
    extraction that says so (it is stored, not extracted).

    This is the one place that decides which pipeline reads which document; every
    executor runs an ``Extractor`` where its workers are. Every extraction carries the
    English pipeline's version, which hashes every pipeline's code and data, so a store is
    up to date when this installation extracted every document.
    """

    def __init__(self, model: str = "", rates: str | Path | None = None) -> None:
        use_table(rates)
        self.model = model
        self._english: Pipeline | None = None
        self._languages: dict[str, Any] = {}

    @property
    def english(self) -> Pipeline:
        """The English pipeline over the spaCy model, built on first use."""
        if self._english is None:
            self._english = make_pipeline(self.model)
        return self._english

    @property
    def version(self) -> str:
        return self.english.version

    def language(self, language: str) -> Any:
        """The pipeline of a language other than English, built on first use."""
        if language not in self._languages:
            self._languages[language] = make_language_pipeline(language)
        return self._languages[language]

    def extract(self, docs: list[Document]) -> list[Extraction]:
        """One extraction per document, in input order."""
        english = [d for d in docs if d.language == "en"]
        by_id = {e.doc_id: e for e in self.english.pipe(english)} if english else {}
        groups: dict[str, list[Document]] = {}
        for d in docs:
            if d.language != "en" and has_pipeline(d.language):
                groups.setdefault(d.language, []).append(d)
        for language, group in groups.items():
            for ext in self.language(language).pipe(group):
                ext.pipeline = self.version
                by_id[ext.doc_id] = ext
        return [by_id.get(d.id) or self._skip(d) for d in docs]

    def _skip(self, doc: Document) -> Extraction:
        log.debug("%s: language %s, %s", doc.id, doc.language, NO_PIPELINE)
        return Extraction(doc.id, self.version, errors=[f"language: {doc.language}, {NO_PIPELINE}"])
