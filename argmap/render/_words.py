"""The few words a drawing shows besides the user's text (kind headers, legend), in English and Dutch."""

from __future__ import annotations

import functools

__all__ = ["word"]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "main": "MAIN CLAIM",
        "claim": "CLAIM",
        "statistic": "STATISTIC",
        "example": "EXAMPLE",
        "quote": "QUOTE",
        "testimony": "TESTIMONY",
        "analogy": "ANALOGY",
        "historical_fact": "HISTORICAL FACT",
        "other": "EVIDENCE",
        "according": "according to",
        "legend": "Legend",
        "support": "supports",
        "attack": "attacks",
        "undercut": "undercuts an inference",
        "undercut_support": "undercuts a support's inference",
        "undercut_attack": "undercuts an attack's inference",
        "rephrase": "rephrases",
        "preference": "is preferred to",
        "linked": "linked premises: they count only together",
        "main_sample": "main claim",
        "claim_sample": "claim",
        "evidence_sample": "evidence",
        "other_sample": "held by others",
        "statements": "statements",
        "relations": "relations",
    },
    "nl": {
        "main": "HOOFDSTELLING",
        "claim": "STELLING",
        "statistic": "STATISTIEK",
        "example": "VOORBEELD",
        "quote": "CITAAT",
        "testimony": "GETUIGENIS",
        "analogy": "ANALOGIE",
        "historical_fact": "HISTORISCH FEIT",
        "other": "BEWIJS",
        "according": "volgens",
        "legend": "Legenda",
        "support": "ondersteunt",
        "attack": "valt aan",
        "undercut": "ondermijnt een gevolgtrekking",
        "undercut_support": "ondermijnt de gevolgtrekking van een steun",
        "undercut_attack": "ondermijnt de gevolgtrekking van een aanval",
        "rephrase": "herformuleert",
        "preference": "gaat voor",
        "linked": "gekoppelde premissen: ze tellen alleen samen",
        "main_sample": "hoofdstelling",
        "claim_sample": "stelling",
        "evidence_sample": "bewijs",
        "other_sample": "van anderen",
        "statements": "uitspraken",
        "relations": "relaties",
    },
}


@functools.lru_cache(maxsize=512)
def word(key: str, lang: str | None) -> str:
    """A fixed word in ``lang`` (Dutch or English; other languages fall back to English).

    Examples
    --------
    >>> word("main", "nl"), word("main", "fr")
    ('HOOFDSTELLING', 'MAIN CLAIM')
    """
    table = _WORDS.get((lang or "en").split("-")[0], _WORDS["en"])
    return table.get(key, _WORDS["en"][key])
