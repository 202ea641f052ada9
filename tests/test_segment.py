from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.segment import clean_text, segment

WRAPPED = (
    "We, the undersigned scholars, write to express our grave concern about\n"
    "the humanitarian situation created by the closure of the Lachin corridor,\n"
    "which has left the whole population without adequate food and medicine.3\n"
    "Since December the road has been closed to all civilian traffic, and the\n"
    "few convoys of the Red Cross cannot meet the needs of the people.\n"
)


LINES = [
    "Page 2 of 3", "- 4 -", "12", "\f", "", "Open letter on the Lachin corridor", "1 See the order of 22 February 2023.",
    "2 Ibid., paragraph 4.", "the blockade continued for months and the people of the region suffered.3",
    "Since December the road has been closed to all civilian traffic, and the few convoys", "• the release of",
    "occu-", "pation of the district in 20201 and after", "Dear Secretary-General,", "terrorists\".5 Such language",
]


def spans_cover(text: str, passages: list) -> bool:
    """Every non-whitespace character lies in exactly one passage span; spans are disjoint and valid."""
    owner = [0] * len(text)
    for p in passages:
        assert p.spans[0][0] == p.start and p.spans[-1][1] == p.end
        for s, e in p.spans:
            assert 0 <= s < e <= len(text)
            for i in range(s, e):
                owner[i] += 1
    return all(owner[i] == 1 or (owner[i] == 0 and text[i].isspace()) for i in range(len(text)))


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
    text = "The ministry said the talks would resume next month in Washington with both delegations.\n\nReporting by A. Petrosyan"
    ps = segment(text)
    assert len(ps) == 1 and ps[0].end == len(text)


def test_page_number_is_its_own_furniture_passage() -> None:
    text = "The ministry said the talks would resume next month in Washington with both delegations.\n\nPage 2 of 3"
    ps = segment(text)
    assert [p.kind for p in ps] == ["content", "page_furniture"]
    assert ps[1].text == "Page 2 of 3" and ps[1].end == len(text)


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
        assert [p.start for p in ps] == sorted(p.start for p in ps)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.text(alphabet=" \t\r\n\f.-•1aA", max_size=200)
       | st.lists(st.sampled_from(LINES), max_size=40).map("\n".join))
def test_segment_properties(text: str) -> None:
    ps = segment(text)
    assert all(0 <= p.start < p.end <= len(text) for p in ps)
    assert [p.start for p in ps] == sorted(p.start for p in ps)
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
    content = [p for p in ps if p.kind == "content"]
    assert all("Page 2 of 4" not in p.text and "\f" not in p.text for p in content)
    assert content[0].text.endswith("suffered greatly as the winter came and the roads stayed closed to all traffic.")
    assert [p.text for p in ps if p.kind == "page_furniture"] == ["Page 2 of 4"]
    assert spans_cover(text, ps)


def test_footnote_markers_glued_to_words_years_and_punctuation() -> None:
    assert clean_text("the statement of 9 November 20201 and should") == "the statement of 9 November 2020 and should"
    assert clean_text("since December 20222, the road") == "since December 2022, the road"
    assert clean_text("the closure in 20203.") == "the closure in 2020."
    assert clean_text('called them \u201cterrorists\u201d.5 Such language') == 'called them \u201cterrorists\u201d. Such language'
    assert clean_text('called them "terrorists".5 Such') == 'called them "terrorists". Such'
    assert clean_text("the blockade,3 Azerbaijan") == "the blockade, Azerbaijan"
    for keep in ("COP29 in Baku", "120,000 people", "the 1990s", "Resolution 822 of 1993", "20201 voters",
                 "Article II(c) of the 1948 Convention", "S-300 missiles"):
        assert clean_text(keep) == keep


def _two_pages(body1: str, notes: str, body2: str) -> str:
    header = "Caucasus Rights Monitor \u00b7 Briefing No. 7"
    return f"{header}\n{body1}\n{notes}\nPage 1 of 2\n\f{header}\n{body2}\nPage 2 of 2\n"


