"""The lexical component (framing.lexical): exact save/load, the mix, dev tuning, training and retrofitting."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from framing import Classifier
from framing.config import ExperimentConfig, LexicalConfig
from framing.errors import ConfigError, ModelLoadError
from framing.lexical import LEXICAL_CONFIG, LEXICAL_WEIGHTS, LexicalModel, tune_mix
from framing.tasks import Task
from conftest import make_rows, tiny_config

STANCES = ("pro_a", "pro_b", "neutral", "unrelated")
FRAMES = ("Security", "Economic", "Culture")
TASKS = [Task("stance", "single_label", STANCES), Task("frames", "multi_label", FRAMES)]


def targets_of(rows: list[dict]) -> dict[str, np.ndarray]:
    return {"stance": np.array([STANCES.index(r["stance"]) for r in rows]),
            "frames": np.array([[float(f in r["frames"]) for f in FRAMES] for r in rows], dtype=np.float32)}


@pytest.fixture(scope="module")
def fitted() -> tuple[LexicalModel, list[dict]]:
    rows = make_rows(120, 11)
    return LexicalModel.fit([r["text"] for r in rows], targets_of(rows), TASKS, LexicalConfig(min_df=1)), rows


def test_scores_equal_sklearn_and_survive_save_load(fitted: tuple[LexicalModel, list[dict]], tmp_path: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    lex, rows = fitted
    texts = [r["text"] for r in make_rows(30, 12)] + ["", "   ", "Artsakh artsakh ARTSAKH blockade"]
    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, max_features=50_000)
    x = vec.fit_transform([r["text"] for r in rows])
    lr = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000, random_state=0).fit(x, targets_of(rows)["stance"])
    np.testing.assert_allclose(lex.logits(texts)["stance"], lr.decision_function(vec.transform(texts)), atol=1e-4)

    lex.weights, lex.temperatures = {"stance": 0.4, "frames": 0.2}, {"stance": 0.7, "frames": 1.3}
    lex.save(tmp_path)
    again = LexicalModel.load(tmp_path)
    assert again is not None and again.weights == lex.weights and again.temperatures == lex.temperatures
    for name, z in lex.logits(texts).items():
        np.testing.assert_array_equal(again.logits(texts)[name], z)
    assert np.isfinite(again.logits(["", " "])["frames"]).all()  # empty text: the intercepts


def test_mix_is_the_encoder_at_weight_zero_and_a_geometric_mean_otherwise(fitted: tuple[LexicalModel, list[dict]]) -> None:
    lex, _ = fitted
    rng = np.random.default_rng(0)
    t = Task("stance", "single_label", STANCES, temperature=2.0)
    z, u = rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    lex.temperatures = {"stance": 0.5}
    enc = np.exp(z / 2.0) / np.exp(z / 2.0).sum(1, keepdims=True)
    np.testing.assert_allclose(lex.mix(t, z, u, 0.0), enc, atol=1e-6)
    lexp = np.exp(u / 0.5) / np.exp(u / 0.5).sum(1, keepdims=True)
    geo = enc**0.7 * lexp**0.3
    np.testing.assert_allclose(lex.mix(t, z, u, 0.3), geo / geo.sum(1, keepdims=True), atol=1e-5)


def test_tune_mix_prefers_the_informative_component_and_keeps_fixed_weights(fitted: tuple[LexicalModel, list[dict]]) -> None:
    lex, _ = fitted
    dev = make_rows(80, 13)
    y = targets_of(dev)
    lexical = lex.logits([r["text"] for r in dev])
    noise = {name: np.random.default_rng(1).normal(size=z.shape) for name, z in lexical.items()}  # an uninformative encoder
    by_weight = tune_mix(lex, TASKS, noise, lexical, y)
    assert lex.weights["stance"] > 0.0 and by_weight["stance"][f"{lex.weights['stance']:.1f}"] > by_weight["stance"]["0.0"]
    tune_mix(lex, TASKS, noise, lexical, y, fixed={"stance": 0.1})
    assert lex.weights["stance"] == 0.1


def test_config_validation(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path) -> None:
    base = tiny_config(tiny_backbone, tiny_data, tmp_path / "m")
    with pytest.raises(ConfigError, match="unknown key"):
        ExperimentConfig.from_dict({**base, "lexical": {"max_feature": 10}})
    with pytest.raises(ConfigError, match=r"lexical.weights.stance must be a number in \[0, 1\)"):
        ExperimentConfig.from_dict({**base, "lexical": {"weights": {"stance": 1.5}}})
    with pytest.raises(ConfigError, match="unknown task"):
        ExperimentConfig.from_dict({**base, "lexical": {"weights": {"stances": 0.5}}})
    no_dev = {**base, "data": {k: v for k, v in base["data"].items() if k != "dev"}}
    with pytest.raises(ConfigError, match="set data.dev, or give lexical.weights"):
        ExperimentConfig.from_dict({**no_dev, "lexical": {}})
    ExperimentConfig.from_dict({**no_dev, "lexical": {"weights": {"stance": 0.5, "frames": 0.0}}})


def test_training_with_lexical_saves_loads_and_mixes(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path: Path) -> None:
    from framing.training import train

    out = tmp_path / "lex"
    cfg = ExperimentConfig.from_dict({**tiny_config(tiny_backbone, tiny_data, out, epochs=2), "lexical": {"min_df": 1}})
    result = train(cfg, progress=False)
    assert (out / LEXICAL_WEIGHTS).is_file() and (out / LEXICAL_CONFIG).is_file()
    assert set(result.metrics["lexical_weight_dev"]) == {"stance", "frames"}
    clf = Classifier.from_pretrained(out, device="cpu")
    assert clf.lexical is not None and clf.lexical.weights == result.classifier.lexical.weights
    texts = [r["text"] for r in make_rows(8, 14)]
    mixed, alone = clf.scores(texts), clf.scores(texts, lexical=False)
    np.testing.assert_allclose(mixed["stance"].sum(1), 1.0, atol=1e-5)
    if clf.lexical.weights["stance"] > 0:
        assert not np.allclose(mixed["stance"], alone["stance"])
    preds = clf.predict(["", "  ", texts[0]])
    assert preds[0].empty and preds[1].empty and not preds[2].empty


def test_add_lexical_keeps_the_encoder_and_retunes(trained_model: Path, tiny_backbone: Path, tiny_data: dict[str, Path],
                                                   tmp_path: Path) -> None:
    from framing.training import add_lexical

    src = tmp_path / "src"
    shutil.copytree(trained_model, src)
    out = tmp_path / "with-lex"
    cfg = ExperimentConfig.from_dict({**tiny_config(tiny_backbone, tiny_data, out), "lexical": {"min_df": 1}})
    result = add_lexical(src, cfg, progress=False)
    assert (out / "model.safetensors").read_bytes() == (src / "model.safetensors").read_bytes()
    assert result.classifier.lexical is not None and "test" in result.metrics
    assert json.loads((out / "training_config.json").read_text())["lexical"]["min_df"] == 1
    wrong = {**tiny_config(tiny_backbone, tiny_data, out), "lexical": {}}
    wrong["tasks"][0]["labels"] = ["x", "y"]
    with pytest.raises(ConfigError, match="use the config the model was trained with"):
        add_lexical(src, ExperimentConfig.from_dict(wrong), progress=False)
    with pytest.raises(ConfigError, match="no lexical section"):
        add_lexical(src, ExperimentConfig.from_dict(tiny_config(tiny_backbone, tiny_data, out)), progress=False)


def test_incomplete_lexical_files_are_refused(fitted: tuple[LexicalModel, list[dict]], tmp_path: Path) -> None:
    lex, _ = fitted
    lex.save(tmp_path)
    (tmp_path / LEXICAL_WEIGHTS).unlink()
    with pytest.raises(ModelLoadError, match="lexical.safetensors is missing"):
        LexicalModel.load(tmp_path)
    assert LexicalModel.load(tmp_path / "nothing-here") is None
