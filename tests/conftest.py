"""Shared test set-up: the golden-file and eval-baseline update flags, session-wide CLI fixtures.

Subprocess runs of the CLI load the spaCy model each time (~4 s), so the runs that
several tests read (an ingested store of the examples, ``extract`` of the examples)
happen once per test session.

Resolution in tests uses fixed event pair weights (``fixtures/event_pairs.json``), in
process and in CLI runs (``SILKGRAPH_PAIR_MODEL``): the hand-made corpora of the review,
split and stable-id tests sit on merges near the link threshold, and the shipped weights
move each time ``silkgraph train`` retrains them. The shipped weights are checked by the
quality gate and the golden seeds (both run the shipped pipeline) and tests/resolve/test_pairs.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent / "silkgraph"
PAIRS = ROOT / "tests" / "fixtures" / "event_pairs.json"

RunCli = Callable[..., subprocess.CompletedProcess[str]]

# Starlette's TestClient sends `Host: testserver`; the apps the tests build serve that name
# through the setting, as a deployment would add its own (the default stays loopback only).
os.environ.setdefault("SILKGRAPH_ALLOWED_HOSTS", "testserver")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current output instead of comparing.",
    )
    parser.addoption(
        "--update-baseline",
        action="store_true",
        default=False,
        help="Record the quality gate's figures and data checksums in the eval baseline "
        "(floors stay; they are still checked).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def update_baseline(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-baseline"))


def cli(
    *args: str | Path,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``silkgraph`` command and capture its output."""
    full_env = {k: v for k, v in os.environ.items() if k != "SILKGRAPH_DB"}
    full_env.setdefault("SILKGRAPH_PAIR_MODEL", str(PAIRS))
    full_env.update(env or {})
    if not full_env["SILKGRAPH_PAIR_MODEL"]:
        del full_env["SILKGRAPH_PAIR_MODEL"]  # the shipped weights
    return subprocess.run(
        [str(BIN), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or ROOT,
        check=False,
    )


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    if not BIN.exists():
        pytest.skip(f"{BIN} is not installed; run `make install`")
    return cli


@pytest.fixture(scope="session")
def example_paths() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, run_cli: RunCli) -> Path:
    """A store holding the examples, ingested once through the CLI (read-only for tests)."""
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    res = run_cli("ingest", EXAMPLES, "--db", db)
    assert res.returncode == 0, res.stderr
    return db


@pytest.fixture(scope="session")
def extract_run(run_cli: RunCli, example_paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """One ``silkgraph extract examples/*.txt`` run, shared by the CLI and golden tests: the
    shipped pipeline, pair weights included."""
    return run_cli("extract", *example_paths, env={"SILKGRAPH_PAIR_MODEL": ""})


@pytest.fixture(autouse=True, scope="session")
def fixed_pair_weights() -> Iterator[None]:
    """In-process resolution uses the fixed event pair weights (see the module's note)."""
    from silkgraph.resolve.pairs import ACTIVE, PairModel

    before = ACTIVE["model"]
    ACTIVE["model"] = PairModel.load(PAIRS)
    yield
    ACTIVE["model"] = before
