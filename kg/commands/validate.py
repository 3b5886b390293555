"""`kg validate`: check a built graph against the SHACL shapes in ontology/shapes.ttl."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.errors import InputError


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.ontology import SHAPES
    from kg.validate import validate

    shapes = Path(args.shapes) if args.shapes else SHAPES
    if not shapes.is_file():
        raise InputError(shapes, "no such shapes file")
    report = validate(args.graph, shapes)
    for line in report.lines(examples=args.examples):
        print(line)
    return 0 if report.conforms else 1


def register(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="check a graph against the SHACL shapes (exit 1 when it does not conform)",
                       description="Check a graph file or store against ontology/shapes.ttl: every entity is typed and "
                                   "has one preferred label and a mention, every figure a value and unit, every "
                                   "regulation event a regulation and action. Exit status 1 when it does not conform.")
    v.add_argument("graph", metavar="GRAPH", help="graph file (.ttl .nq …) or store folder")
    v.add_argument("--shapes", default="", metavar="FILE.ttl", help="other SHACL shapes to check against")
    v.add_argument("--examples", type=int, default=3, metavar="N", help="offending nodes to show per constraint")
    v.set_defaults(func=cmd_validate)
