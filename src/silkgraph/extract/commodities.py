"""Product and commodity mentions with their Harmonized System codes.

Two passes over the spaCy parse:

* A PhraseMatcher over the HS lexicon (``knowledge.hs``) finds known terms; the longest
  match wins; weak words ("oil", "gas") need a sentence about trade or production; a term
  inside a longer name (an organisation called "... Textile Machinery") is not a commodity
  mention on its own.
* Open vocabulary: a noun that the grammar puts in a trade or production slot (the object
  of "export", "supply", "produce"; "exports of X", "X exports", "supplies of X", "tons of
  X" under such a word; a conjunct of one of these) and that heads goods in the HS
  nomenclature (``knowledge.hs_index``) is a commodity, its heading found from its head
  noun and modifiers.

Product or modifier is read from the parse: a term that modifies another noun ("steel
industry", "oil and gas sector", "automobile bridge") is a product only when that noun is
about trade, production or its infrastructure ("coal deliveries", "gas pipeline"); a verb
("beef up") is never one. Each commodity is listed once per document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge import hs_index
from silkgraph.knowledge.hs import Term, terms
from silkgraph.model import Commodity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token
    from spacy.vocab import Vocab

TRADE_WORDS = frozenset(
    {
        "export",
        "import",
        "supply",
        "shipment",
        "delivery",
        "production",
        "produce",
        "producer",
        "output",
        "reserve",
        "field",
        "deposit",
        "pipeline",
        "refinery",
        "refining",
        "refine",
        "price",
        "sale",
        "purchase",
        "extraction",
        "transit",
        "ton",
        "tonne",
        "barrel",
        "bcm",
        "cubic",
        "condensate",
        "crude",
        "well",
        "pump",
        "exporter",
        "importer",
        "cargo",
        "consumption",
        "buy",
        "sell",
        "procurement",
        "supplier",
        "shipping",
        "trader",
        "pumping",
        "mine",
        "miner",
    }
)
WINDOW = 3
NAME_ENTS = frozenset({"ORG", "PERSON", "FAC", "GPE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
NOT_GOODS_ENTS = NAME_ENTS | {"NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
# Verbs whose object is goods moved, sold or made.
TRADE_VERBS = frozenset(
    [
        "export",
        "import",
        "reexport",
        "supply",
        "ship",
        "deliver",
        "produce",
        "manufacture",
        "assemble",
        "buy",
        "sell",
        "purchase",
        "procure",
        "process",
        "mine",
        "extract",
        "grow",
        "harvest",
        "refine",
        "trade",
        "pump",
        "smelt",
        "consume",
        "provide",
        "transport",
        "sell",
        "import",
        "localize",
        "localise",
    ]
)
# Nouns of trade and production: "exports of X", "X exports", "producer of X".
TRADE_NOUNS = frozenset(
    [
        "export",
        "import",
        "supply",
        "shipment",
        "delivery",
        "production",
        "producer",
        "output",
        "manufacturing",
        "manufacturer",
        "maker",
        "processing",
        "processor",
        "sale",
        "purchase",
        "procurement",
        "trade",
        "exporter",
        "importer",
        "supplier",
        "consumption",
        "consumer",
        "mining",
        "miner",
        "extraction",
        "refining",
        "refinery",
        "harvest",
        "harvesting",
        "cultivation",
        "assembly",
        "shipping",
        "purchaser",
        "buyer",
        "seller",
        "transit",
        "reexport",
    ]
)
# Nouns that measure or hold goods: "tons of X", "bottles of X" take their slot from above.
MEASURES = frozenset(
    [
        "ton",
        "tonne",
        "barrel",
        "bottle",
        "container",
        "cubic",
        "meter",
        "metre",
        "kg",
        "kilogram",
        "batch",
        "lot",
        "consignment",
        "volume",
        "amount",
        "quantity",
        "cargo",
        "worth",
        "unit",
        "head",
        "piece",
        "pair",
        "carload",
        "wagon",
        "truckload",
        "litre",
        "liter",
        "gallon",
        "bag",
        "box",
        "crate",
        "pound",
        "ounce",
        "bcm",
        "load",
    ]
)
# Adjectives that rank or date goods without naming them.
EVALUATIVE = frozenset(
    [
        "new",
        "more",
        "major",
        "large",
        "small",
        "various",
        "other",
        "high",
        "low",
        "first",
        "main",
        "key",
        "additional",
        "further",
        "total",
        "own",
        "such",
        "certain",
        "different",
        "similar",
        "modern",
        "advanced",
        "best",
        "top",
        "leading",
        "local",
        "domestic",
        "foreign",
        "annual",
        "daily",
        "monthly",
        "quality",
        "affordable",
        "cheap",
        "expensive",
        "latest",
        "next",
    ]
)
# Words of markets and dealings that make a sentence about goods a trade sentence.
MARKET_WORDS = frozenset(
    [
        "market",
        "trade",
        "deal",
        "contract",
        "agreement",
        "order",
        "demand",
        "tariff",
        "duty",
        "quota",
        "customs",
        "investment",
        "invest",
        "partner",
        "cooperation",
        "factory",
        "plant",
        "industry",
        "manufacture",
        "make",
        "build",
        "develop",
        "localization",
        "capacity",
        "reserve",
        "deposit",
        "storage",
        "stock",
        "sector",
        "resource",
    ]
)
# Works that make or handle the goods named before them: "timber plant", "copper smelter".
WORKS = frozenset({"plant", "factory", "mill", "smelter", "terminal", "warehouse", "storage"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@lru_cache(maxsize=2)
def _matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[str, Term]]:
    table = terms()
    matcher = PhraseMatcher(vocab, attr="LOWER")
    from spacy.tokens import Doc

    for form in table:
        words = form.replace("-", " - ").split()
        matcher.add(form, [Doc(vocab, words=words)])
    return matcher, table


def _has_context(span: Span, starts: list[int]) -> bool:
    """A weak word counts next to a trade word or another commodity ("oil and gas")."""
    doc = span.doc
    head = span.root.head
    if head.lemma_.lower() in TRADE_WORDS or (
        head.dep_ == "prep" and head.head.lemma_.lower() in TRADE_WORDS
    ):
        return True  # "exports of oil", "the pumping of gas"
    lo, hi = max(span.start - WINDOW, span.sent.start), min(span.end + WINDOW, span.sent.end)
    if any(
        doc[i].lemma_.lower() in TRADE_WORDS
        for i in range(lo, hi)
        if not span.start <= i < span.end
    ):
        return True
    return any(lo <= i < hi and i != span.start for i in starts)


def _sentence_about_trade(span: Span) -> bool:
    """The sentence (or the next one) has a word of trade, production or markets."""
    words = TRADE_WORDS | TRADE_NOUNS | TRADE_VERBS | MARKET_WORDS
    sent = span.sent
    if any(_lemma(t) in words for t in sent):
        return True
    # a list of goods in a heading or lead is often explained by the sentence after it
    doc = span.doc
    if sent.end >= len(doc):
        return False
    return any(_lemma(t) in words for t in doc[sent.end].sent)


def _inside_name(span: Span) -> bool:
    for tok in span:
        if tok.ent_type_ in NAME_ENTS:
            ent = next((e for e in span.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and (ent.end - ent.start) > len(span):
                return True
    return False


def _in_capitalised_name(span: Span) -> bool:
    """A capitalised term next to another capitalised word is part of a name.

    Why: "Silk Road" or "Textile Machinery Co" name a route or a company, not goods; the
    model does not always tag such names.
    """
    doc = span.doc
    if not span[0].is_title:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_title and not before.is_sent_start:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_title and after.pos_ in ("PROPN", "NOUN")


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower().replace("-", "")


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    return tok


def _is_measure(tok: Token) -> bool:
    return _lemma(tok) in MEASURES or any(
        c.dep_ == "nummod" or (c.like_num and c.i < tok.i) for c in tok.children
    )


def _trade_slot(tok: Token, depth: int = 0) -> bool:
    """The grammar puts the noun where goods are traded or made."""
    tok = _first_conjunct(tok)
    dep, head = tok.dep_, tok.head
    if dep in ("dobj", "nsubjpass", "conj") and head.pos_ in ("VERB", "AUX"):
        return _lemma(head) in TRADE_VERBS
    if dep == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "in"):
        gov = head.head
        if gov.pos_ not in ("NOUN", "PROPN"):
            return False
        if (head.lower_ == "of" and _lemma(gov) in TRADE_NOUNS) or _lemma(gov) == "trade":
            return True
        if gov.pos_ in ("NOUN", "PROPN") and _is_measure(gov) and depth < 2:
            return _trade_slot(gov, depth + 1)
        return False
    if dep in MODIFIER_DEPS and head.i > tok.i:
        # "rail exports of gas": the goods follow "of"; the modifier is the route or means
        return _lemma(head) in TRADE_NOUNS and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children
        )
    return False


def _phrase(head: Token) -> tuple[int, list[Token]]:
    """The head noun's start index and its modifiers that name the goods ("plastic parts")."""
    doc = head.doc
    start, mods = head.i, cast("list[Token]", [])
    i = head.i - 1
    while i >= head.sent.start:
        tok = doc[i]
        if tok.text == "-" and i - 1 >= head.sent.start and doc[i - 1].head.i > i:
            i -= 1
            continue
        anchor = tok
        while anchor.dep_ in MODIFIER_DEPS and anchor.head.i > anchor.i and anchor.head != head:
            anchor = anchor.head
        if anchor.head != head or anchor.dep_ not in MODIFIER_DEPS:
            break
        if tok.ent_type_ in NOT_GOODS_ENTS or tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        low = tok.lower_
        if tok.pos_ == "ADJ" and (
            low in EVALUATIVE or hs_index.norm(low) not in hs_index.index().vocab
        ):
            break
        if tok.pos_ == "PROPN" and not tok.is_lower:
            break
        mods.insert(0, tok)
        start = i
        i -= 1
    return start, mods


