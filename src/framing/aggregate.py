"""Passage scores -> article and document scores, and the optional document-context mix.

Pure numpy over probability arrays, so the same code serves ``Classifier.predict_documents``, the
``framing predict --documents`` pipeline and a distributed run.

* Pooling (``mode``): ``mean`` averages passage probabilities weighted by passage length in words;
  ``max`` takes each label's highest passage probability (a single-label task then takes the argmax
  of those maxima, whose scores need not sum to 1).
* Boilerplate passages (``framing.boilerplate``) are left out of every aggregate unless
  ``keep_boilerplate``; an article or document with no passage left gets an empty prediction.
* Context mix (off by default): with weight ``w`` > 0 (one for all tasks, or one per task) every
  counted passage's probabilities become
  ``p' ∝ p^(1-w) * c^w`` per task, where ``c`` is the length-weighted mean of the counted passages of
  its article (of its document when the article has none). Single-label tasks renormalise over the
  labels; multi-label tasks apply the mix to each label's Bernoulli pair (p, 1-p). Aggregates are
  computed from the unmixed passage probabilities.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from framing.results import Prediction, TaskPrediction
from framing.tasks import Task

_EPS = 1e-9


def make_prediction(tasks: Sequence[Task], probs: Mapping[str, np.ndarray]) -> Prediction:
    """A Prediction from one probability vector per task (argmax, or the task's thresholds)."""
    out = {}
    for t in tasks:
        p = probs[t.name]
        scores = {lab: float(p[j]) for j, lab in enumerate(t.labels)}
        if t.kind == "single_label":
            labels: tuple[str, ...] = (t.labels[int(np.argmax(p))],)
        else:
            labels = tuple(lab for lab in t.labels if scores[lab] >= t.thresholds[lab])
        out[t.name] = TaskPrediction(t.name, t.kind, labels, scores)
    return Prediction(out)


def empty_prediction(tasks: Sequence[Task]) -> Prediction:
    return Prediction({t.name: TaskPrediction(t.name, t.kind, (), {}) for t in tasks}, empty=True)


def pool(block: np.ndarray, weights: np.ndarray, mode: str = "mean") -> np.ndarray:
    """Pool passage rows ``block`` (n, labels) into one vector: weighted mean or max."""
    block = block.astype(np.float64)
    if mode == "max":
        return block.max(0)
    if mode != "mean":
        raise ValueError(f"aggregate must be 'mean' or 'max', got {mode!r}.")
    w = weights.astype(np.float64)
    return (block * w[:, None]).sum(0) / max(float(w.sum()), _EPS)


def context_mix(p: np.ndarray, ctx: np.ndarray, weight: float, kind: str) -> np.ndarray:
    """Mix passage probabilities ``p`` (n, labels) with context probabilities ``ctx`` (labels,).

    ``p^(1-w) * ctx^w``, renormalised over labels (single-label) or over each label's Bernoulli pair
    (multi-label). ``weight`` 0 returns ``p`` unchanged.
    """
    if weight <= 0:
        return p
    if not 0 < weight <= 1:
        raise ValueError(f"context weight must be in [0, 1], got {weight}.")
    lp = np.log(np.clip(p.astype(np.float64), _EPS, 1.0))
    lc = np.log(np.clip(ctx.astype(np.float64), _EPS, 1.0))[None, :]
    if kind == "single_label":
        z = (1 - weight) * lp + weight * lc
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(p.dtype)
    lq = np.log(np.clip(1.0 - p.astype(np.float64), _EPS, 1.0))
    lqc = np.log(np.clip(1.0 - ctx.astype(np.float64), _EPS, 1.0))[None, :]
    a = (1 - weight) * lp + weight * lc
    b = (1 - weight) * lq + weight * lqc
    return (1.0 / (1.0 + np.exp(b - a))).astype(p.dtype)


def aggregate_groups(
    probs: Mapping[str, np.ndarray],
    weights: np.ndarray,
    counted: np.ndarray,
    groups: np.ndarray,
    mode: str = "mean",
) -> tuple[dict[str, np.ndarray] | None, dict[int, dict[str, np.ndarray] | None]]:
    """Document and per-group (article) pooled probabilities over the ``counted`` rows.

    Returns ``(document, {group: pooled})``; ``None`` where no row is counted.
    """
    def pooled(mask: np.ndarray) -> dict[str, np.ndarray] | None:
        if not mask.any():
            return None
        return {name: pool(v[mask], weights[mask], mode) for name, v in probs.items()}

    doc = pooled(counted)
    per = {int(g): pooled(counted & (groups == g)) for g in np.unique(groups)}
    return doc, per


def mix_passages(
    tasks: Sequence[Task],
    probs: Mapping[str, np.ndarray],
    weights: np.ndarray,
    counted: np.ndarray,
    groups: np.ndarray,
    weight: float | Mapping[str, float],
) -> dict[str, np.ndarray]:
    """The context mix (module docstring) applied to the counted rows; other rows are unchanged.

    ``weight`` is one weight for every task or a weight per task name (a missing task gets 0).
    """
    per_task = {t.name: float(weight.get(t.name, 0.0) if isinstance(weight, Mapping) else weight) for t in tasks}
    if max(per_task.values(), default=0.0) <= 0 or not counted.any():
        return dict(probs)
    doc, per = aggregate_groups(probs, weights, counted, groups, "mean")
    out = {name: v.copy() for name, v in probs.items()}
    for g in np.unique(groups[counted]):
        ctx = per.get(int(g)) or doc
        rows = counted & (groups == g)
        for t in tasks:
            out[t.name][rows] = context_mix(probs[t.name][rows], ctx[t.name], per_task[t.name], t.kind)  # type: ignore[index]
    return out


def mix_documents(
    tasks: Sequence[Task],
    probs: Mapping[str, np.ndarray],
    texts: Sequence[str],
    doc_ids: Sequence[str],
    weight: float | Mapping[str, float],
) -> dict[str, np.ndarray]:
    """The context mix over flat passage rows grouped by ``doc_ids`` (every row counted, no articles).

    For labelled passage files (dev split, challenge set) whose documents are given by an id column;
    single-passage documents are unchanged. Weights are words per passage, as in ``predict_documents``.
    """
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(doc_ids):
        groups.setdefault(str(d), []).append(i)
    words = np.array([max(len(t.split()), 1) for t in texts], dtype=np.float64)
    out = {k: np.array(v, copy=True) for k, v in probs.items()}
    for rows in groups.values():
        if len(rows) < 2:
            continue
        g = np.array(rows)
        part = mix_passages(tasks, {k: v[g] for k, v in probs.items()}, words[g],
                            np.ones(len(g), dtype=bool), np.zeros(len(g), dtype=np.int64), weight)
        for k in out:
            out[k][g] = part[k]
    return out
