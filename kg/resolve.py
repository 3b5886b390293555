"""Resolve: give every mention its canonical name using the document's context, and group
mentions into one Entity per real-world thing.

市司法局 in a Zhongshan report → 中山市司法局; 市委 → 中共中山市委; 省政府 → 广东省人民政府;
X市政府 → X市人民政府; 《审计法》 → 中华人民共和国审计法; a shortened citation
(《法治政府建设实施纲要》) joins the full title (《法治政府建设实施纲要(2021-2025年)》)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from kg.gazetteer import gazetteer
from kg.lexicon import table
from kg.model import Document, Entity, EntityType, Mention, PlaceRef
from kg.recognise.agencies import known_bodies, rules
from kg.recognise.places import leading_place, own_places, scan_places

_SPACE_QUOTES = re.compile(r"[\s\u3000]")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")


def normalise(name: str) -> str:
    """The form names are compared in: NFKC, no white space, 〔〕 as ()."""
    s = unicodedata.normalize("NFKC", name)
    s = s.replace("〔", "(").replace("〕", ")")
    return _SPACE_QUOTES.sub("", s)


@cache
def _suffix_canon() -> list[tuple[str, str]]:
    return sorted(((s, c or s) for s, c, *_ in table("agency_suffixes.tsv")), key=lambda x: -len(x[0]))


def _level_place(doc: Document, ch: str) -> PlaceRef | None:
    gaz = gazetteer()
    level = {"省": "province", "市": "city", "区": "county", "县": "county", "镇": "town", "乡": "town"}[ch]
    return gaz.at_level(doc.place, level)


def canonical_agency(text: str, doc: Document) -> str:
    """The full official name of an agency span, or "" when it cannot stand for one body."""
    name = normalise(text)
    known = known_bodies()
    if name in known:
        return known[name]
    party = name.startswith("中共")
    rest = name[2:] if party else name
    place: PlaceRef | None = None
    lead = leading_place(rest, own_places(doc))
    if lead is not None:
        place, rest = lead[0], rest[lead[1]:]
    elif rest and rest[0] in rules()["level_chars"]:
        place = _level_place(doc, rest[0])
        rest = rest[1:]
    if place is None or not rest or not rest.endswith(tuple(s for s, _c in _suffix_canon())):
        return ""
    for suffix, canon in _suffix_canon():
        if rest.endswith(suffix):
            if suffix == "政府" and rest.endswith("人民政府"):
                break
            rest = rest[: -len(suffix)] + canon
            break
    full = qualified_place_name(place)
    if rest == "委" or (rest.startswith("委") and len(rest) > 1 and not rest.startswith("委员会")):
        return "中共" + full + rest
    return full + rest


def qualified_place_name(place: PlaceRef) -> str:
    """The place as an agency's full name carries it: a district with its city in front (上海市嘉定区,
    广州市海珠区); a county, banner or county-level city alone, as its own bodies sign
    (左权县人民政府, 晋江市司法局); a town with its county so named (上海市虹口区欧阳路街道,
    左权县辽阳镇) or, where no county stands between, with its city (中山市小榄镇); a province or
    city alone (广东省, 中山市)."""
    if place.level not in ("county", "town"):
        return place.name
    gaz = gazetteer()
    county = gaz.at_level(place, "county") if place.level == "town" else None
    if county is not None and county != place:
        return qualified_place_name(county) + place.name
    if place.level == "county" and not place.name.endswith("区"):
        return place.name
    parent = gaz.at_level(place, "city")
    return (parent.name if parent is not None else "") + place.name


def canonical_regulation(text: str) -> str:
    name = normalise(text)
    hits = scan_places(name)
    if len(hits) >= 2 and hits[0].start == 0 and hits[1].start == hits[0].end and hits[0].text == hits[1].text:
        name = name[hits[0].end:]  # 新余市新余市…: a doubled place is a typing slip
    if re.search(r"(?<![法])法(典)?$", name) and not name.startswith("中华人民共和国") and len(name) <= 16:
        if leading_place(name, []) is None:
            return "中华人民共和国" + name
    return name


def resolve(doc: Document) -> Document:
    resolved: list[Mention] = []
    for m in doc.mentions:
        canon = m.canonical
        if m.type is EntityType.AGENCY and m.source == "proper-name":
            canon = normalise(m.text)  # named as written: 湾区西岸(中山)经贸法律服务中心
        elif m.type is EntityType.AGENCY and m.source == "provincial-department" and doc.province is not None:
            canon = doc.province.name + normalise(m.text)  # 自然资源厅 in a Sichuan report
        elif m.type is EntityType.AGENCY and not canon:
            canon = canonical_agency(m.text, doc)
        elif m.type is EntityType.REGULATION:
            canon = canonical_regulation(m.text)
        elif not canon:
            canon = normalise(m.text)
        if canon:
            resolved.append(replace(m, canonical=canon))
    resolved = join_short_citations(resolved)
    abbreviations = defined_abbreviations(doc.text, resolved)
    if abbreviations:
        # the defined short form wins over a reading of the same words on their own (《许可法》)
        taken = {(a.start, a.end) for a in abbreviations}
        resolved = [m for m in resolved if (m.start, m.end) not in taken] + abbreviations
    doc.mentions = resolved
    doc.entities = group(resolved)
    resolve_publisher(doc)
    return doc


def resolve_publisher(doc: Document) -> None:
    """The header's publisher becomes an Agency node; its mention is the header's words. Without a
    header, a title "<agency>关于…" or "<agency><year>年…" names the publisher."""
    if "政府工作报告" in doc.title and doc.place is not None and doc.place.level != "country":
        # a government work report is the government's, whatever newspaper printed it (来源：北京日报)
        doc.publisher = qualified_place_name(doc.place) + "人民政府"
    if not doc.publisher:
        # 国务院办公厅关于…的通知, 遂宁市司法局2022年法治政府建设情况报告
        m = re.match(r"^(.{2,30}?)(?:关于|转发|(?=\d{4}年))", doc.title)
        issuer = m.group(1) if m else ""
        lead = leading_place(issuer, own_places(doc)) if issuer else None
        if issuer and (issuer in known_bodies() or canonical_agency(issuer, doc)):
            doc.publisher = issuer
        elif lead is not None and lead[1] == len(issuer) and "法治政府建设" in doc.title:
            # 阜城县关于2022年度法治政府建设情况报告: the rule-of-law report is the government's own
            # (法治政府建设与责任落实督察工作规定 has each government report yearly)
            doc.publisher = issuer + "人民政府"
    if not doc.publisher:
        return
    name = known_bodies().get(normalise(doc.publisher)) or canonical_agency(doc.publisher, doc)
    type_ = EntityType.AGENCY
    if not name:
        # not a state organ (来源：北京日报): the publisher is still one organisation
        name, type_ = normalise(doc.publisher), EntityType.ORGANIZATION
    key = (type_, name)
    doc.publisher_key = key
    if key not in doc.entities:
        start = doc.text.find(doc.publisher)
        ent = doc.entities[key] = Entity(type_, name)
        if start >= 0:
            m = Mention(type_, doc.publisher, start, start + len(doc.publisher), canonical=name,
                        source="header")
            ent.mentions.append(m)
            doc.mentions.append(m)
        if normalise(doc.publisher) != name:
            ent.aliases.add(normalise(doc.publisher))


_ABBREVIATION = re.compile(r"\s*[（(]\s*(?:以下)?简称\s*[“\"《]?(?P<alias>[^”\"》）)，,、；;\s]{2,15})[”\"》]?\s*[）)]")


def defined_abbreviations(text: str, mentions: list[Mention]) -> list[Mention]:
    """X（以下简称“Y”）: every later Y is a mention of X's entity, and Y one of its names."""
    out: list[Mention] = []
    for m in mentions:
        end = m.end + 1 if text[m.end:m.end + 1] in "》”\"" else m.end
        d = _ABBREVIATION.match(text, end)
        if d is None:
            continue
        alias = d.group("alias")
        pos = d.start("alias")
        while pos >= 0:
            out.append(replace(m, text=alias, start=pos, end=pos + len(alias), source="abbreviation"))
            pos = text.find(alias, pos + len(alias))
    return out


