"""The format registry: pick a reader or writer by name, by file suffix, or by sniffing the content.

Each format lives in its own module with ``parse_X``/``dump_X`` (text) and ``read_X``/``write_X``
(files), and registers itself here with :func:`register`. :func:`load` and :func:`save` are what
``argmap.load``/``argmap.save``, ``argmap convert`` and the REST API use.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import ArgmapError, FormatError, LimitExceededError, MapFileNotFoundError, Problem
from argmap.model import ArgumentMap

__all__ = [
    "MAX_INPUT_BYTES",
    "Format",
    "dump",
    "format_for_path",
    "formats",
    "get_format",
    "json_kind",
    "load",
    "parse",
    "register",
    "save",
    "sniff",
    "write_bytes_atomic",
    "write_text_atomic",
]

MAX_INPUT_BYTES = 256 * 1024 * 1024  # a map file larger than this is refused before it is read

Parser = Callable[..., ArgumentMap]  # parse(text, *, filename=None, base_dir=None) -> ArgumentMap
Dumper = Callable[[ArgumentMap], str]  # dump(map) -> text


@dataclass(frozen=True)
class Format:
    """A registered file format: its name, suffixes, and what it can do."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    parse: Parser | None = None
    dump: Dumper | None = None
    sniff: Callable[[str], bool] | None = None
    media_types: tuple[str, ...] = field(default=())

    @property
    def can_read(self) -> bool:
        return self.parse is not None

    @property
    def can_write(self) -> bool:
        return self.dump is not None


_REGISTRY: dict[str, Format] = {}

# Modules that register formats when imported; a module missing here is simply not available.
_BUILTIN_MODULES = (
    "argmap.formats.native",
    "argmap.formats.argdown",
    "argmap.formats.aif",
    "argmap.formats.microtexts",
    "argmap.formats.sadface",
    "argmap.formats.kialo",
    "argmap.formats.mermaid",
    "argmap.formats.graphml",
    "argmap.formats.dot",
)
_loaded = False


def register(fmt: Format) -> Format:
    """Add a format to the registry (a later registration of the same name replaces it)."""
    _REGISTRY[fmt.name] = fmt
    return fmt


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in _BUILTIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:  # the module exists but a dependency of it is missing: say so
                raise


def formats() -> list[Format]:
    """Every registered format, sorted by name."""
    _ensure_loaded()
    return sorted(_REGISTRY.values(), key=lambda f: f.name)


def get_format(name: str) -> Format:
    """The format called ``name`` (case-insensitive; a suffix such as ``.yaml`` works too)."""
    _ensure_loaded()
    key = name.lower().lstrip(".")
    if key in _REGISTRY:
        return _REGISTRY[key]
    for fmt in _REGISTRY.values():
        if "." + key in fmt.suffixes:
            return fmt
    known = ", ".join(sorted(_REGISTRY))
    raise ArgmapError(f"unknown format '{name}'; known formats: {known}")


# Only the native YAML format claims these suffixes (tests/test_imports.py checks it), so a path ending in one
# needs no other format module loaded: ``argmap render map.yaml`` starts faster.
_NATIVE_ONLY_SUFFIXES = (".yaml", ".yml")


def format_for_path(path: str | os.PathLike[str]) -> Format | None:
    """The format whose suffix the path ends with (longest suffix first), or None."""
    name = os.fspath(path).lower()
    if name.endswith(_NATIVE_ONLY_SUFFIXES):
        importlib.import_module("argmap.formats.native")
    else:
        _ensure_loaded()
    best: tuple[int, Format] | None = None
    for fmt in _REGISTRY.values():
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
    return best[1] if best else None


_JSON_KEY = re.compile(r'\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*')
_NODE_HINT = re.compile(r'"(nodeID|fromID|toID|edgeID|source_id|target_id)"\s*:|"type"\s*:\s*"(atom|scheme)"')
_DECODER = json.JSONDecoder()


def json_kind(text: str, *, max_keys: int = 64) -> str | None:
    """Which JSON format a text is, from its top-level keys: ``aif``, ``sadface``, ``json`` (native), or None.

    Cheap: it reads the object's keys in order and decodes (in C) only the values before the key that
    decides, so a native map is not parsed twice. ``AIF``/``OVA`` is the xAIF/OVA envelope; ``nodes`` or
    ``edges`` is AIF when their items have ``nodeID``/``fromID``, SADFace when they have ``source_id`` or
    an ``atom``; ``statements``/``relations`` is argmap's own JSON.

    Examples
    --------
    >>> json_kind('{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}], "edges": []}')
    'aif'
    >>> json_kind('{"metadata": {"nodes": [{"nodeID": "1"}]}, "statements": []}')
    'json'
    """
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    if not text.startswith("{", start):
        return None
    pos = start + 1
    keys: set[str] = set()
    for _ in range(max_keys):
        m = _JSON_KEY.match(text, pos)
        if m is None:  # the end of the object: empty graphs say what they are by their other keys
            if {"nodes", "edges"} <= keys:
                return "sadface" if "resources" in keys else "aif"
            return None
        key, pos = m.group(1), m.end()
        keys.add(key)
        if key in ("AIF", "OVA"):
            return "aif"
        if key in ("statements", "relations"):
            return "json"
        if key in ("nodes", "edges"):
            hint = _NODE_HINT.search(text, pos, pos + 20_000)
            if hint is not None:
                return "sadface" if hint.group(1) in ("source_id", "target_id") or hint.group(2) else "aif"
        try:
            _, pos = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError):  # broken, too deep, or a huge number: the reader will say so
            return None
    return None


