from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "zhongshan-2022.txt"
GOLD = ROOT / "eval" / "gold" / "zhongshan-2022.gold.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_doc():
    from kg.pipeline import process_file

    return process_file(SAMPLE)


def doc_from(text: str, title: str = ""):
    """A processed Document from a snippet; the title line sets the document's place."""
    from kg.ingest import document_from_text
    from kg.pipeline import process_document

    body = (title + "\n\n" + text) if title else text
    return process_document(document_from_text(body, source="<test>", doc_id="t"))
