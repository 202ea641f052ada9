"""Document readers (PDF, HTML, DOCX, Markdown, text, folders) and segmentation of what they return.

Every fixture is built by the test itself (reportlab, python-docx); nothing is downloaded.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from framing.errors import DataError
from framing.io import Record, Rejected, iter_records
from framing.readers import read_document
from framing.segment import segment
from tests.docfixtures import docx as docx_fixtures
from tests.docfixtures import pdf as pdf_fixtures
from tests.test_segment import spans_cover

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.documents_metrics import paragraph_f1  # noqa: E402

FIXTURES = pdf_fixtures.fixtures() + docx_fixtures.fixtures()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("docs")
    return {f.name: f.build(d) for f in FIXTURES}


@pytest.mark.parametrize("fx", FIXTURES, ids=lambda f: f.name)
def test_fixture_paragraph_f1_and_offsets(fx, built: dict[str, Path]) -> None:
    doc = read_document(built[fx.name])
    ps = segment(doc.text)
    assert spans_cover(doc.text, ps)
    assert [p.start for p in ps] == sorted(p.start for p in ps)
    score = paragraph_f1([p.text for p in ps], [t for t, _ in fx.paragraphs])
    assert score["f1"] >= 0.95, score
    # kinds agree with the gold boilerplate reasons
    gold_kind = {" ".join(t.split()): (r if r in ("footnote", "page_furniture") else "content") for t, r in fx.paragraphs}
    for p in ps:
        if p.text in gold_kind:
            assert p.kind == gold_kind[p.text], p.text


def test_pdf_reader_pages_metadata_and_cleaning(built: dict[str, Path]) -> None:
    doc = read_document(built["pdf_lachin"])
    assert doc.metadata["format"] == "pdf" and doc.metadata["pages"] == 2
    assert doc.metadata["title"].startswith("OPEN LETTER ON THE HUMANITARIAN CRISIS")
    assert doc.text.count("\f") == 1  # pages kept apart
    assert "20201" in doc.text and "terrorists\u201d.3" in doc.text  # raw extraction keeps glued markers
    ps = segment(doc.text)
    texts = [p.text for p in ps]
    assert any("statement of 9 November 2020 and should" in t for t in texts)
    assert any("\u201cseparatists and terrorists\u201d. Such language" in t for t in texts)
    assert any("peacekeepers" in t for t in texts)  # hyphenated at a line end in the PDF
    assert "peace-\nkeepers" in doc.text
    kinds = {p.kind for p in ps}
    assert kinds == {"content", "footnote", "page_furniture"}
    furniture = [p.text for p in ps if p.kind == "page_furniture"]
    assert furniture == ["Open letter on the Lachin corridor \u2013 March 2023", "Page 1 of 2",
                         "Open letter on the Lachin corridor \u2013 March 2023", "Page 2 of 2"]
    assert not any("Page 1 of 2" in p.text for p in ps if p.kind == "content")


def test_paragraph_across_page_break_is_rejoined(built: dict[str, Path]) -> None:
    doc = read_document(built["pdf_prisoners"])
    ps = segment(doc.text)
    split = [p for p in ps if p.kind == "content" and len(p.spans) > 1]
    assert split, "a paragraph continues across a page break in this fixture"
    for p in split:
        inside = [q for q in ps if q is not p and p.start < q.start < p.end]
        assert inside and all(q.kind in ("footnote", "page_furniture") for q in inside)
    assert sum(p.kind == "footnote" for p in ps) == 5


def test_regression_long_hard_wrapped_lines_give_paragraphs(built: dict[str, Path]) -> None:
    """The issue: a PDF letter with 85-105+ character lines was cut into one passage per line."""
    text = Path(built["pasted_lachin"]).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    long_lines = [ln for ln in lines if len(ln) >= 85]
    assert len(long_lines) >= 40 and max(map(len, long_lines)) > 105
    ps = segment(text)
    content = [p for p in ps if p.kind == "content"]
    gold = next(f for f in FIXTURES if f.name == "pasted_lachin").paragraphs
    assert len(content) == sum(reason in (None, "signatories") for _, reason in gold) < len(lines) / 4
    assert all("\n" not in p.text for p in ps)


def test_docx_reader(built: dict[str, Path]) -> None:
    doc = read_document(built["docx_statement"])
    assert doc.metadata["title"] == "Statement on the Peace Process"
    assert doc.metadata["author"] == "Press Service" and doc.metadata["headings"] >= 3
    assert "\n\nProgress made\n\n" in doc.text  # headings kept as their own blocks
    assert "Zangilan\t412" in doc.text  # table rows


def test_html_reader_trafilatura_and_metadata(tmp_path: Path) -> None:
    paras = "".join(
        f"<p>Paragraph {i}: the Red Cross convoy carried flour, medicine and baby food across the checkpoint on "
        "the Lachin road after weeks of closure, officials said on Tuesday.</p>" for i in range(4))
    html = ("<html><head><title>Convoy | News</title><meta name='author' content='Ani Petrosyan'>"
            "<meta property='article:published_time' content='2023-03-01'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><h1>Convoy reaches Stepanakert</h1>"
            f"{paras}</article><div id='comments' class='comments'><p>Reader comment: I do not agree with "
            "this at all and I think the article is biased.</p></div></body></html>")
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert doc.metadata["extractor"] == "trafilatura" and doc.metadata["author"] == "Ani Petrosyan"
    assert doc.metadata["date"] == "2023-03-01"
    blocks = doc.text.split("\n\n")
    assert sum(b.startswith("Paragraph ") for b in blocks) == 4
    ps = segment(doc.text)
    assert spans_cover(doc.text, ps) and len(ps) == 4


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    p = tmp_path / "page.htm"
    p.write_text("<html><head><title>T</title><style>p{}</style></head><body><div>First block of text</div>"
                 "<p>Second<br>line</p><script>x=1</script></body></html>", encoding="utf-8")
    doc = read_document(p)
    assert doc.metadata["extractor"] == "fallback" and doc.metadata["title"] == "T"
    assert doc.text == "First block of text\n\nSecond\nline"


def test_markdown_and_text(tmp_path: Path) -> None:
    md = tmp_path / "note.md"
    md.write_text("# Talks in Washington\n\nThe foreign ministers met for two days and agreed on most articles.\n")
    doc = read_document(md)
    assert doc.metadata == {"source": str(md), "format": "md", "title": "Talks in Washington"}
    txt = tmp_path / "a.txt"
    txt.write_bytes("\ufeffplain text".encode())
    assert read_document(txt).text == "plain text"


def test_pdf_encrypted_only_against_editing_is_read(tmp_path: Path) -> None:
    doc = read_document(pdf_fixtures.build_owner_only(tmp_path))
    assert "mines" in doc.text and doc.metadata["pages"] == 2


# ------------------------------------------------------------------------------------------ failures
def _bad(name: str, d: Path) -> Path:
    if name == "docx":
        return docx_fixtures.build_corrupt(d)
    if name == "huge":
        p = d / "huge.txt"
        p.write_text("word " * 300)
        return p
    if name == "binary_html":
        p = d / "x.html"
        p.write_bytes(b"\x00\x01\x02<html>")
        return p
    return pdf_fixtures.BAD[name](d)


BAD_CASES = {
    "scanned": r"scanned\.pdf: no text layer .*run OCR first",
    "encrypted": r"encrypted\.pdf: the PDF is encrypted .*qpdf --decrypt",
    "truncated": r"truncated\.pdf: truncated PDF \(no %%EOF",
    "garbage": r"garbage\.pdf: not a readable PDF .*re-download",
    "docx": r"corrupt\.docx: not a readable \.docx .*re-save it",
    "huge": r"huge\.txt: 1,500 bytes is over the 1,000 bytes limit .*raise the limit",
    "binary_html": r"x\.html: looks like a binary file",
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_failures_are_clear_errors_or_counted_skips(case: str, tmp_path: Path) -> None:
    path = _bad(case, tmp_path)
    with pytest.raises(DataError, match=BAD_CASES[case]):
        read_document(path, max_bytes=1000 if case == "huge" else 50_000_000)
    with pytest.raises(DataError, match=BAD_CASES[case] + r".*--on-error skip"):
        list(iter_records(path, max_bytes=1000 if case == "huge" else 50_000_000))
    got = list(iter_records(path, on_error="skip", max_bytes=1000 if case == "huge" else 50_000_000))
    assert len(got) == 1 and isinstance(got[0], Rejected)
    assert path.name in got[0].reason and got[0].raw == path.name


def test_directory_of_mixed_files(built: dict[str, Path], tmp_path: Path) -> None:
    d = tmp_path / "mixed"
    (d / "sub").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / ".git" / "config").write_text("hidden, ignored")
    for name in ("pdf_mines", "docx_statement"):
        src = built[name]
        (d / src.name).write_bytes(src.read_bytes())
    (d / "sub" / "note.md").write_text("# Note\n\nThe convoy reached the city on Tuesday after weeks of waiting.\n")
    (d / "mines.txt").write_text("Same stem as mines.pdf: both keep their suffix in the id.")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (d / "rows.jsonl").write_text('{"text": "x"}\n')
    pdf_fixtures.build_encrypted(d)
    for mode in ("fail", "skip"):
        if mode == "fail":
            with pytest.raises(DataError, match="encrypted"):
                list(iter_records(d))
            continue
        got = list(iter_records(d, on_error=mode))
        recs = {r.id: r for r in got if isinstance(r, Record)}
        rejected = {r.raw: r.reason for r in got if isinstance(r, Rejected)}
        assert set(recs) == {"mines.pdf", "mines.txt", "statement", "sub/note"}
        assert set(rejected) == {"encrypted.pdf", "photo.jpg", "rows.jsonl"}
        assert "unsupported extension '.jpg'" in rejected["photo.jpg"]
        assert "record file" in rejected["rows.jsonl"]
        assert recs["mines.pdf"].metadata["format"] == "pdf" and recs["mines.pdf"].metadata["source"] == "mines.pdf"
        assert recs["sub/note"].metadata["title"] == "Note"
    # unsupported files are reported (not silently dropped) in fail mode too
    (d / "encrypted.pdf").unlink()
    got = list(iter_records(d))
    assert sorted(r.raw for r in got if isinstance(r, Rejected)) == ["photo.jpg", "rows.jsonl"]


def test_directory_without_documents(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"x")
    with pytest.raises(DataError, match=r"holds no .txt files or other documents .*found: \['.jpg'\]"):
        list(iter_records(tmp_path))


# ------------------------------------------------------------------------------ properties of every reader
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from("the corridor was closed for months and the convoy of the Red Cross reached Stepanakert "
                         "on Tuesday. Baku said. Yerevan denied it; 20201 terrorists\".5 occu- pation 3 Page 2 of 3 "
                         "\u2022 (a) \u00e9t\u00e9 \u0531\u0580\u0581\u0561\u056d \u0259".split(" "))
_PARAS = st.lists(st.lists(_WORDS, min_size=1, max_size=60).map(" ".join), min_size=1, max_size=8)
_SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(text: str) -> None:
    ps = segment(text)
    assert spans_cover(text, ps)
    assert [p.start for p in ps] == sorted(p.start for p in ps)
    assert all(p.text and "\f" not in p.text and "  " not in p.text for p in ps)
    if text.strip():
        assert ps


@_SETTINGS
@given(seed=st.integers(0, 10_000))
def test_random_pdf_layouts_property(seed: int, tmp_path: Path) -> None:
    for pasted in (False, True):
        fx = pdf_fixtures.random_fixture(seed, pasted)
        _check(read_document(fx.build(tmp_path)).text)


@_SETTINGS
@given(paras=_PARAS)
def test_random_docx_property(paras: list[str], tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for k, p in enumerate(paras):
        d.add_heading(p[:40], level=1) if k % 3 == 0 else d.add_paragraph(p)
    path = tmp_path / "r.docx"
    d.save(str(path))
    _check(read_document(path).text)


@_SETTINGS
@given(paras=_PARAS)
def test_random_html_and_markdown_property(paras: list[str], tmp_path: Path) -> None:
    import html

    page = "<html><body><article>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras) + "</article></body></html>"
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    _check(read_document(tmp_path / "r.html").text)
    (tmp_path / "r.md").write_text("# Title\n\n" + "\n\n".join(paras), encoding="utf-8")
    _check(read_document(tmp_path / "r.md").text)


def test_random_pdf_layouts_held_out_f1(tmp_path: Path) -> None:
    """Letters made of corpus paragraphs in random layouts (not the hand-made fixtures): a floor, not a target."""
    scores = []
    for seed in range(200, 206):
        fx = pdf_fixtures.random_fixture(seed)
        ps = segment(read_document(fx.build(tmp_path)).text)
        scores.append(paragraph_f1([p.text for p in ps], [t for t, _ in fx.paragraphs])["f1"])
    assert sum(scores) / len(scores) >= 0.85, scores


def test_html_headline_repeating_the_title_and_a_date_line_are_metadata_only(tmp_path: Path) -> None:
    page = ("<html><head><title>Border commissions agree to continue delimitation</title>"
            "<meta property=\"article:published_time\" content=\"2024-04-19\"></head><body><article>"
            "<h1>Border commissions agree to continue delimitation</h1><div class=\"date\">14:22, 19 April 2024</div>"
            + "".join(f"<p>Paragraph {k}: the commissions on border delimitation of Armenia and Azerbaijan held their "
                      f"meeting on Friday and agreed to continue work on the section near the villages.</p>" for k in range(4))
            + "</article></body></html>")
    path = tmp_path / "agency.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.metadata["title"] == "Border commissions agree to continue delimitation"
    assert doc.text.startswith("Paragraph 0:"), doc.text[:80]


# ---------------------------------------------------------------- HTML block structure and metadata (held-out work)
_P1 = ("The market on Rizhkov street opens at seven, and by eight the stalls that sell dried fruit are already "
       "crowded with women who have come from the villages.")
_P2 = ("Prices have risen since the spring, the sellers say, because the road through Upper Lars was closed for "
       "most of April and the trucks could not get through.")
_P3 = ("Nobody here expects the border with Turkey to open soon, but everyone talks about it, and the older men "
       "remember the trains that ran to Kars.")


def test_html_br_br_paragraphs_in_one_div(tmp_path: Path) -> None:
    """<br><br> separates paragraphs, a single <br> is a line break, and the text before the first <br><br>
    (which trafilatura drops) is kept."""
    p = tmp_path / "br.html"
    p.write_text(f"<html><head><title>Notes from Gyumri</title></head><body><div id='h'><a>Home</a> | <a>About</a></div>"
                 f"<div class='post'><h2>Notes from Gyumri</h2>{_P1}<br><br>{_P2}<br><br>{_P3}<br>They say the station "
                 "could be repaired in a year.</div><div id='f'>© 2024 Gyumri Notes</div></body></html>", encoding="utf-8")
    doc = read_document(p)
    blocks = doc.text.split("\n\n")
    assert blocks[:2] == [_P1, _P2] and blocks[2].startswith(_P3)
    ps = segment(doc.text)
    assert spans_cover(doc.text, ps) and [q.text for q in ps][:2] == [_P1, _P2]


def test_html_table_and_font_layout_keeps_page_order_and_blocks(tmp_path: Path) -> None:
    """An old table/<font> page: title, date line and paragraphs are separate blocks, in page order, with the
    footer's copyright last."""
    p = tmp_path / "font.html"
    p.write_text("<html><head><title>Community newsletter</title></head><body><table width='640'><tr><td>"
                 "<font size='4'><b>Winter appeal for 2004</b></font><br><font size='2'>Posted 12/02/2003</font><br><br>"
                 f"<font size='2'>{_P1}<br><br>{_P2}<br><br>{_P3}</font></td></tr><tr><td><font size='1'>Copyright "
                 "2003 Armenian Community Council. All rights reserved.</font></td></tr></table></body></html>",
                 encoding="utf-8")
    doc = read_document(p)
    blocks = doc.text.split("\n\n")
    assert blocks[-1].startswith("Copyright 2003")
    assert _P1 in blocks and _P2 in blocks and _P3 in blocks
    assert not any("2004Posted" in b or "2004 Posted" in b for b in blocks)
    assert spans_cover(doc.text, segment(doc.text))


