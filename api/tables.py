"""The store's tables (SQLAlchemy Core), as the alembic migrations in ``api/migrations`` create them."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text

__all__ = ["api_keys", "maps", "metadata", "tags"]

metadata = MetaData()

maps = Table(
    "maps",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("owner", String(200), nullable=False, index=True),
    Column("title", String(500), nullable=True),
    Column("public", Boolean, nullable=False, default=False),
    Column("version", Integer, nullable=False),
    Column("statements", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

tags = Table(
    "map_tags",
    metadata,
    Column("map_id", String(32), ForeignKey("maps.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(100), primary_key=True),
    Index("ix_map_tags_tag", "tag"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("owner", String(200), nullable=False, index=True),
    Column("name", String(200), nullable=True),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)
