"""The knowledge graph as GraphML or GEXF, for Gephi and other network tools.

Nodes are corpus entities and corpus events (type, name, lat/lon where the gazetteer
knows them); edges are entity-event participation (and location) and entity-entity
co-occurrence in one document, weighted by the number of documents they share.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from silkgraph.export.jsonl import iter_records
from silkgraph.store.base import Store

# attribute name -> (GraphML type, GEXF type)
NODE_ATTRS = {
    "kind": "string",
    "type": "string",
    "name": "string",
    "country": "string",
    "lat": "double",
    "lon": "double",
    "date": "string",
    "documents": "int",
}
EDGE_ATTRS = {"relation": "string", "weight": "double"}
_GEXF_TYPES = {"string": "string", "double": "double", "int": "integer"}


@dataclass(slots=True)
class Graph:
    """Nodes keyed by id (attribute dicts) and undirected weighted edges."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], float] = field(default_factory=dict)


def build_graph(store: Store) -> Graph:
    """Entities, events, participation and co-occurrence edges from the store."""
    g = Graph()
    entities = {e.id: e for e in store.list_entities(limit=10**9)}
    docs_per: Counter[str] = Counter()
    cooc: Counter[tuple[str, str]] = Counter()
    events: dict[str, dict[str, Any]] = {}
    for rec in iter_records(store):
        ids = sorted({e["id"] for e in rec["entities"] if e["id"] in entities})
        docs_per.update(ids)
        cooc.update(combinations(ids, 2))
        for ev in rec["events"]:
            events.setdefault(
                ev["id"],
                {
                    "type": ev["type"],
                    "date": ev["date"],
                    "name": ev["trigger"],
                    "location": ev["location"],
                    "participants": set(),
                    "docs": set(),
                },
            )
            events[ev["id"]]["participants"].update(p for p in ev["participants"] if p in entities)
            events[ev["id"]]["docs"].add(rec["id"])
    for eid, ent in entities.items():
        g.nodes[eid] = _clean(
            {
                "kind": "entity",
                "type": ent.type,
                "name": ent.name,
                "country": ent.attrs.get("country"),
                "lat": ent.attrs.get("lat"),
                "lon": ent.attrs.get("lon"),
                "documents": docs_per[eid],
            }
        )
    stored = {e.id: e for e in store.list_events(limit=10**9)}
    for vid, ev in events.items():
        corpus = stored.get(vid)
        loc = entities.get(str(ev["location"])) if ev["location"] else None
        g.nodes[vid] = _clean(
            {
                "kind": "event",
                "type": ev["type"],
                "name": f"{ev['type']}: {ev['name']}",
                "date": corpus.date if corpus and corpus.date else ev["date"],
                "country": loc.attrs.get("country") if loc else None,
                "lat": loc.attrs.get("lat") if loc else None,
                "lon": loc.attrs.get("lon") if loc else None,
                "documents": len(ev["docs"]),
            }
        )
        for p in sorted(ev["participants"]):
            g.edges[(p, vid, "participant")] = float(len(ev["docs"]))
        if loc is not None:
            g.edges[(loc.id, vid, "location")] = float(len(ev["docs"]))
    for (a, b), n in sorted(cooc.items()):
        g.edges[(a, b, "co-occurrence")] = float(n)
    return g


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def to_graphml(g: Graph) -> ET.Element:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    for scope, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        for name, typ in attrs.items():
            ET.SubElement(
                root,
                "key",
                {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name, "attr.type": typ},
            )
    graph = ET.SubElement(root, "graph", {"id": "silkgraph", "edgedefault": "undirected"})
    for nid, attrs in g.nodes.items():
        node = ET.SubElement(graph, "node", {"id": nid})
        for k, v in attrs.items():
            ET.SubElement(node, "data", {"key": f"n_{k}"}).text = str(v)
    for i, ((a, b, rel), w) in enumerate(g.edges.items()):
        edge = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": a, "target": b})
        ET.SubElement(edge, "data", {"key": "e_relation"}).text = rel
        ET.SubElement(edge, "data", {"key": "e_weight"}).text = str(w)
    return root


def to_gexf(g: Graph) -> ET.Element:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "silkgraph"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    node_keys = [k for k in NODE_ATTRS if k != "name"]
    attrs_el = ET.SubElement(graph, "attributes", {"class": "node"})
    for i, k in enumerate(node_keys):
        ET.SubElement(
            attrs_el, "attribute", {"id": str(i), "title": k, "type": _GEXF_TYPES[NODE_ATTRS[k]]}
        )
    eattrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    ET.SubElement(eattrs, "attribute", {"id": "0", "title": "relation", "type": "string"})
    nodes = ET.SubElement(graph, "nodes")
    for nid, attrs in g.nodes.items():
        node = ET.SubElement(nodes, "node", {"id": nid, "label": str(attrs.get("name", nid))})
        values = ET.SubElement(node, "attvalues")
        for i, k in enumerate(node_keys):
            if k in attrs:
                ET.SubElement(values, "attvalue", {"for": str(i), "value": str(attrs[k])})
    edges = ET.SubElement(graph, "edges")
    for i, ((a, b, rel), w) in enumerate(g.edges.items()):
        edge = ET.SubElement(
            edges, "edge", {"id": str(i), "source": a, "target": b, "weight": str(w), "label": rel}
        )
        ET.SubElement(ET.SubElement(edge, "attvalues"), "attvalue", {"for": "0", "value": rel})
    return root


def _write(root: ET.Element, output: Path | None) -> None:
    ET.indent(root)
    data = ET.tostring(root, encoding="unicode", xml_declaration=True)
    if output:
        output.write_text(data + "\n", encoding="utf-8")
    else:
        sys.stdout.write(data + "\n")


def write_graphml(store: Store, output: Path | None) -> None:
    """GraphML of the corpus graph to ``output`` (stdout when None)."""
    _write(to_graphml(build_graph(store)), output)


def write_gexf(store: Store, output: Path | None) -> None:
    """GEXF 1.3 of the corpus graph to ``output`` (stdout when None)."""
    _write(to_gexf(build_graph(store)), output)
