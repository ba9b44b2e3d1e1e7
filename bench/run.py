"""silkgraph benchmarks: throughput against bare spaCy, worker scaling, corpus-size scaling.

    python bench/run.py throughput [--workers 1,2]      # pipeline vs nlp.pipe, same texts
    python bench/run.py scale --sizes 1000,10000        # ingest+extract+resolve per size
    python bench/run.py resolve --sizes 1000,10000,100000   # resolution alone, replicated
    python bench/run.py all

Each measurement of the pipeline is paired with bare spaCy (``nlp.pipe`` over the same
texts on the same number of processes) in the same run, and reported as a ratio. Scaling
runs each size in a fresh process so that peak memory (ru_maxrss) belongs to that size.
Results go to ``bench/results/<name>.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import load_corpus, replicate, words  # noqa: E402
from measure import peak_rss_mb, timed  # noqa: E402

log = logging.getLogger("bench")


def machine() -> dict[str, Any]:
    import spacy

    cpu = ""
    try:
        cpu = next(
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem, 1),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "platform": platform.platform(),
    }


def corpus(args: argparse.Namespace) -> list[Any]:
    """The benchmark corpus: from ``--corpus`` (JSON Lines) or built from the data sets."""
    from silkgraph.model import Document

    if args.corpus:
        with open(args.corpus, encoding="utf-8") as fh:
            return [Document.from_dict(json.loads(line)) for line in fh if line.strip()]
    return load_corpus(Path(args.eval), Path(args.examples))


def export_corpus(args: argparse.Namespace) -> None:
    """Write the corpus as JSON Lines, to run the benchmarks where the data sets are not."""
    out = Path(args.out) / "corpus.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for doc in corpus(args):
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    print(out)


# throughput -------------------------------------------------------------------


def bare_spacy(nlp: Any, texts: list[str], workers: int) -> float:
    with timed() as t:
        for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
            pass
    return t.seconds


def pipeline_run(model: str, docs: list[Any], workers: int) -> tuple[float, dict[str, float]]:
    from silkgraph.batch.local import extract_parallel, get_executor, shutdown
    from silkgraph.extract.registry import make_pipeline

    if workers == 1:
        pipe = make_pipeline(model)
        timings = pipe.enable_timing()
        with timed() as t:
            pipe.pipe(docs)
        return t.seconds, dict(timings)
    extract_parallel(docs[: 2 * workers], model, workers)  # start the pool and its models
    executor = get_executor(model, workers)
    batches = [docs[i : i + 32] for i in range(0, len(docs), 32)]
    with timed() as t:
        # The batches Engine.extract_pending streams through the pool, no barrier between.
        for _ in executor.stream(batches):
            pass
    shutdown()
    return t.seconds, {}


def bare_model(model: str) -> Any:
    """The spaCy model exactly as shipped: none of silkgraph's additions."""
    import spacy

    from silkgraph.extract.nlp import candidates

    for cand in candidates(model):
        try:
            return spacy.load(cand)
        except OSError:
            continue
    raise SystemExit("no spaCy model installed")


def throughput(args: argparse.Namespace) -> dict[str, Any]:
    docs = corpus(args)
    if args.limit:
        docs = docs[: args.limit]
    texts = [d.text for d in docs]
    n_words = words(docs)
    nlp = bare_model(args.model)
    out: dict[str, Any] = {
        "documents": len(docs),
        "words": n_words,
        "model": f"{nlp.meta['name']}-{nlp.meta['version']}",
        "runs": [],
    }
    bare_spacy(nlp, texts[:50], 1)  # warm-up: vectors and caches
    for workers in [int(w) for w in args.workers.split(",")]:
        # Alternate the two and keep each one's best round: on a shared machine, other
        # load slows whichever happens to run at the time, never both alike.
        bares, fulls = [], []
        for _ in range(args.repeat):
            bares.append(bare_spacy(nlp, texts, workers))
            full, timings = pipeline_run(args.model, docs, workers)
            fulls.append(full)
        bare, full = min(bares), min(fulls)
        run = {
            "workers": workers,
            "rounds_bare_s": [round(b, 2) for b in bares],
            "rounds_pipeline_s": [round(f, 2) for f in fulls],
            "bare_s": round(bare, 2),
            "pipeline_s": round(full, 2),
            "bare_docs_per_s": round(len(docs) / bare, 1),
            "pipeline_docs_per_s": round(len(docs) / full, 1),
            "pipeline_words_per_s": round(n_words / full),
            "ratio": round(bare / full, 3),
        }
        if timings:
            run["components_s"] = {k: round(v, 2) for k, v in timings.items()}
            run["spacy_parse_s"] = round(fulls[-1] - sum(timings.values()), 2)
        out["runs"].append(run)
        log.info("workers=%d %s", workers, run)
    by = {r["workers"]: r for r in out["runs"]}
    if 1 in by and 2 in by:
        out["speedup_2_vs_1"] = round(by[1]["pipeline_s"] / by[2]["pipeline_s"], 2)
        out["bare_speedup_2_vs_1"] = round(by[1]["bare_s"] / by[2]["bare_s"], 2)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


