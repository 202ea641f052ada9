"""Score models and the TF-IDF floor side by side on the test split and the challenge set.

    python -m training.compare_models \\
        --model minilm-lora-old=models/minilm-old --model mpnet-heads-new=models/mpnet-heads \\
        --tfidf old=data/splits_v1 --tfidf new=data/splits \\
        --test data/splits/test.jsonl --challenge data/challenge/challenge.jsonl --out reports/compare

For every model: perspective macro-F1, frames micro/macro-F1 and perspective ECE on both sets, the
challenge set's passages/s (scoring time on this machine, batch 64), training seconds from the model's
metrics.json, and the document-context mix (per-task weights tuned on the dev split's documents with
``framing.training.tune_context_weight``, applied to the challenge set's documents). TF-IDF + logistic regression (C tuned on dev, as in the benchmark runner)
is trained on each ``--tfidf NAME=SPLITS_DIR``. Writes ``results.json`` and ``results.md`` into ``--out``.
The challenge set is only ever scored here, never trained on.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from training.benchmarks.run import indicator, multi_metrics, single_metrics, tfidf_lr_baseline  # noqa: E402

from framing.aggregate import mix_documents  # noqa: E402
from framing.classifier import Classifier  # noqa: E402
from framing.features import feature_cache  # noqa: E402
from framing.evaluation import evaluate_scores, load_labelled_set  # noqa: E402
from framing.training import head_scores, tune_context_weight  # noqa: E402


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]


def summary(m: dict[str, Any]) -> dict[str, float]:
    p, f = m["perspective"], m["frames"]
    return {"perspective_macro_f1": round(p["macro_f1"], 4), "perspective_ece": round(p["ece"], 4),
            "frames_micro_f1": round(f["micro_f1"], 4), "frames_macro_f1": round(f["macro_f1"], 4)}


def with_context(clf: Classifier, probs: dict[str, np.ndarray], rows: list[dict[str, Any]], weight: float | dict[str, float]) -> dict[str, np.ndarray]:
    """Apply the library's document-context mix to every document (``doc_id``) of ``rows``."""
    return mix_documents(clf.tasks, probs, [r["text"] for r in rows], [r["doc_id"] for r in rows], weight)


def score_model(name: str, path: str, dev: str, test: str, challenge: str, feature_root: str | None = None) -> dict[str, Any]:
    clf = Classifier.from_pretrained(path, device="cpu", num_threads=2)
    res: dict[str, Any] = {"name": name, "path": path, "backbone": clf.model_config.backbone,
                           "finetune": clf.model_config.finetune,
                           "train_seconds": (clf.metrics or {}).get("train_seconds")}
    sets = {"dev": dev, "test": test, "challenge": challenge}
    probs: dict[str, dict[str, np.ndarray]] = {}
    for split, file in sets.items():
        data = load_labelled_set(clf, file)
        t0 = time.perf_counter()
        if feature_root and clf.model_config.finetune == "heads" and split != "challenge":
            # Frozen encoder: the heads on cached features give exactly clf.scores (tests/test_heads_distill.py);
            # the challenge set is still scored end to end, which is what passages/s measures.
            probs[split] = head_scores(clf, feature_cache(feature_root, clf).vectors(data.texts), data.texts)
        else:
            probs[split] = clf.scores(data.texts, batch_size=64)
        seconds = time.perf_counter() - t0
        if split == "challenge":
            res["passages_per_s"] = round(len(data) / seconds, 2)
        res[split] = summary(evaluate_scores(clf.tasks, probs[split], data))
        res[f"_{split}_data"] = data
    dev_rows, ch_rows = read_rows(dev), read_rows(challenge)
    # The document-context weights tuned on the dev documents (as training does when data.doc_column is set).
    weights, _ = tune_context_weight(clf.tasks, probs["dev"], res["_dev_data"], [r["doc_id"] for r in dev_rows])
    res["context_weight_dev"] = weights
    res["challenge_context"] = summary(evaluate_scores(
        clf.tasks, with_context(clf, probs["challenge"], ch_rows, weights), res["_challenge_data"]))
    res["_challenge_probs"] = probs["challenge"]
    return res


