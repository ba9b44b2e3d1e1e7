"""The contract export names an event's outlet, never an internal key."""

from __future__ import annotations

from silkgraph.export.jsonl import document_record
from silkgraph.model import Document, Entity, Event, Extraction, Mention


def test_an_outlet_credited_in_the_sentence_is_exported_by_its_name() -> None:
    ent = Entity("m:abc", "Global Times", "ORG", [Mention("Global Times", 0, 12)])
    text = "Global Times reported the exports."
    ev = Event("e1", "TRADE", "exports", 0, 40, text, outlet="m:abc")
    other = Event("e2", "TRADE", "exports", 0, 40, "Exports grew.")
    ext = Extraction("d1", "test", entities=[ent], events=[ev, other])
    doc = Document("d1", "Global Times reported the exports. Exports grew.", outlet="Daily")
    record = document_record(doc, ext, {("d1", "m:abc"): "e:global_times"}, {})
    assert [e["outlet"] for e in record["events"]] == ["Global Times", "Daily"]


def test_a_role_given_twice_by_two_spellings_of_one_person_is_listed_once() -> None:
    from silkgraph.export.jsonl import _distinct_roles

    roles = [
        {"person": "e:berdimuhamedov", "title": "President", "org": "e:tm"},
        {"person": "e:berdimuhamedov", "title": "president", "org": "e:tm"},
        {"person": "e:berdimuhamedov", "title": "Chairman", "org": "e:tm"},
    ]
    assert [r["title"] for r in _distinct_roles(roles)] == ["President", "Chairman"]
