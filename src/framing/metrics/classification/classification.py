"""Local `evaluate` module: classification scores, shipped inside framing so nothing is fetched from the Hub.

``evaluate.load(<path to this folder>)`` for single-label class ids, or with config ``multilabel`` for
0/1 indicator rows. Returns accuracy (subset accuracy for multi-label), micro/macro precision, recall
and F1, and per-label precision, recall, F1 and support (lists in label-id order).
"""
import datasets
import evaluate
import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support

_DESCRIPTION = "Accuracy, micro/macro and per-label precision/recall/F1 (scikit-learn)."
_CITATION = "Pedregosa et al., Scikit-learn: Machine Learning in Python, JMLR 12, 2011."
_KWARGS = "predictions, references: class ids, or 0/1 rows with config 'multilabel'; num_labels: int."


class Classification(evaluate.Metric):
    def _info(self):
        multilabel = self.config_name == "multilabel"
        feature = datasets.Sequence(datasets.Value("int32")) if multilabel else datasets.Value("int32")
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS,
            features=datasets.Features({"predictions": feature, "references": feature}),
        )

    def _compute(self, predictions, references, num_labels=None):
        y_pred, y_true = np.asarray(predictions), np.asarray(references)
        labels = None
        if self.config_name != "multilabel":
            n = num_labels or int(max(y_pred.max(initial=0), y_true.max(initial=0)) + 1)
            labels = list(range(n))
        out = {"accuracy": float(accuracy_score(y_true, y_pred))}
        for avg in ("micro", "macro"):
            p, r, f, _ = precision_recall_fscore_support(
                y_true, y_pred, labels=labels, average=avg, zero_division=0
            )
            out.update({f"{avg}_precision": float(p), f"{avg}_recall": float(r), f"{avg}_f1": float(f)})
        p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
        out.update({"precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist()})
        return out
