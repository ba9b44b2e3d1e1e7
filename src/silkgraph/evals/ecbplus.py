"""ECB+ cross-document event coreference on the test topics (36-45).

What is measured (``run(data_dir)``): the gold event mentions (ACTION_* and NEG_*
markables with tokens, in the validated sentences of
``ECBplus_coreference_sentences.csv``) of all documents of a topic are clustered. Mention
detection is NOT evaluated: the mentions are gold. Reported: MUC, B-cubed, CEAF-e and
CoNLL F1 for

- ``silkgraph``: each topic's articles grouped into stories by their words, then a learned
  pair scorer and average-link clustering within each story (``evals.ecbplus_pairs``;
  weights fitted on the training and dev topics, thresholds chosen by cross-validation
  over them);
- ``hand_weighted``: the earlier hand-set score over the whole topic (the trigger's lemma,
  the arguments shared with the other mention, the similarity of the two sentences, and
  no event across two articles whose words are unalike, ``resolve.events.Stories``);
- ``lemma_baseline``: one cluster per lemma and topic; ``lemma_in_stories``: one per lemma
  and story (the same stories as ``silkgraph``).

The mentions' features: the trigger's lemma (spaCy), the gold participant, place and time
mention strings of its sentence (normalised with ``knowledge.names``), the sentence, and
the article's words (``extract.terms``). Gold clusters: cross-document chains (``note``),
else within-document chains, else singletons.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
from rapidfuzz import fuzz

from silkgraph.evals.ecbplus_pairs import average_link, cluster, group_stories, shipped
from silkgraph.evals.metrics import conll
from silkgraph.evals.spans import detokenize
from silkgraph.extract.terms import doc_terms
from silkgraph.knowledge.names import phonetic
from silkgraph.resolve.events import Stories

TEST_TOPICS = range(36, 46)
# The split of the literature (Cybulska and Vossen 2015, as used by Barhom et al. 2019).
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
TRAIN_TOPICS = tuple(t for t in range(1, 36) if t not in DEV_TOPICS)
ARG_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")
# The hand-weighted comparison: weights, link threshold and word gate chosen on the ECB+ dev
# topics (2, 5, 12, 18, 21, 23, 34, 35): CoNLL F1 there 0.704 without the gate (link 0.6),
# 0.723 with it.
W_LEMMA, W_ARGS, W_CONTEXT = 0.5, 0.3, 0.2
LINK = 0.5  # average pair score at which two clusters are one event
ALIKE = 0.2  # word similarity under which two articles tell different stories


@dataclass(slots=True)
class Mention:
    """A gold event mention with what the clustering may look at."""

    id: str
    topic: int
    doc: str
    sentence: int
    start: int
    end: int
    gold: str
    lemma: str = ""
    context: str = ""
    args: set[str] = field(default_factory=set)
    words: dict[str, int] = field(default_factory=dict)  # the article's (extract.terms)


def _validated(path: Path) -> set[tuple[str, int]]:
    with open(path, encoding="utf-8") as fh:
        return {(r["File"], int(r["Sentence Number"])) for r in csv.DictReader(fh)}


def read_doc(name: str, data: bytes, topic: int, keep: set[tuple[str, int]]) -> list[Mention]:
    root = ElementTree.parse(io.BytesIO(data)).getroot()
    doc = Path(name).stem
    short = doc.split("_", 1)[1] if "_" in doc else doc
    sents: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        sents[int(tok.get("sentence", 0))].append((tok.get("t_id", ""), tok.text or ""))
    where: dict[str, tuple[int, int, int]] = {}
    texts: dict[int, str] = {}
    for s, toks in sents.items():
        text, offs = detokenize([[t for _, t in toks]])
        texts[s] = text.strip()
        for (tid, _), (a, b) in zip(toks, offs[0], strict=True):
            where[tid] = (s, a, b)
    gold: dict[str, str] = {}
    for rel in root.iter("CROSS_DOC_COREF"):
        for src in rel.findall("source"):
            gold[src.get("m_id", "")] = rel.get("note", "")
    for rel in root.iter("INTRA_DOC_COREF"):
        for src in rel.findall("source"):
            gold.setdefault(src.get("m_id", ""), f"{doc}:{rel.get('r_id')}")
    args: dict[int, set[str]] = defaultdict(set)
    mentions = []
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        anchors = [
            where[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in where
        ]
        if not anchors:
            continue
        s = anchors[0][0]
        if m.tag.startswith(ARG_TAGS):
            text = texts[s][min(a[1] for a in anchors) : max(a[2] for a in anchors)]
            args[s].add(phonetic(text))
        elif m.tag.startswith(("ACTION", "NEG_")) and (short, s) in keep:
            mid = f"{doc}#{m.get('m_id')}"
            mentions.append(
                Mention(
                    mid,
                    topic,
                    doc,
                    s,
                    min(a[1] for a in anchors),
                    max(a[2] for a in anchors),
                    gold.get(m.get("m_id", ""), mid),
                    context=texts[s],
                )
            )
    words = doc_terms(" ".join(t for _, toks in sorted(sents.items()) for _, t in toks))
    for mention in mentions:
        mention.args = args[mention.sentence]
        mention.words = words
    return mentions


def load(data_dir: Path, topics: range | list[int] = TEST_TOPICS) -> list[Mention]:
    keep = _validated(data_dir / "ECBplus_coreference_sentences.csv")
    mentions: list[Mention] = []
    with zipfile.ZipFile(data_dir / "ECBplus_corpus.zip") as zf:
        for name in sorted(zf.namelist()):
            parts = name.split("/")
            if (
                len(parts) == 3
                and name.endswith(".xml")
                and parts[1].isdigit()
                and int(parts[1]) in topics
            ):
                mentions += read_doc(name, zf.read(name), int(parts[1]), keep)
    return mentions


def lemmatise(mentions: list[Mention]) -> None:
    """The lemma of each trigger's head (last content token) from the parsed sentence."""
    from silkgraph.extract.nlp import load_model

    nlp = load_model()
    by_sent: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sent[(m.doc, m.sentence)].append(m)
    groups = list(by_sent.values())
    for group, parsed in zip(groups, nlp.pipe(g[0].context for g in groups), strict=True):
        for m in group:
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            toks = [t for t in span or [] if not t.is_stop and t.is_alpha] or list(span or [])
            m.lemma = (toks[-1].lemma_ if toks else m.context[m.start : m.end]).lower()


