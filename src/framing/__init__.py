"""framing: whose perspective a passage advances and which frames it uses, with calibrated scores.

>>> from framing import Classifier                        # doctest: +SKIP
>>> clf = Classifier.from_pretrained()                    # bundled default model  # doctest: +SKIP
>>> [p["perspective"].label for p in clf.predict(["..."])]  # doctest: +SKIP
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Heavy modules (torch, transformers) load on first use so `import framing` and the CLI start fast.
_LAZY = {
    "Classifier": "framing.classifier",
    "ExperimentConfig": "framing.config",
    "ModelConfig": "framing.config",
    "DataConfig": "framing.config",
    "TaskConfig": "framing.config",
    "TrainingConfig": "framing.config",
    "Task": "framing.tasks",
    "Prediction": "framing.results",
    "TaskPrediction": "framing.results",
    "PassagePrediction": "framing.results",
    "DocumentPrediction": "framing.results",
    "ArticlePrediction": "framing.results",
    "EvidenceSentence": "framing.results",
    "LabelEvidence": "framing.results",
    "Passage": "framing.segment",
    "segment": "framing.segment",
    "train": "framing.training",
    "evaluate_model": "framing.evaluation",
    "FramingError": "framing.errors",
    "ConfigError": "framing.errors",
    "DataError": "framing.errors",
    "ModelLoadError": "framing.errors",
}

if TYPE_CHECKING:
    from framing.classifier import Classifier
    from framing.config import DataConfig, ExperimentConfig, ModelConfig, TaskConfig, TrainingConfig
    from framing.errors import ConfigError, DataError, FramingError, ModelLoadError
    from framing.evaluation import evaluate_model
    from framing.results import (ArticlePrediction, DocumentPrediction, EvidenceSentence, LabelEvidence, PassagePrediction,
                                 Prediction, TaskPrediction)
    from framing.segment import Passage, segment
    from framing.tasks import Task
    from framing.training import train


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


__all__ = sorted(_LAZY) + ["__version__"]
