"""What the explorer page shows, read back from the RDF graph.

`kg build` (from the quads it just made) and `kg view` (from a .ttl on disk) both go through
`from_triples`, so the page shows exactly what the graph states: entities with their names,
mentions and source sentences, the relations between them, and the quantities and regulation
events attached to them. Selection (`most_connected`, `neighbourhood`) works on this small
model, not on RDF."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError
from kg.model import EntityType
from kg.vocab import (
    DCTERMS,
    ENTITY_CLASS,
    KG,
    NIF,
    ONTOLOGY,
    PROV,
    RDF,
    RDFS,
    RELATION_PROPERTY,
    SCHEMA,
    SKOS,
)


@dataclass(frozen=True, slots=True)
class Source:
    """A sentence the graph cites, and where it stands."""

    document: int  # index into PageGraph.documents
    section: str  # number and heading, "" before the first heading
    text: str
    begin: int  # character offset, for reading order


@dataclass(frozen=True, slots=True)
class PageQuantity:
    value: str
    unit: str
    text: str  # as written
    about: str = ""
    approx: str = ""
    as_of: str = ""
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class PageEvent:
    action: str  # issued, amended, repealed, drafting, planned
    trigger: str
    date: str = ""
    agent: str = ""  # canonical name of the acting entity
    source: Source | None = None


@dataclass(slots=True)
class PageNode:
    iri: str
    type: EntityType
    name: str
    kind: str = ""  # regulation kind or place level, from the extra rdf:type
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    documents: set[int] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)
    quantities: list[PageQuantity] = field(default_factory=list)
    events: list[PageEvent] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageEdge:
    source: str  # entity IRI
    target: str
    relation: str  # a key of kg.vocab.RELATION_PROPERTY
    evidence: Source | None = None


@dataclass(slots=True)
class PageGraph:
    documents: list[str]  # titles, in source-file order
    nodes: dict[str, PageNode]  # by IRI
    edges: list[PageEdge]
    total_entities: int = 0  # in the whole graph, before any selection
    # (source file, document IRI) of each document: the order `documents` is in
    document_keys: list[tuple[str, str]] = field(default_factory=list)

    def keep(self, iris: Iterable[str]) -> PageGraph:
        """The subgraph on these nodes (edges with both ends kept)."""
        wanted = set(iris)
        nodes = {i: n for i, n in self.nodes.items() if i in wanted}
        edges = [e for e in self.edges if e.source in nodes and e.target in nodes]
        return replace(self, nodes=nodes, edges=edges)

    def degrees(self) -> dict[str, int]:
        deg = dict.fromkeys(self.nodes, 0)
        for e in self.edges:
            deg[e.source] += 1
            deg[e.target] += 1
        return deg


_CLASS_TYPE = {c.value: t for t, c in ENTITY_CLASS.items()}
_RELATION_NAME = {p.value: name for name, p in RELATION_PROPERTY.items()}


def _local(iri: str) -> str:
    return iri.removeprefix(ONTOLOGY)


class _ByPredicate:
    """Statements grouped by predicate. Grouping keys on the predicate term itself; the subject
    strings are made only for the predicates the page asks for (a third of the build's quads are
    offsets, types and links it never reads). A list of statements is in memory already and is
    grouped as it is; a stream (a large build read from its shards) keeps only subject and object
    of each, so its statements are not all held at once."""

    def __init__(self, triples: Iterable) -> None:
        grouped: dict = defaultdict(list)
        self._held = isinstance(triples, list)
        if self._held:
            for t in triples:
                grouped[t.predicate].append(t)
        else:
            for t in triples:
                grouped[t.predicate].append((t.subject, t.object))
        self._grouped = {p.value: ts for p, ts in grouped.items()}
        self._pairs: dict[str, list[tuple]] = {}

    def get(self, predicate: str, default: Iterable = ()) -> Iterable[tuple]:
        """(subject IRI, object term) of every statement with this predicate."""
        pairs = self._pairs.get(predicate)
        if pairs is None:
            statements = self._grouped.pop(predicate, None)
            if statements is None:
                return default
            if self._held:
                pairs = [(t.subject.value, t.object) for t in statements]
            else:
                pairs = [(s.value, o) for s, o in statements]
            self._pairs[predicate] = pairs
        return pairs


def from_triples(triples: Iterable) -> PageGraph:
    """Read the page model from RDF triples or quads (anything with subject, predicate, object)."""
    by_pred = _ByPredicate(triples)

    def one(pred) -> dict[str, str]:
        return {s: o.value for s, o in by_pred.get(pred.value, ())}

    # documents, sections, sentences: what a Source is made of
    doc_files = {s: o.value for s, o in by_pred.get(KG.sourceFile.value, ())}
    titles = one(DCTERMS.title)
    doc_order = sorted(doc_files, key=lambda d: (doc_files[d], d))
    doc_index = {d: i for i, d in enumerate(doc_order)}
    documents = [titles.get(d) or Path(doc_files[d]).stem for d in doc_order]
    numbers = one(KG.number)
    anchors = one(NIF.anchorOf)
    begins = {s: int(o.value) for s, o in by_pred.get(NIF.beginIndex.value, ())}
    sentence_of = one(KG.sentence)
    document_of = one(KG.document)
    section_of = one(KG.section)
    section_label = _section_labels(by_pred, numbers)

    def source(node: str) -> Source | None:
        sent = sentence_of.get(node)
        doc = document_of.get(node)
        if sent is None or sent not in anchors or doc not in doc_index:
            return None
        return Source(doc_index[doc], section_label.get(section_of.get(sent, ""), ""), anchors[sent], begins.get(sent, 0))

    # entities
    nodes: dict[str, PageNode] = {}
    extra_types: dict[str, list[str]] = defaultdict(list)
    for s, o in by_pred.get(RDF.type.value, ()):
        t = _CLASS_TYPE.get(o.value)
        if t is not None:
            nodes[s] = PageNode(s, t, "")
        elif o.value.startswith(ONTOLOGY):
            extra_types[s].append(_local(o.value))
    for s, o in by_pred.get(SKOS.prefLabel.value, ()):
        if s in nodes:
            nodes[s].name = o.value
    for s, o in by_pred.get(SKOS.altLabel.value, ()):
        if s in nodes:
            nodes[s].aliases.append(o.value)
    for iri, node in nodes.items():
        node.name = node.name or iri.rsplit("/", 1)[-1]
        node.aliases = sorted(set(node.aliases))  # several documents may give the same alias
        node.kind = next((k for k in sorted(extra_types.get(iri, ())) if k != node.type.value), "")

    seen_sentences: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for e, o in by_pred.get(KG.mention.value, ()):
        node = nodes.get(e)
        if node is None:
            continue
        node.mentions += 1
        doc = document_of.get(o.value)
        if doc in doc_index:
            node.documents.add(doc_index[doc])
        src = source(o.value)
        if src is not None and (src.document, src.begin) not in seen_sentences[e]:
            seen_sentences[e].add((src.document, src.begin))
            node.sources.append(src)
    for node in nodes.values():
        node.sources.sort(key=lambda s: (s.document, s.begin))

    # relations, with the sentence of the first statement that has one
    evidence: dict[tuple[str, str, str], Source] = {}
    subj, pred, obj = one(RDF.subject), one(RDF.predicate), one(RDF.object)
    for st, s in subj.items():
        key = (s, pred.get(st, ""), obj.get(st, ""))
        src = source(st)
        if src is not None and key not in evidence:
            evidence[key] = src
    edges = []
    for p_iri, name in _RELATION_NAME.items():
        for s, o in dict.fromkeys((s, o.value) for s, o in by_pred.get(p_iri, ())):
            if s in nodes and o in nodes and s != o:
                edges.append(PageEdge(s, o, name, evidence.get((s, p_iri, o))))

    # quantities and regulation events, on the entity they are about
    values, units = one(SCHEMA.value), one(SCHEMA.unitText)
    about_text, approx, as_of = one(KG.aboutText), one(KG.approximation), one(KG.asOf)
    for q, e in one(KG.about).items():
        if e in nodes and q in values:
            nodes[e].quantities.append(PageQuantity(values[q], units.get(q, ""), anchors.get(q, ""), about_text.get(q, ""),
                                                    approx.get(q, ""), as_of.get(q, ""), source(q)))
    actions, triggers, dates, agents = one(KG.action), one(KG.trigger), one(DCTERMS.date), one(PROV.wasAssociatedWith)
    for ev, e in one(KG.regulation).items():
        if e in nodes:
            agent = nodes[agents[ev]].name if agents.get(ev) in nodes else ""
            nodes[e].events.append(PageEvent(_local(actions.get(ev, "")), triggers.get(ev, ""), dates.get(ev, ""), agent,
                                             source(ev)))
    for node in nodes.values():
        node.quantities.sort(key=lambda q: (q.source.document, q.source.begin) if q.source else (-1, 0))
        node.events.sort(key=lambda v: (v.source.document, v.source.begin) if v.source else (-1, 0))
    return PageGraph(documents, nodes, edges, total_entities=len(nodes),
                     document_keys=[(doc_files[d], d) for d in doc_order])


def merge_pages(pages: list[PageGraph], rename: dict[str, str] | None = None) -> PageGraph:
    """The page model of a multi-document graph from the models of its documents, in input order:
    equal to `from_triples` over the merged graph, but each document's model is made where the
    document is extracted (in parallel, and cached with it), so a large build does not read all
    its quads again for the page. `rename` maps the nodes the corpus merge folds into another
    (`kg.corpus`: a short citation into its full title); a folded node's names become aliases.
    Relies on what `kg.graph` guarantees: a document's graph types every entity it refers to."""
    rename = rename or {}
    titles: dict[tuple[str, str], str] = {}
    for page in pages:
        for key, title in zip(page.document_keys, page.documents, strict=True):
            titles.setdefault(key, title)
    keys = sorted(titles)
    index = {k: i for i, k in enumerate(keys)}
    nodes: dict[str, PageNode] = {}
    edges: dict[str, dict[tuple[str, str], PageEdge]] = {name: {} for name in _RELATION_NAME.values()}
    for page in pages:
        at = [index[k] for k in page.document_keys]

        def moved(src: Source | None, at: list[int] = at) -> Source | None:
            return None if src is None else replace(src, document=at[src.document])

        for iri, part in page.nodes.items():
            target = rename.get(iri, iri)
            node = nodes.get(target)
            if node is None:
                node = nodes[target] = PageNode(target, part.type, "")
            if target == iri:
                node.name = node.name or part.name
            else:
                node.aliases.append(part.name)  # the folded node's own name
            node.aliases += part.aliases
            if part.kind and (not node.kind or part.kind < node.kind):
                node.kind = part.kind
            node.mentions += part.mentions
            node.documents.update(at[d] for d in part.documents)
            node.sources += [moved(src) for src in part.sources]
            node.quantities += [replace(q, source=moved(q.source)) for q in part.quantities]
            node.events += [replace(v, source=moved(v.source)) for v in part.events]
        for edge in page.edges:
            source, target = rename.get(edge.source, edge.source), rename.get(edge.target, edge.target)
            if source == target:
                continue
            known = edges[edge.relation].get((source, target))
            if known is None or (known.evidence is None and edge.evidence is not None):
                edges[edge.relation][(source, target)] = PageEdge(source, target, edge.relation, moved(edge.evidence))
    for iri, node in nodes.items():
        node.name = node.name or iri.rsplit("/", 1)[-1]
        node.aliases = sorted(set(node.aliases))
        node.sources = sorted({(s.document, s.begin): s for s in reversed(node.sources)}.values(),
                              key=lambda s: (s.document, s.begin))
        node.quantities.sort(key=lambda q: (q.source.document, q.source.begin) if q.source else (-1, 0))
        node.events.sort(key=lambda v: (v.source.document, v.source.begin) if v.source else (-1, 0))
    return PageGraph([titles[k] for k in keys], nodes, [e for by_pair in edges.values() for e in by_pair.values()],
                     total_entities=len(nodes), document_keys=keys)


