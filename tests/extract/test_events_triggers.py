"""Event triggers and participants read from short invented sentences."""

from __future__ import annotations

from typing import Any

import pytest

from silkgraph.extract.roles import RolesComponent
from silkgraph.model import Event, Extraction


def _events(analyse: Any, components: list[Any], text: str) -> tuple[list[Event], Extraction]:
    result: Extraction = analyse(text, "2024-03-05", *components)
    return result.events, result


def _names(result: Extraction, keys: list[str]) -> set[str]:
    out = set()
    for key in keys:
        ent = result.entity(key)
        out.add(ent.name if ent is not None else key)
    return out


def test_meeting_an_interest_is_no_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The new railway between Poland and Lithuania meets the interests of both countries.",
    )
    assert "MEETING" not in {e.type for e in events}


def test_meeting_a_person_is_a_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse, components, "Finnish Prime Minister Anna Berg met Estonian President Karl Saar."
    )
    assert "MEETING" in {e.type for e in events}


def test_delivering_a_speech_is_no_trade(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse, components, "Minister Paul Weber of Austria delivered a speech in Vienna."
    )
    assert "TRADE" not in {e.type for e in events}


def test_delivering_grain_is_trade(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse, components, "Canada delivered 300,000 tonnes of wheat to Peru last year."
    )
    assert "TRADE" in {e.type for e in events}


def test_an_agreement_between_named_parties(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse,
        components,
        "Under the agreement between Nordgas and the Polish state firm Baltpol, "
        "the partners drill new wells in the region.",
    )
    agreements = [e for e in events if e.type == "AGREEMENT"]
    assert agreements
    assert "Nordgas" in _names(result, agreements[0].participants)


def test_a_visited_city_brings_its_country(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse,
        components,
        "Finnish President Karl Saar held talks with officials during his visit to Lyon.",
    )
    meetings = [e for e in events if e.type == "MEETING"]
    assert meetings
    assert "France" in _names(result, meetings[0].participants)


def test_the_two_countries_are_those_named_before(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse,
        components,
        "Norway and Chile discussed salmon farming. "
        "Trade between the two countries reached $2 billion in 2023.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert trade
    assert {"Norway", "Chile"} <= _names(result, trade[0].participants)


def test_the_plant_goes_on_about_the_plant_just_reported(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "A new glass factory was built in Lyon. "
        "Its capacity will be 90,000 tonnes a year. "
        "The Norwegian company Vitrum has opened the factory.",
    )
    assert [e.type for e in events].count("INVESTMENT") == 1


def test_nominal_works_on_a_site_are_investments(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "A project is being implemented to drill four wells in the “Tamdy” gas field. "
        "The commissioning of a pumping station at the “Akbulak” field in May allowed more output.",
    )
    inv = [e for e in events if e.type == "INVESTMENT"]
    assert len(inv) == 2
    assert {e.location for e in inv} and all(e.location for e in inv)


def test_development_of_fields_under_an_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Under the agreement between Uzbekneftegaz and Sinopec, the development of 12 gas fields "
        "is being carried out.",
    )
    types = {e.type for e in events}
    assert {"AGREEMENT", "INVESTMENT"} <= types


def test_joint_statement_is_a_second_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "On May 3, the sides recalled that the Joint Declaration on friendship between "
        "Kazakhstan and Mongolia showed the level of relations. "
        "They stressed the significance of the Joint Statement on a strategic partnership "
        "between Kazakhstan and Mongolia.",
    )
    agreements = [e for e in events if e.type == "AGREEMENT"]
    assert len(agreements) == 2


# Within an article, agreements are told apart by the documents they name (decision 019).
AGREEMENT_IDENTITY = [
    # a single document and a lot of them
    (
        "The presidents of Finland and Estonia signed a joint statement on their partnership. "
        "Twelve documents on trade and transport were also signed by Finland and Estonia.",
        2,
    ),
    # a later document introduced anew
    (
        "Finland and Estonia signed a memorandum on ferry links. "
        "Finland and Estonia also signed an agreement on customs cooperation.",
        2,
    ),
    # the same document noun introduced anew with "also"
    (
        "Finland and Estonia signed an agreement on ferry links. "
        "The presidents also signed an agreement between the customs services of Finland "
        "and Estonia on mutual recognition of inspections.",
        2,
    ),
    # a single document and a lot coordinated with it, in one sentence
    (
        "The presidents of Finland and Estonia signed a joint statement and 12 other "
        "documents on trade.",
        2,
    ),
    (
        "On Tuesday the presidents of Finland and Estonia signed a statement on deepening "
        "their partnership, as well as several other documents.",
        2,
    ),
    # other documents an agreement is about, not other agreements
    (
        "Finland and Estonia signed an agreement on the mutual recognition of diplomas and "
        "other documents.",
        1,
    ),
    (
        "Finland and Estonia signed an agreement on the exchange of archives, maps and other "
        "documents.",
        1,
    ),
    # "also" with the same topic: another party to it, or the agreement retold
    (
        "Finland signed an agreement on trade with Estonia. Finland also signed an agreement "
        "on trade with Estonia, the minister said.",
        1,
    ),
    # other documents not (yet) signed
    (
        "Finland and Estonia signed an agreement on trade, and other documents are being prepared.",
        1,
    ),
    # "the agreement" points back to the one signed
    (
        "Finland and Estonia signed an agreement on ferry links. "
        "Finland and Estonia said the agreement will cut travel times.",
        1,
    ),
    # a raise of status in another sentence is not the signing
    (
        "Finland and Estonia upgraded their relations to a strategic partnership. "
        "The presidents of Finland and Estonia signed a joint statement on energy.",
        2,
    ),
    # a joint document named within a lot, in one sentence
    (
        "Finland and Estonia signed 14 documents on trade and transport, including a Joint "
        "Statement on further deepening their relations.",
        2,
    ),
    # an earlier declaration and a new statement, in one sentence
    (
        "The talks followed the Joint Declaration signed by Finland and Estonia in July 2023, "
        "which was built upon today with a Joint Statement on a strategic partnership.",
        2,
    ),
    # the statement the lot's sentence points back to is the one signed
    (
        "The presidents of Finland and Estonia signed a Joint Statement on energy, and the "
        "Joint Statement was published the same day.",
        1,
    ),
]


