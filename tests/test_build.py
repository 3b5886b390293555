"""Folder builds: worker processes give the same graph as one process, the cache re-extracts only what
changed, bad files are skipped (exit 1) or stop a --strict build (exit 2, nothing written)."""

import io
import shutil

import pytest

from tests.conftest import FIXTURES
from tests.test_end_to_end import run_kg

CORPUS = FIXTURES / "corpus"  # the first ~3,000 characters of three 2026 provincial work reports


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(CORPUS, src)
    return src


def nquads(path):
    return {ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()}


@pytest.fixture(scope="module")
def one_process_nquads(tmp_path_factory):
    out = tmp_path_factory.mktemp("jobs1")
    r = run_kg("build", str(CORPUS), "--out", str(out), "--format", "nq", "--jobs", "1", "--no-cache")
    assert r.returncode == 0, r.stderr
    return nquads(out / "graph.nq")


def test_two_workers_write_the_same_quads_as_one_process(tmp_path, one_process_nquads):
    r = run_kg("build", str(CORPUS), "--out", str(tmp_path), "--format", "nq", "--jobs", "2", "--no-cache")
    assert r.returncode == 0, r.stderr
    assert "with 2 process(es)" in r.stderr
    assert nquads(tmp_path / "graph.nq") == one_process_nquads


def test_an_entity_named_in_two_documents_is_one_node_with_mentions_from_both(one_process_nquads):
    graphs_by_subject: dict[str, set[str]] = {}
    for line in one_process_nquads:
        if "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/govkg/ontology#Place>" in line:
            subject, graph = line.split(" ")[0], line.rsplit(" ", 2)[-2]
            graphs_by_subject.setdefault(subject, set()).add(graph)
    china = "<https://w3id.org/govkg/id/place/中华人民共和国>"
    assert len(graphs_by_subject[china]) == 3  # the same IRI in every document's graph


def _corpus(sources, cache_dir, **kw):
    from kg.build import Progress, build_corpus

    return build_corpus(sources, "https://w3id.org/govkg/id/", cache_dir, progress=Progress(io.StringIO()), **kw)


def _sources(folder):
    from kg.build import collect_inputs, scan

    return scan(collect_inputs([str(folder)]), "https://w3id.org/govkg/id/")


def test_rerun_on_unchanged_folder_extracts_nothing(folder, tmp_path):
    cache = tmp_path / "cache"
    first = _corpus(_sources(folder), cache)
    assert first.extracted == 3 and len(first.summaries) == 3
    again = _corpus(_sources(folder), cache)
    assert again.extracted == 0
    assert again.summaries == first.summaries  # read from the cache's small summaries
    assert again.pages == first.pages  # and its page models
    assert [p.read_bytes() for p in again.shards] == [p.read_bytes() for p in first.shards]


def test_changed_file_is_re_extracted_alone_and_replaces_its_graph(folder, tmp_path):
    cache = tmp_path / "cache"
    first = _corpus(_sources(folder), cache)
    changed = folder / "fujian-2026.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("福建省人民政府省长", "福建省人民政府代省长"),
                       encoding="utf-8")
    second = _corpus(_sources(folder), cache)
    assert second.extracted == 1
    old = {p.name for p in first.shards} - {p.name for p in second.shards}
    assert len(old) == 1 and not (cache / old.pop()).exists()  # the stale shard is gone from the cache
    fujian = next(p for p in second.shards if "fujian" in p.read_text(encoding="utf-8"))
    assert "代省长" in fujian.read_text(encoding="utf-8")


def test_an_in_process_build_keeps_what_it_made_and_writes_nothing_into_a_temporary_cache(folder, tmp_path):
    from kg.build import load_quads

    corpus = _corpus(_sources(folder), tmp_path / "temp", temporary=True)
    assert not list((tmp_path / "temp").iterdir())  # no shards, pickles or summaries
    assert corpus.quads is not None and len(corpus.quads) == 3  # one list per document
    cached = _corpus(_sources(folder), tmp_path / "cache")  # a kept cache gets its entries
    assert [q for document in corpus.quads for q in document] == load_quads(cached.shards)  # same quads, same order


def test_quads_past_the_memory_budget_are_read_from_the_shards(folder, tmp_path, monkeypatch):
    import kg.build

    sources = _sources(folder)
    held = _corpus(sources, tmp_path / "first", temporary=True).quads
    largest = max(range(len(sources)), key=lambda i: sources[i].size)  # extracted first
    # the first document fits, the second does not: the held one is written out too
    monkeypatch.setattr(kg.build, "IN_MEMORY_QUADS", len(held[largest]))
    corpus = _corpus(sources, tmp_path / "temp", temporary=True)
    assert corpus.quads is None and all(p.is_file() for p in corpus.shards)
    assert kg.build.load_quads(corpus.shards) == [q for document in held for q in document]


