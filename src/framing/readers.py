"""Read one document file (PDF, HTML, Word, Markdown, plain text) into text plus metadata.

``read_document(path)`` returns a :class:`Document` (``text``, ``metadata``: title, date, author, source,
format, pages) or raises :class:`~framing.errors.DataError` naming the file, what is wrong and the fix.
Paragraph structure is kept as blank-line-separated blocks wherever the format has it (HTML, DOCX, and PDF
where the layout shows it); PDF pages are separated by form feeds ``\\f`` so that segmentation can find
running headers, footers and footnotes (see :mod:`framing.segment`).

Choices:

- **PDF: pypdf**, pure Python, maintained, no system libraries, fast enough for letters and reports.
  pdfminer.six gives finer layout analysis but is slower and its layout parameters need tuning per
  document; pdfplumber is built on pdfminer.six and adds tables we do not need. We use pypdf's plain
  (layout-free) extraction, which joins the text of each visual line, and read the line positions it
  reports to add what plain extraction loses: a blank line where the vertical gap between two lines is
  clearly larger than the line spacing (paragraph spacing), two where it is wider than two and a half
  lines (the margin between a running header or footer and the text), and a small indentation where a line starts
  right of the text's left edge (first-line indents). No OCR: a PDF without a text layer (a scan) is an error
  that says so. PDFs encrypted only against editing (empty user password, RC4 or AES) are opened; a PDF that
  needs a password is an error.
- **HTML: trafilatura** for the main text, with ``include_comments=False`` (readers' comments are not the
  document), ``include_tables=True`` and ``favor_recall=True`` (when in doubt, keep a paragraph: losing
  content silently is worse than keeping a stray line, which the boilerplate stage can flag). Title,
  author and date come from trafilatura's metadata (``<meta>`` tags, JSON-LD, ``<title>``). The title is
  metadata only; it is not prepended to the text. trafilatura's blocks are then checked against the page's own
  block structure (one block per block element or layout cell, ``<br><br>`` a block break, ``<font>``/``<span>``
  inline): a trafilatura block that is a run of several page blocks (title, date and paragraphs run together
  in a table/``<font>`` layout, ``<br><br>`` paragraphs joined) is split into them, blocks are put back in page
  order (a footer trafilatura moved to the top), and a paragraph-shaped page block trafilatura lost right before
  or between the blocks it kept (the text before a div's first ``<br><br>``) is put back; never anything after
  the last kept block (comments). ``metadata["extractor"]`` is then ``"trafilatura+dom"``. Head lines that are
  metadata (the headline repeating the title, a date line, "Author · 6 min read · date") are dropped before the
  first paragraph. When trafilatura finds no main text (very short or unusual pages) we fall back to *all*
  visible text in the same page blocks and say so in ``metadata["extractor"] = "fallback"``.
- **Placeholder metadata is dropped**: values that PDF and Word writers fill in when nobody set the field
  (reportlab's "untitled", "anonymous" and 2000-01-01, "python-docx", "Microsoft Office User", a file name).
- **DOCX: python-docx**; body paragraphs and table rows in document order, one block each, headings kept
  as their own blocks. Footnotes, comments and page headers of the Word file are not read.
- **Markdown and text**: UTF-8 (a BOM is accepted), read as is.
"""
from __future__ import annotations

import os
import re
import statistics
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import DataError

#: default size limit for one document file (bytes); ``read_document(max_bytes=...)`` changes it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

DOCUMENT_FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
                    ".md": "md", ".markdown": "md", ".txt": "txt"}


