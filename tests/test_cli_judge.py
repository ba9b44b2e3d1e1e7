"""Reviewing event merges from the command line, as a real subprocess of ``silkgraph``."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from silkgraph.store import open_store
from test_cli import one_line_error

sys.path.insert(0, str(Path(__file__).resolve().parent / "api"))
from trade_corpus import build_trade_corpus  # noqa: E402

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def _events(db: Path) -> dict[tuple[str, str], str]:
    store = open_store(str(db))
    try:
        return store.event_links()
    finally:
        store.close()


def test_split_undo_and_detach_an_event_merge(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "trade.db"
    build_trade_corpus(db)
    merged = _events(db)[("d1", "ev1")]
    res = run_cli("judge", "list", "--kind", "event", "--db", db)
    assert res.returncode == 0 and "d1#ev1" in res.stdout and "unsure" in res.stdout
    # The merge's pair probability is shown: below the review level, above the model's threshold.
    [score] = [float(x) for x in re.findall(r"\b0\.\d\d\b", res.stdout)]
    assert 0.2 <= score < 0.8
    res = run_cli("judge", "split", "d1#ev1", "d2#ev1", "--kind", "event", "--db", db)
    assert res.returncode == 0, res.stderr
    links = _events(db)
    assert links[("d1", "ev1")] != links[("d2", "ev1")] and merged in links.values()
    res = run_cli("resolve", "--db", db)
    assert res.returncode == 0 and "-> 2 events" in res.stderr
    assert _events(db) == links
    res = run_cli("judge", "list", "--kind", "event", "--verdict", "negative", "--db", db)
    assert "analyst" in res.stdout
    res = run_cli("judge", "undo", "d1#ev1", "d2#ev1", "--kind", "event", "--db", db)
    assert res.returncode == 0 and "1 judgement removed" in res.stderr
    assert set(_events(db).values()) == {merged}
    res = run_cli("judge", "detach", "d1#ev1", "--db", db)
    assert res.returncode == 0 and "split from 1 reports" in res.stderr
    assert len(set(_events(db).values())) == 2
    one_line_error(run_cli("judge", "detach", "d9#ev1", "--db", db))
    one_line_error(run_cli("judge", "split", "d1#ev1", "d1#ev1", "--kind", "event", "--db", db))
    one_line_error(run_cli("judge", "list", "--kind", "events", "--db", db))


def test_the_review_level_comes_from_the_setting(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "trade.db"
    build_trade_corpus(db)
    # At the pair model's link threshold no merge is under it: nothing goes to review.
    res = run_cli("resolve", "--db", db, env={"SILKGRAPH_REVIEW_BELOW": "0.2"})
    assert res.returncode == 0 and "0 event merges to review" in res.stderr
    res = run_cli("resolve", "--db", db)
    assert res.returncode == 0 and "1 event merges to review" in res.stderr
    bad = run_cli("resolve", "--db", db, env={"SILKGRAPH_REVIEW_BELOW": "2"})
    assert "SILKGRAPH_REVIEW_BELOW" in one_line_error(bad)


def test_resolution_reads_the_pair_weights_it_is_given(run_cli: RunCli, tmp_path: Path) -> None:
    import json

    db = tmp_path / "trade.db"
    build_trade_corpus(db)
    assert len(set(_events(db).values())) == 1
    # The same weights with a link threshold no pair reaches: the two reports stay apart.
    strict = json.loads((Path(__file__).parent / "fixtures" / "event_pairs.json").read_text())
    strict["threshold"] = 0.99
    path = tmp_path / "strict_pairs.json"
    path.write_text(json.dumps(strict), encoding="utf-8")
    res = run_cli("resolve", "--db", db, env={"SILKGRAPH_PAIR_MODEL": str(path)})
    assert res.returncode == 0, res.stderr
    assert len(set(_events(db).values())) == 2
    bad = run_cli("resolve", "--db", db, env={"SILKGRAPH_PAIR_MODEL": str(tmp_path / "none.json")})
    assert "event pair model" in one_line_error(bad)
