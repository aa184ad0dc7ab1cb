"""Who may see and change a stored map, and the ETag / If-Match rules of optimistic concurrency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header
from fastapi.concurrency import run_in_threadpool

from argmap import ArgumentMap

from .deps import Caller
from .problems import ApiProblem, plain_pattern
from .store import MapHead, MapRecord, Store, UnknownMapError

__all__ = [
    "IF_MATCH_PATTERN",
    "IfMatch",
    "etag",
    "expected_version",
    "not_modified",
    "readable",
    "readable_fast",
    "readable_json",
    "writable",
]


# If-Match: "*" or a comma-separated list of entity tags ("v3", W/"v3"; RFC 9110), a tag's quotes may be left out
# (v3). Anything else is a 422 naming the header, never a 412: a 412 says only that the map changed.
_TAG = r'((W/)?"[!#-~]*"|[A-Za-z0-9]+)'
IF_MATCH_PATTERN = plain_pattern(
    rf"^[ \t]*(\*|{_TAG}([ \t]*,[ \t]*{_TAG})*)[ \t]*$", 'must be * or the ETags you read, such as "v3" (or W/"v3", or v3)'
)
IfMatch = Annotated[
    str | None,
    Header(
        pattern=IF_MATCH_PATTERN,
        description='The ETag you read (e.g. "v3"), or `*`: the write is refused with 412 if the map changed since.',
    ),
]


def etag(version: int, variant: str = "") -> str:
    """The strong ETag of a map version (``variant`` tells representations apart, e.g. an export format)."""
    return f'"v{version}{"-" + variant if variant else ""}"'


def _tags(header: str) -> list[str]:
    tags = [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]
    return [t if t.startswith('"') or t == "*" else f'"{t}"' for t in tags]


def not_modified(if_none_match: str | None, tag: str) -> bool:
    """True when ``If-None-Match`` names ``tag`` (or ``*``): the client's copy is current."""
    if not if_none_match:
        return False
    tags = _tags(if_none_match)
    return "*" in tags or tag in tags


def expected_version(if_match: str | None, current: int) -> int | None:
    """The version an ``If-Match`` header pins the write to; 412 when it names another one.

    None when there is no header: the write then applies to whatever is current.
    """
    if if_match is None:
        return None
    tags = _tags(if_match)
    if "*" in tags:
        return current
    for tag in tags:
        if tag == etag(current):
            return current
    raise ApiProblem(
        412,
        f"If-Match {if_match.strip()[:80]} does not match the map's current ETag {etag(current)}: "
        "it changed since you read it; fetch it again",
        slug="stale-version",
        headers={"ETag": etag(current)},
    )


def readable(store: Store, map_id: str, caller: Caller, *, with_tags: bool = True) -> tuple[MapRecord, ArgumentMap]:
    """The map if the caller may read it; someone else's private map is 404, exactly like a missing one.

    ``with_tags=False`` skips reading the tags (for answers that do not show them).
    """
    rec, amap = store.load(map_id, with_tags=with_tags)
    if not rec.public and rec.owner != caller.owner:
        raise UnknownMapError(map_id)
    return rec, amap


def readable_json(store: Store, map_id: str, caller: Caller) -> tuple[MapRecord, str]:
    """:func:`readable`, with the map as its stored JSON (validated when written), neither parsed nor dumped again."""
    rec, body = store.load_json(map_id)
    if not rec.public and rec.owner != caller.owner:
        raise UnknownMapError(map_id)
    return rec, body


async def readable_fast(store: Store, map_id: str, caller: Caller) -> tuple[MapHead | MapRecord, ArgumentMap]:
    """:func:`readable` for answers that are cheap to compute, without a thread hop when that is cheaper.

    On SQLite a read of the map's row is a local call of about 0.1 ms, less than handing the request
    to a worker thread; when the map is in memory it is answered on the event loop. Anything slower
    (PostgreSQL's network round trip, parsing a map that is not cached) still goes to a thread.
    """
    if store.fast_reads:
        hit = store.load_cached(map_id)
        if hit is not None:
            rec, amap = hit
            if not rec.public and rec.owner != caller.owner:
                raise UnknownMapError(map_id)
            return rec, amap
    return await run_in_threadpool(readable, store, map_id, caller, with_tags=False)


def writable(store: Store, map_id: str, caller: Caller) -> tuple[MapRecord, ArgumentMap]:
    """The map if the caller owns it; 404 when they cannot see it, 403 when it is someone else's public map."""
    rec, amap = readable(store, map_id, caller)
    if rec.owner != caller.owner:
        raise ApiProblem(403, f"map '{map_id}' belongs to someone else; only its owner may change it", slug="not-owner")
    return rec, amap
