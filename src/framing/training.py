"""Fine-tuning with the Hugging Face ``Trainer`` (so ``torchrun``/``accelerate`` multi-GPU works unchanged).

Read it top to bottom: data -> tasks -> model -> Trainer -> calibration -> thresholds -> evaluation -> save.
"""
from __future__ import annotations

import dataclasses
import inspect
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from framing.classifier import Classifier, _probabilities
from framing.config import ExperimentConfig
from framing.data import LabelledSet, annotated_mask, build_set, build_tasks, log_data_summary, read_labelled_rows
from framing.errors import ConfigError, DataError
from framing.features import feature_cache
from framing.evaluation import evaluate_scores, predicted_labels, write_report
from framing.crossfit import CROSSFIT_FOLDS, out_of_fold_lexical, out_of_fold_logits
from framing.lexical import LexicalModel, tune_mix
from framing.modeling import IGNORE_INDEX
from framing.recipe import init_heads_from_descriptions, resolve_recipe
from framing.tasks import Task

logger = logging.getLogger("framing")


@dataclass(frozen=True)
class TrainResult:
    """What ``train`` produced: the classifier (ready for inference), where it was saved, its metrics."""

    classifier: Classifier
    output_dir: Path
    metrics: dict[str, Any]
    train_seconds: float


# ---------------------------------------------------------------------------- encoding
def encode(
    ds: LabelledSet,
    tokenizer: Any,
    tasks: Sequence[Task],
    max_length: int,
    stride: int,
    windows: bool,
    soft: dict[str, np.ndarray] | None = None,
) -> Any:
    """Tokenise into a ``datasets.Dataset``; with ``windows`` every overlapping window of a long text
    becomes a row carrying the text's labels (as at prediction time). ``soft``: a teacher's
    probabilities per task (distillation), carried the same way."""
    import datasets

    enc = tokenizer(ds.texts, truncation=True, max_length=max_length, stride=stride,
                    return_overflowing_tokens=windows, return_attention_mask=False, return_token_type_ids=False)
    owner = enc["overflow_to_sample_mapping"] if windows else list(range(len(ds)))
    cols: dict[str, Any] = {"input_ids": enc["input_ids"], "length": [len(x) for x in enc["input_ids"]]}
    for t in tasks:
        arr = ds.targets[t.name][owner]
        cols[f"labels_{t.name}"] = arr.tolist()
        if soft is not None:
            cols[f"soft_{t.name}"] = soft[t.name][owner].tolist()
    return datasets.Dataset.from_dict(cols)