def test_removed_file_leaves_no_statements(folder, tmp_path):
    from kg.build import load_quads

    cache = tmp_path / "cache"
    first = _corpus(_sources(folder), cache)
    assert any("xizang-2026" in q.graph_name.value for q in load_quads(first.shards))
    (folder / "xizang-2026.txt").unlink()
    second = _corpus(_sources(folder), cache)
    assert second.extracted == 0 and len(second.summaries) == 2
    assert not any("xizang-2026" in q.graph_name.value for q in load_quads(second.shards))
    assert len(list(cache.glob("*.nq"))) == 2


def test_second_cli_run_on_unchanged_folder_does_nothing(folder, tmp_path):
    out = tmp_path / "out"
    first = run_kg("build", str(folder), "--out", str(out))
    assert first.returncode == 0, first.stderr
    stamp = (out / "graph.ttl").stat().st_mtime_ns
    again = run_kg("build", str(folder), "--out", str(out))
    assert again.returncode == 0 and "up to date" in again.stderr
    assert (out / "graph.ttl").stat().st_mtime_ns == stamp


def _add_bad_files(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)


def test_folder_with_bad_files_builds_the_rest_and_exits_1(folder, tmp_path):
    _add_bad_files(folder)
    out = tmp_path / "out"
    r = run_kg("build", str(folder), "--out", str(out), "--format", "nq", "--jobs", "2")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "empty.txt: file is empty" in r.stderr and "binary.txt" in r.stderr
    assert "3 document(s)" in r.stderr and "2 file(s) skipped" in r.stderr
    graphs = {ln.rsplit(" ", 2)[-2] for ln in nquads(out / "graph.nq")}
    assert len(graphs) == 3
    again = run_kg("build", str(folder), "--out", str(out), "--format", "nq")
    assert again.returncode == 1 and "empty.txt" in again.stderr  # still reported when nothing changed


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(folder, tmp_path):
    _add_bad_files(folder)
    out = tmp_path / "out"
    r = run_kg("build", str(folder), "--out", str(out), "--strict", "--jobs", "1")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1].startswith("kg: error: ") and "Traceback" not in r.stderr
    assert not (out / "graph.ttl").exists() and not (out / "graph.html").exists()


def test_progress_bar_on_a_terminal_shows_documents_rate_and_eta():
    from kg.build import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    bar = Progress(screen)
    bar.start(2, 2000)
    bar.advance(1000, 900)
    bar.advance(1000, 900)
    bar.stage("merged")
    shown = screen.getvalue()
    assert "2/2 documents" in shown and "chars/s" in shown and "ETA" in shown
    assert shown.endswith("kg: merged\n")


def test_dask_cluster_build_matches_the_local_build(tmp_path, one_process_nquads):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        r = run_kg("build", str(CORPUS), "--out", str(tmp_path), "--format", "nq",
                   "--scheduler", cluster.scheduler_address)
    assert r.returncode == 0, r.stderr
    assert f"on {cluster.scheduler_address}" in r.stderr
    assert nquads(tmp_path / "graph.nq") == one_process_nquads


def test_large_build_streams_the_same_quads_from_its_shards(folder, tmp_path):
    from kg.build import ShardQuads, load_quads

    corpus = _corpus(_sources(folder), tmp_path / "cache")
    held = load_quads(corpus.shards)
    streamed = load_quads(corpus.shards, in_memory_bytes=0)
    assert isinstance(held, list) and isinstance(streamed, ShardQuads)
    assert len(streamed) == len(held)
    assert list(streamed) == held and list(streamed) == held  # every pass reads the shards again


