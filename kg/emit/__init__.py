"""Emit: write a build in one or more formats.

One registry maps a format name to the module and function that write it, imported only when
asked for (as rdflib's plugin registry does). A new format is one entry here and one function
`write(build, path)`. Every file is written to a temporary name and renamed into place, so an
interrupted run never leaves a half-written output."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from kg.errors import InputError
from kg.vocab import Names


@dataclass
class Build:
    """What one `kg build` produced: the documents and their quads (one named graph each). The
    quads are a list, or for a large build a stream read from the shards (`kg.build.ShardQuads`)."""

    documents: Sequence  # the Documents, or for a corpus build their summaries (id, entities)
    quads: list[Quad]
    names: Names = field(default_factory=Names)
    html_max: int = 0  # nodes on the page: the most connected ones; 0 keeps all
    # each document's page model (kg.pagegraph), and the node IRIs the corpus merge folded into
    # another: the page merges these instead of reading every quad again; None reads the quads
    pages: list | None = None
    rename: dict[str, str] = field(default_factory=dict)
    # each document's share of the Turtle file (kg.emit.rdf.TurtlePart), made where it was
    # extracted; a function so the writer can read them twice; None: the writer de-duplicates itself
    turtle_parts: Callable[[], Iterable] | None = None
    _triples: list | None = field(default=None, repr=False)
    _ntriples: Path | None = field(default=None, repr=False)
    _count: int | None = field(default=None, repr=False)
    _folder: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    @property
    def streamed(self) -> bool:
        return not isinstance(self.quads, list)

    def triples(self) -> list:
        """The merged graph's distinct triples, kept once computed (Turtle, N-Triples, JSON-LD
        and the summary's count share them). For a list of quads only: a stream has `ntriples`."""
        if self._triples is None:
            self._triples = list(dict.fromkeys(q.triple for q in self.quads))
        return self._triples

    def ntriples(self) -> Path:
        """A streamed build's distinct triples as an N-Triples file, written once from the shards'
        text; the writers parse it in bulk, so no triple becomes a Python object."""
        if self._ntriples is None:
            self._folder = tempfile.TemporaryDirectory(prefix="kg-triples-")
            path = Path(self._folder.name) / "triples.nt"
            count = 0
            with open(path, "wb") as f:
                for line in self.quads.triple_lines():
                    f.write(line)
                    count += 1
            self._ntriples, self._count = path, count
        return self._ntriples

    def set_triple_count(self, count: int) -> None:
        """Told by the writer that counted them (the Turtle file's, from the documents' parts)."""
        self._count = count

    def triple_count(self) -> int:
        """Distinct triples across the documents' named graphs."""
        if self._count is not None:
            return self._count
        if self.streamed:
            self.ntriples()
            return self._count or 0
        return len(self.triples())

    def close(self) -> None:
        """Remove the temporary N-Triples file, if one was written."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = self._ntriples = None


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    module: str
    function: str
    description: str

    def writer(self) -> Callable[[Build, Path], None]:
        return getattr(importlib.import_module(self.module), self.function)


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ttl", ".ttl", "kg.emit.rdf", "write_turtle", "Turtle (the default)"),
    Format("nt", ".nt", "kg.emit.rdf", "write_ntriples", "N-Triples"),
    Format("nq", ".nq", "kg.emit.rdf", "write_nquads", "N-Quads, one named graph per document"),
    Format("trig", ".trig", "kg.emit.rdf", "write_trig", "TriG, one named graph per document"),
    Format("jsonld", ".jsonld", "kg.emit.rdf", "write_jsonld", "JSON-LD"),
    Format("html", ".html", "kg.emit.html", "write_html", "the interactive offline page"),
]}


def parse_formats(spec: str) -> list[str]:
    """'ttl,jsonld' → ['ttl', 'jsonld']; unknown names raise ValueError naming the choices."""
    names = [s.strip().lower() for s in spec.split(",") if s.strip()]
    aliases = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "nquads": "nq"}
    names = [aliases.get(n, n) for n in names]
    bad = [n for n in names if n not in FORMATS]
    if bad:
        raise ValueError(f"unknown format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(names))


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def emit(build: Build, out_dir: Path, stem: str, formats: list[str], jobs: int = 1) -> list[Path]:
    """Write every requested format; returns the paths written. With `jobs` > 1 the formats are
    written side by side in forked processes (writers only read the build), so the page and the
    Turtle file of a corpus build no longer take turns on one core."""
    tasks = [(FORMATS[name], out_dir / f"{stem}{FORMATS[name].extension}") for name in formats]
    if jobs > 1 and len(tasks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        _emit_forked(build, tasks)
    else:
        for fmt, path in tasks:
            _write(build, fmt, path)
    return [path for _, path in tasks]


def _write(build: Build, fmt: Format, path: Path) -> None:
    atomic_write(path, lambda p: fmt.writer()(build, p))


def _emit_forked(build: Build, tasks: list[tuple[Format, Path]]) -> None:
    """The first format in this process, every other one in a forked child; a child's failure is
    raised here (an InputError stays an InputError)."""
    ctx = multiprocessing.get_context("fork")
    children = []
    try:
        for fmt, path in tasks[1:]:
            receive, send = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_write_in_child, args=(build, fmt, path, send), daemon=True)
            child.start()
            send.close()
            children.append((child, receive, path))
        _write(build, *tasks[0])
        for child, receive, path in children:
            try:
                failure = receive.recv()
            except EOFError:
                failure = ("error", str(path), "the writer process died")
            child.join()
            if failure is not None:
                kind, where, reason = failure
                if kind == "input":
                    raise InputError(where, reason)
                raise RuntimeError(f"writing {where} failed: {reason}")
    finally:
        for child, _, _ in children:
            if child.is_alive():
                child.terminate()
                child.join()


def _write_in_child(build: Build, fmt: Format, path: Path, send) -> None:
    try:
        _write(build, fmt, path)
        send.send(None)
    except InputError as e:
        send.send(("input", e.path, e.reason))
    except BaseException as e:  # reported to the parent, which raises it
        send.send(("error", str(path), f"{type(e).__name__}: {e}"))
    finally:
        build.close()  # a forked child exits without running finalizers
        send.close()
