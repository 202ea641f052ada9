"""framing.distributed: Ray Data batch inference gives the single-process answers, once per input id.

The Ray tests start one local cluster (``ray.init(num_cpus=2)``) for the module and use the tiny
``trained_model``; they are skipped, with the reason, when ray is not installed (``make test`` installs
the ``ray`` extra, so CI runs them), and marked ``slow`` (a few minutes together; not in make test-fast).
"""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import WORDS, make_rows, write_jsonl

from framing.cli import main

HAS_RAY = importlib.util.find_spec("ray") is not None
_no_ray = pytest.mark.skipif(
    not HAS_RAY, reason='Ray is not installed: pip install "framing[ray]" (make test installs the extra)')


def requires_ray(test: Any) -> Any:
    """Skipped without ray; ``slow`` (each starts actor pools on a local cluster: make test runs them,
    make test-fast does not)."""
    return pytest.mark.slow(_no_ray(test))


def documents(n: int, seed: int) -> list[dict[str, Any]]:
    """Multi-paragraph documents (blank-line separated paragraphs of 10-30 words), one blank and one empty."""
    import random

    rng = random.Random(seed)
    docs = []
    for i in range(n):
        paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 30))).capitalize() + "."
                 for _ in range(rng.randint(1, 6))]
        docs.append({"id": f"d{seed}-{i}", "text": "\n\n".join(paras)})
    docs += [{"id": f"blank{seed}", "text": "   \n  "}, {"id": f"empty{seed}", "text": ""}]
    return docs


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def shard_rows(out: Path) -> list[dict[str, Any]]:
    return [r for p in sorted(out.glob("part-*.jsonl")) for r in read_jsonl(p)]


