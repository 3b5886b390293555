"""The whole hostile-input promise in one run: `kg build` on a folder holding the sample as text, GBK, PDF
and DOCX, next to an empty file, a binary file and a corrupt PDF, builds the four good ones with the
same regulations each, names the three bad ones with their reasons, and exits 1."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph

from kg.ingest import slug
from kg.model import EntityType
from kg.vocab import ENTITY_CLASS, RDF, Names
from tests.conftest import ROOT, SAMPLE
from tests.documents import make_docx, make_pdf, sample_text


def run_kg(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, timeout=600)


def test_folder_of_good_and_bad_files_builds_the_good_names_the_bad_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = sample_text()
    (folder / "zhongshan.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "zhongshan-gbk.txt").write_bytes(text.encode("gb18030"))
    make_pdf(text, folder / "zhongshan-pdf.pdf")
    make_docx(text, folder / "zhongshan-docx.docx")
    bad = {
        "empty.txt": b"",
        "blob.txt": bytes(range(256)) * 64,
        "broken.pdf": (folder / "zhongshan-pdf.pdf").read_bytes()[:1500],
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)

    out = tmp_path / "out"
    r = run_kg("build", str(folder), "--out", str(out), "--format", "nq")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    for name in bad:
        lines = [ln for ln in r.stderr.splitlines() if name in ln]
        assert lines, f"{name} not named in:\n{r.stderr}"
    assert "empty" in r.stderr and "binary" in r.stderr and "cannot read PDF" in r.stderr

    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    names = Names()
    regulation = ENTITY_CLASS[EntityType.REGULATION]
    per_document = {}
    for stem in ("zhongshan", "zhongshan-gbk", "zhongshan-pdf", "zhongshan-docx"):
        graph = names.graph(slug(stem))
        per_document[stem] = {q.subject for q in store.quads_for_pattern(None, RDF.type, regulation, graph)}
    assert len(per_document["zhongshan"]) > 10
    for stem, found in per_document.items():
        assert found == per_document["zhongshan"], stem
