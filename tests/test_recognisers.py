"""Per-recogniser cases drawn from several corpus documents, negative cases included."""

from kg.model import EntityType
from tests.conftest import doc_from


def names(doc, t):
    return {e.name for e in doc.entities.values() if e.type is t}


def test_district_notice_agencies_carry_the_city():
    # corpus 037 (上海市嘉定区): 区政府 and 区规划资源局 in a district notice
    doc = doc_from("由区规划资源局会同区住房保障房屋管理局组织实施，报区政府批准。",
                   title="上海市嘉定区人民政府关于印发《关于推进嘉定区城市更新工作的实施意见》的通知")
    assert {"上海市嘉定区人民政府", "上海市嘉定区规划资源局", "上海市嘉定区住房保障房屋管理局"} <= names(doc, EntityType.AGENCY)


def test_party_committee_and_its_commission():
    doc = doc_from("市委全面依法治市委员会召开4次会议。市委、市政府高度重视。", title="中山市2022年法治政府建设年度报告")
    assert {"中共中山市委全面依法治市委员会", "中共中山市委", "中山市人民政府"} <= names(doc, EntityType.AGENCY)


def test_rule_of_law_government_and_meetings_are_not_agencies():
    doc = doc_from("市政府常务会议专题研究部署法治政府建设工作。推进市场监管领域改革。", title="中山市2022年法治政府建设年度报告")
    agencies = names(doc, EntityType.AGENCY)
    assert "中山市人民政府" in agencies
    assert not any("法治" in a or "会议" in a or "场" in a for a in agencies)


def test_national_bodies_by_name():
    # corpus 025: 国办发〔2018〕118号
    doc = doc_from("党中央、国务院高度重视。司法部要加强统筹协调。")
    assert {"中共中央", "国务院", "司法部"} <= names(doc, EntityType.AGENCY)


def test_programs_need_more_than_quotation_marks():
    doc = doc_from("打通服务群众“最后一公里”。以“小切口”方式推进。推动“部门干部”成为“企业管家”。")
    assert names(doc, EntityType.PROGRAM) == set()


def test_programs_from_heads_lists_and_platform_names():
    doc = doc_from("开展“乡村振兴、法治同行”“文明中山、法治同行”等专项普法行动。建成中山市数字使能平台。"
                   "450项高频政务服务事项“全城通办”。", title="中山市2022年法治政府建设年度报告")
    assert {"乡村振兴、法治同行", "文明中山、法治同行", "中山市数字使能平台", "全城通办"} <= names(doc, EntityType.PROGRAM)


def test_clause_initial_verbs_are_not_platform_names():
    # corpus 025 phrasing
    doc = doc_from("要充分利用已有信息系统，大力推进行政执法综合管理监督信息系统建设。")
    assert names(doc, EntityType.PROGRAM) == set()


def test_what_a_clause_opposes_is_no_program():
    # corpus 007, 021 and 020 phrasing; the sample's campaigns still count
    doc = doc_from("不搞“形象工程”、“政绩工程”，坚决反对任何形式的“台独”分裂活动。开展“乡村振兴、法治同行”专项普法行动。"
                   "强化“十个指头弹钢琴”的系统思维。")  # corpus 006: the 系统 is the thinking's, not a named system
    assert names(doc, EntityType.PROGRAM) == {"乡村振兴、法治同行"}


def test_a_platform_name_starts_after_the_verbs_that_lead_to_it():
    # corpus 036, 013 and 011 phrasing
    doc = doc_from("建立完善自贸试验区企业保险需求信息共享平台。开通运行省融资信用服务平台。搭建更多创新平台载体。")
    assert names(doc, EntityType.PROGRAM) == {"自贸试验区企业保险需求信息共享平台", "省融资信用服务平台"}


def test_a_town_body_is_named_with_its_county_as_written():
    # corpus 032 and 039 phrasing: a town with the county it lies in, a Shanghai subdistrict with its district
    doc = doc_from("左权县辽阳镇党委书记受到处分。", title="山西省人民政府关于事故的通报")
    body = doc.entities[(EntityType.AGENCY, "左权县辽阳镇党委")]
    assert "左权县辽阳镇党委" in {m.text for m in body.mentions}
    doc = doc_from("欧阳路街道办事处负责排查。", title="虹口区人民政府办公室关于排查机制的通知")
    assert "上海市虹口区欧阳路街道办事处" in names(doc, EntityType.AGENCY)


