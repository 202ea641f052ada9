"""Smoke test of benchmarks/throughput.py: every side runs in its own process and the report holds
what BENCHMARKS.md quotes. No timing assertions (speed is the benchmark's job, not the suite's)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def throughput():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import throughput as module
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return module


def test_benchmark_end_to_end(throughput, tmp_path: Path) -> None:
    held_out = tmp_path / "held_out.jsonl"
    rows = [json.loads(line) for line in (REPO / "data" / "corpus" / "wire.jsonl").read_text().splitlines()[:12]]
    held_out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "results.json"
    assert throughput.main(["--n", "24", "--reps", "1", "--tune-n", "8", "--baseline-batch-sizes", "1,4",
                            "--threads", "1", "--test", str(held_out), "--challenge", str(held_out), "--write-passages", str(tmp_path / "p.jsonl"),
                            "--output", str(out)]) == 0
    res = json.loads(out.read_text())
    assert set(res["summary"]) == {"baseline", "default", "int8", "bf16", "onnx", "onnx-int8", "onnx-int8-fast"}
    for side in res["summary"].values():
        assert side["passages_per_s"] > 0 and side["peak_rss_mib"] > 0 and side["ratio_to_baseline"] > 0
    assert res["summary"]["baseline"]["batch_size"] in (1, 4)
    assert res["probe"]["fp32_gflops"] > 0 and res["passages"]["flops_per_passage_median"] > 0
    for mode in ("int8", "bf16", "onnx", "onnx-int8", "onnx-int8-fast"):
        agree = res["accuracy"]["agreement_with_fp32"][mode]
        assert 0.0 <= agree["all_tasks"] <= 1.0 and {"perspective", "frames"} <= set(agree)
    agreement = res["accuracy"]["agreement_with_fp32"]
    assert agreement["onnx"]["all_tasks"] == 1.0  # fp32 graph: same labels
    # the fp32 re-check only ever replaces int8 labels by fp32 ones
    assert agreement["onnx-int8"]["all_tasks"] >= agreement["onnx-int8-fast"]["all_tasks"]
    for split in ("test", "challenge"):
        f1 = res["accuracy"][split]["f1"]
        assert set(f1) == {"default", "int8", "bf16", "onnx", "onnx-int8", "onnx-int8-fast"} and res["accuracy"][split]["n"] == 12
    assert set(res["onnx_graphs"]) == {"onnx", "onnx-int8", "onnx-int8-fast"} and res["onnx_graphs"]["onnx"]["fused_operators"]
    assert len((tmp_path / "p.jsonl").read_text().splitlines()) == 24


def test_passage_set_is_deterministic_and_mixed(throughput) -> None:
    from passages import make_passages  # importable once throughput is

    a, b = make_passages(300, 7), make_passages(300, 7)
    assert a == b and make_passages(300, 8) != a
    words = sorted(len(t.split()) for t in a)
    assert words[0] < 20 and words[-1] > 250  # headline-like snippets and long multi-passage stretches


def test_agreement_counts_multilabel_sets_and_labels(throughput) -> None:
    ref = [{"p": "a", "f": ["x"]}, {"p": "b", "f": ["x", "y"]}]
    other = [{"p": "a", "f": ["x"]}, {"p": "a", "f": ["x"]}]
    got = throughput.agreement(ref, other)
    assert got == {"p": 0.5, "f": 0.5, "f_per_label": 0.75, "all_tasks": 0.5}
