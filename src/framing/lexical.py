"""A lexical component: TF-IDF + logistic regression scores mixed into the encoder's probabilities.

Why: on passages written apart from the training corpus (the challenge set, ``data/challenge``) a
bag of words trained on the same corpus beat every fine-tuned encoder on perspective, because loaded
words ("Artsakh", "occupied territories", "liberated lands") carry much of the side. Neither is best
alone; mixing the two, with a per-task weight chosen on the dev split, beat both on the dev split,
the test split and the challenge set (BENCHMARKS.md, "Default model v2").

The mix works on calibrated log-odds. For each task, with the encoder's logits ``z`` (the task's
temperature ``T`` fitted on them, as without this component) and the lexical logits ``u`` (their own
temperature ``T_lex``)::

    mixed = (1 - w) * z / T + w * u / T_lex

followed by softmax (single-label: the weighted geometric mean of the two distributions) or sigmoid
(multi-label, per label). ``w = 0`` gives the encoder alone. Multi-label thresholds are tuned on the
mixed probabilities. Everything is saved beside the weights: ``lexical.safetensors`` (idf, and each
task's coefficients and intercepts, float32) and ``lexical.json`` (vocabulary, tokenisation, weights,
temperatures). No pickle: the vectoriser is rebuilt from the vocabulary and idf.

>>> lex = LexicalModel.fit(texts, targets, tasks, LexicalConfig())      # doctest: +SKIP
>>> lex.logits(["Artsakh will never be Azerbaijani."])["perspective"]    # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.data import annotated_mask
from framing.errors import ModelLoadError

if TYPE_CHECKING:
    from framing.config import LexicalConfig
    from framing.tasks import Task

LEXICAL_WEIGHTS = "lexical.safetensors"
LEXICAL_CONFIG = "lexical.json"
LEXICAL_FORMAT = 1
#: Logit given to a single-label class absent from the training rows (probability ~0 before mixing).
ABSENT_LOGIT = -20.0
#: A multi-label label that is always (never) on in training gets this constant logit (negated).
CONSTANT_LOGIT = 10.0


@dataclass
class LexicalModel:
    """TF-IDF (sublinear tf, l2-normalised word n-grams) + one linear layer per task."""

    vocabulary: list[str]
    idf: np.ndarray
    coef: dict[str, np.ndarray]
    intercept: dict[str, np.ndarray]
    weights: dict[str, float] = field(default_factory=dict)
    temperatures: dict[str, float] = field(default_factory=dict)
    ngram_max: int = 2
    _vectorizer: Any = field(default=None, init=False, repr=False, compare=False)

    # ------------------------------------------------------------------ fitting
    @classmethod
    def fit(cls, texts: Sequence[str], targets: dict[str, np.ndarray], tasks: Sequence[Task],
            config: LexicalConfig, seed: int = 0) -> LexicalModel:
        """Fit the vectoriser on ``texts`` and one logistic regression per task on its annotated rows.

        ``targets`` as in :class:`framing.data.LabelledSet` (``-100`` / rows of ``-1`` where a task is
        not annotated). Mixing weights and temperatures are set later (:func:`tune_mix`).
        """
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        # Only labelled rows: unlabelled distillation-pool rows would change the vocabulary and idf.
        labelled = np.zeros(len(texts), dtype=bool)
        for t in tasks:
            labelled |= annotated_mask(targets[t.name])
        keep = np.flatnonzero(labelled)
        texts = [texts[i] for i in keep]
        targets = {t.name: targets[t.name][keep] for t in tasks}
        vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, config.ngram_max), min_df=config.min_df,
                              max_features=config.max_features, dtype=np.float32)
        try:
            x = vec.fit_transform(list(texts))
        except ValueError as exc:  # no token survives min_df, e.g. tiny or empty training texts
            raise ValueError(f"lexical: the training texts give no vocabulary ({exc}); lower lexical.min_df "
                             "or remove the lexical section.") from None
        coef: dict[str, np.ndarray] = {}
        intercept: dict[str, np.ndarray] = {}
        for t in tasks:
            y_all = targets[t.name]
            rows = np.flatnonzero(annotated_mask(y_all))
            w = np.zeros((t.num_labels, x.shape[1]), dtype=np.float32)
            b = np.zeros(t.num_labels, dtype=np.float32)
            if t.kind == "single_label":
                y = y_all[rows].astype(int)
                present = np.unique(y)
                b[:] = ABSENT_LOGIT
                if len(present) == 1:
                    b[present[0]] = 0.0
                elif len(present) > 1:
                    lr = LogisticRegression(C=config.c, class_weight="balanced", max_iter=3000, random_state=seed)
                    lr.fit(x[rows], y)
                    if len(present) == 2:  # sklearn keeps one decision row: softmax([-d/2, d/2]) = sigmoid(d)
                        w[present] = np.vstack([-lr.coef_[0] / 2, lr.coef_[0] / 2])
                        b[present] = [-lr.intercept_[0] / 2, lr.intercept_[0] / 2]
                    else:
                        w[present], b[present] = lr.coef_, lr.intercept_
            else:
                y = y_all[rows] > 0.5
                for j in range(t.num_labels):
                    col = y[:, j]
                    if col.all() or not col.any():
                        b[j] = CONSTANT_LOGIT if col.all() and len(col) else -CONSTANT_LOGIT
                        continue
                    lr = LogisticRegression(C=config.c, class_weight="balanced", max_iter=3000, random_state=seed)
                    lr.fit(x[rows], col.astype(int))
                    w[j], b[j] = lr.coef_[0], lr.intercept_[0]
            coef[t.name], intercept[t.name] = w, b
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        return cls(vocab, vec.idf_.astype(np.float32), coef, intercept, ngram_max=config.ngram_max)

    # ------------------------------------------------------------------ scoring
    def _vec(self) -> Any:
        if self._vectorizer is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, self.ngram_max), dtype=np.float32,
                                  vocabulary={term: i for i, term in enumerate(self.vocabulary)})
            vec.idf_ = self.idf  # sklearn rebuilds its idf diagonal from this; no fitting needed
            self._vectorizer = vec
        return self._vectorizer

    def logits(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Raw lexical logits per task, shape ``(len(texts), num_labels)``; empty texts are fine."""
        x = self._vec().transform(list(texts))
        return {name: np.asarray(x @ w.T, dtype=np.float32) + self.intercept[name] for name, w in self.coef.items()}

    def mix(self, task: Task, logits: np.ndarray, lexical_logits: np.ndarray, weight: float | None = None) -> np.ndarray:
        """Calibrated probabilities of ``task`` from the encoder's and the lexical logits (module docstring)."""
        from framing.classifier import _probabilities  # the task's softmax/sigmoid at its temperature

        w = self.weights.get(task.name, 0.0) if weight is None else weight
        z = logits.astype(np.float64)
        if w:
            # _probabilities divides by the task temperature T: this gives (1-w) z/T + w u/T_lex
            z = (1.0 - w) * z + w * task.temperature / self.temperatures.get(task.name, 1.0) * lexical_logits.astype(np.float64)
        return _probabilities(task, z)

    # ------------------------------------------------------------------ persistence
    def save(self, directory: str | os.PathLike[str]) -> None:
        from safetensors.numpy import save_file

        directory = Path(directory)
        tensors = {"idf": self.idf.astype(np.float32)}
        for name in self.coef:
            tensors[f"coef.{name}"] = np.ascontiguousarray(self.coef[name], dtype=np.float32)
            tensors[f"intercept.{name}"] = np.ascontiguousarray(self.intercept[name], dtype=np.float32)
        save_file(tensors, str(directory / LEXICAL_WEIGHTS))
        meta = {"format": LEXICAL_FORMAT, "kind": "tfidf-logreg", "ngram_max": self.ngram_max,
                "sublinear_tf": True, "lowercase": True, "token_pattern": r"(?u)\b\w\w+\b",
                "tasks": list(self.coef), "weights": self.weights, "temperatures": self.temperatures,
                "vocabulary": self.vocabulary}
        (directory / LEXICAL_CONFIG).write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> LexicalModel | None:
        """The lexical component saved in ``directory``, or None when the model has none."""
        directory = Path(directory)
        cfg_path, weights_path = directory / LEXICAL_CONFIG, directory / LEXICAL_WEIGHTS
        if not cfg_path.is_file() and not weights_path.is_file():
            return None
        if not (cfg_path.is_file() and weights_path.is_file()):
            missing = LEXICAL_WEIGHTS if cfg_path.is_file() else LEXICAL_CONFIG
            raise ModelLoadError(f"{directory}: the lexical component is incomplete ({missing} is missing); "
                                 "re-copy the model directory or re-save the model.")
        from safetensors import SafetensorError
        from safetensors.numpy import load_file

        try:
            meta = json.loads(cfg_path.read_text(encoding="utf-8"))
            tensors = load_file(str(weights_path))
        except (SafetensorError, OSError, ValueError) as exc:
            raise ModelLoadError(f"{directory}: the lexical component could not be read ({exc}); "
                                 "re-copy the model directory.") from exc
        if meta.get("format") != LEXICAL_FORMAT:
            raise ModelLoadError(f"{cfg_path}: lexical format {meta.get('format')!r}, expected {LEXICAL_FORMAT}; "
                                 "upgrade framing or retrain the model.")
        coef = {n: tensors[f"coef.{n}"] for n in meta["tasks"]}
        if any(c.shape[1] != len(meta["vocabulary"]) for c in coef.values()) or len(tensors["idf"]) != len(meta["vocabulary"]):
            raise ModelLoadError(f"{directory}: lexical vocabulary and weights disagree in size; the files come "
                                 "from different models. Re-copy the model directory.")
        return cls(meta["vocabulary"], tensors["idf"], coef, {n: tensors[f"intercept.{n}"] for n in meta["tasks"]},
                   {k: float(v) for k, v in meta["weights"].items()},
                   {k: float(v) for k, v in meta["temperatures"].items()}, int(meta["ngram_max"]))


