"""Faster CPU inference at a small, measured accuracy cost.

Two modes, both applied in place to a loaded :class:`~framing.classifier.Classifier`:

``int8``
    Dynamic int8 quantization (``torch.ao.quantization.quantize_dynamic``) of the encoder's Linear
    layers: int8 weights with per-output-channel scales, activations quantized on the fly. Attention, GELU and LayerNorm stay fp32.
``bf16``
    bfloat16 matrix products: every encoder Linear keeps a bfloat16 copy of its weights; the query,
    key and value projections (so the attention itself) and the feed-forward up-projection run in
    bfloat16, while the residual stream, LayerNorm, pooling and the task heads stay fp32. Fast only on
    CPUs with native bfloat16 (AVX512-BF16 / AMX, e.g. Intel Sapphire Rapids and later); elsewhere it
    is emulated and expected to be slower than fp32.

The accuracy cost (label agreement with fp32, change in F1 on the held-out split) is measured by
``benchmarks/throughput.py`` and reported in BENCHMARKS.md.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import torch
from torch import nn
from torch.nn import functional as F

if TYPE_CHECKING:
    from framing.classifier import Classifier

logger = logging.getLogger("framing")

MODES = ("int8", "bf16")

#: Linear layers whose bfloat16 output is passed on as is (into attention, or into GELU and the next
#: bf16 product); every other Linear returns fp32 so residual additions and LayerNorm stay fp32.
_BF16_OUTPUT_SUFFIXES = ("query", "key", "value", "intermediate.dense")


class BF16Linear(nn.Module):
    """A Linear computed in bfloat16 from a bfloat16 copy of the weights (made once, not per call)."""

    def __init__(self, linear: nn.Linear, bf16_output: bool) -> None:
        super().__init__()
        self.in_features = linear.in_features
        self.out_features = linear.out_features
        self.register_buffer("weight", linear.weight.detach().to(torch.bfloat16))
        bias = None if linear.bias is None else linear.bias.detach().to(torch.bfloat16)
        self.register_buffer("bias", bias)
        self.bf16_output = bf16_output

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.linear(x.to(torch.bfloat16), self.weight, self.bias)
        return y if self.bf16_output else y.float()

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, bf16_output={self.bf16_output}"


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX)."""
    probes = ("_is_amx_tile_supported", "_is_avx512_bf16_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in probes)


def _to_bf16(module: nn.Module, prefix: str = "") -> None:
    for name, child in list(module.named_children()):
        path = f"{prefix}{name}"
        if isinstance(child, nn.Linear):
            setattr(module, name, BF16Linear(child, path.endswith(_BF16_OUTPUT_SUFFIXES)))
        else:
            _to_bf16(child, path + ".")


def quantize(clf: Classifier, mode: str = "int8") -> Classifier:
    """Switch ``clf`` to a faster CPU path in place and return it.

    ``mode``: ``"int8"`` (dynamic int8 quantization of the encoder's Linear layers) or ``"bf16"``
    (bfloat16 matrix products, fp32 residual stream and heads). The task heads always stay fp32.
    """
    if mode not in MODES:
        raise ValueError(f"quantization mode {mode!r} is not supported; use one of {list(MODES)}.")
    if clf.device.type != "cpu":
        raise ValueError(f"{mode} quantization is a CPU path; load the model with device='cpu'.")
    clf.prepare_for_inference()
    if mode == "int8":
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        # Per-output-channel weight scales: same speed as per-tensor, measurably closer to fp32.
        clf.model.encoder = quantize_dynamic(clf.model.encoder, {nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
    else:
        if not native_bf16():
            logger.warning("this CPU has no native bfloat16 (AVX512-BF16/AMX); --quantize bf16 will be slower than fp32.")
        _to_bf16(clf.model.encoder)
    return clf
