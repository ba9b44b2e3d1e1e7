"""Rename every person (or town) of an annotated article, in its text and its gold alike.

A probe of generalisation: the development articles name leaders the spaCy model has
read thousands of times ("Vladimir Putin", "Xi Jinping"); an analyst's next article
names a deputy minister it has never seen. Grading the same articles with each person
given an invented name of the same shape tells how much of entity, role and event
extraction rests on the names themselves rather than on how the text is built.

The invented names are drawn from stems and endings common in the region's names, so a
renamed text reads like news; they are fixed lists here, not knowledge any extraction
component reads. A person keeps one new name across every article (the same gold key),
so cross-document figures stay comparable.

Towns are renamed the same way (``TownRenamer``): a town of under a million people the gold
names in one word gets an invented name no gazetteer knows, built from syllables of the
region's place names. Capitals stay: news names them as the state ("Moscow and Beijing
agreed"), and the next article will name the same capitals.
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any, overload

# Given names and surname stems + endings of Central Asian, Russian, Caucasian and Iranian
# shape; Chinese family and given names for names written family name first.
GIVEN = [
    "Nurlan",
    "Bakhtiyor",
    "Temirlan",
    "Rustam",
    "Aibek",
    "Dmitry",
    "Sergei",
    "Oleg",
    "Ganbold",
    "Askar",
    "Farrukh",
    "Dauren",
    "Ilkhom",
    "Zhanibek",
    "Anvar",
    "Mikhail",
    "Yerlan",
    "Kairat",
    "Batbayar",
    "Sardor",
    "Ulugbek",
    "Timur",
    "Vadim",
    "Giorgi",
    "Reza",
    "Dilshod",
    "Azamat",
    "Bekzod",
    "Ruslan",
    "Arman",
]
SURNAME_STEMS = [
    "Abdra",
    "Yusup",
    "Zhaksy",
    "Karim",
    "Seitkal",
    "Voront",
    "Belous",
    "Tursun",
    "Nazar",
    "Kholmat",
    "Sultan",
    "Rakhim",
    "Dzhuma",
    "Kuznets",
    "Orl",
    "Mirza",
    "Safar",
    "Akhmet",
    "Isak",
    "Ermek",
    "Bakir",
    "Temir",
    "Nurgal",
    "Shaikh",
    "Aliy",
]
SURNAME_ENDINGS = ("ov", "bekov", "baev", "kulov")
FAMILY_FIRST = [
    "Zhang",
    "Liu",
    "Wang",
    "Chen",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Sun",
    "Hu",
    "Guo",
    "He",
    "Gao",
    "Lin",
    "Luo",
    "Zheng",
    "Liang",
    "Xie",
    "Song",
    "Tang",
    "Han",
    "Feng",
    "Deng",
    "Cao",
    "Peng",
    "Zeng",
    "Xiao",
    "Tian",
    "Dong",
    "Pan",
    "Yuan",
    "Cai",
    "Jiang",
    "Yu",
    "Du",
    "Ye",
    "Cheng",
    "Wei",
]
GIVEN_AFTER = [
    "Wenhui",
    "Guoqiang",
    "Jianming",
    "Haitao",
    "Xiaodong",
    "Yongping",
    "Zhiwei",
    "Dongsheng",
    "Lihua",
    "Minghui",
]

# Words that head a name in the gold's variants ("President Ilham Aliyev"): not the name.
_TITLE_WORDS = frozenset(
    [
        "president",
        "premier",
        "prime",
        "minister",
        "mr.",
        "mr",
        "ms.",
        "mrs.",
        "chairman",
        "vice",
        "deputy",
        "foreign",
        "general",
        "secretary",
        "dr.",
        "ambassador",
        "king",
        "emir",
        "chancellor",
        "governor",
        "mayor",
        "head",
        "chief",
        "director",
        "ayatollah",
        "seyyed",
        "sheikh",
    ]
)


class Renamer:
    """New names for gold persons, one per gold key, none given twice."""

    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.by_key: dict[str, dict[str, str]] = {}
        self.surnames: set[str] = set()

    def _surname(self, family_first: bool) -> str:
        pool = (
            FAMILY_FIRST
            if family_first
            else [s + e for s in SURNAME_STEMS for e in SURNAME_ENDINGS]
        )
        free = [s for s in pool if s not in self.surnames]
        name = self.rng.choice(free or pool)
        self.surnames.add(name)
        return name

    def words(self, key: str, names: list[str]) -> dict[str, str]:
        """Old word -> new word for one person (its gold ``names``)."""
        if key not in self.by_key:
            self.by_key[key] = self._plan(names)
        return self.by_key[key]

    def _plan(self, names: list[str]) -> dict[str, str]:
        bare = [[w for w in n.split() if w.lower() not in _TITLE_WORDS] for n in names if n]
        bare = [[w for w in ws if w[:1].isupper()] for ws in bare]
        full = max(bare, key=len, default=[])
        if not full:
            return {}
        alone = {ws[0] for ws in bare if len(ws) == 1}
        if len(full) == 1:
            return {full[0]: self._surname(False)}
        # "Xi Jinping", told "Xi" alone: the family name comes first.
        family_first = len(full) == 2 and full[0] in alone and full[1] not in alone
        if family_first:
            return {full[0]: self._surname(True), full[1]: self.rng.choice(GIVEN_AFTER)}
        plan = {full[-1]: self._surname(False), full[0]: self.rng.choice(GIVEN)}
        for w in full[1:-1]:
            plan.setdefault(w, self.rng.choice(GIVEN))
        return plan


@overload
def replace_words(text: str, words: dict[str, str]) -> str: ...
@overload
def replace_words(text: None, words: dict[str, str]) -> None: ...
def replace_words(text: str | None, words: dict[str, str]) -> str | None:
    """Each whole word of ``words`` replaced; "Putin's" follows, "Xi'an" does not."""
    if not text or not words:
        return text
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-]|['’](?!s\b)\w)")
    return pattern.sub(lambda m: words[m.group(0)], text)


def is_person(entity: dict[str, Any]) -> bool:
    kind = entity.get("type")
    return kind == "PERSON" or (isinstance(kind, list) and "PERSON" in kind)


def renamed(
    gold: dict[str, Any], renamer: Renamer | TownRenamer
) -> tuple[dict[str, Any], dict[str, str]]:
    """A gold record with the entities ``renamer`` renames (persons, or towns) renamed, and
    the word map to apply to its text."""
    chosen = is_person if isinstance(renamer, Renamer) else is_place
    words: dict[str, str] = {}
    for ent in gold.get("entities", []):
        if chosen(ent):
            for old, new in renamer.words(ent["key"], ent.get("names", [])).items():
                words.setdefault(old, new)
    out = copy.deepcopy(gold)
    for ent in out.get("entities", []):
        ent["names"] = [replace_words(n, words) for n in ent.get("names", [])]
    for ev in out.get("events", []):
        for span in ev.get("evidence") or []:
            span["text"] = replace_words(span.get("text"), words)
    return out, words


TOWN_STARTS = [
    "Kara",
    "Ak",
    "Tash",
    "Jangi",
    "Kyzyl",
    "Sary",
    "Bash",
    "Ust",
    "Nov",
    "Bel",
    "Yan",
    "Shu",
    "Dong",
    "Xin",
    "Ulan",
    "Ordu",
    "Chu",
    "Kok",
    "Tal",
    "Zhan",
]
TOWN_ENDS = [
    "tepe",
    "abad",
    "bulak",
    "kent",
    "su",
    "shan",
    "gorsk",
    "ovka",
    "yar",
    "khol",
    "zhou",
    "tai",
    "sai",
    "dala",
    "kol",
    "bel",
    "aul",
    "gan",
    "ning",
    "pol",
]
# Towns this big are named as the state or are known to every reader: they stay.
TOWN_POPULATION = 1_000_000


class TownRenamer:
    """Invented names for the gold's towns, one per gold key, none a gazetteer knows."""

    def __init__(self, seed: int = 1) -> None:
        from silkgraph.knowledge.gazetteer import get_gazetteer

        self.gaz = get_gazetteer()
        self.rng = random.Random(seed)
        self.by_key: dict[str, dict[str, str]] = {}
        self.used: set[str] = set()

    def _name(self) -> str:
        free = [
            a + b
            for a in TOWN_STARTS
            for b in TOWN_ENDS
            if a + b not in self.used and self.gaz.lookup(a + b) is None
        ]
        name = self.rng.choice(free)
        self.used.add(name)
        return name

    def words(self, key: str, names: list[str]) -> dict[str, str]:
        if key not in self.by_key:
            plan: dict[str, str] = {}
            for n in names:
                place = self.gaz.lookup(n) if n and " " not in n and n[:1].isupper() else None
                if (
                    place is not None
                    and place.kind == "city"
                    and place.population < TOWN_POPULATION
                ):
                    plan[n] = next(iter(plan.values()), None) or self._name()
            self.by_key[key] = plan
        return self.by_key[key]


def is_place(entity: dict[str, Any]) -> bool:
    kind = entity.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "GPE" in kinds or "LOC" in kinds
