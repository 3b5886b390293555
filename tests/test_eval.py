import json
import subprocess
import sys

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.evaluate import score_graph
from tests.conftest import GOLD, ROOT, SAMPLE

KG = Namespace("https://w3id.org/govkg/ontology#")


def test_sample_regression_guard():
    """The sample must keep entity F1 ≥ 0.95 overall and ≥ 0.90 per type."""
    r = subprocess.run([sys.executable, "-m", "kg", "eval", str(SAMPLE), "--gold", str(GOLD), "--json",
                        "--min-f1", "0.95"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    scores = json.loads(r.stdout.strip().splitlines()[-1])
    for t, row in scores["entities"].items():
        assert row["f"] >= 0.90, (t, row)
    assert scores["quantities"]["f"] >= 0.90
    assert scores["relations"]["r"] >= 0.90
    assert scores["events"]["r"] >= 0.85
    assert all(scores["document"].values())


def test_min_f1_fails_the_run_below_threshold(tmp_path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gold["entities"].append({"type": "AGENCY", "name": "不存在的机构", "aliases": [], "optional": False})
    bad = tmp_path / "g.json"
    bad.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "eval", str(SAMPLE), "--gold", str(bad), "--min-f1", "0.999"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "不存在的机构" in r.stdout


def test_second_node_with_same_names_is_a_false_positive():
    g = Graph()
    g.add((KG.Agency, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), KG.Organization))
    for n in ("a", "b"):
        node = URIRef(f"http://x/{n}")
        g.add((node, RDF.type, KG.Agency))
        g.add((node, SKOS.prefLabel, Literal("中山市司法局")))
    gold = {"entities": [{"type": "AGENCY", "name": "中山市司法局", "aliases": ["市司法局"], "optional": False}],
            "quantities": [], "relations": [], "events": [], "document": {}}
    s = score_graph(g, gold)
    assert s.entities["AGENCY"]["tp"] == 1 and s.entities["AGENCY"]["fp"] == 1
