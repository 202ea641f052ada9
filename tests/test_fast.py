"""The fast prediction paths agree with a plain reference, and output order is preserved.

No timing assertions: speed is measured by benchmarks/throughput.py, not here.
"""
from __future__ import annotations

import random
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch

import framing.classifier as classifier_module
from conftest import WORDS
from framing import Classifier
from framing.classifier import _length_batches
from framing.fast import BF16Linear, quantize


def mixed_texts(n: int, seed: int) -> list[str]:
    """Shuffled texts from 1 word to several 64-token windows (the tiny model's max_length)."""
    rng = random.Random(seed)
    sizes = [1, 2, 3, 5, 8, 13, 20, 30, 45, 60, 61, 62, 63, 64, 70, 100, 150, 230]
    texts = [" ".join(rng.choices(WORDS, k=rng.choice(sizes))) for _ in range(n)]
    rng.shuffle(texts)
    return texts


@pytest.fixture(scope="module")
def clf(trained_model: Path) -> Classifier:
    return Classifier.from_pretrained(trained_model, device="cpu")


def reference_logits(clf: Classifier, texts: list[str]) -> dict[str, np.ndarray]:
    """One text and one window at a time, no padding: the definition the fast path must match."""
    cfg = clf.model_config
    out: dict[str, list[np.ndarray]] = {t.name: [] for t in clf.tasks}
    with torch.inference_mode():
        for text in texts:
            enc = clf.tokenizer(text, truncation=True, max_length=cfg.max_length, stride=cfg.stride,
                                return_overflowing_tokens=True)
            windows = enc["input_ids"]
            weights = np.array([len(w) for w in windows], dtype=np.float64)
            per_task: dict[str, list[np.ndarray]] = {t.name: [] for t in clf.tasks}
            for w in windows:
                ids = torch.tensor([w])
                res = clf.model(input_ids=ids, attention_mask=torch.ones_like(ids))
                for t in clf.tasks:
                    per_task[t.name].append(res[f"logits_{t.name}"][0].double().numpy())
            for t in clf.tasks:
                out[t.name].append((np.stack(per_task[t.name]) * weights[:, None]).sum(0) / weights.sum())
    return {k: np.stack(v).astype(np.float32) for k, v in out.items()}


def labels_of(preds: list) -> list[tuple]:
    return [tuple((name, tp.labels) for name, tp in p.tasks.items()) for p in preds]


def test_long_texts_really_are_split(clf: Classifier) -> None:
    texts = mixed_texts(40, 0)
    enc = clf.tokenizer(texts, truncation=True, max_length=clf.model_config.max_length,
                        stride=clf.model_config.stride, return_overflowing_tokens=True)
    assert len(enc["input_ids"]) > len(texts)  # the set exercises window averaging


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_fp32_logits_equal_reference(clf: Classifier, batch_size: int) -> None:
    texts = mixed_texts(40, 1)
    ref = reference_logits(clf, texts)
    got = clf.logits(texts, batch_size=batch_size)
    for name in ref:
        assert got[name].shape == ref[name].shape
        np.testing.assert_allclose(got[name], ref[name], atol=1e-5, rtol=0)


def test_token_budget_does_not_change_results(clf: Classifier, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = mixed_texts(30, 2)
    base = clf.logits(texts)
    for budget in (1, 50, 100_000):
        monkeypatch.setattr(classifier_module, "MAX_BATCH_TOKENS", budget)
        got = clf.logits(texts)
        for name in base:
            np.testing.assert_allclose(got[name], base[name], atol=1e-5, rtol=0)


def test_output_order_is_input_order(clf: Classifier) -> None:
    texts = mixed_texts(50, 3)
    perm = np.random.default_rng(0).permutation(len(texts))
    shuffled = [texts[i] for i in perm]
    a = clf.scores(texts, batch_size=4)
    b = clf.scores(shuffled, batch_size=4)
    for name in a:
        np.testing.assert_allclose(b[name], a[name][perm], atol=1e-5, rtol=0)
    # Each row is what the text gives on its own.
    single = [clf.scores([t]) for t in shuffled[:8]]
    for row, s in enumerate(single):
        for name in a:
            np.testing.assert_allclose(b[name][row], s[name][0], atol=1e-5, rtol=0)
    assert labels_of(clf.predict(shuffled)) == [labels_of(clf.predict(texts))[i] for i in perm]


def test_predict_with_empty_texts_keeps_positions(clf: Classifier) -> None:
    texts = mixed_texts(12, 4)
    mixed = texts[:5] + ["", "  "] + texts[5:]
    preds = clf.predict(mixed, batch_size=2)
    assert [p.empty for p in preds] == [False] * 5 + [True, True] + [False] * 7
    assert labels_of(preds[:5] + preds[7:]) == labels_of(clf.predict(texts))


def test_logits_of_nothing(clf: Classifier) -> None:
    out = clf.logits([])
    assert {k: v.shape for k, v in out.items()} == {t.name: (0, t.num_labels) for t in clf.tasks}


def test_length_batches_cover_everything_within_limits() -> None:
    rng = np.random.default_rng(0)
    lengths = np.sort(rng.integers(1, 300, size=500))[::-1]
    for max_rows, max_tokens in ((1, 10), (7, 256), (64, 2048), (1000, 10**9)):
        batches = _length_batches(lengths, max_rows, max_tokens)
        assert batches[0][0] == 0 and batches[-1][1] == len(lengths)
        assert all(a[1] == b[0] for a, b in zip(batches, batches[1:]))
        for lo, hi in batches:
            assert 1 <= hi - lo <= max_rows
            assert hi - lo == 1 or (hi - lo) * lengths[lo] <= max_tokens


def _quantized(trained_model: Path, mode: str) -> Classifier:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's deprecation notices for torch.ao quantization
        return quantize(Classifier.from_pretrained(trained_model, device="cpu"), mode)


@pytest.mark.parametrize("mode", ["int8", "bf16"])
def test_fast_modes_agree_with_fp32(clf: Classifier, trained_model: Path, mode: str) -> None:
    texts = mixed_texts(80, 5)
    fast = _quantized(trained_model, mode)
    ref_preds, fast_preds = clf.predict(texts), fast.predict(texts)
    for name in ("stance", "frames"):
        same = np.mean([a[name].labels == b[name].labels for a, b in zip(ref_preds, fast_preds)])
        assert same >= 0.95, (mode, name, same)
    ref, got = clf.scores(texts), fast.scores(texts)
    for name in ref:
        assert np.abs(got[name] - ref[name]).max() < 0.1
    # Order is preserved on the fast paths too. int8 quantizes activations with one scale per batch,
    # so a text's scores move slightly with its batch neighbours; rows still match their own text.
    perm = np.random.default_rng(1).permutation(len(texts))
    again = fast.scores([texts[i] for i in perm])
    for name in got:
        np.testing.assert_allclose(again[name], got[name][perm], atol=0.02 if mode == "int8" else 1e-4, rtol=0)


def test_bf16_mode_structure(trained_model: Path) -> None:
    fast = _quantized(trained_model, "bf16")
    layers = [m for m in fast.model.encoder.modules() if isinstance(m, BF16Linear)]
    assert layers and not any(type(m) is torch.nn.Linear for m in fast.model.encoder.modules())
    assert all(type(h) is torch.nn.Linear and h.weight.dtype == torch.float32 for h in fast.model.heads.values())


def test_quantize_rejects_unknown_mode(trained_model: Path) -> None:
    with pytest.raises(ValueError, match="not supported"):
        quantize(Classifier.from_pretrained(trained_model, device="cpu"), "int4")
