"""Gun Violence Frame Corpus (Liu et al., CoNLL 2019) -> framing JSONL, with a seeded stratified re-split.

    python -m training.datasets.gvfc --data-dir ../shared/datasets/gvfc --out data/bench/gvfc \
        [--seed 13] [--fractions 0.65 0.15 0.20] [--max-rows N]

Input: ``english.csv`` (1,300 headlines; ``news_title``, ``Q3 Theme1``, ``Q3 Theme2``; 99 = no
second frame). The shipped folds ``0..4/`` are *not* used: their dev and test files hold the same
headlines, so a model selected on dev would be scored on the data it was selected on.

Re-split: exact-duplicate headlines are dropped (the first is kept; 3 in the release), then the
headlines are split 65% / 15% / 20% into train / dev / test *within each first frame* (stratified
by ``Q3 Theme1``), shuffled with ``random.Random(seed)``. Seed 13 is the benchmark's split.

Output ``OUT/{train,dev,test}.jsonl`` with ``id``, ``text`` (the headline), ``frames`` (JSON list of
1-2 frame names, first frame first) and ``first_frame`` (the annotator's first frame, single label);
``OUT/meta.json`` with counts.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.datasets import counts, stratified_sample, stratified_split, write_jsonl  # noqa: E402

# Codebook (README of the data set): code -> label name used in the configs.
FRAMES = {
    1: "gun_rights",            # gun / 2nd-amendment rights
    2: "gun_control",           # gun control / regulation
    3: "politics",
    4: "mental_health",
    5: "public_safety",         # school or public space safety
    6: "race_ethnicity",
    7: "public_opinion",
    8: "society_culture",
    9: "economic",              # economic consequences
}
LABELS = list(FRAMES.values())


def read_headlines(data_dir: Path) -> tuple[list[dict[str, Any]], int]:
    rows, seen, dupes = [], set(), 0
    with open(data_dir / "english.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            title = " ".join((r["news_title"] or "").split())
            if not title:
                continue
            key = title.lower()
            if key in seen:
                dupes += 1
                continue
            seen.add(key)
            codes = [int(float(r["Q3 Theme1"]))]
            second = r.get("Q3 Theme2") or "99"
            if int(float(second)) in FRAMES and int(float(second)) != codes[0]:
                codes.append(int(float(second)))
            if codes[0] not in FRAMES:
                continue
            frames = [FRAMES[c] for c in codes]
            rows.append({"id": f"gvfc-{r['ID']}", "text": title, "frames": frames, "first_frame": frames[0]})
    return rows, dupes


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", required=True, type=Path, help="the gvfc folder (english.csv)")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--seed", type=int, default=13, help="seed of the stratified re-split (13 = the benchmark's)")
    p.add_argument("--fractions", type=float, nargs=3, default=[0.65, 0.15, 0.20], metavar=("TRAIN", "DEV", "TEST"))
    p.add_argument("--max-rows", type=int, default=None, help="cap each part after splitting (smoke tests)")
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    rows, dupes = read_headlines(args.data_dir)
    parts = stratified_split(rows, list(zip(("train", "dev", "test"), args.fractions)),
                             key=lambda r: r["first_frame"], seed=args.seed)
    meta: dict[str, Any] = {"headlines": len(rows), "duplicates_dropped": dupes, "seed": args.seed,
                            "fractions": args.fractions, "max_rows": args.max_rows, "parts": {}}
    for part, prows in parts.items():
        prows = stratified_sample(prows, args.max_rows, key=lambda r: r["first_frame"], seed=args.seed)
        write_jsonl(args.out / f"{part}.jsonl", prows)
        meta["parts"][part] = {"rows": len(prows), "frames": counts(prows, "frames")}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print("gvfc: " + ", ".join(f"{p} {v['rows']}" for p, v in meta["parts"].items()) + f" (dropped {dupes} duplicate headlines)")
    return meta


if __name__ == "__main__":
    main()
