"""The batch job as a pipeline of stages: read -> extract -> classify -> aggregate -> rows -> write.

Each stage is a small callable over a *chunk* (a list) of items and keeps no state between chunks, so
``framing predict`` runs them one chunk at a time and a distributed runner (e.g. Ray Data's
``map_batches``) can run the same objects unchanged, one chunk per task (``Classify`` loads its model
lazily, once per process, so it can be constructed from a path on the driver and shipped to workers):

=============  ==========================================  ======================================
stage          in (one chunk)                              out
=============  ==========================================  ======================================
``Extract``    ``Record`` (id, text, metadata)             ``Segmented``: passages, articles,
                                                           boilerplate reasons
``Classify``   ``Segmented``                               ``Scored``: + probabilities per task
``Explain``    ``Scored`` (``--evidence``)                 ``Scored`` + occlusion drops per passage
                                                           (``framing.evidence``)
``Aggregate``  ``Scored``                                  ``DocResult`` (id, ``DocumentPrediction``)
``ToRows``     ``DocResult``                               output rows at the chosen ``--level``
``Predict``    ``Record`` (plain mode, no segmentation)    output rows
=============  ==========================================  ======================================

``run()`` drives them over a record stream with chunked, checkpointed writing (``--resume``) and a
rejects file (``--on-error skip``). ``Classifier.predict_documents`` calls the same Extract/Classify/
Aggregate stages.

Output rows (``ToRows``; JSONL keeps only the keys of each level, CSV/Parquet use ``columns()``):

* document: ``id, level="document", title, date, author, passages, boilerplate, articles, <tasks>``
* article:  ``id=<doc>#a<k>, level="article", doc_id, article, title, date, start, end, passages,
  boilerplate, <tasks>``
* passage:  ``id=<doc>#p<k>, level="passage", doc_id, article, start, end, kind, boilerplate,
  boilerplate_reason, text, <tasks>``
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from framing.aggregate import aggregate_groups, empty_prediction, make_prediction, mix_passages
from framing.articles import Article, find_articles
from framing.boilerplate import detect, split_lines, with_kind
from framing.results import ArticlePrediction, DocumentPrediction, PassagePrediction

LEVELS = ("passage", "article", "document", "all")
#: Fixed leading columns of CSV/Parquet document output (every level, in this order); task columns follow.
BASE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("level", "string"), ("doc_id", "string"), ("article", "int64"), ("title", "string"),
    ("date", "string"), ("author", "string"), ("start", "int64"), ("end", "int64"), ("kind", "string"),
    ("passages", "int64"), ("articles", "int64"), ("boilerplate", "int64"), ("boilerplate_reason", "string"),
    ("text", "string"),
)
METADATA_KEYS = ("title", "date", "author")


# ---------------------------------------------------------------------------- items passed between stages
@dataclass(frozen=True)
class Segmented:
    """A document cut into passages, each with its article index and boilerplate reason (None = content)."""

    id: str
    text: str
    passages: tuple[Any, ...]
    reasons: tuple[str | None, ...]
    article_of: tuple[int, ...]
    articles: tuple[Article, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    """A segmented document with calibrated probabilities, one row per passage, per task."""

    doc: Segmented
    probs: Mapping[str, np.ndarray]
    #: Per passage ``(Unit, drops)`` from ``framing.evidence.Explain`` (None: not explained); None without it.
    evidence: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class DocResult:
    id: str
    document: DocumentPrediction


# ---------------------------------------------------------------------------- extract
def _clean(raw: str) -> str:
    try:
        from framing.segment import clean_text
    except ImportError:  # pragma: no cover - segmentation module without clean_text
        return " ".join(raw.split())
    return clean_text(raw)


def _split_at(text: str, passages: list[Any], cuts: Sequence[int]) -> list[Any]:
    """Split passages that straddle an article start (a line start) at that offset."""
    out = []
    for p in passages:
        if len(getattr(p, "spans", ())) > 1:
            out.append(p)
            continue
        inner = [c for c in cuts if p.start < c < p.end and text[p.start:c].strip() and text[c:p.end].strip()]
        if not inner:
            out.append(p)
            continue
        bounds = [p.start, *inner, p.end]
        for s, e in zip(bounds, bounds[1:]):
            seg = text[s:e]
            s2, e2 = s + len(seg) - len(seg.lstrip()), e - (len(seg) - len(seg.rstrip()))
            if e2 > s2:
                out.append(with_kind(p, start=s2, end=e2, text=_clean(text[s2:e2])))
    return out


def raw_text(text: str, passage: Any) -> str:
    """The original text of a passage (its spans joined by a line break when it is interrupted)."""
    spans = getattr(passage, "spans", None) or ((passage.start, passage.end),)
    return "\n".join(text[s:e] for s, e in spans)


#: Reasons that come from segmentation kinds: one passage each, as segmentation made them.
_KEEP_APART = ("footnote", "page_furniture")


def _merge_boilerplate(text: str, passages: list[Any], reasons: list[str | None],
                       cuts: Sequence[int] = ()) -> tuple[list[Any], list[str | None]]:
    """Merge runs of adjacent boilerplate passages with the same reason (a menu, a comment section) into one."""
    out_p: list[Any] = []
    out_r: list[str | None] = []
    for p, r in zip(passages, reasons):
        prev = out_p[-1] if out_p else None
        if (prev is not None and r is not None and r == out_r[-1] and r not in _KEEP_APART
                and len(getattr(prev, "spans", ())) <= 1 and len(getattr(p, "spans", ())) <= 1
                and not any(prev.start < c <= p.start for c in cuts)):
            out_p[-1] = with_kind(prev, start=prev.start, end=p.end, text=_clean(text[prev.start:p.end]))
            continue
        out_p.append(p)
        out_r.append(r)
    return out_p, out_r


def extract_document(doc_id: str, text: str, metadata: Mapping[str, Any] | None = None, min_words: int = 8) -> Segmented:
    """Segment ``text``, split passages at article starts and around boilerplate lines, then label them."""
    from framing.segment import segment

    passages = list(segment(text, min_words=min_words)) if text.strip() else []
    found = find_articles(text) if passages else []
    multi = len(found) >= 2
    if multi:
        passages = _split_at(text, passages, [a.start for a in found])
    passages = split_lines(text, passages, lambda s, e, like: with_kind(like, start=s, end=e, text=_clean(text[s:e])))
    reasons = detect([raw_text(text, p) for p in passages], [getattr(p, "kind", "content") for p in passages])
    passages, reasons = _merge_boilerplate(text, passages, reasons, [a.start for a in found] if multi else ())
    if multi:
        starts = [a.start for a in found]
        article_of = tuple(sum(1 for s in starts if s <= p.start) for p in passages)
        articles = tuple(found)
    else:
        article_of = (0,) * len(passages)
        head = found[0] if found else None
        articles = (Article(0, 0, head.title if head else None, head.date if head else None, head.byline if head else None),)
        if not passages:
            articles = ()
    return Segmented(doc_id, text, tuple(passages), tuple(reasons), article_of, articles, dict(metadata or {}))


@dataclass(frozen=True)
class Extract:
    """Records (anything with ``id``, ``text`` and optionally ``metadata``) -> ``Segmented`` documents."""

    min_words: int = 8

    def __call__(self, records: Sequence[Any]) -> list[Segmented]:
        return [extract_document(r.id, r.text, getattr(r, "metadata", None) or {}, self.min_words) for r in records]


# ---------------------------------------------------------------------------- classify
class Classify:
    """Segmented documents -> Scored: every passage is scored, boilerplate included (short, so cheap; it
    keeps the per-task contract on every passage row and lets ``--keep-boilerplate`` work without a
    second pass). Build it with a ``Classifier``, or with ``model``/``device``/... to load lazily."""

    def __init__(self, classifier: Any = None, *, model: str | None = None, device: str = "auto",
                 threads: int | None = None, quantize: str = "none", batch_size: int = 64, progress: bool = False,
                 backend: str = "torch") -> None:
        self._clf = classifier
        self.options = {"model": model, "device": device, "threads": threads, "quantize": quantize, "backend": backend}
        self.batch_size = batch_size
        self.progress = progress

    @property
    def classifier(self) -> Any:
        if self._clf is None:
            from framing.classifier import Classifier

            o = self.options
            self._clf = Classifier.from_pretrained(o["model"], device=o["device"], num_threads=o["threads"],
                                                   backend=o.get("backend", "torch"), quantize=o["quantize"])
        return self._clf

    def __getstate__(self) -> dict[str, Any]:  # ship the recipe, not the loaded model
        state = dict(self.__dict__)
        if state["options"]["model"] is not None or state["_clf"] is None:
            state["_clf"] = None
        return state

    def __call__(self, docs: Sequence[Segmented]) -> list[Scored]:
        flat = [p.text for d in docs for p in d.passages]
        probs = self.classifier.scores(flat, self.batch_size, self.progress)
        out, pos = [], 0
        for d in docs:
            n = len(d.passages)
            out.append(Scored(d, {name: v[pos:pos + n] for name, v in probs.items()}))
            pos += n
        return out


# ---------------------------------------------------------------------------- aggregate
def context_weight_of(classifier: Any) -> float | dict[str, float]:
    """``inference.context_weight`` from the model's config.json: one weight, or one per task (0.0 when absent)."""
    inference = getattr(classifier, "inference", None) or {}
    weight = inference.get("context_weight", 0.0) or 0.0
    return {str(k): float(v) for k, v in weight.items()} if isinstance(weight, dict) else float(weight)


