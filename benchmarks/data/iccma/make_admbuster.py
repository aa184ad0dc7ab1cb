"""Write the ICCMA ``admbuster`` instances (ICCMA 2019 / 2023 family) of any size, byte for byte as published.

The family is a fixed construction, so a large instance need not be stored: ``admbuster_1000.af``
as stored in the public repository 36298liu/Solvers-for-ICCMA-2025 (path
``ASSAT_Amsat/example/admbuster_1000.af``, 18,456 characters) is exactly what this writes for 1000.
Arguments: ``a`` (1), pairs ``b_i`` (2i) and ``c_i`` (2i + 1) for i = 1 .. k, and ``d`` (n); the
names are kept as comment lines, as in the published files. Attacks: b1 and c1 attack a; b_i attacks
b_(i-1) and c_i attacks c_(i-1); for odd i also b_i attacks c_(i-1) and c_i attacks b_(i-1); d attacks
b_k and c_k.

Usage: ``python make_admbuster.py N [N ...]`` (N even, at least 6) writes ``admbuster_N.af`` here.
"""

from __future__ import annotations

import sys
from pathlib import Path


def admbuster(n: int) -> str:
    """The text of ``admbuster_n.af``."""
    if n < 6 or n % 2:
        raise ValueError("n must be even and at least 6")
    k = (n - 2) // 2
    lines = [f"p af {n}", "# a"]
    for i in range(1, k + 1):
        lines += [f"# b{i}", f"# c{i}"]
    lines += ["# d", "2 1", "3 1"]
    for i in range(2, k + 1):
        b, c, pb, pc = 2 * i, 2 * i + 1, 2 * i - 2, 2 * i - 1
        lines += [f"{b} {pb}", f"{c} {pc}"]
        if i % 2:
            lines += [f"{b} {pc}", f"{c} {pb}"]
    lines += [f"{n} {2 * k}", f"{n} {2 * k + 1}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    here = Path(__file__).parent
    for arg in sys.argv[1:]:
        (here / f"admbuster_{int(arg)}.af").write_text(admbuster(int(arg)))
