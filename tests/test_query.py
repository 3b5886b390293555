"""`kg query` and the named queries, against the sample built once per session (files and a store).

The named-query tests assert the rows the sample's text supports; they tolerate extra rows where
better recognisers may add some."""

from __future__ import annotations

import atexit
import csv
import functools
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import SAMPLE

from kg.cli import main
from kg.vocab import KG

FORMATS = "nq,trig,jsonld,nt"


@functools.cache
def built_sample() -> Path:
    """The sample built in every RDF format, plus a store loaded from its N-Quads; built once per
    test process however many test modules import the fixture below."""
    out = Path(tempfile.mkdtemp(prefix="kg-sample-"))
    atexit.register(shutil.rmtree, out, True)
    assert main(["build", str(SAMPLE), "--out", str(out), "-f", FORMATS, "--store", str(out / "built-store")]) == 0
    assert main(["load", str(out / "zhongshan-2022.nq"), "--store", str(out / "store")]) == 0
    return out


@pytest.fixture(scope="session")
def sample_out() -> Path:
    return built_sample()


@pytest.fixture(scope="session")
def sample_ttl(sample_out) -> Path:
    return sample_out / "zhongshan-2022.ttl"


@pytest.fixture(scope="session")
def sample_store(sample_out) -> Path:
    return sample_out / "store"


