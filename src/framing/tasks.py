"""Task definitions: what a model predicts, stored as data next to the weights."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from framing.errors import ConfigError

TaskKind = Literal["single_label", "multi_label"]
TASK_KINDS: tuple[str, ...] = ("single_label", "multi_label")


@dataclass(frozen=True)
class Task:
    """One classification task carried by a model.

    ``single_label`` tasks use a softmax and always yield exactly one label; ``multi_label`` tasks use
    a sigmoid per label and yield every label whose probability reaches its threshold.

    >>> t = Task("stance", "single_label", ("pro", "anti"))
    >>> t.num_labels
    2
    """

    name: str
    kind: TaskKind
    labels: tuple[str, ...]
    descriptions: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    temperature: float = 1.0

    def __post_init__(self) -> None:
        if not self.name or not self.name.isidentifier():
            raise ConfigError(
                f"task name {self.name!r} is not a valid identifier; use letters, digits and '_' "
                "(it becomes a key in the output JSON)."
            )
        if self.kind not in TASK_KINDS:
            raise ConfigError(f"task {self.name!r}: kind {self.kind!r} is not one of {list(TASK_KINDS)}.")
        labels = tuple(str(x) for x in self.labels)
        object.__setattr__(self, "labels", labels)
        if len(labels) < (2 if self.kind == "single_label" else 1):
            raise ConfigError(
                f"task {self.name!r}: {len(labels)} label(s) {list(labels)}; a single_label task needs "
                "at least 2 labels, a multi_label task at least 1."
            )
        if len(set(labels)) != len(labels):
            dupes = sorted({x for x in labels if labels.count(x) > 1})
            raise ConfigError(f"task {self.name!r}: duplicate labels {dupes}.")
        unknown = set(self.descriptions) - set(labels)
        if unknown:
            raise ConfigError(f"task {self.name!r}: descriptions for unknown labels {sorted(unknown)}.")
        if self.kind == "single_label" and self.thresholds:
            raise ConfigError(f"task {self.name!r}: thresholds apply only to multi_label tasks.")
        if self.kind == "multi_label":
            unknown = set(self.thresholds) - set(labels)
            if unknown:
                raise ConfigError(f"task {self.name!r}: thresholds for unknown labels {sorted(unknown)}.")
            th = {lab: float(self.thresholds.get(lab, 0.5)) for lab in labels}
            for lab, v in th.items():
                if not 0.0 < v < 1.0:
                    raise ConfigError(f"task {self.name!r}: threshold {v} for {lab!r} must be in (0, 1).")
            object.__setattr__(self, "thresholds", th)
        if not self.temperature > 0:
            raise ConfigError(f"task {self.name!r}: temperature must be > 0, got {self.temperature}.")

    @property
    def num_labels(self) -> int:
        return len(self.labels)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "labels": list(self.labels),
            "descriptions": dict(self.descriptions),
            "thresholds": dict(self.thresholds),
            "temperature": self.temperature,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Task:
        allowed = {"name", "kind", "labels", "descriptions", "thresholds", "temperature"}
        unknown = set(d) - allowed
        if unknown:
            raise ConfigError(f"task entry has unknown keys {sorted(unknown)}; valid keys: {sorted(allowed)}.")
        return cls(
            name=d["name"],
            kind=d["kind"],
            labels=tuple(d["labels"]),
            descriptions=dict(d.get("descriptions") or {}),
            thresholds=dict(d.get("thresholds") or {}),
            temperature=float(d.get("temperature", 1.0)),
        )
