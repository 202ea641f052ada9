"""Public benchmarks: convert, train baselines and a framing model, score them on the same split, tabulate.

    python -m training.benchmarks.run --data-root ../shared/datasets --out /tmp/bench --mode quick
    python -m training.benchmarks.run --data-root ../shared/datasets --out /tmp/bench --mode full --only gvfc
    python -m training.benchmarks.run --data-root ../shared/datasets --out /tmp/bench --mode smoke --backbone PATH

For each benchmark (``allsides_random``, ``allsides_media``, ``gvfc``, ``fignews_en``, ``fignews_orig``):

1. the data set's converter (``training/datasets``) writes train/dev/test JSONL under ``OUT/data``;
2. two baselines are fitted on the same train rows and scored on the same test rows: the majority class
   (multi-label: always the most frequent label) and TF-IDF (word 1-2 grams) + logistic regression
   (one-vs-rest for multi-label; ``C`` picked on dev, per-label thresholds tuned on dev like the model's);
3. the framing model is trained from ``configs/bench/<name>.yaml`` (``framing.training.train``; models go
   under ``OUT/models``) and scored on the test rows with ``Classifier.scores`` (long texts: logits
   averaged over overlapping token windows);
4. every method's predictions go through the same metric code (scikit-learn), and one table is written:
   ``OUT/results.json`` and ``OUT/results.md``.

Modes: ``full`` uses every row and the configs as written (for a GPU machine); ``quick`` subsamples
and shortens training so that all five runs finish in about half an hour on 2 CPU cores (the table
says what was subsampled); ``smoke`` is a few dozen rows and a few steps (CI; pass a tiny
``--backbone``). ``fewshot`` runs the few-shot retraining benchmark instead (framing vs SetFit vs
TF-IDF at K examples per label; ``training/benchmarks/fewshot.py``, which takes its own options).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]
if __package__ in (None, ""):
    sys.path.insert(0, str(REPO))

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
logger = logging.getLogger("framing.bench")

MODES = ("smoke", "quick", "full")


# ---------------------------------------------------------------------------- registry
@dataclass
class Metric:
    task: str
    name: str  # accuracy | macro_f1 | micro_f1
    label: str  # as shown in the table
    anchor: float | None = None
    anchor_source: str = ""


@dataclass
class Bench:
    name: str
    dataset: str  # converter module in training/datasets and folder under --data-root
    split: str  # as shown in the table
    subdir: str  # folder under OUT/data/<dataset>/ holding train/dev/test.jsonl
    config: str
    metrics: list[Metric]
    group_by: str | None = None  # also score each value of this column separately (FIGNEWS: lang)
    # per mode: converter arguments (per dataset: the first bench of a dataset decides) and config overrides
    convert: dict[str, list[str]] = field(default_factory=dict)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


SMOKE_OVERRIDES = {"training.max_steps": 3, "training.epochs": 1, "training.batch_size": 8, "training.eval_batch_size": 32,
                   "training.early_stopping_patience": 0, "training.calibrate": False, "training.logging_steps": 1,
                   "model.max_length": 64, "model.stride": 16, "training.device": "cpu"}

BAL20 = "Baly et al. 2020, BERT"
ALLSIDES_CONVERT = {
    "smoke": ["--max-train", "24", "--max-dev", "12", "--max-test", "12", "--max-words", "80"],
    # quick: 600 / 150 / 300 articles (of 27,978 / 6,996 / 1,300 random; 26,590 / 2,356 / 1,300 media),
    # bodies cut after 300 words (about 400 tokens: 2 windows of <= 256 tokens), windows as in full mode.
    "quick": ["--max-train", "600", "--max-dev", "150", "--max-test", "300", "--max-words", "300"],
    "full": [],
}
ALLSIDES_QUICK = {"training.epochs": 2, "training.batch_size": 16, "training.learning_rate": 0.0001,
                  "training.early_stopping_patience": 0, "training.device": "cpu"}
QUICK_NOTE_ALLSIDES = ("quick: seeded stratified subsample of 600/150/300 articles, bodies cut after 300 words "
                       "(~2 windows of 256 tokens each), 2 epochs at lr 1e-4 (full: all articles, whole bodies, 3 epochs)")

FIGNEWS_QUICK = {"training.epochs": 3, "training.learning_rate": 0.0001, "training.early_stopping_patience": 0,
                 "training.device": "cpu"}

BENCHES: dict[str, Bench] = {
    "allsides_random": Bench(
        "allsides_random", "allsides", "random", "random", "configs/bench/allsides_random.yaml",
        [Metric("leaning", "macro_f1", "macro-F1", 80.19, BAL20), Metric("leaning", "accuracy", "accuracy")],
        convert=ALLSIDES_CONVERT, overrides={"smoke": SMOKE_OVERRIDES, "quick": ALLSIDES_QUICK},
        notes={"quick": QUICK_NOTE_ALLSIDES},
    ),
    "allsides_media": Bench(
        "allsides_media", "allsides", "media", "media", "configs/bench/allsides_media.yaml",
        [Metric("leaning", "macro_f1", "macro-F1", 35.53, BAL20), Metric("leaning", "accuracy", "accuracy")],
        convert=ALLSIDES_CONVERT, overrides={"smoke": SMOKE_OVERRIDES, "quick": ALLSIDES_QUICK},
        notes={"quick": QUICK_NOTE_ALLSIDES},
    ),
    "gvfc": Bench(
        "gvfc", "gvfc", "re-split 65/15/20 (seed 13)", ".", "configs/bench/gvfc.yaml",
        [Metric("frames", "micro_f1", "multi-label micro-F1"), Metric("frames", "macro_f1", "multi-label macro-F1"),
         Metric("first_frame", "accuracy", "first-frame accuracy", 84.0, "Liu et al. 2019, BERT (approx.; their split)")],
        convert={"smoke": ["--max-rows", "24"], "quick": [], "full": []},
        overrides={"smoke": SMOKE_OVERRIDES,
                   "quick": {"training.epochs": 8, "training.early_stopping_patience": 3, "training.device": "cpu"}},
        notes={"quick": "quick: all rows, 8 epochs (full: 15)"},
    ),
    "fignews_en": Bench(
        "fignews_en", "fignews", "English MT, 60/20/20 (seed 13)", "en", "configs/bench/fignews_en.yaml",
        [Metric("bias", "macro_f1", "macro-F1"), Metric("bias", "accuracy", "accuracy")], group_by="lang",
        convert={"smoke": ["--max-rows", "24"], "quick": [], "full": []},
        overrides={"smoke": SMOKE_OVERRIDES,
                   "quick": FIGNEWS_QUICK},
        notes={"quick": "quick: all rows, 3 epochs at lr 1e-4 (full: 10 at 5e-5)"},
    ),
    "fignews_orig": Bench(
        "fignews_orig", "fignews", "original text, 60/20/20 (seed 13)", "orig", "configs/bench/fignews_orig.yaml",
        [Metric("bias", "macro_f1", "macro-F1"), Metric("bias", "accuracy", "accuracy")], group_by="lang",
        convert={"smoke": ["--max-rows", "24"], "quick": [], "full": []},
        overrides={"smoke": SMOKE_OVERRIDES,
                   "quick": FIGNEWS_QUICK},
        notes={"quick": "quick: all rows, 3 epochs at lr 1e-4 (full: 10 at 5e-5)"},
    ),
}


# ---------------------------------------------------------------------------- data
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def convert(dataset: str, data_root: Path, out: Path, args: list[str]) -> dict[str, Any]:
    import importlib

    module = importlib.import_module(f"training.datasets.{dataset}")
    return module.main(["--data-dir", str(data_root / dataset), "--out", str(out), *args])


# ---------------------------------------------------------------------------- metrics
def single_metrics(labels: list[str], gold: list[str], pred: list[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {"accuracy": float(accuracy_score(gold, pred)),
            "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
            "n": len(gold)}


def multi_metrics(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {"micro_f1": float(f1_score(gold, pred, average="micro", zero_division=0)),
            "macro_f1": float(f1_score(gold, pred, average="macro", zero_division=0)),
            "accuracy": float(accuracy_score(gold, pred)),  # exact match
            "n": int(len(gold))}


def indicator(rows: list[dict[str, Any]], column: str, labels: list[str]) -> np.ndarray:
    index = {lab: i for i, lab in enumerate(labels)}
    y = np.zeros((len(rows), len(labels)), dtype=np.int64)
    for r, row in enumerate(rows):
        for lab in row[column]:
            y[r, index[lab]] = 1
    return y


def score_predictions(task: dict[str, Any], rows: list[dict[str, Any]], pred: Any) -> dict[str, float]:
    """``pred``: list of labels (single-label) or 0/1 matrix (multi-label), in ``rows`` order."""
    if task["kind"] == "single_label":
        return single_metrics(task["labels"], [r[task["column"]] for r in rows], list(pred))
    return multi_metrics(indicator(rows, task["column"], task["labels"]), np.asarray(pred))


# ---------------------------------------------------------------------------- baselines
def majority_baseline(task: dict[str, Any], train: list[dict[str, Any]], n_test: int) -> Any:
    if task["kind"] == "single_label":
        top = Counter(r[task["column"]] for r in train).most_common(1)[0][0]
        return [top] * n_test
    c = Counter(lab for r in train for lab in r[task["column"]])
    top = task["labels"].index(c.most_common(1)[0][0])
    pred = np.zeros((n_test, len(task["labels"])), dtype=np.int64)
    pred[:, top] = 1
    return pred


def tfidf_lr_baseline(task: dict[str, Any], train: list[dict[str, Any]], dev: list[dict[str, Any]] | None,
                      test: list[dict[str, Any]], seed: int = 0,
                      cs: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0, 30.0)) -> tuple[Any, dict[str, Any]]:
    """TF-IDF (word 1-2 grams, sublinear tf) + logistic regression, ``C`` chosen on dev from ``cs``.

    Without dev rows (``dev=None``, the few-shot mode) the first ``C`` of ``cs`` is used and multi-label
    thresholds stay at 0.5."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    from framing.tasks import Task
    from framing.training import tune_thresholds

    vec = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2 if len(train) >= 200 else 1,
                          max_features=200_000, dtype=np.float32)
    x_train = vec.fit_transform([r["text"] for r in train])
    x_dev = vec.transform([r["text"] for r in dev]) if dev is not None else None
    x_test = vec.transform([r["text"] for r in test])
    labels, col = task["labels"], task["column"]
    best: tuple[float, Any, Any] = (-1.0, None, None)
    for c in cs if dev is not None else cs[:1]:
        if task["kind"] == "single_label":
            y = [r[col] for r in train]
            if len(set(y)) < 2:
                model = None
            else:
                model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)
                model.fit(x_train, y)
            score, extra = 0.0, None
            if dev is not None:
                dev_pred = list(model.predict(x_dev)) if model is not None else [y[0]] * len(dev)
                score = single_metrics(labels, [r[col] for r in dev], dev_pred)["macro_f1"]
        else:
            y = indicator(train, col, labels)
            model = OneVsRestClassifier(LogisticRegression(C=c, class_weight="balanced", max_iter=3000,
                                                           random_state=seed))
            model.fit(x_train, y)
            extra, score = {lab: 0.5 for lab in labels}, 0.0
            if dev is not None:
                t = Task("t", "multi_label", tuple(labels))
                probs = model.predict_proba(x_dev)
                extra = tune_thresholds(t, probs, indicator(dev, col, labels).astype(np.float32))
                th = np.array([extra[lab] for lab in labels])
                score = multi_metrics(indicator(dev, col, labels), (probs >= th).astype(np.int64))["micro_f1"]
        if score > best[0]:
            best = (score, (c, model), extra)
        if model is None:
            break
    _, (c, model), thresholds = best
    info: dict[str, Any] = {"C": c, "dev_score": round(best[0], 4), "features": int(x_train.shape[1])}
    if task["kind"] == "single_label":
        pred = list(model.predict(x_test)) if model is not None else [train[0][col]] * len(test)
    else:
        th = np.array([thresholds[lab] for lab in labels])
        pred = (model.predict_proba(x_test) >= th).astype(np.int64)
        info["thresholds"] = thresholds
    return pred, info


