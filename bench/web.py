"""Web benchmark: p50/p95/p99 of every page and its JSON twin over a store of N documents.

    python bench/web.py --size 1000                       # build (or reuse) and measure
    python bench/web.py --size 1000 --src /other/src      # measure another checkout's code
    python bench/web.py --size 1000 --build-only          # only build the store
    python bench/web.py --size 100000 --build-only --any-version  # resume, keeping what
                                                          # earlier code extracted

The store is built by the batch engine from the development corpus with copies (as the
``scale`` bench does) and kept under ``--stores`` for the next run. The server
(``silkgraph serve``) and this load generator run on the same machine, one request at a
time, so each figure is a request's own latency with the generator's share of the CPU.
Results go to ``bench/results/web.json`` (one entry per size and label) and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

log = logging.getLogger("bench.web")


def build_store(args: argparse.Namespace, path: Path) -> None:
    """Store, extract and resolve ``args.size`` documents made from the development corpus.

    The store is built as ``<name>.building`` and renamed when resolved; an interrupted
    build goes on from where it stopped (stored documents are skipped, extracted ones kept).
    """
    from corpus import load_corpus, replicate

    from silkgraph.engine import Engine, IngestReport

    docs = replicate(load_corpus(Path(args.eval), Path(args.examples)), args.size)
    tmp = path.with_suffix(".building")
    start = time.perf_counter()
    with Engine(str(tmp), model=args.model, workers=args.workers) as eng:
        eng.add(docs, IngestReport())
        if args.any_version:
            # A build that runs over several days (a small machine) keeps what earlier code
            # extracted: the pages measured read the store's shape, not its extraction's
            # quality. Only documents with no extraction at all are extracted.
            read = eng.store._read  # noqa: SLF001 (a benchmark's own shortcut)
            eng.store.pending_documents = lambda _pipeline: [  # type: ignore[method-assign]
                r["id"]
                for r in read.all(
                    "SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id"
                    " WHERE e.doc_id IS NULL ORDER BY d.id"
                )
            ]
        eng.extract_pending()
        eng.resolve()
    tmp.rename(path)
    log.info("built %s in %.1f s", path, time.perf_counter() - start)


def build_store_copied(args: argparse.Namespace, path: Path) -> None:
    """Store ``args.size`` documents, extracting only the base corpus and copying each base
    document's extraction to its copies (as ``bench/run.py resolve`` does), then resolve.

    A copy differs from its base document by trailing spaces only, so the pipeline would
    give it the same extraction; this builds a large store in minutes instead of hours on
    a small machine. The build is not resumable: an interrupted one starts again.
    """
    from dataclasses import replace

    from corpus import load_corpus, replicate

    from silkgraph.engine import Engine, IngestReport

    base = load_corpus(Path(args.eval), Path(args.examples))
    docs = replicate(base, args.size)
    tmp = path.with_suffix(".copying")
    tmp.unlink(missing_ok=True)
    start = time.perf_counter()
    with Engine(str(tmp), model=args.model, workers=args.workers) as eng:
        eng.add(docs[: len(base)], IngestReport())
        eng.extract_pending()
        exts = {d.id: eng.store.get_extraction(d.id) for d in docs[: len(base)]}
        log.info("extracted %d base documents in %.1f s", len(exts), time.perf_counter() - start)
        for i, doc in enumerate(docs[len(base) :], len(base)):
            ext = exts[base[i % len(base)].id]
            eng.store.add_document(doc)
            if ext is not None:
                eng.store.save_extraction(replace(ext, doc_id=doc.id))
            if i % 10_000 == 0:
                log.info("stored %d documents", i)
        eng.resolve()
    tmp.rename(path)
    log.info("built %s in %.1f s (extractions copied)", path, time.perf_counter() - start)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            body = resp.read()
            status = resp.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    return status, body, time.perf_counter() - start


def wait_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode})")
        try:
            if get(base + "/api/health")[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def targets(base: str) -> list[tuple[str, str]]:
    """(name, path) of every page and JSON twin, with ids read from the store's own lists."""
    ents = json.loads(get(base + "/api/entities?limit=20")[1])["items"]
    evs = json.loads(get(base + "/api/events?limit=20")[1])["items"]
    docs = json.loads(get(base + "/api/documents?limit=20")[1])["items"]
    ent = ents[len(ents) // 2]["id"] if ents else "none"
    top = ents[0]["id"] if ents else "none"
    ev = evs[len(evs) // 2]["id"] if evs else "none"
    doc = docs[len(docs) // 2]["id"] if docs else "none"
    q = urllib.parse.quote
    pages = [
        ("home", ""),
        ("search", "search?q=agreement&event_type=AGREEMENT"),
        ("search (everything)", "search"),
        ("search (a word in every article)", "search?q=the&event_type=AGREEMENT&country=KZ"),
        ("article", f"articles/{q(doc)}"),
        ("entity", f"entities/{q(ent)}"),
        ("entity (most reported)", f"entities/{q(top)}"),
        ("event", f"events/{q(ev)}"),
        ("entities", "entities?type=GPE"),
        ("events", "events?type=TRADE"),
        ("articles", "articles"),
        ("graph", "graph"),
        ("timeline", "timeline"),
        ("map", "map"),
        ("trade", "trade"),
        ("review", "review"),
    ]
    twins = {
        "home": "api/overview",
        "search": "api/search?q=agreement&event_type=AGREEMENT",
        "search (everything)": "api/search",
        "search (a word in every article)": "api/search?q=the&event_type=AGREEMENT&country=KZ",
        "article": f"api/documents/{q(doc)}",
        "entity": f"api/entities/{q(ent)}",
        "entity (most reported)": f"api/entities/{q(top)}",
        "event": f"api/events/{q(ev)}",
        "entities": "api/entities?type=GPE",
        "events": "api/events?type=TRADE",
        "articles": "api/documents",
        "graph": "api/graph",
        "timeline": "api/timeline",
        "map": "api/places",
        "trade": "api/trade-flows",
        "review": "api/review",
    }
    out = []
    for name, path in pages:
        out.append((name, "/" + path))
        out.append((name + " (JSON)", "/" + twins[name]))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(p / 100 * len(xs) + 0.5) - 1))
    return round(1000 * xs[k], 1)


def measure(args: argparse.Namespace, db: Path) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=args.src, SILKGRAPH_TOKEN="")
    cmd = [sys.executable, "-m", "silkgraph.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_up(base, proc)
        rows = []
        only = {p.strip() for p in args.pages.split(",") if p.strip()}
        for name, path in targets(base):
            if only and name.removesuffix(" (JSON)") not in only:
                continue
            times, statuses = [], set()
            for i in range(args.warmup + args.requests):
                status, _, secs = get(base + path)
                statuses.add(status)
                if i >= args.warmup:
                    times.append(secs)
            rows.append(
                {
                    "page": name,
                    "path": path,
                    "status": sorted(statuses),
                    "requests": len(times),
                    "p50_ms": pct(times, 50),
                    "p95_ms": pct(times, 95),
                    "p99_ms": pct(times, 99),
                    "mean_ms": round(1000 * statistics.fmean(times), 1),
                }
            )
            r = rows[-1]
            print(
                f"{name:32} {r['p50_ms']:>9.1f} {r['p95_ms']:>9.1f} {r['p99_ms']:>9.1f}  {r['status']}",
                flush=True,
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"pages": rows}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", type=int, default=1000, help="Documents in the store.")
    p.add_argument("--stores", default=str(Path(tempfile.gettempdir()) / "silkgraph-web-bench"))
    p.add_argument("--src", default=str(ROOT / "src"), help="The silkgraph code the server runs.")
    p.add_argument("--label", default="", help="Name of this run in web.json (default: size).")
    p.add_argument("--requests", type=int, default=20, help="Timed requests per page.")
    p.add_argument("--warmup", type=int, default=2, help="Untimed requests per page first.")
    p.add_argument("--pages", default="", help="Only these pages (names, comma-separated).")
    p.add_argument("--workers", type=int, default=2, help="Extraction processes for the build.")
    p.add_argument("--model", default="")
    p.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    p.add_argument("--examples", default=str(ROOT / "examples"))
    p.add_argument("--build-only", action="store_true")
    p.add_argument(
        "--copy-extractions",
        action="store_true",
        help="Build by extracting the base corpus only and copying its extractions to the copies.",
    )
    p.add_argument(
        "--any-version",
        action="store_true",
        help="Resume a build keeping documents an earlier pipeline version extracted.",
    )
    p.add_argument("--out", default=str(HERE / "results" / "web.json"))
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("silkgraph").setLevel(logging.ERROR)
    stores = Path(args.stores)
    stores.mkdir(parents=True, exist_ok=True)
    built = stores / f"web-{args.size}.db"
    if not built.exists():
        (build_store_copied if args.copy_extractions else build_store)(args, built)
    if args.build_only:
        return
    # Each run reads a fresh copy: a newer schema migrates the copy, never the kept store.
    with tempfile.TemporaryDirectory(prefix="silkgraph-web-") as tmp:
        db = Path(tmp) / "web.db"
        shutil.copy(built, db)
        print(f"{'page':32} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}")
        result = measure(args, db)
    result.update(
        size=args.size,
        src=args.src,
        requests_per_page=args.requests,
        cores=os.cpu_count(),
        note="server and load generator on the same machine, one request at a time",
        measured=time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    )
    out = Path(args.out)
    runs = json.loads(out.read_text()) if out.exists() else {}
    runs[args.label or str(args.size)] = result
    out.write_text(json.dumps(runs, indent=1) + "\n")


if __name__ == "__main__":
    main()
