"""Direction of trade, clause by clause: who sends which goods to whom.

Invented sentences only. Each case is (sentence, expected flows), a flow written as
(kind, exporter, importer, commodities) with names, or (kind, parties) for two-way trade.
"""

from __future__ import annotations

from typing import Any

import pytest

from silkgraph.model import Event, Extraction, TradeFlow

Flow = tuple[Any, ...]

CASES: list[tuple[str, list[Flow]]] = [
    (
        "Freedonia is ready to increase exports of wheat and barley, and simultaneously "
        "to ramp up imports of copper and coal from Sylvania.",
        [
            ("export", "Freedonia", None, ["wheat", "barley"]),
            ("import", "Sylvania", "Freedonia", ["copper", "coal"]),
        ],
    ),
    (
        "Mongolia will import wheat from Kazakhstan.",
        [("import", "Kazakhstan", "Mongolia", ["wheat"])],
    ),
    (
        "Kazakhstan supplies natural gas to China.",
        [("supply", "Kazakhstan", "China", ["natural gas"])],
    ),
    (
        "The supply of cotton to Turkey rose.",
        [("supply", None, "Türkiye", ["cotton"])],
    ),
    (
        "China's imports of soybeans from Brazil grew by 10 percent.",
        [("import", "Brazil", "China", ["soybeans"])],
    ),
    (
        "Kazakhstan will export wheat to Iran and import cars from Japan.",
        [
            ("export", "Kazakhstan", "Iran", ["wheat"]),
            ("import", "Japan", "Kazakhstan", ["cars"]),
        ],
    ),
    (
        "Russian exports of coal to India grew.",
        [("export", "Russia", "India", ["coal"])],
    ),
    (
        "Mongolia plans to buy more electricity from Russia, the minister said.",
        [("import", "Russia", "Mongolia", ["electricity"])],
    ),
    (
        "Trade turnover between China and the United States reached $500 billion in 2024.",
        [("turnover", ["China", "United States"])],
    ),
    (
        "Kazakhstan and China agreed to expand trade.",
        [("turnover", ["Kazakhstan", "China"])],
    ),
    (
        "Exports and imports between Freedonia and Sylvania fell.",
        [("turnover", ["Freedonia", "Sylvania"])],
    ),
]


def _trade(analyse: Any, components: list[Any], text: str) -> tuple[Event, dict[str, str]]:
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    trade = [e for e in result.events if e.type == "TRADE"]
    assert len(trade) == 1, [e.type for e in result.events]
    return trade[0], names


def _show(flow: TradeFlow, names: dict[str, str]) -> Flow:
    def name(key: str | None) -> str | None:
        return names.get(key, key) if key else None

    if flow.kind == "turnover":
        return (flow.kind, [name(p) for p in flow.parties])
    return (flow.kind, name(flow.exporter), name(flow.importer), flow.commodities)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_flow_direction_per_clause(
    analyse: Any, components: list[Any], text: str, expected: list[Flow]
) -> None:
    ev, names = _trade(analyse, components, text)
    assert [_show(f, names) for f in ev.flows] == expected


def test_two_way_trade_has_no_direction_and_keeps_the_value(
    analyse: Any, components: list[Any]
) -> None:
    ev, _ = _trade(
        analyse, components, "Bilateral trade between Kazakhstan and Uzbekistan reached $4 billion."
    )
    (flow,) = ev.flows
    assert flow.kind == "turnover"
    assert flow.exporter is None and flow.importer is None
    assert flow.amount_usd == pytest.approx(4e9)
    assert ev.exporter is None and ev.importer is None
    both, _ = _trade(
        analyse, components, "Exports and imports between Freedonia and Sylvania fell."
    )
    assert both.exporter is None and both.importer is None


def test_a_countrys_imports_and_exports_with_another_are_trade_as_a_whole(
    analyse: Any, components: list[Any]
) -> None:
    ev, _ = _trade(
        analyse,
        components,
        "The value of Freedonia's imports and exports with Sylvania reached $9 billion in 2024.",
    )
    assert ev.measure == "two-way"
    one_way, _ = _trade(
        analyse, components, "Freedonia's exports to Sylvania reached $9 billion in 2024."
    )
    assert one_way.measure == "one-way"


def test_the_value_goes_to_the_clause_that_states_it(analyse: Any, components: list[Any]) -> None:
    ev, names = _trade(
        analyse,
        components,
        "Freedonia will export tea worth $20 million to Sylvania and import rice from Mongolia.",
    )
    values = {f.kind: f.amount_usd for f in ev.flows}
    assert values["export"] == pytest.approx(2e7)
    assert values["import"] is None
    assert sum(f.amount_usd or 0 for f in ev.flows) == pytest.approx(ev.amount_usd or 0)


def test_flows_survive_the_round_trip() -> None:
    flow = TradeFlow("import", "imports", 10, 17, "a", "b", [], ["wheat"], 5.0)
    ev = Event("k", "TRADE", "imports", 0, 40, "x", flows=[flow])
    again = Event.from_dict(ev.to_dict())
    assert again.flows == [flow]
    assert Event.from_dict({**ev.to_dict(), "flows": []}).flows == []


def test_flows_to_different_countries_are_different_events(
    analyse: Any, components: list[Any]
) -> None:
    """One article, two sentences: exports to one country and to another are two figures,
    while a second mention of the same flow is still the same event."""
    text = (
        "Freedonia exported 3 million bottles of wine to Sylvania in 2016. "
        "Freedonia exported 14 million bottles of wine to Mongolia in 2016."
    )
    result: Extraction = analyse(text, "2017-01-10", *components)
    names = {e.key: e.name for e in result.entities}
    trade = [e for e in result.events if e.type == "TRADE"]
    assert sorted(names.get(e.importer or "", "") for e in trade) == ["Mongolia", "Sylvania"]
    again = analyse(
        "Freedonia exported wine to Sylvania in 2016. The exports to Sylvania grew in 2016.",
        "2017-01-10",
        *components,
    )
    assert len([e for e in again.events if e.type == "TRADE"]) == 1


def test_each_flow_with_its_own_sum_is_a_figure_of_its_own(
    analyse: Any, components: list[Any]
) -> None:
    result: Extraction = analyse(
        "Freedonia's exports to Sylvania rose to $15.1 billion, and imports from Sylvania "
        "to $16 billion.",
        "2024-02-09",
        *components,
    )
    names = {e.key: e.name for e in result.entities}
    trade = sorted(
        (e.amount_usd, names.get(e.exporter or "")) for e in result.events if e.type == "TRADE"
    )
    assert trade == [(15.1e9, "Freedonia"), (16e9, "Sylvania")]
