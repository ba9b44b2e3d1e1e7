"""What makes two reports one event: how their dates relate, how alike their articles
are, and the hard rules no learned weight can overrule (known years that differ)."""

from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.extract.terms import doc_terms
from silkgraph.model import Document, Event, Extraction
from silkgraph.resolve import DocTerms, resolve_store
from silkgraph.resolve.events import (
    Report,
    Stories,
    cluster,
    date_compatible,
    resolve_events,
    score,
)
from silkgraph.resolve.pairs import PairModel
from silkgraph.store import open_store


def _ev(date: str | None, end: str | None = None, etype: str = "MEETING") -> Event:
    return Event("e1", etype, "t", 0, 1, "x", date=date, end_date=end)


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (("2016-W25",), ("2016-06-23",), 1.0),  # an ISO week holds its days
        (("2023-03",), ("2023-03-30",), 1.0),  # a month holds its days
        (("2015",), ("2015-06",), 1.0),
        (("2025-02-05", "2025-02-07"), ("2025-02-06",), 1.0),  # a range holds its days
        (("--05-11",), ("2017-05-11",), 1.0),  # a year-less date matches by month and day
        (("2025-02-05",), (None,), 0.5),  # one date unknown
        (("--03-22",), ("2023-03-21",), 0.5),  # a day apart
        (("2025-02-04",), ("2025-02-07",), 0.25),  # the eve of a visit and its last day
        (("2025-02-05", "2025-02-07"), ("2025-02-10",), 0.25),
        (("2024-05-10",), ("2024-05-20",), 0.0),  # ten days apart
        (("2023",), ("2024-01-12",), 0.0),  # another year
        (("2023-03",), ("2023-04-02",), 0.0),  # a month is a period, not a day
        (("2022-12-29",), ("2023-01-06",), 0.0),
    ],
)
def test_date_relations(
    a: tuple[str | None, ...], b: tuple[str | None, ...], relation: float
) -> None:
    assert date_compatible(_ev(*a), _ev(*b)) == relation
    assert date_compatible(_ev(*b), _ev(*a)) == relation


def test_unreadable_dates_count_as_unknown() -> None:
    assert date_compatible(_ev("2024-13-45"), _ev("2024-05-01")) == 0.5
    assert date_compatible(_ev("sometime"), _ev("2024")) == 0.5


def _docs(
    *specs: tuple[str, str, str | None, float | None],
    parties: dict[str, list[str]] | None = None,
    etype: str = "TRADE",
) -> tuple[list[Extraction], dict[str, Document | None]]:
    """Reports of TRADE between two countries: (document, text, date, amount); China and
    Russia unless ``parties`` names a document's own."""
    exts, docs = [], {}
    for doc_id, text, date, amount in specs:
        ev = Event(
            "e1",
            etype,
            "trade",
            0,
            5,
            text,
            date=date,
            participants=(parties or {}).get(doc_id, ["China", "Russia"]),
            amount_usd=amount,
        )
        exts.append(Extraction(doc_id, "test", events=[ev], terms=doc_terms(text)))
        docs[doc_id] = Document(doc_id, text, published="2024-01-15")
    return exts, docs


def test_reports_whose_known_years_differ_never_join() -> None:
    """Statistics of two periods: the same countries, words and size, a year apart."""
    text = (
        "Trade between China and Russia reached a record {} billion dollars, customs data showed."
    )
    exts, docs = _docs(
        ("a", text.format(240), "2023", 240e9),
        ("b", text.format(240), "2023", 240e9),
        ("c", text.format(245), "2024", 245e9),
        ("d", text.format(245), "2024", 245e9),
    )
    events = resolve_events(exts, {}, docs, [])
    clusters = sorted(sorted(d for d, _ in ev.members) for ev in events)
    assert clusters == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize("etype", ["TRADE", "AGREEMENT"])
