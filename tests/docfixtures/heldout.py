"""Held-out document fixtures, written without looking at the segmentation/boilerplate rules.

``fixtures_dev()`` and ``fixtures_test()`` each return 11 fixtures: three HTML pages of different site styles and
their pasted-text versions, two PDF letters (reportlab) and their pasted-text versions, and one multi-article dump.
All names start with ``heldout_`` so the benchmark reports them apart from the tuned fixtures.

Gold conventions (see the module functions): hard wraps joined, end-of-line hyphenation undone, footnote markers
removed; a heading/title/byline/dateline run belongs with the first paragraph after it; for HTML the page title,
byline and date are reader metadata and are not gold passages; adjacent boilerplate blocks with the same reason
form one passage; page furniture is one passage per line; each footnote is its own passage.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from . import DocFixture

HEAD = "__head__"  # title / byline / date: metadata for HTML, joined to the first paragraph in pasted text
HEADING = "__heading__"  # in-body subheading: joined to the next paragraph
RAW = "__raw__"  # structural markup with no text

# --------------------------------------------------------------------------------------------- HTML helpers

_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section",
          "article", "nav", "header", "footer", "aside", "figure", "figcaption", "form", "label", "button",
          "blockquote", "dt", "dd", "dl", "select", "option", "textarea", "main", "address", "br", "hr"}


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("script", "style", "head"):
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):  # noqa: ANN001
        if not self.skip:
            self.parts.append(data)


def _lines(html: str) -> list[str]:
    p = _Lines()
    p.feed(html)
    p.close()
    out = []
    for ln in "".join(p.parts).split("\n"):
        ln = " ".join(ln.split())
        if ln:
            out.append(ln)
    return out


def _gold(blocks, kind: str) -> tuple[tuple[str, str | None], ...]:
    out: list[list] = []
    pending: list[str] = []
    for reason, html in blocks:
        lines = _lines(html)
        if reason == RAW:
            assert not lines, lines
            continue
        if not lines:
            continue
        if reason == HEAD:
            if kind == "txt":
                pending += lines
            continue
        if reason == HEADING:
            pending += lines
            continue
        if reason is None:
            out.append([" ".join(pending + lines), None])
            pending = []
            continue
        assert not pending, (pending, lines)
        if out and out[-1][1] == reason:
            out[-1][0] += " " + " ".join(lines)
        else:
            out.append([" ".join(lines), reason])
    assert not pending, pending
    return tuple((t, r) for t, r in out)


def _page(title: str, head_meta: str, blocks, lang: str = "en") -> str:
    body = "\n".join(html for _, html in blocks)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'{head_meta}\n<style>body{{font-family:sans-serif}}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n')


def _paste(blocks, blank: bool) -> str:
    chunks = []
    for reason, html in blocks:
        lines = _lines(html)
        if lines:
            chunks.append("\n".join(lines))
    return ("\n\n" if blank else "\n").join(chunks) + "\n"


def _writer(name: str, suffix: str, text_fn):
    def build(directory: Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}{suffix}"
        path.write_text(text_fn(), encoding="utf-8")
        return path
    return build


def _web_pair(name: str, title: str, head_meta: str, blocks, blank_paste: bool, lang: str = "en") -> list[DocFixture]:
    html = _page(title, head_meta, blocks, lang)
    return [
        DocFixture(f"heldout_web_{name}", "html", _writer(f"heldout_web_{name}", ".html", lambda: html), _gold(blocks, "html")),
        DocFixture(f"heldout_pasted_{name}", "txt", _writer(f"heldout_pasted_{name}", ".txt", lambda: _paste(blocks, blank_paste)),
                   _gold(blocks, "txt")),
    ]


# --------------------------------------------------------------------------------------------- PDF helpers

_MARK = re.compile(r"\^(\d+)")


def _clean(text: str) -> str:
    return " ".join(_MARK.sub("", text).replace("|", "").split())


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap; '^n' footnote markers stay in the lines (rendered glued), '|' = allowed hyphenation point."""
    def ln_(x: str) -> int:
        return len(x.replace("^", ""))
    lines: list[str] = []
    cur = ""
    for w in text.split():
        plain = w.replace("|", "")
        cand = (cur + " " + plain) if cur else plain
        if ln_(cand) <= width:
            cur = cand
            continue
        if ("|" in w or "-" in w.strip("-")) and cur:
            # '|': soft hyphenation point (a '-' is added); a real hyphen is also a break point (kept as is)
            pieces = re.split(r"\||(?<=-)", w) if "|" in w else re.split(r"(?<=-)(?=.)", w)
            done = False
            for k in range(len(pieces) - 1, 0, -1):
                head = "".join(pieces[:k])
                head = head if head.endswith("-") else head + "-"
                if ln_(cur) + 1 + ln_(head) <= width:
                    lines.append(cur + " " + head)
                    cur = "".join(pieces[k:])
                    done = True
                    break
            if done:
                continue
        if cur:
            lines.append(cur)
        cur = plain
    if cur:
        lines.append(cur)
    return lines


def _auto_hyphen(text: str) -> str:
    """Mark hyphenation points (vowel-consonant | consonant) in long plain words."""
    def mark(m: re.Match) -> str:
        w, out, last = m.group(0), [], 0
        v = "aeiouy"
        for k in range(3, len(w) - 3):
            if k - last < 3:
                continue
            if w[k - 1] in v and w[k] not in v and w[k + 1] not in v:  # VC|C
                out.append(w[last:k + 1])
                last = k + 1
            elif w[k - 1] in v and w[k] not in v and w[k + 1] in v and k - 1 - last >= 2:  # V|CV
                out.append(w[last:k])
                last = k
        return "|".join(out + [w[last:]])
    return re.sub(r"(?<![\w|^-])[a-z]{8,}(?![\w|^-])", mark, text)


def _letter(spec: dict):
    """Lay out a letter: (pages, gold). A page: header lines, body [(rendered line, item, last, first, kind)],
    notes (wrapped lines per footnote), footer lines. Gold passages in order of their first line."""
    width, per_page, notes = spec["width"], spec["lines_per_page"], spec["notes"]
    flat = []
    for i, (kind, text) in enumerate(spec["items"]):
        if kind == "p" and spec.get("auto_hyphen"):
            text = _auto_hyphen(text)
        lines = _wrap(text, width) if kind == "p" else text.split("\n")
        for j, ln in enumerate(lines):
            flat.append((ln, i, j == len(lines) - 1, j == 0, kind))
    sizes = list(per_page) if isinstance(per_page, (list, tuple)) else [per_page]
    chunks, k = [], 0
    while k < len(flat):
        size = sizes[min(len(chunks), len(sizes) - 1)]
        chunks.append(flat[k:k + size])
        k += size
    n = len(chunks)
    pages, gold, pending = [], [], []
    for pno, chunk in enumerate(chunks, 1):
        header, footer = spec["header"](pno, n), spec["footer"](pno, n)
        gold += [(h, "page_furniture") for h in header]
        body, page_notes = [], []
        for ln, i, last, first, kind in chunk:
            page_notes += [int(m) for m in _MARK.findall(ln)]
            body.append((_MARK.sub(r"\1", ln), i, last, first, kind))
            if first:
                text = spec["items"][i][1]
                if kind == "head":
                    pending.append(" ".join(text.split("\n")))
                elif kind == "p":
                    gold.append((" ".join(pending + [_clean(text)]), None))
                    pending = []
                else:
                    gold.append((" ".join(text.split("\n")), "signatories"))
        note_lines = []
        for num in page_notes:
            note_lines.append(_wrap(f"{num} {notes[num]}", spec["note_width"]))
            gold.append((f"{num} {_clean(notes[num])}", "footnote"))
        gold += [(f, "page_furniture") for f in footer]
        pages.append({"header": header, "body": body, "notes": note_lines, "footer": footer})
    return pages, tuple(gold)


