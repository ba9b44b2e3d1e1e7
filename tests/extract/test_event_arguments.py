"""Arguments that live outside the trigger's clause: the host, the sentence before."""

from __future__ import annotations

from typing import Any

import pytest

from silkgraph.model import Extraction


def _meetings(analyse: Any, components: list[Any], text: str) -> list[tuple[str, str | None]]:
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    return [
        (e.type, names.get(e.location or "", e.location))
        for e in result.events
        if e.type == "MEETING"
    ]


def test_the_host_is_the_place(analyse: Any, components: list[Any]) -> None:
    text = "Astana hosted talks between the presidents of Freedonia and Mongolia on Monday."
    assert ("MEETING", "Astana") in _meetings(analyse, components, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A building named as an organisation is ("the Kremlin") hosts the talks.
        (
            "Following talks in the Kremlin, the leaders of Freedonia and Mongolia met again.",
            "Kremlin",
        ),
        # An organisation's own name puts nothing in a building.
        ("The presidents of Freedonia and Mongolia held talks in the Ministry of Trade.", None),
        # A city named in the sentence wins over the building.
        (
            "Talks in the Kremlin in Moscow brought the leaders of Freedonia and Mongolia together.",
            "Moscow",
        ),
    ],
)
def test_a_building_hosts_a_gathering(
    analyse: Any, components: list[Any], text: str, place: str | None
) -> None:
    found = _meetings(analyse, components, text)
    assert found and found[0] == ("MEETING", place)


def test_an_investment_from_one_country_goes_to_the_other(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "The president of Kyrgyzstan met the president of Russia on Monday. "
        "Russian direct investments in the first six months of 2025 totaled $110 million."
    )
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    [inv] = [e for e in result.events if e.type == "INVESTMENT"]
    assert names.get(inv.location or "") == "Kyrgyzstan"
    # With no other country in its report, it stays without a place.
    result = analyse("Russian investments in the region grew.", "2025-05-01", *components)
    assert [e.location for e in result.events if e.type == "INVESTMENT"] == [None]


def test_a_realized_meeting_takes_the_place_of_the_sentence_before(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind met with President Anna Berg of Belarus."
    )
    assert ("MEETING", "Minsk") in _meetings(analyse, components, text)
    planned = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind will meet with President Anna Berg of Belarus next year."
    )
    assert all(place != "Minsk" for _, place in _meetings(analyse, components, planned))


def _events(analyse: Any, components: list[Any], text: str) -> list[tuple[str, set[str], set[str]]]:
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    return [
        (
            e.type,
            {names.get(p, p) for p in e.participants},
            {names.get(p, p) for p in e.context_participants},
        )
        for e in result.events
    ]


def test_an_event_naming_one_country_takes_the_articles_main_pair(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Mongolia and Belarus expand their ties. "
        "Officials of Mongolia and Belarus met in Ulaanbaatar on Monday. "
        "Belarus will build a tractor assembly plant near Darkhan next year."
    )
    events = _events(analyse, components, text)
    built = [e for e in events if e[0] == "INVESTMENT"]
    assert built, events
    _, parts, context = built[0]
    assert {"Mongolia", "Belarus"} <= parts
    assert context == {"Mongolia"}  # Belarus is the sentence's own


def test_an_event_naming_two_countries_keeps_its_own(analyse: Any, components: list[Any]) -> None:
    text = (
        "Mongolia and Belarus expand their ties. Mongolia and Belarus met again. "
        "Kazakhstan and Uzbekistan signed an agreement on water use in Tashkent on Monday."
    )
    signed = [e for e in _events(analyse, components, text) if e[0] == "AGREEMENT"]
    assert signed and signed[0][2] == set()
    assert {"Mongolia", "Belarus"}.isdisjoint(signed[0][1])


def _types(analyse: Any, components: list[Any], text: str) -> list[str]:
    result: Extraction = analyse(text, "2024-03-01", *components)
    return [e.type for e in result.events]


