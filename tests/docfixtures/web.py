"""Web fixtures: saved HTML pages, their pasted-text versions, and multi-article dumps (all invented).

Pages are written as gold passages ``(reason or None, lines)``; the builders render them as a saved
HTML page (nav/header/article/aside/footer markup) or as what select-all + copy in a browser gives
(one paragraph or menu item per line, boilerplate included). Gold passage text is the lines joined
by a space. Header lines (headline, byline, date) that segmentation attaches to the next paragraph are
written in the same gold passage as that paragraph, whatever the headline's length (the convention of the
held-out fixtures in ``heldout.py`` too).

Content about the Armenia-Azerbaijan conflict; outlets, organisations and people are invented.
"""
from __future__ import annotations

import html
from pathlib import Path

from . import DocFixture

Gold = tuple[str | None, tuple[str, ...]]


def P(reason: str | None, *lines: str) -> Gold:
    return (reason, tuple(lines))


# ---------------------------------------------------------------------------- (a) news site
NEWS: list[Gold] = [
    P("navigation", "Skip to content"),
    P("widget", "We use cookies to personalise content and to analyse our traffic. By continuing to browse, you agree to our use of cookies.",
      "[Accept all] [Manage settings]"),
    P("navigation", "Home", "Politics", "Region", "Economy", "Opinion", "Culture", "Sport", "Podcasts", "Search"),
    P("navigation", "Home > Region > South Caucasus"),
    P(None, "Border commissions agree on first stretch of Armenia-Azerbaijan frontier near Tavush villages",
      "By Narine Avagyan and Ramil Guliyev",
      "14 May 2024, 18:40",
      "The border commissions of Armenia and Azerbaijan said on Tuesday they had agreed the coordinates of a first "
      "12.7-kilometre stretch of the frontier between the Armenian region of Tavush and Azerbaijan's Gazakh district, "
      "the first section of the long-disputed border to be fixed on the ground since the Soviet Union collapsed."),
    P(None, "Under the deal, four abandoned villages that Azerbaijan lost control of in the early 1990s will return to "
      "Azerbaijani jurisdiction, and Armenian officials said the line would follow the boundaries of Soviet-era "
      "maps drawn up in 1976. Surveyors planted the first concrete border markers within hours of the announcement."),
    P("credits", "Photo: Surveyors place a border marker near Kirants, Tavush province. © Caucasus Ledger / Hayk Mirzoyan"),
    P(None, "The agreement set off protests in the Armenian villages along the new line, where residents fear that "
      "the road to Georgia and a gas pipeline will now run within a few metres of Azerbaijani military posts. "
      "Archbishop Bagrat Galstanyan led hundreds of villagers in a march from Kirants toward Yerevan."),
    P(None, "\"We are not against peace, but peace cannot be built by handing over our villages one by one,\" said "
      "Armine Petrosyan, a teacher in Kirants whose house stands some 300 metres from the agreed line."),
    P(None, "Prime Minister Nikol Pashinyan told parliament the delimitation would give Armenia an internationally "
      "recognised border for the first time and remove a pretext for new fighting. Azerbaijan's deputy prime "
      "minister Shahin Mustafayev called the deal a historic step toward a comprehensive peace treaty."),
    P(None, "Analysts in both capitals cautioned that the easy part was over. The remaining 1,000 kilometres of border "
      "cross mountain passes held by the two armies since the 2021 and 2022 clashes, and Baku continues to demand "
      "that Armenia change its constitution before a treaty can be signed."),
    P("widget", "Share this article", "Facebook  X  Telegram  WhatsApp  Email", "Print"),
    P("metadata", "Tags: Armenia, Azerbaijan, border delimitation, Tavush, peace treaty"),
    P("navigation", "Related articles",
      "> Villagers in Kirants fear losing the road to Georgia",
      "> What the 1976 maps say about the Armenia-Azerbaijan border",
      "> Explainer: the sticking points of the peace treaty"),
    P("appeal", "Support independent journalism in the South Caucasus. Subscribe to the Caucasus Ledger from 4 euros a month.",
      "[Subscribe now]"),
    P("navigation", "About us | Contact | Advertise | Careers | Privacy Policy | Terms of Use"),
    P("credits", "© 2024 Caucasus Ledger. All rights reserved."),
]

