"""CPU throughput of framing against the plain ``transformers`` pipeline, on one machine in one run.

    python benchmarks/throughput.py --output benchmarks/results.json

Sides (each repetition of each side runs in a fresh subprocess, sides interleaved, so peak RSS is
per side and slow drift of the machine hits every side alike):

``baseline``  ``transformers.pipeline("text-classification")`` over a plain
              ``AutoModelForSequenceClassification`` of the same backbone (one task, random 4-way head),
              ``truncation=True``; its batch size is tuned first on a sample of the passages and the
              best is used.
``default``   ``Classifier.predict`` of the framing model: every task (perspective + frames).
``int8``      the same after ``framing.fast.quantize(clf, "int8")``.
``bf16``      the same after ``framing.fast.quantize(clf, "bf16")``.
``onnx``      ``Classifier.from_pretrained(..., backend="onnx")``: the encoder + heads as an optimised ONNX
              Runtime graph (fp32; ``framing.export``), same tokenisation, windows and batching.
``onnx-int8`` the same with the int8 graph (``quantize="int8"``: per-channel dynamic int8, the layers
              listed in ``framing.export.INT8_KEEP_FP32`` kept fp32), re-scoring in the fp32 graph the
              passages whose decisions lie within ``framing.export.INT8_RECHECK_MARGIN`` of flipping.
``onnx-int8-fast`` the int8 graph alone (``quantize="int8-fast"``), without the re-check.

``--model default|accurate|DIR`` picks the framing model; the baseline pipeline runs over that model's
backbone. The ONNX graphs are built (or found in the cache) once before the timed repetitions.

Each child loads its model, warms up on 16 passages, then times one pass over all passages (from
strings to labels). Reported: median passages/s and wall time over the repetitions, peak RSS of the
child, and ratios to the baseline. Physical reference: a measured fp32 (and bf16) matmul GFLOP/s
probe and the model's FLOPs per passage at the median token length, giving the fraction of the
FLOP-bound limit reached. Accuracy cost of the fast paths: label agreement with fp32 on the benchmark
passages and the change in F1 on the held-out test split and on the challenge set (if present).

FLOPs of one encoder window of n tokens (multiply-add = 2 FLOPs):
    FLOPs(n) = 2 * P * n + 4 * L * d * n^2
P = weights of the encoder's Linear layers (Q, K, V, attention output, FFN up and down; embeddings,
pooler and heads excluded as negligible or lookups), L layers, hidden size d; the second term is
Q @ K^T and attention @ V (2 * n^2 * d each per layer). Softmax, GELU and LayerNorm are not counted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from passages import make_passages, write_jsonl  # noqa: E402

SIDES = ("baseline", "default", "int8", "bf16", "onnx", "onnx-int8", "onnx-int8-fast")
FAST_SIDES = ("int8", "bf16", "onnx", "onnx-int8", "onnx-int8-fast")
ONNX_SIDES = {"onnx": "none", "onnx-int8": "int8", "onnx-int8-fast": "int8-fast"}
WARMUP = 16


# ---------------------------------------------------------------------------- child processes
def _read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _set_threads(threads: int | None) -> int:
    import torch

    if threads:
        torch.set_num_threads(threads)
    return torch.get_num_threads()


def _backbone_dir(model: str | None) -> str:
    """The local directory of ``model``'s backbone (the pipeline baseline runs over the same encoder)."""
    from framing.backbone import resolve_backbone
    from framing.classifier import model_directory

    meta = json.loads((model_directory(model) / "config.json").read_text())
    return resolve_backbone(meta["model"]["backbone"])[0]


def _baseline_pipe(model: str | None) -> Any:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.manual_seed(0)
    path = _backbone_dir(model)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=4)
    tokenizer = AutoTokenizer.from_pretrained(path)
    return pipeline("text-classification", model=model, tokenizer=tokenizer, device=-1)


