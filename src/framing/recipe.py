"""Training settings chosen from the data size (``training.recipe``), for retraining on few labels.

``training.recipe`` (``framing train``'s YAML, or ``TrainingConfig``):

- ``manual`` (default): the config is used exactly as written.
- ``heads``: the few-shot recipe. The encoder stays frozen (``model.finetune: heads``): every text is
  encoded once into the feature cache and only the linear heads are trained, from weights initialised
  with the encoded label descriptions (``label_init``), with strong L2 regularisation and a fixed number
  of optimiser steps (a few hundred; an epoch over cached features costs milliseconds).
- ``lora``: low-rank adapters + heads (the library's default fine-tuning), with the number of epochs
  scaled so that a small training set still gets enough optimiser steps.
- ``auto``: ``heads`` below ``training.recipe_lora_rows_per_label`` labelled rows per label, ``lora`` at
  or above it.

"Rows per label" is, for each task, the number of annotated rows divided by the number of labels
(single-label) or the mean number of positives per label (multi-label); the smallest over the tasks
counts. Both recipes add the lexical component (``framing.lexical``: TF-IDF + logistic regression mixed into the
encoder's log-odds) when the config has no ``lexical`` section. With a dev split its weight is chosen there,
as for any model; without one it is fixed at ``RECIPE_LEXICAL_WEIGHT`` (0.5) per task, the weight that was
best on average over the few-shot benchmark's dev splits (see ``RECIPE_LEXICAL_WEIGHT``).

``training.recipe_overrides`` (a mapping of ``TrainingConfig`` field names, plus ``finetune``, and
``lexical``: ``false`` for no lexical component or a number for its fixed weight) replaces any value the
recipe would choose. What was resolved, and why, is returned as ``facts`` and
saved with the model (``metrics.json``: ``recipe``; ``training_config.json`` holds the resolved config).
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import ConfigError

if TYPE_CHECKING:
    from framing.classifier import Classifier
    from framing.config import ExperimentConfig, LexicalConfig
    from framing.data import LabelledSet
    from framing.tasks import Task

logger = logging.getLogger("framing")

#: The few-shot heads recipe: optimiser steps, batch size, learning rate and weight decay (measured on
#: the dev splits of the few-shot benchmark; see BENCHMARKS.md, "Few-shot retraining").
HEADS_STEPS = 300
HEADS_BATCH = 32
HEADS_WEIGHT_DECAY = 0.1
#: Learning rate by labelled rows per label: (below this many rows per label, learning rate). With very few
#: rows a small rate keeps the heads near their label-description initialisation; with more, a larger one
#: lets the data move them (dev macro-F1, 3 seeds: GVFC K=8 52.8 -> 56.4 with 1e-3; K=32 65.9 with 1e-2 vs 59.5).
HEADS_LR_BY_ROWS = ((12.0, 1e-3), (24.0, 3e-3), (float("inf"), 1e-2))
#: Lexical mixing weight when there is no dev split to choose it on. Dev macro-F1 of the heads recipe, mean
#: over GVFC, narrative frames, FIGNEWS EN and AllSides at K = 8-64 (3 seeds each): encoder alone 45.0;
#: weight 0.2 / 0.35 / 0.5 / 0.65 / 0.8: 46.6 / 47.5 / 47.9 / 47.5 / 46.1 (BENCHMARKS.md, "Few-shot retraining").
RECIPE_LEXICAL_WEIGHT = 0.5
#: LoRA recipe: at least this many optimiser steps, at most this many epochs.
LORA_MIN_STEPS = 150
LORA_MAX_EPOCHS = 20


def rows_per_label(data: LabelledSet, tasks: Sequence[Task]) -> float:
    """Labelled rows per label, the smallest over the tasks (see the module docstring)."""
    out = []
    for t in tasks:
        arr = data.targets[t.name][data.annotated(t.name)]
        if t.kind == "single_label":
            out.append(len(arr) / t.num_labels)
        else:
            out.append(float(arr.sum(0).mean()) if len(arr) else 0.0)
    return float(min(out)) if out else 0.0


def resolve_recipe(config: ExperimentConfig, data: LabelledSet, tasks: Sequence[Task]) -> tuple[ExperimentConfig, dict[str, Any]]:
    """The config to train with (``recipe`` resolved into concrete settings) and the facts of the choice."""
    tc = config.training
    if tc.recipe == "manual":
        return config, {"recipe": "manual"}
    per_label = rows_per_label(data, tasks)
    chosen = tc.recipe
    if chosen == "auto":
        chosen = "lora" if per_label >= tc.recipe_lora_rows_per_label else "heads"
    n = len(data)
    if chosen == "heads":
        batch = max(1, min(HEADS_BATCH, n))
        steps_per_epoch = int(np.ceil(n / batch))
        settings: dict[str, Any] = {"finetune": "heads", "batch_size": batch,
                                    "epochs": float(max(1, int(np.ceil(HEADS_STEPS / steps_per_epoch)))),
                                    "learning_rate": next(lr for below, lr in HEADS_LR_BY_ROWS if per_label < below),
                                    "weight_decay": HEADS_WEIGHT_DECAY,
                                    "warmup_ratio": 0.0, "label_init": True}
    else:
        batch = tc.batch_size
        steps_per_epoch = max(1, int(np.ceil(n / batch)))
        settings = {"finetune": "lora", "epochs": float(min(LORA_MAX_EPOCHS, max(tc.epochs, np.ceil(LORA_MIN_STEPS / steps_per_epoch)))),
                    "label_init": True}
    if config.data.dev is None:
        settings["early_stopping_patience"] = 0  # nothing to stop on: train the fixed budget
    overrides = dict(tc.recipe_overrides)
    lexical_choice = overrides.pop("lexical", True)
    unknown = set(overrides) - {f.name for f in dataclasses.fields(tc)} - {"finetune"}
    if unknown:
        raise ConfigError(f"training.recipe_overrides: unknown key(s) {sorted(unknown)}; use training.* field names, "
                          "'finetune' or 'lexical'.")
    settings.update(overrides)
    model = dataclasses.replace(config.model, finetune=settings.pop("finetune"))
    training = dataclasses.replace(tc, recipe="manual", **settings)
    lexical = _recipe_lexical(config, tasks, lexical_choice)
    facts = {"recipe": tc.recipe, "chosen": chosen, "rows_per_label": round(per_label, 2), "train_rows": n,
             "lora_rows_per_label": tc.recipe_lora_rows_per_label, "finetune": model.finetune,
             "settings": {k: getattr(training, k) for k in ("epochs", "batch_size", "learning_rate", "weight_decay",
                                                            "warmup_ratio", "early_stopping_patience", "label_init")},
             "lexical": None if lexical is None else
             ("from the config" if lexical is config.lexical else (lexical.weights or "chosen on dev")),
             "overrides": dict(tc.recipe_overrides)}
    logger.info("recipe %s: %.1f labelled rows per label -> %s (%s; lexical %s)", tc.recipe, per_label, chosen,
                facts["settings"], facts["lexical"])
    return dataclasses.replace(config, model=model, training=training, lexical=lexical), facts


def _recipe_lexical(config: ExperimentConfig, tasks: Sequence[Task], choice: Any) -> LexicalConfig | None:
    """The lexical section to train with: the config's own, none (``lexical: false``), or the recipe's."""
    from framing.config import LexicalConfig

    if config.lexical is not None:
        return config.lexical
    if choice is False:
        return None
    if choice is True:
        weight = RECIPE_LEXICAL_WEIGHT
    elif isinstance(choice, (int, float)) and 0.0 <= choice < 1.0:
        weight = float(choice)
    else:
        raise ConfigError(f"training.recipe_overrides.lexical must be true, false or a weight in [0, 1), got {choice!r}.")
    # with a dev split the weight is chosen there unless the override fixed it
    fixed = config.data.dev is None or not isinstance(choice, bool)
    return LexicalConfig(weights={t.name: weight for t in tasks} if fixed else None)


def description_texts(task: Task) -> list[str]:
    """One text per label: its description, or the label name with ``_`` read as spaces."""
    return [task.descriptions.get(lab) or lab.replace("_", " ") for lab in task.labels]


def init_heads_from_descriptions(clf: Classifier, tasks: Sequence[Task], scale: float = 10.0) -> None:
    """Initialise each head so that a passage scores high on the labels whose description it resembles.

    Each label's description is encoded with the (frozen) encoder; the mean over the task's labels is
    removed and the rest normalised, so the weight of label ``l`` is ``scale * e_l / (|e_l| * r)`` with
    ``r`` the mean norm of the encoded descriptions (the features' scale), and the bias puts the mean
    description at logit 0. Training starts from this zero-shot classifier instead of from noise.
    """
    import torch

    for t in tasks:
        emb = clf.embed(description_texts(t)).astype(np.float64)
        centre = emb.mean(0, keepdims=True)
        diff = emb - centre
        norms = np.linalg.norm(diff, axis=1, keepdims=True)
        radius = float(np.linalg.norm(emb, axis=1).mean()) or 1.0
        w = scale * diff / np.maximum(norms, 1e-9) / radius
        b = -(w @ centre[0])
        head = clf.model.heads[t.name]
        with torch.no_grad():
            head.weight.copy_(torch.from_numpy(w).to(head.weight.dtype))
            head.bias.copy_(torch.from_numpy(b).to(head.bias.dtype))


__all__ = ["resolve_recipe", "rows_per_label", "init_heads_from_descriptions", "description_texts"]
