"""Benchmark the explorer page: build a corpus, write its page, open it in headless chromium and
time how long until it is drawn and answers a search.

    .venv/bin/python tools/bench_page.py ../shared/corpus/docs            # the corpus as it is
    .venv/bin/python tools/bench_page.py ../shared/corpus/docs --copies 3 # ~3x the nodes, one giant component

--copies K repeats the graph K times (names suffixed #2, #3 …) and ties each copy's best-connected
node to the first copy's, to see how the page scales past the corpus we have."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def inflate(graph, copies: int):
    from kg.pagegraph import PageEdge

    if copies <= 1:
        return graph
    hub = max(graph.degrees().items(), key=lambda kv: kv[1])[0]
    nodes, edges = dict(graph.nodes), list(graph.edges)
    for k in range(2, copies + 1):
        for iri, n in graph.nodes.items():
            nodes[f"{iri}#{k}"] = replace(n, iri=f"{iri}#{k}", name=f"{n.name}#{k}", aliases=list(n.aliases),
                                          documents=set(n.documents))
        edges += [PageEdge(f"{e.source}#{k}", f"{e.target}#{k}", e.relation, e.evidence) for e in graph.edges]
        edges.append(PageEdge(f"{hub}#{k}", hub, "partOf"))
    return replace(graph, nodes=nodes, edges=edges, total_entities=len(nodes))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="folder of documents")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--query", default="人民政府", help="what to type into the search box")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.emit.html import write_page
    from kg.pagegraph import read_graph

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "build", args.corpus, "--out", tmp, "--html-max", "0"], check=True,
                       capture_output=True)
        build_s = time.perf_counter() - t
        graph = inflate(read_graph(out / "graph.ttl"), args.copies)
        t = time.perf_counter()
        page = out / "bench.html"
        write_page(graph, page)
        page_s = time.perf_counter() - t
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            tab = browser.new_page(viewport={"width": 1400, "height": 860})
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            t = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_function("window.govkg && window.govkg.ready", timeout=120_000, polling=20)
            ready_s = time.perf_counter() - t
            # settled: the main thread answers a task after the first frame
            tab.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            settled_s = time.perf_counter() - t
            t = time.perf_counter()
            tab.fill("#search", args.query)
            tab.keyboard.press("Enter")
            tab.wait_for_selector("#panel h2")
            tab.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            select_s = time.perf_counter() - t
            t = time.perf_counter()
            tab.uncheck('#legend input[data-type="Place"]')
            tab.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            filter_s = time.perf_counter() - t
            browser.close()
        print(f"nodes {len(graph.nodes)}, edges {len(graph.edges)}, page {page.stat().st_size / 1e6:.1f} MB")
        print(f"kg build {build_s:.1f}s; layout+page {page_s:.2f}s; drawn {ready_s:.2f}s, settled {settled_s:.2f}s "
              f"after navigation; search+select {select_s:.2f}s; type filter {filter_s:.2f}s; page errors {len(errors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