def _load_framing(model: str | None, mode: str) -> Any:
    from framing.classifier import Classifier

    if mode in ONNX_SIDES:
        return Classifier.from_pretrained(model, device="cpu", backend="onnx", quantize=ONNX_SIDES[mode])
    clf = Classifier.from_pretrained(model, device="cpu")
    if mode != "default":
        from framing.fast import quantize

        quantize(clf, mode)
    return clf


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    """One measurement in this (fresh) process; ``spec["job"]`` says which."""
    job = spec["job"]
    threads = _set_threads(spec.get("threads"))
    out: dict[str, Any] = {"job": job, "threads": threads}
    if job == "probe":
        out.update(_matmul_probe())
        return out
    texts = _read_texts(spec["passages"])
    if job == "tune":
        pipe = _baseline_pipe(spec.get("model"))
        pipe(texts[:WARMUP], batch_size=1, truncation=True)
        sample = texts[: spec["tune_n"]]
        out["tuning"] = {}
        for bs in spec["batch_sizes"]:
            t0 = time.perf_counter()
            pipe(sample, batch_size=bs, truncation=True)
            out["tuning"][str(bs)] = len(sample) / (time.perf_counter() - t0)
        return out
    if job == "accuracy":
        out.update(_accuracy(spec))
        return out
    if job == "export":  # build the ONNX graphs once, outside the timed runs
        for side in spec["sides"]:
            t0 = time.perf_counter()
            clf = _load_framing(spec.get("model"), side)
            out[side] = {"folder": str(clf.onnx.folder), "seconds": time.perf_counter() - t0,
                         **{k: clf.onnx.options.get(k) for k in ("fused_operators", "fp32_nodes", "keep_fp32")}}
        return out
    t_load = time.perf_counter()
    if job == "baseline":
        pipe = _baseline_pipe(spec.get("model"))
        bs = spec["batch_size"]
        load_s = time.perf_counter() - t_load
        pipe(texts[:WARMUP], batch_size=bs, truncation=True)
        t0 = time.perf_counter()
        preds = pipe(texts, batch_size=bs, truncation=True)
        wall = time.perf_counter() - t0
        assert len(preds) == len(texts)
    else:
        clf = _load_framing(spec.get("model"), job)
        load_s = time.perf_counter() - t_load
        bs = spec["batch_size"]
        clf.predict(texts[:WARMUP], batch_size=bs)
        t0 = time.perf_counter()
        preds = clf.predict(texts, batch_size=bs)
        wall = time.perf_counter() - t0
        assert len(preds) == len(texts)
        if spec.get("save_labels"):
            labels = [{name: (tp.label if tp.kind == "single_label" else sorted(tp.labels)) for name, tp in p.tasks.items()}
                      for p in preds]
            Path(spec["save_labels"]).write_text(json.dumps(labels))
    out.update({"n": len(texts), "wall_s": wall, "load_s": load_s, "batch_size": bs,
                "passages_per_s": len(texts) / wall, "peak_rss_mib": _peak_rss_mib()})
    return out


def _matmul_probe(n: int = 1024, reps: int = 10, trials: int = 5) -> dict[str, float]:
    """Best-of-``trials`` GFLOP/s of ``reps`` n x n matmuls, fp32 and bf16, with this process's threads."""
    import torch

    res = {}
    for name, dtype in (("fp32", torch.float32), ("bf16", torch.bfloat16)):
        a = torch.randn(n, n).to(dtype)
        b = torch.randn(n, n).to(dtype)
        a @ b
        best = 0.0
        for _ in range(trials):
            t0 = time.perf_counter()
            for _ in range(reps):
                a @ b
            best = max(best, 2 * n**3 * reps / (time.perf_counter() - t0) / 1e9)
        res[f"{name}_gflops"] = best
    return res


