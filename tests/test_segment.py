from kg.ingest import read_document
from kg.segment import segment
from tests.conftest import SAMPLE


def test_sections_are_numbered_and_nested():
    doc = segment(read_document(SAMPLE))
    numbers = [s.number for s in doc.sections]
    assert numbers[:3] == ["一、", "(一)", "(二)"]
    top = doc.sections[0]
    assert top.heading == "加强党对法治建设的领导,把准工作正确政治方向"
    assert doc.text[top.start:].startswith("一、")
    child = doc.sections[1]
    assert top.start < child.start < child.end <= top.end


def test_sentences_cover_text_with_exact_offsets():
    doc = segment(read_document(SAMPLE))
    assert len(doc.sentences) > 100
    for s in doc.sentences:
        piece = doc.text[s.start:s.end]
        assert piece and piece == piece.strip()
        assert "\n" not in piece
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)


def test_sentence_lookup_by_offset():
    doc = segment(read_document(SAMPLE))
    pos = doc.text.index("市工商联和市司法局")
    sent = doc.sentence_at(pos)
    assert "市工商联和市司法局共建" in doc.text[sent.start:sent.end]
    assert sent.section == -1  # the opening paragraph comes before the first heading
