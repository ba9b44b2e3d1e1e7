"""Fixtures for the reliability tests: a corpus of distinct articles made from the examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _make_corpus(folder: Path, n: int) -> dict[str, str]:
    """``n`` articles made from the examples, each with distinct text (so none is a duplicate)."""
    folder.mkdir(parents=True)
    bases = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts = {}
    for i in range(n):
        text = bases[i % len(bases)] + f"\n\nThis is report {i} of the series.\n"
        (folder / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
        texts[f"a{i:03d}"] = text
    return texts


@pytest.fixture(scope="session")
def make_corpus() -> Callable[[Path, int], dict[str, str]]:
    return _make_corpus
