"""``evaluate``: run one semantics on a map (or a plain framework) and report per-statement results.

For a semantics with one extension (grounded, ideal) the labels are that extension's labelling.
For one with several (complete, preferred, stable, semi-stable) the labels are the *sceptical*
labelling: IN when IN in every extension, OUT when OUT in every one, UNDEC otherwise; the
extensions themselves and the credulously accepted statements are reported beside them.

Sceptical acceptance means "in every extension"; when there is none (stable semantics on an odd
cycle) every statement is sceptically accepted, vacuously, and none credulously: the ICCMA
convention, which :func:`accepted`, :mod:`argmap.semantics.tasks` and ``argmap iccma`` share.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

from argmap.errors import ArgmapError, NotFoundError
from argmap.model import ArgumentMap
from argmap.semantics import dung, gradual
from argmap.semantics.framework import Framework
from argmap.semantics.translate import Translation, inferences, to_framework

__all__ = ["SEMANTICS", "Evaluation", "Label", "accepted", "describe", "dung_labelling", "evaluate", "prepare"]

Label: TypeAlias = Literal["IN", "OUT", "UNDEC"]
SEMANTICS: tuple[str, ...] = (*dung.DUNG_SEMANTICS, *gradual.GRADUAL_SEMANTICS)
_NAMES: dict[int, Label] = {dung.IN: "IN", dung.OUT: "OUT", dung.UNDEC: "UNDEC"}


class Evaluation(BaseModel):
    """The result of :func:`evaluate`: labels (Dung semantics) or strengths (gradual semantics) per statement.

    ``relation_labels`` / ``relation_strengths`` give the status of the linked and undercut
    relations, which the translation turns into auxiliary arguments; other auxiliary arguments
    are not reported.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    semantics: str
    labels: dict[str, Label] | None = None
    strengths: dict[str, float] | None = None
    extensions: list[list[str]] | None = None
    credulous: list[str] | None = Field(None, description="Statements in at least one extension.")
    sceptical: list[str] | None = Field(None, description="Statements in every extension (all of them when there is none).")
    task: str | None = Field(None, description="The ICCMA task asked (DC, DS, SE), if one was.")
    argument: str | None = Field(None, description="The statement a DC or DS task asks about.")
    answer: bool | None = Field(None, description="The answer to a DC or DS task.")
    relation_labels: dict[str, Label] | None = None
    relation_strengths: dict[str, float] | None = None
    iterations: int | None = None
    converged: bool | None = None

    def overlay(self) -> dict[str, str | float]:
        """The per-statement result as the renderer's ``overlay`` option takes it."""
        if self.labels is not None:
            return dict(self.labels)
        return dict(self.strengths or {})

    def rows(self) -> list[dict[str, Any]]:
        """One row per statement: ``statement``, and ``label``, ``strength``, ``credulous`` where computed."""
        rows: list[dict[str, Any]] = []
        credulous = set(self.credulous or ())
        for sid in dict.fromkeys([*(self.labels or {}), *(self.strengths or {})]):
            row: dict[str, Any] = {"statement": sid}
            if self.labels is not None:
                row["label"] = self.labels.get(sid)
            if self.strengths is not None:
                row["strength"] = self.strengths.get(sid)
            if self.credulous is not None:
                row["credulous"] = sid in credulous
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        """The :meth:`rows` as a pandas DataFrame indexed by statement (pandas is optional)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Evaluation.to_pandas() needs pandas, which is not installed (pip install pandas)") from None
        return pd.DataFrame(self.rows()).set_index("statement")

    def _repr_html_(self) -> str:
        """A table for notebooks, every value escaped."""
        import html

        rows = self.rows()
        cols = list(rows[0]) if rows else ["statement"]

        def cell(value: Any) -> str:
            return html.escape(f"{value:.3f}" if isinstance(value, float) else "" if value is None else str(value))

        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{cell(r.get(c))}</td>" for c in cols) + "</tr>" for r in rows)
        caption = html.escape(f"{self.semantics} semantics")
        return f'<table class="argmap-evaluation"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def prepare(subject: ArgumentMap | Framework, *, default_base_score: float = 0.5) -> Translation:
    """The framework of a map (translated) or of a framework (as it is)."""
    if isinstance(subject, ArgumentMap):
        return to_framework(subject, default_base_score=default_base_score)
    if isinstance(subject, Framework):
        return Translation(subject)
    raise ArgmapError(f"expected an ArgumentMap or a Framework, not {type(subject).__name__}")


def evaluate(
    subject: ArgumentMap | Framework,
    semantics: str = "grounded",
    *,
    default_base_score: float = 0.5,
    limit: int | None = 1000,
    timeout: float | None = 60.0,
    task: str | None = None,
    argument: str | None = None,
    **options: Any,
) -> Evaluation:
    """Evaluate a map or a framework under one semantics.

    Parameters
    ----------
    subject
        An :class:`~argmap.model.ArgumentMap` (translated as in ``docs/evaluation.md``) or a
        :class:`~argmap.semantics.framework.Framework`.
    semantics
        ``grounded``, ``complete``, ``preferred``, ``stable``, ``semi-stable``, ``ideal`` (labels and
        extensions) or ``dfquad``, ``qe`` (strengths).
    default_base_score
        The base score of statements without ``base_score`` (gradual semantics).
    limit, timeout
        Bounds on the number of extensions and the solver's seconds; past them
        :class:`~argmap.errors.LimitExceededError` is raised.
    task, argument
        An ICCMA task instead of the full evaluation: ``"DC"`` / ``"DS"`` (is ``argument``
        credulously / sceptically accepted? in ``answer``) or ``"SE"`` (one extension, in
        ``extensions``), solved without enumerating the extensions.
    **options
        For the gradual semantics: ``step``, ``tolerance``, ``max_iterations``.

    Examples
    --------
    >>> from argmap import ArgumentMap
    >>> m = ArgumentMap.model_validate({"statements": [{"id": "c", "claim": "C"},
    ...     {"id": "o", "claim": "Objection"}, {"id": "r", "claim": "Reply"}],
    ...     "relations": [{"attack": "o", "target": "c"}, {"attack": "r", "target": "o"}]})
    >>> evaluate(m).labels
    {'c': 'IN', 'o': 'OUT', 'r': 'IN'}
    >>> round(evaluate(m, "dfquad").strengths["c"], 3)
    0.375
    """
    if semantics not in SEMANTICS:
        raise ArgmapError(f"unknown semantics '{semantics}'; choose one of {', '.join(SEMANTICS)}")
    tr = prepare(subject, default_base_score=default_base_score)
    fw = tr.framework
    k = fw.n_statements
    names = fw.names
    if task is not None and semantics in gradual.GRADUAL_SEMANTICS:
        raise ArgmapError(f"tasks (DC, DS, SE) need a Dung semantics, not '{semantics}'")
    if semantics in gradual.GRADUAL_SEMANTICS:
        unknown = set(options) - {"step", "tolerance", "max_iterations"}
        if unknown:
            raise ArgmapError(f"unknown option(s) for {semantics}: {', '.join(sorted(unknown))}")
        res = gradual.strengths(fw, semantics, inferences=inferences(tr), **options)  # type: ignore[arg-type]
        return Evaluation(
            semantics=semantics,
            strengths={names[i]: res.strengths[i] for i in range(k)},
            relation_strengths={rid: res.strengths[i] for rid, i in tr.relation_arguments.items()} or None,
            iterations=res.iterations,
            converged=res.converged,
        )
    if options:
        raise ArgmapError(f"unknown option(s) for {semantics}: {', '.join(sorted(options))}")
    label = describe(subject)
    if task is not None:
        return _task(fw, semantics, task, argument, timeout=timeout, label=label)
    exts_idx, merged = dung_labelling(fw, semantics, limit=limit, timeout=timeout, label=label)
    labels = relation_labels = None
    if merged is not None:
        labels = {names[i]: _NAMES[merged[i]] for i in range(k)}
        relation_labels = {rid: _NAMES[merged[i]] for rid, i in tr.relation_arguments.items()} or None
    projected = sorted({tuple(names[i] for i in e if i < k) for e in exts_idx}, key=lambda e: (len(e), e))
    credulous = sorted({nm for e in projected for nm in e})
    sceptical = sorted(set.intersection(*(set(e) for e in projected))) if projected else list(fw.statement_names())
    return Evaluation(
        semantics=semantics,
        labels=labels,
        extensions=[list(e) for e in projected],
        credulous=credulous,
        sceptical=sceptical,
        relation_labels=relation_labels,
    )


def describe(subject: ArgumentMap | Framework) -> str:
    """How an error names the user's input: the map by id and size, or the framework."""
    if isinstance(subject, ArgumentMap):
        return f"map '{subject.id}' ({len(subject.statements)} statements, {len(subject.relations)} relations)"
    return repr(subject)


