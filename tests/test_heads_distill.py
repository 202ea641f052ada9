"""Frozen-encoder training over cached features, and knowledge distillation from a teacher."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from conftest import make_rows, tiny_config, write_jsonl
from framing.classifier import Classifier
from framing.config import ExperimentConfig
from framing.errors import ConfigError
from framing.features import feature_cache
from framing.training import train


def _heads_cfg(tiny_backbone: Path, data: dict[str, Path], out: Path, **extra: object) -> ExperimentConfig:
    d = tiny_config(tiny_backbone, data, out, epochs=150, batch_size=16, learning_rate=0.05, early_stopping_patience=0,
                    feature_cache=str(out.parent / "cache"))
    d["model"]["finetune"] = "heads"
    d.update(extra)
    return ExperimentConfig.from_dict(d)


def test_embed_matches_logits_through_linear_heads(trained_model: Path) -> None:
    clf = Classifier.from_pretrained(trained_model, device="cpu")
    texts = ["armenia said talks " * 60, "football match festival", "baku ministry statement"]  # one long text
    feats = clf.embed(texts)
    logits = clf.logits(texts)
    for name, head in clf.model.heads.items():
        import torch

        with torch.inference_mode():
            via = head(torch.from_numpy(feats)).numpy()
        np.testing.assert_allclose(via, logits[name], atol=1e-4)


def test_heads_training_learns_and_reuses_the_feature_cache(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path) -> None:
    result = train(_heads_cfg(tiny_backbone, tiny_data, tmp_path / "m"), progress=False)
    assert result.metrics["test"]["stance"]["macro_f1"] > 0.4
    clf = Classifier.from_pretrained(result.output_dir, device="cpu")
    assert clf.model_config.finetune == "heads"
    # Saved model predicts what the cached-feature evaluation measured.
    rows = [json.loads(x) for x in tiny_data["test"].read_text().splitlines()]
    probs = clf.scores([r["text"] for r in rows])
    pred = np.array(clf.task("stance").labels)[probs["stance"].argmax(1)]
    acc = float(np.mean(pred == np.array([r["stance"] for r in rows])))
    assert abs(acc - result.metrics["test"]["stance"]["accuracy"]) < 1e-6
    # Every text is cached; a second cache over the same folder computes nothing.
    cache = feature_cache(tmp_path / "cache", clf)
    n = len(cache)
    assert n >= len(rows)
    cache.compute = lambda texts: (_ for _ in ()).throw(AssertionError("recomputed"))  # type: ignore[assignment]
    cache.vectors([r["text"] for r in rows])
    assert len(cache) == n


def test_distillation_uses_teacher_scores_on_a_pool(
    trained_model: Path, tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path
) -> None:
    pool = write_jsonl(tmp_path / "pool.jsonl", [{"text": r["text"]} for r in make_rows(60, 9)])
    cfg = _heads_cfg(tiny_backbone, tiny_data, tmp_path / "student",
                     distill={"teacher": str(trained_model), "pool": [str(pool)], "alpha": 0.7})
    result = train(cfg, progress=False)
    assert result.metrics["test"]["stance"]["macro_f1"] > 0.4
    teacher_dirs = list((tmp_path / "cache").glob("teacher-*"))
    assert len(teacher_dirs) == 1 and list(teacher_dirs[0].glob("vectors-*.safetensors"))


def test_distillation_refuses_a_teacher_with_other_labels(
    trained_model: Path, tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path
) -> None:
    d = tiny_config(tiny_backbone, tiny_data, tmp_path / "s", epochs=1)
    d["tasks"][0]["labels"] = ["pro_a", "pro_b", "neutral", "unrelated", "other"]
    d["distill"] = {"teacher": str(trained_model)}
    with pytest.raises(ConfigError, match="not among them"):
        train(ExperimentConfig.from_dict(d), progress=False)


def test_distill_config_is_validated() -> None:
    with pytest.raises(ConfigError, match="alpha"):
        ExperimentConfig.from_dict({"data": {"train": "x"}, "tasks": [{"name": "s", "kind": "single_label"}],
                                    "training": {"output_dir": "o"}, "distill": {"teacher": "t", "alpha": 0}})


def test_context_weight_is_tuned_on_dev_documents_and_saved(tiny_backbone: Path, tmp_path: Path) -> None:
    # Dev documents whose passages share one label: the document mean is informative, so a weight > 0
    # must not lose to 0, and whatever wins is saved in config.json's inference section.
    train_rows = make_rows(96, 1)
    dev_rows = []
    for d, r in enumerate(make_rows(40, 2)):
        dev_rows.append({**r, "doc": f"d{d // 4}"})
    data = {"train": write_jsonl(tmp_path / "train.jsonl", train_rows), "dev": write_jsonl(tmp_path / "dev.jsonl", dev_rows)}
    cfg = _heads_cfg(tiny_backbone, data, tmp_path / "m")
    d = cfg.to_dict()
    d["data"]["doc_column"] = "doc"
    d["data"]["test"] = None
    result = train(ExperimentConfig.from_dict(d), progress=False)
    scores = result.metrics["context_weight_dev"]
    weights = result.classifier.inference["context_weight"]
    assert set(weights) == {"stance", "frames"}
    for task, w in weights.items():
        assert scores[task][str(w)] == max(scores[task].values())
    saved = json.loads((result.output_dir / "config.json").read_text())
    assert saved["inference"]["context_weight"] == weights