@dataclass(frozen=True)
class Aggregate:
    """Scored documents -> DocResult (document, article and passage predictions; see framing.aggregate)."""

    tasks: tuple[Any, ...]
    mode: str = "mean"
    keep_boilerplate: bool = False
    context_weight: float | Mapping[str, float] = 0.0

    def __call__(self, scored: Sequence[Scored]) -> list[DocResult]:
        return [DocResult(s.doc.id, self.document(s)) for s in scored]

    def document(self, s: Scored) -> DocumentPrediction:
        d = s.doc
        n = len(d.passages)
        n_bp = sum(r is not None for r in d.reasons)
        meta = {k: d.metadata.get(k) for k in METADATA_KEYS if d.metadata.get(k)}
        if len(d.articles) == 1 and d.articles[0].index == 0:  # single article: its header fills missing metadata
            for key in ("title", "date"):
                value = getattr(d.articles[0], key)
                if value and key not in meta:
                    meta[key] = value
        if n == 0:
            return DocumentPrediction(empty_prediction(self.tasks), (), (), 0, meta)
        weights = np.array([max(len(p.text.split()), 1) for p in d.passages], dtype=np.float64)
        is_bp = np.array([r is not None for r in d.reasons], dtype=bool)
        counted = np.ones(n, dtype=bool) if self.keep_boilerplate else ~is_bp
        groups = np.array(d.article_of, dtype=np.int64)
        doc_p, per = aggregate_groups(s.probs, weights, counted, groups, self.mode)
        mixed = mix_passages(self.tasks, s.probs, weights, counted, groups, self.context_weight)
        preds = [make_prediction(self.tasks, {k: v[i] for k, v in mixed.items()}) for i in range(n)]
        if s.evidence is not None:
            from framing.evidence import label_evidence

            preds = [replace(pr, evidence=label_evidence(self.tasks, pr, *s.evidence[i]) if s.evidence[i] else ())
                     for i, pr in enumerate(preds)]
        passages = tuple(
            PassagePrediction(p.start, p.end, p.text, preds[i], getattr(p, "kind", "content"),
                              d.reasons[i] is not None, d.reasons[i], d.article_of[i])
            for i, p in enumerate(d.passages)
        )
        by_index = {a.index: a for a in d.articles}
        arts = []
        for g in sorted(set(d.article_of) | ({a.index for a in d.articles} if len(d.articles) > 1 else set())):
            rows = np.flatnonzero(groups == g)
            if len(rows) == 0:
                continue
            head = by_index.get(g)
            pooled = per.get(g)
            single = len(d.articles) == 1  # the whole document: its metadata stands in for a missing header
            title = (head.title if head else None) or (meta.get("title") if single else None)
            date = (head.date if head else None) or (meta.get("date") if single else None)
            arts.append(ArticlePrediction(
                g, make_prediction(self.tasks, pooled) if pooled else empty_prediction(self.tasks), title, date,
                d.passages[rows[0]].start, d.passages[rows[-1]].end, len(rows), int(is_bp[rows].sum())))
        pred = make_prediction(self.tasks, doc_p) if doc_p else empty_prediction(self.tasks)
        return DocumentPrediction(pred, passages, tuple(arts), n_bp, meta)


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class ToRows:
    """DocResults -> output rows at ``level`` (passage|article|document|all). With ``all`` each document
    gives its document row, then each article row followed by that article's passage rows."""

    level: str = "passage"
    text: bool = True

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}, got {self.level!r}.")

    def __call__(self, results: Sequence[DocResult]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for r in results:
            rows.extend(self.rows(r))
        return rows

    def rows(self, r: DocResult) -> list[dict[str, Any]]:
        d, lv = r.document, self.level
        out: list[dict[str, Any]] = []
        if lv in ("document", "all"):
            out.append({"id": r.id, "level": "document", **{k: d.metadata.get(k) for k in METADATA_KEYS},
                        "passages": len(d.passages), "boilerplate": d.boilerplate, "articles": len(d.articles),
                        **d.prediction.to_dict()})
        if lv == "passage":
            out.extend(self.passage_row(r.id, k, p) for k, p in enumerate(d.passages))
        elif lv in ("article", "all"):
            for a in d.articles:
                out.append({"id": f"{r.id}#a{a.index}", "level": "article", "doc_id": r.id, "article": a.index,
                            "title": a.title, "date": a.date, "start": a.start, "end": a.end,
                            "passages": a.passages, "boilerplate": a.boilerplate, **a.prediction.to_dict()})
                if lv == "all":
                    out.extend(self.passage_row(r.id, k, p) for k, p in enumerate(d.passages) if p.article == a.index)
        return out

    def passage_row(self, doc_id: str, k: int, p: PassagePrediction) -> dict[str, Any]:
        row = {"id": f"{doc_id}#p{k}", "level": "passage", "doc_id": doc_id, "start": p.start, "end": p.end,
               "article": p.article, "kind": p.kind, "boilerplate": p.boilerplate,
               "boilerplate_reason": p.boilerplate_reason}
        if self.text:
            row["text"] = p.text
        row.update(p.prediction.to_dict())
        if not self.text and "evidence" in row:  # --no-text: offsets and scores only
            row["evidence"] = {t: {lab: {**e, "sentences": [{k: v for k, v in x.items() if k != "text"} for x in e["sentences"]]}
                                   for lab, e in labs.items()} for t, labs in row["evidence"].items()}
        return row


def columns(tasks: Sequence[Any], text: bool = True) -> list[tuple[str, str]]:
    """The stable CSV/Parquet column set of document output: BASE_COLUMNS (less ``text`` with --no-text),
    then per task ``<task>`` (label, or ``|``-joined labels) and ``<task>.score.<label>``."""
    cols = [c for c in BASE_COLUMNS if text or c[0] != "text"]
    for t in tasks:
        cols.append((t.name, "string"))
        cols.extend((f"{t.name}.score.{lab}", "float64") for lab in t.labels)
    return cols


def flat_row(row: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """One row flattened onto ``names`` (missing values None; booleans as 0/1)."""
    from framing.io import flatten

    flat = flatten(dict(row))
    out = {}
    for name in names:
        v = flat.get(name)
        out[name] = int(v) if isinstance(v, bool) else v
    return out


def _row_writer_class() -> type:
    from framing.io import RowWriter

    class TableWriter(RowWriter):  # type: ignore[misc,valid-type]
        """RowWriter with a fixed column set (CSV header, Parquet schema) for mixed-level rows."""

        def __init__(self, path: str | None, cols: Sequence[tuple[str, str]], append: bool = False) -> None:
            super().__init__(path, append=append)
            self.names = [n for n, _ in cols]
            self._cols = list(cols)

        def write(self, row: dict[str, Any]) -> None:
            if self.format == "jsonl":
                return super().write(row)
            flat = flat_row(row, self.names)
            if self.format == "csv" and self._csv is None:
                import csv

                self._csv = csv.DictWriter(self._fh, fieldnames=self.names, extrasaction="ignore")
                if not self._csv_header_written:
                    self._csv.writeheader()
            if self.format == "csv":
                self._csv.writerow(flat)
            else:
                self._buffer.append(flat)
                if len(self._buffer) >= 8192:
                    self._flush_parquet()

        def _schema(self) -> Any:
            import pyarrow as pa

            types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
            return pa.schema([(n, types[t]) for n, t in self._cols])

        def _flush_parquet(self) -> None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._parquet is None:
                self._parquet = pq.ParquetWriter(str(self.path), self._schema())
            if self._buffer:
                self._parquet.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema()))
            self._buffer = []

        def close(self) -> None:
            if self.format == "parquet":
                self._flush_parquet()
                self._parquet.close()
            else:
                super().close()

    return TableWriter