def test_reported_trade_figures_are_trade_and_aims_are_targets(
    analyse: Any, components: list[Any]
) -> None:
    cases = [
        ("Trade between Mongolia and Belarus increased to $1.2 billion in 2023.", "TRADE"),
        ("Trade between Mongolia and Belarus has increased to $1.2 billion.", "TRADE"),
        ("Trade between Mongolia and Belarus grew by 24 percent compared to 2022.", "TRADE"),
        ("Mongolia and Belarus agreed to increase bilateral trade to $1 billion.", "TARGET"),
        ("Trade between Mongolia and Belarus will reach $1 billion by 2030.", "TARGET"),
    ]
    for text, expected in cases:
        assert expected in _types(analyse, components, text), text
        other = "TARGET" if expected == "TRADE" else "TRADE"
        assert other not in _types(analyse, components, text), text


def test_a_gathering_with_no_place_is_where_the_article_just_was(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Officials of Mongolia and Belarus met in Minsk on Monday. "
        "Ulaanbaatar and Minsk are twin cities. Ulaanbaatar hopes for more flights. "
        "Later, Prime Minister Otto Lind met with President Anna Berg of Belarus."
    )
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    meetings = [e for e in result.events if e.type == "MEETING"]
    assert len(meetings) == 2, [(e.evidence, e.location) for e in meetings]
    first, later = meetings
    assert names[first.location or ""] == "Minsk" and not first.location_from_context
    # Ulaanbaatar is named as often, but the meeting told before was in Minsk.
    assert names[later.location or ""] == "Minsk" and later.location_from_context


def test_a_planned_gathering_takes_no_place_from_the_article(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Officials of Mongolia and Belarus met in Minsk on Monday. "
        "Prime Minister Otto Lind will meet with President Anna Berg of Belarus next year."
    )
    result: Extraction = analyse(text, "2025-05-01", *components)
    planned = [e for e in result.events if e.type == "MEETING" and e.modality == "planned"]
    assert planned and all(e.location is None for e in planned)


@pytest.mark.parametrize(
    ("dateline", "agency"),
    [
        ("MINSK, March 4. /Belta/.", "Belta"),
        ("MINSK, March 4 (Belta) -", "Belta"),
        ("MINSK, Sept. 4 (Belta) --", "Belta"),
        ("Minsk, 4 March 2025 (Belta) -", "Belta"),
        ("MINSK, 04.03.2025 (Belta) -", "Belta"),
        # The gazetteer knows a town of this name; in a dateline's brackets it is the agency.
        ("MINSK, March 4 (Xinhua) --", "Xinhua"),
    ],
)
def test_the_credited_agency_is_no_party(
    analyse: Any, components: list[Any], dateline: str, agency: str
) -> None:
    text = f"{dateline} Belarus and Mongolia signed an agreement on grain supplies."
    signed = [e for e in _events(analyse, components, text) if e[0] == "AGREEMENT"]
    assert signed and {"Belarus", "Mongolia"} <= signed[0][1] and agency not in signed[0][1]


def test_a_construction_under_an_agreement_is_planned(analyse: Any, components: list[Any]) -> None:
    text = (
        "Mongolia and Belarus signed a memorandum on the construction of a tractor plant "
        "near Darkhan on Monday."
    )
    result: Extraction = analyse(text, "2025-05-01", *components)
    built = [e for e in result.events if e.type == "INVESTMENT"]
    assert built and all(e.modality == "planned" for e in built)
    done = "Belarus completed the construction of a tractor plant near Darkhan in Mongolia."
    result = analyse(done, "2025-05-01", *components)
    assert any(e.type == "INVESTMENT" and e.modality == "realized" for e in result.events)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Freedonia and Ruritania signed a deal to begin construction of a bridge.", "planned"),
        (
            "Among the deals is a $11 billion project to build a power plant in Ruritania.",
            "planned",
        ),
        ("The project to build a power plant in Ruritania was completed in 2020.", "realized"),
        ("The company started construction of a plant in Ruritania last year.", "realized"),
        # A list item naming the document alone: the sentence's root is the agreement.
        ("An agreement between Freedonia and Ruritania on the construction of a plant;", "planned"),
        ("The project in Ruritania envisions building six reactors.", "planned"),
        ("The contract stipulates that Freedonia will build a bridge in Ruritania.", "planned"),
    ],
)
def test_a_construction_still_to_begin_is_planned(
    analyse: Any, components: list[Any], text: str, modality: str
) -> None:
    result: Extraction = analyse(text, "2025-05-01", *components)
    built = [e.modality for e in result.events if e.type == "INVESTMENT"]
    assert built == [modality], (text, built)


