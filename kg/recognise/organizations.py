"""Organizations that are not state organs: companies, groups, universities, hospitals,
associations, recognised by their legal-form or institutional suffix."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import split_cell, table, word_list
from kg.model import Document, EntityType, Mention
from kg.phrases import PhraseMatcher
from kg.pos import first_word_flag
from kg.recognise.agencies import known_bodies
from kg.recognise.places import recognise as recognise_places
from kg.tokens import WordBoundaries


@cache
def _pattern() -> re.Pattern[str]:
    rows = table("organization_suffixes.tsv")
    suffixes = sorted((r[0] for r in rows), key=len, reverse=True)
    # a name is 2-20 Han characters (brackets allowed) ending in a suffix; the left edge is the
    # last clause break or function word, found by the lazy start below
    return re.compile(r"(?P<name>[\u4e00-\u9fff（）()]{2,20}?(?:" + "|".join(map(re.escape, suffixes)) + r"))")


@cache
def _left_stops() -> re.Pattern[str]:
    words = [r[0] for r in table("organization_left_stops.tsv")]
    return re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")


_LEGAL_FORMS = ("有限责任公司", "股份有限公司", "有限公司")
_CONTINUATION = re.compile(r"[)）]?(?:股份有限公司|有限责任公司|有限公司|集团公司|公司)")


@cache
def _known() -> tuple[PhraseMatcher, dict[str, str]]:
    """Every name and alias in organizations_known.tsv → the canonical name."""
    names: dict[str, str] = {}
    for name, *rest in table("organizations_known.tsv"):
        names[name] = name
        for alias in split_cell(rest[0] if rest else ""):
            names.setdefault(alias, name)
    return PhraseMatcher(names), names


def _known_mentions(doc: Document) -> list[Mention]:
    """Known organisations by any of their names; a short name (中国电子, 中石油) only as whole words."""
    matcher, names = _known()
    boundaries = WordBoundaries(doc)
    out = []
    for start, end, name in matcher.find(doc.text):
        if end - start <= 4 and not boundaries.aligned(start, end):
            continue
        out.append(Mention(EntityType.ORGANIZATION, name, start, end, canonical=names[name], source="known"))
    return out


def _opens_with_proper_noun(name: str) -> bool:
    return first_word_flag(name) in ("nt", "nz", "nr", "ns", "eng")


def recognise(doc: Document) -> list[Mention]:
    out: list[Mention] = _known_mentions(doc)  # first: they win a span the suffix rule finds too
    text = doc.text
    generic = set(word_list("organization_generic.txt"))
    agencies = known_bodies()
    place_starts = {p.start for p in recognise_places(doc) if p.kind in ("country", "province", "city")}
    for m in _pattern().finditer(text):
        start, end = m.start("name"), m.end("name")
        # the lazy match stops at the first suffix: 阳泉煤业集团|公司, 淮北矿业（集团|）公司
        more = _CONTINUATION.match(text, end)
        if more:
            end = more.end()
        name = text[start:end]
        # cut at the last function word inside the candidate: 与中国广核集团 → 中国广核集团
        cut = 0
        for s in _left_stops().finditer(name):
            if s.end() <= len(name) - 2:
                cut = s.end()
        start += cut
        # a name usually opens with its place (中国广核…, 香港新华…): start there when one is inside
        inner = [p for p in range(start, end - 2) if p in place_starts]
        if inner and inner[0] > start:
            start = inner[0]
        name = text[start:end]
        # "…负有主要责任的杏儿沟煤业有限责任公司": a name does not hold 的, so it starts after it
        if "的" in name[:-2]:
            start += name.rindex("的", 0, len(name) - 2) + 1
            name = text[start:end]
        if len(name) < 4 or name in generic or name in agencies or "的" in name:
            continue
        if name.endswith(word_list("organization_generic_endings.txt")):
            continue
        if any(w in name for w in word_list("clause_words.txt")):
            continue  # a clause, not a name: 京高校开展国家学院
        # a proper name opens with its place or a proper noun, not a modifier (高水平医院, 新一轮…);
        # a registered company's legal form (有限责任公司) marks a proper name whatever it opens with
        if start not in place_starts and not name.endswith(_LEGAL_FORMS) and not _opens_with_proper_noun(name):
            continue
        out.append(Mention(EntityType.ORGANIZATION, name, start, end, source="suffix"))
    return out