class Collator:
    """Pads ``input_ids`` to the longest row of the batch and stacks the task labels."""

    def __init__(self, pad_id: int, tasks: Sequence[Task]) -> None:
        self.pad_id = pad_id
        self.tasks = tasks

    def __call__(self, rows: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
        width = max(len(r["input_ids"]) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            n = len(r["input_ids"])
            ids[i, :n] = torch.tensor(r["input_ids"])
            mask[i, :n] = 1
        batch = {"input_ids": ids, "attention_mask": mask}
        for t in self.tasks:
            key = f"labels_{t.name}"
            dtype = torch.long if t.kind == "single_label" else torch.float
            batch[key] = torch.tensor([r[key] for r in rows], dtype=dtype)
            if f"soft_{t.name}" in rows[0]:
                batch[f"soft_{t.name}"] = torch.tensor([r[f"soft_{t.name}"] for r in rows], dtype=torch.float)
        return batch


# ---------------------------------------------------------------------------- imbalance
def class_weights(ds: LabelledSet, tasks: Sequence[Task], modes: dict[str, str], cap: dict[str, float]) -> dict[str, torch.Tensor]:
    """'balanced' weights: n/(k*count) per class (single-label), negatives/positives per label (multi-label)."""
    out = {}
    for t in tasks:
        if modes[t.name] != "balanced":
            continue
        arr = ds.targets[t.name][ds.annotated(t.name)]
        if len(arr) == 0:
            continue
        if t.kind == "single_label":
            counts = np.bincount(arr, minlength=t.num_labels).astype(np.float64)
            w = len(arr) / (t.num_labels * np.maximum(counts, 1))
        else:
            pos = arr.sum(0)
            w = (len(arr) - pos) / np.maximum(pos, 1)
        out[t.name] = torch.tensor(np.clip(w, 1 / cap[t.name], cap[t.name]), dtype=torch.float)
    return out


# ---------------------------------------------------------------------------- calibration
#: Temperatures tried by :func:`fit_temperature`: the first 81 points are the old 0.25-8 grid, unchanged.
TEMPERATURE_GRID = np.exp(np.linspace(np.log(0.25), np.log(64.0), 129))


def fit_temperature(task: Task, logits: np.ndarray, target: np.ndarray) -> float:
    """Temperature minimising dev negative log-likelihood (Guo et al., 2017), by grid search."""
    keep = annotated_mask(target)
    z, y = logits[keep].astype(np.float64), target[keep]
    if len(y) < 10:
        return 1.0
    best, best_nll = 1.0, np.inf
    # 0.25-64 in equal log steps; the upper end is far above what a fine-tuned encoder needs (0.5-3), but heads
    # trained for a fixed number of steps on a few hundred rows can be that overconfident (AllSides: 8 was too low)
    for temp in TEMPERATURE_GRID:
        s = z / temp
        if task.kind == "single_label":
            s = s - s.max(1, keepdims=True)
            nll = -(s[np.arange(len(y)), y] - np.log(np.exp(s).sum(1))).mean()
        else:
            nll = (np.logaddexp(0, s) - y * s).mean()
        if nll < best_nll:
            best, best_nll = float(temp), nll
    return best


def tune_thresholds(task: Task, probs: np.ndarray, target: np.ndarray) -> dict[str, float]:
    """Per-label threshold maximising dev F1 (ties broken towards 0.5); 0.5 for labels absent from dev."""
    keep = target[:, 0] >= 0
    p, y = probs[keep].astype(np.float64), target[keep]
    grid = np.round(np.arange(0.05, 0.951, 0.025), 3)
    out = {}
    for j, lab in enumerate(task.labels):
        if y[:, j].sum() == 0:
            out[lab] = 0.5
            continue
        pred = p[:, j][None, :] >= grid[:, None]
        tp = (pred & (y[:, j] > 0)).sum(1)
        f1 = 2 * tp / np.maximum(pred.sum(1) + y[:, j].sum(), 1)
        best = np.flatnonzero(f1 >= f1.max() - 1e-9)
        out[lab] = float(grid[best[np.argmin(np.abs(grid[best] - 0.5))]])
    return out


def headline_score(task_metrics: dict[str, Any]) -> float:
    """Mean over tasks of macro-F1 (single-label) / micro-F1 (multi-label): the early-stopping metric."""
    vals = [m["macro_f1"] if m.get("kind") == "single_label" else m["micro_f1"] for m in task_metrics.values()]
    return float(np.mean(vals)) if vals else 0.0


# ---------------------------------------------------------------------------- frozen encoder, distillation
def head_logits(clf: Classifier, features: np.ndarray) -> dict[str, np.ndarray]:
    """Logits of ``clf``'s heads on cached pooled features (what ``clf.logits`` gives for those texts)."""
    clf.model.eval()
    with torch.inference_mode():
        x = torch.from_numpy(features)
        return {name: head(x).float().numpy() for name, head in clf.model.heads.items()}


def head_scores(clf: Classifier, features: np.ndarray, texts: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """Calibrated probabilities of ``clf``'s tasks on cached features of ``texts`` (what ``clf.scores`` gives).

    Without ``texts`` a lexical component is left out: the encoder and heads alone.
    """
    return clf.probabilities(head_logits(clf, features), texts)


def fit_heads(
    clf: Classifier,
    tasks: Sequence[Task],
    x: np.ndarray,
    data: LabelledSet,
    soft: dict[str, np.ndarray] | None,
    dev_x: np.ndarray | None,
    dev: LabelledSet | None,
    tc: Any,
    progress: bool,
) -> float:
    """Train only the heads on cached features (``finetune: heads``), early-stopping on the dev score.

    Same losses as the Trainer path (class weights, masks, distillation); an epoch costs milliseconds,
    so ``training.epochs`` can be in the hundreds.
    """
    model = clf.model
    params = list(model.heads.parameters())
    opt = torch.optim.AdamW(params, lr=tc.learning_rate, weight_decay=tc.weight_decay)
    gen = torch.Generator().manual_seed(tc.seed)
    xt = torch.from_numpy(x)
    targets = {t.name: torch.from_numpy(data.targets[t.name]) for t in tasks}
    softs = {t.name: torch.from_numpy(soft[t.name]) for t in tasks} if soft is not None else {}
    best, best_state, bad = -np.inf, None, 0
    epochs = int(np.ceil(tc.epochs))
    t0 = time.time()
    iterator: Any = range(epochs)
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, desc="heads", unit="epoch")
    for _ in iterator:
        model.train()
        for idx in torch.randperm(len(xt), generator=gen).split(tc.batch_size):
            batch = {f"labels_{n}": v[idx] for n, v in targets.items()}
            batch.update({f"soft_{n}": v[idx] for n, v in softs.items()})
            out = model.head_forward(xt[idx], **batch)
            opt.zero_grad()
            out["loss"].backward()
            opt.step()
        if dev is None or dev_x is None:
            continue
        m = evaluate_scores(tasks, head_scores(clf, dev_x), dev)
        score = headline_score({t.name: {**m[t.name], "kind": t.kind} for t in tasks})
        if score > best + 1e-6:
            best, bad = score, 0
            best_state = {k: v.detach().clone() for k, v in model.heads.state_dict().items()}
        else:
            bad += 1
            if tc.early_stopping_patience and bad >= tc.early_stopping_patience:
                break
    if best_state is not None:
        model.heads.load_state_dict(best_state)
    model.eval()
    logger.info("heads: best dev score %.4f", best)
    return time.time() - t0


def teacher_targets(
    config: ExperimentConfig, tasks: Sequence[Task], train_set: LabelledSet, cache_root: Path, progress: bool
) -> tuple[LabelledSet, dict[str, np.ndarray]]:
    """Add the distillation pool (no gold labels) to ``train_set`` and score every row with the teacher.

    The teacher's probabilities are cached per text, so a rerun (or a resumed run) scores nothing twice.
    """
    from framing.backbone import sha256_file
    from framing.classifier import model_directory
    from framing.features import teacher_cache

    dc = config.distill
    assert dc is not None
    teacher = Classifier.from_pretrained(dc.teacher, device=config.training.device)
    by_name = {t.name: t for t in teacher.tasks}
    for t in tasks:
        if t.name not in by_name or by_name[t.name].labels != t.labels:
            raise ConfigError(
                f"distill.teacher {dc.teacher!r} has tasks {[(x.name, list(x.labels)) for x in teacher.tasks]}; "
                f"the student's task {t.name!r} with labels {list(t.labels)} is not among them. Use a teacher "
                "trained on the same tasks and labels."
            )
    pool: list[str] = []
    for path in dc.pool:
        pool += [row[config.data.text_column] for _, row in read_labelled_rows(path, config.data.text_column)]
    seen = set(train_set.texts)
    pool = [t for t in dict.fromkeys(pool) if t not in seen and t.strip()][: dc.max_pool_rows]
    targets = {}
    for t in tasks:
        fill = np.full(len(pool), IGNORE_INDEX, dtype=np.int64) if t.kind == "single_label" else np.full((len(pool), t.num_labels), -1.0, dtype=np.float32)
        targets[t.name] = np.concatenate([train_set.targets[t.name], fill])
    merged = LabelledSet(train_set.ids + [f"pool:{i}" for i in range(len(pool))], train_set.texts + pool, targets)
    sha = sha256_file(model_directory(dc.teacher) / "model.safetensors")
    cache = teacher_cache(cache_root, teacher, sha, config.training.eval_batch_size)
    if teacher.model_config.finetune == "heads":
        # A frozen-encoder teacher scores from the shared feature cache: texts encoded for its own
        # training are not encoded again.
        features = feature_cache(cache_root, teacher, config.training.eval_batch_size)

        def from_features(texts: list[str]) -> np.ndarray:
            probs = head_scores(teacher, features.vectors(texts))
            return np.concatenate([probs[t.name] for t in teacher.tasks], axis=1)

        cache.compute = from_features
    probs = cache.vectors(merged.texts, progress)
    soft, col = {}, 0
    for t in teacher.tasks:
        soft[t.name] = probs[:, col : col + t.num_labels]
        col += t.num_labels
    logger.info("distillation: %d training rows + %d pool rows scored by %s (alpha %.2f)",
                len(train_set), len(pool), dc.teacher, dc.alpha)
    del teacher
    return merged, {t.name: soft[t.name] for t in tasks}


CONTEXT_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def tune_context_weight(
    tasks: Sequence[Task], probs: dict[str, np.ndarray], data: LabelledSet, doc_ids: Sequence[str]
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Per task, the document-context weight (``framing.aggregate``) that maximises its dev score.

    Every passage of a multi-passage dev document is mixed with its document's length-weighted mean, as
    ``predict_documents`` does; the mix acts on each task separately, so each task gets its own weight
    (macro-F1 for single-label, micro-F1 for multi-label tasks). 0 (off) wins ties: the mix is on only
    where it helps.
    """
    from framing.aggregate import mix_documents

    scores: dict[str, dict[str, float]] = {t.name: {} for t in tasks}
    for w in CONTEXT_WEIGHTS:
        m = evaluate_scores(tasks, mix_documents(tasks, probs, data.texts, doc_ids, w), data)
        for t in tasks:
            scores[t.name][str(w)] = float(m[t.name]["macro_f1" if t.kind == "single_label" else "micro_f1"])
    best = {t.name: float(max(CONTEXT_WEIGHTS, key=lambda w: (round(scores[t.name][str(w)], 6), -w))) for t in tasks}
    return best, scores


def _is_main_process() -> bool:
    return int(os.environ.get("RANK", "0")) == 0


# ---------------------------------------------------------------------------- main
def _load_split(cfg: ExperimentConfig, path: str, tasks: list[Task] | None, max_rows: int | None = None) -> tuple[list[Task], LabelledSet]:
    rows = read_labelled_rows(path, cfg.data.text_column, max_rows)
    if tasks is None:
        tasks = build_tasks(cfg.tasks, rows, path)
    return tasks, build_set(rows, tasks, cfg.tasks, cfg.data.text_column, cfg.data.id_column, path)


def _fit_trainer(
    clf: Classifier,
    config: ExperimentConfig,
    tasks: list[Task],
    train_set: LabelledSet,
    dev_set: LabelledSet | None,
    soft: dict[str, np.ndarray] | None,
    output_dir: Path,
    progress: bool,
) -> float:
    """Fine-tune (LoRA or full) with the Hugging Face ``Trainer``; returns the training seconds."""
    from transformers import EarlyStoppingCallback, Trainer, TrainingArguments

    tc, mc = config.training, config.model
    windows = config.data.long_text == "windows"
    train_ds = encode(train_set, clf.tokenizer, tasks, mc.max_length, mc.stride, windows, soft)
    dev_ds = encode(dev_set, clf.tokenizer, tasks, mc.max_length, mc.stride, False) if dev_set else None
    logger.info("training rows: %d passages -> %d model inputs", len(train_set), len(train_ds))

    def compute_metrics(ev: Any) -> dict[str, float]:
        logits = ev.predictions if isinstance(ev.predictions, tuple) else (ev.predictions,)
        labels = ev.label_ids if isinstance(ev.label_ids, tuple) else (ev.label_ids,)
        probs = {t.name: _probabilities(t, z) for t, z in zip(tasks, logits)}
        data = LabelledSet([], [], {t.name: y for t, y in zip(tasks, labels)})
        m = evaluate_scores(tasks, probs, data)
        for t in tasks:
            m[t.name]["kind"] = t.kind
        flat = {f"{t.name}_{k}": float(m[t.name][k]) for t in tasks for k in ("macro_f1", "micro_f1") if k in m[t.name]}
        flat["score"] = headline_score(m)
        return flat

    ckpt_dir = output_dir.with_name(output_dir.name + ".checkpoints")
    has_dev = dev_ds is not None
    arg_kwargs: dict[str, Any] = dict(
        output_dir=str(ckpt_dir),
        num_train_epochs=tc.epochs,
        max_steps=tc.max_steps,
        per_device_train_batch_size=tc.batch_size,
        per_device_eval_batch_size=tc.eval_batch_size,
        gradient_accumulation_steps=tc.gradient_accumulation_steps,
        learning_rate=tc.learning_rate,
        weight_decay=tc.weight_decay,
        lr_scheduler_type="linear",
        seed=tc.seed,
        data_seed=tc.seed,
        eval_strategy="epoch" if has_dev else "no",
        save_strategy="epoch" if has_dev else "no",
        save_total_limit=2,
        load_best_model_at_end=has_dev,
        metric_for_best_model="score" if has_dev else None,
        greater_is_better=True,
        logging_steps=tc.logging_steps,
        report_to=[],
        label_names=[f"labels_{t.name}" for t in tasks],
        remove_unused_columns=False,
        use_cpu=tc.device == "cpu",
        disable_tqdm=not progress,
        dataloader_num_workers=0,
    )
    # transformers 5 folded warmup_ratio into warmup_steps (a float < 1 is a ratio) and always saves safetensors.
    accepted = inspect.signature(TrainingArguments.__init__).parameters
    if "warmup_ratio" in accepted:
        arg_kwargs.update(warmup_ratio=tc.warmup_ratio, save_safetensors=True, group_by_length=tc.group_by_length)
    else:
        arg_kwargs["warmup_steps"] = tc.warmup_ratio
        arg_kwargs["train_sampling_strategy"] = "group_by_length" if tc.group_by_length else "random"
    args = TrainingArguments(**arg_kwargs)
    callbacks = [EarlyStoppingCallback(tc.early_stopping_patience)] if has_dev and tc.early_stopping_patience else []
    trainer = Trainer(model=clf.model, args=args, train_dataset=train_ds, eval_dataset=dev_ds,
                      data_collator=Collator(clf.tokenizer.pad_token_id or 0, tasks),
                      compute_metrics=compute_metrics if has_dev else None, callbacks=callbacks)
    resume = None
    if tc.resume and ckpt_dir.is_dir() and any(ckpt_dir.glob("checkpoint-*")):
        resume = True
        logger.info("resuming from the last checkpoint in %s", ckpt_dir)
    t0 = time.time()
    trainer.train(resume_from_checkpoint=resume)
    train_seconds = time.time() - t0
    clf.model = trainer.model
    clf.model.eval()

    return train_seconds


def train(config: ExperimentConfig, progress: bool = True) -> TrainResult:
    """Train, calibrate, tune thresholds, evaluate and save a model as ``config`` says.

    >>> from framing.config import ExperimentConfig            # doctest: +SKIP
    >>> result = train(ExperimentConfig.from_dict({...}))        # doctest: +SKIP
    """
    from transformers import set_seed

    if config.training.num_threads:
        torch.set_num_threads(config.training.num_threads)
    set_seed(config.training.seed)

    # 1. data and tasks; the recipe (training.recipe) may choose settings from the data size
    tasks, train_set = _load_split(config, config.data.train, None, config.data.max_train_rows)
    dev_set = _load_split(config, config.data.dev, tasks)[1] if config.data.dev else None
    test_set = _load_split(config, config.data.test, tasks)[1] if config.data.test else None
    summary = log_data_summary(train_set, dev_set, tasks)
    for t in tasks:
        if not train_set.annotated(t.name).any():
            raise DataError(f"task {t.name!r}: no training row is annotated (column {dict((c.name, c.column) for c in config.tasks)[t.name]!r}).")
    config, recipe_facts = resolve_recipe(config, train_set, tasks)
    tc, mc = config.training, config.model

    # 2. model
    cfg_by_task = {c.name: c for c in config.tasks}
    weights = class_weights(train_set, tasks, {n: c.class_weights for n, c in cfg_by_task.items()},
                            {n: c.max_class_weight for n, c in cfg_by_task.items()})
    clf = Classifier.from_config(mc, tasks, device=tc.device,
                                 loss_weights={n: c.loss_weight for n, c in cfg_by_task.items()}, class_weights=weights)
    if tc.label_init:
        init_heads_from_descriptions(clf, tasks)
    n_params = sum(p.numel() for p in clf.model.parameters())
    n_train = sum(p.numel() for p in clf.model.parameters() if p.requires_grad)
    logger.info("model: %s, finetune=%s, %.1fM parameters, %.2fM trainable", mc.backbone, mc.finetune, n_params / 1e6, n_train / 1e6)

    output_dir = Path(tc.output_dir).resolve()
    cache_root = Path(tc.feature_cache) if tc.feature_cache else output_dir.with_name(output_dir.name + ".cache")
    soft = None
    if config.distill is not None:
        train_set, soft = teacher_targets(config, tasks, train_set, cache_root, progress)
        clf.model.distill_alpha = config.distill.alpha

    features: dict[str, np.ndarray] = {}
    oof: dict[str, np.ndarray] | None = None  # out-of-fold training logits, for calibration without dev
    if mc.finetune == "heads":
        # The encoder is frozen: encode every text once (cached, resumable), then fit the heads.
        cache = feature_cache(cache_root, clf, tc.eval_batch_size)
        for split, ds in (("train", train_set), ("dev", dev_set), ("test", test_set)):
            if ds is not None:
                features[split] = cache.vectors(ds.texts, progress)
        crossfit = dev_set is None and tc.calibrate  # no dev split to calibrate on: cross-fit (framing.crossfit)
        init_state = {k: v.detach().clone() for k, v in clf.model.heads.state_dict().items()} if crossfit else {}
        train_seconds = fit_heads(clf, tasks, features["train"], train_set, soft, features.get("dev"), dev_set, tc, progress)
        if crossfit:
            t_cv = time.time()
            oof = out_of_fold_logits(clf, tasks, features["train"], train_set, soft, tc, init_state)
            train_seconds += time.time() - t_cv
    else:
        train_seconds = _fit_trainer(clf, config, tasks, train_set, dev_set, soft, output_dir, progress)
    clf.model.eval()

    metrics: dict[str, Any] = {"train_seconds": round(train_seconds, 1), "label_counts": summary, "recipe": recipe_facts}
    return _calibrate_evaluate_save(clf, config, train_set, dev_set, test_set, features, metrics, output_dir, oof)


def _calibrate_evaluate_save(clf: Classifier, config: ExperimentConfig, train_set: LabelledSet,
                             dev_set: LabelledSet | None, test_set: LabelledSet | None,
                             features: dict[str, np.ndarray], metrics: dict[str, Any], output_dir: Path,
                             oof: dict[str, np.ndarray] | None = None) -> TrainResult:
    """Steps 3-4 of :func:`train` on a trained encoder and heads: temperatures, the lexical component,
    thresholds and context weights on dev, metrics, then an atomic save."""
    tc, tasks = config.training, clf.tasks
    train_seconds = float(metrics.get("train_seconds", 0.0))

    def scores_of(split: str, ds: LabelledSet) -> dict[str, np.ndarray]:
        return head_scores(clf, features[split], ds.texts) if split in features else clf.scores(ds.texts, tc.eval_batch_size)

    # 3. calibration and thresholds on dev, then metrics
    if dev_set is not None:
        dev_logits = head_logits(clf, features["dev"]) if "dev" in features else clf.logits(dev_set.texts, tc.eval_batch_size)
        clf.with_tasks([dataclasses.replace(t, temperature=fit_temperature(t, dev_logits[t.name], dev_set.targets[t.name])
                                            if tc.calibrate else 1.0) for t in tasks])
        if config.lexical is not None:
            clf.lexical = LexicalModel.fit(train_set.texts, train_set.targets, clf.tasks, config.lexical, tc.seed)
            metrics["lexical_weight_dev"] = tune_mix(clf.lexical, clf.tasks, dev_logits, clf.lexical.logits(dev_set.texts),
                                                     dev_set.targets, fixed=config.lexical.weights)
            logger.info("lexical component: weights %s, temperatures %s (dev score by weight: %s)",
                        clf.lexical.weights, clf.lexical.temperatures, metrics["lexical_weight_dev"])
        dev_mixed = clf.probabilities(dev_logits, dev_set.texts)
        new_tasks = []
        for t in clf.tasks:
            if t.kind == "multi_label" and tc.tune_thresholds:
                t = dataclasses.replace(t, thresholds=tune_thresholds(t, dev_mixed[t.name], dev_set.targets[t.name]))
            logger.info("task %s: temperature %.3f%s", t.name, t.temperature,
                        f", thresholds {t.thresholds}" if t.kind == "multi_label" else "")
            new_tasks.append(t)
        clf.with_tasks(new_tasks)
        dev_probs = scores_of("dev", dev_set)
        metrics["dev"] = evaluate_scores(clf.tasks, dev_probs, dev_set)
        if config.data.doc_column:
            rows = read_labelled_rows(config.data.dev, config.data.text_column)
            doc_ids = [str(r.get(config.data.doc_column, i)) for i, (_, r) in enumerate(rows)]
            weight, by_weight = tune_context_weight(clf.tasks, dev_probs, dev_set, doc_ids)
            clf.inference = {**clf.inference, "context_weight": weight}
            metrics["context_weight_dev"] = by_weight
            logger.info("document context: weights %s on dev (dev score by weight: %s)", weight, by_weight)
    else:  # no dev split: temperatures from cross-fitted logits (``oof``) when there are some; weights from the config
        if oof is not None:
            clf.with_tasks([dataclasses.replace(t, temperature=fit_temperature(t, oof[t.name], train_set.targets[t.name]))
                            for t in tasks])
        if config.lexical is not None:  # ExperimentConfig checks that every task has a weight
            clf.lexical = LexicalModel.fit(train_set.texts, train_set.targets, clf.tasks, config.lexical, tc.seed)
            if oof is not None:
                tune_mix(clf.lexical, clf.tasks, oof, out_of_fold_lexical(train_set, clf.tasks, config.lexical, tc.seed),
                         train_set.targets, fixed=config.lexical.weights)
            clf.lexical.weights = dict(config.lexical.weights or {})
        if oof is not None:
            metrics["crossfit"] = {"folds": CROSSFIT_FOLDS, "temperatures": {t.name: t.temperature for t in clf.tasks},
                                   "lexical_temperatures": dict(clf.lexical.temperatures) if clf.lexical else {}}
            logger.info("no dev split: temperatures cross-fitted on %d folds of the training rows: %s", CROSSFIT_FOLDS,
                        metrics["crossfit"])
    if test_set is not None:
        probs = scores_of("test", test_set)
        metrics["test"] = evaluate_scores(clf.tasks, probs, test_set, bootstrap=1000)
        if tc.report_dir and _is_main_process():
            write_report(clf.tasks, metrics["test"], Path(tc.report_dir), "test", test_set, probs)
    for split in ("dev", "test"):
        for name, m in metrics.get(split, {}).items():
            logger.info("%s %s: macro-F1 %.3f micro-F1 %.3f ECE %.3f", split, name, m.get("macro_f1", 0), m.get("micro_f1", 0), m.get("ece", 0))

    # 4. save (atomically) and clean up checkpoints
    clf.training_config = config.to_dict()
    clf.metrics = metrics
    clf.prepare_for_inference()
    if not _is_main_process():
        # Under torchrun/accelerate every rank holds the same model; only rank 0 writes it, so the saves never race.
        return TrainResult(clf, output_dir, metrics, train_seconds)
    clf.save_pretrained(output_dir)
    shutil.rmtree(output_dir.with_name(output_dir.name + ".checkpoints"), ignore_errors=True)
    logger.info("saved model to %s (%.0f s of training)", output_dir, train_seconds)
    return TrainResult(clf, output_dir, metrics, train_seconds)


def add_lexical(model: str | os.PathLike[str], config: ExperimentConfig, progress: bool = True) -> TrainResult:
    """Give a trained model the lexical component of ``config.lexical``, without training the encoder again.

    Does what :func:`train` does after fitting the encoder and heads (temperatures, lexical fit and
    mixing weights, thresholds on dev, metrics on test, save to ``training.output_dir``), so a model
    trained without ``lexical`` and then passed here equals one trained with it.

    >>> add_lexical("models/mine", ExperimentConfig.from_dict({...}))    # doctest: +SKIP
    """
    if config.lexical is None:
        raise ConfigError("add_lexical: the config has no lexical section; add `lexical: {}` (defaults) to it.")
    tc = config.training
    if tc.num_threads:
        torch.set_num_threads(tc.num_threads)
    clf = Classifier.from_pretrained(model, device=tc.device)
    have = {t.name: t.labels for t in clf.tasks}
    if list(have) != [c.name for c in config.tasks] or any(
            c.labels is not None and tuple(c.labels) != have[c.name] for c in config.tasks):
        raise ConfigError(f"add_lexical: the model's tasks {[(n, list(ls)) for n, ls in have.items()]} differ from the "
                          f"config's {[(c.name, c.labels) for c in config.tasks]}; use the config the model was trained with.")
    tasks = list(clf.tasks)
    train_set = _load_split(config, config.data.train, tasks, config.data.max_train_rows)[1]
    dev_set = _load_split(config, config.data.dev, tasks)[1] if config.data.dev else None
    test_set = _load_split(config, config.data.test, tasks)[1] if config.data.test else None
    features: dict[str, np.ndarray] = {}
    if clf.model_config.finetune == "heads" and tc.feature_cache:
        cache = feature_cache(tc.feature_cache, clf, tc.eval_batch_size)
        for split, ds in (("dev", dev_set), ("test", test_set)):
            if ds is not None:
                features[split] = cache.vectors(ds.texts, progress)
    clf.lexical = None
    metrics = {k: v for k, v in (clf.metrics or {}).items() if k in ("train_seconds", "label_counts", "recipe")}
    return _calibrate_evaluate_save(clf, config, train_set, dev_set, test_set, features, metrics,
                                    Path(tc.output_dir).resolve())


__all__ = ["TrainResult", "train", "add_lexical", "fit_temperature", "tune_thresholds", "encode", "Collator", "head_scores",
           "tune_context_weight"]
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
