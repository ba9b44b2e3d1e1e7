"""One SQL store, two dialects: the dialect modules hold no copies, and shared writes agree."""

from __future__ import annotations

import ast
from pathlib import Path

from test_store import doc, extraction

from silkgraph.store import Store
from silkgraph.store.base import CorpusEntity, CorpusEvent

STORE = Path(__file__).resolve().parents[2] / "src" / "silkgraph" / "store"
DIALECTS = ("sqlite.py", "postgres.py")
BLOCK = 6


def blocks(path: Path) -> dict[tuple[str, ...], int]:
    """Every run of BLOCK non-blank lines (stripped) of a file, with its first line number."""
    lines = [
        (no, ln.strip())
        for no, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ln.strip()
    ]
    return {
        tuple(text for _, text in lines[i : i + BLOCK]): lines[i][0]
        for i in range(len(lines) - BLOCK + 1)
    }


def test_the_dialect_modules_share_no_block_of_six_lines() -> None:
    sqlite, postgres = (blocks(STORE / name) for name in DIALECTS)
    shared = [f"sqlite.py:{line}" for block, line in sqlite.items() if block in postgres]
    assert shared == []


def test_a_dialect_module_imports_only_the_shared_store() -> None:
    for name in DIALECTS:
        tree = ast.parse((STORE / name).read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        others = {f"silkgraph.store.{n.removesuffix('.py')}" for n in DIALECTS} - {
            f"silkgraph.store.{name.removesuffix('.py')}"
        }
        assert "silkgraph.store.sql" in imported
        assert not imported & others, name


def test_streamed_memberships_win_over_members(store: Store) -> None:
    store.add_document(doc(1))
    store.save_extraction(extraction("d001", ["Almaty", "Astana"]))
    first = CorpusEntity("e:a", "Almaty", "GPE", members=[("d001", "k0"), ("d001", "k1")])
    second = CorpusEntity("e:b", "Astana", "GPE")
    store.save_resolution([first, second], [], memberships=[("e:b", "d001", "k1")])
    assert store.entity_links() == {("d001", "k0"): "e:a", ("d001", "k1"): "e:b"}
    for entity_id, members in (("e:a", [("d001", "k0")]), ("e:b", [("d001", "k1")])):
        got = store.get_entity(entity_id)
        assert got is not None and got.members == members
    rows = store.select("SELECT id, n_docs, n_mentions FROM entities ORDER BY id")
    assert rows == [
        {"id": "e:a", "n_docs": 1, "n_mentions": 2},
        {"id": "e:b", "n_docs": 1, "n_mentions": 2},
    ]


def test_an_event_no_document_joined_counts_no_sources(store: Store) -> None:
    store.add_document(doc(1))
    store.save_extraction(extraction("d001", ["Almaty"]))
    joined = CorpusEvent("v:1", "TRADE", None, None, None, {}, members=[("d001", "v0")])
    alone = CorpusEvent("v:2", "TRADE", None, None, None, {})
    store.save_resolution([], [joined, alone], versions=[("d001", "v0", {"participants": []})])
    rows = store.select("SELECT id, n_sources FROM events ORDER BY id")
    assert rows == [{"id": "v:1", "n_sources": 1}, {"id": "v:2", "n_sources": 0}]
    got = store.get_event("v:1")
    assert got is not None and got.data["versions"] == [{"participants": []}]
