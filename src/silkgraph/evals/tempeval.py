"""TempEval-3 platinum: DATE normalisation by ``extract.dates`` against the creation time.

What is measured (``run(data_dir)``): for every gold ``TIMEX3`` of type DATE in the
TEXT (the document creation time itself excluded), the gold span's text is resolved with
``dates.resolve`` against the document's DCT. ``accuracy`` is the share of gold DATE
values reproduced exactly; ``precision`` the share right among those the resolver gave a
value for (it abstains rather than guess). Precision-keeping forms count as distinct:
"2013" is not "2013-03". Extent detection is not measured here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from silkgraph.extract.dates import resolve


def _timexes(path: Path) -> tuple[dt.date | None, list[tuple[str, str]]]:
    root = ElementTree.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    dct = None
    if dct_el is not None:
        try:
            dct = dt.date.fromisoformat(str(dct_el.get("value", ""))[:10])
        except ValueError:
            dct = None
    text = root.find("TEXT")
    found = [
        (re.sub(r"\s+", " ", "".join(t.itertext())).strip(), t.get("value", ""))
        for t in (text.iter("TIMEX3") if text is not None else [])
        if t.get("type") == "DATE"
    ]
    return dct, found


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = ("**/*.tml",)


def run(data_dir: Path) -> dict[str, Any]:
    """Score DATE value resolution on every ``*.tml`` file under ``data_dir``."""
    total = answered = correct = 0
    misses: list[dict[str, str]] = []
    for path in sorted(Path(data_dir).rglob("*.tml")):
        dct, timexes = _timexes(path)
        for text, gold in timexes:
            total += 1
            expr = resolve(text, dct)
            if expr is None:
                continue
            answered += 1
            if expr.value == gold:
                correct += 1
            elif len(misses) < 20:
                misses.append({"text": text, "gold": gold, "pred": expr.value})
    return {
        "accuracy": round(correct / total, 3) if total else 0.0,
        "precision": round(correct / answered, 3) if answered else 0.0,
        "correct": correct,
        "answered": answered,
        "total": total,
        "examples": misses,
    }