def _modifies_other(span: Span) -> bool:
    """A term that modifies a noun outside it names a product only for a trade word.

    Why: "steel industry", "oil and gas sector", "automobile bridge" use the goods word to
    classify something else; "coal deliveries" or "gas pipeline" are about the goods.
    """
    tok = _first_conjunct(span.root)
    head = tok.head
    if tok.dep_ not in MODIFIER_DEPS or span.start <= head.i < span.end or head.i < tok.i:
        return False
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    deps = {c.dep_ for c in tok.children}
    if "cc" in deps and ("conj" not in deps or hs_index.is_goods_word(head.lower_)):
        return False  # "olive oil and goat milk powder" parsed as one phrase
    lemma = _lemma(head)
    return not (lemma in TRADE_WORDS or lemma in TRADE_NOUNS or lemma in MEASURES or lemma in WORKS)


def _listed_after_slots(doc_tokens: Span) -> set[int]:
    """Nouns that continue a comma list whose first item is in a trade slot.

    Why: the parser often breaks long lists of goods ("bumpers, glass, varnished, and plastic
    parts will be made"), hanging the last items on the following verb.
    """
    doc = doc_tokens.doc
    out: set[int] = set()
    for tok in doc_tokens:
        if tok.pos_ != "NOUN" or tok.dep_ in MODIFIER_DEPS or tok.dep_ == "conj":
            continue
        if not _trade_slot(tok):
            continue
        i, sent_end = tok.i + 1, tok.sent.end
        while i < sent_end and doc[i].text in (",", "and", "or"):
            j = i
            while j < sent_end and doc[j].text in (",", "and", "or"):
                j += 1
            k = j
            while k < sent_end and doc[k].pos_ in ("ADJ", "NOUN", "VERB") and doc[k].tag_ != "VB":
                if doc[k].pos_ == "VERB" and doc[k].tag_ not in ("VBN", "VBD"):
                    break
                k += 1
            if k == j:
                break
            if _lemma(doc[k - 1]) in TRADE_NOUNS:
                break  # "trade in goods, service trade, ...": a list of kinds of trade
            if doc[k - 1].pos_ == "NOUN":
                out.add(k - 1)
            if k < sent_end and doc[k].text not in (",", "and", "or"):
                break
            i = k
    return out


