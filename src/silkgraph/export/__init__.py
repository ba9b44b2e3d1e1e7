"""Exporters: each writes the store in one format to a path or stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from silkgraph.store.base import Store

Exporter = Callable[[Store, Path | None], None]


def _open(output: Path | None) -> IO[str]:
    return open(output, "w", encoding="utf-8") if output else sys.stdout


def export_jsonl(store: Store, output: Path | None) -> None:
    """The contract JSON Lines."""
    from silkgraph.export.jsonl import iter_records

    fh = _open(output)
    try:
        for record in iter_records(store):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if output:
            fh.close()


def export_csv(store: Store, output: Path | None) -> None:
    from silkgraph.export.csv import write_csv

    write_csv(store, output)


EXPORTERS: dict[str, Exporter] = {"jsonl": export_jsonl, "csv": export_csv}
