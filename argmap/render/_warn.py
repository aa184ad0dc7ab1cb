"""Warnings that point at the caller's own line: the first frame outside the argmap package."""

from __future__ import annotations

import os
import sys
import warnings

__all__ = ["warn"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # .../argmap/


def warn(message: str | Warning, category: type[Warning] | None = None) -> None:
    """``warnings.warn`` with the ``stacklevel`` of the first frame outside argmap.

    ``argmap.render(m)``, ``argmap.render.render(m)`` and ``render_steps(m)`` reach a warning through
    different numbers of argmap's own frames; a fixed ``stacklevel`` would name one of them instead of the
    user's line (Python 3.12's ``skip_file_prefixes`` does this; argmap supports 3.11).
    """
    level = 2  # the caller of this function
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, category or UserWarning, stacklevel=level)
