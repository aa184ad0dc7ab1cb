"""The native format: one schema (the model's) as JSON (``.argmap.json``, ``.json``) or YAML (``.yaml``).

JSON is read on pydantic's fast path. YAML is meant to be written by hand: it accepts the model's
short forms (``claim: text``, ``support: [e1]``...), refuses duplicate keys, and errors carry
file:line:column. Both writers drop defaults; the YAML writer uses the short forms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from argmap._json import json_error, load_json
from argmap._util import paused_gc
from argmap._yaml import DEFAULT_LIMITS, YamlLimits, load_yaml, safe_loader
from argmap.errors import FormatError, InputLimitError, InvalidMapError, Problem
from argmap.formats import Format, register
from argmap.formats._validate import validate_map, validate_map_json
from argmap.model import ArgumentMap

__all__ = ["dump_json", "dump_yaml", "parse_json", "parse_yaml", "read_json", "read_yaml", "write_json", "write_yaml"]


# ---------------------------------------------------------------------------------------- to data


def to_data(amap: ArgumentMap, *, short: bool = False) -> dict[str, Any]:
    """The map as plain JSON-able data with defaults left out (``short`` uses the hand-written forms)."""
    data = amap.model_dump(mode="json", exclude_none=True)
    out: dict[str, Any] = {k: v for k, v in data.items() if v not in ({}, [], None) and k not in ("statements", "relations", "sources")}
    if amap.id == "map":
        out.pop("id", None)
    if data["sources"]:
        # Hand-written YAML keeps a source's text in its file beside the map and writes the reference;
        # JSON, the format programs exchange (and the REST API stores), carries the text itself.
        out["sources"] = [{k: v for k, v in src.items() if not (short and k == "text" and src.get("file"))} for src in data["sources"]]
    out["statements"] = [_statement(s, amap.language, short) for s in data["statements"]]
    out["relations"] = [_relation(r, short) for r in data["relations"]]
    return out


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in ({}, [], None)}


def _statement(s: dict[str, Any], language: str, short: bool) -> dict[str, Any]:
    s = _drop_empty(s)
    holder = _drop_empty(s.get("holder", {"kind": "author"}))
    if holder == {"kind": "author"}:
        s.pop("holder", None)
    else:
        s["holder"] = _short_holder(holder) if short else holder
    if s.get("kind") == "evidence" and s.get("evidence_type") == "other":
        s.pop("evidence_type")
    if s.get("implicit") is False:
        s.pop("implicit")
    if not short:
        return s
    kind = s.pop("kind")
    text = s.pop("text")
    if list(text) == [language]:
        text = text[language]
    return {"id": s.pop("id"), kind: text, **s}


def _short_holder(holder: dict[str, Any]) -> Any:
    from argmap.model import Holder

    name = holder.get("name")
    if name and Holder.model_validate(name) == Holder.model_validate(holder):
        return name
    return holder


def _relation(r: dict[str, Any], short: bool) -> dict[str, Any]:
    r = _drop_empty(r)
    if not short:
        return r
    rtype = r.pop("type")
    premises = r.pop("premises")
    return {"id": r.pop("id"), rtype: premises[0] if len(premises) == 1 else premises, "target": r.pop("target"), **r}


# ------------------------------------------------------------------------------------------- JSON


def parse_json(text: str | bytes, *, filename: str | None = None, base_dir: str | None = None) -> ArgumentMap:
    """Parse a map from JSON text; a syntax error names line and column.

    With ``base_dir`` (set by :func:`argmap.load`), a source's ``file`` is read from that folder.
    """
    if base_dir is not None and _has_source_files(text):
        data = _json_data(text, filename)
        return validate_map(_read_source_files(data, base_dir, filename), file=filename, locate=_json_locator(text))
    try:
        return validate_map_json(text, file=filename, locate=_json_locator(text))
    except InvalidMapError as exc:
        bad = next((p.message for p in exc.problems if p.message.startswith("Invalid JSON")), None)
        if bad is not None:
            error = json_error(bad, file=filename)
            if not isinstance(error, InputLimitError):
                _raise_json_syntax(text, filename)  # Python's json words syntax errors more plainly
            raise error from None
        raise


def _has_source_files(text: str | bytes) -> bool:
    head = text[:200_000] if isinstance(text, str) else text[:200_000].decode("utf-8", "replace")
    return '"file"' in head


def _json_data(text: str | bytes, filename: str | None) -> Any:
    try:
        return load_json(text, file=filename)
    except InputLimitError:
        raise
    except FormatError:
        _raise_json_syntax(text, filename)
        raise


def _read_source_files(data: Any, base_dir: str, filename: str | None) -> Any:
    """Fill in the text of each source that names a ``file``, read from ``base_dir`` (never above it)."""
    from pathlib import Path

    from argmap.formats import read_text

    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return data
    base = Path(base_dir).resolve()
    sources = []
    for i, src in enumerate(data["sources"]):
        if isinstance(src, dict) and isinstance(src.get("file"), str) and src.get("text") is None:
            path = (base / src["file"]).resolve()
            if not path.is_relative_to(base):
                raise FormatError(
                    [Problem(f"source file '{src['file']}' is outside the map's folder", path=f"sources[{i}].file", file=filename)]
                )
            if not path.is_file():
                raise FormatError(
                    [Problem(f"source file '{src['file']}' not found beside the map", path=f"sources[{i}].file", file=filename)]
                )
            src = {**src, "text": read_text(path)}
        sources.append(src)
    return {**data, "sources": sources}


def _raise_json_syntax(text: str | bytes, filename: str | None) -> None:
    try:
        json.loads(text)
    except (RecursionError, UnicodeError):
        return
    except ValueError as err:
        if not isinstance(err, json.JSONDecodeError):
            return  # a number past Python's digit limit: the caller's error stands

        raise FormatError(
            [Problem(f"JSON syntax error: {err.msg}", file=filename, line=err.lineno, column=err.colno)],
            summary=f"{filename or 'input'}: not valid JSON",
        ) from None


def _json_locator(text: str | bytes) -> Callable[[str], tuple[int, int] | None]:
    # JSON is (nearly) YAML: composed once, only when there is an error to place.
    return _yaml_locator(text if isinstance(text, str) else text.decode("utf-8", "replace"))


def dump_json(amap: ArgumentMap, *, indent: int | None = 2) -> str:
    """The map as JSON (defaults left out; keys in the model's order)."""
    return json.dumps(to_data(amap), ensure_ascii=False, indent=indent) + "\n"


def read_json(path: str) -> ArgumentMap:
    from argmap.formats import load

    return load(path, format="json")


def write_json(amap: ArgumentMap, path: str) -> None:
    from argmap.formats import save

    save(amap, path, format="json")


# ------------------------------------------------------------------------------------------- YAML


# YAML 1.1 reads yes/no/on/off as booleans ("en: Yes" would lose its text); only true/false are.
_RESOLVERS = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _RESOLVERS.setdefault(_first, []).insert(0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))

