"""The matching form of a text: what recognisers read when the text is not plain simplified Chinese.

Traditional characters (a Big5 page, a Hong Kong or Taiwan document) become simplified ones and
full-width digits and Latin letters (０１２, ＡＢ, ％) become ASCII, always one character for one,
so every offset into the matching form is an offset into the text as written. The pipeline
recognises on the matching form and then puts the text as written back into the document and
its mentions (`restore_written`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache
from importlib.resources import files

from kg.model import Document

# Full-width ASCII digits, letters and ％ (U+FF10-19, FF21-3A, FF41-5A, FF05). Full-width punctuation
# such as （）：， is ordinary in Chinese text and the recognisers expect it, so it stays.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05]}
_FULL_WIDTH_RUN = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]+")
_TRADITIONAL_SHARE = 0.02  # a document whose Han characters are this share traditional-only is traditional


@cache
def _traditional_table() -> dict[int, int]:
    """Traditional → simplified, single characters only, from OpenCC's character table (the first
    reading where it lists several: 乾 → 干, 於 → 于)."""
    table: dict[int, int] = {}
    text = (files("opencc") / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[0]) != 1:
            continue
        target = parts[1].split(" ")[0]
        if len(target) == 1 and target != parts[0]:
            table[ord(parts[0])] = ord(target)
    return table


@cache
def _tables() -> tuple[dict[int, int], dict[int, int]]:
    return _FULL_WIDTH, {**_traditional_table(), **_FULL_WIDTH}


@lru_cache(maxsize=8)  # ingest and the pipeline ask about the same text object
def is_traditional(text: str, sample: int = 6_000) -> bool:
    """Whether enough of the text's Han characters exist only in traditional form."""
    # count each distinct character once (Counter runs in C): ~3x faster than a regex class of
    # every traditional-only character
    counts = Counter(text[:sample])
    han = sum(n for ch, n in counts.items() if "\u4e00" <= ch <= "\u9fff")
    if not han:
        return False
    traditional = _traditional_table()
    return sum(n for ch, n in counts.items() if ord(ch) in traditional) / han >= _TRADITIONAL_SHARE


def matching_form(text: str, traditional: bool | None = None) -> str:
    """The text with full-width digits and letters as ASCII and, for a traditional text, simplified
    characters; always the same length as `text`."""
    if traditional is None:
        traditional = is_traditional(text)
    if traditional:
        return text.translate(_tables()[1])
    # str.translate costs ~0.3 µs a character; full-width runs are rare, so translate only them
    return _FULL_WIDTH_RUN.sub(lambda m: m.group().translate(_FULL_WIDTH), text)


def restore_written(doc: Document, written: str) -> Document:
    """Put the text as written back after the stages ran on the matching form: the document's text
    and every mention's and figure's text become slices of what the document says."""
    if written == doc.text:
        return doc
    doc.text = written
    doc.mentions = [replace(m, text=written[m.start:m.end]) for m in doc.mentions]
    for entity in doc.entities.values():
        entity.mentions = [replace(m, text=written[m.start:m.end]) for m in entity.mentions]
        entity.aliases |= {m.text for m in entity.mentions if m.text != entity.name}
    doc.quantities = [replace(q, text=written[q.start:q.end]) for q in doc.quantities]
    return doc
