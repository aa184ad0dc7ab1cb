"""The one way argmap reads YAML: safe tags only, and bounded before anything is built.

Every YAML load in argmap (native maps, Argdown front matter and ``{data}`` blocks, themes, the CLI and the
REST API) goes through :func:`load_yaml`. The text is first *composed* (libyaml's parser when PyYAML has it)
into a node graph in which an alias ``*a`` is the very node its anchor ``&a`` names, so composing an
alias bomb is cheap. That graph is then walked once, every node counted as often as aliases reach it, and
the load is refused with its own message and line:column, before any Python value is built, when

- it expands to more than ``max_nodes`` values or ``max_chars`` characters of text (the "billion laughs"
  alias bomb, and the small body that would be stored as megabytes),
- it is nested more than ``max_depth`` levels deep (aliases included),
- an alias points back into itself,
- a key is a list or a mapping (it could not be a dictionary key),
- an integer has more than ``max_digits`` digits,
- a tag asks for a Python object (``!!python/...``).

Only then are values constructed, with the garbage collector paused (it would otherwise run over the
hundreds of thousands of nodes again and again: a 10,000-statement map loads 4x faster).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from argmap._util import paused_gc
from argmap.errors import FormatError, InputLimitError, Problem

__all__ = ["DEFAULT_LIMITS", "YamlLimits", "load_yaml", "safe_loader"]


@dataclass(frozen=True)
class YamlLimits:
    """How much one YAML document may hold once its aliases are expanded.

    The defaults suit files on the user's own machine (a 100,000-statement map is about 1.8 million
    values); a server passes smaller ones.
    """

    max_nodes: int = 5_000_000
    max_chars: int = 200_000_000
    max_depth: int = 200
    max_digits: int = 1_000


DEFAULT_LIMITS = YamlLimits()

_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
_Base: type[Any] = yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
_PYTHON = "tag:yaml.org,2002:python/"


def _timestamp_as_text(loader: Any, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))  # a date stays the text written: map data is JSON


def safe_loader(name: str) -> type[Any]:
    """A fresh safe loader class (libyaml's when present) that reads dates as the text written.

    Add constructors or resolvers to it freely: PyYAML's own loaders are left untouched.
    """
    loader: type[Any] = type(name, (_Base,), {})
    loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    return loader


_Loader = safe_loader("_ArgmapYamlLoader")


def load_yaml(
    text: str,
    *,
    file: str | None = None,
    what: str = "YAML",
    limits: YamlLimits = DEFAULT_LIMITS,
    loader: type[Any] | None = None,
    unique_keys: bool = False,
    line_offset: int = 0,
) -> Any:
    """Load one YAML document safely, refusing it before it is built if it is too large once expanded.

    Parameters
    ----------
    text
        The YAML text.
    file
        The file name, for the problems' places.
    what
        What the text is (``"front matter"``, ``"theme"``), the first words of every message.
    limits
        The bounds (see :class:`YamlLimits`).
    loader
        A safe loader class to build the values with (from :func:`safe_loader`); the default reads dates as text.
    unique_keys
        Refuse a key written twice in one mapping.
    line_offset
        Added to every line number (for YAML embedded in a larger file).

    Raises
    ------
    InputLimitError
        A limit was passed; the problem names which, with line and column.
    FormatError
        The text is not valid YAML, or holds a tag no safe loader knows.
    """
    cls = loader or _Loader
    try:
        with paused_gc():
            ldr = cls(text)
            try:
                node = ldr.get_single_node()
                if node is None:
                    return None
                _check(node, limits, what, file, unique_keys, line_offset)
                return ldr.construct_document(node)
            finally:
                ldr.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc, what, file, line_offset) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, exc.position)
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        problem = Problem(f"{what}: character {char} is not allowed in YAML", file=file, line=line + line_offset, column=column)
        raise FormatError([problem], summary=f"{file or 'input'}: not valid YAML") from None
    except yaml.YAMLError as exc:
        raise FormatError([Problem(f"{what}: YAML error: {exc}", file=file)]) from None
    except UnicodeError:
        index = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), 0)
        line, column = _line_col(text, index)
        problem = Problem(
            f"{what}: a lone surrogate (U+{ord(text[index]):04X}) is not text", file=file, line=line + line_offset, column=column
        )
        raise FormatError([problem], summary=f"{file or 'input'}: not valid YAML") from None
    except RecursionError:  # only PyYAML's pure-Python composer recurses; libyaml stops at 1,000 levels
        raise _limit(f"{what} is nested too deeply to read", None, file, line_offset) from None


def _syntax_error(text: str, exc: yaml.MarkedYAMLError, what: str, file: str | None, line_offset: int) -> FormatError:
    if "maximum nesting depth" in str(exc.problem):  # libyaml's own bound, 1,000 levels
        return _limit(f"{what}: nested more than 1,000 levels deep", exc.problem_mark, file, line_offset)
    if _LIBYAML and isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)):
        exc = _pure_error(text) or exc
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "syntax error"
    if exc.context:
        problem = f"{problem} ({exc.context})"
    if isinstance(exc, yaml.constructor.ConstructorError):
        message = f"{what}: {problem}"
    else:
        message = f"{what}: YAML syntax error: {problem}" if what != "YAML" else f"YAML syntax error: {problem}"
    return FormatError(
        [Problem(message, file=file, line=mark.line + 1 + line_offset if mark else None, column=mark.column + 1 if mark else None)],
        summary=f"{file or 'input'}: not valid YAML",
    )


def _pure_error(text: str, budget: float = 0.25) -> yaml.MarkedYAMLError | None:
    """PyYAML's pure-Python parser words syntax errors better; ask it, within a time budget (it is slow on deep nesting)."""
    import time

    end = time.monotonic() + budget
    try:
        for i, _ in enumerate(yaml.parse(text, Loader=yaml.SafeLoader)):
            if i % 512 == 0 and time.monotonic() > end:
                return None
    except yaml.MarkedYAMLError as pure:
        return pure
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _limit(message: str, mark: Any, file: str | None, line_offset: int) -> InputLimitError:
    line = mark.line + 1 + line_offset if mark is not None else None
    problem = Problem(message, file=file, line=line, column=mark.column + 1 if mark is not None else None)
    return InputLimitError([problem], summary=f"{file or 'input'}: {message}")


def _check(root: yaml.Node, limits: YamlLimits, what: str, file: str | None, unique_keys: bool, line_offset: int) -> None:
    """Walk the composed graph once, following aliases, and raise at the first limit passed.

    Each collection's expanded size is kept by identity, so a node reached by many aliases is walked once
    and the walk is linear in the text, whatever the expansion.
    """
    memo: dict[int, tuple[int, int, int]] = {}  # id(collection) -> (values, characters, height)
    on_path: set[int] = set()
    # frame: node, children, next child, values, characters, height of the tallest child
    stack: list[list[Any]] = []

    def fail(message: str, node: yaml.Node) -> InputLimitError:
        return _limit(f"{what}: {message}", node.start_mark, file, line_offset)

    def open_frame(node: yaml.Node) -> None:
        if len(stack) >= limits.max_depth:
            raise fail(f"nested more than {limits.max_depth} levels deep", node)
        if node.tag.startswith(_PYTHON):
            raise fail(f"the tag '{node.tag}' asks for a Python object; only plain data is read", node)
        children: list[yaml.Node]
        if isinstance(node, yaml.MappingNode):
            children = []
            seen: dict[tuple[str, str], yaml.Node] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    kind = "list" if isinstance(key, yaml.SequenceNode) else "mapping"
                    raise fail(f"a key must be text or a number, not a {kind}", key)
                if unique_keys and key.tag != _MERGE:
                    first = seen.get((key.tag, key.value))
                    if first is not None:
                        line = first.start_mark.line + 1 + line_offset
                        raise _duplicate(f"duplicate key '{key.value[:80]}' (first at line {line})", key)
                    seen[(key.tag, key.value)] = key
                children.append(key)
                children.append(value)
        else:
            children = node.value
        on_path.add(id(node))
        stack.append([node, children, 0, 1, 0, 0])

    def _duplicate(message: str, node: yaml.Node) -> FormatError:
        mark = node.start_mark
        return FormatError(
            [Problem(message, file=file, line=mark.line + 1 + line_offset, column=mark.column + 1)],
            summary=f"{file or 'input'}: not valid YAML",
        )

    def scalar(node: yaml.ScalarNode) -> tuple[int, int]:
        if node.tag == _INT and len(node.value) > limits.max_digits:
            raise fail(f"an integer with {len(node.value):,} characters (at most {limits.max_digits:,} digits are read)", node)
        if node.tag.startswith(_PYTHON):
            raise fail(f"the tag '{node.tag}' asks for a Python object; only plain data is read", node)
        return 1, len(node.value)

    if isinstance(root, yaml.ScalarNode):
        _, chars = scalar(root)
        if chars > limits.max_chars:
            raise fail(f"holds more than {limits.max_chars:,} characters of text", root)
        return
    open_frame(root)
    while stack:
        frame = stack[-1]
        children = frame[1]
        if frame[2] < len(children):
            child = children[frame[2]]
            frame[2] += 1
            if isinstance(child, yaml.ScalarNode):
                n, c = scalar(child)
                frame[3] += n
                frame[4] += c
                continue
            done = memo.get(id(child))
            if done is None:
                if id(child) in on_path:
                    raise fail("an alias points back into the value that holds it (a recursive alias)", child)
                open_frame(child)
                continue
            n, c, h = done
            if len(stack) + h > limits.max_depth:
                raise fail(f"nested more than {limits.max_depth} levels deep (through an alias)", child)
        else:
            node, _, _, n, c, h = stack.pop()
            h += 1
            on_path.discard(id(node))
            if n > limits.max_nodes:
                raise fail(f"expands to more than {limits.max_nodes:,} values (aliases repeat what they point at)", node)
            if c > limits.max_chars:
                raise fail(f"expands to more than {limits.max_chars:,} characters of text (aliases repeat what they point at)", node)
            memo[id(node)] = (n, c, h)
            if not stack:
                return
        parent = stack[-1]
        parent[3] += n
        parent[4] += c
        if h > parent[5]:
            parent[5] = h
