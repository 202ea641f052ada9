"""Find article boundaries in files that hold several articles (saved searches, wire dumps, newsletters).

An article starts at a *headline*: a line of 3-25 words that does not end a sentence, standing at the
top of the file or after a blank or separator line, and followed within its next five non-blank lines
by header lines: a byline (``By Anna Kocharyan``), a date or timestamp (``25 Sep 2023 09:47 GMT``,
``March 4, 2024``), an outlet with a date (``Caucasus Wire | 12 March 2024``), or a dateline opening
the body (``GORIS, Armenia, Sept 25 (Caucasus Wire) -``). Comment timestamps ("March 4, 2024 at
9:14 am") do not start articles; neither do boilerplate lines ("Views: 3 208"), news-ticker entries
("14:48 Metro to close ..."), nor a header followed by a separator before any body (an export banner).

Exports that mark their records are split at the marks instead: numbered record lines ("1 of 3 DOCUMENTS",
as in LexisNexis; the title is the first line after the outlet and date lines, field lines such as
"SECTION: ..." skipped) or feed entries ("Title: ..." followed by "Link:", "Published:" fields, as in RSS exports;
the title is the field's value).

A file with two or more such headlines is a multi-article file: its articles are numbered from 1,
and anything before the first headline (an export banner) is article 0. A file with one headline or
none is a single article, numbered 0, whose title and date are the header's when one was found.

>>> [a.title for a in find_articles("CEASEFIRE TAKES HOLD\\nBy A. B.\\n1 May 2024\\n\\nText.\\n\\nPEACE TALKS RESUME\\nBy C. D.\\n2 May 2024\\n\\nMore.")]
['CEASEFIRE TAKES HOLD', 'PEACE TALKS RESUME']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from framing.boilerplate import DATE, _COMMENT_TIME, line_reason

_I = re.IGNORECASE
_SEPARATOR = re.compile(r"^\s*(?:(?:[=\-_*~#•·][ \t]?){2,}[=\-_*~#•·]|(?:={2,}|-{2,}).*(?:={2,}|-{2,}))\s*$")
_BYLINE = re.compile(r"^(?:by|from|written by|words by|text by|reporting by)\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,6}\s*$", _I)
_TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[:.]\d{2}\s*(?:am|pm|gmt|utc|cet|msk|amt|azt|[ap]\.m\.)", _I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’/-]{2,40}(?:,\s*[\w .]{2,30}){0,2}\s*(?:\([^)]{2,40}\))?\s*[-–—]\s")
_HEADLINE_END = re.compile(r"[.,;:]$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]?$")
_MD_HEADLINE = re.compile(r"^\s*#{1,3}\s+")
_TICKER = re.compile(r"^\d{1,2}[:.]\d{2}\b")


@dataclass(frozen=True)
class Article:
    """One article: it starts at character ``start`` (its headline, or a separator line right before it)."""

    index: int
    start: int
    title: str | None = None
    date: str | None = None
    byline: str | None = None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for ln in text.splitlines(keepends=True):
        body = ln.rstrip("\r\n")
        spans.append((pos, pos + len(body)))
        pos += len(ln)
    return spans


def _header_line(line: str) -> str | None:
    """'byline' | 'date' | 'dateline' | None for a line below a candidate headline."""
    s = line.strip()
    if not s or len(s.split()) > 14 and not _DATELINE.match(s):
        return None
    if _COMMENT_TIME.match(s):
        return "comment"
    if _BYLINE.match(s):
        return "byline"
    if (DATE.search(s) or _TIMESTAMP.search(s)) and len(s.split()) <= 12 and not s.endswith(".") and not s[0].islower():
        rest = _TIMESTAMP.sub("", DATE.sub("", s))
        if len(rest.split()) <= (7 if DATE.search(s) else 3) or re.match(r"^(?:posted|published|updated|date)\b", s, _I):
            return "date"
    if _DATELINE.match(s):
        return "dateline"
    return None


def _headline(line: str) -> bool:
    s = _MD_HEADLINE.sub("", line).strip()
    n = len(s.split())
    if not 3 <= n <= 25 or len(s) > 180 or _HEADLINE_END.search(s) or _SEPARATOR.match(s) or "   " in s or "\t" in s:
        return False
    if _header_line(s) is not None or s.startswith(("-", "•", "*", ">", "(", "[")):
        return False
    if _TICKER.match(s) or line_reason(s) is not None:  # a news-ticker entry ("14:48 Metro closes ..."), "Views: 3 208"
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘«"


_RECORD_MARK = re.compile(r"^\s*(?:(?:document|record|item|result)\s+(\d+)\s*(?:of|/)\s*(\d+)|(\d+)\s*(?:of|/)\s*(\d+)"
                          r"\s+(?:documents?|records?|items?|results?))\s*$", _I)
_FEED_TITLE = re.compile(r"^\s*(?:title|headline)\s*:\s*(\S.*?)\s*$", _I)
_FEED_FIELD = re.compile(r"^\s*(?:link|url|guid|permalink|published|pubdate|date|updated|author|creator|source|"
                         r"categor(?:y|ies)|tags?|feed|description|summary)\s*:", _I)
_FIELD_LINE = re.compile(r"^\s*[A-Z][A-Z]+(?:[-_ ][A-Z]+){0,2}:\s*\S")


def _separator_start(text: str, spans: list[tuple[int, int]], i: int) -> int:
    """Where an article whose headline is line ``i`` starts: at the separator lines right above it (blank lines
    between them allowed), else at the headline."""
    start, k, blank = spans[i][0], i - 1, False
    while k >= 0:
        line = text[spans[k][0]:spans[k][1]]
        if _SEPARATOR.match(line) and not (blank and re.search(r"\w", line)):  # past a blank line: "* * *", not "== Banner =="
            start = spans[k][0]
        elif line.strip():
            break
        else:
            blank = True
        k -= 1
    return start


def _field_value(line: str) -> str:
    return line.split(":", 1)[1].strip() if ":" in line else line.strip()


def _records(text: str, spans: list[tuple[int, int]]) -> list[Article]:
    """Articles of an export that marks its records: numbered record lines ("1 of 3 DOCUMENTS", LexisNexis and
    other databases) or feed entries ("Title: ..." followed by "Link:" / "Published:" fields, RSS exports).
    ``[]`` unless there are two or more records."""
    lines = [text[s:e] for s, e in spans]
    marks = [i for i, ln in enumerate(lines) if _RECORD_MARK.match(ln)]
    totals = {m.group(2) or m.group(4) for m in (_RECORD_MARK.match(lines[i]) for i in marks) if m}
    if len(marks) >= 2 and len(totals) == 1:
        out = []
        for i in marks:
            end = next((j for j in marks if j > i), len(lines))
            body = [ln.strip() for ln in lines[i + 1:end] if ln.strip() and not _SEPARATOR.match(ln)]
            date = title = byline = None
            head = body[:4]
            # outlet and date lines come before the headline: the title is the first line after the first date
            # line among the first lines, else the first line; field lines ("SECTION: ...") are not titles
            k = next((j for j, ln in enumerate(head[:3]) if _header_line(ln) == "date"), None)
            if k is not None:
                m = DATE.search(head[k])
                date = m.group(0) if m else head[k]
            for ln in body[(k + 1 if k is not None else 0):]:
                if _FIELD_LINE.match(ln):
                    continue
                title = ln
                break
            for ln in body:
                if re.match(r"^BYLINE\s*:", ln, _I):
                    byline = _field_value(ln)
                    break
            out.append(Article(len(out) + 1, spans[i][0], title, date, byline))
        return out
    out = []
    for i, ln in enumerate(lines):
        m = _FEED_TITLE.match(ln)
        if not m:
            continue
        nxt = [x for x in lines[i + 1:i + 6] if x.strip()][:4]
        fields = [x for x in nxt if _FEED_FIELD.match(x)]
        if not fields or not _FEED_FIELD.match(nxt[0]):
            continue
        date = None
        byline = None
        for x in fields:
            key = x.split(":", 1)[0].strip().lower()
            if key in ("published", "pubdate", "date", "updated") and date is None:
                d = DATE.search(x)
                date = d.group(0) if d else _field_value(x)
            elif key in ("author", "creator") and byline is None:
                byline = _field_value(x)
        out.append(Article(len(out) + 1, _separator_start(text, spans, i), m.group(1), date, byline))
    return out if len(out) >= 2 else []


def find_articles(text: str) -> list[Article]:
    """Headline boundaries in reading order (see the module docstring); ``[]`` when there are none."""
    spans = _lines(text)
    records = _records(text, spans)
    if records:
        return records
    found: list[Article] = []
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        if not _headline(line):
            continue
        prev = i - 1
        before = text[spans[prev][0]:spans[prev][1]].strip() if prev >= 0 else ""
        if (before and not _SEPARATOR.match(before) and not (_SENTENCE_END.search(before) and len(before) > 100)
                and line_reason(before) is None):
            continue  # inside a paragraph (not after a blank line, a separator, a one-line paragraph or a menu line)
        kinds: dict[str, str] = {}
        j, seen = i + 1, 0
        while j < len(spans) and seen < 5:
            nxt = text[spans[j][0]:spans[j][1]]
            j += 1
            if not nxt.strip():
                continue
            if _SEPARATOR.match(nxt):
                if kinds:  # header lines and then a separator, no body: an export banner, not an article
                    kinds = {}
                    break
                continue
            seen += 1
            kind = _header_line(nxt)
            if kind is None:
                if seen == 1 and len(nxt.split()) <= 5 and not _HEADLINE_END.search(nxt.strip()):
                    continue  # an outlet line ("Caucasus Wire") between headline and date
                break
            kinds.setdefault(kind, nxt.strip())
            if kind == "dateline":
                break
        if "comment" in kinds or not kinds:
            continue
        start = _separator_start(text, spans, i)
        date_src = kinds.get("date") or kinds.get("dateline") or ""
        m = DATE.search(date_src)
        date = m.group(0) if m else (date_src if kinds.get("date") else None)
        byline = kinds.get("byline")
        found.append(Article(len(found) + 1, start, _MD_HEADLINE.sub("", line).strip(), date, byline))
    return found
