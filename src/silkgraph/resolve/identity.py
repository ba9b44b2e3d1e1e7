"""Stable ids for corpus events and entities across re-runs of resolution.

Why: links to an event or entity must survive a new report joining it, a report split off,
and re-resolution of a grown corpus. The store keeps which id each document item (its
member) last belonged to; a new cluster inherits the id of the previous cluster it shares
the most members with, and an id whose members all went into another cluster redirects to
that cluster's id. Nothing here changes which items are clustered together: ids are given
after clustering, from the clusters alone.
"""

from __future__ import annotations

import logging
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from silkgraph.model import make_id
from silkgraph.resolve.entities import EntityIndex
from silkgraph.store.base import CorpusEntity, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Cluster:
    """One cluster of this run: the id it would get if new (its natural key), and whether
    that natural id is its identity whatever came before (a place's ISO code)."""

    proposed: str
    fixed: bool = False


@dataclass(slots=True)
class Assignment:
    """Each cluster's id, in cluster order, and every redirect (old id -> live id)."""

    ids: list[str]
    redirects: dict[str, str] = field(default_factory=dict)
    inherited: int = 0
    restored: int = 0
    minted: int = 0


def assign_ids(
    clusters: Sequence[Cluster],
    seen: Iterable[tuple[int, str, str]],
    live: set[str],
    redirects: Mapping[str, str],
    alternative: Callable[[int, int], str],
) -> Assignment:
    """Give every cluster an id: inherited, restored or new; deterministic for one input.

    ``seen`` yields, for each current member that had an id before, its cluster (an index
    into ``clusters``), that id and the id it first had (its origin). ``live`` holds the ids
    in use before this run, ``redirects`` the redirects recorded so far. ``alternative(c,
    n)`` makes the ``n``-th alternative id for cluster ``c`` when its proposed id is taken.

    1. A cluster with a fixed natural id keeps it.
    2. Pairs (cluster, previous id) are taken greedily by the number of members they share,
       then by how many of those members were born with that id, then by the id's previous
       size, then by the proposed id and the previous id (the deterministic tie-break): each
       cluster gets at most one previous id and each id goes to at most one cluster.
    3. A cluster left without one takes back the id most of its members were born with, if
       no cluster holds it (a report split off again gets its old event back).
    4. Any other cluster gets its proposed id, or an alternative when that id is in use or
       redirects somewhere.
    An id live before and held by no cluster now redirects to the cluster that holds most of
    its previous members; redirects follow chains to a live id and vanish where their id is
    live again.
    """
    overlap: Counter[tuple[int, str]] = Counter()
    born: Counter[tuple[int, str]] = Counter()
    for c, previous, origin in seen:
        overlap[c, previous] += 1
        born[c, origin] += 1
    size: Counter[str] = Counter()
    for (_c, previous), n in overlap.items():
        size[previous] += n
    out = Assignment([""] * len(clusters))
    claimed: set[str] = set()

    def claim(c: int, item_id: str) -> None:
        out.ids[c] = item_id
        claimed.add(item_id)

    for c, cl in enumerate(clusters):
        if cl.fixed:
            claim(c, cl.proposed)
    ranked = sorted(
        overlap.items(),
        key=lambda kv: (
            -kv[1],
            -born[kv[0]],
            -size[kv[0][1]],
            clusters[kv[0][0]].proposed,
            kv[0][1],
        ),
    )
    for (c, previous), _n in ranked:
        if not out.ids[c] and previous not in claimed:
            claim(c, previous)
            out.inherited += 1
    by_cluster: dict[int, list[tuple[int, str]]] = {}
    for (c, origin), n in born.items():
        by_cluster.setdefault(c, []).append((-n, origin))
    for c in range(len(clusters)):
        if out.ids[c]:
            continue
        for _n, origin in sorted(by_cluster.get(c, ())):
            if origin not in claimed:
                claim(c, origin)
                out.restored += 1
                break
    used = live | set(redirects) | claimed
    for c, cl in enumerate(clusters):
        if out.ids[c]:
            continue
        item_id, n = cl.proposed, 1
        while item_id in used or item_id in claimed:
            item_id = alternative(c, n)
            n += 1
        claim(c, item_id)
        out.minted += 1
    out.redirects = _redirects(out.ids, overlap, live, claimed, redirects)
    return out


