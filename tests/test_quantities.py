"""Quantities: values, units, approximation, what is counted, dates; and what is not a figure."""

from kg.model import EntityType
from kg.recognise.quantities import chinese_number
from tests.conftest import doc_from

ZHONGSHAN = "中山市2022年法治政府建设年度报告"


def figures(doc):
    return [(q.value, q.unit) for q in doc.quantities]


def test_multipliers_go_into_the_value_before_a_counter_word():
    doc = doc_from("共享交换超85亿条政务数据。开展核查149万次。", ZHONGSHAN)
    assert figures(doc) == [(8_500_000_000, "条"), (1_490_000, "次")]
    assert doc.quantities[0].approx == "超"


def test_currency_keeps_its_multiplier_in_the_unit():
    # corpus 011 (广东省政府工作报告)
    doc = doc_from("地方一般公共预算收入从1.29万亿元提高到1.39万亿元。", "广东省政府工作报告")
    assert figures(doc) == [(1.29, "万亿元"), (1.39, "万亿元")]


def test_decimal_multiples_stay_exact():
    doc = doc_from("实现省内4.27万公里线路重点场所移动网络信号覆盖。", "广东省政府工作报告")
    assert figures(doc) == [(42_700, "公里")]


def test_approximation_words_before_and_after():
    doc = doc_from("实现3300余项政务服务事项“网上可办率”达100%。超过290个事项实现“湾区通办”。"
                   "全年进出口总额增长3%左右。", ZHONGSHAN)
    assert [(q.value, q.unit, q.approx) for q in doc.quantities] == [
        (3300, "项", "余"), (100, "%", ""), (290, "个", "超过"), (3, "%", "左右")]


def test_classifier_before_a_measure_word_is_dropped():
    # corpus 025
    doc = doc_from("执法机关要在执法决定作出之日起20个工作日内，向社会公布执法信息。",
                   "国务院办公厅关于全面推行行政执法公示制度的指导意见")
    assert figures(doc) == [(20, "工作日")]


def test_full_width_digits_parse():
    doc = doc_from("调整了２５年没有动过的城镇居民定量平价粮油销售价格，全年新增外商投资企业１．２万多家。", "政府工作报告")
    assert figures(doc) == [(25, "年"), (12_000, "家")]


def test_chinese_numerals_and_percent_words():
    # corpus 017 (1958 report)
    doc = doc_from("地方建设的三十二个项目，比上一年增长百分之六点九，比上一年增加八十一亿九千万元，磷肥五十四万八千吨。",
                   "政府工作报告")
    assert figures(doc) == [(32, "个"), (6.9, "%"), (81.9, "亿元"), (548_000, "吨")]


def test_chinese_number_reading():
    assert chinese_number("二百三十") == 230
    assert chinese_number("一千零二十五万") == 10_250_000
    assert str(chinese_number("十七点九")) == "17.9"


def test_dates_years_ordinals_titles_and_identifiers_are_not_figures():
    doc = doc_from("2022年12月15日，3个项目入选首批广东省法治政府建设示范项目，第二批名单公布。"
                   "出台《法治中山建设规划(2022-2025年)》。推进12345热线与110报警服务台对接。", ZHONGSHAN)
    assert figures(doc) == [(3, "个")]


def test_slogans_and_quoted_names_are_not_figures():
    # corpus 011, 013, 020
    doc = doc_from("增强“四个意识”、坚定“四个自信”、做到“两个维护”。出台稳增长“21条”“18条”等政策。出台纺织服装“新九条”政策措施。"
                   "打造“15分钟社区生活圈”。和平共处五项原则。形成报告和重点行动计划三部分内容。", "政府工作报告")
    assert figures(doc) == []


def test_what_is_counted_follows_a_count_and_precedes_a_rate():
    doc = doc_from("推动450项高频政务服务事项“全城通办”，企业疑难诉求平均处理时长压缩至4.2天。", ZHONGSHAN)
    assert [q.about for q in doc.quantities] == ["高频政务服务事项“全城通办”", "企业疑难诉求平均处理时长压缩"]


def test_coordinated_counts_share_what_they_count():
    doc = doc_from("废止10份和修改2份市政府规范性文件。", ZHONGSHAN)
    assert [q.about for q in doc.quantities] == ["市政府规范性文件", "市政府规范性文件"]
    assert all(q.about_entity is None for q in doc.quantities)  # documents, not the government


def test_counted_thing_links_to_the_program_it_names():
    doc = doc_from("截至12月15日，已匹配粤商通检查对象432541个。", ZHONGSHAN)
    (q,) = doc.quantities
    assert q.about_entity == (EntityType.PROGRAM, "粤商通")


def test_as_of_date_in_the_reported_year():
    doc = doc_from("截至12月15日，累计录入检查对象1240428个。截至2022年底，受理案件18933宗。", ZHONGSHAN)
    assert [q.as_of for q in doc.quantities] == ["2022-12-15", "2022-12-31"]


def test_numbers_inside_names_codes_and_decades_are_not_figures():
    # corpus 027, 004, 003, 019
    doc = doc_from("吉林省长春市九台区全力打造全域旅游。PM_2.5年均浓度优于国家标准。"
                   "为群众提供“7×24小时”全年无休服务。提出了９０年代民族工作的任务。", "政府工作报告")
    assert figures(doc) == []


def test_reaching_a_level_keeps_the_qualifier_after_it():
    # corpus 029
    doc = doc_from("到2020年，秸秆综合利用率达到85%以上。禁止生产厚度低于0.01毫米的地膜。加强二次污染管控。",
                   "国务院办公厅关于印发“无废城市”建设试点工作方案的通知")
    assert [(q.value, q.unit, q.approx) for q in doc.quantities] == [(85, "%", "以上"), (0.01, "毫米", "")]


def test_sessions_numeral_strings_and_long_slogans_are_not_figures():
    # corpus 011, 001, 015
    doc = doc_from("深入贯彻省委十三届七次、八次全会部署，加快推动一二三次产业协调融合。"
                   "整治违规电动三四轮车。全面落实“三个赋予一个有利”要求。", "政府工作报告")
    assert figures(doc) == []


def test_ranks_are_not_figures_but_people_counted_by_seat_are():
    # corpus 007: 合作区综合考评连年包揽大陆前六名
    doc = doc_from("综合考评连年包揽大陆前六名，新增3位两院院士，人均预期寿命达到79.5岁。", "政府工作报告")
    assert figures(doc) == [(3, "位"), (79.5, "岁")]
