"""The default pipeline: which components run, in which order.

A new extractor is one module with one Component class, added to ``DEFAULT`` here.
"""

from __future__ import annotations

from importlib import import_module

from silkgraph.extract.nlp import load_model
from silkgraph.extract.pipeline import Component, Pipeline

DEFAULT: list[str] = [
    "silkgraph.extract.entities:EntityComponent",
    "silkgraph.extract.dates:DatesComponent",
    "silkgraph.extract.amounts:AmountsComponent",
    "silkgraph.extract.quantities:QuantitiesComponent",
    "silkgraph.extract.commodities:CommoditiesComponent",
    "silkgraph.extract.roles:RolesComponent",
    "silkgraph.extract.events:EventComponent",
]


def make_component(path: str) -> Component:
    """Instantiate a component from its ``module:Class`` path."""
    module, _, cls = path.partition(":")
    comp: Component = getattr(import_module(module), cls)()
    return comp


def make_pipeline(
    model: str = "", components: list[str] | None = None, prepare: bool = True
) -> Pipeline:
    """Build the pipeline with the given (or default) components over the spaCy model;
    ``prepare``: load the components' indexes and tables now (start-up, not first document)."""
    pipe = Pipeline(load_model(model), [make_component(p) for p in components or DEFAULT])
    if prepare:
        pipe.prepare()
    return pipe
