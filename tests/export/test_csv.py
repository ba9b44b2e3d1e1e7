"""CSV export: formula cells escaped (OWASP CSV injection), numbers left as numbers."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from silkgraph.export.csv import TABLES, escape_cell, write_csv
from silkgraph.ingest import make_document
from silkgraph.store.sqlite import SQLiteStore

NUMERIC = {"value", "usd", "rate", "start", "end", "n_mentions", "amount_usd", "count"}


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-5", "'-5"),  # a string, even one that looks like a number
        ("Kazakhstan", "Kazakhstan"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        (-5, -5),
        (-2.5e9, -2.5e9),
        (0, 0),
        (None, None),
        (True, True),
    ],
)
def test_escape_cell(cell: object, escaped: object) -> None:
    assert escape_cell(cell) == escaped
    assert type(escape_cell(cell)) is type(escaped)


def test_export_escapes_formulas_and_keeps_numbers(examples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copyfile(examples_db, db)
    store = SQLiteStore(db)
    store.add_document(
        make_document(
            "csv-injection",
            "Kazakhstan and China signed a trade deal on Monday.",
            title='=HYPERLINK("http://evil.example","click")',
            outlet="@SUM(1+1)*cmd|' /C calc'!A0",
            url="+1-1",
        )
    )
    out = tmp_path / "csv"
    write_csv(store, out)
    store.close()

    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = {r["id"]: r for r in csv.DictReader(fh)}
    row = docs["csv-injection"]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["outlet"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["url"] == "'+1-1"

    seen_numbers = 0
    for table, columns in TABLES.items():
        with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                for col in columns:
                    cell = r[col]
                    if col in NUMERIC and cell:
                        float(cell)  # a plain number (negative ones too), never quoted text
                        seen_numbers += 1
                    else:
                        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table, col)
    assert seen_numbers > 50, "the examples carry amounts, spans and counts"
