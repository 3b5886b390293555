"""`kg view`: write the explorer page for a built graph, or for one neighbourhood of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import InputError


def parse_types(spec: str) -> set | None:
    """'agency,place' → {EntityType.AGENCY, EntityType.PLACE}; '' → None (every type)."""
    from kg.model import EntityType

    if not spec.strip():
        return None
    by_name = {t.value.lower(): t for t in EntityType}
    wanted = [s.strip().lower() for s in spec.split(",") if s.strip()]
    bad = [w for w in wanted if w not in by_name]
    if bad:
        raise InputError("--types", f"unknown type {', '.join(bad)}; choose from {', '.join(t.value for t in EntityType)}")
    return {by_name[w] for w in wanted}


def cmd_view(args: argparse.Namespace) -> int:
    from kg.emit import atomic_write
    from kg.emit.html import write_page
    from kg.pagegraph import find, most_connected, neighbourhood, read_graph

    if args.depth < 0:
        raise InputError("--depth", "must be 0 or more")
    types = parse_types(args.types)
    path = Path(args.graph)
    graph = read_graph(path)
    title = ""
    if args.focus:
        focus = find(graph, args.focus)
        if not focus:
            raise InputError("--focus", f"no entity is called or contains {args.focus!r}")
        exact = [n for n in focus if args.focus == n.name or args.focus in n.aliases]
        if not exact and len(focus) > 1:
            names = "、".join(sorted(n.name for n in focus)[:8])
            raise InputError("--focus", f"{args.focus!r} matches {len(focus)} entities ({names}…); give the full name")
        graph = neighbourhood(graph, focus, args.depth, types)
        label = "、".join(n.name for n in focus)
        title = f"{label} 的邻域 · neighbourhood of {label} (depth {args.depth})"
    elif types is not None:
        graph = graph.keep(n.iri for n in graph.nodes.values() if n.type in types)
    graph = most_connected(graph, args.html_max)
    stem = path.stem + (f"-{args.focus}" if args.focus else "")
    out = Path(args.out) if args.out else path.with_name(stem + ".html")
    atomic_write(out, lambda p: write_page(graph, p, title))
    print(f"kg: {len(graph.nodes)} entities, {len(graph.edges)} relations on the page", file=sys.stderr)
    print(f"kg: wrote {out}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("view", help="write the explorer page for a built graph or one neighbourhood of it",
                       description="Read a graph written by `kg build` (.ttl, .nt, .nq, .trig, .jsonld) and write the "
                                   "offline explorer page: the whole graph, or with --focus the entities within --depth "
                                   "relations of one entity.")
    v.add_argument("graph", metavar="GRAPH", help="a graph file written by kg build, e.g. output/graph.ttl")
    v.add_argument("--focus", default="", metavar="NAME",
                   help="centre the page on this entity (canonical name or alias; a unique part of one works)")
    v.add_argument("--depth", type=int, default=2, help="relations to walk out from --focus (default: 2)")
    v.add_argument("--types", default="", metavar="TYPES",
                   help="keep only these types, comma separated: Agency, Organization, Regulation, Program, Place")
    v.add_argument("--html-max", type=int, default=3000, metavar="N",
                   help="keep the N most connected entities (default: 3000; 0 keeps all)")
    v.add_argument("--out", "-o", default="", metavar="FILE",
                   help="page to write (default: next to GRAPH, named after it and the focus)")
    v.set_defaults(func=cmd_view)
