"""Name normalisation across scripts and romanisations, for matching and blocking.

anyascii turns any script into Latin; pypinyin turns Chinese characters into pinyin;
Cyrillic names go through ``cyrillic.romanize`` (Palladius -> pinyin, Russian base forms,
Kazakh letters folded), so a Russian and an English mention of one name share their keys;
a handful of general romanisation rules fold the variants transliteration tables
disagree on (Lü/Lyu/Lu, Uyghur/Uygur, -ov/-ev, ye/e, kh/h).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from silkgraph.knowledge.cyrillic import CYRILLIC, romanize

_CJK = re.compile(r"[\u4e00-\u9fff]")
# General romanisation variants: each pair folds the second spelling to the first.
_VARIANTS = [
    (re.compile(r"lyu|lv|lü"), "lu"),
    (re.compile(r"nyu|nü"), "nu"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),
    (re.compile(r"iy$|yi$|iy(?=\s)"), "i"),
    (re.compile(r"ye"), "e"),
    (re.compile(r"yu"), "u"),
    (re.compile(r"ya"), "a"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"ei"), "e"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(.)\1"), r"\1"),
]
_STOP = {"the", "of", "and", "for", "in", "on", "de"}


@lru_cache(maxsize=65536)
def ascii_fold(name: str) -> str:
    """Latin-script, lower-case, punctuation-free form of a name in any script."""
    if _CJK.search(name):
        from pypinyin import lazy_pinyin

        syllables = lazy_pinyin(name)
        if 2 <= len(syllables) <= 4 and all(_CJK.match(c) for c in name.strip()):
            # A Chinese personal name: family name, then the given name as one word.
            name = syllables[0] + " " + "".join(syllables[1:])
        else:
            name = " ".join(syllables)
    elif CYRILLIC.search(name):
        name = romanize(unicodedata.normalize("NFKC", name))
    text = unicodedata.normalize("NFKC", name).replace("ü", "yu").replace("Ü", "Yu")
    text = anyascii(text).lower()
    text = re.sub(r"['’`]s\b", "s", text)
    text = re.sub(r"[^a-z0-9\s]", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def phonetic(name: str) -> str:
    """A coarse key that transliteration variants of one name share."""
    words = []
    for word in ascii_fold(name).split():
        if word in _STOP:
            continue
        for pattern, repl in _VARIANTS:
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)


def tokens(name: str) -> list[str]:
    return [w for w in phonetic(name).split() if w]


def initials(name: str) -> str:
    """Upper-case initials of the capitalised words of a name ("Corps (XPCC)" style)."""
    words = re.split(r"[\s\-–—]+", name)
    return "".join(w[0] for w in words if w[:1].isupper())