def tune_mix(lex: LexicalModel, tasks: Sequence[Task], logits: dict[str, np.ndarray],
             lexical_logits: dict[str, np.ndarray], targets: dict[str, np.ndarray],
             fixed: dict[str, float] | None = None,
             grid: Sequence[float] = tuple(np.round(np.arange(0.0, 0.91, 0.1), 2))) -> dict[str, dict[str, float]]:
    """Fit each task's lexical temperature and choose its mixing weight on dev (in place).

    ``fixed`` weights (``lexical.weights`` in the config) are kept as given; they are still scored.

    The weight maximises the task's dev score: macro-F1 (single-label) or micro-F1 at thresholds
    tuned for that weight (multi-label). Returns the dev score of every weight tried, per task.
    """
    import dataclasses

    from framing.evaluation import task_metrics
    from framing.training import fit_temperature, tune_thresholds

    by_weight: dict[str, dict[str, float]] = {}
    for t in tasks:
        y = targets[t.name]
        lex.temperatures[t.name] = fit_temperature(t, lexical_logits[t.name], y)
        scores: dict[str, float] = {}
        for w in grid:
            p = lex.mix(t, logits[t.name], lexical_logits[t.name], float(w))
            if t.kind == "multi_label":
                m = task_metrics(dataclasses.replace(t, thresholds=tune_thresholds(t, p, y)), p, y)
                scores[f"{w:.1f}"] = float(m.get("micro_f1", 0.0))
            else:
                scores[f"{w:.1f}"] = float(task_metrics(t, p, y).get("macro_f1", 0.0))
        # ties go to the smaller weight: the encoder alone unless the bag of words measurably helps
        best = max(scores, key=lambda k: (round(scores[k], 6), -float(k)))
        lex.weights[t.name] = float(fixed[t.name]) if fixed and t.name in fixed else float(best)
        by_weight[t.name] = scores
    return by_weight


__all__ = ["LexicalModel", "tune_mix", "LEXICAL_WEIGHTS", "LEXICAL_CONFIG"]
