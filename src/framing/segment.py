"""Split real documents (PDF text, pasted text, web pages, Word files) into passages with character offsets.

Steps:

1. Lines are split on ``\\n``, ``\\r\\n``, ``\\r`` and form feeds ``\\f`` (page breaks, as written by
   :mod:`framing.readers` for PDFs); blank lines separate blocks.
2. **Page furniture** is set apart: lines that are page numbers ("Page 3 of 7", "- 3 -", "3/7", a bare
   number) and short lines repeated at the top or bottom of several pages (running headers and footers,
   compared with digits masked), and a short line at the top of a page that interrupts a sentence running on
   from the previous page (a header printed once). Pages are the ``\\f``-separated pages or, in text without form feeds (text
   pasted from a PDF viewer), the stretches between page-number lines. Each furniture line is a passage of
   kind ``"page_furniture"``.
3. **Footnotes** are set apart: at the bottom of a page, a run of lines starting with consecutive numbers
   (``1 See ...``, ``2. Ibid.``) whose numbers appear as markers glued to the text above (``blockade.3``,
   ``20201``). Each note becomes a passage of kind ``"footnote"``, in its place.
4. The remaining lines flow across page breaks, so a paragraph interrupted by footnotes, a footer and the
   next page's header is re-joined; its passage then has several ``spans``. Blank lines next to removed
   lines do not end a block (the line rules below decide).
5. Inside a block, line breaks are judged against the document's line-length profile, whatever the width:
   a block is hard-wrapped when most of its full-width lines end mid-sentence. In a wrapped block a line
   break is a paragraph break when the next line is a bullet or list item, is indented, or starts a
   sentence after a line that ends one and is clearly shorter than its neighbours' width (the next word
   would have fit); a next line starting in lower case continues. A block that is not wrapped (web text,
   one paragraph per line) breaks at every line.
   A block is hard-wrapped only when its lines that run on are about as long as its longest line (pasted web
   text has whole paragraphs on long lines and short unpunctuated menu and heading lines).
6. Paragraphs of fewer than ``min_words`` words (datelines, salutations), headings of any length (at most
   three lines and 20 words, no line ending a sentence: titles, question headlines, bylines, "Source: Outlet |
   date") and separator lines are attached to the following paragraph, except that a run of three or more
   long headings (a list of headlines or links) is a passage of its own, up to its last long line; a run at
   the end of the document (signatures) is its own passage when it has ``min_words`` words in all or holds
   long headings, and otherwise joins the preceding paragraph.

Each passage keeps the ``[start, end)`` span of the original text it covers and, in ``spans``, the exact
pieces when it is interrupted (``start``/``end`` are the first and last); every non-whitespace character
of the input lies in exactly one passage's spans. Passages are ordered by ``start``. ``Passage.text`` is the
cleaned text fed to the model: wrapped lines joined, words hyphenated across lines re-joined, form feeds and
"Page 2 of 4" dropped, footnote markers glued to a word, a year or punctuation removed (``blockade.3`` ->
``blockade.``, ``terrorists".5`` -> ``terrorists".``, ``9 November 20201`` -> ``9 November 2020``, and
``in 20201 and 2023`` -> ``in 2020 and 2023`` when the document has a footnote 1), separator lines dropped,
whitespace collapsed. Passages longer than the model window are split into overlapping token windows later,
by the model (see ``Classifier``).

>>> [p.text for p in segment("GORIS, May 3\\n\\nFamilies arrived with what they could carry in the night.")]
['GORIS, May 3 Families arrived with what they could carry in the night.']
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

CONTENT, FOOTNOTE, FURNITURE = "content", "footnote", "page_furniture"

_LINE = re.compile(r"[^\r\n\f]*(?:\r\n|\r|\n|\f)|[^\r\n\f]+$")
_BULLET = re.compile(r"^\s*(?:[•\-\*–—·▪◦●‣\u007f]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s+")
_ENUM = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)\]](?:\d{1,3}|[¹²³⁴-⁹⁰]+)?\s*$")
_OPEN_END = re.compile(r"(?:[-–&/(]|\b(?:a|an|the|of|and|or|in|on|at|to|for|with|by|from|as|is|are|was|"
                       r"were|that|which|who|its|their|his|her|our|into|under|over|between|against|no|not|nor|"
                       r"but|than|this|these|those|after|before|since|until|during|about|upon|via|per|and/or))\s*$",
                       re.IGNORECASE)
_HYPHEN_WRAP = re.compile(r"([^\W\d_])-[ \t]*(?:\r\n|\r|\n|\f)[ \t\r\n\f]*([a-z])")
_COMPOUND_WRAP = re.compile(r"([^\W\d_])-[ \t]*(?:\r\n|\r|\n|\f)[ \t\r\n\f]*([A-Z])")
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_FOOTNOTE_WORD = re.compile(r"(?<=[a-z])(?:\d{1,2}|[¹²³⁴-⁹⁰]{1,2})(?=[\s.,;:)\"”’]|$)")
_FOOTNOTE_PUNCT = re.compile(r"(?<=[A-Za-z)\]%])([.,;:!?\"”’)\]]{1,3})(?:\d{1,3}|[¹²³⁴-⁹⁰]{1,3})(?=[\s\"”’)]|$)")
_FOOTNOTE_YEAR = re.compile(r"\b(" + _MONTHS + r" (?:\d{1,2},? )?(?:19|20)\d\d)\d{1,2}\b")
_FOOTNOTE_YEAR_PUNCT = re.compile(
    r"\b((?:19|20)\d\d)\d{1,2}(?=[.,;:)](?:[\s\"”’]|$))|\b((?:19|20)\d\d[.,;:])\d{1,2}(?=\s|$)"
)
_SPACE = re.compile(r"\s+")
_YEAR_MARK = re.compile(r"\b((?:19|20)\d\d)(\d{1,2})\b")
_RULE = re.compile(r"^(?:[=\-_*~#•·+][ \t]?){2,}[=\-_*~#•·+]$")  # a separator line ("-----", "* * *"): no words
_RULE_LINE = re.compile(r"(?m)^[ \t]*(?:[=\-_*~#•·+][ \t]?){2,}[=\-_*~#•·+][ \t]*$")
_TIME_END = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|gmt|utc|[A-Z]{3,4}))?$", re.IGNORECASE)
_FIT_Q = 0.7  # percentile of full-line widths used as "the most that fits on a line"
_PAGE_MARK = re.compile(r"\f|(?m:^[ \t]*Page \d{1,4} of \d{1,4}[ \t]*$)", re.IGNORECASE)  # a page line, not "· Page 1 of 1 ·"
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.|seite|pag\.|стр\.)\s*\d{1,4}(?:\s*(?:of|/|von|de|из)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3}|\d{1,4}\s*(?:/|of)\s*\d{1,4}|(?-i:x{1,3}|x{0,3}(?:ix|iv|v?i{1,3}|v))|\[\d{1,4}\])$",
    re.IGNORECASE,
)
_NOTE_START = re.compile(r"^(\d{1,3})(?:[.)]\s*|\s+|(?=[A-Z\"“„(]))\S")
_MARKERS = re.compile(
    r"(?<=[a-z])(\d{1,3})(?=[\s.,;:)\"”’]|$)|(?<=[A-Za-z)\]][.,;:!?\"”’)])(\d{1,3})(?=[\s\"”’)]|$)"
    r"|(?<=[.,;:!?][\"”’])(\d{1,3})(?=\s|$)|\b(?:19|20)\d\d(\d{1,2})\b|\b(?:19|20)\d\d[.,;:](\d{1,2})(?=\s|$)"
)


@dataclass(frozen=True)
class Passage:
    """A passage of the source document and its cleaned text.

    ``[start, end)`` is the range it covers; ``spans`` lists the exact pieces (one, unless the passage is
    interrupted by footnotes or page furniture, which are passages of their own). ``kind`` is
    ``"content"``, ``"footnote"`` or ``"page_furniture"``: a hint for later stages (boilerplate removal).
    """

    start: int
    end: int
    text: str
    kind: str = CONTENT
    spans: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.spans:
            object.__setattr__(self, "spans", ((self.start, self.end),))


def clean_text(raw: str, markers: frozenset[int] | set[int] = frozenset()) -> str:
    """Normalise a raw passage for the model (see module docstring). ``markers``: the numbers of the
    document's footnotes; a year glued to one of them and followed by a word ("in 20201 and 2023") loses it."""
    text = _HYPHEN_WRAP.sub(r"\1\2", raw)
    text = _COMPOUND_WRAP.sub(r"\1-\2", text)  # "Nagorno-\nKarabakh": a compound wrapped at its hyphen keeps it
    if markers:
        text = _YEAR_MARK.sub(lambda m: m.group(1) if int(m.group(2)) in markers else m.group(0), text)
    text = _RULE_LINE.sub(" ", text)
    text = _PAGE_MARK.sub(" ", text)
    text = _FOOTNOTE_YEAR.sub(r"\1", text)
    text = _FOOTNOTE_YEAR_PUNCT.sub(lambda m: m.group(1) or m.group(2), text)
    text = _FOOTNOTE_PUNCT.sub(r"\1", text)
    text = _FOOTNOTE_WORD.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _light_clean(raw: str) -> str:
    return _SPACE.sub(" ", _HYPHEN_WRAP.sub(r"\1\2", raw)).strip()


