from kg.build import DocSummary, merge_across_documents
from kg.graph import document_quads
from kg.model import EntityType
from kg.vocab import SKOS, Names
from tests.conftest import doc_from


def test_short_citation_in_one_document_joins_full_title_in_another():
    names = Names()
    a = doc_from("深入贯彻《法治政府建设实施纲要(2021-2025年)》。", title="中山市2022年法治政府建设年度报告")
    b = doc_from("落实《法治政府建设实施纲要》部署要求。", title="佛山市2022年法治政府建设年度报告")
    b.id = "other"
    quads = merge_across_documents([document_quads(a, names), document_quads(b, names)], names,
                                   [DocSummary.of(a), DocSummary.of(b)], per_document=True)
    full = names.entity(EntityType.REGULATION, "法治政府建设实施纲要(2021-2025年)")
    short = names.entity(EntityType.REGULATION, "法治政府建设实施纲要")
    assert not any(q.subject == short for q in quads)
    alt = {q.object.value for q in quads if q.subject == full and q.predicate == SKOS.altLabel}
    assert "法治政府建设实施纲要" in alt
    pref = {q.object.value for q in quads if q.subject == full and q.predicate == SKOS.prefLabel}
    assert pref == {"法治政府建设实施纲要(2021-2025年)"}
