"""The per-document pipeline: ingest → segment → recognise → resolve → link.

`process_file` is the one function the CLI, the corpus build and the workers call; emitting is
separate (`kg.emit`) so that many documents can be merged into one graph first."""

from __future__ import annotations

from pathlib import Path

from kg import link, resolve, segment
from kg.ingest import read_document
from kg.model import Document
from kg.recognise import quantities, recognise
from kg.textform import matching_form, restore_written


def process_document(doc: Document) -> Document:
    # The stages read the matching form (simplified, ASCII digits; same offsets); mentions keep the text as written.
    written, doc.text = doc.text, matching_form(doc.text)
    segment.segment(doc)
    recognise(doc)
    resolve.resolve(doc)
    doc.quantities = quantities.recognise(doc)
    link.link(doc)
    return restore_written(doc, written)


def process_file(path: str | Path) -> Document:
    return process_document(read_document(path))