def _pdf_builder(name: str, spec: dict):
    def build(directory: Path) -> Path:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.pdf"
        pages, _ = _letter(spec)
        c = canvas.Canvas(str(path), pagesize=A4)
        c.setTitle(spec["title"])
        w, h = A4
        font, size, lead = spec["font"], spec["size"], spec["leading"]
        left = spec["left"]
        box = max(stringWidth(ln, font, size) for p in pages for ln, *_ in p["body"])
        for page in pages:
            c.setFont(font, 8)
            y = h - 40
            for hl in page["header"]:
                c.drawRightString(w - left, y, hl) if spec.get("header_right") else c.drawString(left, y, hl)
                y -= 11
            y = h - 75
            prev_item = None
            for ln, i, last, first, kind in page["body"]:
                if first and prev_item is not None and spec["gap"]:
                    y -= lead * 0.8
                prev_item = i
                x = left
                if kind == "p" and first and spec["indent"]:
                    x += spec["indent"]
                if kind == "head":
                    c.setFont(font + "-Bold" if font == "Helvetica" else font, size)
                    c.drawString(x, y, ln)
                    c.setFont(font, size)
                elif kind == "p" and not last:
                    t = c.beginText(x, y)
                    t.setFont(font, size)
                    spaces = ln.count(" ")
                    extra = (box - (x - left) - stringWidth(ln, font, size)) / spaces if spaces else 0
                    if 0 < extra < 6:
                        t.setWordSpace(extra)
                    t.textLine(ln)
                    c.drawText(t)
                else:
                    c.setFont(font, size)
                    c.drawString(x, y, ln)
                y -= lead
            # footnotes
            if page["notes"]:
                ny = 70 + 9 * sum(len(n) for n in page["notes"])
                c.line(left, ny + 8, left + 120, ny + 8)
                c.setFont(font, 7)
                for note in page["notes"]:
                    for nl in note:
                        c.drawString(left, ny, nl)
                        ny -= 9
            c.setFont(font, 8)
            fy = 40
            for fl in page["footer"]:
                c.drawCentredString(w / 2, fy, fl)
                fy -= 11
            c.showPage()
        c.save()
        return path
    return build


def _pdf_paste(spec: dict, blank: bool) -> str:
    pages, _ = _letter(spec)
    out = []
    for page in pages:
        out += page["header"]
        prev = None
        for ln, i, _last, first, _k in page["body"]:
            if blank and first and prev is not None:
                out.append("")
            prev = i
            out.append(ln)
        for note in page["notes"]:
            out += note
        out += page["footer"]
    return "\n".join(out) + "\n"


def _pdf_pair(name: str, spec: dict, blank_paste: bool) -> list[DocFixture]:
    _, gold = _letter(spec)
    return [
        DocFixture(f"heldout_pdf_{name}", "pdf", _pdf_builder(f"heldout_pdf_{name}", spec), gold),
        DocFixture(f"heldout_pasted_pdf_{name}", "txt",
                   _writer(f"heldout_pasted_pdf_{name}", ".txt", lambda: _pdf_paste(spec, blank_paste)), gold),
    ]


# --------------------------------------------------------------------------------------------- dump helper

def _dump(name: str, parts) -> DocFixture:
    """parts: list of ("banner"|"sep"|"article", ...). article = (title, header_lines, paras[(text, reason)])."""
    chunks: list[str] = []
    gold: list[tuple[str, str | None]] = []
    titles = []
    for part in parts:
        if part[0] == "banner":
            chunks.append(part[1])
            gold.append((" ".join(part[1].split("\n")), part[2]))
        elif part[0] == "sep":
            chunks.append(part[1])
        else:
            _, title, header, paras = part
            titles.append(title)
            first = True
            for text, reason in paras:
                if first:
                    chunks.append("\n".join([title] + header + [text]))
                    gold.append((" ".join([title] + header + [text]), reason))
                    first = False
                else:
                    chunks.append(text)
                    gold.append((text, reason))
    text = "\n\n".join(chunks) + "\n"
    return DocFixture(name, "txt", _writer(name, ".txt", lambda: text), tuple(gold), tuple(titles))


# ============================================================================================= DEV SET
# --- dev 1: national news agency, div soup, boilerplate inside the article column ------------------------------

_DEV_AGENCY = [
    (RAW, '<div id="cookie-consent" class="cc-window">'),
    ("widget", '<div class="cc-text">This website uses cookies to improve your browsing experience. By continuing to use the site you agree to our use of cookies.</div>'
               '<div class="cc-btns"><button>Accept all</button><button>Settings</button></div>'),
    (RAW, '</div>'),
    (RAW, '<div class="top-bar"><div class="wrap">'),
    ("navigation", '<div class="lang"><a href="/hy/">Հայ</a> <a href="/en/">Eng</a> <a href="/ru/">Рус</a></div>'
                   '<div class="menu"><div class="item"><a href="/">Home</a></div><div class="item"><a href="/politics">Politics</a></div>'
                   '<div class="item"><a href="/economy">Economy</a></div><div class="item"><a href="/society">Society</a></div>'
                   '<div class="item"><a href="/region">Region</a></div><div class="item"><a href="/sport">Sport</a></div>'
                   '<div class="item"><a href="/photo">Photo</a></div><div class="item"><a href="/video">Video</a></div></div>'),
    (RAW, '</div></div>'),
    (RAW, '<div class="content-wrap"><div class="left-col">'),
    ("navigation", '<div class="crumbs"><a href="/">Main</a> / <a href="/politics">Politics</a> / <a href="/politics/foreign">Foreign policy</a></div>'),
    (HEAD, '<div class="news-title"><h1>Border commissions agree to continue delimitation near Tavush villages</h1></div>'
           '<div class="news-date">14:22, 19 April 2024</div>'),
    (None, '<div class="news-text"><div class="lead">YEREVAN, APRIL 19. The commissions on border delimitation of Armenia and Azerbaijan held their eighth meeting on Friday and agreed to continue work on the section of the border adjacent to four villages of the Tavush province, the office of the Deputy Prime Minister said in a statement.</div>'),
    (None, '<div class="par">According to the statement, the sides agreed that the description of the border in this section will be based on the Soviet-era topographic maps of 1976, which both delegations accepted as the reference point last month. Geodesic measurements on the ground are expected to start in the coming days.</div>'),
    ("credits", '<div class="pic"><img src="/img/2024/04/tavush.jpg" alt=""><div class="pic-src">Photo: Karen Minasyan / Agency photo service</div></div>'),
    (None, '<div class="par">Residents of Kirants and Voskepar have expressed concern that the new line could cut them off from farmland and from the interstate road to Georgia. A group of villagers blocked the road for several hours on Thursday, demanding guarantees that no homes would end up on the Azerbaijani side.</div>'),
    ("navigation", '<div class="read-also"><b>Read also:</b> <a href="/news/118273">Pashinyan meets residents of Tavush border villages</a></div>'),
    (None, '<div class="par">Deputy Prime Minister Mher Grigoryan told reporters after the meeting that the process was "not about giving away territory but about fixing on paper a border that already exists". He added that the villagers would be consulted before each protocol is signed.</div>'),
    (None, '<div class="par">Azerbaijan\'s delegation, headed by Deputy Prime Minister Shahin Mustafayev, said in a separate statement that the agreement was "a practical step toward a peace treaty". The next meeting of the commissions is scheduled for May.</div></div>'),
    ("appeal", '<div class="tg-box">Subscribe to our WhatsApp channel and get the main news first! <a href="https://wa.me/">Join</a></div>'),
    ("widget", '<div class="share"><span>Share:</span> <a>Facebook</a> <a>X</a> <a>Telegram</a> <a>VK</a> <a>Copy link</a></div>'),
    ("metadata", '<div class="tags"><span>Tags:</span> <a>delimitation</a> <a>Tavush</a> <a>Armenia-Azerbaijan</a> <a>border</a></div>'
                 '<div class="counter">Views: 3 208</div>'),
    ("navigation", '<div class="related"><div class="rel-h">More news on this topic</div>'
                   '<div><a>Baku says peace treaty text is 80 percent agreed</a></div>'
                   '<div><a>EU monitoring mission extends patrols along border</a></div>'
                   '<div><a>Opposition calls for referendum on border deals</a></div></div>'),
    (RAW, '</div><div class="right-col">'),
    ("navigation", '<div class="feed"><div class="feed-h">News feed</div>'
                   '<div>15:01 Central bank keeps refinancing rate at 8.75%</div>'
                   '<div>14:48 Yerevan metro to close two stations for repairs</div>'
                   '<div>14:30 Wrestler Artur Aleksanyan wins European title</div></div>'),
    (RAW, '</div></div>'),
    ("credits", '<div class="footer">© 2000-2024 All rights reserved. Full or partial reproduction of materials is permitted only with an active hyperlink to the source.</div>'),
    ("navigation", '<div class="footer-links"><a>About us</a> | <a>Advertising</a> | <a>Contacts</a> | <a>RSS</a></div>'),
]

