"""Traditional Chinese characters read as simplified, one character for one.

The table is zhconv's (``zhcdict.json``, MediaWiki's conversion tables) reduced to its
one-character mappings, so a converted text keeps every offset of the original: spans
found in the simplified text are spans of the text as published (Taiwan and Hong Kong
outlets write traditional script). Phrase mappings (公尺 -> 米) change lengths and are
left out; the word lists carry both spellings where they differ.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from silkgraph.errors import ConfigError


@cache
def _table() -> dict[int, str]:
    try:
        raw = resources.files("zhconv").joinpath("zhcdict.json").read_text(encoding="utf-8")
        hans = json.loads(raw)["zh2Hans"]
    except (ModuleNotFoundError, OSError, ValueError, KeyError) as err:
        raise ConfigError(f"zhconv's conversion table cannot be read ({err})") from None
    return {ord(k): v for k, v in hans.items() if len(k) == 1 and len(v) == 1}


def simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones; same length."""
    return text.translate(_table())


def is_traditional(text: str) -> bool:
    """True when the text has more traditional-only characters than a stray one or two."""
    table = _table()
    return sum(1 for c in text[:2000] if ord(c) in table) > 2
