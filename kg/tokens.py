"""jieba, set up once per process: quiet, initialised, and with a user dictionary generated from
the data files (the national bodies and well-known programs), so that word boundaries respect the
names the recognisers know."""

from __future__ import annotations

import logging
from functools import cache

import jieba

from kg.lexicon import split_cell, table
from kg.model import Document

# The part of speech of the words govkg adds: names of bodies and programs are proper nouns, so a
# candidate that opens with one (西气东输东段工程) opens with a name.
USER_WORD_TAG = "nz"


def user_words() -> list[str]:
    """The words added to jieba's dictionary: every name and alias of a known body or program."""
    words: list[str] = []
    for name, aliases, _parent in table("agencies_known.tsv"):
        words += [name, *split_cell(aliases)]
    for name, aliases in table("programs_known.tsv"):
        words += [name, *split_cell(aliases)]
    return sorted(set(w for w in words if len(w) >= 2))


@cache
def ensure_jieba() -> None:
    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    for word in user_words():
        jieba.add_word(word, tag=USER_WORD_TAG)


def sentence_tokens(doc, index: int) -> list[tuple[str, int, int]]:
    """jieba's tokens of one sentence, with offsets into the document; tokenised once per document
    however many recognisers ask."""
    cache = doc.shared.setdefault("tokens", {})
    tokens = cache.get(index)
    if tokens is None:
        ensure_jieba()
        sent = doc.sentences[index]
        tokens = cache[index] = [(w, sent.start + s, sent.start + e)
                                 for w, s, e in jieba.tokenize(doc.text[sent.start:sent.end])]
    return tokens


class WordBoundaries:
    """Does a span start (and end) a jieba word? Decided from the neighbouring characters when they
    are not Chinese, else by tokenising a small window around it (a whole sentence costs far more
    and the words at a name's edges depend on a few characters either side)."""

    WINDOW = 4

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def _edges(self, start: int, end: int) -> set[int]:
        text = self.doc.text
        lo, hi = max(0, start - self.WINDOW), min(len(text), end + self.WINDOW)
        ensure_jieba()
        edges = set()
        for _w, s, e in jieba.tokenize(text[lo:hi]):
            edges.add(lo + s)
            edges.add(lo + e)
        return edges

    def _han(self, pos: int) -> bool:
        return 0 <= pos < len(self.doc.text) and "\u4e00" <= self.doc.text[pos] <= "\u9fff"

    def aligned(self, start: int, end: int) -> bool:
        if not self._han(start - 1) and not self._han(end):
            return True
        edges = self._edges(start, end)
        return start in edges and end in edges

    def starts(self, start: int) -> bool:
        return not self._han(start - 1) or start in self._edges(start, start + 1)