def _open_vocabulary(doc_tokens: Span, taken: set[int]) -> list[tuple[int, Token, str, str]]:
    """Goods nouns in trade slots that no lexicon term covers: (start, head, name, hs)."""
    found = []
    listed = _listed_after_slots(doc_tokens)
    for tok in doc_tokens:
        if tok.i in taken or tok.pos_ != "NOUN" or tok.ent_type_ in NOT_GOODS_ENTS:
            continue
        lemma = _lemma(tok)
        if lemma in TRADE_NOUNS or lemma in TRADE_WORDS or lemma in MEASURES:
            continue
        if not (_trade_slot(tok) or tok.i in listed):
            continue
        start, mods = _phrase(tok)
        if any(m.i in taken for m in mods):
            continue
        mod_words = tuple(m.lower_ for m in mods)
        if hs_index.is_generic(tok.lower_):
            # only a material or a goods noun makes a generic head specific: "plastic parts"
            # and "car parts" are goods, "agricultural products" a category
            named = tuple(
                m.lower_ for m in mods if m.pos_ == "NOUN" or hs_index.is_material(m.lower_)
            )
            if not named:
                continue
            code = hs_index.lookup(tok.lower_, named)
        elif hs_index.is_goods_word(tok.lower_) or hs_index.is_goods_word(lemma):
            code = hs_index.lookup(tok.lower_, mod_words) or hs_index.lookup(lemma, mod_words)
        elif hs_index.norm(lemma) not in hs_index.index().vocab:
            code = hs_index.vector_lookup(" ".join([*mod_words, tok.lower_]))
        else:
            code = None
        if code is None:
            continue
        name = " ".join([*mod_words, tok.lower_])
        found.append((start, tok, name, code))
    return found


