"""SHACL validation of a built graph against `ontology/shapes.ttl` (pyshacl), with a short report:
one line per broken constraint, how many nodes break it and a few of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, serialize

from kg.ontology import SHAPES, ontology_file
from kg.store import open_graph


@dataclass
class Violation:
    message: str
    path: str
    focus: list[str] = field(default_factory=list)


@dataclass
class Report:
    conforms: bool
    triples: int
    violations: list[Violation]

    def lines(self, examples: int = 3) -> list[str]:
        if self.conforms:
            return [f"conforms: {self.triples} triples meet every shape in {SHAPES.name}"]
        out = [f"does not conform: {sum(len(v.focus) for v in self.violations)} violation(s) "
               f"of {len(self.violations)} constraint(s) in {self.triples} triples"]
        for v in self.violations:
            shown = ", ".join(v.focus[:examples]) + (", …" if len(v.focus) > examples else "")
            out.append(f"  {len(v.focus)} × {v.message} [{v.path}]: {shown}")
        return out


def validate(graph: str | Path, shapes: Path = SHAPES) -> Report:
    """Check every triple of a graph file or store (all named graphs merged) against the shapes."""
    import rdflib
    from pyshacl import validate as shacl
    from rdflib.namespace import SH, SKOS

    store = open_graph(graph)
    # the default graph is the merge of the documents' graphs (kg/store.py); rdflib gets it as N-Triples in one piece
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, DefaultGraph())]
    data = rdflib.Graph()
    data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
    shape_graph = rdflib.Graph().parse(ontology_file(shapes), format="turtle")
    conforms, results, _ = shacl(data, shacl_graph=shape_graph, inference="none", allow_warnings=True)
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        message = str(results.value(r, SH.resultMessage) or results.value(r, SH.sourceConstraintComponent))
        path = results.value(r, SH.resultPath)
        focus = results.value(r, SH.focusNode)
        label = data.value(focus, SKOS.prefLabel)
        grouped[(message, data.namespace_manager.normalizeUri(path) if path else "")].append(
            f"<{focus}> {label}" if label else f"<{focus}>")
    violations = [Violation(m, p, sorted(f)) for (m, p), f in sorted(grouped.items())]
    return Report(bool(conforms), len(triples), violations)