# --- dev 2: think-tank analysis, <article>, bio, donate box inside the column, editorial note ------------------

_DEV_THINK = [
    (RAW, '<header class="site-header">'),
    ("navigation", '<a class="skip" href="#main">Skip to main content</a>'
                   '<nav><ul><li><a>Research</a></li><li><a>Regions</a></li><li><a>Experts</a></li><li><a>Events</a></li>'
                   '<li><a>Publications</a></li><li><a>About</a></li></ul></nav>'),
    ("appeal", '<a class="btn-support" href="/support">Support our work</a>'),
    (RAW, '</header><main id="main"><article class="analysis">'),
    ("metadata", '<p class="kicker"><a>Analysis</a> · <span>9 min read</span></p>'),
    (HEAD, '<h1>The Middle Corridor after Karabakh: Can Trade Outrun Politics?</h1>'
           '<p class="byline">By Nino Kapanadze, Senior Fellow</p><p class="date">March 7, 2024</p>'),
    (None, '<p>For three decades the South Caucasus was crossed by pipelines but not by railways that connected all of its capitals. The end of the Karabakh conflict in September 2023 has revived an old idea: a continuous trade route from China across Kazakhstan, the Caspian Sea, Azerbaijan, Georgia and Türkiye, bypassing Russia altogether.</p>'),
    (None, '<p>Freight on this so-called Middle Corridor tripled in 2022 after Western sanctions made the northern route through Russia unattractive for European shippers. It fell back in 2023, however, as bottlenecks at Caspian ports, a shortage of ferries and inconsistent tariffs pushed many forwarders back to the sea route through Suez.</p>'),
    (HEADING, '<h2>Ports before politics</h2>'),
    (None, '<p>The most immediate constraints are physical. The port of Alat near Baku can handle roughly 15 million tonnes a year, but the Kazakh ports of Aktau and Kuryk lack the berths and rolling stock to feed it. Waiting times for a ferry slot often exceed a week, which wipes out the route\'s theoretical advantage over the sea.</p>'),
    ("appeal", '<aside class="donate-inline"><p>Independent analysis is not free. If you value our research on the Caucasus, please consider a donation.</p><a class="btn">Donate now</a></aside>'),
    (None, '<p>Political risk has not disappeared either. A route through southern Armenia, which Baku calls the "Zangezur corridor", remains unresolved, and Yerevan insists that any road or railway across its territory must remain under Armenian customs and border control. Without an agreement, the corridor depends entirely on Georgia, whose own relations with Brussels have become strained.</p>'),
    (HEADING, '<h2>What Europe can do</h2>'),
    (None, '<p>The European Union has pledged 10 billion euros for transport links in Central Asia through its Global Gateway programme. Money alone will not help, however, unless the region\'s governments harmonise tariffs and customs rules. A single digital transit document, accepted from Aktau to Constanța, would do more than another feasibility study.</p>'),
    (None, '<p>Ultimately, the corridor will be only as reliable as the peace between Armenia and Azerbaijan. Shippers choose routes for predictability, and predictability is what the region has lacked for thirty years.</p>'),
    ("editorial_note", '<p class="disclaimer"><em>The views expressed in this article are solely those of the author and do not necessarily reflect the position of the Institute.</em></p>'),
    ("metadata", '<div class="author-bio"><p>Nino Kapanadze is a senior fellow in the Eurasia programme. Her research focuses on transport, energy and trade policy in the South Caucasus and Central Asia.</p></div>'
                 '<div class="topics">Topics: <a>Trade</a>, <a>Connectivity</a>, <a>South Caucasus</a>, <a>Central Asia</a></div>'),
    ("widget", '<div class="tools"><a>Print</a> <a>Download PDF</a> <a>Cite this</a></div>'),
    (RAW, '</article>'),
    ("navigation", '<section class="related"><h3>Related analysis</h3><ul>'
                   '<li><a>Georgia\'s Anaklia port: a second chance?</a></li><li><a>Kazakhstan looks west for its oil exports</a></li>'
                   '<li><a>Why the Zangezur dispute is about sovereignty, not roads</a></li></ul></section>'),
    (RAW, '</main><footer>'),
    ("appeal", '<div class="newsletter"><h4>Stay informed</h4><p>Get our weekly briefing on Eurasia delivered to your inbox.</p><form><label>Email address</label><input type="email"><button>Sign up</button></form></div>'),
    ("credits", '<p class="copy">© 2024 Caspian Policy Institute. All rights reserved.</p>'),
    ("navigation", '<ul class="legal"><li><a>Privacy Policy</a></li><li><a>Terms of Use</a></li><li><a>Contact</a></li></ul>'),
    (RAW, '</footer>'),
]

# --- dev 3: diaspora blog (WordPress-like), <br>-separated paragraphs, categories, comments --------------------

