"""Link: relations between the resolved entities, and the events that happened to regulations.

- jurisdiction: a regulation or agency → the place its name names (中山市河道管理办法 → 中山市;
  中共中山市委 → 中山市; 法治中山建设规划 → 中山市; 上海市嘉定区人民政府 → 嘉定区, the most specific).
- subOrganizationOf: a department → its government or Party committee, from naming
  conventions (中山市司法局 → 中山市人民政府; 中共中山市委全面依法治市委员会 → 中共中山市委).
- partOf: a place → the nearest of its gazetteer ancestors that the document names.
- cooperatesWith: the parties of an agreement the text names (与佳木斯市政府、佛山市政府合作协议 →
  the document's own government cooperates with each).
- issuedBy: a regulation → the agency the text says issued it (省政府办公厅印发《…》).

Relations from names carry the mention they were read from as evidence, relations read from a
sentence carry the clause. `link` first reads the regulation events (`kg.events`), which the
issuedBy linker uses; further linkers register in `LINKERS`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache

from kg.events import find_events
from kg.gazetteer import gazetteer
from kg.lexicon import table, word_list
from kg.model import Document, Entity, EntityType, PlaceRef, Relation
from kg.recognise.places import leading_place, own_places, scan_places

Linker = Callable[[Document], list[Relation]]
Key = tuple[EntityType, str]

_CLAUSE_END = "，,；;。！？!?：:\n"
_TITLE = re.compile(r"《[^《》\n]{0,120}》")


def _place_entities(doc: Document) -> dict[str, Entity]:
    """Document places by gazetteer code."""
    return {e.place_code: e for e in doc.entities.values() if e.type is EntityType.PLACE and e.place_code}


@cache
def _organization_suffixes() -> tuple[str, ...]:
    return tuple({row[0] for row in table("organization_suffixes.tsv") if row[0]})


def _places_named_in(name: str, doc: Document, places: dict[str, Entity]) -> list[tuple[int, PlaceRef]]:
    """The document's places a name names, with where they start in the name. A short name
    (中山) counts at the start of the name, or anywhere when it is the document's own place or
    one of its parents (法治中山建设规划); a full name (嘉定区) counts anywhere."""
    gaz = gazetteer()
    context = own_places(doc)
    home = {p.code for p in context}
    offset = 2 if name.startswith("中共") else 0
    out = []
    for hit in scan_places(name[offset:]):
        ref = gaz.choose(gaz.candidates(hit.text), context)
        if ref is None or ref.code not in places:
            continue
        if hit.kind == "short" and hit.start != 0 and ref.code not in home:
            continue
        if hit.kind == "short" and name[offset + hit.end:].startswith(_organization_suffixes()):
            continue  # 浙江大学, 中山大学: an organisation named after the place
        out.append((hit.start, ref))
    return out


def _governed_place(name: str, doc: Document, places: dict[str, Entity]) -> PlaceRef | None:
    """The place a regulation or agency governs: the most specific of the places its name
    names when they nest (上海市嘉定区 → 嘉定区), else the one it starts with."""
    found = _places_named_in(name, doc, places)
    if not found:
        return None
    gaz = gazetteer()
    refs = {ref.code: ref for _s, ref in found}
    for ref in refs.values():
        ancestors = {a.code for a in gaz.ancestors(ref)}
        if all(code == ref.code or code in ancestors for code in refs):
            return ref
    first_start, first = found[0]
    return first if first_start == 0 else None


def _evidence(ent: Entity) -> tuple[int, int]:
    m = ent.mentions[0] if ent.mentions else None
    return (m.start, m.end) if m else (-1, -1)


def _leading_place(name: str, doc: Document) -> str:
    """The canonical name of the place a name starts with, if the document names that place."""
    body = name[2:] if name.startswith("中共") else name
    lead = leading_place(body, own_places(doc))
    return lead[0].name if lead else ""


@cache
def _national_bodies() -> frozenset[str]:
    """National state and Party bodies (agencies_known.tsv): they govern the whole country."""
    return frozenset(row[0] for row in table("agencies_known.tsv"))


def jurisdiction(doc: Document) -> list[Relation]:
    out = []
    places = _place_entities(doc)
    country = gazetteer().country
    for ent in doc.entities.values():
        if ent.type not in (EntityType.REGULATION, EntityType.AGENCY):
            continue
        ref = _governed_place(ent.name, doc, places)
        if ref is None and ent.type is EntityType.AGENCY and ent.name in _national_bodies():
            ref = country if country.code in places else None
        if ref is None:
            continue
        s, e = _evidence(ent)
        out.append(Relation(ent.key, "jurisdiction", places[ref.code].key, s, e, basis="naming"))
    return out


def _place_prefix(name: str) -> str:
    """The chain of place names a body's name opens with (上海市黄浦区房管局 → 上海市黄浦区;
    中共中山市委… → 中山市), when the document names the innermost of them."""
    body = name[2:] if name.startswith("中共") else name
    end = 0
    for hit in scan_places(body):
        if hit.start != end:
            break
        end = hit.end
    return body[:end]


def sub_organization(doc: Document) -> list[Relation]:
    """A body named '<places><department>' belongs to '<places>人民政府' (or the Party committee
    '中共<places>委' for names under it), when the document names that parent."""
    out = []
    agencies = {e.name for e in doc.entities.values() if e.type is EntityType.AGENCY}
    parents_known = {name: parent for name, _a, parent in table("agencies_known.tsv") if parent}
    for ent in doc.entities.values():
        if ent.type is not EntityType.AGENCY:
            continue
        parent = parents_known.get(ent.name, "")
        if not parent:
            # the longest other body whose name opens this one's: 住房和城乡建设部|办公厅
            inside = [a for a in agencies if a != ent.name and ent.name.startswith(a) and len(a) >= 3]
            parent = max(inside, key=len) if inside else ""
        if not parent:
            prefix = _place_prefix(ent.name)
            if not prefix or not _leading_place(ent.name, doc):
                continue
            party = "中共" + prefix + "委"
            gov = prefix + "人民政府"
            if ent.name.startswith(party) and ent.name != party:
                parent = party
            elif ent.name not in (gov, party):
                parent = gov
        if parent and parent in agencies and parent != ent.name:
            s, e = _evidence(ent)
            out.append(Relation(ent.key, "subOrganizationOf", (EntityType.AGENCY, parent), s, e, basis="naming"))
    return out


def part_of(doc: Document) -> list[Relation]:
    gaz = gazetteer()
    places = _place_entities(doc)
    out = []
    for code, ent in places.items():
        parent_code, _, village = code.partition("/")  # a village's key: its parent's code / its name
        ref = gaz.by_code.get(parent_code)
        if ref is None:
            continue
        if village:
            if parent_code in places:
                out.append(Relation(ent.key, "partOf", places[parent_code].key, basis="text"))
            ref_ancestors = gaz.ancestors(ref)
            out += [Relation(ent.key, "partOf", places[a.code].key, basis="gazetteer") for a in ref_ancestors
                    if a.code in places]
            continue
        # every named ancestor, not only the nearest: 左权县 lies in 晋中市 and in 山西省
        for anc in gaz.ancestors(ref):
            if anc.code in places:
                out.append(Relation(ent.key, "partOf", places[anc.code].key, basis="gazetteer"))
    return out


@cache
def _agreement_words() -> re.Pattern[str]:
    words = sorted(word_list("agreement_words.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def own_government(doc: Document) -> Key | None:
    """The government the document speaks for: its publisher, else <own place>人民政府."""
    if doc.publisher_key is not None and doc.publisher_key[0] is EntityType.AGENCY:
        return doc.publisher_key
    if doc.place is not None:
        key = (EntityType.AGENCY, doc.place.name + "人民政府")
        if key in doc.entities:
            return key
    return None


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and pos - i < 200 and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def cooperation(doc: Document) -> list[Relation]:
    """Agreements: '与A、B合作协议', '与A签订…协议', 'A科技创新战略合作协议'. The parties are the
    agencies and organisations named between 与 (or the clause start) and the agreement word;
    the other side is the agency just before 与, else the document's own government."""
    text = doc.text
    parties = sorted(
        ((m.start, m.end, e.key) for e in doc.entities.values()
         if e.type in (EntityType.AGENCY, EntityType.ORGANIZATION) for m in e.mentions),
    )
    own = own_government(doc)
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    # binary searches over the sorted titles and parties: a scan of all of them per agreement word
    # was quadratic (minutes on a long report)
    title_starts = [s for s, _e in titles]
    party_starts = [p[0] for p in parties]

    def in_title(pos: int) -> bool:
        i = bisect_right(title_starts, pos) - 1  # regex matches do not overlap
        return i >= 0 and pos < titles[i][1]

    def starting_in(lo: int, hi: int) -> list[tuple[int, int, Key]]:
        return parties[bisect_left(party_starts, lo):bisect_left(party_starts, hi)]

    out = []
    for hit in _agreement_words().finditer(text):
        if in_title(hit.start()):
            continue  # 《海峡两岸经济合作框架协议》 is a title, not an agreement being made
        lo = _clause_start(text, hit.start())
        with_at = text.rfind("与", lo, hit.start())
        while with_at >= 0 and in_title(with_at):
            with_at = text.rfind("与", lo, with_at)
        inside = [p for p in starting_in(with_at if with_at >= 0 else lo, hit.start()) if p[1] <= hit.start()]
        if with_at < 0:
            # no 与: only a party named right before the agreement word (…集团有限公司战略合作协议)
            inside = [p for p in inside if hit.start() - p[1] <= 12][-1:]
        if not inside:
            continue
        subject = own
        if with_at >= 0:
            before = [p for p in starting_in(lo, with_at) if p[1] <= with_at and with_at - p[1] <= 2]
            if before:
                subject = before[-1][2]
        if subject is None:
            continue
        span_lo = with_at if with_at >= 0 else inside[0][0]
        for _s, _e, key in inside:
            if key != subject:  # the relation is symmetric: state it both ways
                out.append(Relation(subject, "cooperatesWith", key, span_lo, hit.end(), basis="text"))
                out.append(Relation(key, "cooperatesWith", subject, span_lo, hit.end(), basis="text"))
    return out


def issued_by(doc: Document) -> list[Relation]:
    """Who issued a regulation, where an event names the acting agency."""
    return [Relation(ev.regulation, "issuedBy", ev.agent, ev.start, ev.end, basis="text")
            for ev in doc.events if ev.action == "issued" and ev.agent is not None]


LINKERS: list[Linker] = [jurisdiction, sub_organization, part_of, cooperation, issued_by]


def link(doc: Document) -> Document:
    doc.events = find_events(doc)
    rels: list[Relation] = []
    for linker in LINKERS:
        rels.extend(linker(doc))
    seen = set()
    doc.relations = []
    for r in rels:
        k = (r.subject, r.predicate, r.object)
        if k not in seen:
            seen.add(k)
            doc.relations.append(r)
    return doc
