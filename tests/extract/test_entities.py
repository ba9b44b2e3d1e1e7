"""Entities from invented sentences: spans the model cuts, merges or mistypes."""

from __future__ import annotations

import pytest

from silkgraph.extract.entities import (
    Candidate,
    EntityComponent,
    _credit_pair,
    _headline_words,
    _vote,
)
from silkgraph.extract.pipeline import Analysis
from silkgraph.model import Document, Extraction


@pytest.fixture(scope="module")
def component() -> EntityComponent:
    return EntityComponent()


def _ents(analyse, component, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result: Extraction = analyse(text, None, component)
    return {e.name: e.type for e in result.entities}


def test_cut_off_name_at_the_end_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Trade between Germany and France grew, with Denm")
    assert "Denm" not in ents
    assert ents.get("Germany") == "GPE"


def test_named_pipelines_and_their_sequel_stay_apart(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gas flows through the existing Blue Falcon pipeline. Talks on the Blue Falcon 2 "
        "pipeline continue, and the Blue Falcon 2 project may start next year."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Blue Falcon") == "FAC"
    assert ents.get("Blue Falcon 2") == "FAC"
    assert "Blue Falcon 2 project" not in ents


def test_quoted_field_name_is_a_site(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Drilling began at the “Karatau” gas field last year.")
    assert ents.get("Karatau") == "FAC"


def test_region_word_in_lower_case_joins_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "The meeting was held in Zarafshan velayat on Monday.")
    assert ents.get("Zarafshan velayat") == "GPE"


def test_one_word_forum_is_an_event(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Delegates will meet again at the annual TulaForum in May.")
    assert ents.get("TulaForum") == "EVENT"


def test_acronym_is_not_a_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The plan follows the Great Green Corridor Initiative (GGCI) to link the ports."
    ents = _ents(analyse, component, text)
    assert ents.get("GGCI") != "PERSON"


def test_news_agency_tail_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse, component, "The state-run Vesti news agency said exports to Germany rose."
    )
    assert ents.get("Vesti") == "ORG"
    assert "Vesti news agency" not in ents


def test_source_after_reported_is_an_outlet(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Exports of grain to Poland doubled in spring, reported Kalmora."
    assert _ents(analyse, component, text).get("Kalmora") == "ORG"


def test_inner_dateline_gives_place_and_agency(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Trade grows in the west\n\nBERLIN, May 3 (Novapress) -- Germany's trade with "
        "Poland rose by a tenth in April."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Berlin") == "GPE"
    assert ents.get("Novapress") == "ORG"


def test_route_ends_are_two_names(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The visitors travelled from Brenford to Halvard Kessler Logistics Centre by bus."
    ents = _ents(analyse, component, text)
    assert not any(" to " in name for name in ents)


def test_names_only_in_picture_credits_are_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Germany and Poland signed a trade deal.\n\nPhoto credit: Lumora Pictures\n\nIt ends."
    ents = _ents(analyse, component, text)
    assert "Lumora Pictures" not in ents
    assert ents.get("Germany") == "GPE"


def test_company_name_with_inner_apostrophe(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Qo‘rg‘on Tosh Qurilish JSC will build the plant near Berlin."
    assert "Qo‘rg‘on Tosh Qurilish JSC" in _ents(analyse, component, text)


@pytest.mark.parametrize(
    ("surface", "headline"),
    [
        ("Pilots Union Amid Storm Response", True),
        ("Belgorod Region Near", True),
        ("West to", True),
        ("Belt and", True),
        ("Trade &", True),
        ("Bank of China", False),
        ("Forum on Trade and Cooperation", False),
        ("Road to Prosperity Fund", False),
        ("Kazakhstan", False),
    ],
)
def test_headline_words_are_not_a_name(surface: str, headline: bool) -> None:
    assert _headline_words(surface) is headline


def test_country_named_only_in_a_currency_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Trade reached 150 billion yuan (about 21 billion U.S. dollars) in Kazakhstan."
    ents = _ents(analyse, component, text)
    assert "United States" not in ents and "U.S." not in ents
    assert ents.get("Kazakhstan") == "GPE"


def test_generic_event_words_are_not_an_event_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Delegates came to the International Forum in Kazan.")
    assert "International Forum" not in ents


# Generalisation patterns: each test names the mechanism it guards.


def test_full_name_read_as_person_decides_for_its_surname() -> None:
    members = [
        Candidate("Li Wenhao", 0, 9, "PERSON"),
        Candidate("Li", 40, 42, "ORG"),
        Candidate("Li", 80, 82, "ORG"),
        Candidate("Li", 120, 122, "ORG"),
    ]
    assert _vote(members) == "PERSON"


def test_two_people_joined_by_and_are_two(nlp, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Arman Dulatov met President Li Wenhao in Astana. After their talks, "
        "Dulatov and Li witnessed the signing of documents."
    )
    doc = nlp(text)
    start = text.index("Dulatov and Li")
    joined = doc.char_span(start, start + len("Dulatov and Li"), label="PERSON")
    doc.ents = [e for e in doc.ents if e.end <= joined.start or e.start >= joined.end] + [joined]
    analysis = Analysis(Document(id="t", text=text, published=None), doc, Extraction("t", "test"))
    component(analysis)
    names = {e.name: e.type for e in analysis.result.entities}
    assert not any(" and " in name for name in names)
    assert names.get("Arman Dulatov") == "PERSON"


def test_two_companies_joined_by_and_are_two(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said Norvex Logistics and Caspian Freight Group will build the terminal."
    ents = _ents(analyse, component, text)
    assert ents.get("Norvex Logistics") == "ORG"
    assert ents.get("Caspian Freight Group") == "ORG"


def test_shared_head_noun_keeps_one_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The Ruritania Research and Production Center for Grain Farming hosted the event."
    ents = _ents(analyse, component, text)
    assert "Ruritania Research and Production Center for Grain Farming" in ents


def test_slash_credit_is_not_an_entity() -> None:
    assert _credit_pair("Kazinform/Arman Sadykov")
    assert _credit_pair("Newswire / Regional News")
    assert not _credit_pair("RFE/RL's Uzbek Service")


def test_names_before_a_place_noun_are_places(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Trucks queued at the Ozgorush and Tashbulak checkpoints.")
    assert ents.get("Ozgorush") in ("GPE", "LOC", "FAC")
    assert ents.get("Tashbulak") in ("GPE", "LOC", "FAC")


def test_name_after_a_settlement_noun_is_a_place(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "The new checkpoint Ozgorush opened last week.")
    assert ents.get("Ozgorush") in ("GPE", "LOC", "FAC")


def test_feature_noun_joins_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "A bridge crosses the Kokjar channel near the border.")
    assert ents.get("Kokjar channel") == "LOC"


def test_unknown_place_that_acts_is_a_person_or_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Under Tashmatov, Uzbekistan drastically increased its trade.")
    assert ents.get("Tashmatov") == "PERSON"


def test_hyphenated_prefix_belongs_to_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Students of the Kyrgyz-Turkish Polytechnic University met.")
    assert ents.get("Kyrgyz-Turkish Polytechnic University") == "ORG"


def test_forum_name_takes_its_prepositional_tail(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The 4th Ruritanian-Freedonian Forum on Interregional Cooperation opened on Monday."
    ents = _ents(analyse, component, text)
    assert ents.get("Ruritanian-Freedonian Forum on Interregional Cooperation") == "EVENT"


def test_body_before_of_heads_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The Standing Committee of the Ruritanian People's Congress met on Monday."
    ents = _ents(analyse, component, text)
    assert ents.get("Standing Committee of the Ruritanian People's Congress") == "ORG"


def test_demonym_before_a_town_is_not_part_of_its_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Cargo moved from Russian Orenburg to Kazakh Aktobe.")
    assert ents.get("Orenburg") == "GPE"
    assert ents.get("Aktobe") == "GPE"


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("MINSK, March 4. /Belta/. Belarus and Mongolia signed a grain deal.", "Belta"),
        ("MINSK (Minsk Herald / Belta - 4th March, 2024) Belarus and Mongolia met.", "Belta"),
        ("Belarus and Mongolia signed a grain deal on Monday.    -Montsame", "Montsame"),
        ("Earlier, a Belta correspondent said that Belarus and Mongolia met.", "Belta"),
    ],
)
def test_an_agency_credited_in_wire_copy_is_an_organisation(  # type: ignore[no-untyped-def]
    analyse, component, text: str, agency: str
) -> None:
    assert _ents(analyse, component, text).get(agency) == "ORG"


def test_a_credit_names_no_place_or_people_as_an_agency(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "A Russian correspondent said the talks were held - Mongolia")
    assert ents.get("Russian") != "ORG" and ents.get("Mongolia") != "ORG"


def test_an_unknown_place_that_is_acted_on_is_an_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # The model calls these one-word names places; the gazetteer knows neither.
    ents = _ents(analyse, component, "The ministry thanked Rosatom and Gazprom.")
    assert ents.get("Rosatom") == "ORG" and ents.get("Gazprom") == "ORG"
    # After a preposition a name the gazetteer lacks may be a place: it keeps its type.
    ents = _ents(analyse, component, "Trucks crossed at Ozgorush on Monday.")
    assert ents.get("Ozgorush") == "GPE"


def test_agency_named_like_a_town_is_an_outlet(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # "Marion" is a town in the gazetteer; here it names the agency in every mention.
    text = (
        "OSLO, March 3 (Marion) -- Norway and Chile signed a fisheries accord on Monday. "
        "The accord covers salmon, the Marion news agency said. Marion said talks will go on."
    )
    result = analyse(text, None, component)
    marion = [e for e in result.entities if e.name == "Marion"]
    assert [e.type for e in marion] == ["ORG"]
    assert len(marion[0].mentions) == 3


def test_surname_spelt_like_a_town_is_the_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The memorandum was signed by Trade Minister Pedro Moreno in Santiago. "
        "The deal will lift exports, Moreno said after the signing."
    )
    result = analyse(text, None, component)
    people = [e for e in result.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Pedro Moreno"]
    assert len(people[0].mentions) == 2
    assert not any(e.type == "GPE" and e.name == "Moreno" for e in result.entities)


def test_town_spelt_like_a_surname_stays_a_place_after_a_preposition(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Governor Anna Moreno opened a plant in Moreno last week."
    ents = _ents(analyse, component, text)
    assert ents.get("Anna Moreno") == "PERSON"
    assert ents.get("Moreno") == "GPE"


def test_country_before_a_full_name_is_split_from_it(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # A picture caption runs title, country and name together without a comma.
    text = (
        "Russian President Vladimir Putin with Chinese President Xi Jinping and President of "
        "Mongolia Tsakhiagiin Elbegdorj [Image: PPIO]\n\nThe leaders – Vladimir Putin, "
        "Xi Jinping and Tsakhiagiin Elbegdorj – adopted a program."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Tsakhiagiin Elbegdorj") == "PERSON"
    assert ents.get("Mongolia") == "GPE"
    assert not any("Mongolia Tsakhiagiin" in name for name in ents)


def test_company_before_a_full_name_is_split_from_it(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The deal was signed by Nordic Power Corporation Erik Lindqvist in Oslo. "
        "Erik Lindqvist said the plant will open in 2027."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Erik Lindqvist") == "PERSON"
    assert not any(name.endswith("Corporation Erik Lindqvist") for name in ents)


def test_a_name_a_facility_noun_follows_once_is_that_facility(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gas began to flow through the Northern Lights of Tundra pipeline on Monday. "
        "The Northern Lights of Tundra will carry ten billion cubic metres a year."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Northern Lights of Tundra") == "FAC"


def test_a_headline_phrase_the_body_never_writes_is_no_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Novak, Duarte Sign Memorandum On Deepening Regional Partnership\n\n"
        "Ruritanian President Ivan Novak and his counterpart Elena Duarte signed a memorandum "
        "on deepening the regional partnership on Tuesday. Novak said the memorandum opens a "
        "new stage."
    )
    result: Extraction = analyse(text, None, component)
    names = {n for e in result.entities for n in (e.name, *e.aliases)}
    assert not any("Memorandum" in n or "Sign" in n.split() for n in names), names
    # A name the body repeats is kept, and joins its full form.
    novak = [e for e in result.entities if "Novak" in e.name]
    assert len(novak) == 1 and novak[0].name == "Ivan Novak", novak


def test_a_name_with_its_patronymic_is_one_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Boris Petrov met the delegation. Boris Nikolayevich Petrov said trade grew. "
        "Petrov added that the talks went well."
    )
    result: Extraction = analyse(text, None, component)
    people = [e for e in result.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Boris Petrov"], [(e.name, e.aliases) for e in people]
    assert len(people[0].mentions) == 3


def test_a_caption_of_names_is_no_headline(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "President Ivan Novak With President Elena Duarte And Minister Aldo Ferrante\n\n"
        "The two presidents met in the capital."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Aldo Ferrante") == "PERSON", ents


@pytest.mark.parametrize(
    "text",
    [
        "He Lifeng, vice chairman of the commission, opened the forum.",
        "The talks were co-chaired by Vice Premier He Lifeng and a Ruritanian minister.",
    ],
)
def test_a_surname_spelled_like_a_pronoun_starts_the_name(analyse, component, text: str) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, text)
    assert ents.get("He Lifeng") == "PERSON", ents
    assert "Lifeng" not in ents


def test_menu_labels_alone_on_their_lines_are_no_names(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Society & Culture\nCompany News\nNews Feed\n"
        "Ruritanian Railways signed a contract with Freedonia on Monday. "
        "Ruritanian Railways will deliver the cars next year.\nNews Feed\n"
    )
    ents = _ents(analyse, component, text)
    assert not {"Company News", "News Feed", "Society & Culture"} & set(ents), ents
    assert "Ruritanian Railways" in ents, ents


def test_a_name_ending_in_a_plural_noun_is_no_place(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "In March, the first deputy head of Ruritanian Railways, Ivan Novak, reported it.",
    )
    assert ents.get("Ruritanian Railways") == "ORG", ents
    places = _ents(analyse, component, "Trade with the Netherlands and the Philippines grew.")
    assert places.get("Netherlands") == "GPE" and places.get("Philippines") == "GPE", places


def test_an_unknown_name_beside_a_named_corporation_is_an_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # The model calls this unfamiliar company a place.
    text = "The presidents and leaders of Tatneft and the Ruritania National Petroleum Corporation watched."
    ents = _ents(analyse, component, text)
    assert ents.get("Tatneft") == "ORG", ents


def test_a_forum_keeps_what_it_is_about_and_a_forum_of_regions_is_named(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The presidents will attend the Kazakh-Mongolian forum on interregional "
        "cooperation on Friday. They proposed to hold the first Forum of Regions next year."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Kazakh-Mongolian forum on interregional cooperation") == "EVENT", ents
    assert ents.get("Forum of Regions") == "EVENT", ents


def test_a_plant_named_with_its_modifiers_and_its_acronym_is_one_facility(
    analyse, component
) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Construction began at the Akkuyu Nuclear Power Plant on Monday. Two units of the "
        "Akkuyu NPP will be built by 2030, and Akkuyu will be the largest site in the region."
    )
    result: Extraction = analyse(text, None, component)
    plants = [e for e in result.entities if "Akkuyu" in e.name]
    assert len(plants) == 1, [(e.name, e.type, e.aliases) for e in plants]
    assert plants[0].type == "FAC" and plants[0].name == "Akkuyu Nuclear Power Plant"
    assert "Akkuyu NPP" in plants[0].aliases
    result = analyse("Officials visited the Akkuyu nuclear power plant in May.", None, component)
    lower = {e.name: e for e in result.entities}
    assert lower["Akkuyu nuclear power plant"].type == "FAC", lower
    # The name alone stays an alias: other articles, and other languages, write it so.
    assert "Akkuyu" in lower["Akkuyu nuclear power plant"].aliases


def test_a_ministers_portfolio_is_no_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The deal was signed on Monday in Lima between Peru's Minister of Transport and "
        "Communications Mario Ruiz and his Chilean counterpart.",
    )
    assert not [n for n in ents if "Transport and Communications" in n]
    assert ents.get("Mario Ruiz") == "PERSON"


def test_the_head_noun_before_of_is_part_of_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The deal was signed between the Agency for Innovation and Digital Technology of "
        "Chile and the Ministry of Roads and Urban Development of Peru.",
    )
    names = set(ents)
    assert any(n.startswith("Agency for Innovation and Digital Technology") for n in names)
    assert any(n.startswith("Ministry of Roads and Urban Development") for n in names)
    assert "Digital Technology" not in names
    assert "Roads and Urban Development" not in names


def test_an_organisation_of_a_place_is_one_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The event was organised by the People's Government of Yunnan Province and the "
        "Peruvian Export Center.",
    )
    assert ents.get("People's Government of Yunnan Province") == "ORG"
    assert "People's Government" not in ents


def test_an_outlet_named_by_its_web_address_is_one_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The roadmap was signed in Lima, Andina.Pe reported, citing Noticias.com. "
        "Boric met Lula.As the talks began, trade grew.",
    )
    assert ents.get("Andina.Pe") == "ORG"
    assert ents.get("Noticias.com") == "ORG"
    assert "Pe" not in ents
    assert not [n for n in ents if n.endswith(".As")]


def test_two_people_joined_by_a_hyphen_are_two_people(analyse, component) -> None:  # type: ignore[no-untyped-def]
    result = analyse(
        "The Boric-Petro talks went on for hours. Chilean President Gabriel Boric "
        "received Colombian President Gustavo Petro in Santiago.",
        None,
        component,
    )
    names = {e.name for e in result.entities}
    assert "Boric-Petro" not in names
    boric = next(e for e in result.entities if e.name == "Gabriel Boric")
    assert any(m.text == "Boric" for m in boric.mentions)


def test_a_name_before_initiative_is_a_programme(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Peru joined the Pacific Railroad initiative in May. The Pacific Railroad is expected "
        "to link Peru and Chile.",
    )
    assert ents.get("Pacific Railroad") == "ORG"


def test_a_name_and_its_initiative_are_one() -> None:
    from silkgraph.extract.entities import _initiatives
    from silkgraph.model import Entity, Mention

    text = "Peru backs the Andes Corridor Initiative. Work on the Andes Corridor goes on."
    full = Entity(
        "a", "Andes Corridor Initiative", "ORG", [Mention("Andes Corridor Initiative", 15, 40)]
    )
    short = Entity("b", "Andes Corridor", "LOC", [Mention("Andes Corridor", 54, 68)])
    out = _initiatives(text, [full, short])
    assert out == [full]
    assert [m.start for m in full.mentions] == [15, 54]
    assert "Andes Corridor" in full.aliases


def test_document_titles_and_plural_heads_are_no_organisations(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Peru and Chile signed the Joint Statement on Deepening the Comprehensive Strategic "
        "Partnership and began talks on the Agreement on Trade in Services and Investment. "
        "A memorandum on health was signed between the Ministries of Health of both countries.",
    )
    assert not [n for n in ents if n.startswith(("Joint Statement", "Agreement", "Ministries"))]
    assert ents.get("Peru") == "GPE"


def test_a_parenthesis_never_closed_ends_the_name() -> None:
    from silkgraph.extract.entities import _not_org_names

    cands = [Candidate("Andean Transport Route (ATR", 10, 37, "ORG")]
    out = _not_org_names(cands)
    assert [(c.text, c.start, c.end) for c in out] == [("Andean Transport Route", 10, 32)]


def test_a_gathering_is_also_named_with_its_place(analyse) -> None:  # type: ignore[no-untyped-def]
    from silkgraph.extract.registry import make_pipeline

    pipeline = make_pipeline()
    result = pipeline(
        Document(
            id="t",
            text="Leaders met at the APEC Summit in Lima. The APEC Summit was a success.",
            published="2024-11-16",
        )
    )
    summit = next(e for e in result.entities if e.name == "APEC Summit")
    assert "APEC Summit in Lima" in summit.aliases


def test_a_full_stop_ends_an_event_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse, component, "Leaders met in Lima. The Andean Business Forum opened on Monday."
    )
    assert not [n for n in ents if "Lima." in n]


def test_a_name_after_a_title_and_its_places_is_a_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "In a post on Sunday, Ambassador of Pakistan in China Amir Khan said trade resumed. "
        "The president, accompanied by Deputy Prime Minister Alexander Orlov and Deputy Prime "
        "Minister of Russia Dmitry Volkov, takes part in a ceremony in Sochi.",
    )
    assert ents.get("Amir Khan") == "PERSON"
    assert ents.get("Dmitry Volkov") == "PERSON"


def test_a_country_s_compass_region_named_by_its_demonym(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Grain from the Peruvian Far North goes to Chile. Ports in Peru's Far North grew.",
    )
    assert ents.get("Peruvian Far North") == "LOC"
    assert ents.get("Peru") == "GPE"


def test_a_name_run_into_a_titled_person_ends_where_the_person_begins() -> None:
    from silkgraph.extract.entities import _cut_at_people
    from silkgraph.knowledge.gazetteer import get_gazetteer

    person = Candidate("Ivan Orlov", 30, 40, "PERSON")
    cands = [
        Candidate("the Far East Ivan", 17, 34, "ORG"),
        Candidate("Peru Ivan Orlov", 25, 40, "ORG"),
    ]
    out = _cut_at_people(cands, [person], get_gazetteer())
    assert [(c.text, c.label) for c in out] == [("the Far East", "LOC")]


def test_a_titled_organisation_is_no_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The Director General of State Atomic Energy Corporation attended the talks in Lima.",
    )
    assert "Atomic Energy" not in ents


def test_a_title_case_facility_named_by_the_places_it_joins(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "The two presidents agreed to expand trade, do a good job in building the "
        "Chile-Bolivia Industrial Park, and focus on the joint building of roads to advance "
        "cooperation in connectivity projects such as the Chile-Europe Railway Express service.",
    )
    assert ents.get("Chile-Bolivia Industrial Park") == "FAC"
    assert ents.get("Chile-Europe Railway Express") in ("FAC", "ORG")


def test_a_place_s_longer_name_after_a_title_is_no_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Secretary of the Yunnan Bai Autonomous Region Communist Party Committee Li Wei met "
        "the delegation in Kunming.",
    )
    assert not [n for n, t in ents.items() if t == "PERSON" and "Autonomous" in n]


def test_body_and_its_holder_after_a_title_are_two_names(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse, component, "Talks were held with Premier of the State Council Anvar Nazarbaev."
    )
    assert ents.get("State Council") == "ORG"
    assert ents.get("Anvar Nazarbaev") == "PERSON"
    # A three-word tail may begin with the body's own name: no split at the body's word.
    ents = _ents(
        analyse,
        component,
        "Director General of the State Atomic Energy Corporation Rosatom Alexei Likhachev spoke.",
    )
    assert "State Atomic Energy Corporation" not in ents


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The ceremony was held in Xintepe, Russia on December 2.", "Xintepe"),
        ("The line between Xinaul (Iranian city) and the border will be built.", "Xinaul"),
        ("The park is shared by Kashgar and Karasai (Kyrgyzstan) to develop trade.", "Karasai"),
        ("Officials from Karasai, Kyrgyzstan, attended the forum.", "Karasai"),
        ("It was shown from studios in Moscow, Talkent, and Beijing.", "Talkent"),
        ("Relations between Moscow and Dongkent are growing, he said.", "Dongkent"),
        ("Freight will go from the Persian Gulf to Ustzhou in Finland via Russia.", "Ustzhou"),
        ("Statement after talks with President Emomali Rahmon (Akgan, October 9, 2025)", "Akgan"),
    ],
)
def test_a_town_the_gazetteer_does_not_know_is_read_by_its_country_or_its_list(
    analyse, component, text, town
) -> None:  # type: ignore[no-untyped-def]
    assert _ents(analyse, component, text).get(town) == "GPE"


def test_a_name_before_a_countrys_possessive_is_no_town(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Karasaiev, Kazakhstan's ambassador, spoke on Monday.")
    assert ents.get("Karasaiev") != "GPE"
    ents = _ents(analyse, component, "Under the rule of Rakhimbekov, Tashkent did not invest.")
    assert ents.get("Rakhimbekov") != "GPE"


def test_a_headline_word_before_a_country_is_no_town(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Nighttime Shelling Causes Serious Damage in Russia Near Ukraine Border\n"
    assert _ents(analyse, component, text).get("Damage") != "GPE"


def test_a_town_the_model_reads_as_a_number_is_a_place(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # The model reads the unfamiliar "Dongkent" as a cardinal number here.
    text = "In Dongkent, at the Yntymak Ordo residence, talks concluded between the presidents."
    assert _ents(analyse, component, text).get("Dongkent") == "GPE"


def test_a_town_spelt_another_way_is_no_short_form_of_a_facility(nlp, component) -> None:  # type: ignore[no-untyped-def]
    # The gazetteer's name is "Ulan Bator"; "Ulaanbaatar" is one of its other spellings.
    text = (
        "ULAANBAATAR, May 3 (Novapress) - Experts will upgrade the Ulaanbaatar Railway. "
        '"Ulaanbaatar is careful to keep both neighbours satisfied," one said.'
    )
    analysis = Analysis(
        Document(id="t", text=text, published=None, dateline_place="Ulaanbaatar"),
        nlp(text),
        Extraction("t", "test"),
    )
    component(analysis)
    by_name = {e.name: e for e in analysis.result.entities}
    railway = by_name["Ulaanbaatar Railway"]
    assert [m.text for m in railway.mentions] == ["Ulaanbaatar Railway"]
    city = by_name["Ulan Bator"]
    assert city.type == "GPE" and {m.text for m in city.mentions} == {"ULAANBAATAR", "Ulaanbaatar"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "President of the Republic of Belarus Otto-Karl Lindqvist held talks.",
            "Otto-Karl Lindqvist",
        ),
        (
            "He met the Premier of the State Council of the People's Republic of China Wu Lan.",
            "Wu Lan",
        ),
    ],
)
def test_a_holder_after_a_title_and_its_body(analyse, component, text: str, person: str) -> None:  # type: ignore[no-untyped-def]
    assert _ents(analyse, component, text).get(person) == "PERSON"


def test_an_acronym_the_model_left_unlabelled_is_an_organisation(analyse, component) -> None:  # type: ignore[no-untyped-def]
    # The model tags no entity on "BNPK" here.
    text = "Belaz expects to pump more than 22 bcm of gas to BNPK through the pipeline this year."
    assert _ents(analyse, component, text).get("BNPK") == "ORG"
    # A generic acronym is no name.
    assert "COVID" not in _ents(analyse, component, "Sales fell as COVID hit Belarus.")


def test_an_acronym_joins_the_name_it_abbreviates(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Belarus National Potash Corporation signed a contract. Belarus will supply fertiliser "
        "to China through BNPC next year."
    )
    result: Extraction = analyse(text, None, component)
    corp = [e for e in result.entities if e.name == "Belarus National Potash Corporation"]
    assert corp and "BNPC" in {m.text for m in corp[0].mentions}
    assert not any(e.name == "BNPC" for e in result.entities)


def test_an_honorific_makes_a_person_of_an_unfamiliar_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Xi Jinping held talks with Khurelsukh in Beijing. Later Mr Khurelsukh met "
        "Mr Xi and Vladimir Putin together in Samarkand.",
    )
    assert ents["Khurelsukh"] == "PERSON"
    assert "Mr Xi" not in ents and "Mr Khurelsukh" not in ents


def test_two_names_side_by_side_are_the_full_name_of_a_person_named_after_mr(  # type: ignore[no-untyped-def]
    analyse, component
) -> None:
    ents = _ents(
        analyse,
        component,
        "Ukhnaagiin Khürelsükh held talks with Xi Jinping in Beijing on Nov. 28. "
        "Mr Khürelsükh met Mr Xi and Vladimir Putin together in Samarkand in September.",
    )
    assert ents["Ukhnaagiin Khürelsükh"] == "PERSON"
    assert "Ukhnaagiin" not in ents


def test_a_full_name_with_a_surnames_ending_is_a_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Kassym-Jomart Tokayev's two-day state visit to Tashkent on Dec. 21-22 came with "
        "the expected political headline.",
    )
    assert ents["Kassym-Jomart Tokayev"] == "PERSON"
    assert ents["Tashkent"] == "GPE"


def test_a_name_the_model_stopped_at_of_the_runs_on_into_its_place(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Data from the General Administration of Customs of the PRC on 14 January showed growth.",
    )
    assert ents.get("General Administration of Customs of the PRC") == "ORG"
    assert "General Administration of Customs of the" not in ents


def test_a_sum_of_money_the_model_reads_as_a_name_is_no_entity(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse,
        component,
        "Organisers said 311 agreements worth Rbs3.27tn were signed at the forum in "
        "Vladivostok, compared with Rbs3.6tn at last year's event.",
    )
    assert not any(name.startswith("Rbs") for name in ents)
