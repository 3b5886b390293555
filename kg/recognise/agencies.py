"""Agencies: known national and Party bodies by name, and local bodies by the shape of their
names: a place (中山市, 佛山市) or a level character standing for the document's own place
(市, 省, 区), then a department core, then an agency suffix (局, 委员会, 人民政府 …).

The raw span is kept as the mention text; `kg.resolve` turns it into the canonical name."""

from __future__ import annotations

import re
from functools import cache

import jieba

from kg.lexicon import split_cell, table, word_list
from kg.model import Document, EntityType, Mention
from kg.phrases import PhraseMatcher
from kg.recognise.places import recognise as recognise_places
from kg.tokens import sentence_tokens

_OPEN, _CLOSE = "(（", ")）"
_CLAUSE = "，,、；;。：:（(“”\"\n "


@cache
def rules() -> dict[str, str]:
    return {k: v for k, v in table("agency_rules.tsv")}


@cache
def known_bodies() -> dict[str, str]:
    """alias or name → canonical name"""
    out: dict[str, str] = {}
    for name, aliases, _parent in table("agencies_known.tsv"):
        out[name] = name
        for a in split_cell(aliases):
            out[a] = name
    return out


@cache
def _known_automaton() -> PhraseMatcher:
    return PhraseMatcher(known_bodies())


@cache
def suffix_attach() -> dict[str, str]:
    return {s: attach for s, _c, attach, *_ in table("agency_suffixes.tsv")}


@cache
def suffix_not_before() -> dict[str, str]:
    return {row[0]: row[3] for row in table("agency_suffixes.tsv") if len(row) > 3 and row[3]}


@cache
def suffix_not_after() -> dict[str, str]:
    return {row[0]: row[4] for row in table("agency_suffixes.tsv") if len(row) > 4 and row[4]}


@cache
def _suffix_regex() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(suffix_attach(), key=len, reverse=True))))


@cache
def _core_ok() -> re.Pattern[str]:
    stop = re.escape(rules()["core_stopchars"])
    return re.compile(rf"[^\W\d_{stop}]*(?:[(（][^()（）\s]{{1,8}}[)）][^\W\d_{stop}]*)*")


def _closes_compound(doc: Document, pos: int) -> bool:
    """Does the level character at `pos` end a common noun (风貌区, 城市) rather than open a name?"""
    compounds = word_list("level_compounds.txt")
    return any(doc.text[max(0, pos - k): pos + 1] in compounds for k in (1, 2, 3))


def _is_level_prefix(doc: Document, pos: int, tokens: dict[int, str]) -> bool:
    """Is the level character at `pos` the start of a name (市司法局), not part of a word (市场)?"""
    r = rules()
    tok = tokens.get(pos)
    if tok is not None:
        if _closes_compound(doc, pos):
            return False
        # a token jieba made up (区大数据 → 区大, 区城运) is no word: the level character stands alone
        # 市教委 is one jieba word that is itself a short agency name
        ends_as_agency = tok.endswith(tuple(suffix_attach()))
        return len(tok) == 1 or tok[1:] in split_cell(r["level_words"]) or tok not in jieba.dt.FREQ or ends_as_agency
    # jieba joined it to the word before: 由市, 经市
    return pos > 0 and tokens.get(pos - 1) == doc.text[pos - 1: pos + 1] and doc.text[pos - 1] in r["lead_chars"]


