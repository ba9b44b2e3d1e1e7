"""Store cost per document on SQLite: saving extractions, reading them all back, file size.

    python bench/store.py extract --limit 200 --out /tmp/extractions.jsonl   # the pipeline, once
    python bench/store.py measure --extractions /tmp/extractions.jsonl --size 1000 --repeat 3

``extract`` runs the pipeline over the benchmark corpus (bench/corpus.py) and keeps each
document with its extraction, so that ``measure`` times the store alone and can be run
against two versions of the code on the same input (``PYTHONPATH=<their src>``). The
documents are repeated under new ids up to ``--size``; each run uses a fresh file. Saving
is timed over the calls (documents are stored first, untimed), reading is one pass of
``iter_extractions`` over a reopened store, and the size is the file's after a WAL
checkpoint, with each table's share (its indexes included) from SQLite's dbstat. Times are
wall clock and this process's CPU time (steadier where other work shares the machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import load_corpus, replicate  # noqa: E402
from measure import timed  # noqa: E402

# Tables whose share of the file is reported; the rest (documents, search) do not change.
TABLES = ("documents", "documents_fts", "extractions", "statements", "doc_entities", "doc_events")


def extract(args: argparse.Namespace) -> None:
    from silkgraph.extract.registry import make_pipeline

    docs = load_corpus(Path(args.eval), Path(args.examples))
    if args.limit:
        docs = docs[: args.limit]
    exts = make_pipeline(args.model).pipe(docs)
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc, ext in zip(docs, exts, strict=True):
            row = {"doc": doc.to_dict(), "extraction": ext.to_dict()}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(args.out)


def table_bytes(path: str) -> dict[str, int]:
    """Bytes of each table with its indexes (FTS5 shadow tables counted with their table)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        owner = {r[0]: r[1] for r in con.execute("SELECT name, tbl_name FROM sqlite_master")}
        out: dict[str, int] = {}
        for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            longest_first = sorted(TABLES, key=len, reverse=True)
            table = next((t for t in longest_first if table.startswith(t + "_")), table)
            out[table] = out.get(table, 0) + int(size)
        return out
    finally:
        con.close()


def measure_once(pairs: list[tuple[Any, Any]], size: int, tmp: str) -> dict[str, float]:
    from silkgraph.store.sqlite import SQLiteStore

    base = {doc.id: ext for doc, ext in pairs}
    docs = replicate([doc for doc, _ in pairs], size)
    path = str(Path(tmp) / f"s{size}.db")
    store = SQLiteStore(path)
    for doc in docs:
        store.add_document(doc)
    exts = [replace(base[d.id.split("~")[0]], doc_id=d.id) for d in docs]
    cpu = time.process_time()
    with timed() as save:
        for ext in exts:
            store.save_extraction(ext)
    save_cpu = time.process_time() - cpu
    store.close()
    store = SQLiteStore(path)
    cpu = time.process_time()
    with timed() as read:
        n = sum(1 for _ in store.iter_extractions())
    read_cpu = time.process_time() - cpu
    assert n == size, n
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    tables = table_bytes(path)
    return {
        "save_ms_per_doc": 1000 * save.seconds / size,
        "iter_extractions_ms_per_doc": 1000 * read.seconds / size,
        # CPU time of this process: steadier than wall time on a shared machine.
        "save_cpu_ms_per_doc": 1000 * save_cpu / size,
        "iter_extractions_cpu_ms_per_doc": 1000 * read_cpu / size,
        "kb_per_doc": Path(path).stat().st_size / 1024 / size,
        **{f"{t}_kb_per_doc": tables.get(t, 0) / 1024 / size for t in TABLES},
    }


def measure(args: argparse.Namespace) -> None:
    from silkgraph.model import Document, Extraction

    pairs = []
    with open(args.extractions, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            pairs.append((Document.from_dict(row["doc"]), Extraction.from_dict(row["extraction"])))
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="silkgraph-bench-") as tmp:
            runs.append(measure_once(pairs, args.size, tmp))
    result = {
        "size": args.size,
        "base_documents": len(pairs),
        "repeat": args.repeat,
        "median": {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]},
        "runs": [{k: round(v, 3) for k, v in r.items()} for r in runs],
    }
    text = json.dumps(result, indent=1)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("what", choices=["extract", "measure"])
    p.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    p.add_argument("--examples", default=str(ROOT / "examples"))
    p.add_argument("--model", default="", help="spaCy model (default: best installed).")
    p.add_argument("--limit", type=int, default=200, help="extract: first N documents.")
    p.add_argument("--out", default="extractions.jsonl", help="extract: where to write.")
    p.add_argument("--extractions", default="extractions.jsonl", help="measure: the input.")
    p.add_argument("--size", type=int, default=1000, help="measure: documents in the store.")
    p.add_argument("--repeat", type=int, default=3, help="measure: fresh stores to time.")
    p.add_argument("--json", default="", help="measure: also write the result here.")
    args = p.parse_args()
    {"extract": extract, "measure": measure}[args.what](args)


if __name__ == "__main__":
    main()
