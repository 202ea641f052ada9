"""Split real documents into passages with character offsets.

Rules, in order:

1. Lines are split on ``\\n``, ``\\r\\n`` or ``\\r``; blank (whitespace-only) lines separate blocks.
2. Inside a block, a line break is a paragraph break when the block is *not* hard-wrapped (its longest
   line exceeds ``wrap_width`` characters, as in web text with one paragraph per line), when the next
   line starts with a bullet or list number, or when the previous line ends a sentence and is clearly
   shorter than the block's width (the last line of a wrapped paragraph). Otherwise the lines are one
   hard-wrapped paragraph (PDF text) and are re-joined.
3. Paragraphs of fewer than ``min_words`` words (datelines, timestamps, headings) are attached to the
   following paragraph (or the preceding one at the end of the document), never classified alone.

Each passage keeps the ``[start, end)`` span of the original text it covers; every non-whitespace
character of the input lies in exactly one passage. ``Passage.text`` is the cleaned text fed to the
model: wrapped lines joined, words hyphenated across lines re-joined, page marks (form feeds,
"Page 2 of 4") dropped, footnote digits glued to a word or punctuation removed (``blockade.3`` ->
``blockade.``), whitespace collapsed. Passages longer than the
model window are split into overlapping token windows later, by the model (see ``Classifier``).

>>> [p.text for p in segment("GORIS, May 3\\n\\nFamilies arrived with what they could carry in the night.")]
['GORIS, May 3 Families arrived with what they could carry in the night.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BULLET = re.compile(r"^\s*(?:[•\-\*–—·▪◦●‣]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)\]]\d{0,2}\s*$")
_HYPHEN_WRAP = re.compile(r"(\w)-[ \t]*(?:\r\n|\r|\n)[ \t]*([a-z])")
_FOOTNOTE = re.compile(r"(?:(?<=[a-z])|(?<=[a-z][.,;:)\"”’]))\d{1,2}(?=[\s.,;:)]|$)")
_SPACE = re.compile(r"\s+")
_PAGE_MARK = re.compile(r"\f|\bPage \d{1,4} of \d{1,4}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    """A span ``[start, end)`` of the source document and its cleaned text."""

    start: int
    end: int
    text: str


def clean_text(raw: str) -> str:
    """Normalise a raw passage for the model (see module docstring)."""
    text = _HYPHEN_WRAP.sub(r"\1\2", raw)
    text = _PAGE_MARK.sub(" ", text)
    text = _FOOTNOTE.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, newline excluded."""
    spans = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        content = m.group(0).rstrip("\r\n")
        spans.append((s, s + len(content)))
        if e == s:
            break
    return spans


def _paragraphs(text: str, wrap_width: int) -> list[tuple[int, int]]:
    paras: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(text[s:e].rstrip()) for s, e in block)
        wrapped = width <= wrap_width and len(block) > 1
        cur_start = block[0][0]
        for i in range(1, len(block) + 1):
            if i < len(block):
                prev = text[block[i - 1][0] : block[i - 1][1]].rstrip()
                line = text[block[i][0] : block[i][1]]
                brk = (
                    not wrapped
                    or bool(_BULLET.match(line))
                    or (bool(_SENTENCE_END.search(prev)) and len(prev) < 0.8 * width)
                    or len(prev) < 0.4 * width
                )
                if not brk:
                    continue
            end = block[i - 1][1]
            paras.append((cur_start, end))
            if i < len(block):
                cur_start = block[i][0]
        block.clear()

    for s, e in _lines(text):
        if text[s:e].strip():
            block.append((s, e))
        else:
            flush()
    flush()
    # Trim each paragraph to its first and last non-whitespace character.
    out = []
    for s, e in paras:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


def segment(text: str, min_words: int = 8, wrap_width: int = 100) -> list[Passage]:
    """Split ``text`` into passages; an empty or whitespace-only text gives ``[]``."""
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, got {type(text).__name__}.")
    paras = _paragraphs(text, wrap_width)
    merged: list[list[int]] = []
    pending_start: int | None = None
    for s, e in paras:
        start = s if pending_start is None else pending_start
        if len(text[s:e].split()) < min_words:
            pending_start = start
            continue
        merged.append([start, e])
        pending_start = None
    if pending_start is not None:
        if merged:
            merged[-1][1] = paras[-1][1]
        else:
            merged.append([pending_start, paras[-1][1]])
    return [Passage(s, e, clean_text(text[s:e])) for s, e in merged]
