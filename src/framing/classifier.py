"""The user-facing model: load, predict, predict documents, save."""
from __future__ import annotations

import dataclasses
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch

from framing.backbone import PINNED_BACKBONES, add_lora, load_encoder, merge_lora
from framing.config import ModelConfig
from framing.errors import ModelLoadError
from framing.lexical import LexicalModel
from framing.modeling import FramingModel
from framing.results import DocumentPrediction, Prediction
from framing.tasks import Task

#: Version of the on-disk model format this code writes and reads.
FORMAT_VERSION = 1
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "default_model"
#: Bundled models by name: ``default`` (fast, MiniLM-L6) and ``accurate`` (all-mpnet-base-v2 backbone).
BUNDLED_MODELS = {"default": DEFAULT_MODEL_DIR, "accurate": DEFAULT_MODEL_DIR.parent / "accurate_model"}
CONFIG_NAME = "config.json"
WEIGHTS_NAME = "model.safetensors"
TRAINING_CONFIG_NAME = "training_config.json"
METRICS_NAME = "metrics.json"
#: Padded tokens per inference batch (rows x longest window): long windows go in smaller batches.
MAX_BATCH_TOKENS = 2048
#: Seconds between handing freed heap memory back to the OS during inference (see ``_release_free_memory``).
RELEASE_INTERVAL_S = 1.0


def model_directory(path: str | os.PathLike[str] | None) -> Path:
    """The directory ``Classifier.from_pretrained(path)`` reads: ``None`` or ``"default"`` is the bundled
    default model, ``"accurate"`` the bundled accurate one; anything else is a path."""
    if path is None:
        return DEFAULT_MODEL_DIR
    return BUNDLED_MODELS.get(str(path), Path(path)) if isinstance(path, str) else Path(path)


def _pick_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise ValueError(f"device {device!r} is not one of 'auto', 'cpu', 'cuda' (or 'cuda:N').")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError(f"device {device!r} was asked for but CUDA is not available; use device='cpu'.")
    return torch.device(device)


def _check_texts(texts: Any) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a list of strings, e.g. predict([text]); a bare string was given.")
    if not isinstance(texts, Sequence):
        texts = list(texts)
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(
            f"texts must all be str; item {bad[0]} is {type(texts[bad[0]]).__name__}. "
            "Convert or drop non-string values first."
        )
    return list(texts)


