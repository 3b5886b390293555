import json
import subprocess
import sys

import rdflib
from rdflib.namespace import DCTERMS, RDF, SKOS

from tests.conftest import GOLD, ROOT, SAMPLE

KG = rdflib.Namespace("https://w3id.org/govkg/ontology#")


def run_kg(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True)


def test_build_sample_writes_turtle_and_page(tmp_path):
    r = run_kg("build", str(SAMPLE), "--out", str(tmp_path), "--format", "nt,jsonld")
    assert r.returncode == 0, r.stderr
    assert "entities" in r.stderr and "triples" in r.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["zhongshan-2022.html", "zhongshan-2022.jsonld", "zhongshan-2022.nt", "zhongshan-2022.ttl"]
    g = rdflib.Graph().parse(tmp_path / "zhongshan-2022.ttl")
    nt = rdflib.Graph().parse(tmp_path / "zhongshan-2022.nt")
    assert len(g) == len(nt) > 1000
    doc = next(g.subjects(RDF.type, KG.Document))
    assert str(g.value(doc, DCTERMS.title)) == "中山市2022年法治政府建设年度报告"
    assert str(g.value(doc, DCTERMS.issued)) == "2023-01-31"
    publisher = g.value(doc, DCTERMS.publisher)
    assert str(g.value(publisher, SKOS.prefLabel)) == "中山市人民政府"


def test_every_mention_points_at_its_exact_text(tmp_path, sample_doc):
    from kg.graph import document_quads
    from kg.vocab import Names

    text = sample_doc.text
    for m in sample_doc.mentions:
        assert text[m.start:m.end] == m.text
    quads = document_quads(sample_doc, Names())
    assert len(quads) > 1000


def test_short_agency_name_resolves_to_document_city(sample_doc):
    from kg.model import EntityType

    agencies = {e.name: e for e in sample_doc.entities.values() if e.type is EntityType.AGENCY}
    assert "市司法局" in agencies["中山市司法局"].aliases
    assert "市政府" in agencies["中山市人民政府"].aliases
    assert "省政府" in agencies["广东省人民政府"].aliases


def test_same_entity_gets_same_iri_across_runs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_kg("build", str(SAMPLE), "--out", str(a)).returncode == 0
    assert run_kg("build", str(SAMPLE), "--out", str(b)).returncode == 0
    ga = rdflib.Graph().parse(a / "zhongshan-2022.ttl")
    gb = rdflib.Graph().parse(b / "zhongshan-2022.ttl")
    assert set(ga.subjects(RDF.type, KG.Agency)) == set(gb.subjects(RDF.type, KG.Agency))


def test_folder_build_writes_graph_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    md = "---\n标题: 佛山市人民政府关于印发《佛山市河道管理办法》的通知\n---\n\n印发《佛山市河道管理办法》。\n"
    (src / "b.md").write_text(md, encoding="utf-8")
    r = run_kg("build", str(src), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "graph.ttl").exists() and (tmp_path / "out" / "graph.html").exists()


def test_missing_empty_and_binary_inputs_fail_cleanly(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    for bad in (tmp_path / "nope.txt", empty, binary):
        out = tmp_path / "out"
        r = run_kg("build", str(bad), "--out", str(out))
        assert r.returncode == 2
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
        assert not out.exists() or not any(out.iterdir())


def test_page_makes_no_network_reference(tmp_path):
    assert run_kg("build", str(SAMPLE), "--out", str(tmp_path)).returncode == 0
    page = (tmp_path / "zhongshan-2022.html").read_text(encoding="utf-8")
    assert "vis.Network" in page and "中山市司法局" in page
    for needle in ("http://", "https://", "//cdn", "<link"):
        outside_data = page.replace("https://w3id.org/govkg/", "")
        assert needle not in outside_data.split("const DATA")[0].split("<script>")[0]
    assert "<script src" not in page and "<link" not in page


def test_sample_scores_against_gold(tmp_path, sample_doc):
    """Regulations and places are the foundation's regression guard on the sample."""
    from kg.emit import Build, emit
    from kg.graph import document_quads
    from kg.vocab import Names

    names = Names()
    emit(Build([sample_doc], document_quads(sample_doc, names), names), tmp_path, "s", ["ttl"])
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    g = rdflib.Graph().parse(tmp_path / "s.ttl")
    labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(None, p)}
    regs = [e for e in gold["entities"] if e["type"] == "REGULATION" and not e["optional"]]
    found = sum(1 for e in regs if e["name"] in labels)
    assert found / len(regs) >= 0.95
    places = [e for e in gold["entities"] if e["type"] == "PLACE" and not e["optional"]]
    assert sum(1 for e in places if e["name"] in labels) / len(places) >= 0.85
