"""The HTML report (framing.report, `framing report`, `framing predict --html`) without a browser."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from framing.cli import main
from framing.report import build_context, load_rows, month_of, render, wilson

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def predictions(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Predictions of the bundled example documents at every level, and with evidence at level all."""
    d = tmp_path_factory.mktemp("report")
    out = {}
    for level in ("passage", "article", "document", "all"):
        out[level] = d / f"{level}.jsonl"
        assert main(["predict", str(EXAMPLES), "--documents", "--level", level, "--model", str(trained_model),
                     "-o", str(out[level]), "--no-progress"]) == 0
    out["evidence"] = d / "evidence.jsonl"
    assert main(["predict", str(EXAMPLES), "--documents", "--level", "all", "--evidence", "--model", str(trained_model),
                 "-o", str(out["evidence"]), "--no-progress"]) == 0
    return out


def test_wilson_and_months() -> None:
    lo, hi = wilson(20, 100)
    assert lo == pytest.approx(0.1333, abs=1e-3) and hi == pytest.approx(0.2888, abs=1e-3)
    assert wilson(0, 0) == (0.0, 0.0) and wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    for value, month in [("2023-12-21", "2023-12"), ("21 December 2023", "2023-12"), ("December 7, 2023", "2023-12"),
                         ("04.04.2024", "2024-04"), ("Posted 19 September 2024 | News", "2024-09"),
                         ("7 Dec 2023 10:15", "2023-12"), ("yesterday", None), (None, None)]:
        assert month_of(value) == month, value


def _self_contained(html: str) -> None:
    assert "<script src" not in html and 'rel="stylesheet"' not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing fetched
    assert "<svg" in html and "<style>" in html


@pytest.mark.parametrize("level", ["passage", "article", "document", "all", "evidence"])
def test_report_at_every_level(predictions: dict[str, Path], tmp_path: Path, level: str) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(predictions[level]), "-o", str(out)]) == 0
    html = out.read_text()
    _self_contained(html)
    rows = load_rows(predictions[level])
    ctx = build_context(rows)
    assert ctx["n_docs"] == 5 and len(ctx["docs"]) == 5
    n_templates = len(re.findall(r'<template id="doc-\d+">', html))
    assert n_templates == 5
    has_passages = level in ("passage", "all", "evidence")
    assert bool(re.search(r'class="passage[" ]', html)) == has_passages
    assert (ctx["n_passages"] > 0) == has_passages
    units = {p["unit"] for p in ctx["panels"]}
    assert units == {"passage": {"passages"}, "article": {"articles"}, "document": {"documents"}}.get(
        level, {"passages", "articles", "documents"})
    if level != "passage":  # document rows carry the reader's dates: a by-month view exists
        assert any(p["group"] == "month" for p in ctx["panels"])
    assert ('<mark class="ev"' in html) == (level == "evidence")
    assert ("boilerplate:" in html) == has_passages


def test_evidence_is_highlighted_inside_the_passage_text(predictions: dict[str, Path]) -> None:
    rows = load_rows(predictions["evidence"])
    ctx = build_context(rows)
    passages = [p for d in ctx["docs"] for page in d["pages"] for p in page]
    content = [p for p in passages if not p["boilerplate"]]
    assert content
    located = sum(1 for p in content if any(s["evkeys"] for s in p["segments"]))
    assert located == len(content)  # every explained passage shows its evidence inline
    for p in content:
        assert "".join(s["text"] for s in p["segments"]) == next(r["text"] for r in rows if r.get("id") == p["id"])
        assert not p["missing"]


