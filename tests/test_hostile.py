"""Hostile shapes of input: huge one-line files, pages that are only navigation, HTML full of
scripts, broken markup, unbalanced marks. Each gives a graph or one line saying why not."""

from __future__ import annotations

import re

import pytest

from kg.errors import InputError
from kg.ingest import document_from_text, read_document
from kg.model import EntityType
from kg.pipeline import process_document
from kg.segment import find_sentences
from tests.conftest import SAMPLE, doc_from
from tests.documents import sample_text


def regulations(doc) -> set[str]:
    return {e.name for e in doc.entities.values() if e.type is EntityType.REGULATION}


def test_five_megabyte_single_line_file_is_read_whole(tmp_path):
    # chrome patterns such as .*当前位置：.* must not swallow a whole one-line document
    line = sample_text().replace("\n", " ")
    p = tmp_path / "one-line.txt"
    p.write_text(line * (5 * 1024 * 1024 // len(line.encode()) + 1), encoding="utf-8")
    doc = read_document(p)
    assert "\n" not in doc.text and len(doc.text) >= 5 * 1024 * 1024 // 3
    assert doc.title == ""  # no title line in a one-line file; nothing invented


def test_run_on_line_without_sentence_ends_is_cut_into_bounded_sentences():
    # a one-line file with no 。: per-sentence work (word boundaries, links) must stay linear
    text = re.sub(r"[。！？\n]", "，", sample_text()) * 8
    sentences = find_sentences(text, [])
    assert max(s.end - s.start for s in sentences) <= 1000
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_one_line_sample_finds_the_sample_regulations(sample_doc):
    doc = process_document(document_from_text(sample_text().replace("\n", " ")))
    assert regulations(doc) >= regulations(sample_doc) - {r for r in regulations(sample_doc) if "\n" in r}


def test_page_that_is_only_chrome_gives_one_line(tmp_path):
    chrome = "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[:3])  # 无障碍版 / 市政通告 / 您现在的位置
    p = tmp_path / "nav.html"
    p.write_text(f"<html><body><div>{chrome}</div><div>首页</div><div>分享：</div></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_document(p)
    assert "page chrome" in str(e.value) and "\n" not in str(e.value)


def test_html_scripts_styles_and_head_are_not_read(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>中山市人民政府门户网站</title><style>.a{content:'《样式》'}</style>"
            "<script>var t = '《脚本办法》'; if (a < b) { document.write('<p>'); }</script></head><body>"
            "<script type='text/template'><div>《模板规定》</div></script>"
            "<p>市司法局牵头制定《中山市养犬管理规定》。</p><noscript>《无脚本条例》</noscript></body></html>")
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    doc = process_document(read_document(p))
    assert regulations(doc) == {"中山市养犬管理规定"}


def test_html_meta_tags_give_title_date_and_publisher(tmp_path):
    page = ("<html><head><meta name='ArticleTitle' content='中山市2022年法治政府建设年度报告'>"
            "<meta name='PubDate' content='2023-01-31 10:00'><meta name='ContentSource' content='中山市人民政府'>"
            "</head><body><p>2022年，中山市坚持以习近平新时代中国特色社会主义思想为指导。</p></body></html>")
    p = tmp_path / "meta.htm"
    p.write_text(page, encoding="utf-8")
    doc = read_document(p)
    assert (doc.title, doc.date, doc.publisher) == ("中山市2022年法治政府建设年度报告", "2023-01-31", "中山市人民政府")
    assert doc.place.name == "中山市"


@pytest.mark.parametrize("markup", [
    "<html><body><p>制定《中山市养犬管理规定》<div><span>并实施</p></div>",  # tags never closed
    "<html><body><p>制定《中山市养犬管理规定》</p><!-- a comment never closed <p>",
    "<html><body><p>制定《中山市养犬管理规定》</p><script>never closed",
    "<html><body><p>制定《中山市养犬管理规定》</p></table></tr></td></body></body></html></html>",
    "<html><body><p class='a>制定</p><p>《中山市养犬管理规定》</p>",  # attribute quote never closed
    "<html><body>&#xD800;&#99999999;&bogus;<p>制定《中山市养犬管理规定》</p>",  # impossible character references
])
def test_broken_html_gives_a_document_or_one_line(tmp_path, markup):
    p = tmp_path / "broken.html"
    p.write_text(markup, encoding="utf-8")
    try:
        doc = process_document(read_document(p))
    except InputError as e:
        assert "\n" not in str(e)
        return
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)


def test_unbalanced_title_mark_ends_at_the_clause_break():
    # the sample's sentence with its closing 》 lost
    doc = doc_from("修订《中山市人民政府重大行政决策程序规定，规范重大行政决策行为。", title="中山市2022年法治政府建设年度报告")
    assert "中山市人民政府重大行政决策程序规定" in regulations(doc)


def test_text_with_controls_and_private_use_characters_still_gives_a_graph():
    text = ("中山市人民政府关于印发《中山市河道管理办法》的通知\n\x0b各镇人民政府：\ue000"
            "现将《中山市河道管理办法》\u200b印发给你们。")
    doc = process_document(document_from_text(text))
    assert "中山市河道管理办法" in regulations(doc)


def test_only_punctuation_and_digits_gives_one_line():
    with pytest.raises(InputError):
        document_from_text("１２３，。！（）\n\n2022-01-01")


@pytest.mark.parametrize("body", [
    "《" * 20000,  # unclosed titles, one after another
    "《" * 5000 + "中山市管理办法" + "》" * 5000,  # nested far deeper than any real title
    "“" * 20000 + "（" * 20000,
    "\n一、加强领导" * 5000,  # thousands of headings
    "\n（一）加强领导。" * 5000,
    "1" * 50000 + "12项" * 5000,  # a run of digits, then figures back to back
    "《" + "中" * 50000 + "》",  # one title as long as a book
])
def test_pathological_text_gives_a_graph(tmp_path, body):
    doc = process_document(document_from_text("中山市人民政府关于印发办法的通知\n" + body))
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)
    assert all(0 <= s.start < s.end <= len(doc.text) for s in doc.sentences)


def test_text_over_the_character_limit_gives_one_line(monkeypatch):
    import kg.ingest

    monkeypatch.setattr(kg.ingest, "MAX_CHARS", 1000)
    with pytest.raises(InputError) as e:
        document_from_text(sample_text())
    assert "limit" in str(e.value) and "\n" not in str(e.value)


def test_lone_surrogates_from_a_caller_become_replacement_characters(tmp_path):
    from kg.emit import Build, emit
    from kg.graph import document_quads
    from kg.vocab import Names

    text = "中山市人民政府关于印发《中山市\ud800河道管理办法》的通知\n中山市司法局\udcff负责。"
    doc = process_document(document_from_text(text))
    assert "\ufffd" in doc.text and len(doc.text) == len(text)
    names = Names()
    assert emit(Build([doc], document_quads(doc, names), names), tmp_path, "g", ["ttl", "nq", "jsonld"])
