"""Word (.docx): paragraphs and table cells in document order, with python-docx; title, author
and date from the file's core properties."""

from __future__ import annotations

import zipfile
from pathlib import Path

from kg.errors import InputError
from kg.readers import Extracted

MAX_XML_BYTES = 200 * 1024 * 1024  # the unpacked document.xml; a zip bomb is refused before it is read


def read(path: Path) -> Extracted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise InputError(path, f"Word document body unpacks to {info.file_size // (1024 * 1024)} MB, over the limit")
        d = docx.Document(str(path))
        lines: list[str] = []
        for block in d.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    cells = list(dict.fromkeys(c.text.strip() for c in row.cells))  # merged cells repeat
                    lines.append("  ".join(c for c in cells if c))
        props = d.core_properties
        date = props.created or props.modified
        title, author = props.title or "", props.author or ""
    except InputError:
        raise
    except KeyError:
        raise InputError(path, "not a Word document (no word/document.xml)") from None
    except Exception as e:  # noqa: BLE001 — zipfile, lxml and python-docx each raise their own types on damaged files
        raise InputError(path, f"cannot read Word document ({type(e).__name__}): {_one_line(e)}") from None
    return Extracted("\n".join(lines), title=title.strip(), author=author.strip(),
                     date=date.strftime("%Y-%m-%d") if date else "")


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or "damaged file"
