"""Relations read from names and sentences: jurisdiction, cooperatesWith, issuedBy."""

from kg.model import EntityType
from tests.conftest import doc_from

ZHONGSHAN = "中山市2022年法治政府建设年度报告"
PLACE, AGENCY, ORG, REG = EntityType.PLACE, EntityType.AGENCY, EntityType.ORGANIZATION, EntityType.REGULATION


def rels(doc, predicate):
    return {(r.subject[1], r.object[1]) for r in doc.relations if r.predicate == predicate}


def test_place_named_inside_a_title_is_its_jurisdiction():
    doc = doc_from("出台《法治中山建设规划(2022-2025年)》。", ZHONGSHAN)
    assert ("法治中山建设规划(2022-2025年)", "中山市") in rels(doc, "jurisdiction")


def test_short_name_of_another_place_mid_title_is_not_a_jurisdiction():
    # 中山 inside a title of a Shanghai notice is not the document's place
    doc = doc_from("根据《关于学习中山经验的通知》开展工作。", "上海市嘉定区人民政府关于印发《嘉定区城市更新实施意见》的通知")
    assert not any(s == "关于学习中山经验的通知" for s, _o in rels(doc, "jurisdiction"))


def test_most_specific_of_nested_places_wins():
    # corpus 037
    doc = doc_from("以《上海市嘉定区总体规划暨土地利用总体规划（2017-2035年）》为引领。",
                   "上海市嘉定区人民政府关于印发《关于推进嘉定区城市更新工作的实施意见》的通知")
    found = rels(doc, "jurisdiction")
    assert ("上海市嘉定区总体规划暨土地利用总体规划(2017-2035年)", "嘉定区") in found
    assert ("上海市嘉定区总体规划暨土地利用总体规划(2017-2035年)", "上海市") not in found


def test_agreement_parties_cooperate_with_the_documents_government():
    # the snippet has no publisher line: its own government is named as the sample names it
    doc = doc_from("市委、市政府高度重视法治建设。一批重大经济建设和重大投资项目如中国广核集团有限公司科技创新战略合作协议，"
                   "与佳木斯市政府、佛山市政府、珠海市政府合作协议以及与香港新华集团合作项目等均从合法性方面进行论证。",
                   ZHONGSHAN)
    found = rels(doc, "cooperatesWith")
    assert {("中山市人民政府", "佳木斯市人民政府"), ("中山市人民政府", "佛山市人民政府"),
            ("中山市人民政府", "珠海市人民政府"), ("中山市人民政府", "香港新华集团")} <= found
    rel = next(r for r in doc.relations if r.object[1] == "佛山市人民政府" and r.predicate == "cooperatesWith")
    assert doc.text[rel.start:rel.end].startswith("与佳木斯市政府")


def test_agreement_named_in_a_title_makes_no_partners():
    # corpus 036
    doc = doc_from("在《内地与香港关于建立更紧密经贸关系的安排》、《海峡两岸经济合作框架协议》下，"
                   "对自贸试验区内的港澳台资建筑业企业，不再执行限制性规定。（负责部门：住房城乡建设部）",
                   "国务院关于支持自由贸易试验区深化改革创新若干措施的通知")
    assert rels(doc, "cooperatesWith") == set()


def test_issuer_named_before_the_trigger():
    # corpus 013
    doc = doc_from("2024年12月22日，国务院办公厅印发《关于优化完善地方政府专项债券管理机制的意见》，"
                   "提出开展专项债券项目试点。", "2026年四川省人民政府工作报告")
    assert rels(doc, "issuedBy") == {("关于优化完善地方政府专项债券管理机制的意见", "国务院办公厅")}


def test_relations_from_sentences_keep_their_evidence():
    doc = doc_from("市委、市政府高度重视法治建设。与佛山市政府合作协议均进行论证。", ZHONGSHAN)
    found = [r for r in doc.relations if r.predicate == "cooperatesWith"]
    assert {(r.subject[1], r.object[1]) for r in found} == {("中山市人民政府", "佛山市人民政府"),
                                                            ("佛山市人民政府", "中山市人民政府")}
    assert all(r.basis == "text" and doc.text[r.start:r.end] == "与佛山市政府合作协议" for r in found)


def test_organisation_named_after_a_place_is_not_a_jurisdiction():
    # corpus 006 (浙江省政府工作报告)
    doc = doc_from("出台《关于支持浙江大学加快迈向世界一流大学前列的若干措施》。", "2026年浙江省政府工作报告")
    assert not any(s.startswith("关于支持浙江大学") for s, _o in rels(doc, "jurisdiction"))


def test_district_department_belongs_to_the_district_government():
    # corpus 042
    doc = doc_from("由区房管局、区规划资源局组成，为区人民政府决策提供咨询意见。",
                   "黄浦区人民政府关于印发《黄浦区加强历史风貌区、优秀历史建筑和不可移动文物保护实施办法》的通知")
    found = rels(doc, "subOrganizationOf")
    assert ("上海市黄浦区房管局", "上海市黄浦区人民政府") in found
    assert not any(o == "上海市人民政府" for _s, o in found)


def test_national_body_governs_the_country_the_document_names():
    # corpus 029
    doc = doc_from("在全国范围内选择10个左右有条件的城市开展试点。（生态环境部牵头，国家统计局参与）推动中国绿色发展。",
                   "国务院办公厅关于印发“无废城市”建设试点工作方案的通知")
    assert {("生态环境部", "中华人民共和国"), ("国家统计局", "中华人民共和国")} <= rels(doc, "jurisdiction")


def test_national_body_gets_no_country_the_document_does_not_name():
    doc = doc_from("（生态环境部牵头，国家统计局参与）", "国务院办公厅关于印发“无废城市”建设试点工作方案的通知")
    assert ("生态环境部", "中华人民共和国") not in rels(doc, "jurisdiction")
