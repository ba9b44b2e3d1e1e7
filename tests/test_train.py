"""Training data, topic-group folds and the pipeline version that follows extraction's files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


SHARED = Path(__file__).resolve().parents[2] / "shared"


def _small_dev_set(tmp_path: Path, groups: int = 4) -> Path:
    """A copy of a few topic groups of the development set, laid out as ../shared is."""
    import json

    articles = SHARED / "dev" / "articles"
    gold = SHARED / "eval" / "gold" / "dev.jsonl"
    if not gold.is_file():
        pytest.skip("the development set is not beside this checkout")
    by_group: dict[str, list[Path]] = {}
    for path in sorted(articles.glob("d*.txt")):
        head = path.read_text(encoding="utf-8").partition("\n----\n")[0]
        for line in head.splitlines():
            if line.startswith("topic_group:"):
                by_group.setdefault(line.split(":", 1)[1].strip(), []).append(path)
    chosen = [
        p for g in sorted(by_group, key=lambda g: -len(by_group[g]))[:groups] for p in by_group[g]
    ]
    (tmp_path / "dev" / "articles").mkdir(parents=True)
    (tmp_path / "eval" / "gold").mkdir(parents=True)
    for path in chosen:
        shutil.copy(path, tmp_path / "dev" / "articles" / path.name)
    shutil.copy(SHARED / "eval" / "score.py", tmp_path / "eval" / "score.py")
    ids = {p.stem for p in chosen}
    with (
        gold.open(encoding="utf-8") as src,
        (tmp_path / "eval" / "gold" / "dev.jsonl").open("w", encoding="utf-8") as dst,
    ):
        for line in src:
            if line.strip() and json.loads(line)["id"] in ids:
                dst.write(line)
    return tmp_path / "eval"


@pytest.mark.slow
def test_train_and_cross_validate_from_the_command_line(tmp_path: Path) -> None:
    import json

    from silkgraph.extract.triggers import TriggerModel
    from silkgraph.resolve.pairs import PairModel

    data = _small_dev_set(tmp_path)
    out = tmp_path / "models" / "triggers.npz"
    res = subprocess.run(
        [CLI, "train", "--data", str(data), "-o", str(out)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    model = TriggerModel.load(out)
    assert model.meta["articles"] >= 8
    pairs = PairModel.load(out.parent / "event_pairs.json")
    assert pairs.meta["pairs"] > 0
    res = subprocess.run(
        [CLI, "eval", "--cv", "2", "--data", str(data), "--json"], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout)
    assert set(figures) == {
        "rules",
        "in_sample",
        "out_of_fold",
        "in_sample+pairs",
        "out_of_fold+pairs",
    }
    for row in figures.values():
        assert 0.0 < row["mean"] <= 1.0
    # The rules-only row does not depend on training; the learned ones read the same articles.
    assert figures["rules"]["entities"] == figures["out_of_fold"]["entities"]
    assert figures["in_sample"]["events"]["f1"] >= figures["rules"]["events"]["f1"] - 0.05


def test_a_trigger_model_is_written_to_the_name_given(tmp_path: Path) -> None:
    """`train -o models/triggers.json` writes that file (numpy would add ".npz") and reads
    it back."""
    import numpy as np

    from silkgraph.extract.triggers import FEATURES, LABELS, TriggerModel

    n = len(LABELS)
    model = TriggerModel(np.zeros((FEATURES, n), dtype=np.float32), np.zeros(n), {"n": 1})
    path = tmp_path / "models" / "triggers.json"
    model.save(path)
    assert path.exists() and not path.with_name("triggers.json.npz").exists()
    again = TriggerModel.load(path)
    assert again.meta == {"n": 1} and again.weights.shape == (FEATURES, n)


@pytest.mark.slow
def test_renamed_probe_from_the_command_line(tmp_path: Path) -> None:
    import json

    data = _small_dev_set(tmp_path, groups=2)
    res = subprocess.run(
        [CLI, "eval", "--renamed", "--data", str(data), "--json"], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout)
    assert set(figures) == {"as_written", "renamed", "towns_renamed"}
    for row in figures.values():
        assert 0.0 < row["mean"] <= 1.0
    # Renaming persons or towns moves no figure that names neither.
    for name in ("renamed", "towns_renamed"):
        assert figures[name]["amounts"] == figures["as_written"]["amounts"]
        assert figures[name]["quantities"] == figures["as_written"]["quantities"]
    res = subprocess.run(
        [CLI, "eval", "--renamed", "--data", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0
    assert "no development set" in res.stderr and "Traceback" not in res.stderr


WRITTEN = Path(__file__).resolve().parent.parent / "eval" / "written" / "set1"


@pytest.mark.slow
def test_a_folder_of_articles_graded_from_the_command_line(tmp_path: Path) -> None:
    import json

    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("the contract's scorer is not beside this checkout")
    articles = tmp_path / "articles"
    articles.mkdir()
    chosen = sorted((WRITTEN / "articles").glob("p10*.txt"))
    for path in chosen:
        shutil.copy(path, articles / path.name)
    gold = tmp_path / "gold.jsonl"
    ids = {p.stem for p in chosen}
    gold.write_text(
        "".join(
            line
            for line in (WRITTEN / "gold.jsonl").read_text(encoding="utf-8").splitlines(True)
            if json.loads(line)["id"] in ids
        ),
        encoding="utf-8",
    )
    keep = tmp_path / "graded.jsonl"
    data = ["--data", str(SHARED / "eval")]
    base = [CLI, "eval", "--articles", str(articles), "--gold", str(gold), *data]
    res = subprocess.run([*base, "--json", "--keep", str(keep)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    figures = json.loads(res.stdout)
    assert 0.5 < figures["events"]["f1"] <= 1.0 and 0.5 < figures["mean"] <= 1.0
    assert figures["events"]["gold"] == sum(
        len(json.loads(line)["events"]) for line in gold.read_text(encoding="utf-8").splitlines()
    )
    assert {json.loads(line)["id"] for line in keep.read_text(encoding="utf-8").splitlines()} == ids
    res = subprocess.run(base, capture_output=True, text=True)
    assert res.returncode == 0 and "event_args" in res.stdout and "mean" in res.stdout
    # Bad input: one line on stderr, a non-zero exit, no traceback.
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "p100"}\nnot json\n', encoding="utf-8")
    for args, message in (
        (["--articles", str(articles)], "--articles and --gold go together"),
        (["--articles", str(articles), "--gold", str(bad)], "bad.jsonl:2: not a gold record"),
        (["--articles", str(articles), "--gold", str(tmp_path / "none.jsonl")], "cannot read"),
        (["--articles", str(tmp_path / "none"), "--gold", str(gold)], "is not a folder"),
    ):
        res = subprocess.run([CLI, "eval", *args, *data], capture_output=True, text=True)
        assert res.returncode != 0 and message in res.stderr, res.stderr
        assert "Traceback" not in res.stderr
