"""Views over several processed documents: entities merged across documents, one per
real-world thing, with every document's mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Document, EntityType, Relation


@dataclass
class MergedMention:
    doc_id: str
    doc_title: str
    section: str
    text: str
    sentence: str
    start: int
    end: int


@dataclass
class MergedEntity:
    type: EntityType
    name: str
    aliases: set[str] = field(default_factory=set)
    kind: str = ""
    mentions: list[MergedMention] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)


def merge_entities(docs: list[Document]) -> dict[tuple[EntityType, str], MergedEntity]:
    merged: dict[tuple[EntityType, str], MergedEntity] = {}
    for doc in docs:
        for key, ent in doc.entities.items():
            me = merged.get(key)
            if me is None:
                me = merged[key] = MergedEntity(ent.type, ent.name, kind=ent.kind)
            me.aliases |= ent.aliases
            me.documents.add(doc.id)
            for m in ent.mentions:
                sent = doc.sentence_at(m.start)
                sec = doc.sections[sent.section] if sent is not None and sent.section >= 0 else None
                me.mentions.append(MergedMention(
                    doc.id, doc.title or doc.id,
                    f"{sec.number}{sec.heading}" if sec else "",
                    m.text, doc.text[sent.start:sent.end] if sent else m.text, m.start, m.end))
    return merged


def merge_relations(docs: list[Document]) -> list[Relation]:
    seen: dict[tuple, Relation] = {}
    for doc in docs:
        for r in doc.relations:
            seen.setdefault((r.subject, r.predicate, r.object), r)
    return list(seen.values())
