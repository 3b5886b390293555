from kg.model import EntityType
from kg.recognise.regulations import find_titles, kind_of
from tests.conftest import doc_from


def regs(doc):
    return {e.name for e in doc.entities.values() if e.type is EntityType.REGULATION}


def test_unclosed_title_ends_at_next_clause():
    text = "编制《中山市法治社会建设实施纲要(2021-2025),印发《中山市2022年全面依法治市工作要点》等。"
    titles = [text[s:e] for s, e in find_titles(text)]
    assert titles == ["中山市法治社会建设实施纲要(2021-2025)", "中山市2022年全面依法治市工作要点"]


def test_nested_title_stays_one_title():
    text = "国务院关于印发《关于印发《国家职业教育改革实施方案》的通知》，请遵照执行。"
    titles = [text[s:e] for s, e in find_titles(text)]
    assert titles[0] == "关于印发《国家职业教育改革实施方案》的通知"


def test_short_citation_joins_full_title():
    doc = doc_from("深入贯彻《法治政府建设实施纲要(2021-2025年)》。落实《法治政府建设实施纲要》部署要求。")
    assert regs(doc) == {"法治政府建设实施纲要(2021-2025年)"}
    ent = doc.entities[(EntityType.REGULATION, "法治政府建设实施纲要(2021-2025年)")]
    assert "法治政府建设实施纲要" in ent.aliases and len(ent.mentions) == 2


def test_national_law_gets_its_full_name():
    # corpus 026 cites laws both ways
    doc = doc_from("依照《中华人民共和国立法法》和《行政许可法》的规定。")
    assert regs(doc) == {"中华人民共和国立法法", "中华人民共和国行政许可法"}


def test_regulation_kinds_from_title_ending():
    assert kind_of("中山市河道管理办法") == "Measures"
    assert kind_of("中山市排水管理条例") == "LocalRegulation"
    assert kind_of("法治政府建设实施纲要(2021-2025年)") == "Plan"
    assert kind_of("中华人民共和国审计法") == "Law"


def test_quoted_text_without_title_marks_is_not_a_regulation():
    doc = doc_from("推进“一网通办”改革。")
    assert regs(doc) == set()


def test_title_broken_by_markup_inside_its_marks_is_one_title():
    # an HTML page whose block element split the title: 《中山市河道<div>管理办法》
    doc = doc_from("印发《中山市河道\n管理办法》。")
    assert regs(doc) == {"中山市河道管理办法"}


def test_a_title_cited_to_act_by_is_a_document_and_a_newspaper_is_not():
    # corpus 032 phrasing: no regulation word in the title, but 对照 cites it as a rule
    doc = doc_from("要对照《煤矿安全生产基本条件》，对所有煤矿逐个进行检查。在《人民日报》发表文章。")
    assert regs(doc) == {"煤矿安全生产基本条件"}


def test_a_bare_kind_with_nothing_before_it_and_a_book_are_no_regulations():
    # other districts' reports: 《纲要》《规划》 point back to nothing in the text; books are read, not followed
    doc = doc_from("按照国家、本市法治政府建设《纲要》《规划》要求推进。确保《论坚持全面依法治国》《习近平法治思想学习纲要》"
                   "等书籍人手一本。印发《静海区法治政府建设实施纲要》，落实《纲要》。")
    assert regs(doc) == {"静海区法治政府建设实施纲要"}


def test_a_lecture_title_is_no_regulation():
    doc = doc_from("县委理论中心组邀请研究员作《习近平法治思想》专题辅导。专题学习《中华人民共和国行政处罚法》。")
    assert regs(doc) == {"中华人民共和国行政处罚法"}
