"""Readers: every file format and encoding a user may hand over gives the sample's document, or one line
saying why not. The PDF, DOCX and re-encoded files are made here from the sample."""

from __future__ import annotations

import zipfile

import pytest

from kg.errors import InputError
from kg.ingest import SUFFIXES, read_document
from kg.model import EntityType
from kg.pipeline import process_document
from tests.conftest import SAMPLE
from tests.documents import make_docx, make_pdf, make_scanned_pdf, sample_text, to_traditional


def regulations(doc) -> set[str]:
    return {e.name for e in doc.entities.values() if e.type is EntityType.REGULATION}


@pytest.fixture(scope="module")
def sample_regulations(sample_doc) -> set[str]:
    found = regulations(sample_doc)
    assert len(found) > 10
    return found


def assert_one_line_error(path, *words: str) -> None:
    with pytest.raises(InputError) as e:
        read_document(path)
    message = str(e.value)
    assert "\n" not in message and all(w in message for w in words), message


def test_every_format_is_collected_from_folders():
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} <= set(SUFFIXES)


def test_pdf_text_layer_gives_the_same_regulations(tmp_path, sample_regulations):
    doc = read_document(make_pdf(sample_text(), tmp_path / "zs.pdf"))
    assert doc.title == "中山市2022年法治政府建设年度报告"
    assert doc.date == "2023-01-31" and doc.place.name == "中山市"
    assert regulations(process_document(doc)) == sample_regulations


def test_pdf_lines_wrapped_at_the_margin_are_joined(tmp_path):
    # a 《title》 the page wraps in the middle must come back whole
    sentence = "制定印发《中山市餐厨垃圾管理办法》《中山市人民政府重大行政决策程序规定》等规章，完善配套制度。"
    doc = read_document(make_pdf("中山市人民政府关于规章工作的通知\n" + sentence * 2, tmp_path / "w.pdf"))
    assert sentence * 2 in doc.text


def test_pdf_title_broken_by_a_page_break_and_its_page_number_comes_back_whole(tmp_path):
    lines = ["中山市人民政府关于规章工作的通知"] + [f"（{i}）完成年度工作任务。" for i in range(45)]
    para = "二是推进规章立法工作，按照计划制定印发了《中山市人民政府重大行政决策程序规定》等规章，完善配套制度。"
    doc = read_document(make_pdf("\n".join([*lines, para]), tmp_path / "pages.pdf"))
    assert para in doc.text and "- 1 -" not in doc.text
    assert "中山市人民政府重大行政决策程序规定" in regulations(process_document(doc))


def test_pdf_properties_fill_in_what_the_text_lacks(tmp_path):
    body = "各镇人民政府：\n现将《中山市河道管理办法》印发给你们，请认真贯彻执行。"
    doc = read_document(make_pdf(body, tmp_path / "p.pdf", title="中山市河道管理办法", author="中山市水务局"))
    assert doc.title == "中山市河道管理办法"
    assert doc.publisher == "中山市水务局"
    assert doc.date  # the PDF's creation date stands in for a missing signature date
    assert doc.place is not None and doc.place.name == "中山市"


def test_pdf_writer_defaults_are_not_taken_as_metadata(tmp_path):
    doc = read_document(make_pdf("现将《中山市河道管理办法》印发给你们。", tmp_path / "p.pdf", author="anonymous"))
    assert doc.publisher == "" and doc.title == ""


def test_password_protected_pdf_gives_one_line_and_copy_protected_pdf_is_read(tmp_path):
    body = "中山市人民政府关于印发《中山市河道管理办法》的通知"
    assert_one_line_error(make_pdf(body, tmp_path / "locked.pdf", password="secret"), "password")
    assert read_document(make_pdf(body, tmp_path / "no-copy.pdf", password="")).title == body


def test_scanned_pdf_says_there_is_no_text_layer(tmp_path):
    assert_one_line_error(make_scanned_pdf(tmp_path / "scan.pdf"), "no text layer", "OCR")


def test_pdf_text_layer_of_glyph_codes_says_it_is_unreadable(tmp_path):
    # what a PDF whose fonts lack a Unicode map extracts to: rare characters, not words
    garbage = "丂丄丅丆丏丒丗丟丠両丣並丩丮丯丱丳丵丷丼乀乁乂乄乆乊乑乕乗乚乛乢乣乤乥乧乨乪乫乬乭乮乯乲乴"
    assert_one_line_error(make_pdf(garbage * 20, tmp_path / "glyphs.pdf"), "unreadable")


