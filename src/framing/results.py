"""Typed, immutable prediction results: passages, articles and documents."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TaskPrediction:
    """The output of one task for one passage.

    ``labels`` holds the predicted label(s): exactly one for a single-label task, zero or more for a
    multi-label task, and none when the input text was empty. ``scores`` maps every label to its
    calibrated probability (empty when the input text was empty).
    """

    task: str
    kind: str
    labels: tuple[str, ...]
    scores: dict[str, float]

    @property
    def label(self) -> str | None:
        """The single predicted label (single-label tasks), or the top label of a multi-label task."""
        if self.kind == "single_label" or not self.labels:
            return self.labels[0] if self.labels else None
        return max(self.labels, key=lambda lab: self.scores[lab])

    def to_dict(self) -> dict[str, Any]:
        """The JSON output contract: ``{"label", "scores"}`` or ``{"labels", "scores"}``."""
        if self.kind == "single_label":
            return {"label": self.label, "scores": dict(self.scores)}
        return {"labels": list(self.labels), "scores": dict(self.scores)}


@dataclass(frozen=True)
class EvidenceSentence:
    """A sentence cited as evidence for a label (:mod:`framing.evidence`).

    ``[start, end)`` are character offsets into the passage text given to ``predict`` or into the
    original document text (``predict_documents``, ``--documents``); ``spans`` lists the exact pieces
    when the sentence runs across a removed page header or footer (one piece otherwise). ``score`` is
    the drop in the label's probability when the sentence is removed from the passage (None for a
    single-sentence passage, whose evidence is the whole passage). ``text`` is the sentence as read.
    """

    start: int
    end: int
    score: float | None
    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end,
                               "score": None if self.score is None else round(self.score, 6), "text": self.text}
        if len(self.spans) > 1:
            out["spans"] = [list(s) for s in self.spans]
        return out


@dataclass(frozen=True)
class LabelEvidence:
    """The top sentences for one predicted label of one task; ``whole_passage`` marks a passage of one
    sentence, whose evidence is the passage itself."""

    task: str
    label: str
    sentences: tuple[EvidenceSentence, ...]
    whole_passage: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"whole_passage": self.whole_passage, "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True)
class Prediction:
    """All task outputs for one passage. ``empty`` is True when the text had no content.

    >>> p = Prediction({"t": TaskPrediction("t", "single_label", ("a",), {"a": 0.9, "b": 0.1})})
    >>> p["t"].label
    'a'
    """

    tasks: dict[str, TaskPrediction]
    empty: bool = False
    #: Evidence per predicted label (``predict(..., evidence=True)``); None when not asked for.
    evidence: tuple[LabelEvidence, ...] | None = None

    def __getitem__(self, task: str) -> TaskPrediction:
        return self.tasks[task]

    def to_dict(self) -> dict[str, Any]:
        """The JSON output contract; ``evidence`` (``{task: {label: {...}}}``) only when it was asked for."""
        out: dict[str, Any] = {name: tp.to_dict() for name, tp in self.tasks.items()}
        if self.evidence is not None:
            ev: dict[str, dict[str, Any]] = {name: {} for name in self.tasks}
            for e in self.evidence:
                ev.setdefault(e.task, {})[e.label] = e.to_dict()
            out["evidence"] = ev
        return out


@dataclass(frozen=True)
class PassagePrediction:
    """A passage cut from a document: its character span ``[start, end)`` and its prediction.

    ``text`` is the passage as the model read it. ``kind`` comes from segmentation (``content``,
    ``heading``, ``footnote``, ``page_furniture``); ``boilerplate`` / ``boilerplate_reason`` from the
    boilerplate rules (:mod:`framing.boilerplate`); ``article`` is the index of the article the passage
    belongs to (0 in a single-article document). ``prediction`` is the passage's own prediction, mixed
    with its document's when a document-context weight is set (see :mod:`framing.aggregate`).
    """

    start: int
    end: int
    text: str
    prediction: Prediction
    kind: str = "content"
    boilerplate: bool = False
    boilerplate_reason: str | None = None
    article: int = 0


@dataclass(frozen=True)
class ArticlePrediction:
    """One article of a document (several in a multi-article file, one otherwise).

    ``index`` is the value of ``PassagePrediction.article`` for its passages; ``passages`` and
    ``boilerplate`` count its passages and the boilerplate ones among them; ``[start, end)`` spans them.
    """

    index: int
    prediction: Prediction
    title: str | None = None
    date: str | None = None
    start: int = 0
    end: int = 0
    passages: int = 0
    boilerplate: int = 0


@dataclass(frozen=True)
class DocumentPrediction:
    """Document-level prediction aggregated from its non-boilerplate passages, with the passages themselves.

    ``articles`` holds one entry per article found (empty for an empty document); ``boilerplate``
    counts boilerplate passages; ``metadata`` holds what the reader or the article header gave
    (``title``, ``date``, ``author`` when known).
    """

    prediction: Prediction
    passages: tuple[PassagePrediction, ...] = field(default_factory=tuple)
    articles: tuple[ArticlePrediction, ...] = field(default_factory=tuple)
    boilerplate: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_passages(self) -> tuple[PassagePrediction, ...]:
        """The passages that are not boilerplate."""
        return tuple(p for p in self.passages if not p.boilerplate)
