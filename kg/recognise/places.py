"""Places: gazetteer names (full names at every level; short names of provinces and cities),
matched leftmost-longest with an Aho-Corasick automaton, then filtered by context."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kg.gazetteer import gazetteer
from kg.lexicon import word_list
from kg.model import Document, EntityType, Mention, PlaceRef
from kg.phrases import PhraseMatcher
from kg.tokens import WordBoundaries


@cache
def _automaton() -> tuple[PhraseMatcher, frozenset[str]]:
    """The gazetteer's names (two characters or more) and which of them are full names."""
    gaz = gazetteer()
    full = frozenset(name for name in gaz.by_name if len(name) >= 2)
    short = [name for name in gaz.by_short if len(name) >= 2 and name not in full]
    return PhraseMatcher([*full, *short]), full


def scan_places(text: str, accept: Callable[[int, int, bool], bool] | None = None) -> list[Mention]:
    """Leftmost-longest gazetteer matches, before any context filter; `accept(start, end, full)`
    drops a candidate before the longest-match choice (so 美丽江苏 can still yield 江苏). `accept` is
    asked only about candidates no chosen match covers: 中山 inside 中山市 costs nothing."""
    matcher, full_names = _automaton()
    found = sorted((start, start - end, name, name in full_names) for start, end, name in matcher.find(text))
    out: list[Mention] = []
    last_end = -1
    for start, neg_len, name, full in found:
        end = start - neg_len
        if start < last_end:
            continue
        if accept is not None and not accept(start, end, full):
            continue
        out.append(Mention(EntityType.PLACE, name, start, end, kind="full" if full else "short"))
        last_end = end
    return out


def leading_place(name: str, context: list[PlaceRef]) -> tuple[PlaceRef, int] | None:
    """The place a name opens with (中山市司法局 → 中山市, chosen in `context`) and where that place's
    name ends; None when the name does not open with a place."""
    hits = scan_places(name)
    if not hits or hits[0].start != 0:
        return None
    gaz = gazetteer()
    ref = gaz.choose(gaz.candidates(hits[0].text), context)
    return (ref, hits[0].end) if ref is not None else None


# a village: two or three characters and 村, not followed by what makes 村 part of a word (村委, 村民)
_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,3}?)村(?![委民级庄落组务])")
# a short name right before one of these names a village, road or bridge (河南村, 中山路)
_NOT_AFTER_SHORT = set("村路街巷桥里道")


@cache
def _high_level_only(name: str) -> bool:
    return all(ref.level in ("province", "city", "country", "region") for ref in gazetteer().by_name.get(name, ()))


def own_places(doc: Document) -> list[PlaceRef]:
    """The document's place and its parents: the context that short names resolve against."""
    if doc.place is None:
        return []
    return [doc.place, *gazetteer().ancestors(doc.place)]


def _town_in_context(ref: PlaceRef, doc: Document) -> bool:
    """Towns share names across the country (打通镇 in 重庆, read out of 打通镇街): a town counts
    when it lies in the document's own city or county."""
    gaz = gazetteer()
    if doc.place is None or doc.place.level in ("country", "region"):
        return False  # a national document has no home city: 林业局 is a town in 黑龙江, not here
    home = gaz.at_level(doc.place, "city") or gaz.at_level(doc.place, "county") or doc.place
    return home.code in {a.code for a in gaz.ancestors(ref)}


def _after_its_parent(text: str, start: int, ref: PlaceRef) -> PlaceRef | None:
    """左权县辽阳镇: a town named right after its county or city is that town (of the many 辽阳镇)
    wherever the document is from."""
    gaz = gazetteer()
    for town in gaz.by_name.get(ref.name, [ref]):
        for anc in gaz.ancestors(town)[:2]:
            if text[max(0, start - len(anc.name)):start] == anc.name:
                return town
    return None


def recognise(doc: Document) -> list[Mention]:
    """The document's place mentions; computed once per document, agencies and organisations reuse them."""
    cached = doc.shared.get("places")
    if cached is None:
        cached = doc.shared["places"] = _recognise(doc)
    return list(cached)


def _recognise(doc: Document) -> list[Mention]:
    gaz = gazetteer()
    context = own_places(doc)
    own_names = {p.name for p in context}
    text = doc.text
    out: list[Mention] = []
    boundaries = WordBoundaries(doc)

    def accept(start: int, end: int, full: bool) -> bool:
        # a short name (佛山, 江苏) must be a word of its own: not 丽江 inside 美丽江苏, not 河南 in 河南村;
        # a full name must at least start a word: not 应城市 inside 适应城市
        if full:
            # only county and town names hide inside words (应城市 in 适应城市, 和县 in 市和县);
            # a province or city's full name is itself, which saves most of the jieba calls
            if _high_level_only(text[start:end]):
                return True
            return boundaries.starts(start)
        return boundaries.aligned(start, end) and text[end:end + 1] not in _NOT_AFTER_SHORT

    for m in scan_places(text, accept):
        ref = gaz.choose(gaz.candidates(m.text), context)
        if ref is None:
            continue
        if m.text in gaz.stopwords and ref.name not in own_names:
            continue
        # two-character county names (和县, 沛县) read out of running text (市和县) only count in the
        # document's own province
        if ref.level == "county" and len(m.text) == 2 and (doc.province is None or
                                                           doc.province.code not in {a.code for a in gaz.ancestors(ref)}):
            continue
        if ref.level == "town":
            # 镇街 and 乡镇 are "towns and subdistricts", not the end of a name
            if text[m.end:m.end + 1] in ("街", "镇"):
                continue
            if not _town_in_context(ref, doc):
                ref = _after_its_parent(text, m.start, ref)
                if ref is None:
                    continue
        out.append(Mention(EntityType.PLACE, m.text, m.start, m.end, canonical=ref.name,
                           kind=ref.level, place_code=ref.code, source="gazetteer-" + m.kind))
        if ref.level in ("county", "town"):
            village = _village_after(text, m.end, ref)
            if village is not None:
                out.append(village)
    return out


def _village_after(text: str, pos: int, parent: PlaceRef) -> Mention | None:
    """左权县河南村, 丹巴县基卡依村: a village named right after its county or town. Villages are not in
    the gazetteer; its key is the parent's code and its name, so part_of can place it."""
    m = _VILLAGE.match(text, pos)
    if m is None or any(ch in word_list("village_stopchars.txt")[0] for ch in m.group(1)):
        return None
    name = m.group(0)
    return Mention(EntityType.PLACE, name, m.start(), m.end(), canonical=name, kind="village",
                   place_code=f"{parent.code}/{name}", source="village")
