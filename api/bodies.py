"""Map documents in and out of HTTP: pick the format from ``?format=`` or the media type, parse, check limits, export."""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import Request

from argmap import ArgmapError, ArgumentMap, FormatError, LimitExceededError, Problem
from argmap._yaml import YamlLimits
from argmap.formats import Format, dump, formats, get_format, json_kind, sniff
from argmap.formats.native import parse_yaml

from .problems import ApiProblem
from .schemas import EXAMPLE_MAP
from .settings import Settings

__all__ = ["MAP_BODY_OPENAPI", "export_format", "export_map", "format_names", "parse_map", "read_body"]

log = logging.getLogger("argmap.api")

# Media types that say nothing about the format: the content is sniffed.
_GENERIC = {"", "text/plain", "application/octet-stream", "*/*"}

MAP_BODY_OPENAPI: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "The map: argmap's native JSON or YAML (hand-written short forms allowed), or any readable format "
            "(see GET /formats) named by Content-Type or ?format=. A body sent as application/json is read by its "
            "content, as the CLI reads a .json file: AIF, xAIF and SADFace JSON are recognised by their keys. "
            "A source's `file` is never read by the API."
        ),
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/ArgumentMap-Input"},
                        {
                            "title": "AIF or SADFace JSON",
                            "type": "object",
                            "required": ["nodes", "edges"],
                            "properties": {"nodes": {"type": "array"}, "edges": {"type": "array"}},
                        },
                        {"title": "xAIF JSON", "type": "object", "required": ["AIF"], "properties": {"AIF": {"type": "object"}}},
                    ]
                },
                "examples": {"pets": {"summary": "A small map, short forms", "value": EXAMPLE_MAP}},
            },
            "application/yaml": {
                # YAML text that holds a map: described by the map's schema, as the JSON body is
                "schema": {"$ref": "#/components/schemas/ArgumentMap-Input"},
                "examples": {"pets": {"summary": "The same map in YAML", "value": EXAMPLE_MAP}},
            },
        },
    }
}


async def read_body(request: Request) -> bytes:
    """The raw request body (the size limit is enforced by the middleware before this)."""
    return await request.body()


def _by_media_type(content_type: str) -> Format | None:
    media = content_type.split(";")[0].strip().lower()
    if media in _GENERIC:
        return None
    for fmt in formats():
        if media in fmt.media_types:
            return fmt
    if media.endswith("+json"):
        return get_format("json")
    if media.endswith("+yaml"):
        return get_format("yaml")
    readable = sorted({t for f in formats() if f.can_read for t in f.media_types})
    raise ApiProblem(
        415, f"cannot read a map sent as '{media}'; send one of {', '.join(readable)}, or name it with ?format=", slug="unsupported-format"
    )


def format_names(*, reading: bool) -> list[str]:
    """The values ``?format=`` takes: each format's name and its suffixes without the dot (``yml``, ``ad``), lower case.

    Examples
    --------
    >>> "yaml" in format_names(reading=True), "dot" in format_names(reading=True), "dot" in format_names(reading=False)
    (True, False, True)
    """
    names: dict[str, None] = {}
    for fmt in formats():
        if fmt.can_read if reading else fmt.can_write:
            names[fmt.name] = None
            names.update((s.lstrip("."), None) for s in fmt.suffixes)
    return list(names)


def _named(name: str, *, reading: bool) -> Format:
    status = 415 if reading else 406
    if name in format_names(reading=reading):
        return get_format(name)
    if name in format_names(reading=not reading):
        fmt = get_format(name)
        said = f"format '{fmt.name}' can be written but not read" if reading else f"format '{fmt.name}' can be read but not written"
        raise ApiProblem(status, said, slug="unsupported-format")
    known = ", ".join(sorted({f.name for f in formats() if (f.can_read if reading else f.can_write)}))
    raise ApiProblem(status, f"unknown format '{name[:40]}'; known formats: {known} (see GET /formats)", slug="unsupported-format")


def _compatible(by_media: Format, named: Format) -> bool:
    """Whether a body sent as ``by_media``'s media type may be read as ``named`` (JSON-based formats as application/json)."""
    if by_media.name == named.name:
        return True
    return by_media.name == "json" and any(m.endswith("json") for m in named.media_types)


