"""A deterministic benchmark passage set built from the project's corpus (data/corpus/*.jsonl).

Realistic mixed lengths: short headline-like snippets, single passages, two or three consecutive
passages joined, and long 300-600-word stretches of consecutive passages. The same ``(n, seed)``
always gives the same passages, so nothing generated needs to be committed.

    python benchmarks/passages.py 100000 /tmp/passages_100k.jsonl   # write a set as JSONL (id, text)
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"

#: (kind, probability): the length mixture of the benchmark set.
MIX = (("headline", 0.10), ("single", 0.40), ("pair", 0.30), ("triple", 0.12), ("long", 0.08))


def corpus_passages(corpus: Path = CORPUS) -> list[str]:
    """Corpus passage texts in file order (consecutive passages of a document stay adjacent)."""
    texts: list[str] = []
    for path in sorted(corpus.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str) and text.strip():
                        texts.append(" ".join(text.split()))
    if not texts:
        raise SystemExit(f"no passages found in {corpus}/*.jsonl")
    return texts


def make_passages(n: int = 2000, seed: int = 0, corpus: Path = CORPUS) -> list[str]:
    """``n`` passages of mixed length, deterministic for a given ``seed`` and corpus."""
    src = corpus_passages(corpus)
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    out: list[str] = []
    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        start = rng.randrange(len(src))
        if kind == "headline":
            words = src[start].split()
            k = rng.randint(5, 14)
            out.append(" ".join(words[:k]).rstrip(",;:"))
        elif kind in ("single", "pair", "triple"):
            count = {"single": 1, "pair": 2, "triple": 3}[kind]
            out.append("\n\n".join(src[(start + j) % len(src)] for j in range(count)))
        else:
            target = rng.randint(300, 600)
            parts: list[str] = []
            words_so_far = 0
            j = start
            while words_so_far < target:
                parts.append(src[j % len(src)])
                words_so_far += len(parts[-1].split())
                j += 1
            words = "\n\n".join(parts).split(" ")  # keep paragraph breaks inside words
            out.append(" ".join(words[:target]))
    return out


def write_jsonl(texts: list[str], path: str | Path) -> Path:
    path = Path(path)
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"b{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: python benchmarks/passages.py N OUT.jsonl [SEED]")
    count, out_path = int(sys.argv[1]), sys.argv[2]
    write_jsonl(make_passages(count, int(sys.argv[3]) if len(sys.argv) == 4 else 0), out_path)
    print(f"wrote {count} passages to {out_path}")
