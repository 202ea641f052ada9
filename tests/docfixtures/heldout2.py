"""Second held-out set (``heldout2_``), written blind to the segmentation/boilerplate rules and other fixtures.

14 documents: five HTML pages in site styles unlike the others (Drupal field-items, Medium-style sections,
``<br><br>`` paragraphs in one div, an old table/<font> layout, a Substack newsletter), the pasted text of four of
them (two with one paragraph per line and no blank lines), two reportlab PDF letters with unusual fonts/widths, a
python-docx statement with a table, and two multi-article text dumps (LexisNexis-like and an RSS export).

Gold conventions follow ``heldout.py``: a head (title/byline/date) or subheading run joins the first paragraph after
it; in HTML the head is reader metadata (no passage); adjacent boilerplate with the same reason is one passage; page
furniture one passage per line; each footnote its own passage; content text cleaned (wraps joined, hyphenation
undone, in-text footnote markers removed; a footnote passage keeps its own number). In pasted text, a head run
followed by boilerplate (share/clap bar) before the first paragraph is a content passage of its own. A paragraph
interrupted by footnotes/page furniture at a page break is one gold passage listed before those footnotes and
furniture lines. DOCX table: one passage per row, cells joined by spaces.
"""
from __future__ import annotations

import html as _html
import re
import textwrap
from pathlib import Path

from . import DocFixture

# item: (role, reason, text or list of lines, html markup or None, where)
#   role: "head" (title/byline/date), "heading" (in-body subheading), "p" (content or boilerplate block)
#   where: "both" | "html" | "txt"


def _t(x) -> str:  # noqa: ANN001
    return " ".join(" ".join(x).split()) if isinstance(x, list) else " ".join(x.split())


def _gold(items, target: str):  # noqa: ANN001
    out: list[tuple[str, str | None]] = []
    pending: list[str] = []
    for role, reason, text, _markup, where in items:
        if where not in ("both", target):
            continue
        if role == "head":
            if target == "txt":
                pending.append(_t(text))
            continue
        if role == "heading":
            pending.append(_t(text))
            continue
        if reason is not None and pending:  # a head run cut off from its paragraph by a widget: a passage of its own
            out.append((" ".join(pending), None))
            pending = []
        body = " ".join(pending + [_t(text)])
        pending = []
        if reason not in (None, "footnote", "page_furniture") and out and out[-1][1] == reason:
            out[-1] = (out[-1][0] + " " + body, reason)
        else:
            out.append((body, reason))
    assert not pending, pending
    return tuple(out)


def _txt(items, blank: bool) -> str:  # noqa: ANN001
    blocks = []
    for _role, _reason, text, _markup, where in items:
        if where not in ("both", "txt"):
            continue
        blocks.append("\n".join(text) if isinstance(text, list) else text)
    return ("\n\n" if blank else "\n").join(blocks) + "\n"


