"""Files made by the tests themselves from the sample: a PDF with a CID font's text layer, a Word
document, and re-encoded text. Nothing here is checked in as a binary fixture."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tests.conftest import SAMPLE

PDF_LINE = 38  # characters per line: an A4 page at 12 pt with ordinary margins


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def make_pdf(text: str, path: Path, title: str = "", author: str = "", password: str | None = None) -> Path:
    """A PDF whose text layer is `text`, paragraphs wrapped at the right margin as a word processor
    would, in reportlab's built-in STSong-Light (Adobe-GB1 CID font, no font file needed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    encrypt = None
    if password is not None:  # "" opens for reading; the owner password guards editing only
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(password, ownerPassword="owner", canCopy=0)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    y, page = 800, 1
    c.setFont("STSong-Light", 12)
    for para in text.split("\n"):
        for chunk in _wrap(para):
            if y < 50:
                c.drawCentredString(300, 25, f"- {page} -")  # the page number a word processor prints
                c.showPage()
                c.setFont("STSong-Light", 12)
                y, page = 800, page + 1
            c.drawString(40, y, chunk)
            y -= 16
    c.drawCentredString(300, 25, f"- {page} -")
    c.save()
    return path


def _wrap(para: str) -> list[str]:
    """Lines of at most PDF_LINE Chinese characters' width; a digit or letter takes half."""
    lines, line, width = [], "", 0
    for ch in para:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if width + w > 2 * PDF_LINE:
            lines.append(line)
            line, width = "", 0
        line, width = line + ch, width + w
    return [*lines, line]


def make_scanned_pdf(path: Path) -> Path:
    """A PDF with pages but no text layer: what a scanner writes (a drawing stands in for the image)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    return path


def make_docx(text: str, path: Path, title: str = "", author: str = "") -> Path:
    import docx

    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    d.core_properties.title = title
    d.core_properties.author = author
    d.save(str(path))
    return path


def to_traditional(text: str) -> str:
    """The sample as a Taiwan office would write it (every character has a Big5 code)."""
    import opencc

    return opencc.OpenCC("s2tw").convert(text)
