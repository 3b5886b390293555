"""Readers: one module per file format, each `read(path) -> Extracted` (the text as the file holds
it and whatever metadata the file itself carries). `READERS` maps a file suffix to its module,
imported only when a file of that kind is read; a new format is one module and one entry here.
A file whose first bytes say PDF or ZIP is read as such whatever its name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str = ""  # from the file's properties (PDF info, DOCX core properties, HTML <title>)
    author: str = ""
    date: str = ""  # ISO date or as the file gives it
    markdown: bool = False


READERS: dict[str, str] = {
    ".txt": "kg.readers.text",
    ".md": "kg.readers.text",
    ".markdown": "kg.readers.text",
    ".html": "kg.readers.html",
    ".htm": "kg.readers.html",
    ".pdf": "kg.readers.pdf",
    ".docx": "kg.readers.docx",
}
_MAGIC = ((b"%PDF-", "kg.readers.pdf"), (b"PK\x03\x04", "kg.readers.docx"))
_SCAN = "an image (a scan?); OCR is not supported"
# Formats users have that no reader handles: named, so the one line says what to do.
_REFUSED = ((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .xls, .wps); save it as .docx or PDF"),
            (b"{\\rtf", "RTF is not supported; save it as .docx or PDF"),
            (b"\x89PNG", _SCAN), (b"\xff\xd8\xff", _SCAN), (b"GIF8", _SCAN), (b"II*\x00", _SCAN), (b"MM\x00*", _SCAN))


def reader_for(path: Path, head: bytes) -> str:
    """The reader module for a file: by its first bytes when they name a format, else by suffix."""
    for magic, module in _MAGIC:
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head[:1024]):
            return module
    return READERS.get(path.suffix.lower(), "kg.readers.text")


def extract(path: Path, head: bytes) -> Extracted:
    for magic, reason in _REFUSED:
        if head.startswith(magic):
            raise InputError(path, reason)
    return importlib.import_module(reader_for(path, head)).read(path)
