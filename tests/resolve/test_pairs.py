"""The event pair model: named features, learned weights, explained merges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_resolve_store import _corpus

from silkgraph.errors import ConfigError
from silkgraph.resolve import resolve_store
from silkgraph.resolve.pairs import ACTIVE, MODEL_PATH, NAMES, PairModel, columns, fit
from silkgraph.store import open_store


def test_columns_name_every_feature() -> None:
    feats = {"date": 1.0, "countries": 2.0, "specific": 1.0, "published": -1.0, "doc_sim": 0.25}
    cols = columns(feats, "TRADE")
    assert tuple(cols) == NAMES
    on = {k for k, v in cols.items() if v}
    assert on == {
        "date_overlap",
        "two_countries",
        "one_actor",
        "published_far",
        "type_trade",
        "words",
        "words_many",
    }
    assert cols["words"] == pytest.approx(1.25)
    # Articles whose words were not recorded count as middling alike, not as unlike.
    unknown = columns({"date": 1.0}, "TRADE")
    assert unknown["words_some"] == 1.0 and unknown["words_few"] == 0.0
    # The sentences' similarity: centred, and in bands; absent (no sentence, or not
    # English) is neither alike nor unlike.
    near = columns({"date": 1.0, "sentence_sim": 0.8}, "TRADE")
    assert near["sentence"] == pytest.approx(0.9) and near["sentence_alike"] == 1.0
    far = columns({"date": 1.0, "sentence_sim": 0.3}, "TRADE")
    assert far["sentence_unlike"] == 1.0 and far["sentence"] < 0
    assert unknown["sentence"] == unknown["sentence_alike"] == unknown["sentence_unlike"] == 0.0


def test_fit_learns_which_features_mean_one_event() -> None:
    rows = [columns({"date": 1.0, "specific": 1.0}, "MEETING")] * 30
    rows += [columns({"date": 0.5, "countries": 2.0, "published": -1.0}, "MEETING")] * 30
    model = fit(rows, [1] * 30 + [0] * 30)
    assert model.probability({"date": 1.0, "specific": 1.0}, "MEETING") > 0.8
    assert model.probability({"date": 0.5, "countries": 2.0, "published": -1.0}, "MEETING") < 0.2
    why = model.explain({"date": 1.0, "specific": 1.0}, "MEETING")
    assert why[-1][0] == "bias"
    # Rows without recorded words hold the same middling word columns, which act as a bias.
    named = {name for name, _ in why[:-1] if not name.startswith("words")}
    assert named == {"date_overlap", "one_actor", "type_meeting"}


def test_pairs_without_sentences_use_weights_fitted_without_them(tmp_path: Path) -> None:
    """A pair whose sentences cannot be compared (one Russian, say) is weighed by the fit
    that never saw the sentence columns, not by the main weights with those columns at 0."""
    rows, labels = [], []
    for sim, label in ((0.9, 1), (0.8, 1), (0.2, 0), (0.3, 0)):
        rows += [columns({"date": 1.0, "countries": 2.0, "sentence_sim": sim}, "MEETING")] * 20
        labels += [label] * 20
    model = fit(rows, labels, l2=1.0)
    assert model.unsentenced is not None
    weights, bias = model.unsentenced
    assert not {"sentence", "sentence_alike", "sentence_unlike"} & set(weights)
    alike = {"date": 1.0, "countries": 2.0, "sentence_sim": 0.85}
    unlike = {**alike, "sentence_sim": 0.25}
    unknown = {"date": 1.0, "countries": 2.0}
    p_alike, p_unlike = model.probability(alike, "MEETING"), model.probability(unlike, "MEETING")
    p_unknown = model.probability(unknown, "MEETING")
    assert p_alike > 0.8 and p_unlike < 0.2
    # Half the rows are of one event: without the sentences, the fit can only say so.
    assert p_unknown == pytest.approx(0.5, abs=0.05)
    assert model.explain(unknown, "MEETING")[-1] == ("bias", round(bias, 3))
    # Saved and loaded, the second set of weights comes back; an unknown column in it is
    # a one-line error like one in the main weights.
    model.save(tmp_path / "m.json")
    again = PairModel.load(tmp_path / "m.json")
    assert again.probability(unknown, "MEETING") == pytest.approx(p_unknown, abs=1e-4)
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    data["unsentenced"]["weights"]["moon_phase"] = 1.0
    (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown feature moon_phase"):
        PairModel.load(tmp_path / "m.json")


def test_the_shipped_model_loads_and_weighs_sensibly() -> None:
    model = PairModel.load(MODEL_PATH)
    assert set(model.weights) == set(NAMES)
    assert model.meta["pairs"] > 100
    assert model.unsentenced is not None  # for Russian and Chinese reports
    # A copied wire sentence with the same actors, in articles sharing their words, speaks
    # of one event; only two countries in common, months apart, in unlike articles do not.
    same = {"date": 1.0, "specific": 2.0, "same_sentence": 1.0, "precise": 1.0, "doc_sim": 0.3}
    same |= {"countries": 2.0, "sentence_sim": 1.0}  # one sentence reads as itself
    far = {"date": 0.5, "countries": 2.0, "published": -1.0, "doc_sim": 0.05}
    assert model.probability(same, "AGREEMENT") > 0.5 > model.probability(far, "TRADE")
    # The words two articles share count: the same pair, with articles alike or unlike.
    alike = {"date": 0.5, "countries": 2.0, "specific": 1.0, "doc_sim": 0.45}
    unlike = {**alike, "doc_sim": 0.03}
    assert (
        model.probability(alike, "MEETING") > model.threshold > model.probability(unlike, "MEETING")
    )


def test_a_broken_pair_model_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot load the event pair model"):
        PairModel.load(path)
    path.write_text(
        json.dumps({"bias": 0, "threshold": 0.5, "weights": {"moon_phase": 1}, "meta": {}}),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="unknown feature moon_phase"):
        PairModel.load(path)


def test_resolution_follows_the_active_model(tmp_path: Path) -> None:
    """A model that never merges keeps every report apart; one that always does joins the
    reports that share a type (dates permitting); the recorder sees each scored pair."""
    never = PairModel(dict.fromkeys(NAMES, 0.0), -20.0)
    always = PairModel(dict.fromkeys(NAMES, 0.0), 20.0)
    seen: list[str] = []
    before = dict(ACTIVE)
    try:
        ACTIVE["model"] = never
        ACTIVE["recorder"] = lambda a, b, feats: seen.append(a.event.type)
        store = _corpus(tmp_path / "never.db")
        resolve_store(store)
        links = store.event_links()
        # Only copies of one sentence with the same arguments fold, before any scoring:
        # the wire agreement, the opening told twice; the retelling stays apart.
        assert len(set(links.values())) == 3
        assert links[("r1", "e1")] not in {links[("w00", "e1")], links[("o1", "e1")]}
        store.close()
        assert seen and set(seen) <= {"AGREEMENT", "INVESTMENT"}
        ACTIVE["model"], ACTIVE["recorder"] = always, None
        store = open_store(str(tmp_path / "never.db"))
        resolve_store(store)
        assert len(set(store.event_links().values())) == 2
        store.close()
    finally:
        ACTIVE.update(before)
