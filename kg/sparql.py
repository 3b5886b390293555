"""SPARQL over a built graph: run a query with the project prefixes declared, write its results,
and read the library of named queries shipped in `kg/queries/*.rq`.

Queries run on pyoxigraph (rdflib's engine builds cartesian products on multi-type patterns; see
PITFALLS.md). The default graph of every query is the merge of all documents' named graphs (see
kg/store.py), so a query sees every document without a GRAPH clause."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    serialize,
)

from kg.errors import InputError
from kg.vocab import PREFIXES

# --format names for SELECT / ASK results (pyoxigraph writes all but the table)
RESULT_FORMATS = {
    "table": None,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
# --format names for CONSTRUCT / DESCRIBE results
GRAPH_FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
_UPDATE = re.compile(r"\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_PROLOGUE = re.compile(r"^\s*((PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.I)
_ERROR_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: dict[str, str]  # parameter → what it means (bound with VALUES in the query text)
    text: str


def prefix_header() -> str:
    """The PREFIX lines `kg query` declares, for showing or for sending to other stores."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def syntax_message(query: str, error: str) -> str:
    """pyoxigraph's parse error as one line: where it is and the text there."""
    m = _ERROR_AT.match(error)
    if not m:
        return " ".join(error.split())
    line, col, what = int(m[1]), int(m[2]), " ".join(m[3].split())
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    near = text[max(col - 1, 0):][:30].strip()
    unknown = _undeclared_prefix(query)
    if unknown is not None:
        # the parser's own message for this varies with what follows; say what is wrong instead
        prefix, line, col = unknown
        text = lines[line - 1]
        near = text[col - 1:][:30].strip()
        what = f"unknown prefix '{prefix}:'"
    elif len(what) > 120:
        what = what[:119] + "…"
    where = f" (at «{near}»)" if near else f" (after «{text[:col - 1][-24:].strip()}»)"
    return f"line {line}, column {col}: {what}{where}"


def _undeclared_prefix(query: str) -> tuple[str, int, int] | None:
    """The first prefixed name whose prefix neither the query nor PREFIXES declares: (prefix, line, column)."""
    # blank out IRIs, strings and comments (keeping offsets) so only real prefixed names remain
    masked = re.sub(r"(?m)<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|(?:^|(?<=\s))#[^\n]*",
                    lambda m: " " * len(m[0]), query)
    declared = set(PREFIXES) | set(re.findall(r"(?i)PREFIX\s+([\w.-]*):", masked))
    for m in re.finditer(r"(?<![\w?$:.-])([A-Za-z][\w.-]*)?:(?=[\w%])", masked):
        prefix = m[1] or ""
        if prefix not in declared:
            line = query.count("\n", 0, m.start()) + 1
            col = m.start() - (query.rfind("\n", 0, m.start()) + 1) + 1
            return prefix, line, col
    return None


def is_update(query: str) -> bool:
    """True for SPARQL Update text (INSERT, DELETE, LOAD, CLEAR …) after its prologue."""
    body = _PROLOGUE.sub("", _strip_comments(query))
    return bool(_UPDATE.match(body))


def run(store: Store, query: str):
    """Run a query on `store`: QuerySolutions, QueryBoolean or QueryTriples. Updates are refused."""
    if is_update(query):
        raise InputError("query", "updates are not accepted; the graph is read-only")
    try:
        return store.query(query, prefixes=PREFIXES)
    except SyntaxError as e:
        raise InputError("query", syntax_message(query, str(e))) from None


def kind(result) -> str:
    if isinstance(result, QuerySolutions):
        return "select"
    if isinstance(result, QueryBoolean):
        return "ask"
    return "graph"


def serialize_result(result, fmt: str) -> bytes:
    """Bytes of a result in a --format name; the name must fit the query kind."""
    if isinstance(result, QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise InputError("--format", f"{fmt} is not an RDF format; for CONSTRUCT/DESCRIBE choose "
                                         f"{', '.join(GRAPH_FORMATS)}")
        prefixes = PREFIXES if GRAPH_FORMATS[fmt] in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
        return serialize(list(result), format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
    if fmt not in RESULT_FORMATS:
        raise InputError("--format", f"{fmt} is not a results format; for SELECT/ASK choose {', '.join(RESULT_FORMATS)}")
    if fmt == "table":
        if isinstance(result, QueryBoolean):
            return b"yes\n" if bool(result) else b"no\n"
        return table(result).encode("utf-8")
    return result.serialize(format=RESULT_FORMATS[fmt]) or b""


def term_text(term: object) -> str:
    """A term as a person reads it: prefixed name, <IRI>, or a literal's plain text."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for p, ns in PREFIXES.items():
            if term.value.startswith(ns) and re.fullmatch(r"[\w.-]*", term.value[len(ns):]):
                return f"{p}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(solutions: QuerySolutions, max_cell: int = 80) -> str:
    """A plain-text table, aligned for CJK (wide) characters, with a row count under it."""
    names = [v.value for v in solutions.variables]
    rows = []
    for sol in solutions:
        cells = []
        for i in range(len(names)):
            text = " ".join(term_text(sol[i]).split())
            cells.append(text if len(text) <= max_cell else text[: max_cell - 1] + "…")
        rows.append(cells)
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _strip_comments(query: str) -> str:
    # a comment starts a line or follows a space; a '#' inside an IRI does neither
    return re.sub(r"(?m)(^|\s)#[^\n]*", r"\1", query)


# ---------------------------------------------------------------- named queries

def named_queries() -> dict[str, NamedQuery]:
    """Every shipped query by name (the .rq file's stem), sorted."""
    found = {}
    for f in sorted(resources.files("kg.queries").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            found[f.name[:-3]] = _parse_named(f.name[:-3], f.read_text(encoding="utf-8"))
    return found


def _parse_named(name: str, text: str) -> NamedQuery:
    """Header comment lines `# title:`, `# description:` (repeatable) and `# param: NAME what`."""
    title, desc, params = name, [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].strip().partition(":")
        if key == "title":
            title = value.strip()
        elif key == "description":
            desc.append(value.strip())
        elif key == "param":
            pname, _, what = value.strip().partition(" ")
            params[pname] = what.strip()
    return NamedQuery(name, title, " ".join(desc), params, text)


def get_named(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise InputError(name, f"no such named query; see kg query --list ({', '.join(queries)})")
    return queries[name]


def bind(query: NamedQuery, values: dict[str, str]) -> str:
    """Set parameters: each replaces the `VALUES ?name { … }` line of the query with the given string."""
    text = query.text
    for pname, value in values.items():
        if pname not in query.params:
            choices = ", ".join(query.params) or "none"
            raise InputError(f"--bind {pname}", f"query {query.name} has no such parameter (parameters: {choices})")
        literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        text, n = re.subn(r"VALUES\s+\?" + re.escape(pname) + r"\s*\{[^}]*\}",
                          lambda _m, p=pname, v=literal: f"VALUES ?{p} {{ {v} }}", text)
        if n == 0:
            raise InputError(query.name, f"query text has no VALUES ?{pname} line to bind")
    return text
