"""Persistence of maps and API keys behind one small interface (SQLAlchemy 2 Core; SQLite or PostgreSQL).

Nothing here knows HTTP. Every write is one transaction; a map's ``version`` goes up by one with each
write, and a write that names the version it read (``expected``) is a conditional
``UPDATE ... WHERE version = :expected``: when another write came first it changes nothing and raises
:class:`StaleVersionError`, so no update is ever lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError
from sqlalchemy import (
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.sql.elements import ColumnElement

from argmap import ArgmapError, ArgumentMap, InvalidMapError, Problem

from .cache import LRUCache
from .tables import api_keys, maps, tags

__all__ = ["ApiKey", "MapHead", "MapRecord", "StaleVersionError", "Store", "UnknownMapError", "hash_token", "map_tags"]


TOKEN_PREFIX = "am_"  # noqa: S105 - a prefix that marks argmap tokens, not a secret


class StaleVersionError(ArgmapError):
    """The map changed since the version the write was based on."""

    def __init__(self, map_id: str, expected: int, current: int) -> None:
        super().__init__(f"map '{map_id}' is at version {current}, not {expected}: fetch it again and reapply your change")
        self.map_id, self.expected, self.current = map_id, expected, current


class UnknownMapError(ArgmapError):
    """No stored map has this id."""

    def __init__(self, map_id: str) -> None:
        super().__init__(f"no map '{map_id}'")
        self.map_id = map_id


@dataclass(frozen=True)
class MapRecord:
    """A stored map's row without its body: who owns it, its version, what to filter it by."""

    id: str
    owner: str
    title: str | None
    tags: tuple[str, ...] | None  # None when not read (``with_tags=False``)
    public: bool
    version: int
    statements: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class MapHead:
    """The least a read needs: who may see the map, and which version is current."""

    id: str
    owner: str
    public: bool
    version: int


@dataclass(frozen=True)
class ApiKey:
    """An API key as listed: never its token, which is shown once when made and stored only hashed."""

    id: str
    owner: str
    name: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def hash_token(token: str) -> str:
    """The stored form of a token: hex SHA-256 (tokens are 256-bit random, so no salt or stretching is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def map_tags(amap: ArgumentMap) -> tuple[str, ...]:
    """A map's tags for filtering: the strings in ``metadata.tags``."""
    raw = amap.metadata.get("tags")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return ()
    return tuple(dict.fromkeys(t.replace("\x00", "").strip()[:100] for t in raw if isinstance(t, str) and t.replace("\x00", "").strip()))


def _column_text(value: str | None, limit: int) -> str | None:
    """Text for a filter column: NUL removed (PostgreSQL text cannot hold it; the body keeps the exact text), cut to fit."""
    return None if value is None else value.replace("\x00", "")[:limit]


def _bad_key(value: str) -> bool:
    """A lookup value no row can match (NUL, or longer than any id): answered without asking the database."""
    return "\x00" in value or len(value) > 200


def _body(amap: ArgumentMap) -> str:
    """The map as the JSON stored for it; text that is not valid Unicode (a lone surrogate) is refused."""
    try:
        return amap.model_dump_json()
    except PydanticSerializationError:
        raise InvalidMapError(
            [Problem("the map holds text that is not valid Unicode (a lone surrogate such as \\ud800); send UTF-8 text")]
        ) from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


_HEADER = (maps.c.id, maps.c.owner, maps.c.title, maps.c.public, maps.c.version, maps.c.statements, maps.c.created_at, maps.c.updated_at)


