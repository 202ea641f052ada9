"""Boilerplate rules: every reason on realistic lines, no false alarms on prose, and the web fixtures."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from docfixtures import web
from framing.boilerplate import REASONS, detect, line_reason, menu_runs, passage_reason
from framing.pipeline import extract_document


@pytest.mark.parametrize("reason, text", [
    ("navigation", "Skip to content"),
    ("navigation", "Home > News > Statements"),
    ("navigation", "AZ | EN | RU"),
    ("navigation", "Privacy Policy | Cookie Policy | Terms of Use | Sitemap"),
    ("navigation", "Home\nAbout us\nOur mission\nBoard\nRegional offices\nContact"),
    ("navigation", "Related posts\n> Youth Return Club plants 2,000 trees in Jabrayil\n> Memory Archive: oral histories"),
    ("appeal", "Become a member today! Join more than 12,000 IDP families who are helping to rebuild our native lands."),
    ("appeal", "DONATE"),
    ("appeal", "Subscribe to our newsletter\nEnter your email  [Subscribe]"),
    ("appeal", "Your donation provides prosthetic limbs and rehabilitation for mine victims. Donate via mobile"),
    ("appeal", "[Donate via card]  [Bank transfer]"),
    ("comments", "Leave a Reply"),
    ("comments", "Your email address will not be published. Required fields are marked *"),
    ("comments", "3 Comments"),
    ("comments", "Lusine Avetisyan\nMarch 4, 2024 at 9:14 am\nGood summary, but you underestimate how people in Syunik feel."),
    ("comments", "Save my name, email, and website in this browser for the next time I comment."),
    ("widget", "Font size A A A"),
    ("widget", "Font arial verdana tahoma"),
    ("widget", "Accessibility\nIncrease text size   Decrease text size   Reset"),
    ("widget", "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies."),
    ("widget", "Share: f  X  in  Telegram  WhatsApp  |  Print this page"),
    ("widget", "Facebook  X  Telegram  WhatsApp  Email"),
    ("signatories", "Lernashen Civic Network\nArmenian Association of Young Lawyers\nGoris Women's Resource Centre\n"
                    "Syunik Development Foundation\nArtsakh Refugee Council\nPeace Dialogue Initiative"),
    ("signatories", "Signed by: Lernashen Civic Network, Armenian Association of Young Lawyers, Goris Women's Resource Centre, "
                    "Syunik Development Foundation, Artsakh Refugee Council, Peace Dialogue Initiative, Tavush Community "
                    "Alliance, Shirak Regional Youth Club, Centre for Rights Development"),
    ("credits", "Photo: Surveyors place a border marker near Kirants. © Caucasus Ledger / Hayk Mirzoyan"),
    ("credits", "(c) 2024 Public Union \"Qayidish\". All rights reserved."),
    ("credits", "Reporting by Anna Kocharyan; Writing by Lilit Sargsian; Editing by Frances Kerr"),
    ("metadata", "views: 72"),
    ("metadata", "Tags: #GreatReturn #MineFreeKarabakh #Aghdam"),
    ("metadata", "Posted 04.04.2024 | Category: Statements, Mine Action | 3 min read"),
    ("metadata", "By Lilit Sargsian and Orkhan Nabiyev"),
    ("editorial_note", "A note on terminology: this website uses the Armenian names of places in Nagorno-Karabakh "
                       "(Stepanakert, Shushi), with the Azerbaijani names at first mention."),
    ("editorial_note", "Editor's note: this article was updated to correct the number of detainees."),
    ("editorial_note", "(Adds Russian foreign ministry comment in paragraph 5, updates casualty claims)"),
])
def test_each_reason(reason: str, text: str) -> None:
    assert reason in REASONS
    assert passage_reason(text) == reason


@pytest.mark.parametrize("text", [
    "Donations from diaspora communities have paid for temporary shelter, but charity cannot replace a durable solution.",
    "The foundation said it would ask members of parliament to support a law on compensation for displaced families.",
    "In comments to journalists this month, officials in Baku said that Armenians who accept citizenship are welcome.",
    "Our Union therefore calls on the Republic of Armenia to hand over complete and accurate maps of all minefields.",
    "Armenian Prime Minister Nikol Pashinyan said Armenia's own armed forces were not deployed in Karabakh.",
    "The ministry said it had registered 3 comments from embassies and would publish its reply next week.",
    "Officials said more than 5,000 people had returned so far to Lachin, Fuzuli and Zangilan, and that landmine "
    "clearance remained the main obstacle.",
    "GORIS, Armenia, Sept 25 (Caucasus Wire) - Cars, minibuses and tractors crawled into the border town of Goris.",
    "Join us, the protesters chanted outside the government building, as police formed a line, witnesses said.",
])
def test_prose_is_not_boilerplate(text: str) -> None:
    assert passage_reason(text) is None
    assert line_reason(text) is None


def test_kind_hints_from_segmentation() -> None:
    assert passage_reason("1 International Court of Justice, Order of 22 February 2023.", kind="footnote") == "footnote"
    assert passage_reason("Open letter - March 2023    Page 2 of 3", kind="page_furniture") == "page_furniture"
    assert passage_reason("Background", kind="heading") is None


def test_comment_section_context() -> None:
    raws = ["Why the corridor debate outlives every deadline, and what could change it this year.",
            "2 Comments",
            "Anna K.\nMarch 4, 2024 at 9:14 am\nGood summary.",
            "And a second paragraph of the same comment, which carries no timestamp of its own at all.",
            "Leave a Reply"]
    assert detect(raws) == [None, "comments", "comments", "comments", "comments"]
    # "2 Comments" under a title is boilerplate, but opens no comment section when no comment follows.
    assert detect(["2 Comments", "The war of 2020 changed the map of the region and the politics of both countries."]) == ["comments", None]


def _gold_counts(fx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    text = fx.build(Path(tempfile.mkdtemp())).read_text(encoding="utf-8")
    doc = extract_document(fx.name, text)
    flagged = {" ".join(p.text.split()) for p, r in zip(doc.passages, doc.reasons) if r is not None}
    kept = {" ".join(p.text.split()) for p, r in zip(doc.passages, doc.reasons) if r is None}
    c = {"tp": 0, "fp": 0, "fn": 0}
    for g, reason in fx.paragraphs:
        g = " ".join(g.split())
        if reason is not None and g in flagged:
            c["tp"] += 1
        elif reason is not None and g in kept:
            c["fn"] += 1
        elif reason is None and g in flagged:
            c["fp"] += 1
    return c


def test_pasted_web_fixtures_meet_targets() -> None:
    total = {"tp": 0, "fp": 0, "fn": 0}
    for fx in web.fixtures():
        if fx.kind != "txt" or fx.name.startswith("heldout_"):  # held-out pages measure, they do not gate
            continue
        for k, v in _gold_counts(fx).items():
            total[k] += v
    assert total["tp"] / (total["tp"] + total["fp"]) >= 0.95
    assert total["tp"] / (total["tp"] + total["fn"]) >= 0.90


def test_ngo_page_reasons() -> None:
    text = web.pasted_text(web.NGO)
    doc = extract_document("ngo", text)
    found = {r for r in doc.reasons if r}
    assert {"widget", "navigation", "appeal", "metadata", "editorial_note", "credits", "signatories", "comments"} <= found
    content = [p.text for p, r in zip(doc.passages, doc.reasons) if r is None]
    assert any(t.startswith("Donations from diaspora") or "Donations from diaspora" in t for t in content)
    assert any("In comments to journalists" in t for t in content)


# ---------------------------------------------------------------- general rules added with the held-out fixtures
@pytest.mark.parametrize("reason, text", [
    ("widget", "Accept all\nSettings"),
    ("widget", "Print Download PDF Cite this"),
    ("widget", "Follow us on Google News"),
    ("navigation", "Read also: Pashinyan meets residents of Tavush border villages"),
    ("navigation", "Related analysis\nGeorgia's Anaklia port: a second chance?\nKazakhstan looks west for its oil exports"),
    ("navigation", "More news on this topic\nBaku says treaty text is 80 percent agreed\nEU mission extends patrols"),
    ("navigation", "News feed\n15:01 Central bank keeps rate at 8.75%\n14:48 Metro to close two stations\n14:30 Wrestler wins title"),
    ("navigation", "← Armenian Festival returns to Verdugo Park\nMeet the new principal of Chamlian School →"),
    ("navigation", "Recent Posts\nArmenian Festival returns to Verdugo Park\nCouncil votes to rename street after Komitas"),
    ("navigation", "Read the article in: Azərbaycan dili | Русский"),
    ("appeal", "Subscribe to our WhatsApp channel and get the main news first! Join"),
    ("appeal", "Independent analysis is not free. If you value our research on the Caucasus, please consider a donation."),
    ("appeal", "Stay informed\nGet our weekly briefing on Eurasia delivered to your inbox.\nEmail address\nSign up"),
    ("metadata", "Analysis · 9 min read"),
    ("metadata", "This entry was posted in Artsakh, Community and tagged Glendale, refugees. Bookmark the permalink."),
    ("metadata", "Saved search: \"Armenia Azerbaijan\" OR Karabakh\nResults 1-4 of 4 · Exported 22 Oct 2024 09:14 UTC"),
    ("metadata", "Nino Kapanadze is a senior fellow in the Eurasia programme. Her research focuses on transport and trade."),
    ("credits", "(Reporting by Tom Ellery; Editing by Rachel Hayes)"),
    ("credits", "© 2024 Hye Voices from Glendale · Proudly powered by WordPress"),
    ("credits", "Full or partial reproduction of materials is permitted only with an active hyperlink to the source."),
    ("editorial_note", "If you notice an error, select the text and press Ctrl+Enter."),
])
def test_general_rules(reason: str, text: str) -> None:
    assert passage_reason(text) == reason


@pytest.mark.parametrize("text", [
    "Source: Regional Monitor | 17 October 2024",  # an outlet-and-date header line, not a credit
    "Viewers who subscribe to the state channel saw the address in full on Monday evening, officials said.",
    "Language is the first thing displaced families try to keep, the teachers of the Goris school say.",
    "Arman Grigoryan is a journalist who was detained at the checkpoint on the Hakari bridge in July.",
    "If you value peace, the minister told the crowd, you must accept that compromise has a price.",
    "09:00 The talks opened in Brussels with a closed session of the two delegations and the mediator.",
])
def test_general_rules_leave_prose_alone(text: str) -> None:
    assert passage_reason(text) is None


def test_short_label_between_two_parts_of_one_block_takes_its_reason() -> None:
    raws = ["Get our weekly briefing on Eurasia delivered to your inbox.", "Email address", "Sign up"]
    assert detect(raws) == ["appeal", "appeal", "appeal"]
    assert detect(["The talks resumed on Monday in Brussels, the ministry said.", "Email address", "Sign up"])[1] is None


def _heldout_scores(*splits: str) -> dict[str, float]:
    import sys

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "benchmarks"))
    import documents as bench

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for split in splits:
            rows += bench.evaluate(bench.heldout_fixtures(split), Path(tmp))
    c = {k: sum(r["bp"][k] for r in rows) for k in ("tp", "fp", "fn")}
    return {"f1": sum(r["f1"] for r in rows) / len(rows), "precision": c["tp"] / (c["tp"] + c["fp"]),
            "recall": c["tp"] / (c["tp"] + c["fn"]), "articles": sum(r["articles_ok"] for r in rows) / len(rows),
            "n": len(rows)}


def test_heldout_dev_and_test_floor() -> None:
    """The blind-written held-out DEV and TEST sets, both development sets now (docs/DOCUMENTS.md): floors a little
    under what the rules reach on the 22 documents together (paragraph F1 0.916, boilerplate precision 1.000,
    recall 0.974, articles 1.00 when they were set). TEST-2 (heldout2.py) is measured, never gated or diagnosed."""
    s = _heldout_scores("dev", "test")
    assert s["n"] == 22
    assert s["f1"] >= 0.89, s
    assert s["precision"] >= 0.95, s
    assert s["recall"] >= 0.95, s
    assert s["articles"] >= 0.9, s


def test_heldout2_floor() -> None:
    """TEST-2 (heldout2.py), measured blind twice in the second round and a development set since the third: floors a
    little under what the rules reach on its 14 documents (paragraph F1 0.875, precision 1.000, recall 1.000, articles
    1.00 when they were set). TEST-3 (heldout3.py) is measured, never gated or diagnosed."""
    s = _heldout_scores("test2")
    assert s["n"] == 14
    assert s["f1"] >= 0.85, s
    assert s["precision"] >= 0.95, s
    assert s["recall"] >= 0.95, s
    assert s["articles"] >= 0.9, s


# ---------------------------------------------------------------- general rules added with heldout TEST and TEST-2
@pytest.mark.parametrize("reason, text", [
    ("metadata", "1 of 3 DOCUMENTS"),
    ("metadata", "Document 2 of 5"),
    ("metadata", "LOAD-DATE: March 5, 2024\nPUBLICATION-TYPE: Newspaper"),
    ("metadata", "Link: https://example.org/news/armenia-border"),
    ("metadata", "Feed export: Caucasus news (12 items)"),
    ("metadata", "Number of views: 1842"),
    ("metadata", "Display posts from previous: All Posts · Page 1 of 1 · This topic has been viewed 388 times"),
    ("metadata", "Raffi | Watertown, MA | Joined: 12 Mar 2009 | Posts: 2113"),
    ("comments", "Ani_Gyumri Posted: Sat Aug 16, 2025 7:05 am\nI live in Gyumri. People here want the border open."),
    ("navigation", "ArmenianDiaspora.net Forum Index -> Politics & Current Events"),
    ("navigation", "Jump to: Politics & Current Events Genealogy Language & Culture Marketplace"),
    ("navigation", "Latest from the Press room\nEarthquake response in Türkiye: two years on\nStatement on detention of defenders"),
    ("widget", "We value your privacy. We and our partners use cookies to analyse traffic and personalise content."),
    ("appeal", "Our members make this work possible. Join today for as little as €5 a month and stand with people forced from their homes."),
    ("editorial_note", "This digest is compiled from public sources for internal use only. Please do not forward it outside the organisation."),
])
def test_general_rules_2(reason: str, text: str) -> None:
    assert passage_reason(text) == reason


@pytest.mark.parametrize("text", [
    "Members of the union joined the protest on Monday, and the organisers said more would come. Police did not intervene.",
    "The price rose from 300 -> 450 drams a kilo in a month, traders in the Gyumri market said on Tuesday.",
    "Item 4 of the agenda, the border commission's report, was postponed to the next session of the parliament.",
    "SECTION 3 of the treaty sets out how the two commissions will work, and it was initialled in Washington on Friday.",
    "The report was prepared for internal discussion by the ministry and was later published in full on its website.",
    "Arman posted on Facebook that the road was closed, and hundreds of people shared the message within an hour.",
])
def test_general_rules_2_leave_prose_alone(text: str) -> None:
    assert passage_reason(text) is None


def test_menu_run_stops_at_the_page_head() -> None:
    """A title line followed by a byline is the page's head, not the end of the menu above it."""
    lines = ["Home", "News", "Opinion", "About", "Notes from Gyumri", "By Lilit Hakobyan"]
    assert menu_runs(lines)[:5] == ["navigation"] * 4 + [None]