def _accuracy(spec: dict[str, Any]) -> dict[str, Any]:
    """F1 on a labelled set (``spec["test"]``) for fp32 and each fast mode (perspective macro-F1, frames micro-F1, ...)."""
    from framing.evaluation import evaluate_scores, load_labelled_set

    results: dict[str, Any] = {}
    data = None
    for mode in ("default", *spec["modes"]):
        clf = _load_framing(spec.get("model"), mode)
        if data is None:
            data = load_labelled_set(clf, spec["test"])
        metrics = evaluate_scores(clf.tasks, clf.scores(data.texts), data)
        results[mode] = {name: {k: m[k] for k in ("micro_f1", "macro_f1", "n")} for name, m in metrics.items()}
        del clf
    return {"test": spec["test"], "n": len(data.texts) if data else 0, "f1": results}


def _spawn(spec: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)],
                          capture_output=True, text=True, cwd=str(ROOT))
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child {spec['job']} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- FLOPs
def encoder_shape(model: str | None) -> dict[str, int]:
    """(P, L, d, max_length, stride) of a framing model directory, read from its config only."""
    from framing.classifier import model_directory

    meta = json.loads((model_directory(model) / "config.json").read_text())
    enc = meta["encoder_config"]
    d, f, layers = int(enc["hidden_size"]), int(enc["intermediate_size"]), int(enc["num_hidden_layers"])
    return {"model": model, "P": layers * (4 * d * d + 2 * d * f), "L": layers, "d": d,
            "max_length": int(meta["model"]["max_length"]), "stride": int(meta["model"]["stride"])}


def flops(n: Any, shape: dict[str, int]) -> Any:
    return 2 * shape["P"] * n + 4 * shape["L"] * shape["d"] * n * n


def token_stats(texts: list[str], model: str | None, shape: dict[str, int]) -> dict[str, Any]:
    import numpy as np
    from transformers import AutoTokenizer

    from framing.classifier import model_directory

    tok = AutoTokenizer.from_pretrained(str(model_directory(model)))
    full = np.array([len(x) for x in tok(texts, add_special_tokens=True, verbose=False)["input_ids"]], dtype=np.int64)
    windows = tok(texts, truncation=True, max_length=shape["max_length"], stride=shape["stride"],
                  return_overflowing_tokens=True)["input_ids"]
    win = np.array([len(x) for x in windows], dtype=np.int64)
    base = np.minimum(full, 512)  # the pipeline truncates at the tokenizer's model_max_length (512)
    median = float(np.median(full))
    return {
        "median_tokens": median,
        "mean_tokens": float(full.mean()),
        "p90_tokens": float(np.percentile(full, 90)),
        "max_tokens": int(full.max()),
        "flops_per_passage_median": float(flops(median, shape)),
        "framing_windows": int(len(win)),
        "framing_tokens": int(win.sum()),
        "framing_flops": float(flops(win.astype(np.float64), shape).sum()),
        "baseline_tokens": int(base.sum()),
        "baseline_flops": float(flops(base.astype(np.float64), shape).sum()),
        "text_tokens": int(full.sum()),
    }


