"""The service's settings, read from ``ARGMAP_*`` environment variables (pydantic-settings)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_database_url", "get_settings"]


def default_database_url() -> str:
    """A SQLite file in the user's data folder (``$XDG_DATA_HOME/argmap/argmap.db``), created on first start."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'argmap' / 'argmap.db'}"


class Settings(BaseSettings):
    """Everything the service can be told; each field is read from ``ARGMAP_<NAME>``.

    Examples
    --------
    >>> Settings(database_url="sqlite:///:memory:", auth="off").auth
    'off'
    """

    model_config = SettingsConfigDict(env_prefix="ARGMAP_", extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url, description="SQLAlchemy URL: sqlite:///file.db or postgresql+psycopg://..."
    )
    auth: Literal["on", "off"] = Field("on", description="'off' makes every caller the single local user (for local development only).")
    local_owner: str = Field("local", description="The owner every request acts as when auth is off.")
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="Largest request body accepted (413 above).")
    body_timeout: float = Field(10.0, gt=0, description="Seconds the whole request body may take to arrive (408 after).")
    max_statements: int = Field(10_000, ge=1, description="Most statements one stored map may hold (422 above).")
    render_timeout: float = Field(30.0, gt=0, description="Seconds a render may take before the request answers 503.")
    render_cache_bytes: int = Field(64 * 1024 * 1024, ge=0, description="Memory for rendered output, kept by (map version, options).")
    map_cache_items: int = Field(
        200_000, ge=0, description="Statements and relations of parsed maps kept in memory, by (map id, version): about 1 KB each."
    )
    page_size_max: int = Field(100, ge=1, description="Most maps one list request returns.")
    redis_url: str | None = Field(
        None, description="redis://host:port/db: share the render cache and the rate limits between API processes (default: in-process)."
    )
    render_concurrency: int = Field(2, ge=1, description="Most `dot` processes one API process runs at once.")
    render_queue: int = Field(16, ge=0, description="Renders that may wait for a slot; past it the answer is 503 with Retry-After.")
    render_per_caller: int = Field(
        2, ge=1, description="Renders one caller (key, or address when anonymous) may have running or waiting (429 above)."
    )
    render_failure_ttl: float = Field(
        300.0, ge=0, description="Seconds a failed render is remembered and answered without running `dot` again."
    )
    anonymous_rate: str = Field(
        "120/minute", description="Requests an anonymous caller (by address) may make ('limits' notation, e.g. 120/minute)."
    )
    anonymous_render_rate: str = Field("20/minute", description="Renders an anonymous caller (by address) may ask for.")
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser (CORS); none by default, '*' for any (no credentials).",
    )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment, read once."""
    return Settings()
