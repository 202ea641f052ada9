"""Check corpus JSONL files against the codebook schema.

Usage: python training/validate_corpus.py data/corpus/*.jsonl

Prints counts per label and every problem found; exits 1 if any file has a problem.
Stdlib only, so it runs before anything is installed.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

PERSPECTIVES = ["pro_armenian", "pro_azerbaijani", "neutral", "unrelated"]
FRAMES = [
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
    "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
    "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation",
]
REQUIRED = {"id", "doc_id", "source_type", "text", "perspective", "frames"}
OPTIONAL = {"hard_case"}


def validate(paths: list[str]) -> int:
    problems: list[str] = []
    persp: Counter[str] = Counter()
    frames: Counter[str] = Counter()
    ids: set[str] = set()
    docs: Counter[str] = Counter()
    n = 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                where = f"{path}:{lineno}"
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append(f"{where}: not JSON ({exc})")
                    continue
                n += 1
                keys = set(row)
                if REQUIRED - keys:
                    problems.append(f"{where}: missing keys {sorted(REQUIRED - keys)}")
                    continue
                if keys - REQUIRED - OPTIONAL:
                    problems.append(f"{where}: unknown keys {sorted(keys - REQUIRED - OPTIONAL)}")
                if row["id"] in ids:
                    problems.append(f"{where}: duplicate id {row['id']!r}")
                ids.add(row["id"])
                docs[row["doc_id"]] += 1
                if row["perspective"] not in PERSPECTIVES:
                    problems.append(f"{where}: perspective {row['perspective']!r} not in {PERSPECTIVES}")
                persp[row["perspective"]] += 1
                if not isinstance(row["frames"], list):
                    problems.append(f"{where}: frames must be a list")
                    continue
                for f in row["frames"]:
                    if f not in FRAMES:
                        problems.append(f"{where}: frame {f!r} not in codebook")
                    frames[f] += 1
                if len(set(row["frames"])) != len(row["frames"]):
                    problems.append(f"{where}: repeated frame")
                if row["perspective"] != "unrelated" and not row["frames"]:
                    problems.append(f"{where}: on-topic passage with no frame")
                words = len(str(row["text"]).split())
                if row.get("hard_case") == "headline":
                    if not 5 <= words <= 19:
                        problems.append(f"{where}: headline has {words} words, expected 5-19")
                elif not 20 <= words <= 250:
                    problems.append(f"{where}: {words} words, expected 20-250 (or hard_case='headline')")
    print(f"{n} passages in {len(docs)} documents")
    for p in PERSPECTIVES:
        print(f"  {p:18s} {persp[p]:5d}  {persp[p] / max(n, 1):.1%}")
    for f in FRAMES:
        print(f"  {f:46s} {frames[f]:5d}")
    single = [d for d, c in docs.items() if c < 2]
    if single:
        print(f"note: {len(single)} documents have a single passage")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(validate(sys.argv[1:]))