def _section_labels(by_pred: _ByPredicate, numbers: dict[str, str]) -> dict[str, str]:
    """Section IRI → "一、heading" (sections carry kg:number and an rdfs:label)."""
    heads = {s: o.value for s, o in by_pred.get(RDFS.label.value, ()) if s in numbers}
    return {s: numbers[s] + heads.get(s, "") for s in numbers}


def read_graph(path: Path) -> PageGraph:
    """Parse a graph file written by `kg build` (format from the extension; .ttl, .nt, .nq, .trig, .jsonld)."""
    from pyoxigraph import RdfFormat, parse

    if not path.is_file():
        raise InputError(path, "no such graph file")
    fmt = RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise InputError(path, "not an RDF file (use .ttl, .nt, .nq, .trig or .jsonld)")
    try:
        graph = from_triples(parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read graph: {str(e).splitlines()[0]}") from None
    if not graph.nodes:
        raise InputError(path, "the graph holds no govkg entities")
    return graph


def most_connected(graph: PageGraph, limit: int) -> PageGraph:
    """The `limit` nodes with the most relations (ties: more mentions, then name); 0 keeps all."""
    if limit <= 0 or len(graph.nodes) <= limit:
        return graph
    deg = graph.degrees()
    ranked = sorted(graph.nodes.values(), key=lambda n: (-deg[n.iri], -n.mentions, n.name))
    return graph.keep(n.iri for n in ranked[:limit])


def find(graph: PageGraph, name: str) -> list[PageNode]:
    """Nodes called `name` (canonical or alias); failing that, those whose names contain it."""
    exact = [n for n in graph.nodes.values() if name == n.name or name in n.aliases]
    if exact:
        return exact
    return [n for n in graph.nodes.values() if name in n.name or any(name in a for a in n.aliases)]


def neighbourhood(graph: PageGraph, focus: list[PageNode], depth: int, types: set[EntityType] | None = None) -> PageGraph:
    """Nodes within `depth` relations of the focus nodes, walking only through nodes of `types`
    (all types when None); the focus nodes themselves are always kept."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        adjacent[e.source].add(e.target)
        adjacent[e.target].add(e.source)
    seen = {n.iri: 0 for n in focus}
    queue = deque(seen)
    while queue:
        iri = queue.popleft()
        if seen[iri] >= depth:
            continue
        for nxt in adjacent[iri]:
            if nxt not in seen and (types is None or graph.nodes[nxt].type in types):
                seen[nxt] = seen[iri] + 1
                queue.append(nxt)
    return graph.keep(seen)
