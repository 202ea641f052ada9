"""The ONNX Runtime backend (framing.export) gives what the torch path gives, caches its graphs, and says
how to install itself when onnxruntime is missing. No timing assertions (benchmarks/throughput.py measures)."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import WORDS
from framing import Classifier
from framing.errors import FramingError

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from framing import export as onnx_export  # noqa: E402
from framing.cli import main as cli_main  # noqa: E402


def mixed_texts(n: int, seed: int) -> list[str]:
    """Shuffled texts from 1 word to several 64-token windows (the tiny model's max_length), and empties."""
    rng = random.Random(seed)
    sizes = [1, 2, 3, 5, 8, 13, 20, 30, 45, 60, 63, 64, 70, 100, 150, 230]
    texts = [" ".join(rng.choices(WORDS, k=rng.choice(sizes))) for _ in range(n)]
    texts += ["", "   ", " ".join(rng.choices(WORDS, k=400))]  # empty, whitespace, a long passage in windows
    rng.shuffle(texts)
    return texts


@pytest.fixture(scope="module")
def model_dir(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the tiny model, so graphs cached beside it do not leak into other tests."""
    import shutil

    target = tmp_path_factory.mktemp("onnx_model") / "tiny"
    shutil.copytree(trained_model, target)
    return target


@pytest.fixture(scope="module")
def torch_clf(model_dir: Path) -> Classifier:
    return Classifier.from_pretrained(model_dir, device="cpu")


@pytest.fixture(scope="module")
def onnx_clf(model_dir: Path) -> Classifier:
    return Classifier.from_pretrained(model_dir, device="cpu", backend="onnx")


def labels_of(preds: list) -> list[tuple]:
    return [tuple((name, tp.labels) for name, tp in p.tasks.items()) for p in preds]


def test_fp32_graph_matches_torch(torch_clf: Classifier, onnx_clf: Classifier) -> None:
    texts = mixed_texts(40, 0)
    assert onnx_clf.onnx is not None and onnx_clf.onnx.quantize == "none"
    want, got = torch_clf.scores(texts), onnx_clf.scores(texts)
    for name in want:
        assert got[name].shape == want[name].shape
        np.testing.assert_allclose(got[name], want[name], atol=1e-3)
    a, b = torch_clf.predict(texts), onnx_clf.predict(texts)
    assert [p.empty for p in b] == [not t.strip() for t in texts]
    assert labels_of(a) == labels_of(b)
    # order preserved: each text alone gives its row of the batch
    for i in (0, 7, len(texts) - 1):
        if texts[i].strip():
            alone = onnx_clf.scores([texts[i]])
            for name in got:
                np.testing.assert_allclose(alone[name][0], got[name][i], atol=1e-4)


def test_windowed_long_passage_and_batches_match(torch_clf: Classifier, onnx_clf: Classifier) -> None:
    long = " ".join(random.Random(3).choices(WORDS, k=700))  # ~14 windows of 64 tokens
    texts = [long, "peace talks", long[:300]]
    for batch_size in (1, 2, 64):
        want, got = torch_clf.scores(texts, batch_size=batch_size), onnx_clf.scores(texts, batch_size=batch_size)
        for name in want:
            np.testing.assert_allclose(got[name], want[name], atol=1e-3)
    assert onnx_clf.predict([]) == [] and onnx_clf.predict([""])[0].empty


def test_int8_graph_agrees_on_fixture(model_dir: Path, torch_clf: Classifier) -> None:
    int8 = Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="int8-fast")
    assert int8.onnx.quantize == "int8" and int8.onnx.options["int8_nodes"] and int8.onnx.exact is None
    texts = [t for t in mixed_texts(60, 1) if t.strip()]
    want, got = torch_clf.scores(texts), int8.scores(texts)
    for name in want:
        assert np.abs(got[name] - want[name]).max() < 0.05
    same = np.mean([a == b for a, b in zip(labels_of(torch_clf.predict(texts)), labels_of(int8.predict(texts)))])
    assert same >= 0.9


def test_int8_recheck_gives_fp32_labels_near_decisions(model_dir: Path, torch_clf: Classifier,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [t for t in mixed_texts(60, 2) if t.strip()]
    fast = Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="int8-fast").scores(texts)
    # The tiny backbone has no measured margin: everything would be re-checked, so int8 runs the fp32 graph.
    alone = Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="int8")
    assert alone.onnx.quantize == "none" and alone.onnx.exact is None
    want = torch_clf.scores(texts)
    for name, p in alone.scores(texts).items():
        np.testing.assert_allclose(p, want[name], atol=1e-3)
    # With a measured margin, exactly the near-decision rows are re-scored in fp32; the others keep int8's scores.
    monkeypatch.setattr(onnx_export, "DEFAULT_RECHECK_MARGIN", 0.05)
    checked = Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="int8")
    assert checked.onnx.quantize == "int8" and checked.onnx.exact.quantize == "none" and checked.onnx.margin == 0.05
    near = onnx_export.near_decision(checked.tasks, fast, 0.05)
    got = checked.scores(texts)
    for name in got:
        np.testing.assert_allclose(got[name][~near], fast[name][~near], atol=1e-6)
        np.testing.assert_allclose(got[name][near], want[name][near], atol=1e-3)
    with pytest.raises(FramingError, match="int8-fast"):
        Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="int4")


def test_near_decision_rules() -> None:
    from framing.tasks import Task

    tasks = [Task("p", "single_label", ("a", "b", "c")), Task("f", "multi_label", ("x", "y"), thresholds={"x": 0.5, "y": 0.3})]
    probs = {"p": np.array([[0.5, 0.45, 0.05], [0.9, 0.05, 0.05], [0.9, 0.05, 0.05]]),
             "f": np.array([[0.9, 0.9], [0.9, 0.9], [0.9, 0.32]])}
    assert onnx_export.near_decision(tasks, probs, 0.1).tolist() == [True, False, True]
    assert onnx_export.near_decision(tasks, probs, 0.01).tolist() == [False, False, False]


def test_cache_is_keyed_by_options_and_reused(torch_clf: Classifier, model_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fp32 = onnx_export.export(torch_clf)
    assert fp32.parent == model_dir / "onnx" and (fp32 / "model.onnx").is_file()  # beside a writable model
    stamp = (fp32 / "model.onnx").stat().st_mtime_ns
    assert onnx_export.export(torch_clf) == fp32 and (fp32 / "model.onnx").stat().st_mtime_ns == stamp  # reused
    opts = json.loads((fp32 / "options.json").read_text())
    assert opts["quantize"] == "none" and opts["onnxruntime"] and opts["model_sha256"] and "fused_operators" in opts
    base = onnx_export.options_for(torch_clf, "int8", keep_fp32=())
    other = onnx_export.options_for(torch_clf, "int8", keep_fp32=[r"layer\.{last}/"])
    assert other.keep_fp32 == (r"layer\.1/",)  # {last} is the last encoder layer
    keys = {onnx_export.cache_key(torch_clf, o) for o in (onnx_export.options_for(torch_clf), base, other)}
    assert len(keys) == 3
    monkeypatch.setattr(onnx_export, "require_onnxruntime", lambda: type("ort", (), {"__version__": "0.0.0"}))
    assert onnx_export.cache_key(torch_clf, base) not in keys  # another ONNX Runtime version, another graph
    monkeypatch.undo()
    kept = onnx_export.export(torch_clf, "int8", keep_fp32=[r"layer\.{last}/"])
    info = json.loads((kept / "options.json").read_text())
    assert info["fp32_nodes"] and all("layer.1/" in n for n in info["fp32_nodes"])
    assert not any("layer.1/" in n for n in info["int8_nodes"])
    # a bundled model's folder is never written to: the cache goes to $FRAMING_CACHE_DIR/onnx
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setitem(__import__("framing.classifier").classifier.BUNDLED_MODELS, "tiny", model_dir)
    assert onnx_export.cache_dir(torch_clf, base).parent == tmp_path / "cache" / "onnx"


def test_weights_change_the_key(torch_clf: Classifier) -> None:
    import torch

    options = onnx_export.options_for(torch_clf)
    before = onnx_export.cache_key(torch_clf, options)
    head = torch_clf.model.heads[torch_clf.tasks[0].name]
    with torch.no_grad():
        head.bias += 1.0
    try:
        assert onnx_export.cache_key(torch_clf, options) != before
    finally:
        with torch.no_grad():
            head.bias -= 1.0


def test_missing_onnxruntime_names_the_install_command(model_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime -> ImportError
    with pytest.raises(FramingError, match=r'pip install "framing\[onnx\]"'):
        Classifier.from_pretrained(model_dir, device="cpu", backend="onnx")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "peace talks"}) + "\n")
    assert cli_main(["predict", str(inp), "--model", str(model_dir), "--backend", "onnx", "--no-progress"]) == 2
    assert 'pip install "framing[onnx]"' in capsys.readouterr().err


def test_bf16_with_onnx_is_refused(model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(FramingError, match="bf16"):
        Classifier.from_pretrained(model_dir, device="cpu", backend="onnx", quantize="bf16")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "peace talks"}) + "\n")
    assert cli_main(["predict", str(inp), "--model", str(model_dir), "--backend", "onnx", "--quantize", "bf16"]) == 2
    assert "bf16" in capsys.readouterr().err


def test_cli_export_then_predict(model_dir: Path, torch_clf: Classifier, tmp_path: Path,
                                 capsys: pytest.CaptureFixture) -> None:
    out_dir = tmp_path / "graph"
    assert cli_main(["export", str(model_dir), "--output", str(out_dir)]) == 0
    assert capsys.readouterr().out.strip() == str(out_dir / "model.onnx") and (out_dir / "model.onnx").is_file()
    texts = mixed_texts(6, 2)
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
    out = tmp_path / "out.jsonl"
    assert cli_main(["predict", str(inp), "--model", str(model_dir), "--backend", "onnx", "-o", str(out),
                     "--no-progress"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [str(i) for i in range(len(texts))]
    want = torch_clf.predict(texts)
    for row, p in zip(rows, want):
        for task in p.tasks:
            for label, score in p.tasks[task].scores.items():
                assert abs(row[task]["scores"][label] - score) < 1e-3


@pytest.mark.integration
def test_real_default_model_fp32_graph_matches_torch() -> None:
    texts = [
        "Baku said the operation was over and called on residents to accept reintegration.",
        "Yerevan accused Azerbaijan of ethnic cleansing after the exodus from Karabakh.",
        "The central bank kept its rate unchanged.",
        "",
        " ".join(["The ministry said the talks on the border treaty would resume next month."] * 40),
    ]
    ref = Classifier.from_pretrained("default", device="cpu")
    fast = Classifier.from_pretrained("default", device="cpu", backend="onnx")
    want, got = ref.scores(texts), fast.scores(texts)
    for name in want:
        np.testing.assert_allclose(got[name], want[name], atol=1e-3)
    assert labels_of(ref.predict(texts)) == labels_of(fast.predict(texts))
