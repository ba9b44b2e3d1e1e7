"""Microsoft Recognizers-Text English specs run through silkgraph's number parsers.

What is measured (``run(data_dir)`` returns a dict per model):

- ``currency``: ``amounts.find_money`` over each input sentence; a gold amount is found
  when a predicted one has its value within 0.5% (P/R/F1 over amounts), and
  ``currency_acc`` is the share of found amounts whose ISO code agrees (gold codes from
  ``isoCurrency`` or the unit name; units with no code known here are not checked).
- ``number``: ``numbers.parse_number`` on each gold number's text: value accuracy.
- ``percentage`` and ``dimension``: ``quantities.find_quantities`` over the parsed input:
  P/R/F1 on value within 0.5% (dimension also counts the unit agreement of the found ones,
  for the units silkgraph normalises: t, km, m3, ha, MW, kg).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from silkgraph.extract.amounts import find_money
from silkgraph.extract.numbers import parse_number

UNIT_CODES = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "british pound": "GBP",
    "pound": "GBP",
    "chinese yuan": "CNY",
    "yuan": "CNY",
    "japanese yen": "JPY",
    "yen": "JPY",
    "russian ruble": "RUB",
    "kazakhstani tenge": "KZT",
    "swiss franc": "CHF",
    "indian rupee": "INR",
    "hong kong dollar": "HKD",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
}
DIM_UNITS = {
    "ton": "t",
    "metric ton": "t",
    "tonne": "t",
    "kilometer": "km",
    "cubic meter": "m3",
    "hectare": "ha",
    "megawatt": "MW",
    "kilogram": "kg",
}


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


def _load(path: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8-sig"))
    return data


def _gold_value(res: dict[str, Any]) -> float | None:
    try:
        return float(str(res.get("Resolution", {}).get("value", "")).rstrip("%"))
    except ValueError:
        return None


def currency(path: Path) -> dict[str, Any]:
    """Amounts found with the right value, and the ISO code agreement among them."""
    tp = n_pred = n_gold = code_ok = code_checked = 0
    for case in _load(path):
        golds = [r for r in case.get("Results", []) if r.get("TypeName") == "currency"]
        preds = find_money(case["Input"])
        n_gold += len(golds)
        n_pred += len(preds)
        used: set[int] = set()
        for g in golds:
            value = _gold_value(g)
            hit = next(
                (
                    j
                    for j, p in enumerate(preds)
                    if j not in used and value is not None and _close(p.value, value)
                ),
                None,
            )
            if hit is None:
                continue
            used.add(hit)
            tp += 1
            res = g["Resolution"]
            want = res.get("isoCurrency") or UNIT_CODES.get(str(res.get("unit", "")).lower())
            if want:
                code_checked += 1
                code_ok += preds[hit].currency == want
    out: dict[str, Any] = _prf(tp, n_pred, n_gold)
    out["currency_acc"] = round(code_ok / code_checked, 3) if code_checked else None
    out["currency_checked"] = code_checked
    return out


def number(path: Path) -> dict[str, Any]:
    """Value accuracy of ``parse_number`` on the gold number texts."""
    total = correct = 0
    for case in _load(path):
        for g in case.get("Results", []):
            value = _gold_value(g)
            if value is None:
                continue
            total += 1
            correct += _close(parse_number(g["Text"]), value)
    return {
        "accuracy": round(correct / total, 3) if total else 0.0,
        "correct": correct,
        "total": total,
    }


def quantities(path: Path, type_name: str) -> dict[str, Any]:
    """P/R/F1 of ``find_quantities`` values over the parsed inputs (and unit agreement)."""
    from silkgraph.extract.nlp import load_model
    from silkgraph.extract.quantities import find_quantities

    nlp = load_model()
    cases = _load(path)
    tp = n_pred = n_gold = unit_ok = unit_checked = 0
    for case, doc in zip(cases, nlp.pipe(c["Input"] for c in cases), strict=True):
        golds = [r for r in case.get("Results", []) if r.get("TypeName") == type_name]
        preds = [q for q in find_quantities(doc) if (q.unit == "%") == (type_name == "percentage")]
        n_gold += len(golds)
        n_pred += len(preds)
        used: set[int] = set()
        for g in golds:
            value = _gold_value(g)
            hit = next(
                (
                    j
                    for j, p in enumerate(preds)
                    if j not in used and value is not None and _close(p.value, value)
                ),
                None,
            )
            if hit is None:
                continue
            used.add(hit)
            tp += 1
            want = DIM_UNITS.get(str(g["Resolution"].get("unit", "")).lower())
            if type_name == "dimension" and want:
                unit_checked += 1
                unit_ok += preds[hit].unit == want
    out: dict[str, Any] = _prf(tp, n_pred, n_gold)
    if type_name == "dimension":
        out["unit_acc"] = round(unit_ok / unit_checked, 3) if unit_checked else None
        out["unit_checked"] = unit_checked
    return out


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = (
    "NumberWithUnit/CurrencyModel.json",
    "Number/NumberModel.json",
    "Number/PercentModel.json",
    "NumberWithUnit/DimensionModel.json",
)


def run(data_dir: Path) -> dict[str, Any]:
    """Run the currency, number, percentage and dimension specs under ``data_dir``."""
    data_dir = Path(data_dir)
    unit_dir, num_dir = data_dir / "NumberWithUnit", data_dir / "Number"
    return {
        "currency": currency(unit_dir / "CurrencyModel.json"),
        "number": number(num_dir / "NumberModel.json"),
        "percentage": quantities(num_dir / "PercentModel.json", "percentage"),
        "dimension": quantities(unit_dir / "DimensionModel.json", "dimension"),
    }
