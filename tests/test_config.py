"""Settings: one object from the SILKGRAPH_* variables and the command line; no other
module reads the environment."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from silkgraph.config import Settings, get_settings, with_overrides
from silkgraph.errors import ConfigError

SRC = Path(__file__).resolve().parent.parent / "src" / "silkgraph"
SETTINGS_MODULE = SRC / "config.py"
OS_ENVIRONMENT = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}


def environment_reads(source: str) -> list[int]:
    """Lines that read the environment: ``os.environ``, ``os.getenv``, ``from os import
    environ``, or a command-line option's ``envvar=`` (the CLI library reading it)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in OS_ENVIRONMENT:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(alias.name in OS_ENVIRONMENT for alias in node.names):
                lines.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg in ("envvar", "auto_envvar_prefix"):
            lines.append(node.value.lineno)
    return sorted(lines)


@pytest.mark.parametrize(
    ("source", "reads"),
    [
        ("import os\nx = os.environ.get('A')\n", [2]),
        ("import os\nx = os.getenv('A')\n", [2]),
        ("from os import environ\n", [1]),
        ("import typer\nopt = typer.Option(envvar='SILKGRAPH_DB')\n", [2]),
        ("import os\nx = os.getpid()\nenviron = {}\ny = environ.get('A')\n", []),
    ],
)
def test_environment_reads_are_found(source: str, reads: list[int]) -> None:
    assert environment_reads(source) == reads


def test_no_module_but_the_settings_reads_the_environment() -> None:
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 50 and SETTINGS_MODULE in modules
    found = {
        str(path.relative_to(SRC)): reads
        for path in modules
        if path != SETTINGS_MODULE and (reads := environment_reads(path.read_text("utf-8")))
    }
    assert found == {}


def test_settings_from_the_environment_with_options_on_top(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SILKGRAPH_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("SILKGRAPH_WORKERS", "3")
    monkeypatch.setenv("SILKGRAPH_RATES", str(tmp_path / "rates.csv"))
    monkeypatch.setenv("SILKGRAPH_RAY_SHARDS", str(tmp_path / "shards"))
    monkeypatch.setenv("SILKGRAPH_LOG", "info")
    settings = get_settings(workers=None, model="en_core_web_sm")
    assert settings.db == str(tmp_path / "env.db")
    assert (settings.workers, settings.model) == (3, "en_core_web_sm")
    assert settings.rates == tmp_path / "rates.csv"
    assert settings.ray_shards == tmp_path / "shards"
    assert settings.log == "INFO" and settings.log_level == 20
    # A command's options go on top of the settings made at start-up; None keeps a value.
    monkeypatch.setenv("SILKGRAPH_WORKERS", "5")  # read at start-up only
    run = with_overrides(settings, db="cli.db", workers=None, executor="ray")
    assert (run.db, run.workers, run.executor, run.rates) == (
        "cli.db",
        3,
        "ray",
        tmp_path / "rates.csv",
    )
    assert settings.db == str(tmp_path / "env.db")  # the start-up object is unchanged


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SILKGRAPH_LOG", "loud", "SILKGRAPH_LOG must be one of DEBUG, INFO"),
        ("SILKGRAPH_WORKERS", "0", "bad setting SILKGRAPH_WORKERS"),
        ("SILKGRAPH_EXECUTOR", "spark", "bad setting SILKGRAPH_EXECUTOR"),
        ("SILKGRAPH_REVIEW_BELOW", "2", "bad setting SILKGRAPH_REVIEW_BELOW"),
        ("SILKGRAPH_BATCH_TIMEOUT", "-1", "SILKGRAPH_BATCH_TIMEOUT must be a whole number"),
    ],
)
def test_bad_setting_is_one_config_error(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=message):
        get_settings()


def test_bad_option_is_named_like_its_variable() -> None:
    with pytest.raises(ConfigError, match="bad setting SILKGRAPH_WORKERS"):
        with_overrides(Settings(), workers=-2)
