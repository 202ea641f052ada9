"""training.recipe: settings chosen from the data size, label-description head initialisation, and the
facts saved with the model (tiny random backbone)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from conftest import make_rows, tiny_config, write_jsonl
from framing.config import ExperimentConfig
from framing.errors import ConfigError
from framing.recipe import resolve_recipe, rows_per_label
from framing.training import train


def _data(tmp_path: Path, n: int) -> dict[str, Path]:
    return {"train": write_jsonl(tmp_path / "train.jsonl", make_rows(n, 1))}


def _cfg(tiny_backbone: Path, data: dict[str, Path], out: Path, **training: object) -> ExperimentConfig:
    raw = tiny_config(tiny_backbone, data, out, **training)
    raw["model"]["finetune"] = "lora"
    raw["tasks"][0]["labels"] = ["pro_a", "pro_b", "neutral", "unrelated"]
    raw["tasks"][0]["descriptions"] = {"pro_a": "armenian genocide artsakh blockade",
                                       "pro_b": "liberated territory integrity separatist"}
    return ExperimentConfig.from_dict(raw)


def _train_set(cfg: ExperimentConfig):  # noqa: ANN202
    from framing.training import _load_split

    return _load_split(cfg, cfg.data.train, None)


def test_recipe_validated_and_manual_is_the_default(tiny_backbone: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m")
    assert cfg.training.recipe == "manual" and cfg.training.label_init is False
    tasks, data = _train_set(cfg)
    same, facts = resolve_recipe(cfg, data, tasks)
    assert same is cfg and facts == {"recipe": "manual"}
    raw = tiny_config(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe="few")
    with pytest.raises(ConfigError, match="recipe"):
        ExperimentConfig.from_dict(raw)
    with pytest.raises(ConfigError, match="recipe_lora_rows_per_label"):
        ExperimentConfig.from_dict(tiny_config(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe_lora_rows_per_label=0))


def test_auto_picks_heads_for_few_rows_and_lora_for_many(tiny_backbone: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe="auto", recipe_lora_rows_per_label=10)
    tasks, data = _train_set(cfg)
    per_label = rows_per_label(data, tasks)
    assert per_label == min(24 / 4, float(data.targets["frames"].sum(0).mean()))
    small, facts = resolve_recipe(cfg, data, tasks)
    assert per_label < 10 and facts["chosen"] == "heads" and small.model.finetune == "heads"
    assert small.training.recipe == "manual" and small.training.label_init and small.training.weight_decay > cfg.training.weight_decay
    assert small.training.early_stopping_patience == 0  # no dev split in this config
    # steps fixed at about 300 whatever the size: 24 rows in one batch -> 300 epochs
    assert small.training.batch_size == 24 and small.training.epochs == 300
    big, facts = resolve_recipe(_cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe="auto",
                                     recipe_lora_rows_per_label=2), data, tasks)
    assert facts["chosen"] == "lora" and big.model.finetune == "lora" and big.training.epochs >= 3
    # overrides win over the recipe's choice; unknown keys are refused
    over, facts = resolve_recipe(_cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe="heads",
                                      recipe_overrides={"epochs": 7, "finetune": "full"}), data, tasks)
    assert over.training.epochs == 7 and over.model.finetune == "full" and facts["overrides"]["epochs"] == 7
    with pytest.raises(ConfigError, match="recipe_overrides"):
        resolve_recipe(_cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m", recipe="heads",
                            recipe_overrides={"epoch": 7}), data, tasks)


def test_recipe_adds_the_lexical_component(tiny_backbone: Path, tmp_path: Path) -> None:
    from framing.recipe import RECIPE_LEXICAL_WEIGHT

    data_paths = _data(tmp_path, 24)
    cfg = _cfg(tiny_backbone, data_paths, tmp_path / "m", recipe="heads")
    tasks, data = _train_set(cfg)
    names = {t.name for t in tasks}
    # no dev split: a fixed weight for every task (nothing to choose it on)
    got, facts = resolve_recipe(cfg, data, tasks)
    assert got.lexical is not None and got.lexical.weights == dict.fromkeys(names, RECIPE_LEXICAL_WEIGHT)
    assert facts["lexical"] == got.lexical.weights
    # a fixed weight, or none at all, through recipe_overrides
    got, _ = resolve_recipe(_cfg(tiny_backbone, data_paths, tmp_path / "m", recipe="heads",
                                 recipe_overrides={"lexical": 0.3}), data, tasks)
    assert got.lexical.weights == dict.fromkeys(names, 0.3)
    got, facts = resolve_recipe(_cfg(tiny_backbone, data_paths, tmp_path / "m", recipe="heads",
                                     recipe_overrides={"lexical": False}), data, tasks)
    assert got.lexical is None and facts["lexical"] is None
    with pytest.raises(ConfigError, match="recipe_overrides.lexical"):
        resolve_recipe(_cfg(tiny_backbone, data_paths, tmp_path / "m", recipe="heads",
                            recipe_overrides={"lexical": 1.5}), data, tasks)
    # with a dev split the weight is left to be chosen there
    with_dev = {**data_paths, "dev": write_jsonl(tmp_path / "dev.jsonl", make_rows(12, 2))}
    got, facts = resolve_recipe(_cfg(tiny_backbone, with_dev, tmp_path / "m", recipe="heads"), data, tasks)
    assert got.lexical is not None and got.lexical.weights is None and facts["lexical"] == "chosen on dev"
    # the config's own lexical section is kept as written
    raw = tiny_config(tiny_backbone, data_paths, tmp_path / "m", recipe="heads")
    raw["lexical"] = {"c": 3.0, "weights": dict.fromkeys(names, 0.2)}
    own = ExperimentConfig.from_dict(raw)
    got, facts = resolve_recipe(own, data, tasks)
    assert got.lexical is own.lexical and facts["lexical"] == "from the config"


def test_label_init_scores_descriptions_highest(tiny_backbone: Path, tmp_path: Path) -> None:
    from framing.classifier import Classifier
    from framing.recipe import description_texts, init_heads_from_descriptions

    cfg = _cfg(tiny_backbone, _data(tmp_path, 24), tmp_path / "m")
    tasks, _ = _train_set(cfg)
    tasks = [t if t.name != "stance" else type(t)(t.name, t.kind, t.labels, cfg.tasks[0].descriptions) for t in tasks]
    clf = Classifier.from_config(cfg.model, tasks, device="cpu")
    clf.model.eval()
    init_heads_from_descriptions(clf, tasks)
    stance = tasks[0]
    texts = description_texts(stance)
    assert texts[:2] == ["armenian genocide artsakh blockade", "liberated territory integrity separatist"]
    assert texts[2:] == ["neutral", "unrelated"]  # no description: the label name
    emb = clf.embed(texts)
    logits = clf.logits(texts)["stance"]
    # the heads give each description its highest score on its own label (ties where the tiny random encoder
    # maps two descriptions to the same vector), and the mean description sits at logit 0
    assert (logits.diagonal() >= logits.max(1) - 1e-4).all()
    w = clf.model.heads["stance"].weight.detach().numpy()
    assert np.allclose(np.linalg.norm(w, axis=1), 10.0 / np.linalg.norm(emb, axis=1).mean(), rtol=1e-4)
    mean_logits = clf.model.heads["stance"](torch.from_numpy(emb.mean(0, keepdims=True))).detach().numpy()
    assert np.allclose(mean_logits, 0.0, atol=1e-4)


def test_train_with_auto_recipe_saves_the_facts(tiny_backbone: Path, tmp_path: Path) -> None:
    out = tmp_path / "m"
    result = train(_cfg(tiny_backbone, _data(tmp_path, 24), out, recipe="auto",
                        feature_cache=str(tmp_path / "cache")), progress=False)
    facts = json.loads((out / "metrics.json").read_text())["recipe"]
    assert facts["recipe"] == "auto" and facts["chosen"] == "heads" and facts["finetune"] == "heads"
    assert facts["settings"]["label_init"] is True
    saved = json.loads((out / "training_config.json").read_text())
    assert saved["model"]["finetune"] == "heads" and saved["training"]["recipe"] == "manual"
    assert result.classifier.model_config.finetune == "heads"
    assert any((tmp_path / "cache").iterdir())  # encoder features were cached
    # the recipe's lexical component is saved with the model and used by scores()
    assert (out / "lexical.json").is_file() and (out / "lexical.safetensors").is_file()
    from framing.classifier import Classifier

    loaded = Classifier.from_pretrained(out, device="cpu")
    assert loaded.lexical is not None and set(loaded.lexical.weights.values()) == {0.5}
    text = ["the armenian genocide and the artsakh blockade"]
    assert not np.allclose(loaded.scores(text)["stance"], loaded.scores(text, lexical=False)["stance"])
