"""Worker recycling: peak memory of each extraction worker and total time, per recycle period.

    python bench/workers.py --corpus /tmp/wk/corpus.jsonl --docs 3000 --periods 0,1000

Each period runs the same documents through a fresh LocalExecutor (2 workers, batches of
32, the streaming path of ``Engine.extract_pending``) in this one process, which never
loads the model itself, as the ingesting process does not. Period 0 never replaces a
worker. Reported: wall time (worker start-up included, since replacements repeat it), each
worker's peak RSS (VmHWM, read by the worker as it stops) and both as ratios to period 0.
Results go to ``bench/results/workers.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import replicate  # noqa: E402

log = logging.getLogger("bench.workers")


def run(docs: list[Any], workers: int, period: int) -> dict[str, Any]:
    from silkgraph.batch.local import LocalExecutor

    start = time.perf_counter()
    executor = LocalExecutor("", workers, recycle=period)
    batches = [docs[i : i + 32] for i in range(0, len(docs), 32)]
    done = sum(len(exts) for _, exts in executor.stream(batches))
    seconds = time.perf_counter() - start
    executor.close()
    lives = [
        {"pid": life.pid, "documents": life.documents, "peak_mb": round(life.peak_mb)}
        for life in executor.lives
    ]
    return {
        "period": period,
        "documents": done,
        "seconds": round(seconds, 1),
        "ms_per_doc": round(1000 * seconds / max(done, 1), 1),
        "workers_started": len(lives),
        "peak_mb": max(life["peak_mb"] for life in lives),
        "lives": lives,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, help="JSON Lines (bench/run.py corpus --out DIR)")
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--periods", default="0,1000", help="documents per worker life; 0 = never")
    ap.add_argument("--out", default=str(HERE / "results" / "workers.json"))
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    from silkgraph.model import Document

    with open(args.corpus, encoding="utf-8") as fh:
        base = [Document.from_dict(json.loads(line)) for line in fh if line.strip()]
    docs = replicate(base, args.docs)
    runs = []
    for period in [int(p) for p in args.periods.split(",")]:
        res = run(docs, args.workers, period)
        log.info("period %d: %.1f s, peak %d MB", period, res["seconds"], res["peak_mb"])
        runs.append(res)
    assert "spacy" not in sys.modules, "the benchmark process must not load the model"
    never = next((r for r in runs if r["period"] == 0), runs[0])
    for r in runs:
        r["time_ratio"] = round(r["seconds"] / never["seconds"], 3)
        r["peak_ratio"] = round(r["peak_mb"] / never["peak_mb"], 3)
    out = {"documents": len(docs), "distinct": len(base), "workers": args.workers, "runs": runs}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print("period  seconds  ms/doc  workers  peak MB  time ratio  peak ratio")
    for r in runs:
        print(
            f"{r['period']:>6}  {r['seconds']:>7}  {r['ms_per_doc']:>6}  {r['workers_started']:>7}"
            f"  {r['peak_mb']:>7}  {r['time_ratio']:>10}  {r['peak_ratio']:>10}"
        )


if __name__ == "__main__":
    main()
