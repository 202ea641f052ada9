"""Batch inference on Ray Data: the pipeline of :mod:`framing.pipeline` over a cluster (``framing[ray]``).

``predict_dataset(ds)`` maps the same stages ``framing predict`` runs (Extract -> Classify [-> Explain]
-> Aggregate -> ToRows for documents, Predict for plain passages) over a ``ray.data.Dataset`` with
``map_batches`` on an actor pool of ``Classifier`` replicas: each actor loads the model once and scores
batches of records. Output rows follow the single-process contract: with ``output="flat"`` the
CSV/Parquet columns of ``framing predict`` (``id``, ``<task>``, ``<task>.score.<label>``, and for
documents the fixed column set of ``framing.pipeline.columns``); with ``output="json"`` each row carries
the exact JSONL line ``framing predict`` writes (column ``json``), nested evidence included.

``run_job()`` (``framing predict INPUT --engine ray --output DIR/``) runs one shard per input file and
writes ``DIR/part-00000.parquet`` (or ``.jsonl``), ``DIR/rejects-00000.jsonl`` (``--on-error skip``, when a
file had rejected rows) and ``DIR/manifest.json``. A
shard is committed (renamed into place, then recorded in the manifest) only when it is complete and its
check passed: the ids of the input file, read again independently of the prediction pass, must each have
been processed exactly once. ``--resume`` skips committed shards. A worker killed mid-batch is replaced
(``max_restarts``) and its batch re-run (``max_task_retries``); the lost attempt's output never reaches
the driver, so nothing is written twice.

Ray is imported only inside functions: the base install does not need it.
"""
from __future__ import annotations

import json
import logging
import os
import hashlib
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.errors import DataError, FramingError

logger = logging.getLogger("framing")

INSTALL_HINT = 'pip install "framing[ray]"'
#: Bookkeeping columns of ``predict_dataset(..., bookkeeping=True)``: the input id a row came from, True on
#: the first row of each input record (one per record, also for records that give no rows), and the reason
#: a record was rejected (None for accepted records).
DOC, FIRST, REJECTED = "_doc", "_first", "_rejected"
#: Columns of ``read_inputs`` that the actors pass through: the shard (input file) number and its end marker.
SHARD, END = "_shard", "_end"
MANIFEST = "manifest.json"
REJECTS_PREFIX = "rejects-"
SHARD_FORMATS = ("parquet", "jsonl")
MANIFEST_VERSION = 1