# ---------------------------------------------------------------------------- (b) NGO site
NGO: list[Gold] = [
    P("widget", "Accessibility", "Font size A A A", "Font arial verdana tahoma", "Contrast: normal high", "Reset"),
    P("navigation", "HY | EN | RU"),
    P("navigation", "Home", "About the network", "Our work", "Reports", "Statements", "Media", "Contact"),
    P("appeal", "DONATE"),
    P("appeal", "Become a member of the Network! Members receive our monthly bulletin and a vote at the annual assembly. "
      "Membership costs 20 euros a year, or whatever you can give."),
    P(None, "Joint statement: the right of return of the Armenians of Nagorno-Karabakh cannot be bargained away",
      "Posted on 21 September 2024 by Lernashen Civic Network",
      "One year after more than 100,000 Armenians fled Nagorno-Karabakh within a single week, we, the undersigned "
      "civil society organisations, call on the governments of Armenia and Azerbaijan and on the international "
      "community to recognise that the displaced population retains its right to return in safety and dignity."),
    P("metadata", "views: 72"),
    P("editorial_note", "A note on terminology: this website uses the Armenian names of places in Nagorno-Karabakh "
      "(Stepanakert, Shushi, Martakert), with the Azerbaijani names (Khankendi, Shusha, Aghdara) at first mention in "
      "news items. The use of a name does not imply a position on sovereignty."),
    P(None, "The exodus of September 2023 followed a nine-month blockade of the Lachin corridor, during which food, "
      "fuel and medicine ran short and the only hospital in Stepanakert rationed insulin. When the military operation "
      "of 19 September ended, families left with whatever they could load into cars and trucks."),
    P(None, "Today most of the displaced live in rented flats in Yerevan, Abovyan and Goris. Monthly government "
      "housing payments of 50,000 drams cover less than half of a typical rent, and the programme is due to be "
      "reduced next spring. Donations from diaspora communities have paid for temporary shelter, but charity "
      "cannot replace a durable solution."),
    P(None, "In comments to journalists this month, officials in Baku said that Armenians who accept Azerbaijani "
      "citizenship are welcome to return. Residents we interviewed said they would consider it only with "
      "international guarantees, a presence of international observers, and access to their churches and cemeteries."),
    P("credits", "Image: Displaced families at the registration centre in Goris, September 2023. Photo credit: Ani Grigoryan / Lernashen Civic Network"),
    P(None, "We therefore call for an international mechanism, under the auspices of the United Nations, to monitor "
      "the protection of property, cultural heritage and the security of any returnees, and for the release of all "
      "Armenian detainees held in Baku."),
    P("signatories", "Signed by:"),
    P("signatories", "Lernashen Civic Network", "Armenian Association of Young Lawyers", "Goris Women's Resource Centre",
      "Helsinki Citizens' Assembly Vanadzor Office", "Syunik Development Foundation", "Artsakh Refugee Council",
      "Civil Society Institute Gyumri", "Journalists for Human Rights Armenia", "Open Society Network Kapan",
      "Union of Displaced Teachers of Artsakh", "Centre for Rights Development", "Shirak Regional Youth Club",
      "Peace Dialogue Initiative", "Tavush Community Alliance"),
    P("appeal", "Help us keep documenting the displacement. Your donation funds legal aid for displaced families.",
      "[Donate via card]  [Bank transfer]"),
    P("comments", "Leave a Reply"),
    P("comments", "Your email address will not be published. Required fields are marked *"),
    P("comments", "Comment *", "Name *", "Email *", "Website"),
    P("comments", "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"),
    P("navigation", "Address: 12 Tumanyan Street, Yerevan | Tel: +374 10 00 00 00 | info@example.am"),
    P("credits", "© 2024 Lernashen Civic Network. All rights reserved."),
]

