"""The pipeline: the order check at build time and the per-document error policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.errors import ConfigError
from silkgraph.extract.amounts import AmountsComponent
from silkgraph.extract.dates import DatesComponent
from silkgraph.extract.nlp import load_model
from silkgraph.extract.pipeline import Analysis, Component, Pipeline, check_order
from silkgraph.extract.quantities import QuantitiesComponent
from silkgraph.extract.registry import make_pipeline
from silkgraph.ingest import read_text_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class Exploding:
    """A component that raises on documents whose text mentions a trigger word."""

    name = "exploding"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("boom",)

    def __init__(self, trigger: str) -> None:
        self.trigger = trigger

    def __call__(self, analysis: Analysis) -> None:
        if self.trigger in analysis.text:
            raise RuntimeError(f"cannot cope with {self.trigger}")


def test_check_order_accepts_the_default_order() -> None:
    check_order([AmountsComponent(), QuantitiesComponent(), DatesComponent()])


def test_check_order_rejects_misordered_components() -> None:
    with pytest.raises(ConfigError, match="'quantities' needs amounts"):
        check_order([QuantitiesComponent(), AmountsComponent()])


def test_check_order_rejects_duplicates() -> None:
    with pytest.raises(ConfigError, match="appears twice"):
        check_order([AmountsComponent(), AmountsComponent()])


def test_pipeline_refuses_to_build_misordered() -> None:
    comps: list[Component] = [QuantitiesComponent(), AmountsComponent()]
    with pytest.raises(ConfigError):
        Pipeline(load_model(), comps)


def test_failing_component_is_recorded_and_the_run_goes_on() -> None:
    docs = [read_text_file(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    assert "Sprouts" in docs[0].text and all("Sprouts" not in d.text for d in docs[1:])
    comps: list[Component] = [Exploding("Sprouts"), AmountsComponent(), DatesComponent()]
    pipe = Pipeline(load_model(), comps)
    results = pipe.pipe(docs)
    assert [r.doc_id for r in results] == [d.id for d in docs]
    assert results[0].errors == ["exploding: RuntimeError: cannot cope with Sprouts"]
    assert all(r.errors == [] for r in results[1:])
    # the components after the failing one still ran on the failing document
    assert results[0].dates and results[0].dates[0].value.startswith("2025")
    assert "exploding=1" in pipe.version and results[0].pipeline == pipe.version


class Counting:
    """A component that counts how often it was prepared."""

    name = "counting"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("count",)

    def __init__(self) -> None:
        self.prepared: list[object] = []

    def prepare(self, nlp: object) -> None:
        self.prepared.append(nlp)

    def __call__(self, analysis: Analysis) -> None:
        return None


def test_prepare_loads_each_component_once_with_the_model() -> None:
    counting = Counting()
    comps: list[Component] = [counting, AmountsComponent()]
    pipe = Pipeline(load_model(), comps)
    assert counting.prepared == []  # building a pipeline loads nothing by itself
    pipe.prepare()
    assert counting.prepared == [pipe.nlp]


def test_make_pipeline_prepares_the_components_unless_told_not_to() -> None:
    from silkgraph.knowledge import hs_index

    hs_index.index.cache_clear()
    make_pipeline(components=["silkgraph.extract.commodities:CommoditiesComponent"], prepare=False)
    assert hs_index.index.cache_info().currsize == 0
    make_pipeline(components=["silkgraph.extract.commodities:CommoditiesComponent"])
    assert hs_index.index.cache_info().currsize == 1
