"""Event types and word lists as data, loaded and checked once at start-up.

``schema/events/<type>.json`` holds one event type each: its description, its priority
when one sentence states several types, its PLOVER/CAMEO coding, the argument roles it
takes and which word lists of ``lang/<code>/events.json`` trigger or guard it. Adding an
event type or a language is a data change: a schema file, a word-list file, and tests.

A broken file stops the program with one line that names the file and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from silkgraph.errors import ConfigError

KNOWLEDGE = Path(__file__).resolve().parent.parent
SCHEMA_DIR = KNOWLEDGE / "schema" / "events"
LANG_DIR = KNOWLEDGE / "lang"
ROLES = frozenset(
    {
        "participants",
        "location",
        "date",
        "end_date",
        "amount_usd",
        "count",
        "commodities",
        "modality",
        "subject",
        "exporter",
        "importer",
    }
)
PLOVER_CATEGORIES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class EventSchema:
    """One event type as the schema file declares it."""

    type: str
    description: str
    priority: int
    plover: str
    cameo_root: str
    cameo: str
    mode: str
    roles: tuple[str, ...]
    lang: str
    lists: tuple[str, ...]


class WordLists:
    """The named word lists of one language file."""

    def __init__(self, path: Path, lists: dict[str, frozenset[str]]) -> None:
        self.path = path
        self.lists = lists

    def set(self, name: str) -> set[str]:
        if name not in self.lists:
            raise ConfigError(f"{self.path}: no word list named {name!r}")
        return set(self.lists[name])

    def __contains__(self, name: str) -> bool:
        return name in self.lists


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read ({err.strerror})") from None
    except json.JSONDecodeError as err:
        raise ConfigError(f"{path}: not JSON ({err.msg}, line {err.lineno})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None


def load_words(path: Path) -> WordLists:
    """Read and check a word-list file: an object of non-empty lists of lower-case strings."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object of word lists")
    lists: dict[str, frozenset[str]] = {}
    for name, values in data.items():
        if name.startswith("_"):
            continue  # documentation
        if not isinstance(values, list) or not values:
            raise ConfigError(f"{path}: word list {name!r} must be a non-empty list")
        bad = [v for v in values if not isinstance(v, str) or not v.strip() or v != v.lower()]
        if bad:
            raise ConfigError(f"{path}: word list {name!r} has a bad entry {bad[0]!r}")
        lists[name] = frozenset(values)
    return WordLists(path, lists)


@lru_cache(maxsize=8)
def words(lang: str, name: str) -> WordLists:
    """The word lists ``lang/<lang>/<name>.json`` of the installed package."""
    return load_words(LANG_DIR / lang / f"{name}.json")


def _field(path: Path, data: dict[str, Any], key: str, kind: type) -> Any:
    if key not in data:
        raise ConfigError(f"{path}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{path}: field {key!r} must be {kind.__name__}")
    return value


def load_schema(path: Path) -> EventSchema:
    """Read and check one event type's schema file."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object")
    etype = _field(path, data, "type", str)
    if not etype.isupper() or not etype.isalpha():
        raise ConfigError(f"{path}: type {etype!r} must be upper-case letters")
    priority = _field(path, data, "priority", int)
    plover = _field(path, data, "plover", dict)
    category = _field(path, plover, "category", str)
    if category not in PLOVER_CATEGORIES:
        raise ConfigError(
            f"{path}: PLOVER category {category!r} is not one of {sorted(PLOVER_CATEGORIES)}"
        )
    roles = _field(path, data, "roles", list)
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ConfigError(f"{path}: unknown argument role {unknown[0]!r}")
    spec = _field(path, data, "words", dict)
    lang = _field(path, spec, "lang", str)
    lists = _field(path, spec, "lists", list)
    return EventSchema(
        type=etype,
        description=_field(path, data, "description", str),
        priority=priority,
        plover=category,
        cameo_root=str(_field(path, plover, "cameo_root", str)),
        cameo=str(_field(path, plover, "cameo", str)),
        mode=str(plover.get("mode", "")),
        roles=tuple(roles),
        lang=lang,
        lists=tuple(lists),
    )


def load_schemas(folder: Path) -> dict[str, EventSchema]:
    """Every schema file of a folder, checked one by one and against each other."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ConfigError(f"{folder}: no event schema files")
    out: dict[str, EventSchema] = {}
    seen: dict[int, Path] = {}
    for path in files:
        schema = load_schema(path)
        if schema.type in out:
            raise ConfigError(f"{path}: event type {schema.type} is declared twice")
        if schema.priority in seen:
            raise ConfigError(
                f"{path}: priority {schema.priority} is also {seen[schema.priority]}'s"
            )
        seen[schema.priority] = path
        lists = words(schema.lang, "events")
        for name in schema.lists:
            if name not in lists:
                raise ConfigError(
                    f"{path}: no word list {name!r} in lang/{schema.lang}/events.json"
                )
        out[schema.type] = schema
    return out


@lru_cache(maxsize=1)
def event_schemas() -> dict[str, EventSchema]:
    """The installed event types, by type name."""
    return load_schemas(SCHEMA_DIR)


@lru_cache(maxsize=8)
def trigger_table(lang: str) -> dict[str, str]:
    """Trigger word -> event type for one language's word lists (``knowledge/lang/<lang>/
    events.json``, a list per type), the higher-priority type winning a shared word."""
    lists = words(lang, "events")
    out: dict[str, str] = {}
    for schema in sorted(event_schemas().values(), key=lambda s: -s.priority):
        for w in lists.set(schema.type.lower()):
            out[w] = schema.type
    return out
