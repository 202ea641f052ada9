"""Local `evaluate` module: expected calibration error (ECE) with equal-width bins.

Inputs are a predicted probability and a 0/1 outcome per item: for a single-label task the top
label's probability and whether it was right; for a multi-label task every (passage, label) pair.
Returns ``ece`` and the per-bin ``bin_confidence``, ``bin_accuracy``, ``bin_count`` for a reliability
diagram.
"""
import datasets
import evaluate
import numpy as np

_DESCRIPTION = "Expected calibration error (Guo et al., 2017) with equal-width confidence bins."
_CITATION = "Guo, Pleiss, Sun, Weinberger. On Calibration of Modern Neural Networks. ICML 2017."
_KWARGS = "predictions: probabilities in [0, 1]; references: 0/1 outcomes; n_bins: int (default 10)."


class Calibration(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS,
            features=datasets.Features(
                {"predictions": datasets.Value("float64"), "references": datasets.Value("int32")}
            ),
        )

    def _compute(self, predictions, references, n_bins=10):
        conf = np.asarray(predictions, dtype=np.float64)
        hit = np.asarray(references, dtype=np.float64)
        bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
        count = np.bincount(bins, minlength=n_bins)
        conf_sum = np.bincount(bins, weights=conf, minlength=n_bins)
        hit_sum = np.bincount(bins, weights=hit, minlength=n_bins)
        safe = np.maximum(count, 1)
        ece = float(np.abs(conf_sum - hit_sum).sum() / max(len(conf), 1))
        return {
            "ece": ece,
            "bin_confidence": (conf_sum / safe).tolist(),
            "bin_accuracy": (hit_sum / safe).tolist(),
            "bin_count": count.tolist(),
        }