@dataclass(frozen=True)
class Document:
    """The text of one document file and what is known about it."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def document_format(path: str | os.PathLike[str]) -> str | None:
    """The reader for a file name (``"pdf"``, ``"html"``, ...), or None if it is not a document format."""
    return DOCUMENT_FORMATS.get(Path(path).suffix.lower())


def read_document(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Read a PDF, HTML, DOCX, Markdown or text file. Raises DataError (file named, fix given) on failure."""
    path = Path(path)
    fmt = document_format(path)
    if fmt is None:
        raise DataError(f"{path}: unsupported document extension {path.suffix!r}; supported: "
                        f"{', '.join(sorted(DOCUMENT_FORMATS))}.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror}); check the path and permissions.") from None
    if max_bytes is not None and size > max_bytes:
        raise DataError(f"{path}: {_size(size)} is over the {_size(max_bytes)} limit for one document; "
                        "split the file, or raise the limit (max_bytes=...) if it is really one document.")
    reader = {"pdf": _read_pdf, "html": _read_html, "docx": _read_docx, "md": _read_text, "txt": _read_text}[fmt]
    doc = reader(path)
    meta = {"source": str(path), "format": fmt}
    meta.update({k: v for k, v in doc.metadata.items() if v not in (None, "")})
    return Document(doc.text, meta)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


# ------------------------------------------------------------------------------------------------ text
def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DataError(f"{path}: looks like a binary file (NUL bytes), not text; check the file and its extension.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start}); re-encode it as UTF-8 "
                        "(e.g. iconv -f cp1252 -t utf-8).") from None


def _read_text(path: Path) -> Document:
    text = _decode(path, path.read_bytes())
    meta: dict[str, Any] = {}
    if path.suffix.lower() in (".md", ".markdown"):
        m = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
        if m:
            meta["title"] = m.group(1)
    return Document(text, meta)


# ------------------------------------------------------------------------------------------------- PDF
def _pdf_fail(path: Path, what: str) -> DataError:
    return DataError(f"{path}: {what}")


