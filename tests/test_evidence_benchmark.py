"""Smoke test of benchmarks/evidence.py (deletion test, IG comparison, cost) on the tiny model."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from conftest import WORDS  # noqa: E402


def test_evidence_benchmark_smoke(trained_model: Path, tmp_path: Path) -> None:
    from benchmarks import evidence as bench

    rng = random.Random(0)
    rows = [{"id": str(i), "text": " ".join(" ".join(rng.sample(WORDS, 6)).capitalize() + "." for _ in range(1 + i % 4))}
            for i in range(24)]
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = bench.main(["--model", str(trained_model), "--data", f"tiny={data}", "--ig", "3", "--ig-steps", "4",
                      "--out", str(tmp_path / "out")])
    d = res["deletion"]["tiny"]
    assert d["passages"] == 24 and d["multi_sentence_passages"] == 18 and d["cases"] >= 18
    assert 0.0 <= d["pass_rate"] <= 1.0 and d["mean_drop_top"] >= d["mean_drop_random"]
    assert res["ig"]["passages"] == 3 and res["ig"]["ig"]["cases"] >= 3
    assert res["cost"]["with_evidence"]["passages_per_s"] > 0
    assert (tmp_path / "out" / "README.md").read_text().startswith("# Evidence")
    assert json.loads((tmp_path / "out" / "evidence.json").read_text())["deletion"]["tiny"] == d
