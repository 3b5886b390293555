"""Send a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol: one PUT per named
graph (one per document), so pushing a rebuilt document replaces what was there before.

The endpoint is the store's Graph Store Protocol URL: Oxigraph `http://host:7878/store`, Fuseki
`http://host:3030/DATASET/data`, GraphDB `http://host:7200/repositories/REPO/rdf-graphs/service`."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, serialize

from kg.errors import InputError
from kg.store import open_graph
from kg.vocab import PREFIXES


@dataclass(frozen=True, slots=True)
class Pushed:
    graph: str
    triples: int
    status: int


def graph_url(endpoint: str, graph: str) -> str:
    """The indirect-identification URL of a named graph: ENDPOINT?graph=IRI."""
    sep = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def push(graph: str | Path, endpoint: str, into: str = "", auth: str = "", timeout: float = 120.0,
         report: Callable[[Pushed], None] | None = None) -> list[Pushed]:
    """PUT every named graph of `graph` (a file or store) to `endpoint`. A file without named graphs
    (Turtle, N-Triples) needs `into`: the IRI of the graph to put its triples in."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise InputError(endpoint, "the endpoint must be an http(s) URL")
    store = open_graph(graph)
    names = sorted(g.value for g in store.named_graphs())
    if into:
        if names:
            raise InputError(graph, "--graph is for files without named graphs; this one has "
                                    f"{len(names)} (one per document), pushed under their own names")
        groups = {into: DefaultGraph()}
    elif names:
        groups = {n: NamedNode(n) for n in names}
    else:
        raise InputError(graph, "holds no named graphs; push the .nq or .trig output of kg build, a store, "
                                "or name the target graph with --graph IRI")
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")
    done = []
    for name, source in groups.items():
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, source)]
        body = serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        req = urllib.request.Request(graph_url(endpoint, name), data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                status = r.status
        except urllib.error.HTTPError as e:
            detail = " ".join(e.read(300).decode("utf-8", errors="replace").split())
            raise InputError(endpoint, f"PUT of graph <{name}> refused: HTTP {e.code} {e.reason}"
                                       + (f": {detail}" if detail else "")) from None
        except urllib.error.URLError as e:
            raise InputError(endpoint, f"cannot reach the endpoint: {e.reason}") from None
        pushed = Pushed(name, len(triples), status)
        done.append(pushed)
        if report:
            report(pushed)
    return done
