"""Corpus build: many input files → one merged graph, fast, on every core, and incrementally.

Each file is extracted on its own (`extract_entry`: the pipeline, then the quads of its named
graph) into a cache entry keyed by the file's path and content hash, the resource base and the
extractor version. An entry is the document's N-Quads (`<key>.nq`, a shard any triple store can
bulk-load), its page model (`<key>.page`, merged into the build's page without reading the quads
again) and a small summary (`<key>.sum`: id and entity keys, for the merge and the run's summary
line). Every writer works from these, so no Document is pickled. The merged
graph is the union of the entries of the files present now: a changed file replaces its named graph,
a removed file's statements are gone, and because entity IRIs depend only on type and canonical
name the union keeps one node per real-world thing across documents.

Extraction runs in this process, in a pool of worker processes (`jobs`) or on a Dask cluster
(`scheduler`); all three run the same `extract_entry`, so their results are identical.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import pickle
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kg import __version__
from kg.errors import InputError
from kg.model import Document, EntityType

if TYPE_CHECKING:
    from kg.emit.rdf import TurtlePart
    from kg.pagegraph import PageGraph

CACHE_DIR_NAME = ".kgcache"
_ENTRY = re.compile(r"^[0-9a-f]{64}\.(nq|doc|sum|page|ttl|nt|err)$")
_PACKAGE = Path(__file__).resolve().parent


def collect_files(items: list[str], suffixes: tuple[str, ...], recursive: bool = True) -> list[Path]:
    """Files as given; folders expanded to the files inside them with one of `suffixes`, sorted."""
    files: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            inside = p.rglob("*") if recursive else p.iterdir()
            found = sorted(f for f in inside if f.is_file() and f.suffix.lower() in suffixes)
            if not found:
                raise InputError(p, f"folder holds no {', '.join(suffixes)} files")
            files.extend(found)
        elif not p.exists():
            raise InputError(p, "no such file or folder")
        else:
            files.append(p)
    return files


def collect_inputs(inputs: list[str]) -> list[Path]:
    """The documents to read: files as given, folders expanded to the readable files inside them."""
    from kg.ingest import SUFFIXES

    return collect_files(inputs, tuple(SUFFIXES))


# Package folders that only write or query graphs: editing them leaves extraction results valid.
_OUTPUT_SIDE = {"commands", "emit", "queries", "templates"}


@cache
def extractor_version() -> str:
    """kg.__version__ plus a hash of the data files and the extraction source: a changed rule, word
    list or recogniser makes every cache entry stale, so a cached result never outlives the code behind it."""
    h = hashlib.sha256(__version__.encode())
    code = [p for p in _PACKAGE.rglob("*.py") if p.relative_to(_PACKAGE).parts[0] not in _OUTPUT_SIDE]
    for p in sorted([*(_PACKAGE / "data").iterdir(), *code]):
        if p.is_file():
            h.update(str(p.relative_to(_PACKAGE)).encode() + b"\0" + p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


@dataclass(frozen=True)
class Source:
    """One input file and the key its extraction is cached under."""

    path: Path
    key: str
    size: int


def scan(files: Iterable[Path], base: str) -> list[Source]:
    """Hash every input (streamed, so a huge file costs no memory); unreadable files get a key of
    their own and fail later in extraction with their reason."""
    version = extractor_version()
    out = []
    for p in files:
        h = hashlib.sha256(f"{version}\0{base}\0{p}\0".encode())
        try:
            size = p.stat().st_size
            with open(p, "rb") as f:
                h.update(hashlib.file_digest(f, "sha256").digest())
        except OSError as e:
            size = 0
            h.update(f"unreadable {e.strerror}".encode())
        out.append(Source(p, h.hexdigest(), size))
    return out


@dataclass(frozen=True)
class DocSummary:
    """What the corpus merge and the run's summary need of a document, cached beside its shard."""

    id: str
    entities: tuple[tuple[str, str], ...]  # (type, canonical name)
    own_triples: int = 0  # statements about the document's own parts (its Turtle part's own_count)

    @classmethod
    def of(cls, doc: Document, own_triples: int = 0) -> DocSummary:
        return cls(doc.id, tuple((t.value, name) for t, name in doc.entities), own_triples)

    @classmethod
    def from_json(cls, data: bytes) -> DocSummary:
        d = json.loads(data)
        return cls(d["id"], tuple((t, n) for t, n in d["entities"]), d.get("own_triples", 0))

    def to_json(self) -> bytes:
        return json.dumps({"id": self.id, "entities": self.entities, "own_triples": self.own_triples},
                          ensure_ascii=False).encode("utf-8")

    def cites_renamed(self, names, renamed: set[str]) -> bool:
        """Does the document name a regulation whose node (IRI in `renamed`) the corpus merge folds?"""
        return any(t == EntityType.REGULATION.value and names.entity(EntityType.REGULATION, n).value in renamed
                   for t, n in self.entities)