# scaling ----------------------------------------------------------------------


def scale_one(args: argparse.Namespace) -> dict[str, Any]:
    """One size, in this process: store, extract and resolve; timings and peak memory."""
    from silkgraph.engine import Engine, IngestReport

    docs = replicate(corpus(args), args.size)
    n_words = words(docs)
    with (
        tempfile.TemporaryDirectory(prefix="silkgraph-bench-") as tmp,
        Engine(os.path.join(tmp, "bench.db"), model=args.model, workers=args.workers) as eng,
    ):
        _ = eng.version  # load the model (or start the workers) outside the timings
        report = IngestReport()
        with timed() as t_store:
            eng.add(docs, report)
        del docs
        with timed() as t_extract:
            done, _ = eng.extract_pending()
        from silkgraph.batch.local import pools, shutdown

        started = pools()
        shutdown()
        # Every worker's life in start order: whether memory grows over the run shows
        # here, life after life, not only in the largest peak.
        lives = [
            {"documents": life.documents, "peak_mb": round(life.peak_mb, 1)}
            for life in sorted((x for p in started for x in p.lives), key=lambda x: x.started)
        ]
        extract_peak = peak_rss_mb()
        eng.store.close()
        res = resolve_in_child(os.path.join(tmp, "bench.db"))
    total = t_store.seconds + t_extract.seconds + res["resolve_s"]
    return {
        "size": args.size,
        "workers": args.workers,
        "words": n_words,
        "extracted": done,
        "store_s": round(t_store.seconds, 2),
        "extract_s": round(t_extract.seconds, 2),
        "resolve_s": res["resolve_s"],
        "total_s": round(total, 2),
        "ms_per_doc": round(1000 * total / args.size, 2),
        "extract_ms_per_doc": round(1000 * t_extract.seconds / args.size, 2),
        "resolve_ms_per_doc": round(1000 * res["resolve_s"] / args.size, 3),
        "entities": res["entities"],
        "doc_entities": res["doc_entities"],
        "events": res["events"],
        "extract_peak_rss_mb": extract_peak,
        "worker_lives": lives,
        "resolve_peak_rss_mb": res["peak_rss_mb"],
    }


def resolve_db(args: argparse.Namespace) -> dict[str, Any]:
    """Resolve a prepared store in this (fresh) process: its peak memory is resolution's own."""
    from silkgraph.resolve import resolve_store
    from silkgraph.store.sqlite import SQLiteStore

    store = SQLiteStore(args.db)
    base = peak_rss_mb()["self"]
    with timed() as t:
        rep = resolve_store(store)
    store.close()
    return {
        "resolve_s": round(t.seconds, 2),
        "doc_entities": rep.doc_entities,
        "units": rep.units,
        "candidate_pairs": rep.candidate_pairs,
        "entities": rep.entities,
        "doc_events": rep.doc_events,
        "events": rep.events,
        "rss_before_mb": base,
        "peak_rss_mb": peak_rss_mb()["self"],
    }


def resolve_in_child(db: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__)), "_resolve_db", "--db", db]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"resolution of {db} failed:\n{res.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def resolve_one(args: argparse.Namespace) -> dict[str, Any]:
    """Resolution alone over ``size`` documents: the base extractions, copied under new ids."""
    from silkgraph.extract.registry import make_pipeline
    from silkgraph.store.sqlite import SQLiteStore

    base = corpus(args)
    if args.base_limit:
        base = base[: args.base_limit]
    exts = {e.doc_id: e for e in make_pipeline(args.model).pipe(base)}
    docs = replicate(base, args.size)
    with tempfile.TemporaryDirectory(prefix="silkgraph-bench-") as tmp:
        db = os.path.join(tmp, "r.db")
        store = SQLiteStore(db)
        for d in docs:
            store.add_document(d)
            ext = exts[d.id.split("~")[0]]
            ext.doc_id = d.id
            store.save_extraction(ext)
        del docs
        store.close()
        res = resolve_in_child(db)
    return {
        "size": args.size,
        "base_documents": len(base),
        **res,
        "resolve_ms_per_doc": round(1000 * res["resolve_s"] / args.size, 3),
        "pairs_per_doc": round(res["candidate_pairs"] / args.size, 2),
    }


def in_subprocess(kind: str, args: argparse.Namespace, size: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__)),
        f"_{kind}",
        "--size",
        str(size),
        "--workers",
        str(args.workers),
        "--eval",
        args.eval,
        "--examples",
        args.examples,
        "--base-limit",
        str(args.base_limit),
        "--corpus",
        args.corpus,
    ]
    if args.model:
        cmd += ["--model", args.model]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"{kind} {size} failed:\n{res.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def sizes_run(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    runs = []
    for size in [int(s) for s in args.sizes.split(",")]:
        run = in_subprocess(kind, args, size)
        log.info("%s %s", kind, run)
        runs.append(run)
        if args.partial:
            Path(args.partial).write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return {"runs": runs}


# main -------------------------------------------------------------------------