@pytest.mark.parametrize(("text", "n"), AGREEMENT_IDENTITY)
def test_agreements_are_told_apart_by_their_documents(
    analyse: Any, components: list[Any], text: str, n: int
) -> None:
    events, _ = _events(analyse, components, text)
    assert len([e for e in events if e.type == "AGREEMENT"]) == n


def test_a_document_signed_under_its_title_is_an_agreement(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "The president of Peru paid a state visit to Chile. The high point of the visit was "
        "the signing of the Joint Statement on Deepening the Comprehensive Strategic "
        "Partnership.",
    )
    assert [e for e in events if e.type == "AGREEMENT"]


def test_a_second_change_of_trade_with_its_own_period_is_a_second_figure(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile grew by 7% in 2023 to $4 billion and expanded by "
        "another 17% from January to September 2024.",
    )
    trade = sorted((e for e in events if e.type == "TRADE"), key=lambda e: e.start)
    assert len(trade) == 2
    assert trade[0].amount_usd == 4e9 and trade[1].amount_usd is None
    assert (trade[1].date or "").startswith("2024")


@pytest.mark.parametrize(
    "text",
    [
        "Trade between Peru and Chile grew by 7% to $4 billion, and increased a further 12% "
        "since then.",
        "Trade between Peru and Chile grew by 7% to $4 billion. It also increased by another "
        "12 percent since then, the minister said.",
    ],
)
def test_a_further_change_of_trade_is_a_second_figure_without_a_period(
    analyse: Any, components: list[Any], text: str
) -> None:
    events, _ = _events(analyse, components, text)
    trade = sorted((e for e in events if e.type == "TRADE"), key=lambda e: e.start)
    assert len(trade) == 2
    assert trade[0].amount_usd == 4e9 and trade[1].amount_usd is None


def test_the_later_figures_period_is_not_the_first_ones(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile grew by 7% to $4 billion and expanded by another 17% "
        "from January to September 2024.",
    )
    trade = sorted((e for e in events if e.type == "TRADE"), key=lambda e: e.start)
    assert len(trade) == 2
    assert trade[0].period is None and not (trade[0].date or "").startswith("2024")
    assert (trade[1].date or "").startswith("2024")


def test_a_pronoun_changing_without_another_figure_is_no_second_figure(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile grew by 7% to $4 billion. It increased steadily, the "
        "minister said.",
    )
    assert len([e for e in events if e.type == "TRADE"]) == 1


def test_one_change_of_trade_is_one_figure(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile grew by 7% in 2023 and reached $4 billion.",
    )
    assert len([e for e in events if e.type == "TRADE"]) == 1


def test_costed_stages_of_a_project_are_investments_of_their_own(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile will build a car plant in Lima. As part of the second stage of the "
        "project, worth $300 million, production will increase to 200 thousand cars per year, "
        "and within the third stage, worth $500 million, to 500 thousand cars.",
    )
    stages = sorted(
        e.amount_usd for e in events if e.type == "INVESTMENT" and e.trigger in ("stage", "phase")
    )
    assert stages == [3e8, 5e8]
    assert all(e.participants for e in events if e.type == "INVESTMENT" and e.trigger == "stage")


def test_a_stage_with_no_cost_is_no_investment_of_its_own(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile will build a car plant in Lima. The second stage will follow next year.",
    )
    assert not [e for e in events if e.type == "INVESTMENT" and e.trigger == "stage"]


def test_joint_study_is_not_an_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse, components, "Kazakhstan and Mongolia will carry out a joint study of the river."
    )
    assert not [e for e in events if e.type == "AGREEMENT"]