def open_writer(output: str | None, tasks: Sequence[Any] | None = None, text: bool = True, append: bool = False) -> Any:
    """A RowWriter; with ``tasks`` (document output) one with the stable column set of ``columns()``."""
    from framing.io import RowWriter

    if tasks is None:
        return RowWriter(output, append=append)
    return _row_writer_class()(output, columns(tasks, text), append=append)


# ---------------------------------------------------------------------------- plain passages and pretty text
@dataclass(frozen=True)
class Predict:
    """Plain mode: each record is one passage (no segmentation). Records -> rows ``{"id", <tasks>}``."""

    classify: Classify
    evidence: bool = False

    def __call__(self, records: Sequence[Any]) -> list[tuple[Any, Any]]:
        preds = self.classify.classifier.predict([r.text for r in records], batch_size=self.classify.batch_size,
                                                 evidence=self.evidence)
        return list(zip(records, preds))


def plain_rows(pairs: Sequence[tuple[Any, Any]]) -> list[dict[str, Any]]:
    return [{"id": r.id, **p.to_dict()} for r, p in pairs]


def _snippet(text: str, n: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def pretty_prediction(pred: Any) -> str:
    if pred.empty:
        return "(empty text)"
    parts = []
    for name, tp in pred.tasks.items():
        if tp.kind == "single_label":
            parts.append(f"{name}={tp.label} ({tp.scores[tp.label]:.2f})")
        else:
            labs = ", ".join(f"{lab} {tp.scores[lab]:.2f}" for lab in sorted(tp.labels, key=lambda x: -tp.scores[x]))
            parts.append(f"{name}=[{labs or '-'}]")
    return "  ".join(parts)


def pretty_plain(pairs: Sequence[tuple[Any, Any]]) -> list[str]:
    return [f"{r.id}: {pretty_prediction(p)}  | {_snippet(r.text)}" for r, p in pairs]


def pretty_documents(results: Sequence[DocResult]) -> list[str]:
    out = []
    for r in results:
        d = r.document
        title = f" ({d.metadata['title']})" if d.metadata.get("title") else ""
        lines = [f"=== {r.id}{title}: {len(d.passages)} passages, {d.boilerplate} boilerplate",
                 f"document: {pretty_prediction(d.prediction)}"]
        multi = len(d.articles) > 1
        for a in d.articles:
            if multi:
                head = " | ".join(x for x in (a.title, a.date) if x) or "(before the first headline)"
                lines.append(f"-- article {a.index}: {head}")
                lines.append(f"   article: {pretty_prediction(a.prediction)}")
            for p in d.passages:
                if p.article != a.index:
                    continue
                tag = f"[boilerplate: {p.boilerplate_reason}] " if p.boilerplate else ""
                lines.append(f"  [{p.start}:{p.end}] {tag}{'' if p.boilerplate else pretty_prediction(p.prediction)}")
                lines.append(f"      {_snippet(p.text, 100)}")
        out.append("\n".join(lines) + "\n")
    return out


# ---------------------------------------------------------------------------- tally
@dataclass
class Counts:
    records: int = 0
    passages: int = 0
    boilerplate: int = 0
    empty: int = 0
    rejected: int = 0

    def documents(self, results: Sequence[DocResult]) -> Sequence[DocResult]:
        for r in results:
            self.passages += len(r.document.passages)
            self.boilerplate += r.document.boilerplate
            self.empty += int(not r.document.passages)
        return results

    def plain(self, pairs: Sequence[tuple[Any, Any]]) -> Sequence[tuple[Any, Any]]:
        self.empty += sum(int(p.empty) for _, p in pairs)
        return pairs

    def summary(self, documents: bool) -> str:
        keys = ("records", "passages", "boilerplate", "empty", "rejected") if documents else ("records", "empty", "rejected")
        return ", ".join(f"{getattr(self, k)} {k}" for k in keys)


# ---------------------------------------------------------------------------- driver
class Checkpoint:
    """The ``OUTPUT.progress`` file of ``--resume``: records consumed and durable byte offsets."""

    def __init__(self, output: str | None, rejects_path: str | None, resume: bool) -> None:
        import logging

        log = logging.getLogger("framing")
        self.path = Path(output + ".progress") if output else None
        self.output = output
        self.state: dict[str, Any] = {"records": 0, "output_bytes": 0, "rejects_bytes": 0, "complete": False}
        self.skip = 0
        self.done = False
        if resume and self.path is not None and self.path.is_file():
            self.state = json.loads(self.path.read_text())
            if self.state.get("complete"):
                self.done = True
                return
            self.skip = int(self.state["records"])
            for path, key in ((output, "output_bytes"), (rejects_path, "rejects_bytes")):
                if path and Path(path).exists():
                    with open(path, "r+b") as fh:  # drop anything written after the last durable checkpoint
                        fh.truncate(int(self.state[key]))
            log.info("resuming after %d records", self.skip)
        elif resume:
            log.info("no progress file next to %s; starting from the beginning", output)
        self.append = bool(self.skip) or (resume and self.state["output_bytes"] > 0)

    def save(self, records: int, writer: Any, rejects_fh: Any, complete: bool = False) -> None:
        if self.path is None:
            return
        self.state["records"] = records
        if writer.format != "parquet":
            self.state["output_bytes"] = Path(self.output).stat().st_size  # type: ignore[arg-type]
        self.state["rejects_bytes"] = rejects_fh.tell() if rejects_fh is not None and not rejects_fh.closed else self.state["rejects_bytes"]
        self.state["complete"] = complete
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w") as fh:
            json.dump(self.state, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


def run(
    source: Iterable[Any],
    stages: Sequence[Callable[[Any], Any]],
    emit: Callable[[Any], None],
    writer: Any,
    checkpoint: Checkpoint,
    counts: Counts,
    chunk_size: int = 1024,
    rejects_fh: Any = None,
    progress: bool = True,
) -> Counts:
    """Feed ``source`` (Records and Rejected rows) through ``stages`` one chunk at a time and ``emit`` the
    result; after each chunk, flush ``writer`` and the rejects file and save the checkpoint."""
    from tqdm.auto import tqdm

    from framing.io import Rejected

    bar = tqdm(desc="records", unit="rec", file=sys.stderr, disable=not progress)
    seen = 0

    def flush(chunk: list[Any]) -> None:
        out: Any = chunk
        for stage in stages:
            out = stage(out)
        emit(out)
        counts.records += len(chunk)
        writer.flush()
        if rejects_fh is not None:
            rejects_fh.flush()
            os.fsync(rejects_fh.fileno())
        checkpoint.save(checkpoint.skip + counts.records + counts.rejected, writer, rejects_fh)
        bar.update(len(chunk))

    chunk: list[Any] = []
    try:
        for item in source:
            seen += 1
            if seen <= checkpoint.skip:
                continue
            if isinstance(item, Rejected):
                counts.rejected += 1
                if rejects_fh is not None:
                    rejects_fh.write(json.dumps({"line": item.line, "reason": item.reason, "raw": item.raw}, ensure_ascii=False) + "\n")
                else:
                    print(f"rejected: {item.reason}", file=sys.stderr)
                continue
            chunk.append(item)
            if len(chunk) >= chunk_size:
                flush(chunk)
                chunk = []
        if chunk:
            flush(chunk)
    finally:
        bar.close()
        writer.close()
        if rejects_fh is not None:
            rejects_fh.close()
    checkpoint.save(seen, writer, rejects_fh, complete=True)
    return counts