def test_html_byline_line_is_metadata_only(tmp_path: Path) -> None:
    p = tmp_path / "medium.html"
    p.write_text("<html><head><title>What the border talks leave out</title><meta name='author' content='Ani Petrosyan'>"
                 "</head><body><article><section><h1>What the border talks leave out</h1><div><span>Ani Petrosyan</span>"
                 f" · <span>6 min read</span> · <span>Mar 3, 2024</span></div><p>{_P1}</p><p>{_P2}</p></section>"
                 f"<section><h2>Who gets asked</h2><p>{_P3}</p></section></article></body></html>", encoding="utf-8")
    doc = read_document(p)
    assert doc.metadata["author"] == "Ani Petrosyan"
    assert doc.text.startswith(_P1) and "min read" not in doc.text


def test_restructure_splits_runs_of_page_blocks_only() -> None:
    from framing.readers import _restructure

    dom = ["Menu", "Title line", "First paragraph here.", "Second paragraph here.", "Footer"]
    blocks, changed = _restructure(["Title line First paragraph here.Second paragraph here.", "Footer"], dom)
    assert changed and blocks == ["Title line", "First paragraph here.", "Second paragraph here.", "Footer"]
    same, changed = _restructure(["Something the page does not have", "Footer"], dom)
    assert not changed and same == ["Something the page does not have", "Footer"]
    moved, changed = _restructure(["Footer", "First paragraph here."], dom)  # back in page order
    assert changed and moved == ["First paragraph here.", "Footer"]


@pytest.mark.parametrize("value, kept", [("untitled", None), ("Anonymous", None), ("python-docx", None),
                                         ("Microsoft Office User", None), ("letter.docx", None),
                                         ("Union of Refugees from Artsakh", "Union of Refugees from Artsakh"),
                                         ("  Anna  Kocharyan ", "Anna Kocharyan"), (None, None)])
def test_placeholder_metadata_is_dropped(value: str | None, kept: str | None) -> None:
    from framing.readers import _real

    assert _real(value) == kept


def test_reportlab_default_pdf_metadata_is_not_reported(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "letter.pdf"
    c = canvas.Canvas(str(path), invariant=1)  # reportlab's defaults: "untitled", "anonymous", 2000-01-01
    y = 800
    for line in [_P1[:90], _P1[90:], _P2[:90], _P2[90:]]:
        c.drawString(72, y, line)
        y -= 14
    c.save()
    doc = read_document(path)
    assert not {"title", "author", "date"} & set(doc.metadata), doc.metadata