# ---------------------------------------------------------------------------- framing model
def train_framing(bench: Bench, data_dir: Path, model_dir: Path, mode: str, backbone: str | None,
                  threads: int | None, device: str | None, extra: list[str]) -> tuple[Any, dict[str, Any], Any]:
    from framing.cli import load_config_file
    from framing.training import train

    overrides: dict[str, Any] = {
        "data.train": str(data_dir / "train.jsonl"),
        "data.dev": str(data_dir / "dev.jsonl"),
        "data.test": None,  # scored below with the same metric code as the baselines
        "training.output_dir": str(model_dir),
        "training.report_dir": None,
        **bench.overrides.get(mode, {}),
    }
    if backbone:
        overrides["model.backbone"] = backbone
    if threads:
        overrides["training.num_threads"] = threads
    if device:
        overrides["training.device"] = device
    pairs = [f"{k}={json.dumps(v)}" for k, v in overrides.items()] + list(extra)
    cfg = load_config_file(str(REPO / bench.config), pairs)
    result = train(cfg, progress=False)
    return result, cfg.to_dict(), cfg


def framing_predictions(result: Any, cfg: Any, test: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    from framing.data import build_set
    from framing.evaluation import evaluate_scores, predicted_labels

    clf = result.classifier
    texts = [r["text"] for r in test]
    probs = clf.scores(texts, batch_size=cfg.training.eval_batch_size)
    preds: dict[str, Any] = {}
    for t in clf.tasks:
        p = predicted_labels(t, probs[t.name])
        preds[t.name] = [t.labels[i] for i in p] if t.kind == "single_label" else p
    # the library's own report on the same probabilities (calibration error, bootstrap intervals)
    rows = [(i + 1, r) for i, r in enumerate(test)]
    labelled = build_set(rows, clf.tasks, cfg.tasks, cfg.data.text_column, cfg.data.id_column, "test")
    lib = evaluate_scores(clf.tasks, probs, labelled, bootstrap=1000)
    lib = {name: {k: m.get(k) for k in ("n", "accuracy", "macro_f1", "micro_f1", "ece", "ci95")} for name, m in lib.items()}
    return preds, lib


# ---------------------------------------------------------------------------- one benchmark
def run_bench(bench: Bench, data_dir: Path, out: Path, mode: str, args: argparse.Namespace,
              original_rows: dict[str, int] | None) -> dict[str, Any]:
    t0 = time.time()
    train_rows, dev_rows, test_rows = (read_jsonl(data_dir / f"{p}.jsonl") for p in ("train", "dev", "test"))
    from framing.cli import load_config_file

    cfg0 = load_config_file(str(REPO / bench.config), [])
    tasks = {t.name: {"name": t.name, "kind": t.kind, "labels": list(t.labels), "column": t.column} for t in cfg0.tasks}

    methods: dict[str, dict[str, Any]] = {}
    info: dict[str, Any] = {}
    tb = time.time()
    for name, task in tasks.items():
        methods.setdefault("majority", {})[name] = majority_baseline(task, train_rows, len(test_rows))
        pred, inf = tfidf_lr_baseline(task, train_rows, dev_rows, test_rows)
        methods.setdefault("tfidf_lr", {})[name] = pred
        info.setdefault("tfidf_lr", {})[name] = inf
    info["baseline_seconds"] = round(time.time() - tb, 1)
    logger.info("%s: baselines done in %.0f s", bench.name, time.time() - tb)

    tf = time.time()
    result, cfg_dict, cfg = train_framing(bench, data_dir, out / "models" / bench.name, mode, args.backbone,
                                          args.threads, args.device, args.set or [])
    preds, lib = framing_predictions(result, cfg, test_rows)
    methods["framing"] = preds
    info["framing"] = {"train_seconds": round(result.train_seconds, 1), "seconds": round(time.time() - tf, 1),
                       "backbone": cfg.model.backbone, "finetune": cfg.model.finetune,
                       "max_length": cfg.model.max_length, "stride": cfg.model.stride, "long_text": cfg.data.long_text,
                       "epochs": cfg.training.epochs, "max_steps": cfg.training.max_steps,
                       "batch_size": cfg.training.batch_size, "learning_rate": cfg.training.learning_rate,
                       "library_test_metrics": lib, "dev_metrics": _slim(result.metrics.get("dev", {}))}
    logger.info("%s: framing model trained in %.0f s", bench.name, result.train_seconds)

    groups: list[tuple[str, list[int]]] = [("all", list(range(len(test_rows))))]
    if bench.group_by:
        values = sorted({r[bench.group_by] for r in test_rows})
        groups += [(v, [i for i, r in enumerate(test_rows) if r[bench.group_by] == v]) for v in values]
    scores: dict[str, Any] = {}
    for gname, idx in groups:
        sub = [test_rows[i] for i in idx]
        for method, per_task in methods.items():
            for tname, pred in per_task.items():
                p = [pred[i] for i in idx] if isinstance(pred, list) else np.asarray(pred)[idx]
                scores.setdefault(gname, {}).setdefault(method, {})[tname] = score_predictions(tasks[tname], sub, p)
    wall = time.time() - t0
    rows_used = {"train": len(train_rows), "dev": len(dev_rows), "test": len(test_rows)}
    note = bench.notes.get(mode, "")
    if args.set:  # the mode's note describes its own settings; say what --set changed on top of them
        note = "; ".join(x for x in (note, "overridden with --set " + ", ".join(args.set)) if x)
    return {"name": bench.name, "dataset": bench.dataset, "split": bench.split, "mode": mode,
            "rows": rows_used, "original_rows": original_rows, "note": note,
            "metrics": [m.__dict__ for m in bench.metrics], "scores": scores, "info": info,
            "config": cfg_dict, "wall_seconds": round(wall, 1)}


def _slim(metrics: dict[str, Any]) -> dict[str, Any]:
    return {name: {k: m.get(k) for k in ("n", "accuracy", "macro_f1", "micro_f1", "ece")} for name, m in metrics.items()}


# ---------------------------------------------------------------------------- table
def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.1f}"


