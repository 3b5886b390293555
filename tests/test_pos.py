"""kg.pos gives the same first-word flag as jieba.posseg, on every path (dictionary word, known
and unknown runs of single characters, Latin and punctuation starts), without importing posseg."""

import random
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT, SAMPLE


def posseg_first(text: str) -> tuple[str, str] | None:
    import jieba.posseg

    first = next(iter(jieba.posseg.cut(text)), None)
    return None if first is None else (first.word, first.flag)


@pytest.mark.parametrize("name", [
    "",  # nothing
    "中山市司法局",  # a dictionary word first
    "浙江大学附属医院",  # nt
    "建强国家实验室",  # single characters, then a word
    "魏桥集团",  # an unknown run: posseg's HMM
    "芦岭煤矿",
    "引绰济辽工程",
    "12345热线",  # digits in the block
    "ab12中文",
    "4S店服务",  # a Latin dictionary word the file keeps out of order
    "IC卡办理",
    "（括号）平台",  # punctuation first
    "  空格",
    "\r\n换行",
    "，逗号",
    "一网通办",  # one of govkg's own words, added to jieba untagged
    "粤商通平台",
])
def test_first_word_matches_posseg(name):
    from kg.pos import first_word, first_word_flag

    assert first_word(name) == posseg_first(name)
    assert first_word_flag(name) == (posseg_first(name) or (None, None))[1]


def test_first_word_matches_posseg_on_spans_of_real_reports():
    from kg.pos import first_word

    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "corpus").glob("*.txt"))]
    rnd = random.Random(7)
    spans = []
    for _ in range(3000):
        text = rnd.choice(texts)
        start = rnd.randrange(len(text))
        spans.append(text[start:start + rnd.randint(1, 14)])
    assert [first_word(s) for s in spans] == [posseg_first(s) for s in spans]


def test_recognising_a_report_does_not_load_posseg():
    code = ("import sys\nfrom kg.pipeline import process_file\nprocess_file(sys.argv[1])\n"
            "print('jieba.posseg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
