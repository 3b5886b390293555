"""`kg serve`: a read-only SPARQL endpoint and query page for a graph file or store."""

from __future__ import annotations

import argparse


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import serve_forever

    serve_forever(args.graph, host=args.host, port=args.port, timeout=args.timeout, workers=args.workers,
                  verbose=args.verbose)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("serve", help="serve a read-only SPARQL endpoint (/sparql) and a query page (/)",
                       description="Serve a graph file or store folder over the SPARQL 1.1 Protocol at /sparql "
                                   "(GET and POST; JSON, XML, CSV, TSV results and Turtle, N-Triples, JSON-LD graphs by "
                                   "content negotiation) with a query page at /. Updates are refused.")
    s.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .nq …) or store folder")
    s.add_argument("--port", "-p", type=int, default=8080, help="port (default: 8080; 0 picks a free one)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    s.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop a query running longer than this (default: 30)")
    s.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    s.add_argument("--verbose", "-v", action="store_true", help="log every request")
    s.set_defaults(func=cmd_serve)