@dataclass(frozen=True)
class Outcome:
    """What extracting one file gave: its character count, or the reason it was refused."""

    path: str
    key: str
    chars: int = 0
    error: str = ""


class Cache:
    """Cache entries in one folder; every file is written to a temporary name and renamed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def shard(self, key: str) -> Path:
        return self.folder / f"{key}.nq"

    def outcome(self, source: Source) -> Outcome | None:
        """The cached outcome for a source, or None when it must be extracted."""
        err = self.folder / f"{source.key}.err"
        if err.is_file():
            return Outcome(str(source.path), source.key, error=err.read_text(encoding="utf-8"))
        entry = [self.folder / f"{source.key}{ext}" for ext in (".sum", ".nq", ".page", ".ttl", ".nt")]
        if all(p.is_file() for p in entry):
            return Outcome(str(source.path), source.key, chars=-1)
        return None

    def page(self, key: str) -> PageGraph:
        """The document's own page model (`kg.pagegraph.from_triples` of its quads)."""
        with open(self.folder / f"{key}.page", "rb") as f:
            return pickle.load(f)

    def turtle_part(self, key: str, own_count: int) -> TurtlePart:
        from kg.emit.rdf import TurtlePart

        return TurtlePart((self.folder / f"{key}.ttl").read_bytes(), (self.folder / f"{key}.nt").read_bytes(), own_count)

    def write_turtle_part(self, key: str, part: TurtlePart) -> None:
        write_atomic(self.folder / f"{key}.ttl", part.own)
        write_atomic(self.folder / f"{key}.nt", part.shared)

    def summary(self, key: str) -> DocSummary:
        return DocSummary.from_json((self.folder / f"{key}.sum").read_bytes())

    def prune(self, keep: set[str]) -> None:
        """Drop entries of files no longer in the build, so the cache does not grow without bound."""
        for p in self.folder.iterdir():
            if _ENTRY.match(p.name) and p.name.split(".")[0] not in keep:
                p.unlink(missing_ok=True)

    # The manifest remembers the last build's fingerprint and outputs: an unchanged input set with the
    # same options and untouched outputs needs no work at all.
    def _manifest(self) -> Path:
        return self.folder / "manifest.json"

    def up_to_date(self, fingerprint: str) -> dict | None:
        try:
            m = json.loads(self._manifest().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if m.get("fingerprint") != fingerprint:
            return None
        for path, stamp in m.get("outputs", {}).items():
            if _stamp(Path(path)) != stamp:
                return None
        return m

    def record(self, fingerprint: str, outputs: list[Path], summary: str, status: int, skipped: list[str]) -> None:
        m = {"fingerprint": fingerprint, "outputs": {str(p): _stamp(p) for p in outputs},
             "summary": summary, "status": status, "skipped": skipped}
        write_atomic(self._manifest(), json.dumps(m, ensure_ascii=False, indent=1).encode("utf-8"))


def _stamp(p: Path) -> list[int] | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def fingerprint(sources: list[Source], settings: dict) -> str:
    """The inputs (by key) and every option that shapes the outputs."""
    h = hashlib.sha256(json.dumps(sorted(settings.items()), default=str).encode())
    for s in sources:
        h.update(s.key.encode())
    return h.hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extract_entry(path: str, key: str, base: str, cache_dir: str) -> Outcome:
    """The per-document function every executor runs: read, extract, and write the cache entry
    (N-Quads shard, page model, summary). Bad input is an outcome, not an exception."""
    return _extract(path, key, base, cache_dir).outcome


@dataclass
class Extracted:
    """One file's extraction as the in-process runner hands it on: its summary, page model and
    quads stay in memory, so the build need not read them back."""

    outcome: Outcome
    summary: DocSummary | None = None
    quads: list | None = None
    page: PageGraph | None = None  # the page model of this document alone
    turtle: TurtlePart | None = None  # its share of the Turtle file


def _extract(path: str, key: str, base: str, cache_dir: str, write_entry: bool = True) -> Extracted:
    """Extract one file; with `write_entry` False (a temporary cache in this process) nothing is
    written: the build holds the results, and writes a shard only if it must stream (`_spill`)."""
    from pyoxigraph import RdfFormat, serialize

    from kg.emit.rdf import turtle_part
    from kg.graph import document_quads
    from kg.pagegraph import from_triples
    from kg.pipeline import process_file
    from kg.vocab import Names

    folder = Path(cache_dir)
    try:
        doc = process_file(path)
    except InputError as e:
        if write_entry:
            write_atomic(folder / f"{key}.err", e.reason.encode("utf-8"))
        return Extracted(Outcome(path, key, error=e.reason))
    names = Names(base)
    quads = document_quads(doc, names)
    # the page model and the Turtle part here, while the quads are at hand (and in parallel in a pool)
    page = from_triples(quads)
    turtle = turtle_part(quads, names.document(doc.id).value, base)
    summary = DocSummary.of(doc, turtle.own_count)
    if write_entry:
        cache = Cache(folder)
        write_atomic(cache.shard(key), serialize(quads, format=RdfFormat.N_QUADS))
        write_atomic(folder / f"{key}.page", pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
        cache.write_turtle_part(key, turtle)
        write_atomic(folder / f"{key}.sum", summary.to_json())
    return Extracted(Outcome(path, key, chars=len(doc.text)), summary, quads, page, turtle)


def _spill(cache: Cache, key: str, held: Extracted) -> None:
    """Write a held document's shard and Turtle part, once the build has more quads than it keeps
    in memory."""
    from pyoxigraph import RdfFormat, serialize

    if not cache.shard(key).exists():
        write_atomic(cache.shard(key), serialize(held.quads, format=RdfFormat.N_QUADS))
        cache.write_turtle_part(key, held.turtle)


def _extract_args(args: tuple[str, str, str, str]) -> Outcome:
    return extract_entry(*args)


def warm_up() -> None:
    """Load jieba's dictionary, the gazetteer and the automata once, before worker processes fork, so
    every worker shares them instead of loading its own."""
    import jieba

    from kg.ingest import document_from_text
    from kg.pipeline import process_document

    jieba.setLogLevel(logging.ERROR)  # its "Building prefix dict" lines are not ours to print
    jieba.initialize()
    process_document(document_from_text("广东省中山市司法局印发《中山市河道管理办法》。", source="<warm-up>",
                                        doc_id="warm-up"))


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_local(tasks: list[tuple[str, str, str, str]], jobs: int, temporary: bool = False) -> Iterator[Extracted]:
    """Extractions as they finish. In this process summary, page model and quads come along (no
    reading them back), and a `temporary` cache gets no entries nobody would read; worker
    processes always write theirs, since the parent reads them back."""
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield _extract(*t, write_entry=not temporary)
        return
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        warm_up()
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context()
    with ctx.Pool(min(jobs, len(tasks)), initializer=_ignore_interrupt) as pool:
        for outcome in pool.imap_unordered(_extract_args, tasks):
            yield Extracted(outcome)


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers stay quiet
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_dask(tasks: list[tuple[str, str, str, str]], scheduler: str) -> Iterator[Extracted]:
    """The same per-document function on a dask.distributed cluster. Workers read the inputs and write
    their shards into the cache folder themselves, so both must be on a filesystem they share."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise InputError("--scheduler", "needs dask.distributed: pip install 'govkg[cluster]'") from None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as e:
        raise InputError(scheduler, f"cannot reach the Dask scheduler ({e})") from None
    with client:
        futures = [client.submit(extract_entry, *t, pure=False) for t in tasks]
        for fut in as_completed(futures):
            yield Extracted(fut.result())


class Progress:
    """A progress bar (documents, characters/s, ETA) on a terminal; one plain line per stage otherwise."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = not quiet and hasattr(self.stream, "isatty") and self.stream.isatty()
        self._drawn = 0.0
        self._bar = False

    def stage(self, message: str) -> None:
        if self.quiet:
            return
        self._clear()
        print(f"kg: {message}", file=self.stream, flush=True)

    def start(self, total_docs: int, total_bytes: int) -> None:
        self.total_docs, self.total_bytes = total_docs, max(1, total_bytes)
        self.docs = self.bytes = self.chars = 0
        self.began = time.perf_counter()

    def advance(self, size: int, chars: int) -> None:
        self.docs += 1
        self.bytes += size
        self.chars += max(0, chars)
        now = time.perf_counter()
        if self.tty and (now - self._drawn > 0.1 or self.docs == self.total_docs):
            self._drawn = now
            elapsed = max(1e-6, now - self.began)
            eta = elapsed * (self.total_bytes - self.bytes) / max(1, self.bytes)
            filled = int(30 * self.bytes / self.total_bytes)
            line = (f"kg: [{'#' * filled}{'.' * (30 - filled)}] {self.docs}/{self.total_docs} documents, "
                    f"{self.chars / elapsed:,.0f} chars/s, ETA {eta:.0f}s")
            self.stream.write("\r" + line + "\x1b[K")
            self.stream.flush()
            self._bar = True

    def _clear(self) -> None:
        if self._bar:
            self.stream.write("\r\x1b[K")
            self._bar = False


@dataclass
class Corpus:
    """The documents of a build, in input order, with their shards; files refused and why."""

    summaries: list[DocSummary] = field(default_factory=list)
    shards: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    extracted: int = 0
    extracted_chars: int = 0
    extract_seconds: float = 0.0
    keys: list[str] = field(default_factory=list)  # each document's cache key, in input order
    pages: list[PageGraph] = field(default_factory=list)  # each document's page model, in input order
    # each document's Turtle part when the quads are held too; None: they are in the cache
    turtle: list[TurtlePart] | None = None
    # each document's quads (a list per document, in input order), when all were extracted in this
    # process and fit in IN_MEMORY_BYTES of N-Quads; None means: read the shards
    quads: list[list] | None = None


def build_corpus(sources: list[Source], base: str, cache_dir: Path, jobs: int = 1, scheduler: str = "",
                 strict: bool = False, progress: Progress | None = None, temporary: bool = False) -> Corpus:
    """Extract what the cache lacks, then gather every source's entry. With `strict` the first bad
    file raises InputError (nothing else is read); otherwise bad files are skipped and listed.
    `temporary`: the cache folder is thrown away after this build, so what is extracted in this
    process is held in memory, not written into it (shards only if the quads outgrow memory)."""
    progress = progress or Progress()
    cache_dir.mkdir(parents=True, exist_ok=True)
    store = Cache(cache_dir)
    outcomes: dict[str, Outcome] = {}
    in_memory: dict[str, DocSummary] = {}
    pages: dict[str, PageGraph | None] = {}
    quads_in_memory: dict[str, Extracted] | None = {}
    held = 0
    todo: list[Source] = []
    for s in sources:
        hit = store.outcome(s)
        if hit is None:
            todo.append(s)
        else:
            outcomes[s.key] = hit
    where = f"on {scheduler}" if scheduler else f"with {min(jobs, max(1, len(todo)))} process(es)"
    progress.stage(f"{len(sources)} file(s): {len(outcomes)} from the cache, {len(todo)} to extract {where}")
    corpus = Corpus()
    if strict:
        _raise_first_error(outcomes.values())
    if todo:
        # largest first, so no worker is left with one big file at the end
        todo.sort(key=lambda s: -s.size)
        tasks = [(str(s.path), s.key, base, str(cache_dir.resolve())) for s in todo]
        size = {s.key: s.size for s in todo}
        runner = run_dask(tasks, scheduler) if scheduler else run_local(tasks, jobs, temporary=temporary)
        progress.start(len(tasks), sum(size.values()))
        began = time.perf_counter()
        try:
            for done in runner:
                o = done.outcome
                progress.advance(size[o.key], o.chars)
                outcomes[o.key] = o
                if done.summary is not None:
                    in_memory[o.key] = done.summary
                    pages[o.key] = done.page
                if done.quads is not None:
                    held += len(done.quads)
                    if quads_in_memory is not None and held <= IN_MEMORY_QUADS:
                        quads_in_memory[o.key] = done
                    else:
                        # too many to hold: every document so far, and from now on, streams from its shard
                        for key, earlier in (quads_in_memory or {}).items():
                            _spill(store, key, earlier)
                        _spill(store, o.key, done)
                        quads_in_memory = None
                elif not o.error:
                    quads_in_memory = None  # made in another process: the shards it is
                if o.error and strict:
                    raise InputError(o.path, o.error)
                if o.error:
                    progress.stage(f"skipped {o.path}: {o.error}")
        finally:
            runner.close()  # stops the worker pool (or the cluster client) when a build stops early
        corpus.extract_seconds = time.perf_counter() - began
        corpus.extracted = len(todo)
        corpus.extracted_chars = sum(max(0, o.chars) for k, o in outcomes.items() if k in size)
        rate = corpus.extracted_chars / max(1e-6, corpus.extract_seconds)
        progress.stage(f"extracted {len(todo)} file(s), {corpus.extracted_chars:,} characters in "
                       f"{corpus.extract_seconds:.2f}s ({rate:,.0f} chars/s)")
    extracted_now = {s.key for s in todo}
    built: list[str] = []
    for s in sources:
        o = outcomes[s.key]
        if o.error:
            if o.key not in extracted_now:
                progress.stage(f"skipped {o.path}: {o.error} (cached)")
            corpus.skipped.append((o.path, o.error))
        else:
            built.append(s.key)
            corpus.summaries.append(in_memory[s.key] if s.key in in_memory else store.summary(s.key))
            corpus.shards.append(store.shard(s.key))
            corpus.pages.append(pages[s.key] if s.key in pages else store.page(s.key))
    corpus.keys = built
    if quads_in_memory is not None and all(k in quads_in_memory for k in built):
        corpus.quads = [quads_in_memory[k].quads for k in built]
        corpus.turtle = [quads_in_memory[k].turtle for k in built]
    store.prune({s.key for s in sources})
    return corpus


def _raise_first_error(outcomes: Iterable[Outcome]) -> None:
    for o in outcomes:
        if o.error:
            raise InputError(o.path, o.error)


# Up to this much N-Quads the merged quads are held in memory (about 2.6x the shard size); past it
# every writer streams them from the shards again, so memory stays flat as the corpus grows.
IN_MEMORY_BYTES = 64 * 1024 * 1024
# the same limit for quads made in this process, counted before any is written (an N-Quads line
# of a govkg graph averages about 200 bytes)
IN_MEMORY_QUADS = IN_MEMORY_BYTES // 200


class ShardQuads:
    """The quads of many shards as a re-iterable sequence, parsed afresh on each pass; `rename`
    maps nodes to the node they merge into (see `merge_across_documents`)."""

    def __init__(self, shards: list[Path], rename: dict | None = None) -> None:
        self.shards = shards
        self.rename = rename or {}
        self._needles = [f"<{node.value}>".encode() for node in self.rename]
        self._touched: dict[Path, bool] = {}
        self._len: int | None = None

    def touched(self, shard: Path) -> bool:
        """Does the shard name a renamed node? Most do not, and pass through without a Python loop."""
        if not self.rename:
            return False
        if shard not in self._touched:
            data = shard.read_bytes()
            self._touched[shard] = any(n in data for n in self._needles)
        return self._touched[shard]

    def shard_quads(self, shard: Path) -> Iterable:
        from pyoxigraph import RdfFormat, parse

        if self.touched(shard):
            return parse(self.nquads(shard), format=RdfFormat.N_QUADS)
        return parse(path=str(shard), format=RdfFormat.N_QUADS)

    def nquads(self, shard: Path) -> bytes:
        """The shard's N-Quads as they are written out (renamed where the shard needs it, on the
        text: a shard is one document's graph, so renaming can only duplicate lines within it)."""
        if self.touched(shard):
            from kg.corpus import rename_nquads

            return rename_nquads(shard.read_bytes(), self.rename)
        return shard.read_bytes()

    def triple_lines(self) -> Iterator[bytes]:
        """Every distinct triple of the merged graph once, as an N-Triples line, read off the
        shards' text (no term objects). Exact without holding every triple: a line about a
        document's own parts (its IRI under …/doc/<id>) can only repeat within that document's
        shard, so only the lines about shared nodes (entities) are remembered across shards."""
        shared: set[bytes] = set()
        documents: set[bytes] = set()
        for shard in self.shards:
            own: set[bytes] = set()
            prefixes: tuple[bytes, ...] = ()
            for line in self.nquads(shard).split(b"\n"):
                if not line:
                    continue
                cut = line.rindex(b" <")  # the graph: the last term
                if not prefixes:
                    graph = line[cut + 1:-2]  # <BASEgraph/ID>
                    at = graph.rindex(b"graph/")
                    document = graph[:at] + b"doc/" + graph[at + 6:-1]
                    prefixes = (document + b"/", document + b">")
                    if document in documents:
                        own = shared  # two inputs with one document id: their parts are shared too
                    documents.add(document)
                triple = line[:cut] + b" .\n"
                seen = own if triple.startswith(prefixes) else shared
                if triple not in seen:
                    seen.add(triple)
                    yield triple

    def __iter__(self) -> Iterator:
        return chain.from_iterable(self.shard_quads(shard) for shard in self.shards)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(self.nquads(p).count(b"\n") for p in self.shards)
        return self._len


def load_quads(shards: list[Path], in_memory_bytes: int | None = None) -> list | ShardQuads:
    """Every shard's quads, in shard order (pyoxigraph's parser, no Python per triple): a list for a
    small build, a `ShardQuads` stream for one over `in_memory_bytes` (default IN_MEMORY_BYTES)."""
    limit = IN_MEMORY_BYTES if in_memory_bytes is None else in_memory_bytes
    if sum(p.stat().st_size for p in shards) > limit:
        return ShardQuads(shards)
    return list(ShardQuads(shards))


def turtle_parts(corpus: Corpus, cache_dir: Path, names, rename: dict) -> Callable[[], Iterator[TurtlePart]]:
    """Each document's share of the Turtle file in input order (`kg.emit.rdf.TurtlePart`), held or
    read from the cache. A document the corpus merge renames nodes in, or one sharing its id with
    another input, is split again from its (renamed) quads."""
    from kg.corpus import rename_quads
    from kg.emit.rdf import turtle_part

    store = Cache(cache_dir)
    renamed = {old.value for old in rename}

    def quads_of(i: int) -> Iterable:
        if corpus.quads is not None:
            return dict.fromkeys(rename_quads(corpus.quads[i], rename)) if rename else corpus.quads[i]
        return ShardQuads([corpus.shards[i]], rename).shard_quads(corpus.shards[i])

    # inputs sharing a document id state the same parts: all their statements count as shared
    repeated_ids = {i for i, n in Counter(s.id for s in corpus.summaries).items() if n > 1}

    def parts() -> Iterator[TurtlePart]:
        for i, (key, summary) in enumerate(zip(corpus.keys, corpus.summaries, strict=True)):
            iri = names.document(summary.id).value
            repeated = summary.id in repeated_ids
            if repeated or summary.cites_renamed(names, renamed):
                yield turtle_part(quads_of(i), iri, names.base, all_shared=repeated)
            elif corpus.turtle is not None:
                yield corpus.turtle[i]
            else:
                yield store.turtle_part(key, summary.own_triples)

    return parts


def corpus_renames(names, summaries: Sequence[DocSummary]) -> dict:
    """The nodes the corpus merge folds into another (a short citation into its full title), found
    from the documents' summaries: their regulations' names."""
    from kg.corpus import renames_for_titles

    titles = [name for s in summaries for t, name in s.entities if t == EntityType.REGULATION.value]
    return renames_for_titles(titles, names)


def merge_across_documents(quads: list | ShardQuads, names, summaries: Sequence[DocSummary],
                           per_document: bool = False) -> list | ShardQuads:
    """What only shows across documents (`kg.corpus`: a short citation joins its full title), keeping
    a stream a stream. The documents' summaries name their regulations, so the quads are not scanned
    to find them. With `per_document`, `quads` holds one list per document (aligned with
    `summaries`): only the documents that cite a renamed title are rewritten, and the result is
    one flat list."""
    from kg.corpus import rename_quads

    rename = corpus_renames(names, summaries)
    if isinstance(quads, ShardQuads):
        return ShardQuads(quads.shards, rename) if rename else quads
    if not per_document:
        return list(dict.fromkeys(rename_quads(quads, rename))) if rename else quads
    renamed = {node.value for node in rename}
    out: list = []
    for document_quads, summary in zip(quads, summaries, strict=True):
        if summary.cites_renamed(names, renamed):
            # a document is one named graph: renaming can only duplicate quads within it
            out.extend(dict.fromkeys(rename_quads(document_quads, rename)))
        else:
            out.extend(document_quads)
    return out


def entity_counts(documents: Iterable[DocSummary]) -> Counter[str]:
    """Distinct entities per type across documents (one per type and canonical name)."""
    keys = {key for d in documents for key in d.entities}
    return Counter(t for t, _ in keys)


def summary_line(documents: list[DocSummary], triples: int, seconds: float, skipped: int = 0) -> str:
    counts = entity_counts(documents)
    per_type = ", ".join(f"{counts.get(t.value, 0)} {t.value}" for t in EntityType)
    line = (f"{len(documents)} document(s), {sum(counts.values())} entities ({per_type}), "
            f"{triples} triples in {seconds:.2f}s")
    return line + (f"; {skipped} file(s) skipped" if skipped else "")

