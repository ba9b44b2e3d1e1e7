"""Names written in Cyrillic, made matchable with their Latin spellings.

Three steps, in this order: Kazakh letters are folded to their Russian neighbours; a name
whose every word is a run of Palladius syllables (the standard Russian spelling of Mandarin:
Си Цзиньпин, Ли Цян) is read back into pinyin; any other name is reduced word by word to its
dictionary form (pymorphy3: "Токаева" -> "токаев") and transliterated with a table chosen so
that the result meets the English spelling under ``names.phonetic`` (Токаев ~ Tokayev).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parent / "lang" / "ru"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[\u0400-\u04ff]+")
_STRESS = re.compile("[\u0300\u0301]")

# Kazakh (and Tatar, Bashkir, Kyrgyz, Mongolian) letters folded to the nearest Russian letter,
# since Russian-language news writes the same names either way.
_KAZAKH = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ҳ": "х",
        "ў": "у",
        "ҷ": "ч",
        "ә".upper(): "А",
        "ғ".upper(): "Г",
        "қ".upper(): "К",
        "ң".upper(): "Н",
        "ө".upper(): "О",
        "ұ".upper(): "У",
        "ү".upper(): "У",
        "һ".upper(): "Х",
        "і".upper(): "И",
        "ҳ".upper(): "Х",
        "ў".upper(): "У",
        "ҷ".upper(): "Ч",
    }
)

# Russian letters to Latin. ё is "yo" and й is "y" so that names.phonetic's rules (a y
# between vowels dropped, -iy folded) meet the English spellings: Мирзиёев ~ Mirziyoyev.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "є": "ye", "ї": "yi", "ґ": "g", "ј": "j",
}  # fmt: skip
# Russian case endings a Chinese name may carry ("с Си Цзиньпином", "Ли Цяна").
_CASE_ENDINGS = ("ом", "ем", "ой", "а", "я", "у", "ю", "е")
# Proper-name readings in the order they are preferred when lemmatising a name's word.
_PROPER = ("Surn", "Name", "Patr", "Geox", "Orgn", "Trad")
# Letter groups only the Palladius spelling of Mandarin has: a one-word name with one of
# them that segments into syllables is a Chinese place or name ("Хэйлунцзян").
_PALLADIUS_MARK = re.compile(r"цз|чж|сюй|цюй|хуэй|юэ|ньц|ньч|ньс")


def fold_kazakh(text: str) -> str:
    """Kazakh-alphabet letters replaced by their Russian neighbours (қ -> к, ү -> у)."""
    return text.translate(_KAZAKH)


@cache
def palladius() -> dict[str, str]:
    """The Palladius spelling -> pinyin syllable table, read from its data file."""
    table: dict[str, str] = {}
    for n, line in enumerate((_DATA / "palladius.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pinyin, _, cyr = line.partition("\t")
        if not pinyin.isalpha() or not CYRILLIC.fullmatch(cyr[:1] or "-") or cyr in table:
            raise ValueError(f"palladius.tsv line {n}: bad or duplicate row {line!r}")
        table[cyr] = pinyin
    return table


def syllables(word: str) -> list[str] | None:
    """Pinyin syllables of a Cyrillic word by greedy longest match; None when a part is left."""
    table = palladius()
    longest = max(map(len, table))
    word = word.lower()
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(longest, len(word) - i), 0, -1):
            if word[i : i + size] in table:
                out.append(table[word[i : i + size]])
                i += size
                break
        else:
            return None
    return out


def _given_name(word: str) -> list[str] | None:
    """Syllables of a given name of one or two syllables, a Russian case ending removed."""
    parts = [p for p in word.split("-") if p]
    whole: list[str] | None = []
    for part in parts:
        found = syllables(part)
        whole = None if found is None or whole is None else whole + found
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stripped = syllables(word[: -len(ending)].replace("-", ""))
            # "Цяна" segments as qiang + a, but the "a" is the genitive ending.
            if (
                stripped
                and 1 <= len(stripped) <= 2
                and (whole is None or len(whole) > len(stripped))
            ):
                return stripped
    return whole if whole and 1 <= len(whole) <= 2 else None


def chinese_name(name: str) -> str | None:
    """Pinyin of a Chinese personal name in Palladius spelling ("Си Цзиньпин" -> "xi jinping").

    Only a name of two or three words whose first word (the family name) is one syllable
    and whose other words are one or two syllables each: Russian names almost never
    segment that way ("Путин" alone is not read, "Лавров" does not segment).
    """
    words = name.split()
    if len(words) == 1 and _PALLADIUS_MARK.search(name.lower()):
        found = syllables(name)
        return "".join(found) if found and len(found) >= 2 else None
    if not 2 <= len(words) <= 3 or not all(CYRILLIC.search(w) for w in words):
        return None
    family = syllables(words[0])
    if not family or len(family) != 1:
        return None
    given = [_given_name(w) for w in words[1:]]
    if any(g is None for g in given):
        return None
    return " ".join([family[0], *("".join(g) for g in given if g)])


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one Russian word, preferring a proper-name reading.

    A surname reading wins ("Токаева" reads as a woman's first name or as the genitive of
    the surname "Токаев": the surname is the base); then a word that already is a base form
    in some reading stays itself; then another proper-name reading; then a singular reading;
    a word with none stays itself (in a name, "Токаев" is not the plural of "токай").
    """
    parses = _morph().parse(word)
    low = word.lower()
    # A base form longer than the word is a guess about an unknown name's case
    # ("Хурэлсух" read as a feminine form): names are longest in their oblique cases.
    parses = [p for p in parses if len(p.normal_form) <= len(low)]
    if not parses:
        return low
    for p in parses:
        if "Surn" in p.tag.grammemes:
            return str(p.normal_form)
    if any(p.normal_form == low for p in parses):
        return low
    for tag in _PROPER:
        for p in parses:
            if tag in p.tag.grammemes:
                return str(p.normal_form)
    singular = [p for p in parses if "plur" not in p.tag.grammemes]
    return str(singular[0].normal_form) if singular else low


