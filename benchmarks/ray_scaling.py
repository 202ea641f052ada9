"""Ray Data scaling: passages/s of ``framing predict --engine ray`` with 1 and 2 workers against the
single-process path at equal cores, on one machine (the overhead of Ray), with the same answers checked.

    python benchmarks/ray_scaling.py --n 2000 --reps 2 --output reports/ray/results.json

Corpus: the first ``--n`` passages of data/splits/test.jsonl, dev.jsonl, then train.jsonl (build the splits
with ``python training/build_corpus.py``), as one JSONL file of ``id, text``; the bundled default model.

Sides (each repetition of each side in a fresh subprocess, sides interleaved; OMP_NUM_THREADS per side):

``single-1``  ``framing predict corpus.jsonl -o out.jsonl --threads 1``
``single-2``  the same with 2 threads
``ray-1``     ``ray.init(num_cpus=1)``, then ``run_job`` (= ``framing predict --engine ray``) with 1 worker of 1 CPU
``ray-2``     ``ray.init(num_cpus=2)``, 2 workers of 1 CPU each (torch: 1 thread per worker)

Reported per side (median over repetitions): ``wall_s`` end to end in the child (model load, and for Ray the
cluster start, actor start and per-actor model load, reading, checking and writing), ``init_s`` (ray.init),
``passages_per_s`` = n / wall_s, ``passages_per_s_after_init`` = n / (wall_s - init_s), each repetition's wall
time, and the machine's load average before and after (other work on the machine skews the sides). Same answers:
the Ray outputs are compared with the ``single-2`` output (ids one to one, max |score difference|).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ROOT / "data" / "splits"
SIDES = ("single-1", "single-2", "ray-1", "ray-2")


def build_corpus(n: int, out: Path, splits: Path = SPLITS) -> int:
    rows = []
    for name in ("test", "dev", "train"):
        path = splits / f"{name}.jsonl"
        if not path.is_file():
            raise SystemExit(f"{path} is missing: build the splits with python training/build_corpus.py")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and len(rows) < n:
                    r = json.loads(line)
                    rows.append({"id": r["id"], "text": r["text"]})
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


# ---------------------------------------------------------------------------- children
def child(side: str, corpus: str, out: str, model: str, batch: int) -> dict[str, Any]:
    kind, n = side.split("-")
    cores = int(n)
    result: dict[str, Any] = {"side": side}
    t0 = time.perf_counter()
    if kind == "single":
        from framing.cli import main as cli

        rc = cli(["predict", corpus, "--model", model, "-o", out, "--threads", str(cores), "--no-progress"])
        result.update(rc=rc, wall_s=time.perf_counter() - t0, init_s=0.0)
    else:
        import ray

        ray.init(num_cpus=cores, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": {"OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}})
        t1 = time.perf_counter()
        from framing.distributed import run_job

        state = run_job(corpus, out, model=model, workers=cores, cpus_per_worker=1, shard_format="jsonl",
                        progress=False, batch_size=batch)
        shard = next(iter(state["shards"].values()))
        result.update(rc=0 if state["complete"] else 1, wall_s=time.perf_counter() - t0, init_s=t1 - t0,
                      check_ok=shard["ok"], output_rows=shard["output_rows"])
        ray.shutdown()
    return result


def run_child(side: str, corpus: Path, out: Path, model: str, batch: int) -> dict[str, Any]:
    cores = side.split("-")[1]
    env = {**os.environ, "OMP_NUM_THREADS": cores if side.startswith("single") else "1",
           "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, __file__, "--child", side, "--corpus", str(corpus), "--child-out", str(out),
           "--model", model, "--batch", str(batch)]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if res.returncode != 0:
        raise SystemExit(f"{side} failed:\n{res.stderr[-4000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def read_scores(path: Path) -> dict[str, dict[str, float]]:
    files = sorted(path.glob("part-*.jsonl")) if path.is_dir() else [path]
    out = {}
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out[r["id"]] = {f"{t}.{k}": v for t, val in r.items() if isinstance(val, dict) for k, v in val["scores"].items()}
    return out


def compare(a: Path, b: Path) -> dict[str, Any]:
    x, y = read_scores(a), read_scores(b)
    ids_match = list(x) == list(y)
    diff = max((abs(x[i][k] - y[i][k]) for i in x if i in y for k in x[i]), default=0.0)
    return {"ids_match_one_to_one": ids_match, "rows": len(x), "max_abs_score_diff": diff}


def table(summary: dict[str, Any], runs: dict[str, list[dict[str, Any]]]) -> str:
    lines = ["| side | cores | wall s per repetition | median wall s | of which ray.init s | passages/s | passages/s after init | vs single-process at equal cores |",
             "|---|---|---|---|---|---|---|---|"]
    for side, s in summary.items():
        ref = summary.get(f"single-{side.split('-')[1]}")
        ratio = f"{s['passages_per_s'] / ref['passages_per_s']:.2f}x end to end, " \
                f"{s['passages_per_s_after_init'] / ref['passages_per_s']:.2f}x after init" if ref and ref is not s else "-"
        walls = ", ".join(f"{r['wall_s']:.1f}" for r in runs[side])
        lines.append(f"| {side} | {side.split('-')[1]} | {walls} | {s['wall_s']:.1f} | {s['init_s']:.1f} | "
                     f"{s['passages_per_s']:.1f} | {s['passages_per_s_after_init']:.1f} | {ratio} |")
    return "\n".join(lines)


def write_report(result: dict[str, Any], output: Path) -> str:
    md = table(result["summary"], result["runs"])
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=1) + "\n")
    output.with_suffix(".md").write_text(
        f"`{result['command']}` ({result['passages']} passages, model {result['model']}; machine {result['machine']}; "
        f"load average before/after {result['load_average_1_5_15_min']})\n\n{md}\n\n"
        f"Same answers (Ray shards vs the single-process output): {json.dumps(result['same_answers'])}\n")
    return md


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--sides", default=",".join(SIDES))
    ap.add_argument("--model", default="default")
    ap.add_argument("--batch", type=int, default=256, help="records per Ray batch (--records-per-batch)")
    ap.add_argument("--splits", default=str(SPLITS))
    ap.add_argument("--output", default=None, help="results JSON (a table is written next to it as .md)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--child-out", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        res = child(args.child, args.corpus, args.child_out, args.model, args.batch)
        print(json.dumps(res))
        return res

    sides = [s for s in args.sides.split(",") if s]
    load_before = os.getloadavg()  # other work on the machine skews every side: recorded with the results
    runs: dict[str, list[dict[str, Any]]] = {s: [] for s in sides}
    same: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ray-scaling-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = build_corpus(args.n, corpus, Path(args.splits))
        for rep in range(args.reps):
            for side in sides:
                out = Path(tmp) / f"{side}-{rep}" / ("out.jsonl" if side.startswith("single") else "out")
                out.parent.mkdir(parents=True, exist_ok=True)
                r = run_child(side, corpus, out, args.model, args.batch)
                runs[side].append(r)
                print(f"rep {rep} {side}: {r['wall_s']:.1f} s", file=sys.stderr)
        ref = next((Path(tmp) / f"{s}-0" / "out.jsonl" for s in ("single-2", "single-1") if s in sides), None)
        if ref is not None:
            for side in sides:
                if side.startswith("ray"):
                    same[side] = compare(Path(tmp) / f"{side}-0" / "out", ref)
    summary = {}
    for side, rs in runs.items():
        wall = statistics.median(r["wall_s"] for r in rs)
        init = statistics.median(r["init_s"] for r in rs)
        s = {"wall_s": wall, "init_s": init, "passages_per_s": n / wall, "passages_per_s_after_init": n / (wall - init),
             "reps": len(rs)}
        summary[side] = s
    import torch

    import ray

    result = {
        "command": "python benchmarks/ray_scaling.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpu": platform.processor() or platform.machine(), "logical_cpus": os.cpu_count(),
                    "python": platform.python_version(), "torch": torch.__version__, "ray": ray.__version__},
        "load_average_1_5_15_min": {"before": [round(x, 2) for x in load_before],
                                    "after": [round(x, 2) for x in os.getloadavg()]},
        "passages": n, "model": args.model, "summary": summary, "same_answers": same, "runs": runs,
    }
    print(write_report(result, Path(args.output)) if args.output else table(summary, runs))
    return result


if __name__ == "__main__":
    main()