def test_reports_of_other_country_pairs_never_join(etype: str) -> None:
    """Same words, year and size: two countries' trade (or deal) is never another pair's.
    A trade figure of China and the US is not China and Russia's either, though the two
    pairs share a country; a deal may name a third party, so for deals only pairs that
    share no country are kept apart."""
    text = "Bilateral trade reached a record 240 billion dollars last year, customs data showed."
    exts, docs = _docs(
        ("a", text, "2023", 240e9),
        ("b", text, "2023", 240e9),
        ("c", text, "2023", 240e9),
        ("d", text, "2023", 240e9),
        parties={"c": ["China", "United States"], "d": ["Azerbaijan", "Kyrgyzstan"]},
        etype=etype,
    )
    events = resolve_events(exts, {}, docs, [])
    clusters = sorted(sorted(d for d, _ in ev.members) for ev in events)
    if etype == "TRADE":
        assert clusters == [["a", "b"], ["c"], ["d"]]
    else:
        assert ["d"] in clusters and ["a", "b", "c"] in clusters


def test_doc_terms_keep_the_frequent_content_words() -> None:
    text = "The pipeline will carry gas. The pipeline is long, and gas flows in 2025; 12.5 bcm."
    terms = doc_terms(text)
    assert terms["pipeline"] == 2 and terms["gas"] == 2
    assert terms["2025"] == 1 and terms["12.5"] == 1
    assert "the" not in terms and "is" not in terms and "will" not in terms
    assert list(doc_terms(text, kept=2)) == ["pipeline", "gas"]  # ties: the longer word first


def test_articles_retelling_one_story_are_more_alike_than_others() -> None:
    story = "Rosneft and Sinopec signed a refinery contract in Tianjin worth 7 billion dollars."
    retold = "A refinery contract in Tianjin was signed by Sinopec and Rosneft, worth 7 billion."
    other = "Kazakhstan opened a grain terminal at the Caspian port of Aktau with Uzbek partners."
    stories = Stories({}, {k: doc_terms(t) for k, t in (("a", story), ("b", retold), ("c", other))})
    same, different = stories.similarity("a", "b"), stories.similarity("a", "c")
    assert same is not None and different is not None
    assert same > 0.3 > different
    assert stories.similarity("a", "missing") is None


def test_articles_in_different_scripts_have_unknown_similarity() -> None:
    """A Chinese and an English report share no words whatever they tell: unknown, not 0."""
    english = "Gazprom and CNPC signed a memorandum on the Power of Siberia 2 pipeline in 2025."
    retold = "CNPC and Gazprom signed the Power of Siberia 2 memorandum, the pipeline, in 2025."
    chinese = {"俄罗斯": 3, "天然气": 2, "管线": 2, "备忘录": 1, "签署": 1, "gazprom": 1, "2025": 1}
    stories = Stories({}, {"en": doc_terms(english), "en2": doc_terms(retold), "zh": chinese})
    assert (stories.script("en"), stories.script("zh")) == ("en", "zh")
    assert stories.similarity("en", "zh") is None
    found = stories.similarity("en", "en2")
    assert found is not None and found > 0.3


def test_doc_terms_read_back_from_flat_arrays() -> None:
    terms = DocTerms()
    terms.add(3, {"gas": 2, "pipeline": 1})
    terms.add(5, {})  # a document without words is left out
    terms.add(7, {"gas": 1, "grain": 4})
    assert list(terms) == [3, 7] and len(terms) == 2
    assert 5 not in terms and "3" not in terms
    gas = terms.vocab["gas"]
    assert terms[7] == {gas: 1, terms.vocab["grain"]: 4}
    with pytest.raises(KeyError):
        terms[5]


def test_doc_terms_keep_each_document_script() -> None:
    """Words are kept as ids, so the script of each document is kept beside them."""
    terms = DocTerms()
    terms.add(1, {"pipeline": 2, "gas": 1})
    terms.add(2, {"газопровод": 2, "газ": 1})
    terms.add(3, {"管线": 2, "天然气": 1, "gazprom": 1})
    assert [terms.script(d) for d in (1, 2, 3)] == ["en", "ru", "zh"]
    stories = Stories({}, terms)
    assert stories.similarity(1, 3) is None and stories.similarity(1, 2) is None
    with pytest.raises(KeyError):
        terms.script(4)