def query_rows(capsys, graph: Path, *args: str) -> list[dict[str, str]]:
    """Run `kg query ... -f csv` and read its rows."""
    capsys.readouterr()
    assert main(["query", str(graph), *args, "-f", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def named_rows(capsys, graph: Path, query: str, /, **bind: str) -> list[dict[str, str]]:
    binds = [x for k, v in bind.items() for x in ("--bind", f"{k}={v}")]
    return query_rows(capsys, graph, "--name", query, *binds)


# ---------------------------------------------------------------- the command


def test_select_uses_declared_prefixes_and_prints_a_table(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT ?name WHERE { ?a a kg:Agency ; skos:prefLabel ?name } ORDER BY ?name"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].strip() == "name"
    assert "中山市司法局" in out
    assert out.rstrip().endswith("rows)")


def test_json_format_is_sparql_results_json(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT ?a WHERE { ?a skos:prefLabel \"中山市司法局\"@zh }", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["a"]
    [binding] = data["results"]["bindings"]
    assert binding["a"]["type"] == "uri" and binding["a"]["value"].endswith("agency/中山市司法局")


def test_tsv_writes_terms_in_turtle_syntax(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT ?l WHERE { ?a skos:prefLabel ?l } LIMIT 1", "-f", "tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "?l" and lines[1].endswith('"@zh')


def test_ask_answers_yes_or_no(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "ASK { ?a a kg:Agency }"]) == 0
    assert capsys.readouterr().out == "yes\n"
    assert main(["query", str(sample_ttl), "ASK { ?a a kg:Nothing }", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is False


def test_construct_writes_turtle_with_prefixes(capsys, sample_ttl):
    q = "CONSTRUCT { ?a org:subOrganizationOf ?p } WHERE { ?a org:subOrganizationOf ?p }"
    assert main(["query", str(sample_ttl), q]) == 0
    out = capsys.readouterr().out
    assert "@prefix org:" in out and "org:subOrganizationOf" in out


def test_describe_in_ntriples(capsys, sample_ttl):
    q = "DESCRIBE ?a WHERE { ?a skos:prefLabel \"中山市司法局\"@zh }"
    assert main(["query", str(sample_ttl), q, "-f", "nt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.endswith(" .") for line in lines)
    assert any("skos/core#prefLabel> \"中山市司法局\"@zh" in line for line in lines)


def test_query_from_file(capsys, sample_ttl, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("# count documents\nSELECT (COUNT(?d) AS ?n) WHERE { ?d a kg:Document }\n", encoding="utf-8")
    assert query_rows(capsys, sample_ttl, "--file", str(rq)) == [{"n": "1"}]


def test_store_and_file_answer_alike(capsys, sample_ttl, sample_store):
    q = "SELECT DISTINCT ?l WHERE { ?a a kg:Regulation ; skos:prefLabel ?l } ORDER BY ?l"
    assert query_rows(capsys, sample_store, q) == query_rows(capsys, sample_ttl, q)


def test_build_store_holds_the_same_quads_as_the_nquads(capsys, sample_out):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    built = query_rows(capsys, sample_out / "built-store", q)
    assert built == query_rows(capsys, sample_out / "zhongshan-2022.nq", q)
    assert len(built) == 1 and built[0]["g"].endswith("graph/zhongshan-2022")


def test_loading_a_document_again_replaces_its_graph(capsys, sample_out, tmp_path):
    nq = str(sample_out / "zhongshan-2022.nq")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert main(["load", nq, "--store", str(tmp_path / "s")]) == 0
    once = query_rows(capsys, tmp_path / "s", count)
    assert main(["load", nq, nq, "--store", str(tmp_path / "s")]) == 0
    assert query_rows(capsys, tmp_path / "s", count) == once


def test_load_refuses_a_folder_that_is_not_a_store(capsys, sample_out, tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["load", str(sample_out / "zhongshan-2022.nq"), "--store", str(tmp_path)]) == 2
    assert "not a govkg store" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".jsonld", ".nt"])
def test_every_export_can_be_queried(capsys, sample_out, suffix):
    rows = query_rows(capsys, sample_out / f"zhongshan-2022{suffix}",
                      "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Agency }")
    assert int(rows[0]["n"]) > 5


def test_syntax_error_is_one_line_naming_line_and_column(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT ?x WHERE {\n  ?x a kg:Agency ;\n  FILTER( }"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kg: error: query: line 3, column")


def test_unknown_prefix_is_named(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT ?x WHERE { ?x zz:foo ?y }"]) == 2
    assert "unknown prefix 'zz:'" in capsys.readouterr().err


def test_update_is_refused(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "PREFIX ex: <http://example.org/#>\nINSERT DATA { ex:a ex:b ex:c }"]) == 2
    assert "read-only" in capsys.readouterr().err


def test_graph_format_for_select_is_refused(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-f", "ttl"]) == 2
    assert "not a results format" in capsys.readouterr().err


def test_missing_graph_and_plain_folder_are_input_errors(capsys, tmp_path):
    assert main(["query", str(tmp_path / "nope.ttl"), "ASK {}"]) == 2
    assert main(["query", str(tmp_path), "ASK {}"]) == 2
    assert "not a govkg store" in capsys.readouterr().err


def test_broken_graph_file_is_an_input_error(capsys, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    assert main(["query", str(bad), "ASK {}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid Turtle" in err


# ---------------------------------------------------------------- named queries


def test_at_least_ten_named_queries_each_with_a_title(capsys):
    from kg.sparql import named_queries

    queries = named_queries()
    assert len(queries) >= 10
    assert all(q.title != q.name and q.description for q in queries.values())
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in queries)


def test_every_named_query_runs_on_the_store(capsys, sample_store):
    from kg.sparql import named_queries

    for name in named_queries():
        capsys.readouterr()
        assert main(["query", str(sample_store), "--name", name, "-f", "json"]) == 0, name
        json.loads(capsys.readouterr().out)


def test_unknown_named_query_and_parameter_are_input_errors(capsys, sample_ttl):
    assert main(["query", str(sample_ttl), "--name", "no-such-query"]) == 2
    assert main(["query", str(sample_ttl), "--name", "documents", "--bind", "city=中山市"]) == 2
    assert "no such parameter" in capsys.readouterr().err


def test_regulations_amended_and_issued_in_the_reported_year(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "regulations-in-reported-year")
    got = {(r["regulation"], r["action"]) for r in rows}
    # 完成《中山市扬尘污染防治管理办法》《中山市房屋安全管理规定》…3部政府规章的修改; 修订《…程序规定》
    assert {("中山市扬尘污染防治管理办法", "amended"), ("中山市房屋安全管理规定", "amended"),
            ("中山市人民政府重大行政决策程序规定", "amended"),
            ("中山市河道管理办法", "issued"), ("中山市餐厨垃圾管理办法", "issued")} <= got
    assert all(r["year"] == "2022" for r in rows)
    river = next(r for r in rows if r["regulation"] == "中山市河道管理办法")
    assert river["sentence"].startswith("制定印发《中山市餐厨垃圾管理办法》《中山市河道管理办法》")
    amended = named_rows(capsys, sample_ttl, "regulations-in-reported-year", actionName="amended")
    assert amended and {r["action"] for r in amended} == {"amended"}


def test_regulation_events_counted_by_action(capsys, sample_ttl):
    rows = {r["action"]: r for r in named_rows(capsys, sample_ttl, "regulation-events-by-action")}
    assert int(rows["amended"]["regulations"]) >= 5
    assert "中山市房屋安全管理规定" in rows["amended"]["names"]
    assert "中山市排水管理条例" in rows["planned"]["names"]


def test_agencies_of_a_city_with_their_parents(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "agencies-of-city", city="中山市")
    got = {(r["agency"], r["parent"]) for r in rows}
    assert ("中山市司法局", "中山市人民政府") in got
    assert ("中共中山市委全面依法治市委员会", "中共中山市委") in got
    assert ("中山市人民政府", "") in got
    assert not any(r["agency"].startswith(("佛山", "珠海", "广东省")) for r in rows)


def test_sentence_behind_a_relation(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "sentence-behind-fact", name="中山市司法局")
    rel = [r for r in rows if r["relation"].endswith("subOrganizationOf")]
    assert rel and rel[0]["object"] == "中山市人民政府"
    assert "市司法局" in rel[0]["sentence"]
    assert all(r["subject"] == "中山市司法局" and r["sentence"] for r in rows)


def test_sentence_behind_a_figure_and_an_event(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "sentence-behind-fact")
    kinds = {r["kind"] for r in rows}
    assert {"relation", "figure", "event"} <= kinds
    figure = next(r for r in rows if r["kind"] == "figure" and r["subject"] == "3300余项")
    assert figure["sentence"] == "全市3300余项政务服务事项“网上可办率”达100%。"


def test_programs_with_agencies_and_places_in_the_same_sentence(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "programs-with-agencies-and-places")
    got = {(r["program"], r["type"], r["with"]) for r in rows}
    assert ("一网通办", "place", "中山市") in got
    assert ("打造知识产权保护和综合服务的‘中山模式’", "place", "中山市") in got


def test_figures_about_government_services(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "quantities-on-topic")
    got = {(r["value"], r["unit"], r["approximation"]) for r in rows}
    assert {("3300", "项", "余"), ("450", "项", ""), ("290", "个", "超过"), ("100", "%", "")} <= got
    other = named_rows(capsys, sample_ttl, "quantities-on-topic", topic="行政复议")
    assert not any(r["value"] == "3300" for r in other)


def test_regulations_by_kind_and_place(capsys, sample_ttl):
    rows = {(r["kind"], r["place"]): r for r in named_rows(capsys, sample_ttl, "regulations-by-kind-and-place")}
    assert rows[("Law", "中华人民共和国")]["regulations"] == "2"
    assert "中山市河道管理办法" in rows[("Measures", "中山市")]["names"]
    assert "中山市排水管理条例" in rows[("LocalRegulation", "中山市")]["names"]


def test_documents_citing_a_regulation(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "documents-citing-regulation", regulation="中山市河道管理办法")
    assert len(rows) == 1
    assert rows[0]["document"].endswith("doc/zhongshan-2022")
    assert rows[0]["citations"] == "1"
    assert "《中山市河道管理办法》2部政府规章" in rows[0]["example"]


def test_agencies_ranked_by_mentions(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "agencies-by-mentions")
    assert rows[0]["agency"] == "中山市人民政府"
    counts = [int(r["mentions"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    mentions = named_rows(capsys, sample_ttl, "entity-mentions", name="中山市人民政府")
    assert int(rows[0]["mentions"]) == len(mentions)


def test_where_an_entity_is_named(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "entity-mentions", name="中山市司法局")
    assert {r["words"] for r in rows} >= {"市司法局"}
    for r in rows:
        assert r["words"] in r["sentence"]
        assert int(r["end"]) - int(r["begin"]) == len(r["words"])


def test_place_hierarchy_with_codes(capsys, sample_ttl):
    rows = {r["place"]: r for r in named_rows(capsys, sample_ttl, "place-hierarchy")}
    assert (rows["中山市"]["level"], rows["中山市"]["code"], rows["中山市"]["containedIn"]) == ("City", "4420", "广东省")
    assert rows["广东省"]["level"] == "Province"


def test_documents_overview(capsys, sample_ttl):
    rows = named_rows(capsys, sample_ttl, "documents")
    assert {r["title"] for r in rows} == {"中山市2022年法治政府建设年度报告"}
    assert {(r["year"], r["issued"], r["publisher"]) for r in rows} == {("2022", "2023-01-31", "中山市人民政府")}
    assert {"Agency", "Regulation", "Place"} <= {r["type"] for r in rows}


# A report sentence (sample, section 二) with the issuing agency stated, in the documented event shape.
ISSUED_BY = """
@prefix kg: <https://w3id.org/govkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix ex: <https://example.org/id/> .
ex:reg a kg:Regulation , kg:Measures ; skos:prefLabel "中山市河道管理办法"@zh ; kg:jurisdiction ex:zs .
ex:zs a kg:Place ; skos:prefLabel "中山市"@zh .
ex:gov a kg:Agency ; skos:prefLabel "中山市人民政府"@zh .
ex:ev a kg:RegulationEvent ; kg:regulation ex:reg ; kg:action kg:issued ; prov:wasAssociatedWith ex:gov .
ex:reg2 a kg:Regulation ; skos:prefLabel "中山市排水管理条例"@zh ; kg:issuedBy ex:gov .
"""


def test_who_issued_which_regulation(capsys, tmp_path):
    ttl = tmp_path / "issued.ttl"
    ttl.write_text(ISSUED_BY, encoding="utf-8")
    rows = named_rows(capsys, ttl, "regulations-issued-by")
    assert {(r["regulation"], r["issuer"], r["place"], r["how"]) for r in rows} == {
        ("中山市河道管理办法", "中山市人民政府", "中山市", "event"),
        ("中山市排水管理条例", "中山市人民政府", "", "issuedBy"),
    }


def test_entities_shared_by_documents_are_counted_once(capsys, tmp_path):
    # two documents naming the same agencies (two sentences of the sample): the default graph is
    # their merge, so a join over a shared entity gives one row, not one per document
    for name, text in [("a", "市工商联和市司法局共建沟通联系机制。"), ("b", "市司法局组织开展行政执法培训。")]:
        (tmp_path / f"{name}.txt").write_text(f"中山市2022年法治政府建设年度报告\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(out), "-f", "nq",
                 "--store", str(out / "store")]) == 0
    q = 'SELECT ?label ?type WHERE { ?a skos:prefLabel "中山市司法局"@zh ; skos:prefLabel ?label ; a ?type }'
    for graph in (out / "graph.nq", out / "store"):
        assert query_rows(capsys, graph, q) == [{"label": "中山市司法局", "type": KG.Agency.value}]
    graphs = query_rows(capsys, out / "store", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Document } }")
    assert len(graphs) == 2