def test_share_buttons_one_per_line() -> None:
    assert menu_runs(["Share", "Facebook", "Twitter"]) == ["widget"] * 3
    assert menu_runs(["Facebook", "The page of the ministry was hacked on Monday."]) == [None, None]


# ---------------------------------------------------------------- third round: pasted web pages and PDF letters
@pytest.mark.parametrize("reason, text", [
    ("navigation", "Open in app\nSign up\nSign in\nWrite"),
    ("navigation", "Previous\nNext"),
    ("widget", "34 Likes ∙ 3 Restacks"),
    ("widget", "1.1K Followers"),
    ("widget", "USD 403.15\nEUR 437.90\nRUB 4.42\nYerevan +7°C"),
    ("appeal", "Caucasus Dispatch is a reader-supported publication. To receive new posts and support my work, consider "
               "becoming a free or paid subscriber."),
    ("appeal", "Thanks for reading! Subscribe for free to receive new posts and support my work.\nType your email...\nSubscribe"),
    ("comments", "Like (2)\nReply"),
    ("comments", "Responses (9)\nWhat are your thoughts?\nLusine K.\nFeb 3, 2024\nThank you for writing this."),
    ("metadata", "This article has been read 341 times."),
    ("signatories", "On behalf of the Institute,\nNino Beridze, Director\nRashad Aliyev, Senior Researcher"),
    ("signatories", "Dr. R. Keller, University of Bern\nProf. L. Novak, ADA University\nMs. A. Rossi, Yerevan State University"),
])
def test_general_rules_3(reason: str, text: str) -> None:
    assert detect([text])[0] == reason


