"""Link: relations between the resolved entities.

- jurisdiction: a regulation or agency → the place its name begins with (中山市河道管理办法 →
  中山市; 中共中山市委 → 中山市).
- subOrganizationOf: a department → its government or Party committee, from naming
  conventions (中山市司法局 → 中山市人民政府; 中共中山市委全面依法治市委员会 → 中共中山市委).
- partOf: a place → the nearest of its gazetteer ancestors that the document names.

Relations from names and the gazetteer carry the mention they were read from as evidence.
Further linkers (events, agreements) register in `LINKERS`."""

from __future__ import annotations

from collections.abc import Callable

from kg.gazetteer import gazetteer
from kg.lexicon import table
from kg.model import Document, Entity, EntityType, Relation
from kg.recognise.places import scan_places

Linker = Callable[[Document], list[Relation]]


def _leading_place(name: str, doc: Document) -> str:
    """The canonical name of the place a name starts with, if the document names that place."""
    gaz = gazetteer()
    body = name[2:] if name.startswith("中共") else name
    hits = scan_places(body)
    if not hits or hits[0].start != 0:
        return ""
    from kg.recognise.places import own_places

    ref = gaz.choose(gaz.candidates(hits[0].text), own_places(doc))
    return ref.name if ref else ""


def _evidence(ent: Entity) -> tuple[int, int]:
    m = ent.mentions[0] if ent.mentions else None
    return (m.start, m.end) if m else (-1, -1)


def jurisdiction(doc: Document) -> list[Relation]:
    out = []
    places = {e.name for e in doc.entities.values() if e.type is EntityType.PLACE}
    for ent in doc.entities.values():
        if ent.type not in (EntityType.REGULATION, EntityType.AGENCY):
            continue
        place = _leading_place(ent.name, doc)
        if place and place in places:
            s, e = _evidence(ent)
            out.append(Relation(ent.key, "jurisdiction", (EntityType.PLACE, place), s, e, basis="naming"))
    return out


def sub_organization(doc: Document) -> list[Relation]:
    """A body named '<place><department>' belongs to '<place>人民政府' (or the Party committee
    for names under 中共<place>委), when the document names that parent."""
    out = []
    agencies = {e.name for e in doc.entities.values() if e.type is EntityType.AGENCY}
    parents_known = {name: parent for name, _a, parent in table("agencies_known.tsv") if parent}
    for ent in doc.entities.values():
        if ent.type is not EntityType.AGENCY:
            continue
        parent = parents_known.get(ent.name, "")
        if not parent:
            place = _leading_place(ent.name, doc)
            if not place:
                continue
            party = "中共" + place + "委"
            gov = place + "人民政府"
            if ent.name.startswith(party) and ent.name != party:
                parent = party
            elif ent.name not in (gov, party) and not ent.name.startswith(gov + "办公"):
                parent = gov
            elif ent.name.startswith(gov + "办公"):
                parent = gov
        if parent and parent in agencies and parent != ent.name:
            s, e = _evidence(ent)
            out.append(Relation(ent.key, "subOrganizationOf", (EntityType.AGENCY, parent), s, e, basis="naming"))
    return out


def part_of(doc: Document) -> list[Relation]:
    gaz = gazetteer()
    places = {e.place_code: e for e in doc.entities.values() if e.type is EntityType.PLACE and e.place_code}
    out = []
    for code, ent in places.items():
        ref = gaz.by_code.get(code)
        if ref is None:
            continue
        for anc in gaz.ancestors(ref):
            if anc.code in places:
                out.append(Relation(ent.key, "partOf", places[anc.code].key, basis="gazetteer"))
                break
    return out


LINKERS: list[Linker] = [jurisdiction, sub_organization, part_of]


def link(doc: Document) -> Document:
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