def _redirects(
    ids: list[str],
    overlap: Mapping[tuple[int, str], int],
    live: set[str],
    claimed: set[str],
    previous: Mapping[str, str],
) -> dict[str, str]:
    """Old ids to live ids: merged clusters' ids to their survivor, earlier ones re-aimed."""
    best: dict[str, tuple[int, str]] = {}
    for (c, old), n in overlap.items():
        if old in claimed:
            continue
        rank = (-n, ids[c])
        if old not in best or rank < best[old]:
            best[old] = rank
    out = {old: target for old, (_n, target) in best.items() if old in live or old in previous}
    for old, target in previous.items():
        if old not in claimed and old not in out:
            out[old] = target
    resolved: dict[str, str] = {}
    for old in sorted(out):
        target, hops = out[old], 0
        while target not in claimed and target in out and hops < len(out):
            target, hops = out[target], hops + 1
        if target in claimed and target != old:
            resolved[old] = target
    return resolved


def _seen(
    rows: Iterable[tuple[str, str, str, str]],
    members: Callable[[str], Mapping[str, int] | None],
) -> Iterator[tuple[int, str, str]]:
    """(cluster, previous id, origin) of every stored member found among this run's
    clusters; ``rows`` (document id, key, id, origin) come grouped by document, and
    ``members(doc_id)`` gives that document's keys with their clusters."""
    doc, found = None, None
    for doc_id, key, item_id, origin in rows:
        if doc_id != doc:
            doc, found = doc_id, members(doc_id)
        if found is not None and (c := found.get(key)) is not None:
            yield c, item_id, origin


def entity_ids(
    store: Store, index: EntityIndex, entities: list[CorpusEntity], entity_of: list[str]
) -> Assignment:
    """Stable ids for this run's entities (in their order), from the store's memory of ids.

    A place named by its ISO code keeps that code as its id: the code is its natural key,
    and event clustering reads places by it.
    """
    position = {ent.id: c for c, ent in enumerate(entities)}
    clusters = [
        Cluster(ent.id, bool(ent.attrs.get("code")) and ent.id == f"e:{ent.attrs['code']}".lower())
        for ent in entities
    ]
    doc_index = {doc_id: d for d, doc_id in enumerate(index.docs)}

    def members(doc_id: str) -> dict[str, int] | None:
        d = doc_index.get(doc_id)
        if d is None:
            return None
        return {index.node_key[n]: position[entity_of[index.node_unit[n]]] for n in index.nodes(d)}

    seen = _seen(store.iter_member_ids("entity"), members)
    taken = {ent.id for ent in entities}

    def alternative(c: int, n: int) -> str:
        ent = entities[c]
        while (alt := f"{ent.id}_{ent.type.lower()}_{n + 1}") in taken:
            n += 1
        return alt

    out = assign_ids(
        clusters, seen, store.live_ids("entity"), store.redirects("entity"), alternative
    )
    log.info(
        "entity ids: %d inherited, %d restored, %d new, %d redirects",
        out.inherited,
        out.restored,
        out.minted,
        len(out.redirects),
    )
    return out


def event_ids(
    store: Store,
    docs: Sequence[str],
    doc_of: Sequence[int],
    keys: Sequence[str],
    groups: Sequence[tuple[str, Sequence[int]]],
) -> Assignment:
    """Stable ids for this run's events. Report ``i`` is event ``keys[i]`` of document
    ``docs[doc_of[i]]``; ``groups`` give each event's type and its reports' indices."""
    clusters = []
    group_of = array("I", bytes(4 * len(keys)))
    for g, (etype, held) in enumerate(groups):
        first = min((docs[doc_of[i]], keys[i]) for i in held)
        clusters.append(Cluster(make_id("ev", etype, f"{first[0]}#{first[1]}")))
        for i in held:
            group_of[i] = g
    # A document's events are consecutive reports: where each document's first one is.
    start: dict[str, int] = {}
    for i, d in enumerate(doc_of):
        start.setdefault(docs[d], i)

    def members(doc_id: str) -> dict[str, int] | None:
        i = start.get(doc_id)
        if i is None:
            return None
        d, own = doc_of[i], {}
        while i < len(doc_of) and doc_of[i] == d:
            own[keys[i]] = group_of[i]
            i += 1
        return own

    def alternative(c: int, n: int) -> str:
        return make_id("ev", "alt", clusters[c].proposed, str(n))

    seen = _seen(store.iter_member_ids("event"), members)
    out = assign_ids(clusters, seen, store.live_ids("event"), store.redirects("event"), alternative)
    log.info(
        "event ids: %d inherited, %d restored, %d new, %d redirects",
        out.inherited,
        out.restored,
        out.minted,
        len(out.redirects),
    )
    return out