@pytest.mark.parametrize("text", [
    "Donations from the diaspora paid for the new school, the foundation said. Members of the board visited it in May.",
    "Yours sincerely,\nThe board of the association asked the ministry to reply before the end of the month, as agreed.",
    "Anna Petrosyan, a teacher in Goris, said the road had been closed since Monday and that buses no longer ran.",
    "Likes and shares are not evidence, the minister said, and the ministry would publish the data in full.",
    "The dram traded at 403.15 to the USD and 437.90 to the EUR on Tuesday, the central bank said.",
])
def test_general_rules_3_leave_prose_alone(text: str) -> None:
    assert passage_reason(text) is None


def test_counters_are_widgets_not_page_numbers() -> None:
    """Bare numbers in a row under a headline (claps, responses) or next to a share button are counters."""
    assert menu_runs(["412", "9", "Listen", "Share"]) == ["widget"] * 4
    assert menu_runs(["A title of the page", "7"])[1] == "page_furniture"  # a lone number stays what it was


def test_comment_threads_by_name_and_stamp() -> None:
    """Comments known by their headers (a short name alone, a time stamp alone): two or more after the body."""
    body = ("The treaty text was initialled in Washington on Friday, and both governments said they would publish it "
            "in full before the signing, which is expected later in the year.")
    raws = ["What the meeting changed\nPosted: Fri Aug 15, 2025 9:41 pm by Raffi_Boston\n" + body,
            "Ani_Gyumri\nPosted: Sat Aug 16, 2025 7:05 am\nI live in Gyumri. People here want the border open.",
            "Vartan_LA\nPosted: Sat Aug 16, 2025 10:22 am\nNobody voted for that."]
    assert detect(raws) == [None, "comments", "comments"]
    # an article's own byline and date before its body are not a comment
    assert detect(["Lilit Hakobyan\nMarch 3, 2024\n" + body]) == [None]