def assert_close(a: Any, b: Any, path: str = "") -> None:
    """Equal structures; floats within 1e-4."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and abs(a - b) <= 1e-4, f"{path}: {a} != {b}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), f"{path}: keys {sorted(a)} != {sorted(b)}"
        for k in a:
            assert_close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b)):
            assert_close(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def assert_same_rows(ray_rows: list[dict[str, Any]], single_rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in ray_rows]
    assert len(ids) == len(set(ids)), "an id was written twice"
    assert ids == [r["id"] for r in single_rows]  # one to one, in input order
    for a, b in zip(ray_rows, single_rows):
        assert_close(a, b, a["id"])


# ---------------------------------------------------------------------------- without ray
def test_engine_ray_without_ray_names_the_install_command(monkeypatch, tmp_path, capsys) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", make_rows(3, 5))
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError, as in the base install
    rc = main(["predict", str(src), "--engine", "ray", "--output", str(tmp_path / "out")])
    assert rc == 2
    assert 'pip install "framing[ray]"' in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- with a local cluster
@pytest.fixture(scope="module")
def ray_local() -> Any:
    if not HAS_RAY:
        pytest.skip('Ray is not installed: pip install "framing[ray]"')
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}})
    yield ray
    ray.shutdown()


def ray_predict(src: Path, out: Path, model: Path, *extra: str) -> int:
    return main(["predict", str(src), "--engine", "ray", "--model", str(model), "--output", str(out),
                 "--workers", "2", "--records-per-batch", "8", "--no-progress", *extra])


@requires_ray
def test_plain_passages_same_answers_as_single_process(ray_local, trained_model, tmp_path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    write_jsonl(inp / "a.jsonl", make_rows(50, 11) + [{"id": "e", "text": ""}])
    write_jsonl(inp / "b.jsonl", make_rows(17, 12))
    assert ray_predict(inp, tmp_path / "out", trained_model, "--shard-format", "jsonl") == 0
    single = []
    for name in ("a", "b"):
        assert main(["predict", str(inp / f"{name}.jsonl"), "--model", str(trained_model), "-o",
                     str(tmp_path / f"{name}.jsonl"), "--no-progress"]) == 0
        single += read_jsonl(tmp_path / f"{name}.jsonl")
    assert_same_rows(shard_rows(tmp_path / "out"), single)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["complete"] and manifest["records"] == 68
    assert [s["ok"] and s["missing"] == [] and s["processed_twice"] == [] for s in manifest["shards"].values()] == [True, True]
    assert manifest["settings"]["model_sha256"] and manifest["framing_version"]
    from framing.distributed import verify

    assert verify(tmp_path / "out")["ok"]

    # Parquet shards: the CSV/Parquet columns of the single-process output, scores within 1e-4
    import numpy as np
    import pyarrow.parquet as pq

    assert ray_predict(inp / "a.jsonl", tmp_path / "pq", trained_model) == 0
    assert main(["predict", str(inp / "a.jsonl"), "--model", str(trained_model), "-o", str(tmp_path / "a.parquet"),
                 "--no-progress"]) == 0
    got, want = pq.read_table(tmp_path / "pq" / "part-00000.parquet"), pq.read_table(tmp_path / "a.parquet")
    assert got.column_names == want.column_names
    for name in got.column_names:
        x, y = got.column(name).to_pylist(), want.column(name).to_pylist()
        if ".score." in name:
            np.testing.assert_allclose(np.array(x, dtype=float), np.array(y, dtype=float), atol=1e-4, equal_nan=True)
        else:
            assert x == y, name


@requires_ray
def test_documents_all_levels_same_answers_as_single_process(ray_local, trained_model, tmp_path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", documents(40, 3))
    assert ray_predict(src, tmp_path / "out", trained_model, "--documents", "--level", "all", "--shard-format", "jsonl") == 0
    assert main(["predict", str(src), "--model", str(trained_model), "--documents", "--level", "all", "-o",
                 str(tmp_path / "single.jsonl"), "--no-progress"]) == 0
    single = read_jsonl(tmp_path / "single.jsonl")
    assert {r["level"] for r in single} == {"document", "article", "passage"}
    assert_same_rows(shard_rows(tmp_path / "out"), single)


@requires_ray
def test_predict_dataset_matches_classifier(ray_local, trained_model) -> None:
    import ray.data

    from framing import Classifier
    from framing.distributed import predict_dataset

    rows = make_rows(30, 21) + [{"id": "empty", "text": " "}]
    ds = ray.data.from_items([{"id": r["id"], "text": r["text"]} for r in rows])
    got = {r["id"]: r for r in predict_dataset(ds, trained_model, concurrency=2, batch_size=4).take_all()}
    preds = Classifier.from_pretrained(str(trained_model), device="cpu").predict([r["text"] for r in rows])
    assert sorted(got) == sorted(r["id"] for r in rows)
    for r, p in zip(rows, preds):
        for task, tp in p.tasks.items():
            assert got[r["id"]][task] == (tp.label if tp.kind == "single_label" else "|".join(tp.labels))
            for lab, score in tp.scores.items():
                assert abs(got[r["id"]][f"{task}.score.{lab}"] - score) <= 1e-4
    # evidence needs the nested JSON rows, which are the single-process rows exactly
    ev = predict_dataset(ds.limit(6), trained_model, output="json", evidence=True, batch_size=3).take_all()
    ref = Classifier.from_pretrained(str(trained_model), device="cpu").predict([r["text"] for r in rows[:6]], evidence=True)
    for row, r, p in zip(sorted(ev, key=lambda x: [r["id"] for r in rows].index(x["id"])), rows, ref):
        assert_close(json.loads(row["json"]), {"id": r["id"], **p.to_dict()})


@requires_ray
def test_resume_skips_completed_shards_and_rejects(ray_local, trained_model, tmp_path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [[{"id": r["id"], "text": r["text"]} for r in make_rows(12, 30 + k)] for k in range(3)]
    with open(inp / "f0.csv", "w", newline="") as fh:  # the three record formats, one shard each
        w = csv.DictWriter(fh, fieldnames=["id", "text"])
        w.writeheader()
        w.writerows(rows[0])
    write_jsonl(inp / "f1.jsonl", rows[1])
    pq.write_table(pa.Table.from_pylist(rows[2]), inp / "f2.parquet")
    with open(inp / "f1.jsonl", "a") as fh:  # a malformed line and a null text: rejected, not lost
        fh.write("{not json\n" + json.dumps({"id": "nulltext", "text": None}) + "\n")
    out = tmp_path / "out"
    assert ray_predict(inp, out, trained_model, "--on-error", "skip") == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] and manifest["shards"]["part-00001.parquet"]["rejected"] == 2
    assert not (out / "rejects-00000.jsonl").exists()
    rejects = read_jsonl(out / "rejects-00001.jsonl")
    assert [(Path(r["input"]).name, r["line"]) for r in rejects] == [("f1.jsonl", 13), ("f1.jsonl", 14)]

    # an interrupted run: shard 2 never committed, a half-written temporary file left behind
    del manifest["shards"]["part-00002.parquet"]
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "part-00002.parquet").rename(out / ".part-00002.parquet.tmp")
    (out / ".rejects-00002.jsonl.tmp").write_text("{half a line")
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    assert ray_predict(inp, out, trained_model) == 2  # existing run without --resume: refused
    assert ray_predict(inp, out, trained_model, "--on-error", "skip", "--resume") == 0
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    assert after["part-00000.parquet"] == before["part-00000.parquet"]  # skipped
    assert after["part-00001.parquet"] == before["part-00001.parquet"]
    assert "part-00002.parquet" in after and not list(out.glob(".*.tmp"))
    assert len(read_jsonl(out / "rejects-00001.jsonl")) == 2
    from framing.distributed import verify

    assert verify(out) == {"ok": True, "problems": [], "rows": 36}
    got = [pq.read_table(out / f"part-0000{k}.parquet").column("id").to_pylist() for k in range(3)]
    assert got == [[r["id"] for r in part] for part in rows]
    assert ray_predict(inp, out, trained_model, "--resume", "--documents") == 2  # other settings: refused


@requires_ray
def test_bad_row_fails_the_run_naming_the_line(ray_local, trained_model, tmp_path, capsys) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "x y z"}) + "\n{oops\n")
    assert ray_predict(src, tmp_path / "out", trained_model) == 2
    assert "bad.jsonl:2: malformed JSON" in capsys.readouterr().err
    assert not list((tmp_path / "out").glob("part-*"))


def _predictor_pids() -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if cmd.startswith("ray::MapWorker(MapBatches(Predictor))"):
                pids.append(int(d.name))
    return pids


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


@requires_ray
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the actor processes in /proc")
def test_killed_worker_is_retried_nothing_lost_nothing_twice(ray_local, trained_model, tmp_path) -> None:
    """Kill one of the two actors while batches are in flight: Ray restarts it and re-runs its batch; every
    input id is processed exactly once and the scores equal an undisturbed run."""
    from collections import Counter

    import pyarrow.fs as pafs

    from framing.distributed import DOC, FIRST, check_shard, input_ids, predict_dataset, read_inputs

    src = write_jsonl(tmp_path / "docs.jsonl", documents(200, 7))
    fs = pafs.LocalFileSystem()

    def run(kill: bool) -> tuple[Counter, dict[str, Any], list[int]]:
        import ray.data

        ray.data.DataContext.get_current().execution_options.preserve_order = True
        ds = read_inputs([str(src)], [0], fs, block_rows=4)
        pred = predict_dataset(ds, trained_model, documents=True, evidence=True, output="json", batch_size=4,
                               concurrency=2, bookkeeping=True)
        processed: Counter = Counter()
        rows: dict[str, Any] = {}
        killed: list[int] = []
        for batch in pred.iter_batches(batch_format="pyarrow", batch_size=None):
            for d, f, i, j in zip(*(batch.column(c).to_pylist() for c in (DOC, FIRST, "id", "json"))):
                processed[d] += int(bool(f))
                if i is not None:
                    assert i not in rows, f"{i} written twice"
                    rows[i] = json.loads(j)
            if kill and not killed:  # the first rows are in: both actors are busy with later batches
                pids = _predictor_pids()
                assert len(pids) == 2
                ticks = {p: _cpu_ticks(p) for p in pids}
                time.sleep(0.3)
                busy = max(pids, key=lambda p: _cpu_ticks(p) - ticks[p])
                assert _cpu_ticks(busy) > ticks[busy], "no actor was computing"  # killed mid-batch
                os.kill(busy, signal.SIGKILL)
                killed.append(busy)
        return processed, rows, killed

    processed, rows, killed = run(kill=True)
    assert killed
    time.sleep(0.5)
    assert killed[0] not in _predictor_pids()  # that process is gone; the pool finished with a replacement
    check = check_shard(input_ids(str(src), fs, "text", "id", "fail"), processed)
    assert check["ok"], check
    _, reference, _ = run(kill=False)
    assert list(rows) == list(reference)
    for k in rows:
        assert_close(rows[k], reference[k], k)


@requires_ray
def test_ray_scaling_benchmark_runs(trained_model, tiny_data, tmp_path) -> None:
    """benchmarks/ray_scaling.py end to end on the tiny model (children start their own Ray)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import ray_scaling

    res = ray_scaling.main(["--n", "30", "--reps", "1", "--sides", "single-1,ray-1", "--model", str(trained_model),
                            "--splits", str(Path(tiny_data["test"]).parent), "--batch", "8",
                            "--output", str(tmp_path / "results.json")])
    assert res["passages"] == 30 and set(res["summary"]) == {"single-1", "ray-1"}
    assert res["same_answers"]["ray-1"]["ids_match_one_to_one"] and res["same_answers"]["ray-1"]["max_abs_score_diff"] <= 1e-4
    assert (tmp_path / "results.md").is_file()
