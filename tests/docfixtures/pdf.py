"""PDF fixtures built with reportlab: open letters and a report with real page layout.

A small layout engine (not reportlab's Platypus, which has no footnotes) sets justified text line by line
so the fixtures carry what real letters carry: lines of a width that differs per document (font, size,
margins), footnote markers drawn raised and smaller, glued to the word or punctuation before them,
footnotes at the bottom of the page whose line cites them, running headers and footers with page numbers,
paragraphs that continue across a page break, words hyphenated at line ends, bulleted lists and signatory
lists. The same layout also gives the "pasted" text a user copies out of a PDF viewer (hard wraps, no
blank lines, headers, footers and footnotes inline).

Gold passages follow the segmentation conventions of ``framing.segment``: one passage per paragraph;
a title, heading or addressee line (of any length: lines that end no sentence) and a paragraph of fewer than
8 words (salutation) join the next one (the letter's head belongs with its first paragraph); a signatory list is one
passage (reason ``"signatories"``, with the closing formula before it); each footnote is its own passage
(reason ``"footnote"``); each line of page furniture (running header, footer, page number) is its own passage
(reason ``"page_furniture"``). Footnotes are
treated as non-content: in letters they are citations, not the letter's argument.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import DocFixture

SOFT = "\u00ad"
_MARK = re.compile(r"\^(\d+)")
BULLET = "\u2013"  # the standard PDF fonts' bullet does not survive text extraction as "•"


# ----------------------------------------------------------------------------------------------- texts
LACHIN = dict(
    title="OPEN LETTER ON THE HUMANITARIAN CRISIS IN THE LACHIN CORRIDOR",
    blocks=[
        ("para", "To the Secretary-General of the United Nations, the President of the European Council and the "
                 "Chair-in-Office of the OSCE"),
        ("para", "Dear Secretary-General,"),
        ("para", "We, the undersigned scholars of international law, medicine and the history of the South "
                 "Caucasus, write to you about the situation of the roughly one hundred and twenty thousand people "
                 "who live in Nagorno-Karabakh and who have, since 12 December 2022, been cut off from the "
                 "outside world. The only road that links them to Armenia, the Lachin corridor, was placed "
                 "under the protection of Russian peace\u00adkeepers by the trilateral statement of 9 November 2020^1 "
                 "and should have remained open to people, vehicles and cargo in both directions."),
        ("para", "For more than three months the corridor has been closed to all civilian traffic. The "
                 "International Committee of the Red Cross has been able to evacuate a small number of "
                 "patients who needed urgent care, and a few convoys have brought in flour, medicine and baby "
                 "food, but these deliveries cover only a fraction of what the population used to receive. "
                 "Shops are empty, schools have closed for lack of heating, and hospitals have postponed every "
                 "operation that is not a matter of life and death.^2 Families queue for hours for bread, and "
                 "ration coupons have been introduced for the first time since the war of the early nineties."),
        ("para", "The authorities in Baku have described the people who block the road as environmental "
                 "activists protesting against illegal mining. We do not doubt that environmental questions "
                 "deserve attention, but no cause can justify depriving an entire civilian population of food, "
                 "fuel and medical care. Officials in Baku have also called the local authorities in "
                 "Stepanakert \u201cseparatists and terrorists\u201d.^3 Such language does not prepare the "
                 "ground for the peaceful integration that Azerbaijan says it wants; it prepares the ground for "
                 "flight."),
        ("para", "On 22 February 2023 the International Court of Justice ordered Azerbaijan to take all measures "
                 "at its disposal to ensure unimpeded movement of persons, vehicles and cargo along the corridor "
                 "in both directions.^4 The order is binding. It has not been complied with, and the gas and "
                 "electricity supplies to the region have been cut repeatedly during the coldest weeks of the "
                 "winter, leaving residential buildings without heating and water."),
        ("para", "We have heard from colleagues in Stepanakert that the maternity ward of the republican "
                 "hospital is working without reliable electricity, that insulin and dialysis supplies are close "
                 "to running out, and that teachers are taking their pupils home because classrooms cannot be "
                 "heated. Farmers cannot reach fields near the line of contact without being fired upon, and "
                 "the spring sowing, on which the food supply of the coming winter depends, is in doubt.^5 None "
                 "of this is the result of a natural disaster. It is the predictable consequence of a political "
                 "decision, and it can be reversed by a political decision."),
        ("para", "We are aware that the conflict has a long and painful history, and that Azerbaijanis too "
                 "were driven from their homes in the early nineties and have waited decades to return. "
                 "Their suffering is real and deserves remedy. But the answer to one injustice cannot be the "
                 "collective punishment of another population, least of all of its children, its sick and its "
                 "elderly, who bear no responsibility for the decisions of any government. A durable peace "
                 "between Armenia and Azerbaijan will only be possible if both peoples can live without fear."),
        ("para", "We therefore ask you to act without further delay, and in particular:"),
        ("bullet", "to send a United Nations humanitarian mission to Nagorno-Karabakh, with access by the "
                   "Lachin corridor, to assess the needs of the population;"),
        ("bullet", "to call on the Government of Azerbaijan to comply with the order of the International "
                   "Court of Justice and to reopen the corridor at once;"),
        ("bullet", "to make clear that any settlement must guarantee the rights and security of the "
                   "Armenians of Nagorno-Karabakh in their homes."),
        ("para", "History has shown many times what happens when a population is isolated, impoverished and "
                 "then told that it has no future in its own land. The warning signs are there for anyone who "
                 "wishes to see them. Those who are able to prevent a catastrophe and choose not to do so will "
                 "share the responsibility for it."),
        ("para", "Yours faithfully,"),
        ("sig", ["Prof. Helena Marsh, University of Edinburgh",
                 "Dr. Tomas Rieger, Humboldt University of Berlin",
                 "Prof. Anahit Sargsyan, Yerevan State University",
                 "Dr. Claire Dubois, Sciences Po, Paris",
                 "Prof. Michael Feld, Columbia University"]),
    ],
    notes={
        1: "Statement by the President of the Republic of Azerbaijan, the Prime Minister of the Republic of "
           "Armenia and the President of the Russian Federation, 9 November 2020, point 6.",
        2: "Reports of the Ombudsman of Nagorno-Karabakh, January and February 2023.",
        3: "Statement of the Ministry of Foreign Affairs of Azerbaijan, 14 January 2023.",
        4: "International Court of Justice, Armenia v. Azerbaijan, Order of 22 February 2023, paragraph 62.",
        5: "Interviews by telephone with medical staff and teachers in Stepanakert, February and March 2023.",
    },
)

MINES = dict(
    title="Joint Statement of Azerbaijani Civil Society Organisations on Mine Clearance and the Return of "
          "Displaced Families",
    blocks=[
        ("para", "Baku, 4 April 2024"),
        ("para", "We, the undersigned associations of internally displaced persons, mine survivors and rural "
                 "communities, address this statement to the governments that supported our country after the "
                 "end of the occupation, and to the international donors who have promised to help rebuild the "
                 "liberated districts. Almost thirty years after they were driven from Aghdam, Fuzuli, Zangilan "
                 "and Kalbajar, hundreds of thousands of our members are waiting to go home, and the main "
                 "obstacle that stands in their way is not the distance or the cost of rebuilding but the "
                 "millions of mines and unexploded shells left in their fields, roads and gardens.^1"),
        ("para", "Since the end of the war in November 2020 more than three hundred and fifty people have been "
                 "killed or injured by mines in the liberated territories, most of them civilians: shepherds, "
                 "farmers, road builders and, last summer, two journalists on their way to report on the "
                 "reconstruction of Kalbajar. Every one of these explosions is a family in mourning and a village "
                 "that will wait another year before it is repopulated. The national mine action agency has "
                 "cleared large areas, and we recognise the courage of its deminers, but at the present pace "
                 "the work will take decades."),
        ("para", "The maps that would show where the mines were laid are the key to faster clearance. Some of "
                 "them have been handed over after long negotiations, and we welcome every such step.^2 Many "
                 "of the maps received so far, however, cover only a small share of the mined areas, and their "
                 "accuracy has been questioned by the deminers who used them. We call on the Armenian side to "
                 "hand over all the maps it holds, without conditions, because the safety of children who will "
                 "play in these fields cannot be the object of bargaining."),
        ("para", "The families who have already returned to the first rebuilt villages in Zangilan and "
                 "Aghali tell us that their greatest fear is not the hardship of starting again but the "
                 "unmarked ground beyond the last cleared field. Children are warned every morning not to "
                 "leave the road; herders have lost animals and, too often, their own legs. Schools in the "
                 "new villages teach mine awareness before they teach reading, and every family knows "
                 "someone who did not come back from a walk in the hills. This is not the peace that our "
                 "members dreamt of during the long years in dormitories and tent camps."),
        ("para", "We also ask our international partners to do more than express sympathy:"),
        ("bullet", "fund modern detection equipment and the training of local deminers, including women from "
                   "the affected districts;"),
        ("bullet", "support rehabilitation centres and prosthetics for survivors, many of whom are farmers who "
                   "can no longer work their land;"),
        ("bullet", "make the clearance of schools, hospitals and water supplies a priority in every programme "
                   "they finance in the region."),
        ("para", "Reconciliation between Azerbaijanis and Armenians will one day require honest conversations "
                 "about the past, and some of our members are ready for them. But trust cannot grow while mines "
                 "laid during the occupation continue to kill people who only want to return to the graves of "
                 "their parents. Handing over the maps would be the clearest sign that the other side is ready "
                 "for peace.^3"),
        ("para", "We are also concerned that public attention fades as soon as the news moves elsewhere. "
                 "Donor conferences produce generous pledges, but the money arrives late, projects are "
                 "designed far from the districts they are meant to serve, and local associations that know "
                 "every field and every family are rarely consulted. We ask that a fixed share of every "
                 "programme be managed together with the communities concerned, and that its results be "
                 "published every year in Azerbaijani and in English so that our members can follow them."),
        ("para", "We remain at the disposal of all governments and organisations that wish to visit the "
                 "liberated districts and to see for themselves what our members face every day."),
        ("sig", ["Union of Mine Survivors of Azerbaijan",
                 "Karabakh Refugees Public Association",
                 "Association of Displaced Teachers, Fuzuli",
                 "Green Return Initiative, Ganja",
                 "Women for Safe Fields, Barda"]),
    ],
    notes={
        1: "Estimates of the Mine Action Agency of the Republic of Azerbaijan, 2023.",
        2: "Maps covering parts of the Aghdam and Fuzuli districts were transferred in 2021 and 2023.",
        3: "See the statement of the Ombudsman of Azerbaijan on the anniversary of the end of the war.",
    },
)

PRISONERS = dict(
    title="Briefing: Detainees and Missing Persons after the 2020 War",
    blocks=[
        ("heading", "1. Summary"),
        ("para", "More than three years after the ceasefire of November 2020, the fate of people captured or "
                 "missing during the war and its aftermath remains one of the most painful issues between "
                 "Armenia and Azerbaijan. This briefing sets out what is known about detainees held in Baku, "
                 "about missing soldiers and civilians on both sides, and about the legal obligations of the "
                 "two states under international humanitarian law. It is based on public statements, court "
                 "records and interviews with relatives conducted between March and October 2023."),
        ("heading", "2. Detainees held in Azerbaijan"),
        ("para", "Under the trilateral statement, the parties agreed to exchange prisoners of war and other "
                 "detained persons and the bodies of the dead.^1 Several exchanges took place in the months "
                 "that followed, often with the mediation of third states, and Azerbaijan returned a number of "
                 "detainees in exchange for maps of mined areas. Azerbaijan maintains, however, that a group "
                 "of men captured in December 2020 are not prisoners of war because they were detained after "
                 "the ceasefire, and they have been prosecuted for crimes including illegal border crossing "
                 "and terrorism.^2 Armenia and the men\u2019s families reject this classification and demand "
                 "their unconditional release."),
        ("para", "Relatives we interviewed described long periods without news. Visits by the International "
                 "Committee of the Red Cross have taken place, but families receive little information about "
                 "the health of detainees or the state of their cases. Two families told us that they had "
                 "learnt of a conviction from the media. Lawyers who have followed the trials point to the "
                 "short duration of the hearings, the use of confessions, and the absence of independent "
                 "interpreters.^3"),
        ("heading", "3. Missing persons"),
        ("para", "Both governments maintain lists of persons missing since the wars of the early 1990s and "
                 "since 2020. Azerbaijan counts almost four thousand people missing from the first war, most "
                 "of them civilians, and has repeatedly asked Armenia to share information about burial sites "
                 "in the territories it controlled for three decades. Armenia counts several hundred soldiers "
                 "and civilians still missing from the war of 2020. Mass graves discovered in recent years "
                 "have allowed some families to bury their relatives, while many others continue to wait.^4"),
        ("para", "Identification depends on access to sites, on forensic capacity and on the exchange of "
                 "data, including DNA samples held by each side. The International Committee of the Red Cross "
                 "has offered its services as a neutral intermediary, and a bilateral commission on missing "
                 "persons could build on this work. Progress on this file would cost neither government "
                 "anything in terms of sovereignty or security."),
        ("para", "Families of the missing on both sides described to us the same ordeal: years of letters "
                 "to ministries, visits to morgues and laboratories, rumours passed on by neighbours and "
                 "journalists, and the impossibility of mourning without a grave. Several mothers we met in "
                 "Baku and in Yerevan had given DNA samples more than once, without ever being told whether "
                 "they had been compared with remains already found. Some had never been contacted again "
                 "after the first interview, and others learnt of exhumations from social media."),
        ("heading", "4. Recommendations"),
        ("para", "We recommend that both governments treat detainees and missing persons as a humanitarian "
                 "question separate from the negotiations on a peace treaty, that all remaining detainees be "
                 "released or, at the very least, be granted fair trials with lawyers of their choice and "
                 "regular family contact, and that both sides open their archives on burial sites.^5 "
                 "Independent observers should be allowed to attend all hearings."),
        ("para", "The International Committee of the Red Cross should be given full access to all places of "
                 "detention. International partners, including the European Union and the United States, "
                 "should make support for a joint commission on missing persons a visible part of their "
                 "engagement with both capitals, and should fund forensic laboratories in the region."),
    ],
    notes={
        1: "Trilateral statement of 9 November 2020, point 8.",
        2: "Judgments of the Baku Military Court, July 2021 to May 2023.",
        3: "Interviews with defence lawyers and relatives, Yerevan and Gyumri, 2023.",
        4: "Figures of the State Commission on Prisoners of War, Hostages and Missing Persons of Azerbaijan "
           "and of the Armenian Commission on Missing Persons, 2023.",
        5: "On the obligation to search for the missing, see Articles 32 and 33 of the First Additional "
           "Protocol to the Geneva Conventions.",
    },
)


# ----------------------------------------------------------------------------------------------- layout
@dataclass
class Style:
    font: str = "Times-Roman"
    bold: str = "Times-Bold"
    size: float = 10.5
    leading: float = 13.5
    page: tuple[float, float] = (595.27, 841.89)  # A4
    margins: tuple[float, float, float, float] = (60, 60, 72, 80)  # left, right, top, bottom
    indent: float = 0.0  # first-line indent
    para_gap: float = 6.0
    header: str | None = None
    header_on_first: bool = True
    footer: str = "Page {n} of {total}"
    fn_size: float = 8.0
    fn_leading: float = 10.0


@dataclass
class Line:
    words: list[tuple[str, str]]  # (text, footnote marker or "")
    font: str
    size: float
    x: float
    width: float  # available width (for justification)
    justify: bool
    centered: bool = False

    def plain(self) -> str:
        return " ".join(t + m for t, m in self.words)


@dataclass
class Page:
    body: list[tuple[Line, float]] = field(default_factory=list)  # line, leading before it
    notes: list[int] = field(default_factory=list)
    note_lines: list[Line] = field(default_factory=list)
    #: gold events in reading order: ("start", block index) when a block starts on this page
    starts: list[int] = field(default_factory=list)


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    for w in text.split():
        m = _MARK.search(w)
        out.append((_MARK.sub("", w), m.group(1) if m else ""))
    return out


def _wrap(words: list[tuple[str, str]], font: str, size: float, first: float, rest: float, style: Style,
          hyphenate: bool = True) -> list[tuple[list[tuple[str, str]], bool]]:
    """Greedy fill; a word with soft hyphens is split at the last one that fits. Returns (words, is_last)."""
    sp = _width(" ", font, size)

    def wlen(t: str, m: str) -> float:
        return _width(t.replace(SOFT, ""), font, size) + (_width(m, font, size * 0.65) if m else 0.0)

    lines: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    used = 0.0
    queue = list(words)
    while queue:
        t, m = queue.pop(0)
        avail = first if not lines else rest
        add = wlen(t, m) + (sp if cur else 0.0)
        if used + add <= avail:
            cur.append((t, m))
            used += add
            continue
        if hyphenate and SOFT in t:
            parts = t.split(SOFT)
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                if used + wlen(head, "") + (sp if cur else 0.0) <= avail:
                    cur.append((head, ""))
                    queue.insert(0, ("".join(parts[k:]), m))
                    break
            else:
                queue.insert(0, (t, m))
        else:
            queue.insert(0, (t, m))
        lines.append(cur)
        cur, used = [], 0.0
    if cur:
        lines.append(cur)
    return [(ln, i == len(lines) - 1) for i, ln in enumerate(lines)]


def _clean_word(t: str) -> str:
    return t.replace(SOFT, "")


def layout(doc: dict, style: Style) -> list[Page]:
    left, right, top, bottom = style.margins
    pw, ph = style.page
    width = pw - left - right
    body_h = ph - top - bottom
    fn_sep = 14.0
    pages = [Page()]
    used = 0.0

    def note_height(page: Page, extra: list[int]) -> float:
        n = sum(len(_wrap(_tokens(f"{k} {doc['notes'][k]}"), style.font, style.fn_size, width, width, style, False))
                for k in page.notes + extra)
        return (fn_sep + n * style.fn_leading) if n else 0.0

    def place(line: Line, lead: float, block: int | None) -> None:
        nonlocal used
        marks = [int(m) for _, m in line.words if m]
        page = pages[-1]
        if page.body and used + lead + note_height(page, marks) > body_h:
            pages.append(Page())
            page = pages[-1]
            used = 0.0
            lead = style.leading
        if block is not None:
            page.starts.append(block)
        page.body.append((line, lead))
        page.notes.extend(marks)
        used += lead

    blocks = [("title", doc["title"])] + list(doc["blocks"])
    for bi, (kind, content) in enumerate(blocks):
        gap = style.para_gap if bi else 0.0
        if kind == "sig":
            for j, name in enumerate(content):
                place(Line(_tokens(name), style.font, style.size, left, width, False), style.leading + (gap if j == 0 else 0),
                      bi if j == 0 else None)
            continue
        if kind == "title":
            size = style.size + 3
            wrapped = _wrap(_tokens(content), style.bold, size, width * 0.8, width * 0.8, style, False)
            for j, (ws, _) in enumerate(wrapped):
                place(Line(ws, style.bold, size, left, width, False, centered=True), size * 1.3, bi if j == 0 else None)
            continue
        font = style.bold if kind == "heading" else style.font
        indent = style.indent if kind == "para" else 0.0
        hang = 12.0 if kind == "bullet" else 0.0
        toks = _tokens(content)
        if kind == "bullet":
            toks = [(BULLET, "")] + toks
        wrapped = _wrap(toks, font, style.size, width - indent - 0 if not hang else width, width - hang, style)
        for j, (ws, last) in enumerate(wrapped):
            x = left + (indent if j == 0 else hang)
            w = width - (indent if j == 0 else hang)
            place(Line(ws, font, style.size, x, w, justify=not last and kind != "heading"),
                  style.leading + (gap if j == 0 else 0.0), bi if j == 0 else None)
    for page in pages:
        for k in page.notes:
            for j, (ws, last) in enumerate(_wrap(_tokens(f"{k} {doc['notes'][k]}"), style.font, style.fn_size,
                                                 width, width, style, False)):
                page.note_lines.append(Line(ws, style.font, style.fn_size, left, width, justify=not last))
    return pages


def _furniture(style: Style, n: int, total: int) -> tuple[str | None, str]:
    header = style.header if (n > 1 or style.header_on_first) else None
    return header, style.footer.format(n=n, total=total)


def _draw_line(c: object, line: Line, y: float, pw: float) -> None:
    words = [(_clean_word(t), m) for t, m in line.words]
    natural = sum(_width(t, line.font, line.size) + (_width(m, line.font, line.size * 0.65) if m else 0.0)
                  for t, m in words)
    sp = _width(" ", line.font, line.size)
    gaps = max(len(words) - 1, 1)
    extra = (line.width - natural - sp * (len(words) - 1)) / gaps if line.justify and len(words) > 1 else 0.0
    x = line.x
    if line.centered:
        x = (pw - natural - sp * (len(words) - 1)) / 2
    t = c.beginText(x, y)  # type: ignore[attr-defined]
    t.setFont(line.font, line.size)
    t.setWordSpace(extra)
    for i, (w, m) in enumerate(words):
        t.textOut(w)
        if m:
            t.setFont(line.font, line.size * 0.65)
            t.setRise(line.size * 0.35)
            t.textOut(m)
            t.setRise(0)
            t.setFont(line.font, line.size)
        if i < len(words) - 1:
            t.textOut(" ")
    c.drawText(t)  # type: ignore[attr-defined]


def render(doc: dict, style: Style, path: Path, encrypt: str | None = None) -> list[Page]:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pages = layout(doc, style)
    pw, ph = style.page
    left, right, top, bottom = style.margins
    enc = StandardEncryption(encrypt, ownerPassword=encrypt + "-owner", canModify=0, strength=40) if encrypt else None
    c = canvas.Canvas(str(path), pagesize=style.page, encrypt=enc, invariant=1)
    c.setTitle(doc["title"])
    c.setAuthor("framing test fixtures")
    for n, page in enumerate(pages, 1):
        header, footer = _furniture(style, n, len(pages))
        if header:
            c.setFont(style.font, 8.5)
            c.drawString(left, ph - top + 30, header)
        y = ph - top
        for line, lead in page.body:
            y -= lead
            _draw_line(c, line, y, pw)
        if page.note_lines:
            y = bottom + len(page.note_lines) * style.fn_leading + 4
            c.line(left, y + 6, left + 120, y + 6)
            for line in page.note_lines:
                y -= style.fn_leading
                _draw_line(c, line, y, pw)
        c.setFont(style.font, 9)
        c.drawCentredString(pw / 2, bottom / 2, footer)
        c.showPage()
    c.save()
    return pages


# ----------------------------------------------------------------------------------------------- gold
def _block_text(kind: str, content: object) -> str:
    if kind == "sig":
        return " ".join(content)  # type: ignore[arg-type]
    text = _MARK.sub("", str(content)).replace(SOFT, "")
    return (BULLET + " " + text) if kind == "bullet" else text


def gold(doc: dict, style: Style, pages: list[Page]) -> tuple[tuple[str, str | None], ...]:
    """Gold passages in reading order (see module docstring for the conventions)."""
    blocks = [("title", doc["title"])] + list(doc["blocks"])
    items: list[tuple[str, str | None]] = []
    pending: list[str] = []

    def content(text: str, reason: str | None = None, heading: bool = False) -> None:
        if heading or len(text.split()) < 8 and not text.startswith(BULLET):
            pending.append(text)
            return
        items.append((" ".join(pending + [text]), reason))
        pending.clear()

    total = len(pages)
    first_header, _ = _furniture(style, 1, total)
    if first_header:
        items.append((first_header, "page_furniture"))
    for n, page in enumerate(pages, 1):
        for bi in page.starts:
            kind, c = blocks[bi]
            text = _block_text(kind, c)
            head = kind in ("title", "heading") or (kind == "para" and not re.search(r"[.!?:;\"”]$", text))  # addressee
            content(text, "signatories" if kind == "sig" else None, head)
        for k in page.notes:
            items.append((f"{k} {doc['notes'][k]}", "footnote"))
        _, footer = _furniture(style, n, total)
        nxt = _furniture(style, n + 1, total)[0] if n < total else None
        items.extend((x, "page_furniture") for x in (footer, nxt) if x)
    if pending:
        items.append((" ".join(pending), None))
    return tuple(items)


def pasted_text(doc: dict, style: Style, pages: list[Page]) -> str:
    """What a PDF viewer's select-all + copy gives: every drawn line, in order, no blank lines."""
    out: list[str] = []
    total = len(pages)
    for n, page in enumerate(pages, 1):
        header, footer = _furniture(style, n, total)
        if header:
            out.append(header)
        out.extend(" ".join(_clean_word(t) + m for t, m in line.words) for line, _ in page.body)
        out.extend(line.plain() for line in page.note_lines)
        out.append(footer)
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------- fixtures
STYLES = {
    "lachin": (LACHIN, Style(size=11, leading=14, margins=(62, 62, 96, 100),
                             header="Open letter on the Lachin corridor \u2013 March 2023")),
    "mines": (MINES, Style(font="Helvetica", bold="Helvetica-Bold", size=10.5, leading=14, page=(612, 792),
                           margins=(54, 54, 130, 130), indent=18, para_gap=0, header=None, footer="- {n} -")),
    "prisoners": (PRISONERS, Style(size=13, leading=17, margins=(105, 105, 110, 110), para_gap=8,
                                   header="Caucasus Rights Monitor \u00b7 Briefing No. 7", header_on_first=False,
                                   footer="{n}")),
}