def test_tail_after_the_last_body_paragraph() -> None:
    body = ("The commission will meet again in a month, the statement said, and the two sides agreed to publish the "
            "regulations on their joint work before the end of the year.")
    raws = [body, "Previous\nNext", "Substack is the home for great culture"]
    assert detect(raws) == [None, "navigation", "navigation"]
    # a short closing line between body paragraphs is not touched
    assert detect([body, "Share", "That is all for this week.", body])[2] is None


def test_pasted_footnote_with_its_number_alone() -> None:
    raws = ["Most of the seventeen articles are now agreed.1 What remains concerns the mechanisms rather than the principles.",
            "1\nStatements by the Foreign Ministry spokesperson on 2 May 2024."]
    assert detect(raws) == [None, "footnote"]
    assert detect([raws[0].replace(".1 ", ". "), raws[1]])[1] is None  # no marker in the text: not a note


def test_head_date_stays_with_the_head_in_pasted_text() -> None:
    text = ("Open in app\nSign in\nWhat the Lachin Road Taught Me\nNairi Petrosyan\n8 min read · Feb 2, 2024\n412\n9\n"
            "Share\nThe first time I drove the road, in the autumn of 2021, it took three hours and two checkpoints.\n")
    from framing.pipeline import extract_document

    doc = extract_document("medium", text)
    got = [(" ".join(p.text.split()), r) for p, r in zip(doc.passages, doc.reasons)]
    assert got[:3] == [("Open in app Sign in", "navigation"),
                       ("What the Lachin Road Taught Me Nairi Petrosyan 8 min read · Feb 2, 2024", None),
                       ("412 9 Share", "widget")]


def test_benchmark_refuses_detail_for_test3() -> None:
    """TEST-3 is measured, never diagnosed: `--set test3 --detail` is an error."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import documents as bench

    with pytest.raises(SystemExit):
        bench.main(["--set", "test3", "--detail"])


def test_comment_header_on_one_line() -> None:
    from framing.boilerplate import comment_header

    assert comment_header(["Armen S. · May 19", "Very clear summary."], 0)
    assert comment_header(["Lusine K.", "Feb 3, 2024", "Thank you for writing this."], 0)
    assert not comment_header(["Updated", "3 hours ago", "The talks resumed on Monday."], 0)
    assert not comment_header(["Reuters · March 3, 2024"], 0)  # nothing under it


@pytest.mark.parametrize("text", [
    "View this email in your browser",
    "Unsubscribe | Update your preferences",
    "You are receiving this email because you signed up for the Caucasus briefing.",
    "Forward to a friend",
])
def test_newsletter_furniture(text: str) -> None:
    assert passage_reason(text) is not None


def test_newsletter_prose_left_alone() -> None:
    assert passage_reason("Readers who unsubscribed from the ministry's mailing list in 2023 were added back without "
                          "their consent, the ombudsman said on Monday.") is None
