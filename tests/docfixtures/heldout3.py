"""Third held-out set (``heldout3_``), written blind to the segmentation/boilerplate rules and the other fixtures.

14 documents focused on what users paste and upload most: six pasted web pages (three one-line-per-block with no
blank lines, three with blank lines), three reportlab PDFs (a 2-page justified open letter with glued footnote
markers, hyphenation, a footnote block interrupting a paragraph across a page break and a signatory list; a 3-page
report with numbered sections and a table; a one-page press statement with letterhead and contact block), the
pasted text of two of those PDFs, two HTML pages (live blog, NGO petition) and one e-mail newsletter digest dump.

Gold conventions follow ``heldout2.py``: a head/subheading run joins the first paragraph after it; in HTML the
h1 title and byline/date are reader metadata (no passage); adjacent boilerplate with the same reason is one passage;
page furniture one passage per line; each footnote its own passage (keeps its number); content cleaned (wraps
joined, hyphenation undone, footnote markers removed). In pasted text a head run followed by boilerplate before the
first paragraph is a content passage of its own. A paragraph interrupted at a page break is listed before the
footnotes and furniture lines that interrupt it. PDF table: one passage per row, cells joined by spaces.
"""
from __future__ import annotations

import html as _html
import re
from pathlib import Path

from . import DocFixture

# ---------------------------------------------------------------- pasted web pages
# item: (role, reason, lines)   role "h" = head/subheading line(s) joining the next content block; "p" = block


def _gold(items):
    out: list[tuple[str, str | None]] = []
    head: list[str] = []
    for role, reason, lines in items:
        text = " ".join(lines)
        if role == "h":
            head.append(text)
            continue
        if reason is None:
            text = " ".join(head + [text])
            head = []
        elif head:
            out.append((" ".join(head), None))
            head = []
        if reason is not None and out and out[-1][1] == reason:
            out[-1] = (out[-1][0] + " " + text, reason)
        else:
            out.append((text, reason))
    if head:
        out.append((" ".join(head), None))
    return tuple(out)


def _render(items, blank: bool) -> str:
    blocks = ["\n".join(lines) for _, _, lines in items]
    return ("\n\n" if blank else "\n").join(blocks) + "\n"


def _txt_fixture(name, items, blank, articles=()):
    text = _render(items, blank)

    def build(d: Path, text=text, name=name) -> Path:
        p = Path(d) / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        return p

    return DocFixture(name=name, kind="txt", build=build, paragraphs=_gold(items), articles=tuple(articles))


def H(*lines):
    return ("h", None, list(lines))


def P(text, reason=None):
    return ("p", reason, [text])


def B(reason, *lines):
    return ("p", reason, list(lines))


NEWS_PORTAL = [
    B("navigation", "Home", "Politics", "Economy", "Region", "Society", "Culture", "Sport", "Video", "ՀԱՅ | РУС | ENG"),
    B("widget", "Font size A A A"),
    H("Villagers in Tavush say new border posts cut them off from their orchards",
      "Region | 14:20, 03 March 2026"),
    P("Residents of Kirants and Voskepar say the new checkpoints installed along the delimited section of the border last week have left at least forty families unable to reach apricot and walnut orchards that now lie a few hundred metres inside Azerbaijani-controlled territory."),
    P("\"My grandfather planted those trees in the 1960s. Now I can see them from my roof, but I cannot go there,\" said Gohar Sargsyan, 58, who has farmed the plot for three decades. Local officials said they had submitted a list of affected owners to the government commission in February but had received no answer."),
    B("credits", "Photo: Armen Hakobyan / Region Press"),
    B("navigation", "Read also: Delimitation commissions meet in Gabala for sixth round"),
    P("The deputy prime minister, who heads the Armenian delimitation commission, told parliament on Wednesday that compensation for lost land would be paid \"according to market value\" and that a registry of plots was being compiled with the help of the cadastre committee."),
    P("Opposition deputies accused the government of drawing the line without consulting communities. \"Nobody asked the people who live here where the road should go,\" said one lawmaker from the Hayastan faction during the session."),
    P("Azerbaijani officials have not commented on the orchards. Baku has said the process is based on Soviet-era maps agreed by both sides and should serve as a model for the rest of the border."),
    B("metadata", "Tags: Tavush, delimitation, border, Kirants", "Views: 2417"),
    B("widget", "Share:", "Facebook", "Telegram", "WhatsApp", "Print"),
    B("navigation", "Most read", "Central Bank keeps refinancing rate unchanged at 6.75%", "Yerevan metro fares to rise from April",
      "Women's national team wins in Tallinn", "Snow closes Sisian-Kajaran highway for six hours"),
    B("credits", "© 2011-2026 Region Press. Reproduction of materials is permitted only with a hyperlink to the source."),
    B("widget", "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.", "Accept", "Learn more"),
]

