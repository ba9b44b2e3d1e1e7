"""Entity resolution across documents: blocking, named features, judgements, components.

Nothing is destroyed: the per-document entities stay as extracted; resolution only
decides which of them are one real-world thing. Each automatic merge is explained by
the features that scored it; a person's judgements (positive, negative) override the
machine. Canonical entities are the connected components of positive links.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler
from rigour.names import remove_org_types, remove_person_prefixes

from silkgraph.knowledge.lexicon import REGION_SUFFIXES
from silkgraph.knowledge.names import ascii_fold, initials, phonetic, tokens
from silkgraph.model import Entity, Extraction
from silkgraph.store.base import CorpusEntity, Judgement

log = logging.getLogger(__name__)

COARSE = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "EVENT": "EVENT",
}
MATCH_THRESHOLD = 0.8
# "Akmola Region" and "Akmola" are one place.
_REGION_WORD = re.compile(
    r"\s+(?:" + "|".join(w for w in REGION_SUFFIXES if " " not in w) + r")$", re.I
)
UNSURE_THRESHOLD = 0.6
MAX_BLOCK = 500
WINDOW = 50


@dataclass(slots=True)
class Node:
    """One document's entity, as the resolver sees it."""

    doc_id: str
    key: str
    name: str
    type: str
    names: list[str]
    attrs: dict[str, object]
    context: set[str] = field(default_factory=set)

    @property
    def ref(self) -> tuple[str, str]:
        return (self.doc_id, self.key)

    @property
    def coarse(self) -> str:
        return COARSE.get(self.type, self.type)


def make_nodes(extractions: Iterable[Extraction]) -> list[Node]:
    nodes = []
    for ext in extractions:
        places = {str(e.attrs.get("code")) for e in ext.entities if e.attrs.get("code")}
        for ent in ext.entities:
            names = _names(ent)
            nodes.append(
                Node(ext.doc_id, ent.key, ent.name, ent.type, names, dict(ent.attrs), places)
            )
    return nodes


def _names(ent: Entity) -> list[str]:
    seen = {ent.name: None}
    for m in ent.mentions:
        seen.setdefault(m.text, None)
    for a in ent.aliases:
        seen.setdefault(a, None)
    return list(seen)


# features: each returns a score in [0, 1] ------------------------------------


def f_same_place(a: Node, b: Node) -> float:
    ca, cb = a.attrs.get("code"), b.attrs.get("code")
    return 1.0 if ca and ca == cb else 0.0


def f_name_exact(a: Node, b: Node) -> float:
    fa = {ascii_fold(n) for n in a.names}
    return 1.0 if fa & {ascii_fold(n) for n in b.names} else 0.0


def keys(node: Node) -> set[str]:
    """Phonetic keys of a node's names, word order ignored, titles and legal forms removed."""
    out = set()
    for n in node.names:
        if len(n) <= 3:
            continue
        clean = (
            remove_person_prefixes(n)
            if node.coarse == "PERSON"
            else remove_org_types(n)
            if node.coarse == "ORG"
            else _REGION_WORD.sub("", n)
        )
        key = " ".join(sorted(tokens(clean or n)))
        if key:
            out.add(key)
    return out


def f_name_phonetic(a: Node, b: Node) -> float:
    return 1.0 if keys(a) & keys(b) else 0.0


def f_person_parts(a: Node, b: Node) -> float:
    """First and last name agree though middle names, patronymics or initials differ."""
    if a.coarse != "PERSON":
        return 0.0
    ta, tb = tokens(remove_person_prefixes(a.name)), tokens(remove_person_prefixes(b.name))
    if len(ta) < 2 or len(tb) < 2:
        return 0.0
    if len(ta) == len(tb):
        # "L. Oyun-Erdene" and "Luvsannamsrai Oyun-Erdene": an initial for a given name.
        pairs = list(zip(ta, tb, strict=True))
        initial = [(x, y) for x, y in pairs if x != y]
        return (
            1.0
            if len(initial) == 1
            and min(len(initial[0][0]), len(initial[0][1])) == 1
            and initial[0][0][0] == initial[0][1][0]
            and pairs[-1][0] == pairs[-1][1]
            else 0.0
        )
    short, long = sorted((ta, tb), key=len)
    return 1.0 if short[0] == long[0] and short[-1] == long[-1] else 0.0


