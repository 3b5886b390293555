"""Scoring a built graph against a gold file (the format of eval/gold/*.gold.json).

The semantics follow the evaluation contract the project is measured by: entity types through
the rdfs:subClassOf chain (most specific wins), names from every label property after NFKC with
white space, quotation and book-title marks removed; a second node carrying an already found
entity's names is a false positive; optional gold entities are neither required nor penalised;
quantities match on (value, unit) as multisets; relations and events count for recall."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef

TYPES = ("AGENCY", "ORGANIZATION", "REGULATION", "PROGRAM", "PLACE")
CLASS_TYPES = {"Agency": "AGENCY", "GovernmentOrganization": "AGENCY", "Organization": "ORGANIZATION",
               "Regulation": "REGULATION", "Legislation": "REGULATION", "LegalResource": "REGULATION",
               "Program": "PROGRAM", "Place": "PLACE", "AdministrativeArea": "PLACE"}
SPECIFIC_FIRST = ["AGENCY", "REGULATION", "PROGRAM", "PLACE", "ORGANIZATION"]
LABEL_PROPS = {"label", "prefLabel", "altLabel", "name", "alternateName", "hiddenLabel"}
RELATION_PROPS = {
    "jurisdiction": {"jurisdiction", "legislationJurisdiction", "areaServed", "spatialCoverage", "spatial"},
    "subOrganizationOf": {"subOrganizationOf", "parentOrganization"},
    "partOf": {"partOf", "containedInPlace", "isPartOf", "containedIn"},
    "cooperatesWith": {"cooperatesWith", "collaboratesWith", "partner"},
}
ACTIONS = {"issued", "amended", "drafting", "planned", "repealed"}
_STRIP = re.compile(r"[\s“”‘’\"'《》「」『』〈〉<>]")


def norm(text: object) -> str:
    s = unicodedata.normalize("NFKC", str(text))
    s = s.replace("〔", "(").replace("〕", ")").replace("—", "-").replace("–", "-").replace("－", "-")
    return _STRIP.sub("", s)


def unit_key(unit: object) -> str:
    u = norm(unit)
    return u[1:] if len(u) > 1 and u.startswith("个") else u  # 5个工作日 is 5 工作日


def local_name(term: object) -> str:
    return re.split(r"[#/:]", str(term))[-1] if isinstance(term, URIRef) else str(term)


def prf(tp: int, fp: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


@dataclass
class Score:
    entities: dict[str, dict[str, float]] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    quantities: dict[str, float] = field(default_factory=dict)
    relations: dict[str, float] = field(default_factory=dict)
    relations_missed: list[str] = field(default_factory=list)
    events: dict[str, float] = field(default_factory=dict)
    events_missed: list[str] = field(default_factory=list)
    document: dict[str, bool] = field(default_factory=dict)


class _Read:
    """What a graph says, reduced to what a gold file speaks of."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        class_type: dict = {}
        classes = set(g.subjects(RDF.type, None)) | set(g.objects(None, RDF.type)) | set(g.subjects(RDFS.subClassOf, None))
        for c in classes:
            found = {CLASS_TYPES[local_name(s)] for s in g.transitive_objects(c, RDFS.subClassOf)
                     if local_name(s) in CLASS_TYPES}
            if found:
                class_type[c] = next(t for t in SPECIFIC_FIRST if t in found)
        self.type_of: dict = {}
        for s, c in g.subject_objects(RDF.type):
            t = class_type.get(c)
            if t:
                prev = self.type_of.get(s)
                self.type_of[s] = t if prev is None else min(prev, t, key=SPECIFIC_FIRST.index)
        self.labels: dict = defaultdict(set)
        for s, p, o in g:
            if s in self.type_of and isinstance(o, Literal) and local_name(p) in LABEL_PROPS:
                self.labels[s].add(norm(o))
        self.by_label: dict = defaultdict(set)
        for s, labels in self.labels.items():
            for label in labels:
                self.by_label[label].add(s)