def test_supplies_still_to_be_increased_are_planned(analyse: Any, components: list[Any]) -> None:
    for text, modality in (
        ("Freedonia signed a contract to increase wheat supplies to Ruritania.", "planned"),
        ("Freedonia increased wheat supplies to Ruritania last year.", "realized"),
    ):
        result: Extraction = analyse(text, "2024-05-01", *components)
        assert [e.modality for e in result.events if e.type == "TRADE"] == [modality], text


def test_what_was_agreed_is_settled_and_what_they_agreed_to_do_is_planned(
    analyse: Any, components: list[Any]
) -> None:
    text = "Ruritania and Freedonia agreed on a customs union at the talks on Monday."
    result: Extraction = analyse(text, "2024-05-01", *components)
    got = {e.type: e.modality for e in result.events}
    assert got.get("AGREEMENT") == "realized" and got.get("MEETING") == "realized", got
    text = "Ruritania and Freedonia agreed to sign a customs agreement next year."
    result = analyse(text, "2024-05-01", *components)
    assert [e.modality for e in result.events if e.type == "AGREEMENT"] == ["planned"]


def test_a_visit_one_is_invited_to_pay_is_planned(analyse: Any, components: list[Any]) -> None:
    text = (
        "Following the talks, President Ivan Novak invited President Elena Duarte to pay a "
        "return visit to Ruritania."
    )
    result: Extraction = analyse(text, "2024-05-01", *components)
    assert [e.modality for e in result.events if e.type == "MEETING"] == ["planned"]


def _figures(analyse: Any, components: list[Any], text: str) -> list[tuple[str | None, str | None]]:
    result: Extraction = analyse(text, "2024-01-12", *components)
    return [(e.date, e.period) for e in result.events if e.type == "TRADE"]


def test_a_trade_figure_keeps_the_period_it_counts(analyse: Any, components: list[Any]) -> None:
    """Released "on Friday", the figure counts 2023: the day is its date, 2023 its period."""
    text = (
        "Trade between Freedonia and Mongolia grew by 26 percent to $24 billion in 2023, "
        "official data showed on Friday."
    )
    assert _figures(analyse, components, text) == [("2024-01-12", "2023")]


def test_one_figure_given_twice_is_one_event(analyse: Any, components: list[Any]) -> None:
    """The same period's sum, rounded in one sentence and exact in another, is one report;
    another year's figure is another."""
    text = (
        "Freedonia’s 2023 trade with Mongolia hit $24 billion, customs data showed on Friday. "
        "The economy grew. Mongolia-Freedonia trade reached $24.1 billion in 2023. "
        "Trade between Freedonia and Mongolia reached $19 billion in 2022."
    )
    assert sorted(p for _, p in _figures(analyse, components, text)) == ["2022", "2023"]


def test_the_period_of_the_figure_compared_with_is_not_the_events(
    analyse: Any, components: list[Any]
) -> None:
    """ "$24.8 billion, up from $24 billion in 2023": 2023 is the earlier figure's year."""
    text = (
        "Trade between Freedonia and Mongolia reached $24.8 billion last year, "
        "up from $24 billion in 2023, customs data showed."
    )
    result: Extraction = analyse(text, "2025-01-13", *components)
    [(date, period)] = [
        (e.date, e.period) for e in result.events if e.type == "TRADE" and e.amount_usd == 24.8e9
    ]
    assert period == "2024" and date == "2024"