NGO_STATEMENT = [
    B("navigation", "Skip to main content", "About us", "Our work", "Countries", "Publications", "Get involved", "Contact"),
    B("navigation", "Home » Statements » Europe and Central Asia"),
    H("Azerbaijan: Release detained journalists ahead of COP follow-up talks", "Public statement", "12 February 2026"),
    P("Azerbaijani authorities must immediately release the eleven journalists detained since November 2023 on what appear to be politically motivated smuggling charges, the organisation said today, as diplomats prepare to gather in Baku for follow-up talks on climate finance."),
    P("The journalists, most of whom worked for independent outlets that reported on corruption among senior officials, have now spent more than two years in pre-trial detention. Several of them told their lawyers they had been denied medical care and held in cold cells during the winter."),
    B("appeal", "Act now: write to the Prosecutor General of Azerbaijan and demand their release. Take action!"),
    H("Pattern of reprisals"),
    P("The arrests follow a familiar pattern. Investigators typically claim to have found foreign currency in the newsroom, charge staff with smuggling, and then add charges of tax evasion and illegal entrepreneurship that carry sentences of up to twelve years."),
    P("International partners who will attend the talks should raise the cases publicly and in private meetings, and should not allow the event to be used to project an image of openness while critics remain behind bars."),
    B("widget", "Download PDF", "Print", "Share this page"),
    B("metadata", "Index number: EUR 55/0142/2026", "Topics: Freedom of expression, Journalists, Detention"),
    B("appeal", "Your donation funds our independent research. Donate today!", "Sign up for our newsletter", "Email address", "Subscribe"),
    B("navigation", "Related content", "Armenia: Investigate deaths of soldiers in non-combat incidents",
      "Azerbaijan: Lawyer of detained activist disbarred", "South Caucasus: Displaced people from Karabakh still lack housing"),
    B("widget", "Accessibility: High contrast | Larger text | Reset"),
    B("credits", "© 2026 Rights Watch Caucasus. All rights reserved."),
]

MINISTRY = [
    B("navigation", "Ministry of Foreign Affairs of the Republic of Armenia", "Minister", "Ministry", "Foreign Policy", "Press Center", "Consular Services", "Embassies"),
    B("navigation", "Press Center / Press releases"),
    H("Statement of the Ministry of Foreign Affairs on the anniversary of the displacement from Nagorno-Karabakh", "19.09.2026"),
    P("Three years ago more than one hundred thousand Armenians of Nagorno-Karabakh were forced to leave their homes following a military offensive that came after a nine-month blockade of the Lachin corridor."),
    P("The Government of Armenia has provided housing assistance to over 24,000 families and continues to work with international partners to ensure that the rights of displaced people, including the right to a safe and dignified return, remain on the international agenda."),
    P("The Ministry reiterates that the issue of persons held in Baku, including former officials of Nagorno-Karabakh, must be addressed through humanitarian means, and calls on Azerbaijan to allow regular access by the International Committee of the Red Cross."),
    P("Armenia remains committed to the peace agenda, to the finalisation of the agreement on peace and establishment of interstate relations initialled in August 2025, and to the opening of regional communications on the basis of sovereignty, jurisdiction, equality and reciprocity."),
    B("widget", "Print version", "Send to a friend"),
    B("metadata", "Number of views: 1193"),
    B("navigation", "Latest from the Press Center", "Foreign Minister receives EU Special Representative",
      "Deputy Minister participates in OSCE Permanent Council meeting", "Consular information for citizens travelling to Georgia"),
    B("navigation", "Sitemap | Contact us | RSS | Terms of use"),
    B("credits", "© 2026 Ministry of Foreign Affairs of the Republic of Armenia"),
]

DIASPORA_BLOG = [
    B("navigation", "Hye Voices Blog", "Home", "About", "Archives", "Contact"),
    H("What my grandmother's recipe book taught me about Artsakh", "Posted on 22 April 2026 by Nairi Kalaydjian"),
    P("When we cleared out my grandmother's apartment in Glendale last winter, I found a school notebook full of recipes written in three alphabets. Half of them were from Hadrut, where her mother had been born, and several had notes in the margin about which neighbour made the dish best."),
    P("I started cooking through the notebook as a way to grieve, but it turned into something else. Every recipe was a map: the wild herbs gathered on a particular hillside, the walnut trees by the spring, the church where the bread was blessed at Easter. Those places are now on the other side of a line none of us can cross."),
    P("My cousins who left Stepanakert in 2023 laughed when I showed them the notebook. They cook the same dishes in a rented flat in Abovyan, but with herbs bought at the market. \"It is not the same taste,\" my cousin Lilit said, \"but it is the same table.\""),
    B("metadata", "Categories: Family, Food, Artsakh | 6 min read"),
    B("widget", "Share this:", "Facebook", "X", "Email"),
    B("comments", "7 Comments",
      "Siranush M. says: April 22, 2026 at 9:14 pm",
      "This made me cry. My mother's family was from Martuni and we still make her gata every New Year.",
      "Reply",
      "Ara from Montreal says: April 23, 2026 at 2:03 am",
      "Please publish the recipes! Our kids need to know these places existed.",
      "Reply",
      "Leave a Reply", "Your email address will not be published. Required fields are marked *"),
    B("appeal", "Subscribe to Hye Voices and get new posts by email!"),
    B("navigation", "Recent Posts", "Notes from a trip to Gyumri", "On learning Western Armenian at forty", "Why I still write letters"),
    B("credits", "© 2026 Hye Voices. Powered by WordPress."),
]