def table_rows(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for res in results:
        first = True
        for gname, by_method in res["scores"].items():
            for m in res["metrics"]:
                vals = {meth: by_method[meth][m["task"]].get(m["name"]) for meth in ("majority", "tfidf_lr", "framing")}
                r, o = res["rows"], res.get("original_rows") or {}
                rows_used = "/".join(str(r[p]) for p in ("train", "dev", "test"))
                if o and any(o.get(p) not in (None, r[p]) for p in ("train", "dev", "test")):
                    rows_used += " of " + "/".join(str(o.get(p, "?")) for p in ("train", "dev", "test"))
                n = by_method["framing"][m["task"]]["n"]
                out.append({
                    "benchmark": res["name"], "dataset": res["dataset"],
                    "split": res["split"] + ("" if gname == "all" else f" [{gname}, n={n}]"),
                    "metric": m["label"], **vals,
                    "anchor": m["anchor"] if gname == "all" else None, "anchor_source": m["anchor_source"] if gname == "all" else "",
                    "rows": rows_used if gname == "all" else f"test n={n}",
                    "wall_seconds": res["wall_seconds"] if first else None,
                })
                first = False
    return out


def write_tables(out: Path, payload: dict[str, Any]) -> None:
    (out / "results.json").write_text(json.dumps(payload, indent=2, default=_json_default) + "\n")
    lines = [
        f"# Public benchmarks ({payload['mode']} mode)", "",
        f"Run {payload['started']} on {payload['machine']}; backbone `{payload['backbone']}`; "
        f"total wall time {payload['wall_seconds'] / 60:.1f} min. Scores in percent on the test split.", "",
        "| dataset | split | metric | majority | TF-IDF+LR | framing | published anchor | rows used (train/dev/test) | wall time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in payload["table"]:
        anchor = "–" if r["anchor"] is None else f"{r['anchor']:.2f} ({r['anchor_source']})"
        wall = "" if r["wall_seconds"] is None else f"{r['wall_seconds'] / 60:.1f} min"
        lines.append(f"| {r['benchmark']} | {r['split']} | {r['metric']} | {_pct(r['majority'])} | {_pct(r['tfidf_lr'])} | "
                     f"{_pct(r['framing'])} | {anchor} | {r['rows']} | {wall} |")
    notes = [f"- `{res['name']}`: {res['note']}" for res in payload["results"] if res.get("note")]
    if notes:
        lines += ["", "Subsampling and shortened training in this mode:", "", *notes]
    (out / "results.md").write_text("\n".join(lines) + "\n")


def _json_default(o: Any) -> Any:
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, Path):
        return str(o)
    raise TypeError(type(o).__name__)


# ---------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "datasets",
                   help="folder holding allsides/, gvfc/, fignews/ (default: ../shared/datasets)")
    p.add_argument("--out", type=Path, required=True, help="output folder (converted data, models, results.*)")
    p.add_argument("--mode", choices=[*MODES, "fewshot"], default="quick",
                   help="fewshot: the few-shot retraining benchmark (training/benchmarks/fewshot.py; --help there)")
    p.add_argument("--only", nargs="+", choices=list(BENCHES), help="run only these benchmarks")
    p.add_argument("--backbone", help="override model.backbone (smoke tests: a tiny local model folder)")
    p.add_argument("--threads", type=int, help="torch threads (training.num_threads)")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], help="override training.device")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="extra config override for every benchmark")
    p.add_argument("--quiet", action="store_true", help="log warnings only")
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--mode")
    if pre.parse_known_args(argv)[0].mode == "fewshot":  # its own options: see training/benchmarks/fewshot.py
        from training.benchmarks import fewshot

        return fewshot.main(argv)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet or args.mode == "smoke" else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    names = args.only or list(BENCHES)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    t0 = time.time()
    # 1. convert each data set once (the first selected benchmark of a data set decides the arguments)
    converted: dict[str, dict[str, Any]] = {}
    for name in names:
        b = BENCHES[name]
        if b.dataset not in converted:
            if not (args.data_root / b.dataset).is_dir():
                raise SystemExit(f"{args.data_root / b.dataset} does not exist; pass --data-root (the folder with allsides/, gvfc/, fignews/).")
            tc = time.time()
            extra = list(b.convert.get(args.mode, []))
            if b.dataset == "allsides":
                extra += ["--split", *[BENCHES[n].subdir for n in names if BENCHES[n].dataset == "allsides"]]
            converted[b.dataset] = {"meta": convert(b.dataset, args.data_root, args.out / "data" / b.dataset, extra),
                                    "seconds": time.time() - tc}
    # 2. run each benchmark
    results = []
    for name in names:
        b = BENCHES[name]
        meta = converted[b.dataset]["meta"]
        original = meta.get(b.subdir, {}).get("original_rows") if b.dataset == "allsides" else None
        logger.info("=== %s (%s mode)", name, args.mode)
        res = run_bench(b, args.out / "data" / b.dataset / b.subdir, args.out, args.mode, args, original)
        res["convert_seconds"] = round(converted[b.dataset]["seconds"], 1)
        results.append(res)
        logger.info("%s done in %.1f min", name, res["wall_seconds"] / 60)
        write_tables(args.out, _payload(args, started, t0, converted, results))  # a stopped run keeps what finished
    payload = _payload(args, started, t0, converted, results)
    write_tables(args.out, payload)
    print((args.out / "results.md").read_text())
    return payload


def _payload(args: argparse.Namespace, started: str, t0: float, converted: dict[str, dict[str, Any]],
             results: list[dict[str, Any]]) -> dict[str, Any]:
    import torch

    return {
        "mode": args.mode, "started": started, "wall_seconds": round(time.time() - t0, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, torch {torch.__version__}, "
                   f"{torch.get_num_threads()} threads, {'CUDA ' + torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU'}",
        "backbone": args.backbone or results[0]["info"]["framing"]["backbone"] if results else "",
        "overrides": args.set or [],
        "converted": {k: v["meta"] for k, v in converted.items()},
        "table": table_rows(results), "results": results,
    }


if __name__ == "__main__":
    main()