def _task(fw: Framework, semantics: str, task: str, argument: str | None, *, timeout: float | None, label: str) -> Evaluation:
    from argmap.semantics import tasks

    task = task.upper()
    if task == "SE":
        one = tasks.some_extension(fw, semantics, timeout=timeout, label=label)
        exts = [] if one is None else [[fw.names[i] for i in one if i < fw.n_statements]]
        return Evaluation(semantics=semantics, task="SE", extensions=exts)
    if task not in ("DC", "DS"):
        raise ArgmapError(f"unknown task '{task}'; choose DC, DS or SE (or none for the full evaluation)")
    if argument is None:
        raise ArgmapError(f"task {task} needs an argument: the id of the statement it asks about")
    idx = fw.index(argument)
    if idx >= fw.n_statements:
        raise NotFoundError(f"unknown statement '{argument}'", id=argument)
    call = tasks.credulous if task == "DC" else tasks.sceptical
    answer = call(fw, idx, semantics, timeout=timeout, label=label)
    return Evaluation(semantics=semantics, task=task, argument=argument, answer=answer)


def dung_labelling(
    fw: Framework, semantics: str, *, limit: int | None = 1000, timeout: float | None = 60.0, label: str | None = None
) -> tuple[list[list[int]], bytearray | None]:
    """The extensions of ``fw`` and the labelling of every argument (sceptical if several; None if none)."""
    if semantics == "grounded":
        labelling = dung.grounded_labelling(fw)
        return [[i for i, c in enumerate(labelling) if c == dung.IN]], labelling
    exts = dung.extensions(fw, semantics, limit=limit, timeout=timeout, label=label)
    if not exts:
        return exts, None
    return exts, _sceptical_labelling([dung.labelling_of(fw, e) for e in exts])