# ---------------------------------------------------------------------------- agreement
def agreement(ref: list[dict[str, Any]], other: list[dict[str, Any]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in ref[0]:
        same = sum(a[name] == b[name] for a, b in zip(ref, other))
        out[name] = same / len(ref)
        if isinstance(ref[0][name], list):  # multi-label: also agreement of each (passage, label) decision
            labels = sorted({lab for r in ref + other for lab in r[name]})
            if labels:
                hits = sum((lab in a[name]) == (lab in b[name]) for a, b in zip(ref, other) for lab in labels)
                out[f"{name}_per_label"] = hits / (len(ref) * len(labels))
    out["all_tasks"] = sum(a == b for a, b in zip(ref, other)) / len(ref)
    return out


# ---------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=2000, help="passages in the benchmark set (default 2000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the passage set")
    p.add_argument("--reps", type=int, default=5, help="repetitions per side; medians are reported")
    p.add_argument("--threads", type=int, default=None, help="torch threads in every child (default: torch's choice)")
    p.add_argument("--model", default=None,
                   help="framing model: default, accurate or a directory (default: the bundled default model)")
    p.add_argument("--sides", default=",".join(SIDES), help=f"comma-separated subset of {','.join(SIDES)}")
    p.add_argument("--batch-size", type=int, default=64, help="framing batch size (its default)")
    p.add_argument("--baseline-batch-sizes", default="1,2,4,8,16", help="pipeline batch sizes to tune over")
    p.add_argument("--tune-n", type=int, default=400, help="passages used to tune the pipeline batch size")
    p.add_argument("--test", default=str(ROOT / "data" / "splits" / "test.jsonl"), help="held-out split for the F1 change")
    p.add_argument("--challenge", default=str(ROOT / "data" / "challenge" / "challenge.jsonl"),
                   help="challenge set for the F1 change (skipped if absent)")
    p.add_argument("--no-accuracy", action="store_true", help="skip the fast paths' accuracy measurement")
    p.add_argument("--write-passages", default=None, metavar="PATH", help="also write the passage set (JSONL id, text) here")
    p.add_argument("--output", default=None, help="write all results as JSON here")
    p.add_argument("--render", default=None, metavar="JSON", help="only print the table of a saved --output file")
    p.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker is not None:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    if args.render is not None:
        print(render(json.loads(Path(args.render).read_text())))
        return 0
    sides = [s.strip() for s in args.sides.split(",") if s.strip()]
    unknown = sorted(set(sides) - set(SIDES))
    if unknown:
        raise SystemExit(f"unknown side(s) {unknown}; choose from {list(SIDES)}")
    texts = make_passages(args.n, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    passages = write_jsonl(texts, args.write_passages or tmp / "passages.jsonl")
    model = args.model
    shape = encoder_shape(model)
    stats = token_stats(texts, model, shape)
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    log(f"{len(texts)} passages, median {stats['median_tokens']:.0f} tokens; probing matmul speed ...")
    common = {"threads": args.threads, "passages": str(passages), "model": model}
    probe = _spawn({**common, "job": "probe"})

    baseline_bs = None
    tuning: dict[str, float] = {}
    if "baseline" in sides:
        sizes = [int(x) for x in args.baseline_batch_sizes.split(",")]
        log(f"tuning the pipeline batch size over {sizes} on {args.tune_n} passages ...")
        tuning = _spawn({**common, "job": "tune", "batch_sizes": sizes, "tune_n": args.tune_n})["tuning"]
        baseline_bs = int(max(tuning, key=lambda k: tuning[k]))
        log("  " + ", ".join(f"bs={k}: {v:.1f}/s" for k, v in tuning.items()) + f"  -> {baseline_bs}")

    onnx_graphs: dict[str, Any] = {}
    onnx_sides = [s for s in sides if s in ONNX_SIDES]
    if onnx_sides:
        log(f"building / finding the ONNX graphs for {onnx_sides} ...")
        onnx_graphs = _spawn({**common, "job": "export", "sides": onnx_sides})
        onnx_graphs = {s: onnx_graphs[s] for s in onnx_sides}
        for s, g in onnx_graphs.items():
            log(f"  {s}: {g['folder']} ({g['seconds']:.1f} s)")

    runs: dict[str, list[dict[str, Any]]] = {s: [] for s in sides}
    labels: dict[str, Path] = {}
    for rep in range(args.reps):
        for side in sides:
            spec = {**common, "job": side, "batch_size": baseline_bs if side == "baseline" else args.batch_size}
            if rep == 0 and side != "baseline":
                labels[side] = tmp / f"labels-{side}.json"
                spec["save_labels"] = str(labels[side])
            r = _spawn(spec)
            runs[side].append(r)
            log(f"rep {rep + 1}/{args.reps} {side:8s} {r['passages_per_s']:8.1f} passages/s  "
                f"{r['wall_s']:7.2f} s  {r['peak_rss_mib']:6.0f} MiB")

    summary: dict[str, dict[str, Any]] = {}
    for side, rs in runs.items():
        pps = statistics.median(r["passages_per_s"] for r in rs)
        summary[side] = {
            "batch_size": rs[0]["batch_size"],
            "passages_per_s": pps,
            "wall_s": statistics.median(r["wall_s"] for r in rs),
            "wall_s_min": min(r["wall_s"] for r in rs),
            "wall_s_max": max(r["wall_s"] for r in rs),
            "peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in rs),
            "load_s": statistics.median(r["load_s"] for r in rs),
            "threads": rs[0]["threads"],
        }
    base = summary.get("baseline", {}).get("passages_per_s")
    limit_pps = probe["fp32_gflops"] * 1e9 / stats["flops_per_passage_median"]
    for side, s in summary.items():
        s["ratio_to_baseline"] = s["passages_per_s"] / base if base else None
        s["fraction_of_fp32_flop_bound"] = s["passages_per_s"] / limit_pps
        work = stats["baseline_flops"] if side == "baseline" else stats["framing_flops"]
        s["achieved_gflops"] = work / s["wall_s"] / 1e9

    accuracy: dict[str, Any] = {}
    fast = [s for s in sides if s in FAST_SIDES]
    if fast and "default" in labels:
        ref = json.loads(labels["default"].read_text())
        accuracy["agreement_with_fp32"] = {s: agreement(ref, json.loads(labels[s].read_text())) for s in fast}
    if fast and not args.no_accuracy:
        for key, path in (("test", args.test), ("challenge", args.challenge)):
            if path and Path(path).is_file():
                log(f"F1 on {path} for fp32 and {fast} ...")
                accuracy[key] = _spawn({**common, "job": "accuracy", "modes": fast, "test": path})
    result = {
        "machine": {"cpu": _cpu_name(), "logical_cpus": os.cpu_count(), "python": platform.python_version(),
                    **_versions()},
        "command": "python benchmarks/throughput.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "passages": {"n": len(texts), "seed": args.seed, **stats},
        "flops_formula": "FLOPs(n) = 2*P*n + 4*L*d*n^2",
        "encoder": shape,
        "probe": probe,
        "fp32_flop_bound_passages_per_s_at_median": limit_pps,
        "baseline_tuning": tuning,
        "onnx_graphs": onnx_graphs,
        "summary": summary,
        "runs": runs,
        "accuracy": accuracy,
    }
    print(render(result))
    if args.output:
        Path(args.output).write_text(json.dumps(result, indent=2) + "\n")
        log(f"wrote {args.output}")
    return 0


def render(r: dict[str, Any]) -> str:
    s, st, pr = r["summary"], r["passages"], r["probe"]
    threads = next(iter(s.values()))["threads"] if s else "?"
    lines = [
        f"CPU: {r['machine']['cpu']} ({r['machine']['logical_cpus']} logical CPUs), torch threads {threads}, "
        f"torch {r['machine'].get('torch')}, transformers {r['machine'].get('transformers')}, "
        f"onnxruntime {r['machine'].get('onnxruntime', '-')}; model {r.get('encoder', {}).get('model') or 'default'}",
        f"Passages: {st['n']} (seed {st['seed']}), tokens median {st['median_tokens']:.0f}, mean {st['mean_tokens']:.0f}, "
        f"p90 {st['p90_tokens']:.0f}, max {st['max_tokens']}; framing runs {st['framing_windows']} windows / "
        f"{st['framing_tokens']} tokens, the baseline {st['baseline_tokens']} tokens (truncated at 512)",
        "",
        "| side | batch | passages/s | wall s (median; min-max) | peak RSS MiB | vs baseline | GFLOP/s | of probe | of fp32 bound at median |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    names = {"baseline": "baseline: transformers pipeline (1 task)", "default": "framing default fp32 (all tasks)",
             "int8": "framing --quantize int8 (all tasks)", "bf16": "framing bf16 (all tasks)",
             "onnx": "framing --backend onnx fp32 (all tasks)", "onnx-int8": "framing --backend onnx --quantize int8 (all tasks; fp32 re-check near decisions)",
             "onnx-int8-fast": "framing --backend onnx --quantize int8-fast (all tasks; no re-check)"}
    for side, x in s.items():
        ratio = f"{x['ratio_to_baseline']:.2f}x" if x["ratio_to_baseline"] else "-"
        lines.append(
            f"| {names[side]} | {x['batch_size']} | {x['passages_per_s']:.1f} | {x['wall_s']:.2f}; "
            f"{x['wall_s_min']:.2f}-{x['wall_s_max']:.2f} | {x['peak_rss_mib']:.0f} | {ratio} | "
            f"{x['achieved_gflops']:.0f} | {x['achieved_gflops'] / pr[_probe_key(side)]:.0%} {_probe_key(side)[:4]} | "
            f"{x['fraction_of_fp32_flop_bound']:.0%} |"
        )
    lines += [
        "",
        f"Matmul probe (1024^3, best of 5): fp32 {pr['fp32_gflops']:.0f} GFLOP/s, bf16 {pr['bf16_gflops']:.0f} GFLOP/s",
        f"FLOPs per passage at the median length ({st['median_tokens']:.0f} tokens): "
        f"{st['flops_per_passage_median'] / 1e9:.2f} GFLOP ({r['flops_formula']}, P={r['encoder']['P']}, "
        f"L={r['encoder']['L']}, d={r['encoder']['d']}) -> fp32 FLOP-bound limit "
        f"{r['fp32_flop_bound_passages_per_s_at_median']:.0f} passages/s",
        "GFLOP/s column: each side's own useful FLOPs (framing: all windows; baseline: passages truncated at 512, "
        "padding not counted) / median wall time; 'of probe' divides it by the matmul probe of the side's precision "
        "(int8 is compared with fp32). 'of fp32 bound at median': passages/s over the fp32 probe / FLOPs of a "
        "median-length passage (longer passages pull this below 'of probe').",
    ]
    if r["baseline_tuning"]:
        lines.append("Pipeline batch-size tuning (passages/s): "
                     + ", ".join(f"{k}: {v:.1f}" for k, v in r["baseline_tuning"].items()))
    acc = r["accuracy"]
    for side, a in acc.get("agreement_with_fp32", {}).items():
        lines.append(f"{side} agreement with fp32 on the benchmark passages: "
                     + ", ".join(f"{k} {v:.2%}" for k, v in a.items()))
    for split, title in (("test", "held-out test"), ("challenge", "challenge set")):
        if split not in acc:
            continue
        f1 = acc[split]["f1"]
        ref = f1["default"]
        for mode, per in f1.items():
            parts = []
            for task, m in per.items():
                for key in ("macro_f1", "micro_f1"):
                    delta = "" if mode == "default" else f" ({m[key] - ref[task][key]:+.4f})"
                    parts.append(f"{task} {key} {m[key]:.4f}{delta}")
            lines.append(f"{title} F1 ({acc[split]['n']} passages), {'fp32' if mode == 'default' else mode}: "
                         + ", ".join(parts))
    for side, g in r.get("onnx_graphs", {}).items():
        kept = g.get("fp32_nodes")
        lines.append(f"{side} graph: fused {g.get('fused_operators')}"
                     + (f"; {len(kept)} weight MatMul/Attention nodes kept fp32: {g.get('keep_fp32')}" if kept is not None else ""))
    return "\n".join(lines)


def _probe_key(side: str) -> str:
    return "bf16_gflops" if side == "bf16" else "fp32_gflops"


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("torch", "transformers", "tokenizers", "onnxruntime"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


if __name__ == "__main__":
    sys.exit(main())
