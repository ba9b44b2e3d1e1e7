"""Storage back-ends behind one protocol; ``open_store`` picks one from a URL or path."""

from __future__ import annotations

from silkgraph.store.base import Store


def open_store(url: str) -> Store:
    """Open the store named by a path (SQLite) or a ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from silkgraph.store.postgres import PostgresStore

        return PostgresStore(url)
    from silkgraph.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path)


__all__ = ["Store", "open_store"]
