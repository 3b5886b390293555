"""The interactive page: one self-contained HTML file (vis-network from pyvis's bundle, inline),
no request to any network address. Layout is computed here with networkx, so the page opens
settled instead of running physics in the browser."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx

from kg.corpus import merge_entities, merge_relations
from kg.model import EntityType

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
TYPE_STYLE = {
    EntityType.AGENCY: ("#0072B2", "机构 Agency"),
    EntityType.ORGANIZATION: ("#CC79A7", "组织 Organization"),
    EntityType.REGULATION: ("#E69F00", "法规文件 Regulation"),
    EntityType.PROGRAM: ("#009E73", "项目平台 Program"),
    EntityType.PLACE: ("#D55E00", "地点 Place"),
}
RELATION_LABEL = {"jurisdiction": "管辖 jurisdiction", "subOrganizationOf": "隶属 subOrganizationOf",
                  "partOf": "属于 partOf", "cooperatesWith": "合作 cooperatesWith", "issuedBy": "发布 issuedBy"}


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def page_data(build) -> dict:
    docs = build.documents
    entities = merge_entities(docs)
    relations = merge_relations(docs)
    g = nx.Graph()
    ids = {key: i for i, key in enumerate(entities)}
    g.add_nodes_from(ids.values())
    for r in relations:
        if r.subject in ids and r.object in ids:
            g.add_edge(ids[r.subject], ids[r.object])
    pos = nx.spring_layout(g, seed=7, k=1.2 / max(1, len(ids)) ** 0.5, iterations=60) if ids else {}
    scale = 60 * max(1, len(ids)) ** 0.5
    nodes = []
    for key, i in ids.items():
        ent = entities[key]
        colour, type_label = TYPE_STYLE[ent.type]
        x, y = pos.get(i, (0.0, 0.0))
        nodes.append({
            "id": i, "label": ent.name, "type": ent.type.value, "typeLabel": type_label, "color": colour,
            "iri": build.names.entity(*key).value, "aliases": sorted(ent.aliases),
            "mentions": len(ent.mentions),
            "sentences": [{"doc": m.doc_title, "section": m.section, "text": m.sentence} for m in ent.mentions[:20]],
            "x": round(float(x) * scale, 1), "y": round(float(y) * scale, 1),
        })
    edges = [{"from": ids[r.subject], "to": ids[r.object], "relation": RELATION_LABEL.get(r.predicate, r.predicate)}
             for r in relations if r.subject in ids and r.object in ids]
    legend = [{"type": t.value, "label": label, "color": colour,
               "count": sum(1 for n in nodes if n["type"] == t.value)} for t, (colour, label) in TYPE_STYLE.items()]
    title = docs[0].title if len(docs) == 1 and docs[0].title else f"{len(docs)} documents"
    return {"title": title, "documents": [d.title or d.id for d in docs], "nodes": nodes, "edges": edges,
            "legend": legend}


def render(build) -> str:
    js, css = _vis_assets()
    template = (resources.files("kg") / "templates" / "page.html").read_text(encoding="utf-8")
    data = json.dumps(page_data(build), ensure_ascii=False).replace("</", "<\\/")
    return (template.replace("/*VIS_CSS*/", css).replace("/*VIS_JS*/", js.replace("</script", "<\\/script"))
            .replace("/*GRAPH_DATA*/", data))


def write_html(build, path: Path) -> None:
    path.write_text(render(build), encoding="utf-8")