def join_short_citations(mentions: list[Mention]) -> list[Mention]:
    """《X》 joins 《X(2021-2025年)》 when exactly one longer title extends it by a bracket."""
    titles = {m.canonical for m in mentions if m.type is EntityType.REGULATION}
    extends: dict[str, set[str]] = {}
    for t in titles:
        base = _TRAILING_BRACKET.sub("", t)
        if base != t and base:
            extends.setdefault(base, set()).add(t)
    mapping = {base: next(iter(full)) for base, full in extends.items() if len(full) == 1}
    out = [replace(m, canonical=mapping[m.canonical])
           if m.type is EntityType.REGULATION and m.canonical in mapping else m for m in mentions]
    # 《决定》 alone, after 《国务院关于投资体制改革的决定》: the nearest earlier title of that kind
    # (《纲要》《规划》 with none before them are dropped)
    kinds = {k for k, _c in table("regulation_kinds.tsv")}
    last_of_kind: dict[str, str] = {}
    for m in sorted(range(len(out)), key=lambda j: out[j].start):
        cur = out[m]
        if cur.type is not EntityType.REGULATION:
            continue
        if cur.canonical in kinds:
            # a bare kind with no title of its kind before it names nothing this text identifies
            out[m] = replace(cur, canonical=last_of_kind.get(cur.canonical, ""))
            continue
        for k in kinds:
            if cur.canonical.endswith(k) and cur.canonical != k:
                last_of_kind[k] = cur.canonical
    return [m for m in out if m.canonical]