_DEV_BLOG = [
    (RAW, '<div id="page"><div id="masthead">'),
    ("navigation", '<div class="site-title"><a>Hye Voices from Glendale</a></div><div class="site-desc">Armenian-American community news and opinion</div>'
                   '<ul id="menu-main"><li><a>Home</a></li><li><a>Community</a></li><li><a>Artsakh</a></li><li><a>Opinion</a></li><li><a>Events Calendar</a></li><li><a>Contact</a></li></ul>'),
    (RAW, '</div><div id="content"><div class="post">'),
    (HEAD, '<h2 class="entry-title">Why we still gather on the Glendale library steps</h2>'
           '<div class="entry-meta">Posted on September 20, 2024 by Lilit Hakobyan</div>'),
    (None, '<div class="entry-content"><p>A year ago this week, more than one hundred thousand people left Nagorno-Karabakh in a matter of days. Many of them had relatives here in Glendale, and on the evening of September 25th several hundred of us stood on the library steps with candles, not knowing what else to do.'),
    (None, '<br><br>This year fewer people came, but those who did brought photographs: a grandmother\'s house in Stepanakert, a school in Martuni, a vineyard near Askeran. Someone had printed them on cheap office paper and taped them to the railings. Nobody made speeches.'),
    (None, '<br><br>I asked Arman, who arrived from Stepanakert in November and now works at a bakery on Brand Boulevard, why he came. "Because here nobody asks me to move on," he said. "In Yerevan people are tired. Here they still remember the names of the villages."'),
    ("credits", '<br><br><i>Photo by the author.</i>'),
    (None, '<br><br>I do not know whether gatherings like ours change anything. The peace talks between Yerevan and Baku continue without any mention of a right of return, and the refugee housing programme in Armenia is running years behind schedule. But memory is also a kind of work, and somebody has to do it.</p></div>'),
    ("appeal", '<div class="donate-box">Hye Voices is run by volunteers. Please support independent community journalism with a small monthly gift! <a>Donate via PayPal</a></div>'),
    ("metadata", '<div class="entry-footer">This entry was posted in <a>Artsakh</a>, <a>Community</a> and tagged <a>Glendale</a>, <a>refugees</a>, <a>vigil</a>. Bookmark the <a>permalink</a>.</div>'),
    ("navigation", '<div class="nav-links"><div class="nav-previous">← Armenian Festival returns to Verdugo Park</div><div class="nav-next">Meet the new principal of Chamlian School →</div></div>'),
    (RAW, '</div><div id="comments">'),
    ("comments", '<h3 class="comments-title">3 thoughts on “Why we still gather on the Glendale library steps”</h3>'
                 '<ol class="comment-list"><li><div class="comment-author">Seda K.</div><div class="comment-meta">September 21, 2024 at 8:14 am</div>'
                 '<p>Thank you for writing this. My aunt was there with the photo of her house in Shushi.</p><div class="reply">Reply</div></li>'
                 '<li><div class="comment-author">Garo</div><div class="comment-meta">September 21, 2024 at 11:02 am</div>'
                 '<p>We need more than candles. Call your congressman!</p><div class="reply">Reply</div></li>'
                 '<li><div class="comment-author">Lilit Hakobyan</div><div class="comment-meta">September 21, 2024 at 12:40 pm</div>'
                 '<p>Garo, both matter. See you next year.</p><div class="reply">Reply</div></li></ol>'
                 '<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>'
                 '<form><label>Comment *</label><textarea></textarea><label>Name *</label><input><label>Email *</label><input>'
                 '<button>Post Comment</button></form></div>'),
    (RAW, '</div></div><div id="sidebar">'),
    ("navigation", '<div class="widget"><h4>Recent Posts</h4><ul><li><a>Armenian Festival returns to Verdugo Park</a></li><li><a>Council votes to rename street after Komitas</a></li><li><a>Youth soccer league registration opens</a></li></ul></div>'
                   '<div class="widget"><h4>Archives</h4><ul><li><a>September 2024</a></li><li><a>August 2024</a></li><li><a>July 2024</a></li></ul></div>'),
    (RAW, '</div></div>'),
    ("credits", '<div id="colophon">© 2024 Hye Voices from Glendale · Proudly powered by WordPress</div>'),
]

# --- dev 4: PDF open letter, blank-ish gap between paragraphs, ~95-char lines ----------------------------------

_DEV_LETTER_A = {
    "title": "Open Letter on the Lachin Corridor",
    "font": "Helvetica", "size": 9, "leading": 12, "left": 50, "width": 97, "lines_per_page": 30,
    "gap": True, "indent": 0, "note_width": 120,
    "header": lambda p, n: [] if p == 1 else ["Open Letter to the UN Secretary-General on the Lachin Corridor"],
    "footer": lambda p, n: [f"Page {p} of {n}"],
    "items": [
        ("head", "OPEN LETTER TO THE SECRETARY-GENERAL OF THE UNITED NATIONS\n15 February 2023"),
        ("p", "We, the undersigned civil society organi|sations from Armenia, Europe and North America, are writing to express our "
              "deep concern about the humani|tarian situation in Nagorno-Karabakh, where approxi|mately 120,000 people have been "
              "cut off from the outside world since 12 December 2022^1. The Lachin corridor, the only road connecting the region "
              "with Armenia, has been blocked by a group presenting itself as environmental activists, with the evident support "
              "of the authorities of Azerbaijan."),
        ("p", "The consequences of the blockade are already severe. Food, medicine and fuel are rationed; schools and kinder|gartens "
              "have closed for lack of heating; more than 1,100 people, including 270 children, have been separated from their families "
              "because they happened to be in Yerevan when the road was closed. Gas supply from Armenia has been interrupted several "
              "times, in the middle of winter, for days at a time^2. The International Committee of the Red Cross remains the only "
              "organi|sation able to transfer patients and a limited amount of humani|tarian goods across the line of contact."),
        ("p", "The trilateral statement of 9 November 2020, which ended the war of that year, obliges the Republic of Azerbaijan to "
              "\"guarantee the security of persons, vehicles and cargo moving along the Lachin corridor in both directions\".^3 The "
              "Russian peace|keeping contingent, which under the same statement controls the corridor, has not taken any step to "
              "restore free movement. We note with regret that the United Nations has so far limited itself to general calls for "
              "restraint, while the population is facing what many independent experts describe as a slowly unfolding humani|tarian "
              "catastrophe, one that could still be prevented by timely and resolute inter|national action taken now, before the "
              "remaining stocks of food and medicine in Stepanakert run out completely and the most vulnerable begin to die."),
        ("p", "On 22 February 2023 the International Court of Justice is expected to rule on the request for provisional measures "
              "submitted by Armenia^4. Whatever the outcome, the Court's authority alone cannot reopen the road. We therefore urge "
              "you to use your good offices to ensure unimpeded access of humani|tarian agencies of the United Nations, including "
              "UNHCR, UNICEF and the World Food Programme, to Nagorno-Karabakh; to dispatch without delay an independent fact-finding "
              "mission to the Lachin corridor; and to report regularly to the Security Council on the situation of the civilian "
              "population."),
        ("p", "Silence in the face of a blockade of civilians is not neutrality. It sends a signal that the use of starvation as a "
              "method of pressure carries no cost. We call on you to act before the words \"never again\" once more come too late^5."),
        ("sig", "Signatories:\nArmenian Helsinki Committee (Armenia)\nLaw Development and Protection Foundation (Armenia)\n"
                "Protection of Rights without Borders (Armenia)\nHelsinki Citizens' Assembly - Vanadzor (Armenia)\n"
                "Open Society Foundations - Armenia\nTransparency International Anti-Corruption Center (Armenia)\n"
                "Union of Informed Citizens (Armenia)\nJournalists' Club Asparez (Armenia)\nWomen's Resource Center Armenia\n"
                "Armenian Assembly of America (United States)\nArmenian National Committee of Europe (Belgium)\n"
                "Conseil de coordination des organisations arméniennes de France (France)\nZentralrat der Armenier in Deutschland (Germany)\n"
                "Armenian Community Council of the United Kingdom (United Kingdom)\nHaigazian Alumni Association (Lebanon)\n"
                "Canadian Armenian Human Rights Network (Canada)\nChristian Solidarity International (Switzerland)\n"
                "Genocide Watch (United States)\nLemkin Institute for Genocide Prevention (United States)\n"
                "International Association of Genocide Scholars, Caucasus Working Group"),
    ],
    "notes": {
        1: "Human Rights Defender of the Republic of Artsakh, Ad Hoc Report on the Blockade of the Lachin Corridor, 23 December 2022.",
        2: "Gas supply was cut on 13 December 2022, 17 January 2023 and again on 24 January 2023; see OCHA Flash Update No. 3.",
        3: "Statement by the President of the Republic of Azerbaijan, the Prime Minister of the Republic of Armenia and the "
           "President of the Russian Federation, 10 November 2020 (signed shortly after midnight of 9 November).",
        4: "Application of the International Convention on the Elimination of All Forms of Racial Discrimination (Armenia v. Azerbaijan).",
        5: "This letter is also available in French and Armenian at the website of the coordinating organisation.",
    },
}

# --- dev 5: PDF letter, no blank lines, first-line indent, ~72-char lines --------------------------------------