def require_ray() -> Any:
    """Import ray (and ray.data), or raise FramingError with the install command."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise FramingError(f"--engine ray needs Ray Data, which is not installed; install it with: {INSTALL_HINT}") from None
    return ray


# ---------------------------------------------------------------------------- the actor
class Predictor:
    """One actor of the pool: loads the model once, then turns batches of records (a ``pyarrow.Table``
    with the id and text columns) into output rows with a fixed schema, through the pipeline stages."""

    def __init__(self, options: dict[str, Any]) -> None:
        from framing import pipeline as pl

        o = self.options = dict(options)
        classify = pl.Classify(model=o["model"], device=o["device"], threads=o["threads"], quantize=o["quantize"],
                               batch_size=o["model_batch_size"])
        clf = classify.classifier
        self.tasks = clf.tasks
        self.stages = stages(classify, o)
        self.names = [n for n, _ in output_columns(self.tasks, o)]
        self.schema = arrow_schema(output_columns(self.tasks, o), bookkeeping=True)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from framing import pipeline as pl
        from framing.io import Record

        o = self.options
        n = batch.num_rows

        def column(name: str, default: Any = None) -> list[Any]:
            return batch.column(name).to_pylist() if name in batch.column_names else [default] * n

        shards, ends = column(SHARD), column(END, False)
        records, rejected, markers = [], [], []
        for raw_id, text, why, shard, end in zip(column(o["id_column"]), column(o["text_column"]), column(REJECTED),
                                                 shards, ends):
            if end:  # end of an input file (read_inputs): passed on after every row of the batch
                markers.append(shard)
                continue
            if why is not None:  # rejected by the reader (--on-error skip)
                rejected.append((None, why, shard))
                continue
            rid = None if raw_id is None or raw_id == "" else str(raw_id)
            reason = None
            if rid is None:
                reason = f"no {o['id_column']!r} value; every row needs an id"
            elif not isinstance(text, str):
                reason = f"{o['text_column']!r} is {'null' if text is None else type(text).__name__}, expected a string"
            if reason is not None:
                if o["on_error"] == "fail":
                    raise DataError(f"id {rid!r}: {reason} (use on_error='skip' to leave such rows out).")
                rejected.append((rid, json.dumps({"line": None, "reason": f"id {rid!r}: {reason}", "raw": ""}), shard))
                continue
            records.append((Record(rid, text, 0), shard))
        out: Any = [r for r, _ in records]
        for stage in self.stages:
            out = stage(out)
        schema = self.schema
        if SHARD in batch.column_names:
            schema = schema.append(pa.field(SHARD, pa.int64())).append(pa.field(END, pa.bool_()))
        cols: dict[str, list[Any]] = {name: [] for name in schema.names}

        def add(values: dict[str, Any], doc: str | None, first: bool, why: str | None, shard: Any, end: bool = False) -> None:
            for name in self.names:
                cols[name].append(values.get(name))
            for name, v in ((DOC, doc), (FIRST, first), (REJECTED, why), (SHARD, shard), (END, end)):
                if name in cols:
                    cols[name].append(v)

        # the stages keep one group of rows per record, in order: group them back by record
        for (rec, shard), rows in zip(records, _rows_per_record(out, [r for r, _ in records], o)):
            if not rows:  # e.g. a blank document at passage level: no row, but the record was processed
                add({}, rec.id, True, None, shard)
            for k, row in enumerate(rows):
                add({"id": row["id"], "json": json.dumps(row, ensure_ascii=False)} if o["output"] == "json"
                    else pl.flat_row(row, self.names), rec.id, k == 0, None, shard)
        for rid, why, shard in rejected:
            add({}, rid, True, why, shard)
        for shard in markers:
            add({}, None, False, None, shard, end=True)
        return pa.Table.from_pydict(cols, schema=schema)


def _rows_per_record(out: Sequence[Any], records: Sequence[Any], o: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Split the flat rows of the last stage back into one list per record (rows carry ``doc_id`` or ``id``)."""
    if not o["documents"]:
        return [[r] for r in out]  # Predict + plain_rows: one row per record
    per: dict[str, list[dict[str, Any]]] = {r.id: [] for r in records}
    for row in out:  # ToRows order is kept within a document (level "all": document, article, passages, ...)
        per[row["id"] if row.get("level") == "document" else row["doc_id"]].append(row)
    return [per[r.id] for r in records]


def stages(classify: Any, o: dict[str, Any]) -> list[Any]:
    """The pipeline stages for ``o`` (the options of ``predict_dataset``), as ``framing predict`` builds them."""
    from framing import pipeline as pl

    clf = classify.classifier
    if not o["documents"]:
        return [pl.Predict(classify, o["evidence"]), pl.plain_rows]
    weight = pl.context_weight_of(clf) if o["context"] else 0.0
    out: list[Any] = [pl.Extract(), classify, pl.Aggregate(clf.tasks, o["aggregate"], o["keep_boilerplate"], weight),
                      pl.ToRows(o["level"], o["text"])]
    if o["evidence"]:
        from framing.evidence import Explain  # the evidence stage, between Classify and Aggregate

        out.insert(2, Explain(classify, o["keep_boilerplate"]))
    return out


def output_columns(tasks: Sequence[Any], o: dict[str, Any]) -> list[tuple[str, str]]:
    """The output columns: ``id, json`` (output="json"), the document column set of ``framing predict``
    (``pipeline.columns``), or for plain passages ``id`` then the per-task columns."""
    from framing import pipeline as pl

    if o["output"] == "json":
        return [("id", "string"), ("json", "string")]
    cols = pl.columns(tasks, o["text"])
    if o["documents"]:
        return cols
    return [("id", "string"), *cols[len([c for c in pl.BASE_COLUMNS if o["text"] or c[0] != "text"]):]]


def arrow_schema(cols: Sequence[tuple[str, str]], bookkeeping: bool) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    fields = [(n, types[t]) for n, t in cols]
    if bookkeeping:
        fields += [(DOC, pa.string()), (FIRST, pa.bool_()), (REJECTED, pa.string())]
    return pa.schema(fields)


def _strip(batch: Any) -> Any:
    """Drop bookkeeping: placeholder rows of records without output rows, rejected rows, internal columns."""
    import pyarrow.compute as pc

    keep = pc.and_(pc.is_valid(batch.column("id")), pc.is_null(batch.column(REJECTED)))
    return batch.filter(keep).drop_columns([c for c in (DOC, FIRST, REJECTED, SHARD, END) if c in batch.column_names])


