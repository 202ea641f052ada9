"""Article boundaries in multi-article files, and the article index of each passage."""
from __future__ import annotations

from pathlib import Path

from docfixtures import web
from framing.articles import find_articles
from framing.pipeline import extract_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_digest_dump_titles_dates_bylines() -> None:
    arts = find_articles(web.pasted_text(web.DUMP_A))
    assert [a.title for a in arts] == list(web.DUMP_A_TITLES)
    assert [a.date for a in arts] == ["7 December 2023", "12 January 2024", "20 February 2024"]
    assert arts[0].byline == "By Ramil Guliyev"


def test_wire_dump_without_blank_lines() -> None:
    text = web.pasted_text(web.DUMP_B, blank_lines=False)
    arts = find_articles(text)
    assert [a.title for a in arts] == list(web.DUMP_B_TITLES)
    assert arts[1].date == "9 April 2024"


def test_separator_banners_and_tables() -> None:
    arts = find_articles((EXAMPLES / "wire_dump.txt").read_text())
    assert len(arts) == 4  # the currency table's header row is not a headline
    assert arts[2].title.startswith("MARKETS: DRAM STEADY")
    assert arts[0].date == "19 Sep 2023"


def test_single_article_pages_are_one_article() -> None:
    for page in (web.NEWS, web.NGO, web.BLOG):
        doc = extract_document("p", web.pasted_text(page))
        assert set(doc.article_of) == {0}
        assert len(doc.articles) == 1 and doc.articles[0].index == 0
    # Comment timestamps under commenters' names never start an article.
    assert len(find_articles(web.pasted_text(web.BLOG))) < 2


def test_passages_get_article_indices() -> None:
    text = web.pasted_text(web.DUMP_A)
    doc = extract_document("dump", text)
    assert doc.article_of[0] == 0 and doc.reasons[0] == "page_furniture"  # export banner before the first headline
    assert sorted(set(doc.article_of)) == [0, 1, 2, 3]
    assert list(doc.article_of) == sorted(doc.article_of)
    first = {k: doc.passages[doc.article_of.index(k)].text for k in (1, 2, 3)}
    for k, title in zip((1, 2, 3), web.DUMP_A_TITLES):
        assert first[k].startswith(title)


def test_passage_straddling_a_boundary_is_split() -> None:
    text = ("Officials said the talks would resume after the holidays in the capital.\nShort tail line\n\n"
            "Second headline about the talks\nBy Anna Kocharyan\n3 May 2024\n\nBody of the second article, long "
            "enough to stand alone as a passage.\n\nFirst headline about the border\nBy Ramil Guliyev\n1 May 2024\n\n"
            "Body of the first article, long enough to stand alone as a passage here.")
    doc = extract_document("d", text)
    assert len(doc.articles) == 2
    for p, k in zip(doc.passages, doc.article_of):
        assert all(a.start <= p.start or a.start >= p.end for a in doc.articles)
        if "Short tail line" in p.text:
            assert k == 0


def test_empty_and_whitespace_documents() -> None:
    for text in ("", "   \n\n  "):
        doc = extract_document("e", text)
        assert doc.passages == () and doc.articles == ()


def test_export_banner_news_ticker_and_counters_are_not_headlines() -> None:
    text = ("Saved search: \"Armenia Azerbaijan\" OR Karabakh\nResults 1-2 of 2 · Exported 22 Oct 2024 09:14 UTC\n\n"
            "______________________\n\n"
            "Baku and Yerevan exchange draft peace treaty comments\nCaucasus Daily\n21 October 2024\n\n"
            "BAKU - Azerbaijan has sent Armenia its latest comments on the draft peace treaty, the ministry said.\n\n"
            "______________________\n\n"
            "Wheat prices fall as Black Sea exports recover\nAgri Markets Weekly\n21 October 2024\n\n"
            "CHICAGO - Wheat futures fell for a third consecutive session on Monday.\n")
    assert [a.title for a in find_articles(text)] == ["Baku and Yerevan exchange draft peace treaty comments",
                                                      "Wheat prices fall as Black Sea exports recover"]
    page = ("The next meeting of the commissions is scheduled for May, the ministry said.\n\nViews: 3 208\n\nNews feed\n\n"
            "15:01 Central bank keeps refinancing rate at 8.75%\n\n14:48 Yerevan metro to close two stations for repairs\n\n"
            "14:30 Wrestler Artur Aleksanyan wins European title\n")
    assert find_articles(page) == []


