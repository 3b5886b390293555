"""Corpus-level resolution: what only shows across documents.

Each document resolves its own names; a shortened citation in one document
(《法治政府建设实施纲要》) and the full title in another (《法治政府建设实施纲要(2021-2025年)》)
are still one regulation. `unify_short_citations` rewrites the quads of a multi-document build so
that the short form's node becomes an alias of the full one."""

from __future__ import annotations

import re

from pyoxigraph import NamedNode, Quad

from kg.model import EntityType
from kg.vocab import ENTITY_CLASS, RDF, RDFS, SKOS, Names

_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")


def unify_short_citations(quads: list[Quad], names: Names) -> list[Quad]:
    regulation = ENTITY_CLASS[EntityType.REGULATION]
    regs = {q.subject for q in quads if q.predicate == RDF.type and q.object == regulation}
    labels: dict[NamedNode, str] = {}
    for q in quads:
        if q.predicate == SKOS.prefLabel and q.subject in regs:
            labels[q.subject] = q.object.value
    extends: dict[str, set[str]] = {}
    for label in labels.values():
        base = _TRAILING_BRACKET.sub("", label)
        if base != label and base:
            extends.setdefault(base, set()).add(label)
    rename: dict[NamedNode, NamedNode] = {}
    for node, label in labels.items():
        full = extends.get(label)
        if full and len(full) == 1:
            rename[node] = names.entity(EntityType.REGULATION, next(iter(full)))
    if not rename:
        return quads
    out: list[Quad] = []
    for q in quads:
        s, o, p = rename.get(q.subject, q.subject), q.object, q.predicate
        if isinstance(o, NamedNode):
            o = rename.get(o, o)
        if q.subject in rename and p in (SKOS.prefLabel, RDFS.label):
            p = SKOS.altLabel  # the short title stays a name of the full one
        out.append(Quad(s, p, o, q.graph_name))
    return list(dict.fromkeys(out))