# ---------------------------------------------------------------------------- the library entry point
def predict_dataset(
    ds: Any,
    model: str | os.PathLike[str] | None = "default",
    text_column: str = "text",
    id_column: str = "id",
    documents: bool = False,
    *,
    level: str = "passage",
    aggregate: str = "mean",
    keep_boilerplate: bool = False,
    context: bool = True,
    text: bool = True,
    evidence: bool = False,
    quantize: str = "none",
    output: str = "flat",
    batch_size: int = 256,
    model_batch_size: int = 64,
    concurrency: int | tuple[int, int] = 1,
    num_cpus: float = 1,
    num_gpus: float = 0,
    threads: int | None = None,
    device: str | None = None,
    on_error: str = "fail",
    max_restarts: int | None = None,
    max_task_retries: int | None = None,
    bookkeeping: bool = False,
) -> Any:
    """Predict every row of a ``ray.data.Dataset`` (columns ``id_column``, ``text_column``) with an actor
    pool of ``Classifier`` replicas; returns a lazy Dataset of output rows.

    - ``model``: ``"default"``, ``"accurate"`` or a model directory readable at the same path on every node.
    - ``documents``: segment each record into passages and aggregate per article and document, as
      ``framing predict --documents`` (``level``, ``aggregate``, ``keep_boilerplate``, ``context``, ``text``).
    - ``output``: ``"flat"`` (the CSV/Parquet columns of ``framing predict``) or ``"json"`` (columns ``id``
      and ``json``, the exact JSONL line; needed for ``evidence``, which is nested per label).
    - ``batch_size``: records per ``map_batches`` call; ``model_batch_size``: texts per forward pass.
    - ``concurrency``: actors (an int, or ``(min, max)`` for an autoscaling pool); each takes ``num_cpus``
      CPUs (torch threads: ``threads``, default ``num_cpus``) and ``num_gpus`` GPUs (device ``cuda`` when > 0).
    - ``on_error``: ``"fail"`` raises on a row without an id or a string text; ``"skip"`` leaves it out
      (with ``bookkeeping`` it is kept, with the reason in ``_rejected``).
    - ``max_restarts`` / ``max_task_retries``: a killed actor is restarted and its batch re-run; None keeps
      Ray Data's defaults for actor pools (-1: restart and retry without limit).
    - ``bookkeeping``: keep the columns ``_doc``, ``_first``, ``_rejected`` (see ``run_job``).
    """
    require_ray()
    from framing import pipeline as pl

    if output not in ("flat", "json"):
        raise ValueError(f"output must be 'flat' or 'json', got {output!r}.")
    if evidence and output != "json":
        raise ValueError("evidence is nested per label: use output='json'.")
    if level not in pl.LEVELS:
        raise ValueError(f"level must be one of {pl.LEVELS}, got {level!r}.")
    if on_error not in ("fail", "skip"):
        raise ValueError(f"on_error must be 'fail' or 'skip', got {on_error!r}.")
    from framing.classifier import BUNDLED_MODELS

    model = "default" if model is None else str(model)
    if model not in BUNDLED_MODELS and Path(model).is_dir():
        model = str(Path(model).resolve())  # workers need not share the driver's working directory
    options = {
        "model": model, "text_column": text_column, "id_column": id_column,
        "documents": documents, "level": level, "aggregate": aggregate, "keep_boilerplate": keep_boilerplate,
        "context": context, "text": text, "evidence": evidence, "quantize": quantize, "output": output,
        "model_batch_size": model_batch_size, "threads": threads or max(int(num_cpus), 1),
        "device": device or ("cuda" if num_gpus else "cpu"), "on_error": on_error,
    }
    import ray.data as rd

    size = {"size": concurrency} if isinstance(concurrency, int) else {"min_size": concurrency[0], "max_size": concurrency[1]}
    out = ds.map_batches(
        Predictor, fn_constructor_args=(options,), batch_size=batch_size, batch_format="pyarrow",
        compute=rd.ActorPoolStrategy(**size), num_cpus=num_cpus, num_gpus=num_gpus or None,
        **{k: v for k, v in (("max_restarts", max_restarts), ("max_task_retries", max_task_retries)) if v is not None},
    )
    if not bookkeeping:
        out = out.map_batches(_strip, batch_format="pyarrow", batch_size=None, num_cpus=0)
    return out


# ---------------------------------------------------------------------------- files: inputs and output
def _filesystem(path: str) -> tuple[Any, str]:
    """(pyarrow filesystem, path in it) for a local path or a URI (s3://, gs://, hdfs://, file://)."""
    import pyarrow.fs as pafs

    if "://" in path:
        try:
            return pafs.FileSystem.from_uri(path)
        except Exception as exc:
            raise DataError(f"{path}: cannot open this filesystem ({exc}).") from None
    return pafs.LocalFileSystem(), str(Path(path).resolve())


