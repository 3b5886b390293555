"""Graph: a linked Document → RDF quads in one named graph per document.

Provenance model: every entity links to its mentions (kg:mention); a mention is a NIF phrase
with its exact text, character offsets into the cleaned document text, its sentence and its
document. A relation read from text is also stated as an rdf:Statement (standard reification)
carrying prov:wasDerivedFrom its sentence, so a user can go from any fact to the words behind it.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg.model import Document, EntityType
from kg.vocab import (
    DCTERMS,
    ENTITY_CLASS,
    KG,
    NIF,
    PLACE_LEVEL_CLASS,
    PROV,
    RDF,
    RDFS,
    RELATION_PROPERTY,
    SCHEMA,
    SKOS,
    XSD,
    Names,
)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _date(value: str) -> Literal:
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def _number(value: float) -> Literal:
    if float(value).is_integer():
        return Literal(str(int(value)), datatype=XSD.integer)
    return Literal(repr(float(value)), datatype=XSD.decimal)


def document_quads(doc: Document, names: Names) -> list[Quad]:
    g = names.graph(doc.id)
    quads: list[Quad] = []

    def add(s: NamedNode, p: NamedNode, o: object) -> None:
        quads.append(Quad(s, p, o, g))

    doc_iri = names.document(doc.id)
    add(doc_iri, RDF.type, KG.Document)
    add(doc_iri, KG.sourceFile, Literal(doc.source))
    add(doc_iri, KG.characters, _int(len(doc.text)))
    if doc.title:
        add(doc_iri, DCTERMS.title, _zh(doc.title))
        add(doc_iri, RDFS.label, _zh(doc.title))
    if doc.date:
        add(doc_iri, DCTERMS.issued, _date(doc.date))
    if doc.year:
        add(doc_iri, KG.reportYear, Literal(str(doc.year), datatype=XSD.gYear))
    if doc.doc_type:
        add(doc_iri, KG.documentKind, Literal(doc.doc_type))
    if doc.publisher_key is not None:
        add(doc_iri, DCTERMS.publisher, names.entity(*doc.publisher_key))
    if doc.place is not None and (EntityType.PLACE, doc.place.name) in doc.entities:
        add(doc_iri, DCTERMS.spatial, names.entity(EntityType.PLACE, doc.place.name))

    section_iri = {}
    for sec in doc.sections:
        s = names.part(doc.id, "section", str(sec.index))
        section_iri[sec.index] = s
        add(s, RDF.type, KG.Section)
        add(s, DCTERMS.isPartOf, doc_iri)
        add(s, KG.number, Literal(sec.number))
        add(s, RDFS.label, _zh(sec.heading))
        add(s, NIF.beginIndex, _int(sec.start))
        add(s, NIF.endIndex, _int(sec.end))

    used_sentences: set[int] = set()

    def sentence_of(start: int) -> NamedNode | None:
        sent = doc.sentence_at(start)
        if sent is None:
            return None
        used_sentences.add(sent.index)
        return names.part(doc.id, "sentence", str(sent.index))

    def provenance(node: NamedNode, text: str, start: int, end: int) -> None:
        add(node, NIF.anchorOf, _zh(text))
        add(node, NIF.beginIndex, _int(start))
        add(node, NIF.endIndex, _int(end))
        add(node, KG.document, doc_iri)
        sent = sentence_of(start)
        if sent is not None:
            add(node, KG.sentence, sent)

    for ent in doc.entities.values():
        e = names.entity(ent.type, ent.name)
        add(e, RDF.type, ENTITY_CLASS[ent.type])
        if ent.type is EntityType.ORGANIZATION:
            add(e, RDF.type, KG.OtherOrganization)  # the non-state part of kg:Organization's union
        if ent.type is EntityType.REGULATION and ent.kind and ent.kind != "Regulation":
            add(e, RDF.type, KG[ent.kind])
        if ent.type is EntityType.PLACE and ent.kind in PLACE_LEVEL_CLASS:
            add(e, RDF.type, KG[PLACE_LEVEL_CLASS[ent.kind]])
        add(e, SKOS.prefLabel, _zh(ent.name))
        add(e, RDFS.label, _zh(ent.name))
        for alias in sorted(ent.aliases):
            add(e, SKOS.altLabel, _zh(alias))
        if ent.place_code.isdigit():  # a GB/T 2260 code (not a named region's or a village's own key)
            add(e, KG.divisionCode, Literal(ent.place_code))
        add(e, DCTERMS.source, doc_iri)
        for m in ent.mentions:
            mi = names.part(doc.id, "mention", f"{m.start}-{m.end}-{ent.type.value}")
            add(mi, RDF.type, KG.Mention)
            add(mi, KG.denotes, e)
            add(e, KG.mention, mi)
            provenance(mi, m.text, m.start, m.end)

    for rel in doc.relations:
        s, o = names.entity(*rel.subject), names.entity(*rel.object)
        p = RELATION_PROPERTY[rel.predicate]
        add(s, p, o)
        st = names.part(doc.id, "statement", Names.digest(rel.subject, rel.predicate, rel.object))
        add(st, RDF.type, RDF.Statement)
        add(st, RDF.subject, s)
        add(st, RDF.predicate, p)
        add(st, RDF.object, o)
        add(st, KG.basis, Literal(rel.basis))
        add(st, PROV.wasDerivedFrom, doc_iri)
        if rel.start >= 0:
            provenance(st, doc.text[rel.start:rel.end], rel.start, rel.end)

    for q in doc.quantities:
        qi = names.part(doc.id, "quantity", f"{q.start}-{q.end}")
        add(qi, RDF.type, SCHEMA.QuantitativeValue)
        add(qi, SCHEMA.value, _number(q.value))
        add(qi, SCHEMA.unitText, _zh(q.unit))
        if q.approx:
            add(qi, KG.approximation, _zh(q.approx))
        if q.about:
            add(qi, KG.aboutText, _zh(q.about))
        if q.about_entity is not None:
            add(qi, KG.about, names.entity(*q.about_entity))
        if q.as_of:
            add(qi, KG.asOf, _date(q.as_of))
        provenance(qi, q.text, q.start, q.end)

    for ev in doc.events:
        ei = names.part(doc.id, "event", f"{ev.start}-{ev.action}-{Names.digest(ev.regulation)}")
        add(ei, RDF.type, KG.RegulationEvent)
        add(ei, KG.regulation, names.entity(*ev.regulation))
        add(ei, KG.action, KG[ev.action])
        add(ei, KG.trigger, _zh(ev.trigger))
        if ev.date:
            add(ei, DCTERMS.date, _date(ev.date))
        if ev.agent is not None:
            add(ei, PROV.wasAssociatedWith, names.entity(*ev.agent))
        provenance(ei, doc.text[ev.start:ev.end], ev.start, ev.end)

    for idx in sorted(used_sentences):
        sent = doc.sentences[idx]
        si = names.part(doc.id, "sentence", str(idx))
        add(si, RDF.type, NIF.Sentence)
        add(si, NIF.anchorOf, _zh(doc.text[sent.start: sent.end]))
        add(si, NIF.beginIndex, _int(sent.start))
        add(si, NIF.endIndex, _int(sent.end))
        add(si, KG.document, doc_iri)
        if sent.section >= 0:
            add(si, KG.section, section_iri[sent.section])
    return quads
