"""Realistic document fixtures that the tests build themselves (PDF, HTML, DOCX, pasted text).

Each builder module (``pdf.py``, ``web.py``, ...) exposes ``fixtures() -> list[DocFixture]``. The same
fixtures feed the unit tests and ``benchmarks/documents.py`` (paragraph-boundary F1, boilerplate
precision/recall, article boundaries).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class DocFixture:
    """One document with its gold segmentation.

    ``build(directory)`` writes the document file into ``directory`` and returns its path.
    ``paragraphs``: every gold passage in reading order, as (text, boilerplate_reason or None);
    text is compared after whitespace collapsing. ``articles``: gold article titles in order
    (empty for single-article documents).
    """

    name: str
    kind: str  # "pdf" | "html" | "docx" | "md" | "txt"
    build: Callable[[Path], Path]
    paragraphs: tuple[tuple[str, str | None], ...]
    articles: tuple[str, ...] = field(default_factory=tuple)