# ---------------------------------------------------------------------------- (c) blog with comments
BLOG: list[Gold] = [
    P("navigation", "Caspian Notes", "Home", "Archive", "About", "Contact"),
    P(None, "Why the Zangezur corridor debate keeps outliving every deadline",
      "March 3, 2024",
      "Every few months a senior official in Baku announces that the road and railway across southern Armenia will "
      "open soon, and every few months Yerevan replies that it will never accept a corridor outside its sovereignty. "
      "Both statements are aimed mostly at domestic audiences, and both have now been repeated for more than three years."),
    P("metadata", "Posted in Analysis | 6 min read"),
    P(None, "The November 2020 ceasefire statement promised to unblock all economic and transport links in the region "
      "and said that Russian border guards would control traffic. Azerbaijan reads the clause as a guarantee of an "
      "unimpeded route to Nakhchivan; Armenia reads it as an ordinary border crossing under Armenian customs."),
    P(None, "Since the war of 2023 the bargaining position has shifted. With Karabakh no longer an issue, Baku has "
      "less to trade and more to demand, while Yerevan has offered its own Crossroads of Peace project, which would "
      "open every road in the country to transit on the basis of reciprocity."),
    P(None, "My guess is that the railway will eventually be built, but through Iran rather than Armenia, unless "
      "the two governments find a formula on border controls that both can sell at home. Turkey and Russia both "
      "want the route open; neither has shown much interest in whose customs officers stand at the gate."),
    P("widget", "Share this:", "Facebook  X  LinkedIn  Email"),
    P("comments", "3 thoughts on \u201cWhy the Zangezur corridor debate keeps outliving every deadline\u201d"),
    P("comments", "Lusine Avetisyan", "March 4, 2024 at 9:14 am",
      "Good summary, but you underestimate how strongly people in Syunik feel about this. Nobody in Meghri wants "
      "foreign soldiers on the road to the Iranian border."),
    P("comments", "Reply"),
    P("comments", "Farid Mammadli", "March 4, 2024 at 11:02 am",
      "The 2020 statement is clear that Armenia guarantees the security of the route. The Iranian option is a bluff "
      "and everybody in the region knows it."),
    P("comments", "Reply"),
    P("comments", "Caspian Notes", "March 4, 2024 at 12:30 pm",
      "Thanks both. Farid, I think the Iranian option became real once the Aras bridge contract was signed."),
    P("comments", "Reply"),
    P("comments", "Leave a Reply Cancel reply"),
    P("comments", "Your email address will not be published. Required fields are marked *"),
    P("appeal", "Subscribe to the newsletter", "Enter your email address", "[Subscribe]"),
    P("credits", "Header image: The Aras river near Meghri. Photo by the author."),
    P("navigation", "Proudly powered by WordPress | Theme: Minimal by Example"),
]

# ---------------------------------------------------------------------------- (d) think-tank page
# Written after the first version of the rules as a held-out page (first measurement: boilerplate recall
# 0.20 on its pasted text); the rules were then extended, so it is no longer held out.
THINKTANK: list[Gold] = [
    P("navigation", "Menu", "Research", "Regions", "Events", "Experts", "Donate", "Sign in"),
    P("navigation", "Research / South Caucasus / Commentary"),
    P(None, "After Karabakh: can Armenia and Azerbaijan turn a ceasefire into a settlement?",
      "Commentary",
      "Since the autumn of 2023 the question in the South Caucasus is no longer who controls Karabakh but whether "
      "the two states can agree on borders, roads and the fate of the people displaced by three decades of conflict."),
    P("widget", "Print  |  Email  |  PDF  |  Listen (7 min)"),
    P(None, "The negotiations now run on two tracks. A bilateral text on the principles of interstate relations is "
      "being drafted by the foreign ministries, while border commissions work village by village on delimitation, "
      "starting in the north where the two countries meet near the Georgian frontier."),
    P(None, "Neither track addresses the grievances that drove the war. Azerbaijani refugees from Armenia and "
      "Armenians displaced from Karabakh both ask about property and graves, and neither government has "
      "proposed a mechanism to deal with them."),
    P("credits", "Picture: A checkpoint on the Hakari bridge, April 2023. Source: Reuters"),
    P(None, "Outside powers are less central than they were. Russia's peacekeepers left in 2024, the EU mission "
      "patrols only the Armenian side of the line, and Turkey links normalisation with Armenia to the "
      "progress of the peace talks with Baku."),
    P("editorial_note", "Disclaimer: The views expressed in this commentary are solely those of the author and do not "
      "reflect an institutional position."),
    P("metadata", "About the author", "Dr. Sona Mikayelyan is a fellow in the Eurasia programme."),
    P("metadata", "Filed under: Armenia, Azerbaijan, Conflict resolution"),
    P("appeal", "Get our weekly South Caucasus briefing in your inbox.", "[Sign up]"),
    P("navigation", "Read next", "Why the Minsk Group dissolved quietly", "Mines, maps and the return to Aghdam"),
    P("comments", "Comments are closed."),
    P("navigation", "Careers | Press | Contact | Accessibility statement | Privacy"),
    P("credits", "Copyright 2024 Caspian Policy Forum"),
]

