"""Training-data problems, label inference, calibration helpers and checkpoint resume."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from conftest import make_rows, tiny_config, write_jsonl
from framing.config import ExperimentConfig
from framing.errors import DataError
from framing.tasks import Task
from framing.training import fit_temperature, train, tune_thresholds


def _cfg(tiny_backbone: Path, data: dict[str, Path], out: Path, **training: object) -> ExperimentConfig:
    return ExperimentConfig.from_dict(tiny_config(tiny_backbone, data, out, epochs=1, max_steps=2, **training))


@pytest.mark.parametrize(
    "row,column,value,match",
    [
        (3, "frames", ["Security", "Sports"],
         r"train.jsonl:4: task 'frames': unknown label\(s\) \['Sports'\]; known labels are"),
        (2, "stance", ["pro_a", "pro_b"],
         r"train.jsonl:3: task 'stance' is single_label but the cell holds 2 labels"),
    ],
    ids=["unknown_label", "multi_label_cell_in_single_label_task"],
)
def test_bad_label_cells_name_the_row(
    tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path, row: int, column: str, value: list[str], match: str
) -> None:
    rows = make_rows(10, 5)
    rows[row][column] = value
    data = {**tiny_data, "train": write_jsonl(tmp_path / "train.jsonl", rows)}
    with pytest.raises(DataError, match=match):
        train(_cfg(tiny_backbone, data, tmp_path / "m"), progress=False)


def test_rare_and_missing_labels_are_logged_and_masking_works(
    tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = make_rows(30, 5)
    rows[0]["stance"] = "lonely"  # a label with a single example
    for r in rows[10:20]:
        r["frames"] = None  # not annotated for this task: masked from its loss
    dev = [r for r in make_rows(20, 6) if r["stance"] != "unrelated"]  # dev split missing a label
    data = {**tiny_data, "train": write_jsonl(tmp_path / "train.jsonl", rows), "dev": write_jsonl(tmp_path / "dev.jsonl", dev)}
    with caplog.at_level(logging.INFO, logger="framing"):
        result = train(_cfg(tiny_backbone, data, tmp_path / "m"), progress=False)
    text = caplog.text
    assert "labels ['lonely'] have a single training example" in text
    assert "labels ['lonely', 'unrelated'] never appear in dev" in text
    assert "sample train row" in text and "train label counts for stance" in text
    counts = result.metrics["label_counts"]["train"]["frames"]
    assert counts["<annotated rows>"] == 20
    assert "lonely" in result.classifier.task("stance").labels


def test_labels_inferred_from_data_and_csv_input(tiny_backbone: Path, tmp_path: Path) -> None:
    import csv

    rows = make_rows(24, 9)
    path = tmp_path / "train.csv"
    with open(path, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text", "stance", "frames"])
        w.writeheader()
        for r in rows:
            w.writerow({**r, "frames": "|".join(r["frames"])})
    cfg = tiny_config(tiny_backbone, {"train": path}, tmp_path / "m", epochs=1, max_steps=2)
    cfg["tasks"][1].pop("labels")
    result = train(ExperimentConfig.from_dict(cfg), progress=False)
    assert result.classifier.task("frames").labels == ("Culture", "Economic", "Security")
    assert result.classifier.task("stance").labels == ("neutral", "pro_a", "pro_b", "unrelated")


def test_resume_from_checkpoint(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from framing.classifier import Classifier

    cfg = ExperimentConfig.from_dict(tiny_config(tiny_backbone, tiny_data, tmp_path / "m", epochs=2, early_stopping_patience=0))
    original = Classifier.save_pretrained

    def crash(self: Classifier, path: object) -> None:
        raise KeyboardInterrupt("simulated crash before the final save")

    monkeypatch.setattr(Classifier, "save_pretrained", crash)
    with pytest.raises(KeyboardInterrupt):
        train(cfg, progress=False)
    ckpts = sorted((tmp_path / "m.checkpoints").glob("checkpoint-*"))
    assert ckpts and not (tmp_path / "m").exists()
    monkeypatch.setattr(Classifier, "save_pretrained", original)
    cfg.training.resume = True
    with caplog.at_level(logging.INFO, logger="framing"):
        train(cfg, progress=False)
    assert "resuming from the last checkpoint" in caplog.text
    assert (tmp_path / "m" / "model.safetensors").is_file() and not (tmp_path / "m.checkpoints").exists()


def test_fit_temperature_recovers_scale() -> None:
    rng = np.random.default_rng(0)
    true = rng.normal(size=(4000, 3)) * 2
    y = np.array([rng.choice(3, p=np.exp(z) / np.exp(z).sum()) for z in true])
    task = Task("s", "single_label", ("a", "b", "c"))
    assert fit_temperature(task, true * 3.0, y) == pytest.approx(3.0, rel=0.1)
    # heads overfitted on a few hundred rows can be far more overconfident than a fine-tuned encoder
    assert fit_temperature(task, true * 20.0, y) == pytest.approx(20.0, rel=0.1)


def test_tune_thresholds_maximises_f1() -> None:
    task = Task("f", "multi_label", ("x", "y"))
    probs = np.array([[0.3, 0.9], [0.35, 0.8], [0.1, 0.2], [0.05, 0.65]], dtype=np.float32)
    target = np.array([[1, 1], [1, 1], [0, 0], [0, 0]], dtype=np.float32)
    th = tune_thresholds(task, probs, target)
    for j, lab in enumerate(task.labels):  # the tuned thresholds separate the classes perfectly
        assert ((probs[:, j].astype(np.float64) >= th[lab]) == (target[:, j] > 0)).all()
    assert tune_thresholds(task, probs, np.zeros_like(target)) == {"x": 0.5, "y": 0.5}


def test_local_metric_modules_load_offline() -> None:
    from framing.evaluation import load_metric

    cls = load_metric("classification").compute(predictions=[0, 1, 1], references=[0, 1, 0], num_labels=2)
    assert cls["accuracy"] == pytest.approx(2 / 3) and len(cls["f1"]) == 2
    ml = load_metric("classification", "multilabel").compute(predictions=[[1, 0], [1, 1]], references=[[1, 0], [0, 1]])
    assert ml["micro_f1"] == pytest.approx(0.8)
    cal = load_metric("calibration").compute(predictions=[0.95, 0.95, 0.05], references=[1, 1, 0], n_bins=10)
    assert cal["ece"] == pytest.approx(0.05)
    json.dumps(cal)
