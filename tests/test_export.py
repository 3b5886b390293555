"""Every export of the sample reads back to the same triples (and, for TriG/N-Quads, the same
named graphs: one per document)."""

from __future__ import annotations

import json

import pytest
import rdflib
from pyoxigraph import RdfFormat, parse
from rdflib.compare import isomorphic
from test_query import FORMATS, sample_out  # noqa: F401  (session fixture)

from kg.cli import main
from kg.ontology import CONTEXT


def _quads(path, fmt):
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in parse(path=str(path), format=fmt)}


def _triples(path, fmt):
    return {q[:3] for q in _quads(path, fmt)}


@pytest.fixture(scope="module")
def reference(sample_out):  # noqa: F811
    """The build's quads, as written in N-Quads (pyoxigraph's own serialiser, checked below)."""
    return _quads(sample_out / "zhongshan-2022.nq", RdfFormat.N_QUADS)


@pytest.mark.parametrize("suffix,fmt", [(".ttl", RdfFormat.TURTLE), (".nt", RdfFormat.N_TRIPLES),
                                        (".jsonld", RdfFormat.JSON_LD), (".trig", RdfFormat.TRIG)])
def test_export_reads_back_to_the_same_triples(sample_out, reference, suffix, fmt):  # noqa: F811
    assert _triples(sample_out / f"zhongshan-2022{suffix}", fmt) == {q[:3] for q in reference}


def test_trig_and_nquads_hold_one_named_graph_per_document(sample_out, reference):  # noqa: F811
    assert _quads(sample_out / "zhongshan-2022.trig", RdfFormat.TRIG) == reference
    graphs = {q[3] for q in reference}
    assert graphs == {"<https://w3id.org/govkg/id/graph/zhongshan-2022>"}


def test_two_documents_get_two_named_graphs(tmp_path):
    # two sentences of the sample, as two small documents
    a = tmp_path / "a.txt"
    a.write_text("中山市2022年法治政府建设年度报告\n\n制定印发《中山市餐厨垃圾管理办法》《中山市河道管理办法》2部政府规章。\n",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("中山市2022年法治政府建设年度报告\n\n市工商联和市司法局共建沟通联系机制。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(a), str(b), "--out", str(out), "-f", "nq,trig"]) == 0
    nq = _quads(out / "graph.nq", RdfFormat.N_QUADS)
    assert {q[3].rsplit("/", 1)[-1] for q in nq} == {"a>", "b>"}
    assert _quads(out / "graph.trig", RdfFormat.TRIG) == nq


def test_jsonld_is_compact_with_the_shipped_context(sample_out):  # noqa: F811
    doc = json.loads((sample_out / "zhongshan-2022.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    assert doc["@context"][0] == shipped
    agency = next(n for n in doc["@graph"] if n.get("prefLabel") == "中山市司法局")
    assert agency["@id"] == "agency/中山市司法局"
    assert "kg:Agency" in agency["@type"]
    assert agency["subOrganizationOf"] == "agency/中山市人民政府"
    mention = next(n for n in doc["@graph"] if n["@id"] == agency["mention"][0])
    assert isinstance(mention["anchorOf"], str) and mention["beginIndex"].isdigit()


def test_jsonld_reads_back_in_rdflib_too(sample_out):  # noqa: F811
    ours = rdflib.Graph().parse(sample_out / "zhongshan-2022.jsonld", format="json-ld")
    nt = rdflib.Graph().parse(sample_out / "zhongshan-2022.nt", format="nt")
    assert len(ours) == len(nt) and isomorphic(ours, nt)


def test_values_no_context_term_fits_keep_their_datatype(tmp_path):
    # a decimal figure has no term (schema:value is coerced to xsd:integer) and must stay a decimal
    from pyoxigraph import Literal, NamedNode, Quad

    from kg.emit import Build
    from kg.emit.rdf import write_jsonld
    from kg.vocab import SCHEMA, XSD, Names

    names = Names("https://example.org/id/")
    g = names.graph("t")
    q = NamedNode("https://example.org/id/doc/t/quantity/1-5")
    quads = [Quad(q, SCHEMA.value, Literal("1.5", datatype=XSD.decimal), g),
             Quad(q, SCHEMA.value, Literal("7", datatype=XSD.integer), g),
             Quad(q, SCHEMA.name, Literal("不在上下文"), g)]
    path = tmp_path / "t.jsonld"
    write_jsonld(Build([], quads, names), path)
    node = json.loads(path.read_text(encoding="utf-8"))["@graph"][0]
    assert node["value"] == "7"
    assert node["schema:value"] == {"@value": "1.5", "@type": "xsd:decimal"}
    assert _triples(path, RdfFormat.JSON_LD) == {(str(x.subject), str(x.predicate), str(x.object)) for x in quads}
