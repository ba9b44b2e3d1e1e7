"""Exporters: each writes the store in one format to a path or stdout."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from silkgraph.store.base import Store

log = logging.getLogger(__name__)

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


def export_graphml(store: Store, output: Path | None) -> None:
    from silkgraph.export.graph import write_graphml

    write_graphml(store, output)


def export_gexf(store: Store, output: Path | None) -> None:
    from silkgraph.export.graph import write_gexf

    write_gexf(store, output)


def export_ftm(store: Store, output: Path | None) -> None:
    from silkgraph.export.ftm import write_ftm

    write_ftm(store, output)


def export_plover(store: Store, output: Path | None) -> None:
    from silkgraph.export.plover import write_plover

    write_plover(store, output)


EXPORTERS: dict[str, Exporter] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "graphml": export_graphml,
    "gexf": export_gexf,
    "ftm": export_ftm,
    "plover": export_plover,
}


def export(store: Store, fmt: str, output: Path | None) -> None:
    """Write the store in ``fmt`` (a key of ``EXPORTERS``) to ``output`` or stdout."""
    started = time.monotonic()
    log.info("exporting %s to %s", fmt, output or "stdout")
    EXPORTERS[fmt](store, output)
    log.info("exported %s in %.1f s", fmt, time.monotonic() - started)