THINK_TANK = [
    B("navigation", "Caucasus Policy Institute", "Research", "Commentary", "Events", "Experts", "About"),
    B("navigation", "Commentary › South Caucasus"),
    H("The TRIPP corridor is a test for Washington, not only for Yerevan and Baku", "Commentary · 8 min read", "By Tamar Beridze · 30 January 2026"),
    P("The route announced at the White House last August was presented as a breakthrough: a transit road and railway through Armenia's Syunik province, operated under a long-term arrangement with an American consortium, connecting mainland Azerbaijan with its Nakhchivan exclave."),
    P("Six months later, the project exists mostly on paper. Armenian officials insist that customs and border control will remain in Armenian hands, while Azerbaijani commentators describe the route as unimpeded. Both readings can be found in the same joint declaration, which was drafted to be ambiguous."),
    B("appeal", "If you value our independent analysis, please consider a donation. Support CPI"),
    P("For Washington, the risk is that a symbolic success turns into an open-ended commitment. An American operator would be drawn into disputes over tariffs, inspections and security incidents that neither government wants to be blamed for."),
    P("The better course is to tie each phase of construction to concrete steps in the peace process, including the signing of the treaty and the completion of border delimitation in the sensitive southern sections."),
    B("metadata", "Tamar Beridze is a senior fellow at the Caucasus Policy Institute. Her research focuses on connectivity and security in the South Caucasus."),
    B("widget", "Cite this", "Download PDF", "Share"),
    B("navigation", "Related analysis", "Iran watches the Syunik route with growing unease", "Georgia's transit role after the Armenia-Azerbaijan deal", "Energy exports and the Middle Corridor in 2026"),
    B("appeal", "Stay informed. Sign up for the CPI weekly briefing."),
    B("credits", "© Caucasus Policy Institute 2026"),
]

WIRE = [
    B("navigation", "World", "Business", "Markets", "Sustainability", "Legal", "Breakingviews", "Technology"),
    B("navigation", "Skip to main content"),
    B("widget", "Advertisement"),
    H("Armenia, Azerbaijan agree to reopen rail link via Nakhchivan by 2028, officials say",
      "By Felix Light and Nailia Bagirova", "March 9, 2026 4:41 PM GMT+1 Updated 2 hours ago"),
    P("TBILISI/BAKU, March 9 (Reuters) - Armenia and Azerbaijan have agreed a timetable to restore a Soviet-era railway across southern Armenia by 2028, officials from both countries said on Monday, the most concrete step yet towards reopening transport links closed for more than three decades."),
    P("The line, which once connected Baku to Nakhchivan and on to Iran, will be rebuilt in stages, with construction in Armenia's Meghri district due to begin next spring, according to a document seen by Reuters."),
    B("widget", "Advertisement · Scroll to continue"),
    P("\"This is not just a railway, it is a signal to investors that the region is changing,\" Azerbaijani presidential adviser Hikmet Hajiyev told reporters. Armenia's infrastructure minister said financing talks with the Asian Development Bank were under way."),
    P("Analysts cautioned that the timetable depended on the signing of the peace treaty, which Baku says cannot happen until Armenia changes a constitutional preamble it regards as containing territorial claims."),
    B("credits", "(Reporting by Felix Light in Tbilisi and Nailia Bagirova in Baku; Editing by Andrew Osborn)"),
    B("metadata", "Our Standards: The Thomson Reuters Trust Principles."),
    B("widget", "Purchase Licensing Rights", "Share", "X", "Facebook", "LinkedIn", "Email", "Link"),
    B("navigation", "Read Next", "Georgia's ruling party wins local elections amid boycott", "Turkey's central bank cuts rates by 250 basis points", "Kazakhstan oil output hits record in February"),
]

# ---------------------------------------------------------------- newsletter digest dump

