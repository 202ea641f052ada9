"""Evaluation with Hugging Face ``evaluate`` (local metric modules shipped in ``framing/metrics``).

Writes ``metrics.json``, ``report.md`` and PNG plots (confusion matrix, per-label F1, reliability).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.data import LabelledSet, annotated_mask
from framing.tasks import Task

if TYPE_CHECKING:
    from framing.classifier import Classifier

logger = logging.getLogger("framing")
METRICS_DIR = Path(__file__).resolve().parent / "metrics"


@lru_cache(maxsize=None)
def load_metric(name: str, config_name: str | None = None) -> Any:
    """Load a metric module shipped with framing by path (no Hub access)."""
    import evaluate

    return evaluate.load(str(METRICS_DIR / name), config_name)


def predicted_labels(task: Task, probs: np.ndarray) -> np.ndarray:
    """Class ids (single-label) or 0/1 indicator rows at the task's thresholds (multi-label)."""
    if task.kind == "single_label":
        return probs.argmax(1)
    # float64 on both sides, as in framing.aggregate.make_prediction, so boundary cases agree everywhere.
    th = np.array([task.thresholds[lab] for lab in task.labels], dtype=np.float64)
    return (probs.astype(np.float64) >= th).astype(np.int64)


def task_metrics(task: Task, probs: np.ndarray, target: np.ndarray, n_bins: int = 10) -> dict[str, Any]:
    """Metrics of one task on the annotated rows: accuracy, micro/macro F1, per-label P/R/F1, ECE."""
    keep = annotated_mask(target)
    probs, target = probs[keep], target[keep]
    if len(target) == 0:
        return {"n": 0}
    pred = predicted_labels(task, probs)
    if task.kind == "single_label":
        cls = load_metric("classification").compute(
            predictions=pred.tolist(), references=target.tolist(), num_labels=task.num_labels
        )
        conf = probs.max(1)
        hit = (pred == target).astype(int)
        cm = np.zeros((task.num_labels, task.num_labels), dtype=int)
        np.add.at(cm, (target, pred), 1)
        extra: dict[str, Any] = {"confusion_matrix": cm.tolist()}
    else:
        gold = target.astype(np.int64)
        cls = load_metric("classification", "multilabel").compute(predictions=pred.tolist(), references=gold.tolist())
        conf, hit = probs.ravel(), gold.ravel()
        extra = {"labels_per_passage_gold": float(gold.sum(1).mean()), "labels_per_passage_pred": float(pred.sum(1).mean())}
    cal = load_metric("calibration").compute(predictions=conf.tolist(), references=hit.tolist(), n_bins=n_bins)
    per_label = {
        lab: {"precision": cls["precision"][i], "recall": cls["recall"][i], "f1": cls["f1"][i], "support": int(cls["support"][i])}
        for i, lab in enumerate(task.labels)
    }
    return {
        "n": int(len(target)),
        "accuracy": cls["accuracy"],
        "micro_f1": cls["micro_f1"],
        "macro_f1": cls["macro_f1"],
        "ece": cal["ece"],
        "per_label": per_label,
        "reliability": {k: cal[k] for k in ("bin_confidence", "bin_accuracy", "bin_count")},
        **extra,
    }


def _f1s(task: Task, pred: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """[micro-F1, macro-F1, per-label F1...] with numpy only: the bootstrap calls it a thousand times."""
    if task.kind == "single_label":
        k = task.num_labels
        pred = np.eye(k, dtype=np.int64)[pred]
        gold = np.eye(k, dtype=np.int64)[gold]
    tp = (pred & gold).sum(0)
    fp = (pred & (1 - gold)).sum(0)
    fn = ((1 - pred) & gold).sum(0)
    denom = 2 * tp + fp + fn
    per = np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1)
    return np.concatenate([[micro, per.mean()], per])


