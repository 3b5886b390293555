"""`kg build`: read documents and write their graph."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from kg.errors import InputError


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import (
        CACHE_DIR_NAME,
        Cache,
        Progress,
        build_corpus,
        collect_inputs,
        corpus_renames,
        default_jobs,
        fingerprint,
        load_quads,
        merge_across_documents,
        scan,
        summary_line,
        turtle_parts,
    )
    from kg.emit import Build, emit, parse_formats
    from kg.vocab import Names

    started = time.perf_counter()
    try:
        formats = parse_formats("ttl," + (args.format or "") + ",html")
    except ValueError as e:
        raise InputError("--format", str(e)) from None
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise InputError("--jobs", "must be 1 or more")
    paths = collect_inputs(args.inputs)
    single = len(paths) == 1 and Path(args.inputs[0]).is_file()
    names = Names(args.base) if args.base else Names()
    out = Path(args.out)
    progress = Progress(sys.stderr, quiet=single)  # one file: only the summary, or one line of error
    sources = scan(paths, names.base)

    # One file builds without a cache unless asked; a folder caches in OUT/.kgcache.
    temp = build = None
    if args.cache:
        cache_dir = Path(args.cache)
    elif args.no_cache or single:
        temp = tempfile.TemporaryDirectory(prefix="kgcache-")
        cache_dir = Path(temp.name)
    else:
        cache_dir = out / CACHE_DIR_NAME
    try:
        cache = Cache(cache_dir)
        settings = {k: v for k, v in vars(args).items() if k not in ("func", "jobs", "scheduler", "progress")}
        settings["formats"] = formats
        key = fingerprint(sources, settings)
        done = None if temp else cache.up_to_date(key)
        if done is not None:
            for path in done.get("skipped", []):
                print(f"kg: skipped {path}", file=sys.stderr)
            print(f"kg: {done['summary']} (outputs up to date, nothing to do)", file=sys.stderr)
            return int(done.get("status", 0))
        # a single file given directly, or --strict: the first bad file stops the build (exit 2)
        corpus = build_corpus(sources, names.base, cache_dir, jobs=jobs, scheduler=args.scheduler or "",
                              strict=args.strict or single, progress=progress, temporary=temp is not None)
        if not corpus.summaries:
            raise InputError(" ".join(args.inputs), "no file could be read; nothing written")
        # one node per regulation across documents (a short citation joins its full title)
        if corpus.quads is not None:  # extracted in this process: the quads are still in memory
            quads = merge_across_documents(corpus.quads, names, corpus.summaries, per_document=True)
        else:
            shards = load_quads(corpus.shards)
            quads = merge_across_documents(shards, names, corpus.summaries) if len(corpus.summaries) > 1 else shards
        progress.stage(f"merged {len(corpus.summaries)} document(s)")
        # the page merges each document's own page model instead of reading the quads again
        rename = corpus_renames(names, corpus.summaries) if len(corpus.summaries) > 1 else {}
        build = Build(corpus.summaries, quads, names, html_max=args.html_max, pages=corpus.pages,
                      rename={old.value: new.value for old, new in rename.items()},
                      turtle_parts=turtle_parts(corpus, cache_dir, names, rename))
        stem = corpus.summaries[0].id if single else "graph"
        written = emit(build, out, stem, formats, jobs=jobs)
        if args.store:  # also an on-disk store that kg query / kg serve open without parsing
            from kg.store import save_build

            written.append(save_build(args.store, quads))
        skipped = [f"{path}: {reason}" for path, reason in corpus.skipped]
        triples = build.triple_count()  # computed already for the Turtle file
        summary = summary_line(corpus.summaries, triples, time.perf_counter() - started, len(skipped))
        status = 1 if skipped else 0
        if not temp:
            cache.record(key, written, summary, status, skipped)
    finally:
        if build is not None:
            build.close()
        if temp:
            temp.cleanup()
    print(f"kg: {summary}", file=sys.stderr)
    for p in written:
        print(f"kg: wrote {p}", file=sys.stderr)
    return status


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("build", help="read documents and write the graph (Turtle + HTML page)",
                       description="Read documents (.txt, .md, .html, .pdf, .docx; UTF-8, UTF-16, GB18030/GBK or Big5) "
                                   "and write their graph. "
                                   "One input file writes OUT/<stem>.ttl and OUT/<stem>.html; several inputs or a "
                                   "folder write OUT/graph.ttl and OUT/graph.html.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders to read")
    b.add_argument("--out", "-o", default="output", help="folder to write into (default: output)")
    b.add_argument("--format", "-f", default="",
                   help="extra formats, comma separated: nt, nq, trig, jsonld (ttl and html are always written)")
    b.add_argument("--base", default="", help="base IRI for the resources of this build "
                                              "(default: https://w3id.org/govkg/id/, or $GOVKG_BASE)")
    b.add_argument("--html-max", type=int, default=3000, metavar="N",
                   help="the page keeps the N most connected entities (default: 3000; 0 keeps all)")
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="worker processes for a folder (default: every core)")
    b.add_argument("--cache", default="", metavar="DIR",
                   help="cache of extracted documents (default: OUT/.kgcache for folders; none for one file)")
    b.add_argument("--no-cache", action="store_true", help="extract every file again and keep no cache")
    b.add_argument("--strict", action="store_true",
                   help="stop at the first bad file and write nothing (default: skip it, build the rest, exit 1)")
    b.add_argument("--scheduler", default="", metavar="ADDRESS",
                   help="run extraction on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs govkg[cluster]; "
                        "inputs and the cache folder must be on a filesystem the workers share)")
    b.add_argument("--store", default="", metavar="DIR",
                   help="also write the graph into an Oxigraph store folder (one named graph per document)")
    b.set_defaults(func=cmd_build)