def test_short_citation_merges_into_its_full_title_in_a_streamed_build_too(tmp_path):
    from pyoxigraph import RdfFormat, serialize

    from kg.build import ShardQuads, load_quads, merge_across_documents
    from kg.emit import Build
    from kg.model import EntityType
    from kg.vocab import Names

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("中山市2022年法治政府建设年度报告\n\n深入贯彻《法治政府建设实施纲要(2021-2025年)》。\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("佛山市2022年法治政府建设年度报告\n\n落实《法治政府建设实施纲要》部署要求。\n", encoding="utf-8")
    corpus = _corpus(_sources(src), tmp_path / "cache")
    names = Names()
    held = merge_across_documents(load_quads(corpus.shards), names, corpus.summaries)
    streamed = merge_across_documents(load_quads(corpus.shards, in_memory_bytes=0), names, corpus.summaries)
    assert isinstance(streamed, ShardQuads) and streamed.rename
    assert set(streamed) == set(held) and len(streamed) == len(held)
    short = names.entity(EntityType.REGULATION, "法治政府建设实施纲要")
    assert not any(q.subject == short or q.object == short for q in streamed)

    def count(quads):
        build = Build([], quads, names)
        try:
            return build.triple_count()
        finally:
            build.close()

    assert count(streamed) == count(held) < count(ShardQuads(corpus.shards))
    assert streamed.nquads(streamed.shards[0]) + streamed.nquads(streamed.shards[1]) == serialize(held, format=RdfFormat.N_QUADS)
    in_process = _corpus(_sources(src), tmp_path / "cache2", temporary=True)  # quads kept per document
    assert merge_across_documents(in_process.quads, names, in_process.summaries, per_document=True) == held


def failing_writer(build, path):
    from kg.errors import InputError

    path.write_text("half", encoding="utf-8")
    raise InputError(path.name, "cannot be written")


def test_forked_writer_failure_is_raised_and_leaves_no_output(tmp_path, monkeypatch):
    from kg import emit as emit_module
    from kg.emit import Build, Format, emit
    from kg.errors import InputError

    monkeypatch.setitem(emit_module.FORMATS, "bad", Format("bad", ".bad", "tests.test_build", "failing_writer", "test"))
    build = Build([], [])
    with pytest.raises(InputError, match="cannot be written"):
        emit(build, tmp_path, "g", ["nq", "bad"], jobs=2)
    assert not (tmp_path / "g.bad").exists() and not list(tmp_path.glob("*.part"))
    assert (tmp_path / "g.nq").exists()  # the parent's own format was written


def test_a_streamed_build_writes_the_same_graph_as_one_held_in_memory(tmp_path, monkeypatch):
    import kg.build
    from kg.cli import main

    def build(out):
        assert main(["build", str(CORPUS), "--out", str(out), "--format", "nt,nq,trig,jsonld", "--no-cache", "--jobs", "1"]) == 0

    def statements(path, fmt):
        from pyoxigraph import parse

        return {str(q) for q in parse(path=str(path), format=fmt)}

    build(tmp_path / "held")
    loaded = []
    original = kg.build.load_quads

    def load_quads(shards):
        loaded.append(original(shards))
        return loaded[-1]

    monkeypatch.setattr(kg.build, "load_quads", load_quads)
    monkeypatch.setattr(kg.build, "IN_MEMORY_QUADS", 1)  # every document spills to its shard
    monkeypatch.setattr(kg.build, "IN_MEMORY_BYTES", 1)  # and the writers stream the shards
    build(tmp_path / "streamed")
    from pyoxigraph import RdfFormat

    for name, fmt in [("graph.ttl", RdfFormat.TURTLE), ("graph.nt", RdfFormat.N_TRIPLES), ("graph.nq", RdfFormat.N_QUADS),
                      ("graph.trig", RdfFormat.TRIG), ("graph.jsonld", RdfFormat.JSON_LD)]:
        held, streamed = statements(tmp_path / "held" / name, fmt), statements(tmp_path / "streamed" / name, fmt)
        assert held and held == streamed, name
    assert (tmp_path / "held" / "graph.html").read_bytes() == (tmp_path / "streamed" / "graph.html").read_bytes()
    assert len(loaded) == 1 and isinstance(loaded[0], kg.build.ShardQuads)  # the writers did stream




@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_turtle_file_assembled_from_document_parts_states_the_merged_graph(tmp_path, jobs):
    """Each document's Turtle part is made where it is extracted; the file must still state exactly
    the union of the named graphs: with a short citation renamed across documents, and with two
    inputs that share a document id."""

    from pyoxigraph import RdfFormat, parse

    src = tmp_path / "in"
    for folder in ("a", "b"):
        (src / folder).mkdir(parents=True)
    (src / "a" / "zs.txt").write_text("中山市2022年法治政府建设年度报告\n\n深入贯彻《法治政府建设实施纲要(2021-2025年)》，"
                                      "市司法局牵头。\n", encoding="utf-8")
    (src / "b" / "zs.txt").write_text("佛山市2022年法治政府建设年度报告\n\n落实《法治政府建设实施纲要》部署要求。\n",
                                      encoding="utf-8")  # the same file name: the same document id
    shutil.copytree(CORPUS, src / "c")
    r = run_kg("build", str(src), "--out", str(tmp_path / "out"), "--format", "nq", "--jobs", jobs, "--no-cache")
    assert r.returncode == 0, r.stderr
    turtle = {str(t) for t in parse(path=str(tmp_path / "out" / "graph.ttl"), format=RdfFormat.TURTLE)}
    union = {str(q.triple) for q in parse(path=str(tmp_path / "out" / "graph.nq"), format=RdfFormat.N_QUADS)}
    assert turtle == union
    assert f"{len(union)} triples" in r.stderr
    assert not any("regulation/法治政府建设实施纲要>" in t for t in turtle)  # the short title was folded in
