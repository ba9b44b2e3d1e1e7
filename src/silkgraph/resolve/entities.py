"""Entity resolution across documents: blocking, named features, judgements, components.

Nothing is destroyed: the per-document entities stay as extracted; resolution only
decides which of them are one real-world thing. Each automatic merge is explained by
the features that scored it; a person's judgements (positive, negative) override the
machine. Canonical entities are the connected components of positive links.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler
from rigour.names import remove_org_types, remove_person_prefixes

from silkgraph.knowledge.gloss import block_words, gloss, translates
from silkgraph.knowledge.lexicon import REGION_SUFFIXES
from silkgraph.knowledge.names import ascii_fold, initials, phonetic, tokens
from silkgraph.model import Entity, Extraction
from silkgraph.store.base import CorpusEntity, Judgement

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

    @property
    def ref(self) -> tuple[str, str]:
        return (self.doc_id, self.key)

    @property
    def coarse(self) -> str:
        return COARSE.get(self.type, self.type)


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


def f_translated(a: Node, b: Node) -> float:
    """1 when a Russian name of one is, word by word, an English name of the other
    ("Главное таможенное управление" and "General Administration of Customs")."""
    if a.coarse == "PERSON":
        return 0.0
    for x, y in ((a, b), (b, a)):
        russian = [n for n in x.names if gloss(n) is not None]
        if russian and any(translates(r, n) for r in russian for n in y.names):
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
    "translated": (f_translated, 0.85),
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
        if node.coarse != "PERSON":
            # A Russian name meets its English translation by any of its glossed words.
            keys.update(f"tok:{w[:5]}" for w in block_words(n))
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


def node_id(doc_id: str, key: str) -> str:
    return f"{doc_id}#{key}"


@dataclass(slots=True)
class Unit:
    """Document entities that resolution treats as one: same type and name key, or place code.

    ``rep`` is what is scored against other units; the counters are what the corpus
    entity's name, type and attributes are chosen from. Identical names would be merged
    anyway, so folding them as they stream keeps memory and pairwise work in step with
    the number of distinct names rather than with the corpus.
    """

    rep: Node
    first: str
    scored: bool = True
    names: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    attrs: dict[str, object] = field(default_factory=dict)

    def add(self, node: Node) -> None:
        self.names[node.name] = self.names.get(node.name, 0) + 2
        for n in node.names:
            self.names[n] = self.names.get(n, 0) + 1
        self.types[node.type] = self.types.get(node.type, 0) + 1
        for k, v in node.attrs.items():
            self.attrs.setdefault(k, v)


class EntityIndex:
    """Every document entity of a corpus, folded into units as extractions stream past.

    Memory grows with the number of distinct names; per document entity only its
    document, key and unit are kept (about 16 bytes), so a corpus of millions of
    document entities fits. A document's entities are consecutive nodes, so what an
    event points to is found by its document and key. ``pinned`` node ids (those a
    person judged) get units of their own so that a judgement applies to them alone.
    """

    MAX_NAMES = 40

    def __init__(self, pinned: Iterable[str] = ()) -> None:
        self.pinned = set(pinned)
        self.units: list[Unit] = []
        self.docs: list[str] = []
        self.doc_start = array("I")
        self.node_doc = array("I")
        self.node_unit = array("I")
        self.node_key: list[str] = []
        self.pinned_unit: dict[str, int] = {}
        self._groups: dict[tuple[str, str], int] = {}
        self._scored: list[tuple[int, int, float, dict[str, float]]] | None = None
        self.n_candidates = 0

    def __len__(self) -> int:
        return len(self.node_key)

    def add(self, ext: Extraction) -> int:
        """Fold one document's entities in; returns the document's index."""
        d = len(self.docs)
        self.docs.append(ext.doc_id)
        self.doc_start.append(len(self.node_key))
        for ent in ext.entities:
            node = Node(ext.doc_id, sys.intern(ent.key), ent.name, ent.type, _names(ent), ent.attrs)
            u = self._unit(node)
            self.node_doc.append(d)
            self.node_unit.append(u)
            self.node_key.append(node.key)
        return d

    def nodes(self, d: int) -> range:
        """The nodes of the ``d``-th document."""
        end = self.doc_start[d + 1] if d + 1 < len(self.doc_start) else len(self.node_key)
        return range(self.doc_start[d], end)

    def find(self, d: int, key: str) -> int:
        """The node of the ``d``-th document's entity ``key``, or -1."""
        keys = self.node_key
        return next((n for n in self.nodes(d) if keys[n] == key), -1)

    def node_name(self, n: int) -> str:
        return node_id(self.docs[self.node_doc[n]], self.node_key[n])

    def _unit(self, node: Node) -> int:
        nid = node_id(node.doc_id, node.key)
        toks = tokens(node.name)
        code = node.attrs.get("code")
        if nid in self.pinned:
            group = None
        elif code and node.coarse == "PLACE":
            group = (node.coarse, f"code:{code}")
        elif node.coarse == "PERSON" and len(toks) < 2:
            # A lone surname never merges across documents: its own unit, never scored.
            return self._new(node, nid, scored=False)
        elif toks:
            group = (node.coarse, " ".join(sorted(toks)))
        else:
            group = None
        if group is None:
            u = self._new(node, nid)
            if nid in self.pinned:
                self.pinned_unit[nid] = u
            return u
        u = self._groups.get(group, -1)
        if u < 0:
            u = self._groups[group] = self._new(node, nid)
            return u
        unit = self.units[u]
        unit.add(node)
        rep = unit.rep
        if rep.doc_id != node.doc_id and not rep.doc_id.startswith("*"):
            # A unit spanning documents is compared with other documents' units only.
            rep.doc_id = f"*{u}"
        for n in node.names:
            if len(rep.names) < self.MAX_NAMES and n not in rep.names:
                rep.names.append(n)
        return u

    def _new(self, node: Node, nid: str, scored: bool = True) -> int:
        rep = Node(node.doc_id, node.key, node.name, node.type, list(node.names), node.attrs)
        unit = Unit(rep, nid, scored)
        unit.add(node)
        self.units.append(unit)
        self._scored = None
        return len(self.units) - 1

    def scored_pairs(self) -> list[tuple[int, int, float, dict[str, float]]]:
        """Unit pairs that share a block key, with their scores (computed once)."""
        if self._scored is None:
            live = [u for u, unit in enumerate(self.units) if unit.scored]
            reps = [self.units[u].rep for u in live]
            out = []
            pairs = candidate_pairs(reps)
            self.n_candidates = len(pairs)
            for ra, rb in sorted(pairs):
                s, feats = score(reps[ra], reps[rb])
                if s >= UNSURE_THRESHOLD:
                    out.append((live[ra], live[rb], s, feats))
            self._scored = out
        return self._scored

    def entity_ids(self, d: int, entity_of: list[str]) -> set[str]:
        """The corpus entities the ``d``-th document names."""
        unit = self.node_unit
        return {entity_of[unit[n]] for n in self.nodes(d)}

    def memberships(self, entity_of: list[str]) -> Iterator[tuple[str, str, str]]:
        """(entity id, document id, key) for every document entity, in document order."""
        docs, keys = self.docs, self.node_key
        for d, u, key in zip(self.node_doc, self.node_unit, keys, strict=True):
            yield entity_of[u], docs[d], key

    def clusters(self, root_of: list[int]) -> dict[int, tuple[int, tuple[str, str]]]:
        """Each cluster's number of document entities and its first one, by root unit."""
        out: dict[int, tuple[int, tuple[str, str]]] = {}
        docs, keys = self.docs, self.node_key
        for d, u, key in zip(self.node_doc, self.node_unit, keys, strict=True):
            root = root_of[u]
            ref = (docs[d], key)
            n, first = out.get(root, (0, ref))
            out[root] = (n + 1, min(first, ref))
        return out