def test_store_resolution_reads_the_words_of_each_article(tmp_path: Path) -> None:
    """The streamed path gives the pair model the same word similarity as the in-memory one."""
    seen: list[float] = []
    from silkgraph.resolve.pairs import ACTIVE

    before = dict(ACTIVE)
    ACTIVE["recorder"] = lambda a, b, feats: seen.append(feats.get("doc_sim", -1.0))
    store = open_store(str(tmp_path / "w.db"))
    try:
        text = "Trade between China and Russia reached 240 billion dollars in 2023, customs said."
        exts, docs = _docs(
            ("a", text, "2023", 240e9), ("b", text + " Officials agreed.", "2023", 240e9)
        )
        for ext in exts:
            doc = docs[ext.doc_id]
            assert doc is not None
            store.add_document(doc)
            store.save_extraction(ext)
        resolve_store(store)
    finally:
        ACTIVE.update(before)
        store.close()
    assert seen and all(0.5 < s <= 1.0 for s in seen)


def test_copies_of_one_story_count_as_one_source() -> None:
    """Three outlets print one wire story, a fourth writes its own, and the wire's own
    outlet reports it twice: five reports, two independent sources."""
    wire = (
        "Rosneft and Sinopec signed a refinery supply contract in Tianjin on Monday worth "
        "7 billion dollars, the companies said in a joint statement after the ceremony."
    )
    own = "Sinopec will buy crude from Rosneft for its Tianjin refinery under a new 7 billion deal."
    specs = [("w1", "Wire", wire), ("w2", "Daily", wire), ("w3", "Weekly", wire + " More soon.")]
    specs += [("o1", "Gazette", own), ("w4", "Wire", own + " Shares rose.")]
    exts, docs = [], {}
    for doc_id, outlet, text in specs:
        ev = Event(
            "e1",
            "AGREEMENT",
            "signed",
            0,
            5,
            text,
            date="2025-05-05",
            participants=["Rosneft", "Sinopec"],
            amount_usd=7e9,
        )
        exts.append(Extraction(doc_id, "test", events=[ev], terms=doc_terms(text)))
        docs[doc_id] = Document(doc_id, text, outlet=outlet, published="2025-05-05")
    [event] = resolve_events(exts, {}, docs, [])
    assert event.data["reports"] == 5
    assert event.data["independent_sources"] == 2


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("2023", "2023", 1.0),  # the same year's figures, whatever days they were released
        ("2023-H1", "2023-03", 1.0),  # a half year holds its months
        ("2024-Q3", "2024-08", 1.0),
        ("2023", "2024", 0.0),  # one year's trade and the next year's
        ("2023-Q1", "2023-Q2", 0.0),
        # Spans: a cumulative figure holds its months; two spans are one period or two.
        ("2007/2023", "2007/2023", 1.0),
        ("2024-01/2024-11", "2024-11", 1.0),
        ("2024-01/2024-11", "2024-01/2024-10", 0.0),
        ("2024-01/2024-11", "2025", 0.0),
        # An undated article's span is the same months of some year.
        ("2025-01/2025-09", "--01/--09", 1.0),
        ("2025-01/2025-09", "--01/--10", 0.0),
    ],
)
def test_figures_are_compared_by_the_period_they_count(a: str, b: str, relation: float) -> None:
    """Released on days a week apart (which alone would say "another event"), the figures
    are told apart, or matched, by their periods."""
    ea, eb = _ev("2024-01-12", etype="TRADE"), _ev("2024-01-19", etype="TRADE")
    ea.period, eb.period = a, b
    assert date_compatible(ea, eb) == relation
    assert date_compatible(eb, ea) == relation


def test_a_figure_without_its_period_is_compared_by_its_date() -> None:
    ea, eb = _ev("2024-01-12", etype="TRADE"), _ev("2023", etype="TRADE")
    eb.period = "2023"
    assert date_compatible(ea, eb) == 0.0


