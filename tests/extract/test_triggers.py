"""The learned trigger model: the shipped weights load offline and read events the rules miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from spacy.language import Language

from silkgraph.errors import ConfigError
from silkgraph.extract.events import EventComponent
from silkgraph.extract.triggers import (
    LABELS,
    MODEL_PATH,
    TriggerModel,
    candidates,
    features,
    fit,
    sentence_context,
    shipped_model,
)
from silkgraph.model import Extraction


def test_shipped_model_loads_offline() -> None:
    model = shipped_model()
    assert model is not None, f"no trigger model shipped at {MODEL_PATH}"
    assert model.labels == LABELS
    assert 0.0 < model.threshold < 1.0
    assert model.weights.shape[1] == len(LABELS)
    assert len(model.version) == 12


def test_broken_model_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "triggers.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ConfigError) as info:
        TriggerModel.load(bad)
    assert "\n" not in str(info.value)
    assert str(bad) in str(info.value)


def test_saved_model_round_trips(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int) * 3  # AGREEMENT where the first feature is positive
    model = fit(x, y, epochs=200, neg_weight=1.0)
    path = tmp_path / "m.npz"
    model.save(path)
    back = TriggerModel.load(path, width=5)
    pred = back.proba(x).argmax(axis=1)
    assert (pred == y).mean() > 0.9
    assert back.meta["n"] == 200


def test_features_have_one_width(nlp: Language) -> None:
    doc = nlp("The two ministers held talks in Astana. Exports of wheat rose sharply.")
    widths = set()
    for i, sent in enumerate(doc.sents):
        ctx = sentence_context(sent, i)
        for tok in candidates(sent):
            widths.add(features(tok, ctx, None).shape[0])
    assert len(widths) == 1


def _events(analyse: Any, components: list[Any], text: str, model: bool = True) -> list[str]:
    if not model:
        rules_only = EventComponent()
        rules_only.model = None
        components = [*components[:-1], rules_only]
    result: Extraction = analyse(text, "2025-05-01", *components)
    return sorted(e.type for e in result.events)


# Sentences in the style of the news the model reads, written for this table:
# (text, types with the rules alone, types with the shipped model).
CASES = [
    ("The weather in the capital was mild and sunny all week.", [], []),
    ("Officials will discuss the agenda later, a spokesman said.", [], []),
    (
        "The ministers of Belarus and Mongolia focused on expanding grain shipments during "
        "their conversation in Minsk on Tuesday.",
        [],
        ["MEETING"],
    ),
    (
        "Brazil would be no neutral mediator because it is invested in Argentina's success.",
        [],
        [],
    ),
]


@pytest.mark.parametrize(("text", "rules", "learned"), CASES)
def test_case_table(
    analyse: Any, components: list[Any], text: str, rules: list[str], learned: list[str]
) -> None:
    assert _events(analyse, components, text, model=False) == rules
    assert _events(analyse, components, text) == learned


def test_a_stale_model_is_refused(tmp_path: Path) -> None:
    model = fit(np.zeros((4, 3), dtype=np.float32), np.array([0, 1, 2, 3]), epochs=2)
    path = tmp_path / "old.npz"
    model.save(path)
    with pytest.raises(ConfigError, match="silkgraph train"):
        TriggerModel.load(path)
