"""Does writing style give the label away? Checks on the corpus (by writer file and by genre).

    python training/style_leakage.py [--corpus data/corpus] [--out reports/style_leakage.json]

1. Writer/genre -> label: predicting each passage's perspective from its writer file (or genre) alone,
   fitted on the train split and scored on test. Near the uniform-guess macro-F1 (~0.25) means no writer
   or genre writes mostly one label.
2. Style -> label: logistic regression on surface features only (length, sentence length, punctuation,
   quotes, digits, capitals, brackets, datelines, Q/A markers; no words), within the whole corpus.
3. Style -> writer: the same features predicting the writer file, to show they do carry style (so a low
   score in 2 is not just weak features).
Scores are macro-F1 on the test split (splits by document, as in build_corpus.py).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_corpus import build  # noqa: E402

_SENT = re.compile(r"[.!?]+(?:\s|$)")


def style_features(text: str) -> list[float]:
    words = text.split()
    n = max(len(words), 1)
    chars = max(len(text), 1)
    sentences = max(len(_SENT.findall(text)), 1)
    return [
        np.log1p(len(words)), len(words) / sentences,
        text.count('"') / n + text.count("\u201c") / n, text.count(",") / n, text.count(";") / n,
        text.count(":") / n, text.count("(") / n, text.count("[") / n, text.count("?") / n, text.count("!") / n,
        sum(c.isdigit() for c in text) / chars, sum(c.isupper() for c in text) / chars,
        float(bool(re.match(r"^[A-Z][A-Z ,.'-]{2,40}(,|\s--|\s\u2014)", text))),  # dateline
        float(bool(re.search(r"\bQ:|\bA:", text))), text.count("--") / n + text.count("\u2014") / n,
        float(np.mean([len(w) for w in words])) if words else 0.0,
    ]


def macro_f1(gold: list[str], pred: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro", zero_division=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="data/corpus")
    parser.add_argument("--out", default="reports/style_leakage.json")
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        splits = build(Path(args.corpus), Path(tmp), 13)
    writer_of = {}
    for path in Path(args.corpus).glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                writer_of[json.loads(line)["id"]] = path.stem
    train, test = splits["train"], splits["test"]
    result: dict[str, object] = {"train": len(train), "test": len(test)}
    gold = [r["perspective"] for r in test]
    for key, group in (("writer", lambda r: writer_of[r["id"]]), ("genre", lambda r: r["source_type"])):
        majority = {}
        for g in {group(r) for r in train}:
            majority[g] = Counter(r["perspective"] for r in train if group(r) == g).most_common(1)[0][0]
        fallback = Counter(r["perspective"] for r in train).most_common(1)[0][0]
        result[f"{key}_to_label_macro_f1"] = round(macro_f1(gold, [majority.get(group(r), fallback) for r in test]), 3)
        shares = {g: dict(Counter(r["perspective"] for r in train + test if group(r) == g)) for g in majority}
        result[f"label_counts_by_{key}"] = shares
    x_train = np.array([style_features(r["text"]) for r in train])
    x_test = np.array([style_features(r["text"]) for r in test])
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
    lr = LogisticRegression(max_iter=3000, class_weight="balanced")
    lr.fit(x_train, [r["perspective"] for r in train])
    result["style_to_label_macro_f1"] = round(macro_f1(gold, list(lr.predict(x_test))), 3)
    lr_w = LogisticRegression(max_iter=3000, class_weight="balanced")
    lr_w.fit(x_train, [writer_of[r["id"]] for r in train])
    result["style_to_writer_macro_f1"] = round(macro_f1([writer_of[r["id"]] for r in test], list(lr_w.predict(x_test))), 3)
    result["uniform_guess_macro_f1"] = 0.25
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if not k.startswith("label_counts")}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