def f_name_similar(a: Node, b: Node) -> float:
    """Worst token-by-token Jaro-Winkler similarity of the full names (same token count)."""
    ta = sorted(tokens(a.name))
    tb = sorted(tokens(b.name))
    if not ta or len(ta) != len(tb):
        return 0.0
    return float(min(JaroWinkler.similarity(x, y) for x, y in zip(ta, tb, strict=True)))


def f_acronym(a: Node, b: Node) -> float:
    for x, y in ((a, b), (b, a)):
        acrs = {n for n in x.names if n.isupper() and 2 <= len(n) <= 8}
        if acrs & {initials(n) for n in y.names if len(n.split()) >= 2}:
            return 1.0
    return 0.0


def f_surname_only(a: Node, b: Node) -> float:
    """1 when either person is known only by one word: too weak to merge across documents."""
    if a.coarse == "PERSON" and (len(tokens(a.name)) < 2 or len(tokens(b.name)) < 2):
        return 1.0
    return 0.0


def f_place_conflict(a: Node, b: Node) -> float:
    ca, cb = a.attrs.get("code"), b.attrs.get("code")
    return 1.0 if ca and cb and ca != cb else 0.0


FEATURES: dict[str, tuple[Callable[[Node, Node], float], float]] = {
    "same_place": (f_same_place, 1.0),
    "name_exact": (f_name_exact, 0.9),
    "name_phonetic": (f_name_phonetic, 0.85),
    "name_similar": (f_name_similar, 0.0),
    "person_parts": (f_person_parts, 0.8),
    "acronym": (f_acronym, 0.85),
    "surname_only": (f_surname_only, -0.5),
    "place_conflict": (f_place_conflict, -1.0),
}


def score(a: Node, b: Node) -> tuple[float, dict[str, float]]:
    """Score a pair from its named features; returns (score, features) for explanation."""
    if a.coarse != b.coarse:
        return 0.0, {"type_conflict": 1.0}
    feats = {name: fn(a, b) for name, (fn, _) in FEATURES.items()}
    positive = max(feats[k] * w for k, (_, w) in FEATURES.items() if w > 0)
    sim = feats["name_similar"]
    if sim >= 0.88:
        positive = max(positive, 0.8)
    penalty = sum(feats[k] * w for k, (_, w) in FEATURES.items() if w < 0)
    return max(0.0, min(1.0, positive + penalty)), {k: round(v, 3) for k, v in feats.items() if v}


def block_keys(node: Node) -> set[str]:
    """Keys that any true match shares with this node (near-linear pair generation)."""
    keys = set()
    if node.attrs.get("code"):
        keys.add(f"code:{node.attrs['code']}")
    for n in node.names:
        toks = tokens(n)
        if not toks:
            continue
        keys.add(f"tok:{toks[-1][:5]}")
        keys.add(f"tok:{toks[0][:5]}")
        if n.isupper() and len(n) <= 8:
            keys.add(f"acr:{n}")
        elif len(n.split()) >= 2:
            keys.add(f"acr:{initials(n)}")
    return keys


