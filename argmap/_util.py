"""Small helpers shared by the loaders: pausing the garbage collector while a large map is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that are all kept.

    Building a 100,000-statement map allocates a million objects that survive; without this the
    collector runs over them again and again and loading takes twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
