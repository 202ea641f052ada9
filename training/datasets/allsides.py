"""AllSides / Article-Bias-Prediction (Baly et al., EMNLP 2020) -> framing JSONL.

    python -m training.datasets.allsides --data-dir ../shared/datasets/allsides --out data/bench/allsides \
        [--split random media] [--max-train N --max-dev N --max-test N | --max-rows N] [--max-words N] [--seed 13]

Input: ``articles.jsonl.gz`` (one JSON object per article: ID, title, content_original, bias_text, ...)
and the ID lists ``splits/{random,media}/{train,valid,test}.tsv`` (columns ID, bias). The archive is
streamed once and only the articles whose IDs are in the requested split(s) are kept.

Output, per split: ``OUT/<split>/{train,dev,test}.jsonl`` (``valid`` becomes ``dev``) with columns
``id``, ``text`` (title, blank line, original body), ``leaning`` (left/center/right, from the split
file's ``bias`` 0/1/2), ``source`` and ``topic``; plus ``OUT/<split>/meta.json`` with counts.

Subsampling (``--max-*``) is seeded and stratified by label, and applied to the ID lists before
reading the archive. ``--max-words`` cuts each body after N whitespace words (quick mode only: the
full benchmark uses whole articles, which the model reads as overlapping token windows).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.datasets import counts, stratified_sample, write_jsonl  # noqa: E402

LABELS = ["left", "center", "right"]
PARTS = {"train": "train", "dev": "valid", "test": "test"}


def read_split(data_dir: Path, split: str) -> dict[str, list[dict[str, str]]]:
    """ID lists of one split: {"train": [{"ID", "bias"}...], "dev": [...], "test": [...]}."""
    out = {}
    for part, fname in PARTS.items():
        path = data_dir / "splits" / split / f"{fname}.tsv"
        with open(path, encoding="utf-8", newline="") as fh:
            out[part] = [{"ID": r["ID"], "bias": r["bias"]} for r in csv.DictReader(fh, delimiter="\t")]
    return out


def article_text(article: dict[str, Any], max_words: int | None = None) -> str:
    body = (article.get("content_original") or article.get("content") or "").strip()
    if max_words is not None:
        words = body.split()
        if len(words) > max_words:
            body = " ".join(words[:max_words])
    title = (article.get("title") or "").strip()
    return f"{title}\n\n{body}".strip()


def convert(
    data_dir: Path,
    out: Path,
    splits: list[str],
    max_rows: dict[str, int | None],
    max_words: int | None,
    seed: int,
) -> dict[str, Any]:
    wanted: dict[str, dict[str, list[dict[str, str]]]] = {}
    originals: dict[str, dict[str, int]] = {}
    for split in splits:
        ids = read_split(data_dir, split)
        originals[split] = {part: len(rows) for part, rows in ids.items()}
        wanted[split] = {
            part: stratified_sample(rows, max_rows[part], key=lambda r: r["bias"], seed=seed)
            for part, rows in ids.items()
        }
    needed = {r["ID"] for parts in wanted.values() for rows in parts.values() for r in rows}
    articles: dict[str, dict[str, Any]] = {}
    with gzip.open(data_dir / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            # cheap pre-filter on the ID before parsing the whole (long) JSON line
            head = line[:64]
            start = head.find('"ID": "')
            if start >= 0:
                aid = head[start + 7 : head.find('"', start + 7)]
                if aid not in needed:
                    continue
            a = json.loads(line)
            if a["ID"] in needed:
                articles[a["ID"]] = {"title": a.get("title"), "content_original": a.get("content_original"),
                                     "content": a.get("content"), "source": a.get("source"), "topic": a.get("topic"),
                                     "bias": a.get("bias")}
    meta: dict[str, Any] = {}
    for split, parts in wanted.items():
        split_meta: dict[str, Any] = {"split": split, "original_rows": originals[split], "max_words": max_words,
                                      "seed": seed, "parts": {}}
        for part, id_rows in parts.items():
            rows = []
            missing = 0
            for r in id_rows:
                a = articles.get(r["ID"])
                if a is None:
                    missing += 1
                    continue
                rows.append({"id": r["ID"], "text": article_text(a, max_words), "leaning": LABELS[int(r["bias"])],
                             "source": a["source"], "topic": a["topic"]})
            write_jsonl(out / split / f"{part}.jsonl", rows)
            split_meta["parts"][part] = {"rows": len(rows), "missing_articles": missing, "labels": counts(rows, "leaning")}
        (out / split).mkdir(parents=True, exist_ok=True)
        (out / split / "meta.json").write_text(json.dumps(split_meta, indent=2) + "\n")
        meta[split] = split_meta
    return meta


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", required=True, type=Path, help="the allsides folder (articles.jsonl.gz, splits/)")
    p.add_argument("--out", required=True, type=Path, help="output folder; one subfolder per split")
    p.add_argument("--split", nargs="+", choices=["random", "media"], default=["random", "media"])
    p.add_argument("--max-rows", type=int, default=None, help="cap for each of train/dev/test (seeded, stratified)")
    p.add_argument("--max-train", type=int, default=None)
    p.add_argument("--max-dev", type=int, default=None)
    p.add_argument("--max-test", type=int, default=None)
    p.add_argument("--max-words", type=int, default=None, help="cut article bodies after N words (default: keep all)")
    p.add_argument("--seed", type=int, default=13)
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    caps = {part: getattr(args, f"max_{part}") if getattr(args, f"max_{part}") is not None else args.max_rows
            for part in PARTS}
    meta = convert(args.data_dir, args.out, list(dict.fromkeys(args.split)), caps, args.max_words, args.seed)
    for split, m in meta.items():
        print(f"allsides/{split}: " + ", ".join(f"{p} {v['rows']} {v['labels']}" for p, v in m["parts"].items()))
    return meta


if __name__ == "__main__":
    main()
