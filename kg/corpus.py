"""Corpus-level resolution: what only shows across documents.

Each document resolves its own names; a shortened citation in one document
(《法治政府建设实施纲要》) and the full title in another (《法治政府建设实施纲要(2021-2025年)》)
are still one regulation. `unify_short_citations` rewrites the quads of a multi-document build so
that the short form's node becomes an alias of the full one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, Quad

from kg.model import EntityType
from kg.vocab import ENTITY_CLASS, RDF, RDFS, SKOS, Names

_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")


def unify_short_citations(quads: list[Quad], names: Names) -> list[Quad]:
    """The quads with every short regulation node renamed to its full one (duplicates dropped)."""
    rename = short_citation_renames(quads, names)
    if not rename:
        return quads
    return list(dict.fromkeys(rename_quads(quads, rename)))


def short_citation_renames(quads: Iterable[Quad], names: Names) -> dict[NamedNode, NamedNode]:
    """Short regulation nodes → the full node they abbreviate, in one pass (so the quads can be a
    stream read from the build's shards)."""
    regulation = ENTITY_CLASS[EntityType.REGULATION]
    rdf_type, pref_label = RDF.type, SKOS.prefLabel
    regs: set[NamedNode] = set()
    all_labels: dict[NamedNode, str] = {}
    for q in quads:
        if q.predicate == rdf_type and q.object == regulation:
            regs.add(q.subject)
        elif q.predicate == pref_label:
            all_labels[q.subject] = q.object.value
    return renames_for_titles((label for node, label in all_labels.items() if node in regs), names)


def renames_for_titles(titles: Iterable[str], names: Names) -> dict[NamedNode, NamedNode]:
    """The same, from the regulations' canonical names alone (node IRIs follow from names), so a
    build that knows its entities need not scan its quads."""
    titles = set(titles)
    extends: dict[str, set[str]] = {}
    for title in titles:
        base = _TRAILING_BRACKET.sub("", title)
        if base != title and base:
            extends.setdefault(base, set()).add(title)
    rename: dict[NamedNode, NamedNode] = {}
    for title in titles:
        full = extends.get(title)
        if full and len(full) == 1:
            rename[names.entity(EntityType.REGULATION, title)] = names.entity(EntityType.REGULATION, next(iter(full)))
    return rename


def rename_quads(quads: Iterable[Quad], rename: dict[NamedNode, NamedNode]) -> Iterator[Quad]:
    """The quads with renamed nodes; a renamed node's own labels become altLabels of the full one."""
    labels = (SKOS.prefLabel, RDFS.label)
    for q in quads:
        s, o = q.subject, q.object
        new_s, new_o = rename.get(s), rename.get(o) if isinstance(o, NamedNode) else None
        if new_s is None and new_o is None:
            yield q  # most quads touch no renamed node: no new Quad
            continue
        p = q.predicate
        if new_s is not None and p in labels:
            p = SKOS.altLabel  # the short title stays a name of the full one
        yield Quad(s if new_s is None else new_s, p, o if new_o is None else new_o, q.graph_name)
