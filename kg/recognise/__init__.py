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
    doc.shared.clear()
    return doc


_BUCKET = 64


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Within one type keep the longest of overlapping mentions unless the inner one is marked
    `-inner`; across types nesting is allowed (中山市 inside 中山市司法局 names the place too), but a
    crossing overlap keeps the longer one."""
    # Kept mentions are filed by start position, so each candidate is compared only with those near
    # it: linear in the number of mentions (a 50 MB file has half a million).
    longest = max((m.end - m.start for m in mentions), default=0)
    buckets: dict[int, list[Mention]] = {}
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        ok = True
        near = range((m.start - longest) // _BUCKET, max(m.end - 1, m.start) // _BUCKET + 1)
        for k in (k for b in near for k in buckets.get(b, ())):
            if m.start >= k.end or m.end <= k.start:
                continue
            nested = k.start <= m.start and m.end <= k.end
            # a name inside a name of its own type counts when a recogniser says so: the title a
            # notice issues (关于印发〈X〉的通知), the ministry whose office it is (住建部|办公厅)
            if not nested or (k.type == m.type and not m.source.endswith("-inner")):
                ok = False
                break
        if ok:
            kept.append(m)
            buckets.setdefault(m.start // _BUCKET, []).append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
