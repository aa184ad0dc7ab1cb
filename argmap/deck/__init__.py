"""Presentations made from a map: a deck of slides written as one offline HTML file, a PDF or a PPTX.

:func:`build_deck` makes the slides (title, overview, the lines of argument, the objections with their
answers, the evaluation, the sources) with speaker notes; :func:`write_html`, :func:`write_pdf` and
:func:`write_pptx` write them, :func:`write_deck` by the file's suffix.
"""

from __future__ import annotations

from argmap.deck._model import Deck, Line, Slide
from argmap.deck.build import build_deck
from argmap.deck.output import DECK_SUFFIXES, to_html, write_deck, write_html, write_pdf, write_pptx

__all__ = [
    "DECK_SUFFIXES",
    "Deck",
    "Line",
    "Slide",
    "build_deck",
    "to_html",
    "write_deck",
    "write_html",
    "write_pdf",
    "write_pptx",
]
