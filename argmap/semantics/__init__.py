"""Acceptability: which statements of a map stand (Dung semantics), how strongly (gradual), and why.

``evaluate(m, semantics)`` translates a map into a :class:`Framework` and runs one semantics;
``explain(m, id)`` says why a statement has its label and shows the part of the map that does.
The same functions take a plain :class:`Framework` (arguments and attacks) instead of a map.
"""

from __future__ import annotations

from argmap.semantics.dung import extensions, grounded, grounded_labelling, ideal, is_accepted, labelling_of
from argmap.semantics.evaluation import SEMANTICS, Evaluation, Label, accepted, evaluate
from argmap.semantics.explain import Explanation, explain
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import GradualResult, dfquad, quadratic_energy, strengths
from argmap.semantics.iccma import dump_af, dump_apx, dump_tgf, parse_af, parse_apx, parse_tgf, read_framework, write_framework
from argmap.semantics.translate import Translation, to_framework

__all__ = [
    "SEMANTICS",
    "Evaluation",
    "Explanation",
    "Framework",
    "GradualResult",
    "Label",
    "Translation",
    "accepted",
    "dfquad",
    "dump_af",
    "dump_apx",
    "dump_tgf",
    "evaluate",
    "explain",
    "extensions",
    "grounded",
    "grounded_labelling",
    "ideal",
    "is_accepted",
    "labelling_of",
    "parse_af",
    "parse_apx",
    "parse_tgf",
    "quadratic_energy",
    "read_framework",
    "strengths",
    "to_framework",
    "write_framework",
]
