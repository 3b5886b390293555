"""Places: gazetteer names (full names at every level; short names of provinces and cities),
matched leftmost-longest with an Aho-Corasick automaton, then filtered by context."""

from __future__ import annotations

from functools import cache

import ahocorasick

from kg.gazetteer import gazetteer
from kg.model import Document, EntityType, Mention, PlaceRef


@cache
def _automaton() -> ahocorasick.Automaton:
    gaz = gazetteer()
    auto = ahocorasick.Automaton()
    for name in gaz.by_name:
        if len(name) >= 2:
            auto.add_word(name, (name, True))
    for name in gaz.by_short:
        if len(name) >= 2 and name not in gaz.by_name:
            auto.add_word(name, (name, False))
    auto.make_automaton()
    return auto


def scan_places(text: str) -> list[Mention]:
    """Leftmost-longest gazetteer matches, before any context filter."""
    auto = _automaton()
    best: dict[int, tuple[int, str, bool]] = {}
    for end_idx, (name, full) in auto.iter(text):
        start = end_idx - len(name) + 1
        prev = best.get(start)
        if prev is None or prev[0] < end_idx + 1:
            best[start] = (end_idx + 1, name, full)
    out: list[Mention] = []
    last_end = -1
    for start in sorted(best):
        end, name, full = best[start]
        if start < last_end:
            continue
        out.append(Mention(EntityType.PLACE, name, start, end, kind="full" if full else "short"))
        last_end = end
    return out


def own_places(doc: Document) -> list[PlaceRef]:
    """The document's place and its parents: the context that short names resolve against."""
    if doc.place is None:
        return []
    return [doc.place, *gazetteer().ancestors(doc.place)]


def _town_in_context(ref: PlaceRef, doc: Document) -> bool:
    """Towns share names across the country (打通镇 in 重庆, read out of 打通镇街): a town counts
    when it lies in the document's own city or county."""
    gaz = gazetteer()
    if doc.place is None:
        return False
    home = gaz.at_level(doc.place, "city") or gaz.at_level(doc.place, "county") or doc.place
    return home.code in {a.code for a in gaz.ancestors(ref)}


def recognise(doc: Document) -> list[Mention]:
    gaz = gazetteer()
    context = own_places(doc)
    own_names = {p.name for p in context}
    text = doc.text
    out: list[Mention] = []
    for m in scan_places(text):
        ref = gaz.choose(gaz.candidates(m.text), context)
        if ref is None:
            continue
        if m.text in gaz.stopwords and ref.name not in own_names:
            continue
        if ref.level == "town":
            # 镇街 and 乡镇 are "towns and subdistricts", not the end of a name
            if text[m.end:m.end + 1] in ("街", "镇") or not _town_in_context(ref, doc):
                continue
        out.append(Mention(EntityType.PLACE, m.text, m.start, m.end, canonical=ref.name,
                           kind=ref.level, place_code=ref.code, source="gazetteer-" + m.kind))
    return out
