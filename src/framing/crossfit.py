"""Calibration without a dev split: temperatures fitted on out-of-fold (cross-fitted) logits.

With a few labelled examples per label there is no dev split to fit temperatures on, and the scores of
heads trained for a fixed number of steps are not calibrated: on the few-shot benchmark their logits are
far larger than the lexical component's, so a fixed mixing weight of 0.5 meant mostly the encoder.
When ``finetune: heads`` trains without ``data.dev`` (and ``training.calibrate`` is on), the training
rows are split into ``CROSSFIT_FOLDS`` folds; for each fold the heads (from the same initialisation)
and the lexical component are fitted on the other folds and score the held-out one. Every training
row then has logits from models that did not see it: each task's temperature, and the lexical
component's, are fitted on those, exactly as they would be on a dev split. The saved model is still
the one trained on all rows. It costs ``CROSSFIT_FOLDS`` more head trainings on cached features
(about a second each at few-shot sizes).

Measured on the few-shot benchmark's dev splits (heads recipe, lexical weight 0.5, 2 seeds, K = 8-64):
mean dev macro-F1 47.9 with temperatures of 1, 48.9 with cross-fitted temperatures (AllSides +2.7,
FIGNEWS +1.1, GVFC +1.1, narrative frames -0.9; BENCHMARKS.md, "Few-shot retraining").

>>> oof = out_of_fold_logits(clf, tasks, features, train_set, None, training_config, init_state)  # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.data import LabelledSet

if TYPE_CHECKING:
    from framing.classifier import Classifier
    from framing.config import LexicalConfig
    from framing.tasks import Task

#: Folds of the training rows; below ``CROSSFIT_MIN_ROWS`` rows nothing is cross-fitted (temperatures stay 1).
CROSSFIT_FOLDS = 4
CROSSFIT_MIN_ROWS = 8


def fold_ids(n: int, folds: int, seed: int) -> np.ndarray:
    """A seeded fold number per row, sizes within one of each other."""
    return np.random.default_rng(seed).permutation(n) % folds


def subset(data: LabelledSet, rows: np.ndarray) -> LabelledSet:
    return LabelledSet([data.ids[i] for i in rows], [data.texts[i] for i in rows],
                       {name: y[rows] for name, y in data.targets.items()})


def folds_of(n: int, folds: int, seed: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(training rows, held-out rows) for each fold of ``fold_ids``."""
    fold = fold_ids(n, folds, seed)
    for f in range(folds):
        yield np.flatnonzero(fold != f), np.flatnonzero(fold == f)


def out_of_fold_logits(
    clf: Classifier,
    tasks: Sequence[Task],
    x: np.ndarray,
    data: LabelledSet,
    soft: dict[str, np.ndarray] | None,
    tc: Any,
    init_state: dict[str, Any],
    folds: int = CROSSFIT_FOLDS,
) -> dict[str, np.ndarray] | None:
    """Each training row's head logits from heads trained without its fold (None when too few rows).

    ``init_state`` is the heads' state before training (e.g. the label-description initialisation); the
    heads are left in the state they had when this was called.
    """
    from framing.training import fit_heads, head_logits

    if len(data) < max(CROSSFIT_MIN_ROWS, folds):
        return None
    final_state = {k: v.detach().clone() for k, v in clf.model.heads.state_dict().items()}
    out = {t.name: np.zeros((len(data), t.num_labels), dtype=np.float32) for t in tasks}
    try:
        for train_rows, held in folds_of(len(data), folds, tc.seed):
            clf.model.heads.load_state_dict(init_state)
            part_soft = {n: s[train_rows] for n, s in soft.items()} if soft is not None else None
            fit_heads(clf, tasks, x[train_rows], subset(data, train_rows), part_soft, None, None, tc, False)
            for name, z in head_logits(clf, x[held]).items():
                out[name][held] = z
    finally:
        clf.model.heads.load_state_dict(final_state)
        clf.model.eval()
    return out


def out_of_fold_lexical(data: LabelledSet, tasks: Sequence[Task], config: LexicalConfig, seed: int,
                        folds: int = CROSSFIT_FOLDS) -> dict[str, np.ndarray]:
    """Each training row's lexical logits from a lexical component fitted without its fold."""
    from framing.lexical import LexicalModel

    out = {t.name: np.zeros((len(data), t.num_labels), dtype=np.float32) for t in tasks}
    for train_rows, held in folds_of(len(data), folds, seed):
        part = subset(data, train_rows)
        try:
            lex = LexicalModel.fit(part.texts, part.targets, tasks, config, seed)
        except ValueError:  # the fold's texts give no vocabulary: its rows keep logits of 0 (uninformative)
            continue
        for name, u in lex.logits([data.texts[i] for i in held]).items():
            out[name][held] = u
    return out


__all__ = ["out_of_fold_logits", "out_of_fold_lexical", "CROSSFIT_FOLDS", "fold_ids", "folds_of"]
