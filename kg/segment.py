"""Segment: split a Document's text into numbered sections and sentences, keeping offsets."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import table
from kg.model import Document, Section, Sentence

# A sentence ends at 。！？ (with any closing quotes or brackets that follow) or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*|\n+")
_HEADING_END = re.compile(r"[。:：]")


@cache
def _heading_patterns() -> list[tuple[int, re.Pattern[str]]]:
    return [(int(level), re.compile(rx)) for level, rx in table("section_headings.tsv")]


def segment(doc: Document) -> Document:
    doc.sections = find_sections(doc.text)
    doc.sentences = find_sentences(doc.text, doc.sections)
    return doc


def find_sections(text: str) -> list[Section]:
    heads: list[tuple[int, str, str, int]] = []
    pos = 0
    for line in text.split("\n"):
        for level, rx in _heading_patterns():
            m = rx.match(line)
            if m:
                rest = line[m.end():]
                end = _HEADING_END.search(rest)
                heading = (rest[: end.start()] if end else rest).strip()
                if heading and len(heading) <= 60:
                    heads.append((level, m.group("num"), heading, pos + m.start("num")))
                break
        pos += len(line) + 1
    sections = []
    for i, (level, num, heading, start) in enumerate(heads):
        # a section runs to the next heading of the same or a higher level
        end = next((h[3] for h in heads[i + 1:] if h[0] <= level), len(text))
        sections.append(Section(i, num, heading, level, start, end))
    return sections


def find_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0

    def add(s: int, e: int) -> None:
        while s < e and text[s] in " \t\u3000\xa0\n":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\xa0\n":
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, _innermost(sections, s)))

    for m in _SENTENCE_END.finditer(text):
        add(start, m.end() if text[m.start()] != "\n" else m.start())
        start = m.end()
    add(start, len(text))
    return out


def _innermost(sections: list[Section], offset: int) -> int:
    best = -1
    for s in sections:
        if s.start > offset:
            break
        if s.start <= offset < s.end:
            best = s.index
    return best
