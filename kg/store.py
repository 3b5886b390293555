"""Graphs to query: a built RDF file parsed into memory, or a persistent on-disk Oxigraph store.

A store folder is written once (`kg build --store`, `kg load`) with pyoxigraph's bulk loader and
then opened read-only by `kg query` and `kg serve`, so nothing is parsed again.

Each document keeps its own named graph, and the default graph holds their merge, each triple once,
which is what a query sees outside GRAPH clauses. (Oxigraph's "default graph as union" option
would repeat a triple once per graph holding it: joins over entities named in many documents then
multiply rows, and a corpus query that takes 12 ms on the merge took 2.6 s on the union.)"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from kg.errors import InputError

# file suffix → RDF syntax pyoxigraph parses
RDF_SUFFIXES = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
}
# RocksDB writes this file into every store folder
_STORE_MARKER = "CURRENT"


def is_store(path: Path) -> bool:
    return path.is_dir() and (path / _STORE_MARKER).is_file()


def rdf_format(path: Path) -> RdfFormat:
    try:
        return RDF_SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise InputError(path, f"not an RDF file; expected one of {', '.join(RDF_SUFFIXES)} "
                               "or a store folder") from None


def load_file(store: Store, path: Path, graph: NamedNode | None = None) -> None:
    """Bulk-load one RDF file; triples go to `graph` (or the default graph), quads keep theirs."""
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    target = graph if graph is not None and fmt in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES,
                                                    RdfFormat.JSON_LD, RdfFormat.RDF_XML) else None
    try:
        store.bulk_load(path=str(path), format=fmt, to_graph=target)
    except SyntaxError as e:
        raise InputError(path, f"not valid {fmt.name}: {_one_line(str(e))}") from None


def merge_into_default(store: Store, clear: bool = True) -> None:
    """Make the default graph the merge of every named graph (clear it first when graphs were replaced)."""
    if clear:
        store.clear_graph(DefaultGraph())
    # CONSTRUCT, serialise and bulk-load all run in Rust: 2.6x faster than the same SPARQL INSERT
    merged = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").serialize(format=RdfFormat.N_TRIPLES)
    if merged:
        store.bulk_load(input=merged, format=RdfFormat.N_TRIPLES)


def open_graph(path: str | Path) -> Store:
    """A store to query: an on-disk store folder opened read-only, or an RDF file read into memory."""
    p = Path(path)
    if p.is_dir():
        if not is_store(p):
            raise InputError(p, "folder is not a govkg store (make one with kg build --store or kg load)")
        try:
            return Store.read_only(str(p))
        except OSError as e:
            raise InputError(p, f"cannot open store: {_one_line(str(e))}") from None
    if not p.exists():
        raise InputError(p, "no such file or store folder")
    store = Store()
    load_file(store, p)
    if next(iter(store.named_graphs()), None) is not None:
        merge_into_default(store, clear=False)
    return store


def file_to_store(path: Path, folder: Path) -> None:
    """Bulk-load one graph file into a new store folder (kg serve of a file)."""
    store = open_writable(folder)
    load_file(store, path)
    if next(iter(store.named_graphs()), None) is not None:
        merge_into_default(store, clear=False)
    store.flush()


def open_writable(folder: str | Path) -> Store:
    p = Path(folder)
    if p.exists() and not p.is_dir():
        raise InputError(p, "store must be a folder")
    if p.is_dir() and any(p.iterdir()) and not is_store(p):
        raise InputError(p, "folder is not empty and is not a govkg store")
    p.mkdir(parents=True, exist_ok=True)
    try:
        return Store(str(p))
    except OSError as e:
        raise InputError(p, f"cannot open store for writing: {_one_line(str(e))}") from None


def write_quads(folder: str | Path, quads: Iterable[Quad]) -> Store:
    """Put a build's quads into a store, replacing the named graphs they belong to."""
    quads = list(quads)
    store = open_writable(folder)
    for g in dict.fromkeys(q.graph_name for q in quads):
        if not isinstance(g, DefaultGraph) and store.contains_named_graph(g):
            store.remove_graph(g)
    store.bulk_extend(quads)
    merge_into_default(store)
    store.flush()
    return store


def save_build(folder: str | Path, quads: Iterable[Quad]) -> Path:
    """`kg build --store`: write the build's quads into the store folder and release it."""
    store = write_quads(folder, quads)
    del store  # closes the database, so the folder can be opened again in this process
    return Path(folder)


def load_files(folder: str | Path, files: Iterable[Path], replace: bool = False) -> Store:
    """Bulk-load RDF files into a store. Named graphs in quad files replace the graphs of the same
    name already stored, so loading a rebuilt document twice leaves one copy of it; a file of plain
    triples becomes (and replaces) the named graph of its file: URI."""
    store = open_writable(folder)
    if replace:
        store.clear()
    for f in files:
        fmt = rdf_format(f)
        if fmt in (RdfFormat.N_QUADS, RdfFormat.TRIG):
            if next(iter(store.named_graphs()), None) is not None:
                # parse in memory to learn which graphs the file holds and drop their old versions
                scratch = Store()
                load_file(scratch, f)
                for g in scratch.named_graphs():
                    if store.contains_named_graph(g):
                        store.remove_graph(g)
                del scratch
            load_file(store, f)
        else:
            graph = NamedNode(f.resolve().as_uri())
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
            load_file(store, f, graph)
    merge_into_default(store)
    store.flush()
    return store


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
