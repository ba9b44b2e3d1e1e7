"""Settings: one validated object built at start-up and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """silkgraph's settings, read from ``SILKGRAPH_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="SILKGRAPH_")

    db: str = "silkgraph.db"
    model: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    rates: Path | None = None
    max_request_bytes: int = 20_000_000
    workers: int = 1
    # Event merges whose pair probability is below this go to the review queue.
    review_below: float = Field(0.8, ge=0.0, le=1.0)


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
