"""The README.md model card written into every saved model directory, from the facts we hold."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.classifier import Classifier


def _metric_lines(metrics: dict[str, Any] | None) -> list[str]:
    if not metrics:
        return ["No evaluation metrics were recorded for this model."]
    lines = []
    for split, by_task in metrics.items():
        if not isinstance(by_task, dict):
            continue
        for task, m in by_task.items():
            if not isinstance(m, dict):
                continue
            keys = [k for k in ("accuracy", "macro_f1", "micro_f1", "ece") if k in m]
            vals = ", ".join(f"{k} {m[k]:.3f}" for k in keys if isinstance(m[k], (int, float)))
            if vals:
                lines.append(f"- `{split}` / `{task}`: {vals}")
    return lines or ["No evaluation metrics were recorded for this model."]


def render_model_card(clf: Classifier) -> str:
    """Markdown model card with a YAML header, generated from the classifier's tasks, config and metrics."""
    cfg = clf.model_config
    header = [
        "---",
        "library_name: framing",
        "language: en",
        "tags: [text-classification, framing]",
        f"base_model: {json.dumps(cfg.backbone)}",
        "---",
        "",
        "# framing model",
        "",
        f"Backbone `{cfg.backbone}` (weights sha256 `{clf.backbone_sha256}`), fine-tuned with `{cfg.finetune}`, "
        f"{cfg.pooling} pooling, window {cfg.max_length} tokens with {cfg.stride}-token overlap.",
        "",
    ]
    if clf.lexical is not None:
        header += [
            f"Lexical component (`framing.lexical`): TF-IDF word 1-{clf.lexical.ngram_max}-grams "
            f"({len(clf.lexical.vocabulary)} terms) + a logistic regression per task, mixed into the encoder's calibrated "
            "log-odds with weights " + ", ".join(f"`{k}` {v:.1f}" for k, v in clf.lexical.weights.items()) + " (chosen on dev).",
            "",
        ]
    header += ["## Tasks", ""]
    for t in clf.tasks:
        header.append(f"### `{t.name}` ({t.kind}, temperature {t.temperature:.3f})")
        header.append("")
        for lab in t.labels:
            desc = t.descriptions.get(lab, "")
            th = f" (threshold {t.thresholds[lab]:.2f})" if t.kind == "multi_label" else ""
            header.append(f"- `{lab}`{th}{': ' + desc if desc else ''}")
        header.append("")
    header += ["## Evaluation", ""] + _metric_lines(clf.metrics) + [""]
    if clf.training_config:
        data = clf.training_config.get("data", {})
        header += [
            "## Training",
            "",
            f"Trained from `{data.get('train')}` (dev `{data.get('dev')}`); the full configuration is in "
            "`training_config.json`.",
            "",
        ]
    header += [
        "## Use",
        "",
        "```python",
        "from framing import Classifier",
        "clf = Classifier.from_pretrained('PATH_TO_THIS_DIRECTORY')",
        "print(clf.predict(['Some passage.'])[0].to_dict())",
        "```",
        "",
    ]
    return "\n".join(header)