def _writer(name: str, content: str | bytes):  # noqa: ANN001
    def build(directory: Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path
    return build


def _e(s: str) -> str:
    return _html.escape(s, quote=False)


# ============================================================================================ 1. Drupal gov page

_DRUPAL = [
    ("p", "navigation", ["Skip to main content"], '<a href="#main-content" class="visually-hidden focusable">Skip to main content</a>', "html"),
    ("p", "navigation", ["Հայերեն", "Русский", "Home", "Ministry", "Press Service", "Foreign Policy", "Consular Services", "Contacts"],
     None, "both"),
    ("p", "navigation", "Home » Press Service » News", None, "both"),
    ("head", None, "Deputy Foreign Minister receives OSCE Personal Representative", None, "both"),
    ("head", None, "Posted: 14.03.2024, 17:42", None, "both"),
    ("p", None, "On 14 March, Deputy Foreign Minister Arman Grigoryan received Ambassador Tobias Lindqvist, the Personal "
                "Representative of the OSCE Chairperson-in-Office, who is visiting the region for consultations on the "
                "humanitarian situation along the state border.", None, "both"),
    ("p", None, "The Deputy Minister briefed the guest on the latest incidents near the villages of Tegh and Kornidzor, "
                "noting that shots fired from the opposite side on 11 and 12 March had damaged an irrigation pump station "
                "and forced farmers to suspend spring work on about forty hectares of land.", None, "both"),
    ("p", None, "Both sides stressed the importance of confidence-building measures, including the exchange of information "
                "on minefields and the return of the remains of persons missing since the hostilities of the early 1990s "
                "and of 2020.", None, "both"),
    ("p", "widget", ["Share", "Facebook", "X", "Telegram", "Print"], None, "both"),
    ("p", None, "Ambassador Lindqvist reaffirmed the readiness of the OSCE to support practical steps agreed by the parties, "
                "and informed the Deputy Minister about his upcoming meetings in Baku and Tbilisi.", None, "both"),
    ("p", None, "The interlocutors also exchanged views on the process of delimitation of the border, which both sides "
                "have said should rest on the Alma-Ata Declaration of 1991, and on the reopening of regional transport "
                "links.", None, "both"),
    ("p", "metadata", ["Tags: OSCE, border, humanitarian issues", "Views: 2 318"], None, "both"),
    ("p", "navigation", ["Related news", "Foreign Minister meets EU Special Representative for the South Caucasus",
                         "Statement on the anniversary of the tripartite declaration",
                         "Consultations between the foreign ministries of Armenia and Georgia held in Yerevan"], None, "both"),
    ("p", "credits", ["© 2024 Ministry of Foreign Affairs. All rights reserved. Materials may be reproduced with a reference to the source.",
                      "Site developed by WebStudio LLC"], None, "both"),
    ("p", "widget", ["This website uses cookies to ensure you get the best experience. By continuing to browse the site you agree to our use of cookies.",
                     "Accept", "More info"], None, "html"),
]


def _drupal_html() -> str:

    def field(text: str) -> str:
        return f'<div class="field-item">{_e(text)}</div>'

    p = [x[2] for x in _DRUPAL]
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="utf-8">
<title>Deputy Foreign Minister receives OSCE Personal Representative | Ministry of Foreign Affairs</title>
<meta name="Generator" content="Drupal 7 (http://drupal.org)">
<script>jQuery.extend(Drupal.settings, {{"basePath":"\\/","pathPrefix":"en\\/"}});</script>
</head>
<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node-4411 node-type-news i18n-en">
<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">{p[0][0]}</a></div>
<div id="page-wrapper"><div id="page">
<div id="header"><div class="section clearfix">
<a href="/en" title="Home" rel="home" id="logo"><img src="/sites/all/themes/mfa/logo.png" alt="Home"></a>
<div class="region region-header"><div id="block-locale-language" class="block block-locale">
<ul class="language-switcher-locale-url"><li class="hy first"><a href="/hy/news/4411">{p[1][0]}</a></li><li class="ru last"><a href="/ru/news/4411">{p[1][1]}</a></li></ul>
</div></div></div></div>
<div id="navigation"><div class="section"><ul class="menu">
{''.join(f'<li class="leaf"><a href="/en/{i}">{_e(x)}</a></li>' for i, x in enumerate(p[1][2:]))}
</ul></div></div>
<div id="breadcrumb"><div class="breadcrumb"><a href="/en">Home</a> » <a href="/en/press">Press Service</a> » <span>News</span></div></div>
<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column"><div class="section">
<a id="main-content"></a>
<h1 class="title" id="page-title">{_e(p[3])}</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system">
<div id="node-4411" class="node node-news node-full clearfix">
<div class="field field-name-field-date field-type-datetime field-label-hidden"><div class="field-items"><div class="field-item even"><span class="date-display-single">{_e(p[4])}</span></div></div></div>
<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items">
{field(p[5])}
{field(p[6])}
{field(p[7])}
<div class="field-item share-inline"><div class="addtoany_list"><span>{p[8][0]}</span> <a class="a2a_button_facebook">{p[8][1]}</a> <a class="a2a_button_x">{p[8][2]}</a> <a class="a2a_button_telegram">{p[8][3]}</a> <a href="/print/4411" class="print-page">{p[8][4]}</a></div></div>
{field(p[9])}
{field(p[10])}
</div></div>
<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-inline clearfix"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/en/tags/osce">OSCE</a>, <a href="/en/tags/border">border</a>, <a href="/en/tags/humanitarian">humanitarian issues</a></div></div></div>
<div class="statistics">Views: 2 318</div>
</div></div></div>
</div></div></div>
<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second">
<div id="block-views-related-news" class="block block-views"><h2>{p[12][0]}</h2><div class="view-content"><ul>
{''.join(f'<li><a href="/en/news/{4400 + i}">{_e(x)}</a></li>' for i, x in enumerate(p[12][1:]))}
</ul></div></div></div></div></div>
</div></div>
<div id="footer"><div class="section"><p>{_e(p[13][0])}</p><p class="dev">{_e(p[13][1])}</p></div></div>
</div></div>
<div id="sliding-popup" class="sliding-popup-bottom"><div class="popup-content info"><div id="popup-text"><p>{_e(p[14][0])}</p></div>
<div id="popup-buttons"><button type="button" class="agree-button">{p[14][1]}</button><button type="button" class="find-more-button">{p[14][2]}</button></div></div></div>
</body></html>
"""


# ============================================================================================ 2. Medium-style essay

_MEDIUM = [
    ("p", "navigation", ["Open in app", "Sign up", "Sign in", "Write"], None, "both"),
    ("p", "metadata", ["Member-only story"], None, "both"),
    ("head", None, "What the Lachin Road Taught Me About Waiting", None, "both"),
    ("head", None, "Notes from three winters of reporting in the South Caucasus", None, "both"),
    ("head", None, ["Nairi Petrosyan", "Follow", "8 min read · Feb 2, 2024"], None, "both"),
    ("p", "widget", ["412", "9", "Listen", "Share"], None, "both"),
    ("p", "credits", ["Photo by the author, December 2022."], None, "both"),
    ("p", None, "The first time I drove the road, in the autumn of 2021, it took three hours and two checkpoints, and "
                "the driver spent most of the trip complaining about the price of petrol. Nobody I met that day thought "
                "of the road as anything but a road.", None, "both"),
    ("p", None, "A year later the same five kilometres of asphalt near the Hakari bridge had become the most discussed "
                "stretch of tarmac in the region, photographed by drones, argued over in Brussels and Moscow, and "
                "closed, opened and closed again in ways that no timetable could capture.", None, "both"),
    ("heading", None, "I. The queue", None, "both"),
    ("p", None, "People waited in cars, in buses, in the cold, and then, when waiting in the open became pointless, "
                "they waited at home, in apartments where the electricity came on for four hours a day. Waiting became "
                "the main activity of a population of about a hundred thousand people.", None, "both"),
    ("p", None, "“We are not afraid of the winter,” a schoolteacher in Stepanakert told me in January 2023. “We are "
                "afraid that everyone will get used to this.”", None, "both"),
    ("p", None, "She was right about the habit, if not about the winter. The international statements that followed "
                "each incident began to resemble one another so closely that colleagues in the newsroom started "
                "predicting their wording.", None, "both"),
    ("p", "appeal", ["Get Nairi Petrosyan’s stories in your inbox", "Join Medium for free to get updates from this writer.", "Subscribe"], None, "both"),
    ("heading", None, "II. The exodus", None, "both"),
    ("p", None, "When it ended, it ended within a week. In late September 2023 more than one hundred thousand people "
                "crossed into Armenia through the same road, and the queue that had been a metaphor became a literal "
                "line of vehicles some forty kilometres long.", None, "both"),
    ("p", None, "I have no neat conclusion to offer. What I learned is that a road is a political instrument long before "
                "it is closed, and that the people who live at the end of it are usually the last to be consulted.", None, "both"),
    ("p", "metadata", ["South Caucasus", "Journalism", "Armenia", "Azerbaijan", "Conflict"], None, "both"),
    ("p", "widget", ["412", "9"], None, "both"),
    ("p", "credits", ["Written by Nairi Petrosyan", "1.1K Followers", "Freelance reporter. Yerevan, Tbilisi, wherever the story goes."], None, "both"),
    ("p", "comments", ["Responses (9)", "What are your thoughts?",
                       "Lusine K.", "Feb 3, 2024", "Thank you for writing this. The part about getting used to it stayed with me.",
                       "Reply"], None, "both"),
    ("p", "navigation", ["More from Nairi Petrosyan", "The Mountain Villages That Voted Twice", "A Week on the Georgian Military Road",
                         "See all from Nairi Petrosyan"], None, "both"),
    ("p", "navigation", ["Help", "Status", "About", "Careers", "Press", "Blog", "Privacy", "Terms", "Text to speech", "Teams"], None, "both"),
]


def _medium_html() -> str:
    p = [x[2] for x in _MEDIUM]
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_e(p[2])} | by {_e(p[4][0])} | Medium</title>
<meta property="og:type" content="article"><meta name="author" content="{_e(p[4][0])}">
<meta property="article:published_time" content="2024-02-02T09:14:00.000Z">
<style>.pw-post-body-paragraph{{font-family:charter}}</style></head>
<body><div id="root"><div class="a b c">
<div class="l" role="banner"><nav class="ab q"><a href="https://rsci.app.link/">{p[0][0]}</a><a href="/m/signin?operation=register">{p[0][1]}</a><a href="/m/signin">{p[0][2]}</a><a href="/new-story">{p[0][3]}</a></nav></div>
<article><div class="l"><div class="ab ca">
<div class="speechify-ignore"><span class="pw-member-only">{p[1][0]}</span></div>
<section><div class="fr fs ft fu fv">
<div class="ab ca"><div class="ch bg ew ex ey ez">
<div><h1 id="h1-a1" class="pw-post-title">{_e(p[2])}</h1></div>
<div><h2 id="h2-a2" class="pw-subtitle-paragraph">{_e(p[3])}</h2></div>
<div class="speechify-ignore ab cp"><div class="pw-author"><a href="/@nairi.p" rel="noopener">{_e(p[4][0])}</a><span> · </span><button>{p[4][1]}</button></div>
<div class="pw-reading-time"><span data-testid="storyReadTime">8 min read</span><span> · </span><span data-testid="storyPublishDate">Feb 2, 2024</span></div></div>
<div class="speechify-ignore ab co"><div class="pw-multi-vote-count"><button>{p[5][0]}</button></div><div class="pw-responses-count"><button>{p[5][1]}</button></div>
<div><button aria-label="Listen">{p[5][2]}</button></div><div><button aria-label="Share">{p[5][3]}</button></div></div>
<figure class="ne nf ng nh ni nj"><div role="button" class="nk nl ed nm bh nn"><picture><img alt="" class="bh ml no c" width="700" height="467" src="https://miro.medium.com/v2/resize:fit:1400/1*road.jpeg"></picture></div>
<figcaption class="nq fe nr nb nc ns nt be b bf z dt">{_e(p[6][0])}</figcaption></figure>
<p id="4e1a" class="pw-post-body-paragraph">{_e(p[7])}</p>
<p id="9c02" class="pw-post-body-paragraph">{_e(p[8])}</p>
</div></div></div></section>
<section><div class="fr fs ft fu fv"><div class="ab ca"><div class="ch bg ew ex ey ez">
<h2 id="2b7d" class="pw-post-body-heading">{_e(p[9])}</h2>
<p id="a3f1" class="pw-post-body-paragraph">{_e(p[10])}</p>
<blockquote class="pw-post-body-blockquote"><p id="77aa">{_e(p[11])}</p></blockquote>
<p id="b0c9" class="pw-post-body-paragraph">{_e(p[12])}</p>
<div class="inline-subscribe"><h3>{_e(p[13][0])}</h3><p>{_e(p[13][1])}</p><button>{p[13][2]}</button></div>
</div></div></div></section>
<section><div class="fr fs ft fu fv"><div class="ab ca"><div class="ch bg ew ex ey ez">
<h2 id="c1d2" class="pw-post-body-heading">{_e(p[14])}</h2>
<p id="d4e5" class="pw-post-body-paragraph">{_e(p[15])}</p>
<p id="e6f7" class="pw-post-body-paragraph">{_e(p[16])}</p>
</div></div></div></section>
</div></div></article>
<div class="ab ca"><ul class="pw-tags">{''.join(f'<li><a href="/tag/{x.lower().replace(" ", "-")}">{_e(x)}</a></li>' for x in p[17])}</ul>
<div class="footer-claps"><button>{p[18][0]}</button><button>{p[18][1]}</button></div>
<div class="pw-author-card"><h2>{_e(p[19][0])}</h2><span>{_e(p[19][1])}</span><p>{_e(p[19][2])}</p></div>
<div class="pw-responses"><h2>{_e(p[20][0])}</h2><div><textarea placeholder="{_e(p[20][1])}"></textarea><span>{_e(p[20][1])}</span></div>
<div class="response"><a href="/@lusine">{_e(p[20][2])}</a><span>{_e(p[20][3])}</span><p>{_e(p[20][4])}</p><button>{p[20][5]}</button></div></div>
<div class="pw-more-from"><h2>{_e(p[21][0])}</h2><ul><li><a>{_e(p[21][1])}</a></li><li><a>{_e(p[21][2])}</a></li></ul><a>{_e(p[21][3])}</a></div>
</div>
<footer><nav>{''.join(f'<a href="/{x.lower()}">{_e(x)}</a>' for x in p[22])}</nav></footer>
</div></div></body></html>
"""


# ============================================================================================ 3. <br><br> news site

_BRBR = [
    ("p", "navigation", "Main | Politics | Economy | Society | Region | World | Sport | Video | Archive", None, "both"),
    ("p", "widget", ["USD 403.15", "EUR 437.90", "RUB 4.42", "Yerevan +7°C"], None, "both"),
    ("head", None, "Gas supply to Syunik villages restored after week-long outage", None, "both"),
    ("head", None, "11:23 • 21.11.2023 • Region", None, "both"),
    ("p", None, "GORIS, November 21. Gas supply to seven villages of the Goris and Kapan communities was fully restored on "
                "Tuesday morning, eight days after a damaged section of the pipeline left about 2,300 households without "
                "heating, the regional administration reported.", None, "both"),
    ("p", None, "According to the administration, repair crews were able to reach the damaged section near the village "
                "of Vorotan only after the Ministry of Internal Affairs confirmed that the area had been checked for "
                "unexploded ordnance.", None, "both"),
    ("p", "navigation", ["Read also: Border villages receive diesel generators ahead of winter"], None, "both"),
    ("p", None, "Residents said that in the meantime they had relied on wood stoves and electric heaters, and that "
                "several families with small children had moved temporarily to relatives in Goris.", None, "both"),
    ("p", "widget", ["ADVERTISEMENT"], None, "both"),
    ("p", None, "The gas distribution company said the cost of the repairs, estimated at 46 million drams, would be "
                "covered by the company and would not affect tariffs for consumers in the region.", None, "both"),
    ("p", None, "The governor of Syunik, who visited Vorotan on Monday, promised compensation for households whose "
                "water pipes had burst during the frost of November 17 and 18.", None, "both"),
    ("p", "editorial_note", ["If you notice a mistake, select the text and press Ctrl+Enter."], None, "both"),
    ("p", "metadata", ["Views 1 532"], None, "both"),
    ("p", "widget", ["Share:", "Facebook", "Twitter", "WhatsApp", "Copy link"], None, "both"),
    ("p", "navigation", ["Latest news", "Government approves winter support package for border communities",
                         "Armenian and Azerbaijani commissions on delimitation to meet in December",
                         "Football: Pyunik draw in Tallinn", "All news"], None, "both"),
    ("p", "credits", ["When using materials, a hyperlink to the site is required. © 2011–2023 News Agency LLC."], None, "both"),
]


def _brbr_html() -> str:
    p = [x[2] for x in _BRBR]
    body = "<br><br>\n".join([
        _e(p[4]), _e(p[5]), f'<b>Read also:</b> <a href="/news/88120">{_e(p[6][0][len("Read also: "):])}</a>', _e(p[7]),
        f'<div class="adv-inline"><small>{p[8][0]}</small><script>googletag.cmd.push(function(){{googletag.display("div-gpt-ad-3");}});</script></div>',
        _e(p[9]), _e(p[10])])
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{_e(p[2])} - News Agency</title></head>
<body>
<div class="top-menu">{' | '.join(f'<a href="/cat/{i}">{_e(x)}</a>' for i, x in enumerate(p[0].split(' | ')))}</div>
<div class="rates">{''.join(f'<span>{_e(x)}</span> ' for x in p[1])}</div>
<div class="wrap"><div class="left-col">
<h1 class="news-title">{_e(p[2])}</h1>
<div class="news-date">{_e(p[3])}</div>
<div class="news-text">
{body}
<br><br>
<i>{_e(p[11][0])}</i>
</div>
<div class="news-views"><img src="/i/eye.png"> {_e(p[12][0])}</div>
<div class="share">{''.join(f'<a>{_e(x)}</a> ' for x in p[13])}</div>
</div>
<div class="right-col"><div class="lenta"><div class="lenta-title">{_e(p[14][0])}</div>
{''.join(f'<div class="lenta-item"><a>{_e(x)}</a></div>' for x in p[14][1:-1])}<a class="all">{_e(p[14][-1])}</a></div></div>
</div>
<div class="bottom">{_e(p[15][0])}</div>
</body></html>
"""


# ============================================================================================ 4. old table/<font> layout

_TABLE = [
    ("p", "navigation", ["HOME", "NEWS", "ARCHIVE", "PHOTO", "LINKS", "GUESTBOOK"], None, "html"),
    ("head", None, "City council approves new water tariffs for 2004", None, "html"),
    ("head", None, "Posted 12/02/2003 by admin", None, "html"),
    ("p", None, "The city council voted 17 to 4 on Tuesday evening to raise the price of drinking water for households "
                "by eleven percent from January, the first increase since 1999.", None, "html"),
    ("p", None, "Council members who supported the measure said the utility had lost money for three consecutive years "
                "and could no longer pay for the replacement of pipes laid in the 1960s, which account for most of the "
                "leaks reported in the northern districts.", None, "html"),
    ("p", None, "Opponents argued that pensioners would be hit hardest and proposed a reduced rate for households whose "
                "income is below the minimum wage. The proposal was rejected but the mayor promised to return to it "
                "in the spring.", None, "html"),
    ("p", None, "The new tariffs will be published in the municipal bulletin next week and will take effect on "
                "January 1.", None, "html"),
    ("p", "widget", ["[Print version] [Send to a friend] [Discuss in forum]"], None, "html"),
    ("p", "metadata", ["This article has been read 341 times."], None, "html"),
    ("p", "credits", ["Copyright © 2001-2003 Valley Herald Online. Best viewed in Internet Explorer 5.0 at 800x600."], None, "html"),
]


def _table_html() -> str:
    p = [x[2] for x in _TABLE]
    para = lambda s: f'<font face="Verdana, Arial" size="2">{_e(s)}</font><br><br>'  # noqa: E731
    return f"""<HTML><HEAD><TITLE>Valley Herald Online :: {_e(p[1])}</TITLE>
<META NAME="keywords" CONTENT="news, city, council, water"></HEAD>
<BODY BGCOLOR="#FFFFFF" TOPMARGIN="0" LEFTMARGIN="0">
<TABLE WIDTH="780" BORDER="0" CELLPADDING="0" CELLSPACING="0" ALIGN="center">
<TR><TD COLSPAN="2" BGCOLOR="#003366"><IMG SRC="images/logo.gif" WIDTH="780" HEIGHT="90" ALT=""></TD></TR>
<TR><TD WIDTH="140" VALIGN="top" BGCOLOR="#E0E8F0">
<TABLE WIDTH="140" BORDER="0" CELLPADDING="4">
{''.join(f'<TR><TD><FONT FACE="Arial" SIZE="1"><B><A HREF="{x.lower()}.htm">{x}</A></B></FONT></TD></TR>' for x in p[0])}
</TABLE><IMG SRC="images/spacer.gif" WIDTH="1" HEIGHT="300"></TD>
<TD WIDTH="640" VALIGN="top">
<TABLE WIDTH="100%" BORDER="0" CELLPADDING="8"><TR><TD>
<FONT FACE="Verdana, Arial" SIZE="4" COLOR="#003366"><B>{_e(p[1])}</B></FONT><BR>
<FONT FACE="Verdana, Arial" SIZE="1" COLOR="#808080">{_e(p[2])}</FONT><BR><BR>
{para(p[3])}
{para(p[4])}
{para(p[5])}
{para(p[6])}
<FONT FACE="Arial" SIZE="1"><A HREF="print.php?id=812">[Print version]</A> <A HREF="send.php?id=812">[Send to a friend]</A> <A HREF="forum.php?t=812">[Discuss in forum]</A></FONT><BR>
<FONT FACE="Arial" SIZE="1" COLOR="#999999">{_e(p[8][0])}</FONT>
</TD></TR></TABLE>
</TD></TR>
<TR><TD COLSPAN="2" ALIGN="center" BGCOLOR="#003366"><FONT FACE="Arial" SIZE="1" COLOR="#FFFFFF">{_e(p[9][0])}</FONT></TD></TR>
</TABLE></BODY></HTML>
"""


# ============================================================================================ 5. Substack newsletter

_SUBSTACK = [
    ("p", "navigation", ["Caucasus Dispatch", "Subscribe", "Sign in"], None, "both"),
    ("head", None, "Peace treaty drafts: what changed between March and May", None, "both"),
    ("head", None, "Four sticking points, one map, and a lot of patience", None, "both"),
    ("head", None, ["Ilkin Mammadli", "May 19, 2024"], None, "both"),
    ("p", "widget", ["34", "6", "Share"], None, "both"),
    ("p", None, "Welcome back to Caucasus Dispatch. This week’s issue is longer than usual, because both governments "
                "have now said publicly that the draft peace treaty is close to completion, and I wanted to set out what "
                "we actually know about the text.", None, "both"),
    ("p", None, "First, the basics. The two sides have exchanged at least nine versions of the draft since 2022, and "
                "according to officials on both sides most of the seventeen articles are now agreed.1 What remains "
                "concerns the mechanisms rather than the principles.", None, "both"),
    ("p", "appeal", ["Caucasus Dispatch is a reader-supported publication. To receive new posts and support my work, consider becoming a free or paid subscriber.",
                     "Subscribe"], None, "both"),
    ("heading", None, "The four sticking points", None, "both"),
    ("p", None, "The first concerns constitutional provisions. Baku has asked that Armenia amend the preamble of its "
                "constitution, which refers to the 1990 declaration of independence; Yerevan has said that a referendum "
                "on a new constitution is planned but should not be a precondition.2", None, "both"),
    ("p", None, "The second is the withdrawal of third-party missions from the border, the third the transit route "
                "through southern Armenia, and the fourth the mutual withdrawal of interstate legal claims filed with "
                "international courts.", None, "both"),
    ("p", None, "None of these is new, but the order in which they are discussed has changed, and that matters more "
                "than it sounds.", None, "both"),
    ("p", "widget", ["Share Caucasus Dispatch"], None, "both"),
    ("p", None, "That is all for this week. Next Sunday: the delimitation commissions and the villages of Tavush.", None, "both"),
    ("p", "footnote", ["1", "Statements by the Armenian Foreign Ministry spokesperson on 2 May and by an adviser to the Azerbaijani president on 6 May 2024."], None, "both"),
    ("p", "footnote", ["2", "The Constitutional Court would also have to review the treaty before ratification."], None, "both"),
    ("p", "appeal", ["Thanks for reading Caucasus Dispatch! Subscribe for free to receive new posts and support my work.",
                     "Type your email...", "Subscribe"], None, "both"),
    ("p", "widget", ["34 Likes", "∙", "3 Restacks"], None, "both"),
    ("p", "widget", ["Share"], None, "html"),
    ("p", "comments", ["6 Comments", "Write a comment...",
                       "Armen S.", "May 19", "Very clear summary. Do you think the referendum could happen before 2026?",
                       "Like (2)", "Reply",
                       "Ilkin Mammadli", "May 20", "Author", "Hard to say. The government’s own timetable has already slipped once.",
                       "Like", "Reply"], None, "both"),
    ("p", "navigation", ["Previous", "Next"], None, "both"),
    ("p", "navigation", ["© 2024 Ilkin Mammadli", "Privacy ∙ Terms ∙ Collection notice", "Start Writing", "Get the app",
                         "Substack is the home for great culture"], None, "both"),
]
# footnote markers glued to the text in the page and its pasted text; gold removes them
_SUB_CLEAN = {"are now agreed.1 What": "are now agreed. What", "a precondition.2": "a precondition."}


def _substack_gold(target: str):  # noqa: ANN001
    gold = list(_gold(_SUBSTACK, target))
    out = []
    for t, r in gold:
        for a, b in _SUB_CLEAN.items():
            t = t.replace(a, b)
        out.append((t, r))
    return tuple(out)


def _substack_html() -> str:
    p = [x[2] for x in _SUBSTACK]
    p6 = _e(p[6]).replace("agreed.1 ", 'agreed.<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a> ')
    p9 = _e(p[9]).replace("precondition.2", 'precondition.<a class="footnote-anchor" id="footnote-anchor-2" href="#footnote-2">2</a>')
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_e(p[1])} - by {_e(p[3][0])}</title>
<meta name="author" content="{_e(p[3][0])}"><meta property="article:published_time" content="2024-05-19T07:00:00+00:00"></head>
<body><div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="topbar"><a class="navbar-title-link" href="/">{p[0][0]}</a><button class="button primary">{p[0][1]}</button><button class="button">{p[0][2]}</button></div>
<div class="single-post-container"><div class="container"><div class="single-post"><article class="typography newsletter-post post">
<div class="post-header"><h1 class="post-title published">{_e(p[1])}</h1><h3 class="subtitle">{_e(p[2])}</h3>
<div class="post-meta"><div class="profile-hover-card-target"><a href="https://substack.com/@ilkin">{_e(p[3][0])}</a></div><div class="pencraft">{_e(p[3][1])}</div></div>
<div class="post-ufi"><a class="like-button"><span class="label">{p[4][0]}</span></a><a class="comment-button"><span class="label">{p[4][1]}</span></a><a class="share-button">{p[4][2]}</a></div></div>
<div class="available-content"><div dir="auto" class="body markup">
<p>{_e(p[5])}</p>
<p>{p6}</p>
<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">{_e(p[7][0])}</p></div>
<form class="subscription-widget-subscribe"><input type="email" placeholder="Type your email…"><input type="submit" class="button primary" value="{p[7][1]}"></form></div></div>
<h3 class="header-anchor-post">{_e(p[8])}</h3>
<p>{p9}</p>
<p>{_e(p[10])}</p>
<p>{_e(p[11])}</p>
<p class="button-wrapper"><a class="button primary" href="/p/peace-treaty?utm_source=substack&amp;utm_medium=email&amp;action=share"><span>{_e(p[12][0])}</span></a></p>
<p>{_e(p[13])}</p>
<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a><div class="footnote-content"><p>{_e(p[14][1])}</p></div></div>
<div class="footnote"><a id="footnote-2" href="#footnote-anchor-2" class="footnote-number">2</a><div class="footnote-content"><p>{_e(p[15][1])}</p></div></div>
</div></div>
<div class="subscribe-footer"><p>{_e(p[16][0])}</p><form><input type="email" placeholder="{_e(p[16][1])}"><span class="placeholder">{_e(p[16][1])}</span><button>{p[16][2]}</button></form></div>
<div class="post-footer"><a class="like-button">{_e(p[17][0])}</a><span>{p[17][1]}</span><a class="restack">{_e(p[17][2])}</a><a class="share">{p[18][0]}</a></div>
</article>
<div class="comments-section"><h4>{_e(p[19][0])}</h4><div class="comment-input"><span>{_e(p[19][1])}</span></div>
<div class="comment"><a class="commenter-name">{_e(p[19][2])}</a><span class="comment-date">{_e(p[19][3])}</span><div class="comment-body"><p>{_e(p[19][4])}</p></div><a>{p[19][5]}</a><a>{p[19][6]}</a>
<div class="comment reply"><a class="commenter-name">{_e(p[19][7])}</a><span>{_e(p[19][8])}</span><span class="author-tag">{p[19][9]}</span><div class="comment-body"><p>{_e(p[19][10])}</p></div><a>{p[19][11]}</a><a>{p[19][12]}</a></div></div></div>
<div class="post-navigation"><a>{p[20][0]}</a><a>{p[20][1]}</a></div>
</div></div></div>
<div class="footer-wrap"><div class="footer">{''.join(f'<div>{_e(x)}</div>' for x in p[21])}</div></div>
</div></div></body></html>
"""


# ============================================================================================ PDF letters

def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap; a word with '~' may hyphenate there; '^n' is a glued footnote marker (drawn superscript)."""
    lines: list[str] = []
    cur = ""
    vis = lambda s: len(re.sub(r"\^\d", "x", s.replace("~", "")))  # noqa: E731
    for w in text.split():
        cand = (cur + " " + w) if cur else w
        if vis(cand) <= width:
            cur = cand
            continue
        if "~" in w:
            parts = w.split("~")
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                if vis((cur + " " + head) if cur else head) <= width:
                    lines.append((cur + " " + head) if cur else head)
                    cur = "".join(parts[k:])
                    break
            else:
                lines.append(cur)
                cur = w.replace("~", "")
            continue
        lines.append(cur)
        cur = w
    if cur:
        lines.append(cur)
    return [ln.replace("~", "") for ln in lines]


def _clean(text: str) -> str:
    return " ".join(re.sub(r"\^\d", "", text.replace("~", "")).split())


def _draw_line(c, x: float, y: float, line: str, font: str, size: float) -> None:  # noqa: ANN001
    t = c.beginText(x, y)
    for k, seg in enumerate(re.split(r"(\^\d)", line)):
        if seg.startswith("^"):
            t.setFont(font, size * 0.65)
            t.setRise(size * 0.35)
            t.textOut(seg[1:])
            t.setRise(0)
            t.setFont(font, size)
        else:
            t.setFont(font, size)
            t.textOut(seg)
    c.drawText(t)


def _pdf(pages, font: str, size: float, leading: float, x: float, header, footer) -> bytes:  # noqa: ANN001
    """pages: list of (top_lines, footnote_lines); lines are strings ('' = blank line). header/footer: fn(page)->str."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    W, H = A4
    for n, (body, notes) in enumerate(pages, 1):
        if header:
            c.setFont(font, size - 2)
            c.drawString(x, H - 40, header(n))
        y = H - 75
        for ln in body:
            if ln:
                _draw_line(c, x, y, ln, font, size)
            y -= leading
        if notes:
            fy = 70 + len(notes) * (leading - 2)
            c.setLineWidth(0.5)
            c.line(x, fy + 8, x + 120, fy + 8)
            for ln in notes:
                _draw_line(c, x, fy, ln, font, size - 2)
                fy -= leading - 2
        if footer:
            c.setFont(font, size - 2)
            c.drawCentredString(W / 2, 35, footer(n))
        c.showPage()
    c.save()
    return buf.getvalue()


# ---- 6. Courier 11pt open letter, blank lines between paragraphs

_COURIER_HEAD = ["Coalition for Missing Persons", "12 Abovyan Street, Yerevan 0001",
                 "", "30 January 2024", "", "To: The International Committee of the Red Cross,",
                 "Delegation in Armenia and Azerbaijan", "", "Dear Head of Delegation,"]
_COURIER_PARAS = [
    "We are writing on behalf of the families of persons who went missing during the hostilities of 1988-1994, "
    "of April 2016 and of the autumn of 2020, and whose fate remains unknown more than three years after the "
    "cease~fire statement of 10 November 2020.^1",
    "Our organisations have docu~mented 1,021 cases. In 348 of them the families have provided DNA reference "
    "samples, and in 97 the place of burial is believed to lie in areas that are now difficult to access because "
    "of mines and unexploded ordnance.",
    "We welcome the exchange of detainees that took place in December 2023 and the joint statement that accompanied "
    "it.^2 At the same time, we note with concern that the bilateral commission on missing persons has not published "
    "any information on its meetings since its creation, and that families learn about identifications from the "
    "press rather than from the authorities.",
    "We therefore ask the Committee to use its good offices to encourage both governments to share the "
    "information they hold on burial sites, to allow forensic teams unimpeded access, and to inform families "
    "regularly of the progress made, even where that progress is slow.",
    "We would be grateful for the opportunity to meet your delegation in February to discuss these requests in "
    "more detail.",
]
_COURIER_NOTES = [
    ["1 Statement by the President of Azerbaijan, the Prime Minister of Armenia and the President of the Russian "
     "Federation, 10 November 2020."],
    ["2 Joint Statement of the Office of the Prime Minister of Armenia and the Administration of the President of "
     "Azerbaijan, 7 December 2023."],
]
_COURIER_SIGN = ["Yours sincerely,", "", "Anahit Sargsyan, Chair, Coalition for Missing Persons",
                 "Gor Melikyan, Union of Families of Missing Servicemen",
                 "Siranush Hakobyan, Helsinki Citizens' Assembly - Vanadzor",
                 "Davit Karapetyan, Legal Aid for Families NGO"]


def _courier_layout():
    W = 78
    page1 = list(_COURIER_HEAD) + [""]
    for k, para in enumerate(_COURIER_PARAS[:3]):
        page1 += _wrap(para, W) + [""]
    notes1 = []
    for note in _COURIER_NOTES:
        notes1 += _wrap(note[0], 86)
    page2 = []
    for para in _COURIER_PARAS[3:]:
        page2 += _wrap(para, W) + [""]
    page2 += _COURIER_SIGN
    return [(page1, notes1), (page2, [])]


def _courier_pdf() -> bytes:
    return _pdf(_courier_layout(), "Courier", 11, 13.5, 50, lambda n: "CMP/2024/07  -  Open letter to the ICRC",
                lambda n: f"Page {n} of 2")


def _courier_gold():
    head = " ".join(x for x in _COURIER_HEAD if x)
    g = [("CMP/2024/07 - Open letter to the ICRC", "page_furniture"), (head + " " + _clean(_COURIER_PARAS[0]), None)]
    g += [(_clean(p), None) for p in _COURIER_PARAS[1:3]]
    g += [(_clean(n[0]), "footnote") for n in _COURIER_NOTES]
    g.append(("Page 1 of 2", "page_furniture"))
    g.append(("CMP/2024/07 - Open letter to the ICRC", "page_furniture"))
    g += [(_clean(p), None) for p in _COURIER_PARAS[3:]]
    g.append((" ".join(x for x in _COURIER_SIGN if x), "signatories"))
    g.append(("Page 2 of 2", "page_furniture"))
    return tuple(g)


# ---- 7. Helvetica 9pt, ~110 chars/line, no blank lines, no indents; footnotes interrupt a paragraph

_DENSE_HEAD = ["Institute for Regional Security Studies - Tbilisi Office", "Ref. IRSS/PL/118", "Tbilisi, 4 June 2024",
               "Subject: Comments on the draft regulation on border crossing points"]
_DENSE_PARAS = [
    "The Institute welcomes the opportunity to comment on the draft regulation circulated by the working group on "
    "15 May. Our comments are limited to the provisions on the Georgian-Armenian and Georgian-Azerbaijani crossing "
    "points, where our staff have carried out interviews with drivers, traders and customs officers since 2021.^1 "
    "All figures below refer to calendar years.",
    "First, the draft assumes that cargo volumes will remain at the level of 2023. Our data suggest the opposite: "
    "freight through the Sadakhlo crossing grew by roughly a third between 2022 and 2023, and a further increase is "
    "likely if the transit routes under discussion in the Armenia-Azerbaijan talks are opened. The regu~lation "
    "should therefore provide for a review of staffing and infra~structure every two years rather than every five, "
    "and the review should be based on published statistics that allow independent verification by researchers and "
    "by the business associations that represent the carriers. We also recommend that the working group consult the "
    "customs authorities of the neighbouring states before fixing the opening hours of the crossing points, since "
    "queues on one side of the border are in practice determined by the hours kept on the other.^2 Several drivers "
    "interviewed in April described waits of more than thirty hours at the Red Bridge crossing during the harvest "
    "season, mostly because the two sides had changed schedules.",
    "Second, the provisions on the exchange of information with neighbouring states are too vague. We suggest "
    "naming the authorities responsible and a deadline for replies.",
    "Third, we are concerned that the draft does not mention persons displaced in 2023 who hold no valid travel "
    "documents. A simple procedure for issuing temporary certificates at the crossing points would prevent many of "
    "the cases we have seen.",
    "We remain at the disposal of the working group for any clarification.",
]
_DENSE_NOTES = [
    "1 IRSS field notes, Sadakhlo and Red Bridge, 2021-2024 (unpublished; available to the working group on request).",
    "2 See also the OSCE Border Management Staff College report on South Caucasus crossing points, 2022, pp. 41-44.",
]
_DENSE_SIGN = ["On behalf of the Institute,", "Nino Beridze, Director", "Rashad Aliyev, Senior Researcher",
               "Tatevik Harutyunyan, Research Fellow"]


def _dense_layout():
    W = 110
    lines = list(_DENSE_HEAD)
    for para in _DENSE_PARAS:
        lines += _wrap(para, W)
    cut = len(_DENSE_HEAD) + len(_wrap(_DENSE_PARAS[0], W)) + 5  # break the page in the middle of paragraph 2
    page1, page2 = lines[:cut], lines[cut:] + [""] + _DENSE_SIGN
    return [(page1, _DENSE_NOTES), (page2, [])], cut


def _dense_pdf() -> bytes:
    pages, _ = _dense_layout()
    return _pdf(pages, "Helvetica", 9, 11, 40, lambda n: "IRSS - Comments on the draft regulation on border crossing points",
                lambda n: f"- {n} -")


def _dense_gold():
    g = [("IRSS - Comments on the draft regulation on border crossing points", "page_furniture"),
         (" ".join(_DENSE_HEAD) + " " + _clean(_DENSE_PARAS[0]), None), (_clean(_DENSE_PARAS[1]), None)]
    g += [(_clean(n), "footnote") for n in _DENSE_NOTES]
    g += [("- 1 -", "page_furniture"), ("IRSS - Comments on the draft regulation on border crossing points", "page_furniture")]
    g += [(_clean(p), None) for p in _DENSE_PARAS[2:]]
    g.append((" ".join(_DENSE_SIGN), "signatories"))
    g.append(("- 2 -", "page_furniture"))
    return tuple(g)


# ============================================================================================ 8. DOCX statement

_DOCX_TITLE = "Joint Statement of Civil Society Organisations on the Protection of Cultural Heritage"
_DOCX_PARAS = [
    "We, the undersigned organisations from Armenia, Azerbaijan and Georgia, call on all parties to respect their "
    "obligations under the 1954 Hague Convention for the Protection of Cultural Property in the Event of Armed "
    "Conflict and its Protocols.",
    "Since 2020, our monitoring groups have recorded damage to religious buildings, cemeteries and memorial sites "
    "on both sides of the former line of contact. The cases below are those for which we hold photographic "
    "evidence from at least two independent sources.",
]
_DOCX_TABLE = [("Site", "District", "Reported", "Status"),
               ("Church of St. John the Baptist", "Shusha/Shushi", "October 2020", "Damaged, partly restored"),
               ("Cemetery of Aghdam", "Aghdam", "1993-2020", "Destroyed"),
               ("Medieval khachkars near Tsitsernavank", "Lachin", "August 2023", "Unknown")]
_DOCX_PARAS2 = [
    "We ask both governments to grant access to UNESCO for an independent assessment mission, and to refrain from "
    "any rhetoric that presents the heritage of the other community as foreign to the land on which it stands.",
]
_DOCX_SIGN = ["Signed:", "Caucasus Heritage Watch (Yerevan)", "Centre for Peace Initiatives (Baku)",
              "Tbilisi Heritage Forum", "Society for Memory and Dialogue (Gyumri)"]


def _docx_build(directory: Path) -> Path:
    import docx as _pydocx  # python-docx

    d = _pydocx.Document()
    d.add_heading(_DOCX_TITLE, level=1)
    d.add_paragraph("Yerevan, Baku and Tbilisi, 21 April 2024")
    for p in _DOCX_PARAS:
        d.add_paragraph(p)
    t = d.add_table(rows=len(_DOCX_TABLE), cols=4)
    t.style = "Table Grid"
    for i, row in enumerate(_DOCX_TABLE):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    for p in _DOCX_PARAS2:
        d.add_paragraph(p)
    for s in _DOCX_SIGN:
        d.add_paragraph(s)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "heldout2_docx_statement.docx"
    d.save(str(path))
    return path


def _docx_gold():
    g = [(_DOCX_TITLE + " Yerevan, Baku and Tbilisi, 21 April 2024 " + _DOCX_PARAS[0], None), (_DOCX_PARAS[1], None)]
    g += [(" ".join(r), None) for r in _DOCX_TABLE]
    g += [(p, None) for p in _DOCX_PARAS2]
    g.append((" ".join(_DOCX_SIGN), "signatories"))
    return tuple(g)


# ============================================================================================ 9. LexisNexis-like dump

_LEX_ARTS = [
    dict(src="The Baku Herald", date="March 3, 2024 Sunday", title="Delimitation commission holds 9th meeting at the border",
         byline="BYLINE: Elnur Huseynov", length="LENGTH: 212 words",
         paras=["The state commissions on the delimitation of the border between Azerbaijan and Armenia held their ninth "
                "meeting on Saturday at the border between the Gazakh and Ijevan districts, the Deputy Prime Minister's "
                "office said.",
                "The two sides discussed the regulations on the joint activities of the commissions and agreed to meet "
                "again within a month, the statement said, without giving further details.",
                "Observers said the choice of venue, on the border itself rather than in a third country, was a sign that "
                "both sides wanted to show progress ahead of the summer."]),
    dict(src="Armenian Weekly Review", date="March 9, 2024 Saturday", title="Tavush villagers fear losing access to farmland",
         byline="BYLINE: Hasmik Avetisyan", length="LENGTH: 186 words",
         paras=["Residents of four villages in Armenia's northern Tavush province say they are worried that the "
                "delimitation now under way could leave part of their orchards and pastures on the other side of the "
                "new border.",
                "\"Nobody has shown us a map,\" said a farmer in Kirants. \"We read about our own land in the news.\"",
                "Government officials said no decision had been taken and promised to hold consultations in each "
                "community."]),
    dict(src="Northern Courier", date="March 11, 2024 Monday", title="Ferry service to resume after storm damage repaired",
         byline="BYLINE: Staff reporter", length="LENGTH: 143 words",
         paras=["The island ferry service will resume on Thursday after repairs to the harbour ramp damaged in last "
                "month's storm were completed ahead of schedule, the operator said.",
                "Passengers holding tickets for cancelled sailings can use them until the end of April."]),
]


def _lex_text() -> str:
    out = []
    n = len(_LEX_ARTS)
    for i, a in enumerate(_LEX_ARTS, 1):
        out.append(f"                              {i} of {n} DOCUMENTS\n\n")
        out.append(f"                              {a['src']}\n\n")
        out.append(f"                              {a['date']}\n\n")
        out.append(f"{a['title']}\n\n{a['byline']}\n\nSECTION: NEWS\n\n{a['length']}\n\n")
        for p in a["paras"]:
            out.append("\n".join(textwrap.wrap(p, 72)) + "\n\n")
        out.append("LOAD-DATE: " + a["date"].rsplit(" ", 1)[0] + "\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n\n")
        out.append(f"Copyright 2024 {a['src']} All Rights Reserved\n\n\n")
    return "".join(out)


def _lex_gold():
    g = []
    n = len(_LEX_ARTS)
    for i, a in enumerate(_LEX_ARTS, 1):
        head = f"{i} of {n} DOCUMENTS {a['src']} {a['date']} {a['title']} {a['byline']} SECTION: NEWS {a['length']}"
        g.append((head + " " + a["paras"][0], None))
        g += [(p, None) for p in a["paras"][1:]]
        g.append(("LOAD-DATE: " + a["date"].rsplit(" ", 1)[0] + " LANGUAGE: ENGLISH PUBLICATION-TYPE: Newspaper "
                  f"Copyright 2024 {a['src']} All Rights Reserved", "metadata"))
    return tuple(g)


# ============================================================================================ 10. RSS export dump

_RSS_ITEMS = [
    dict(title="Pashinyan and Aliyev meet on the sidelines of the Munich Security Conference",
         link="https://example-news.am/en/2024/02/17/munich-meeting", pub="Sat, 17 Feb 2024 18:05:00 +0400",
         cat="Politics",
         paras=["The Prime Minister of Armenia and the President of Azerbaijan met in Munich on Saturday in a trilateral "
                "format with the German Chancellor, their first meeting since October.",
                "Both sides agreed to continue work on the peace treaty at the level of foreign ministers, a German "
                "government spokesperson said after the meeting."]),
    dict(title="Central bank keeps key rate unchanged at 8.75 percent",
         link="https://example-news.am/en/2024/02/20/key-rate", pub="Tue, 20 Feb 2024 15:30:00 +0400", cat="Economy",
         paras=["The central bank left its refinancing rate unchanged on Tuesday, citing lower than expected inflation "
                "in January and uncertainty about remittance flows.",
                "The next rate decision is scheduled for March 26."]),
    dict(title="Border incident near Nerkin Hand leaves four soldiers dead",
         link="https://example-news.am/en/2024/02/13/nerkin-hand", pub="Tue, 13 Feb 2024 09:12:00 +0400", cat="Security",
         paras=["Four Armenian servicemen were killed and one was wounded in an exchange of fire near the village of "
                "Nerkin Hand in Syunik province early on Tuesday, the Defence Ministry said.",
                "Azerbaijan's border service said the shooting was a response to a provocation the previous day. "
                "The European Union called on both sides to exercise restraint."]),
]


def _rss_text() -> str:
    out = ["Feed: Example News - English (https://example-news.am/en/rss)", "Exported: 2024-02-21 08:00 UTC",
           "Items: 3", "", "=" * 60, ""]
    for it in _RSS_ITEMS:
        out += [f"Title: {it['title']}", f"Link: {it['link']}", f"Published: {it['pub']}", f"Category: {it['cat']}",
                "Description:"]
        for p in it["paras"]:
            out += [p, ""]
        out += ["-" * 60, ""]
    return "\n".join(out) + "\n"


def _rss_gold():
    g = [("Feed: Example News - English (https://example-news.am/en/rss) Exported: 2024-02-21 08:00 UTC Items: 3", "metadata")]
    for it in _RSS_ITEMS:
        head = f"Title: {it['title']} Link: {it['link']} Published: {it['pub']} Category: {it['cat']} Description:"
        g.append((head + " " + it["paras"][0], None))
        g += [(p, None) for p in it["paras"][1:]]
    return tuple(g)


# ============================================================================================ fixtures

def fixtures() -> list[DocFixture]:
    fx = [
        DocFixture("heldout2_html_drupal_gov", "html", _writer("heldout2_html_drupal_gov.html", _drupal_html()), _gold(_DRUPAL, "html")),
        DocFixture("heldout2_html_medium_essay", "html", _writer("heldout2_html_medium_essay.html", _medium_html()), _gold(_MEDIUM, "html")),
        DocFixture("heldout2_html_brbr_news", "html", _writer("heldout2_html_brbr_news.html", _brbr_html()), _gold(_BRBR, "html")),
        DocFixture("heldout2_html_table_font", "html", _writer("heldout2_html_table_font.html", _table_html()), _gold(_TABLE, "html")),
        DocFixture("heldout2_html_substack", "html", _writer("heldout2_html_substack.html", _substack_html()), _substack_gold("html")),
        DocFixture("heldout2_pasted_drupal_gov", "txt", _writer("heldout2_pasted_drupal_gov.txt", _txt(_DRUPAL, True)), _gold(_DRUPAL, "txt")),
        DocFixture("heldout2_pasted_medium_essay", "txt", _writer("heldout2_pasted_medium_essay.txt", _txt(_MEDIUM, False)), _gold(_MEDIUM, "txt")),
        DocFixture("heldout2_pasted_brbr_news", "txt", _writer("heldout2_pasted_brbr_news.txt", _txt(_BRBR, True)), _gold(_BRBR, "txt")),
        DocFixture("heldout2_pasted_substack", "txt", _writer("heldout2_pasted_substack.txt", _txt(_SUBSTACK, False)), _substack_gold("txt")),
        DocFixture("heldout2_pdf_courier_letter", "pdf", _writer("heldout2_pdf_courier_letter.pdf", _courier_pdf()), _courier_gold()),
        DocFixture("heldout2_pdf_dense_letter", "pdf", _writer("heldout2_pdf_dense_letter.pdf", _dense_pdf()), _dense_gold()),
        DocFixture("heldout2_docx_statement", "docx", _docx_build, _docx_gold()),
        DocFixture("heldout2_dump_lexis", "txt", _writer("heldout2_dump_lexis.txt", _lex_text()), _lex_gold(),
                   tuple(a["title"] for a in _LEX_ARTS)),
        DocFixture("heldout2_dump_rss", "txt", _writer("heldout2_dump_rss.txt", _rss_text()), _rss_gold(),
                   tuple(it["title"] for it in _RSS_ITEMS)),
    ]
    return fx