def test_the_figure_compared_with_carries_its_own_sum(analyse: Any, components: list[Any]) -> None:
    """ "$44.8 billion, a modest increase from $40.1 billion in 2023": the 2023 figure is
    the $40.1 billion, not the sum the sentence reports for the later year."""
    text = (
        "The total value of imports and exports between Freedonia and Mongolia amounted to "
        "$44.8 billion, a modest increase from $40.1 billion in 2023, customs data showed."
    )
    result: Extraction = analyse(text, "2025-01-13", *components)
    figures = {(e.period, e.amount_usd) for e in result.events if e.type == "TRADE"}
    assert ("2023", 40.1e9) in figures
    assert ("2023", 44.8e9) not in figures


@pytest.mark.parametrize(
    "text",
    [
        "Two-way trade between Freedonia and Mongolia reached $44.8 billion in 2024, "
        "compared with $40.1 billion in 2023, customs data showed.",
        "Trade between Freedonia and Mongolia rose to $44.8 billion in 2024, up from "
        "$40.1 billion in 2023.",
    ],
)
def test_a_sum_compared_with_in_its_own_period_is_that_periods_figure(
    analyse: Any, components: list[Any], text: str
) -> None:
    result: Extraction = analyse(text, "2025-01-13", *components)
    figures = sorted(
        (e.period, e.amount_usd, len(e.participants) >= 2)
        for e in result.events
        if e.type == "TRADE"
    )
    assert figures == [("2023", 40.1e9, True), ("2024", 44.8e9, True)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("reached $44.8 billion in 2024, compared with $40.1 billion in 2023.", "compared"),
        ("rose to $44.8 billion in 2024, up from about $40.1 billion in 2023.", "from"),
    ],
)
def test_the_compared_figure_is_told_by_the_word_of_comparison(
    analyse: Any, components: list[Any], text: str, word: str
) -> None:
    result: Extraction = analyse(
        "Trade between Freedonia and Mongolia " + text, "2025-01-13", *components
    )
    assert [e.trigger for e in result.events if e.period == "2023"] == [word]


def test_a_sum_compared_with_and_no_period_of_its_own_is_no_figure(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Trade between Freedonia and Mongolia rose to $44.8 billion in 2024, up from "
        "$40.1 billion, customs data showed."
    )
    result: Extraction = analyse(text, "2025-01-13", *components)
    assert [e.amount_usd for e in result.events if e.type == "TRADE"] == [44.8e9]


def test_a_visit_from_one_day_to_another_keeps_its_dates(
    analyse: Any, components: list[Any]
) -> None:
    text = "From 5 to 7 February 2025, the President of Freedonia paid a state visit to Mongolia."
    result: Extraction = analyse(text, "2025-02-08", *components)
    assert [e.date for e in result.events if e.type == "MEETING"] == ["2025-02-05"]


@pytest.mark.parametrize(
    ("text", "reported", "own"),
    [
        # The day Freedonia said it: the pipeline is not built on it.
        (
            "Freedonia said on Monday it had signed an agreement with Mongolia to build a "
            "gas pipeline.",
            "2025-03-31",
            None,
        ),
        # The month of the report, not of the cost.
        (
            "In March, the railway company of Freedonia reported that the construction of the "
            "railway to Mongolia would cost $1.6 billion.",
            "2025-03",
            None,
        ),
        # A date inside what was reported stays the figure's.
        (
            "The ministry reported that Freedonia and Mongolia began building the railway "
            "on 3 March 2025.",
            None,
            "2025-03-03",
        ),
    ],
)
def test_the_day_a_figure_was_reported_is_not_its_own(
    analyse: Any, components: list[Any], text: str, reported: str | None, own: str | None
) -> None:
    result: Extraction = analyse(text, "2025-04-03", *components)
    dates = [e.date for e in result.events if e.type == "INVESTMENT"]
    assert dates and reported not in dates, dates
    if own:
        assert dates == [own]