class Store:
    """Maps and API keys in one database.

    Parameters
    ----------
    url
        A SQLAlchemy URL. ``sqlite:///path.db`` (the folder is made; WAL mode) or
        ``postgresql+psycopg://user@host/db``.
    map_cache_items
        Parsed maps kept in memory by (id, version), weighed by their statements and relations (a
        10,000-statement map takes about 21 MB); a version is immutable, so the cache is never stale.
    key_cache_seconds
        How long a checked API key is trusted before it is looked up again.
    body_cache_bytes
        Characters of stored map JSON kept in memory by (id, version), served as it is by ``GET /maps/{id}``.

    Examples
    --------
    >>> import argmap
    >>> s = Store("sqlite://"); s.migrate()
    >>> m = argmap.parse('{"title": "T", "statements": [{"id": "c1", "claim": "Hi"}]}', "json")
    >>> rec = s.create_map("alice", m)
    >>> rec.version, s.load(rec.id)[1].title
    (1, 'T')
    """

    def __init__(
        self, url: str, *, map_cache_items: int = 200_000, key_cache_seconds: float = 2.0, body_cache_bytes: int = 64 * 1024 * 1024
    ) -> None:
        self.url = make_url(url)
        self.engine = self._engine()
        self._maps: LRUCache[ArgumentMap] = LRUCache(map_cache_items, size=lambda m: 1 + len(m.statements) + len(m.relations))
        self._bodies: LRUCache[str] = LRUCache(body_cache_bytes, size=sys.getsizeof)  # stored JSON by (id, version), by its memory
        self._keys: LRUCache[tuple[str, str, float]] = LRUCache(1024)  # token hash -> (key id, owner, checked at)
        self.key_cache_seconds = key_cache_seconds

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _engine(self) -> Engine:
        if self.url.get_backend_name() != "sqlite":
            return create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=10)
        database = self.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if not database or database == ":memory:":
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool  # one shared connection, or every thread sees its own empty database
        engine = create_engine(self.url, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine

    def migrate(self) -> None:
        """Bring the schema up to date (alembic ``upgrade head``)."""
        from .migrate import upgrade

        upgrade(self.engine)

    def ping(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(1)).scalar() == 1

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------------------------ maps

    def create_map(self, owner: str, amap: ArgumentMap, *, public: bool = False) -> MapRecord:
        """Store a new map at version 1 under a fresh id."""
        now = _now()
        map_id = secrets.token_hex(6)
        map_tag_list = map_tags(amap)
        with self.engine.begin() as conn:
            conn.execute(
                insert(maps).values(
                    id=map_id,
                    owner=owner,
                    title=_column_text(amap.title, 500),
                    public=public,
                    version=1,
                    statements=len(amap.statements),
                    body=_body(amap),
                    created_at=now,
                    updated_at=now,
                )
            )
            if map_tag_list:
                conn.execute(insert(tags), [{"map_id": map_id, "tag": t} for t in map_tag_list])
        self._maps.put((map_id, 1), amap)
        return MapRecord(map_id, owner, amap.title, map_tag_list, public, 1, len(amap.statements), now, now)

    def record(self, map_id: str, *, with_tags: bool = True) -> MapRecord | None:
        """The map's row without its body, or None; ``with_tags=False`` saves a query and leaves ``tags`` None."""
        if _bad_key(map_id):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(*_HEADER).where(maps.c.id == map_id)).first()
            if row is None:
                return None
            if not with_tags:
                return self._record(row, None)
            tag_list = conn.execute(select(tags.c.tag).where(tags.c.map_id == map_id).order_by(tags.c.tag)).scalars().all()
        return self._record(row, tuple(tag_list))

    @staticmethod
    def _record(row: Any, tag_list: tuple[str, ...] | None) -> MapRecord:
        return MapRecord(
            row.id,
            row.owner,
            row.title,
            tag_list,
            bool(row.public),
            row.version,
            row.statements,
            _utc(row.created_at),
            _utc(row.updated_at),
        )

    def load(self, map_id: str, *, with_tags: bool = True) -> tuple[MapRecord, ArgumentMap]:
        """The map's row and the map itself; :class:`UnknownMapError` when there is none."""
        for _ in range(5):
            rec = self.record(map_id, with_tags=with_tags)
            if rec is None:
                raise UnknownMapError(map_id)
            cached = self._maps.get((map_id, rec.version))
            if cached is not None:  # the parsed map: no need to read its body
                return rec, cached
            body = self._body(map_id, rec.version)
            if body is None:
                continue  # written in between: read the header again
            amap = ArgumentMap.model_validate_json(body)
            self._maps.put((map_id, rec.version), amap)
            return rec, amap
        raise StaleVersionError(map_id, -1, -1)  # pragma: no cover - five writes in a row between two reads

    def load_json(self, map_id: str, *, with_tags: bool = True) -> tuple[MapRecord, str]:
        """The map's row and its stored JSON as it is (validated when written): for answers that need no parsed map.

        :class:`UnknownMapError` when there is none. The text is kept in memory by (id, version), like parsed maps.
        """
        for _ in range(5):
            rec = self.record(map_id, with_tags=with_tags)
            if rec is None:
                raise UnknownMapError(map_id)
            body = self._body(map_id, rec.version)
            if body is None:
                continue  # written in between: read the header again
            return rec, body
        raise StaleVersionError(map_id, -1, -1)  # pragma: no cover - five writes in a row between two reads

    def _body(self, map_id: str, version: int) -> str | None:
        """The stored JSON of that version (kept in memory by (id, version)); None when it is no longer stored."""
        cached = self._bodies.get((map_id, version))
        if cached is not None:
            return cached
        with self.engine.connect() as conn:
            body = conn.execute(select(maps.c.body).where(maps.c.id == map_id, maps.c.version == version)).scalar()
        if body is not None:
            self._bodies.put((map_id, version), body)
        return body

    @property
    def fast_reads(self) -> bool:
        """True when reading a row is a local call that costs less than handing it to a thread (SQLite in WAL mode)."""
        return self.dialect == "sqlite"

    def head(self, map_id: str) -> MapHead | None:
        """Who owns the map, whether it is public, its version: the one read every request makes, kept lean.

        The statement goes to the driver as written (a fraction of the Core pipeline's cost per call).
        """
        if _bad_key(map_id):
            return None
        mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql(f"SELECT owner, public, version FROM maps WHERE id = {mark}", (map_id,)).first()  # noqa: S608 - a fixed placeholder
        return None if row is None else MapHead(map_id, str(row[0]), bool(row[1]), int(row[2]))

    def load_cached(self, map_id: str) -> tuple[MapHead, ArgumentMap] | None:
        """The map's head and the map, when its current version is in memory; None when it would have to be parsed."""
        head = self.head(map_id)
        if head is None:
            raise UnknownMapError(map_id)
        cached = self._maps.get((map_id, head.version))
        return None if cached is None else (head, cached)

    def replace_map(self, map_id: str, amap: ArgumentMap, *, expected: int, public: bool | None = None) -> MapRecord:
        """Store a new version of the map, if it is still at version ``expected``; one transaction."""
        now = _now()
        values: dict[str, Any] = {
            "title": _column_text(amap.title, 500),
            "version": maps.c.version + 1,
            "statements": len(amap.statements),
            "body": _body(amap),
            "updated_at": now,
        }
        if public is not None:
            values["public"] = public
        tag_list = map_tags(amap)
        with self.engine.begin() as conn:
            result = conn.execute(update(maps).where(maps.c.id == map_id, maps.c.version == expected).values(**values))
            if result.rowcount != 1:
                current = conn.execute(select(maps.c.version).where(maps.c.id == map_id)).scalar()
                if current is None:
                    raise UnknownMapError(map_id)
                raise StaleVersionError(map_id, expected, current)
            conn.execute(delete(tags).where(tags.c.map_id == map_id))
            if tag_list:
                conn.execute(insert(tags), [{"map_id": map_id, "tag": t} for t in tag_list])
            row = conn.execute(select(*_HEADER).where(maps.c.id == map_id)).one()
        self._maps.put((map_id, expected + 1), amap)
        return self._record(row, tuple(sorted(tag_list)))

    def set_public(self, map_id: str, public: bool, *, expected: int) -> MapRecord:
        """Change who may read the map (a new version, so cached answers and ETags move on)."""
        with self.engine.begin() as conn:
            result = conn.execute(
                update(maps)
                .where(maps.c.id == map_id, maps.c.version == expected)
                .values(public=public, version=maps.c.version + 1, updated_at=_now())
            )
            if result.rowcount != 1:
                current = conn.execute(select(maps.c.version).where(maps.c.id == map_id)).scalar()
                if current is None:
                    raise UnknownMapError(map_id)
                raise StaleVersionError(map_id, expected, current)
        rec = self.record(map_id)
        if rec is None:  # pragma: no cover - deleted in between
            raise UnknownMapError(map_id)
        old = self._maps.get((map_id, expected))
        if old is not None:
            self._maps.put((map_id, rec.version), old)
        return rec

    def delete_map(self, map_id: str, *, expected: int | None = None) -> None:
        """Delete the map (only if still at ``expected``, when given)."""
        with self.engine.begin() as conn:
            cond = [maps.c.id == map_id]
            if expected is not None:
                cond.append(maps.c.version == expected)
            result = conn.execute(delete(maps).where(*cond))  # its tags go by ON DELETE CASCADE
            if result.rowcount != 1:
                current = conn.execute(select(maps.c.version).where(maps.c.id == map_id)).scalar()
                if current is None:
                    raise UnknownMapError(map_id)
                raise StaleVersionError(map_id, expected or -1, current)

    def list_maps(
        self, *, viewer: str | None, title: str | None = None, tag: str | None = None, mine: bool = False, limit: int = 20, offset: int = 0
    ) -> tuple[list[MapRecord], int]:
        """Maps the viewer may read (their own and public ones), newest first, and how many match in all."""
        if any(v is not None and "\x00" in v for v in (viewer, title, tag)):
            return [], 0  # no stored text holds NUL
        visible: ColumnElement[bool] = maps.c.public.is_(True)
        if mine:
            visible = maps.c.owner == (viewer or "")
        elif viewer is not None:
            visible = (maps.c.owner == viewer) | maps.c.public.is_(True)
        cond: list[ColumnElement[bool]] = [visible]
        if title:
            cond.append(func.lower(maps.c.title).contains(title.lower(), autoescape=True))
        if tag:
            cond.append(select(tags.c.map_id).where(tags.c.map_id == maps.c.id, tags.c.tag == tag).exists())
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(maps).where(*cond)).scalar_one()
            rows = conn.execute(
                select(*_HEADER).where(*cond).order_by(maps.c.created_at.desc(), maps.c.id).limit(limit).offset(offset)
            ).all()
            ids = [r.id for r in rows]
            tag_rows = (
                conn.execute(select(tags.c.map_id, tags.c.tag).where(tags.c.map_id.in_(ids)).order_by(tags.c.tag)).all() if ids else []
            )
        by_map: dict[str, list[str]] = {}
        for map_id, t in tag_rows:
            by_map.setdefault(map_id, []).append(t)
        return [self._record(r, tuple(by_map.get(r.id, ()))) for r in rows], total

    # ------------------------------------------------------------------------------------ keys

    def create_key(self, owner: str, *, name: str | None = None) -> tuple[ApiKey, str]:
        """Make an API key for ``owner``; returns it and its token (shown once, stored only as a hash)."""
        if not owner.strip() or len(owner) > 200 or not owner.isprintable():
            raise ArgmapError("an owner name is 1 to 200 printable characters")
        if name is not None and (len(name) > 200 or not name.isprintable()):
            raise ArgmapError(f"a key's name is at most 200 printable characters (this one has {len(name):,})")
        key_id = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(insert(api_keys).values(id=key_id, owner=owner, name=name, token_hash=hash_token(token), created_at=now))
        return ApiKey(key_id, owner, name, now, None), token

    def cached_owner(self, token: str) -> str | None:
        """The owner of a token found valid in the last ``key_cache_seconds``, or None (then ask :meth:`owner_of`).

        The cache is keyed by the token's hash; a key revoked through this store leaves it at once,
        one revoked elsewhere (another process, the CLI) within ``key_cache_seconds``.
        """
        if self.key_cache_seconds <= 0 or _bad_key(token):
            return None
        hit = self._keys.get(hash_token(token))
        if hit is None or time.monotonic() - hit[2] > self.key_cache_seconds:
            return None
        return hit[1]

    def owner_of(self, token: str) -> str | None:
        """The owner of a valid, unrevoked token, or None. The hash is compared in constant time."""
        parts = token.split("_")
        if len(parts) < 3 or not token.startswith(TOKEN_PREFIX) or _bad_key(token):
            return None
        key_id = parts[1]
        with self.engine.connect() as conn:
            row = conn.execute(
                select(api_keys.c.owner, api_keys.c.token_hash, api_keys.c.revoked_at).where(api_keys.c.id == key_id)
            ).first()
        if row is None or row.revoked_at is not None:
            return None
        digest = hash_token(token)
        if not hmac.compare_digest(row.token_hash, digest):
            return None
        self._keys.put(digest, (key_id, str(row.owner), time.monotonic()))
        return str(row.owner)

    def list_keys(self, *, owner: str | None = None) -> list[ApiKey]:
        query = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
        if owner is not None:
            query = query.where(api_keys.c.owner == owner)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [ApiKey(r.id, r.owner, r.name, _utc(r.created_at), _utc(r.revoked_at) if r.revoked_at else None) for r in rows]

    def revoke_key(self, key_id: str) -> bool:
        """Revoke a key by its id; False when there is no such unrevoked key."""
        if _bad_key(key_id):
            return False
        with self.engine.begin() as conn:
            result = conn.execute(
                update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None)).values(revoked_at=_now())
            )
        self._keys.clear()  # rare: forget every cached key rather than look for this one
        return bool(result.rowcount == 1)

    def count_keys(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(api_keys).where(api_keys.c.revoked_at.is_(None))).scalar_one())
