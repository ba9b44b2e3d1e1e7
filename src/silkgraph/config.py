"""Settings: one validated object built at start-up and passed down.

This is the only module that reads the environment (``SILKGRAPH_*`` variables); the CLI
builds one ``Settings`` from them and its arguments, and everything else receives it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from silkgraph.errors import ConfigError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    """silkgraph's settings, read from ``SILKGRAPH_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="SILKGRAPH_", validate_assignment=True)

    db: str = "silkgraph.db"
    model: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    # Serve a non-loopback host without a token (reads open to the network).
    public_read: bool = False
    # The exchange-rate table amounts are converted with (default: the shipped table).
    rates: Path | None = None
    max_request_bytes: int = 20_000_000
    # Extraction processes on this machine; 1 extracts in this process.
    workers: int = Field(1, ge=1)
    # Where extraction runs: local processes or a Ray cluster (``ray_address``, or a local Ray).
    executor: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    # A folder every Ray node and the driver can read (NFS or similar) for extraction
    # shards; by default a temporary folder of the driver, which suits a one-machine Ray.
    ray_shards: Path | None = None
    # Documents a local worker extracts before it is replaced (0: never).
    worker_docs: Annotated[int, NoDecode] = 4000
    # Seconds one batch may take before its worker is stopped (0: wait forever).
    batch_timeout: Annotated[int, NoDecode] = 1800
    # Level of the log lines on stderr (SILKGRAPH_LOG; --verbose / --quiet override it).
    log: str = "WARNING"
    # Folder with the evaluation data sets (``eval`` and ``train``).
    eval_data: Path = Path("../shared/eval")
    # Host header names served besides the loopback names and ``host``; comma-separated in
    # SILKGRAPH_ALLOWED_HOSTS. Anything else is refused, which stops DNS-rebinding pages.
    allowed_hosts: Annotated[list[str], NoDecode] = []
    # Event merges whose pair probability is below this go to the review queue.
    review_below: float = Field(0.8, ge=0.0, le=1.0)
    # Event pair weights resolution uses: a file `silkgraph train` wrote (SILKGRAPH_PAIR_MODEL);
    # by default the weights shipped in the package.
    pair_model: Path | None = None

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @field_validator("worker_docs", mode="before")
    @classmethod
    def _documents(cls, value: object) -> int:
        return _whole(value, 4000, "documents")

    @field_validator("batch_timeout", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> int:
        return _whole(value, 1800, "seconds")

    @field_validator("log", mode="before")
    @classmethod
    def _level(cls, value: object) -> str:
        level = str(value or "WARNING").strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
        return level

    @property
    def log_level(self) -> int:
        """The log level as the ``logging`` module's number."""
        level: int = logging.getLevelNamesMapping()[self.log]
        return level


def _whole(value: object, default: int, unit: str) -> int:
    """A count >= 0 from an argument or a variable; blank means the default."""
    raw = str(value) if value is not None else ""
    if not raw.strip():
        return default
    try:
        number = int(raw)
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"must be a whole number of {unit} >= 0, not {raw!r}")
    return number


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (CLI options) on top.

    A bad value is a ``ConfigError`` naming its variable, e.g.
    "SILKGRAPH_BATCH_TIMEOUT must be a whole number of seconds >= 0, not 'soon'".
    """
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)  # type: ignore[arg-type]
    except ValidationError as err:
        raise _config_error(err) from None


def with_overrides(settings: Settings, **overrides: object) -> Settings:
    """A copy of ``settings`` with the given values (None keeps the current one), validated."""
    data: dict[str, Any] = settings.model_dump()
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        # Validated as init values only: the environment was read when ``settings`` was made.
        return Settings.model_validate(data)
    except ValidationError as err:
        raise _config_error(err) from None


def _config_error(err: ValidationError) -> ConfigError:
    first = err.errors()[0]
    name = f"SILKGRAPH_{str(first['loc'][0]).upper()}" if first["loc"] else "a setting"
    message = str(first["msg"]).removeprefix("Value error, ")
    if message.startswith("must"):
        return ConfigError(f"{name} {message}")
    return ConfigError(f"bad setting {name}: {message}")