_DEV_LETTER_B = {
    "title": "Letter to the OSCE Chairmanship on Landmine Contamination",
    "font": "Times-Roman", "size": 11, "leading": 14, "left": 72, "width": 72, "lines_per_page": 34,
    "gap": False, "indent": 18, "note_width": 100, "auto_hyphen": True,
    "header": lambda p, n: ["Mine Action Coalition of Azerbaijan — Letter to the OSCE Chairmanship"],
    "footer": lambda p, n: [f"– {p} –"],
    "items": [
        ("head", "To: The Chairperson-in-Office of the OSCE\nBaku, 4 April 2024\nDear Chairperson-in-Office,"),
        ("p", "On the occasion of the International Day for Mine Awareness, we, a coalition of Azer|baijani non-governmental "
              "organi|sations working on mine action and the return of internally displaced persons, would like to draw your "
              "attention to the scale of landmine contamination in the territories that returned under the control of "
              "Azerbaijan in 2020^1 and 2023."),
        ("p", "Since the end of the Second Karabakh War, at least 351 people, most of them civilians, have been killed or "
              "injured by mines and unexploded ordnance^2. Among the victims are shepherds, construction workers, a "
              "journalist and two employees of the state television crew who were killed near Kalbajar in June 2021. "
              "The National Agency for Mine Action estimates that more than 12 percent of the country's territory "
              "remains contaminated."),
        ("p", "The absence of accurate minefield records has been a central obstacle. The maps handed over in 2021 "
              "and 2022 covered only a fraction of the areas where mines were laid, and their accuracy has been "
              "estimated by deminers at about 25 percent^3. As a result, clearance teams have to survey whole valleys "
              "metre by metre, and the return of former residents to towns such as Aghdam, Fuzuli and Zangilan is "
              "proceeding far more slowly than planned. Several thousand families who were promised new homes by "
              "2025 are still living in temporary dormitories in Baku and Sumgayit, and many of them have told our "
              "monitors that they will not bring their children back until the fields around the villages have "
              "been declared safe by an inde|pendent authority."),
        ("p", "We recognise that contamination is not confined to one side of the former line of contact. Armenian "
              "villages along the border in Tavush and Syunik also live with mines laid in the 1990s, and we believe "
              "that mine action is an area where practical co-operation between the two societies could begin "
              "even before a peace treaty is signed^4."),
        ("p", "We therefore respectfully ask the Chairmanship to support the exchange of all remaining minefield "
              "records; to encourage donors to fund survey and clearance on both sides of the border; and to include "
              "the rights of mine survivors to rehabi|litation and compensation in the agenda of the OSCE's "
              "engagement in the South Caucasus."),
        ("p", "We remain at your disposal for any further information and would welcome the opportunity to brief "
              "your office in person."),
        ("sig", "Signed:\nAzerbaijan Campaign to Ban Landmines\nIDP Women's Council of Aghdam\nKarabakh Revival Public Union\n"
                "Union of Mine Survivors of Azerbaijan\nHumanitarian Research Public Union\nAzerbaijan Young Lawyers' Union\n"
                "Fuzuli District Community Association\nInternational Eurasia Press Fund\nShusha Youth Initiative\n"
                "Centre for Legal Initiatives\nZangilan Return Foundation\nAssociation of Deminers of Azerbaijan"),
    ],
    "notes": {
        1: "Trilateral statement of 10 November 2020; the districts of Aghdam, Kalbajar and Lachin were handed over in November-December 2020.",
        2: "Figures of the National Agency for Mine Action (ANAMA) as of 31 March 2024.",
        3: "Statement of the Ministry of Foreign Affairs of Azerbaijan, 13 June 2023.",
        4: "See also the joint appeal of Armenian and Azerbaijani deminers published in Geneva in November 2023.",
    },
}

# --- dev 6: multi-article dump (saved search export) ------------------------------------------------------------

_DEV_DUMP = [
    ("banner", "Saved search: \"Armenia Azerbaijan\" OR Karabakh\nResults 1-4 of 4 · Exported 22 Oct 2024 09:14 UTC", "metadata"),
    ("sep", "____________________________________________________________"),
    ("article", "Baku and Yerevan exchange draft peace treaty comments",
     ["Caucasus Daily", "21 October 2024", "By Sona Petrosyan"],
     [("BAKU/YEREVAN — Azerbaijan has sent Armenia its latest comments on the draft peace treaty, the foreign ministry in Baku said on Monday, the thirteenth exchange of proposals since talks began in earnest last year.", None),
      ("Armenian Foreign Minister Ararat Mirzoyan told parliament that 15 of the 17 articles of the draft had been agreed. The remaining two concern the withdrawal of third-party forces from the border and the mutual renunciation of interstate legal claims.", None),
      ("Baku also continues to insist that Armenia amend its constitution, whose preamble refers to the 1990 declaration of independence and, through it, to the unification of Nagorno-Karabakh with Armenia. Yerevan says a new constitution could be put to a referendum in 2027 but rejects making it a precondition.", None),
      ("Analysts in both capitals said a signing before the end of the year was unlikely.", None)]),
    ("sep", "____________________________________________________________"),
    ("article", "Wheat prices fall as Black Sea exports recover",
     ["Agri Markets Weekly", "21 October 2024"],
     [("CHICAGO — Wheat futures fell for a third consecutive session on Monday as shipments from Black Sea ports continued at a pace not seen since before the war in Ukraine, easing concerns about supply ahead of the northern hemisphere winter.", None),
      ("December wheat on the Chicago Board of Trade lost 1.2 percent to $5.68 a bushel. Traders said large Russian stocks and improved crop prospects in Argentina outweighed worries about dry weather in the U.S. Plains.", None),
      ("(Reporting by Tom Ellery; Editing by Rachel Hayes)", "credits")]),
    ("sep", "____________________________________________________________"),
    ("article", "Former Karabakh leaders go on trial in Baku",
     ["Source: Regional Monitor | 17 October 2024"],
     [("A military court in Baku on Thursday opened hearings against fifteen former political and military leaders of the self-proclaimed Nagorno-Karabakh republic, including three former presidents, who were detained after Azerbaijan took control of the region in September 2023.", None),
      ("The defendants face charges including waging war, terrorism and illegal border crossing. Several of them told the court they did not recognise the charges. Armenia's foreign ministry called the trial \"a show\" and demanded their release.", None),
      ("Human rights organisations said the defendants had been held for more than a year without access to lawyers of their choice.", None),
      ("Editor's note: This article was updated on 18 October to include the reaction of Armenia's foreign ministry.", "editorial_note")]),
    ("sep", "____________________________________________________________"),
    ("article", "EU mission in Armenia to add thirty observers",
     ["EUobserver Caucasus", "Oct 15, 2024 | 16:40", "Brussels"],
     [("The European Union's civilian monitoring mission in Armenia will add thirty observers next year and open a fourth forward base in the Syunik province, according to a decision adopted by foreign ministers on Tuesday.", None),
      ("The mission, deployed in February 2023 along the Armenian side of the border, currently patrols with about 200 staff. Azerbaijan has repeatedly criticised it as a source of instability; Russia calls it a \"geopolitical\" project.", None),
      ("© 2024 EUobserver Caucasus. All rights reserved.", "credits")]),
]


# ============================================================================================= TEST SET
# --- test 1: ministry press page, table layout, accessibility widget, language switcher -------------------------

