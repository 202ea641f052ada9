"""Smoke tests of the public-benchmark path: each converter on the real data (a few dozen rows) and the
runner end to end with the tiny backbone (a few steps), so that the path cannot rot. The real runs are
not part of CI (see BENCHMARKS.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
NEEDED = ("allsides", "gvfc", "fignews")

pytestmark = pytest.mark.skipif(
    not all((DATA_ROOT / d).is_dir() for d in NEEDED),
    reason=f"public data sets not found at {DATA_ROOT} (expected {', '.join(NEEDED)} beside the repository, "
           "in ../shared/datasets)",
)

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_allsides_converter(tmp_path: Path) -> None:
    from training.datasets import allsides

    meta = allsides.main(["--data-dir", str(DATA_ROOT / "allsides"), "--out", str(tmp_path), "--max-rows", "12",
                          "--max-words", "40"])
    assert set(meta) == {"random", "media"}
    for split in ("random", "media"):
        assert meta[split]["original_rows"]["test"] == 1300
        for part in ("train", "dev", "test"):
            rows = _rows(tmp_path / split / f"{part}.jsonl")
            assert 8 <= len(rows) <= 12
            assert {r["leaning"] for r in rows} <= {"left", "center", "right"}
            assert all(r["text"].strip() and len(r["text"].split("\n\n", 1)[-1].split()) <= 40 for r in rows)
    # the same article keeps its label (bias 0/1/2 -> left/center/right) in both splits' test files
    ra = {r["id"]: r["leaning"] for r in _rows(tmp_path / "random" / "test.jsonl")}
    me = {r["id"]: r["leaning"] for r in _rows(tmp_path / "media" / "test.jsonl")}
    assert all(ra[k] == me[k] for k in set(ra) & set(me))


def test_gvfc_converter_resplit_is_seeded_stratified_and_disjoint(tmp_path: Path) -> None:
    from training.datasets import gvfc

    meta = gvfc.main(["--data-dir", str(DATA_ROOT / "gvfc"), "--out", str(tmp_path / "a")])
    gvfc.main(["--data-dir", str(DATA_ROOT / "gvfc"), "--out", str(tmp_path / "b")])
    parts = {p: _rows(tmp_path / "a" / f"{p}.jsonl") for p in ("train", "dev", "test")}
    assert sum(len(v) for v in parts.values()) == meta["headlines"] >= 1290
    ids = [set(r["id"] for r in v) for v in parts.values()]
    texts = [set(r["text"].lower() for r in v) for v in parts.values()]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    assert not (texts[1] & texts[2]) and not (texts[0] & texts[2])  # unlike the shipped folds (dev = test)
    assert (tmp_path / "a" / "test.jsonl").read_text() == (tmp_path / "b" / "test.jsonl").read_text()
    for r in parts["test"]:
        assert 1 <= len(r["frames"]) <= 2 and r["frames"][0] == r["first_frame"]
        assert set(r["frames"]) <= set(gvfc.LABELS)
    # every first frame is in every part
    assert all({r["first_frame"] for r in v} == set(gvfc.LABELS) for v in parts.values())


def test_fignews_converter_majority_vote(tmp_path: Path) -> None:
    from training.datasets import fignews

    meta = fignews.main(["--data-dir", str(DATA_ROOT / "fignews"), "--out", str(tmp_path), "--max-rows", "30"])
    assert meta["dropped"]["tie"] > 0 and meta["rows"] > 1000
    for part in ("train", "dev", "test"):
        en, orig = _rows(tmp_path / "en" / f"{part}.jsonl"), _rows(tmp_path / "orig" / f"{part}.jsonl")
        assert [r["id"] for r in en] == [r["id"] for r in orig] and 20 <= len(en) <= 30
        assert {r["bias"] for r in en} <= set(fignews.LABELS)
        for r in en:
            won, total = map(int, r["votes"].split("/"))
            assert won / total >= 0.4
        # the English MT differs from the original for non-English posts
        assert any(a["text"] != b["text"] for a, b in zip(en, orig) if a["lang"] != "en")


def test_runner_smoke(tmp_path: Path, tiny_backbone: Path) -> None:
    from training.benchmarks import run

    payload = run.main(["--data-root", str(DATA_ROOT), "--out", str(tmp_path), "--mode", "smoke",
                        "--backbone", str(tiny_backbone), "--threads", "1", "--quiet",
                        "--set", "training.seed=7"])
    assert [r["name"] for r in payload["results"]] == list(run.BENCHES)
    for res in payload["results"]:  # extra overrides are applied and said in the table's notes
        assert res["config"]["training"]["seed"] == 7 and "--set training.seed=7" in res["note"]
    saved = json.loads((tmp_path / "results.json").read_text())
    md = (tmp_path / "results.md").read_text()
    assert saved["mode"] == "smoke" and "| dataset | split | metric | majority | TF-IDF+LR | framing |" in md
    for row in saved["table"]:
        for method in ("majority", "tfidf_lr", "framing"):
            assert 0.0 <= row[method] <= 1.0
    anchors = {(r["benchmark"], r["metric"]): r["anchor"] for r in saved["table"] if r["anchor"] is not None}
    assert anchors == {("allsides_random", "macro-F1"): 80.19, ("allsides_media", "macro-F1"): 35.53,
                       ("gvfc", "first-frame accuracy"): 84.0}
    # FIGNEWS is also scored per source language
    assert any("[he," in r["split"] for r in saved["table"] if r["benchmark"] == "fignews_orig")
    assert (tmp_path / "models" / "gvfc").is_dir()