def _without_leading_place(name: str, named: frozenset[str] = frozenset()) -> str:
    """安徽省淮北矿业(集团)公司 → 淮北矿业(集团)公司: the form a company is also known by."""
    lead = leading_place(name, [])
    if lead is not None:
        rest = name[lead[1]:]
        # only when what is left still opens with its own place (山西|阳泉煤业…), never 北京|工业大学,
        # or when the document itself names it so (安徽芦岭煤矿 and 芦岭煤矿)
        if lead[0].level == "province" and len(rest) >= 4 and (leading_place(rest, []) is not None or rest in named):
            return rest
    return ""


def group(mentions: list[Mention]) -> dict[tuple[EntityType, str], Entity]:
    entities: dict[tuple[EntityType, str], Entity] = {}
    # an organisation named with and without its province is one organisation
    orgs = sorted({m.canonical for m in mentions if m.type is EntityType.ORGANIZATION}, key=len, reverse=True)
    named = frozenset(orgs)
    short_to_full: dict[str, str] = {}
    by_plain: dict[str, str] = {}
    for name in orgs:
        short = _without_leading_place(name, named)
        if short:
            short_to_full.setdefault(short, name)
        # 淮北矿业(集团)公司 and 淮北矿业集团公司 are one company
        plain = re.sub(r"[()]", "", short or name)
        if plain in by_plain and by_plain[plain] != name:
            short_to_full.setdefault(name, by_plain[plain])
        by_plain.setdefault(plain, short_to_full.get(short, name) if short else name)
    mentions = [replace(m, canonical=short_to_full[m.canonical])
                if m.type is EntityType.ORGANIZATION and m.canonical in short_to_full else m for m in mentions]
    for m in mentions:
        key = (m.type, m.canonical)
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(m.type, m.canonical, kind=m.kind, place_code=m.place_code)
        ent.mentions.append(m)
        alias = normalise(m.text)
        if alias != m.canonical:
            ent.aliases.add(alias)
    for full_name in set(short_to_full.values()):
        ent = entities.get((EntityType.ORGANIZATION, full_name))
        if ent is not None:
            ent.aliases.add(_without_leading_place(full_name))
    return entities
