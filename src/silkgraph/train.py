"""Training the learned components from annotated articles, and measuring them out of fold.

``silkgraph train`` reads articles (text files with a header block) and their gold JSON Lines
(the extraction contract's shape, where every gold event lists its evidence sentences and
trigger phrases), runs the pipeline to read each candidate word's features, labels the words
the gold names as triggers, and fits the trigger model that ships in the package.

``silkgraph eval --cv`` splits the articles by their ``topic_group`` header into k folds,
trains on k-1 of them, extracts the held-out fold with that model, resolves the whole corpus
and grades it with the contract's scorer; it reports the in-sample and out-of-fold figures
side by side, with the rules alone as the baseline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from silkgraph.errors import ConfigError
from silkgraph.extract.triggers import LABELS, MODEL_PATH, TriggerModel, fit, training

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from silkgraph.extract.pipeline import Pipeline
    from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

# The trigger model's training settings, chosen by out-of-fold figures (docs/evaluation.md).
TRAIN_PARAMS: dict[str, Any] = {"neg_weight": 0.2, "epochs": 600, "l2": 1e-4, "threshold": 0.5}


@dataclass(slots=True)
class Article:
    doc: Document
    group: str
    gold: dict[str, Any] | None


@dataclass(slots=True)
class Rows:
    """Candidate words' features and labels, with the article each row came from."""

    x: list[np.ndarray] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    doc: list[str] = field(default_factory=list)

    def arrays(self, keep: set[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        idx = [i for i, d in enumerate(self.doc) if keep is None or d in keep]
        return np.stack([self.x[i] for i in idx]), np.asarray([self.y[i] for i in idx])


def read_articles(paths: list[Path], gold_path: Path | None) -> list[Article]:
    """Articles with their topic group and gold record (English only: the model reads English)."""
    from silkgraph.ingest import read_inputs

    gold: dict[str, dict[str, Any]] = {}
    if gold_path is not None:
        with gold_path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    gold[rec["id"]] = rec
    out = []
    for item in read_inputs(paths, "utf-8"):
        if isinstance(item, Exception):
            raise ConfigError(str(item))
        if item.language != "en":
            continue
        group = item.id
        if item.source and Path(item.source).is_file():
            head = Path(item.source).read_text(encoding="utf-8").partition("\n----\n")[0]
            m = re.search(r"^topic_group:\s*(\S+)", head, re.MULTILINE)
            group = m.group(1) if m else item.id
        out.append(Article(item, group, gold.get(item.id)))
    return out


def folds(articles: list[Article], k: int) -> list[set[str]]:
    """k sets of article ids, whole topic groups each, balanced by article count.

    Groups go largest first to the fold with fewest articles; ties broken by a hash of the
    group name, so the split is stable across runs and machines.
    """
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(a.group, []).append(a.doc.id)
    order = sorted(groups, key=lambda g: (-len(groups[g]), hashlib.sha256(g.encode()).hexdigest()))
    out: list[set[str]] = [set() for _ in range(k)]
    for g in order:
        min(out, key=len).update(groups[g])
    return out


# labelling ---------------------------------------------------------------------


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    i = text.find(needle, start)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern, re.IGNORECASE).search(text, start)
    return (m.start(), m.end()) if m else None


def _label(tok: Token, spans: list[tuple[int, int, str]]) -> int:
    for s, e, etype in spans:
        if s <= tok.idx < e:
            # The phrase's head word carries the label: the word whose head lies outside it.
            head = tok.head
            if head is tok or not (s <= head.idx < e):
                return LABELS.index(etype) if etype in LABELS else 0
    return 0


def trigger_spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans: dict[tuple[int, int], str] = {}
    for ev in gold.get("events", []):
        for item in ev.get("evidence") or []:
            where = _find(text, item.get("text", ""))
            if where is None:
                continue
            trig = item.get("trigger") or ""
            inner = _find(text[where[0] : where[1]], trig) if trig else None
            if inner is None:
                continue
            spans.setdefault((where[0] + inner[0], where[0] + inner[1]), ev["type"])
    return [(s, e, t) for (s, e), t in spans.items()]


# running the pipeline ------------------------------------------------------------


def _events_component(pipeline: Pipeline) -> Any:
    for comp in pipeline.components:
        if comp.name == "events":
            return comp
    raise ConfigError("the pipeline has no events component")


def parse_all(pipeline: Pipeline, articles: list[Article]) -> dict[str, Doc]:
    """Each article parsed once; the components read the parse and never change it."""
    texts = [a.doc.text for a in articles]
    return {a.doc.id: d for a, d in zip(articles, pipeline.nlp.pipe(texts), strict=True)}


def _run(pipeline: Pipeline, a: Article, parsed: dict[str, Doc] | None) -> Extraction:
    if parsed is not None and a.doc.id in parsed:
        return pipeline.analyse(a.doc, parsed[a.doc.id])
    return pipeline(a.doc)


def collect_rows(
    pipeline: Pipeline, articles: list[Article], parsed: dict[str, Doc] | None = None
) -> Rows:
    """Every candidate word's features, labelled by the gold triggers."""
    comp = _events_component(pipeline)
    rows = Rows()
    recorded: list[tuple[Token, np.ndarray]] = []
    comp.recorder = lambda toks, x: recorded.extend(zip(toks, x, strict=True))
    model, comp.model = comp.model, None  # the features never depend on a model
    try:
        for a in articles:
            if a.gold is None:
                continue
            recorded.clear()
            _run(pipeline, a, parsed)
            spans = trigger_spans(a.doc.text, a.gold)
            for tok, row in recorded:
                rows.x.append(row)
                rows.y.append(_label(tok, spans))
                rows.doc.append(a.doc.id)
    finally:
        comp.recorder, comp.model = None, model
    return rows


def train_model(rows: Rows, keep: set[str] | None = None, **params: Any) -> TriggerModel:
    x, y = rows.arrays(keep)
    return fit(x, y, **params)


def extract_all(
    pipeline: Pipeline,
    articles: list[Article],
    model_for: Callable[[str], Any],
    parsed: dict[str, Doc] | None = None,
) -> list[Extraction]:
    comp = _events_component(pipeline)
    out = []
    for a in articles:
        comp.model = model_for(a.doc.id)
        out.append(_run(pipeline, a, parsed))
    return out


def grade(
    articles: list[Article],
    extractions: list[Extraction],
    gold_path: Path,
    keep: Path | None = None,
) -> dict[str, Any]:
    """Store, resolve and export the extractions, then grade them with the contract's scorer.

    ``keep``: where to leave a copy of the graded JSON Lines, for error analysis."""
    from silkgraph.engine import Engine, IngestReport
    from silkgraph.resolve import resolve_store

    scorer = _scorer(gold_path.parent.parent / "score.py")
    with tempfile.TemporaryDirectory(prefix="silkgraph-cv-") as tmp:
        engine = Engine(str(Path(tmp) / "cv.db"))
        try:
            engine.add([a.doc for a in articles], IngestReport())
            for ext in extractions:
                engine.store.save_extraction(ext)
            resolve_store(engine.store)
            pred = Path(tmp) / "pred.jsonl"
            with pred.open("w", encoding="utf-8") as fh:
                for rec in engine.records():
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        finally:
            engine.close()
        ids = {a.doc.id for a in articles}
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_bytes(pred.read_bytes())
        gold_sub = Path(tmp) / "gold.jsonl"
        with gold_path.open(encoding="utf-8") as src, gold_sub.open("w", encoding="utf-8") as dst:
            for line in src:
                if line.strip() and json.loads(line)["id"] in ids:
                    dst.write(line)
        return _run_scorer(scorer, gold_sub, pred)


def _scorer(path: Path) -> Any:
    if not path.is_file():
        raise ConfigError(f"the contract's scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("contract_score", path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_scorer(scorer: Any, gold: Path, pred: Path) -> dict[str, Any]:
    import contextlib
    import io
    import sys

    buf = io.StringIO()
    argv = sys.argv
    sys.argv = ["score.py", "--gold", str(gold), "--pred", str(pred), "--json"]
    try:
        with contextlib.redirect_stdout(buf):
            scorer.main()
    finally:
        sys.argv = argv
    result: dict[str, Any] = json.loads(buf.getvalue())
    return result


def train(
    articles_dir: Path, gold_path: Path, out: Path = MODEL_PATH, **params: Any
) -> TriggerModel:
    """Fit the trigger model on every annotated article and write it to ``out``."""
    from silkgraph.extract.registry import make_pipeline

    articles = read_articles(sorted(articles_dir.glob("*.txt")), gold_path)
    with training():
        pipeline = make_pipeline()
    rows = collect_rows(pipeline, articles)
    model = train_model(rows, **params)
    model.meta["articles"] = sum(a.gold is not None for a in articles)
    model.save(out)
    return TriggerModel.load(out)


def cross_validate(
    articles_dir: Path, gold_path: Path, k: int = 5, keep: Path | None = None, **params: Any
) -> dict[str, dict[str, Any]]:
    """Rules alone, in-sample and out-of-fold scores of the contract's grader."""
    from silkgraph.extract.registry import make_pipeline

    params = {**TRAIN_PARAMS, **params}
    articles = read_articles(sorted(articles_dir.glob("*.txt")), gold_path)
    articles = [a for a in articles if a.gold is not None]
    with training():
        pipeline = make_pipeline()
    parsed = parse_all(pipeline, articles)
    rows = collect_rows(pipeline, articles, parsed)
    parts = folds(articles, k)
    results: dict[str, dict[str, Any]] = {}

    def kept(name: str) -> Path | None:
        return keep / f"{name}.jsonl" if keep is not None else None

    results["rules"] = grade(
        articles, extract_all(pipeline, articles, lambda _: None, parsed), gold_path, kept("rules")
    )
    whole = train_model(rows, **params)
    results["in_sample"] = grade(
        articles,
        extract_all(pipeline, articles, lambda _: whole, parsed),
        gold_path,
        kept("in_sample"),
    )
    fold_models = []
    for held in parts:
        train_ids = {a.doc.id for a in articles} - held
        fold_models.append((held, train_model(rows, train_ids, **params)))

    def model_for(doc_id: str) -> TriggerModel:
        return next(m for held, m in fold_models if doc_id in held)

    results["out_of_fold"] = grade(
        articles, extract_all(pipeline, articles, model_for, parsed), gold_path, kept("out_of_fold")
    )
    return results