_StrictLoader = safe_loader("_NativeLoader")
_StrictLoader.yaml_implicit_resolvers = _RESOLVERS


def parse_yaml(text: str, *, filename: str | None = None, base_dir: str | None = None, limits: YamlLimits = DEFAULT_LIMITS) -> ArgumentMap:
    """Parse a map from YAML; syntax and schema errors name file:line:column.

    The YAML is read through :func:`argmap._yaml.load_yaml`: duplicate keys are refused, and ``limits``
    bound what it may expand to (aliases), its nesting and its numbers.
    With ``base_dir`` (set by :func:`argmap.load`), a source's ``file`` is read from that folder.
    """
    data = load_yaml(text, file=filename, limits=limits, loader=_StrictLoader, unique_keys=True)
    if base_dir is not None:
        data = _read_source_files(data, base_dir, filename)
    return validate_map(data, file=filename, locate=_yaml_locator(text))


def dump_yaml(amap: ArgumentMap) -> str:
    """The map as YAML in the short, hand-written forms."""
    return yaml.dump(to_data(amap, short=True), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Long texts (a source's full text) as literal blocks; they stay readable and diffable.
    if "\n" in value and all(c not in value for c in "\x00\r\t") and not value.startswith((" ", "\n")) and not value.endswith(" "):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_representer)


def read_yaml(path: str) -> ArgumentMap:
    from argmap.formats import load

    return load(path, format="yaml")


def write_yaml(amap: ArgumentMap, path: str) -> None:
    from argmap.formats import save

    save(amap, path, format="yaml")


# ------------------------------------------------------------------------------- error positions


def _yaml_locator(text: str) -> Callable[[str], tuple[int, int] | None]:
    """A function giving the line and column of a field path; the text is composed once, on the first call."""
    composed: list[yaml.Node | None] = []

    def locate(path: str) -> tuple[int, int] | None:
        if not composed:
            composed.append(_compose(text))
        return _find(composed[0], path)

    return locate


def _compose(text: str) -> yaml.Node | None:
    with paused_gc():
        loader = _StrictLoader(text)
        try:
            return loader.get_single_node()  # type: ignore[no-any-return]
        except (yaml.YAMLError, UnicodeError, RecursionError):
            return None
        finally:
            loader.dispose()


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _find(node: yaml.Node | None, path: str) -> tuple[int, int] | None:
    """Line and column (1-based) of a field path such as ``relations[3].target`` in a composed tree."""
    best = node
    for name, index in _STEP.findall(path):
        if node is None:
            break
        if index:
            if isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
                node = node.value[int(index)]
            else:
                break
        elif isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == name), None)
            if match is None:
                # the field is missing, or was written in a short form (claim: / support:): point at the item
                break
            node = match
        else:
            break
        best = node
    if best is None:
        return None
    return best.start_mark.line + 1, best.start_mark.column + 1


def _sniff_json(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("{") and '"statements"' in head


def _sniff_yaml(text: str) -> bool:
    import re

    return re.search(r"^statements\s*:", text, re.MULTILINE) is not None


register(Format("json", (".argmap.json", ".json"), "argmap's native JSON", parse_json, dump_json, _sniff_json, ("application/json",)))
register(
    Format(
        "yaml",
        (".argmap.yaml", ".argmap.yml", ".yaml", ".yml"),
        "argmap's native YAML (hand-written short forms allowed)",
        parse_yaml,
        dump_yaml,
        _sniff_yaml,
        ("application/yaml", "application/x-yaml", "text/yaml"),
    )
)
