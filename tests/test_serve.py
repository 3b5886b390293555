"""`kg serve` over real HTTP on a free loopback port: SPARQL 1.1 Protocol, content negotiation,
time limit, refused updates, and the query page."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

import pytest
from test_query import sample_out, sample_store  # noqa: F401  (session fixtures)

SELECT = "SELECT ?l WHERE { ?a a kg:Agency ; skos:prefLabel ?l } ORDER BY ?l"
# a three-way cross product of the sample's triples: far too slow to finish within the limit
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(sample_store):  # noqa: F811
    from kg.serve import start

    running = start(sample_store, port=0, timeout=1.5, workers=1)
    yield running.server.url + "sparql"
    running.stop()


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


def get(endpoint: str, query: str, accept: str = "") -> tuple[int, str, bytes]:
    return http(f"{endpoint}?query={quote(query)}", headers={"Accept": accept} if accept else {})


def post_form(endpoint: str, accept: str = "", **fields: str) -> tuple[int, str, bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return http(endpoint, urlencode(fields).encode(), headers)


def test_binds_loopback_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")


def test_format_parameter_overrides_accept(endpoint):
    status, ctype, body = http(f"{endpoint}?{urlencode({'query': SELECT, 'format': 'csv'})}",
                               headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and ctype == "text/csv" and body.decode().startswith("l")


def test_get_select_answers_sparql_results_json(endpoint):
    status, ctype, body = get(endpoint, SELECT)
    assert status == 200 and ctype == "application/sparql-results+json"
    labels = [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert "中山市司法局" in labels and labels == sorted(labels)


def test_post_form_with_csv_accepted(endpoint):
    status, ctype, body = post_form(endpoint, accept="text/csv", query=SELECT)
    assert status == 200 and ctype == "text/csv"
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["l"] and ["中山市司法局"] in rows


def test_post_query_body_with_tsv_and_xml(endpoint):
    headers = {"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"}
    status, ctype, body = http(endpoint, SELECT.encode(), headers)
    assert status == 200 and ctype == "text/tab-separated-values"
    assert body.decode().splitlines()[0] == "?l"
    headers["Accept"] = "application/sparql-results+xml"
    status, ctype, body = http(endpoint, SELECT.encode(), headers)
    assert status == 200 and ctype == "application/sparql-results+xml" and b"<sparql" in body


def test_accept_quality_values_pick_the_preferred_type(endpoint):
    status, ctype, _ = get(endpoint, SELECT, "text/csv;q=0.5, application/sparql-results+xml;q=0.9")
    assert ctype == "application/sparql-results+xml"


def test_construct_answers_turtle_or_ntriples(endpoint):
    q = "CONSTRUCT WHERE { ?a org:subOrganizationOf ?b }"
    status, ctype, body = get(endpoint, q, "text/turtle")
    assert status == 200 and ctype == "text/turtle" and b"org:subOrganizationOf" in body
    status, ctype, body = get(endpoint, q, "application/n-triples")
    assert ctype == "application/n-triples"
    assert all(line.endswith(" .") for line in body.decode().splitlines())


def test_ask_answers_a_boolean(endpoint):
    status, _, body = get(endpoint, "ASK { ?a a kg:Agency }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_updates_are_refused(endpoint):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    assert post_form(endpoint, update=update)[0] == 403
    assert http(endpoint, update.encode(), {"Content-Type": "application/sparql-update"})[0] == 403
    assert get(endpoint, update)[0] == 403
    status, _, body = get(endpoint, "ASK { <http://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_syntax_error_is_a_400_naming_the_place(endpoint):
    status, _, body = get(endpoint, "SELECT ?x WHERE { ?x zz:p ?y }")
    assert status == 400 and b"unknown prefix 'zz:'" in body and b"line 1" in body


def test_missing_query_is_a_400(endpoint):
    assert http(endpoint)[0] == 400


def test_long_query_is_stopped_and_the_endpoint_keeps_answering(endpoint):
    status, _, body = get(endpoint, SLOW)
    assert status == 503 and b"time limit of 1.5 s" in body
    status, _, body = get(endpoint, "ASK { ?a a kg:Agency }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_query_page_is_self_contained_with_named_queries(endpoint):
    from kg.sparql import named_queries

    status, ctype, body = http(endpoint.removesuffix("sparql"))
    page = body.decode()
    assert status == 200 and ctype.startswith("text/html")
    assert "<textarea" in page and all(name in page for name in named_queries())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_serves_a_graph_file_from_the_command_line(sample_out, tmp_path):  # noqa: F811
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(sample_out / "zhongshan-2022.nq"),
                             "--port", "0", "--workers", "1"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        status, _, body = get(f"http://127.0.0.1:{m[1]}/sparql", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }")
        assert status == 200
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"
        assert list(scratch.iterdir())  # the file was loaded into a temporary store
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode == 0 and not list(scratch.iterdir())  # SIGTERM removes it
