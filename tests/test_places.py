from kg.gazetteer import gazetteer
from kg.model import EntityType
from tests.conftest import doc_from


def places(doc):
    return {e.name for e in doc.entities.values() if e.type is EntityType.PLACE}


def test_gazetteer_has_levels_and_parents():
    gaz = gazetteer()
    town = gaz.by_name["小榄镇"][0]
    assert town.level == "town"
    assert [a.name for a in gaz.ancestors(town)][:2] == ["中山市", "广东省"]
    assert len(gaz.by_code) > 40000


def test_short_names_resolve_to_full_names():
    doc = doc_from("与佛山、珠海开展合作。", title="中山市2022年法治政府建设年度报告")
    assert {"佛山市", "珠海市"} <= places(doc)


def test_everyday_words_are_not_places():
    # 大庆 "to celebrate", 城区 "urban area": stop-listed unless they are the document's own place
    doc = doc_from("热烈庆祝国庆大庆，改造老城区。", title="2026年湖北省政府工作报告")
    assert places(doc) == {"湖北省"}


def test_town_resolves_in_document_city():
    doc = doc_from("小榄镇建成家事暖心阁。", title="中山市2022年法治政府建设年度报告")
    ent = doc.entities[(EntityType.PLACE, "小榄镇")]
    assert ent.place_code.startswith("4420")


def test_national_document_names_provinces():
    # corpus 001: the Beijing report names 河北 and 天津 in 京津冀协同发展
    doc = doc_from("深入推进京津冀协同发展，加强与天津、河北合作。", title="2026年北京市政府工作报告")
    assert {"天津市", "河北省", "北京市"} <= places(doc)


def test_a_village_named_after_its_county_is_a_place_inside_it():
    # corpus 032 phrasing: villages are not in the gazetteer, so the county before one places it
    from kg.graph import document_quads
    from kg.vocab import KG, Names

    doc = doc_from("山西左权县河南村煤矿发生瓦斯爆炸。要整顿各村和农村小煤矿。", title="山西省人民政府关于事故的通报")
    village = doc.entities[(EntityType.PLACE, "河南村")]
    assert village.kind == "village"
    assert {r.object for r in doc.relations if r.subject == village.key and r.predicate == "partOf"} == {
        (EntityType.PLACE, "左权县"), (EntityType.PLACE, "山西省")}
    assert not {e.name for e in doc.entities.values() if e.type is EntityType.PLACE} & {"各村", "农村"}
    quads = document_quads(doc, Names())
    node = Names().entity(EntityType.PLACE, "河南村")
    assert any(q.subject == node and q.object == KG.Village for q in quads)
    assert not any(q.subject == node and q.predicate == KG.divisionCode for q in quads)  # no GB/T 2260 code
