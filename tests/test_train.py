"""Training data, topic-group folds and the pipeline version that follows extraction's files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from silkgraph.extract.pipeline import content_hash
from silkgraph.model import Document
from silkgraph.train import Article, folds, trigger_spans

CLI = str(Path(sys.executable).parent / "silkgraph")
PACKAGE = Path(__file__).resolve().parents[1] / "src" / "silkgraph"


def _articles(groups: dict[str, int]) -> list[Article]:
    out = []
    for group, n in groups.items():
        for i in range(n):
            out.append(Article(Document(id=f"{group}-{i}", text="x"), group, None))
    return out


def test_folds_keep_topic_groups_whole_and_balanced() -> None:
    arts = _articles({"a": 5, "b": 4, "c": 3, "d": 3, "e": 2, "f": 2, "g": 1, "h": 1, "i": 1})
    parts = folds(arts, 5)
    assert len(parts) == 5
    assert set().union(*parts) == {a.doc.id for a in arts}
    assert sum(len(p) for p in parts) == len(arts)  # no article in two folds
    for group in "abcdefghi":
        holding = [p for p in parts if any(i.startswith(group + "-") for i in p)]
        assert len(holding) == 1, group
    sizes = sorted(len(p) for p in parts)
    assert sizes[-1] - sizes[0] <= 2
    assert folds(list(reversed(arts)), 5) == parts  # stable whatever the input order


def test_trigger_spans_find_the_phrase_inside_its_evidence() -> None:
    text = "Trade grew. The ministers met in Astana on Monday. They met again later."
    gold = {
        "events": [
            {
                "type": "MEETING",
                "evidence": [
                    {"text": "The ministers met in Astana on Monday.", "trigger": "met"},
                    {"text": "Not in the article at all.", "trigger": "met"},
                ],
            },
            {"type": "TRADE", "evidence": [{"text": "Trade  grew.", "trigger": "Trade"}]},
        ]
    }
    spans = sorted(trigger_spans(text, gold))
    assert spans == [(0, 5, "TRADE"), (26, 29, "MEETING")]
    assert text[26:29] == "met"


def test_content_hash_follows_code_data_and_models(tmp_path: Path) -> None:
    root = tmp_path / "silkgraph"
    for part in ("extract", "knowledge"):
        shutil.copytree(PACKAGE / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    roots = [root / "extract", root / "knowledge", root / "models"]
    before = content_hash(roots)
    assert content_hash(roots) == before
    (root / "knowledge" / "hs_terms.csv").write_text("changed\n", encoding="utf-8")
    assert content_hash(roots) != before
    after_data = content_hash(roots)
    (root / "models").mkdir()
    (root / "models" / "triggers.npz").write_bytes(b"weights")
    assert content_hash(roots) != after_data
    (root / "extract" / "__pycache__").mkdir(exist_ok=True)
    (root / "extract" / "__pycache__" / "x.py").write_text("cache", encoding="utf-8")
    assert content_hash(roots) == content_hash(roots)


def test_train_without_data_is_one_line_error(tmp_path: Path) -> None:
    res = subprocess.run(
        [CLI, "train", "--data", str(tmp_path / "nowhere")], capture_output=True, text=True
    )
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_cv_needs_two_folds(tmp_path: Path) -> None:
    res = subprocess.run(
        [CLI, "eval", "--cv", "1", "--data", str(tmp_path)], capture_output=True, text=True
    )
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