# ---------------------------------------------------------------- record-marked exports (general formats)
_BODY1 = "The two countries agreed on Monday to a first section of their border, officials said in Yerevan."
_BODY2 = "Residents of four villages protested on Wednesday against the handover of land to the neighbour."
LEXIS = f"""                               1 of 2 DOCUMENTS

                              The Guardian (London)

                          March 4, 2024 Monday

Armenia and Azerbaijan agree on border section

BYLINE: Anna Kocharyan

SECTION: WORLD; Pg. 5

LENGTH: 812 words

{_BODY1}

LOAD-DATE: March 5, 2024

LANGUAGE: ENGLISH

                               2 of 2 DOCUMENTS

                              Reuters

                          March 6, 2024 Wednesday

Villagers protest border handover

LENGTH: 400 words

{_BODY2}

LOAD-DATE: March 7, 2024
"""
FEED = f"""Feed export: Caucasus news (2 items)

Title: Armenia and Azerbaijan agree on border section
Link: https://example.org/a/1
Published: Mon, 04 Mar 2024 09:00:00 +0000
Author: Anna Kocharyan

{_BODY1}

Title: Villagers protest border handover
Link: https://example.org/a/2
Published: Wed, 06 Mar 2024 10:00:00 +0000

{_BODY2}
"""


def test_numbered_record_dump() -> None:
    """'n of N DOCUMENTS' records (LexisNexis and other databases): the title is the line after the outlet and
    date lines; field lines are not titles; the record lines and field blocks are metadata."""
    arts = find_articles(LEXIS)
    assert [a.title for a in arts] == ["Armenia and Azerbaijan agree on border section", "Villagers protest border handover"]
    assert [a.date for a in arts] == ["March 4, 2024", "March 6, 2024"] and arts[0].byline == "Anna Kocharyan"
    doc = extract_document("lexis", LEXIS)
    reasons = {" ".join(p.text.split()): r for p, r in zip(doc.passages, doc.reasons)}
    assert reasons["1 of 2 DOCUMENTS"] == "metadata" and reasons["LOAD-DATE: March 5, 2024"] == "metadata"
    body = [p for p in doc.passages if _BODY2 in p.text]
    assert body and doc.article_of[doc.passages.index(body[0])] == 2


def test_feed_export_dump() -> None:
    arts = find_articles(FEED)
    assert [a.title for a in arts] == ["Armenia and Azerbaijan agree on border section", "Villagers protest border handover"]
    assert arts[0].date == "04 Mar 2024" and arts[0].byline == "Anna Kocharyan"
    doc = extract_document("feed", FEED)
    assert doc.article_of[0] == 0 and doc.reasons[0] == "metadata"  # the export banner


def test_page_numbers_are_not_records() -> None:
    text = f"Letter\n\n{_BODY1}\n\n1/2\n\f{_BODY2}\n\n2/2\n"
    assert find_articles(text) == []


def test_spaced_separator_starts_the_next_article() -> None:
    text = ("DIGEST · 3 May 2024\n\nPashinyan says Armenia could leave the bloc\nBy Hasmik Grigoryan\n2 May 2024\n\n"
            f"{_BODY1}\n\n* * *\n\nVillagers in Kirants protest border demarcation\nBy Aram Karapetyan\n2 May 2024\n\n{_BODY2}\n")
    arts = find_articles(text)
    assert len(arts) == 2 and text[arts[1].start:].startswith("* * *")
    doc = extract_document("digest", text)
    assert all(p.text.strip() for p in doc.passages)  # the separator joins the next passage, no empty passage
