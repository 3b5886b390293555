"""Programs: named programs, services, platforms, campaigns and mechanisms.

A quoted phrase is a program when a program head word follows it (“双报告”制度) or it ends with a
program marker (“跨省通办”); quotation marks alone are not enough. Unquoted platform and system
names are read by their ending (一体化行政执法平台)."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import table, word_list
from kg.model import Document, EntityType, Mention

_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,40})[”\"]")


@cache
def _markers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for kind, word in table("program_markers.tsv"):
        out.setdefault(kind, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@cache
def _unquoted() -> re.Pattern[str]:
    ends = "|".join(map(re.escape, _markers()["unquoted_end"]))
    return re.compile(rf"[\u4e00-\u9fff0-9]{{2,14}}?(?:{ends})")


def recognise(doc: Document) -> list[Mention]:
    text = doc.text
    marks = _markers()
    stop = set(word_list("program_stopwords.txt"))
    out: list[Mention] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if inner in stop or re.fullmatch(r"[\d\W]+", inner):
            continue
        after = text[m.end(): m.end() + 12]
        if after.startswith(marks["head"]) or inner.endswith(marks["end"]):
            out.append(Mention(EntityType.PROGRAM, m.group(1), m.start(1), m.end(1), source="quoted"))
    return out