def candidate_pairs(nodes: list[Node]) -> set[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for key in block_keys(node):
            blocks[f"{node.coarse}|{key}"].append(i)
    pairs = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            # A very common key: compare each name with its neighbours in sorted order
            # (a sorted-neighbourhood window) instead of every pair.
            members = sorted(members, key=lambda i: phonetic(nodes[i].name))
            width = WINDOW
        else:
            width = len(members)
        for x in range(len(members)):
            for y in range(x + 1, min(len(members), x + 1 + width)):
                i, j = members[x], members[y]
                if nodes[i].doc_id != nodes[j].doc_id:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def collapse(nodes: list[Node], keep: set[int]) -> tuple[list[Node], list[list[int]]]:
    """One representative per group of nodes with the same place code or name key.

    Such nodes would be merged anyway; scoring their representatives only keeps the
    pairwise step near-linear in the number of distinct names. Lone surnames are left
    out (they never merge across documents), and so are nodes a person judged (``keep``).
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    singles: list[list[int]] = []
    for i, node in enumerate(nodes):
        code = node.attrs.get("code")
        toks = tokens(node.name)
        if i in keep:
            singles.append([i])
        elif code and node.coarse == "PLACE":
            groups[(node.coarse, f"code:{code}")].append(i)
        elif node.coarse == "PERSON" and len(toks) < 2:
            continue
        elif toks:
            groups[(node.coarse, " ".join(sorted(toks)))].append(i)
        else:
            singles.append([i])
    members = list(groups.values()) + singles
    reps: list[Node] = []
    for group in members:
        first = nodes[group[0]]
        names: dict[str, None] = {}
        for i in group:
            for n in nodes[i].names:
                if len(names) < 40:
                    names.setdefault(n, None)
        doc = first.doc_id if len(group) == 1 else f"*{len(reps)}"
        reps.append(Node(doc, first.key, first.name, first.type, list(names), first.attrs))
    return reps, members


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def node_id(node: Node) -> str:
    return f"{node.doc_id}#{node.key}"


def resolve_entities(
    nodes: list[Node],
    judgements: list[Judgement] | None = None,
    same_event: list[tuple[str, str]] | None = None,
) -> tuple[list[CorpusEntity], list[Judgement]]:
    """Cluster document entities into corpus entities; returns them and the machine's links.

    ``same_event`` links named events (forums) whose reports were clustered as one event:
    a translated name in one source and a transliterated one in another.
    """
    index = {node_id(n): i for i, n in enumerate(nodes)}
    human = {
        (j.left_id, j.right_id): j.judgement
        for j in judgements or ()
        if j.kind == "entity" and j.author != "silkgraph"
    }
    uf = UnionFind(len(nodes))
    links: list[Judgement] = []
    negatives = set()
    for (left, right), verdict in human.items():
        if left in index and right in index:
            if verdict == "positive":
                uf.union(index[left], index[right])
            elif verdict == "negative":
                negatives.add((index[left], index[right]))
                negatives.add((index[right], index[left]))
    for left, right in same_event or ():
        if left in index and right in index and (index[left], index[right]) not in negatives:
            uf.union(index[left], index[right])
            a, b = sorted((left, right))
            links.append(Judgement("entity", a, b, "positive", 1.0, {"same_event": 1.0}))
    judged = {i for pair in negatives for i in pair}
    reps, groups = collapse(nodes, judged)
    for group in groups:
        for other in group[1:]:
            uf.union(group[0], other)
    for ra, rb in sorted(candidate_pairs(reps)):
        i, j = groups[ra][0], groups[rb][0]
        if (i, j) in negatives:
            continue
        s, feats = score(reps[ra], reps[rb])
        if s >= UNSURE_THRESHOLD:
            verdict = "positive" if s >= MATCH_THRESHOLD else "unsure"
            left, right = sorted((node_id(nodes[i]), node_id(nodes[j])))
            links.append(Judgement("entity", left, right, verdict, round(s, 3), feats))
            if verdict == "positive":
                uf.union(i, j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        clusters[uf.find(i)].append(i)
    entities = [_corpus_entity([nodes[i] for i in members]) for members in clusters.values()]
    _unique_ids(entities)
    return entities, links


def _corpus_entity(members: list[Node]) -> CorpusEntity:
    names: dict[str, int] = defaultdict(int)
    types: dict[str, int] = defaultdict(int)
    attrs: dict[str, object] = {}
    for m in members:
        names[m.name] += 2
        for n in m.names:
            names[n] += 1
        types[m.type] += 1
        attrs.update({k: v for k, v in m.attrs.items() if k not in attrs})
    etype = max(types, key=lambda t: types[t])
    full = [n for n in names if not (n.isupper() and len(n) <= 8)] or list(names)
    name = max(full, key=lambda n: (names[n], len(n.split()), -len(n)))
    if etype == "PERSON":
        name = max(full, key=lambda n: (len(tokens(n)), names[n]))
    code = attrs.get("code")
    slug = str(code).lower() if code and members[0].coarse == "PLACE" else _slug(name)
    return CorpusEntity(
        id=f"e:{slug}",
        name=name,
        type=etype,
        aliases=sorted(n for n in names if n != name),
        attrs=attrs,
        members=sorted(m.ref for m in members),
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", ascii_fold(name)).strip("_") or "x"


def _unique_ids(entities: list[CorpusEntity]) -> None:
    """Ids come from names; where two clusters share one, the type and members tell apart."""
    seen: dict[str, int] = defaultdict(int)
    for ent in sorted(entities, key=lambda e: (-len(e.members), e.members)):
        seen[ent.id] += 1
        if seen[ent.id] > 1:
            ent.id = f"{ent.id}_{ent.type.lower()}_{seen[ent.id]}"
