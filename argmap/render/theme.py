"""Themes: the colours, fonts, shapes and line styles of a rendered map, built in or read from a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from argmap.errors import InvalidMapError, Problem, format_loc

__all__ = ["THEMES", "EdgeStyle", "NodeStyle", "Theme", "get_theme", "load_theme"]

# A Graphviz colour that cannot smuggle anything into DOT: #rgb(a) hex, or a plain colour name.
Colour = Annotated[
    str,
    Field(pattern=r"^(#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[a-z]{3,20}[0-9]{0,2}|transparent)$", examples=["#0072B2", "white"]),
]
LineStyle = Literal["solid", "dashed", "dotted", "bold"]
Arrow = Literal["normal", "onormal", "tee", "box", "obox", "diamond", "odiamond", "dot", "odot", "inv", "vee", "none", "teeodot"]
FontName = Annotated[str, Field(pattern=r"^[A-Za-z0-9 ,\-]{1,80}$")]


class _Strict(BaseModel):
    # Validators are built on first use (a theme file, ``Theme(...)``): the built-in themes below are made
    # without validation, so that importing the renderer builds none (about 10 ms at every start).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class NodeStyle(_Strict):
    """How one kind of statement is drawn: fill, border, border width and shape style."""

    fill: Colour
    border: Colour
    penwidth: float = Field(1.5, ge=0.0, le=10.0)
    rounded: bool = True
    dashed: bool = False
    diagonals: bool = False  # a monochrome 'pattern': Graphviz draws small corner marks
    peripheries: int = Field(1, ge=1, le=3)


class EdgeStyle(_Strict):
    """How one relation type is drawn: colour, line style, arrowhead and width."""

    color: Colour
    style: LineStyle = "solid"
    arrowhead: Arrow = "normal"
    penwidth: float = Field(2.0, ge=0.1, le=10.0)


def _node(**fields: Any) -> NodeStyle:
    """A built-in node style, made without validation: its values are fixed here (tests/test_imports.py checks them)."""
    return NodeStyle.model_construct(**fields)


def _edge(**fields: Any) -> EdgeStyle:
    """A built-in edge style, made without validation (as :func:`_node`)."""
    return EdgeStyle.model_construct(**fields)


class Theme(_Strict):
    """Everything visual about a rendered map.

    Built-in themes: ``light`` (the default), ``dark``, ``print`` (black and white: line styles,
    grey levels and border patterns instead of colours) and ``high-contrast``. A custom theme is a
    YAML or JSON file read by :func:`load_theme`; it may name a ``base`` theme and change a few fields.

    Examples
    --------
    >>> get_theme("dark").background
    '#1E1E24'
    >>> Theme(font_size=16).font_size
    16.0
    """

    name: str = Field("custom", max_length=60)
    background: Colour = "white"
    font: FontName = "DejaVu Sans"
    font_size: float = Field(15.0, ge=6.0, le=72.0, description="Statement text, in points.")
    header_size: float = Field(12.5, ge=6.0, le=72.0, description="The small line above the text: kind, holder.")
    title_size: float = Field(22.0, ge=6.0, le=96.0)
    text: Colour = "#1A1A1A"
    main_text: Colour = "white"
    muted: Colour = "#4D4D4D"
    main: NodeStyle = _node(fill="#0072B2", border="#00466E", penwidth=2.5)
    claim: NodeStyle = _node(fill="#DCEBF7", border="#0072B2")
    evidence: NodeStyle = _node(fill="#F2F2F2", border="#6B6B6B", rounded=False)
    other_holder: NodeStyle = _node(fill="#FDEBC8", border="#B07800", dashed=True)
    junction: Colour = "#333333"
    support: EdgeStyle = _edge(color="#009E73", style="solid", arrowhead="normal")
    attack: EdgeStyle = _edge(color="#D55E00", style="dashed", arrowhead="tee")
    undercut: EdgeStyle = _edge(color="#CC79A7", style="dotted", arrowhead="teeodot", penwidth=3.2)
    rephrase: EdgeStyle = _edge(color="#56B4E9", style="solid", arrowhead="odiamond", penwidth=1.5)
    preference: EdgeStyle = _edge(color="#999999", style="dashed", arrowhead="onormal", penwidth=1.5)
    dim_text: Colour = "#B3B3B3"
    dim_fill: Colour = "#FAFAFA"
    dim_line: Colour = "#D9D9D9"
    highlight_border: Colour = "#000000"
    overlay_in: Colour = "#009E73"
    overlay_out: Colour = "#D55E00"
    overlay_undec: Colour = "#7F7F7F"
    badge_text: Colour = "white"
    tag_colors: dict[str, Colour] = Field(default_factory=dict, description="Fill colour per tag (first tag that has one).")

    def edge(self, relation_type: str) -> EdgeStyle:
        """The edge style of a relation type."""
        style: EdgeStyle = getattr(self, relation_type)
        return style


_LIGHT = Theme.model_construct(name="light")
_DARK = Theme.model_construct(
    name="dark",
    background="#1E1E24",
    text="#F2F2F2",
    muted="#C8C8C8",
    main=_node(fill="#F0E442", border="#FFF7A8", penwidth=2.5),
    main_text="#111111",
    claim=_node(fill="#17364F", border="#56B4E9"),
    evidence=_node(fill="#33333B", border="#A6A6A6", rounded=False),
    other_holder=_node(fill="#4A3A1C", border="#E69F00", dashed=True),
    junction="#DDDDDD",
    support=_edge(color="#2EC4A0", style="solid", arrowhead="normal"),
    attack=_edge(color="#F08A4B", style="dashed", arrowhead="tee"),
    undercut=_edge(color="#E39BC6", style="dotted", arrowhead="teeodot", penwidth=2.4),
    rephrase=_edge(color="#56B4E9", arrowhead="odiamond", penwidth=1.5),
    preference=_edge(color="#AAAAAA", style="dashed", arrowhead="onormal", penwidth=1.5),
    dim_text="#6E6E6E",
    dim_fill="#26262C",
    dim_line="#44444C",
    highlight_border="#FFFFFF",
    overlay_in="#2EC4A0",
    overlay_out="#F08A4B",
    overlay_undec="#8C8C8C",
    badge_text="#111111",
)
_PRINT = Theme.model_construct(
    name="print",
    background="white",
    text="black",
    muted="#333333",
    main=_node(fill="#D9D9D9", border="black", penwidth=2.5, peripheries=2),
    main_text="black",
    claim=_node(fill="white", border="black", penwidth=1.5),
    evidence=_node(fill="#F0F0F0", border="black", rounded=False, diagonals=True),
    other_holder=_node(fill="white", border="black", dashed=True),
    junction="black",
    support=_edge(color="black", style="solid", arrowhead="normal"),
    attack=_edge(color="black", style="dashed", arrowhead="tee"),
    undercut=_edge(color="black", style="dotted", arrowhead="teeodot", penwidth=2.4),
    rephrase=_edge(color="black", arrowhead="odiamond", penwidth=1.2),
    preference=_edge(color="#555555", style="dashed", arrowhead="onormal", penwidth=1.2),
    dim_text="#9A9A9A",
    dim_fill="white",
    dim_line="#BBBBBB",
    highlight_border="black",
    overlay_in="black",
    overlay_out="#555555",
    overlay_undec="#999999",
)
_HIGH_CONTRAST = Theme.model_construct(
    name="high-contrast",
    background="white",
    font_size=17.0,
    header_size=14.0,
    text="black",
    muted="black",
    main=_node(fill="#FFFF00", border="black", penwidth=4.0),
    main_text="black",
    claim=_node(fill="white", border="#0000B3", penwidth=3.0),
    evidence=_node(fill="#E6E6E6", border="black", penwidth=2.5, rounded=False),
    other_holder=_node(fill="white", border="#8B0057", penwidth=3.0, dashed=True),
    junction="black",
    support=_edge(color="#00603F", style="solid", arrowhead="normal", penwidth=3.0),
    attack=_edge(color="#B30000", style="dashed", arrowhead="tee", penwidth=3.0),
    undercut=_edge(color="#6A006A", style="dotted", arrowhead="teeodot", penwidth=3.5),
    rephrase=_edge(color="#003F8C", arrowhead="odiamond", penwidth=2.5),
    preference=_edge(color="black", style="dashed", arrowhead="onormal", penwidth=2.5),
    dim_text="#707070",
    dim_fill="white",
    dim_line="#A0A0A0",
    overlay_in="#00603F",
    overlay_out="#B30000",
    overlay_undec="#404040",
)

THEMES: dict[str, Theme] = {t.name: t for t in (_LIGHT, _DARK, _PRINT, _HIGH_CONTRAST)}


def get_theme(theme: Theme | str | os.PathLike[str] | None = None) -> Theme:
    """A theme by name (``light``, ``dark``, ``print``, ``high-contrast``), a :class:`Theme`, or a file path.

    Examples
    --------
    >>> get_theme().name, get_theme("print").support.style
    ('light', 'solid')
    """
    if theme is None:
        return _LIGHT
    if isinstance(theme, Theme):
        return theme
    text = os.fspath(theme)
    if text in THEMES:
        return THEMES[text]
    if isinstance(theme, Path) or text.endswith((".yaml", ".yml", ".json")) or os.sep in text:
        return load_theme(text)
    raise InvalidMapError(
        [Problem(f"unknown theme '{text}'; choose one of {', '.join(THEMES)} or give a .yaml/.json theme file", path="theme")],
        summary="invalid render option",
    )


def theme_from_dict(data: Any, *, file: str | None = None) -> Theme:
    """Validate a theme given as a mapping; ``base`` names the built-in theme it starts from."""
    if not isinstance(data, dict):
        raise InvalidMapError([Problem("a theme must be a mapping of fields", file=file)], summary="invalid theme")
    data = dict(data)
    base_name = data.pop("base", "light")
    if base_name not in THEMES:
        raise InvalidMapError([Problem(f"unknown base theme '{base_name}'", path="base", file=file)], summary="invalid theme")
    merged: dict[str, Any] = THEMES[base_name].model_dump()
    merged["name"] = "custom"
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "tag_colors":
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    try:
        return Theme.model_validate(merged)
    except ValidationError as exc:
        raise InvalidMapError(_problems(exc, file), summary="invalid theme") from None


def _problems(exc: ValidationError, file: str | None) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        message = str(err.get("msg", "invalid"))
        if err.get("type") == "string_pattern_mismatch":
            message = f"{err.get('input')!r} is not allowed here (colours are #RRGGBB or a name such as 'white')"
        problems.append(Problem(message, path=format_loc(tuple(err.get("loc", ()))), file=file))
    return problems


def load_theme(path: str | os.PathLike[str]) -> Theme:
    """Read a custom theme from a YAML or JSON file.

    The file holds :class:`Theme` fields; nested styles may be given in part, e.g.
    ``{"base": "dark", "attack": {"color": "#FF0000"}}`` keeps the dark theme's attack line style.
    """
    from argmap._yaml import YamlLimits, load_yaml
    from argmap.formats import read_text

    text = read_text(path, max_bytes=1_000_000)
    data = load_yaml(text, file=str(path), what="theme", limits=YamlLimits(max_nodes=100_000, max_depth=20))
    return theme_from_dict(data, file=str(path))
