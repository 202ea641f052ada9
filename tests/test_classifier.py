from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from framing import Classifier, Prediction
from framing.errors import ModelLoadError


@pytest.fixture(scope="module")
def clf(trained_model: Path) -> Classifier:
    return Classifier.from_pretrained(trained_model, device="cpu")


TEXTS = [
    "armenian genocide artsakh blockade aggression",
    "liberated territory integrity separatist regime",
    "football match festival music",
    "officials said talks ministry reported statement " * 60,  # longer than the 64-token window
]


def test_model_directory_contents(trained_model: Path) -> None:
    names = {p.name for p in trained_model.iterdir()}
    assert {"config.json", "model.safetensors", "training_config.json", "metrics.json", "README.md",
            "tokenizer.json", "tokenizer_config.json"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)
    cfg = json.loads((trained_model / "config.json").read_text())
    assert cfg["format_version"] == 1
    assert [t["name"] for t in cfg["tasks"]] == ["stance", "frames"]
    assert cfg["tasks"][0]["labels"] == ["neutral", "pro_a", "pro_b", "unrelated"]  # inferred, sorted
    assert set(cfg["tasks"][1]["thresholds"]) == {"Security", "Economic", "Culture"}
    training_cfg = json.loads((trained_model / "training_config.json").read_text())
    assert training_cfg["training"]["epochs"] == 8.0  # the final config is copied into the model dir
    card = (trained_model / "README.md").read_text()
    assert card.startswith("---\n") and "## Tasks" in card and "`frames`" in card


def test_report_files(trained_model: Path) -> None:
    report = Path(str(trained_model) + "-report")
    for name in ("metrics.json", "report.md", "stance_confusion.png", "stance_f1.png",
                 "stance_reliability.png", "frames_f1.png", "frames_reliability.png"):
        assert (report / name).is_file(), name
    m = json.loads((report / "metrics.json").read_text())
    assert set(m["stance"]) >= {"accuracy", "macro_f1", "per_label", "confusion_matrix", "ece", "ci95"}
    assert set(m["frames"]) >= {"micro_f1", "macro_f1", "per_label", "ece"}


def test_predict_contract(clf: Classifier) -> None:
    preds = clf.predict(TEXTS)
    assert len(preds) == len(TEXTS) and all(isinstance(p, Prediction) for p in preds)
    for p in preds:
        d = p.to_dict()
        assert set(d) == {"stance", "frames"}
        assert d["stance"]["label"] in d["stance"]["scores"]
        assert abs(sum(d["stance"]["scores"].values()) - 1) < 1e-4
        assert set(d["frames"]["scores"]) == {"Security", "Economic", "Culture"}
        assert all(lab in d["frames"]["scores"] for lab in d["frames"]["labels"])
        th = clf.task("frames").thresholds
        assert d["frames"]["labels"] == [lab for lab, s in d["frames"]["scores"].items() if s >= th[lab]]


def test_empty_and_whitespace_texts(clf: Classifier) -> None:
    preds = clf.predict(["", "   \n\t", TEXTS[0]])
    assert preds[0].empty and preds[1].empty and not preds[2].empty
    assert preds[0].to_dict() == {"stance": {"label": None, "scores": {}}, "frames": {"labels": [], "scores": {}}}
    assert clf.predict([]) == []


def test_bare_string_and_non_strings_rejected(clf: Classifier) -> None:
    with pytest.raises(TypeError, match="pass a list"):
        clf.predict("a bare string")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1 is int"):
        clf.predict(["ok", 5])  # type: ignore[list-item]


def test_save_load_identical_scores(clf: Classifier, tmp_path: Path) -> None:
    before = clf.scores(TEXTS)
    clf.save_pretrained(tmp_path / "copy")
    again = Classifier.from_pretrained(tmp_path / "copy", device="cpu")
    after = again.scores(TEXTS)
    for name in before:
        np.testing.assert_allclose(before[name], after[name], atol=1e-6)
    assert again.tasks == clf.tasks  # labels, thresholds and temperatures come back exactly


def test_batch_size_and_order_do_not_change_scores(clf: Classifier) -> None:
    ref = clf.scores(TEXTS, batch_size=64)
    small = clf.scores(TEXTS, batch_size=1)
    rev = clf.scores(TEXTS[::-1], batch_size=3)
    for name in ref:
        np.testing.assert_allclose(ref[name], small[name], atol=1e-4)
        np.testing.assert_allclose(ref[name], rev[name][::-1], atol=1e-4)


def test_long_text_uses_windows(clf: Classifier) -> None:
    enc = clf.tokenizer([TEXTS[3]], truncation=True, max_length=64, stride=16, return_overflowing_tokens=True)
    assert len(enc["input_ids"]) > 1
    p = clf.predict([TEXTS[3]])[0]
    assert not p.empty and p["stance"].label is not None


def test_predict_documents_offsets_and_aggregation(clf: Classifier) -> None:
    # Paragraphs end in sentence punctuation: an unpunctuated line is read as a heading and joins the next one.
    doc = ("YEREVAN, May 2\n\narmenian genocide artsakh blockade aggression forced displacement today.\n\n"
           "football match festival music dram rate in the region this week.")
    for mode in ("mean", "max"):
        (res,) = clf.predict_documents([doc], aggregate=mode)
        assert len(res.passages) == 2
        assert res.passages[0].start == 0 and doc[res.passages[1].start:].startswith("football")
        scores = np.array([[p.prediction["stance"].scores[lab] for lab in clf.task("stance").labels] for p in res.passages])
        agg = np.array([res.prediction["stance"].scores[lab] for lab in clf.task("stance").labels])
        if mode == "max":
            np.testing.assert_allclose(agg, scores.max(0), atol=1e-6)
        else:
            w = np.array([len(p.text.split()) for p in res.passages], dtype=float)
            np.testing.assert_allclose(agg, (scores * w[:, None]).sum(0) / w.sum(), atol=1e-6)
    empty = clf.predict_documents(["", "  "])
    assert all(d.prediction.empty and d.passages == () for d in empty)


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_load_errors(trained_model: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist"):
        Classifier.from_pretrained(tmp_path / "nope")
    d = _copy(trained_model, tmp_path / "missing")
    (d / "config.json").unlink()
    with pytest.raises(ModelLoadError, match="no config.json"):
        Classifier.from_pretrained(d)
    d = _copy(trained_model, tmp_path / "truncated")
    w = d / "model.safetensors"
    w.write_bytes(w.read_bytes()[: w.stat().st_size // 2])
    with pytest.raises(ModelLoadError, match="truncated or corrupt"):
        Classifier.from_pretrained(d)
    d = _copy(trained_model, tmp_path / "pickled")
    (d / "model.safetensors").rename(d / "pytorch_model.bin")
    with pytest.raises(ModelLoadError, match="pickle weights are refused"):
        Classifier.from_pretrained(d)
    d = _copy(trained_model, tmp_path / "newer")
    cfg = json.loads((d / "config.json").read_text())
    cfg["format_version"] = 99
    (d / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelLoadError, match="Upgrade framing"):
        Classifier.from_pretrained(d)


def test_save_is_atomic_over_existing(clf: Classifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = clf.save_pretrained(tmp_path / "m")
    before = (target / "model.safetensors").read_bytes()

    def boom(*a: object, **k: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("framing.modelcard.render_model_card", boom)
    with pytest.raises(RuntimeError):
        clf.save_pretrained(target)
    assert (target / "model.safetensors").read_bytes() == before  # the good model is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # no temporary directory left behind
    Classifier.from_pretrained(target)