def test_state_enterprises_and_banks_are_known_by_their_short_names():
    # corpus 032, 022 and 001 phrasing; a short name inside a longer word is not one
    doc = doc_from("中石油川东北气矿发生井喷事故。农业银行股份制改革扎实推进。服务保障中国中化、中国华能等一批"
                   "央企总部。发展中国电子商务。")
    assert names(doc, EntityType.ORGANIZATION) == {"中国石油天然气集团有限公司", "中国农业银行",
                                                  "中国中化控股有限责任公司", "中国华能集团有限公司"}
    assert not names(doc_from("淮北矿业集团公司党委书记受到处分。"), EntityType.AGENCY)  # a company's Party committee
    petro = doc.entities[(EntityType.ORGANIZATION, "中国石油天然气集团有限公司")]
    assert "中石油" in petro.aliases


def test_a_company_named_with_and_without_its_province_is_one_company():
    # corpus 032 phrasing: 芦岭 is no place, but the report names the mine both ways
    doc = doc_from("安徽芦岭煤矿发生特大瓦斯爆炸事故。芦岭煤矿矿长受到处分。")
    mines = [e for e in doc.entities.values() if e.type is EntityType.ORGANIZATION]
    assert len(mines) == 1 and {"安徽芦岭煤矿", "芦岭煤矿"} <= {mines[0].name, *mines[0].aliases}


def test_a_platform_counted_is_a_kind_of_platform():
    # corpus 003 phrasing
    doc = doc_from("建成工业互联网平台41个。建成全国碳排放权注册登记结算系统。")
    assert names(doc, EntityType.PROGRAM) == {"全国碳排放权注册登记结算系统"}


def test_nationwide_programs_are_known_without_quotation_marks():
    # corpus 028 and 022 phrasing
    doc = doc_from("将你省纳入国家易地扶贫搬迁（生态移民）的试点范围。家电下乡和新型农村合作医疗扎实推进。")
    assert {"易地扶贫搬迁", "家电下乡", "新型农村合作医疗"} <= names(doc, EntityType.PROGRAM)


def test_organizations_open_with_a_proper_name():
    # the sample, and corpus 005 (江苏) phrasing for the negatives
    doc = doc_from("一批重大投资项目如中国广核集团有限公司等。与香港新华集团合作。建设高水平医院和高水平大学。")
    assert names(doc, EntityType.ORGANIZATION) == {"中国广核集团有限公司", "香港新华集团"}


def test_a_registered_company_starts_after_the_last_de_and_needs_no_proper_noun_first():
    # corpus 032 phrasing: 杏儿沟 is a village the gazetteer does not hold, and jieba tags 杏儿 a noun
    doc = doc_from("对事故负有主要责任的杏儿沟煤业有限责任公司（以下简称杏煤公司）处以罚款。建设高水平医院。")
    assert names(doc, EntityType.ORGANIZATION) == {"杏儿沟煤业有限责任公司"}


def test_jieba_user_dictionary_comes_from_the_data_files():
    import jieba

    from kg.tokens import ensure_jieba, user_words

    words = user_words()
    assert {"国务院办公厅", "住建部", "粤商通"} <= set(words)
    ensure_jieba()
    assert "粤商通" in jieba.lcut("已匹配粤商通检查对象")


def test_title_cited_inside_a_title_is_its_own_regulation():
    # corpus 038: a letter forwarding the city's plan
    doc = doc_from("根据市住房城乡建设管理委《关于印发<2021年上海市城市体检工作方案>的函》要求。")
    regs = names(doc, EntityType.REGULATION)
    assert {"关于印发<2021年上海市城市体检工作方案>的函", "2021年上海市城市体检工作方案"} <= regs


def test_parent_named_inside_an_office_name_counts():
    # corpus 039 and 032
    doc = doc_from("根据住建部办公厅要求。安徽省经贸委煤炭工业管理办公室负责。")
    agencies = names(doc, EntityType.AGENCY)
    assert {"住房和城乡建设部办公厅", "住房和城乡建设部", "安徽省经贸委"} <= agencies


def test_title_broken_over_lines_inside_its_marks():
    # corpus 021 (1998 report): 《\n突发公共卫生事件应急条例\n》
    doc = doc_from("依照《\n突发公共卫生事件应急条例\n》的规定。")
    assert names(doc, EntityType.REGULATION) == {"突发公共卫生事件应急条例"}


