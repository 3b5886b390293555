"""jieba, set up once per process: quiet, initialised, and with a user dictionary generated from
the data files (the national bodies and well-known programs), so that word boundaries respect the
names the recognisers know."""

from __future__ import annotations

import logging
from functools import cache

import jieba

from kg.lexicon import split_cell, table


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
        jieba.add_word(word)


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