@pytest.mark.parametrize(
    ("published", "years", "expected"),
    [
        ("2018-10-19", ["2024", "2024"], 2018),  # the publication date says it
        (None, ["2016", "2021", "2021-03", "--05-01"], 2021),  # the year named most often
        (None, ["2016", "2021"], 2021),  # equals: the latest
        (None, ["--05-01"], None),  # no year anywhere
        (None, [], None),
    ],
)
def test_the_year_an_article_is_about(
    published: str | None, years: list[str], expected: int | None
) -> None:
    from silkgraph.model import TimeExpr
    from silkgraph.resolve.events import article_year

    dates = [TimeExpr(v, 0, 1, v) for v in years]
    assert article_year(published, dates) == expected


def _meeting(doc_id: str, text: str, date: str | None, dates: list[str]) -> Extraction:
    from silkgraph.model import TimeExpr

    ev = Event(
        "e1",
        "MEETING",
        "talks",
        0,
        5,
        text,
        date=date,
        participants=["Vladimir Putin", "Shavkat Mirziyoyev", "Russia", "Uzbekistan"],
        location="Tashkent",
    )
    return Extraction(
        doc_id,
        "test",
        events=[ev],
        dates=[TimeExpr(v, 0, 1, v) for v in dates],
        terms=doc_terms(text),
    )


def test_an_undated_article_is_placed_by_the_years_it_names() -> None:
    """Two visits by one leader to one capital, years apart, reported without a year in
    their sentences: the undated articles' own dates keep each with its visit."""
    from silkgraph.resolve.pairs import ACTIVE

    first = "Putin and Mirziyoyev held talks in Tashkent and signed deals on a nuclear plant."
    second = "Putin and Mirziyoyev held talks in Tashkent and signed deals on a nuclear plant."
    exts = [
        _meeting("a", first, "2018-10-19", []),
        _meeting("b", first + " The 2018 visit.", None, ["2018", "2018"]),
        _meeting("c", second + " Plans for 2024.", None, ["2024", "2024", "2030"]),
    ]
    docs: dict[str, Document | None] = {
        "a": Document("a", first, published="2018-10-19"),
        "b": Document("b", first),
        "c": Document("c", second),
    }
    seen: dict[frozenset[str], float] = {}
    before = dict(ACTIVE)
    ACTIVE["recorder"] = lambda x, y, feats: seen.__setitem__(
        frozenset((x.doc_id, y.doc_id)), feats.get("year", 0.0)
    )
    try:
        resolve_events(exts, {}, docs, [])
    finally:
        ACTIVE.update(before)
    assert seen[frozenset("ab")] == 1.0
    assert seen[frozenset("ac")] == -1.0 and seen[frozenset("bc")] == -1.0


def test_a_report_with_no_year_never_bridges_two_visits_years_apart() -> None:
    """The same visit told in 2018 and six years later, and an article that names no year:
    whichever visit the yearless report joins, the two visits stay apart."""
    text = "Putin and Mirziyoyev held talks in Tashkent and signed deals on a nuclear plant."
    exts = [
        _meeting("a", text, "2018-10-19", []),
        _meeting("b", text, None, []),
        _meeting("c", text + " Plans for 2024.", None, ["2024", "2024"]),
    ]
    docs: dict[str, Document | None] = {
        "a": Document("a", text, published="2018-10-19"),
        "b": Document("b", text),
        "c": Document("c", text),
    }
    events = resolve_events(exts, {}, docs, [])
    clusters = [sorted(d for d, _ in ev.members) for ev in events]
    assert not any({"a", "c"} <= set(c) for c in clusters), clusters
    assert any(len(c) == 2 for c in clusters), clusters


def test_average_linkage_keeps_a_chain_from_joining_two_events() -> None:
    """B (no sum) matches A and C by their place, but A and C name different sums: two
    events. Single links chain all three; with average linkage C's join needs the mean
    of its pairs with A and B, and A-C pulls it under."""
    from silkgraph.resolve.events import Folder, Report, link
    from silkgraph.resolve.pairs import ACTIVE, NAMES, PairModel

    weights = dict.fromkeys(NAMES, 0.0)
    weights.update({"same_amount": 6.0, "other_amount": -12.0, "same_place": 6.0})

    def clusters(agreement: float) -> int:
        folder = Folder(set())
        for doc_id, amount in (("a", 1e9), ("b", None), ("c", 5e9)):
            ev = Event(
                "e1",
                "INVESTMENT",
                "invest",
                0,
                1,
                doc_id,
                participants=["China", "Kazakhstan"],
                amount_usd=amount,
                location="Almaty",
            )
            folder.add(Report(doc_id, ev, lambda _k: None, Document(doc_id, "")))
        before = dict(ACTIVE)
        ACTIVE["model"] = PairModel(weights, -4.0, threshold=0.5, agreement=agreement)
        try:
            roots = link(folder, Stories({}))
        finally:
            ACTIVE.update(before)
        return len(set(roots))

    assert clusters(0.0) == 1
    assert clusters(0.5) == 2


