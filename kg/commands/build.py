"""`kg build`: read documents and write their graph."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from kg.errors import InputError


def collect_inputs(inputs: list[str]) -> list[Path]:
    """Files as given; folders expanded to the supported files inside them, sorted."""
    from kg.ingest import SUFFIXES

    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(p, f"folder holds no {', '.join(SUFFIXES)} files")
            files.extend(found)
        elif not p.exists():
            raise InputError(p, "no such file or folder")
        else:
            files.append(p)
    return files


def cmd_build(args: argparse.Namespace) -> int:
    from kg.emit import Build, emit, parse_formats
    from kg.graph import document_quads
    from kg.model import EntityType
    from kg.pipeline import process_file
    from kg.vocab import Names

    started = time.perf_counter()
    try:
        formats = parse_formats("ttl," + (args.format or "") + ",html")
    except ValueError as e:
        raise InputError("--format", str(e)) from None
    paths = collect_inputs(args.inputs)
    names = Names(args.base) if args.base else Names()
    docs = [process_file(p) for p in paths]
    quads = [q for d in docs for q in document_quads(d, names)]
    build = Build(docs, quads, names)
    single = len(args.inputs) == 1 and Path(args.inputs[0]).is_file()
    stem = docs[0].id if single else "graph"
    written = emit(build, Path(args.out), stem, formats)

    counts: Counter[str] = Counter()
    seen = set()
    for d in docs:
        for key in d.entities:
            if key not in seen:
                seen.add(key)
                counts[key[0].value] += 1
    triples = len({(q.subject, q.predicate, q.object) for q in quads})
    elapsed = time.perf_counter() - started
    per_type = ", ".join(f"{counts.get(t.value, 0)} {t.value}" for t in EntityType)
    print(f"kg: {len(docs)} document(s), {sum(counts.values())} entities ({per_type}), "
          f"{triples} triples in {elapsed:.2f}s", file=sys.stderr)
    for p in written:
        print(f"kg: wrote {p}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="read documents and write the graph (Turtle + HTML page)",
                       description="Read documents (.txt, .md, .html; UTF-8 or GB18030/GBK) and write their graph. "
                                   "One input file writes OUT/<stem>.ttl and OUT/<stem>.html; several inputs or a "
                                   "folder write OUT/graph.ttl and OUT/graph.html.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders to read")
    b.add_argument("--out", "-o", default="output", help="folder to write into (default: output)")
    b.add_argument("--format", "-f", default="",
                   help="extra formats, comma separated: nt, nq, trig, jsonld (ttl and html are always written)")
    b.add_argument("--base", default="", help="base IRI for the resources of this build "
                                              "(default: https://w3id.org/govkg/id/, or $GOVKG_BASE)")
    b.set_defaults(func=cmd_build)