# ---------------------------------------------------------------------------- (e) held out: news agency page
# Written after the rules were extended for (d) and measured once before any change ("heldout_*" rows).
AGENCY: list[Gold] = [
    P("widget", "Font: A- A A+"),
    P("navigation", "Read the article in: Azərbaycan dili | Русский"),
    P("navigation", "Politics", "Economy", "Society", "Karabakh", "World", "Interview", "Photo", "Video"),
    P("widget", "Loading..."),
    P(None, "Shusha hosts first international conference since reconstruction began",
      "15:42 / 22.05.2024",
      "Delegations from more than 30 countries gathered in Shusha on Wednesday for a conference on post-conflict "
      "reconstruction, the first international event of its size in the city since Azerbaijan regained control of it in 2020."),
    P("metadata", "Views 1 532"),
    P(None, "Officials presented plans for the restoration of the historic quarter, including the Yukhari Govhar Agha "
      "mosque and the houses of the 19th-century merchants, and said that the first residents had moved into new "
      "apartment blocks on the edge of the city last year."),
    P("credits", "Photo: APA"),
    P(None, "Armenian officials did not comment on the conference. Armenian heritage groups have repeatedly asked for "
      "access to the Ghazanchetsots cathedral, whose restoration by the Azerbaijani authorities they say has changed "
      "its appearance."),
    P("appeal", "Subscribe to our Telegram channel to be the first to know the news!"),
    P("widget", "Follow us on Google News"),
    P("editorial_note", "If you notice an error, select the text and press Ctrl+Enter."),
    P("navigation", "Most viewed", "Parliament approves budget for Karabakh reconstruction",
      "Ganja hosts regional football final"),
    P("credits", "Use of the materials is allowed only with a hyperlink to the source."),
    P("widget", "Advertisement"),
]

# ---------------------------------------------------------------------------- multi-article dumps
DUMP_A: list[Gold] = [
    P("page_furniture", "=== MEDIA MONITORING DIGEST | South Caucasus | 3 items ==="),
    P(None, "Azerbaijan and Armenia exchange prisoners in rare goodwill gesture",
      "Caucasus Ledger",
      "7 December 2023",
      "By Ramil Guliyev",
      "Azerbaijan released 32 Armenian servicemen and Armenia freed two Azerbaijani soldiers on Wednesday, in an "
      "exchange that both governments described as a confidence-building step toward a peace agreement."),
    P(None, "In a joint statement, the office of the Armenian prime minister and the administration of the "
      "Azerbaijani president also said Armenia would withdraw its candidacy to host the COP29 climate conference "
      "and support Baku's bid instead."),
    P(None, "Human rights groups in Yerevan welcomed the release but said dozens of Armenians, including former "
      "officials of the Karabakh authorities, remained in custody in Baku."),
    P(None, "Baku says Karabakh reconstruction will cost billions this year",
      "Baku Economic Review",
      "12 January 2024",
      "By Leyla Hasanova",
      "The Azerbaijani government plans to spend about 4.4 billion manat on reconstruction in Karabakh and East "
      "Zangezur this year, the finance ministry said, most of it on roads, power lines and the resettlement of "
      "former residents in new villages."),
    P(None, "Officials said more than 5,000 people had returned so far to Lachin, Fuzuli and Zangilan, and that "
      "landmine clearance remained the main obstacle to faster resettlement."),
    P(None, "Yerevan families displaced from Karabakh struggle with rents",
      "Armenian Weekly Observer",
      "20 February 2024",
      "By Tatevik Harutyunyan",
      "Families who fled Nagorno-Karabakh last September are spending most of their income on rent in Yerevan, "
      "where prices have risen by a third since the arrival of tens of thousands of refugees and Russian migrants."),
    P(None, "The government pays 50,000 drams a month per person in housing support, but aid groups say the "
      "payments are too small and too short-lived to allow families to settle."),
]
DUMP_A_TITLES = ("Azerbaijan and Armenia exchange prisoners in rare goodwill gesture",
                 "Baku says Karabakh reconstruction will cost billions this year",
                 "Yerevan families displaced from Karabakh struggle with rents")