def _by_name_or_content(name: str | None, text: str) -> Format | None:
    """The format a file's suffix names; for a plain ``.json`` (or no suffix) the one its content shows."""
    fmt = format_for_path(name) if name else None
    if fmt is not None and name is not None and fmt.name == "json" and not name.lower().endswith(".argmap.json"):
        kind = json_kind(text)
        if kind is not None and kind in _REGISTRY:
            return _REGISTRY[kind]
    return fmt or sniff(text)


def sniff(text: str) -> Format | None:
    """Guess a readable format from the content (JSON by its keys, else first match in registry order), or None."""
    _ensure_loaded()
    kind = json_kind(text)
    if kind is not None and kind in _REGISTRY:
        return _REGISTRY[kind]
    for fmt in _REGISTRY.values():
        if fmt.parse is not None and fmt.sniff is not None:
            try:
                if fmt.sniff(text):
                    return fmt
            except Exception:  # noqa: BLE001,S112 - a sniffer that chokes just does not match
                continue
    return None


def parse(text: str, format: str | None = None, *, filename: str | None = None) -> ArgumentMap:  # noqa: A002
    """Parse text in the named format (sniffed when ``format`` is None)."""
    fmt = get_format(format) if format else _by_name_or_content(filename, text)
    if fmt is None:
        raise FormatError([Problem("cannot tell the format of this input; name it (e.g. format='yaml')", file=filename)])
    if fmt.parse is None:
        raise ArgmapError(f"format '{fmt.name}' can be written but not read")
    return fmt.parse(text, filename=filename)


def dump(amap: ArgumentMap, format: str = "json") -> str:  # noqa: A002
    """The map as text in the named format."""
    fmt = get_format(format)
    if fmt.dump is None:
        raise ArgmapError(f"format '{fmt.name}' can be read but not written")
    return fmt.dump(amap)


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read a UTF-8 text file with a size limit and a clear error for what goes wrong."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise MapFileNotFoundError(str(p)) from None
    except OSError as exc:
        raise ArgmapError(f"{p}: cannot read: {exc.strerror}") from None
    if p.is_dir():
        raise ArgmapError(f"{p}: is a folder, not a file")
    if size > max_bytes:
        raise LimitExceededError(f"{p}: {size:,} bytes is over the limit of {max_bytes:,} bytes")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArgmapError(f"{p}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError([Problem(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", file=str(p), line=line)]) from None


def load(path: str | os.PathLike[str], format: str | None = None) -> ArgumentMap:  # noqa: A002
    """Read a map from a file; the format comes from ``format``, the suffix, or the content.

    Examples
    --------
    >>> import argmap, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "m.yaml").write_text("statements:\\n  - {id: c1, claim: Hello}\\n")
    >>> argmap.load(d / "m.yaml").statement("c1").text
    {'en': 'Hello'}
    """
    name = os.fspath(path)
    text = read_text(path)
    fmt = get_format(format) if format else _by_name_or_content(name, text)
    if fmt is None:
        raise FormatError([Problem("unknown file type; use a known suffix or name the format", file=name)])
    if fmt.parse is None:
        raise ArgmapError(f"{name}: format '{fmt.name}' can be written but not read")
    # Only a map loaded from a file may name other files (a source's text) beside it.
    return fmt.parse(text, filename=name, base_dir=str(Path(name).resolve().parent))


def save(amap: ArgumentMap, path: str | os.PathLike[str], format: str | None = None) -> Path:  # noqa: A002
    """Write a map to a file, atomically (a failure never leaves a half-written file behind)."""
    name = os.fspath(path)
    fmt = get_format(format) if format else format_for_path(name)
    if fmt is None:
        raise ArgmapError(f"{name}: cannot tell the format from the suffix; name it (e.g. format='yaml')")
    if fmt.dump is None:
        raise ArgmapError(f"{name}: format '{fmt.name}' can be read but not written")
    write_text_atomic(Path(name), fmt.dump(amap))
    return Path(name)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text (``\\n`` line ends) to ``path`` as :func:`write_bytes_atomic` does."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a new file beside ``path``, then rename it into place: never a half-written file.

    The file keeps the mode of the file it replaces, else gets the one the umask gives a new file
    (0644 under the usual umask 022), as an ordinary write would. A symbolic link is followed (the
    file it points to is replaced, the link stays), and what is not a regular file (``/dev/stdout``,
    a named pipe) is written to directly. Missing parent folders are made. ``OSError`` as it comes.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        st = target.stat()
    except FileNotFoundError:
        mode = None
    else:
        if not stat.S_ISREG(st.st_mode):  # a device or a pipe: no rename onto it
            with open(target, "wb") as fh:
                fh.write(data)
            return
        mode = stat.S_IMODE(st.st_mode)
        if not os.access(target, os.W_OK):  # a file the user may not write stays as it is, as with a plain write
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    import secrets  # here, not at the top: hmac and OpenSSL are not needed to read a map

    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # the kernel applies the umask, as for any new file
            break
        except FileExistsError:
            continue
        except OSError as exc:
            if mode is None or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            # A writable file in a folder the user may not write to: no file can be made beside it, so it is
            # written in place, as a plain write would (not atomic, but not refused either).
            with open(target, "wb") as fh:
                fh.write(data)
            return
    else:  # pragma: no cover - 100 random names taken
        raise FileExistsError(f"no free temporary name beside {target}")
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None:
                os.chmod(fh.fileno() if os.chmod in os.supports_fd else tmp, mode)
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
