"""The one place that knows IRIs: namespaces, ontology classes and properties, and how
resources of a build are named. Nothing else spells an IRI.

Resource IRIs are stable: an entity's IRI is made from its type and canonical name, a
document's from its file name, so the same thing gets the same IRI in every run and document.
The base for resources is configurable (`kg build --base`, or GOVKG_BASE)."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

from kg.model import EntityType

ONTOLOGY = "https://w3id.org/govkg/ontology#"
DEFAULT_BASE = os.environ.get("GOVKG_BASE", "https://w3id.org/govkg/id/")

PREFIXES = {
    "kg": ONTOLOGY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "sh": "http://www.w3.org/ns/shacl#",
}


class _Namespace:
    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(self._base + name)
        if not name.startswith("_"):
            self.__dict__[name] = node  # built once: later lookups are plain attribute reads
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)


KG = _Namespace(ONTOLOGY)
RDF = _Namespace(PREFIXES["rdf"])
RDFS = _Namespace(PREFIXES["rdfs"])
XSD = _Namespace(PREFIXES["xsd"])
SKOS = _Namespace(PREFIXES["skos"])
DCTERMS = _Namespace(PREFIXES["dcterms"])
ORG = _Namespace(PREFIXES["org"])
SCHEMA = _Namespace(PREFIXES["schema"])
PROV = _Namespace(PREFIXES["prov"])
NIF = _Namespace(PREFIXES["nif"])

ENTITY_CLASS = {t: KG[t.value] for t in EntityType}
ENTITY_PATH = {
    EntityType.AGENCY: "agency",
    EntityType.ORGANIZATION: "organization",
    EntityType.REGULATION: "regulation",
    EntityType.PROGRAM: "program",
    EntityType.PLACE: "place",
}
PLACE_LEVEL_CLASS = {"country": "Country", "region": "EconomicRegion", "province": "Province",
                     "city": "City", "county": "County", "town": "Town", "village": "Village"}
# relation names used by the linkers → the property that states them
RELATION_PROPERTY = {
    "jurisdiction": KG.jurisdiction,
    "subOrganizationOf": ORG.subOrganizationOf,
    "partOf": SCHEMA.containedInPlace,
    "cooperatesWith": KG.cooperatesWith,
    "issuedBy": KG.issuedBy,
}
ACTIONS = ("issued", "amended", "repealed", "drafting", "planned")


_PLAIN = re.compile(r"[A-Za-z0-9\-_.~]*")


@lru_cache(maxsize=65536)
def _iri_segment(text: str) -> str:
    """Keep letters and digits (Chinese included) readable; percent-encode the rest."""
    if _PLAIN.fullmatch(text):
        return text  # mention and section keys, ASCII slugs: nothing to normalise or encode
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isalnum() or ch in "-_.~":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


class Names:
    """IRIs of the resources one build makes, under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def entity(self, type_: EntityType, name: str) -> NamedNode:
        return NamedNode(f"{self.base}{ENTITY_PATH[type_]}/{_iri_segment(name)}")

    def document(self, doc_id: str) -> NamedNode:
        return NamedNode(f"{self.base}doc/{_iri_segment(doc_id)}")

    def graph(self, doc_id: str) -> NamedNode:
        """The named graph holding everything read from one document."""
        return NamedNode(f"{self.base}graph/{_iri_segment(doc_id)}")

    def part(self, doc_id: str, kind: str, key: str) -> NamedNode:
        """A section, sentence, mention, quantity, event or statement of one document."""
        return NamedNode(f"{self.base}doc/{_iri_segment(doc_id)}/{kind}/{_iri_segment(key)}")

    @staticmethod
    def digest(*parts: object) -> str:
        return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]
