"""Segment: split a Document's text into numbered sections and sentences, keeping offsets."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import table
from kg.model import Document, Section, Sentence

# A sentence ends at 。！？ (with any closing quotes or brackets that follow) or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*|\n+")
_HEADING_END = re.compile(r"[。:：]")
_MAX_SENTENCE = 1000  # characters; real sentences are far shorter


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
        # (indexing, not heads[i + 1:]: copying the tail per heading was quadratic in headings)
        end = next((heads[k][3] for k in range(i + 1, len(heads)) if heads[k][0] <= level), len(text))
        sections.append(Section(i, num, heading, level, start, end))
    return sections


def find_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    section_at = _SectionFinder(sections)

    def add_one(s: int, e: int) -> None:
        while s < e and text[s] in " \t\u3000\xa0\n":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\xa0\n":
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, section_at(s)))

    def add(s: int, e: int) -> None:
        # A run-on "sentence" (a one-line file with no 。) is cut at clause breaks: the recognisers
        # and linkers work per sentence, and a sentence of megabytes made them quadratic.
        while e - s > _MAX_SENTENCE:
            half = s + _MAX_SENTENCE // 2
            brk = max(text.rfind(c, half, s + _MAX_SENTENCE) for c in "，；,;、 ")
            cut = brk + 1 if brk >= 0 else s + _MAX_SENTENCE
            add_one(s, cut)
            s = cut
        add_one(s, e)

    for m in _SENTENCE_END.finditer(text):
        add(start, m.end() if text[m.start()] != "\n" else m.start())
        start = m.end()
    add(start, len(text))
    return out


class _SectionFinder:
    """The innermost section holding an offset, for offsets asked in increasing order. Sections
    nest (each ends at the next heading of its level or higher), so the open ones form a stack:
    linear in sentences plus sections, where a scan per sentence was their product."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.next = 0
        self.open: list[Section] = []

    def __call__(self, offset: int) -> int:
        while self.next < len(self.sections) and self.sections[self.next].start <= offset:
            sec = self.sections[self.next]
            while self.open and self.open[-1].end <= sec.start:
                self.open.pop()
            self.open.append(sec)
            self.next += 1
        while self.open and self.open[-1].end <= offset:
            self.open.pop()
        return self.open[-1].index if self.open else -1
