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
    (docs / "one.txt").write_text("GORIS\n\narmenian artsakh blockade aggression forced displacement of the people.\n\nfootball match festival music dram rate in the region this week.")
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


# ---------------------------------------------------------------------------- documents: levels, boilerplate, context
def _web_docs(tmp_path: Path) -> Path:
    from docfixtures import web

    d = tmp_path / "web"
    d.mkdir()
    (d / "dump.txt").write_text(web.pasted_text(web.DUMP_A))
    (d / "ngo.txt").write_text(web.pasted_text(web.NGO))
    (d / "empty.txt").write_text("  \n")
    return d


def test_predict_levels_jsonl(cli_model: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert main(["predict", str(_web_docs(tmp_path)), "--model", str(cli_model), "--documents", "--level", "all",
                 "-o", str(out), "--no-progress"]) == 0
    rows = _read_jsonl(out)
    docs = [r for r in rows if r["level"] == "document"]
    assert [r["id"] for r in docs] == ["dump", "empty", "ngo"]
    assert docs[1]["passages"] == 0 and docs[1]["stance"]["label"] is None
    ngo = docs[2]
    assert ngo["boilerplate"] >= 10 and set(ngo["stance"]) == {"label", "scores"}
    arts = [r for r in rows if r["level"] == "article" and r["doc_id"] == "dump"]
    assert [a["id"] for a in arts] == ["dump#a0", "dump#a1", "dump#a2", "dump#a3"]
    assert arts[1]["title"].startswith("Azerbaijan and Armenia exchange prisoners")
    passages = [r for r in rows if r["level"] == "passage"]
    assert all({"doc_id", "start", "end", "article", "kind", "boilerplate", "boilerplate_reason", "text"} <= set(r) for r in passages)
    flagged = [r for r in passages if r["boilerplate"]]
    assert flagged and all(r["boilerplate_reason"] for r in flagged)
    text = (tmp_path / "web" / "ngo.txt").read_text()
    first = next(r for r in passages if r["doc_id"] == "ngo")
    assert text[first["start"]:first["end"]].startswith("Accessibility")


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_predict_levels_tabular(cli_model: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"all.{ext}"
    assert main(["predict", str(_web_docs(tmp_path)), "--model", str(cli_model), "--documents", "--level", "all",
                 "--no-text", "-o", str(out), "--no-progress"]) == 0
    if ext == "csv":
        rows = list(csv.DictReader(open(out, newline="")))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(str(out)).to_pylist()
    assert list(rows[0])[:5] == ["id", "level", "doc_id", "article", "title"] and "text" not in rows[0]
    assert {r["level"] for r in rows} == {"document", "article", "passage"}
    assert "stance.score.pro_a" in rows[0] and "frames.score.Culture" in rows[0]


def test_keep_boilerplate_and_document_level(cli_model: Path, tmp_path: Path) -> None:
    docs = _web_docs(tmp_path)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["predict", str(docs), "--model", str(cli_model), "--documents", "--level", "document", "-o", str(a), "--no-progress"]) == 0
    assert main(["predict", str(docs), "--model", str(cli_model), "--documents", "--level", "document", "--keep-boilerplate",
                 "-o", str(b), "--no-progress"]) == 0
    ra, rb = _read_jsonl(a), _read_jsonl(b)
    assert [r["level"] for r in ra] == ["document"] * 3
    assert ra[2]["boilerplate"] == rb[2]["boilerplate"] > 0
    assert ra[2]["stance"]["scores"] != rb[2]["stance"]["scores"]


def test_no_context_switch(cli_model: Path, tmp_path: Path) -> None:
    import shutil

    model = tmp_path / "ctx-model"
    shutil.copytree(cli_model, model)
    cfg = json.loads((model / "config.json").read_text())
    cfg["inference"] = {"context_weight": 0.6}
    (model / "config.json").write_text(json.dumps(cfg))
    docs = _web_docs(tmp_path)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["predict", str(docs), "--model", str(model), "--documents", "-o", str(a), "--no-progress"]) == 0
    assert main(["predict", str(docs), "--model", str(model), "--documents", "--no-context", "-o", str(b), "--no-progress"]) == 0
    ra, rb = _read_jsonl(a), _read_jsonl(b)
    content = [(x, y) for x, y in zip(ra, rb) if not x["boilerplate"]]
    assert content and any(x["stance"]["scores"] != y["stance"]["scores"] for x, y in content)


def test_pretty_documents_show_boilerplate(cli_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["predict", str(_web_docs(tmp_path)), "--model", str(cli_model), "--documents", "--pretty", "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "=== ngo" in captured.out and "[boilerplate: widget]" in captured.out and "-- article 1:" in captured.out
    assert "boilerplate" in captured.err  # summary counts boilerplate passages


def test_documents_resume_completes(cli_model: Path, tmp_path: Path) -> None:
    docs = _web_docs(tmp_path)
    ref, out = tmp_path / "ref.jsonl", tmp_path / "out.jsonl"
    args = ["predict", str(docs), "--model", str(cli_model), "--documents", "--level", "all", "--chunk-size", "1", "--no-progress"]
    assert main([*args, "-o", str(ref)]) == 0
    assert main([*args, "-o", str(out), "--resume"]) == 0
    progress = json.loads((tmp_path / "out.jsonl.progress").read_text())
    assert progress["complete"] and progress["records"] == 3
    # Simulate a crash after the first chunk: truncate to the first document's rows and resume.
    first_doc_rows = [line for line in ref.read_text().splitlines() if '"doc_id": "dump"' in line or '"id": "dump"' in line]
    out.write_text("\n".join(first_doc_rows) + "\n")
    (tmp_path / "out.jsonl.progress").write_text(json.dumps({"records": 1, "output_bytes": out.stat().st_size,
                                                             "rejects_bytes": 0, "complete": False}))
    assert main([*args, "-o", str(out), "--resume"]) == 0
    assert out.read_bytes() == ref.read_bytes()


def test_document_options_need_documents(cli_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _inputs(tmp_path)["jsonl"]
    assert main(["predict", str(src), "--model", str(cli_model), "--level", "document", "--no-progress"]) == 2
    assert "add --documents" in capsys.readouterr().err