def bootstrap_ci(
    task: Task, probs: np.ndarray, target: np.ndarray, n_resamples: int = 1000, seed: int = 0
) -> dict[str, list[float]]:
    """95% percentile bootstrap intervals (resampling passages) for micro-, macro- and per-label F1."""
    keep = annotated_mask(target)
    pred = predicted_labels(task, probs[keep])
    gold = target[keep].astype(np.int64)
    if len(gold) == 0:
        return {}
    rng = np.random.default_rng(seed)
    stats = np.array([_f1s(task, pred[i], gold[i]) for i in (rng.integers(0, len(gold), len(gold)) for _ in range(n_resamples))])
    lo, hi = np.percentile(stats, [2.5, 97.5], axis=0)
    return {
        "micro_f1": [float(lo[0]), float(hi[0])],
        "macro_f1": [float(lo[1]), float(hi[1])],
        "per_label_f1": {lab: [float(lo[2 + j]), float(hi[2 + j])] for j, lab in enumerate(task.labels)},
    }


def evaluate_scores(
    tasks: Sequence[Task], probs: dict[str, np.ndarray], data: LabelledSet, bootstrap: int = 0
) -> dict[str, Any]:
    out = {}
    for t in tasks:
        m = task_metrics(t, probs[t.name], data.targets[t.name])
        if bootstrap and m.get("n"):
            m["ci95"] = bootstrap_ci(t, probs[t.name], data.targets[t.name], bootstrap)
        out[t.name] = m
    return out


def load_labelled_set(
    clf: Classifier, path: str | Path, text_column: str | None = None, id_column: str = "id"
) -> LabelledSet:
    """Read a labelled file for ``clf``'s tasks, with the columns and label separators it was trained with."""
    from framing.config import TaskConfig
    from framing.data import build_set, read_labelled_rows

    trained = clf.training_config or {}
    columns = {t["name"]: t.get("column") or t["name"] for t in trained.get("tasks", [])}
    seps = {t["name"]: t.get("label_separator", "|") for t in trained.get("tasks", [])}
    text_column = text_column or trained.get("data", {}).get("text_column", "text")
    cfgs = [TaskConfig(name=t.name, kind=t.kind, column=columns.get(t.name, t.name),
                       labels=list(t.labels), label_separator=seps.get(t.name, "|")) for t in clf.tasks]
    rows = read_labelled_rows(str(path), text_column)
    return build_set(rows, clf.tasks, cfgs, text_column, id_column, str(path))


def evaluate_model(
    clf: Classifier,
    data: LabelledSet,
    report_dir: str | Path | None = None,
    split: str = "test",
    bootstrap: int = 1000,
    batch_size: int = 64,
    progress: bool = False,
) -> dict[str, Any]:
    """Score ``clf`` on ``data``; optionally write metrics.json, report.md and plots to ``report_dir``."""
    probs = clf.scores(data.texts, batch_size=batch_size, progress=progress)
    metrics = evaluate_scores(clf.tasks, probs, data, bootstrap)
    if report_dir is not None:
        write_report(clf.tasks, metrics, Path(report_dir), split, data, probs)
    return metrics


