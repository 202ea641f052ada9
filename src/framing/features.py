"""Per-text vectors computed once and cached on disk: encoder features and teacher scores.

A 110M-parameter backbone such as all-mpnet-base-v2 encodes only a few passages a second on two CPU
cores, so training heads over a frozen encoder must not re-run it every epoch, a teacher must score
its distillation pool once, and an interrupted run must not start over. ``VectorCache`` stores one
float32 vector per text, keyed by the text's sha1, in shards (``vectors-00000.safetensors`` + ``.json``
index) under a folder named after everything that changes the vectors (e.g. backbone weights sha256,
pooling, max_length). New texts are computed in chunks and each chunk is saved as it finishes: killing
the process loses at most one chunk.

>>> cache = feature_cache("runs/cache", clf)                    # doctest: +SKIP
>>> x = cache.vectors(["Baku said ...", "Yerevan said ..."])    # (2, hidden) float32
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from framing.classifier import Classifier

CHUNK = 256


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class VectorCache:
    """``compute(texts) -> (len(texts), width)`` cached per text under ``root`` (see module docstring)."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        identity: dict[str, Any],
        compute: Callable[[list[str]], np.ndarray],
        width: int,
        desc: str = "encode",
    ) -> None:
        ident = json.dumps(identity, sort_keys=True)
        self.directory = Path(root) / f"{desc}-{hashlib.sha1(ident.encode()).hexdigest()[:16]}"
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "identity.json").write_text(ident + "\n")
        self.compute = compute
        self.width = width
        self.desc = desc
        self._rows: dict[str, np.ndarray] = {}
        self._load()

    def _load(self) -> None:
        from safetensors.numpy import load_file

        for index in sorted(self.directory.glob("vectors-*.json")):
            shard = index.with_suffix(".safetensors")
            if not shard.is_file():
                continue  # a shard whose data never landed: its texts are simply computed again
            keys = json.loads(index.read_text())
            self._rows.update(zip(keys, load_file(str(shard))["vectors"]))

    def _save(self, keys: list[str], arr: np.ndarray) -> None:
        from safetensors.numpy import save_file

        base = self.directory / f"vectors-{len(list(self.directory.glob('vectors-*.json'))):05d}"
        tmp = base.with_suffix(".tmp")
        save_file({"vectors": np.ascontiguousarray(arr, dtype=np.float32)}, str(tmp))
        os.replace(tmp, base.with_suffix(".safetensors"))
        base.with_suffix(".json").write_text(json.dumps(keys))

    def __len__(self) -> int:
        return len(self._rows)

    def vectors(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Vectors for ``texts`` in order, computing (and saving) only those not cached yet."""
        keys = [text_key(t) for t in texts]
        todo: dict[str, str] = {}
        for k, t in zip(keys, texts):
            if k not in self._rows and k not in todo:
                todo[k] = t
        pending = list(todo.items())
        bar = None
        if progress and pending:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(pending), desc=self.desc, unit="text")
        for lo in range(0, len(pending), CHUNK):
            part = pending[lo : lo + CHUNK]
            arr = np.asarray(self.compute([t for _, t in part]), dtype=np.float32)
            self._save([k for k, _ in part], arr)
            self._rows.update(zip((k for k, _ in part), arr))
            if bar is not None:
                bar.update(len(part))
        if bar is not None:
            bar.close()
        if not keys:
            return np.zeros((0, self.width), dtype=np.float32)
        return np.stack([self._rows[k] for k in keys]).astype(np.float32)


def feature_cache(root: str | os.PathLike[str], clf: Classifier, batch_size: int = 32) -> VectorCache:
    """Pooled encoder features of ``clf`` (``Classifier.embed``), cached per text."""
    cfg = clf.model_config
    identity = {"sha256": clf.backbone_sha256 or cfg.backbone, "pooling": cfg.pooling,
                "max_length": cfg.max_length, "stride": cfg.stride}
    hidden = int(clf.model.encoder.config.hidden_size)
    return VectorCache(root, identity, lambda texts: clf.embed(texts, batch_size=batch_size), hidden, "features")


def teacher_cache(root: str | os.PathLike[str], teacher: Classifier, weights_sha256: str, batch_size: int = 32) -> VectorCache:
    """A teacher's calibrated probabilities, tasks concatenated in ``teacher.tasks`` order, cached per text."""
    identity = {"teacher": weights_sha256, "tasks": [t.to_dict() for t in teacher.tasks]}
    width = sum(t.num_labels for t in teacher.tasks)

    def compute(texts: list[str]) -> np.ndarray:
        # The encoder alone: a student with its own lexical component would count the bag of words twice.
        probs = teacher.scores(texts, batch_size, lexical=False)
        return np.concatenate([probs[t.name] for t in teacher.tasks], axis=1)

    return VectorCache(root, identity, compute, width, "teacher")


__all__ = ["VectorCache", "feature_cache", "teacher_cache", "text_key"]
