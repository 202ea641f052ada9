"""Faster CPU inference: dynamic int8 quantization of the encoder's Linear layers.

Accuracy cost is measured, not assumed: see ``benchmarks/throughput.py`` (label agreement with fp32).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from framing.classifier import Classifier


def quantize(clf: Classifier, mode: str = "int8") -> Classifier:
    """Quantize ``clf`` in place (CPU only): int8 weights, activations quantized on the fly; returns it."""
    if mode != "int8":
        raise ValueError(f"quantization mode {mode!r} is not supported; use 'int8'.")
    if clf.device.type != "cpu":
        raise ValueError("int8 dynamic quantization runs on CPU only; load the model with device='cpu'.")
    clf.prepare_for_inference()
    from torch.ao.quantization import quantize_dynamic

    clf.model.encoder = quantize_dynamic(clf.model.encoder, {torch.nn.Linear}, dtype=torch.qint8)
    return clf
