"""`kg query`: run SPARQL (given, from a file, or a named query) on a built graph or a store."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from kg.errors import InputError


def _list_queries() -> int:
    from kg.sparql import named_queries

    for q in named_queries().values():
        print(f"{q.name}\n  {q.title}")
        for line in textwrap.wrap(q.description, 96):
            print(f"  {line}")
        for p, what in q.params.items():
            print(f"  --bind {p}=…  {what}")
    return 0


def _query_text(args: argparse.Namespace) -> str:
    from kg.sparql import bind, get_named

    given = [x for x in (args.sparql, args.file, args.name) if x]
    if len(given) != 1:
        raise InputError("query", "give exactly one of: a SPARQL string, --file FILE.rq, --name NAME")
    bindings = {}
    for item in args.bind:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InputError(f"--bind {item}", "expected NAME=VALUE")
        bindings[key] = value
    if args.name:
        return bind(get_named(args.name), bindings)
    if bindings:
        raise InputError("--bind", "parameters apply to named queries (--name) only")
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise InputError(path, "no such query file")
        try:
            return path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(path, "query file is not UTF-8") from None
    return args.sparql


def cmd_query(args: argparse.Namespace) -> int:
    if args.list:
        return _list_queries()
    from kg.sparql import kind, run, serialize_result
    from kg.store import open_graph

    if not args.graph:
        raise InputError("query", "name the graph to query: a built file (.ttl, .nq, …) or a store folder")
    text = _query_text(args)
    store = open_graph(args.graph)
    result = run(store, text)
    fmt = args.format or ("ttl" if kind(result) == "graph" else "table")
    sys.stdout.buffer.write(serialize_result(result, fmt))
    sys.stdout.flush()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="run a SPARQL query (or a named one) on a graph file or store",
                       description="Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a built graph file "
                                   "(.ttl .nt .nq .trig .jsonld) or a store folder. The prefixes kg:, skos:, org:, "
                                   "schema:, dcterms:, nif:, prov: … are declared for you; the default graph is the "
                                   "merge of every document's graph.",
                       epilog="examples:\n  kg query output/zhongshan-2022.ttl 'SELECT ?a WHERE { ?a a kg:Agency }'\n"
                              "  kg query --list\n  kg query --name agencies-of-city --bind city=中山市 output/store",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    q.add_argument("graph", nargs="?", metavar="GRAPH", help="graph file or store folder")
    q.add_argument("sparql", nargs="?", metavar="SPARQL", help="the query text")
    q.add_argument("--file", metavar="FILE.rq", help="read the query from a file")
    q.add_argument("--name", metavar="NAME", help="run a named query (see --list)")
    q.add_argument("--bind", action="append", default=[], metavar="PARAM=VALUE",
                   help="set a named query's parameter (repeatable)")
    q.add_argument("--list", action="store_true", help="list the named queries and exit")
    q.add_argument("--format", "-f", default="",
                   help="SELECT/ASK: table (default), csv, tsv, json, xml; CONSTRUCT/DESCRIBE: ttl (default), nt, "
                        "jsonld, rdfxml")
    q.set_defaults(func=cmd_query)
