"""PDF: the text layer, page by page, with pypdf; title, author and date from the document info.

pypdf is pure Python with no dependencies of its own and reads the CID-keyed CJK fonts Chinese
PDFs use (STSong-Light, UniGB-UCS2-H) to the right characters. A PDF without a text layer is
a scan: there is nothing to read without OCR, which govkg does not do.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from kg.errors import InputError
from kg.readers import Extracted
from kg.readers.text import plausibility

_PDF_DATE = re.compile(r"^D?:?(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_PAGE_NUMBER = re.compile(r"[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页[\s,，/]*(共\s*\d+\s*页)?|\d+\s*/\s*\d+")
_WORDS = re.compile(r"[\u4e00-\u9fff\w]")
_FULL_LINE = 0.85  # a line this share of the page's longest reaches the right margin
_ENDS = ("。", "！", "？", "：", "；", "!", "?", ":", ";", "…")
_CLOSERS = "”’」』)）"  # 。” still ends a sentence; a line ending “湾区通办” does not
_MIN_PLAUSIBLE = 0.5  # share of common characters below which extracted text is glyph codes, not words
MAX_PAGES = 2000  # past this a PDF is a book or a scan archive, not one government document


def read(path: Path) -> Extracted:
    from pypdf import PdfReader

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)  # pypdf logs every repaired defect; the user gets one line
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "PDF is password-protected")
        if len(reader.pages) > MAX_PAGES:
            raise InputError(path, f"PDF has {len(reader.pages)} pages, over the {MAX_PAGES}-page limit")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        title, author = str(info.get("/Title") or ""), str(info.get("/Author") or "")
        raw_date = str(info.get("/CreationDate") or info.get("/ModDate") or "")
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 — pypdf raises a dozen types on damaged files; all mean "unreadable"
        raise InputError(path, f"cannot read PDF, damaged or truncated ({type(e).__name__}: {_one_line(e)})") from None
    finally:
        logger.setLevel(level)
    # page numbers go first, so a sentence or a title running over a page break is joined too
    text = reflow("\n".join(_drop_page_number(page) for page in pages))
    if not _WORDS.search(text):
        raise InputError(path, "no text layer (scanned PDF?); OCR is not supported")
    if plausibility(text[:20000]) < _MIN_PLAUSIBLE:
        raise InputError(path, "text layer is unreadable (fonts without a Unicode map?); OCR is not supported")
    m = _PDF_DATE.match(raw_date)
    date = f"{m.group('y')}-{m.group('m')}-{m.group('d')}" if m else ""
    return Extracted(text, title=title.strip(), author=author.strip(), date=date)


def _drop_page_number(page: str) -> str:
    """The page without a page number (- 3 -, 第3页 共12页, 3/12) on its first or last line."""
    lines = page.strip("\n").split("\n")
    if lines and _PAGE_NUMBER.fullmatch(lines[-1].strip()):
        lines.pop()
    if lines and _PAGE_NUMBER.fullmatch(lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def reflow(page: str) -> str:
    """Join the lines a PDF wrapped at the right margin, so a sentence or a 《title》 broken over two
    lines is one again: a line as long as the longest that does not end a sentence runs on
    (Chinese needs no space at the join)."""
    lines = [ln.rstrip() for ln in page.split("\n")]
    widths = [_width(ln.strip()) for ln in lines]
    full = _FULL_LINE * max(widths, default=0)
    out: list[str] = []
    run_on = False
    for ln, width in zip(lines, widths, strict=True):
        if run_on and out:
            out[-1] += ln.strip()
        else:
            out.append(ln)
        run_on = width >= full and not ln.rstrip(_CLOSERS).endswith(_ENDS)
    return "\n".join(out)


def _width(line: str) -> int:
    """How much of the line's measure a line takes: a Chinese character is twice a digit or letter."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or "damaged file"
