"""The explorer page's data: read back from the RDF graph, selected, laid out and inlined."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def sample_graph(sample_doc):
    from kg.graph import document_quads
    from kg.pagegraph import from_triples
    from kg.vocab import Names

    return from_triples(document_quads(sample_doc, Names()))


@pytest.fixture(scope="module")
def sample_ttl(sample_doc, tmp_path_factory):
    from kg.emit import Build, emit
    from kg.graph import document_quads
    from kg.vocab import Names

    out = tmp_path_factory.mktemp("page")
    emit(Build([sample_doc], document_quads(sample_doc, Names())), out, "zhongshan-2022", ["ttl"])
    return out / "zhongshan-2022.ttl"


def page_json(html: str) -> dict:
    return json.loads(re.search(r"const DATA = (.*?);\n", html).group(1).replace("<\\/", "</"))


def node_named(graph, name):
    return next(n for n in graph.nodes.values() if n.name == name)


def test_page_model_has_every_entity_with_its_names_and_sentences(sample_doc, sample_graph):
    assert len(sample_graph.nodes) == len(sample_doc.entities)
    node = node_named(sample_graph, "中山市司法局")
    assert node.type.value == "Agency"
    assert "市司法局" in node.aliases
    assert node.iri.endswith("/agency/中山市司法局")
    assert node.mentions == len(sample_doc.entities[(node.type, node.name)].mentions)
    assert sample_graph.documents == ["中山市2022年法治政府建设年度报告"]
    texts = [s.text for s in node.sources]
    assert ("目前,已初步形成以市司法局全面统筹协调为主导、部门内部业务指导监督为重点、外部社会监督参与为补充、"
            "镇街基层司法所及综合行政执法委员会统筹协调监督为突破口的上下联动、内外结合的中山模式。") in texts
    assert any(s.section == "(三)强化行政执法制约监督" for s in node.sources)


def test_relations_become_edges_with_the_sentence_they_were_read_from(sample_doc, sample_graph):
    from kg.vocab import Names

    names = Names()
    edges = {(e.source, e.relation, e.target): e for e in sample_graph.edges}
    textual = [r for r in sample_doc.relations if r.start >= 0 and r.subject != r.object]
    assert textual
    for r in textual:
        edge = edges[(names.entity(*r.subject).value, r.predicate, names.entity(*r.object).value)]
        sentence = sample_doc.sentence_at(r.start)
        assert edge.evidence is not None and edge.evidence.text == sample_doc.text[sentence.start:sentence.end]


def test_quantities_and_events_sit_on_the_entity_they_belong_to(sample_doc, sample_graph):
    from kg.vocab import Names

    names = Names()
    about = [q for q in sample_doc.quantities if q.about_entity is not None]
    assert about and sample_doc.events
    for q in about:
        node = sample_graph.nodes[names.entity(*q.about_entity).value]
        assert q.text in [pq.text for pq in node.quantities]
    for ev in sample_doc.events:
        node = sample_graph.nodes[names.entity(*ev.regulation).value]
        assert (ev.action, ev.trigger) in [(pe.action, pe.trigger) for pe in node.events]


def test_most_connected_keeps_the_nodes_with_most_relations(sample_graph):
    from kg.pagegraph import most_connected

    small = most_connected(sample_graph, 10)
    assert len(small.nodes) == 10
    deg = sample_graph.degrees()
    kept = min(deg[i] for i in small.nodes)
    assert all(deg[i] <= kept for i in sample_graph.nodes if i not in small.nodes)
    assert all(e.source in small.nodes and e.target in small.nodes for e in small.edges)
    assert small.total_entities == len(sample_graph.nodes)
    assert most_connected(sample_graph, 0) is sample_graph


def test_neighbourhood_walks_only_as_deep_and_through_the_types_asked(sample_graph):
    from kg.model import EntityType
    from kg.pagegraph import find, neighbourhood

    focus = find(sample_graph, "市司法局")
    assert [n.name for n in focus] == ["中山市司法局"]
    one = neighbourhood(sample_graph, focus, 1)
    assert set(one.nodes) == {focus[0].iri} | {e.target for e in sample_graph.edges if e.source == focus[0].iri} | {
        e.source for e in sample_graph.edges if e.target == focus[0].iri}
    two = neighbourhood(sample_graph, focus, 2)
    assert set(one.nodes) < set(two.nodes)
    places = neighbourhood(sample_graph, focus, 2, {EntityType.PLACE})
    assert {n.type for n in places.nodes.values() if n.iri != focus[0].iri} == {EntityType.PLACE}


def test_layout_is_repeatable_and_keeps_nodes_apart():
    from kg.emit.layout import layout

    # a star of 30, a chain of 10, a pair and 40 isolated nodes
    edges = [(0, i) for i in range(1, 30)] + [(i, i + 1) for i in range(30, 39)] + [(40, 41)]
    pos = layout(82, edges)
    assert pos.shape == (82, 2)
    assert np.array_equal(pos, layout(82, edges))
    gaps = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1)) + np.eye(82) * 1e9
    assert gaps.min() > 0.3  # in ideal-edge-length units: no two nodes on top of each other
    star = np.sqrt(((pos[1:30] - pos[0]) ** 2).sum(-1))
    assert star.max() < 4  # neighbours stay near their hub


def test_page_is_self_contained_and_holds_the_graph(sample_graph):
    from kg.emit.html import render

    html = render(sample_graph)
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert "default-src 'none'" in html  # the browser itself refuses any fetch
    data = page_json(html)
    assert len(data["nodes"]) == len(sample_graph.nodes)
    node = next(n for n in data["nodes"] if n["label"] == "中山市司法局")
    expected = {s.text for s in node_named(sample_graph, "中山市司法局").sources}
    assert {data["sentences"][s[2]] for s in node["sources"]} == expected
    assert all(isinstance(n["x"], float) for n in data["nodes"])


def test_html_writer_keeps_html_max_nodes(sample_doc, tmp_path):
    from kg.emit import Build
    from kg.emit.html import write_html
    from kg.graph import document_quads
    from kg.vocab import Names

    write_html(Build([sample_doc], document_quads(sample_doc, Names()), html_max=12), tmp_path / "p.html")
    data = page_json((tmp_path / "p.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 12 and data["total"] == len(sample_doc.entities)


def run_kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)


def test_view_writes_the_neighbourhood_of_the_focus(sample_ttl, tmp_path):
    out = tmp_path / "focus.html"
    r = run_kg("view", str(sample_ttl), "--focus", "市司法局", "--depth", "1", "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = page_json(out.read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert "中山市司法局" in labels and "中山市人民政府" in labels
    assert len(labels) < data["total"]
    assert "中山市司法局" in data["title"]


def test_view_types_keep_only_those_types(sample_ttl, tmp_path):
    out = tmp_path / "places.html"
    r = run_kg("view", str(sample_ttl), "--types", "place", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert {n["type"] for n in page_json(out.read_text(encoding="utf-8"))["nodes"]} == {"Place"}


@pytest.mark.parametrize("args, message", [
    (["--focus", "不存在的机构"], "no entity"),
    (["--focus", "管理办法"], "matches 3 entities"),  # part of several names: which one is meant?
    (["--types", "agencies"], "unknown type"),
])
def test_view_rejects_bad_requests_with_one_line(sample_ttl, tmp_path, args, message):
    r = run_kg("view", str(sample_ttl), *args, "--out", str(tmp_path / "x.html"))
    assert r.returncode == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_view_of_a_file_that_is_not_a_graph_fails_cleanly(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(SAMPLE.read_text(encoding="utf-8")[:200], encoding="utf-8")
    r = run_kg("view", str(bad))
    assert r.returncode == 2 and r.stderr.startswith("kg: error:") and len(r.stderr.strip().splitlines()) == 1


def test_build_html_max_keeps_that_many_entities_on_the_page(tmp_path):
    r = run_kg("build", str(SAMPLE), "--out", str(tmp_path), "--html-max", "5")
    assert r.returncode == 0, r.stderr
    data = page_json((tmp_path / "zhongshan-2022.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 5 and data["total"] > 5


def test_merging_the_documents_page_models_equals_reading_the_merged_graph(tmp_path):
    """What `kg build` shows (each document's model, merged) is what the merged graph states."""
    from kg.build import DocSummary, corpus_renames, merge_across_documents
    from kg.graph import document_quads
    from kg.pagegraph import from_triples, merge_pages
    from kg.pipeline import process_file
    from kg.vocab import Names
    from tests.conftest import FIXTURES, SAMPLE

    (tmp_path / "a.txt").write_text("佛山市2022年法治政府建设年度报告\n\n落实《法治政府建设实施纲要》部署要求，"
                                    "市司法局牵头。\n", encoding="utf-8")  # a short citation of the sample's title
    files = [*sorted((FIXTURES / "corpus").glob("*.txt")), SAMPLE, tmp_path / "a.txt"]
    names = Names()
    docs = [process_file(f) for f in files]
    quads = [document_quads(d, names) for d in docs]
    summaries = [DocSummary.of(d) for d in docs]
    rename = {old.value: new.value for old, new in corpus_renames(names, summaries).items()}
    assert rename  # the short citation folds into the full title
    merged = from_triples(merge_across_documents(quads, names, summaries, per_document=True))
    assert merge_pages([from_triples(q) for q in quads], rename) == merged
    assert merged.edges and any(n.quantities for n in merged.nodes.values()) and any(n.events for n in merged.nodes.values())
