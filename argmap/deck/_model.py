"""The deck as data: slides with a heading, text lines, an optional map drawing, builds and speaker notes."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Deck", "Line", "Slide"]


@dataclass(frozen=True)
class Line:
    """One line of a text slide. ``role`` styles it: ``""``, ``"small"``, ``"in"``, ``"out"``, ``"undec"``."""

    text: str
    role: str = ""


@dataclass(frozen=True)
class Slide:
    """One slide.

    ``kind`` is ``"title"``, ``"overview"``, ``"line"``, ``"objection"``, ``"evaluation"`` or ``"sources"``.
    ``svg`` is the map drawn on the slide (or None); in it every statement and relation ``<g>`` carries the
    class ``build-N`` of the build that reveals it, and ``builds`` says how many builds the slide has.
    ``statements`` lists the statement ids the slide shows; ``notes`` are the speaker notes.
    """

    kind: str
    heading: str
    subheading: str | None = None
    lines: tuple[Line, ...] = ()
    svg: bytes | None = None
    builds: int = 1
    statements: tuple[str, ...] = ()
    notes: str = ""
    min_label_px: float | None = None


@dataclass(frozen=True)
class Deck:
    """A presentation made from a map: its title, language, colours and slides in order.

    ``min_label_px`` of a slide is the height of its smallest map label when the slide is shown at
    1920x1080 (``None`` on text slides).
    """

    title: str
    lang: str
    slides: tuple[Slide, ...]
    background: str = "white"
    text: str = "#1A1A1A"
    accent: str = "#0072B2"
    colours: dict[str, str] = field(default_factory=dict)  # IN / OUT / UNDEC

    @property
    def kinds(self) -> list[str]:
        """The kind of every slide, in order."""
        return [s.kind for s in self.slides]
