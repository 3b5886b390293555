"""`kg push` against a real Oxigraph server (the `oxigraph` package of the test extra) started on a
free loopback port: one named graph per document, replaced on re-push."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pyoxigraph import RdfFormat, parse, serialize
from test_query import sample_out, sample_store  # noqa: F401  (session fixtures)

from kg.cli import main
from kg.vocab import KG


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        pytest.fail("the oxigraph server is missing: pip install -e '.[test]' installs it")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


def graph_sizes(base: str) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{base}/query?{urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        rows = json.load(r)["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


def test_push_puts_one_graph_per_document_and_replaces_it(capsys, server, sample_out, tmp_path):  # noqa: F811
    nq = sample_out / "zhongshan-2022.nq"
    quads = list(parse(path=str(nq), format=RdfFormat.N_QUADS))
    graph = quads[0].graph_name.value
    assert main(["push", str(nq), "--endpoint", f"{server}/store"]) == 0
    assert graph_sizes(server).get(graph) == len(quads)
    assert "HTTP 201" in capsys.readouterr().err

    # the document rebuilt without its quantities: pushing again replaces the graph, nothing is left over
    fewer = [q for q in quads if q.predicate != KG.approximation]
    smaller = tmp_path / "smaller.nq"
    serialize(fewer, str(smaller), RdfFormat.N_QUADS)
    assert main(["push", str(smaller), "--endpoint", f"{server}/store"]) == 0
    assert graph_sizes(server)[graph] == len(fewer) < len(quads)


def test_push_from_a_store_and_into_a_named_target(server, sample_out, sample_store):  # noqa: F811
    assert main(["push", str(sample_store), "--endpoint", f"{server}/store"]) == 0
    target = "https://example.org/graph/sample-turtle"
    assert main(["push", str(sample_out / "zhongshan-2022.ttl"), "--endpoint", f"{server}/store", "--graph", target]) == 0
    sizes = graph_sizes(server)
    assert sizes[target] == len(list(parse(path=str(sample_out / "zhongshan-2022.nt"), format=RdfFormat.N_TRIPLES)))


def test_turtle_without_a_target_graph_is_an_input_error(capsys, server, sample_out):  # noqa: F811
    assert main(["push", str(sample_out / "zhongshan-2022.ttl"), "--endpoint", f"{server}/store"]) == 2
    assert "no named graphs" in capsys.readouterr().err


def test_unreachable_endpoint_is_one_line(capsys, sample_out):  # noqa: F811
    port = _free_port()
    assert main(["push", str(sample_out / "zhongshan-2022.nq"), "--endpoint", f"http://127.0.0.1:{port}/store"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot reach the endpoint" in err


def test_refused_put_reports_the_status(capsys, server, sample_out):  # noqa: F811
    # /query accepts no PUT: the server's answer is reported, not hidden
    assert main(["push", str(sample_out / "zhongshan-2022.nq"), "--endpoint", f"{server}/query"]) == 2
    assert "refused: HTTP" in capsys.readouterr().err
