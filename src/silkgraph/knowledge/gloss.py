"""Russian names read word by word in English, to match a name with its translation.

A Russian organisation or facility is often named in English by translating its words
("Главное таможенное управление" is the "General Administration of Customs", "Сила
Сибири" the "Power of Siberia"): neither transliteration nor phonetic keys relate the
two. ``gloss`` turns each word of a Russian name into the English words a general
glossary (``knowledge/lang/ru/glossary.json``) gives for any of its dictionary forms, or,
for a word it does not list (a proper name), into its transliterated base form;
``translates`` says whether an English name's words are, in any order, exactly those.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from itertools import permutations
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from silkgraph.knowledge.cyrillic import CYRILLIC, readings, transliterate, word_lemma
from silkgraph.knowledge.names import phonetic, tokens

_PATH = Path(__file__).resolve().parent / "lang" / "ru" / "glossary.json"
_WORD = re.compile(r"\w+")
# Two spellings of one proper name across scripts ("sibir", "siberia").
NAME_SIMILARITY = 0.88
MAX_WORDS = 6


@cache
def glossary() -> dict[str, frozenset[str]]:
    """Russian lemma -> the phonetic keys of its English translations."""
    data = json.loads(_PATH.read_text("utf-8"))
    return {
        str(k): frozenset(phonetic(str(v)) for v in vs if phonetic(str(v)))
        for k, vs in data["words"].items()
    }


# A slot: the English keys a translated word may be (``frozenset``), or the phonetic key
# of a word kept as it is (``str``: a transliterated proper name, a number, a Latin word).
Slot = frozenset[str] | str


@lru_cache(maxsize=65536)
def gloss(name: str) -> tuple[Slot, ...] | None:
    """The slots of a Russian name, one per word (words that translate to nothing, such
    as "и", dropped); None when the name has no Cyrillic word, no word the glossary
    translates, fewer than two words or more than ``MAX_WORDS``."""
    if not CYRILLIC.search(name):
        return None
    table = glossary()
    slots: list[Slot] = []
    translated = False
    for word in _WORD.findall(name):
        if not CYRILLIC.search(word):
            key = phonetic(word)
            if key:
                slots.append(key)
            continue
        forms = [word.lower(), *readings(word)]
        hit = next(
            (table[f.replace("ё", "е")] for f in forms if f.replace("ё", "е") in table), None
        )
        if hit is not None:
            translated = True
            if not hit & _STOP:
                slots.append(hit)
            continue
        key = " ".join(tokens(transliterate(word_lemma(word))))
        if key:
            slots.append(key)
    if not translated or not 2 <= len(slots) <= MAX_WORDS:
        return None
    return tuple(slots)


_STOP = frozenset({"and"})


def _fits(slot: Slot, word: str) -> bool:
    if isinstance(slot, frozenset):
        return word in slot
    if slot == word:
        return True
    if slot.isdigit() or word.isdigit() or slot[:3] != word[:3]:
        return False
    return JaroWinkler.similarity(slot, word) >= NAME_SIMILARITY


def translates(russian: str, english: str) -> bool:
    """True when the English name's words are, in some order, the Russian name's words
    glossed: each translated word one of its English words, each other word a close
    spelling of its transliteration ("Сила Сибири — 2" ~ "Power of Siberia-2")."""
    slots = gloss(russian)
    if slots is None or CYRILLIC.search(english):
        return False
    words = tokens(english)
    if len(words) != len(slots):
        return False
    return any(
        all(_fits(s, w) for s, w in zip(slots, order, strict=True)) for order in permutations(words)
    )


def block_words(russian: str) -> set[str]:
    """The words an English translation of the name would be blocked by (``tokens``'s
    phonetic forms): every translation of each translated word and each kept word."""
    out: set[str] = set()
    for slot in gloss(russian) or ():
        out |= set(slot) if isinstance(slot, frozenset) else {slot}
    return out