def test_a_strong_link_joins_an_event_its_document_told_twice() -> None:
    """Document "a" tells one investment twice (its extractor kept two reports); "b" and
    "c" each match one of them. A link above ``same_document`` joins all four; below it,
    the document's two reports stay in two events."""
    from silkgraph.resolve.events import Folder, Report, link
    from silkgraph.resolve.pairs import ACTIVE, NAMES, PairModel

    weights = dict.fromkeys(NAMES, 0.0)
    weights.update({"same_amount": 6.0})

    def clusters(same_document: float) -> int:
        folder = Folder(set())
        for doc_id, key, amount in (("a", "e1", 1e9), ("a", "e2", 1e9), ("b", "e1", 1e9)):
            ev = Event(
                key,
                "INVESTMENT",
                "invest",
                0,
                1,
                f"{doc_id} {key}",
                participants=["China", "Kazakhstan"],
                amount_usd=amount,
                location="Almaty" if key == "e1" else "Astana",
            )
            folder.add(Report(doc_id, ev, lambda _k: None, Document(doc_id, "")))
        before = dict(ACTIVE)
        ACTIVE["model"] = PairModel(weights, -3.0, threshold=0.5, same_document=same_document)
        try:
            roots = link(folder, Stories({}))
        finally:
            ACTIVE.update(before)
        return len(set(roots))

    assert clusters(1.0) == 2  # the document's two reports are two events
    assert clusters(0.9) == 1  # p = 0.95: the link is strong enough


@pytest.mark.parametrize(
    ("etype", "field", "kinds"),
    [
        ("AGREEMENT", "document", ("lot", "single")),
        ("TRADE", "measure", ("two-way", "one-way")),
        ("INVESTMENT", "stage", ("second", "third")),
        ("FORUM", "edition", (7, 8)),
    ],
)
def test_a_package_never_joins_a_single_document_nor_trade_a_flow(
    etype: str, field: str, kinds: tuple[object, object]
) -> None:
    """Three articles tell of one summit's signings (a package of documents and a joint
    statement), of one year's trade and one flow of it, of a project's second and third
    stage, or of two editions of one expo, on one day in one place. Every feature the pair model reads is shared, so only
    what each report says it is (``Event.document``, ``Event.measure``, ``Event.stage``)
    keeps the two apart."""
    from silkgraph.resolve.events import Folder, Report, link
    from silkgraph.resolve.pairs import ACTIVE, NAMES, PairModel

    weights = dict.fromkeys(NAMES, 0.0)
    weights.update({"same_place": 6.0, "two_countries": 2.0})

    def clusters(known: bool) -> list[set[tuple[str, object]]]:
        folder = Folder(set())
        for doc_id in ("a", "b", "c"):
            for key, kind in zip(("e1", "e2"), kinds, strict=True):
                ev = Event(
                    key,
                    etype,
                    "signed",
                    0,
                    1,
                    f"{doc_id} {key}",
                    date="2023-03-21",
                    participants=["China", "Russia"],
                    location="Moscow",
                    **{field: kind if known else None},
                )
                folder.add(Report(doc_id, ev, lambda _k: None, Document(doc_id, "")))
        before = dict(ACTIVE)
        ACTIVE["model"] = PairModel(weights, -4.0, threshold=0.5, same_document=0.9)
        try:
            roots = link(folder, Stories({}))
        finally:
            ACTIVE.update(before)
        out: dict[int, set[tuple[str, object]]] = {}
        for r, root in zip(folder.reps, roots, strict=True):
            out.setdefault(root, set()).add((r.doc_id, getattr(r.event, field)))
        return list(out.values())

    kept = clusters(known=True)
    assert all(len({kind for _, kind in c}) == 1 for c in kept), kept
    assert {len(c) for c in kept} == {3}
    # Without the kinds the strong links join the six reports into one event.
    assert len(clusters(known=False)) == 1