def test_amount_is_the_events_own_not_the_comparison(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Compared with $31 million a year earlier, trade between Kazakhstan and Mongolia "
        "reached $52 million in 2023.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert trade
    assert trade[0].amount_usd == 52_000_000


def test_trailing_headline_list_is_not_read(analyse: Any, components: list[Any]) -> None:
    text = (
        "Norway and Iceland signed a fisheries agreement in Oslo on Monday.\n\n\n"
        "Volvo Chief to Meet Renault Board in Paris Over Merger Plan\n"
        "Flooding Closes Highway Bridge Across Northern Valley\n"
    )
    events, _ = _events(analyse, components, text)
    types = [e.type for e in events]
    assert "AGREEMENT" in types
    assert "MEETING" not in types


def test_relative_clause_describing_a_person_is_no_event(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Portuguese adviser Rui Mota, who oversees the construction of ports, spoke in Lisbon.",
    )
    assert "INVESTMENT" not in {e.type for e in events}


def test_office_title_is_no_event(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chile's Minister of Construction and Housing Ana Soto arrived in Lima.",
    )
    assert "INVESTMENT" not in {e.type for e in events}


def test_relations_built_on_trust_are_no_construction(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Relations between Ghana and Togo have always been built on trust.",
    )
    assert "INVESTMENT" not in {e.type for e in events}


def test_plant_built_by_a_company_is_construction(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Siemens built a turbine plant in Egypt last year.",
    )
    assert "INVESTMENT" in {e.type for e in events}


def test_capacity_to_supply_is_no_trade(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The proposed cable would cross Denmark and be capable of supplying 2 GW to Germany.",
    )
    assert "TRADE" not in {e.type for e in events}


def test_visiting_a_building_is_no_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Swedish minister Lars Berg visited a museum in Riga.",
    )
    assert "MEETING" not in {e.type for e in events}


def test_visiting_a_city_is_a_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Swedish Prime Minister Lars Berg visited the city of Riga on Tuesday.",
    )
    assert "MEETING" in {e.type for e in events}


def test_a_state_invested_in_an_outcome_is_no_investment(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Brazil would be no neutral mediator because it is invested in Argentina's success.",
    )
    assert "INVESTMENT" not in {e.type for e in events}


def test_body_ends_before_a_trailing_headline_list() -> None:
    from silkgraph.extract.events import _body_end

    body = "Norway and Iceland signed a fisheries agreement in Oslo on Monday.\n\n\n"
    tail = (
        "Volvo Chief to Meet Renault Board in Paris Over Merger Plan\n"
        "Flooding Closes Highway Bridge Across Northern Valley\n"
    )
    assert _body_end(body + tail) == len(body)
    # One unpunctuated closing line is not a list of other stories.
    one = body + "Flooding Closes Highway Bridge Across Northern Valley\n"
    assert _body_end(one) == len(one)


def test_the_meeting_mentioned_again_is_one_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Polish President Jan Nowak met with Czech President Petr Dvorak in Prague on May 3. "
        "A newspaper reported on May 4 that Nowak had wanted to raise energy prices with "
        "Slovakia during the meeting.",
    )
    assert [e.type for e in events].count("MEETING") == 1


def test_an_announced_agreement_is_an_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The agreement, announced by Chilean Prime Minister Ana Soto during her visit to "
        "Lima, opens the border to copper trucks.",
    )
    assert "AGREEMENT" in {e.type for e in events}


@pytest.mark.parametrize(
    ("text", "agreement"),
    [
        ("Chile and Peru approved a joint action plan for their border trade.", True),
        ("The leaders of Chile, Peru and Bolivia adopted the roadmap of a trade corridor.", True),
        ("A programme of the corridor was adopted by Chile and Peru.", True),
        # Adopting what is no plan of the parties: no agreement.
        ("Chile and Peru adopted a cautious tone on copper prices.", False),
        # Documents exchanged are signed; letters and views exchanged are not.
        (
            "Chile and Peru held talks in Lima. The two presidents witnessed the exchange of "
            "more than 20 cooperation documents.",
            True,
        ),
        ("Chile and Peru held talks in Lima. The two sides exchanged 12 agreements.", True),
        ("Chile and Peru held talks in Lima. The two presidents exchanged letters.", False),
        ("Chile and Peru held talks in Lima. The ministers had an exchange of views.", False),
    ],
)
def test_a_plan_adopted_or_documents_exchanged_are_an_agreement(
    analyse: Any, components: list[Any], text: str, agreement: bool
) -> None:
    events, _ = _events(analyse, components, text)
    assert ("AGREEMENT" in {e.type for e in events}) is agreement


def test_agreements_achieved_are_reached(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chile and Peru held talks in Lima. The parties have already achieved certain agreements.",
    )
    assert [e.trigger for e in events if e.type == "AGREEMENT"] == ["agreements"]


def test_agreements_in_general_are_no_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "She hoped that agreements reached at the fair would bring new prospects for Chile.",
    )
    assert "AGREEMENT" not in {e.type for e in events}


def test_raising_relations_to_a_partnership_is_an_agreement(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chile and Peru upgraded their relations to a comprehensive strategic partnership.",
    )
    assert "AGREEMENT" in {e.type for e in events}


def test_raising_an_issue_of_partnership_is_no_agreement(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chile will raise the issue of partnership with Peru at the trade fair in Lima.",
    )
    assert "AGREEMENT" not in {e.type for e in events}


def test_summit_of_a_named_body_is_a_forum(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The deals were signed during a meeting between Polish President Jan Nowak and Czech "
        "President Petr Dvorak on the sidelines of the Visegrad Group summit in Prague.",
    )
    assert {"AGREEMENT", "MEETING", "FORUM"} <= {e.type for e in events}


def test_the_state_visit_told_again_is_one_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Polish President Jan Nowak arrived in Prague on a state visit to the Czech Republic "
        "on May 3. Exports of coal were on the agenda. Nowak described his visit as historic.",
    )
    assert [e.type for e in events].count("MEETING") == 1