_TEST_MINISTRY = [
    (RAW, '<table class="layout" width="100%"><tr><td colspan="2" class="top">'),
    ("widget", '<div class="a11y"><span>Version for the visually impaired</span> <span>Font size:</span> <a>A</a> <a>A+</a> <a>A++</a> <span>Contrast</span></div>'),
    ("navigation", '<div class="langs"><a>AZ</a> | <a>EN</a> | <a>RU</a> | <a>FR</a></div>'
                   '<table class="menu"><tr><td><a>Ministry</a></td><td><a>Foreign Policy</a></td><td><a>Press Service</a></td>'
                   '<td><a>Consular Services</a></td><td><a>Diaspora</a></td><td><a>Embassies</a></td></tr></table>'),
    (RAW, '</td></tr><tr><td class="side" width="22%">'),
    ("navigation", '<ul class="submenu"><li><a>Press releases</a></li><li><a>Statements</a></li><li><a>Briefings</a></li><li><a>Interviews</a></li><li><a>Photo gallery</a></li></ul>'),
    (RAW, '</td><td class="main">'),
    ("navigation", '<div class="path">Home » Press Service » Press releases</div>'),
    (HEAD, '<h1>Statement of the Ministry of Foreign Affairs on the resolution of the European Parliament</h1>'
           '<div class="dt">No:214/24 · 14 March 2024</div>'),
    (None, '<p>The Ministry of Foreign Affairs of the Republic of Azerbaijan categorically rejects the resolution adopted by the European Parliament on 13 March 2024 on closer ties between the European Union and Armenia, which contains unfounded accusations against Azerbaijan and distorts the realities of the region.</p>'),
    (None, '<p>It is regrettable that the European Parliament, instead of supporting the peace process between Azerbaijan and Armenia, continues to adopt biased documents that serve only to encourage revanchist forces. The resolution ignores the fact that for almost thirty years the territories of Azerbaijan were under occupation, and that more than 700,000 Azerbaijanis were expelled from their homes.</p>'),
    (None, '<p>We recall that the local anti-terror measures carried out in September 2023 were directed exclusively at the illegal armed formations that remained in the territory of Azerbaijan in violation of the trilateral statement. Residents of Armenian origin were offered reintegration as equal citizens of Azerbaijan; their departure was their own decision.</p>'),
    (None, '<p>Azerbaijan remains committed to the normalisation of relations with Armenia on the basis of mutual recognition of sovereignty and territorial integrity. We call on the European Parliament to refrain from steps that undermine this historic opportunity for lasting peace in the South Caucasus.</p>'),
    ("widget", '<div class="tools"><a>Print</a> | <a>Send by e-mail</a> | <a>Save as PDF</a></div>'),
    ("metadata", '<div class="views">Number of views: 1842</div>'),
    ("navigation", '<div class="other"><b>Other press releases</b><br>'
                   '<a>Statement on the anniversary of the Khojaly tragedy</a><br>'
                   '<a>Foreign Minister receives the Special Representative of the EU</a><br>'
                   '<a>Comment of the Press Service on the statement of the French Foreign Ministry</a></div>'),
    (RAW, '</td></tr><tr><td colspan="2" class="foot">'),
    ("navigation", '<div class="addr">Address: Sh. Gurbanov str. 50, Baku, AZ1009 · Phone: (+994 12) 596-91-00 · Email: secretariat@example.gov.az</div>'),
    ("credits", '<div class="copy">© Ministry of Foreign Affairs. When using materials, reference to the source is obligatory.</div>'),
    (RAW, '</td></tr></table>'),
]

# --- test 2: NGO page with a joint statement, signatories, photo credit, membership appeal, cookie banner -------

_TEST_NGO = [
    (RAW, '<div class="wrapper"><header>'),
    ("navigation", '<nav class="primary"><ul><li><a>Who we are</a></li><li><a>Our work</a></li><li><a>Countries</a></li><li><a>Publications</a></li><li><a>Take action</a></li><li><a>Press</a></li></ul></nav>'),
    ("appeal", '<a class="cta">Join us</a>'),
    (RAW, '</header><div class="page"><section class="main-col">'),
    ("navigation", '<ol class="breadcrumb"><li><a>Home</a></li><li><a>Press</a></li><li><a>Joint statements</a></li></ol>'),
    (HEAD, '<h1>Joint statement: Displaced people from Nagorno-Karabakh must not be forgotten</h1>'
           '<div class="meta"><span class="date">26 September 2024</span></div>'),
    (None, '<p class="intro">One year after the mass exodus of the Armenian population from Nagorno-Karabakh, the undersigned humanitarian and human rights organisations call on the Government of Armenia, the Government of Azerbaijan and the international community to address the needs and rights of more than 100,000 displaced people.</p>'),
    ("credits", '<figure><img src="/media/goris-2023.jpg" alt="Refugees arrive in Goris"><figcaption>Refugees arriving in Goris, 28 September 2023. © Anahit Melkonyan for Relief Alliance</figcaption></figure>'),
    (None, '<p>Most refugees have found shelter with relatives or in rented flats, paying rents that have doubled in Yerevan since 2022. The state housing allowance of 50,000 drams per person per month is scheduled to be reduced from October, and many families told our staff they fear eviction before winter.</p>'),
    (None, '<p>Access to employment remains the main challenge. Farmers and civil servants from Karabakh often lack documents recognised in Armenia, and older people struggle to obtain pensions that reflect their years of work. Children have been enrolled in schools, but psychologists report high levels of trauma that local services cannot absorb.</p>'),
    (None, '<p>We urge donors to sustain funding for cash assistance and housing beyond 2024; the Government of Armenia to simplify the recognition of qualifications and the restoration of documents; and the Government of Azerbaijan to provide credible guarantees, under international monitoring, for anyone wishing to visit graves or property left behind.</p>'),
    ("signatories", '<div class="signatories"><h3>Signed by</h3><ul>'
                    '<li>Relief Alliance for the Caucasus</li><li>Norwegian Helsinki Committee</li><li>Mission Armenia</li>'
                    '<li>Caritas Armenia</li><li>Save the Children Armenia</li><li>World Vision Armenia</li>'
                    '<li>Fuller Center for Housing Armenia</li><li>Armenian Caritas Youth</li><li>Women\'s Support Center</li>'
                    '<li>Democracy Development Foundation</li><li>Peace Dialogue NGO</li><li>Freedom House</li>'
                    '<li>International Partnership for Human Rights</li><li>Civil Rights Defenders</li></ul></div>'),
    ("appeal", '<div class="member-box"><h4>Become a member</h4><p>Our members make this work possible. Join today for as little as €5 a month and stand with people forced from their homes.</p><a>Become a member</a></div>'),
    ("widget", '<div class="share-bar">Share this page <a>Facebook</a> <a>LinkedIn</a> <a>Bluesky</a> <a>Email</a></div>'),
    ("metadata", '<div class="categories">Filed under: <a>Armenia</a> · <a>Displacement</a> · <a>Joint statements</a></div>'),
    (RAW, '</section><aside class="side-col">'),
    ("navigation", '<div class="box"><h4>Latest from the Press room</h4>'
                   '<p><a>Earthquake response in Türkiye: two years on</a></p>'
                   '<p><a>Statement on detention of human rights defenders in Baku</a></p>'
                   '<p><a>New report: housing for refugees in Armenia</a></p></div>'),
    (RAW, '</aside></div><footer>'),
    ("credits", '<p>© Relief Alliance for the Caucasus 2024 · Registered charity no. 1187230</p>'),
    ("navigation", '<p><a>Privacy</a> · <a>Accessibility</a> · <a>Sitemap</a> · <a>Careers</a></p>'),
    (RAW, '</footer></div>'),
    ("widget", '<div id="consent-bar"><p>We value your privacy. We and our partners use cookies to analyse traffic and personalise content. You can change your preferences at any time.</p><button>Accept</button><button>Reject</button><button>Manage preferences</button></div>'),
]

# --- test 3: diaspora forum thread (phpBB-like tables), <br> paragraphs, replies --------------------------------

