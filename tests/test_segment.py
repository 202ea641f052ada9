from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.segment import clean_text, segment

WRAPPED = (
    "We, the undersigned scholars, write to express our grave concern about\n"
    "the humanitarian situation created by the closure of the Lachin corridor,\n"
    "which has left the population without adequate food and medicine.3\n"
    "Since December the road has been closed to all civilian traffic, and the\n"
    "few convoys of the Red Cross cannot meet the needs of the people.\n"
)


def spans_cover(text: str, passages: list) -> bool:
    covered = [False] * len(text)
    for p in passages:
        for i in range(p.start, p.end):
            covered[i] = True
    return all(covered[i] or text[i].isspace() for i in range(len(text)))


def test_empty_and_whitespace() -> None:
    assert segment("") == []
    assert segment(" \n\t\r\n ") == []


def test_hard_wrapped_lines_are_rejoined_and_footnotes_dropped() -> None:
    ps = segment(WRAPPED)
    assert len(ps) == 1
    assert "concern about the humanitarian" in ps[0].text
    assert "medicine. Since" in ps[0].text  # footnote digit 3 removed
    assert "\n" not in ps[0].text


def test_blank_lines_split_paragraphs_and_multiple_blanks() -> None:
    text = "First paragraph has enough words to stand alone as a passage.\n\n\n\nSecond paragraph also has enough words to stand alone here."
    ps = segment(text)
    assert [p.text[:6] for p in ps] == ["First ", "Second"]
    assert text[ps[1].start : ps[1].end].startswith("Second")


def test_crlf_and_tabs() -> None:
    text = "Baku\tsaid the convoy had been allowed through the checkpoint on Monday.\r\n\r\nYerevan\tsaid no convoy had reached the city in the past three weeks at all.\r\n"
    ps = segment(text)
    assert len(ps) == 2
    assert ps[0].text == "Baku said the convoy had been allowed through the checkpoint on Monday."
    assert all("\r" not in text[p.start : p.end][-1:] for p in ps)


def test_short_lines_attach_to_next_paragraph() -> None:
    text = "STEPANAKERT, Sept 20\n14:32 GMT\n\nResidents sheltered in basements as shelling continued for a second day, officials said."
    ps = segment(text)
    assert len(ps) == 1
    assert ps[0].start == 0 and ps[0].text.startswith("STEPANAKERT, Sept 20 14:32 GMT Residents")


def test_trailing_short_line_attaches_to_previous() -> None:
    text = "The ministry said the talks would resume next month in Washington with both delegations.\n\nPage 2 of 3"
    ps = segment(text)
    assert len(ps) == 1 and ps[0].end == len(text)


def test_bullets_are_separate_paragraphs() -> None:
    text = (
        "The statement listed the following demands:\n"
        "• the immediate release of all prisoners held since the end of the war in 2020;\n"
        "• the return of displaced people to their homes under international guarantees;\n"
        "- an international mission to monitor the border between the two countries."
    )
    ps = segment(text)
    assert len(ps) == 3  # the short header line joins the first bullet
    assert ps[1].text.startswith("• the return")
    assert ps[2].text.startswith("- an international")


def test_one_paragraph_per_line_web_text() -> None:
    line1 = "The association called on the government to speed up the clearance of mines in the villages of the region, where dozens of families want to return this year."
    line2 = "It also asked international donors to fund prosthetics for the victims of explosions, many of them farmers who were injured while working their fields."
    ps = segment(line1 + "\n" + line2)
    assert len(ps) == 2


def test_hyphenated_word_across_lines() -> None:
    assert clean_text("the occu-\npation of the district") == "the occupation of the district"
    assert clean_text("COP29 in Baku") == "COP29 in Baku"
    assert clean_text("in 2020, the war") == "in 2020, the war"


def test_offsets_cover_text_on_example_documents() -> None:
    from pathlib import Path

    for path in sorted((Path(__file__).parents[1] / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ps = segment(text)
        assert ps, path
        assert spans_cover(text, ps), path
        assert all(0 <= p.start < p.end <= len(text) for p in ps)
        assert all(a.end <= b.start for a, b in zip(ps, ps[1:]))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(alphabet=" \t\r\n.-•1aA", max_size=200))
def test_segment_properties(text: str) -> None:
    ps = segment(text)
    assert all(0 <= p.start < p.end <= len(text) for p in ps)
    assert all(a.end <= b.start for a, b in zip(ps, ps[1:]))
    assert spans_cover(text, ps)
    assert all(not re.search(r"\s{2,}", p.text) for p in ps)
    if text.strip():
        assert ps


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1000, max_value=20000))
def test_huge_line(n: int) -> None:
    text = "word " * n
    ps = segment(text)
    assert len(ps) == 1 and ps[0].end == len(text.rstrip())


def test_page_marks_dropped_from_model_text() -> None:
    text = "the blockade continued for months and the population suffered greatly\n\fPage 2 of 4\nas the winter came and the roads stayed closed to all traffic."
    ps = segment(text)
    assert all("Page 2 of 4" not in p.text and "\f" not in p.text for p in ps)
    assert spans_cover(text, ps)
