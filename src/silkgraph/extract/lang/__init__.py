"""Pipelines for languages other than English, one factory per language.

``PIPELINES`` maps a language code to the ``module:function`` that builds its pipeline;
the engine picks the pipeline by each document's language.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

PIPELINES: dict[str, str] = {
    "ru": "silkgraph.extract.lang.ru:make_pipeline",
    "zh": "silkgraph.extract.lang.zh:make_pipeline",
}


def has_pipeline(language: str) -> bool:
    """True when a pipeline other than the English one reads this language."""
    return language in PIPELINES


def make_language_pipeline(language: str) -> Any:
    """Build the pipeline of one language; KeyError when there is none."""
    module, _, func = PIPELINES[language].partition(":")
    return getattr(import_module(module), func)()
