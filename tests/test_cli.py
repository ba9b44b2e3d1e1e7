"""The command line, run as a real subprocess of the installed ``silkgraph`` command."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

RunCli = Callable[..., subprocess.CompletedProcess[str]]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

CONTRACT_KEYS = {
    "id",
    "published",
    "entities",
    "amounts",
    "quantities",
    "commodities",
    "roles",
    "events",
}


def one_line_error(res: subprocess.CompletedProcess[str]) -> str:
    """The run failed with exit 1 and exactly one line on stderr, no traceback."""
    assert res.returncode == 1, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error:")
    return lines[0]


def test_help_lists_commands(run_cli: RunCli) -> None:
    res = run_cli("--help")
    assert res.returncode == 0
    for command in ("ingest", "extract", "export", "search", "stats", "resolve", "serve"):
        assert command in res.stdout


def test_ingest_and_stats(examples_db: Path, run_cli: RunCli) -> None:
    res = run_cli("stats", "--db", examples_db)
    assert res.returncode == 0, res.stderr
    counts = {k: int(v) for k, v in (ln.split() for ln in res.stdout.splitlines())}
    assert counts["documents"] == 3 and counts["extractions"] == 3
    assert counts["entities"] > 0 and counts["doc_entities"] >= counts["entities"]


def test_db_from_environment(examples_db: Path, run_cli: RunCli, tmp_path: Path) -> None:
    res = run_cli("stats", env={"SILKGRAPH_DB": str(examples_db)}, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "documents" in res.stdout and " 3" in res.stdout.splitlines()[0]
    assert not (tmp_path / "silkgraph.db").exists()


def test_extract_prints_contract_jsonl(
    extract_run: subprocess.CompletedProcess[str], example_paths: list[Path]
) -> None:
    assert extract_run.returncode == 0, extract_run.stderr
    records = [json.loads(ln) for ln in extract_run.stdout.splitlines()]
    assert [r["id"] for r in records] == [p.stem for p in example_paths]
    for rec in records:
        assert rec.keys() >= CONTRACT_KEYS
        assert rec["entities"], rec["id"]
        text = (EXAMPLES / f"{rec['id']}.txt").read_text(encoding="utf-8")
        for ent in rec["entities"]:
            for m in ent["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]


def test_export_jsonl_matches_extract(
    examples_db: Path, run_cli: RunCli, extract_run: subprocess.CompletedProcess[str]
) -> None:
    res = run_cli("export", "--db", examples_db, "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    exported = [json.loads(ln) for ln in res.stdout.splitlines()]
    extracted = [json.loads(ln) for ln in extract_run.stdout.splitlines()]
    assert [r["id"] for r in exported] == [r["id"] for r in extracted]
    assert [sorted(e["name"] for e in r["entities"]) for r in exported] == [
        sorted(e["name"] for e in r["entities"]) for r in extracted
    ]


def test_export_csv_to_folder(examples_db: Path, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    res = run_cli("export", "--db", examples_db, "--format", "csv", "--output", out)
    assert res.returncode == 0, res.stderr
    files = sorted(p.name for p in out.glob("*.csv"))
    assert "entities.csv" in files
    with (out / "entities.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    store = sqlite3.connect(examples_db)
    names = {r[0] for r in store.execute("SELECT name FROM doc_entities")}
    store.close()
    assert rows and {r["name"] for r in rows} <= names


def test_search(examples_db: Path, run_cli: RunCli) -> None:
    res = run_cli("search", "Tatarstan", "--db", examples_db)
    assert res.returncode == 0, res.stderr
    assert "Tatarstan" in res.stdout and "000_503f66c9484feba8" in res.stdout
    miss = run_cli("search", "zzyzxquux", "--db", examples_db)
    assert miss.returncode == 1 and "nothing matches" in miss.stderr


def test_bad_files_next_to_good_ones(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 32)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes("Zürich café trade".encode("latin-1"))
    db = tmp_path / "t.db"
    res = run_cli("ingest", folder, "--db", db)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    skipped = [ln for ln in res.stderr.splitlines() if ln.startswith("skipped:")]
    assert len(skipped) == 3
    assert any("junk.bin" in ln and "binary" in ln for ln in skipped)
    assert any("empty.txt" in ln and "empty" in ln for ln in skipped)
    assert any("latin.txt" in ln and "utf-8" in ln for ln in skipped)
    assert "added 2" in res.stderr and "failed 3" in res.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    assert con.execute("SELECT COUNT(*) FROM extractions").fetchone()[0] == 2
    con.close()


# user mistakes: one line, exit 1, no traceback -------------------------------------------


def test_db_in_missing_folder(run_cli: RunCli, tmp_path: Path) -> None:
    line = one_line_error(run_cli("stats", "--db", tmp_path / "no" / "such" / "x.db"))
    assert "cannot open the database" in line


def test_corrupt_database(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not sqlite at all\n" * 100)
    for args in (
        ("stats",),
        ("export",),
        ("search", "x"),
        ("resolve",),
        ("ingest", EXAMPLES / "000_503f66c9484feba8.txt"),
    ):
        line = one_line_error(run_cli(*args, "--db", db))
        assert "not a silkgraph database" in line


def test_missing_input_path(run_cli: RunCli, tmp_path: Path) -> None:
    res = run_cli("ingest", tmp_path / "nope", "--db", tmp_path / "t.db")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "no such file or folder" in res.stderr


def test_unknown_format(run_cli: RunCli, examples_db: Path) -> None:
    line = one_line_error(run_cli("export", "--db", examples_db, "--format", "xml"))
    assert "unknown format 'xml'" in line


def test_unwritable_output(run_cli: RunCli, examples_db: Path, tmp_path: Path) -> None:
    line = one_line_error(
        run_cli("export", "--db", examples_db, "-o", tmp_path / "missing" / "out.jsonl")
    )
    assert "No such file or directory" in line


def test_encoding_option(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("МИНСК, 3 марта. Товарооборот вырос на 5%.\n".encode("cp1251"))
    db = tmp_path / "t.db"
    bad = run_cli("ingest", path, "--db", db)
    assert bad.returncode == 1 and "not valid utf-8" in bad.stderr and "--encoding" in bad.stderr
    unknown = one_line_error(run_cli("ingest", path, "--db", db, "--encoding", "klingon"))
    assert "unknown encoding 'klingon'" in unknown
    good = run_cli("ingest", path, "--db", db, "--encoding", "cp1251")
    assert good.returncode == 0, good.stderr
    con = sqlite3.connect(db)
    text, language = con.execute("SELECT text, language FROM documents").fetchone()
    con.close()
    assert text.startswith("МИНСК, 3 марта") and language == "ru"


def test_ingest_reports_documents_without_a_pipeline(
    run_cli: RunCli, example_paths: list[Path], tmp_path: Path
) -> None:
    kk = tmp_path / "kk.txt"
    kk.write_text(
        "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
        "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді.",
        encoding="utf-8",
    )
    res = run_cli("ingest", example_paths[0], kk, "--db", tmp_path / "lang.db")
    assert res.returncode == 0, res.stderr
    assert "extracted 1, failed 0" in res.stderr
    assert "1 extracted, 1 not extracted: language kk, no pipeline" in res.stderr


KAZAKH = (
    "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
    "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді.\n"
)


def test_verbose_says_what_each_stage_did(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(sorted(EXAMPLES.glob("*.txt"))[0].read_text("utf-8"), "utf-8")
    (folder / "kk.txt").write_text(KAZAKH, "utf-8")
    res = run_cli("--verbose", "ingest", folder, "--db", tmp_path / "v.db")
    assert res.returncode == 0, res.stderr
    log = res.stderr
    # Stage starts and ends with counts and times, the skipped item, the merges made.
    assert "INFO silkgraph.engine: stored documents in " in log and "2 added" in log
    assert "INFO silkgraph.engine: extracting 2 documents" in log
    assert "stored, not extracted: no pipeline reads kk" in log
    assert "INFO silkgraph.engine: extracted 1 documents in " in log
    assert "INFO silkgraph.resolve: resolving the store" in log
    assert "merges made" in log and "INFO silkgraph.resolve: resolved in " in log
    # Per-item detail is DEBUG: not shown with one -v; the summary line is still printed.
    assert "DEBUG" not in log
    assert "added 2, updated 0, already stored 0, extracted 1, failed 0" in log
    more = run_cli("-vv", "resolve", "--db", tmp_path / "v.db")
    assert more.returncode == 0, more.stderr
    assert "DEBUG silkgraph.resolve: resolution: ResolutionReport(" in more.stderr


def test_quiet_prints_errors_only(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    loud = run_cli("resolve", "--db", db)
    assert loud.returncode == 0 and "0 document entities -> 0 entities" in loud.stderr
    quiet = run_cli("--quiet", "resolve", "--db", db)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == "" and quiet.stdout == ""
    # Errors still show, in one line; so does a command's output on stdout.
    assert "unknown format 'nope'" in one_line_error(
        run_cli("-q", "export", "--db", db, "--format", "nope")
    )
    stats = run_cli("-q", "stats", "--db", db)
    assert stats.returncode == 0 and "documents" in stats.stdout and stats.stderr == ""
    assert "not both" in one_line_error(run_cli("--verbose", "--quiet", "stats", "--db", db))


def test_bad_setting_in_the_environment_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    res = run_cli("stats", "--db", tmp_path / "x.db", env={"SILKGRAPH_BATCH_TIMEOUT": "soon"})
    assert "SILKGRAPH_BATCH_TIMEOUT must be a whole number of seconds" in one_line_error(res)