def write_report(
    tasks: Sequence[Task],
    metrics: dict[str, Any],
    report_dir: Path,
    split: str,
    data: LabelledSet | None = None,
    probs: dict[str, np.ndarray] | None = None,
) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    lines = [f"# Evaluation report ({split})", ""]
    for t in tasks:
        m = metrics[t.name]
        if not m.get("n"):
            lines += [f"## `{t.name}`", "", "No annotated rows.", ""]
            continue
        ci = m.get("ci95", {})
        fmt_ci = lambda k: f" (95% CI {ci[k][0]:.3f}–{ci[k][1]:.3f})" if k in ci else ""  # noqa: E731
        lines += [
            f"## `{t.name}` ({t.kind}, n={m['n']})",
            "",
            f"- accuracy{' (exact match)' if t.kind == 'multi_label' else ''}: {m['accuracy']:.3f}",
            f"- macro-F1: {m['macro_f1']:.3f}{fmt_ci('macro_f1')}",
            f"- micro-F1: {m['micro_f1']:.3f}{fmt_ci('micro_f1')}",
            f"- expected calibration error: {m['ece']:.3f}",
            "",
            "| label | precision | recall | F1 | F1 95% CI | support |" + (" threshold |" if t.kind == "multi_label" else ""),
            "|---|---|---|---|---|---|" + ("---|" if t.kind == "multi_label" else ""),
        ]
        per_ci = ci.get("per_label_f1", {})
        for lab, v in m["per_label"].items():
            th = f" {t.thresholds[lab]:.2f} |" if t.kind == "multi_label" else ""
            lab_ci = f"{per_ci[lab][0]:.2f}–{per_ci[lab][1]:.2f}" if lab in per_ci else "–"
            lines.append(f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {lab_ci} | {v['support']} |{th}")
        lines.append("")
        if "confusion_matrix" in m:
            lines += ["Confusion matrix (rows: gold, columns: predicted):", "",
                      "| gold \\ pred | " + " | ".join(t.labels) + " |", "|---" * (t.num_labels + 1) + "|"]
            for lab, row in zip(t.labels, m["confusion_matrix"]):
                lines.append(f"| {lab} | " + " | ".join(map(str, row)) + " |")
            lines.append("")
        for png in _plots(t, m, report_dir):
            lines.append(f"![{png}]({png})")
        lines.append("")
    (report_dir / "report.md").write_text("\n".join(lines))
    if data is not None and probs is not None:
        with open(report_dir / "predictions.jsonl", "w", encoding="utf-8") as fh:
            for i, rid in enumerate(data.ids):
                row: dict[str, Any] = {"id": rid}
                for t in tasks:
                    p = probs[t.name][i]
                    row[t.name] = {"scores": {lab: round(float(p[j]), 4) for j, lab in enumerate(t.labels)}}
                fh.write(json.dumps(row) + "\n")
    logger.info("wrote evaluation report to %s", report_dir)


def _plots(task: Task, m: dict[str, Any], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = []
    if "confusion_matrix" in m:
        cm = np.array(m["confusion_matrix"])
        fig, ax = plt.subplots(figsize=(1.2 * task.num_labels + 2, 1.1 * task.num_labels + 1.5))
        ax.imshow(cm, cmap="Blues")
        ax.set_xticks(range(task.num_labels), task.labels, rotation=35, ha="right")
        ax.set_yticks(range(task.num_labels), task.labels)
        for (i, j), v in np.ndenumerate(cm):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > cm.max() / 2 else "black")
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(f"{task.name}: confusion matrix")
        fig.tight_layout()
        files.append(f"{task.name}_confusion.png")
        fig.savefig(out / files[-1], dpi=110)
        plt.close(fig)
    f1 = [m["per_label"][lab]["f1"] for lab in task.labels]
    fig, ax = plt.subplots(figsize=(7, 0.35 * task.num_labels + 1.5))
    ax.barh(range(task.num_labels), f1, color="tab:blue")
    ax.set_yticks(range(task.num_labels), task.labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1")
    ax.set_title(f"{task.name}: per-label F1 (macro {m['macro_f1']:.2f})")
    fig.tight_layout()
    files.append(f"{task.name}_f1.png")
    fig.savefig(out / files[-1], dpi=110)
    plt.close(fig)
    rel = m["reliability"]
    n_bins = len(rel["bin_count"])
    centers = (np.arange(n_bins) + 0.5) / n_bins
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    used = np.array(rel["bin_count"]) > 0
    ax.bar(centers[used], np.array(rel["bin_accuracy"])[used], width=1 / n_bins, alpha=0.6, edgecolor="black", label="observed")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.set_title(f"{task.name}: reliability (ECE {m['ece']:.3f})")
    ax.legend(loc="upper left")
    fig.tight_layout()
    files.append(f"{task.name}_reliability.png")
    fig.savefig(out / files[-1], dpi=110)
    plt.close(fig)
    return files