DUMP_B: list[Gold] = [
    P(None, "Peace treaty text is 80 percent agreed, Armenian foreign minister says",
      "South Caucasus Wire | 2 April 2024 | 10:15",
      "Armenian Foreign Minister Ararat Mirzoyan said on Tuesday that about 80 percent of the text of a peace "
      "treaty with Azerbaijan had been agreed, but that the remaining articles covered the most difficult issues."),
    P(None, "He named the mutual recognition of territorial integrity on the basis of the 1991 Alma-Ata Declaration "
      "and the absence of third-party forces on the border as points on which the sides still disagreed."),
    P(None, "Aliyev: no treaty until Armenia changes its constitution",
      "Baku Daily Courier | 9 April 2024 | 16:40",
      "President Ilham Aliyev told a conference in Baku that Azerbaijan would not sign a peace treaty while the "
      "preamble of Armenia's constitution referred to the 1989 act on the unification of Armenia and Nagorno-Karabakh."),
    P(None, "Armenian officials said a new constitution was being drafted for other reasons and rejected what they "
      "called preconditions that had nothing to do with the treaty."),
    P(None, "European monitors extend mission on Armenian side of border",
      "EU Neighbourhood Bulletin | 22 April 2024 | 09:05",
      "The European Union extended its civilian monitoring mission in Armenia for two more years, saying patrols "
      "along the border with Azerbaijan had helped reduce incidents since 2023. Baku criticised the decision."),
    P(None, "Gas prices in Armenia to rise from July, regulator says",
      "Yerevan Business Today | 30 April 2024 | 12:20",
      "Armenia's utilities regulator approved a rise in household gas tariffs from July, citing higher import "
      "prices. The change will add about 1,500 drams a month to a typical winter bill."),
    P(None, "Consumer groups said the rise would hit families displaced from Karabakh hardest, since many rent "
      "older flats with poor insulation."),
]
DUMP_B_TITLES = ("Peace treaty text is 80 percent agreed, Armenian foreign minister says",
                 "Aliyev: no treaty until Armenia changes its constitution",
                 "European monitors extend mission on Armenian side of border",
                 "Gas prices in Armenia to rise from July, regulator says")


# ---------------------------------------------------------------------------- renderers
def pasted_text(page: list[Gold], blank_lines: bool = True) -> str:
    """What select-all + copy gives: one line per paragraph or item; blocks optionally separated by a blank line."""
    sep = "\n\n" if blank_lines else "\n"
    return sep.join("\n".join(lines) for _, lines in page) + "\n"


_WRAP = {
    "navigation": ("<nav class=\"menu\"><ul>", "<li><a href=\"#\">{}</a></li>", "</ul></nav>"),
    "widget": ("<div class=\"widget\">", "<button>{}</button>", "</div>"),
    "appeal": ("<div class=\"donate-box\">", "<p>{}</p>", "</div>"),
    "comments": ("<section id=\"comments\" class=\"comments-area\">", "<p>{}</p>", "</section>"),
    "signatories": ("<ul class=\"signatories\">", "<li>{}</li>", "</ul>"),
    "credits": ("<figcaption class=\"credit\">", "<span>{}</span>", "</figcaption>"),
    "metadata": ("<div class=\"entry-meta\">", "<span>{}</span>", "</div>"),
    "editorial_note": ("<aside class=\"editor-note\">", "<p><em>{}</em></p>", "</aside>"),
    "page_furniture": ("<div class=\"banner\">", "<p>{}</p>", "</div>"),
}


