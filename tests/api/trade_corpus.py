"""A hand-made two-source corpus: one wheat shipment told twice, one man spelt two ways.

Built through the real store and resolver, so the event page, trade flows and review queue
have known content whatever the extractor currently finds in the examples.
"""

from __future__ import annotations

from pathlib import Path

from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.resolve import resolve_store
from silkgraph.store import open_store
from silkgraph.store.base import Judgement


def _ent(key: str, name: str, type_: str, text: str, **attrs: object) -> Entity:
    start = text.index(name)
    return Entity(key, name, type_, [Mention(name, start, start + len(name))], attrs=dict(attrs))


def build_trade_corpus(db: Path) -> None:
    """Two outlets report one wheat shipment with different values; two spellings of one man."""
    texts = {
        "d1": "Kazakhstan exported wheat worth $100 million to China in May, "
        "Rustem Minnikhanov said.",
        "d2": "Kazakhstan shipped wheat worth $120 million to China in May, "
        "Rustam Minikhanov told reporters.",
    }
    meta = {"d1": ("Xinhua", "2025-06-01"), "d2": ("Kazinform", "2025-06-02")}
    store = open_store(str(db))
    for doc_id, text in texts.items():
        store.add_document(
            Document(
                doc_id,
                text,
                outlet=meta[doc_id][0],
                published=meta[doc_id][1],
                title=f"Wheat report {doc_id}",
            )
        )
        person = "Rustem Minnikhanov" if doc_id == "d1" else "Rustam Minikhanov"
        ents = [
            _ent("kz", "Kazakhstan", "GPE", text, code="KZ", country="KZ", place_kind="country"),
            _ent(
                "cn",
                "China",
                "GPE",
                text,
                code="CN",
                country="CN",
                place_kind="country",
                lat=39.9,
                lon=116.4,
            ),
            _ent("p", person, "PERSON", text),
        ]
        usd = 100e6 if doc_id == "d1" else 120e6
        ev = Event(
            "ev1",
            "TRADE",
            "exported" if doc_id == "d1" else "shipped",
            0,
            text.index(" in May"),
            text[: text.index(" in May")],
            date="2025-05",
            participants=["kz", "cn"],
            amount_usd=usd,
            commodities=["wheat"],
            exporter="kz",
            importer="cn",
        )
        store.save_extraction(Extraction(doc_id, "test", entities=ents, events=[ev]))
    resolve_store(store)
    store.save_judgement(Judgement("entity", "d1#p", "d2#p", "unsure", 0.7, {"name_similar": 0.9}))
    store.close()