def list_inputs(path: str) -> tuple[Any, list[str]]:
    """The record files (JSONL, CSV, Parquet) of ``path``: the file itself, or those below a directory."""
    import pyarrow.fs as pafs

    from framing.io import RECORD_FORMATS

    fs, where = _filesystem(path)
    info = fs.get_file_info(where)
    if info.type == pafs.FileType.NotFound:
        raise DataError(f"{path}: no such file or directory; check the path.")
    if info.type == pafs.FileType.Directory:
        found = fs.get_file_info(pafs.FileSelector(where, recursive=True))
        files = sorted(f.path for f in found if f.type == pafs.FileType.File
                       and not any(part.startswith(".") for part in f.path[len(where):].split("/") if part)
                       and Path(f.path).suffix.lower() in RECORD_FORMATS)
        if not files:
            raise DataError(f"{path}: no JSONL, CSV or Parquet files below it (--engine ray reads record files).")
        return fs, files
    if Path(where).suffix.lower() not in RECORD_FORMATS:
        raise DataError(f"{path}: --engine ray reads JSONL, CSV or Parquet files ({sorted(RECORD_FORMATS)}); "
                        "convert documents with the single-process engine, or list them in a JSONL file.")
    return fs, [where]


def iter_file_records(f: Any, path: str, text_column: str, id_column: str, on_error: str,
                      local: bool) -> Any:
    """``framing.io.iter_records`` over one record file given as an open stream ``f`` (a remote or
    decompressed stream is copied to a local temporary file first, under the same name): the ids, the
    ``<stem>:<line>`` ids of rows without one, duplicate checks and reject reasons of the single-process path."""
    from framing.io import iter_records

    with tempfile.TemporaryDirectory(prefix="framing-read-") as tmp:
        target = path
        if not (local and Path(path).is_file()):
            name = Path(path).name
            for ext in (".gz", ".bz2", ".zst", ".lz4", ".br", ".snappy"):
                name = name[: -len(ext)] if name.endswith(ext) else name
            target = str(Path(tmp) / name)
            with open(target, "wb") as out:
                shutil.copyfileobj(f, out, 1 << 22)
        yield from iter_records(target, text_column, id_column, on_error)  # type: ignore[arg-type]


def _records_datasource() -> type:
    """A Ray Data datasource of record files (JSONL, CSV, Parquet), one read task per file, yielding
    blocks ``id, text, _rejected, _shard, _end``: ``_rejected`` is the JSON ``{"line", "reason", "raw"}`` of a
    row rejected with ``--on-error skip``; each file ends with one marker row (``_end`` true) so the driver
    knows, rows arriving in order, that the file's shard is complete. Defined lazily (a Ray subclass)."""
    from ray.data.datasource import FileBasedDatasource

    class RecordsDatasource(FileBasedDatasource):  # type: ignore[misc,valid-type]
        def __init__(self, paths: list[str], *, shards: dict[str, int], text_column: str, id_column: str,
                     on_error: str, local: bool, block_rows: int = 256, **kwargs: Any) -> None:
            super().__init__(paths, **kwargs)
            self.shards = shards
            self.columns = (text_column, id_column, on_error)
            self.local = local
            self.block_rows = block_rows

        def _read_stream(self, f: Any, path: str) -> Any:
            import pyarrow as pa

            from framing.io import Rejected

            shard = self.shards[path]
            rows: dict[str, list[Any]] = {c: [] for c in READ_SCHEMA_NAMES}

            def add(rid: Any, text: Any, why: Any, end: bool = False) -> None:
                for c, v in zip(READ_SCHEMA_NAMES, (rid, text, why, shard, end)):
                    rows[c].append(v)

            for item in iter_file_records(f, path, *self.columns, local=self.local):
                if isinstance(item, Rejected):
                    add(None, None, json.dumps({"line": item.line, "reason": item.reason, "raw": item.raw}, ensure_ascii=False))
                else:
                    add(item.id, item.text, None)
                if len(rows["id"]) >= self.block_rows:
                    yield pa.Table.from_pydict(rows, schema=_read_schema())
                    rows = {c: [] for c in READ_SCHEMA_NAMES}
            add(None, None, None, end=True)
            yield pa.Table.from_pydict(rows, schema=_read_schema())

    return RecordsDatasource


