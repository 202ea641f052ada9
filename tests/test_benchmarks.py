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


@pytest.mark.skipif(not (DATA_ROOT / "narrative_frames").is_dir(), reason=f"narrative_frames not found at {DATA_ROOT}")
def test_narrative_frames_converter(tmp_path: Path) -> None:
    from training.datasets import narrative_frames

    meta = narrative_frames.main(["--data-dir", str(DATA_ROOT / "narrative_frames"), "--out", str(tmp_path),
                                  "--max-words", "50"])
    assert meta["malformed_dropped"] == 2 and meta["articles"] == 426
    parts = {p: _rows(tmp_path / f"{p}.jsonl") for p in ("train", "dev", "test")}
    assert [len(v) for v in parts.values()] == [257, 84, 85]  # the shipped Fold_1 split
    ids = [set(r["id"] for r in v) for v in parts.values()]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    for r in parts["train"]:
        assert set(r["frames"]) <= set(narrative_frames.LABELS) and len(r["text"].split()) <= 50


def test_fewshot_sampling_k_per_label() -> None:
    from training.benchmarks import fewshot

    single = {"name": "t", "kind": "single_label", "labels": ["a", "b", "c"], "column": "y"}
    pool = [{"id": str(i), "y": "abc"[i % 3] if i < 60 else "c"} for i in range(90)]
    rows = fewshot.sample_k(pool, single, 8, seed=1)
    assert fewshot.label_counts(rows, single) == {"a": 8, "b": 8, "c": 8}
    assert rows == fewshot.sample_k(pool, single, 8, seed=1) and rows != fewshot.sample_k(pool, single, 8, seed=2)
    multi = {"name": "t", "kind": "multi_label", "labels": ["a", "b", "c"], "column": "y"}
    pool = [{"id": str(i), "y": [lab for j, lab in enumerate("abc") if (i >> j) & 1]} for i in range(64)]
    rows = fewshot.sample_k(pool, multi, 5, seed=0)
    counts = fewshot.label_counts(rows, multi)
    assert all(v >= 5 for v in counts.values()) and len({r["id"] for r in rows}) == len(rows)
    assert len(rows) <= 15  # a row counts for all of its labels (union of the per-label draws)
    rare = fewshot.sample_k([{"id": "x", "y": ["a"]}, {"id": "z", "y": ["b"]}], multi, 4, seed=0)
    assert len(rare) == 2  # a label with fewer than K examples contributes all it has


def test_fewshot_smoke(tmp_path: Path, tiny_backbone: Path) -> None:
    """The few-shot mode end to end (framing, SetFit, TF-IDF) on a few dozen real rows, K=2, a few steps."""
    pytest.importorskip("setfit", reason="SetFit is not installed (pip install -e '.[fewshot]')")
    from training.benchmarks import run

    payload = run.main(["--mode", "fewshot", "--data-root", str(DATA_ROOT), "--out", str(tmp_path), "--smoke",
                        "--only", "gvfc", "fignews_en", "--ks", "2", "--seeds", "1", "--backbone", str(tiny_backbone),
                        "--setfit-iterations", "1", "--setfit-max-steps", "2", "--quiet"])
    assert [r["name"] for r in payload["results"]] == ["gvfc", "fignews_en"]
    for res in payload["results"]:
        assert {r["method"] for r in res["runs"]} == {"framing", "setfit", "tfidf"}
        for r in res["runs"]:
            assert 0.0 <= r["scores"]["macro_f1"] <= 1.0 and r["k"] == 2
            assert ("micro_f1" in r["scores"]) == (res["task"]["kind"] == "multi_label")
        framing = next(r for r in res["runs"] if r["method"] == "framing")
        assert framing["info"]["recipe"]["chosen"] == "heads"
        assert framing["info"]["recipe"]["lexical"] == {res["task"]["name"]: 0.5}  # no dev split: the fixed weight
    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved["mode"] == "fewshot" and len(saved["summary"]) == 6
    assert "| data set | K |" in (tmp_path / "results.md").read_text()
    assert (tmp_path / "fewshot.png").stat().st_size > 1000
    # a second part of the grid (seed 1, TF-IDF only), merged: seeds are counted per cell, duplicates dropped
    part2 = tmp_path / "part2"
    run.main(["--mode", "fewshot", "--data-root", str(DATA_ROOT), "--out", str(part2), "--smoke", "--only", "gvfc",
              "--ks", "2", "--seeds", "1", "--first-seed", "1", "--methods", "tfidf", "--quiet"])
    merged = run.main(["--mode", "fewshot", "--out", str(tmp_path / "merged"), "--merge", str(tmp_path / "results.json"),
                       str(part2 / "results.json"), str(tmp_path / "results.json")])
    gvfc = next(r for r in merged["results"] if r["name"] == "gvfc")
    assert sorted((r["method"], r["seed"]) for r in gvfc["runs"]) == [("framing", 0), ("setfit", 0), ("tfidf", 0),
                                                                      ("tfidf", 1)]
    md = (tmp_path / "merged" / "results.md").read_text()
    assert "tfidf 2 (" not in md and "tfidf gvfc 2, fignews_en 1" in md


def test_learning_curve_smoke(tmp_path: Path, tiny_backbone: Path) -> None:
    """The AllSides learning curve end to end on a few dozen real articles with the tiny backbone."""
    from training.benchmarks import learning_curve

    out = learning_curve.main(["--data-root", str(DATA_ROOT), "--out", str(tmp_path), "--sizes", "9", "18",
                               "--backbone", str(tiny_backbone), "--smoke", "--max-words", "40"])
    assert [p["train_articles"] for p in out["points"]] == [9, 18]
    for p in out["points"]:
        assert 0.0 <= p["framing"]["macro_f1"] <= 1.0 and 0.0 <= p["tfidf_lr"]["macro_f1"] <= 1.0
        assert set(p["framing"]["lexical_weight"]) == {"leaning"}  # chosen on the dev articles
    # the smaller training set is drawn from the larger one; both are scored on the same test articles
    small = {json.loads(x)["id"] for x in (tmp_path / "sizes" / "9" / "train.jsonl").read_text().splitlines()}
    big = {json.loads(x)["id"] for x in (tmp_path / "sizes" / "18" / "train.jsonl").read_text().splitlines()}
    assert small <= big
    assert (tmp_path / "sizes" / "9" / "test.jsonl").read_text() == (tmp_path / "sizes" / "18" / "test.jsonl").read_text()
    assert "| training articles |" in (tmp_path / "curve.md").read_text() and (tmp_path / "curve.png").stat().st_size > 1000