def test_footnotes_and_running_headers_are_moved_out_of_a_split_paragraph() -> None:
    body1 = (
        "Relatives we interviewed described long periods without news from the detention centres in Baku.1\n"
        "Visits by the International Committee of the Red Cross have taken place, but families receive little\n"
        "information about the health of detainees or the state of their cases, and two families told us that\n"
        "they had learnt of a conviction from the media rather than from the lawyers appointed for the occu-"
    )
    notes = "1 Interviews with relatives, Yerevan and Gyumri, 2023.\n2 Judgments of the Baku Military Court, 2021-2023."
    body2 = (
        "pied defendants.2 Lawyers who followed the trials point to the short duration of the hearings, the use\n"
        "of confessions, and the absence of independent interpreters in the courtroom during the hearings."
    )
    text = _two_pages(body1, notes, body2)
    ps = segment(text)
    assert spans_cover(text, ps)
    kinds = [p.kind for p in ps]
    assert kinds == ["page_furniture", "content", "footnote", "footnote"] + ["page_furniture"] * 3
    para = ps[1]
    assert len(para.spans) == 2
    assert "lawyers appointed for the occupied defendants. Lawyers who followed" in para.text
    assert para.text.startswith("Relatives we interviewed") and para.text.endswith("during the hearings.")
    assert ps[2].text == "1 Interviews with relatives, Yerevan and Gyumri, 2023."
    assert [p.text for p in ps[4:6]] == ["Page 1 of 2", "Caucasus Rights Monitor \u00b7 Briefing No. 7"]


def test_numbered_list_at_page_bottom_is_not_taken_for_footnotes() -> None:
    body1 = (
        "The statement listed the demands of the families of the missing, which were read out at the rally\n"
        "in front of the government building on Saturday morning by the chair of the association:\n"
        "1. the immediate release of all prisoners held since the end of the war in the autumn of that year;\n"
        "2. the return of displaced people to their homes under international guarantees and supervision."
    )
    body2 = "The government has not yet answered the demands, a spokesman said on Monday evening in the capital."
    text = _two_pages(body1, "", body2).replace("\n\nPage 1", "\nPage 1")
    ps = segment(text)
    assert "footnote" not in [p.kind for p in ps]
    assert any(p.text.startswith("1. the immediate release") for p in ps)


def test_indented_lines_start_paragraphs() -> None:
    text = (
        "  The ministry said that the talks on the draft agreement would resume next month in Washington, with\n"
        "both delegations led by their foreign ministers, and that the text of most articles was agreed upon\n"
        "  Officials in Yerevan said that they expected the border delimitation commissions to meet before the\n"
        "end of the year, and that a new section of the border in the north would be agreed in the spring."
    )
    assert len(segment(text)) == 2


# ---------------------------------------------------------------- general behaviours added with the held-out fixtures
def test_headings_of_any_length_join_the_next_paragraph() -> None:
    text = ("Border commissions agree to continue delimitation near four Tavush villages\n"
            "14:22, 19 April 2024\n"
            "YEREVAN, APRIL 19. The commissions on border delimitation held their eighth meeting on Friday and agreed "
            "to continue work on the section of the border.\n"
            "The Middle Corridor after Karabakh: Can Trade Outrun Politics in the South Caucasus?\n"
            "For three decades the South Caucasus was crossed by pipelines but not by railways.\n")
    ps = segment(text)
    assert [p.text[:30] for p in ps] == ["Border commissions agree to co", "The Middle Corridor after Kara"]
    assert spans_cover(text, ps)


def test_a_run_of_headlines_stays_apart_from_the_next_paragraph() -> None:
    text = ("Azerbaijan's delegation, headed by Deputy Prime Minister Shahin Mustafayev, said in a separate statement "
            "that the agreement was a practical step toward a peace treaty and that work would continue in May.\n"
            "More news on this topic\n"
            "Baku says the peace treaty text is now 80 percent agreed\n"
            "EU monitoring mission extends its patrols along the border\n"
            "Opposition calls for a referendum on all of the border deals\n"
            "The commissions will meet again in May, the ministry said in a statement on Friday.\n")
    ps = segment(text)
    assert len(ps) == 3 and ps[1].text.startswith("More news") and ps[1].text.endswith("border deals")
    assert ps[2].text.startswith("The commissions")


def test_pasted_web_text_with_long_paragraph_lines_is_not_rejoined() -> None:
    para = ("The commissions on border delimitation of Armenia and Azerbaijan held their eighth meeting on Friday and "
            "agreed to continue work on the section of the border adjacent to four villages of the Tavush province.")
    text = "\n".join(["Home", "Politics", "Economy", "Main / Politics / Foreign policy", para,
                      "Photo: Karen Minasyan / Agency photo service", para.replace("eighth", "ninth"),
                      "Read also: Pashinyan meets residents of Tavush border villages", para.replace("eighth", "tenth")]) + "\n"
    ps = segment(text)
    assert sum(p.text.endswith("Tavush province.") for p in ps) == 3
    assert spans_cover(text, ps)


def test_separator_lines_join_the_next_passage_and_leave_the_model_text() -> None:
    text = ("Results 1-2 of 2 exported 22 Oct 2024\n\n" + "_" * 40 + "\n\nWheat prices fall as exports recover\n"
            "CHICAGO - Wheat futures fell for a third session on Monday as shipments continued.\n")
    ps = segment(text)
    assert not any("___" in p.text for p in ps)  # the separator is covered by a passage but is not model text
    assert any("Wheat prices fall" in p.text for p in ps)
    assert spans_cover(text, ps)


