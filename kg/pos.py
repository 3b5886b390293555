"""The part of speech of a name's first word, exactly as jieba.posseg tags it, without importing
jieba.posseg: its module builds a 349,000-entry word-tag table and loads its HMM tables on import
(0.2 s per process), while the recognisers ask about a few hundred candidate names a corpus.

posseg's first word is the first word of jieba's own dictionary cut (the tokenizer every
recogniser has loaded already) and its flag is that word's tag in jieba's dictionary file, found
by binary search over the file's bytes. Where posseg would run its HMM (a first run of single
characters the dictionary does not know) the same Viterbi runs here on posseg's tables, loaded on
first need from their pickles. tests/test_pos.py checks the answers against jieba.posseg."""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import re
from functools import cache
from pathlib import Path

import jieba

from kg.tokens import USER_WORD_TAG, ensure_jieba, user_words

# posseg's own patterns: its dictionary cut runs on _BLOCK runs; inside an unknown run, Han
# characters go to the HMM and the rest are numbers, Latin words or other
_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_HAN = re.compile("([\u4E00-\u9FD5]+)")
_SKIP = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUMBER = re.compile(r"[\.0-9]+")
_LATIN = re.compile("[a-zA-Z0-9]+")
_POSSEG = Path(jieba.__file__).parent / "posseg"


def first_word_flag(text: str) -> str | None:
    """The flag of the first word jieba.posseg.cut(text) yields (nt, ns, n, v, …); None for ""."""
    first = first_word(text)
    return None if first is None else first[1]


def first_word(text: str) -> tuple[str, str] | None:
    """The first (word, flag) jieba.posseg.cut(text) yields; None for ""."""
    if not text:
        return None
    block = _BLOCK.match(text)
    if block is None:
        return _skip_word(text), "x"  # punctuation or a space first
    ensure_jieba()
    words = block.group()
    route: dict[int, tuple[float, int]] = {}
    jieba.dt.calc(words, jieba.dt.get_DAG(words), route)
    end = route[0][1] + 1
    if end == 1:
        # single characters gather until a longer word; a run the dictionary knows is split
        # into its characters, an unknown one goes to the HMM
        while end < len(words) and route[end][1] == end:
            end += 1
        if end > 1 and not jieba.dt.FREQ.get(words[:end]):
            return _unknown_run_word(words[:end])
        end = 1
    return words[:end], _word_flag(words[:end])


def _skip_word(text: str) -> str:
    """posseg's first word of a block it does not cut: a run of white space, else one character."""
    space = re.match(r"\r\n|\s", text)
    return space.group() if space else text[0]


def _word_flag(word: str) -> str:
    if word in _added():
        return USER_WORD_TAG  # posseg reads the tag govkg added the word with before the dictionary's
    flag = _dictionary().get(word)
    if flag is not None:
        return flag
    if jieba.dt.FREQ.get(word):
        # a dictionary word the search missed: the file is out of order for a few Latin entries
        return importlib.import_module("jieba.posseg").dt.word_tag_tab.get(word, "x")
    return "x"  # posseg's flag for a word without a tag


def _unknown_run_word(run: str) -> tuple[str, str]:
    """posseg's __cut_detail, as far as its first word."""
    first = next(part for part in _HAN.split(run) if part)
    if _HAN.match(first):
        state_tab, start, trans, emit = _hmm_tables()
        _prob, path = _viterbi()(first, state_tab, start, trans, emit)
        for i, (state, flag) in enumerate(path):
            if state in ("E", "S"):  # the first word ends here
                return first[:i + 1], flag
        return first, path[0][1]
    piece = next(p for p in _SKIP.split(first) if p)
    return piece, "m" if _NUMBER.match(piece) else "eng" if _LATIN.match(piece) else "x"


@cache
def _added() -> frozenset[str]:
    return frozenset(user_words())


class _DictionaryTags:
    """Word → tag from jieba's dictionary file ("word freq tag" lines, sorted by word but for a few
    Latin entries at its head), by binary search over the bytes: no table is built."""

    def __init__(self, path: Path) -> None:
        self.data = path.read_bytes()

    def get(self, word: str) -> str | None:
        data, key = self.data, word.encode("utf-8")  # UTF-8 byte order is code point order
        lo, hi = 0, len(data)
        while lo < hi:
            start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line_word, _, rest = data[start:end].partition(b" ")
            if line_word == key:
                return rest.rsplit(b" ", 1)[-1].decode("utf-8").strip()
            if line_word < key:
                lo = end + 1
            else:
                hi = start
        return None


@cache
def _dictionary() -> _DictionaryTags:
    ensure_jieba()
    name = jieba.dt.dictionary
    return _DictionaryTags(Path(name) if name else Path(jieba.__file__).parent / "dict.txt")


@cache
def _hmm_tables() -> tuple[dict, dict, dict, dict]:
    """posseg's HMM: state table, start, transition and emission probabilities (the pickles
    posseg itself reads on Jython; the same dictionaries as its modules)."""
    tables = []
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        with open(_POSSEG / f"{name}.p", "rb") as f:
            tables.append(pickle.load(f))  # noqa: S301 - jieba's own package data
    return tuple(tables)  # type: ignore[return-value]


@cache
def _viterbi():
    """posseg's viterbi function, from its file: importing it as jieba.posseg.viterbi would run
    the package's __init__ and build the table this module avoids."""
    spec = importlib.util.spec_from_file_location("_jieba_posseg_viterbi", _POSSEG / "viterbi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.viterbi