DUMP_ITEMS = [
    ("Baku court sentences former Karabakh leaders to long prison terms", "Source: OC Media", "Date: 5 February 2026",
     ["A military court in Baku sentenced former Nagorno-Karabakh president Arayik Harutyunyan to life in prison on Thursday, while seven other former officials received terms of between 15 and 20 years on charges including terrorism and waging war.",
      "Armenia's Foreign Ministry called the trial a sham. Lawyers appointed by the court said they would appeal."]),
    ("EU monitoring mission's mandate extended for two more years", "Source: Civilnet", "Date: 6 February 2026",
     ["EU foreign ministers agreed to extend the mandate of the civilian monitoring mission on the Armenian side of the border until February 2028 and to increase its staff to about 250.",
      "Baku has criticised the mission as a tool of Western influence; Yerevan says its patrols have helped reduce shooting incidents."]),
    ("Wheat prices fall in Yerevan as Russian imports resume", "Source: Armenpress", "Date: 7 February 2026",
     ["Wholesale wheat prices in Yerevan fell by about 8% this week after shipments from Russia resumed through the Upper Lars crossing, which had been closed by snow for nine days.",
      "Bakers said bread prices would stay unchanged for now."]),
    ("Azerbaijan and Armenia hold first joint session on missing persons", "Source: JAMnews", "Date: 8 February 2026",
     ["Representatives of the two state commissions on missing persons met in Tbilisi with the mediation of the ICRC, exchanging lists of about 4,000 Azerbaijanis and 1,000 Armenians still unaccounted for since the wars of the 1990s and 2020.",
      "Both sides agreed to set up a working group on the exhumation of burial sites near the line of contact."]),
]


def _dump_fixture():
    lines = ["From: South Caucasus Brief <digest@scbrief.org>", "Sent: Monday, 9 February 2026 07:00",
             "To: subscribers@scbrief.org", "Subject: Weekly digest: four stories you may have missed", ""]
    gold: list[tuple[str, str | None]] = [(" ".join(l for l in lines if l), "metadata")]
    for title, src, date, paras in DUMP_ITEMS:
        lines += [title, src, date, ""]
        for i, p in enumerate(paras):
            lines += [p, ""]
            gold.append(((" ".join([title, src, date, p]) if i == 0 else p), None))
    foot = ["You are receiving this email because you subscribed at scbrief.org.", "Unsubscribe | Update your preferences | View in browser"]
    lines += foot
    gold.append((" ".join(foot), "navigation"))
    text = "\n".join(lines) + "\n"

    def build(d: Path) -> Path:
        p = Path(d) / "heldout3_dump_newsletter.txt"
        p.write_text(text, encoding="utf-8")
        return p

    return DocFixture(name="heldout3_dump_newsletter", kind="txt", build=build, paragraphs=tuple(gold),
                      articles=tuple(t for t, *_ in DUMP_ITEMS))


# ---------------------------------------------------------------- HTML

def _html_page(title, body):
    return f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_html.escape(title)}</title></head><body>{body}</body></html>"


LIVE_UPDATES = [
    ("09:05", "Border guards on both sides report a quiet night along the Syunik section, according to the Armenian defence ministry."),
    ("10:40", "The two foreign ministers have arrived at the venue in Abu Dhabi. Talks are expected to last most of the day."),
    ("12:15", "An Azerbaijani foreign ministry spokesperson says the draft text on border security has been \"largely agreed\" but that the constitutional issue remains open."),
    ("15:30", "Armenian officials say a joint statement is being drafted and will be published this evening if there is no last-minute objection."),
]

LIVE_PARAS = [
    "Foreign ministers of Armenia and Azerbaijan are meeting today for a new round of talks on the peace treaty and border delimitation. We are following events as they happen.",
    "The meeting is the first since the two leaders met in Washington in August and agreed to initial the treaty text.",
]


def _html_live():
    name = "heldout3_html_liveblog"
    title = "Live: Armenia-Azerbaijan foreign ministers meet in Abu Dhabi"
    nav = "<nav><ul><li><a href='/'>News</a></li><li><a href='/region'>Region</a></li><li><a href='/opinion'>Opinion</a></li><li><a href='/video'>Video</a></li></ul></nav>"
    ups = "".join(f"<li><strong>{t}</strong> {_html.escape(x)}</li>" for t, x in LIVE_UPDATES)
    body = (nav + "<main><article>"
            f"<h1>{title}</h1><p class='byline'>By Staff reporters</p><p class='date'>Updated 15:30, 14 May 2026</p>"
            + "".join(f"<p>{_html.escape(p)}</p>" for p in LIVE_PARAS)
            + "<div class='share'><button>Share</button><button>Facebook</button><button>Telegram</button></div>"
            + "<h2>Latest updates</h2><ul class='live'>" + ups + "</ul>"
            + "<p class='tags'>Tags: Armenia, Azerbaijan, peace talks</p>"
            + "</article></main><footer><p>© 2026 Caucasus Daily. All rights reserved.</p></footer>")
    gold = [("News Region Opinion Video", "navigation"), (LIVE_PARAS[0], None), (LIVE_PARAS[1], None),
            ("Share Facebook Telegram", "widget")]
    ups_g = [f"{t} {x}" for t, x in LIVE_UPDATES]
    ups_g[0] = "Latest updates " + ups_g[0]
    gold += [(u, None) for u in ups_g]
    gold += [("Tags: Armenia, Azerbaijan, peace talks", "metadata"), ("© 2026 Caucasus Daily. All rights reserved.", "credits")]
    src = _html_page(title, body)

    def build(d: Path) -> Path:
        p = Path(d) / f"{name}.html"
        p.write_text(src, encoding="utf-8")
        return p

    return DocFixture(name=name, kind="html", build=build, paragraphs=tuple(gold))


