"""Evidence (framing.evidence): sentence splitting, occlusion scores, offsets for texts and documents, contract."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from framing import Classifier
from framing.cli import main
from framing.evidence import document_unit, split_sentences
from framing.segment import clean_text, segment

TEXT = ("Officials said talks ministry reported statement. Armenian genocide artsakh blockade aggression! "
        "Football match festival music? Liberated territory integrity separatist regime.")


@pytest.fixture(scope="module")
def clf(trained_model: Path) -> Classifier:
    return Classifier.from_pretrained(trained_model, device="cpu")


def test_split_sentences() -> None:
    text = ('Mr. Smith went to Washington. He said: "No." The U.S. Embassy in Baku, on Jan. 5, reported 3 dead.2 '
            "Then A. Aliyev spoke! See No. 5 and p. 12. Was it true?\n\n\u2022 point one\n\u2022 point two\n(a) first\nrunning on")
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["Mr. Smith went to Washington.", 'He said: "No."',
                   "The U.S. Embassy in Baku, on Jan. 5, reported 3 dead.2", "Then A. Aliyev spoke!",
                   "See No. 5 and p. 12.", "Was it true?", "\u2022 point one", "\u2022 point two", "(a) first\nrunning on"]
    assert split_sentences("") == [] and split_sentences("  one sentence without end  ") == [(2, 26)]
    assert [TEXT[s:e] for s, e in split_sentences(TEXT)][1] == "Armenian genocide artsakh blockade aggression!"


def test_predict_evidence_is_the_occlusion_drop(clf: Classifier) -> None:
    plain, = clf.predict([TEXT])
    assert "evidence" not in plain.to_dict() and plain.evidence is None
    pred, = clf.predict([TEXT], evidence=True)
    assert pred.tasks == plain.tasks  # evidence changes nothing else
    sents = split_sentences(TEXT)
    variants = [(TEXT[:s].rstrip() + " " + TEXT[e:].lstrip()).strip() for s, e in sents]  # the passage less one sentence
    probs = clf.scores(variants)
    assert pred.evidence
    for ev in pred.evidence:
        task = clf.task(ev.task)
        assert ev.label in pred[ev.task].labels and not ev.whole_passage
        col = task.labels.index(ev.label)
        drops = np.array([pred[ev.task].scores[ev.label] - probs[ev.task][j, col] for j in range(len(sents))])
        assert 1 <= len(ev.sentences) <= 3
        top = ev.sentences[0]
        assert (top.start, top.end) == sents[int(np.argmax(drops))]
        assert top.score == pytest.approx(drops.max(), abs=1e-5)
        assert [s.score for s in ev.sentences] == sorted((s.score for s in ev.sentences), reverse=True)
        for s in ev.sentences:
            assert TEXT[s.start:s.end] == s.text and s.spans == ((s.start, s.end),)
    d = pred.to_dict()
    assert set(d["evidence"]) == {"stance", "frames"}
    assert list(d["evidence"]["stance"]) == [pred["stance"].label]
    assert set(d["evidence"]["frames"]) == set(pred["frames"].labels)
    json.dumps(d)


def test_single_sentence_and_empty_texts(clf: Classifier) -> None:
    one, empty = clf.predict(["  armenian genocide artsakh blockade aggression  ", ""], evidence=True)
    ev = [e for e in one.evidence if e.task == "stance"][0]
    assert ev.whole_passage and len(ev.sentences) == 1
    s = ev.sentences[0]
    assert (s.start, s.end, s.score) == (2, 47, None)
    assert empty.empty and empty.evidence is None and "evidence" not in empty.to_dict()


def _two_pages() -> str:
    header = "Caucasus Rights Monitor \u00b7 Briefing No. 7"
    body1 = ("Relatives we interviewed described long periods without news from the detention centres in Baku.1\n"
             "Visits by the International Committee of the Red Cross have taken place, but families receive little\n"
             "information about the health of detainees or the state of their cases, and two families told us that\n"
             "they had learnt of a conviction from the media rather than from the lawyers appointed for the occu-")
    notes = "1 Interviews with relatives, Yerevan and Gyumri, 2023.\n2 Judgments of the Baku Military Court, 2021-2023."
    body2 = ("pied defendants.2 Lawyers who followed the trials point to the short duration of the hearings, the use\n"
             "of confessions, and the absence of independent interpreters in the courtroom during the hearings.")
    return f"{header}\n{body1}\n{notes}\nPage 1 of 2\n\f{header}\n{body2}\nPage 2 of 2\n"


def test_document_evidence_offsets_point_into_the_document(clf: Classifier) -> None:
    doc = _two_pages()
    res, = clf.predict_documents([doc], evidence=True)
    content = [p for p in res.passages if not p.boilerplate]
    assert content and all(p.prediction.evidence for p in content)
    assert all(p.prediction.evidence == () for p in res.passages if p.boilerplate)  # not explained
    for p in content:
        for ev in p.prediction.evidence:
            for s in ev.sentences:
                assert p.start <= s.start < s.end <= p.end
                assert clean_text("\n".join(doc[a:b] for a, b in s.spans)) == s.text
                assert s.spans[0][0] == s.start and s.spans[-1][1] == s.end
    # the sentence broken by the page break ("... appointed for the occu- | pied defendants.2") has two spans
    para = next(q for q in segment(doc) if len(q.spans) == 2)
    unit = document_unit(doc, para.spans, clean_text)
    j = next(i for i, t in enumerate(unit.texts) if t.endswith("appointed for the occupied defendants."))
    assert len(unit.spans[j]) == 2 and doc[unit.spans[j][1][0]:unit.spans[j][1][1]] == "pied defendants.2"
    assert len(unit.variants) == len(unit.texts) >= 3 and "occupied" not in unit.variants[j]
    plain, = clf.predict_documents([doc])
    assert [p.prediction.tasks for p in plain.passages] == [p.prediction.tasks for p in res.passages]


def test_cli_evidence_rows(trained_model: Path, tmp_path: Path) -> None:
    rows_in = [{"id": "a", "text": TEXT}, {"id": "b", "text": ""}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows_in))
    out = tmp_path / "out.jsonl"
    assert main(["predict", str(src), "--model", str(trained_model), "-o", str(out), "--evidence", "--no-progress"]) == 0
    a, b = [json.loads(x) for x in out.read_text().splitlines()]
    top = a["evidence"]["stance"][a["stance"]["label"]]["sentences"][0]
    assert TEXT[top["start"]:top["end"]] == top["text"]
    assert "evidence" not in b or b["evidence"] == {}
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d.txt").write_text(_two_pages())
    out2 = tmp_path / "out2.jsonl"
    assert main(["predict", str(docs), "--documents", "--model", str(trained_model), "-o", str(out2), "--evidence",
                 "--no-text", "--no-progress"]) == 0
    rows = [json.loads(x) for x in out2.read_text().splitlines()]
    content = [r for r in rows if not r["boilerplate"]]
    assert content and all("evidence" in r for r in rows)
    s = content[0]["evidence"]["stance"][content[0]["stance"]["label"]]["sentences"][0]
    assert set(s) >= {"start", "end", "score"} and "text" not in s  # --no-text: offsets and scores only
    out3 = tmp_path / "out3.jsonl"
    assert main(["predict", str(docs), "--documents", "--model", str(trained_model), "-o", str(out3), "--no-progress"]) == 0
    assert all("evidence" not in json.loads(x) for x in out3.read_text().splitlines())
    assert main(["predict", str(src), "--model", str(trained_model), "-o", str(tmp_path / "o.csv"), "--evidence"]) == 2


def test_evidence_offsets_on_the_example_documents(clf: Classifier) -> None:
    docs = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))]
    n = 0
    for doc, res in zip(docs, clf.predict_documents(docs, evidence=True)):
        for p in res.passages:
            for ev in p.prediction.evidence or ():
                for s in ev.sentences:
                    assert p.start <= s.start < s.end <= p.end
                    assert clean_text("\n".join(doc[a:b] for a, b in s.spans)) == s.text
                    n += 1
    assert n > 50


class _KeywordModel:
    """A stand-in classifier whose scores follow keywords, so the right evidence is known in advance:
    stance ``a`` rises with "genocide" (strongly) and "blockade" (weakly); frame ``Economic`` needs "trade"."""

    def __init__(self) -> None:
        from framing.tasks import Task

        self.tasks = (Task("stance", "single_label", ("a", "b")),
                      Task("frames", "multi_label", ("Economic", "Security"), thresholds={"Economic": 0.5, "Security": 0.5}))

    def scores(self, texts, batch_size: int = 64):  # type: ignore[no-untyped-def]
        a = np.array([0.2 + 0.6 * ("genocide" in t) + 0.15 * ("blockade" in t) for t in texts], dtype=np.float32)
        econ = np.array([0.9 if "trade" in t.lower() else 0.1 for t in texts], dtype=np.float32)
        return {"stance": np.stack([a, 1 - a], 1), "frames": np.stack([econ, np.full_like(econ, 0.2)], 1)}


def test_occlusion_finds_the_sentences_that_carry_each_label() -> None:
    from framing.aggregate import make_prediction
    from framing.evidence import explain_texts

    model = _KeywordModel()
    text = "Talks resumed on Monday. The blockade went on. Officials spoke of genocide. Trade fell."
    probs = model.scores([text])
    pred = make_prediction(model.tasks, {k: v[0] for k, v in probs.items()})
    assert pred["stance"].label == "a" and pred["frames"].labels == ("Economic",)
    ev = {(e.task, e.label): e for e in explain_texts(model, [text], [pred])[0].evidence}
    assert set(ev) == {("stance", "a"), ("frames", "Economic")}
    stance = ev[("stance", "a")].sentences
    assert [s.text for s in stance] == ["Officials spoke of genocide.", "The blockade went on."]  # only positive drops
    assert [round(s.score, 4) for s in stance] == [0.6, 0.15]
    assert [(s.text, round(s.score, 4)) for s in ev[("frames", "Economic")].sentences] == [("Trade fell.", 0.8)]
    assert all(text[s.start:s.end] == s.text for e in ev.values() for s in e.sentences)