def test_predict_html_shortcut_and_metadata_grouping(trained_model: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.html"
    assert main(["predict", str(EXAMPLES), "--documents", "--evidence", "--model", str(trained_model),
                 "--html", str(report), "--no-progress"]) == 0
    assert capsys.readouterr().out == ""  # the report is the output
    html = report.read_text()
    _self_contained(html)
    assert '<mark class="ev"' in html and 'data-group="month"' in html
    # with --output too, and --level passage: the report still gets documents and articles
    out = tmp_path / "p.jsonl"
    assert main(["predict", str(EXAMPLES), "--documents", "--model", str(trained_model), "-o", str(out),
                 "--html", str(report), "--no-progress"]) == 0
    assert {json.loads(x)["level"] for x in out.read_text().splitlines()} == {"passage"}
    assert 'data-unit="documents"' in report.read_text()
    meta = tmp_path / "meta.csv"
    ids = sorted({json.loads(x)["doc_id"] for x in out.read_text().splitlines()})
    meta.write_text("id,source,text\n" + "".join(f"{i},{'agency' if k % 2 else 'ngo'},x\n" for k, i in enumerate(ids)))
    assert main(["report", str(out), "-o", str(report), "--metadata", str(meta), "--by", "source", "--title", "T"]) == 0
    html = report.read_text()
    assert 'data-group="col:source"' in html and "<title>T</title>" in html


def test_report_errors(trained_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({"id": "a", "perspective": {"label": "x", "scores": {"x": 1.0}}}) + "\n")
    assert main(["report", str(plain), "-o", str(tmp_path / "r.html")]) == 2
    assert "--documents" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "football match"}) + "\n")
    assert main(["predict", str(src), "--model", str(trained_model), "--html", str(tmp_path / "r.html")]) == 2
    assert "--documents" in capsys.readouterr().err


def _synthetic(n_docs: int, per_doc: int) -> list[dict]:
    labels = ["pro_armenian", "pro_azerbaijani", "neutral", "unrelated"]
    frames = ["Political", "Economic", "Security_and_defense"]
    rows = []
    for d in range(n_docs):
        lab = labels[d % 4]
        rows.append({"id": f"d{d}", "level": "document", "title": f"Document {d}", "date": f"2024-0{1 + d % 6}-01",
                     "author": None, "passages": per_doc, "boilerplate": 0, "articles": 1,
                     "perspective": {"label": lab, "scores": {x: (0.7 if x == lab else 0.1) for x in labels}},
                     "frames": {"labels": ["Political"], "scores": {f: 0.6 if f == "Political" else 0.2 for f in frames}}})
        for k in range(per_doc):
            text = f"Sentence one of passage {k}. Sentence two mentions Baku and Yerevan. Sentence three ends it."
            rows.append({"id": f"d{d}#p{k}", "level": "passage", "doc_id": f"d{d}", "start": 100 * k, "end": 100 * k + len(text),
                         "article": 0, "kind": "content", "boilerplate": k % 10 == 9,
                         "boilerplate_reason": "navigation" if k % 10 == 9 else None, "text": text,
                         "perspective": {"label": labels[k % 4], "scores": {x: (0.7 if x == labels[k % 4] else 0.1) for x in labels}},
                         "frames": {"labels": frames[: k % 3], "scores": {f: 0.5 for f in frames}},
                         "evidence": {"perspective": {labels[k % 4]: {"whole_passage": False, "sentences": [
                             {"start": 100 * k + 29, "end": 100 * k + 72, "score": 0.3, "text": "Sentence two mentions Baku and Yerevan."}]}},
                             "frames": {}}})
    return rows


def test_ten_thousand_passages_render_fast_and_lazily() -> None:
    rows = _synthetic(50, 200)  # 10,000 passages
    t0 = time.perf_counter()
    html = render(rows)
    elapsed = time.perf_counter() - t0
    assert elapsed < 30, elapsed
    # passages live in <template> elements (inert until a document is opened), one per page of passages
    assert len(re.findall(r'<template id="doc-\d+-page-\d+">', html)) == 50
    body = re.sub(r"<template.*?</template>", "", html, flags=re.S)
    assert not re.search(r'class="passage[" ]', body)
    assert html.count('<mark class="ev"') == 10000


def test_text_is_escaped() -> None:
    rows = _synthetic(1, 2)
    rows[0]["title"] = "<b>bold</b>"
    rows[1]["text"] = "<script>alert(1)</script> Sentence two mentions Baku and Yerevan."
    html = render(rows)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
