import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from tests.conftest import ROOT

KG = rdflib.Namespace("https://w3id.org/govkg/ontology#")


def test_ontology_parses_and_aligns_to_standard_vocabularies():
    g = rdflib.Graph().parse(ROOT / "ontology" / "govkg.ttl")
    assert (KG.Agency, RDFS.subClassOf, KG.Organization) in g
    supers = {str(o) for c in (KG.Organization, KG.Agency, KG.Regulation, KG.Place) for o in g.objects(c, RDFS.subClassOf)}
    assert "http://www.w3.org/ns/org#Organization" in supers
    assert "https://schema.org/GovernmentOrganization" in supers
    assert "https://schema.org/Legislation" in supers
    assert "http://data.europa.eu/eli/ontology#LegalResource" in supers
    assert "https://schema.org/AdministrativeArea" in supers
    for cls in g.subjects(RDF.type, OWL.Class):
        if isinstance(cls, rdflib.URIRef):
            langs = {lbl.language for lbl in g.objects(cls, RDFS.label)}
            assert {"en", "zh"} <= langs, cls


def test_every_class_the_graph_uses_is_declared(sample_doc):
    from kg.graph import document_quads
    from kg.vocab import ONTOLOGY, Names

    g = rdflib.Graph().parse(ROOT / "ontology" / "govkg.ttl")
    declared = set(g.subjects(RDF.type, OWL.Class))
    used = {q.object.value for q in document_quads(sample_doc, Names())
            if q.predicate.value == str(RDF.type) and q.object.value.startswith(ONTOLOGY)}
    assert used and all(rdflib.URIRef(u) in declared for u in used)