def test_a_year_inside_what_was_said_at_talks_is_not_theirs(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Speaking during talks held in Lima, the President of Chile stated that trade "
        "between Chile and Peru reached record levels last year."
    )
    dated = _dated(analyse, components, text, "2025-11-26")
    assert [d for t, d, _ in dated if t == "MEETING"] == ["2025-11-26"]


def test_a_date_in_a_clause_of_another_verb_than_saying_stays_the_events(
    analyse: Any, components: list[Any]
) -> None:
    # The parser makes "met" a complement of "signed"; no one says anything here.
    text = (
        "The delegation of Peru arrived in Santiago on October 3. "
        "On October 5, the Minister of Trade of Chile Ana Soto met with the Prime Minister "
        "of Peru Luis Vega, witnessed by whom, Soto signed the Memorandum of Understanding "
        "on Concluding the Chile-Peru FTA Negotiation with the Minister of Economy of Peru."
    )
    dated = _dated(analyse, components, text, "2016-10-06")
    assert [d for t, d, _ in dated if t == "AGREEMENT"] == ["2016-10-05"]


def test_an_outlet_the_sentence_credits_is_named(analyse: Any, components: list[Any]) -> None:
    text = "Freedonia's wheat exports to Mongolia rose to $2 billion in 2024, the Global Times reported."
    result: Extraction = analyse(text, "2025-01-13", *components)
    outlets = [e.outlet for e in result.events if e.type == "TRADE"]
    assert outlets == ["Global Times"]  # the name, not the article's entity key


def _placed(analyse: Any, components: list[Any], text: str, etype: str) -> list[str | None]:
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    return [names.get(e.location or "", e.location) for e in result.events if e.type == etype]


def test_a_visit_to_a_country_is_held_in_its_city_the_article_names(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Prime Minister Otto Lind of Sweden is on a state visit to Norway. "
        "Lind and Norwegian Prime Minister Kari Dahl met in Oslo on Monday."
    )
    assert _placed(analyse, components, text, "MEETING")[:1] == ["Oslo"]


def test_a_visit_to_a_country_stays_there_without_a_city_of_it(
    analyse: Any, components: list[Any]
) -> None:
    text = "Prime Minister Otto Lind of Sweden arrived on a state visit to Norway on Monday."
    assert _placed(analyse, components, text, "MEETING") == ["Norway"]


def test_an_investment_is_where_its_site_is(analyse: Any, components: list[Any]) -> None:
    text = "Chile and Peru signed a contract to build the Arica-Tacna railway."
    assert _placed(analyse, components, text, "INVESTMENT") == ["Arica-Tacna railway"]


def test_an_investment_is_in_the_place_that_owns_what_is_built(
    analyse: Any, components: list[Any]
) -> None:
    text = "A Korean firm will start the construction of Chile's first nuclear power plant in 2026."
    assert _placed(analyse, components, text, "INVESTMENT") == ["Chile"]


def _dated(analyse: Any, components: list[Any], text: str, published: str | None) -> list[Any]:
    result: Extraction = analyse(text, published, *components)
    return [(e.type, e.date, e.date_inferred) for e in result.events]


def test_an_undated_signing_took_place_on_the_articles_day(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Chilean President Ana Soto arrived in Lima on March 3, 2025. "
        "Soto and Peruvian President Luis Vega held talks on March 3, 2025. "
        "The ocean off both coasts is rich in anchovy. Catches have grown for years. "
        "Chile and Peru signed a fisheries agreement."
    )
    dated = _dated(analyse, components, text, "2025-03-05")
    assert ("AGREEMENT", "2025-03-03", True) in dated


