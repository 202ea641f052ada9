"""Word (.docx) fixtures built with python-docx: a ministry statement with a title, an address block with
soft line breaks, headings, a bulleted list and a table.

Gold passages follow ``framing.segment``'s conventions (see ``pdf.py``): paragraphs shorter than 8 words
(title, address lines, headings) join the next paragraph; each table row is a passage of its own (cells
joined by spaces; the same convention as ``heldout2.py``), and a run of short paragraphs above the table joins
its first row.
"""
from __future__ import annotations

from pathlib import Path

from . import DocFixture

STATEMENT = [
    ("Title", "Statement on the Peace Process"),
    ("Normal", "Ministry of Foreign Affairs\nShikhali Gurbanov Street 50\nBaku"),
    ("Normal", "The Ministry of Foreign Affairs of the Republic of Azerbaijan takes note of the latest round of "
               "talks on the draft agreement on peace and the establishment of interstate relations, held in "
               "Washington with the participation of both foreign ministers."),
    ("Heading 1", "Progress made"),
    ("Normal", "The parties have agreed on the text of most articles of the draft, including the provisions on "
               "the mutual recognition of territorial integrity on the basis of the Alma-Ata Declaration of 1991, "
               "on the renunciation of territorial claims, and on the establishment of diplomatic relations."),
    ("Normal", "Azerbaijan welcomes the constructive spirit of the talks and reiterates that a lasting peace in "
               "the South Caucasus is within reach. The delimitation of the border, which began in the Gazakh "
               "district, shows that practical questions can be solved through direct dialogue without "
               "intermediaries."),
    ("Heading 1", "Remaining questions"),
    ("Normal", "At the same time, several questions of principle remain open. Azerbaijan expects Armenia to:"),
    ("List Bullet", "amend the provisions of its constitution that contain territorial claims against Azerbaijan;"),
    ("List Bullet", "agree to the dissolution of the OSCE Minsk Group and its related structures;"),
    ("List Bullet", "refrain from deploying third-country forces along the border between the two states."),
    ("Normal", "The Ministry calls on international partners to support the bilateral process rather than "
               "taking positions that only encourage revanchist forces, and to contribute to the rebuilding of "
               "the territories destroyed during thirty years of occupation."),
]

TABLE = [("District", "Families returned"), ("Zangilan", "412"), ("Lachin", "389"), ("Kalbajar", "275"),
         ("Fuzuli", "301")]


def _build_statement(directory: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "Statement on the Peace Process"
    d.core_properties.author = "Press Service"
    for style, text in STATEMENT:
        if style == "Title":
            d.add_heading(text, level=0)
        elif style.startswith("Heading"):
            d.add_heading(text, level=1)
        elif "\n" in text:
            p = d.add_paragraph()
            lines = text.split("\n")
            for k, line in enumerate(lines):
                run = p.add_run(line)
                if k < len(lines) - 1:
                    run.add_break()
        else:
            d.add_paragraph(text, style=style)
    table = d.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    path = Path(directory) / "statement.docx"
    d.save(str(path))
    return path


def _gold() -> tuple[tuple[str, str | None], ...]:
    items: list[tuple[str, str | None]] = []
    pending: list[str] = []
    for text in (line for _, t in STATEMENT for line in t.split("\n")):  # a soft line break splits
        if len(text.split()) < 8:
            pending.append(text)
            continue
        items.append((" ".join(pending + [text]), None))
        pending = []
    rows = [" ".join(r) for r in TABLE]  # a table: one passage per row, the run of short paragraphs above joins the first
    items.append((" ".join(pending + rows[:1]), None))
    items.extend((r, None) for r in rows[1:])
    return tuple(items)


def fixtures() -> list[DocFixture]:
    return [DocFixture(name="docx_statement", kind="docx", build=_build_statement, paragraphs=_gold())]


def build_corrupt(directory: Path) -> Path:
    """A .docx that is a zip without the Word parts (what a broken download or a renamed file looks like)."""
    import zipfile

    path = Path(directory) / "corrupt.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    return path
