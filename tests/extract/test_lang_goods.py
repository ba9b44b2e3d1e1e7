"""The Russian and Chinese commodity lists: a broken list stops with one line, whichever
language's, and each commodity is kept once per document."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from silkgraph.errors import ConfigError
from silkgraph.extract.lang import goods
from silkgraph.extract.lang.ru import commodities as ru
from silkgraph.extract.lang.zh import commodities as zh
from silkgraph.model import Commodity

READERS: dict[str, Callable[[], Any]] = {
    "ru": ru.commodity_words,
    "zh": zh.commodity_words,
}
GOOD = {
    "ru": {"terms": {"пшеница": "wheat"}, "weak": [], "trade": []},
    "zh": {"terms": {"小麦": "wheat"}, "weak": [], "trade": [], "names": []},
}


@pytest.mark.parametrize("lang", ["ru", "zh"])
@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda d: d["terms"].update({"x": "no such term"}), "not a term of the HS lexicon"),
        (lambda d: d.pop("weak"), "weak"),
        (lambda d: d.pop("terms"), "terms"),
    ],
)
def test_a_broken_names_file_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, edit: Any, says: str
) -> None:
    data = json.loads(json.dumps(GOOD[lang]))
    edit(data)
    (tmp_path / lang).mkdir()
    (tmp_path / lang / "commodities.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(goods, "LANG_DIR", tmp_path)
    read = READERS[lang]
    read.cache_clear()
    try:
        with pytest.raises(ConfigError, match=says) as info:
            read()
        assert "\n" not in str(info.value)
    finally:
        read.cache_clear()


def test_the_installed_lists_read() -> None:
    for read in READERS.values():
        assert len(read().terms) > 150


def test_each_commodity_once_at_its_first_mention() -> None:
    first = Commodity("wheat", 0, 5, "wheat", "1001")
    again = Commodity("wheat", 20, 25, "wheat", "1001")
    textiles = Commodity("cloth", 30, 35, "textiles", "")
    assert goods.first_of_each([first, textiles, again]) == [first, textiles]
    assert goods.goods_in([first, again, textiles], 10, 40) == ["wheat", "textiles"]
