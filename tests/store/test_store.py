"""The Store protocol, run against SQLite and a real PostgreSQL server alike."""

from __future__ import annotations

from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.store import Store
from silkgraph.store.base import CorpusEntity, CorpusEvent, Judgement


def doc(i: int, text: str | None = None, **kw: str) -> Document:
    return Document(id=f"d{i:03d}", text=text or f"Article {i} about trade in Almaty.", **kw)


def extraction(doc_id: str, names: list[str], pipeline: str = "p1") -> Extraction:
    ents = [
        Entity(
            key=f"k{j}",
            name=n,
            type="GPE",
            mentions=[Mention(n, 0, len(n)), Mention(n, 10, 10 + len(n))],
        )
        for j, n in enumerate(names)
    ]
    return Extraction(
        doc_id,
        pipeline,
        entities=ents,
        events=[Event("v0", "TRADE", "trade", 0, 5, "Trade")],
        errors=[],
    )


def test_add_document_once_by_id_and_by_content(store: Store) -> None:
    assert store.add_document(doc(1))
    assert not store.add_document(doc(1))
    assert not store.add_document(Document(id="other", text=doc(1).text))
    assert store.add_document(doc(2))
    got = store.get_document("d001")
    assert got == doc(1)
    assert store.get_document("nope") is None
    assert store.counts()["documents"] == 2


def test_documents_keep_metadata_and_order(store: Store) -> None:
    store.add_document(doc(1, published="2024-01-02", title="B", outlet="TASS"))
    store.add_document(doc(2, published="2024-03-01", title="A"))
    store.add_document(doc(3))
    assert [d.id for d in store.list_documents()] == ["d002", "d001", "d003"]
    assert [d.id for d in store.list_documents(limit=1, offset=1)] == ["d001"]
    assert store.get_document("d001").outlet == "TASS"  # type: ignore[union-attr]
    # Without its text, a document keeps every other field.
    meta = store.get_document("d001", text=False)
    assert meta is not None and meta.text == ""
    assert meta == Document("d001", "", outlet="TASS", published="2024-01-02", title="B")
    assert store.get_document("nope", text=False) is None
    assert [d.id for d in store.iter_documents()] == ["d001", "d002", "d003"]


def test_iter_documents_pages_past_one_page(store: Store) -> None:
    for i in range(300):
        store.add_document(doc(i))
    ids = [d.id for d in store.iter_documents()]
    assert ids == sorted(ids) and len(ids) == 300


def test_pending_and_extraction_replace(store: Store) -> None:
    for i in (1, 2):
        store.add_document(doc(i))
    assert store.pending_documents("p1") == ["d001", "d002"]
    store.save_extraction(extraction("d001", ["Almaty", "China"]))
    assert store.pending_documents("p1") == ["d002"]
    assert store.pending_documents("p2") == ["d001", "d002"]
    store.save_extraction(extraction("d001", ["Astana"], pipeline="p2"))
    got = store.get_extraction("d001")
    assert got is not None and [e.name for e in got.entities] == ["Astana"]
    assert got.pipeline == "p2"
    assert store.counts()["doc_entities"] == 1
    assert store.get_extraction("d002") is None


def test_extraction_round_trip(store: Store) -> None:
    store.add_document(doc(1))
    ext = extraction("d001", ["Ürümqi", "Қазақстан"])
    ext.errors = ["dates: ValueError: x"]
    store.save_extraction(ext)
    assert store.get_extraction("d001") == ext
    assert list(store.iter_extractions()) == [ext]


def _resolve(store: Store) -> None:
    for i in (1, 2):
        store.add_document(doc(i))
        store.save_extraction(extraction(f"d00{i}", ["Almaty", "China"]))
    ents = [
        CorpusEntity(
            "e:almaty",
            "Almaty",
            "GPE",
            ["Alma-Ata"],
            {"code": "KZ"},
            [("d001", "k0"), ("d002", "k0")],
        ),
        CorpusEntity("e:china", "China", "GPE", [], {}, [("d001", "k1")]),
        CorpusEntity("e:china_2", "China", "GPE", [], {}, [("d002", "k1")]),
    ]
    evs = [
        CorpusEvent(
            "v:1",
            "TRADE",
            "2024-01-01",
            None,
            "Almaty",
            {"value": 1.5},
            [("d001", "v0"), ("d002", "v0")],
        )
    ]
    store.save_resolution(ents, evs)