def html_page(page: list[Gold], title: str) -> str:
    """A saved page: boilerplate in its usual markup, content inside <article> (headline as <h1>/<h2>)."""
    out = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>{html.escape(title)}</title>", f"<meta property=\"og:title\" content=\"{html.escape(title)}\">",
           "</head><body>"]
    in_article = False
    first_content = True
    for reason, lines in page:
        esc = [html.escape(x) for x in lines]
        if reason is None:
            if not in_article:
                out.append("<main><article>")
                in_article = True
            if len(lines) > 1:
                tag = "h1" if first_content else "h2"
                out.append(f"<{tag}>{esc[0]}</{tag}>")
                out.extend(f"<p class=\"byline\">{x}</p>" for x in esc[1:-1])
                out.append(f"<p>{esc[-1]}</p>")
            else:
                out.append(f"<p>{esc[0]}</p>")
            first_content = False
            continue
        if in_article and reason in ("navigation", "comments", "appeal"):
            out.append("</article></main>")
            in_article = False
        head, item, tail = _WRAP.get(reason, ("<div>", "<p>{}</p>", "</div>"))
        out.append(head + "".join(item.format(x) for x in esc) + tail)
    if in_article:
        out.append("</article></main>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _gold(page: list[Gold], html_page: bool = False, title: str | None = None) -> tuple[tuple[str, str | None], ...]:
    """Gold passages under the segmentation conventions: a content block is one passage, its header lines
    (headline of any length, byline, date) joined to the paragraph below them; adjacent boilerplate blocks with the same
    reason are one passage (a menu, a comment section). In the HTML version the byline and date lines
    are header markup (``<p class="byline">``), which main-text extraction moves into the document's
    metadata (author, date): they are not gold passages there; neither is a headline that repeats the page
    title (``title``), which the reader keeps as the title metadata (the held-out fixtures' convention)."""
    out: list[tuple[str, str | None]] = []
    for reason, lines in page:
        if html_page and reason is None and len(lines) > 2:
            lines = (lines[0], lines[-1])
        if html_page and reason is None and len(lines) > 1 and title and lines[0] == title:
            lines = lines[1:]  # a headline that repeats the page title is the reader's title metadata
        if reason is not None:
            if out and out[-1][1] == reason:
                out[-1] = (out[-1][0] + " " + " ".join(lines), reason)
            else:
                out.append((" ".join(lines), reason))
            continue
        out.append((" ".join(lines), None))  # headline, byline and date lines belong with the paragraph below them
    return tuple(out)


def _writer(name: str, content: str):  # type: ignore[no-untyped-def]
    def build(directory: Path) -> Path:
        path = Path(directory) / name
        path.write_text(content, encoding="utf-8")
        return path

    return build


def fixtures() -> list[DocFixture]:
    """HTML pages (a news site, an NGO site, a blog with comments, a held-out think-tank page), their
    pasted-text versions, and two multi-article dumps."""
    out = []
    pages = (("news", NEWS, "Border commissions agree on first stretch of frontier", True),
             ("ngo", NGO, "Joint statement: the right of return", True),
             ("blog", BLOG, "Why the Zangezur corridor debate keeps outliving every deadline", False))
    for name, page, title, blanks in pages:
        out.append(DocFixture(f"web_{name}", "html", _writer(f"web_{name}.html", html_page(page, title)), _gold(page, True, title)))
        out.append(DocFixture(f"pasted_{name}", "txt", _writer(f"pasted_{name}.txt", pasted_text(page, blanks)), _gold(page)))
    tt = html_page(THINKTANK, "After Karabakh: can Armenia and Azerbaijan turn a ceasefire into a settlement?")
    out.append(DocFixture("web_thinktank", "html", _writer("web_thinktank.html", tt),
                          _gold(THINKTANK, True, "After Karabakh: can Armenia and Azerbaijan turn a ceasefire into a settlement?")))
    out.append(DocFixture("pasted_thinktank", "txt", _writer("pasted_thinktank.txt", pasted_text(THINKTANK)), _gold(THINKTANK)))
    agency = html_page(AGENCY, "Shusha hosts first international conference since reconstruction began")
    out.append(DocFixture("heldout_web_agency", "html", _writer("heldout_web_agency.html", agency),
                          _gold(AGENCY, True, "Shusha hosts first international conference since reconstruction began")))
    out.append(DocFixture("heldout_pasted_agency", "txt", _writer("heldout_pasted_agency.txt", pasted_text(AGENCY, False)),
                          _gold(AGENCY)))
    out.append(DocFixture("dump_digest", "txt", _writer("dump_digest.txt", pasted_text(DUMP_A)), _gold(DUMP_A), DUMP_A_TITLES))
    out.append(DocFixture("dump_wire", "txt", _writer("dump_wire.txt", pasted_text(DUMP_B, blank_lines=False)),
                          _gold(DUMP_B), DUMP_B_TITLES))
    return out