class CommoditiesComponent:
    """Adds commodity mentions with HS codes, one per commodity per document."""

    name = "commodities"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("commodities",)

    def prepare(self, nlp: Language) -> None:
        """The phrase matcher and the HS nomenclature index, built once per process."""
        _matcher(nlp.vocab)
        hs_index.prepare()

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.nlp
        matcher, table = _matcher(doc.vocab)
        spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
        seen: set[str] = set()
        codes: set[str] = set()
        starts = [sp.start for sp in spans]
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        found: list[tuple[int, Commodity]] = []
        for span in spans:
            term = table.get(span.text.lower().replace(" - ", "-"))
            if term is None:
                continue
            if span.root.pos_ in ("VERB", "AUX", "ADV", "ADP"):
                continue  # "beef up", "cement ties"
            if _modifies_other(span):
                taken.difference_update(range(span.start, span.end))
                continue
            if term.name in seen:
                continue
            if term.weak and not (_has_context(span, starts) or _trade_slot(span.root)):
                continue
            if not term.weak and not _sentence_about_trade(span):
                continue  # "trucks crossed the bridge", "cars on display at the expo"
            if _inside_name(span) or _in_capitalised_name(span):
                continue
            seen.add(term.name)
            codes.add(term.hs[:4])
            found.append(
                (
                    span.start,
                    Commodity(span.text, span.start_char, span.end_char, term.name, term.hs),
                )
            )
        for start, head, name, code in _open_vocabulary(doc[:], taken):
            if name in seen or code[:4] in codes:
                continue
            span = doc[start : head.i + 1]
            if _inside_name(span) or _in_capitalised_name(span):
                continue
            seen.add(name)
            codes.add(code[:4])
            found.append((start, Commodity(span.text, span.start_char, span.end_char, name, code)))
        found.sort(key=lambda item: item[0])
        analysis.result.commodities.extend(c for _, c in found)
