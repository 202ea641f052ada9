"""Choose the fp32 re-check margin of ``--backend onnx --quantize int8`` (``framing.export.INT8_RECHECK_MARGIN``).

    python benchmarks/int8_recheck.py --model default --output reports/onnx/int8_recheck_margin.json

Scores the 2,000 benchmark passages (``benchmarks/passages.py``) with the int8 graph alone (``int8-fast``) and
with the fp32 graph, then, for each margin, re-scores in fp32 the passages ``framing.export.near_decision``
flags (exactly what ``framing.export.recheck`` does) and reports the share re-checked and the label agreement
with fp32 per task (frame sets compared whole). The margin to ship is the smallest with >= 99% on every task.
``--cache FILE.npz`` keeps the two sets of scores, so a second sweep scores nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from passages import make_passages  # noqa: E402

MARGINS = (0.0, 0.01, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.075, 0.1, 0.15, 0.2)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", default="default")
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--cache", type=Path, default=None, help="npz of the int8 and fp32 scores (read if present, else written)")
    p.add_argument("--output", type=Path, default=None)
    args = p.parse_args(argv)

    from framing import Classifier
    from framing.evaluation import predicted_labels
    from framing.export import near_decision

    clf = Classifier.from_pretrained(args.model, device="cpu", num_threads=args.threads)
    if args.cache is not None and args.cache.is_file():
        d = np.load(args.cache)
        scores = {q: {t.name: d[f"{q}.{t.name}"] for t in clf.tasks} for q in ("int8-fast", "none")}
    else:
        texts = make_passages(args.n, 0)
        scores = {q: Classifier.from_pretrained(args.model, device="cpu", num_threads=args.threads, backend="onnx",
                                                quantize=q).scores(texts, progress=True) for q in ("int8-fast", "none")}
        if args.cache is not None:
            np.savez(args.cache, **{f"{q}.{k}": v for q, s in scores.items() for k, v in s.items()})
    fast, exact = scores["int8-fast"], scores["none"]
    rows = []
    for margin in MARGINS:
        near = near_decision(clf.tasks, fast, margin)
        agree = {}
        for t in clf.tasks:
            mixed = np.where(near[:, None], exact[t.name], fast[t.name])
            a, b = predicted_labels(t, mixed), predicted_labels(t, exact[t.name])
            agree[t.name] = float((a == b).all(1).mean() if a.ndim == 2 else (a == b).mean())
        rows.append({"margin": margin, "rechecked": float(near.mean()), "agreement": agree})
        print(f"margin {margin:.3f}: re-checked {near.mean():6.1%}; agreement with fp32 "
              + ", ".join(f"{k} {v:.2%}" for k, v in agree.items()))
    ok = [r for r in rows if min(r["agreement"].values()) >= 0.99]
    chosen = ok[0]["margin"] if ok else None
    print(f"smallest margin with >= 99% on every task: {chosen}")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps({"model": args.model, "passages": len(fast[clf.tasks[0].name]),
                                           "smallest_margin_99": chosen, "sweep": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
