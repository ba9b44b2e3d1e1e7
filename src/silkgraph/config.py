"""Settings: one validated object built at start-up and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    # Host header names served besides the loopback names and ``host``; comma-separated in
    # SILKGRAPH_ALLOWED_HOSTS. Anything else is refused, which stops DNS-rebinding pages.
    allowed_hosts: Annotated[list[str], NoDecode] = []
    # Event merges whose pair probability is below this go to the review queue.
    review_below: float = Field(0.8, ge=0.0, le=1.0)

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
