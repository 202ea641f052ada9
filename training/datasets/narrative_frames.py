"""Narrative frames in climate-change news (63 outlets, 428 articles) -> framing JSONL (multi-label).

    python -m training.datasets.narrative_frames --data-dir ../shared/datasets/narrative_frames \
        --out data/bench/narrative_frames [--fold 1] [--max-words N] [--max-rows N]

Input: ``articles_metadata.tsv`` (ID, source, mbfc, date, text, RE, HI, CO, MO, EC; ``True``/``False``)
and the shipped split ``data_splits_raw/Fold_<n>/{train,dev,test}.txt`` (same columns; only the IDs are
read from them). Rows whose five frame cells are not all ``True``/``False`` are dropped (the README's
malformed rows) and counted in ``meta.json``.

Output ``OUT/{train,dev,test}.jsonl`` with ``id``, ``text``, ``frames`` (list of frame names, possibly
empty), ``source`` and ``mbfc``; ``OUT/meta.json`` with counts.
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

from training.datasets import counts, stratified_sample, write_jsonl  # noqa: E402

# column -> label name used in configs/bench/narrative_frames.yaml
FRAMES = {"CO": "conflict", "EC": "economic", "HI": "human_interest", "MO": "moral", "RE": "resolution"}
LABELS = list(FRAMES.values())


def _read_tsv(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t"))


def read_articles(data_dir: Path, max_words: int | None) -> tuple[dict[str, dict[str, Any]], int]:
    table = _read_tsv(data_dir / "articles_metadata.tsv")
    header, body = table[0], table[1:]
    rows, bad = {}, 0
    for cells in body:
        r = dict(zip(header, cells))
        flags = [r.get(c) for c in FRAMES]
        if len(cells) != len(header) or any(f not in ("True", "False") for f in flags):
            bad += 1
            continue
        words = " ".join((r["text"] or "").split()).split(" ")
        text = " ".join(words[:max_words] if max_words else words)
        if not text:
            bad += 1
            continue
        rows[r["ID"]] = {"id": f"nf-{r['ID']}", "text": text,
                         "frames": [name for col, name in FRAMES.items() if r[col] == "True"],
                         "source": r["source"], "mbfc": r["mbfc"]}
    return rows, bad


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", required=True, type=Path, help="the narrative_frames folder")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--fold", type=int, default=1, choices=[1, 2, 3, 4, 5], help="which shipped split (default 1)")
    p.add_argument("--max-words", type=int, default=None, help="cut article texts after N words (default: keep all)")
    p.add_argument("--max-rows", type=int, default=None, help="cap each part (smoke tests)")
    p.add_argument("--seed", type=int, default=13)
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    articles, bad = read_articles(args.data_dir, args.max_words)
    meta: dict[str, Any] = {"articles": len(articles), "malformed_dropped": bad, "fold": args.fold, "parts": {}}
    for part in ("train", "dev", "test"):
        ids = [cells[0] for cells in _read_tsv(args.data_dir / "data_splits_raw" / f"Fold_{args.fold}" / f"{part}.txt") if cells]
        prows = [articles[i] for i in ids if i in articles]
        prows = stratified_sample(prows, args.max_rows, key=lambda r: len(r["frames"]), seed=args.seed)
        write_jsonl(args.out / f"{part}.jsonl", prows)
        meta["parts"][part] = {"rows": len(prows), "frames": counts(prows, "frames")}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print("narrative_frames: " + ", ".join(f"{p} {v['rows']}" for p, v in meta["parts"].items())
          + f" (dropped {bad} malformed rows)")
    return meta


if __name__ == "__main__":
    main()