def pair_score(a: Mention, b: Mention, stories: Stories | None = None) -> float:
    """Same lemma, shared arguments and similar sentences, each a named part of the score.

    Two mentions of one sentence are different events (their arguments and context
    are the same by construction, so they would otherwise always merge).
    """
    if a.doc == b.doc and a.sentence == b.sentence:
        return 0.0
    if stories is not None and a.doc != b.doc and (stories.similarity(a.doc, b.doc) or 0.0) < ALIKE:
        return 0.0
    lemma = 1.0 if a.lemma == b.lemma else 0.0
    shared = len(a.args & b.args) / max(1, min(len(a.args), len(b.args)))
    context = fuzz.token_set_ratio(a.context, b.context) / 100
    return W_LEMMA * lemma + W_ARGS * shared + W_CONTEXT * context


def cluster_hand(mentions: list[Mention]) -> list[frozenset[Hashable]]:
    """Average-link agglomeration of the hand-weighted score within each topic, stopping
    below ``LINK``."""
    out: list[frozenset[Hashable]] = []
    by_topic: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_topic[m.topic].append(m)
    # Document frequencies over every article, as resolution takes them over the corpus.
    stories = Stories({}, {m.doc: m.words for m in mentions})
    for ms in by_topic.values():
        n = len(ms)
        sim = np.zeros((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                sim[i, j] = sim[j, i] = pair_score(ms[i], ms[j], stories)
        out += [frozenset(ms[x].id for x in c) for c in average_link(sim, LINK)]
    return out


def lemma_baseline(
    mentions: list[Mention], story: float | None = None
) -> list[frozenset[Hashable]]:
    """One cluster per lemma and topic, or per lemma and story where ``story`` (the word
    similarity threshold of ``ecbplus_pairs.group_stories``) is given: the literature's
    "cluster + lemma" baseline."""
    groups: dict[tuple[int, str], set[Hashable]] = defaultdict(set)
    stories = group_stories(mentions, story)[0] if story is not None else [mentions]
    for k, ms in enumerate(stories):
        for m in ms:
            groups[(m.topic if story is None else k, m.lemma)].add(m.id)
    return [frozenset(g) for g in groups.values()]


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = ("ECBplus_coreference_sentences.csv", "ECBplus_corpus.zip")


def gold_clusters(mentions: list[Mention]) -> list[frozenset[Hashable]]:
    gold: dict[str, set[Hashable]] = defaultdict(set)
    for m in mentions:
        gold[m.gold].add(m.id)
    return [frozenset(g) for g in gold.values()]


def run(data_dir: Path, topics: range | list[int] = TEST_TOPICS) -> dict[str, Any]:
    """Cluster the test topics' gold event mentions and score against the gold chains."""
    scorer = shipped()  # a broken scorer file stops the run before the corpus is read
    mentions = load(Path(data_dir), topics)
    lemmatise(mentions)
    gold = gold_clusters(mentions)
    return {
        "mentions": "gold",
        "topics": (
            f"{topics[0]}-{topics[-1]}"
            if isinstance(topics, range) and topics
            else ", ".join(map(str, topics))
        ),
        "n_mentions": len(mentions),
        "gold_clusters": len(gold),
        "silkgraph": conll(gold, cluster(mentions, scorer)),
        "hand_weighted": conll(gold, cluster_hand(mentions)),
        "lemma_baseline": conll(gold, lemma_baseline(mentions)),
        "lemma_in_stories": conll(gold, lemma_baseline(mentions, scorer.story)),
        # The learned scorer's thresholds and the out-of-fold figure over the training
        # topics they were chosen by.
        "scorer": {
            "story": scorer.story,
            "link": scorer.link,
            "cv_conll_f1": scorer.meta.get("cv_conll_f1"),
            "pairs": scorer.meta.get("pairs"),
        },
    }
