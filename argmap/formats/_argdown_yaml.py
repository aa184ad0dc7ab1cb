"""YAML of Argdown front matter and ``{data}`` blocks, bounded: an alias bomb fails fast with a clean error.

PyYAML builds ``&a [*b, *b, ...]`` as shared objects, so loading is cheap, but every later walk (validation,
JSON output) expands the sharing: 81 aliases in 501 bytes become billions of items. The loaded value is
walked once, counting every node as often as it is reached, and refused past :data:`MAX_NODES` nodes or
:data:`MAX_DEPTH` levels; keys must be text, numbers finite.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "MAX_NODES", "YamlLimitError", "check_value", "load_yaml"]

MAX_NODES = 100_000
MAX_DEPTH = 64

_Base: type[Any] = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def _timestamp_as_text(loader: Any, node: Any) -> str:
    return str(loader.construct_scalar(node))  # a date stays the text written: map data is JSON


_Loader: type[Any] = type("_ArgdownLoader", (_Base,), {})
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_PureLoader: type[Any] = type("_ArgdownPureLoader", (yaml.SafeLoader,), {})
_PureLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


class YamlLimitError(ValueError):
    """The YAML is valid but too big once its aliases are expanded, too deep, or has keys that are not text."""


def load_yaml(text: str, *, check: bool = True) -> Any:
    """Load one YAML document safely and check what it expands to.

    Raises
    ------
    yaml.YAMLError
        The text is not valid YAML (its marks give the place).
    YamlLimitError
        Expanded, the value has more than :data:`MAX_NODES` nodes or :data:`MAX_DEPTH` levels, a key that is not
        text, or a number that is not finite.
    """
    try:
        value = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        if _Base is yaml.SafeLoader:
            raise
        yaml.load(text, Loader=_PureLoader)  # noqa: S506 - a safe loader; its error names the place better
        raise
    if check:
        check_value(value)
    return value


def check_value(value: Any, *, top_keys: bool = True) -> None:
    count = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise YamlLimitError(f"the YAML expands to more than {MAX_NODES:,} values (aliases *name repeat what they point at)")
        if depth > MAX_DEPTH:
            raise YamlLimitError(f"the YAML is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(key, str) and (top_keys or depth):
                    raise YamlLimitError(f"a YAML key must be text, not {type(key).__name__} ({str(key)[:40]!r})")
                stack.append((sub, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, depth + 1) for sub in item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise YamlLimitError(f"a YAML number must be finite, not {item}")
