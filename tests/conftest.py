"""Shared fixtures: a tiny randomly initialised BERT with a tiny vocabulary, and small labelled data."""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

FIXTURES = Path(__file__).parent / "fixtures"

WORDS = (
    "the a of and to in is was on for with by at from that this it as are be has have said says "
    "azerbaijan azerbaijani armenia armenian baku yerevan karabakh artsakh lachin corridor blockade "
    "aggression liberated occupied territory integrity refugees return peace treaty talks border "
    "ministry statement officials reported president prime minister war ceasefire troops military "
    "rights genocide cleansing humanitarian aid food fuel economy trade bank rate dram manat football "
    "match festival music film culture church mosque heritage court law justice crime prisoners "
    "sanctions eu un russia france turkey iran georgia election protest public opinion poll money "
    "housing health hospital killed injured landmine mines people families village city region "
    "anti terror operation separatist regime forced displacement exodus historic homeland"
).split()


def make_tiny_backbone(path: Path) -> Path:
    """A 2-layer, 32-wide BERT with a ~200-token WordPiece vocabulary, saved like a HF model dir."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    path.mkdir(parents=True, exist_ok=True)
    letters = list("abcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"()-")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(set(WORDS)) + letters + ["##" + c for c in letters]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n")
    tok = BertTokenizerFast(vocab_file=str(path / "vocab.txt"), do_lower_case=True)
    tok.model_max_length = 512
    tok.save_pretrained(str(path))
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=37, max_position_embeddings=512)
    BertModel(cfg).save_pretrained(str(path), safe_serialization=True)
    return path


@pytest.fixture(scope="session")
def tiny_backbone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_backbone(tmp_path_factory.mktemp("tiny_backbone"))


def make_rows(n: int, seed: int) -> list[dict]:
    """Synthetic rows whose labels follow keywords, so a tiny model can learn them in a few steps."""
    rng = random.Random(seed)
    cues = {
        "pro_a": "armenian genocide artsakh blockade aggression forced displacement",
        "pro_b": "liberated territory integrity separatist regime anti terror operation",
        "neutral": "officials said talks ministry reported statement",
        "unrelated": "football match festival music dram rate",
    }
    frame_cues = {"Security": "military troops war", "Economic": "economy trade bank", "Culture": "church heritage culture"}
    rows = []
    for i in range(n):
        label = rng.choice(list(cues))
        frames = rng.sample(list(frame_cues), rng.randint(0, 2))
        words = cues[label].split() + [w for f in frames for w in frame_cues[f].split()] + rng.sample(WORDS, 5)
        rng.shuffle(words)
        rows.append({"id": f"r{seed}-{i}", "text": " ".join(words), "stance": label, "frames": frames})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("data")
    return {
        "train": write_jsonl(d / "train.jsonl", make_rows(96, 1)),
        "dev": write_jsonl(d / "dev.jsonl", make_rows(40, 2)),
        "test": write_jsonl(d / "test.jsonl", make_rows(40, 3)),
    }


def tiny_config(tiny_backbone: Path, tiny_data: dict[str, Path], out: Path, **training: object) -> dict:
    return {
        "model": {"backbone": str(tiny_backbone), "finetune": "full", "max_length": 64, "stride": 16},
        "data": {k: str(v) for k, v in tiny_data.items()},
        "tasks": [
            {"name": "stance", "kind": "single_label"},
            {"name": "frames", "kind": "multi_label", "labels": ["Security", "Economic", "Culture"]},
        ],
        "training": {"output_dir": str(out), "epochs": 3, "batch_size": 16, "learning_rate": 0.005,
                     "logging_steps": 5, "device": "cpu", **training},
    }


@pytest.fixture(scope="session")
def trained_model(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model trained once per session (a few seconds) for save/load/predict tests."""
    from framing.config import ExperimentConfig
    from framing.training import train

    out = tmp_path_factory.mktemp("models") / "tiny"
    cfg = ExperimentConfig.from_dict(tiny_config(tiny_backbone, tiny_data, out, epochs=8, report_dir=str(out) + "-report"))
    train(cfg, progress=False)
    return out