def test_two_mentions_of_a_visit_sharing_its_visitor_are_one(nlp: Any) -> None:
    from silkgraph.extract.events import Draft, _same

    doc = nlp("Nowak began a state visit to Prague. Horak praised the visit and the talks.")
    first, again = (t for t in doc if t.lower_ == "visit")
    talks = next(t for t in doc if t.lower_ == "talks")
    visit = Draft("MEETING", first, first.sent, participants=["nowak", "prague"])
    praised = Draft("MEETING", again, again.sent, participants=["nowak", "horak"])
    assert _same(visit, praised)
    # Talks that share one party with the visit may be another meeting of it.
    other = Draft("MEETING", talks, talks.sent, participants=["nowak", "horak"])
    assert not _same(visit, other)


def test_a_visit_to_a_city_and_to_its_country_is_one_meeting(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Polish President Jan Nowak arrived in the Czech Republic for a state visit. "
        "Exports of coal were on the agenda. Nowak will hold talks with Czech President "
        "Petr Dvorak in Prague on Friday. Nowak described the visit to the Czech Republic as "
        "historic.",
    )
    meetings = [e for e in events if e.type == "MEETING"]
    assert len(meetings) == 1
    assert meetings[0].location is not None


def test_drafts_in_a_city_and_in_its_country_are_compatible(nlp: Any) -> None:
    from silkgraph.extract.events import Draft, _conflict

    doc = nlp("Nowak visited Poland. Nowak signed deals.")
    visit, signed = (t for t in doc if t.lower_ in ("visited", "signed"))
    city = Draft("MEETING", visit, visit.sent, location="warsaw", location_in="poland")
    country = Draft("MEETING", visit, visit.sent, location="poland")
    assert not _conflict(city, country) and not _conflict(country, city)
    other = Draft("MEETING", visit, visit.sent, location="krakow", location_in="poland")
    assert _conflict(city, other)
    # Agreements signed in a capital and in the country are more often two packages.
    deals = Draft("AGREEMENT", signed, signed.sent, location="warsaw", location_in="poland")
    assert _conflict(deals, Draft("AGREEMENT", signed, signed.sent, location="poland"))


def test_meetings_with_different_people_in_one_article_are_two(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Polish President Jan Nowak held talks with Czech President Petr Dvorak in Prague on "
        "May 3. Nowak also met Czech Prime Minister Karel Horak.",
    )
    assert [e.type for e in events].count("MEETING") == 2


def test_a_report_joined_late_still_joins_what_it_bridges(nlp: Any) -> None:
    from silkgraph.extract.events import Draft, merge_within

    doc = nlp("Nowak began a visit. Nowak met Dvorak on May 3. The visit to Prague ended.")
    began, met, ended = (t for t in doc if t.lower_ in ("visit", "met"))
    first = Draft("MEETING", began, began.sent, participants=["nowak", "poland"])
    talks = Draft("MEETING", met, met.sent, participants=["nowak", "dvorak", "czechia"])
    talks.date = "2024-05-03"
    # The last report shares two parties with each: it joins the first, which then holds
    # what the talks share with it.
    last = Draft("MEETING", ended, ended.sent, participants=["nowak", "dvorak", "poland"])
    last.date = "2024-05-03"
    merged = merge_within([first, talks, last])
    assert len(merged) == 1


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The signing ceremony was attended by the prime minister.", "AGREEMENT"),
        ("The commencement ceremony of the railway project was held on Friday.", "INVESTMENT"),
        ("The opening ceremony of the new bridge took place in May.", "INVESTMENT"),
        ("The ceremony was attended by the prime minister.", None),
    ],
)
def test_a_ceremony_is_of_the_event_its_words_name(nlp: Any, text: str, etype: str | None) -> None:
    from silkgraph.extract.events import _ceremony_type

    doc = nlp(text)
    ceremony = next(t for t in doc if t.lower_ == "ceremony")
    assert _ceremony_type(ceremony, []) == etype


def test_strengthening_a_partnership_is_no_cooperation(analyse: Any, components: list[Any]) -> None:
    """A partnership is what the relations are (raised to one, it is an agreement);
    strengthening it tells of no joint work."""
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile will further strengthen and develop their strategic partnership.",
    )
    assert "COOPERATION" not in {e.type for e in events}
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile will further strengthen their cooperation in copper mining.",
    )
    assert "COOPERATION" in {e.type for e in events}


def test_what_something_is_called_is_no_event(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru's president called the railway the world's biggest construction project.",
    )
    assert not events


@pytest.mark.parametrize(
    ("text", "n"),
    [
        (
            "Peru and Chile agreed to expand energy cooperation. The two sides will also "
            "deepen cooperation in medicine and education.",
            2,
        ),
        (
            "Peru and Chile agreed to expand bilateral cooperation. The two sides will also "
            "deepen their comprehensive cooperation in all areas.",
            1,
        ),
        (
            "Peru and Chile agreed to expand energy cooperation. The two sides will also "
            "deepen cooperation in energy and mining.",
            1,
        ),
        # Joint projects tell what a cooperation does, not which one it is.
        (
            "Peru is expanding industrial cooperation with Chile. The two sides will develop "
            "joint projects in energy and engineering.",
            1,
        ),
    ],
)
def test_cooperation_in_different_fields_is_two_threads(
    analyse: Any, components: list[Any], text: str, n: int
) -> None:
    events, _ = _events(analyse, components, text)
    assert [e.type for e in events].count("COOPERATION") == n


