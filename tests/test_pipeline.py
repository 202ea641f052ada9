"""Pipeline stages, aggregation without boilerplate, articles, output levels and the context mix (tiny random model)."""
from __future__ import annotations

import csv
import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from docfixtures import web
from framing import Classifier
from framing.aggregate import context_mix
from framing.config import ModelConfig
from framing.pipeline import (Aggregate, Classify, DocResult, Extract, ToRows, columns, extract_document,
                              open_writer)
from framing.tasks import Task

TASKS = [Task("stance", "single_label", ("neutral", "pro_a", "pro_b", "unrelated")),
         Task("frames", "multi_label", ("Security", "Economic", "Culture"))]


@pytest.fixture(scope="module")
def model_dir(tiny_backbone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    clf = Classifier.from_config(ModelConfig(backbone=str(tiny_backbone), finetune="full", max_length=64, stride=16),
                                 TASKS, device="cpu")
    clf.prepare_for_inference()
    return clf.save_pretrained(tmp_path_factory.mktemp("rand") / "model")


@pytest.fixture(scope="module")
def clf(model_dir: Path) -> Classifier:
    return Classifier.from_pretrained(model_dir, device="cpu")


@pytest.fixture(scope="module")
def context_model(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ctx") / "model"
    shutil.copytree(model_dir, d)
    cfg = json.loads((d / "config.json").read_text())
    cfg["inference"] = {"context_weight": 0.5}
    (d / "config.json").write_text(json.dumps(cfg))
    return d


def _mean(passages, task: str, labels: tuple[str, ...]) -> np.ndarray:  # type: ignore[no-untyped-def]
    w = np.array([max(len(p.text.split()), 1) for p in passages], dtype=float)
    m = np.array([[p.prediction[task].scores[lab] for lab in labels] for p in passages])
    return (m * w[:, None]).sum(0) / w.sum()


def test_aggregates_leave_out_boilerplate(clf: Classifier) -> None:
    doc = clf.predict_documents([web.pasted_text(web.NGO)], context=False)[0]
    content = [p for p in doc.passages if not p.boilerplate]
    assert doc.boilerplate == sum(p.boilerplate for p in doc.passages) >= 10
    assert all(p.boilerplate_reason for p in doc.passages if p.boilerplate)
    labels = TASKS[0].labels
    got = np.array([doc.prediction["stance"].scores[lab] for lab in labels])
    assert np.allclose(got, _mean(content, "stance", labels), atol=1e-6)
    keep = clf.predict_documents([web.pasted_text(web.NGO)], context=False, keep_boilerplate=True)[0]
    got_all = np.array([keep.prediction["stance"].scores[lab] for lab in labels])
    assert np.allclose(got_all, _mean(keep.passages, "stance", labels), atol=1e-6)
    assert not np.allclose(got, got_all, atol=1e-7)
    assert keep.boilerplate == doc.boilerplate  # still counted and flagged


def test_articles_are_aggregated(clf: Classifier) -> None:
    doc = clf.predict_documents([web.pasted_text(web.DUMP_A)], context=False)[0]
    assert [a.index for a in doc.articles] == [0, 1, 2, 3]
    assert [a.title for a in doc.articles[1:]] == list(web.DUMP_A_TITLES)
    assert doc.articles[1].date == "7 December 2023"
    a2 = doc.articles[2]
    mine = [p for p in doc.passages if p.article == 2 and not p.boilerplate]
    assert a2.passages == len([p for p in doc.passages if p.article == 2])
    labels = TASKS[0].labels
    assert np.allclose([a2.prediction["stance"].scores[lab] for lab in labels], _mean(mine, "stance", labels), atol=1e-6)
    assert doc.articles[0].prediction.empty  # the export banner is all boilerplate


def test_empty_and_all_boilerplate_documents(clf: Classifier) -> None:
    docs = clf.predict_documents(["", "  \n\n ", "Skip to content\nHome\nNews\nContact\nSearch"])
    assert docs[0].prediction.empty and docs[0].passages == () and docs[0].articles == ()
    assert docs[1].prediction.empty
    assert docs[2].passages and all(p.boilerplate for p in docs[2].passages) and docs[2].prediction.empty
    assert docs[2].boilerplate == len(docs[2].passages)


def test_max_aggregation_and_metadata(clf: Classifier) -> None:
    doc = clf.predict_documents([web.pasted_text(web.NEWS)], aggregate="max", metadata=[{"title": "T", "author": "A"}])[0]
    content = [p for p in doc.passages if not p.boilerplate]
    for lab in TASKS[1].labels:
        assert doc.prediction["frames"].scores[lab] == pytest.approx(max(p.prediction["frames"].scores[lab] for p in content), abs=1e-6)
    assert doc.metadata == {"title": "T", "author": "A", "date": "14 May 2024"}  # the date from the article header
    with pytest.raises(ValueError):
        clf.predict_documents(["x"], aggregate="median")  # type: ignore[arg-type]


def test_context_mix_math() -> None:
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=np.float32)
    ctx = np.array([0.2, 0.6, 0.2])
    assert np.array_equal(context_mix(p, ctx, 0.0, "single_label"), p)
    full = context_mix(p, ctx, 1.0, "single_label")
    assert np.allclose(full, np.tile(ctx, (2, 1)), atol=1e-6)
    half = context_mix(p, ctx, 0.5, "single_label")
    expect = np.sqrt(p * ctx)
    assert np.allclose(half, expect / expect.sum(1, keepdims=True), atol=1e-6)
    # Multi-label: per label on the Bernoulli pair.
    pm = np.array([[0.9, 0.5]], dtype=np.float32)
    cm = np.array([0.1, 0.5])
    out = context_mix(pm, cm, 0.5, "multi_label")
    assert np.allclose(out, [[0.5, 0.5]], atol=1e-6)
    a, b = np.sqrt(0.9 * 0.3), np.sqrt(0.1 * 0.7)
    assert context_mix(np.array([[0.9]], dtype=np.float32), np.array([0.3]), 0.5, "multi_label")[0, 0] == pytest.approx(a / (a + b), abs=1e-6)


def test_context_weight_from_config(context_model: Path) -> None:
    clf = Classifier.from_pretrained(context_model, device="cpu")
    assert clf.inference == {"context_weight": 0.5}
    text = web.pasted_text(web.DUMP_A)
    on = clf.predict_documents([text])[0]
    off = clf.predict_documents([text], context=False)[0]
    # Document and article aggregates come from the unmixed passage scores.
    assert on.prediction.to_dict() == off.prediction.to_dict()
    labels = TASKS[0].labels
    for p_on, p_off in zip(on.passages, off.passages):
        raw = np.array([[p_off.prediction["stance"].scores[lab] for lab in labels]], dtype=np.float32)
        if p_off.boilerplate:
            assert p_on.prediction.to_dict() == p_off.prediction.to_dict()
            continue
        art = next(a for a in off.articles if a.index == p_off.article)
        ctx = np.array([art.prediction["stance"].scores[lab] for lab in labels])
        mixed = context_mix(raw, ctx, 0.5, "single_label")[0]
        assert np.allclose([p_on.prediction["stance"].scores[lab] for lab in labels], mixed, atol=1e-5)
    # The inference section survives a save/load round trip.
    saved = clf.save_pretrained(context_model.parent / "resaved")
    assert json.loads((saved / "config.json").read_text())["inference"] == {"context_weight": 0.5}


def test_stages_pickle_for_distributed_runs(model_dir: Path) -> None:
    stage = Classify(model=str(model_dir), device="cpu")
    again = pickle.loads(pickle.dumps(stage))
    assert again._clf is None
    for s in (Extract(), Aggregate(tuple(TASKS)), ToRows("all")):
        assert pickle.loads(pickle.dumps(s)) == s


def _results(clf: Classifier) -> list[DocResult]:
    from framing.io import Record

    recs = [Record("empty", "", 1), Record("dump", web.pasted_text(web.DUMP_A), 2), Record("ngo", web.pasted_text(web.NGO), 3)]
    stages = [Extract(), Classify(clf), Aggregate(clf.tasks)]
    out: object = recs
    for s in stages:
        out = s(out)  # type: ignore[operator]
    return out  # type: ignore[return-value]


def test_rows_per_level(clf: Classifier) -> None:
    res = _results(clf)
    doc_rows = ToRows("document")(res)
    assert [r["id"] for r in doc_rows] == ["empty", "dump", "ngo"]
    assert doc_rows[0]["passages"] == 0 and doc_rows[0]["stance"]["label"] is None
    assert doc_rows[2]["boilerplate"] >= 10 and doc_rows[2]["level"] == "document"
    art = ToRows("article")(res)
    assert [r["id"] for r in art if r["doc_id"] == "dump"] == ["dump#a0", "dump#a1", "dump#a2", "dump#a3"]
    assert art[1]["title"] == web.DUMP_A_TITLES[0] and art[1]["date"] == "7 December 2023"
    rows = ToRows("all")(res)
    levels = [r["level"] for r in rows if r.get("doc_id", r["id"]) == "dump"]
    assert levels[0] == "document" and levels[1] == "article" and "passage" in levels
    passage = next(r for r in rows if r["level"] == "passage")
    assert {"id", "doc_id", "start", "end", "article", "kind", "boilerplate", "boilerplate_reason", "text", "stance", "frames"} <= set(passage)
    assert "text" not in ToRows("passage", text=False)(res)[0]
    with pytest.raises(ValueError):
        ToRows("page")


@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_mixed_levels_have_one_column_set(clf: Classifier, tmp_path: Path, ext: str) -> None:
    rows = ToRows("all")(_results(clf))
    out = tmp_path / f"out.{ext}"
    w = open_writer(str(out), clf.tasks)
    for r in rows:
        w.write(r)
    w.close()
    names = [n for n, _ in columns(clf.tasks)]
    if ext == "csv":
        with open(out, newline="") as fh:
            reader = csv.DictReader(fh)
            got = list(reader)
            assert reader.fieldnames == names
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(str(out))
        assert table.column_names == names
        got = table.to_pylist()
    assert len(got) == len(rows)
    assert got[0]["level"] == "document" and got[0]["passages"] in (0, "0")
    p = next(r for r in got if r["level"] == "passage" and str(r["boilerplate"]) == "1")
    assert p["boilerplate_reason"]
    assert "stance.score.pro_a" in got[-1]
