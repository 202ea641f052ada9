"""Streaming readers and writers for corpora: JSONL, CSV, Parquet, and documents (PDF, HTML, DOCX, Markdown,
text) alone or in folders (the document readers are in :mod:`framing.readers`).

Readers yield one row at a time with its line (or row) number, so memory does not grow with the
corpus and every error can name the place it was found.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from framing.errors import DataError
from framing.readers import DEFAULT_MAX_BYTES, DOCUMENT_FORMATS, read_document

RECORD_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
                  ".parquet": "parquet"}
INPUT_FORMATS = {**RECORD_FORMATS, **DOCUMENT_FORMATS}
OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
OnError = Literal["fail", "skip"]


@dataclass(frozen=True)
class Record:
    """One input text with a stable id; ``line`` is its 1-based line/row number in the source (for
    documents: the file's number in the directory listing). ``metadata``: for documents, what the reader
    found (``source``, ``format``, and where known ``title``, ``author``, ``date``, ``pages``)."""

    id: str
    text: str
    line: int
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rejected:
    """An input row that was skipped, with the reason (``--on-error skip``)."""

    line: int
    reason: str
    raw: str


def input_format(path: Path) -> str:
    """``jsonl``/``csv``/``parquet`` (rows), a document format (``pdf``, ``html``, ...), or ``docdir``."""
    if path.is_dir():
        return "docdir"
    fmt = INPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            f"{path}: unsupported input extension {path.suffix!r}; expected one of "
            f"{sorted(INPUT_FORMATS)} or a directory of documents."
        )
    return fmt


def _decode_line(raw: bytes, path: Path, lineno: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}:{lineno}: not valid UTF-8 ({exc.reason} at byte {exc.start}); re-encode the file as "
            "UTF-8 (e.g. iconv -f cp1252 -t utf-8)."
        ) from None


def _looks_binary(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(8192)
    return b"\x00" in head


def iter_rows(
    path: str | os.PathLike[str], on_error: OnError = "fail"
) -> Iterator[tuple[int, dict[str, Any] | DataError]]:
    """Yield ``(line_number, row_dict)`` from a JSONL, CSV/TSV or Parquet file, or a saved ``datasets`` dir.

    Raises DataError naming the line for malformed content; with ``on_error='skip'`` a malformed JSONL
    line is yielded as ``(line_number, DataError)`` instead, and reading goes on.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file; check the path.")
    if path.is_dir() and (path / "dataset_info.json").is_file():
        import datasets

        ds = datasets.load_from_disk(str(path))
        for i, row in enumerate(ds, 1):
            yield i, dict(row)
        return
    fmt = input_format(path)
    if fmt in ("jsonl", "csv") and _looks_binary(path):
        raise DataError(f"{path}: looks like a binary file (NUL bytes), not {fmt.upper()} text; check the file.")
    if fmt == "jsonl":
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(fh, 1):
                try:
                    line = _decode_line(raw, path, lineno)
                    if lineno == 1:
                        line = line.lstrip("\ufeff")
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise DataError(f"{path}:{lineno}: malformed JSON ({exc.msg} at column {exc.colno}); "
                                        "fix or remove the line, or use --on-error skip.") from None
                    if not isinstance(row, dict):
                        raise DataError(f"{path}:{lineno}: expected a JSON object per line, found {type(row).__name__}.")
                except DataError as exc:
                    if on_error == "fail":
                        raise
                    yield lineno, exc
                    continue
                yield lineno, row
    elif fmt == "csv":
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        with open(path, "rb") as raw_fh:
            text_fh = io.TextIOWrapper(raw_fh, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(text_fh, delimiter=delimiter)
            try:
                for row in reader:
                    yield reader.line_num, {k: v for k, v in row.items() if k is not None}
            except UnicodeDecodeError as exc:
                raise DataError(f"{path}: not valid UTF-8 near line {reader.line_num + 1} ({exc.reason}); "
                                "re-encode the file as UTF-8.") from None
            except csv.Error as exc:
                raise DataError(f"{path}:{reader.line_num}: malformed CSV ({exc}).") from None
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(str(path))
        except Exception as exc:
            raise DataError(f"{path}: not a readable Parquet file ({exc}).") from None
        n = 0
        for batch in pf.iter_batches(batch_size=4096):
            for row in batch.to_pylist():
                n += 1
                yield n, row
    else:
        raise DataError(f"{path}: {fmt} files hold one document, not rows; use iter_records().")


def _columns_hint(row: dict[str, Any]) -> str:
    return f"columns found: {sorted(map(str, row))}"


def _document_files(root: Path) -> list[Path]:
    """Every file below ``root`` in sorted order, hidden files and folders (``.name``) left out."""
    return sorted(p for p in root.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def _document_ids(root: Path, files: list[Path]) -> dict[Path, str]:
    """Relative path without suffix; with the suffix where two documents would share an id."""
    base = {f: f.relative_to(root).with_suffix("").as_posix() for f in files}
    counts: dict[str, int] = {}
    for rid in base.values():
        counts[rid] = counts.get(rid, 0) + 1
    return {f: (rid if counts[rid] == 1 else f.relative_to(root).as_posix()) for f, rid in base.items()}


def iter_records(
    path: str | os.PathLike[str],
    text_column: str = "text",
    id_column: str = "id",
    on_error: OnError = "fail",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[Record | Rejected]:
    """Yield Records (or Rejected rows when ``on_error='skip'``) from any supported input.

    A document file (``.pdf``, ``.html``/``.htm``, ``.docx``, ``.md``, ``.txt``) is one record (id: the
    file stem; ``metadata`` from the reader). A directory yields each document below it in sorted order
    (id: the relative path without suffix, or with it when two files would share an id); a file of
    another type in it is yielded as Rejected with the reason, in both modes (never skipped silently);
    hidden files are ignored. A document that cannot be read (corrupt, encrypted, scanned PDF without a
    text layer, larger than ``max_bytes``) raises DataError, or with ``on_error='skip'`` is yielded as
    Rejected. Rows without an id get ``<file stem>:<line>``, which is stable across runs. Duplicate ids are
    an error (or a reject).
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file or directory; check the path.")
    fmt = input_format(path)
    if fmt == "docdir" or fmt in DOCUMENT_FORMATS.values():
        yield from _iter_documents(path, fmt, on_error, max_bytes)
        return
    seen: set[str] = set()
    stem = path.stem
    checked_columns = False
    for lineno, row in iter_rows(path, on_error):
        if isinstance(row, DataError):
            yield Rejected(lineno, str(row), "")
            continue
        if not checked_columns and fmt != "jsonl":
            if text_column not in row:
                raise DataError(f"{path}: no text column {text_column!r}; {_columns_hint(row)}. "
                                "Pass --text-column NAME.")
            checked_columns = True
        reason = None
        if text_column not in row:
            reason = f"{path}:{lineno}: no {text_column!r} key; {_columns_hint(row)}"
        else:
            text = row[text_column]
            if text is None or (isinstance(text, float) and math.isnan(text)):
                reason = f"{path}:{lineno}: {text_column!r} is null; expected a string"
            elif not isinstance(text, str):
                reason = f"{path}:{lineno}: {text_column!r} is {type(text).__name__}, expected a string"
        raw_id = row.get(id_column)
        rid = f"{stem}:{lineno}" if raw_id is None or raw_id == "" else str(raw_id)
        if reason is None and rid in seen:
            reason = f"{path}:{lineno}: duplicate id {rid!r}; ids must be unique"
        if reason is not None:
            if on_error == "fail":
                raise DataError(reason + " (use --on-error skip to write such rows to a rejects file).")
            yield Rejected(lineno, reason, json.dumps(row, ensure_ascii=False, default=str)[:1000])
            continue
        seen.add(rid)
        yield Record(rid, row[text_column], lineno)


def _iter_documents(path: Path, fmt: str, on_error: OnError, max_bytes: int | None) -> Iterator[Record | Rejected]:
    if fmt != "docdir":
        files, ids = [path], {path: path.stem}
        root = path.parent
    else:
        root = path
        files = _document_files(path)
        docs = [f for f in files if f.suffix.lower() in DOCUMENT_FORMATS]
        if not docs:
            found = sorted({f.suffix.lower() or "(no extension)" for f in files})
            raise DataError(f"{path}: directory holds no .txt files or other documents "
                            f"({', '.join(sorted(DOCUMENT_FORMATS))}); found: {found or 'nothing'}.")
        ids = _document_ids(path, docs)
    for n, f in enumerate(files, 1):
        rel = f.relative_to(root).as_posix()
        if f not in ids:
            kind = "a record file (pass it on its own to read its rows)" if f.suffix.lower() in RECORD_FORMATS else \
                f"unsupported extension {f.suffix.lower() or '(none)'!r}"
            yield Rejected(n, f"{f}: {kind}; not read. Documents are read from "
                              f"{', '.join(sorted(DOCUMENT_FORMATS))} files.", rel)
            continue
        try:
            doc = read_document(f, max_bytes=max_bytes)
        except DataError as exc:
            if on_error == "fail":
                raise DataError(f"{exc} (use --on-error skip to skip such files and list them in a rejects file).") from None
            yield Rejected(n, str(exc), rel)
            continue
        except OSError as exc:
            reason = f"{f}: cannot be read ({exc.strerror or exc}); check permissions."
            if on_error == "fail":
                raise DataError(reason) from None
            yield Rejected(n, reason, rel)
            continue
        meta = dict(doc.metadata)
        meta["source"] = rel if fmt == "docdir" else str(f)
        yield Record(ids[f], doc.text, n, meta)


def output_format(path: str | None) -> str:
    if path is None or path == "-":
        return "jsonl"
    fmt = OUTPUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise DataError(f"{path}: unsupported output extension {Path(path).suffix!r}; use one of {sorted(OUTPUT_FORMATS)}.")
    return fmt


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    """Flatten the JSON output contract for CSV/Parquet: ``task``, ``task.score.<label>`` columns."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict) and "scores" in value:
            if "label" in value:
                flat[key] = value["label"]
            else:
                flat[key] = "|".join(value["labels"])
            for lab, s in value["scores"].items():
                flat[f"{key}.score.{lab}"] = s
        else:
            flat[key] = value
    return flat


class RowWriter:
    """Write output rows incrementally to JSONL (file or stdout), CSV or Parquet.

    ``flush()`` pushes buffered rows to the OS and fsyncs, so a crash loses at most the rows since.
    """

    def __init__(self, path: str | None, append: bool = False) -> None:
        self.path = path
        self.format = output_format(path)
        self._fh: IO[str] | None = None
        self._csv: csv.DictWriter[str] | None = None
        self._parquet: Any = None
        self._buffer: list[dict[str, Any]] = []
        if path not in (None, "-"):
            parent = Path(path).resolve().parent
            if not parent.is_dir():
                raise DataError(f"output directory {parent} does not exist; create it first (mkdir -p {parent}).")
            if not os.access(parent, os.W_OK):
                raise DataError(f"output directory {parent} is not writable; choose another --output path.")
            if self.format == "parquet" and append:
                raise DataError("--resume is not supported for Parquet output; write JSONL or CSV and convert after.")
        if self.format == "jsonl":
            self._fh = sys.stdout if path in (None, "-") else open(path, "a" if append else "w", encoding="utf-8", newline="\n")
        elif self.format == "csv":
            self._fh = open(path, "a" if append else "w", encoding="utf-8", newline="")  # type: ignore[arg-type]
            self._csv_header_written = append and Path(path).stat().st_size > 0  # type: ignore[arg-type]

    def write(self, row: dict[str, Any]) -> None:
        if self.format == "jsonl":
            assert self._fh is not None
            self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif self.format == "csv":
            flat = flatten(row)
            if self._csv is None:
                self._csv = csv.DictWriter(self._fh, fieldnames=list(flat), extrasaction="ignore")  # type: ignore[arg-type]
                if not self._csv_header_written:
                    self._csv.writeheader()
            self._csv.writerow(flat)
        else:
            self._buffer.append(flatten(row))
            if len(self._buffer) >= 8192:
                self._flush_parquet()

    def _flush_parquet(self) -> None:
        if not self._buffer:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self._buffer)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(str(self.path), table.schema)
        self._parquet.write_table(table.cast(self._parquet.schema))
        self._buffer = []

    def flush(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            if self._fh is not sys.stdout:
                os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self.format == "parquet":
            self._flush_parquet()
            if self._parquet is None:  # no rows at all: still write a valid empty file
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.table({"id": pa.array([], pa.string())}), str(self.path))
            else:
                self._parquet.close()
        elif self._fh is not None:
            self.flush()
            if self._fh is not sys.stdout:
                self._fh.close()

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