def _sceptical_labelling(labellings: list[bytearray]) -> bytearray:
    first = labellings[0]
    if len(labellings) == 1:
        return first
    merged = bytearray(first)
    for lab in labellings[1:]:
        for i, code in enumerate(lab):
            if merged[i] != code:
                merged[i] = dung.UNDEC
    return merged


def accepted(
    subject: ArgumentMap | Framework,
    id: str,  # noqa: A002 - the domain word
    semantics: str = "grounded",
    *,
    mode: Literal["credulous", "sceptical"] = "sceptical",
    timeout: float | None = 60.0,
) -> bool:
    """Whether statement (or argument) ``id`` is accepted credulously or sceptically under a Dung semantics.

    Examples
    --------
    >>> fw = Framework(["a", "b"], [("a", "b"), ("b", "a")])
    >>> accepted(fw, "a", "preferred", mode="credulous"), accepted(fw, "a", "preferred")
    (True, False)
    """
    if semantics not in dung.DUNG_SEMANTICS:
        raise ArgmapError(f"acceptance needs a Dung semantics ({', '.join(dung.DUNG_SEMANTICS)}), not '{semantics}'")
    fw = prepare(subject).framework
    idx = fw.index(id)
    if idx >= fw.n_statements:
        raise NotFoundError(f"unknown statement '{id}'", id=id)
    return dung.is_accepted(fw, idx, semantics, mode=mode, timeout=timeout, label=describe(subject))
