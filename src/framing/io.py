"""Streaming readers and writers for corpora: JSONL, CSV, Parquet, .txt files and folders of them.

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
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from framing.errors import DataError

INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
                 ".parquet": "parquet", ".txt": "txt"}
OUTPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
OnError = Literal["fail", "skip"]


@dataclass(frozen=True)
class Record:
    """One input text with a stable id; ``line`` is its 1-based line/row number in the source."""

    id: str
    text: str
    line: int


@dataclass(frozen=True)
class Rejected:
    """An input row that was skipped, with the reason (``--on-error skip``)."""

    line: int
    reason: str
    raw: str


def input_format(path: Path) -> str:
    if path.is_dir():
        return "txtdir"
    fmt = INPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(
            f"{path}: unsupported input extension {path.suffix!r}; expected one of "
            f"{sorted(INPUT_FORMATS)} or a directory of .txt files."
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
        raise DataError(f"{path}: {fmt} files hold one text, not rows; use iter_records().")


def _columns_hint(row: dict[str, Any]) -> str:
    return f"columns found: {sorted(map(str, row))}"


def iter_records(
    path: str | os.PathLike[str],
    text_column: str = "text",
    id_column: str = "id",
    on_error: OnError = "fail",
) -> Iterator[Record | Rejected]:
    """Yield Records (or Rejected rows when ``on_error='skip'``) from any supported input.

    A ``.txt`` file is one record (id: the file stem); a directory yields each ``*.txt`` below it in
    sorted order (id: the relative path without suffix). Rows without an id get ``<file stem>:<line>``,
    which is stable across runs. Duplicate ids are an error (or a reject).
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path}: no such file or directory; check the path.")
    fmt = input_format(path)
    if fmt in ("txt", "txtdir"):
        files = [path] if fmt == "txt" else sorted(p for p in path.rglob("*.txt") if p.is_file())
        if fmt == "txtdir" and not files:
            raise DataError(f"{path}: directory holds no .txt files; expected one document per .txt file.")
        for n, f in enumerate(files, 1):
            rid = f.stem if fmt == "txt" else f.relative_to(path).with_suffix("").as_posix()
            data = f.read_bytes()
            try:
                if b"\x00" in data[:8192]:
                    raise DataError(f"{f}: looks like a binary file (NUL bytes), not text.")
                text = data.decode("utf-8-sig")
            except (UnicodeDecodeError, DataError) as exc:
                reason = str(exc) if isinstance(exc, DataError) else f"{f}: not valid UTF-8 ({exc.reason}); re-encode it as UTF-8."
                if on_error == "fail":
                    raise DataError(reason) from None
                yield Rejected(n, reason, f.name)
                continue
            yield Record(rid, text, n)
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