def test_resolution_links_and_counts(store: Store) -> None:
    _resolve(store)
    ent = store.get_entity("e:almaty")
    assert ent is not None
    assert ent.members == [("d001", "k0"), ("d002", "k0")]
    assert ent.aliases == ["Alma-Ata"] and ent.attrs == {"code": "KZ"}
    assert [e.id for e in store.list_entities()] == ["e:almaty", "e:china", "e:china_2"]
    assert store.entity_links()[("d002", "k1")] == "e:china_2"
    ev = store.get_event("v:1")
    assert ev is not None and ev.data == {"value": 1.5} and len(ev.members) == 2
    assert [e.id for e in store.list_events(type_="TRADE")] == ["v:1"]
    assert store.list_events(type_="FORUM") == []
    assert store.event_links() == {("d001", "v0"): "v:1", ("d002", "v0"): "v:1"}
    # A second resolution replaces the first entirely.
    store.save_resolution([CorpusEntity("e:x", "X", "GPE", [], {}, [("d001", "k0")])], [])
    assert store.get_entity("e:almaty") is None
    assert store.entity_links() == {("d001", "k0"): "e:x"}
    assert store.event_links() == {}
    assert store.counts()["entities"] == 1


def test_resolution_streams_memberships_and_versions(store: Store) -> None:
    for i in (1, 2):
        store.add_document(doc(i))
        store.save_extraction(extraction(f"d00{i}", ["Almaty", "China"]))
    ents = [CorpusEntity("e:almaty", "Almaty", "GPE"), CorpusEntity("e:china", "China", "GPE")]
    evs = [CorpusEvent("v:1", "TRADE", None, None, None, {"type": "TRADE"}, [("d001", "v0")])]
    evs.append(CorpusEvent("v:2", "TRADE", None, None, None, {"type": "TRADE"}, [("d002", "v0")]))
    links = (
        (e, d, k) for d in ("d001", "d002") for k, e in (("k0", "e:almaty"), ("k1", "e:china"))
    )
    versions = ((d, "v0", {"doc_id": d, "outlet": f"Outlet {d}"}) for d in ("d002", "d001"))
    store.save_resolution(ents, evs, links, versions)
    almaty = store.get_entity("e:almaty")
    assert almaty is not None and almaty.members == [("d001", "k0"), ("d002", "k0")]
    assert [e.id for e in store.list_entities()] == ["e:almaty", "e:china"]
    ev = store.get_event("v:2")
    assert ev is not None and ev.data["versions"] == [{"doc_id": "d002", "outlet": "Outlet d002"}]
    listed = {e.id: e.data["versions"] for e in store.list_events()}
    assert listed["v:1"] == [{"doc_id": "d001", "outlet": "Outlet d001"}]
    # Re-extracting a document drops its stale version with its event link.
    store.save_extraction(extraction("d001", ["Almaty"]))
    again = store.get_event("v:1")
    assert again is not None and "versions" not in again.data
    assert store.entity_links()[("d002", "k1")] == "e:china"


def test_search(store: Store) -> None:
    store.add_document(doc(1, "Kazakhstan and China signed a grain deal in Astana.", title="Grain"))
    store.add_document(doc(2, "Russia ships oil to China by pipeline."))
    _ = store.save_resolution(
        [
            CorpusEntity(
                "e:xpcc",
                "Xinjiang Production and Construction Corps",
                "ORG",
                ["XPCC", "Bingtuan"],
                {},
                [],
            )
        ],
        [],
    )
    hits = store.search_documents("china grain")
    assert [h[0] for h in hits] == ["d001"]
    assert "[" in hits[0][2] and hits[0][1] == "Grain"
    assert {h[0] for h in store.search_documents("chin")} == {"d001", "d002"}
    assert store.search_documents("") == []
    assert store.search_documents("'\"*") == []
    assert [e.id for e in store.search_entities("bingtuan")] == ["e:xpcc"]
    assert store.search_entities("nothing-here") == []


def test_judgements(store: Store) -> None:
    j = Judgement("entity", "d2#k0", "d1#k0", "unsure", 0.7, {"name_similar": 0.9})
    store.save_judgement(j)
    store.save_judgement(Judgement("entity", "d1#k0", "d2#k0", "negative", None, {}, "analyst"))
    got = store.list_judgements("entity")
    assert len(got) == 1
    assert (got[0].left_id, got[0].right_id, got[0].judgement) == ("d1#k0", "d2#k0", "negative")
    assert store.list_judgements("event") == []
    assert store.delete_judgement("entity", "d2#k0", "d1#k0")
    assert not store.delete_judgement("entity", "d2#k0", "d1#k0")
    assert store.list_judgements() == []
