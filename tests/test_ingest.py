import pytest

from kg.errors import InputError
from kg.ingest import decode, document_from_text, find_title, read_document
from tests.conftest import SAMPLE


def test_sample_chrome_is_removed_and_metadata_read():
    doc = read_document(SAMPLE)
    assert not doc.text.startswith("无障碍版")
    assert "您现在的位置" not in doc.text
    assert doc.title == "中山市2022年法治政府建设年度报告"
    assert doc.publisher == "中山市人民政府"
    assert doc.date == "2023-01-31"
    assert doc.place is not None and doc.place.name == "中山市"
    assert doc.province is not None and doc.province.name == "广东省"
    assert doc.year == 2022


def test_gbk_file_reads_like_utf8(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gb18030"))
    assert read_document(p).text == read_document(SAMPLE).text


def test_utf8_bom_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "关于印发《中山市河道管理办法》的通知\n正文。".encode())
    assert read_document(p).text.startswith("关于印发")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03PK\x00\x00binary", "binary"),
    (b"abc\x80\xff" * 10, "decode"),
])
def test_bad_input_raises_one_line_error(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_document(p)
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_markdown_front_matter_gives_title_publisher_and_date():
    # the header of corpus document 037 (Shanghai, 嘉定区)
    md = ("---\n标题: 上海市嘉定区人民政府关于印发《关于推进嘉定区城市更新工作的实施意见》的通知\n"
          "文号: 嘉府发〔2023〕20号\n"
          "发布单位: 区政府\n发布日期: 2023-07-17\n层级: 区级\n官方链接: https://example.invalid/x\n---\n\n"
          "> 本文正文由脚本自上海市官方公开页面提取\n\n"
          "各街道办事处、镇人民政府：现将《关于推进嘉定区城市更新工作的实施意见》印发给你们。\n")
    doc = document_from_text(md, markdown=True)
    assert doc.title.startswith("上海市嘉定区人民政府关于印发")
    assert doc.publisher == "区政府"
    assert doc.date == "2023-07-17"
    assert doc.place.name == "嘉定区"
    assert "官方链接" not in doc.text and "本文正文由脚本" not in doc.text


def test_title_broken_over_lines_is_joined():
    # the head of corpus document 025 (国办发〔2018〕118号)
    text = ("国务院办公厅关于全面推行\n\n行政执法公示制度执法全过程记录制度\n\n重大执法决定法制审核制度的指导意见\n\n"
            "国办发〔2018〕118号\n\n各省、自治区、直辖市人民政府：")
    assert find_title(text) == "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"


def test_html_scripts_and_styles_are_dropped():
    from kg.ingest import html_to_text

    text = html_to_text("<html><head><style>p{}</style><script>var a='《假》';</script></head>"
                        "<body><p>印发《中山市河道管理办法》。</p></body></html>")
    assert "《中山市河道管理办法》" in text and "假" not in text


def test_decode_prefers_utf8():
    assert decode("中山市".encode()) == "中山市"


def test_a_site_banner_with_today_s_date_is_chrome_not_title():
    # a district site's page: banner, accessibility links, then the report
    text = ("天津市静海区人民政府 2019年12月3日星期二\n无障碍 简体| 繁体\n静海区2023年度法治政府建设情况报告\n"
            "来源:静海区人民政府办公室 发布时间:2024-03-28 09:18\n\n2023年,静海区坚持依法行政。\n")
    doc = document_from_text(text)
    assert doc.title == "静海区2023年度法治政府建设情况报告"
    assert doc.date == "2024-03-28" and "星期二" not in doc.text


def test_an_issuer_line_and_a_report_line_are_one_title_and_a_breadcrumb_is_chrome():
    doc = document_from_text("赵县人民政府\n2022年度法治政府建设情况报告\n2022年,县政府深入推进依法行政。\n")
    assert doc.title == "赵县人民政府2022年度法治政府建设情况报告"
    doc = document_from_text("您当前的位置:首页\n> 政务公开 > 政策文件及解读 > 其他文件 > 政府文件\n\n"
                             "嘉善县人民政府关于2022年度法治政府建设情况的报告\n发布日期: 2023-01-29 12:40\n\n县政府依法行政。\n")
    assert doc.title == "嘉善县人民政府关于2022年度法治政府建设情况的报告" and doc.date == "2023-01-29"
