"""`kg load`: bulk-load built graph files into a persistent store that `kg query` and `kg serve` open."""

from __future__ import annotations

import argparse
import sys
import time


def cmd_load(args: argparse.Namespace) -> int:
    from kg.build import collect_files
    from kg.store import RDF_SUFFIXES, load_files

    files = collect_files(args.graphs, tuple(RDF_SUFFIXES), recursive=False)
    started = time.perf_counter()
    store = load_files(args.store, files, replace=args.replace)
    graphs = sum(1 for _ in store.named_graphs())
    print(f"kg: loaded {len(files)} file(s) into {args.store}: {len(store)} quads in {graphs} named graph(s) "
          f"in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="bulk-load graph files into a persistent store folder",
                       description="Bulk-load built graph files (.nq .trig keep one named graph per document and "
                                   "replace graphs of the same name; .ttl .nt .jsonld go to the default graph) into an "
                                   "on-disk Oxigraph store that kg query and kg serve open without parsing again.")
    p.add_argument("graphs", nargs="+", metavar="GRAPH", help="graph files, or folders holding them")
    p.add_argument("--store", required=True, metavar="DIR", help="store folder (created when missing)")
    p.add_argument("--replace", action="store_true", help="empty the store before loading")
    p.set_defaults(func=cmd_load)