@pytest.mark.parametrize("damage", ["truncated", "garbage", "header only"])
def test_corrupt_pdf_gives_one_line(tmp_path, damage):
    good = make_pdf(sample_text()[:2000], tmp_path / "good.pdf").read_bytes()
    bad = {"truncated": good[: len(good) // 3], "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 20,
           "header only": b"%PDF-1.7\n"}[damage]
    p = tmp_path / "bad.pdf"
    p.write_bytes(bad)
    assert_one_line_error(p, str(p))


def test_docx_gives_the_same_regulations(tmp_path, sample_regulations):
    doc = read_document(make_docx(sample_text(), tmp_path / "zs.docx"))
    assert doc.title == "中山市2022年法治政府建设年度报告" and doc.publisher == "中山市人民政府"
    assert regulations(process_document(doc)) == sample_regulations


def test_docx_tables_are_read(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("中山市司法局关于公布规范性文件清理结果的通知")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "《中山市养犬管理规定》"
    table.rows[0].cells[1].text = "继续有效"
    d.save(str(tmp_path / "t.docx"))
    doc = process_document(read_document(tmp_path / "t.docx"))
    assert "中山市养犬管理规定" in regulations(doc)


def test_docx_core_properties_fill_in_what_the_text_lacks(tmp_path):
    p = make_docx("现将《中山市河道管理办法》印发给你们，请认真贯彻执行。", tmp_path / "d.docx",
                  title="中山市河道管理办法", author="中山市水务局")
    doc = read_document(p)
    assert (doc.title, doc.publisher) == ("中山市河道管理办法", "中山市水务局")


@pytest.mark.parametrize("damage", ["truncated zip", "zip without a document", "not xml"])
def test_corrupt_docx_gives_one_line(tmp_path, damage):
    p = tmp_path / "bad.docx"
    if damage == "truncated zip":
        good = make_docx(sample_text()[:2000], tmp_path / "good.docx").read_bytes()
        p.write_bytes(good[: len(good) // 2])
    else:
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            if damage == "not xml":
                z.writestr("word/document.xml", "<w:document><<<《中山市")
    assert_one_line_error(p, str(p))


@pytest.mark.parametrize("head, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "save it as .docx"),  # Word 97-2003
    (b"{\\rtf1\\ansi\\ansicpg936 \\'d6\\'d0\\'c9\\'bd}", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "OCR"),
    (b"\xff\xd8\xff\xe0" + bytes(100), "OCR"),
])
def test_formats_without_a_reader_say_what_to_do(tmp_path, head, words):
    p = tmp_path / "notice.txt"  # whatever the name says
    p.write_bytes(head)
    assert_one_line_error(p, words)


def test_pdf_named_txt_is_still_read_as_pdf(tmp_path, sample_regulations):
    pdf = make_pdf(sample_text(), tmp_path / "x.pdf")
    misnamed = tmp_path / "download.txt"
    misnamed.write_bytes(pdf.read_bytes())
    assert regulations(process_document(read_document(misnamed))) == sample_regulations


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"])
def test_encodings_read_like_utf8(tmp_path, encoding, sample_doc):
    p = tmp_path / f"{encoding}.txt"
    text = sample_text().replace("\xa0", " ") if encoding == "gbk" else sample_text()
    p.write_bytes(text.encode(encoding))
    doc = read_document(p)
    assert doc.text.replace("\xa0", " ") == read_document(SAMPLE).text.replace("\xa0", " ")
    assert doc.title == sample_doc.title


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_download_cut_inside_its_last_character_is_read(tmp_path, encoding):
    data = sample_text().encode(encoding)
    cut = next(n for n in range(len(data) // 2, len(data)) if _splits_a_character(data[:n], encoding))
    p = tmp_path / "cut.txt"
    p.write_bytes(data[:cut])
    doc = read_document(p)
    assert doc.title == "中山市2022年法治政府建设年度报告" and "\ufffd" not in doc.text


def _splits_a_character(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


def test_utf8_page_with_a_pasted_gbk_phrase_is_read_with_the_bad_bytes_replaced(tmp_path):
    data = SAMPLE.read_bytes()
    p = tmp_path / "mixed.txt"
    p.write_bytes(data[:3000] + "中山市".encode("gbk") + data[3000:])
    doc = read_document(p)
    assert doc.title == "中山市2022年法治政府建设年度报告" and 1 <= doc.text.count("\ufffd") <= 6


def test_big5_is_matched_as_simplified_and_mentions_keep_the_traditional_text(tmp_path, sample_regulations):
    p = tmp_path / "big5.txt"
    p.write_bytes(to_traditional(sample_text()).replace("\xa0", " ").encode("big5"))
    doc = process_document(read_document(p))
    assert doc.title == "中山市2022年法治政府建設年度報告"  # as written
    assert doc.place.name == "中山市" and doc.date == "2023-01-31"
    assert regulations(doc) == sample_regulations  # canonical names in simplified: the same IRIs
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)
    state_council = [m for m in doc.mentions if m.canonical == "国务院"]
    assert state_council and all(m.text == "國務院" for m in state_council)
    assert any(m.type is EntityType.REGULATION and "辦法" in m.text for m in doc.mentions)


def test_hong_kong_big5_hkscs_characters_are_read(tmp_path):
    # 嘅 and 㗎 exist only in HKSCS, the Hong Kong extension of Big5
    text = "香港特別行政區政府關於實施《建築物條例》的通知\n各部門：現將有關安排通知如下，嘅㗎。"
    p = tmp_path / "hk.txt"
    p.write_bytes(text.encode("big5hkscs"))
    assert read_document(p).text == text


def test_crlf_line_ends_read_like_lf(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(sample_text().replace("\n", "\r\n").encode())
    assert read_document(p).text == read_document(SAMPLE).text


def test_full_width_digits_give_dates_and_quantities():
    from kg.ingest import document_from_text

    # corpus-style sentences written with full-width digits and brackets
    text = ("中山市司法局关于２０２２年法治政府建设工作的报告\n"
            "全年办理行政复议案件４５０件，审查规范性文件１２．５％，出台《中山市养犬管理规定（２０２２年修订）》。\n"
            "２０２３年１月３１日")
    doc = process_document(document_from_text(text))
    assert doc.date == "2023-01-31" and doc.year == 2022
    values = {(q.value, q.unit) for q in doc.quantities}
    assert (450.0, "件") in values
    assert any(q.text == "４５０件" for q in doc.quantities)  # the figure as written
    assert any(r.startswith("中山市养犬管理规定") for r in regulations(doc))
