"""FIGNEWS-2024 (Israel-Gaza war coverage, shared task) -> framing JSONL: majority-vote bias label.

    python -m training.datasets.fignews --data-dir ../shared/datasets/fignews --out data/bench/fignews \
        [--min-share 0.4] [--seed 13] [--max-rows N]

Input: ``FIGNEWS-2024-TEXT-IAA.tsv`` (texts: ``Text`` in the source language and ``English MT``) joined
on (batch, source language, id) with ``FIGNEWS-2024-ALL-CLEAN-FLAT.tsv`` (per-row counts of the
participating teams' bias votes). 1,500 posts, 300 per source language (AR, EN, FR, HE, HI), 8-50
votes each.

Label: the bias category with the most votes among the 7 original categories. Rows whose top count is
tied are dropped, and so are rows whose winner holds less than ``--min-share`` of the votes (vote
threshold, default 0.4: at least 40% of the teams' votes). The winner is then mapped onto 4 labels,
because the rare categories have a handful of rows each:

    Biased against Palestine -> against_palestine      Biased against Israel -> against_israel
    Unbiased                 -> unbiased               Biased against both / against others /
                                                        Not Applicable / Unclear -> other

Split: 60% / 20% / 20% train / dev / test, stratified by (source language, label), seeded. The same
posts go to the same parts in both outputs:

- ``OUT/en/{train,dev,test}.jsonl``: ``text`` = the English machine translation (originals for EN);
- ``OUT/orig/{train,dev,test}.jsonl``: ``text`` = the original text in its source language.

Columns: ``id``, ``text``, ``bias``, ``lang``, ``votes`` (winner votes / all votes). ``OUT/meta.json``
holds the counts.
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

CATEGORIES = {
    "Biased against Palestine": "against_palestine",
    "Biased against Israel": "against_israel",
    "Biased against both Palestine and Israel": "other",
    "Biased against others": "other",
    "Unbiased": "unbiased",
    "Not Applicable": "other",
    "Unclear": "other",
}
LABELS = ["against_palestine", "against_israel", "unbiased", "other"]
LANGS = {"English": "en", "Arabic": "ar", "French": "fr", "Hebrew": "he", "Hindi": "hi"}


def _read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        return header, [r for r in reader if r]


def read_votes(data_dir: Path) -> dict[tuple[str, str, str], dict[str, int]]:
    header, rows = _read_tsv(data_dir / "FIGNEWS-2024-ALL-CLEAN-FLAT.tsv")
    # The bias block comes first; the propaganda block repeats "Not Applicable"/"Unclear" after it.
    cols = {name: header.index(name) for name in CATEGORIES}
    out = {}
    for r in rows:
        out[(r[0], r[1], r[2])] = {name: int(r[i] or 0) for name, i in cols.items()}
    return out


def read_rows(data_dir: Path, min_share: float) -> tuple[list[dict[str, Any]], dict[str, int]]:
    votes = read_votes(data_dir)
    header, rows = _read_tsv(data_dir / "FIGNEWS-2024-TEXT-IAA.tsv")
    col = {name: i for i, name in enumerate(header)}
    out, dropped = [], {"no_text": 0, "no_votes": 0, "tie": 0, "below_threshold": 0}
    for r in rows:
        batch, lang, rid = r[col["Batch"]], r[col["Source Language"]], r[col["ID"]]
        text, english = r[col["Text"]].strip(), r[col["English MT"]].strip()
        v = votes.get((batch, lang, rid))
        if not text or not english:
            dropped["no_text"] += 1
            continue
        if not v or sum(v.values()) == 0:
            dropped["no_votes"] += 1
            continue
        top = max(v.values())
        winners = [k for k, n in v.items() if n == top]
        if len(winners) > 1:
            dropped["tie"] += 1
            continue
        total = sum(v.values())
        if top / total < min_share:
            dropped["below_threshold"] += 1
            continue
        out.append({"id": f"{batch}-{LANGS.get(lang, lang)}-{rid}", "lang": LANGS.get(lang, lang),
                    "bias": CATEGORIES[winners[0]], "votes": f"{top}/{total}",
                    "text_orig": text, "text_en": english if lang != "English" else text})
    return out, dropped


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", required=True, type=Path, help="the fignews folder (the two TSV files)")
    p.add_argument("--out", required=True, type=Path, help="output folder; writes en/ and orig/ beneath it")
    p.add_argument("--min-share", type=float, default=0.4, help="vote threshold: the winner's share of all votes")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--fractions", type=float, nargs=3, default=[0.6, 0.2, 0.2], metavar=("TRAIN", "DEV", "TEST"))
    p.add_argument("--max-rows", type=int, default=None, help="cap each part after splitting (smoke tests)")
    return p


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    rows, dropped = read_rows(args.data_dir, args.min_share)
    strat = lambda r: (r["lang"], r["bias"])  # noqa: E731
    parts = stratified_split(rows, list(zip(("train", "dev", "test"), args.fractions)), key=strat, seed=args.seed)
    meta: dict[str, Any] = {"rows": len(rows), "dropped": dropped, "min_share": args.min_share, "seed": args.seed,
                            "fractions": args.fractions, "max_rows": args.max_rows, "labels": LABELS, "parts": {}}
    for part, prows in parts.items():
        prows = stratified_sample(prows, args.max_rows, key=strat, seed=args.seed)
        for variant in ("en", "orig"):
            write_jsonl(args.out / variant / f"{part}.jsonl",
                        [{"id": r["id"], "text": r[f"text_{variant}"], "bias": r["bias"], "lang": r["lang"],
                          "votes": r["votes"]} for r in prows])
        meta["parts"][part] = {"rows": len(prows), "labels": counts(prows, "bias"), "langs": counts(prows, "lang")}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"fignews: {len(rows)} rows kept (dropped {dropped}); "
          + ", ".join(f"{p} {v['rows']} {v['labels']}" for p, v in meta["parts"].items()))
    return meta


if __name__ == "__main__":
    main()
