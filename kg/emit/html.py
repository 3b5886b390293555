"""The explorer page: one self-contained HTML file, no request to any network address.

vis-network (from pyvis's bundle) and every style are inlined; the page data is read back from the
build's own RDF (`kg.pagegraph`), so `kg build` and `kg view` show the same thing; positions are
computed here (`kg.emit.layout`), so the browser opens a settled graph with physics off."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path

from kg.emit.layout import layout
from kg.model import EntityType
from kg.pagegraph import PageGraph, Source, from_triples, merge_pages, most_connected

# Okabe-Ito colours: they stay apart for the common colour-vision deficiencies.
TYPE_STYLE = {
    EntityType.AGENCY: ("#0072B2", "机构 Agency"),
    EntityType.ORGANIZATION: ("#CC79A7", "组织 Organization"),
    EntityType.REGULATION: ("#E69F00", "法规文件 Regulation"),
    EntityType.PROGRAM: ("#009E73", "项目平台 Program"),
    EntityType.PLACE: ("#D55E00", "地点 Place"),
}
RELATION_LABEL = {"jurisdiction": "管辖 jurisdiction", "subOrganizationOf": "隶属 subOrganizationOf",
                  "partOf": "属于 partOf", "cooperatesWith": "合作 cooperatesWith", "issuedBy": "发布 issuedBy"}
ACTION_LABEL = {"issued": "出台 issued", "amended": "修订 amended", "repealed": "废止 repealed",
                "drafting": "起草 drafting", "planned": "计划 planned"}
MAX_SOURCES = 40  # sentences per node in the panel; the mention count tells how many there are
SCALE = 140  # pixels per layout unit (one ideal edge length)


def _vis_assets() -> tuple[str, str]:
    # find pyvis's folder without importing it (its import pulls in jinja2 and networkx: 0.25 s)
    spec = importlib.util.find_spec("pyvis")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


class _Table:
    """Strings stored once and referred to by index (a sentence is often cited by many nodes)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.items)
            self.items.append(text)
        return i


def page_data(graph: PageGraph, title: str = "") -> dict:
    """The JSON the page script reads: nodes with positions, edges, legend and string tables."""
    nodes = sorted(graph.nodes.values(), key=lambda n: (list(EntityType).index(n.type), n.name))
    ids = {n.iri: i for i, n in enumerate(nodes)}
    edges = [e for e in graph.edges if e.source in ids and e.target in ids]
    pos = layout(len(nodes), [(ids[e.source], ids[e.target]) for e in edges]) * SCALE
    sentences, sections = _Table(), _Table()

    def src(s: Source | None) -> list[int] | None:
        return None if s is None else [s.document, sections(s.section), sentences(s.text)]

    out_nodes = []
    for i, n in enumerate(nodes):
        out_nodes.append({
            "id": i, "label": n.name, "type": n.type.value, "kind": n.kind, "iri": n.iri, "aliases": n.aliases,
            "mentions": n.mentions, "documents": len(n.documents),
            "x": round(float(pos[i, 0]), 1), "y": round(float(pos[i, 1]), 1),
            "sources": [src(s) for s in n.sources[:MAX_SOURCES]],
            "quantities": [{"value": q.value, "unit": q.unit, "text": q.text, "about": q.about, "approx": q.approx,
                            "asOf": q.as_of, "source": src(q.source)} for q in n.quantities],
            "events": [{"action": ACTION_LABEL.get(v.action, v.action), "trigger": v.trigger, "date": v.date,
                        "agent": v.agent, "source": src(v.source)} for v in n.events],
        })
    out_edges = [{"from": ids[e.source], "to": ids[e.target], "relation": RELATION_LABEL.get(e.relation, e.relation),
                  "source": src(e.evidence)} for e in edges]
    counts = {t: 0 for t in EntityType}
    for n in nodes:
        counts[n.type] += 1
    docs = graph.documents
    return {
        "title": title or (docs[0] if len(docs) == 1 else f"{len(docs)} 份文件的知识图谱 · graph of {len(docs)} documents"),
        "documents": docs, "total": graph.total_entities or len(nodes),
        "shownDocuments": sorted({d for n in nodes for d in n.documents}),
        "types": [{"type": t.value, "label": label, "color": colour, "count": counts[t]}
                  for t, (colour, label) in TYPE_STYLE.items()],
        "nodes": out_nodes, "edges": out_edges, "sentences": sentences.items, "sections": sections.items,
    }


def render(graph: PageGraph, title: str = "") -> str:
    js, css = _vis_assets()
    template = (resources.files("kg") / "templates" / "page.html").read_text(encoding="utf-8")
    # "</" inside a script would end it early; JSON and the bundle both allow "<\/"
    data = json.dumps(page_data(graph, title), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (template.replace("/*VIS_CSS*/", css).replace("/*VIS_JS*/", js.replace("</script", "<\\/script"))
            .replace("/*GRAPH_DATA*/", data))


def write_page(graph: PageGraph, path: Path, title: str = "") -> None:
    path.write_text(render(graph, title), encoding="utf-8")


def write_html(build, path: Path) -> None:
    """The `html` format of `kg build`: the whole build, thinned to `build.html_max` nodes."""
    graph = merge_pages(build.pages, build.rename) if build.pages is not None else from_triples(build.quads)
    write_page(most_connected(graph, build.html_max), path)
