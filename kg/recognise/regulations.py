"""Regulations: every title in 《》 (an unclosed 《 included) and complete national-law names
cited without marks (中华人民共和国审计法)."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import table, word_list
from kg.model import Document, EntityType, Mention

# An unclosed title ends where the next clause starts.
_CLAUSE_BREAK = "，,；;。！？!?\n、》"
_MAX_TITLE = 120
_INNER_TITLE = re.compile(r"[《〈<＜]([^《》〈〉<>＜＞]{2,80})[》〉>＞]")
_BARE_LAW = re.compile(r"中华人民共和国[\u4e00-\u9fff]{2,20}?法(?![律规院官人定治制学])")


@cache
def _kinds() -> list[tuple[str, str]]:
    return sorted(table("regulation_kinds.tsv"), key=lambda r: -len(r[0]))


def kind_of(title: str) -> str:
    t = re.sub(r"[(（][^()（）]*[)）]$", "", title)  # 纲要(2021-2025年) is a 纲要
    for suffix, kind in _kinds():
        if t.endswith(suffix):
            return kind
    return "Regulation"


def _closes_on_next_line(text: str, j: int) -> bool:
    """After a line break at j, does the title close (》) before any clause break or new title?"""
    window = text[j + 1: j + 41]
    k = window.find("》")
    return k >= 0 and not any(c in window[:k] for c in "《，,；;。！？!?\n")


def find_titles(text: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of book titles. Nested 《》 inside a title stay part of it."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while True:
        i = text.find("《", i)
        if i < 0 or i >= n:
            return spans
        depth, j, end = 1, i + 1, -1
        limit = min(n, i + 1 + _MAX_TITLE)
        while j < limit:
            ch = text[j]
            if ch == "《":
                # a new title before this one closed: nested only if it closes before a clause break
                # (searches stay inside the title's window: a page of unclosed 《 was quadratic)
                close = text.find("》", j, limit)
                brk = min((p for p in (text.find(c, j + 1, limit) for c in "，,；;。\n") if p >= 0), default=n)
                if 0 <= close < brk:
                    depth += 1
                else:
                    end = j
                    break
            elif ch == "》":
                depth -= 1
                if depth == 0:
                    end = j
                    break
            elif ch == "\n" and (not text[i + 1:j].strip() or _closes_on_next_line(text, j)):
                pass  # a crawler or markup broke the line inside the marks: 《\n突发公共卫生事件应急条例\n》
            elif ch in _CLAUSE_BREAK[:-2]:
                end = j
                break
            j += 1
        if end < 0:
            end = j
        start = i + 1
        if text[start:end].strip():
            spans.append((start, end))
        i = max(end, i + 1)


@cache
def _book_after() -> re.Pattern[str]:
    """After a title: any further titles of the same run, then a word for a book or periodical."""
    words = "|".join(word_list("regulation_not_before.txt"))
    return re.compile(r"(?:[、，,和及与]?《[^《》\n]{1,80}》)*(?:" + words + ")")


def recognise(doc: Document) -> list[Mention]:
    out: list[Mention] = []
    text = doc.text
    covered: list[tuple[int, int]] = []
    for start, end in find_titles(text):
        # trim white space inside the marks so that mention text equals the slice
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        title = text[start:end]
        if len(title) < 2 or not re.search(r"[\u4e00-\u9fff]", title):
            continue
        kind = kind_of(title)
        if _book_after().match(text, end + 1):
            continue  # 《论坚持全面依法治国》《习近平法治思想学习纲要》等书籍: books, not documents
        if kind == "Regulation" and not any(w in title for w in word_list("regulation_words.txt")) \
                and not text[max(0, start - 5): start - 1].endswith(word_list("regulation_verbs.txt")):
            continue  # a newspaper, book or broadcast, not a document
        out.append(Mention(EntityType.REGULATION, title, start, end, kind=kind, source="book-title"))
        # the document a notice issues or forwards, cited inside its title: 关于印发〈X〉的通知
        for inner in _INNER_TITLE.finditer(title):
            s, e = start + inner.start(1), start + inner.end(1)
            out.append(Mention(EntityType.REGULATION, text[s:e], s, e, kind=kind_of(text[s:e]),
                               source="book-title-inner"))
        covered.append((start, end))
    for m in _BARE_LAW.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        out.append(Mention(EntityType.REGULATION, m.group(0), m.start(), m.end(), kind="Law", source="bare-law"))
    return out