@dataclass
class _Line:
    start: int  # first non-whitespace character
    end: int  # after the last non-whitespace character
    page: int
    indent: int
    text: str

    @property
    def n(self) -> int:
        return len(self.text)


def _lines(text: str) -> list[_Line | None]:
    """Non-blank lines (trimmed) with their page; ``None`` for a blank line."""
    out: list[_Line | None] = []
    page = 0
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        raw = m.group(0)
        if raw == "\f":  # a page break on a line of its own is not a blank line
            page += 1
            continue
        content = raw.rstrip("\r\n\f")
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            out.append(_Line(s + lead, s + lead + len(stripped), page, len(content[:lead].expandtabs(4)), stripped))
        else:
            out.append(None)
        if raw.endswith("\f"):
            page += 1
        if e == s:
            break
    return out


def _mask(s: str) -> str:
    return _SPACE.sub(" ", re.sub(r"\d+", "#", s.lower())).strip()


def _pages(lines: list[_Line], has_ff: bool, furniture: set[int]) -> list[list[int]]:
    """Indices of ``lines`` grouped by page (form feeds, else page-number lines end pages)."""
    pages: list[list[int]] = [[]]
    for i, ln in enumerate(lines):
        if has_ff and pages[-1] and lines[pages[-1][-1]].page != ln.page:
            pages.append([])
        pages[-1].append(i)
        if not has_ff and i in furniture and _PAGE_NUMBER.match(ln.text):
            pages.append([])
    return [p for p in pages if p]