def resolve_entities(
    index: EntityIndex,
    judgements: list[Judgement] | None = None,
    same_event: list[tuple[int, int]] | None = None,
) -> tuple[list[CorpusEntity], list[Judgement], list[str]]:
    """Cluster document entities into corpus entities.

    Returns the entities, the machine's links (for explanation and the review queue) and
    each unit's entity id. ``same_event`` links named events (forums) whose reports were
    clustered as one event: a translated name in one source and a transliterated one in
    another.
    """
    units = index.units
    human = {
        (j.left_id, j.right_id): j.judgement
        for j in judgements or ()
        if j.kind == "entity" and j.author != "silkgraph"
    }
    uf = UnionFind(len(units))
    links: list[Judgement] = []
    # A person's split holds for the whole clusters: no chain of links may rejoin them.
    apart: dict[int, set[int]] = defaultdict(set)
    for (left, right), verdict in human.items():
        ul, ur = index.pinned_unit.get(left), index.pinned_unit.get(right)
        if ul is not None and ur is not None and verdict == "negative":
            apart[ul].add(ur)
            apart[ur].add(ul)

    def join(a: int, b: int) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return True
        if any(uf.find(x) == rb for x in apart.get(ra, ())) or any(
            uf.find(x) == ra for x in apart.get(rb, ())
        ):
            return False
        uf.union(ra, rb)
        root = uf.find(ra)
        merged = apart.pop(ra, set()) | apart.pop(rb, set())
        if merged:
            apart[root] = merged
        return True

    for (left, right), verdict in human.items():
        ul, ur = index.pinned_unit.get(left), index.pinned_unit.get(right)
        if ul is not None and ur is not None and verdict == "positive":
            join(ul, ur)
    for na, nb in same_event or ():
        if join(index.node_unit[na], index.node_unit[nb]):
            a, b = sorted((index.node_name(na), index.node_name(nb)))
            links.append(Judgement("entity", a, b, "positive", 1.0, {"same_event": 1.0}))
    # Strongest links first, so that a split keeps the better-supported side together.
    for ua, ub, s, feats in sorted(index.scored_pairs(), key=lambda x: (-x[2], x[0], x[1])):
        verdict = "positive" if s >= MATCH_THRESHOLD else "unsure"
        if verdict == "positive" and not join(ua, ub):
            continue
        left, right = sorted((units[ua].first, units[ub].first))
        links.append(Judgement("entity", left, right, verdict, round(s, 3), feats))
    root_of = [uf.find(u) for u in range(len(units))]
    clusters: dict[int, list[int]] = defaultdict(list)
    for u, root in enumerate(root_of):
        clusters[root].append(u)
    sizes = index.clusters(root_of)
    entities = []
    entity_of_root: dict[int, CorpusEntity] = {}
    order: dict[int, tuple[int, tuple[str, str]]] = {}
    for root, group in clusters.items():
        ent = _corpus_entity([units[u] for u in group])
        entity_of_root[root] = ent
        entities.append(ent)
        n, first = sizes[root]
        order[id(ent)] = (-n, first)
    _unique_ids(entities, lambda e: order[id(e)])
    return entities, links, [entity_of_root[root].id for root in root_of]