READ_SCHEMA_NAMES = ("id", "text", REJECTED, SHARD, END)


def _read_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("text", pa.string()), (REJECTED, pa.string()), (SHARD, pa.int64()),
                      (END, pa.bool_())])


def read_inputs(paths: Sequence[str], shards: Sequence[int], fs: Any, text_column: str = "text", id_column: str = "id",
                on_error: str = "fail", block_rows: int = 256) -> Any:
    """A Ray Dataset of record files (see ``_records_datasource``), rows in file order (with
    ``preserve_order``); ``shards`` numbers the files."""
    import pyarrow.fs as pafs
    import ray.data as rd

    source = _records_datasource()(list(paths), filesystem=fs, shards=dict(zip(paths, shards)), text_column=text_column,
                                   id_column=id_column, on_error=on_error, local=isinstance(fs, pafs.LocalFileSystem),
                                   block_rows=block_rows)
    return rd.read_datasource(source, num_cpus=0)  # reading is light next to inference: never blocks the actors


def input_ids(path: str, fs: Any, text_column: str, id_column: str, on_error: str) -> Counter[str | None]:
    """The ids of one input file, read again on the driver, independently of the prediction pass
    (None counts rejected rows)."""
    import pyarrow.fs as pafs

    from framing.io import Rejected

    counts: Counter[str | None] = Counter()
    with fs.open_input_stream(path) as f:
        for item in iter_file_records(f, path, text_column, id_column, on_error, isinstance(fs, pafs.LocalFileSystem)):
            counts[None if isinstance(item, Rejected) else item.id] += 1
    return counts


class Manifest:
    """``DIR/manifest.json``: inputs, model, version, options, and per shard its counts and check."""

    def __init__(self, outdir: Path, state: dict[str, Any]) -> None:
        self.outdir = outdir
        self.state = state

    @classmethod
    def open(cls, outdir: Path, settings: dict[str, Any], resume: bool) -> Manifest:
        path = outdir / MANIFEST
        if path.is_file():
            if not resume:
                raise FramingError(f"{outdir} already holds a run ({MANIFEST}); add --resume to continue it, "
                                   "or write to another directory.")
            state = json.loads(path.read_text())
            if state.get("settings") != settings:
                changed = sorted(k for k in set(settings) | set(state.get("settings", {}))
                                 if settings.get(k) != state.get("settings", {}).get(k))
                raise FramingError(f"--resume with different settings than {path} ({', '.join(changed)}); "
                                   "rerun with the same model and options, or write to another directory.")
            return cls(outdir, state)
        from framing import __version__

        return cls(outdir, {"version": MANIFEST_VERSION, "framing_version": __version__, "engine": "ray",
                            "settings": settings, "shards": {}, "complete": False})

    def done(self, name: str, source: str) -> bool:
        s = self.state["shards"].get(name)
        return bool(s and s.get("input") == source and s.get("ok") and (self.outdir / s["output"]).is_file())

    def record(self, name: str, entry: dict[str, Any]) -> None:
        self.state["shards"][name] = entry
        self.save()

    def save(self) -> None:
        tmp = self.outdir / (MANIFEST + ".tmp")
        with open(tmp, "w") as fh:
            json.dump(self.state, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.outdir / MANIFEST)


def check_shard(input_ids: Counter[str | None], processed: Counter[str | None]) -> dict[str, Any]:
    """Every input id processed exactly once: no id missing, none twice, none invented."""
    missing = sorted(k for k in input_ids if k is not None and processed.get(k, 0) == 0)
    twice = sorted(k for k, n in processed.items() if k is not None and n > 1)
    dup_in = sorted(k for k, n in input_ids.items() if k is not None and n > 1)
    extra = sorted(k for k in processed if k is not None and k not in input_ids)
    no_id = (input_ids.get(None, 0), processed.get(None, 0))
    ok = not (missing or twice or dup_in or extra) and no_id[0] == no_id[1]
    return {"ok": ok, "ids": sum(n for k, n in input_ids.items() if k is not None), "missing": missing[:20],
            "processed_twice": twice[:20], "duplicate_input_ids": dup_in[:20], "unknown": extra[:20],
            "rows_without_id": no_id[0]}


