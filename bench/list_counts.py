"""The event list's first count: ``browse_events`` with every facet, in a fresh process.

    python bench/list_counts.py STORE                        # this checkout's code
    python bench/list_counts.py STORE --src /other/src       # another checkout's code
    python bench/list_counts.py STORE --filter modality=planned --filter outlet=TASS

Facet counts are kept per store state in the process that made them, so each run starts
a new process (``--runs`` of them) and times its first list with no filter, then the first
with each ``--filter``. Opening the store migrates it: measure a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_RUN = """
import json, sys, time
from silkgraph.query.lists import ListQuery, browse_events
from silkgraph.store import open_store
store = open_store(sys.argv[1])
out = []
for arg in json.loads(sys.argv[2]):
    facets = {} if not arg else {arg.split("=", 1)[0]: [arg.split("=", 1)[1]]}
    start = time.perf_counter()
    browse_events(store, ListQuery(facets))
    out.append([arg or "no filter", round(1000 * (time.perf_counter() - start))])
store.close()
print(json.dumps(out))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("store", help="The store to read (a SQLite file or a PostgreSQL URL).")
    p.add_argument("--src", default=str(ROOT / "src"), help="The silkgraph code to run.")
    p.add_argument("--filter", action="append", default=[], help="facet=value, repeatable.")
    p.add_argument("--runs", type=int, default=3, help="Fresh processes.")
    args = p.parse_args()
    env = {**os.environ, "PYTHONPATH": args.src}
    filters = json.dumps(["", *args.filter])
    times: dict[str, list[int]] = {}
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, "-c", ONE_RUN, args.store, filters],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
            sys.exit(f"list_counts: the run failed: {lines[-1]}")
        for name, ms in json.loads(done.stdout):
            times.setdefault(name, []).append(ms)
    for name, ms in times.items():
        print(f"{name:<30} {min(ms)}-{max(ms)} ms  ({', '.join(map(str, ms))})")


if __name__ == "__main__":
    main()