def test_talks_on_a_weekday_of_an_undated_article_borrow_no_date(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Chilean President Ana Soto met business leaders in Valparaiso on 31 August. "
        "Soto held talks with Peruvian President Luis Vega in Lima on Tuesday."
    )
    dated = _dated(analyse, components, text, None)
    assert ("MEETING", None, False) in dated
    # With a publication day the weekday is read.
    assert ("MEETING", "2025-03-04", False) in _dated(analyse, components, text, "2025-03-05")


def test_an_undated_signing_took_place_on_the_day_of_publication(
    analyse: Any, components: list[Any]
) -> None:
    text = "Chile and Peru signed a fisheries agreement in Lima."
    assert _dated(analyse, components, text, "2025-03-05") == [("AGREEMENT", "2025-03-05", True)]


def test_a_planned_signing_takes_no_date_from_the_article(
    analyse: Any, components: list[Any]
) -> None:
    text = "Chile and Peru will sign a fisheries agreement in Lima."
    assert _dated(analyse, components, text, "2025-03-05") == [("AGREEMENT", None, False)]


def test_a_meeting_of_the_leaders_described_by_their_office_has_them(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Chilean President Ana Soto arrived in Lima on Monday. Peruvian President Luis Vega "
        "welcomed Ana Soto at the airport. Luis Vega said trade would grow. "
        "Vega held talks with the Chilean leader on fisheries."
    )
    result: Extraction = analyse(text, "2025-03-05", *components)
    names = {e.key: e.name for e in result.entities}
    talks = [e for e in result.events if e.type == "MEETING" and "fisheries" in e.evidence]
    assert talks
    assert {"Ana Soto", "Luis Vega"} <= {names.get(k, k) for k in talks[0].participants}


def test_the_plant_is_the_facility_named_before(analyse: Any, components: list[Any]) -> None:
    """ "The plant was launched": the facility the sentence before names, where it lies;
    the project's stages inherit both."""
    text = (
        "The president arrived in Arequipa on June 27, where he visited the Andes Motors "
        "Factory joint venture of Peru and Chile. The plant was launched in January. "
        "This is the first stage of a project worth $160 million."
    )
    result: Extraction = analyse(text, "2024-06-28", *components)
    names = {e.key: e.name for e in result.entities}
    invested = [e for e in result.events if e.type == "INVESTMENT"]
    assert invested
    for e in invested:
        assert "Andes Motors Factory" in {names.get(p) for p in e.participants}, e
        assert names.get(e.location or "") == "Arequipa", e


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # The date of a clause telling an earlier event is not the meeting's.
        (
            "The President of Chile received the President of Peru on Wednesday, a "
            "continuation of friendship after the two nations upgraded their relations to a "
            "strategic partnership in September 2022.",
            None,
        ),
        # "since ... took office in 2021" dates the taking of office, not the meeting.
        (
            "It was the fifth meeting between the presidents of Chile and Peru since the "
            "Chilean president took office in 2021.",
            None,
        ),
        # A date of the meeting's own clause stays its own.
        (
            "The President of Chile received the President of Peru on 4 March 2025, after "
            "the two nations upgraded their relations to a strategic partnership.",
            "2025-03-04",
        ),
    ],
)
def test_a_date_of_an_earlier_or_later_event_is_not_the_events(
    analyse: Any, components: list[Any], text: str, own: str | None
) -> None:
    dated = _dated(analyse, components, text, None)
    assert [d for t, d, _ in dated if t == "MEETING"] == [own]


def test_a_span_of_years_does_not_date_a_signing(analyse: Any, components: list[Any]) -> None:
    text = "The presidents of Chile and Peru signed a cultural exchange programme for 2022-2025."
    dated = _dated(analyse, components, text, "2022-11-25")
    assert [d for t, d, _ in dated if t == "AGREEMENT"] == ["2022-11-25"]


def test_a_figure_over_a_span_of_years_counts_that_span(
    analyse: Any, components: list[Any]
) -> None:
    text = "From 2007 to 2023, Chilean investments in Peru surpassed $4 billion."
    result: Extraction = analyse(text, "2024-07-08", *components)
    spans = [(e.date, e.end_date) for e in result.events if e.type == "INVESTMENT"]
    assert spans == [("2007", "2023")]


