"""Corpus-level resolution: what only shows across documents.

Each document resolves its own names; a shortened citation in one document
(《法治政府建设实施纲要》) and the full title in another (《法治政府建设实施纲要(2021-2025年)》)
are still one regulation. `renames_for_titles` finds which nodes fold into which from the
regulations' names; `rename_quads` (on quads) and `rename_nquads` (on a shard's text) rewrite a
document's statements so that the short form's node becomes an alias of the full one
(`kg.build.merge_across_documents` applies them)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, Quad

from kg.model import EntityType
from kg.vocab import RDFS, SKOS, Names

_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")


def renames_for_titles(titles: Iterable[str], names: Names) -> dict[NamedNode, NamedNode]:
    """Short regulation nodes → the full node they abbreviate, from the regulations' canonical names
    alone (node IRIs follow from names): a title that extends exactly one other by a trailing
    bracket is its full form."""
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


def rename_nquads(data: bytes, rename: dict[NamedNode, NamedNode]) -> bytes:
    """`rename_quads` on N-Quads text, for one document's shard: the lines that name a renamed node
    are rewritten, the rest are copied as they are, and lines made equal by the renaming are
    dropped. No line is parsed into terms unless it names a renamed node."""
    if not rename or not data:
        return data
    nodes = {f"<{old.value}>".encode(): f"<{new.value}>".encode() for old, new in rename.items()}
    labels = {f"<{p.value}>".encode() for p in (SKOS.prefLabel, RDFS.label)}
    alt_label = f"<{SKOS.altLabel.value}>".encode()
    needle = re.compile(b"|".join(re.escape(n) for n in nodes))
    parts: list[bytes] = []
    done = 0
    for m in needle.finditer(data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        if start < done:
            continue  # a second node on a line already rewritten
        end = data.find(b"\n", m.end())
        end = len(data) if end < 0 else end
        # an IRI holds no spaces: subject and predicate are the first two terms, the object starts the rest
        subject, predicate, rest = data[start:end].split(b" ", 2)
        if subject in nodes:
            subject = nodes[subject]
            if predicate in labels:
                predicate = alt_label  # the short title stays a name of the full one
        if rest.startswith(b"<"):
            close = rest.index(b">") + 1
            rest = nodes.get(rest[:close], rest[:close]) + rest[close:]
        parts += [data[done:start], b" ".join((subject, predicate, rest))]
        done = end
    parts.append(data[done:])
    lines = b"".join(parts).split(b"\n")
    return b"\n".join(dict.fromkeys(line for line in lines if line)) + b"\n"
