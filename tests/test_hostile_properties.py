"""Property-based tests: random Unicode, random bytes and mutated real documents go through every
stage (ingest, the pipeline, the graph, Turtle). Whatever comes in, nothing but InputError escapes,
every offset lies inside the text, every mention is the slice of the text it points to, and the
output parses as RDF.

The real documents are the sample and excerpts of corpus documents 025 (a 国办发 notice) and 037
(a Markdown page with front matter), in tests/fixtures/hostile/."""

from __future__ import annotations

import os
import random

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.emit import Build, emit
from kg.errors import InputError
from kg.graph import document_quads
from kg.ingest import document_from_text, read_document
from kg.model import Document
from kg.pipeline import process_document
from kg.vocab import Names
from tests.conftest import FIXTURES, SAMPLE

# 30 examples keep the suite fast; KG_HYPOTHESIS_EXAMPLES=2000 hunts for crashes by hand.
# Characters that break naive code often: lone surrogates, controls, line and paragraph separators.
ODD = st.characters(categories=["Cs", "Cc", "Zl", "Zp", "Cf"])
MODEST = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", "30")), deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
REAL = {p.name: p.read_text(encoding="utf-8") for p in [SAMPLE, *sorted((FIXTURES / "hostile").iterdir())]}
# Characters the documents are made of, so random text hits the recognisers' triggers.
CHINESE = st.sampled_from(list("《》〈〉“”‘’（）()、，。；：！？\n　 中山市人民政府司法局关于印发办法规定条例"
                               "通知年月日第一二三四十０１２３４５６７８９0123456789%％.万亿件项个元國務院辦法條例"
                               "\ud800\udcff\x00\x0b\u2028\u200b\ufeff"))


def check_document(doc: Document, tmp_path) -> None:
    """The invariants every processed document keeps, through to parsed Turtle."""
    n = len(doc.text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= n
    for sec in doc.sections:
        assert 0 <= sec.start <= sec.end <= n
    for m in doc.mentions + [m for e in doc.entities.values() for m in e.mentions]:
        assert 0 <= m.start < m.end <= n and doc.text[m.start:m.end] == m.text, m
    for q in doc.quantities:
        assert 0 <= q.start < q.end <= n and doc.text[q.start:q.end] == q.text, q
    for ev in doc.events:
        assert 0 <= ev.start < ev.end <= n, ev
    for r in doc.relations:
        assert r.start == r.end == -1 or 0 <= r.start < r.end <= n, r
    names = Names()
    build = Build([doc], document_quads(doc, names), names)
    ttl, nq = emit(build, tmp_path, "g", ["ttl", "nq"])
    assert list(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE))
    assert list(pyoxigraph.parse(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS))


def run_text(text: str, tmp_path, markdown: bool = False) -> None:
    try:
        doc = document_from_text(text, source="<hypothesis>", doc_id="h", markdown=markdown)
    except InputError as e:
        assert "\n" not in str(e)
        return
    check_document(process_document(doc), tmp_path)


def run_file(path, tmp_path) -> None:
    """A file gives a graph that keeps every invariant, or one line saying why it cannot."""
    try:
        doc = read_document(path)
    except InputError as e:
        assert "\n" not in str(e)
        return
    check_document(process_document(doc), tmp_path)


@MODEST
@given(st.text(st.one_of(st.characters(exclude_categories=()), ODD), max_size=400))
def test_random_unicode_gives_a_graph_or_input_error(tmp_path, text):
    run_text(text, tmp_path)


@MODEST
@given(st.text(CHINESE, max_size=400))
def test_random_document_like_text_gives_a_graph_or_input_error(tmp_path, text):
    run_text("中山市人民政府关于印发办法的通知\n" + text, tmp_path)


@MODEST
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"]))
def test_random_bytes_give_a_graph_or_input_error(tmp_path, data, suffix):
    p = tmp_path / f"random{suffix}"
    p.write_bytes(data)
    run_file(p, tmp_path)


MARKUP = st.lists(st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div", ">", "<", "/>", "<!--", "-->", "<script>",
                                    "</script>", "<style>", "<![CDATA[", "&nbsp;", "&#", "&#x", ";", "'", '"', "=",
                                    "<meta name='PubDate' content='", "<title>", "</title>", "中山市", "《", "》",
                                    "管理办法", "，", "。", "\n", "2023-01-31"]), max_size=60).map("".join)


@MODEST
@given(MARKUP)
def test_random_markup_gives_a_graph_or_input_error(tmp_path, markup):
    p = tmp_path / "page.html"
    p.write_text(markup, encoding="utf-8")
    run_file(p, tmp_path)


def _mutate(text: str, how: str, rnd: random.Random) -> str:
    if how == "truncated":
        return text[: rnd.randrange(len(text) + 1)]
    if how == "brackets removed":
        mark = rnd.choice("《》")
        return text.replace(mark, "")
    if how == "quotes unbalanced":
        chars = list(text)
        quotes = [i for i, ch in enumerate(chars) if ch in "“”‘’\"（）()"]
        for i in rnd.sample(quotes, k=len(quotes) // 2):
            chars[i] = ""
        return "".join(chars)
    if how == "sections shuffled":
        paragraphs = text.split("\n")
        rnd.shuffle(paragraphs)
        return "\n".join(paragraphs)
    if how == "odd characters inserted":  # lone surrogates, NUL, separators, BOM, zero-width space
        chars = list(text)
        for _ in range(max(1, len(chars) // 50)):
            chars.insert(rnd.randrange(len(chars) + 1), rnd.choice("\ud800\udcff\x00\x0b\u2028\u2029\ufeff\u200b\r"))
        return "".join(chars)
    if how == "cut mid-line and repeated":
        i = rnd.randrange(len(text) + 1)
        return text[i:] + text[:i]
    raise AssertionError(how)


@MODEST
@given(st.sampled_from(sorted(REAL)),
       st.lists(st.sampled_from(["truncated", "brackets removed", "quotes unbalanced", "sections shuffled",
                                 "cut mid-line and repeated", "odd characters inserted"]), min_size=1, max_size=3),
       st.randoms(use_true_random=False))
def test_mutated_real_documents_give_a_graph_or_input_error(tmp_path, name, mutations, rnd):
    text = REAL[name]
    for how in mutations:
        text = _mutate(text, how, rnd)
    run_text(text, tmp_path, markdown=name.endswith(".md"))


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_documents_keep_the_invariants_unmutated(tmp_path, name):
    doc = process_document(document_from_text(REAL[name], markdown=name.endswith(".md")))
    assert doc.mentions
    check_document(doc, tmp_path)


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, bytes]:
    from tests.documents import make_docx, make_pdf

    folder = tmp_path_factory.mktemp("office")
    text = REAL["corpus-025.txt"][:1500]
    return {".pdf": make_pdf(text, folder / "d.pdf").read_bytes(), ".docx": make_docx(text, folder / "d.docx").read_bytes()}


@MODEST
@given(st.sampled_from([".pdf", ".docx"]), st.floats(0.05, 1.0),
       st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=20))
def test_damaged_pdf_and_docx_give_a_graph_or_input_error(tmp_path, office_files, suffix, keep, edits):
    data = bytearray(office_files[suffix][: max(1, int(len(office_files[suffix]) * keep))])
    for where, byte in edits:
        data[int(where * len(data))] = byte
    p = tmp_path / f"damaged{suffix}"
    p.write_bytes(bytes(data))
    run_file(p, tmp_path)