@lru_cache(maxsize=65536)
def word_lemma(word: str) -> str:
    """The dictionary form of a common word: its most likely reading ("документов" -> документ)."""
    parses = _morph().parse(word)
    return str(parses[0].normal_form) if parses else word.lower()


@lru_cache(maxsize=65536)
def is_adjective(word: str) -> bool:
    """True when the word can be read as an adjective or participle ("козье", "сжиженного")."""
    return any(p.tag.POS in ("ADJF", "PRTF") for p in _morph().parse(word))


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[str, ...]:
    """Every dictionary form a Russian word can be read as ("главное" -> главное, главный)."""
    return tuple(dict.fromkeys(str(p.normal_form) for p in _morph().parse(word)))


def is_common_noun(word: str) -> bool:
    """True when the word is a dictionary noun in its base form and never a name.

    "Президент" and "Глава" are; "Токаев" is not (only a plural form of a common noun) and
    nor is a two-letter word ("Си" is a family name as often as a musical note).
    """
    parses = _morph().parse(word)
    low = word.lower()
    return (
        len(word) >= 4
        and bool(parses)
        and all(p.is_known for p in parses)
        and not any(set(_PROPER) & set(p.tag.grammemes) for p in parses)
        and any(p.normal_form == low and {"sing", "nomn"} <= set(p.tag.grammemes) for p in parses)
    )


def transliterate(text: str) -> str:
    """Lower-case Latin letters for Cyrillic ones (other characters kept).

    A final "-ей" is written "ei", the spelling ``names.phonetic`` folds ("Сергей" ~ Sergei).
    """
    text = re.sub(r"ей\b", "ei", text.lower())
    return "".join(_LATIN.get(c, c) for c in text)


@lru_cache(maxsize=65536)
def romanize(name: str) -> str:
    """A Latin form of a Cyrillic name for matching: pinyin for Chinese names, else base forms."""
    # Stress marks of dictionaries and Wikipedia ("Влади́мир") are not part of the spelling.
    name = fold_kazakh(
        unicodedata.normalize("NFC", _STRESS.sub("", unicodedata.normalize("NFD", name)))
    )
    pinyin = chinese_name(name)
    if pinyin is not None:
        return pinyin
    return transliterate(_WORD.sub(lambda m: lemma(m.group()), name))