class Classifier:
    """A multi-task passage classifier (perspective, frames, or any tasks you train).

    >>> clf = Classifier.from_pretrained()          # the bundled default model  # doctest: +SKIP
    >>> clf.predict(["Baku said the operation was over."])[0]["perspective"].label  # doctest: +SKIP
    'neutral'
    """

    def __init__(
        self,
        model: FramingModel,
        tokenizer: Any,
        tasks: Sequence[Task],
        model_config: ModelConfig,
        backbone_sha256: str | None = None,
        device: str = "auto",
        training_config: dict[str, Any] | None = None,
        metrics: dict[str, Any] | None = None,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.tasks: tuple[Task, ...] = tuple(tasks)
        self.model_config = model_config
        self.backbone_sha256 = backbone_sha256
        self.training_config = training_config
        self.metrics = metrics
        self.device = _pick_device(device)
        self.model.to(self.device)
        self._saved_state: dict[str, torch.Tensor] | None = None
        #: The ``inference`` section of config.json (e.g. ``context_weight``); empty when absent.
        self.inference: dict[str, Any] = {}
        #: TF-IDF + linear scores mixed into the probabilities (``framing.lexical``), else None.
        self.lexical: LexicalModel | None = None
        #: The directory the model was loaded from (``from_pretrained``), else None.
        self.directory: Path | None = None
        #: ONNX Runtime session that replaces the encoder + heads forward (``backend="onnx"``), else None.
        self.onnx: Any = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_config(
        cls, model_config: ModelConfig, tasks: Sequence[Task], device: str = "auto", **model_kwargs: Any
    ) -> Classifier:
        """A fresh (untrained heads) classifier over ``model_config.backbone``."""
        encoder, tokenizer, digest = load_encoder(model_config.backbone)
        if model_config.finetune != "full":
            # Only adapters and heads are trained (and saved); the backbone stays exactly as pinned.
            encoder.requires_grad_(False)
        if model_config.finetune == "lora":
            add_lora(encoder, model_config.lora_targets, model_config.lora_r,
                     model_config.lora_alpha, model_config.lora_dropout)
        model = FramingModel(encoder, tasks, model_config.pooling, model_config.dropout, **model_kwargs)
        return cls(model, tokenizer, tasks, model_config, digest, device)

    @classmethod
    def from_pretrained(
        cls, path: str | os.PathLike[str] | None = None, device: str = "auto", num_threads: int | None = None,
        backend: Literal["torch", "onnx"] = "torch", quantize: str = "none",
    ) -> Classifier:
        """Load a saved model directory; ``None`` or ``"default"`` loads the bundled default model.

        Only safetensors weights are read and no code from the directory is executed.
        ``backend="onnx"`` runs the encoder and heads with ONNX Runtime (``framing.export``; needs
        ``pip install "framing[onnx]"``, CPU only). ``quantize``: ``"none"``, ``"int8"`` (torch: dynamic
        int8, ``framing.fast``; onnx: the int8 graph) or ``"bf16"`` (torch only).
        """
        if backend not in ("torch", "onnx"):
            raise ValueError(f"backend {backend!r} is not one of 'torch', 'onnx'.")
        if backend == "onnx":
            from framing.export import check_mode, require_onnxruntime

            require_onnxruntime()  # fail before the model loads
            check_mode(quantize)  # and on an unsupported mode
            if device == "auto":
                device = "cpu"
        if num_threads:
            torch.set_num_threads(num_threads)
        directory = model_directory(path)
        if not directory.is_dir():
            hint = (
                f"the bundled {path or 'default'!r} model is missing from this install; reinstall framing"
                if path is None or path in BUNDLED_MODELS else "check the path"
            )
            raise ModelLoadError(f"model directory {str(directory)!r} does not exist; {hint}.")
        meta = _read_config(directory)
        model_config = _build_model_config(meta, directory)
        tasks = [Task.from_dict(t) for t in meta["tasks"]]
        weights = directory / WEIGHTS_NAME
        if not weights.is_file():
            pickles = [p.name for p in directory.glob("*.bin")] + [p.name for p in directory.glob("*.pt")]
            extra = f" Found {pickles}: pickle weights are refused because loading them can run code." if pickles else ""
            raise ModelLoadError(f"{directory} has no {WEIGHTS_NAME}.{extra} Re-save the model with save_pretrained().")
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            state = load_file(str(weights))
        except (SafetensorError, OSError, ValueError, RuntimeError) as exc:
            raise ModelLoadError(
                f"{weights} could not be read ({exc}); the file is truncated or corrupt. Re-copy or re-save the model."
            ) from exc
        finetune = meta["backbone"]["finetune"]
        from transformers import AutoTokenizer

        try:
            tokenizer = AutoTokenizer.from_pretrained(str(directory), trust_remote_code=False)
        except (OSError, ValueError) as exc:
            raise ModelLoadError(f"{directory}: tokenizer files missing or unreadable ({exc}); re-save the model.") from exc
        if finetune == "full":
            from transformers import AutoConfig, AutoModel

            enc_cfg = AutoConfig.for_model(**meta["encoder_config"])
            encoder = AutoModel.from_config(enc_cfg)
            digest = meta["backbone"].get("sha256")
        else:
            encoder, _, digest = load_encoder(model_config.backbone, meta["backbone"].get("sha256"))
            if finetune == "lora":
                add_lora(encoder, model_config.lora_targets, model_config.lora_r,
                         model_config.lora_alpha, model_config.lora_dropout)
        model = FramingModel(encoder, tasks, model_config.pooling, model_config.dropout)
        missing, unexpected = model.load_state_dict(state, strict=False)
        trainable = _saved_keys(model, finetune)
        absent = sorted(set(trainable) - set(state))
        if absent or unexpected:
            raise ModelLoadError(
                f"{weights} does not match the model described by {CONFIG_NAME}: missing {absent[:5]}, "
                f"unexpected {sorted(unexpected)[:5]}. The directory mixes files from different models."
            )
        training_config = _read_json(directory / TRAINING_CONFIG_NAME)
        metrics = _read_json(directory / METRICS_NAME)
        clf = cls(model, tokenizer, tasks, model_config, digest, device, training_config, metrics)
        clf.inference = dict(meta.get("inference") or {})
        clf.lexical = LexicalModel.load(directory)
        clf.directory = directory
        clf.prepare_for_inference()
        if backend == "onnx":
            from framing.export import attach

            attach(clf, quantize)
        elif quantize != "none":
            from framing.fast import quantize as quantize_torch

            quantize_torch(clf, quantize)
        return clf

    # ------------------------------------------------------------------ saving
    def state_to_save(self) -> dict[str, torch.Tensor]:
        """The tensors written to ``model.safetensors`` (adapters + heads unless fully fine-tuned)."""
        if self._saved_state is not None:
            return self._saved_state
        sd = self.model.state_dict()
        return {k: sd[k].detach().cpu().contiguous() for k in _saved_keys(self.model, self.model_config.finetune)}

    def prepare_for_inference(self) -> None:
        """Eval mode; fold LoRA adapters into the encoder so inference costs a plain forward pass."""
        self.model.eval()
        if self.model_config.finetune == "lora" and self._saved_state is None:
            self._saved_state = {k: v.clone() for k, v in self.state_to_save().items()}
            merge_lora(self.model.encoder)

    def save_pretrained(self, path: str | os.PathLike[str]) -> Path:
        """Write weights, tokenizer, config (tasks, labels, thresholds), training config, metrics and a model card.

        The directory is written next to its final place and renamed into it, so an interrupted save
        never leaves a half-written model where a good one was.
        """
        from safetensors.torch import save_file

        from framing.modelcard import render_model_card

        target = Path(path).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        umask = os.umask(0)
        os.umask(umask)
        try:
            save_file(self.state_to_save(), str(tmp / WEIGHTS_NAME), metadata={"format": "pt"})
            self.tokenizer.save_pretrained(str(tmp))
            (tmp / CONFIG_NAME).write_text(json.dumps(self.config_dict(), indent=2, ensure_ascii=False) + "\n")
            if self.training_config is not None:
                (tmp / TRAINING_CONFIG_NAME).write_text(json.dumps(self.training_config, indent=2) + "\n")
            if self.metrics is not None:
                (tmp / METRICS_NAME).write_text(json.dumps(self.metrics, indent=2) + "\n")
            if self.lexical is not None:
                self.lexical.save(tmp)
            (tmp / "README.md").write_text(render_model_card(self))
            for f in tmp.iterdir():
                with open(f, "rb") as fh:
                    os.fsync(fh.fileno())
                f.chmod(0o666 & ~umask)  # mkdtemp and some writers use private modes; a model is meant to be shared
            tmp.chmod(0o777 & ~umask)
            _replace_dir(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return target

    def config_dict(self) -> dict[str, Any]:
        from framing import __version__

        encoder_config = self.model.encoder.config.to_dict()
        return {
            "format_version": FORMAT_VERSION,
            "framing_version": __version__,
            "backbone": {
                "name": self.model_config.backbone,
                "sha256": self.backbone_sha256,
                "finetune": self.model_config.finetune,
            },
            "model": dataclasses.asdict(self.model_config),
            "tasks": [t.to_dict() for t in self.tasks],
            "encoder_config": {k: v for k, v in encoder_config.items() if _jsonable(v)},
            **({"inference": dict(self.inference)} if self.inference else {}),
        }

    # ------------------------------------------------------------------ prediction
    def task(self, name: str) -> Task:
        for t in self.tasks:
            if t.name == name:
                return t
        raise KeyError(f"no task {name!r}; this model has {[t.name for t in self.tasks]}.")

    def with_tasks(self, tasks: Sequence[Task]) -> Classifier:
        """Replace task metadata (thresholds, temperatures) without touching weights; returns self."""
        if [t.name for t in tasks] != [t.name for t in self.tasks] or any(
            a.labels != b.labels for a, b in zip(tasks, self.tasks)
        ):
            raise ValueError("with_tasks() may change thresholds/temperatures only, not task names or labels.")
        self.tasks = tuple(tasks)
        return self

    def logits(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = False
    ) -> dict[str, np.ndarray]:
        """Raw logits per task, shape (len(texts), num_labels); long texts average their windows' logits.

        Empty strings must be filtered out by the caller. All texts are tokenised in one call; windows
        are sorted by length and cut into batches of at most ``batch_size`` windows and about
        ``MAX_BATCH_TOKENS`` padded tokens (long windows go in smaller batches, which keeps activations
        in cache), padded only to the longest window of their batch, and put back in input order.
        """
        names = [t.name for t in self.tasks]
        width = sum(t.num_labels for t in self.tasks)

        def heads(ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            if self.onnx is not None:  # ONNX Runtime graph of the same function (framing.export)
                return torch.from_numpy(self.onnx(ids.numpy(), mask.numpy()))
            res = self.model(input_ids=ids, attention_mask=mask)
            return torch.cat([res[f"logits_{name}"] for name in names], dim=1)

        flat = self._windowed(texts, batch_size, progress, heads, width, "predict")
        out: dict[str, np.ndarray] = {}
        col = 0
        for t in self.tasks:
            out[t.name] = np.ascontiguousarray(flat[:, col : col + t.num_labels])
            col += t.num_labels
        return out

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Pooled encoder features, shape (len(texts), hidden); long texts average their windows.

        The heads are linear, so ``head(embed(texts))`` equals ``logits(texts)`` (windows are averaged
        with the same length weights): heads trained on these features behave the same at prediction time.
        """
        hidden = int(self.model.encoder.config.hidden_size)
        return self._windowed(texts, batch_size, progress, self.model.pool, hidden, "embed")

    def _windowed(
        self,
        texts: Sequence[str],
        batch_size: int,
        progress: bool,
        fn: Any,
        width: int,
        desc: str,
    ) -> np.ndarray:
        """Run ``fn(input_ids, attention_mask) -> (rows, width)`` over every token window of ``texts``
        in length-sorted batches and return the per-text, window-length-weighted mean (input order)."""
        cfg = self.model_config
        if not texts:
            return np.zeros((0, width), dtype=np.float32)
        enc = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=cfg.max_length,
            stride=cfg.stride,
            return_overflowing_tokens=True,
            return_attention_mask=False,
            return_token_type_ids=False,
        )
        ids: list[list[int]] = enc["input_ids"]
        owner = np.asarray(enc["overflow_to_sample_mapping"], dtype=np.int64)
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
        del enc, ids
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        order = np.argsort(-lengths, kind="stable")
        batches = _length_batches(lengths[order], max(int(batch_size), 1), MAX_BATCH_TOKENS)
        window_out = torch.empty((len(lengths), width), dtype=torch.float32)
        pad_id = self.tokenizer.pad_token_id or 0
        iterator: Iterable[tuple[int, int]] = batches
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(batches, desc=desc, unit="batch", leave=False)
        self.model.eval()
        last_release = time.monotonic()
        with torch.inference_mode():
            for lo, hi in iterator:
                idx = order[lo:hi]
                n = lengths[idx]
                longest = int(n[0])  # windows are sorted longest first
                cols = np.arange(longest, dtype=np.int64)
                mask = cols < n[:, None]
                arr = np.where(mask, flat[np.minimum(starts[idx, None] + cols, len(flat) - 1)], pad_id)
                res = fn(
                    torch.from_numpy(arr).to(self.device),
                    torch.from_numpy(mask.astype(np.int64)).to(self.device),
                )
                window_out[torch.from_numpy(idx)] = res.float().cpu()
                if time.monotonic() - last_release > RELEASE_INTERVAL_S:
                    _release_free_memory()
                    last_release = time.monotonic()
        wo = window_out.numpy()
        if len(lengths) == len(texts):  # no text was split into windows: rows are already in order
            return wo
        weights = lengths.astype(np.float32)
        denom = np.bincount(owner, weights=weights, minlength=len(texts)).astype(np.float32)
        acc = np.zeros((len(texts), width), dtype=np.float32)
        np.add.at(acc, owner, wo * weights[:, None])
        return acc / np.maximum(denom, 1e-9)[:, None]

    def scores(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False,
               *, lexical: bool = True) -> dict[str, np.ndarray]:
        """Calibrated probabilities per task (softmax or sigmoid of temperature-scaled logits).

        With a lexical component (``framing.lexical``) its scores are mixed in; ``lexical=False`` gives
        the encoder alone (what a distillation student learns from a teacher that has one).
        """
        probs = self.probabilities(self.logits(texts, batch_size, progress), texts if lexical else None)
        if self.onnx is not None and self.onnx.exact is not None:  # int8 graph: fp32 for near-decision passages
            from framing.export import recheck

            probs = recheck(self, texts, probs, batch_size, lexical)
        return probs

    def probabilities(self, logits: dict[str, np.ndarray], texts: Sequence[str] | None = None) -> dict[str, np.ndarray]:
        """Calibrated probabilities from the encoder's ``logits`` of ``texts``.

        The one place logits become probabilities: the task temperatures, and the lexical mix when the
        model has a lexical component and ``texts`` are given (``None``: the encoder alone).
        """
        if self.lexical is None or texts is None:
            return {t.name: _probabilities(t, logits[t.name]) for t in self.tasks}
        lex = self.lexical.logits(texts)
        return {t.name: self.lexical.mix(t, logits[t.name], lex[t.name]) for t in self.tasks}

    def predict(
        self, texts: Sequence[str], batch_size: int = 64, progress: bool = False, *, evidence: bool = False
    ) -> list[Prediction]:
        """Predict every task for each text. Empty or whitespace-only texts give ``Prediction(empty=True)``.

        Texts longer than the model window are split into overlapping token windows whose logits are
        averaged (weighted by window length). With ``evidence``, each prediction carries, per predicted
        label, its top sentences with offsets into the text (``framing.evidence``: sentence occlusion).
        """
        texts = _check_texts(texts)
        keep = [i for i, t in enumerate(texts) if t.strip()]
        probs = self.scores([texts[i] for i in keep], batch_size, progress)
        results: list[Prediction] = [self._empty_prediction()] * len(texts)
        for row, i in enumerate(keep):
            results[i] = self._make_prediction({name: p[row] for name, p in probs.items()})
        if evidence:
            from framing.evidence import explain_texts

            results = explain_texts(self, texts, results, batch_size)
        return results

    def predict_documents(
        self,
        documents: Sequence[str],
        aggregate: Literal["mean", "max"] = "mean",
        batch_size: int = 64,
        progress: bool = False,
        min_words: int = 8,
        *,
        keep_boilerplate: bool = False,
        context: bool = True,
        metadata: Sequence[dict[str, Any] | None] | None = None,
        evidence: bool = False,
    ) -> list[DocumentPrediction]:
        """Segment each document into passages, find its articles and boilerplate, predict, and aggregate.

        The same stages as ``framing predict --documents`` (``framing.pipeline``): every passage is
        scored; boilerplate passages (``PassagePrediction.boilerplate``/``boilerplate_reason``) are left
        out of the article and document aggregates unless ``keep_boilerplate``. Aggregation per task:
        ``mean`` averages passage probabilities weighted by passage length in words (argmax for a
        single-label task, thresholds for a multi-label one); ``max`` takes each label's highest passage
        probability. With ``context`` (default) and an ``inference.context_weight`` w > 0 in the
        model's config.json, passage scores are mixed with their article's (``framing.aggregate``).
        A document with no text gives an empty prediction and no passages. With ``evidence``, each
        passage's prediction carries its evidence sentences, offsets into the document text
        (``framing.evidence``; boilerplate passages only with ``keep_boilerplate``).
        """
        from framing.pipeline import Aggregate, Classify, Extract, context_weight_of

        if aggregate not in ("mean", "max"):
            raise ValueError(f"aggregate must be 'mean' or 'max', got {aggregate!r}.")
        documents = _check_texts(documents)
        metas = list(metadata) if metadata is not None else [None] * len(documents)
        if len(metas) != len(documents):
            raise ValueError(f"metadata has {len(metas)} entries for {len(documents)} documents.")
        records = [_Doc(str(i), text, m or {}) for i, (text, m) in enumerate(zip(documents, metas))]
        weight = context_weight_of(self) if context else 0.0
        classify = Classify(self, batch_size=batch_size, progress=progress)
        stages: tuple[Any, ...] = (Extract(min_words), classify, Aggregate(self.tasks, aggregate, keep_boilerplate, weight))
        if evidence:
            from framing.evidence import Explain

            stages = (*stages[:2], Explain(classify, keep_boilerplate), stages[2])
        out: Any = records
        for stage in stages:
            out = stage(out)
        return [r.document for r in out]

    def _make_prediction(self, probs: dict[str, np.ndarray]) -> Prediction:
        from framing.aggregate import make_prediction

        return make_prediction(self.tasks, probs)

    def _empty_prediction(self) -> Prediction:
        from framing.aggregate import empty_prediction

        return empty_prediction(self.tasks)


@dataclasses.dataclass(frozen=True)
class _Doc:
    """A document handed to the pipeline stages by ``predict_documents``."""

    id: str
    text: str
    metadata: dict[str, Any]


_LIBC: Any = None


def _release_free_memory() -> None:
    """Return freed heap pages to the OS (glibc ``malloc_trim``; a no-op elsewhere).

    Batches of ever-changing shapes leave the glibc heap fragmented by small long-lived allocations
    (oneDNN's primitive cache among them), so without this the resident size of a long prediction run
    creeps up by several hundred MB of memory that is free but never returned. One call costs a few
    milliseconds; it runs about once a second (``RELEASE_INTERVAL_S``).
    """
    global _LIBC
    if _LIBC is None:
        _LIBC = False
        if sys.platform.startswith("linux"):
            import ctypes

            try:
                libc = ctypes.CDLL("libc.so.6")
                _LIBC = libc if hasattr(libc, "malloc_trim") else False
            except OSError:
                pass
    if _LIBC:
        _LIBC.malloc_trim(0)


def _length_batches(sorted_lengths: np.ndarray, max_rows: int, max_tokens: int) -> list[tuple[int, int]]:
    """Cut windows sorted longest first into ``[lo, hi)`` batches of <= ``max_rows`` rows and about
    ``max_tokens`` padded tokens (at least one row each)."""
    batches: list[tuple[int, int]] = []
    lo, n = 0, len(sorted_lengths)
    while lo < n:
        rows = min(max_rows, max(1, max_tokens // max(int(sorted_lengths[lo]), 1)), n - lo)
        batches.append((lo, lo + rows))
        lo += rows
    return batches


def _probabilities(task: Task, logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64) / task.temperature
    if task.kind == "single_label":
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def _saved_keys(model: FramingModel, finetune: str) -> list[str]:
    keys = list(model.state_dict())
    if finetune == "full":
        return keys
    return [k for k in keys if k.startswith("heads.") or ".lora_" in k]


def _jsonable(v: Any) -> bool:
    try:
        json.dumps(v)
        return True
    except (TypeError, ValueError):
        return False


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{path} is not valid JSON ({exc}); the file is corrupt. Re-save the model.") from exc


def _read_config(directory: Path) -> dict[str, Any]:
    meta = _read_json(directory / CONFIG_NAME)
    if meta is None:
        raise ModelLoadError(
            f"{directory} has no {CONFIG_NAME}; it is not a framing model directory (expected "
            f"{CONFIG_NAME}, {WEIGHTS_NAME} and tokenizer files written by save_pretrained())."
        )
    version = meta.get("format_version")
    if not isinstance(version, int):
        raise ModelLoadError(f"{directory / CONFIG_NAME} has no integer format_version; it was not written by framing.")
    if version > FORMAT_VERSION:
        raise ModelLoadError(
            f"{directory} uses model format {version}, this framing reads format <= {FORMAT_VERSION}. "
            "Upgrade framing (pip install -U framing)."
        )
    for key in ("backbone", "model", "tasks"):
        if key not in meta:
            raise ModelLoadError(f"{directory / CONFIG_NAME} lacks {key!r}; the file is incomplete. Re-save the model.")
    return meta


def _build_model_config(meta: dict[str, Any], directory: Path) -> ModelConfig:
    from framing.config import _build

    try:
        return _build(ModelConfig, meta["model"], f"{directory / CONFIG_NAME}:model")
    except Exception as exc:
        raise ModelLoadError(f"{directory / CONFIG_NAME}: invalid model section ({exc}).") from exc


def _replace_dir(src: Path, dst: Path) -> None:
    """Rename ``src`` onto ``dst``; an existing ``dst`` is moved aside first and removed after."""
    backup = None
    if dst.exists():
        backup = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        if backup.exists():
            shutil.rmtree(backup)
        dst.rename(backup)
    src.rename(dst)
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


__all__ = ["Classifier", "BUNDLED_MODELS", "DEFAULT_MODEL_DIR", "FORMAT_VERSION", "PINNED_BACKBONES"]