def test_an_agreement_counts_its_documents(analyse: Any, components: list[Any]) -> None:
    def counts(text: str) -> list[float | None]:
        result: Extraction = analyse(text, "2025-05-06", *components)
        return [e.count for e in result.events if e.type == "AGREEMENT"]

    # Who signed, or what an agreement is about, is no count of documents.
    assert counts("The two heads of state of Belarus and Mongolia signed a joint statement.") == [
        None
    ]
    text = "Belarus and Mongolia signed an agreement on the construction of three power plants."
    assert counts(text) == [None]
    assert counts("Belarus and Mongolia signed two dozen agreements on Monday.") == [24]


def test_mutual_trade_is_the_pairs(analyse: Any, components: list[Any]) -> None:
    text = (
        "Belarus and Mongolia signed a joint statement on Monday. The leaders then attended "
        "a concert. Officials said the roads were busy. It was noted that in 2024 the volume "
        "of mutual trade amounted to $300 million."
    )
    trade = [e for e in _events(analyse, components, text) if e[0] == "TRADE"]
    assert trade and {"Belarus", "Mongolia"} <= trade[0][1]


def test_a_headline_is_not_a_recalled_visit(analyse: Any, components: list[Any]) -> None:
    text = (
        "Lind and Berg hold talks in Minsk\n\n"
        "President Otto Lind of Mongolia held talks with President Anna Berg of Belarus at the "
        "Palace of Independence on Monday. The talks went on for hours. Lind recalled the "
        "historic state visit of Anna Berg in September 2019."
    )
    result: Extraction = analyse(text, "2025-05-06", *components)
    headline = [e for e in result.events if e.evidence.startswith("Lind and Berg hold talks")]
    assert all(not (e.date or "").startswith("2019") for e in headline)
    assert any((e.date or "").startswith("2019") for e in result.events if e.type == "MEETING")


def test_a_recalled_gathering_is_no_place_the_article_has_been(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "Belarus and Mongolia held talks in Minsk on Monday. Otto Lind recalled the summit in "
        "Gomel in September 2019. He praised the weather. After the talks, Belarus and "
        "Mongolia signed a joint statement."
    )
    result: Extraction = analyse(text, "2025-05-06", *components)
    names = {e.key: e.name for e in result.entities}
    signed = [e for e in result.events if e.type == "AGREEMENT"]
    assert signed and names.get(signed[0].location or "") == "Minsk"


def test_a_headline_is_a_line_of_its_own() -> None:
    from silkgraph.extract.events import _headline_end

    assert _headline_end("Belarus and Mongolia sign deals\n\nMINSK - The two ...") == 31
    assert _headline_end("Belarus and Mongolia sign deals\nMINSK - The two ...") == 31
    # Prose wrapped at a fixed width breaks its lines mid-sentence.
    assert _headline_end("MINSK May 6 Belarus and Mongolia signed $2\nbillion in deals.") == 0
    assert _headline_end("Belarus and Mongolia signed deals.\n\nThe two ...") == 0


def test_a_scheduled_meeting_is_planned(analyse: Any, components: list[Any]) -> None:
    text = "President Otto Lind of Mongolia is scheduled to meet President Anna Berg of Belarus."
    result: Extraction = analyse(text, "2025-05-06", *components)
    meetings = [e for e in result.events if e.type == "MEETING"]
    assert meetings and all(e.modality == "planned" for e in meetings)


def test_a_goal_to_lift_trade_is_a_target(analyse: Any, components: list[Any]) -> None:
    text = "Belarus and Mongolia aim to lift trade turnover to $2 billion by 2030."
    result: Extraction = analyse(text, "2025-05-06", *components)
    assert [e.type for e in result.events if e.type in ("TRADE", "TARGET")] == ["TARGET"]
