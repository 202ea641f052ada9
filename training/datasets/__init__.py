"""Converters from public benchmark data sets to framing's training format (JSONL, one row per text).

Each module has ``main(argv)`` taking ``--data-dir`` (the data set's folder, e.g.
``../shared/datasets/gvfc``) and ``--out`` (where ``train/dev/test.jsonl`` are written). The data
files themselves are never copied into the repository. Run from the repository root, e.g.::

    python -m training.datasets.gvfc --data-dir ../shared/datasets/gvfc --out data/bench/gvfc

Helpers shared by the converters (seeded stratified splitting and sampling, JSONL writing) live here.
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    """Write ``rows`` as UTF-8 JSON lines (creating the parent folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _by_stratum(rows: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> dict[Hashable, list[dict[str, Any]]]:
    strata: dict[Hashable, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        strata[key(row)].append(row)
    return dict(sorted(strata.items(), key=lambda kv: str(kv[0])))


def stratified_split(
    rows: Sequence[dict[str, Any]],
    fractions: Sequence[tuple[str, float]],
    key: Callable[[dict[str, Any]], Hashable],
    seed: int,
) -> dict[str, list[dict[str, Any]]]:
    """Split ``rows`` into named parts with the given fractions, separately within each stratum.

    Each stratum is shuffled with ``random.Random(seed)`` and cut by cumulative rounded fractions, so
    every label (stratum) keeps its share in every part. The result is deterministic for a seed.
    """
    rng = random.Random(seed)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in fractions}
    total = sum(f for _, f in fractions)
    for _, members in _by_stratum(rows, key).items():
        members = list(members)
        rng.shuffle(members)
        start, cum = 0, 0.0
        for i, (name, frac) in enumerate(fractions):
            cum += frac / total
            end = len(members) if i == len(fractions) - 1 else int(round(cum * len(members)))
            out[name].extend(members[start:end])
            start = end
    for part in out.values():
        rng.shuffle(part)
    return out


def stratified_sample(
    rows: Sequence[dict[str, Any]], n: int | None, key: Callable[[dict[str, Any]], Hashable], seed: int
) -> list[dict[str, Any]]:
    """A seeded sample of ``n`` rows keeping the strata's proportions (all rows when ``n`` is None/large)."""
    if n is None or n >= len(rows):
        return list(rows)
    fraction = n / len(rows)
    picked = stratified_split(rows, [("keep", fraction), ("drop", 1 - fraction)], key, seed)["keep"]
    rng = random.Random(seed + 1)
    if len(picked) > n:  # rounding per stratum can overshoot by a few rows
        picked = rng.sample(picked, n)
    return picked


def counts(rows: Sequence[dict[str, Any]], column: str) -> dict[str, int]:
    """Label counts of ``column`` (lists are counted per label)."""
    c: dict[str, int] = defaultdict(int)
    for row in rows:
        value = row[column]
        for v in value if isinstance(value, list) else [value]:
            c[str(v)] += 1
    return dict(sorted(c.items()))