def test_party_committee_office_and_bare_provincial_department():
    # corpus 013 (四川): 省委办公厅、省政府办公厅印发; 自然资源厅
    doc = doc_from("省委办公厅、省政府办公厅印发《方案》。会同自然资源厅推进。", title="2026年四川省人民政府工作报告")
    agencies = names(doc, EntityType.AGENCY)
    assert {"中共四川省委办公厅", "四川省人民政府办公厅", "四川省自然资源厅"} <= agencies


def test_doubled_place_in_a_title_is_one_regulation():
    # corpus 041 writes 《新余市新余市绿色建筑管理办法》 once and 《新余市绿色建筑管理办法》 later
    doc = doc_from("印发《新余市新余市绿色建筑管理办法》。《新余市绿色建筑管理办法》已审议通过。")
    assert names(doc, EntityType.REGULATION) == {"新余市绿色建筑管理办法"}


def test_work_report_is_published_by_its_government():
    from kg.ingest import document_from_text
    from kg.pipeline import process_document

    text = "2026年北京市政府工作报告\n来源：北京日报\n时间：2026-02-02\n各位代表：\n北京市人民政府向大会报告工作。"
    doc = process_document(document_from_text(text))
    assert doc.publisher_key == (EntityType.AGENCY, "北京市人民政府")


def test_one_word_short_agency_names_and_halls():
    # corpus 040 (上海): 市教委 is one jieba word; corpus 010/014: 政务服务大厅 and 厅局长 are no agencies
    doc = doc_from("市发展改革委、市教委、市交通委按职责分工负责。", title="上海市人民政府办公厅关于科学绿化的实施意见")
    assert {"上海市教委", "上海市发展改革委", "上海市交通委"} <= names(doc, EntityType.AGENCY)
    doc = doc_from("建成省政务服务大厅，优化厅局长“三诊”制度。", title="2026年云南省政府工作报告")
    assert not any(a.endswith(("大厅", "优化厅")) for a in names(doc, EntityType.AGENCY))


def test_programs_of_a_fixed_shape():
    # corpus 040 and 004 phrasing: 林长制, 湖长制, 第四次全国农业普查
    doc = doc_from("全面推行林长制，落实湖长制。完成第四次全国农业普查。")
    assert {"林长制", "湖长制", "第四次全国农业普查"} <= names(doc, EntityType.PROGRAM)


def test_laboratories_are_organisations_but_a_list_of_them_is_not():
    # corpus 005 (江苏)
    doc = doc_from("支持苏州实验室、紫金山实验室等加快建设。紫金山、太湖、钟山、云龙湖等实验室加快建设。")
    orgs = names(doc, EntityType.ORGANIZATION)
    assert {"苏州实验室", "紫金山实验室"} <= orgs
    assert not any("等" in o for o in orgs)


def test_a_report_titled_with_its_agency_and_year_is_that_agency_s():
    # the shape of other cities' rule-of-law reports: no header, the title opens with the publisher
    from kg.ingest import document_from_text
    from kg.pipeline import process_document

    doc = process_document(document_from_text(
        "遂宁市司法局2022年法治政府建设情况报告\n\n紧扣市委、市政府中心工作，全力推进法治政府建设。\n",
        source="<test>", doc_id="t"))
    assert doc.publisher_key == (EntityType.AGENCY, "遂宁市司法局")
    assert names(doc, EntityType.AGENCY) == {"遂宁市司法局", "中共遂宁市委", "遂宁市人民政府"}  # 中心工作 is no centre


def test_county_bodies_sign_without_their_city_and_district_bodies_with_it():
    from kg.ingest import document_from_text
    from kg.pipeline import process_document

    doc = process_document(document_from_text("阜城县关于2022年度法治政府建设情况报告\n\n县司法局牵头，县政府部署。\n",
                                              source="<test>", doc_id="t"))
    assert {"阜城县司法局", "阜城县人民政府"} <= names(doc, EntityType.AGENCY)
    assert doc.publisher_key == (EntityType.AGENCY, "阜城县人民政府")  # a rule-of-law report is the government's
    doc = doc_from("由区规划资源局组织实施。", title="上海市嘉定区人民政府关于印发实施意见的通知")
    assert "上海市嘉定区规划资源局" in names(doc, EntityType.AGENCY)
