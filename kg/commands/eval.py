"""`kg eval`: build documents and score the graph against a gold file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.errors import InputError


def cmd_eval(args: argparse.Namespace) -> int:
    from pyoxigraph import RdfFormat, serialize
    from rdflib import Graph

    from kg.build import collect_inputs
    from kg.evaluate import report, score_graph
    from kg.graph import document_quads
    from kg.ontology import ONTOLOGY
    from kg.pipeline import process_file
    from kg.vocab import Names

    gold_path = Path(args.gold)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(gold_path, f"cannot read gold file: {e}") from None
    names = Names()
    docs = [process_file(p) for p in collect_inputs(args.inputs)]
    triples = {(q.subject, q.predicate, q.object) for d in docs for q in document_quads(d, names)}
    from pyoxigraph import Triple

    data = serialize([Triple(*t) for t in triples], format=RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    g.parse(ONTOLOGY)
    score = score_graph(g, gold)
    print(report(score, args.show))
    if args.json:
        print(json.dumps({"entities": score.entities, "quantities": score.quantities, "relations": score.relations,
                          "events": score.events, "document": score.document}, ensure_ascii=False))
    f1 = score.entities["ALL"]["f"]
    if args.min_f1 is not None and f1 < args.min_f1:
        print(f"kg: entity F1 {f1:.3f} is below --min-f1 {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("eval", help="score a build against a gold annotation file",
                       description="Build INPUT and score its graph against a gold file (eval/gold/*.gold.json): "
                                   "precision, recall and F1 per entity type, quantities, relation and event "
                                   "recall, document metadata; then the misses and spurious nodes.")
    e.add_argument("inputs", nargs="+", metavar="INPUT", help="the document(s) the gold file annotates")
    e.add_argument("--gold", required=True, help="gold file (JSON)")
    e.add_argument("--min-f1", type=float, default=None, help="exit 1 when overall entity F1 is below this")
    e.add_argument("--show", type=int, default=15, help="how many misses and spurious nodes to list")
    e.add_argument("--json", action="store_true", help="also print the scores as one JSON line")
    e.set_defaults(func=cmd_eval)