def _pdf_fixture(name: str) -> DocFixture:
    doc, style = STYLES[name]
    pages = layout(doc, style)

    def build(directory: Path) -> Path:
        path = Path(directory) / f"{name}.pdf"
        render(doc, style, path)
        return path

    return DocFixture(name=f"pdf_{name}", kind="pdf", build=build, paragraphs=gold(doc, style, pages))


def _pasted_fixture(name: str) -> DocFixture:
    doc, style = STYLES[name]
    pages = layout(doc, style)

    def build(directory: Path) -> Path:
        path = Path(directory) / f"{name}_pasted.txt"
        path.write_text(pasted_text(doc, style, pages), encoding="utf-8")
        return path

    return DocFixture(name=f"pasted_{name}", kind="txt", build=build, paragraphs=gold(doc, style, pages))


def fixtures() -> list[DocFixture]:
    """Three PDF letters/reports and pasted-text copies of two of them."""
    return [_pdf_fixture(n) for n in STYLES] + [_pasted_fixture("lachin"), _pasted_fixture("prisoners")]


# ----------------------------------------------------------------------------------------------- bad PDFs
def build_scanned(directory: Path) -> Path:
    """A PDF whose page is only an image (no text layer), like a scan."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(img).text((20, 80), "Open letter on the Lachin corridor", fill=0)
    path = Path(directory) / "scanned.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.drawImage(ImageReader(img), 50, 500, width=500, height=166)
    c.showPage()
    c.save()
    return path


def build_encrypted(directory: Path) -> Path:
    doc, style = STYLES["mines"]
    path = Path(directory) / "encrypted.pdf"
    render(doc, style, path, encrypt="secret")
    return path


def build_owner_only(directory: Path) -> Path:
    """AES-256 encrypted against editing only (empty user password), as many published PDFs are: readable."""
    from pypdf import PdfReader, PdfWriter

    src = _pdf_fixture("mines").build(Path(directory))
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    path = Path(directory) / "owner_only.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    src.unlink()
    return path


def build_truncated(directory: Path) -> Path:
    src = _pdf_fixture("lachin").build(Path(directory))
    data = src.read_bytes()
    path = Path(directory) / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    src.unlink()
    return path


def build_garbage(directory: Path) -> Path:
    path = Path(directory) / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    return path


BAD: dict[str, Callable[[Path], Path]] = {
    "scanned": build_scanned, "encrypted": build_encrypted, "truncated": build_truncated, "garbage": build_garbage,
}


# ----------------------------------------------------------------------------------------------- random
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
_FONTS = [("Times-Roman", "Times-Bold"), ("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")]
_HEADERS = [None, "Open letter \u2013 {month} 2024", "Joint statement on the peace process", "Briefing paper No. {n}"]
_FOOTERS = ["Page {n} of {total}", "- {n} -", "{n}", "{n}/{total}", "Page {n}"]


def random_document(seed: int) -> tuple[dict, Style]:
    """A letter of corpus paragraphs (not used to tune segmentation) in a random layout: a held-out check.

    Paragraphs come from the project's corpus (``data/corpus``: gov, ngo, oped, inst); footnote markers
    are glued after some sentence ends and long words get hyphenation points. Layouts vary font, size,
    margins, first-line indent, paragraph spacing (sometimes neither: no visual paragraph cue at all),
    running header and page-number style.
    """
    import json
    import random

    rng = random.Random(seed)
    texts: list[str] = []
    for name in ("gov", "ngo", "oped", "inst"):
        with open(CORPUS / f"{name}.jsonl", encoding="utf-8") as fh:
            texts.extend(t for t in (json.loads(line).get("text", "") for line in fh if line.strip())
                         if len(t.split()) >= 25 and t.isascii() and t.rstrip()[-1:] in ".!?\"'")
    start = rng.randrange(len(texts) - 12)
    paras = texts[start:start + rng.randint(6, 11)]
    notes: dict[int, str] = {}
    blocks: list[tuple[str, object]] = []
    if rng.random() < 0.5:
        blocks.append(("para", rng.choice(["Dear Secretary-General,", "Dear colleagues,", "To whom it may concern,"])))
    for para in paras:
        words = para.split()
        for k, w in enumerate(words):
            if len(w) >= 11 and w.isalpha() and rng.random() < 0.5:
                words[k] = w[: len(w) // 2] + SOFT + w[len(w) // 2:]
            elif (w.endswith(".") and w[:-1].isalpha() and len(w) > 4 and k < len(words) - 1
                  and rng.random() < 0.15 and len(notes) < 9):
                n = len(notes) + 1
                notes[n] = f"See the statement of {rng.choice(['the ministry', 'the ombudsman', 'the ICRC'])}, " \
                           f"{rng.randint(1, 28)} {rng.choice(['March', 'May', 'October'])} {rng.randint(2019, 2024)}."
                words[k] = w + f"^{n}"
        blocks.append(("para", " ".join(words)))
    if rng.random() < 0.6:
        blocks.append(("sig", [f"{rng.choice(['Prof.', 'Dr.', 'Ms.', 'Mr.'])} {rng.choice(['A.', 'L.', 'R.'])} "
                               f"{rng.choice(['Hovhannisyan', 'Mammadov', 'Keller', 'Rossi', 'Novak'])}, "
                               f"{rng.choice(['University of Bern', 'Yerevan State University', 'ADA University'])}"
                               for _ in range(rng.randint(3, 7))]))
    font, bold = rng.choice(_FONTS)
    size = rng.choice([9.5, 10, 10.5, 11, 12])
    cue = rng.choice(["gap", "indent", "both", "none"])
    header = rng.choice(_HEADERS)
    style = Style(
        font=font, bold=bold, size=size, leading=size * rng.uniform(1.2, 1.4),
        page=rng.choice([(595.27, 841.89), (612, 792)]),
        margins=(rng.randint(45, 110), rng.randint(45, 110), rng.randint(70, 130), rng.randint(80, 130)),
        indent=rng.choice([12, 18, 24]) if cue in ("indent", "both") else 0.0,
        para_gap=rng.uniform(4, 10) if cue in ("gap", "both") else 0.0,
        header=header.format(month=rng.choice(["May", "June"]), n=rng.randint(2, 30)) if header else None,
        header_on_first=rng.random() < 0.5, footer=rng.choice(_FOOTERS))
    first = texts[start + 12].split(". ")[0].rstrip(".")
    title = first if 5 <= len(first.split()) <= 14 and rng.random() < 0.7 else "Open letter"
    return {"title": title, "blocks": blocks, "notes": notes}, style


def random_fixture(seed: int, pasted: bool = False) -> DocFixture:
    doc, style = random_document(seed)
    pages = layout(doc, style)

    def build(directory: Path) -> Path:
        path = Path(directory) / f"random{seed}{'_pasted.txt' if pasted else '.pdf'}"
        if pasted:
            path.write_text(pasted_text(doc, style, pages), encoding="utf-8")
        else:
            render(doc, style, path)
        return path

    return DocFixture(name=f"random{seed}{'_pasted' if pasted else ''}", kind="txt" if pasted else "pdf",
                      build=build, paragraphs=gold(doc, style, pages))
