"""alembic environment: migrate the connection the service hands over, or the database in ARGMAP_DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from argmap_api.tables import metadata

target_metadata = metadata


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from argmap_api.settings import Settings

    engine = create_engine(Settings().database_url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if getattr(context, "_proxy", None) is not None:  # run by alembic (importing this file elsewhere does nothing)
    run_migrations_online()
