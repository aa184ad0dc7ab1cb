"""The few words a deck says itself, in Dutch and English (English for any other language)."""

from __future__ import annotations

__all__ = ["word"]

_EN = {
    "overview": "The whole argument",
    "objection": "Objection",
    "answered": "and its answer",
    "unanswered": "not answered in the map",
    "evaluation": "Which claims stand",
    "IN": "stand",
    "OUT": "fall",
    "UNDEC": "undecided",
    "strength": "strength of each statement (0 to 1)",
    "sources": "Sources",
    "source": "Source",
    "quotes": "quotes",
    "no sources": "The map names no sources.",
    "untitled": "Argument map",
    "author": "Author",
    "mapped_by": "Mapped by",
    "statements": "statements",
    "relations": "relations",
    "slide": "Slide",
}
_NL = {
    "overview": "Het hele betoog",
    "objection": "Bezwaar",
    "answered": "en het antwoord erop",
    "unanswered": "niet beantwoord in de kaart",
    "evaluation": "Welke beweringen overeind blijven",
    "IN": "blijven staan",
    "OUT": "vallen",
    "UNDEC": "onbeslist",
    "strength": "sterkte van elke bewering (0 tot 1)",
    "sources": "Bronnen",
    "source": "Bron",
    "quotes": "citaten",
    "no sources": "De kaart noemt geen bronnen.",
    "untitled": "Argumentkaart",
    "author": "Auteur",
    "mapped_by": "In kaart gebracht door",
    "statements": "beweringen",
    "relations": "relaties",
    "slide": "Dia",
}


def word(lang: str) -> dict[str, str]:
    """The deck's words in ``lang`` (``"nl"`` or English).

    Examples
    --------
    >>> word("nl")["sources"], word("de")["sources"]
    ('Bronnen', 'Sources')
    """
    return dict(_NL if lang.split("-")[0].lower() == "nl" else _EN)
