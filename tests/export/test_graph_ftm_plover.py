"""GraphML, GEXF, FollowTheMoney and PLOVER exports of a real store of the examples."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from silkgraph.export import EXPORTERS
from silkgraph.export.jsonl import iter_records
from silkgraph.export.plover import PLOVER
from silkgraph.store.sqlite import SQLiteStore

GML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(examples_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def expected(store: SQLiteStore) -> dict[str, object]:
    entities = {e.id: e for e in store.list_entities(limit=10**9)}
    records = list(iter_records(store))
    events = {ev["id"] for r in records for ev in r["events"]}
    pairs = set()
    for r in records:
        ids = sorted({e["id"] for e in r["entities"]})
        pairs |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    return {"entities": entities, "events": events, "pairs": pairs, "records": records}


def _export(store: SQLiteStore, fmt: str, tmp_path: Path) -> Path:
    out = tmp_path / f"out.{fmt}"
    EXPORTERS[fmt](store, out)
    return out


def test_graphml_nodes_and_edges_match_store(
    store: SQLiteStore, expected: dict, tmp_path: Path
) -> None:
    root = ET.parse(_export(store, "graphml", tmp_path)).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GML}key")}
    nodes = {}
    for n in root.iter(f"{GML}node"):
        nodes[n.get("id")] = {keys[d.get("key")]: d.text for d in n.iter(f"{GML}data")}
    assert len(expected["entities"]) > 10
    assert set(nodes) == set(expected["entities"]) | expected["events"]
    china = nodes["e:cn"]
    assert china["name"] == "China" and china["type"] == "GPE"
    assert abs(float(china["lat"]) - 39.9) < 1 and abs(float(china["lon"]) - 116.4) < 1
    edges = [
        (
            e.get("source"),
            e.get("target"),
            {keys[d.get("key")]: d.text for d in e.iter(f"{GML}data")},
        )
        for e in root.iter(f"{GML}edge")
    ]
    cooc = {(s, t) for s, t, d in edges if d["relation"] == "co-occurrence"}
    assert cooc == expected["pairs"]
    assert all(s in nodes and t in nodes for s, t, _ in edges)
    # China is named in all three examples, Xinjiang too: their edge weighs 3 documents
    weight = next(
        float(d["weight"])
        for s, t, d in edges
        if {s, t} == {"e:cn", "e:cn-xj"} and d["relation"] == "co-occurrence"
    )
    assert weight == 3.0
    participation = [(s, t) for s, t, d in edges if d["relation"] == "participant"]
    assert all(t in expected["events"] and s in expected["entities"] for s, t in participation)


def test_gexf_parses_with_same_counts(store: SQLiteStore, expected: dict, tmp_path: Path) -> None:
    root = ET.parse(_export(store, "gexf", tmp_path)).getroot()
    nodes = list(root.iter(f"{GEXF}node"))
    assert {n.get("id") for n in nodes} == set(expected["entities"]) | expected["events"]
    labels = {n.get("id"): n.get("label") for n in nodes}
    assert labels["e:cn"] == "China"
    edges = list(root.iter(f"{GEXF}edge"))
    cooc = [e for e in edges if e.get("label") == "co-occurrence"]
    assert len(cooc) == len(expected["pairs"])
    assert all(float(e.get("weight", 0)) >= 1 for e in edges)


def test_ftm_entities_have_schema_and_provenance(
    store: SQLiteStore, expected: dict, tmp_path: Path
) -> None:
    lines = [json.loads(x) for x in _export(store, "ftm", tmp_path).read_text().splitlines()]
    by_id = {x["id"]: x for x in lines}
    articles = {x["id"] for x in lines if x["schema"] == "Article"}
    assert len(articles) == len(expected["records"])
    for eid, ent in expected["entities"].items():
        item = by_id[eid]
        assert item["properties"]["name"] == [ent.name]
        assert item["properties"]["proof"] and set(item["properties"]["proof"]) <= articles
    people = [x for x in lines if x["schema"] == "Person"]
    assert any("Huiying" in x["properties"]["name"][0] for x in people)
    assert by_id["e:cn"]["schema"] == "Address"
    assert by_id["e:cn"]["properties"]["country"] == ["CN"]
    assert {x["schema"] for x in lines} <= {
        "Article",
        "Person",
        "Organization",
        "Company",
        "Address",
        "Event",
        "LegalEntity",
    }


def test_plover_records(
    store: SQLiteStore, expected: dict, run_cli: Any, examples_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.jsonl"
    res = run_cli("export", "--db", examples_db, "--format", "plover", "-o", out)
    assert res.returncode == 0, res.stderr
    records = [json.loads(x) for x in out.read_text().splitlines()]
    n_events = sum(len(r["events"]) for r in expected["records"])
    assert len(records) == n_events
    docs = {r["id"] for r in expected["records"]}
    for rec in records:
        code = PLOVER[rec["silkgraph_type"]]
        assert rec["event_type"] == code.category and rec["cameo_root"] == code.root
        assert rec["doc_id"] in docs and rec["text"]
        assert rec["actor1"] is None or rec["actor1"]["name"]


def test_plover_mapping_matches_cameo_table() -> None:
    roots = {"AGREE": "03", "CONSULT": "04", "COOPERATE": "06"}
    for code in PLOVER.values():
        assert roots[code.category] == code.root
        assert code.cameo.startswith(code.root)