def _corpus_entity(units: list[Unit]) -> CorpusEntity:
    names: dict[str, int] = defaultdict(int)
    types: dict[str, int] = defaultdict(int)
    attrs: dict[str, object] = {}
    for unit in units:
        for n, c in unit.names.items():
            names[n] += c
        for t, c in unit.types.items():
            types[t] += c
        for k, v in unit.attrs.items():
            attrs.setdefault(k, v)
    etype = max(types, key=lambda t: types[t])
    full = [n for n in names if not (n.isupper() and len(n) <= 8)] or list(names)
    # A name in Latin letters, where the cluster has one, names it (and makes its id): a
    # translation joining it later ("Сила Сибири") does not rename the English entity.
    full = [n for n in full if all(ord(c) < 0x400 for c in n)] or full
    name = max(full, key=lambda n: (names[n], len(n.split()), -len(n)))
    if etype == "PERSON":
        name = max(full, key=lambda n: (len(tokens(n)), names[n]))
    code = attrs.get("code")
    slug = str(code).lower() if code and units[0].rep.coarse == "PLACE" else _slug(name)
    return CorpusEntity(
        id=f"e:{slug}",
        name=name,
        type=etype,
        aliases=sorted(n for n in names if n != name),
        attrs=attrs,
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", ascii_fold(name)).strip("_") or "x"


def _unique_ids(
    entities: list[CorpusEntity], rank: Callable[[CorpusEntity], tuple[int, tuple[str, str]]]
) -> None:
    """Ids come from names; where two clusters share one, the type and members tell apart.

    ``rank`` orders clusters: the biggest first, then by its first document entity.
    """
    seen: dict[str, int] = defaultdict(int)
    for ent in sorted(entities, key=rank):
        seen[ent.id] += 1
        if seen[ent.id] > 1:
            ent.id = f"{ent.id}_{ent.type.lower()}_{seen[ent.id]}"