def score_graph(g: Graph, gold: dict) -> Score:
    read, out = _Read(g), Score()
    claimed: dict = {}
    hit: dict[int, object] = {}
    for i, item in enumerate(gold["entities"]):
        keys = {norm(item["name"])} | {norm(a) for a in item.get("aliases", [])}
        for key in keys:
            for node in read.by_label.get(key, ()):
                if node in claimed or read.type_of[node] != item["type"]:
                    continue
                if item["optional"]:
                    claimed[node] = -1
                elif i not in hit:
                    claimed[node], hit[i] = i, node
    total = [0, 0, 0]
    for t in TYPES:
        n_gold = sum(1 for it in gold["entities"] if it["type"] == t and not it["optional"])
        tp = sum(1 for i in hit if gold["entities"][i]["type"] == t)
        fp = sum(1 for node, ty in read.type_of.items() if ty == t and node not in claimed)
        p, r, f = prf(tp, fp, n_gold)
        out.entities[t] = {"gold": n_gold, "tp": tp, "fp": fp, "p": p, "r": r, "f": f}
        total = [total[0] + tp, total[1] + fp, total[2] + n_gold]
    p, r, f = prf(total[0], total[1], total[2])
    out.entities["ALL"] = {"gold": total[2], "tp": total[0], "fp": total[1], "p": p, "r": r, "f": f}
    out.missed = [it["type"] + ":" + it["name"] for i, it in enumerate(gold["entities"])
                  if not it["optional"] and i not in hit]
    out.spurious = sorted(read.type_of[n] + ":" + "|".join(sorted(read.labels[n]))
                          for n in read.type_of if n not in claimed)

    # quantities
    predicted = []
    for q in set(g.subjects(RDF.type, None)):
        if not any(local_name(c) in {"QuantitativeValue", "Quantity", "Measurement"} for c in g.objects(q, RDF.type)):
            continue
        units = [unit_key(o) for p_, o in g.predicate_objects(q) if local_name(p_) in {"unitText", "unit"}]
        for p_, o in g.predicate_objects(q):
            if local_name(p_) in {"value", "numericValue"}:
                try:
                    predicted.append((float(o), units[0] if units else ""))
                except (TypeError, ValueError):
                    predicted.append((None, units[0] if units else ""))
    required = [(float(q["value"]), unit_key(q["unit"])) for q in gold["quantities"] if not q["optional"]]
    spare = [(float(q["value"]), unit_key(q["unit"])) for q in gold["quantities"] if q["optional"]]
    pool, tp, fp = list(required), 0, 0
    for item in predicted:
        if item in pool:
            pool.remove(item)
            tp += 1
        elif item in spare:
            spare.remove(item)
        else:
            fp += 1
    p, r, f = prf(tp, fp, len(required))
    out.quantities = {"gold": len(required), "tp": tp, "fp": fp, "p": p, "r": r, "f": f}

    def nodes_for(name: str) -> set:
        for i, node in hit.items():
            if gold["entities"][i]["name"] == name:
                return {node}
        return set(read.by_label.get(norm(name), ()))

    kind_of = {p_: kind for p_ in set(g.predicates()) for kind, names in RELATION_PROPS.items() if local_name(p_) in names}
    edges = {(s, kind_of[p_], o) for s, p_, o in g if p_ in kind_of}
    required_rel = [rel for rel in gold["relations"] if not rel["optional"]]
    found_rel = 0
    for rel in required_rel:
        if any((s, rel["p"], o) in edges for s in nodes_for(rel["s"]) for o in nodes_for(rel["o"])):
            found_rel += 1
        else:
            out.relations_missed.append(f'{rel["s"]} {rel["p"]} {rel["o"]}')
    out.relations = {"gold": len(required_rel), "tp": found_rel,
                     "r": round(found_rel / len(required_rel), 4) if required_rel else 0.0}

    acted = set()
    for reg in [n for n, t in read.type_of.items() if t == "REGULATION"]:
        for n in set(g.subjects(None, reg)) | {reg}:
            for _p, o in g.predicate_objects(n):
                word = local_name(o).lower() if isinstance(o, (URIRef, Literal)) else ""
                if word in ACTIONS:
                    acted.add((reg, word))
    events = gold.get("events", [])
    tp, expected = 0, set()
    for ev in events:
        nodes = nodes_for(ev["regulation"])
        expected |= {(n, ev["action"]) for n in nodes}
        if any((n, ev["action"]) in acted for n in nodes):
            tp += 1
        else:
            out.events_missed.append(f'{ev["regulation"]} {ev["action"]}')
    known = {node for i, node in hit.items() if gold["entities"][i]["type"] == "REGULATION"}
    fp = sum(1 for pair in acted if pair[0] in known and pair not in expected)
    p, r, f = prf(tp, fp, len(events))
    out.events = {"gold": len(events), "tp": tp, "fp": fp, "p": p, "r": r, "f": f}

    doc = gold.get("document", {})
    want = {"title": norm(doc["title"]) if doc.get("title") else None, "date": doc.get("date"),
            "publisher": norm(doc["publisher"]) if doc.get("publisher") else None}
    got = {k: False for k, v in want.items() if v}
    for _s, p_, o in g:
        name = local_name(p_)
        if "title" in got and name == "title" and norm(o) == want["title"]:
            got["title"] = True
        if "date" in got and name in {"issued", "date", "datePublished", "created"} and str(o).startswith(want["date"]):
            got["date"] = True
        if "publisher" in got and name in {"publisher", "creator"}:
            labels = read.labels.get(o, set()) | ({norm(o)} if isinstance(o, Literal) else set())
            got["publisher"] |= want["publisher"] in labels
    out.document = got
    return out


def report(score: Score, show: int = 15) -> str:
    lines = [f"{'type':<13}{'gold':>6}{'tp':>6}{'fp':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for t, r in score.entities.items():
        lines.append(f"{t:<13}{r['gold']:>6}{r['tp']:>6}{r['fp']:>6}{r['p']:>8.3f}{r['r']:>8.3f}{r['f']:>8.3f}")
    q = score.quantities
    lines.append(f"{'QUANTITY':<13}{q['gold']:>6}{q['tp']:>6}{q['fp']:>6}{q['p']:>8.3f}{q['r']:>8.3f}{q['f']:>8.3f}")
    lines.append(f"relations recall {score.relations['r']:.3f} ({score.relations['tp']}/{score.relations['gold']}); "
                 f"events recall {score.events['r']:.3f} ({score.events['tp']}/{score.events['gold']}); "
                 f"document {score.document}")
    for title, items in (("missed", score.missed), ("spurious", score.spurious),
                         ("relations missed", score.relations_missed), ("events missed", score.events_missed)):
        if items and show:
            lines.append(f"{title} ({len(items)}): " + "; ".join(items[:show]))
    return "\n".join(lines)