_TEST_FORUM = [
    (RAW, '<table class="forumline" width="100%"><tr><td>'),
    ("navigation", '<table class="nav"><tr><td><a>FAQ</a></td><td><a>Search</a></td><td><a>Memberlist</a></td><td><a>Usergroups</a></td><td><a>Register</a></td><td><a>Log in</a></td></tr></table>'),
    ("navigation", '<div class="crumbs"><a>ArmenianDiaspora.net Forum Index</a> -&gt; <a>Politics &amp; Current Events</a></div>'),
    (RAW, '</td></tr></table>'),
    (RAW, '<table class="topic" width="100%">'),
    (HEAD, '<tr><td colspan="2"><h1>What does the Washington meeting actually change?</h1></td></tr>'
           '<tr><td class="postdetails">Posted: Fri Aug 15, 2025 9:41 pm by Raffi_Boston</td></tr>'),
    (RAW, '<tr><td class="postbody">'),
    (None, 'Everyone in my family group chat is either celebrating or calling it treason, so I tried to read the actual text of the joint declaration signed in Washington and figure out what is new.'),
    (None, '<br><br>As far as I can tell, three things. First, both leaders initialled the peace treaty text, which is not the same as signing it; it still has to be signed and ratified, and Baku still wants the Armenian constitution changed before that happens.'),
    (None, '<br><br>Second, there is the transit route through Syunik, which the Americans apparently want to name after Trump. Armenia keeps sovereignty on paper, but an American company will run it for decades. Whether that means more security for Meghri or less, nobody can tell me.'),
    (None, '<br><br>Third, the OSCE Minsk Group is going to be dissolved. Honestly that one changes nothing on the ground, it had been dead since 2020.'),
    (None, '<br><br>Am I missing something? Would like to hear from people who actually live in Armenia.'),
    (RAW, '</td></tr><tr><td class="sig">'),
    ("metadata", '_________________<br>Raffi | Watertown, MA | Joined: 12 Mar 2009 | Posts: 2113'),
    (RAW, '</td></tr></table>'),
    ("comments", '<table class="replies" width="100%">'
                 '<tr><td class="name">Ani_Gyumri</td><td class="postdetails">Posted: Sat Aug 16, 2025 7:05 am</td></tr>'
                 '<tr><td class="postbody">I live in Gyumri. People here mostly want the border with Turkey open, that is what they ask about.</td></tr>'
                 '<tr><td class="name">Vartan_LA</td><td class="postdetails">Posted: Sat Aug 16, 2025 10:22 am</td></tr>'
                 '<tr><td class="postbody">An American company on our territory for 99 years. Nobody voted for that.</td></tr>'
                 '<tr><td class="name">Raffi_Boston</td><td class="postdetails">Posted: Sat Aug 16, 2025 11:57 am</td></tr>'
                 '<tr><td class="postbody">@Vartan_LA the text I saw does not say 99 years. Do you have a source?</td></tr></table>'),
    ("comments", '<div class="quickreply"><b>Post a reply</b><br>You must be logged in to reply to this topic.<br><a>Log in</a> or <a>Register</a></div>'),
    ("navigation", '<div class="jump">Jump to: <select><option>Politics &amp; Current Events</option><option>Genealogy</option><option>Language &amp; Culture</option><option>Marketplace</option></select></div>'),
    ("metadata", '<div class="stats">Display posts from previous: All Posts · Page 1 of 1 · This topic has been viewed 388 times</div>'),
    ("credits", '<div class="powered">Powered by phpBB © 2001, 2005 phpBB Group</div>'),
]

# --- test 4: PDF joint letter of scholars, wider lines (~100 chars), gap between paragraphs ---------------------

_TEST_LETTER_A = {
    "title": "Joint Letter on Cultural Heritage in the South Caucasus",
    "font": "Helvetica", "size": 8.5, "leading": 11, "left": 45, "width": 101, "lines_per_page": [17, 32],
    "gap": True, "indent": 0, "note_width": 125, "auto_hyphen": True,
    "header": lambda p, n: ["Scholars' Letter to the Director-General of UNESCO", f"{p}/{n}"],
    "footer": lambda p, n: ["Coordinated by the Caucasus Heritage Watch network · heritage-watch.example.org"],
    "items": [
        ("head", "To the Director-General of UNESCO\nParis, 30 November 2023"),
        ("p", "We are historians, archaeologists, art historians and architects from twenty-two countries who have studied "
              "the cultural heritage of the South Caucasus. We write to you because the transfer of Nagorno-Karabakh to "
              "the full control of Azerbaijan in September 2023^1 has left hundreds of Armenian monasteries, churches, "
              "cemeteries and khachkars without the communities that cared for them for centuries."),
        ("p", "Our concern is grounded in experience. Between 1997 and 2006 the medieval cemetery of Julfa in Nakhchivan, "
              "with several thousand carved cross-stones, was destroyed, as documented by satellite imagery and by "
              "independent researchers^2. After the war of 2020, the Church of the Holy Mother of God in Mekhakavan and "
              "the Ghazanchetsots Cathedral in Shusha were damaged or altered, and officials have spoken of restoring "
              "\"Caucasian Albanian\" heritage in terms that deny its Armenian character.^3"),
        ("p", "We are equally aware that the heritage of Azerbaijanis suffered grievously during the decades of Armenian "
              "control. The mosques of Aghdam and Zangilan stood roofless, the old town of Fuzuli was reduced to "
              "foundations and the tombs and mausoleums in many villages were looted for building material. Monitoring "
              "must therefore be impartial and cover every site, whatever the faith or the community that built it. "
              "We believe that only a permanent, independent mission, with unrestricted access and the authority to "
              "publish its findings, can reassure both societies that their past will not be erased in the name of the "
              "other's future. Such a mission was proposed by UNESCO itself in December 2020^4 and accepted in principle "
              "by both governments, but it has never been allowed to travel."),
        ("p", "We therefore ask you to renew the offer of a technical mission to Nagorno-Karabakh and the adjacent "
              "districts, to seek the agreement of the Government of Azerbaijan for its deployment before the spring of "
              "2024, and to publish an inventory of the protected monuments of the region on the basis of the records "
              "kept by both sides and by independent scholars."),
        ("sig", "Signed (in alphabetical order):\nProf. Levon Abrahamian, Institute of Archaeology and Ethnography, Yerevan\n"
                "Dr. Christina Maranci, Harvard University\nProf. Patrick Donabédian, Aix-Marseille Université\n"
                "Dr. Hamlet Petrosyan, Yerevan State University\nProf. Stephan Astourian, University of California, Berkeley\n"
                "Dr. Sara Frangi, Università di Bologna\nProf. Thomas de Waal, Carnegie Europe\nDr. Ketevan Mamulashvili, Tbilisi State University\n"
                "Prof. Simon Maghakyan, Lesley University\nDr. Ruslan Askerov, independent researcher, Berlin\n"
                "Prof. Anna Leyloyan, INALCO Paris\nDr. Johannes Preiser-Kapeller, Austrian Academy of Sciences\n"
                "Prof. Lynn Jones, Florida State University\nDr. Tamila Guliyeva, independent researcher, London\n"
                "Prof. Zaroui Pogossian, Università di Firenze\nDr. Erik Hovsepyan, University of Glasgow"),
    ],
    "notes": {
        1: "Following the military offensive of 19-20 September 2023 and the departure of almost the entire Armenian population.",
        2: "Caucasus Heritage Watch, Silent Erasure: A Satellite Investigation of the Destruction of Armenian Cultural Heritage in Nakhchivan, 2022.",
        3: "Remarks of the Minister of Culture of Azerbaijan, 3 February 2022.",
        4: "UNESCO press release, 22 December 2020.",
    },
}

# --- test 5: PDF letter, narrow (~66 chars), no blank lines, first-line indent ----------------------------------

