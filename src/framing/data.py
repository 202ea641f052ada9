"""Labelled data: reading rows, parsing label cells, inferring label sets, building target arrays."""
from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from framing.config import TaskConfig
from framing.errors import DataError
from framing.io import iter_rows
from framing.modeling import IGNORE_INDEX
from framing.tasks import Task

logger = logging.getLogger("framing")


@dataclass
class LabelledSet:
    """Texts with per-task targets.

    Single-label targets are int arrays with ``-100`` for a missing label; multi-label targets are
    float arrays ``(n, num_labels)`` whose row is all ``-1`` where the task is not annotated.
    """

    ids: list[str]
    texts: list[str]
    targets: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.texts)

    def annotated(self, task: str) -> np.ndarray:
        return annotated_mask(self.targets[task])


def annotated_mask(target: np.ndarray) -> np.ndarray:
    """Rows of one task's targets that carry a label (``-100`` single-label, rows of ``-1`` multi-label: none)."""
    return target != IGNORE_INDEX if target.ndim == 1 else target[:, 0] >= 0


def read_labelled_rows(path: str | Path, text_column: str, max_rows: int | None = None) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for lineno, row in iter_rows(path):
        assert isinstance(row, dict)  # iter_rows raises instead of yielding errors in "fail" mode
        if text_column not in row:
            raise DataError(f"{path}:{lineno}: no text column {text_column!r}; columns found: {sorted(row)}. "
                            "Set data.text_column in the config.")
        rows.append((lineno, row))
        if max_rows is not None and len(rows) >= max_rows:
            break
    if not rows:
        raise DataError(f"{path}: no rows; expected at least one labelled example.")
    return rows


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def parse_cell(cfg: TaskConfig, value: Any, where: str) -> list[str] | None:
    """Labels of one cell as a list (``None`` when the task is not annotated for this row)."""
    if _missing(value):
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        labels = [str(v).strip() for v in value if not _missing(v)]
    elif isinstance(value, str):
        labels = [p.strip() for p in value.split(cfg.label_separator)] if cfg.kind == "multi_label" else [value.strip()]
        labels = [lab for lab in labels if lab]
    elif isinstance(value, bool):
        labels = [str(value).lower()]
    elif isinstance(value, (int, float)):
        labels = [str(int(value)) if float(value).is_integer() else str(value)]
    else:
        raise DataError(f"{where}: task {cfg.name!r}: cannot read a label from {type(value).__name__} {value!r}.")
    if cfg.kind == "single_label" and len(labels) != 1:
        raise DataError(
            f"{where}: task {cfg.name!r} is single_label but the cell holds {len(labels)} labels {labels}; "
            "keep one label per row, or make the task multi_label."
        )
    return labels


def build_tasks(cfgs: Sequence[TaskConfig], rows: list[tuple[int, dict[str, Any]]], path: str | Path) -> list[Task]:
    """Tasks with labels from the config, or inferred (sorted) from the training rows."""
    tasks = []
    for cfg in cfgs:
        if cfg.labels is not None:
            labels = list(cfg.labels)
        else:
            seen: set[str] = set()
            for lineno, row in rows:
                cell = parse_cell(cfg, row.get(cfg.column), f"{path}:{lineno}")
                seen.update(cell or [])
            labels = sorted(seen)
            if not labels:
                raise DataError(f"{path}: task {cfg.name!r}: column {cfg.column!r} holds no labels; "
                                f"columns found: {sorted(rows[0][1])}.")
            logger.info("task %s: inferred %d labels from training data: %s", cfg.name, len(labels), labels)
        tasks.append(Task(cfg.name, cfg.kind, tuple(labels), dict(cfg.descriptions)))
    return tasks


