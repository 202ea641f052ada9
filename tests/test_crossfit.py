"""Calibration without a dev split (framing.crossfit): out-of-fold logits, temperatures fitted on them,
and the saved heads unchanged by the cross-fitting (tiny random backbone)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from conftest import make_rows, tiny_config, write_jsonl
from framing.config import ExperimentConfig
from framing.crossfit import CROSSFIT_FOLDS, fold_ids, out_of_fold_lexical, subset
from framing.training import train


def _heads_cfg(tiny_backbone: Path, tmp_path: Path, name: str, **training: object) -> ExperimentConfig:
    data = {"train": write_jsonl(tmp_path / "train.jsonl", make_rows(48, 3))}
    raw = tiny_config(tiny_backbone, data, tmp_path / name, epochs=20, feature_cache=str(tmp_path / "cache"), **training)
    raw["model"]["finetune"] = "heads"
    raw["lexical"] = {"weights": {"stance": 0.5, "frames": 0.5}}
    return ExperimentConfig.from_dict(raw)


def test_fold_ids_are_balanced_and_seeded() -> None:
    f = fold_ids(50, 4, seed=7)
    assert sorted(np.bincount(f).tolist()) == [12, 12, 13, 13]
    assert (f == fold_ids(50, 4, seed=7)).all() and not (f == fold_ids(50, 4, seed=8)).all()


def test_no_dev_split_gets_cross_fitted_temperatures(tiny_backbone: Path, tmp_path: Path) -> None:
    result = train(_heads_cfg(tiny_backbone, tmp_path, "m"), progress=False)
    facts = json.loads((tmp_path / "m" / "metrics.json").read_text())["crossfit"]
    assert facts["folds"] == CROSSFIT_FOLDS
    clf = result.classifier
    assert facts["temperatures"] == {t.name: t.temperature for t in clf.tasks}
    assert set(facts["lexical_temperatures"]) == {"stance", "frames"}
    assert clf.lexical is not None and clf.lexical.temperatures == facts["lexical_temperatures"]
    assert clf.lexical.weights == {"stance": 0.5, "frames": 0.5}  # fixed weights stay as configured
    # the saved heads are those trained on every row: the same as without cross-fitting
    plain = train(_heads_cfg(tiny_backbone, tmp_path, "plain", calibrate=False), progress=False).classifier
    assert "crossfit" not in json.loads((tmp_path / "plain" / "metrics.json").read_text())
    for a, b in zip(clf.model.heads.state_dict().values(), plain.model.heads.state_dict().values()):
        assert np.allclose(a.numpy(), b.numpy())
    assert all(t.temperature == 1.0 for t in plain.tasks)
    # empty and whitespace texts still score
    out = clf.scores(["", "   "])
    assert np.allclose(out["stance"].sum(1), 1.0)


def test_out_of_fold_lexical_never_sees_the_row(tiny_backbone: Path, tmp_path: Path) -> None:
    from framing.config import LexicalConfig
    from framing.lexical import LexicalModel
    from framing.training import _load_split

    cfg = _heads_cfg(tiny_backbone, tmp_path, "m")
    tasks, data = _load_split(cfg, cfg.data.train, None)
    oof = out_of_fold_lexical(data, tasks, LexicalConfig(), seed=cfg.training.seed)
    fold = fold_ids(len(data), CROSSFIT_FOLDS, cfg.training.seed)
    held = np.flatnonzero(fold == 0)
    part = subset(data, np.flatnonzero(fold != 0))
    lex = LexicalModel.fit(part.texts, part.targets, tasks, LexicalConfig(), cfg.training.seed)
    assert np.allclose(oof["stance"][held], lex.logits([data.texts[i] for i in held])["stance"], atol=1e-5)
