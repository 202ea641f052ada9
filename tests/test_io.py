"""Readers and writers under bad input: every case is a clear error or a counted, recorded skip."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.errors import DataError
from framing.io import Record, Rejected, RowWriter, iter_records


def records(path: Path, **kw: object) -> list[Record | Rejected]:
    return list(iter_records(path, **kw))  # type: ignore[arg-type]


def test_bom_crlf_and_generated_ids(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"text": "first"}\r\n{"id": "x", "text": "second"}\r\n\r\n{"text": "third"}\r\n')
    got = records(p)
    assert [(r.id, r.text) for r in got] == [("in:1", "first"), ("x", "second"), ("in:4", "third")]


def test_csv_with_bom_and_missing_text_column(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_bytes("\ufeffid,body\r\n1,hello\r\n".encode())
    with pytest.raises(DataError, match=r"no text column 'text'; columns found: \['body', 'id'\]"):
        records(p)
    assert records(p, text_column="body")[0].text == "hello"


def test_malformed_jsonl_line_fail_and_skip(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": \n{"id": "c", "text": "ok"}\n')
    with pytest.raises(DataError, match=r"in.jsonl:2: malformed JSON"):
        records(p)
    got = records(p, on_error="skip")
    assert [type(r).__name__ for r in got] == ["Record", "Rejected", "Record"]
    assert got[1].line == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "line,match",
    [
        ('{"id": "n", "text": null}', "is null"),
        ('{"id": "n", "text": 42}', "is int, expected a string"),
        ('{"id": "n", "body": "x"}', r"no 'text' key; columns found: \['body', 'id'\]"),
        ('["not", "an", "object"]', "expected a JSON object"),
    ],
)
def test_bad_text_values(tmp_path: Path, line: str, match: str) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "fine"}\n' + line + "\n")
    with pytest.raises(DataError, match=match):
        records(p)
    got = records(p, on_error="skip")
    assert isinstance(got[1], Rejected) and got[1].line == 2


def test_duplicate_ids(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n')
    with pytest.raises(DataError, match="duplicate id 'a'"):
        records(p)
    assert isinstance(records(p, on_error="skip")[1], Rejected)


def test_non_utf8(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    with pytest.raises(DataError, match=r"in.jsonl:2: not valid UTF-8.*re-encode"):
        records(p)
    t = tmp_path / "doc.txt"
    t.write_bytes(b"caf\xe9 au lait")
    with pytest.raises(DataError, match="not valid UTF-8"):
        records(t)


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_bytes(os.urandom(64) + b"\x00\x00" + os.urandom(64))
    with pytest.raises(DataError, match="binary file"):
        records(p)


def test_empty_file_and_empty_directory(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text("")
    assert records(p) == []
    (tmp_path / "d").mkdir()
    with pytest.raises(DataError, match="holds no .txt files"):
        records(tmp_path / "d")


def test_unsupported_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        records(tmp_path / "nope.jsonl")
    p = tmp_path / "in.xlsx"
    p.write_text("x")
    with pytest.raises(DataError, match=r"unsupported input extension '.xlsx'"):
        records(p)


def test_parquet_wrong_column_type(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": [1, 2]}), str(p))
    with pytest.raises(DataError, match="'text' is int, expected a string"):
        records(p)


def test_huge_passage(tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    big = "word " * 1_000_000  # 5 MB
    p.write_text(json.dumps({"id": "big", "text": big}) + "\n")
    (r,) = records(p)
    assert isinstance(r, Record) and len(r.text) == 5_000_000


def test_output_directory_missing_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DataError, match="does not exist; create it first"):
        RowWriter(str(tmp_path / "missing" / "out.jsonl"))
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # root ignores permission bits: simulate what a normal user sees
            monkeypatch.setattr(os, "access", lambda path, mode: False)
        with pytest.raises(DataError, match="not writable"):
            RowWriter(str(ro / "out.jsonl"))
    finally:
        ro.chmod(0o700)
    with pytest.raises(DataError, match="unsupported output extension"):
        RowWriter(str(tmp_path / "out.xlsx"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_fuzz_jsonl_reader_raises_only_data_error(tmp_path: Path, blob: bytes) -> None:
    p = tmp_path / "fuzz.jsonl"
    p.write_bytes(blob)
    try:
        for r in iter_records(p, on_error="skip"):
            assert isinstance(r, (Record, Rejected))
    except DataError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40), max_size=5))
def test_fuzz_csv_reader(tmp_path: Path, cells: list[str]) -> None:
    import csv

    p = tmp_path / "fuzz.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        for i, c in enumerate(cells):
            w.writerow([str(i), c])
    got = records(p)
    assert [r.text for r in got] == [c for c in cells]  # type: ignore[union-attr]
