"""CLI round trip: train a tiny model -> predict in every format -> evaluate, asserting files and contract."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from conftest import tiny_config
from framing.cli import main


@pytest.fixture(scope="module")
def cli_model(tiny_backbone: Path, tiny_data: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    cfg = tiny_config(tiny_backbone, tiny_data, d / "model")
    (d / "cfg.yaml").write_text(yaml.safe_dump(cfg))
    assert main(["train", str(d / "cfg.yaml"), "--set", "training.epochs=2", "--set", "training.max_steps=6", "--no-progress"]) == 0
    saved = json.loads((d / "model" / "training_config.json").read_text())
    assert saved["training"]["epochs"] == 2.0 and saved["training"]["max_steps"] == 6
    return d / "model"


def _inputs(tmp_path: Path) -> dict[str, Path]:
    rows = [{"id": "a1", "text": "armenian artsakh blockade"}, {"id": "a2", "text": "football match"}, {"id": "a3", "text": ""}]
    jl = tmp_path / "in.jsonl"
    jl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cs = tmp_path / "in.csv"
    with open(cs, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text"])
        w.writeheader()
        w.writerows(rows)
    import pyarrow as pa
    import pyarrow.parquet as pq

    pqf = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), str(pqf))
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "one.txt").write_text("GORIS\n\narmenian artsakh blockade aggression forced displacement of the people\n\nfootball match festival music dram rate in the region this week")
    (docs / "sub" / "two.txt").write_text("liberated territory integrity separatist regime anti terror operation")
    return {"jsonl": jl, "csv": cs, "parquet": pqf, "dir": docs, "txt": docs / "one.txt"}


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_predict_record_inputs(cli_model: Path, tmp_path: Path, fmt: str) -> None:
    src = _inputs(tmp_path)[fmt]
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(src), "--model", str(cli_model), "--output", str(out), "--no-progress"]) == 0
    rows = _read_jsonl(out)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    assert set(rows[0]) == {"id", "stance", "frames"}
    assert set(rows[0]["stance"]) == {"label", "scores"} and set(rows[0]["frames"]) == {"labels", "scores"}
    assert rows[2]["stance"]["label"] is None  # empty text: well-defined empty result


def test_predict_documents_from_directory(cli_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(_inputs(tmp_path)["dir"]), "--model", str(cli_model), "--documents", "-o", str(out), "--no-progress"]) == 0
    rows = _read_jsonl(out)
    assert [r["doc_id"] for r in rows] == ["one", "one", "sub/two"]
    assert rows[0]["id"] == "one#p0" and rows[0]["start"] == 0
    text = (tmp_path / "docs" / "one.txt").read_text()
    assert text[rows[1]["start"] : rows[1]["end"]].startswith("football")


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_predict_output_formats(cli_model: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"out.{ext}"
    assert main(["predict", str(_inputs(tmp_path)["txt"]), "--model", str(cli_model), "-o", str(out), "--no-progress"]) == 0
    if ext == "csv":
        rows = list(csv.DictReader(open(out)))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(str(out)).to_pylist()
    assert rows[0]["id"] == "one" and "stance" in rows[0] and "stance.score.pro_a" in rows[0] and "frames.score.Culture" in rows[0]


def test_predict_stdout(cli_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["predict", str(_inputs(tmp_path)["jsonl"]), "--model", str(cli_model), "--no-progress"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a1", "a2", "a3"]


def test_evaluate_writes_report(cli_model: Path, tiny_data: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report"
    assert main(["evaluate", str(tiny_data["test"]), "--model", str(cli_model), "--report-dir", str(report), "--bootstrap", "50", "--no-progress"]) == 0
    brief = json.loads(capsys.readouterr().out)
    assert brief["stance"]["n"] == 40 and 0 <= brief["frames"]["micro_f1"] <= 1
    assert (report / "report.md").read_text().startswith("# Evaluation report")
    assert (report / "stance_confusion.png").stat().st_size > 1000


def test_user_errors_exit_2(cli_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "in.xml"
    bad.write_text("<x/>")
    assert main(["predict", str(bad), "--model", str(cli_model)]) == 2
    assert "unsupported input extension '.xml'" in capsys.readouterr().err
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("data: {train: x.jsonl}\ntasks: [{name: s, kind: single_label}]\ntraining: {output_dir: o, epoch: 3}\n")
    assert main(["train", str(cfg)]) == 2
    assert "unknown key(s) ['epoch']" in capsys.readouterr().err


@pytest.mark.parametrize("mode", ["int8", "bf16"])
def test_predict_quantized_keeps_order_and_agrees(cli_model: Path, tmp_path: Path, mode: str) -> None:
    src = _inputs(tmp_path)["jsonl"]
    ref, fast = tmp_path / "ref.jsonl", tmp_path / f"{mode}.jsonl"
    assert main(["predict", str(src), "--model", str(cli_model), "--output", str(ref), "--no-progress"]) == 0
    assert main(["predict", str(src), "--model", str(cli_model), "--output", str(fast), "--quantize", mode, "--no-progress"]) == 0
    a, b = _read_jsonl(ref), _read_jsonl(fast)
    assert [r["id"] for r in b] == ["a1", "a2", "a3"]
    assert b[2]["stance"]["label"] is None
    for x, y in zip(a[:2], b[:2]):
        for label, score in x["stance"]["scores"].items():
            assert abs(y["stance"]["scores"][label] - score) < 0.05
