"""Regulation events: trigger words around lists of titles (sample and corpus sentences)."""

from kg.model import EntityType
from tests.conftest import doc_from

REG = EntityType.REGULATION
ZHONGSHAN = "中山市2022年法治政府建设年度报告"


def actions(doc):
    return {(ev.regulation[1], ev.action) for ev in doc.events}


def test_trigger_before_a_list_acts_on_every_title():
    doc = doc_from("修订《中山市人民政府重大行政决策程序规定》和《中山市人民政府重大行政决策合法性审查规定》，"
                   "以制度规范推进科学、民主和依法决策。", ZHONGSHAN)
    assert actions(doc) == {("中山市人民政府重大行政决策程序规定", "amended"),
                            ("中山市人民政府重大行政决策合法性审查规定", "amended")}


def test_trigger_after_a_counted_list():
    doc = doc_from("完成《中山市扬尘污染防治管理办法》《中山市房屋安全管理规定》《中山市群众自发性聚集活动安全管理规定》"
                   "3部政府规章的修改。", ZHONGSHAN)
    assert {a for _r, a in actions(doc)} == {"amended"} and len(doc.events) == 3


def test_drafting_planned_and_container_plan():
    doc = doc_from("稳步推进《中山市公共法律服务促进和保障办法》和《中山市防御雷电灾害管理规定》2部年度规章的制定工作。"
                   "《中山市排水管理条例》、《中山市海绵城市建设管理条例》被纳入《中山市2022-2026年地方性法规制定规划》"
                   "作为规划项目。", ZHONGSHAN)
    assert actions(doc) == {("中山市公共法律服务促进和保障办法", "drafting"),
                            ("中山市防御雷电灾害管理规定", "drafting"),
                            ("中山市排水管理条例", "planned"),
                            ("中山市海绵城市建设管理条例", "planned")}


def test_cited_or_studied_regulations_get_no_event():
    doc = doc_from("深入贯彻《法治政府建设实施纲要(2021-2025年)》《广东省法治政府建设实施纲要》，"
                   "出台《法治中山建设规划(2022-2025年)》和《中山市法治政府建设实施纲要》。", ZHONGSHAN)
    assert actions(doc) == {("法治中山建设规划(2022-2025年)", "issued"), ("中山市法治政府建设实施纲要", "issued")}


def test_date_and_agency_from_the_sentence():
    # corpus 013 (四川省政府工作报告)
    doc = doc_from("长“21”条：2025年4月1日，省政府办公厅印发《关于进一步推动经济运行回升向好的若干政策措施》，"
                   "提出加快消费恢复提振。", "2026年四川省人民政府工作报告")
    (ev,) = doc.events
    assert ev.action == "issued" and ev.date == "2025-04-01"
    assert ev.agent == (EntityType.AGENCY, "四川省人民政府办公厅")
    assert ("issuedBy", ev.agent) in {(r.predicate, r.object) for r in doc.relations}


def test_year_inside_a_title_is_not_the_event_date():
    doc = doc_from("出台《法治中山建设规划(2022-2025年)》。", ZHONGSHAN)
    assert [ev.date for ev in doc.events] == ["2022"]


def test_derived_document_is_not_an_event_of_the_cited_one():
    doc = doc_from("制定《中山市河道管理办法》实施细则。", ZHONGSHAN)
    assert doc.events == []


def test_notice_title_issues_the_inner_regulation():
    # corpus 042
    doc = doc_from("黄浦区人民政府关于印发《黄浦区加强历史风貌区、优秀历史建筑和不可移动文物保护实施办法》的通知\n\n"
                   "各委、办、局：\n现将《黄浦区加强历史风貌区、优秀历史建筑和不可移动文物保护实施办法》印发给你们，请认真按照执行。")
    assert actions(doc) == {("黄浦区加强历史风貌区、优秀历史建筑和不可移动文物保护实施办法", "issued")}


def test_notice_formula_after_a_comma():
    # corpus 038: the title names the plan differently, the formula sentence still issues it
    doc = doc_from("上海市崇明区人民政府办公室关于印发2021年本区城市体检工作方案的通知\n\n"
                   "《2021年崇明区城市体检工作方案》已经区政府同意，现印发给你们，请认真按照执行。")
    assert actions(doc) == {("2021年崇明区城市体检工作方案", "issued")}


def test_attributive_citation_of_an_earlier_act_is_no_event():
    # corpus 034 and 013: 发布的《X》 cites; 新修改的《X》 reports a new amendment
    doc = doc_from("要认真贯彻执行国务院发布的《破坏性地震应急条例》，各地要制定应急预案。"
                   "新修改的《四川省人口与计划生育条例》正式施行，延长婚假。", "2026年四川省人民政府工作报告")
    assert actions(doc) == {("四川省人口与计划生育条例", "amended")}


def test_implementing_measures_of_a_law_are_not_the_law():
    # corpus 015
    doc = doc_from("推动出台《中华人民共和国青藏高原生态保护法》实施办法，构建生态保护体系。", "西藏自治区政府工作报告")
    assert doc.events == []


def test_reported_year_is_never_after_publication():
    # corpus 035: 国务院关于河北雄安新区总体规划（2018—2035年）的批复, signed 2018-12-25
    from kg.events import reported_year
    from kg.model import Document

    assert reported_year(Document(id="d", source="", text="", date="2018-12-25", year=2035)) == 2018
    assert reported_year(Document(id="d", source="", text="", date="2023-01-31", year=2022)) == 2022
    assert reported_year(Document(id="d", source="", text="", date="", year=None)) is None


def test_work_under_way_is_drafting():
    # corpus 015 style: 推动出台 / 加快制定 report drafting, not an issued regulation
    doc = doc_from("加快制定《中山市公共法律服务促进和保障办法》，推动出台《中山市防御雷电灾害管理规定》。", ZHONGSHAN)
    assert actions(doc) == {("中山市公共法律服务促进和保障办法", "drafting"), ("中山市防御雷电灾害管理规定", "drafting")}


def test_work_report_reports_on_the_year_before_its_title():
    # corpus 013: 2026年四川省人民政府工作报告, delivered 2026-02-03, reviews 2025
    from kg.events import reported_year
    from kg.model import Document

    doc = Document(id="d", source="", text="", title="2026年四川省人民政府工作报告", date="2026-02-10", year=2026)
    assert reported_year(doc) == 2025


def test_act_dated_after_the_reported_year_is_planned():
    # the sample's outlook section speaks of 2023 in a report on 2022
    doc = doc_from("2023年，出台《中山市公共法律服务促进和保障办法》。", ZHONGSHAN)
    assert actions(doc) == {("中山市公共法律服务促进和保障办法", "planned")}


def test_act_dated_before_publication_in_the_next_year_stays_done():
    # corpus 013 style: a 2026 work report (on 2025) tells of a January 2026 act
    doc = doc_from("2026年1月5日，省政府办公厅印发《关于巩固拓展经济回升向好势头的若干政策措施》。",
                   "2026年四川省人民政府工作报告\n时间：2026-02-10")
    assert {a for _r, a in actions(doc)} == {"issued"}


def test_forwarding_formula_issues_the_forwarded_document():
    # corpus 033
    doc = doc_from("国务院办公厅转发民政部关于清理整顿社会团体意见的通知\n\n"
                   "民政部《关于清理整顿社会团体的意见》已经国务院同意，现转发给你们，请认真贯彻执行。")
    assert actions(doc) == {("关于清理整顿社会团体的意见", "issued")}