def test_footnote_marker_glued_to_a_year_before_a_word() -> None:
    text = ("We draw your attention to the contamination of the territories that returned under the control\n"
            "of Azerbaijan in 20201 and 2023, and to the lack of accurate records of the minefields laid.\n"
            "1 Trilateral statement of 10 November 2020.\n")
    ps = segment(text)
    assert "in 2020 and 2023" in ps[0].text
    assert clean_text("a population of 20201 people") == "a population of 20201 people"  # no such footnote: kept


# ---------------------------------------------------------------- general behaviours added with the held-out sets
_LONG = "The commission met again on Monday and agreed on the next section of the border, the ministry said."


def test_table_rows_are_one_passage_each() -> None:
    text = f"{_LONG}\n\nVillage\tHouseholds\tStatus\nTegh\t412\treturned\nKirants\t120\tdisplaced\n\n{_LONG}\n"
    ps = segment(text)
    assert spans_cover(text, ps)
    assert [p.text for p in ps] == [_LONG, "Village Households Status", "Tegh 412 returned", "Kirants 120 displaced", _LONG]


def test_a_lone_tabbed_line_is_not_a_table() -> None:
    text = f"Ani_Gyumri\tPosted: Sat Aug 16, 2025 7:05 am\n\n{_LONG}\n"
    ps = segment(text)
    assert spans_cover(text, ps) and len(ps) == 1  # a layout row: the head of the paragraph below


def test_spaced_separator_line_is_no_passage_text() -> None:
    text = f"{_LONG}\n\n* * *\n\n{_LONG}\n"
    ps = segment(text)
    assert spans_cover(text, ps) and [p.text for p in ps] == [_LONG, _LONG]


def test_compound_wrapped_at_its_hyphen_keeps_it() -> None:
    assert clean_text("the transfer of Nagorno-\nKarabakh to the full control") == "the transfer of Nagorno-Karabakh to the full control"
    assert clean_text("monas-\nteries and churches") == "monasteries and churches"


def test_page_count_inside_a_line_is_text() -> None:
    assert clean_text("All Posts · Page 1 of 1 · This topic has been viewed 388 times").startswith("All Posts · Page 1 of 1")
    assert clean_text("end of the text.\nPage 2 of 3\nnext page") == "end of the text. next page"


# ---------------------------------------------------------------- third round: pasted web text and PDF letters
def test_bare_numbers_in_pasted_text_are_page_numbers_only_in_sequence() -> None:
    """Without form feeds, bare numbers are page numbers only when they count up one by one, a page apart; claps and
    response counts under a headline ("412" / "9") are not page furniture."""
    para = "The commission met on Saturday at the border and agreed to meet again within a month, officials said."
    counters = f"Title of the essay\n412\n9\nShare\n{para}\n{para}\n"
    assert all(p.kind == "content" for p in segment(counters))
    pages = "\n".join([para] * 5 + ["1"] + [para] * 5 + ["2"]) + "\n"
    assert [p.text for p in segment(pages) if p.kind == "page_furniture"] == ["1", "2"]


def test_footnote_marker_after_a_year_and_full_stop() -> None:
    """'since 2021.1': a note marker glued after a year's full stop makes the block at the page bottom footnotes."""
    body = ("The Institute welcomes the opportunity to comment on the draft regulation, where our staff have carried "
            "out interviews with drivers and customs officers since 2021.1 All figures below refer to calendar years.\n")
    text = (body + "\n1 IRSS field notes, Sadakhlo and Red Bridge, 2021-2024 (unpublished).\n"
            "2 See also the OSCE report on crossing points, 2022, pp. 41-44.\n\f" + body.replace("2021.1", "2022.2"))
    notes = [p.text for p in segment(text) if p.kind == "footnote"]
    assert notes == ["1 IRSS field notes, Sadakhlo and Red Bridge, 2021-2024 (unpublished).",
                     "2 See also the OSCE report on crossing points, 2022, pp. 41-44."]


def test_addressee_block_with_a_comma_joins_the_letter() -> None:
    """An address block whose first line ends with a comma is still the head of the first paragraph."""
    text = ("Coalition for Missing Persons\n12 Abovyan Street, Yerevan 0001\n\n30 January 2024\n\n"
            "To: The International Committee of the Red Cross,\nDelegation in Armenia and Azerbaijan\n\n"
            "Dear Head of Delegation,\n\nWe are writing on behalf of the families of persons who went missing during "
            "the hostilities, and whose fate remains unknown.\n")
    passages = segment(text)
    assert len(passages) == 1 and passages[0].text.startswith("Coalition") and passages[0].text.endswith("unknown.")
