"""Pipelines for languages other than English, one factory per language.

``PIPELINES`` maps a language code to the ``module:function`` that builds its pipeline;
``extract.registry.Extractor`` picks the pipeline by each document's language; a document
in a language without one is stored with an extraction that says so (``NO_PIPELINE``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from silkgraph.model import Extraction

PIPELINES: dict[str, str] = {
    "ru": "silkgraph.extract.lang.ru:make_pipeline",
    "zh": "silkgraph.extract.lang.zh:make_pipeline",
}

NO_PIPELINE = "no pipeline"


def has_pipeline(language: str) -> bool:
    """True when a pipeline other than the English one reads this language."""
    return language in PIPELINES


def make_language_pipeline(language: str) -> Any:
    """Build the pipeline of one language; KeyError when there is none."""
    module, _, func = PIPELINES[language].partition(":")
    return getattr(import_module(module), func)()


def skipped_language(ext: Extraction) -> str | None:
    """The language of a document stored without extraction, or None if it was extracted."""
    if ext.errors and ext.errors[0].startswith("language: ") and NO_PIPELINE in ext.errors[0]:
        return ext.errors[0].removeprefix("language: ").split(",")[0]
    return None