class _Tokens:
    """jieba tokens by start offset, computed per sentence on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.done: set[int] = set()
        self.by_start: dict[int, str] = {}

    def around(self, pos: int) -> dict[int, str]:
        sent = self.doc.sentence_at(pos)
        if sent is not None and sent.index not in self.done:
            self.done.add(sent.index)
            for word, s, _e in sentence_tokens(self.doc, sent.index):
                self.by_start[s] = word
        return self.by_start


@cache
def _core_stopwords() -> tuple[str, ...]:
    return tuple(split_cell(rules()["core_stopwords"]))


def _bracketed_place(core: str, places: set[str]) -> bool:
    """湾区西岸(中山)经贸…: a place in brackets marks a proper-named centre."""
    return any(m.group(1) in places for m in re.finditer(r"[(（]([^()（）]{2,8})[)）]", core))


def _core_valid(core: str, suffix: str) -> bool:
    attach = suffix_attach()[suffix]
    if attach == "bare":
        # 市委 / 佛山市政府 — but 中共中山市委 arrives here as 中共 + place, handled by the caller
        return core == ""
    if not core:
        return suffix not in ("局", "厅", "署", "办公室", "办公厅", "委员会", "领导小组")
    if core.startswith(word_list("agency_stopwords.txt")):
        return False
    if any(w in core for w in _core_stopwords()):
        return False
    # a Party committee's own bodies: 市委全面依法治市委员会, 市委办公室 — never 市委常委
    # 省委办公厅 and 市委办公室 are the committee's offices too
    if core.startswith("委") and not ((len(core) > 1 and suffix in ("委员会", "办公室", "领导小组")) or
                                      (core == "委" and suffix in ("办公室", "办公厅"))):
        return False
    return True


def recognise(doc: Document) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    known = known_bodies()
    for start, end, alias in _known_automaton().find(text):
        canonical = known[alias]
        # a known body's own office: 住建部办公厅 → 住房和城乡建设部办公厅
        unit = re.match(r"办公厅|办公室", text[end:end + 3])
        if unit and not canonical.endswith(("办公厅", "办公室")):
            # the ministry is named inside its office's name and counts too
            out.append(Mention(EntityType.AGENCY, alias, start, end, canonical=canonical, source="known-inner"))
            end, canonical = end + unit.end(), canonical + unit.group(0)
        out.append(Mention(EntityType.AGENCY, text[start:end], start, end, canonical=canonical, source="known"))

    place_by_end: dict[int, int] = {}
    place_full_end: dict[int, bool] = {}
    region_ends: set[int] = set()
    town_starts: set[int] = set()
    found_places = recognise_places(doc)
    places = {p.text for p in found_places}
    for p in found_places:
        place_by_end[p.end] = min(p.start, place_by_end.get(p.end, p.start))
        if p.kind == "town":
            town_starts.add(p.start)
        place_full_end[p.end] = p.source.endswith("full")
        if p.kind in ("region", "country"):
            region_ends.add(p.end)
    r = rules()
    level_chars, max_core = r["level_chars"], int(r["max_core"])
    stopchars = set(r["core_stopchars"])
    core_ok = _core_ok()
    tokens = _Tokens(doc)
    for m in _suffix_regex().finditer(text):
        sfx_start, sfx_end, suffix = m.start(), m.end(), m.group(0)
        if text[sfx_end:sfx_end + 1] and text[sfx_end:sfx_end + 1] in suffix_not_before().get(suffix, ""):
            continue  # 管理办法 is no 办
        if sfx_start > 0 and text[sfx_start - 1] in suffix_not_after().get(suffix, ""):
            continue  # 举办 and 大局 are no 办 and 局
        best, source = -1, "pattern"
        # walk left to the nearest anchor: a place, or a level character that starts a word
        for a in range(sfx_start, max(-1, sfx_start - max_core - 1), -1):
            if a < sfx_start:
                ch = text[a]
                if ch in stopchars or not (ch.isalnum() or ch in _OPEN or ch in _CLOSE) or ch.isdigit():
                    break
            core = text[a:sfx_start]
            if not core_ok.fullmatch(core) or not _core_valid(core, suffix):
                continue
            if a in place_by_end:
                # a bare 中心 after a place names a venue (深圳中心, 湛江文化中心), not a body;
                # economic regions have no government of their own
                if (suffix == "中心" and not place_full_end.get(a)) or a in region_ends:
                    break
                best = place_by_end[a]
                if best in town_starts and best in place_by_end:
                    best = place_by_end[best]  # 左权县辽阳镇党委: the town's county, written before it, is part of the name
                break
            if a > 0 and text[a - 1] in level_chars and _is_level_prefix(doc, a - 1, tokens.around(a - 1)):
                best = a - 1
                break
            # a proper-named centre: 湾区西岸(中山)经贸法律服务中心, right after a list separator
            if suffix.endswith("中心") and (a == 0 or text[a - 1] in _CLAUSE) and _bracketed_place(core, places):
                best, source = a, "proper-name"
                break
        if best < 0 and suffix == "厅" and doc.place is not None and doc.place.level == "province":
            # a provincial report names its departments bare: 自然资源厅、住房城乡建设厅
            a = sfx_start
            while a > 0 and sfx_start - a < 10 and text[a - 1] not in stopchars and text[a - 1].isalpha() \
                    and text[a - 1] not in _CLAUSE and not text[a - 1].isascii():
                a -= 1
            for w in _core_stopwords():  # 会同自然资源厅: the name starts after the verb
                k = text.rfind(w, a, sfx_start)
                if k >= 0:
                    a = max(a, k + len(w))
            if 2 <= sfx_start - a <= 9 and (a == 0 or text[a - 1] in _CLAUSE + "和与及" or
                                            any(text[:a].endswith(w) for w in _core_stopwords())):
                best, source = a, "provincial-department"
        if best < 0:
            continue
        if best >= 2 and text[best - 2: best] == "中共":
            best -= 2
        out.append(Mention(EntityType.AGENCY, text[best:sfx_end], best, sfx_end, source=source))
        # a parent named inside: 安徽省经贸委|煤炭工业管理办公室, 市委|全面依法治市委员会
        for j in range(sfx_start - 2, best, -1):
            if text[j] in "委局厅部" and j + 1 > best + 1 and text[j + 1] not in "员会":
                out.append(Mention(EntityType.AGENCY, text[best:j + 1], best, j + 1, source="pattern-inner"))
                break
    return out