def save(name: str, data: dict[str, Any], args: argparse.Namespace) -> None:
    data = {
        "name": name,
        "machine": machine(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "command": " ".join(sys.argv),
        **data,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2))


# languages --------------------------------------------------------------------


def _articles_of(folder: Path, language: str) -> list[Any]:
    """The development articles of one language, as documents (header lines dropped)."""
    from silkgraph.ingest import read_text_file
    from silkgraph.language import detect_language as detect

    docs = [read_text_file(p) for p in sorted(folder.glob("r*.txt"))]
    return [d for d in docs if detect(d.text) == language]


def languages(args: argparse.Namespace) -> dict[str, Any]:
    """The Russian and Chinese pipelines against their parsers' own speed on the same texts:
    natasha's segmentation and NER alone (the part natasha advertises), and jieba's
    segmentation with tags. Each text is processed ``--repeat`` times after a warm-up."""
    from silkgraph.extract.lang import make_language_pipeline

    folder = Path(args.eval).parent / "dev" / "articles"
    rounds = max(args.repeat, 5)
    out: dict[str, Any] = {"rounds": rounds, "runs": []}
    for language in ("ru", "zh"):
        docs = _articles_of(folder, language)
        if not docs:
            continue
        pipe = make_language_pipeline(language)
        pipe.pipe(docs[:1])  # models and indexes loaded outside the timing
        if language == "ru":
            from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

            segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

            def bare(text: str, segmenter: Any = segmenter, ner: Any = ner) -> None:
                doc = Doc(text)
                doc.segment(segmenter)
                doc.tag_ner(ner)

            bare_name = "natasha segmentation + NER"
        else:
            from silkgraph.extract.lang.zh.parser import JiebaParser

            jieba_parser = JiebaParser()

            def bare(text: str, segmenter: Any = jieba_parser, ner: Any = None) -> None:
                segmenter(text)

            bare_name = "jieba segmentation with tags (the pipeline's own tokenizer)"
        bare(docs[0].text)
        with timed() as tb:
            for _ in range(rounds):
                for d in docs:
                    bare(d.text)
        with timed() as tp:
            for _ in range(rounds):
                pipe.pipe(docs)
        n = rounds * len(docs)
        out["runs"].append(
            {
                "language": language,
                "documents": len(docs),
                "characters": sum(len(d.text) for d in docs),
                "bare": bare_name,
                "bare_ms_per_doc": round(1000 * tb.seconds / n, 1),
                "pipeline_ms_per_doc": round(1000 * tp.seconds / n, 1),
                "ratio": round(tb.seconds / tp.seconds, 3),
            }
        )
        log.info("%s %s", language, out["runs"][-1])
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "what",
        nargs="?",
        default="throughput",
        choices=[
            "throughput",
            "scale",
            "resolve",
            "all",
            "corpus",
            "languages",
            "_scale",
            "_resolve",
            "_resolve_db",
        ],
    )
    p.add_argument(
        "--eval",
        default=str(ROOT.parent / "shared" / "eval"),
        help="Folder with meantime/, ecbplus/, wikievents/, tempeval3/.",
    )
    p.add_argument("--examples", default=str(ROOT / "examples"))
    p.add_argument(
        "--corpus", default="", help="JSON Lines of documents (from `run.py corpus`) to use."
    )
    p.add_argument("--model", default="", help="spaCy model (default: best installed).")
    p.add_argument(
        "--workers", default="1,2", help="throughput: worker counts to compare; scale: one count."
    )
    p.add_argument("--sizes", default="1000,10000", help="Corpus sizes for scale / resolve.")
    p.add_argument("--size", type=int, default=1000, help=argparse.SUPPRESS)
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="throughput: alternating rounds; the best of each is kept.",
    )
    p.add_argument("--limit", type=int, default=0, help="throughput: first N documents only.")
    p.add_argument(
        "--base-limit",
        type=int,
        default=0,
        help="resolve: extract only the first N base documents, then replicate.",
    )
    p.add_argument("--db", default="", help=argparse.SUPPRESS)
    p.add_argument("--partial", default="", help="scale/resolve: write runs so far to this file.")
    p.add_argument("--out", default=str(HERE / "results"))
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("silkgraph").setLevel(logging.ERROR)
    if args.what.startswith("_"):
        args.workers = int(args.workers.split(",")[0])
        fn = {"_scale": scale_one, "_resolve": resolve_one, "_resolve_db": resolve_db}[args.what]
        print(json.dumps(fn(args)))
        return
    if args.what == "corpus":
        export_corpus(args)
        return
    if args.what == "languages":
        save("languages", languages(args), args)
        return
    if args.what in ("throughput", "all"):
        save("throughput", throughput(args), args)
    if args.what in ("scale", "all"):
        if "," in args.workers:
            args.workers = args.workers.split(",")[-1]
        save(f"scale_w{args.workers}", sizes_run("scale", args), args)
    if args.what in ("resolve", "all"):
        save("resolve", sizes_run("resolve", args), args)


if __name__ == "__main__":
    main()
