"""Recognise: find entity mentions in a segmented Document.

Each recogniser is a function `(Document) -> list[Mention]` in its own module, registered in
`RECOGNISERS`; a new entity type or source of mentions is one module and one entry here.
Word lists and patterns come from `kg/data/`.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Document, Mention
from kg.recognise import agencies, organizations, places, programs, regulations

Recogniser = Callable[[Document], list[Mention]]

# Order matters only for ties: earlier recognisers win a span claimed twice by the same type.
RECOGNISERS: list[Recogniser] = [
    regulations.recognise,
    places.recognise,
    agencies.recognise,
    organizations.recognise,
    programs.recognise,
]


def recognise(doc: Document) -> Document:
    found: list[Mention] = []
    for recogniser in RECOGNISERS:
        found.extend(recogniser(doc))
    doc.mentions = drop_overlaps(found)
    return doc


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Within one type keep the longest of overlapping mentions; across types nesting is allowed
    (中山市 inside 中山市司法局 names the place too), but a crossing overlap keeps the longer one."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in sorted(ordered, key=lambda m: -(m.end - m.start)):
        ok = True
        for k in kept:
            if m.start >= k.end or m.end <= k.start:
                continue
            nested = k.start <= m.start and m.end <= k.end
            if not nested or k.type == m.type:
                ok = False
                break
        if ok:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
