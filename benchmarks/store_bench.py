"""Benchmark (not a test): the on-disk pyoxigraph store that `kg build --store` / `kg load` write,
against rdflib's in-memory store, on the same SPARQL queries over a graph of about a million triples.

The graph is the corpus in /work/shared/corpus/docs built with `kg build`, its quads copied under
distinct IRIs (every resource and named graph of copy i moves under BASE/rI/) until it holds the
requested number of quads. Each rdflib query runs in a forked child so one that explodes (see
PITFALLS.md: rdflib evaluates type patterns first and builds cartesian products) is stopped at
--rdflib-timeout and reported as such instead of stalling the run.

    .venv/bin/python benchmarks/store_bench.py                 # ~1M quads, about 3 minutes
    .venv/bin/python benchmarks/store_bench.py --quads 200000  # quicker
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.cli import main as kg_main  # noqa: E402
from kg.sparql import get_named, prefix_header  # noqa: E402
from kg.vocab import Names  # noqa: E402

CORPUS = Path("/work/shared/corpus/docs")

# typical questions: lookups, one-hop joins with labels, aggregates, text filters, and named
# queries of the library (the multi-type ones are where rdflib's engine gives out)
QUERIES = {
    "label lookup": 'SELECT ?e WHERE { ?e skos:prefLabel "国务院办公厅"@zh }',
    "count by type": "SELECT ?t (COUNT(*) AS ?n) WHERE { ?s a ?t } GROUP BY ?t",
    "parents of agencies": "SELECT ?a ?p WHERE { ?x org:subOrganizationOf ?y . ?x skos:prefLabel ?a . ?y skos:prefLabel ?p }",
    "mentions of one entity": 'SELECT ?w ?s WHERE { ?e skos:prefLabel "国务院办公厅"@zh ; kg:mention ?m . '
                              "?m nif:anchorOf ?w ; kg:sentence/nif:anchorOf ?s }",
    "figures on 政务服务": 'SELECT ?v ?u WHERE { ?q schema:value ?v ; schema:unitText ?u ; kg:sentence/nif:anchorOf ?s . '
                           'FILTER(CONTAINS(STR(?s), "政务服务")) }',
    # a type pattern on every node (PITFALLS.md: rdflib builds the cartesian product first)
    "agencies and regulations of a city": 'SELECT ?a ?r WHERE { ?p a kg:Place ; skos:prefLabel "广东省"@zh . '
                                          "?a a kg:Agency ; kg:jurisdiction ?p . ?r a kg:Regulation ; kg:jurisdiction ?p }",
    "named: agencies-by-mentions": get_named("agencies-by-mentions").text,
    "named: regulations-by-kind-and-place": get_named("regulations-by-kind-and-place").text,
    "named: programs-with-agencies-and-places": get_named("programs-with-agencies-and-places").text,
}


def build_corpus(work: Path) -> Path:
    out = work / "corpus"
    if kg_main(["build", str(CORPUS), "--out", str(out), "-f", "nq", "--no-cache"]) not in (0, 1):
        raise SystemExit("corpus build failed")
    return out / "graph.nq"


def replicate(nq: Path, target: int, out: Path) -> int:
    """Copies of the corpus quads under distinct IRIs until about `target` quads; returns the count."""
    base = Names().base
    lines = nq.read_text(encoding="utf-8").splitlines(keepends=True)
    copies = max(1, math.ceil(target / len(lines)))
    with open(out, "w", encoding="utf-8") as f:
        for i in range(copies):
            moved = f"<{base}r{i}/"
            f.writelines(line.replace(f"<{base}", moved) for line in lines)
    return copies * len(lines)


def timed(fn, repeat: int) -> tuple[float, int]:
    """Median seconds over `repeat` runs, and the row count."""
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), rows


def _rdflib_child(ds, query: str, repeat: int, conn) -> None:
    conn.send(timed(lambda: len(list(ds.query(query))), repeat))


def rdflib_query(ds, query: str, repeat: int, timeout: float) -> tuple[float, int] | None:
    ctx = multiprocessing.get_context("fork")  # the child shares the loaded graph, copy-on-write
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_rdflib_child, args=(ds, query, repeat, child))
    p.start()
    answer = parent.recv() if parent.poll(timeout) else None
    p.kill()
    p.join()
    return answer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000, help="size of the replicated graph (default: 1,000,000)")
    ap.add_argument("--nq", type=Path, help="an already built corpus .nq (skips the corpus build)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query; the median is reported")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds before an rdflib query is stopped")
    args = ap.parse_args()

    import rdflib

    from kg.sparql import run
    from kg.store import load_files, open_graph

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        t = time.perf_counter()
        nq = args.nq or build_corpus(work)
        print(f"corpus graph: {nq} ({time.perf_counter() - t:.1f} s)")
        big = work / "big.nq"
        n = replicate(nq, args.quads, big)
        print(f"replicated graph: {n:,} quads, {big.stat().st_size / 1e6:.0f} MB of N-Quads")

        t = time.perf_counter()
        load_files(work / "store", [big])  # what `kg load` does: bulk load, then merge the default graph
        ox_load = time.perf_counter() - t
        t = time.perf_counter()
        store = open_graph(work / "store")
        ox_open = time.perf_counter() - t
        print(f"pyoxigraph: kg load into an on-disk store {ox_load:.1f} s; open read-only {ox_open * 1000:.0f} ms")

        t = time.perf_counter()
        ds = rdflib.Dataset(default_union=True)
        ds.parse(big, format="nquads")
        rd_load = time.perf_counter() - t
        print(f"rdflib: parse into in-memory Dataset {rd_load:.1f} s ({len(ds):,} triples in the union)")

        header = prefix_header()
        print(f"\n{'query':42} {'oxigraph':>10} {'rdflib':>12} {'ratio':>8} rows")
        ratios = []
        for name, q in QUERIES.items():
            ox, ox_rows = timed(lambda q=q: len(list(run(store, q))), args.repeat)
            rd = rdflib_query(ds, header + q, args.repeat, args.rdflib_timeout)
            if rd is None:
                print(f"{name:42} {ox * 1000:8.1f}ms {'>' + format(args.rdflib_timeout, 'g') + ' s':>12} "
                      f"{'>' + format(args.rdflib_timeout / ox, '.0f') + 'x':>8} {ox_rows}")
                continue
            ratio = rd[0] / ox
            ratios.append(ratio)
            note = "" if rd[1] == ox_rows else f" (rdflib {rd[1]}: rows differ)"
            print(f"{name:42} {ox * 1000:8.1f}ms {rd[0] * 1000:10.1f}ms {ratio:7.0f}x {ox_rows}{note}")
        if ratios:
            geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
            print(f"\nrdflib / oxigraph query time, geometric mean over the {len(ratios)} queries both finished: {geo:.0f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