def _read_pdf(path: Path) -> Document:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # recoverable-structure warnings are noise here
    corrupt = "the file is damaged or truncated; re-download it or re-export it from the original application."
    with open(path, "rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, path.stat().st_size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise _pdf_fail(path, f"not a PDF (no %PDF- header); {corrupt}")
    if b"%%EOF" not in tail:
        raise _pdf_fail(path, f"truncated PDF (no %%EOF end marker); {corrupt}")
    try:
        reader = PdfReader(str(path), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on damaged files
        raise _pdf_fail(path, f"not a readable PDF ({type(exc).__name__}: {exc}); {corrupt}") from None
    if encrypted:
        try:
            ok = reader.decrypt("")  # many PDFs are encrypted only against editing, with an empty password
        except DependencyError:
            raise _pdf_fail(path, "the PDF is AES-encrypted and opening it needs the cryptography package; "
                                  "pip install 'pypdf[crypto]'.") from None
        except Exception:
            ok = 0
        if not ok:
            raise _pdf_fail(path, "the PDF is encrypted (password-protected); save an unprotected copy, e.g. "
                                  "qpdf --decrypt --password=PASSWORD in.pdf out.pdf, and read that.")
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise _pdf_fail(path, f"cannot list its pages ({type(exc).__name__}: {exc}); {corrupt}") from None
    if not pages:
        raise _pdf_fail(path, "the PDF has no pages; check the file.")
    texts = []
    for k, page in enumerate(pages, 1):
        try:
            texts.append(_pdf_page_text(page))
        except (PdfReadError, Exception) as exc:
            raise _pdf_fail(path, f"page {k} cannot be read ({type(exc).__name__}: {exc}); {corrupt}") from None
    chars = sum(len("".join(t.split())) for t in texts)
    if chars < 10 * len(pages):
        raise _pdf_fail(path, f"no text layer ({chars} characters of text on {len(pages)} page(s)): it is a scan "
                              "or images of text; run OCR first (e.g. ocrmypdf in.pdf out.pdf) and read the result.")
    meta: dict[str, Any] = {"pages": len(pages)}
    empty = [k for k, t in enumerate(texts, 1) if not t.strip()]
    if empty:
        meta["pages_without_text"] = empty
    try:
        info = reader.metadata
        if info is not None:
            meta["title"] = _real(info.title)
            meta["author"] = _real(info.author)
            try:
                date = info.creation_date
            except Exception:
                date = None
            meta["date"] = date.date().isoformat() if date is not None and date.year > 1980 and \
                date.date().isoformat() not in _PLACEHOLDER_DATES else None
    except Exception:
        pass
    return Document("\f".join(t if t.endswith("\n") or not t else t + "\n" for t in texts), meta)


#: values that PDF and Word writers fill in when nobody set the field (reportlab: "untitled", "anonymous",
#: 2000-01-01; Word and LibreOffice templates: "python-docx", "Microsoft Office User", ...): not metadata.
_PLACEHOLDER = re.compile(
    r"^(?:untitled(?: document)?|anonymous|unknown|unspecified|none|null|n/?a|title|author|user|owner|admin(?:istrator)?|"
    r"document\d*|microsoft (?:word|office)(?: user)?(?: - .*)?|python-docx|reportlab(?: pdf library.*)?|"
    r"(?:untitled|document)\s*\d*(?:\.\w{2,4})?|[\w-]+\.(?:docx?|pdf|odt|rtf|txt))$", re.IGNORECASE)
_PLACEHOLDER_DATES = {"2000-01-01", "1970-01-01", "1980-01-01"}


def _real(value: Any) -> str | None:
    """A metadata string, or None when it is empty or a writer's placeholder ("untitled", "anonymous")."""
    text = " ".join(str(value or "").split())
    return text if text and not _PLACEHOLDER.match(text) else None


def _pdf_page_text(page: Any) -> str:
    """Plain extraction plus paragraph gaps (blank lines) and first-line indents from line positions."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(cm[3]) or 1.0
        chunks.append((text, x, y, (size or 0.0) * scale * (abs(tm[3]) or 1.0)))

    plain = page.extract_text(extraction_mode="plain", visitor_text=visit)
    if "".join(c[0] for c in chunks) != plain:
        return plain
    # Position of the first visible text of each output line.
    lines: list[list[Any]] = [["", None]]
    for text, x, y, size in chunks:
        parts = text.split("\n")
        for j, part in enumerate(parts):
            if j:
                lines.append(["", None])
            if part.strip() and lines[-1][1] is None:
                lines[-1][1] = (x, y, size)
            lines[-1][0] += part
    pos = [ln[1] for ln in lines if ln[1] is not None and ln[0].strip()]
    if len(pos) < 3:
        return plain
    gaps = [a[1] - b[1] for a, b in zip(pos, pos[1:]) if 0 < a[1] - b[1] < 3 * max(a[2], 1.0)]
    if not gaps:
        return plain
    leading = statistics.median(gaps)
    xs = [round(p[0]) for p in pos]
    left = statistics.mode(xs)
    out: list[str] = []
    prev = None
    for text, p in lines:
        if p is None or not text.strip():
            out.append(text)
            continue
        x, y, size = p
        if prev is not None:
            dy = prev[1] - y
            if dy > max(1.3 * leading, 1.45 * max(size, prev[2])):
                out.append("")  # paragraph spacing -> blank line
                if dy > 2.4 * leading:
                    out.append("")  # a wide gap (around running headers and footers) -> two blank lines
        prev = p
        offset = x - left
        em = max(size, 1.0)
        indent = "  " if 0.8 * em <= offset <= 4 * em else ""
        out.append(indent + text if not text.startswith(" ") else text)
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ HTML
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dt", "dd",
               "figcaption", "caption", "div", "section", "article", "header", "footer", "nav", "aside",
               "main", "ul", "ol", "table", "form", "address", "title", "figure", "center", "hr", "dl",
               "fieldset", "details", "summary", "tbody", "thead", "tfoot")
_CELL_TAGS = ("td", "th")


def _read_html(path: Path) -> Document:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DataError(f"{path}: looks like a binary file (NUL bytes), not HTML; check the file and its extension.")
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a base dependency
        raise DataError(f"{path}: reading HTML needs trafilatura ({exc}); pip install trafilatura lxml_html_clean.") from None
    meta: dict[str, Any] = {}
    text = ""
    try:
        xml = trafilatura.extract(data, output_format="xml", include_comments=False, include_tables=True,
                                  favor_recall=True, with_metadata=True, deduplicate=False)
    except Exception:
        xml = None
    dom: list[str] | None = None
    if xml:
        blocks, meta = _trafilatura_blocks(xml)
        meta["extractor"] = "trafilatura"
        if blocks:
            try:
                dom = _dom_blocks(data)[0]
            except DataError:
                dom = None
            if dom:
                blocks, changed = _restructure(blocks, dom)
                if changed:
                    meta["extractor"] = "trafilatura+dom"
        text = "\n\n".join(_drop_header_residue(blocks, meta))
    if not text.strip():
        blocks, title = _dom_blocks(data, path)
        text = "\n\n".join(blocks)
        meta = {"title": title or meta.get("title"), "extractor": "fallback",
                **{k: meta[k] for k in ("author", "date") if meta.get(k)}}
    return Document(text, meta)


def _trafilatura_blocks(xml: str) -> tuple[list[str], dict[str, Any]]:
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, huge_tree=True))
    meta = {k: root.get(k) for k in ("title", "author", "date", "sitename", "url") if root.get(k)}
    if "author" in meta and not _plausible_author(meta["author"]):
        del meta["author"]
    main = root.find("main")
    if main is None:
        return [], meta
    for lb in main.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    blocks: list[str] = []

    def add(el: Any) -> None:
        text = "".join(el.itertext())
        lines = [" ".join(ln.split()) for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        if text:
            blocks.append(text)

    for el in main:
        if el.tag == "list":
            for item in el.iter("item"):
                add(item)
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [" ".join("".join(c.itertext()).split()) for c in row]
                line = "\t".join(c for c in cells if c)
                if line:
                    blocks.append(line)
        else:
            add(el)
    return blocks, meta


def _from_trafilatura_xml(xml: str) -> tuple[str, dict[str, Any]]:
    """trafilatura's XML as blank-line-separated blocks (without the DOM repair of :func:`_read_html`)."""
    blocks, meta = _trafilatura_blocks(xml)
    return "\n\n".join(_drop_header_residue(blocks, meta)), meta


def _flat(text: str) -> str:
    return " ".join(text.split())


def _restructure(blocks: list[str], dom: list[str]) -> tuple[list[str], bool]:
    """Repair trafilatura's blocks with the page's own block structure (``dom``: :func:`_dom_blocks`).

    trafilatura chooses the main text well but on some layouts (tables of cells, ``<br><br>`` paragraphs,
    ``<font>`` markup) it runs several paragraphs into one block or puts a block out of order. A trafilatura
    block that is exactly a run of two or more page blocks (in page order, page blocks it dropped in between
    allowed) is split into them; then, if trafilatura's order differs from the page's, blocks are put back
    in page order (a block found nowhere in the page stays after the block before it). Text is never added
    or dropped: only block breaks and order change.
    """
    # compared without any whitespace: trafilatura joins "<br><br>" paragraphs without a space
    norm = ["".join(b.split()) for b in dom]
    starts: dict[str, list[int]] = {}
    for i, n in enumerate(norm):
        if n:
            starts.setdefault(n[:3], []).append(i)

    failed: set[tuple[int, int]] = set()  # (characters left, next page block): dead ends already tried

    def decompose(rest: str, lo: int, depth: int) -> list[int] | None:
        if not rest:
            return []
        if depth > 400 or (len(rest), lo) in failed:
            return None
        for i in starts.get(rest[:3], ()):
            if i < lo or (lo and i > lo + 12):
                continue
            if rest.startswith(norm[i]):
                tail = decompose(rest[len(norm[i]):], i + 1, depth + 1)
                if tail is not None:
                    return [i, *tail]
        failed.add((len(rest), lo))
        return None

    out: list[tuple[str, int | None]] = []
    changed = False
    for block in blocks:
        flat = "".join(block.split())
        failed.clear()
        parts = decompose(flat, 0, 0) if flat else None
        if parts and len(parts) >= 2:
            out.extend((dom[i], i) for i in parts)
            changed = True
        elif parts:
            out.append((block, parts[0]))
        else:
            out.append((block, None))
    # Paragraphs trafilatura lost next to what it kept (the text before the first "<br><br>" of a div, a paragraph
    # in a <font> run): a page block of a paragraph's shape (15+ words ending a sentence, not boilerplate by the
    # rules) that is missing from trafilatura's text and sits right before or between kept blocks (only short
    # blocks in between) is put back; never after the last one (comments and related links follow the text).
    from framing.boilerplate import passage_reason

    kept = sorted({i for _, i in out if i is not None})
    have = "".join("".join(b.split()) for b, _ in out)
    if kept:
        adds: list[tuple[str, int]] = []
        for i, block in enumerate(dom):
            flat = _flat(block)
            if i in kept or i > kept[-1] or len(flat.split()) < 15 or flat[-1:] not in ".!?…\"”’»)" or norm[i] in have:
                continue  # never after the last kept block: comments and related links follow the text
            near = [j for j in kept if abs(j - i) <= 3]
            if not near:
                continue
            j = min(near, key=lambda j: abs(j - i))
            between = dom[min(i, j) + 1:max(i, j)]
            if any(len(_flat(b).split()) > 12 for b in between) or passage_reason(block) is not None:
                continue
            adds.append((block, i))
        if adds:
            out.extend(adds)
            changed = True
    # page order
    keys: list[float] = []
    last = -1.0
    for _, idx in out:
        last = float(idx) if idx is not None else last + 1e-3
        keys.append(last)
    if any(a > b for a, b in zip(keys, keys[1:])) and sum(idx is not None for _, idx in out) >= 0.5 * len(out):
        order = sorted(range(len(out)), key=lambda k: (keys[k], k))
        out = [out[k] for k in order]
        changed = True
    return [b for b, _ in out], changed


def _drop_header_residue(blocks: list[str], meta: dict[str, Any]) -> list[str]:
    """Among the first three blocks, drop the headline when it repeats the title and a line that is only a
    date or time ("14:22, 19 April 2024"): they are the document's metadata, which trafilatura sometimes also
    leaves in the main text."""
    from framing.boilerplate import DATE

    title = " ".join(str(meta.get("title") or "").split()).lower()
    author = " ".join(str(meta.get("author") or "").split())
    out = []
    body = False
    for k, block in enumerate(blocks):
        flat = " ".join(block.split())
        # the head ends at the first block that reads as a paragraph (a dozen words or more, ending a sentence)
        body = body or (len(flat.split()) >= 12 and flat[-1:] in ".!?…\"”’»)")
        if (k < 3 or not body and k < 6) and "\n" not in block and (
                (title and flat.lower() == title)
                or ((DATE.search(flat) or _NUM_DATE.search(flat)) and len(_rest_of_dateline(flat, author).split()) <= 1)):
            continue
        out.append(block)
    return out if any(b.strip() for b in out) else blocks


def _rest_of_dateline(flat: str, author: str) -> str:
    """What is left of a head line without its dates, times, reference numbers, the author's name, a reading time
    and the words around them ("Ani Petrosyan · 6 min read · Mar 3, 2024" -> "")."""
    from framing.boilerplate import DATE

    rest = DATE.sub("", flat)
    rest = _NUM_DATE.sub("", rest)
    if author:
        rest = re.sub(re.escape(author), "", rest, flags=re.IGNORECASE)
    rest = _READ_TIME.sub("", rest)
    rest = _CLOCK.sub("", rest)
    rest = _REF.sub("", rest)
    rest = _HEAD_WORDS.sub("", rest)
    return rest.replace(",", " ")


_NUM_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
_HEAD_WORDS = re.compile(r"\b(?:posted|published|updated|on|by|at)\b:?", re.IGNORECASE)
_REF = re.compile(r"\S*\d\S*")  # a reference number next to the date ("No:214/24 · 14 March 2024")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b\s*(?:[ap]\.?m\.?|gmt|utc)?|[|/·•–—-]", re.IGNORECASE)


_NOT_AUTHOR = re.compile(
    r"^(?:posted|by|admin|administrator|editor|staff|unknown|anonymous|\d.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.? \d.*)$", re.IGNORECASE)


def _plausible_author(name: str) -> bool:
    """trafilatura sometimes takes a dateline or "Posted" for the author; drop those."""
    return bool(re.search(r"[^\W\d_]{2}", name)) and not _NOT_AUTHOR.match(name.strip())


def _dom_blocks(data: bytes, path: Path | None = None) -> tuple[list[str], str | None]:
    """All visible text of a page as blocks in page order: one block per block element (paragraphs,
    headings, list items, layout cells), ``<br><br>`` a block break and a single ``<br>`` a line break,
    inline markup (``<font>``, ``<span>``, ``<a>``) inside its block, cells of a data row joined by tabs."""
    import lxml.html
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise DataError(f"{path or 'HTML'}: not readable HTML ({exc}); check the file.") from None
    title_el = doc.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for bad in doc.xpath("//script|//style|//noscript|//template|//head|//*[@hidden]"):
        bad.drop_tree()
    block_set = set(_BLOCK_TAGS)
    for br in doc.iter("br"):
        nxt = br.getnext()
        double = nxt is not None and nxt.tag == "br" and not (br.tail or "").strip()
        br.tail = ("\n\n" if double else "\n") + (br.tail or "")
    for el in doc.iter(*_CELL_TAGS):
        layout = any(d.tag in block_set or d.tag == "br" for d in el.iterdescendants())
        if layout:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        else:
            el.tail = "\t" + (el.tail or "")
    for el in doc.iter(*_BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    raw = doc.text_content()
    blocks = []
    for block in re.split(r"\n[ \t\r\f\v]*\n", raw):
        lines = []
        for ln in block.split("\n"):
            cells = [" ".join(c.split()) for c in ln.split("\t")]
            ln = "\t".join(c for c in cells if c)
            if ln:
                lines.append(ln)
        block = "\n".join(lines)
        if block:
            blocks.append(block)
    return blocks, title


def _html_fallback(path: Path, data: bytes) -> tuple[str, str | None]:
    blocks, title = _dom_blocks(data, path)
    return "\n\n".join(blocks), title


# ------------------------------------------------------------------------------------------------ DOCX
def _read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a base dependency
        raise DataError(f"{path}: reading .docx needs python-docx ({exc}); pip install python-docx.") from None
    bad = "the file is damaged or not a Word .docx file (an old .doc must be saved as .docx first); re-save it from Word or LibreOffice."
    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(f"{path}: not a readable .docx ({type(exc).__name__}: {exc}); {bad}") from None
    except Exception as exc:
        raise DataError(f"{path}: not a readable .docx ({type(exc).__name__}: {exc}); {bad}") from None
    blocks: list[str] = []
    headings = 0
    try:
        for child in d.element.body.iterchildren():
            if child.tag == qn("w:p"):
                para = Paragraph(child, d)
                text = para.text.strip()
                if not text:
                    continue
                style = (para.style.name if para.style is not None else "") or ""
                if style.startswith("Heading") or style == "Title":
                    headings += 1
                blocks.append(text)
            elif child.tag == qn("w:tbl"):
                for row in Table(child, d).rows:
                    cells = []
                    for cell in row.cells:
                        t = " ".join(cell.text.split())
                        if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                            cells.append(t)
                    if cells:
                        blocks.append("\t".join(cells))
    except Exception as exc:
        raise DataError(f"{path}: its content cannot be read ({type(exc).__name__}: {exc}); {bad}") from None
    meta: dict[str, Any] = {"headings": headings}
    try:
        props = d.core_properties
        meta["title"] = _real(props.title)
        meta["author"] = _real(props.author)
        created = props.created.date().isoformat() if props.created and props.created.year > 1980 else None
        meta["date"] = created if created not in _PLACEHOLDER_DATES else None
    except Exception:
        pass
    return Document("\n\n".join(blocks), meta)
