"""Event types and word lists are data: the shipped files load, broken ones fail in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from silkgraph.errors import ConfigError
from silkgraph.knowledge.schema import (
    ROLES,
    SCHEMA_DIR,
    event_schemas,
    load_schema,
    load_schemas,
    load_words,
    words,
)


def test_shipped_schemas_cover_the_contract_types() -> None:
    schemas = event_schemas()
    assert set(schemas) == {
        "FORUM",
        "MEETING",
        "AGREEMENT",
        "COOPERATION",
        "TRADE",
        "INVESTMENT",
        "TARGET",
    }
    assert len({s.priority for s in schemas.values()}) == len(schemas)
    for s in schemas.values():
        assert set(s.roles) <= ROLES
        assert "participants" in s.roles or s.type == "FORUM"
        lists = words(s.lang, "events")
        assert all(name in lists for name in s.lists)


def test_rules_and_exports_read_the_schema() -> None:
    from silkgraph.export.plover import PLOVER
    from silkgraph.extract.events import AGREEMENT_VERBS, PRIORITY

    schemas = event_schemas()
    assert sorted(schemas, key=lambda t: schemas[t].priority) == PRIORITY
    assert PLOVER["MEETING"].category == schemas["MEETING"].plover
    assert words("en", "events").set("agreement_verbs") == AGREEMENT_VERBS


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "events"
    shutil.copytree(SCHEMA_DIR, folder)
    return folder


def _edit(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"priority": None}, "missing field 'priority'"),
        ({"priority": "first"}, "field 'priority' must be int"),
        ({"roles": ["participants", "weather"]}, "unknown argument role 'weather'"),
        ({"type": "trade deal"}, "must be upper-case letters"),
        ({"plover": {"category": "FIGHT", "cameo_root": "19", "cameo": "190"}}, "PLOVER category"),
    ],
)
def test_a_broken_schema_is_one_line(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "trade.json", **changes)
    with pytest.raises(ConfigError) as info:
        load_schemas(folder)
    text = str(info.value)
    assert message in text
    assert "trade.json" in text
    assert "\n" not in text


def test_schema_conflicts_between_files(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "trade.json", priority=1)  # AGREEMENT's
    with pytest.raises(ConfigError, match="priority 1"):
        load_schemas(folder)
    folder2 = _copy(tmp_path / "b")
    _edit(folder2 / "trade.json", type="MEETING")
    with pytest.raises(ConfigError, match="declared twice"):
        load_schemas(folder2)


def test_not_json_and_missing_folder(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="not JSON"):
        load_schema(bad)
    with pytest.raises(ConfigError, match="no event schema files"):
        load_schemas(tmp_path / "empty")


def test_word_lists_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"_doc": "x", "verbs": ["sign", "Ink"]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="bad entry 'Ink'"):
        load_words(path)
    path.write_text(json.dumps({"verbs": []}), encoding="utf-8")
    with pytest.raises(ConfigError, match="non-empty"):
        load_words(path)
    path.write_text(json.dumps({"verbs": ["sign"]}), encoding="utf-8")
    lists = load_words(path)
    assert lists.set("verbs") == {"sign"}
    with pytest.raises(ConfigError, match="no word list named 'nouns'"):
        lists.set("nouns")
