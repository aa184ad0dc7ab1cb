"""Write a deck: HTML (no extra needed), PDF (cairosvg and pypdf) and PPTX (python-pptx), from the ``deck`` extra."""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from argmap.deck._html import to_html
from argmap.deck._model import Deck, Slide
from argmap.deck._svg import SLIDE, map_box, sized_map, slide_svg
from argmap.errors import RenderError

__all__ = ["DECK_SUFFIXES", "deck_bytes", "to_html", "write_deck", "write_html", "write_pdf", "write_pptx"]

DECK_SUFFIXES = (".html", ".pdf", ".pptx")
_EMU_PER_PX = 914400 / 144  # a 1920x1080 slide is 13.333 x 7.5 inches


def _need(module: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise RenderError(
            f"writing {what} needs the 'deck' extra ({module} is not installed): pip install 'argmap[deck]'"
        ) from None
    except OSError as exc:  # cairocffi without the cairo library
        raise RenderError(f"writing {what} needs the Cairo library: {exc}") from None


def _write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` atomically (a new file renamed into place, the replaced file's mode kept); returns the path."""
    from argmap.formats import write_bytes_atomic

    out = Path(path)
    write_bytes_atomic(out, data)
    return out


def write_html(deck: Deck, path: str | os.PathLike[str]) -> Path:
    """Write the deck as one self-contained HTML file (see :func:`to_html`), atomically; returns the path.

    Examples
    --------
    >>> import tempfile
    >>> from argmap.deck import Deck, Slide
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_html(Deck(title="T", lang="en", slides=(Slide(kind="title", heading="Hi"),)), Path(d) / "t.html").read_text()[:15]
    '<!DOCTYPE html>'
    """
    return _write(path, to_html(deck).encode("utf-8"))


def pdf_bytes(deck: Deck) -> bytes:
    """The deck as PDF: one 16:9 page (1440 x 810 pt) per slide, every build shown."""
    cairosvg = _need("cairosvg", "a PDF deck")
    pypdf = _need("pypdf", "a PDF deck")
    writer = pypdf.PdfWriter()
    for n, slide in enumerate(deck.slides, start=1):
        page = cairosvg.svg2pdf(bytestring=slide_svg(deck, slide, n))
        writer.append(io.BytesIO(page))
    writer.add_metadata({"/Title": deck.title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_pdf(deck: Deck, path: str | os.PathLike[str]) -> Path:
    """Write the deck as PDF, one 16:9 page per slide (needs the ``deck`` extra), atomically; returns the path.

    Examples
    --------
    >>> import tempfile, pypdf
    >>> from argmap.deck import Deck, Slide
    >>> deck = Deck(title="T", lang="en", slides=(Slide(kind="title", heading="Hello"), Slide(kind="sources", heading="S")))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pages = pypdf.PdfReader(write_pdf(deck, Path(d) / "t.pdf")).pages
    ...     len(pages), [round(float(v)) for v in pages[0].mediabox[2:]]
    (2, [1440, 810])
    """
    return _write(path, pdf_bytes(deck))


def _px(value: float) -> int:
    return round(value * _EMU_PER_PX)


def _textbox(slide: Any, pptx_util: Any, x: float, y: float, w: float, h: float, text: str, size: float, colour: str | None = None,
             *, bold: bool = False, centre: bool = False) -> None:
    box = slide.shapes.add_textbox(_px(x), _px(y), _px(w), _px(h))
    frame = box.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = text
    run.font.size = pptx_util.Pt(size * 0.75)
    run.font.bold = bold
    if colour and colour.startswith("#") and len(colour) == 7:
        from pptx.dml.color import RGBColor

        run.font.color.rgb = RGBColor.from_string(colour[1:].upper())  # type: ignore[no-untyped-call]
    if centre:
        from pptx.enum.text import PP_ALIGN

        para.alignment = PP_ALIGN.CENTER


def _pptx_slide(prs: Any, util: Any, deck: Deck, slide: Slide, cairosvg: ModuleType) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    if slide.kind == "title":
        _textbox(page, util, 80, 300, 1760, 260, slide.heading, 76, deck.accent, bold=True, centre=True)
        if slide.subheading:
            _textbox(page, util, 80, 580, 1760, 120, slide.subheading, 40, deck.text, centre=True)
        for k, line in enumerate(slide.lines):
            _textbox(page, util, 80, 720 + 44 * k, 1760, 44, line.text, 30, deck.text, centre=True)
    else:
        _textbox(page, util, 30, 20, 1860, 80, slide.heading, 52, deck.accent, bold=True)
        y = 100.0
        if slide.subheading:
            _textbox(page, util, 30, y, 1860, 90, slide.subheading, 30, deck.text)
            y += 90
        if slide.svg is None:
            for line in slide.lines:
                small = line.role == "small"
                _textbox(page, util, 70 if small else 30, y, 1800, 50, line.text, 28 if small else 38, deck.text)
                y += 48 if small else 60
        else:
            for line in slide.lines:
                _textbox(page, util, 30, y - 40, 1860, 50, line.text, 32, deck.colours.get(line.role.upper(), deck.text), bold=True)
            x, top, w, h = map_box(slide)
            svg, mw, mh = sized_map(slide.svg, w)
            scale = min(w / mw, h / mh)
            pw, ph = mw * scale, mh * scale
            png = cairosvg.svg2png(bytestring=svg, output_width=int(pw * 2), output_height=int(ph * 2),
                                   background_color=deck.background)  # 2x: sharp on a 4K projector too
            page.shapes.add_picture(io.BytesIO(png), _px(x + (w - pw) / 2), _px(top + (h - ph) / 2), _px(pw), _px(ph))
    if slide.notes:
        page.notes_slide.notes_text_frame.text = slide.notes


def pptx_bytes(deck: Deck) -> bytes:
    """The deck as PPTX: one slide per slide, each map a 2x PNG picture, notes in the speaker notes."""
    pptx = _need("pptx", "a PPTX deck")
    util = _need("pptx.util", "a PPTX deck")
    cairosvg = _need("cairosvg", "a PPTX deck")
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = _px(SLIDE[0]), _px(SLIDE[1])
    prs.core_properties.title = deck.title
    prs.core_properties.language = deck.lang
    for slide in deck.slides:
        _pptx_slide(prs, util, deck, slide, cairosvg)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def write_pptx(deck: Deck, path: str | os.PathLike[str]) -> Path:
    """Write the deck as PowerPoint (needs the ``deck`` extra: python-pptx), atomically; returns the path.

    Examples
    --------
    >>> import tempfile, pptx
    >>> from argmap.deck import Deck, Slide
    >>> deck = Deck(title="T", lang="en", slides=(Slide(kind="title", heading="Hello", notes="Say hello."),))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     prs = pptx.Presentation(write_pptx(deck, Path(d) / "t.pptx"))
    >>> len(prs.slides), prs.slides[0].notes_slide.notes_text_frame.text
    (1, 'Say hello.')
    """
    return _write(path, pptx_bytes(deck))


def deck_bytes(deck: Deck, path: str | os.PathLike[str]) -> bytes:
    """The deck in the format the suffix of ``path`` names (``.html``, ``.pdf`` or ``.pptx``), as bytes.

    Examples
    --------
    >>> deck_bytes(Deck(title="T", lang="en", slides=()), "talk.html")[:15]
    b'<!DOCTYPE html>'
    >>> deck_bytes(Deck(title="T", lang="en", slides=()), "talk.odp")
    Traceback (most recent call last):
    ...
    argmap.errors.RenderError: cannot write a deck as '.odp' (talk.odp); use .html, .pdf or .pptx
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        return to_html(deck).encode("utf-8")
    if suffix == ".pdf":
        return pdf_bytes(deck)
    if suffix == ".pptx":
        return pptx_bytes(deck)
    raise RenderError(f"cannot write a deck as '{suffix or out.name}' ({out}); use .html, .pdf or .pptx")


def write_deck(deck: Deck, path: str | os.PathLike[str]) -> Path:
    """Write the deck in the format its suffix names (``.html``, ``.pdf`` or ``.pptx``), atomically.

    The whole file is made first, then renamed into place (keeping the mode of the file it
    replaces): an interrupted write never leaves a half-written deck.

    Examples
    --------
    >>> write_deck(Deck(title="T", lang="en", slides=()), "talk.odp")
    Traceback (most recent call last):
    ...
    argmap.errors.RenderError: cannot write a deck as '.odp' (talk.odp); use .html, .pdf or .pptx
    """
    return _write(path, deck_bytes(deck, path))
