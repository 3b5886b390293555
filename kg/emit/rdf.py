"""RDF serialisations, written in bulk by pyoxigraph (about 30x faster than rdflib's Turtle).

Turtle, N-Triples and JSON-LD hold the merged triples of a build; TriG and N-Quads keep one named
graph per document. JSON-LD is compacted with the context shipped in `ontology/context.jsonld`
(terms such as `prefLabel`, `mention`, `jurisdiction`), embedded so the file reads offline."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse, serialize

from kg.ontology import CONTEXT, ontology_file
from kg.vocab import PREFIXES, RDF, XSD

_RDF_TYPE = RDF.type
_XSD_STRING = XSD.string.value
_LANG_STRING = RDF.langString.value


def _triples(build) -> Iterable:
    """The distinct triples: a list, or for a streamed build its N-Triples file parsed in bulk."""
    if build.streamed:
        return parse(path=str(build.ntriples()), format=RdfFormat.N_TRIPLES)
    return build.triples()


def prefixes_for(base: str) -> dict[str, str]:
    """The prefixes a Turtle or TriG file of a build declares."""
    paths = ("agency", "organization", "regulation", "program", "place", "doc")
    return {**PREFIXES, "id": base, **{p: f"{base}{p}/" for p in paths}}


def _prefixes(build) -> dict[str, str]:
    return prefixes_for(build.names.base)


@dataclass(frozen=True)
class TurtlePart:
    """One document's share of a corpus Turtle file, made where the document is extracted (in a
    worker, in parallel): the triples about its own parts (IRIs under …/doc/<id>), which no other
    document states, as Turtle without prefix lines; and the triples about shared nodes
    (entities), which the writer de-duplicates across documents, as N-Triples. The graph has no
    blank nodes, so Turtle chunks can be concatenated."""

    own: bytes
    shared: bytes
    own_count: int


def turtle_part(quads: Iterable, document_iri: str, base: str, all_shared: bool = False) -> TurtlePart:
    """Split a document's statements into its TurtlePart; `all_shared` treats every statement as
    shared (two inputs with one document id state the same parts)."""
    own, shared = [], []
    inside = document_iri + "/"
    # one document's quads share one graph: distinct quads are distinct triples, and a Triple is
    # made for each only as the serialiser takes it (a large document holds no second copy)
    for q in dict.fromkeys(quads):
        s = q.subject.value
        (own if not all_shared and (s == document_iri or s.startswith(inside)) else shared).append(q)
    text = serialize((q.triple for q in own), format=RdfFormat.TURTLE, prefixes=prefixes_for(base)) if own else b""
    nt = serialize((q.triple for q in shared), format=RdfFormat.N_TRIPLES) if shared else b""
    return TurtlePart(_without_prefix_lines(text), nt, len(own))


def _without_prefix_lines(text: bytes) -> bytes:
    lines = text.split(b"\n")
    first = 0
    while first < len(lines) and lines[first].startswith(b"@prefix "):
        first += 1
    return b"\n".join(lines[first:])


def write_turtle(build, path: Path) -> None:
    if build.turtle_parts is None:
        serialize(_triples(build), str(path), RdfFormat.TURTLE, prefixes=_prefixes(build))
        return
    # a corpus: the shared statements once (gathered from every part first), then each document's own
    shared: dict[bytes, None] = {}
    count = 0
    for part in build.turtle_parts():
        shared.update(dict.fromkeys(line for line in part.shared.split(b"\n") if line))
        count += part.own_count
    prefixes = _prefixes(build)
    with open(path, "wb") as f:
        f.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in prefixes.items()).encode("utf-8"))
        if shared:
            entities = parse(b"\n".join(shared) + b"\n", format=RdfFormat.N_TRIPLES)
            f.write(_without_prefix_lines(serialize(entities, format=RdfFormat.TURTLE, prefixes=prefixes)))
        for part in build.turtle_parts():
            f.write(part.own)
    build.set_triple_count(count + len(shared))


def write_ntriples(build, path: Path) -> None:
    if build.streamed:
        shutil.copyfile(build.ntriples(), path)
    else:
        serialize(_triples(build), str(path), RdfFormat.N_TRIPLES)


def write_nquads(build, path: Path) -> None:
    if build.streamed:  # the shards' text, renamed where the merge needs it: nothing parsed
        with open(path, "wb") as f:
            for shard in build.quads.shards:
                f.write(build.quads.nquads(shard))
    else:
        serialize(build.quads, str(path), RdfFormat.N_QUADS)


def write_trig(build, path: Path) -> None:
    serialize(build.quads, str(path), RdfFormat.TRIG, prefixes=_prefixes(build))


# ---------------------------------------------------------------- compact JSON-LD

@cache
def _context() -> dict:
    return json.loads(ontology_file(CONTEXT).read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Chooses, for each (property, value), the context term whose coercion fits the value, and
    falls back to the property's prefixed name with a full value object when none does."""

    def __init__(self, context: dict, base: str) -> None:
        self.base = base
        self.prefixes = {k: v for k, v in context.items() if isinstance(v, str)}
        self.terms: dict[str, list[tuple[str, dict]]] = {}
        for term, definition in context.items():
            if isinstance(definition, dict):
                iri = self.expand(definition["@id"])
                self.terms.setdefault(iri, []).append((term, definition))

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else curie

    def curie(self, iri: str) -> str:
        for prefix, ns in self.prefixes.items():
            local = iri[len(ns):]
            if iri.startswith(ns) and local and ":" not in local and "/" not in local:
                return f"{prefix}:{local}"
        return iri

    def node_id(self, term: NamedNode | BlankNode) -> str:
        if isinstance(term, BlankNode):
            return f"_:{term.value}"
        iri = term.value
        rest = iri[len(self.base):]
        # base-relative only when the rest cannot be read as a prefixed name or an absolute path
        if iri.startswith(self.base) and rest and rest[0] not in "/?#." and ":" not in rest:
            return rest
        return self.curie(iri)

    def entry(self, predicate: NamedNode, obj) -> tuple[str, object]:
        for term, d in self.terms.get(predicate.value, ()):
            coerce = d.get("@type")
            if isinstance(obj, NamedNode | BlankNode):
                if coerce == "@id":
                    return term, self.node_id(obj)
                if coerce == "@vocab" and isinstance(obj, NamedNode):
                    return term, self.curie(obj.value)
            elif isinstance(obj, Literal):
                if "@language" in d and obj.language == d["@language"]:
                    return term, obj.value
                if coerce and coerce.startswith(("xsd:", "http")) and obj.datatype.value == self.expand(coerce):
                    return term, obj.value
                if "@language" not in d and not coerce and obj.datatype.value == _XSD_STRING:
                    return term, obj.value
        return self.curie(predicate.value), self.value_object(obj)

    def value_object(self, obj) -> dict:
        if isinstance(obj, NamedNode | BlankNode):
            return {"@id": self.node_id(obj)}
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        if obj.datatype.value in (_XSD_STRING, _LANG_STRING):
            return {"@value": obj.value}
        return {"@value": obj.value, "@type": self.curie(obj.datatype.value)}


def write_jsonld(build, path: Path) -> None:
    """Compact JSON-LD: one node object per subject under `@graph`, keyed by context terms."""
    base = build.names.base
    c = _Compactor(_context(), base)
    nodes: dict[object, dict] = {}
    for t in _triples(build):
        node = nodes.setdefault(t.subject, {"@id": c.node_id(t.subject)})
        if t.predicate == _RDF_TYPE and isinstance(t.object, NamedNode):
            node.setdefault("@type", []).append(c.curie(t.object.value))
            continue
        key, value = c.entry(t.predicate, t.object)
        node.setdefault(key, []).append(value)
    for node in nodes.values():
        for key, values in node.items():
            if isinstance(values, list) and len(values) == 1:
                node[key] = values[0]
    doc = {"@context": [_context(), {"@base": base}], "@graph": list(nodes.values())}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