def _sentence_reports(monkeypatch: pytest.MonkeyPatch, batch: int = 1024) -> list[Report]:
    """Three reports of a meeting of one pair, undated, told by the sentences below; a
    fourth in Russian. Their vectors are set as the folder fills (``batch`` at a time)."""
    from silkgraph.resolve import events as ev_mod

    monkeypatch.setattr(ev_mod, "EMBED_BATCH", batch)
    folder = ev_mod.Folder(set())
    reports = [_talks_report(doc_id, text) for doc_id, text in SENTENCES.items()]
    for report in reports:
        folder.add(report)
    folder.flush()
    return reports


SENTENCES = {
    "a": "The two presidents held talks in Astana on trade and transit routes.",
    "b": "The presidents of both countries held talks in Astana on trade and transit.",
    "c": "Kazakhstan's wheat harvest reached a record this autumn, the ministry said.",
    "r": "Президенты двух стран провели переговоры в Астане о торговле и транзите.",
}


def _talks_report(doc_id: str, text: str) -> Report:
    event = Event("e1", "MEETING", "talks", 0, 1, text, participants=["China", "Kazakhstan"])
    return Report(doc_id, event, lambda _k: None, Document(doc_id, ""))


def test_alike_sentences_make_one_event_likelier(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, r = _sentence_reports(monkeypatch)
    alike, unlike = score(a, b)[1], score(a, c)[1]
    assert alike["sentence_sim"] > 0.7 > 0.4 > unlike["sentence_sim"]
    # Nothing else tells the pairs apart: the shipped weights prefer the retold sentence.
    model = PairModel.load()
    assert model.probability(alike, "MEETING") > model.probability(unlike, "MEETING")
    # The embeddings are English: a Russian sentence is not compared, and the pair is
    # weighed by the weights fitted without the sentences.
    assert r.vector is None
    assert "sentence_sim" not in score(a, r)[1]


def test_sentences_are_embedded_in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, _r = _sentence_reports(monkeypatch, batch=2)
    assert all(x.vector is not None and x.vector.shape == (128,) for x in (a, b, c))
    # Each embedding alone, whatever batch it came in: one batch of all three gives the
    # same bytes (resolution is deterministic however a corpus falls into batches).
    again = _sentence_reports(monkeypatch, batch=1024)
    for x, y in zip((a, b, c), again[:3], strict=True):
        assert x.vector is not None and y.vector is not None
        assert x.vector.tobytes() == y.vector.tobytes()


def test_linking_embeds_what_the_folder_kept() -> None:
    """``cluster`` (folder, then link) embeds the sentences itself: with weights that join
    only alike sentences, the retold talks join and the harvest stays apart; a report with
    no sentence gets no vector."""
    from silkgraph.resolve.pairs import ACTIVE, NAMES

    weights = dict.fromkeys(NAMES, 0.0) | {"sentence_alike": 10.0}
    reports = [_talks_report(k, SENTENCES[k]) for k in ("a", "b", "c")]
    reports.append(_talks_report("e", ""))
    before = dict(ACTIVE)
    ACTIVE["model"] = PairModel(weights, -5.0, threshold=0.5)
    try:
        groups = cluster(reports, Stories({}))
    finally:
        ACTIVE.update(before)
    assert all(r.vector is not None for r in reports[:3]) and reports[3].vector is None
    assert sorted(groups) == [[0, 1], [2], [3]]


def test_without_wordllama_reports_have_no_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    from silkgraph.resolve import events as ev_mod

    monkeypatch.setattr(ev_mod, "sentence_vectors", lambda texts, dim=128: None)
    reports = [_talks_report(k, SENTENCES[k]) for k in ("a", "b")]
    cluster(reports, Stories({}))
    assert reports[0].vector is None and "sentence_sim" not in score(*reports)[1]