def parse_map(body: bytes, content_type: str | None, format_name: str | None, settings: Settings) -> ArgumentMap:
    """Parse a request body into a map; 415 for an unknown format, 422 naming every problem, 422 over the limits."""
    if not body.strip():
        raise ApiProblem(422, "the request body is empty; send a map (JSON or YAML)", slug="invalid-map")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise FormatError([Problem(f"not UTF-8 text (byte 0x{body[exc.start]:02x})", line=line)]) from None
    if format_name is None:
        fmt = _by_media_type(content_type or "")
        if fmt is None:
            fmt = sniff(text)
        elif fmt.name == "json":
            # application/json says "JSON", not which JSON: read by its keys, as the CLI reads a plain .json file.
            kind = json_kind(text)
            if kind is not None and kind != fmt.name:
                fmt = get_format(kind)
    else:
        fmt = _named(format_name, reading=True)
        try:
            by_media = _by_media_type(content_type or "")
        except ApiProblem:
            by_media = None  # a media type argmap does not know: ?format= says what the body is
        if by_media is not None and not _compatible(by_media, fmt):
            raise ApiProblem(
                415,
                f"the body is sent as {(content_type or '').split(';')[0].strip()} but ?format= names {fmt.name}; "
                "send one of them, or a generic Content-Type (text/plain, application/octet-stream)",
                slug="unsupported-format",
            )
    if fmt is None:
        raise FormatError([Problem("cannot tell the format of this input; send Content-Type or ?format= (e.g. yaml)")])
    assert fmt.parse is not None
    # YAML (native, and Argdown's front matter) goes through argmap._yaml's loader, which bounds the
    # *expansion* of aliases, the depth and the digits: the 547-byte alias bomb is a 422, not 6 GB.
    try:
        # Never base_dir: the API must not read files on the server (a source's `file` stays unread).
        if fmt.name == "yaml":  # the server's own, smaller bounds: what the YAML expands to is at most what a body may hold
            amap = parse_yaml(text, filename=None, limits=YamlLimits(max_nodes=1_000_000, max_chars=settings.max_body_bytes, max_depth=100))
        else:
            amap = fmt.parse(text, filename=None)
    except ArgmapError:
        raise
    except RecursionError:
        raise FormatError([Problem(f"the input is nested too deeply to read as {fmt.name}")]) from None
    except Exception as exc:  # noqa: BLE001 - a reader that breaks on odd input is a refused input, not a 500
        # Logged with the exception's type; the answer names no internal exception (TypeError, KeyError...).
        log.warning("the %s reader failed on a request body: %r", fmt.name, exc)
        raise FormatError([Problem(f"could not read the input as {fmt.name}: {exc}"[:500])]) from None
    check_limits(amap, settings)
    return amap


MAX_TAG_CHARS = 100


def check_limits(amap: ArgumentMap, settings: Settings) -> None:
    """Refuse a map the service will not store: too many statements, stored JSON over the body limit, NaN, long tags.

    The size limit is on what is *stored* (the expanded, validated JSON), so a small body that expands
    (YAML aliases, short forms) cannot store more than a large one could send.
    """
    if len(amap.statements) > settings.max_statements:
        raise LimitExceededError(
            f"the map has {len(amap.statements):,} statements; this service stores at most {settings.max_statements:,} per map"
        )
    tags = amap.metadata.get("tags")
    for i, tag in enumerate(tags if isinstance(tags, list) else [tags] if isinstance(tags, str) else []):
        if isinstance(tag, str) and len(tag) > MAX_TAG_CHARS:
            raise FormatError(
                [Problem(f"a tag is at most {MAX_TAG_CHARS} characters; this one has {len(tag):,}", path=f"metadata.tags[{i}]")]
            )
    _refuse_non_finite(amap)
    try:
        stored = len(amap.model_dump_json().encode("utf-8", "surrogatepass"))
    except ValueError:
        return  # text that is not Unicode: the store refuses it with its own message
    if stored > settings.max_body_bytes:
        raise LimitExceededError(
            f"the map would be stored as {stored:,} bytes of JSON (after expanding aliases and short forms); "
            f"the limit is {settings.max_body_bytes:,} bytes (ARGMAP_MAX_BODY_BYTES)"
        )


def _refuse_non_finite(amap: ArgumentMap) -> None:
    """NaN and Infinity are not JSON: refused (with the field's path), never stored as null."""
    stack: list[tuple[str, Any]] = [("", amap.model_dump())]
    while stack:
        path, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise FormatError([Problem(f"{value} is not a JSON number; write a finite number or a string", path=path.lstrip("."))])
        if isinstance(value, dict):
            stack.extend((f"{path}.{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value))


def export_map(amap: ArgumentMap, fmt: Format) -> str:
    """The map as text in ``fmt``; a writer that cannot represent this map answers 422, never 500."""
    try:
        return dump(amap, fmt.name)
    except ArgmapError:
        raise
    except Exception as exc:  # noqa: BLE001 - see parse_map
        log.warning("the %s writer failed: %r", fmt.name, exc)
        raise ArgmapError(f"this map cannot be written as {fmt.name}: {exc}"[:500]) from None


def export_format(format_name: str | None, accept: str | None) -> Format | None:
    """The format to export a map in, from ``?format=`` or ``Accept``; None for the JSON envelope."""
    if format_name is not None:
        return _named(format_name, reading=False)
    if not accept:
        return None
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in ("application/json", "application/problem+json", "*/*", "application/*"):
            return None
        for fmt in formats():
            if fmt.can_write and media in fmt.media_types and fmt.name != "json":
                return fmt
    return None