PETITION_PARAS = [
    "Nearly 150,000 people displaced from Nagorno-Karabakh since 2020 still have no durable housing. Many families are living in rented rooms paid for by a state subsidy that is being cut this year.",
    "We are asking the Government of Armenia and international donors to extend the housing certificate programme to all displaced families, including those who arrived before September 2023.",
    "Our caseworkers in Masis, Abovyan and Goris meet families every day who have moved three or four times in two years. Children change schools each time, and older people lose access to the doctors who know them.",
]


def _html_petition():
    name = "heldout3_html_petition"
    title = "Housing for displaced families: sign the petition"
    body = ("<header><a href='/'>Homes for Artsakh</a><nav><a href='/about'>About</a> <a href='/projects'>Projects</a> <a href='/news'>News</a> <a href='/donate'>Donate</a></nav></header>"
            f"<main><h1>{title}</h1>"
            + "".join(f"<p>{_html.escape(p)}</p>" for p in PETITION_PARAS)
            + "<aside class='petition'><p class='count'>12,480 people have signed. Help us reach 15,000!</p>"
              "<form><label>First name</label><input name='first'><label>Last name</label><input name='last'>"
              "<label>Email</label><input name='email'><button type='submit'>Sign the petition</button></form></aside>"
            + "<p class='share'>Share this petition: Facebook | X | WhatsApp</p>"
            + "</main><footer><p>Homes for Artsakh is a registered charity in Armenia. © 2026 Homes for Artsakh</p></footer>")
    gold = [("Homes for Artsakh About Projects News Donate", "navigation")]
    gold += [(p, None) for p in PETITION_PARAS]
    gold += [("12,480 people have signed. Help us reach 15,000! First name Last name Email Sign the petition", "appeal"),
             ("Share this petition: Facebook | X | WhatsApp", "widget"),
             ("Homes for Artsakh is a registered charity in Armenia. © 2026 Homes for Artsakh", "credits")]
    src = _html_page(title, body)

    def build(d: Path) -> Path:
        p = Path(d) / f"{name}.html"
        p.write_text(src, encoding="utf-8")
        return p

    return DocFixture(name=name, kind="html", build=build, paragraphs=tuple(gold))


# ---------------------------------------------------------------- PDFs (laid out by hand, same lines for pasted text)