def build_set(
    rows: list[tuple[int, dict[str, Any]]],
    tasks: Sequence[Task],
    cfgs: Sequence[TaskConfig],
    text_column: str,
    id_column: str,
    path: str | Path,
) -> LabelledSet:
    """Target arrays for ``rows``; unknown labels are an error naming the row and the known labels."""
    n = len(rows)
    targets: dict[str, np.ndarray] = {}
    for task, cfg in zip(tasks, cfgs):
        index = {lab: i for i, lab in enumerate(task.labels)}
        if task.kind == "single_label":
            arr = np.full(n, IGNORE_INDEX, dtype=np.int64)
        else:
            arr = np.full((n, task.num_labels), -1.0, dtype=np.float32)
        for r, (lineno, row) in enumerate(rows):
            where = f"{path}:{lineno}"
            cell = parse_cell(cfg, row.get(cfg.column), where)
            if cell is None:
                continue
            unknown = [lab for lab in cell if lab not in index]
            if unknown:
                raise DataError(
                    f"{where}: task {task.name!r}: unknown label(s) {unknown}; known labels are "
                    f"{list(task.labels)}. Fix the row, or add the label to tasks[].labels in the config."
                )
            if task.kind == "single_label":
                arr[r] = index[cell[0]]
            else:
                arr[r] = 0.0
                for lab in cell:
                    arr[r, index[lab]] = 1.0
        targets[task.name] = arr
    texts, ids = [], []
    for lineno, row in rows:
        text = row.get(text_column)
        if not isinstance(text, str):
            raise DataError(f"{path}:{lineno}: {text_column!r} is {type(text).__name__}, expected a string.")
        texts.append(text)
        rid = row.get(id_column)
        ids.append(str(rid) if rid not in (None, "") else f"{Path(path).stem}:{lineno}")
    return LabelledSet(ids, texts, targets)


def label_counts(ds: LabelledSet, tasks: Sequence[Task]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for t in tasks:
        arr = ds.targets[t.name]
        keep = ds.annotated(t.name)
        if t.kind == "single_label":
            c = Counter(arr[keep].tolist())
            counts[t.name] = {lab: int(c.get(i, 0)) for i, lab in enumerate(t.labels)}
        else:
            sums = arr[keep].sum(0) if keep.any() else np.zeros(t.num_labels)
            counts[t.name] = {lab: int(sums[i]) for i, lab in enumerate(t.labels)}
        counts[t.name]["<annotated rows>"] = int(keep.sum())
    return counts


def log_data_summary(train: LabelledSet, dev: LabelledSet | None, tasks: Sequence[Task]) -> dict[str, Any]:
    """Log sample rows, label counts, and labels seen in dev but not in train; return the counts."""
    for i in range(min(3, len(train))):
        labels = {t.name: _describe(train.targets[t.name][i], t) for t in tasks}
        logger.info("sample train row %s: %r -> %s", train.ids[i], train.texts[i][:160], labels)
    summary: dict[str, Any] = {"train": label_counts(train, tasks)}
    if dev is not None:
        summary["dev"] = label_counts(dev, tasks)
    for split, counts in summary.items():
        for task, c in counts.items():
            logger.info("%s label counts for %s: %s", split, task, c)
    for t in tasks:
        tc = summary["train"][t.name]
        rare = [lab for lab in t.labels if tc[lab] == 1]
        if rare:
            logger.warning("task %s: labels %s have a single training example; their scores will be unreliable.", t.name, rare)
        absent = [lab for lab in t.labels if tc[lab] == 0]
        if absent:
            logger.warning("task %s: labels %s have no training example; the model cannot learn them.", t.name, absent)
        if dev is not None:
            dc = summary["dev"][t.name]
            unseen = [lab for lab in t.labels if dc[lab] > 0 and tc[lab] == 0]
            if unseen:
                logger.warning("task %s: labels %s appear in dev but not in train.", t.name, unseen)
            missing = [lab for lab in t.labels if dc[lab] == 0]
            if missing:
                logger.warning("task %s: labels %s never appear in dev; their dev F1 is undefined (reported as 0).", t.name, missing)
    return summary


def _describe(target: np.ndarray, task: Task) -> Any:
    if task.kind == "single_label":
        return None if int(target) == IGNORE_INDEX else task.labels[int(target)]
    if target[0] < 0:
        return None
    return [lab for lab, v in zip(task.labels, target) if v > 0]