class ShardWriter:
    """One output shard being written to ``.part-NNNNN.<fmt>.tmp``: rows, processed ids, rejects."""

    def __init__(self, path: Path, fmt: str, schema: Any) -> None:
        import pyarrow.parquet as pq

        self.path, self.schema = path, schema
        self.processed: Counter[str | None] = Counter()
        self.rows = self.rejected = 0
        self.rejects: list[str] = []
        self.t0 = time.perf_counter()
        self.parquet = pq.ParquetWriter(str(path), schema) if fmt == "parquet" else None
        self.fh = open(path, "w", encoding="utf-8", newline="\n") if fmt == "jsonl" else None

    def add(self, batch: Any) -> None:
        for d, f, r in zip(*(batch.column(c).to_pylist() for c in (DOC, FIRST, REJECTED))):
            self.processed[d] += int(bool(f))
            if r is not None:
                self.rejected += 1
                self.rejects.append(r)
        out = _strip(batch)
        self.rows += out.num_rows
        if self.parquet is not None:
            self.parquet.write_table(out.select(self.schema.names))
        elif out.num_rows:
            self.fh.write("\n".join(out.column("json").to_pylist()) + "\n")  # type: ignore[union-attr]

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()


def run_job(
    input: str,
    outdir: str,
    *,
    model: str | None = None,
    address: str | None = None,
    workers: int | None = None,
    cpus_per_worker: float = 1,
    gpus_per_worker: float = 0,
    shard_format: str | None = None,
    resume: bool = False,
    progress: bool = True,
    text_column: str = "text",
    id_column: str = "id",
    on_error: str = "fail",
    batch_size: int = 256,
    **options: Any,
) -> dict[str, Any]:
    """Predict every record file of ``input`` (a file or a directory, local or any pyarrow/fsspec
    filesystem URI) into the local or mounted directory ``outdir``, one shard per input file; returns the
    manifest. One Dataset and one actor pool serve all shards; rows arrive in input order
    (``preserve_order``) and a shard is committed when its end marker arrives: its ids are read again
    from the input file and checked (each processed exactly once), then the file is renamed into place
    and recorded in ``manifest.json``. ``options`` go to ``predict_dataset`` (``documents``, ``level``,
    ``evidence``, ``model_batch_size``, ...). Connects to the cluster at ``address`` (``auto``,
    ``ray://host:10001``), or starts a local one.
    """
    ray = require_ray()
    from framing.classifier import BUNDLED_MODELS, Classifier, model_directory

    fmt = shard_format or ("jsonl" if options.get("evidence") else "parquet")
    if fmt not in SHARD_FORMATS:
        raise FramingError(f"shard format must be one of {SHARD_FORMATS}, got {fmt!r}.")
    if options.get("evidence") and fmt != "jsonl":
        raise FramingError("--evidence is nested per label: write JSONL shards (--shard-format jsonl).")
    if "://" in outdir:
        raise FramingError(f"{outdir}: write the output to a local or mounted directory (e.g. a shared volume); "
                           "inputs may be read from any filesystem Ray Data supports.")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    fs, files = list_inputs(input)
    model_dir = model_directory(model)
    if model is None or str(model) in BUNDLED_MODELS:
        model = str(model or "default")  # bundled: each worker loads its own installed copy
    elif model_dir.is_dir():
        model = str(model_dir.resolve())  # a directory: the same path on every node (shared storage)
    clf = Classifier.from_pretrained(model, device="cpu")  # fail early on a bad model; gives the schema
    settings = {"model": str(model), "model_sha256": model_digest(model_dir), "format": fmt,
                "text_column": text_column, "id_column": id_column, "on_error": on_error,
                **{k: v for k, v in sorted(options.items()) if k not in ("model_batch_size", "threads", "device")}}
    manifest = Manifest.open(out, settings, resume)
    manifest.state["inputs"] = files
    names = [f"part-{i:05d}.{fmt}" for i in range(len(files))]
    pending = [i for i, src in enumerate(files) if not manifest.done(names[i], src)]
    for i in set(range(len(files))) - set(pending):
        logger.info("shard %s (%s) already complete; skipped", names[i], files[i])
    for stale in [*out.glob(".part-*.tmp"), *out.glob(f".{REJECTS_PREFIX}*.tmp")]:
        stale.unlink()
    if not ray.is_initialized():
        local = {} if address else {"include_dashboard": False, "log_to_driver": False}  # a quiet local cluster
        ray.init(address=address, runtime_env={"env_vars": {"TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}},
                 **local)
    import ray.data as rd

    ctx = rd.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # rows in input order: a shard is complete at its end marker
    ctx.enable_progress_bars = progress
    if workers is None:
        res = ray.cluster_resources()
        workers = max(1, int(float(res.get("GPU", 0)) // gpus_per_worker) if gpus_per_worker
                      else int(float(res.get("CPU", 1)) // max(cpus_per_worker, 1e-9)))
    opts = {"output": "json" if fmt == "jsonl" else "flat", **options}
    schema = arrow_schema(output_columns(clf.tasks, {"documents": False, "text": True, **opts}), bookkeeping=False)
    start = time.perf_counter()
    if pending:
        ds = read_inputs([files[i] for i in pending], pending, fs, text_column, id_column, on_error, block_rows=batch_size)
        pred = predict_dataset(ds, model, concurrency=workers, num_cpus=cpus_per_worker, num_gpus=gpus_per_worker,
                               bookkeeping=True, batch_size=batch_size, on_error=on_error, **opts)
        open_shards: dict[int, ShardWriter] = {}
        try:
            for batch in pred.iter_batches(batch_format="pyarrow", batch_size=None):
                shard_of = batch.column(SHARD).to_pylist()
                for i in dict.fromkeys(shard_of):  # the shards of this batch, in order
                    part = batch.filter(pa_equal(batch.column(SHARD), i))
                    w = open_shards.get(i) or open_shards.setdefault(i, ShardWriter(out / f".{names[i]}.tmp", fmt, schema))
                    w.add(part)
                    if any(part.column(END).to_pylist()):
                        _commit(open_shards.pop(i), names[i], files[i], fs, manifest, text_column, id_column, on_error)
        except Exception as exc:  # a DataError from a worker, with Ray's wrapping taken off
            err = _user_error(exc)
            if err is exc:
                raise
            raise err from None
        finally:
            for w in open_shards.values():
                w.close()
    shards = manifest.state["shards"]
    manifest.state.update(complete=all(manifest.done(names[i], s) for i, s in enumerate(files)),
                          workers=workers, seconds=round(time.perf_counter() - start, 2),
                          records=sum(s["input_rows"] for s in shards.values()),
                          rows=sum(s["output_rows"] for s in shards.values()))
    manifest.save()
    return manifest.state


def pa_equal(column: Any, value: int) -> Any:
    import pyarrow.compute as pc

    return pc.equal(column, value)


def _commit(w: ShardWriter, name: str, source: str, fs: Any, manifest: Manifest, text_column: str, id_column: str,
            on_error: str) -> None:
    """Check a complete shard against its input file's ids, then rename it into place and record it."""
    w.close()
    check = check_shard(input_ids(source, fs, text_column, id_column, on_error), w.processed)
    entry = {"input": source, "output": name, "input_rows": sum(w.processed.values()), "rejected": w.rejected,
             "output_rows": w.rows, "seconds": round(time.perf_counter() - w.t0, 2), **check}
    if not check["ok"]:
        manifest.record(name, entry)
        raise FramingError(f"shard {name} ({source}) failed its check: {json.dumps(check)}; it was not committed "
                           "(rerun with --resume).")
    rejects = manifest.outdir / rejects_name(name)
    if w.rejects:  # per shard, so that a shard re-run after a crash rewrites its rejects instead of repeating them
        tmp = rejects.with_name("." + rejects.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"input": source, **json.loads(r)}, ensure_ascii=False) + "\n" for r in w.rejects)
        os.replace(tmp, rejects)
        entry["rejects_file"] = rejects.name
    elif rejects.exists():
        rejects.unlink()
    os.replace(w.path, manifest.outdir / name)
    manifest.record(name, entry)


def rejects_name(shard: str) -> str:
    """``part-00003.parquet`` -> ``rejects-00003.jsonl`` (rows rejected with ``--on-error skip``)."""
    return REJECTS_PREFIX + shard.split(".", 1)[0].split("-", 1)[1] + ".jsonl"


def model_digest(model_dir: Path) -> str:
    """sha256 over the model's config.json and weights: which model wrote a run."""
    h = hashlib.sha256()
    for name in ("config.json", "model.safetensors"):
        with open(model_dir / name, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _user_error(exc: BaseException) -> BaseException:
    """A DataError raised in a worker (``--on-error fail``) surfaces as a FramingError with its own message
    (Ray wraps it, with the remote traceback and retry notes, in a RayTaskError whose ``cause`` is the original)."""
    seen, cur = set(), exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, DataError) and cur.args and isinstance(cur.args[0], str):
            first = cur.args[0].strip().splitlines()[0] if cur.args[0].strip() else ""
            if first and not first.startswith(("ray::", "\x1b", "Traceback")) and "pid=" not in first:
                return FramingError(first)
        cur = getattr(cur, "cause", None) or cur.__cause__
    return exc


def verify(outdir: str | os.PathLike[str]) -> dict[str, Any]:
    """Re-check a finished run from its files: the manifest's shards all passed, every shard file exists,
    its row count matches, and output row ids are unique across shards."""
    import pyarrow.parquet as pq

    out = Path(outdir)
    state = json.loads((out / MANIFEST).read_text())
    seen: Counter[str] = Counter()
    problems = []
    for name, s in sorted(state["shards"].items()):
        path = out / name
        if not s.get("ok") or not path.is_file():
            problems.append(f"{name}: not complete")
            continue
        if name.endswith(".parquet"):
            ids = pq.read_table(path, columns=["id"]).column("id").to_pylist()
        else:
            ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line]
        if len(ids) != s["output_rows"]:
            problems.append(f"{name}: {len(ids)} rows, manifest says {s['output_rows']}")
        seen.update(ids)
    twice = sorted(k for k, n in seen.items() if n > 1)
    if twice:
        problems.append(f"row ids written twice: {twice[:10]}")
    if not state.get("complete"):
        problems.append("run not complete")
    return {"ok": not problems, "problems": problems, "rows": sum(seen.values())}


# ---------------------------------------------------------------------------- command line
def cmd_predict_ray(args: Any) -> int:
    """``framing predict INPUT --engine ray --output DIR/`` (see ``run_job``)."""
    import sys

    require_ray()
    if not args.output or args.output == "-":
        raise FramingError("--engine ray writes shards and a manifest: give --output DIR/.")
    if Path(args.output).suffix.lower() in (".jsonl", ".ndjson", ".csv", ".parquet", ".json") and not Path(args.output).is_dir():
        raise FramingError(f"--engine ray writes a directory of shards: give --output DIR/ (not {args.output}).")
    if args.rejects:
        raise FramingError(f"--engine ray writes rejected rows next to their shard (DIR/{REJECTS_PREFIX}NNNNN.jsonl); "
                           "drop --rejects.")
    if args.pretty or args.html:
        raise FramingError("--pretty and --html are single-process outputs; drop them with --engine ray "
                           "(framing report reads the JSONL shards).")
    if not args.documents and (args.level != "passage" or args.keep_boilerplate or args.no_context):
        raise FramingError("--level, --keep-boilerplate and --no-context apply to documents; add --documents.")
    state = run_job(
        args.input, args.output, model=args.model, address=args.address, workers=args.workers,
        cpus_per_worker=args.cpus_per_worker, gpus_per_worker=args.gpus_per_worker, shard_format=args.shard_format,
        resume=args.resume, progress=not args.no_progress,
        text_column=args.text_column, id_column=args.id_column, documents=args.documents, level=args.level,
        aggregate=args.aggregate, keep_boilerplate=args.keep_boilerplate, context=not args.no_context,
        text=not args.no_text, evidence=args.evidence, quantize=args.quantize, on_error=args.on_error,
        batch_size=args.records_per_batch, model_batch_size=args.batch_size,
        **({"threads": args.threads} if args.threads else {}),
        **({"device": args.device} if args.device != "auto" else {}),
    )
    rejected = sum(s["rejected"] for s in state["shards"].values())
    print(f"framing predict (ray, {state['workers']} workers): {state['records']} records, {state['rows']} rows, "
          f"{rejected} rejected, {len(state['shards'])} shards in {args.output} (manifest: {MANIFEST})", file=sys.stderr)
    return 0


def add_arguments(p: Any) -> None:
    """The ``--engine ray`` options of ``framing predict``."""
    g = p.add_argument_group("distributed (--engine ray, needs framing[ray])")
    g.add_argument("--engine", choices=["local", "ray"], default="local",
                   help="local (default): this process; ray: an actor pool on a Ray cluster, --output DIR/ of shards")
    g.add_argument("--address", default=None, help="Ray cluster address (auto, ray://HOST:10001); default: start a local one")
    g.add_argument("--workers", type=int, default=None, help="model replicas (actors); default: cluster CPUs / --cpus-per-worker")
    g.add_argument("--cpus-per-worker", type=float, default=1, help="CPUs (and torch threads) per worker")
    g.add_argument("--gpus-per-worker", type=float, default=0, help="GPUs per worker (device cuda when > 0)")
    g.add_argument("--records-per-batch", type=int, default=256, help="records per map_batches call")
    g.add_argument("--shard-format", choices=list(SHARD_FORMATS), default=None,
                   help="shard files: parquet (default) or jsonl (default with --evidence)")


__all__ = ["predict_dataset", "run_job", "verify", "check_shard", "list_inputs", "read_input", "INSTALL_HINT"]
