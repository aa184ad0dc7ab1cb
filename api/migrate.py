"""Run the alembic migrations in ``api/migrations`` programmatically (on every start; a no-op when up to date)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

__all__ = ["alembic_config", "upgrade"]

HERE = Path(__file__).resolve().parent


def alembic_config() -> object:
    """The alembic configuration, from ``api/alembic.ini`` with the script folder made absolute."""
    from alembic.config import Config

    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest schema, in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = alembic_config()
    assert isinstance(cfg, Config)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
