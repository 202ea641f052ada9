"""Build train/dev/test splits of the conflict corpus, by document, never by passage.

    python training/build_corpus.py [--corpus data/corpus] [--out data/splits] [--seed 13]

Within each source file (one genre family) and each majority perspective of a document, documents
are shuffled with a fixed seed and 70% / 15% / 15% of them go to train / dev / test, so every genre
and label is in every split and every split holds complete documents. Prints the counts per split and label.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

SPLITS = (("train", 0.70), ("dev", 0.15), ("test", 0.15))


def build(corpus: Path, out: Path, seed: int) -> dict[str, list[dict]]:
    splits: dict[str, list[dict]] = {name: [] for name, _ in SPLITS}
    for path in sorted(corpus.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs: dict[str, list[dict]] = {}
        for row in rows:
            docs.setdefault(row["doc_id"], []).append(row)
        # Stratify by the document's majority perspective so each split sees every label.
        strata: dict[str, list[str]] = {}
        for doc, members in sorted(docs.items()):
            majority = Counter(r["perspective"] for r in members).most_common(1)[0][0]
            strata.setdefault(majority, []).append(doc)
        for label, order in sorted(strata.items()):
            random.Random(f"{seed}:{path.name}:{label}").shuffle(order)
            n = len(order)
            cut1, cut2 = round(n * SPLITS[0][1]), round(n * (SPLITS[0][1] + SPLITS[1][1]))
            for i, doc in enumerate(order):
                name = "train" if i < cut1 else "dev" if i < cut2 else "test"
                splits[name].extend(docs[doc])
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in splits.items():
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return splits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="data/corpus")
    parser.add_argument("--out", default="data/splits")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    splits = build(Path(args.corpus), Path(args.out), args.seed)
    for name, rows in splits.items():
        docs = len({r["doc_id"] for r in rows})
        persp = Counter(r["perspective"] for r in rows)
        frames = Counter(f for r in rows for f in r["frames"])
        print(f"{name}: {len(rows)} passages, {docs} documents; perspective {dict(sorted(persp.items()))}")
        print(f"  frames {dict(sorted(frames.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
