"""SHACL shapes (ontology/shapes.ttl) on the sample graph, and `kg validate` on graphs with a fact removed."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, parse, serialize
from pyshacl import validate as shacl
from test_query import sample_out, sample_store  # noqa: F401  (session fixtures)

from kg.cli import main
from kg.ontology import SHAPES
from kg.vocab import KG, RDF, SCHEMA, SKOS


def test_sample_graph_conforms_to_the_shapes_in_pyshacl(sample_out):  # noqa: F811
    data = rdflib.Graph().parse(sample_out / "zhongshan-2022.nt", format="nt")
    conforms, _, text = shacl(data, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"), inference="none")
    assert conforms, text


def test_kg_validate_accepts_the_sample_file_and_store(capsys, sample_out, sample_store):  # noqa: F811
    assert main(["validate", str(sample_out / "zhongshan-2022.ttl")]) == 0
    assert main(["validate", str(sample_store)]) == 0
    assert capsys.readouterr().out.startswith("conforms:")


def _without(sample_out: Path, tmp_path: Path, drop) -> Path:  # noqa: F811
    """The sample's N-Quads with the quads `drop` selects removed."""
    quads = [q for q in parse(path=str(sample_out / "zhongshan-2022.nq"), format=RdfFormat.N_QUADS)]
    kept = [q for q in quads if not drop(q)]
    assert len(kept) < len(quads)
    path = tmp_path / "broken.nq"
    serialize(kept, str(path), RdfFormat.N_QUADS)
    return path


def _entity(sample_out: Path, label: str) -> NamedNode:  # noqa: F811
    for q in parse(path=str(sample_out / "zhongshan-2022.nq"), format=RdfFormat.N_QUADS):
        if q.predicate == SKOS.prefLabel and q.object.value == label:
            return q.subject
    raise AssertionError(label)


@pytest.mark.parametrize("what,drop,message", [
    ("an entity's mentions", lambda e, q: q.subject == e and q.predicate == KG.mention, "at least one mention"),
    ("an entity's type", lambda e, q: q.subject == e and q.predicate == RDF.type, "an entity type"),
    ("an entity's label", lambda e, q: q.subject == e and q.predicate == SKOS.prefLabel, "one preferred label"),
])
def test_entity_missing_a_fact_fails_with_a_short_report(capsys, sample_out, tmp_path, what, drop, message):  # noqa: F811
    agency = _entity(sample_out, "中山市司法局")
    broken = _without(sample_out, tmp_path, lambda q: drop(agency, q))
    assert main(["validate", str(broken)]) == 1, what
    out = capsys.readouterr().out
    assert out.startswith("does not conform")
    assert message in out and ("中山市司法局" in out or agency.value in out)
    assert len(out.splitlines()) <= 6


def test_figure_without_unit_fails(capsys, sample_out, tmp_path):  # noqa: F811
    broken = _without(sample_out, tmp_path, lambda q: q.predicate == SCHEMA.unitText)
    assert main(["validate", str(broken), "--examples", "1"]) == 1
    out = capsys.readouterr().out
    assert "a figure has a unit" in out and "[schema:unitText]" in out


def test_regulation_event_without_action_fails(capsys, sample_out, tmp_path):  # noqa: F811
    broken = _without(sample_out, tmp_path, lambda q: q.predicate == KG.action)
    assert main(["validate", str(broken)]) == 1
    assert "a regulation event has one action" in capsys.readouterr().out


def test_missing_graph_is_an_input_error(capsys, tmp_path):
    assert main(["validate", str(tmp_path / "none.ttl")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
