"""Batch inference on Ray Data: the pipeline of :mod:`framing.pipeline` over a cluster (``framing[ray]``).

``predict_dataset(ds)`` maps the same stages ``framing predict`` runs (Extract -> Classify [-> Explain]
-> Aggregate -> ToRows for documents, Predict for plain passages) over a ``ray.data.Dataset`` with
``map_batches`` on an actor pool of ``Classifier`` replicas: each actor loads the model once and scores
batches of records. Output rows follow the single-process contract: with ``output="flat"`` the
CSV/Parquet columns of ``framing predict`` (``id``, ``<task>``, ``<task>.score.<label>``, and for
documents the fixed column set of ``framing.pipeline.columns``); with ``output="json"`` each row carries
the exact JSONL line ``framing predict`` writes (column ``json``), nested evidence included.

``run_job()`` (``framing predict INPUT --engine ray --output DIR/``) runs one shard per input file and
writes ``DIR/part-00000.parquet`` (or ``.jsonl``), ``DIR/rejects.jsonl`` and ``DIR/manifest.json``. A
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
MANIFEST = "manifest.json"
REJECTS = "rejects.jsonl"
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
        ids = batch.column(o["id_column"]).to_pylist() if o["id_column"] in batch.column_names else [None] * batch.num_rows
        texts = batch.column(o["text_column"]).to_pylist() if o["text_column"] in batch.column_names else [None] * batch.num_rows
        read_rejects = batch.column(REJECTED).to_pylist() if REJECTED in batch.column_names else [None] * batch.num_rows
        records, rejected = [], []
        for raw_id, text, why in zip(ids, texts, read_rejects):
            if why is not None:  # rejected by the reader (--on-error skip)
                rejected.append((None, why))
                continue
            rid = None if raw_id is None or raw_id == "" else str(raw_id)
            reason = None
            if rid is None:
                reason = f"no {o['id_column']!r} value; the ray engine needs an id on every row"
            elif text is None:
                reason = f"{o['text_column']!r} is missing or null; expected a string"
            elif not isinstance(text, str):
                reason = f"{o['text_column']!r} is {type(text).__name__}, expected a string"
            if reason is not None:
                if o["on_error"] == "fail":
                    raise DataError(f"id {rid!r}: {reason} (use --on-error skip to write such rows to {REJECTS}).")
                rejected.append((rid, json.dumps({"line": None, "reason": f"id {rid!r}: {reason}", "raw": ""})))
                continue
            records.append(Record(rid, text, 0))
        out: Any = records
        for stage in self.stages:
            out = stage(out)
        cols: dict[str, list[Any]] = {n: [] for n in self.schema.names}

        def add(values: dict[str, Any], doc: str | None, first: bool, why: str | None) -> None:
            for n in self.names:
                cols[n].append(values.get(n))
            cols[DOC].append(doc)
            cols[FIRST].append(first)
            cols[REJECTED].append(why)

        # every stage keeps one output group per record, in order: group the rows back by record
        for rec, rows in zip(records, _rows_per_record(out, records, o)):
            if not rows:  # e.g. a blank document at passage level: no row, but the record was processed
                add({}, rec.id, True, None)
            for k, row in enumerate(rows):
                add({"id": row["id"], "json": json.dumps(row, ensure_ascii=False)} if o["output"] == "json"
                    else pl.flat_row(row, self.names), rec.id, k == 0, None)
        for rid, why in rejected:
            add({}, rid, True, why)
        return pa.Table.from_pydict(cols, schema=self.schema)


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
    return batch.filter(keep).drop_columns([DOC, FIRST, REJECTED])


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
    max_restarts: int = 4,
    max_task_retries: int = 4,
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
    - ``max_restarts`` / ``max_task_retries``: a killed actor is restarted and its batch re-run.
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
    options = {
        "model": str(model) if model is not None else "default", "text_column": text_column, "id_column": id_column,
        "documents": documents, "level": level, "aggregate": aggregate, "keep_boilerplate": keep_boilerplate,
        "context": context, "text": text, "evidence": evidence, "quantize": quantize, "output": output,
        "model_batch_size": model_batch_size, "threads": threads or max(int(num_cpus), 1),
        "device": device or ("cuda" if num_gpus else "cpu"), "on_error": on_error,
    }
    out = ds.map_batches(
        Predictor, fn_constructor_args=(options,), batch_size=batch_size, batch_format="pyarrow",
        concurrency=concurrency, num_cpus=num_cpus, num_gpus=num_gpus or None,
        max_restarts=max_restarts, max_task_retries=max_task_retries,
    )
    if not bookkeeping:
        out = out.map_batches(_strip, batch_format="pyarrow", batch_size=None, num_cpus=0.1)
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


def _records_datasource() -> type:
    """A Ray Data datasource of record files read by ``framing.io.iter_records`` (defined lazily: it subclasses
    a Ray class). Each file is read by one task, so ids, the ``<stem>:<line>`` ids of rows without one,
    duplicate checks and reject reasons are exactly those of the single-process path."""
    from ray.data.datasource import FileBasedDatasource

    class RecordsDatasource(FileBasedDatasource):  # type: ignore[misc,valid-type]
        def __init__(self, paths: list[str], *, text_column: str, id_column: str, on_error: str, local: bool,
                     block_rows: int = 256, **kwargs: Any) -> None:
            super().__init__(paths, **kwargs)
            self.columns = (text_column, id_column, on_error)
            self.local = local
            self.block_rows = block_rows

        def _read_stream(self, f: Any, path: str) -> Any:
            import pyarrow as pa

            from framing.io import Rejected, iter_records

            text_column, id_column, on_error = self.columns
            schema = pa.schema([("id", pa.string()), ("text", pa.string()), (REJECTED, pa.string())])
            with tempfile.TemporaryDirectory(prefix="framing-read-") as tmp:
                local = path
                if not (self.local and Path(path).is_file()):  # remote (or decompressed) stream: a local copy
                    name = Path(path).name
                    for ext in (".gz", ".bz2", ".zst", ".lz4", ".br", ".snappy"):
                        name = name[: -len(ext)] if name.endswith(ext) else name
                    local = str(Path(tmp) / name)
                    with open(local, "wb") as out:
                        shutil.copyfileobj(f, out, 1 << 22)
                rows: dict[str, list[Any]] = {"id": [], "text": [], REJECTED: []}
                for item in iter_records(local, text_column, id_column, on_error):  # type: ignore[arg-type]
                    if isinstance(item, Rejected):
                        why = json.dumps({"line": item.line, "reason": item.reason, "raw": item.raw}, ensure_ascii=False)
                        rows["id"].append(None), rows["text"].append(None), rows[REJECTED].append(why)
                    else:
                        rows["id"].append(item.id), rows["text"].append(item.text), rows[REJECTED].append(None)
                    if len(rows["id"]) >= self.block_rows:
                        yield pa.Table.from_pydict(rows, schema=schema)
                        rows = {k: [] for k in rows}
                if rows["id"]:
                    yield pa.Table.from_pydict(rows, schema=schema)

    return RecordsDatasource


def read_input(path: str, fs: Any, text_column: str = "text", id_column: str = "id", on_error: str = "fail",
               block_rows: int = 256) -> Any:
    """A Ray Dataset of one record file (JSONL, CSV, Parquet) with columns ``id``, ``text`` and ``_rejected``
    (the reject of ``--on-error skip``, as JSON ``{"line", "reason", "raw"}``), in file order."""
    import pyarrow.fs as pafs
    import ray.data as rd

    source = _records_datasource()([path], filesystem=fs, text_column=text_column, id_column=id_column,
                                   on_error=on_error, local=isinstance(fs, pafs.LocalFileSystem), block_rows=block_rows)
    return rd.read_datasource(source, num_cpus=0.25)


def _input_ids(path: str, fs: Any, text_column: str, id_column: str, on_error: str) -> Counter[str | None]:
    """The ids of one input file, read again independently of the prediction pass (None: a rejected row)."""
    counts: Counter[str | None] = Counter()
    ds = read_input(path, fs, text_column, id_column, on_error, block_rows=65536).select_columns(["id"])
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        counts.update(batch.column("id").to_pylist())
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


def _write_shard(ds: Any, tmp: Path, fmt: str, tasks_schema: Any, rejects: Any, source: str) -> dict[str, Any]:
    """Stream the shard's rows (driver side, in input order) into ``tmp``; returns counts and processed ids."""
    import pyarrow.parquet as pq

    processed: Counter[str | None] = Counter()
    rows = rejected = 0
    writer = pq.ParquetWriter(str(tmp), tasks_schema) if fmt == "parquet" else None
    fh = open(tmp, "w", encoding="utf-8", newline="\n") if fmt == "jsonl" else None
    try:
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            docs, firsts, why = (batch.column(c).to_pylist() for c in (DOC, FIRST, REJECTED))
            for d, f, r in zip(docs, firsts, why):
                processed[d] += int(bool(f))
                if r is not None:
                    rejected += 1
                    rejects.write(json.dumps({"input": source, **json.loads(r)}, ensure_ascii=False) + "\n")
            out = _strip(batch)
            rows += out.num_rows
            if writer is not None:
                writer.write_table(out.select(tasks_schema.names))
            elif out.num_rows:
                fh.write("\n".join(out.column("json").to_pylist()) + "\n")  # type: ignore[union-attr]
    finally:
        if writer is not None:
            writer.close()
        if fh is not None:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
    return {"processed": processed, "rows": rows, "rejected": rejected}


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
    **options: Any,
) -> dict[str, Any]:
    """Predict every record file of ``input`` into ``outdir`` (one shard per file); returns the manifest.

    ``options`` go to ``predict_dataset`` (``documents``, ``level``, ``evidence``, ``batch_size``, ...).
    Connects to the cluster at ``address`` (``auto``, ``ray://host:10001``), or starts a local one.
    """
    ray = require_ray()
    from framing.classifier import Classifier, model_directory

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
    clf = Classifier.from_pretrained(model, device="cpu")  # fail early on a bad model; gives the schema
    text_col, id_col = options.pop("text_column", "text"), options.pop("id_column", "id")
    on_error, batch_size = options.pop("on_error", "fail"), options.pop("batch_size", 256)
    settings = {"model": str(model_dir), "model_sha256": model_digest(model_dir),
                "format": fmt, "text_column": text_col, "id_column": id_col, "on_error": on_error,
                **{k: v for k, v in sorted(options.items()) if k not in ("model_batch_size", "threads")}}
    manifest = Manifest.open(out, settings, resume)
    manifest.state["inputs"] = files
    for stale in out.glob(".part-*.tmp"):
        stale.unlink()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": {"TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}})
    import ray.data as rd

    ctx = rd.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # shard rows in input order, as the single-process path writes them
    ctx.enable_progress_bars = progress
    if workers is None:
        cpus = float(ray.cluster_resources().get("CPU", 1))
        workers = max(1, int(cpus // max(cpus_per_worker, 1e-9))) if not gpus_per_worker else \
            max(1, int(float(ray.cluster_resources().get("GPU", 1)) // gpus_per_worker))
    opts = {"output": "json" if fmt == "jsonl" else "flat", **options}
    schema = arrow_schema(output_columns(clf.tasks, {"documents": False, "text": True, **opts}), bookkeeping=False)
    rejects_path = out / REJECTS
    start = time.perf_counter()
    with open(rejects_path, "a" if resume else "w", encoding="utf-8") as rejects:
        for i, src in enumerate(files):
            name = f"part-{i:05d}.{fmt}"
            if manifest.done(name, src):
                logger.info("shard %s (%s) already complete; skipped", name, src)
                continue
            t0 = time.perf_counter()
            ds = read_input(src, fs, text_col, id_col, on_error, block_rows=batch_size)
            pred = predict_dataset(ds, model, concurrency=workers, num_cpus=cpus_per_worker, num_gpus=gpus_per_worker,
                                   bookkeeping=True, batch_size=batch_size, on_error=on_error, **opts)
            tmp = out / f".{name}.tmp"
            try:
                res = _write_shard(pred, tmp, fmt, schema, rejects, src)
            except Exception as exc:
                raise _user_error(exc) from None
            check = check_shard(_input_ids(src, fs, text_col, id_col, on_error), res["processed"])
            entry = {"input": src, "output": name, "input_rows": sum(res["processed"].values()),
                     "rejected": res["rejected"], "output_rows": res["rows"],
                     "seconds": round(time.perf_counter() - t0, 2), **check}
            if not check["ok"]:
                manifest.record(name, entry)
                raise FramingError(f"shard {name} ({src}) failed its check: {json.dumps(check)}; nothing was committed "
                                   "for it (rerun with --resume).")
            os.replace(tmp, out / name)
            manifest.record(name, entry)
            rejects.flush()
    shards = manifest.state["shards"]
    manifest.state.update(complete=all(manifest.done(f"part-{i:05d}.{fmt}", s) for i, s in enumerate(files)),
                          workers=workers, seconds=round(time.perf_counter() - start, 2),
                          records=sum(s["input_rows"] for s in shards.values()),
                          rows=sum(s["output_rows"] for s in shards.values()))
    manifest.save()
    return manifest.state


def model_digest(model_dir: Path) -> str:
    """sha256 over the model's config.json and weights: which model wrote a run."""
    h = hashlib.sha256()
    for name in ("config.json", "model.safetensors"):
        with open(model_dir / name, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def _user_error(exc: BaseException) -> BaseException:
    """A DataError raised in a worker (``--on-error fail``) surfaces as a FramingError with its message."""
    cur: BaseException | None = exc
    while cur is not None:
        if isinstance(cur, DataError):
            return FramingError(str(cur))
        for attr in ("cause", "__cause__"):
            nxt = getattr(cur, attr, None)
            if isinstance(nxt, BaseException) and nxt is not cur:
                cur = nxt
                break
        else:
            cur = None
    if "DataError" in str(exc):
        msg = str(exc).split("DataError:")[-1].strip().splitlines()[0]
        return FramingError(msg)
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