def score_tfidf(name: str, splits: str, test: str, challenge: str) -> dict[str, Any]:
    train, dev = read_rows(Path(splits) / "train.jsonl"), read_rows(Path(splits) / "dev.jsonl")
    labels = {"perspective": ["pro_armenian", "pro_azerbaijani", "neutral", "unrelated"],
              "frames": sorted({f for r in train for f in r["frames"]})}
    res: dict[str, Any] = {"name": f"tfidf-lr-{name}", "backbone": "TF-IDF + LR", "finetune": "-", "train_rows": len(train)}
    for split, file in (("test", test), ("challenge", challenge)):
        rows = read_rows(file)
        m: dict[str, float] = {}
        for task, kind in (("perspective", "single_label"), ("frames", "multi_label")):
            spec = {"labels": labels[task], "column": task, "kind": kind}
            pred, _ = tfidf_lr_baseline(spec, train, dev, rows)
            if kind == "single_label":
                m["perspective_macro_f1"] = round(single_metrics(labels[task], [r[task] for r in rows], list(pred))["macro_f1"], 4)
            else:
                mm = multi_metrics(indicator(rows, task, labels[task]), pred)
                m["frames_micro_f1"], m["frames_macro_f1"] = round(mm["micro_f1"], 4), round(mm["macro_f1"], 4)
        res[split] = m
    return res


def render(results: list[dict[str, Any]]) -> str:
    head = ("| model | backbone | fine-tuning | train s | challenge passages/s | test persp. macro-F1 | test frames micro-F1 "
            "| challenge persp. macro-F1 | challenge frames micro-F1 | challenge frames macro-F1 | challenge ECE "
            "| challenge persp. macro-F1 with doc context (w) |")
    lines = [head, "|" + "---|" * 12]
    for r in results:
        t, c = r["test"], r["challenge"]
        ctx = r.get("challenge_context")
        ctx_cell = "-"
        if ctx:
            ctx_cell = f"{ctx['perspective_macro_f1']:.3f} (w={r['context_weight_dev']['perspective']})"
        lines.append(
            f"| {r['name']} | {r['backbone']} | {r['finetune']} | {r.get('train_seconds') or '-'} | {r.get('passages_per_s', '-')} "
            f"| {t['perspective_macro_f1']:.3f} | {t['frames_micro_f1']:.3f} | {c['perspective_macro_f1']:.3f} "
            f"| {c['frames_micro_f1']:.3f} | {c['frames_macro_f1']:.3f} | {c.get('perspective_ece', float('nan')):.3f} "
            f"| {ctx_cell} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", default=[], metavar="NAME=DIR")
    parser.add_argument("--tfidf", action="append", default=[], metavar="NAME=SPLITS_DIR")
    parser.add_argument("--dev", default="data/splits/dev.jsonl")
    parser.add_argument("--test", default="data/splits/test.jsonl")
    parser.add_argument("--challenge", default="data/challenge/challenge.jsonl")
    parser.add_argument("--out", default="reports/compare")
    parser.add_argument("--feature-cache", default=None, help="encoder feature cache for frozen-encoder models (dev/test)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    previous = {r["name"]: r for r in json.loads((out / "results.json").read_text())} if (out / "results.json").is_file() else {}
    for spec in args.tfidf:
        name, splits = spec.split("=", 1)
        r = score_tfidf(name, splits, args.test, args.challenge)
        previous[r["name"]] = r
        print(json.dumps(r), flush=True)
    for spec in args.model:
        name, path = spec.split("=", 1)
        r = score_model(name, path, args.dev, args.test, args.challenge, args.feature_cache)
        np.savez(out / f"{name}.challenge_probs.npz", **r.pop("_challenge_probs"))
        for k in [k for k in r if k.startswith("_")]:
            r.pop(k)
        previous[name] = r
        print(json.dumps(r), flush=True)
    results = list(previous.values())
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "results.md").write_text(render(results))
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
