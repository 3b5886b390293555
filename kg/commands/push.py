"""`kg push`: send a graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol, one graph per document)."""

from __future__ import annotations

import argparse
import os
import sys


def cmd_push(args: argparse.Namespace) -> int:
    from kg.push import push

    def report(p) -> None:
        print(f"kg: PUT <{p.graph}>: {p.triples} triples, HTTP {p.status}", file=sys.stderr)

    done = push(args.graph, args.endpoint, into=args.graph_iri, auth=args.user or os.environ.get("KG_PUSH_USER", ""),
                timeout=args.timeout, report=report)
    print(f"kg: pushed {len(done)} graph(s), {sum(p.triples for p in done)} triples to {args.endpoint}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="send a graph to a triple store (SPARQL Graph Store Protocol)",
                       description="PUT each named graph (one per document) of a graph file or store to a triple "
                                   "store's SPARQL 1.1 Graph Store HTTP Protocol endpoint, replacing the graph of the "
                                   "same name. Endpoints: Oxigraph http://HOST:7878/store, Fuseki "
                                   "http://HOST:3030/DATASET/data, GraphDB "
                                   "http://HOST:7200/repositories/REPO/rdf-graphs/service.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.nq .trig keep one graph per document) or store folder")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store Protocol URL")
    p.add_argument("--graph", dest="graph_iri", default="", metavar="IRI",
                   help="target graph for a file without named graphs (.ttl, .nt)")
    p.add_argument("--user", default="", metavar="USER:PASSWORD",
                   help="HTTP basic authentication (or set KG_PUSH_USER)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS", help="per request (default: 120)")
    p.set_defaults(func=cmd_push)