_MARK = re.compile(r"\{(\d+)\}")


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at ``width`` characters; long plain words that do not fit are hyphenated."""
    words, lines, cur = text.split(), [], ""
    for w in words:
        cand = (cur + " " + w) if cur else w
        if len(cand) <= width:
            cur = cand
            continue
        room = width - len(cur) - 2
        if cur and w.isalpha() and w.islower() and len(w) >= 10:
            cuts = [k for k in range(3, min(room, len(w) - 3) + 1) if w[k] not in "aeiouy" and w[k + 1] in "aeiou" and w[k - 1] != w[k]]
            if cuts:
                k = cuts[-1]
                lines.append(cur + " " + w[:k] + "-")
                cur = w[k:]
                continue
        lines.append(cur)
        cur = w
    if cur:
        lines.append(cur)
    return lines


def _clean(text: str) -> str:
    return _MARK.sub("", text)


def _shown(text: str) -> str:
    return _MARK.sub(r"\1", text)


class _Layout:
    """Pages of (line, style) where style is 'body' (justified unless last), 'last', 'plain', 'small', 'bold'."""

    def __init__(self):
        self.pages: list[list[tuple[str, str]]] = [[]]

    def add(self, line, style="plain"):
        self.pages[-1].append((line, style))

    def para(self, text, width=95):
        ls = _wrap(_shown(text), width)
        for i, ln in enumerate(ls):
            self.add(ln, "body" if i < len(ls) - 1 else "last")

    def new_page(self):
        self.pages.append([])


def _draw_pdf(path: Path, layout: _Layout, header: str | None, footer_fmt: str | None, font_size=10.0):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(path.stem)
    W, Hh = A4
    left, right = 56.0, W - 56.0
    n = len(layout.pages)
    for pi, page in enumerate(layout.pages, 1):
        if header:
            c.setFont("Helvetica-Oblique", 8)
            c.drawString(left, Hh - 36, header)
        y = Hh - 64
        if ("", "rule") in page:
            cut = page.index(("", "rule"))
            foot, page = page[cut + 1:], page[:cut]
            fy = 48 + 10 * len(foot)
            c.line(left, fy + 4, left + 150, fy + 4)
            c.setFont("Helvetica", 7.5)
            for k, (fl, _) in enumerate(foot):
                c.drawString(left, fy - 6 - 10 * k, fl)
        for line, style in page:
            if style == "gap":
                y -= 8
                continue
            font, size = {"bold": ("Helvetica-Bold", font_size + 1), "small": ("Helvetica", 7.5)}.get(style, ("Times-Roman", font_size))
            if style == "rule":
                c.line(left, y + 6, left + 150, y + 6)
                y -= 6
                continue
            c.setFont(font, size)
            if style == "body" and line.count(" "):
                extra = (right - left - stringWidth(line, font, size)) / line.count(" ")
                t = c.beginText(left, y)
                t.setFont(font, size)
                t.setWordSpace(max(0.0, extra))
                t.textLine(line)
                c.drawText(t)
            elif "\t" in line:
                for k, cell in enumerate(line.split("\t")):
                    c.drawString(left + k * 130, y, cell)
            else:
                c.drawString(left, y, line)
            y -= size * 1.5
        if footer_fmt:
            c.setFont("Helvetica", 8)
            c.drawCentredString(W / 2, 30, footer_fmt.format(p=pi, n=n))
        c.showPage()
    c.save()


def _pasted(layout: _Layout, header, footer_fmt) -> str:
    out = []
    n = len(layout.pages)
    for pi, page in enumerate(layout.pages, 1):
        if header:
            out.append(header)
        for line, style in page:
            if style in ("gap", "rule"):
                continue
            out.append(line.replace("\t", " "))
        if footer_fmt:
            out.append(footer_fmt.format(p=pi, n=n))
    return "\n".join(out) + "\n"


LETTER_HEADER = "Open letter to the Council of Europe on Armenian prisoners in Baku"
LETTER_FOOT = "{p}"
LETTER_ADDR = ["To: Members of the Committee of Ministers of the Council of Europe", "Strasbourg, 15 January 2026"]
LETTER_P = [
    "We, the undersigned organisations and individuals, write to you with deep concern about the fate of at least twenty-three Armenians who remain in detention in Azerbaijan, among them eight former leaders of Nagorno-Karabakh who were arrested while trying to leave the region in September 2023.{1}",
    "Since the offensive of 2023, the detainees have been held largely incommunicado. Their families have received only occasional short telephone calls, and independent lawyers of their choosing have been refused access. The International Committee of the Red Cross, which used to visit them, was ordered by the authorities in Baku to close its office in 2025, leaving no international body able to monitor their treatment.{2}",
    "Relatives told us that letters sent through the embassy of a third country have gone unanswered for months. One mother learned of her son's conviction from a television report. Several detainees are over sixty years old and suffer from heart disease or diabetes, and their families fear that they are not receiving the medication they need.",
    "Azerbaijan has on several occasions released small groups of detainees as a gesture of goodwill during negotiations, most recently in January 2024. We welcomed those releases. But a humanitarian obligation cannot be treated as a concession to be traded for progress on unrelated political questions, such as the wording of a constitution or the route of a road.",
    "The trials that concluded last year were held behind closed doors in a military court. Defendants were charged with crimes dating back to the war of the early 1990s and to the war in 2020{3}, and the prosecution relied heavily on confessions whose voluntary character cannot be verified. Official media described the defendants as \"separatists and terrorists\".{4} Such language, repeated by senior officials before the verdicts, is incompatible with the presumption of innocence guaranteed by the European Convention on Human Rights, to which Azerbaijan is a party and whose judgments it is bound to execute under the supervision of your Committee.",
    "We recall that the European Court of Human Rights has already found violations in several cases concerning Armenian prisoners of war captured in 2020 and has indicated interim measures requiring the authorities to provide information about their health and conditions of detention.{5} These measures have not been complied with in full, and your Committee has yet to open an enhanced supervision procedure in respect of them.",
    "We therefore ask the Committee of Ministers to place the situation of the detainees on the agenda of its next human rights meeting, to request that the Azerbaijani authorities allow visits by the Committee for the Prevention of Torture without delay, and to make clear that continued cooperation on programmes in the justice sector will depend on the humane treatment of all persons deprived of their liberty, regardless of their ethnicity or of the charges brought against them.",
    "Peace between Armenia and Azerbaijan will not be durable if it is built on silence about people who are held as bargaining chips. We stand ready to provide your Committee with further documentation gathered from the families.",
]
LETTER_FN = [
    "1 Statement of the Prosecutor General of Azerbaijan, 4 October 2023.",
    "2 ICRC, \"Azerbaijan: ICRC delegation ends its operations in Baku\", press release, June 2025.",
    "3 Armed hostilities from 27 September to 10 November 2020, ended by a trilateral statement.",
    "4 AZERTAC news agency, 17 January 2025.",
    "5 See, among others, interim measures under Rule 39 indicated in December 2020 and January 2021.",
]
LETTER_CLOSE = "Respectfully yours,"
LETTER_SIGN = ["Signed by:", "Helsinki Citizens' Assembly Vanadzor", "Protection of Rights without Borders", "Armenian Lawyers' Association",
               "Law Development and Protection Foundation", "Journalists for Human Rights (Armenia)", "Open Society Foundations Armenia",
               "Union of Informed Citizens", "Anna Melikyan, lawyer, Yerevan", "Prof. Hovhannes Ghazaryan, Yerevan State University",
               "Lusine Hakobyan, former member of parliament", "Center for Truth and Justice", "Armenian Assembly of America"]


def _letter_layout():
    L = _Layout()
    for a in LETTER_ADDR:
        L.add(a)
    L.add("", "gap")
    for p in LETTER_P[:4]:
        L.para(p)
    # paragraph 5 breaks at the bottom of page 1: first part, footnotes, page break, rest
    ls = _wrap(_shown(LETTER_P[4]), 95)
    for ln in ls[:3]:
        L.add(ln, "body")
    L.add("", "rule")
    for f in LETTER_FN[:3]:
        L.add(f, "small")
    L.new_page()
    for i, ln in enumerate(ls[3:]):
        L.add(ln, "body" if i < len(ls) - 4 else "last")
    for p in LETTER_P[5:]:
        L.para(p)
    L.add(LETTER_CLOSE)
    for s in LETTER_SIGN:
        L.add(s)
    L.add("", "rule")
    for f in LETTER_FN[3:]:
        L.add(f, "small")
    return L


def _letter_gold():
    g: list[tuple[str, str | None]] = [(LETTER_HEADER, "page_furniture")]
    g.append((" ".join(LETTER_ADDR + [_clean(LETTER_P[0])]), None))
    g += [(_clean(p), None) for p in LETTER_P[1:5]]
    g += [(f, "footnote") for f in LETTER_FN[:3]]
    g += [("1", "page_furniture"), (LETTER_HEADER, "page_furniture")]
    g += [(_clean(p), None) for p in LETTER_P[5:]]
    g.append((" ".join([LETTER_CLOSE] + LETTER_SIGN), "signatories"))
    g += [(f, "footnote") for f in LETTER_FN[3:]]
    g.append(("2", "page_furniture"))
    return tuple(g)


REPORT_HEADER = "Caucasus Displacement Monitor | Quarterly report Q1 2026"
REPORT_FOOT = "Page {p} of {n}"
REPORT_TITLE = "Displaced persons from Nagorno-Karabakh: housing, employment and services"
REPORT_SECTIONS = [
    ("1. Summary", [
        "This report reviews the situation of persons displaced from Nagorno-Karabakh to Armenia in the first quarter of 2026. It draws on 412 household interviews conducted in eight provinces and on data published by the Ministry of Labour and Social Affairs.",
        "Housing remains the most pressing need. Only a minority of households have used the state housing certificate, mainly because the value of the certificate has not kept pace with property prices in Yerevan and the surrounding towns.",
    ]),
    ("2. Housing", [
        "Of the households interviewed, 61 per cent live in rented accommodation, 17 per cent with relatives and 9 per cent in collective centres such as former hotels and dormitories. The remainder own property, most of it purchased with the certificate in rural areas of Kotayk and Ararat.",
        "Respondents in collective centres reported overcrowding, shared sanitation and uncertainty about how long they would be allowed to stay. Several centres in Goris were scheduled for closure in the spring.",
    ]),
    ("3. Employment and income", [
        "Employment rates among working-age respondents rose to 48 per cent, up from 39 per cent a year earlier. Men were more likely than women to have found work, often in construction or seasonal agriculture.",
        "The table below shows the main sources of household income reported by respondents.",
    ]),
]
REPORT_TABLE = [("Source of income", "Share of households", "Change on 2025"), ("Wages", "52%", "+9 points"),
                ("State benefits", "71%", "-4 points"), ("Remittances", "18%", "+1 point"), ("Pensions", "33%", "no change")]
REPORT_AFTER = [
    ("4. Access to services", [
        "Most children are enrolled in school, but a quarter of parents said their children had changed school at least twice since arriving in Armenia. Access to primary health care is generally good, but specialised care and medicines for chronic illness remain expensive for many families.",
        "Psychosocial support is available mainly through non-governmental organisations in Yerevan, and demand exceeds the number of trained staff.",
    ]),
    ("5. Recommendations", [
        "The Government should index the housing certificate to regional property prices and extend eligibility to families who arrived before September 2023. Donors should fund longer-term employment programmes rather than one-off cash grants, and support the training of psychologists outside the capital.",
    ]),
]


def _report_layout():
    L = _Layout()
    L.add(REPORT_TITLE, "bold")
    L.add("", "gap")
    for i, (h, ps) in enumerate(REPORT_SECTIONS):
        if i == 2:
            L.new_page()
        L.add(h, "bold")
        for p in ps:
            L.para(p)
        L.add("", "gap")
    for row in REPORT_TABLE:
        L.add("\t".join(row))
    L.add("", "gap")
    L.new_page()
    for h, ps in REPORT_AFTER:
        L.add(h, "bold")
        for p in ps:
            L.para(p)
        L.add("", "gap")
    return L


def _report_gold():
    g: list[tuple[str, str | None]] = [(REPORT_HEADER, "page_furniture")]
    n = 3
    for i, (h, ps) in enumerate(REPORT_SECTIONS):
        if i == 2:
            g += [(REPORT_FOOT.format(p=1, n=n), "page_furniture"), (REPORT_HEADER, "page_furniture")]
        head = [REPORT_TITLE, h] if i == 0 else [h]
        for j, p in enumerate(ps):
            g.append((" ".join(head + [p]) if j == 0 else p, None))
    g += [(" ".join(r), None) for r in REPORT_TABLE]
    g += [(REPORT_FOOT.format(p=2, n=n), "page_furniture"), (REPORT_HEADER, "page_furniture")]
    for h, ps in REPORT_AFTER:
        for j, p in enumerate(ps):
            g.append((h + " " + p if j == 0 else p, None))
    g.append((REPORT_FOOT.format(p=3, n=n), "page_furniture"))
    return tuple(g)


PRESS_LETTERHEAD = ["HUMAN RIGHTS DEFENDER OF THE REPUBLIC OF ARMENIA", "56a Pushkin Street, Yerevan 0002 | www.ombuds.am"]
PRESS_HEAD = ["PRESS STATEMENT", "For immediate release", "Yerevan, 24 March 2026"]
PRESS_P = [
    "The Human Rights Defender of Armenia has received reports from residents of the village of Tegh in Syunik province that shots were fired in the direction of farmers working in the fields on the morning of 23 March. No one was injured, but a tractor was damaged.",
    "The Defender's office sent staff to the village the same day. They recorded the testimony of five residents and photographed the damage. The materials have been forwarded to the Prosecutor General's Office and to the EU monitoring mission.",
    "The Defender calls on all parties to respect the commitments made in the peace process and to ensure that civilians living in border communities can carry out agricultural work without fear.",
]
PRESS_CONTACT = ["Media contact:", "Press Office of the Human Rights Defender", "Tel: +374 10 53 76 51", "Email: press@ombuds.am"]


def _press_layout():
    L = _Layout()
    for ln in PRESS_LETTERHEAD:
        L.add(ln, "bold")
    L.add("", "rule")
    for ln in PRESS_HEAD:
        L.add(ln)
    L.add("", "gap")
    for p in PRESS_P:
        L.para(p, 92)
        L.add("", "gap")
    L.add("###")
    L.add("", "gap")
    for ln in PRESS_CONTACT:
        L.add(ln, "small")
    return L


def _press_gold():
    g = [(" ".join(PRESS_LETTERHEAD + PRESS_HEAD + [PRESS_P[0]]), None)]
    g += [(p, None) for p in PRESS_P[1:]]
    g.append((" ".join(PRESS_CONTACT), "metadata"))
    return tuple(g)


def _pdf_fixtures():
    specs = [
        ("heldout3_pdf_open_letter", _letter_layout, LETTER_HEADER, LETTER_FOOT, _letter_gold),
        ("heldout3_pdf_report", _report_layout, REPORT_HEADER, REPORT_FOOT, _report_gold),
        ("heldout3_pdf_press_statement", _press_layout, None, None, _press_gold),
    ]
    out = []
    for name, lay, hdr, ftr, gold in specs:
        def build(d: Path, name=name, lay=lay, hdr=hdr, ftr=ftr) -> Path:
            p = Path(d) / f"{name}.pdf"
            _draw_pdf(p, lay(), hdr, ftr)
            return p

        out.append(DocFixture(name=name, kind="pdf", build=build, paragraphs=gold()))
    for name, lay, hdr, ftr, gold in (specs[0], specs[2]):
        pname = name.replace("heldout3_pdf_", "heldout3_pasted_pdf_")
        text = _pasted(lay(), hdr, ftr)

        def build(d: Path, pname=pname, text=text) -> Path:
            p = Path(d) / f"{pname}.txt"
            p.write_text(text, encoding="utf-8")
            return p

        g = gold()
        out.append(DocFixture(name=pname, kind="txt", build=build, paragraphs=g))
    return out


def fixtures() -> list[DocFixture]:
    return [
        _txt_fixture("heldout3_txt_news_portal", NEWS_PORTAL, blank=False),
        _txt_fixture("heldout3_txt_ngo_statement", NGO_STATEMENT, blank=True),
        _txt_fixture("heldout3_txt_ministry", MINISTRY, blank=False),
        _txt_fixture("heldout3_txt_diaspora_blog", DIASPORA_BLOG, blank=True),
        _txt_fixture("heldout3_txt_think_tank", THINK_TANK, blank=False),
        _txt_fixture("heldout3_txt_wire", WIRE, blank=True),
        *_pdf_fixtures(),
        _html_live(),
        _html_petition(),
        _dump_fixture(),
    ]