def _furniture(lines: list[_Line], has_ff: bool) -> set[int]:
    furn = {i for i, ln in enumerate(lines) if ln.n <= 20 and _PAGE_NUMBER.match(ln.text)}
    if not has_ff:
        furn -= _counters(lines, furn)
    pages = _pages(lines, has_ff, furn)
    if len(pages) < 2:
        return furn
    zone = 3
    seen: dict[str, set[int]] = {}
    for k, page in enumerate(pages):
        edge = page[:zone] + page[-zone:]
        for i in edge:
            ln = lines[i]
            if ln.n <= 100 and len(ln.text.split()) <= 15 and not (
                    _NOTE_START.match(ln.text) and _sentence_end(ln.text)):  # repeated notes ("3 Ibid.") are notes
                seen.setdefault(_mask(ln.text), set()).add(k)
    need = 2 if len(pages) < 6 else max(2, len(pages) // 3)
    repeated = {f for f, ks in seen.items() if len(ks) >= need}
    for page in pages:
        for i in page[:zone] + page[-zone:]:
            if _mask(lines[i].text) in repeated:
                furn.add(i)
    return furn


def _counters(lines: list[_Line], furn: set[int]) -> set[int]:
    """In text without page breaks (pasted), bare numbers that are not page numbers: page numbers of pasted PDF
    text count up by one, far apart (a page each); like/comment counters ("412" / "9" under a headline) and
    footnote numbers on a line of their own do not."""
    bare = sorted(i for i in furn if re.fullmatch(r"\d{1,3}", lines[i].text))
    ok = all(int(lines[b].text) == int(lines[a].text) + 1 and b - a >= 4 for a, b in zip(bare, bare[1:]))
    return set() if ok else set(bare)


def _footnotes(lines: list[_Line], pages: list[list[int]], furniture: set[int]) -> list[list[int]]:
    """Footnotes (each a list of line indices) found at page bottoms."""
    notes: list[list[int]] = []
    markers: set[int] = set()  # note markers seen in the text of earlier pages
    for page in pages:
        body = [i for i in page if i not in furniture]
        if not body:
            continue
        zone = body[-min(len(body), max(6, min(int(0.6 * len(body)), 25))):]
        # Walk up from the bottom while the note numbers stay consecutive (n, n+1, ... downwards).
        best: int | None = None
        expect: int | None = None
        since = 0
        for pos in range(len(zone) - 1, -1, -1):
            m = _NOTE_START.match(lines[zone[pos]].text)
            if m and (expect is None or int(m.group(1)) == expect - 1):
                best, expect, since = pos, int(m.group(1)), 0
                continue
            since += 1
            if since > 6:
                break
        top = len(body) - len(zone) + (best if best is not None else len(zone))
        above = " ".join(lines[i].text for i in body[:top])
        here = {int(g) for m in _MARKERS.finditer(above) for g in m.groups() if g}
        if best is not None:
            block = zone[best:]
            nums = [int(m.group(1)) for i in block if (m := _NOTE_START.match(lines[i].text))]
            # numbered paragraphs ("1. Since the signature ...", a hundred words each) are not notes
            words = sorted(len(lines[i].text.split()) for i in block)
            if set(nums) & (here | markers) and words[len(words) // 2] <= 60:
                cur: list[int] = []
                want = nums[0]
                for i in block:
                    m = _NOTE_START.match(lines[i].text)
                    if m and int(m.group(1)) == want:
                        if cur:
                            notes.append(cur)
                        cur = [i]
                        want += 1
                    else:
                        cur.append(i)
                notes.append(cur)
        markers |= here
    return notes


def _lone_headers(lines: list[_Line], pages: list[list[int]], removed: set[int], blanks: list[int] | None) -> set[int]:
    """A running header printed on one page only (repeated ones are found by ``_furniture``): a short line at
    the top of a page that interrupts a sentence running on from the previous page, or (PDF text, where a
    wide gap gives two blank lines) that is set apart from the text below it by a wide gap."""
    longs = sorted(ln.n for ln in lines if ln.n >= 25)
    width = float(statistics.median(longs[len(longs) // 2:])) if len(longs) >= 4 else 0.0
    out: set[int] = set()
    for prev_page, page in zip(pages, pages[1:]):
        before = [i for i in prev_page if i not in removed]
        after = [i for i in page if i not in removed]
        if not before or len(after) < 2 or not width:
            continue
        p, h, n = lines[before[-1]], lines[after[0]], lines[after[1]]
        if (h.n > min(80, 0.75 * width) or _sentence_end(h.text) or _BULLET.match(h.text)
                or re.match(r"^\d+(?:\.\d+)*\.?\s", h.text)):
            continue
        if _sentence_end(p.text) and not (blanks is not None and blanks[after[1]] >= 2 and after[1] == after[0] + 1):
            continue
        if n.text[:1].islower() or re.search(r"[^\W\d_]-$", p.text) or (p.n >= 0.85 * width and n.n >= 0.6 * width):
            out.add(after[0])
        elif blanks is not None and blanks[after[1]] >= 2 and after[1] == after[0] + 1:
            out.add(after[0])
    return out


def _sentence_end(s: str) -> bool:
    return bool(_SENTENCE_END.search(s))


def _heading_para(lines: list[_Line], para: list[int], max_words: int) -> bool:
    """A paragraph that reads as a heading: at most three lines and ``max_words`` words, no line ending a
    sentence (a question counts: a question headline, or a question that introduces its answer), not a list item."""
    if len(para) > 3:
        return False
    texts = [lines[i].text for i in para]
    if sum(len(t.split()) for t in texts) > max_words or _BULLET.match(texts[0]):
        return False
    # a comma ends no heading line, except inside an address block whose lines all start upper case
    # ("To: The International Committee of the Red Cross," / "Delegation in Armenia and Azerbaijan")
    address = len(texts) >= 2 and all(_upper_start(t) for t in texts) and not texts[-1].endswith(",")
    return not any((_sentence_end(t) and not t.endswith("?") and not _TIME_END.search(t))
                   or (t.endswith(",") and not (address and k < len(texts) - 1)) for k, t in enumerate(texts))


def _upper_start(s: str) -> bool:
    c = s.lstrip("\"“„'‘(«[")[:1]
    return c.isupper() or c.isdigit()


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _pct(values: list[int], q: float) -> float:
    values = sorted(values)
    return float(values[min(len(values) - 1, int(q * len(values)))])


def _width_profile(lines: list[_Line], block: list[int], k: int, doc: tuple[float, float]) -> tuple[float, float]:
    """(typical, near-maximum) full-line width around line ``k`` of ``block``, in characters.

    The typical width tells a short line (a paragraph's last) from a full one; the near-maximum width tells
    whether the next line's first word would have fitted (then the line break was a paragraph break).
    """
    doc_width, doc_max = doc
    lo, hi = max(0, k - 12), min(len(block), k + 13)
    ns = [lines[i].n for i in block[lo:hi]]
    top = max(ns)
    full = [n for n in ns if n >= 0.75 * top]
    if len(full) >= 5:
        local, local_max = float(statistics.median(full)), _pct(full, _FIT_Q)
        if local >= 0.85 * doc_width:
            return max(local, doc_width), max(local_max, doc_max)
        return local, local_max
    return max(doc_width, float(top)), max(doc_max, float(top))


def _wrapped(lines: list[_Line], block: list[int], cap: int | None) -> bool:
    if len(block) < 2:
        return False
    ns = sorted(lines[i].n for i in block)
    top = ns[int(0.9 * (len(ns) - 1))]
    if cap is not None and top > cap:
        return False
    full = [i for i in block[:-1] if lines[i].n >= 0.6 * top and lines[i].n >= 20]
    if not full:
        return True  # short lines only (addresses, lists): judged line by line
    open_full = [lines[i].n for i in full if not _sentence_end(lines[i].text)]
    if open_full and statistics.median(open_full) < 0.6 * ns[-1]:
        return False  # lines that run on are much shorter than the longest: headings and links, not a hard wrap
    return len(open_full) >= 0.34 * len(full)


def _breaks(lines: list[_Line], block: list[int], doc_width: tuple[float, float], cap: int | None) -> list[bool]:
    """For each pair of consecutive lines in ``block``: is there a paragraph break between them?"""
    wrapped = _wrapped(lines, block, cap)
    base_indent = min(lines[i].indent for i in block)
    out = []
    in_bullet = bool(_BULLET.match(lines[block[0]].text))
    for k in range(len(block) - 1):
        p, n = lines[block[k]], lines[block[k + 1]]
        w, w_fit = _width_profile(lines, block, k, doc_width)
        first = n.text.split()[0]
        if _BULLET.match(n.text):
            # "(c)" or "2." after a line that runs on is an enumeration inside a sentence, not a new item
            brk = not (_ENUM.match(n.text) and wrapped and not re.search(r"[.:;!?]\S{0,3}$", p.text)
                       and p.n >= 0.6 * w)
        elif re.search(r"[^\W\d_]-$", p.text) and n.text[:1].islower():
            brk = False
        elif n.text[:1].islower() and not _sentence_end(p.text):
            brk = False
        elif n.indent > p.indent and n.indent > base_indent and not in_bullet and wrapped:
            brk = True
        elif not wrapped:
            brk = True
        elif n.text[:1].islower():
            brk = False
        elif _is_caps(p.text) and _is_caps(n.text):
            brk = False
        elif _sentence_end(p.text) and (p.n < 0.85 * w or p.n + 1 + len(first) <= w_fit - (4 if p.indent > base_indent else 0)):
            brk = True
        elif p.n < 0.6 * w and not _OPEN_END.search(p.text):
            brk = True
        else:
            brk = False
        out.append(brk)
        if brk:
            in_bullet = bool(_BULLET.match(n.text))
    return out


def segment(text: str, min_words: int = 8, wrap_width: int | None = None) -> list[Passage]:
    """Split ``text`` into passages; an empty or whitespace-only text gives ``[]``.

    ``wrap_width``: if set, blocks whose lines are longer than this many characters are never treated as
    hard-wrapped; by default the width is learnt from the document.
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, got {type(text).__name__}.")
    raw_lines = _lines(text)
    lines: list[_Line] = []
    blanks: list[int] = []  # blank lines before each line
    gap = 0
    for ln in raw_lines:
        if ln is None:
            gap += 1
            continue
        lines.append(ln)
        blanks.append(gap)
        gap = 0
    blank_before = [b > 0 for b in blanks]
    if not lines:
        return []
    has_ff = lines[-1].page > 0
    furniture = _furniture(lines, has_ff)
    pages = _pages(lines, has_ff, furniture)
    notes = _footnotes(lines, pages, furniture)
    removed = set(furniture)
    for note in notes:
        removed.update(note)
    lone = _lone_headers(lines, pages, removed, blanks if has_ff else None)
    furniture |= lone
    removed |= lone

    # Flow: blocks of kept lines; removed lines are skipped, blank lines next to them do not split.
    blocks: list[list[int]] = []
    cur: list[int] = []
    removed_since = False
    blank_since = False
    for i in range(len(lines)):
        if i in removed:
            removed_since = True
            blank_since = blank_since or blank_before[i]
            continue
        blank_since = blank_since or blank_before[i]
        if cur and blank_since and not removed_since:
            blocks.append(cur)
            cur = []
        cur.append(i)
        removed_since = blank_since = False
    if cur:
        blocks.append(cur)

    kept = [lines[i].n for b in blocks for i in b if lines[i].n >= 25]
    doc_width = (0.0, 0.0)
    if len(kept) >= 4:
        top_half = sorted(kept)[len(kept) // 2:]
        doc_width = (float(statistics.median(top_half)), _pct(top_half, _FIT_Q))

    paras: list[list[int]] = []
    for block in blocks:
        brks = _breaks(lines, block, doc_width, wrap_width)
        para = [block[0]]
        for k, brk in enumerate(brks):
            if brk:
                paras.append(para)
                para = []
            para.append(block[k + 1])
        paras.append(para)

    # Attach short paragraphs to the next one (or form a closing run of their own).
    # A heading (a title, a subheading, "Source: Outlet | date": a few lines, none ending a sentence) also joins
    # the next paragraph, unless several long ones come in a row (a list of links or headlines).
    merged: list[list[int]] = []
    pending: list[int] = []
    pending_count = 0
    long_heads: list[list[int]] = []
    # Tables (two or more rows in a row, cells joined by tabs as the readers write them): one passage per row.
    # A lone tabbed line (a layout row: "user<TAB>Posted: ...", a menu) is left to the rules below.
    rows: set[int] = set()
    split_paras: list[list[int]] = []
    k = 0
    while k < len(paras):
        j = k
        while j < len(paras) and all(_table_row(lines[i].text) for i in paras[j]):
            j += 1
        run = [i for para in paras[k:j] for i in para]
        if len(run) >= 2:
            split_paras.extend([i] for i in run)
            rows.update(run)
            k = j
        else:
            split_paras.append(paras[k])
            k += 1
    paras = split_paras
    for para in paras:
        words = sum(len(lines[i].text.split()) for i in para)
        if para[0] in rows:
            merged.append(pending + para)
            pending, pending_count, long_heads = [], 0, []
            continue
        if words < min_words or all(_RULE.match(lines[i].text) for i in para):  # separators join the next one too
            pending.extend(para)
            pending_count += 1
            continue
        if _heading_para(lines, para, max_words=max(20, 2 * min_words)):
            pending.extend(para)
            pending_count += 1
            long_heads.append(para)
            continue
        if len(long_heads) >= 3:  # a list (links, headlines): a passage up to its last long line
            cut = pending.index(long_heads[-1][-1]) + 1
            merged.append(pending[:cut])
            pending = pending[cut:]
        merged.append(pending + para)
        pending, pending_count, long_heads = [], 0, []
    if pending and long_heads:  # headlines at the end (related links): a passage of their own
        merged.append(pending)
        pending = []
    if pending:
        pending_words = sum(len(lines[i].text.split()) for i in pending)
        if merged and (pending_count < 2 or pending_words < min_words):
            merged[-1].extend(pending)
        else:
            merged.append(pending)

    out: list[Passage] = []
    note_nums = {int(m.group(1)) for note in notes if (m := _NOTE_START.match(lines[note[0]].text))}
    for group in merged:
        out.append(_make(text, lines, group, removed, CONTENT, note_nums))
    for note in notes:
        out.append(_make(text, lines, note, removed, FOOTNOTE))
    for i in sorted(furniture):
        out.append(_make(text, lines, [i], set(), FURNITURE))
    out.sort(key=lambda p: p.start)
    return out


def _table_row(line: str) -> bool:
    """A table row as the readers write it: two or more non-empty cells separated by tabs."""
    return sum(bool(c.strip()) for c in line.split("\t")) >= 2


def _make(text: str, lines: list[_Line], group: list[int], removed: set[int], kind: str,
          markers: set[int] | frozenset[int] = frozenset()) -> Passage:
    spans: list[list[int]] = []
    for a, i in enumerate(group):
        contiguous = a > 0 and not any(j in removed for j in range(group[a - 1] + 1, i))
        if contiguous:
            spans[-1][1] = lines[i].end
        else:
            spans.append([lines[i].start, lines[i].end])
    raw = "\n".join(text[s:e] for s, e in spans)
    if kind == CONTENT:
        cleaned = clean_text(raw, markers)
    else:
        cleaned = _light_clean(raw.replace("\f", " "))
    if not cleaned:
        cleaned = _SPACE.sub(" ", raw).strip()
    tspans = tuple((s, e) for s, e in spans)
    return Passage(tspans[0][0], tspans[-1][1], cleaned, kind, tspans)
