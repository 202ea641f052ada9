"""Unlabelled distillation pool: training documents re-cut and recombined the ways real documents are cut.

    python training/build_pool.py [--train data/splits/train.jsonl] [--out data/pool/pool.jsonl] [--seed 13]

Only documents of the training split are used (never dev, test or the challenge set), so the student
sees no evaluation text. From each document, in reading order:
- sentence windows of 1-4 consecutive sentences that may cross passage boundaries (what a segmenter cuts
  from text without paragraph breaks);
- two adjacent passages joined into one (what a page without blank lines between paragraphs gives);
- a passage with its document's first line attached (datelines and headings glued to the body).
The teacher labels these passages (soft labels); no gold label is attached. Deterministic for a seed.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

_SENTENCE_END = re.compile(r"([.!?][\"”’)]?)\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.sub("\\1\n", text).split("\n") if s.strip()]


def recut(docs: dict[str, list[dict]], seed: int, per_doc: int) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    for doc_id, rows in sorted(docs.items()):
        sents = [s for r in rows for s in sentences(r["text"])]
        made: set[str] = {r["text"] for r in rows}
        candidates: list[tuple[str, str]] = []
        for _ in range(per_doc):
            if len(sents) >= 2:
                k = rng.randint(1, min(4, len(sents)))
                i = rng.randrange(0, len(sents) - k + 1)
                candidates.append(("window", " ".join(sents[i : i + k])))
        if len(rows) >= 2:
            i = rng.randrange(0, len(rows) - 1)
            candidates.append(("joined", rows[i]["text"] + " " + rows[i + 1]["text"]))
        if len(rows) >= 2 and len(rows[0]["text"].split()) < 40:
            candidates.append(("heading", rows[0]["text"] + " " + rows[rng.randrange(1, len(rows))]["text"]))
        for kind, text in candidates:
            if len(text.split()) >= 8 and text not in made:
                made.add(text)
                out.append({"id": f"pool-{doc_id}-{len(made)}", "doc_id": doc_id, "kind": kind, "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", default="data/splits/train.jsonl")
    parser.add_argument("--out", default="data/pool/pool.jsonl")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-doc", type=int, default=2, help="sentence windows per document")
    args = parser.parse_args(argv)
    docs: dict[str, list[dict]] = {}
    for line in Path(args.train).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            docs.setdefault(row["doc_id"], []).append(row)
    pool = recut(docs, args.seed, args.per_doc)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for row in pool:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for row in pool:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    print(f"{len(pool)} pool passages from {len(docs)} training documents: {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