_TEST_LETTER_B = {
    "title": "Letter of the Union of Refugees from Artsakh",
    "font": "Times-Roman", "size": 11, "leading": 13.5, "left": 90, "width": 65, "lines_per_page": [20, 34],
    "gap": False, "indent": 20, "note_width": 95, "auto_hyphen": True,
    "header": lambda p, n: [] if p == 1 else ["Union of Refugees from Artsakh", "Letter to the Members of the European Parliament"],
    "footer": lambda p, n: [f"Page {p}"],
    "items": [
        ("head", "Union of Refugees from Artsakh\nYerevan, 12 June 2024\nTo the Members of the European Parliament"),
        ("p", "Honourable Members, we are writing to you on behalf of families who were forced to leave Nagorno-"
              "Karabakh in September 2023^1. Nine months later, most of us still live in temporary accommo|dation, "
              "and many of our elderly have died without being able to visit the graves of their parents."),
        ("p", "We are grateful for the humanitarian aid that the European Union has provided, in particular the "
              "emergency funding of 5.5 million euros announced in October 2023^2. This support helped thousands "
              "of families through the winter. Yet humanitarian aid alone cannot answer the question that every "
              "one of us is asked by our children: will we ever go home?"),
        ("p", "The draft peace treaty between Armenia and Azerbaijan, as far as its content has been made public, "
              "does not mention the right of displaced Armenians to return in safety and dignity, nor any "
              "mechanism for the protection of our property and cultural heritage^3. We understand that a "
              "treaty between states cannot solve every problem. But a peace that is built on the silent "
              "acceptance of the removal of an entire people will not be a lasting one, and it will teach "
              "the next generation that force is the only argument that matters in our region. We ask you "
              "not to let this happen in your name, and to say so clearly in your resolutions and in your "
              "contacts with the governments concerned."),
        ("p", "We therefore appeal to you to support the establishment of an international mechanism, under the "
              "auspices of the United Nations or the Council of Europe, that would register the property left "
              "behind, document the state of our churches and cemeteries, and examine the conditions for a "
              "voluntary return under international guarantees^4."),
        ("p", "We would be honoured to meet a delegation of the Parliament in Yerevan, in Goris or wherever our "
              "people now live."),
        ("sig", "On behalf of the Board:\nArtur Sargsyan, Chairman\nMarine Avanesyan, Deputy Chair\nGrigor Hovhannisyan, Secretary\n"
                "Narine Aghabalyan, member of the Board\nSamvel Babayan, member of the Board\nLusine Harutyunyan, member of the Board\n"
                "Karen Mirzoyan, member of the Board\nAnahit Grigoryan, member of the Board\nDavit Ishkhanyan, member of the Board\n"
                "Arpine Sargsyan, member of the Board"),
    ],
    "notes": {
        1: "According to the Government of Armenia, 115,000 persons crossed the border between 24 September and 3 October 2023.",
        2: "European Commission, press release IP/23/4856, 4 October 2023.",
        3: "Statements of the Ministry of Foreign Affairs of Armenia, 18 April and 21 May 2024.",
        4: "Compare the Property Claims Commission established under Annex 7 of the Dayton Agreement.",
    },
}

# --- test 6: multi-article dump (press office digest), different header layouts --------------------------------

_TEST_DUMP = [
    ("banner", "DAILY PRESS DIGEST · 3 May 2024\nPrepared by the Press Office for internal use", "metadata"),
    ("sep", "* * *"),
    ("article", "Pashinyan says Armenia could leave Russia-led bloc",
     ["By Hasmik Grigoryan", "Armenian Mirror", "Published: 2024-05-02 10:31"],
     [("Prime Minister Nikol Pashinyan told parliament on Thursday that Armenia would leave the Collective Security Treaty Organisation \"when the time comes\" if the bloc did not clarify its zone of responsibility on Armenia's border with Azerbaijan.", None),
      ("Armenia froze its participation in the alliance in February, accusing it of failing to respond to Azerbaijani incursions into Armenian territory in 2021 and 2022. Moscow said it regretted the decision and that the door remained open.", None),
      ("Opposition deputies accused the government of leaving the country without any security guarantees, while pro-government lawmakers said the alliance had never provided them.", None)]),
    ("sep", "* * *"),
    ("article", "Azerbaijan to host climate summit amid criticism",
     ["Source: Caspian Herald | 2 May 2024"],
     [("Preparations for the COP29 climate conference, which Baku will host in November, are on schedule, the summit's president-designate Mukhtar Babayev said on Thursday, rejecting criticism from activists who argue that an oil and gas producer should not lead global climate talks.", None),
      ("Babayev said Azerbaijan would use its presidency to mobilise finance for developing countries. Environmental groups welcomed the pledge but pointed to the arrest of several journalists in Baku in recent months as a sign of shrinking space for civil society.", None),
      ("Photo: Conference venue at the Baku Olympic Stadium / Caspian Herald", "credits")]),
    ("sep", "* * *"),
    ("article", "Heavy rains flood Alaverdi and Debed valley",
     ["Armenian Mirror", "2 May 2024, 18:05"],
     [("ALAVERDI, Armenia — Floods caused by heavy rains destroyed bridges and cut the main road to Georgia in the northern Lori province, leaving several villages without electricity and forcing the evacuation of more than 200 people.", None),
      ("The emergency situations ministry said two people had died and that the railway line to Tbilisi would remain closed for at least a week. The government announced compensation for families whose houses were damaged.", None),
      ("Read more: Lori floods: how you can help", "navigation")]),
    ("sep", "* * *"),
    ("article", "Villagers in Kirants protest border demarcation",
     ["Regional Monitor", "Thursday, May 2, 2024", "By Aram Karapetyan and Leyla Mammadova"],
     [("KIRANTS — Several hundred residents of villages in Armenia's Tavush province blocked the highway to Georgia for a second day on Thursday, protesting against the handover to Azerbaijan of four abandoned villages as part of a border demarcation deal.", None),
      ("Archbishop Bagrat Galstanyan, who leads the protest movement, said the deal left Armenian villages exposed to Azerbaijani positions. The government said the new border would follow Soviet-era lines and would not affect any inhabited houses.", None),
      ("In Baku, officials welcomed the agreement as the first practical result of the peace process.", None)]),
    ("sep", "* * *"),
    ("banner", "This digest is compiled from public sources for internal use only. Please do not forward it outside the organisation.", "editorial_note"),
]


# ============================================================================================= fixtures

def _head_meta(author: str, date: str) -> str:
    return f'<meta name="author" content="{author}">\n<meta property="article:published_time" content="{date}">'


def fixtures_dev() -> list[DocFixture]:
    out: list[DocFixture] = []
    out += _web_pair("dev_agency", "Border commissions agree to continue delimitation near Tavush villages",
                     _head_meta("", "2024-04-19T14:22:00+04:00"), _DEV_AGENCY, blank_paste=False)
    out += _web_pair("dev_thinktank", "The Middle Corridor after Karabakh: Can Trade Outrun Politics? | Caspian Policy Institute",
                     _head_meta("Nino Kapanadze", "2024-03-07"), _DEV_THINK, blank_paste=True)
    out += _web_pair("dev_blog", "Why we still gather on the Glendale library steps – Hye Voices from Glendale",
                     _head_meta("Lilit Hakobyan", "2024-09-20"), _DEV_BLOG, blank_paste=False)
    out += _pdf_pair("dev_lachin_letter", _DEV_LETTER_A, blank_paste=True)
    out += _pdf_pair("dev_mines_letter", _DEV_LETTER_B, blank_paste=False)
    out.append(_dump("heldout_dump_dev_search", _DEV_DUMP))
    return out


def fixtures_test() -> list[DocFixture]:
    out: list[DocFixture] = []
    out += _web_pair("test_ministry", "Statement of the Ministry of Foreign Affairs on the resolution of the European Parliament",
                     _head_meta("Press Service", "2024-03-14"), _TEST_MINISTRY, blank_paste=False)
    out += _web_pair("test_ngo", "Joint statement: Displaced people from Nagorno-Karabakh must not be forgotten | Relief Alliance",
                     _head_meta("Relief Alliance for the Caucasus", "2024-09-26"), _TEST_NGO, blank_paste=True)
    out += _web_pair("test_forum", "What does the Washington meeting actually change? - ArmenianDiaspora.net",
                     _head_meta("Raffi_Boston", "2025-08-15"), _TEST_FORUM, blank_paste=False)
    out += _pdf_pair("test_heritage_letter", _TEST_LETTER_A, blank_paste=True)
    out += _pdf_pair("test_refugees_letter", _TEST_LETTER_B, blank_paste=False)
    out.append(_dump("heldout_dump_test_digest", _TEST_DUMP))
    return out
