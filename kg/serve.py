"""A read-only SPARQL 1.1 Protocol endpoint (`/sparql`) and a small query page (`/`).

Queries run in worker processes that open the store read-only, so a query past the time limit is
stopped by ending its worker (a thread cannot be interrupted inside the query engine) and a fresh
worker takes its place. A graph file is bulk-loaded once into a temporary store folder that the
workers open; a store folder is opened as it is."""

from __future__ import annotations

import html
import json
import multiprocessing
import queue
import shutil
import signal
import sys
import tempfile
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError

# media type → --format name of kg.sparql, for each kind of result; the first is the default
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
          "tsv": "text/tab-separated-values", "ttl": "text/turtle", "nt": "application/n-triples",
          "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
MAX_QUERY_BYTES = 1 << 20


def negotiate(accept: str, kind: str) -> str:
    """The --format name for a result kind ('select', 'ask' or 'graph') given an Accept header."""
    offered = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for neg_q, _, media in sorted(ranked):
        if neg_q < 0 and media in offered:
            return offered[media]
    return next(iter(offered.values()))


# ---------------------------------------------------------------- worker processes

def _worker_main(store_path: str, conn) -> None:
    """Runs in a worker process: answer (query, accept, format) requests until the pipe closes."""
    from pyoxigraph import Store

    from kg.sparql import kind, run, serialize_result

    store = Store.read_only(store_path)
    while True:
        try:
            query, accept, fmt = conn.recv()
        except EOFError:
            return
        try:
            result = run(store, query)
            k = kind(result)
            name = fmt or negotiate(accept, k)
            body = serialize_result(result, name)
            conn.send((200, _MEDIA.get(name, "text/plain; charset=utf-8"), body))
        except InputError as e:
            conn.send((400, "text/plain; charset=utf-8", f"{e.reason}\n".encode()))
        except Exception as e:  # the engine's own errors (e.g. a bad regex) are the query's fault
            conn.send((400, "text/plain; charset=utf-8", f"query failed: {e}\n".encode()))


class _Worker:
    def __init__(self, store_path: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that each hold the store open; a query past `timeout` ends its worker."""

    def __init__(self, store_path: str, workers: int, timeout: float) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        for _ in range(workers):
            self._add()

    def _add(self) -> None:
        w = _Worker(self.store_path)
        with self.lock:
            self.all.add(w)
        self.idle.put(w)

    def run(self, query: str, accept: str, fmt: str) -> tuple[int, str, bytes]:
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"every query worker is busy; try again\n"
        message = f"query stopped: it ran past the time limit of {self.timeout:g} s\n"
        try:
            worker.conn.send((query, accept, fmt))
            if worker.conn.poll(self.timeout):
                answer = worker.conn.recv()
                self.idle.put(worker)
                return answer
        except (EOFError, OSError):
            message = "the query worker failed (out of memory?); it has been restarted\n"
        # timed out or the worker died: end it and start another in its place
        with self.lock:
            self.all.discard(worker)
        worker.stop()
        self._add()
        return 503, "text/plain; charset=utf-8", message.encode()

    def close(self) -> None:
        with self.lock:
            workers, self.all = list(self.all), set()
        for w in workers:
            w.stop()


# ---------------------------------------------------------------- HTTP

def _page() -> bytes:
    from kg.sparql import named_queries, prefix_header

    template = (Path(__file__).resolve().parent / "templates" / "sparql.html").read_text(encoding="utf-8")
    queries = {q.name: {"title": q.title, "text": q.text} for q in named_queries().values()}
    data = json.dumps(queries, ensure_ascii=False).replace("</", "<\\/")
    return (template.replace("{{QUERIES}}", data)
            .replace("{{PREFIXES}}", html.escape(prefix_header()))
            .encode("utf-8"))


class _Handler(BaseHTTPRequestHandler):
    server_version = "govkg-sparql"
    pool: QueryPool
    page: bytes

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - BaseHTTPRequestHandler's name
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(200, "text/html; charset=utf-8", self.server.page)
        elif url.path == "/sparql":
            self._answer(parse_qs(url.query))
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found; the SPARQL endpoint is /sparql")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(HTTPStatus.NOT_FOUND, "not found; the SPARQL endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too large")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "updates are not accepted; this endpoint is read-only")
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
        else:
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send application/sparql-query or application/x-www-form-urlencoded")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        from kg.sparql import is_update

        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "updates are not accepted; this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported; "
                                                       "the default graph is the merge of all graphs")
        if is_update(queries[0]):
            return self._error(HTTPStatus.FORBIDDEN, "updates are not accepted; this endpoint is read-only")
        fmt = params.get("format", [""])[0]
        self._send(*self.server.pool.run(queries[0], self.headers.get("Accept") or "", fmt))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, graph: str | Path, host: str = "127.0.0.1", port: int = 8080, timeout: float = 30.0,
                 workers: int = 2, verbose: bool = False) -> None:
        from kg.store import file_to_store, is_store

        path = Path(graph)
        self._temp: str | None = None
        if path.is_dir():
            if not is_store(path):
                raise InputError(path, "folder is not a govkg store (make one with kg build --store or kg load)")
            store_path = path
        elif path.is_file():
            self._temp = tempfile.mkdtemp(prefix="kg-serve-")
            store_path = Path(self._temp) / "store"
            file_to_store(path, store_path)
        else:
            raise InputError(path, "no such file or store folder")
        if timeout <= 0:
            raise InputError("--timeout", "must be more than 0 seconds")
        self.verbose = verbose
        self.page = _page()
        self.pool = QueryPool(str(store_path), max(1, workers), timeout)
        try:
            super().__init__((host, port), _Handler)
        except OSError as e:
            self.pool.close()
            if self._temp:
                shutil.rmtree(self._temp, ignore_errors=True)
            raise InputError(f"{host}:{port}", f"cannot listen: {e.strerror or e}") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.pool.close()
        if self._temp:
            shutil.rmtree(self._temp, ignore_errors=True)
        self.server_close()


@dataclass
class Running:
    server: SparqlServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)
        self.server.close()


def start(graph: str | Path, **options) -> Running:
    """A server answering in a background thread (tests, notebooks); `stop()` it when done."""
    server = SparqlServer(graph, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return Running(server, thread)


def serve_forever(graph: str | Path, **options) -> None:
    server = SparqlServer(graph, **options)
    # SIGTERM (a service manager, `kill`) stops the server the way Ctrl-C does: workers ended, temp store removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"kg: serving {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        server.close()
