"""The extraction pipeline: an ordered list of named components over one document.

Each component says what it needs and what it adds; the pipeline checks the order when
it is built, so a misordered configuration fails at start-up rather than mid-corpus.
A component that raises on one document records the error on that document's
extraction and the run goes on.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from silkgraph.errors import ConfigError
from silkgraph.extract.terms import doc_terms
from silkgraph.model import Document, Extraction

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

PIPELINE_VERSION = "0.2.0"

_PACKAGE = Path(__file__).resolve().parent.parent
# What extraction reads: its code, its knowledge (gazetteers, lexicons, HS terms, rates)
# and its trained models. A change to any of them is a new pipeline version, so a store
# made by an older release re-extracts.
EXTRACTION_ROOTS = ("extract", "knowledge", "models")
_HASHED = {".py", ".csv", ".json", ".jsonl", ".yaml", ".yml", ".npz", ".txt", ".tsv"}


def content_hash(roots: list[Path]) -> str:
    """A digest of every code, data and model file under the given folders."""
    h = hashlib.sha256()
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _HASHED):
            if "__pycache__" in path.parts:
                continue
            h.update(path.relative_to(root.parent).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def extraction_hash() -> str:
    """The content hash of this installation's extraction code, data and models."""
    return content_hash([_PACKAGE / r for r in EXTRACTION_ROOTS])


@dataclass(slots=True)
class Analysis:
    """The working state of one document as it passes through the components."""

    doc: Document
    nlp: Doc
    result: Extraction
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text


@runtime_checkable
class Component(Protocol):
    """One step of the pipeline: reads ``requires``, adds ``provides``."""

    name: str
    version: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> None: ...


def check_order(components: list[Component]) -> None:
    """Raise ConfigError when a component needs something no earlier component provides."""
    available = {"doc", "nlp"}
    seen: set[str] = set()
    for comp in components:
        if comp.name in seen:
            raise ConfigError(f"component {comp.name!r} appears twice in the pipeline")
        seen.add(comp.name)
        missing = [r for r in comp.requires if r not in available]
        if missing:
            raise ConfigError(
                f"component {comp.name!r} needs {', '.join(missing)}, "
                "which no earlier component provides"
            )
        available.update(comp.provides)


class Pipeline:
    """spaCy parse followed by silkgraph's components, with a per-document error policy."""

    def __init__(self, nlp: Language, components: list[Component]) -> None:
        check_order(components)
        self.nlp = nlp
        self.components = components
        self.timings: dict[str, float] | None = None

    def prepare(self) -> None:
        """Load what each component reads (indexes, rate tables, models) now, not on the
        first document: a component that has a ``prepare(nlp)`` method is called once."""
        for comp in self.components:
            prepare = getattr(comp, "prepare", None)
            if callable(prepare):
                prepare(self.nlp)

    def enable_timing(self) -> dict[str, float]:
        """Add up each component's seconds from now on; off by default (it costs a clock call)."""
        self.timings = {c.name: 0.0 for c in self.components}
        return self.timings

    @property
    def version(self) -> str:
        parts = [f"{c.name}={c.version}" for c in self.components]
        model = f"{self.nlp.meta.get('name', 'model')}-{self.nlp.meta.get('version', '')}"
        return f"{PIPELINE_VERSION}+{extraction_hash()}|{model}|" + ",".join(parts)

    def analyse(self, doc: Document, parsed: Doc) -> Extraction:
        """Run every component over an already parsed document."""
        analysis = Analysis(doc=doc, nlp=parsed, result=Extraction(doc.id, self.version))
        timings = self.timings
        for comp in self.components:
            start = time.perf_counter() if timings is not None else 0.0
            try:
                comp(analysis)
            except Exception as err:  # noqa: BLE001 - the error policy: record and go on
                log.warning("component %s failed on %s: %s", comp.name, doc.id, err)
                analysis.result.errors.append(f"{comp.name}: {type(err).__name__}: {err}")
            if timings is not None:
                timings[comp.name] = timings.get(comp.name, 0.0) + time.perf_counter() - start
        analysis.result.terms = doc_terms(doc.text)
        return analysis.result

    def __call__(self, doc: Document) -> Extraction:
        return self.analyse(doc, self.nlp(doc.text))

    def pipe(self, docs: list[Document], batch_size: int = 16) -> list[Extraction]:
        """Extract a batch: spaCy parses in batches, components run per document."""
        texts = (d.text for d in docs)
        return [
            self.analyse(d, parsed)
            for d, parsed in zip(docs, self.nlp.pipe(texts, batch_size=batch_size), strict=True)
        ]
