"""Whitespace-tolerant quote matching that reports offsets into the original text."""

from __future__ import annotations

import re

# NBSP, narrow NBSP, figure space and the other Unicode spaces count as white space here; so do
# zero-width characters that editors leave behind, which count as nothing.
_WS = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")
_ZERO_WIDTH = {"\u200b", "\ufeff"}


def normalize_space(text: str) -> str:
    """Fold every run of white space (NBSP included) into one plain space and strip the ends."""
    return _WS.sub(" ", text).strip()


class NormalizedText:
    """A text with its white space folded, and a map from folded positions back to the original.

    Built once per source document, so that many quotes can be found in it cheaply.
    """

    __slots__ = ("_starts", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        pieces: list[str] = []
        starts: list[int] = []  # starts[i] = offset in original of folded character i
        pos = 0
        for m in _WS.finditer(original):
            seg = original[pos : m.start()]
            pieces.append(seg)
            starts.extend(range(pos, m.start()))
            if all(c in _ZERO_WIDTH for c in m.group()):
                pass  # zero-width only: folds to nothing
            else:
                pieces.append(" ")
                starts.append(m.start())
            pos = m.end()
        pieces.append(original[pos:])
        starts.extend(range(pos, len(original)))
        starts.append(len(original))
        self.folded = "".join(pieces)
        self._starts = starts

    def __eq__(self, other: object) -> bool:
        # Only a cache inside Source: it must never make two equal sources (or maps) compare unequal,
        # so it equals another built from the same text, and an absent cache (None).
        if other is None:
            return True
        if isinstance(other, NormalizedText):
            return other.original == self.original
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def find(self, quote: str, start: int = 0) -> tuple[int, int] | None:
        """Find ``quote`` (white space folded) and return its ``(start, end)`` in the original text."""
        needle = normalize_space(quote)
        if not needle:
            return None
        folded_start = self._starts_index(start)
        i = self.folded.find(needle, folded_start)
        if i < 0:
            return None
        return self._starts[i], self._end_of(i + len(needle))

    def matches_at(self, quote: str, start: int, end: int) -> bool:
        """True when the original text between ``start`` and ``end`` is ``quote`` up to white space."""
        if not (0 <= start <= end <= len(self.original)):
            return False
        return normalize_space(self.original[start:end]) == normalize_space(quote)

    def count(self, quote: str) -> int:
        needle = normalize_space(quote)
        return self.folded.count(needle) if needle else 0

    def _end_of(self, folded_end: int) -> int:
        # The end is just after the last matched character, in original coordinates.
        return self._starts[folded_end - 1] + 1 if folded_end > 0 else 0

    def _starts_index(self, original_offset: int) -> int:
        if original_offset <= 0:
            return 0
        import bisect

        return bisect.bisect_left(self._starts, original_offset)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
