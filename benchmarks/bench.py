"""`make bench`: corpus build speed, scaling, memory and cache, against jieba.lcut in the same run.

Builds the corpus (../shared/corpus/docs, or $GOVKG_BENCH_CORPUS) at 1x, 4x and 16x (copies with
distinct file names in a temporary folder), every build timed as a whole process (start-up included),
and writes benchmarks/results.md; the README's Performance section shows the same table.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("GOVKG_BENCH_CORPUS", ROOT.parent / "shared" / "corpus" / "docs"))
RESULTS = ROOT / "benchmarks" / "results.md"
README = ROOT / "README.md"
SCALES = [int(s) for s in os.environ.get("GOVKG_BENCH_SCALES", "1,4,16").split(",")]
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# The builds run a copy of the package taken when the bench starts, so edits made meanwhile
# (or a cache made stale by them) cannot mix into one table.
SNAPSHOT = Path(tempfile.mkdtemp(prefix="kg-bench-src-"))

# the reference: plain jieba.lcut over the same files, as a whole process
JIEBA = """
import sys, pathlib, jieba
jieba.setLogLevel(60)
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    jieba.lcut(p.read_text(encoding="utf-8"))
"""


def run_measured(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, peak resident MB and CPU seconds of the command's processes (a wrapper reports
    its children's rusage). CPU time is what other load on a shared machine disturbs least."""
    wrapper = ("import os, subprocess, sys, time, resource\n"
               "t = time.perf_counter(); p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
               "_, status, ru = os.wait4(p.pid, 0)\n"
               "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "print(time.perf_counter() - t, max(ru.ru_maxrss, kids.ru_maxrss) // 1024,"
               " os.waitstatus_to_exitcode(status), kids.ru_utime + kids.ru_stime, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=SNAPSHOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SNAPSHOT)})
    last = proc.stderr.strip().splitlines()[-1]
    seconds, peak, code, cpu = last.split()
    if int(code) not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr}")
    return float(seconds), int(peak), float(cpu)


def make_corpus(base: Path, scale: int) -> tuple[Path, int]:
    folder = base / f"corpus-{scale}x"
    folder.mkdir()
    chars = 0
    for copy in range(scale):
        for f in sorted(CORPUS.glob("*.txt")):
            shutil.copyfile(f, folder / f"c{copy:02d}-{f.name}")
            chars += len(f.read_text(encoding="utf-8"))
    return folder, chars


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", "build", *args]


def store_times(nquads: Path, work: Path) -> tuple[str, str]:
    """Bulk-load seconds into an on-disk store and one query's seconds; '–' when kg.store is absent."""
    try:
        from kg import store

        store.load_files  # noqa: B018 - the persistent store may not exist yet in this checkout
    except (ImportError, AttributeError):
        return "–", "–"
    began = time.perf_counter()
    db = store.load_files(work / "store", [nquads])
    loaded = time.perf_counter() - began
    query = ("PREFIX kg: <https://w3id.org/govkg/ontology#> SELECT ?type (COUNT(DISTINCT ?e) AS ?n) "
             "WHERE { ?e a ?type . ?e kg:mention ?m } GROUP BY ?type")
    began = time.perf_counter()
    list(db.query(query))
    return f"{loaded:.2f}", f"{time.perf_counter() - began:.3f}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"bench: no corpus at {CORPUS} (set GOVKG_BENCH_CORPUS)")
    rows = []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    shutil.copytree(ROOT / "kg", SNAPSHOT / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    try:
        measure(rows)
    finally:
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
    table = render(rows, load)
    RESULTS.write_text("# Benchmark results\n\n`make bench` (benchmarks/bench.py) writes this file.\n\n" + table,
                       encoding="utf-8")
    update_readme(table)
    print(table)


def measure(rows: list[dict]) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        for scale in SCALES:
            folder, chars = make_corpus(work, scale)
            jieba_s, _, jieba_cpu = run_measured([sys.executable, "-c", JIEBA, str(folder)])
            one_s, peak, one_cpu = run_measured(kg(str(folder), "--out", str(work / f"out1-{scale}"), "--jobs", "1",
                                             "--no-cache", "--format", "nq"))
            two_s, _, two_cpu = run_measured(kg(str(folder), "--out", str(work / f"out2-{scale}"), "--jobs", "2",
                                          "--no-cache"))
            # incremental: a full build that fills the cache, then the same command again
            cached = work / f"out3-{scale}"
            full_s, _, _ = run_measured(kg(str(folder), "--out", str(cached)))
            again_s, _, _ = run_measured(kg(str(folder), "--out", str(cached)))
            load_s, query_s = store_times(work / f"out1-{scale}" / "graph.nq", work / f"store-{scale}")
            rows.append({
                "scale": f"{scale}x", "docs": scale * len(list(CORPUS.glob("*.txt"))), "chars": chars,
                "jieba": chars / jieba_s, "kg": chars / one_s, "one_s": one_s, "two_s": two_s,
                "cpu_ratio": jieba_cpu / one_cpu, "one_cpu": one_cpu, "cores": two_cpu / two_s,
                "speedup": one_s / two_s, "peak": peak, "full_s": full_s, "again_s": again_s,
                "load_s": load_s, "query_s": query_s,
            })
            print(f"bench: {scale}x done: {one_s:.1f}s one process, {two_s:.1f}s two, re-run {again_s:.2f}s",
                  file=sys.stderr)


def render(rows: list[dict], load: float) -> str:
    head = ("| corpus | documents | characters | jieba.lcut chars/s | kg build chars/s (1 process) | ratio | "
            "ratio (CPU time) | 1 process s | 1 process CPU s | 2 processes s | speed-up | peak MB (1 process) | "
            "cores busy (2 processes) | cached full build s | re-run unchanged s | re-run / full | store load s | "
            "store query s |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    body = "".join(
        f"| {r['scale']} | {r['docs']} | {r['chars']:,} | {r['jieba']:,.0f} | {r['kg']:,.0f} | "
        f"{r['kg'] / r['jieba']:.2f} | {r['cpu_ratio']:.2f} | {r['one_s']:.1f} | {r['one_cpu']:.1f} | "
        f"{r['two_s']:.1f} | {r['speedup']:.2f} | {r['peak']:,} | {r['cores']:.2f} | "
        f"{r['full_s']:.1f} | {r['again_s']:.2f} | {100 * r['again_s'] / r['full_s']:.1f}% | {r['load_s']} | "
        f"{r['query_s']} |\n" for r in rows)
    base = rows[0]
    linear = ", ".join(f"{r['scale']}: {r['one_s'] / base['one_s']:.1f}x the time ({r['one_cpu'] / base['one_cpu']:.1f}x "
                       f"the CPU time) for {r['chars'] / base['chars']:.0f}x the text" for r in rows[1:])
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Measured {when} on {machine()}; load average {load:.1f} when it started (the 2 cores are shared "
            f"with other work, so absolute times are indicative and the 2-process speed-up is bounded by what "
            f"the other load leaves free: 'cores busy' is the 2-process run's CPU time over its wall time, 2.0 when "
            f"it had both cores).\n\n{head}{body}\nScaling: {linear or 'one scale only'}. Every time "
            f"is a whole process, start-up included; the ratio is kg build's characters per second over "
            f"jieba.lcut's on the same files in the same run (by wall time, and by CPU time, which the other load "
            f"disturbs less).\n")


def update_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        README.write_text(f"{before}{START}\n{table}{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