def test_joining_until_nothing_joins_stays_quadratic(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article with many events that never join costs one pass over the pairs to
    collect them and one to find nothing more to join, not a pass per event."""
    from silkgraph.extract import events as ev

    calls = 0

    def never(a: Any, b: Any) -> bool:
        nonlocal calls
        calls += 1
        return False

    monkeypatch.setattr(ev, "_same", never)
    doc = nlp("Nowak met Dvorak.")
    drafts = [ev.Draft("MEETING", doc[1], doc[:]) for _ in range(60)]
    assert len(ev.merge_within(drafts)) == 60
    assert calls == 60 * 59  # n(n-1)/2 while collecting, the same again in one pass


def test_signing_a_car_is_no_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chilean President Ana Soto signs the first car made at the new plant in Lima.",
    )
    assert "AGREEMENT" not in {e.type for e in events}


def test_concluding_a_visit_is_no_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chilean President Ana Soto will conclude the visit to Peru by meeting reporters.",
    )
    assert "AGREEMENT" not in {e.type for e in events}


def test_receiving_oil_is_no_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Officials in Lima say Peru received half of Chile's copper shipments in 2022.",
    )
    assert "MEETING" not in {e.type for e in events}


def test_receiving_a_minister_is_a_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peruvian President Luis Vega received Chilean Foreign Minister Ana Soto in Lima.",
    )
    assert "MEETING" in {e.type for e in events}


def test_talks_with_one_named_party_take_the_other_from_the_article(
    analyse: Any, components: list[Any]
) -> None:
    events, result = _events(
        analyse,
        components,
        "Chilean President Ana Soto arrived in Lima on Monday. Soto met Peruvian President "
        "Luis Vega on March 3. Luis Vega praised the port. On March 5, Vega held talks on "
        "fisheries.",
    )
    talks = [e for e in events if e.type == "MEETING" and "fisheries" in e.evidence]
    assert len(talks) == 1
    assert {"Ana Soto", "Luis Vega"} <= _names(result, talks[0].participants)


def test_trade_in_a_list_of_fields_is_no_trade(analyse: Any, components: list[Any]) -> None:
    """The fields a package of agreements covers are not a trade figure; trade worth a sum
    on its own is."""
    events, _ = _events(
        analyse,
        components,
        "Poland and Lithuania signed agreements worth $5 billion in trade, investment, "
        "and financial and technical cooperation.",
    )
    types = {e.type for e in events}
    assert "AGREEMENT" in types and "TRADE" not in types
    events, _ = _events(
        analyse, components, "Trade between Poland and Lithuania reached $5 billion in 2023."
    )
    assert "TRADE" in {e.type for e in events}


def test_a_festival_is_no_forum(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "President Karl Saar was the first foreign leader received during the annual "
        "Midsummer Festival in Helsinki.",
    )
    assert "FORUM" not in {e.type for e in events}
    events, _ = _events(
        analyse, components, "The annual Baltic Economic Forum opened in Helsinki on Monday."
    )
    assert "FORUM" in {e.type for e in events}


def test_a_person_named_by_a_countrys_office_joins_the_event(
    analyse: Any, components: list[Any]
) -> None:
    """ "The Finnish leader" is the one person the article gives Finland's top office (the
    roles component, which runs before events in the pipeline, reads the offices)."""
    with_roles = [*components[:-1], RolesComponent(), components[-1]]
    _, result = _events(
        analyse,
        with_roles,
        "Finnish President Karl Saar arrived in Tallinn on Monday. "
        "Estonian Prime Minister Anna Berg welcomed him at the airport. "
        "The Finnish leader is scheduled to hold talks on Tuesday with Estonian officials.",
    )
    talks = [e for e in result.events if e.type == "MEETING" and "talks" in e.evidence]
    assert talks, [(e.type, e.evidence) for e in result.events]
    assert "Karl Saar" in _names(result, talks[0].participants)


@pytest.mark.parametrize(
    "text",
    [
        "Finland, Estonia and Latvia signed a development plan to build an economic corridor.",
        "Finland, Estonia and Latvia agree to establish an economic corridor.",
        "The presidents agreed to build up an all-weather partnership between their countries.",
        "Estonia took part in the building of the Baltic Connectivity Initiative.",
        "Finland stressed the importance of building political trust between the two countries.",
    ],
)
def test_building_ties_or_programmes_is_no_investment(
    analyse: Any, components: list[Any], text: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert "INVESTMENT" not in {e.type for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Finland and Estonia will build a transport corridor between Helsinki and Tallinn.",
        "Finland and Estonia agreed to build a car plant in Tartu.",
        "Estonia welcomed the construction of the Helsinki-Tallinn railway by Finland.",
    ],
)
def test_building_works_is_an_investment(analyse: Any, components: list[Any], text: str) -> None:
    events, _ = _events(analyse, components, text)
    assert "INVESTMENT" in {e.type for e in events}


def test_a_goal_with_a_deadline_is_a_target(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile approved a joint action plan aimed at increasing bilateral trade "
        "2.5 times by 2030.",
    )
    assert "TARGET" in {e.type for e in events}


def test_a_figure_in_a_clause_of_its_own_beside_a_target(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile stood at $4.2 billion in 2023, and the two ministers "
        "now speak of a $9 billion target.",
    )
    by_type = {e.type: e for e in events}
    assert by_type["TRADE"].amount_usd == 4.2e9 and by_type["TRADE"].date == "2023"
    assert by_type["TARGET"].amount_usd == 9e9


def test_a_figure_inside_a_targets_clause_is_the_targets(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile aim to raise bilateral trade to $9 billion by 2030.",
    )
    assert [e.type for e in events] == ["TARGET"]


def test_approving_agreements_is_an_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse, components, "Delegations of Peru and Chile approved 27 agreements in Lima."
    )
    (agreement,) = [e for e in events if e.type == "AGREEMENT"]
    assert agreement.count == 27


def test_a_floor_and_the_exact_count_are_one_package(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile have signed more than 20 cooperation agreements. Peru and Chile "
        "signed 27 agreements during the visit to Lima.",
    )
    assert [e.count for e in events if e.type == "AGREEMENT"] == [27]
    apart, _ = _events(
        analyse,
        components,
        "Peru and Chile have signed 20 cooperation agreements. Peru and Chile "
        "signed 27 agreements during the visit to Lima.",
    )
    assert sorted(e.count for e in apart if e.type == "AGREEMENT") == [20, 27]


def test_the_exchange_of_documents_is_no_statement_signed_before(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "The presidents of Peru and Chile signed a joint statement on a strategic "
        "partnership. The two leaders witnessed the exchange of more than 20 documents "
        "covering trade and transport.",
    )
    agreements = [e for e in events if e.type == "AGREEMENT"]
    assert sorted(e.count or 0 for e in agreements) == [0, 20]


def test_documents_counted_with_no_party_take_the_countries_of_the_demonyms(
    analyse: Any, components: list[Any]
) -> None:
    events, result = _events(
        analyse,
        components,
        "Peruvian President Ana Ruiz and Chilean leader Jose Vidal held talks in Lima. "
        '"The heads of state signed a joint declaration. Fifteen documents were also '
        'signed during the visit," the statement said.',
    )
    counted = [e for e in events if e.type == "AGREEMENT" and e.count == 15]
    assert len(counted) == 1
    assert {"Peru", "Chile"} <= _names(result, counted[0].participants)


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The presidents of Peru and Chile want turnover to climb to $30 billion.", "TARGET"),
        ("Analysts expect Peru-Chile trade to climb to $30 billion.", "TRADE"),
        (
            "Peru and Chile are planning to increase the volume of grain exports to Chile "
            "to 1 million tons a year.",
            "TRADE",
        ),
    ],
)
def test_a_wanted_figure_is_a_target_and_a_forecast_is_not(
    analyse: Any, components: list[Any], text: str, etype: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert [e.type for e in events] == [etype]


def test_a_years_turnover_with_no_party_is_the_articles_pair(
    analyse: Any, components: list[Any]
) -> None:
    events, result = _events(
        analyse,
        components,
        "Peru and Chile signed a memorandum on railways in Lima. The ministers also "
        "discussed ports. Turnover reached $4.4 billion in 2023, officials said.",
    )
    (trade,) = [e for e in events if e.type == "TRADE"]
    assert trade.amount_usd == 4.4e9 and trade.date == "2023"
    assert {"Peru", "Chile"} <= _names(result, trade.participants)
    undated, _ = _events(
        analyse,
        components,
        "Peru and Chile signed a memorandum on railways in Lima. The ministers also "
        "discussed ports. Turnover reached $4.4 billion, officials said.",
    )
    assert "TRADE" not in {e.type for e in undated}


def test_pumping_gas_is_trade_and_pumping_money_is_not(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse, components, "Peru has been pumping gas to Chile since November 2022."
    )
    (trade,) = [e for e in events if e.type == "TRADE"]
    assert _names(result, [trade.exporter or ""]) == {"Peru"}
    money, _ = _events(analyse, components, "Peru will pump more investment into Chile.")
    assert "TRADE" not in {e.type for e in money}


def test_the_year_a_signings_sum_is_compared_with_is_not_its_date(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile signed 311 agreements worth $50 billion at the forum, compared with "
        "$60 billion at last year's event.",
    )
    (agreement,) = [e for e in events if e.type == "AGREEMENT"]
    assert agreement.date != "2023"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Peru-Chile gas pipeline was put into operation in December 2019.", True),
        ("The Peru-Chile logistics base in Lima went into service in 2014.", True),
        ("The Peru-Chile trade agreement came into force in 2020.", False),
    ],
)
def test_a_facility_put_into_operation_is_its_works_completed(
    analyse: Any, components: list[Any], text: str, found: bool
) -> None:
    events, _ = _events(analyse, components, text)
    assert ("INVESTMENT" in {e.type for e in events}) is found


def test_it_with_a_sum_for_another_period_is_the_trade_told_before(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile reached $26.1 billion in 2022. In January-September "
        "2023 it reached $19.5 billion, up 3.4% year on year. It was a good year.",
    )
    trade = sorted((e.date, e.amount_usd) for e in events if e.type == "TRADE")
    assert trade == [("2022", 26.1e9), ("2023", 19.5e9)]


def test_a_person_flying_to_a_capital_is_a_visit(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse, components, "In February 2022 President Ana Ruiz flew to Lima for talks."
    )
    (meeting,) = [e for e in events if e.type == "MEETING"]
    assert "Ana Ruiz" in _names(result, meeting.participants)
    goods, _ = _events(analyse, components, "Chilean cherries flew to Lima in February 2022.")
    assert "MEETING" not in {e.type for e in goods}


def test_a_visit_that_produced_a_treaty_is_a_signing(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The visit of the Peruvian president to Chile in 2019 produced a partnership treaty.",
    )
    assert "AGREEMENT" in {e.type for e in events}
    talks, _ = _events(
        analyse, components, "The talks between Peru and Chile produced good results."
    )
    assert "AGREEMENT" not in {e.type for e in talks}


def test_a_goal_for_a_flow_of_goods_is_planned_trade(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Chile is building a new pipeline, with the goal of increasing gas supply to Peru to "
        "11 billion cubic meters by 2025.",
    )
    types = {e.type: e for e in events}
    assert "TARGET" not in types
    assert types["TRADE"].modality == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Construction was completed on the first road bridge between Peru and Chile last week.",
        "The President of Peru noted the opening of the third checkpoint on the border with Chile.",
        "Russia, China open cross-border bridge as ties deepen",
    ],
)
def test_works_completed_or_opened_are_investments(
    analyse: Any, components: list[Any], text: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert "INVESTMENT" in {e.type for e in events}


def test_a_trade_figure_is_the_pairs_it_is_bound_to(analyse: Any, components: list[Any]) -> None:
    events, result = _events(
        analyse,
        components,
        "China's trade with Russia rose 26% to $240 billion in 2023, customs data from Japan "
        "showed.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert trade
    names = _names(result, trade[0].participants)
    assert {"China", "Russia"} <= names
    assert "Japan" not in names


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The presidents of Finland and Estonia signed 15 documents on trade.", "lot"),
        ("Finland and Estonia witnessed the signing of 29 agreements on energy.", "lot"),
        ("The presidents of Finland and Estonia signed a joint statement on energy.", "single"),
        ("Finland and Estonia signed an agreement on ferry links.", "single"),
        # The signing told by a word on the documents.
        ("Finland and Estonia will exchange around 15 inked documents.", "lot"),
        ("Documents signed by the presidents of Finland and Estonia on trade.", "lot"),
    ],
)
def test_an_agreement_says_whether_it_is_a_lot_of_documents(
    analyse: Any, components: list[Any], text: str, kind: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert [e.document for e in events if e.type == "AGREEMENT"] == [kind]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Trade between Peru and Chile reached $5 billion in 2023.", "two-way"),
        ("Exports from Peru to Chile rose 12% to $2 billion in 2023.", "one-way"),
        ("Peru's imports from Chile fell 4% in 2023.", "one-way"),
    ],
)
def test_a_trade_figure_says_what_it_measures(
    analyse: Any, components: list[Any], text: str, measure: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert [e.measure for e in events if e.type == "TRADE"] == [measure]


@pytest.mark.parametrize(
    "text",
    [
        "Putin arrived in Lima ahead of a meeting of the Pacific Alliance's Security Council.",
        "Peru invited Chile to the informal APEC leaders' meeting in Lima next December.",
    ],
)
def test_a_meeting_of_a_body_is_a_gathering(analyse: Any, components: list[Any], text: str) -> None:
    events, _ = _events(analyse, components, text)
    assert "FORUM" in {e.type for e in events}


def test_a_meeting_of_two_delegations_is_a_meeting(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "The presidents of Peru and Chile held a meeting of the two countries' delegations.",
    )
    types = {e.type for e in events}
    assert "MEETING" in types and "FORUM" not in types


def test_a_second_change_told_as_a_noun_is_a_second_figure(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "The sides hailed a 20 percent increase in trade turnover between Peru and Chile last "
        "year, reaching $3.7 billion, and an almost 40 percent growth in trade turnover in the "
        "first three months of this year.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert len(trade) == 2
    assert {e.period for e in trade} == {"2023", "2024-01/2024-03"}


def test_a_change_noun_of_the_figure_itself_is_one_figure(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile reached $3.7 billion last year, a 20 percent increase.",
    )
    assert len([e for e in events if e.type == "TRADE"]) == 1


def test_supplies_as_part_of_a_projects_works_are_no_trade(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "The agreement stipulates that Peru and Chile will jointly finance the design, "
        "construction, as well as the supply of goods and services of the railway line.",
    )
    assert "TRADE" not in {e.type for e in events}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Over the years, trilateral cooperation between Peru, Chile and Bolivia has "
            "delivered solid achievements.",
            "TRADE",
        ),
        (
            "Peru accounted for 22.6% of Chile's foreign trade, with mutual trade volume "
            "growing by 7.1% in 2023 to reach $1.5 billion.",
            "TARGET",
        ),
        (
            "Our president will meet the leadership of Lima province, the capital of "
            "which is Lima, and the governor of Cusco.",
            "INVESTMENT",
        ),
    ],
)
def test_figurative_deliveries_results_and_capitals_are_not_events(
    analyse: Any, components: list[Any], text: str, absent: str
) -> None:
    events, _ = _events(analyse, components, text)
    assert absent not in {e.type for e in events}


def test_a_supply_of_named_goods_beside_works_is_trade(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Peru and Chile signed contracts for the construction of a plant to produce electrical "
        "equipment, and the supply of sunflower oil and camel milk powder.",
    )
    assert "TRADE" in {e.type for e in events}


def test_a_guessed_day_never_keeps_two_reports_of_a_meeting_apart(nlp: Any) -> None:
    """A second mention of a visit dated only by the day its statement was reported joins
    the visit the article dated; a second dated visit on another day stays apart."""
    from silkgraph.extract.events import Draft, merge_within

    doc = nlp("Ruiz visited Chile. Soto praised the visit. Ruiz visited Chile again.")
    sents = list(doc.sents)

    def draft(sent: Any, date: str, guessed: bool) -> Draft:
        trig = next(t for t in sent if t.lemma_ == "visit")
        return Draft(
            "MEETING",
            trig,
            sent,
            participants=["ruiz", "chile"],
            date=date,
            date_guessed=guessed,
        )

    told = draft(sents[0], "2024-02-26", False)
    merged = merge_within([told, draft(sents[1], "2024-03-05", True)])
    assert len(merged) == 1 and merged[0].date == "2024-02-26"
    apart = merge_within(
        [draft(sents[0], "2024-02-26", False), draft(sents[2], "2024-03-05", False)]
    )
    assert len(apart) == 2


def test_concluding_a_programme_is_no_agreement(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "A state reception for the delegations of Peru and Chile will conclude the bilateral "
        "program.",
    )
    assert "AGREEMENT" not in {e.type for e in events}
    events, _ = _events(analyse, components, "Peru and Chile concluded a free trade agreement.")
    assert "AGREEMENT" in {e.type for e in events}


@pytest.mark.parametrize("marker", ["READ MORE:", "Also read:", "Related -", "SEE ALSO |"])
def test_a_link_to_another_story_makes_no_event(
    analyse: Any, components: list[Any], marker: str
) -> None:
    text = (
        "Kazakhstan and China signed an agreement on grain exports in Astana on Monday.\n"
        f"{marker} Russia will host the Eastern Economic Forum in Vladivostok in September.\n"
        "The two ministers also discussed transit by rail.\n"
    )
    events, _ = _events(analyse, components, text)
    assert "FORUM" not in {e.type for e in events}
    assert "AGREEMENT" in {e.type for e in events}
    # The same line without its marker is a sentence of the article: its forum counts.
    plain, _ = _events(analyse, components, text.replace(marker + " ", ""))
    assert "FORUM" in {e.type for e in plain}


def test_teaser_lines() -> None:
    from silkgraph.extract.context import teaser_lines

    text = "Body text.\nREAD MORE: Other story\nReadmore is not a marker\nRelated\nПодробнее читайте тут\n"
    spans = teaser_lines(text, ["read more", "related"], ["читайте"])
    assert [text[a:b].strip() for a, b in spans] == [
        "READ MORE: Other story",
        "Related",
        "Подробнее читайте тут",
    ]
    # "Relatedly, ..." opens with the marker's letters but is prose.
    assert teaser_lines("Relatedly, trade grew.\n", ["related"]) == []


@pytest.mark.parametrize(
    ("text", "etype", "edition"),
    [
        ("The president will open the 8th China-Russia Expo in Harbin on Friday.", "FORUM", 8),
        (
            "The 16th summit of the Shanghai Cooperation Organization opened in Tashkent.",
            "FORUM",
            16,
        ),
        (
            "The presidents of Mongolia, China and Russia held their third trilateral meeting "
            "in Tashkent.",
            "MEETING",
            3,
        ),
        ("The presidents of Mongolia and Russia held talks in Tashkent.", "MEETING", None),
    ],
)
def test_a_gathering_knows_its_edition(
    analyse: Any, components: list[Any], text: str, etype: str, edition: int | None
) -> None:
    events, _ = _events(analyse, components, text)
    [ev] = [e for e in events if e.type == etype]
    assert ev.edition == edition


def test_ordinal_numbers() -> None:
    from silkgraph.extract.numbers import ordinal_number

    assert [ordinal_number(w) for w in ("first", "Third", "8th", "21st", "eight", "")] == [
        1,
        3,
        8,
        21,
        None,
        None,
    ]


def test_figures_of_two_country_pairs_are_two_events(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Chile and Peru rose 5% in 2023. Trade between Bolivia and Chile also "
        "grew in 2023.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert len(trade) == 2
    assert all(len(e.participants) == 2 for e in trade)


def test_the_year_a_record_is_counted_from_is_no_figures_period(
    analyse: Any, components: list[Any]
) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Bolivia and Chile fell for the first time since 2019.",
    )
    trade = [e for e in events if e.type == "TRADE"]
    assert trade and all(e.period != "2019" and e.date != "2019" for e in trade)


def test_a_figure_over_months_of_a_year_is_that_years(analyse: Any, components: list[Any]) -> None:
    events, _ = _events(
        analyse,
        components,
        "Trade between Peru and Chile increased to $10.1 billion in the first 11 months of "
        "2023, a year-on-year rise of 53 percent.",
    )
    [trade] = [e for e in events if e.type == "TRADE"]
    assert (trade.date, trade.period) == ("2023", "2023-01/2023-11")


def test_a_page_clock_is_not_the_day_of_an_undated_signing(
    analyse: Any, components: list[Any]
) -> None:
    # The page's display clock stands on a line of its own; the signing took no day of its
    # own, so it takes the day the article's prose names most often, else publication.
    text = (
        "11/21/2024 11:45:43 pm\n\n"
        "Peru and Chile signed a free trade agreement in Lima, the ministers said.\n"
    )
    result = analyse(text, "2016-07-06", *components)
    [deal] = [e for e in result.events if e.type == "AGREEMENT"]
    assert deal.date == "2016-07-06"
