"""Programs: named programs, services, platforms, campaigns and mechanisms.

Quotation marks alone do not make a program (“最后一公里” is a figure of speech). A quoted
phrase is a program when a program head word follows it or a list it closes (“双报告”制度,
“A”、“B”等3个项目), when it ends with a program marker (“跨省通办”), or when a launch verb
precedes it (上线“一照通行”). Unquoted platform and system names are read by their ending
after a verb of building or using (建成中山市数字使能平台), and well-known platforms by name."""

from __future__ import annotations

import re
from functools import cache

import jieba

from kg.lexicon import split_cell, table, word_list
from kg.model import Document, EntityType, Mention
from kg.phrases import PhraseMatcher
from kg.pos import first_word, first_word_flag
from kg.tokens import ensure_jieba

# characters of the surrounding clause that never stand inside a platform's name
_FUNCTION_CHARS = set("在对把被将要是了的等和与及或已有")
_NUMBERED_SLOGAN = re.compile(r"[一二三四五六七八九十两双N\d]+[个项大]?[\u4e00-\u9fff\d]{1,2}")
_PERIOD = re.compile(r"十[一二三四五六七八九]五")  # “十四五”: a five-year period, not a program
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,40})[”\"]")
_LIST_JOIN = re.compile(r"[、和及与]?")
_COUNTED = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千万]+)(?:多|余)?[个家项座条套]")
_COUNT = re.compile(r"等?(?:(?:\d+|[一二三四五六七八九十两]+)[个项大类])?")


@cache
def _markers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for kind, word in table("program_markers.tsv"):
        out.setdefault(kind, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@cache
def _patterns() -> list[re.Pattern[str]]:
    return [re.compile(row[0]) for row in table("program_patterns.tsv")]


@cache
def _unquoted() -> re.Pattern[str]:
    m = _markers()
    ends = "|".join(map(re.escape, m["unquoted_end"]))
    leads = "|".join(map(re.escape, m["unquoted_lead"]))
    # after a verb of building or using, or opening a clause when the name is long enough to be proper
    lead = rf"(?:(?:{leads})|(?<=[，,；;。])(?=[\u4e00-\u9fff0-9]{{4}}))"
    name = rf"(?P<name>[\u4e00-\u9fff0-9]{{2,18}}?(?:{ends}))"
    # …系统性改革 and 系统推进 use 系统 as "systematic", not as a system's name
    return re.compile(lead + name + r"(?![\u4e00-\u9fff]{0,1}(?:平台|系统))(?![性化推治升谋集梳])")


@cache
def _known() -> tuple[PhraseMatcher, dict[str, str]]:
    names: dict[str, str] = {}
    for name, aliases in table("programs_known.tsv"):
        names[name] = name
        for a in split_cell(aliases):
            names[a] = name
    return PhraseMatcher(names), names


def _head_follows(text: str, pos: int, heads: tuple[str, ...]) -> bool:
    """After a quote (or a list of quotes), does a short phrase ending in a head word follow?"""
    rest = text[pos: pos + 14]
    rest = rest[_COUNT.match(rest).end():]
    # a 的 between makes the head another thing's: “十个指头弹钢琴”的系统思维
    m = re.match(r"(?:(?!的)[\u4e00-\u9fff]){0,4}?(" + "|".join(map(re.escape, heads)) + ")", rest)
    return m is not None


def recognise(doc: Document) -> list[Mention]:
    text = doc.text
    marks = _markers()
    stop = set(word_list("program_stopwords.txt"))
    generic = set(word_list("program_generic.txt"))
    # known programs first: they win a span another rule finds too (天保工程 is 天然林资源保护工程)
    matcher, names = _known()
    out: list[Mention] = [Mention(EntityType.PROGRAM, alias, start, end, canonical=names[alias], source="known")
                          for start, end, alias in matcher.find(text)]
    quotes = list(_QUOTED.finditer(text))
    # quotes that stand in one list: “A”、“B”和“C” — a head after the last one covers them all
    chain_end: dict[int, int] = {}
    chain_start: dict[int, int] = {}
    i = 0
    while i < len(quotes):
        j = i
        while j + 1 < len(quotes):
            between = text[quotes[j].end(): quotes[j + 1].start()]
            if _LIST_JOIN.fullmatch(between) is None:
                break
            j += 1
        for k in range(i, j + 1):
            chain_end[k], chain_start[k] = quotes[j].end(), quotes[i].start()
        i = j + 1
    for k, m in enumerate(quotes):
        inner = m.group(1).strip()
        if inner in stop or re.fullmatch(r"[\d\W]+", inner) or _inside_title(text, m.start()):
            continue
        # 不搞“形象工程”, 反对任何形式的“台独”: what the clause opposes is not a program it runs
        clause = re.split(r"[，,。；;：:！？\n]", text[max(0, chain_start[k] - 12): chain_start[k]])[-1]
        if any(w in clause for w in marks["opposed"]):
            continue
        before = text[max(0, m.start() - 8): m.start()]
        launched = any(before.endswith(v) or re.search(re.escape(v) + r"[\u4e00-\u9fff]{2,5}[市省区县]$", before)
                       for v in marks["verb"])
        if _PERIOD.fullmatch(inner) or re.fullmatch(r"\d+个\d+", inner):
            continue
        headed = _head_follows(text, chain_end[k], marks["head"])
        if not headed and _NUMBERED_SLOGAN.fullmatch(inner):
            continue  # 两新, 四化, 六稳: numbered slogans are policy shorthand, unless named as a 制度 or 机制
        rule = "head" if headed else "end" if inner.endswith(marks["end"]) else "verb" if launched else ""
        if rule:
            out.append(Mention(EntityType.PROGRAM, m.group(1), m.start(1), m.end(1), source="quoted-" + rule))
    for m in _unquoted().finditer(text):
        name, start = m.group("name"), m.start("name")
        if m.start() != start:
            # after a lead word another verb or adverb may come first: 建立完善…平台, 开通运行…平台
            skipped = _leading_verbs(name)
            name, start = name[skipped:], start + skipped
        if name in generic or _inside_title(text, m.start("name")) or re.search(r"\d+[个项条家]", name):
            continue
        if len(name) < 6 and not _coined_stem(name):
            continue  # 改造工程, 公共平台: an everyday word before the marker names a kind of thing
        if any(ch in _FUNCTION_CHARS for ch in name):
            continue
        if _COUNTED.match(text, m.end("name")):
            continue  # 建成工业互联网平台41个: a kind of platform, counted, not one named platform
        if m.start() == start and (len(name) > 12 or not _opens_with_name(name)):
            continue
        out.append(Mention(EntityType.PROGRAM, name, start, m.end("name"), source="platform"))
    for rx in _patterns():
        for m in rx.finditer(text):
            if not _inside_title(text, m.start()):
                out.append(Mention(EntityType.PROGRAM, m.group(0), m.start(), m.end(), source="shape"))
    return out


def _coined_stem(name: str) -> bool:
    """天保工程 (天然林保护) or 12345热线: the stem is a coinage or a number, not a dictionary word."""
    stem = re.sub("(?:" + "|".join(map(re.escape, _markers()["unquoted_end"])) + ")$", "", name)
    if len(stem) < 2:
        return False  # 工程 alone, or 网平台: no stem to be a coinage
    if re.match(r"[\d一二三四五六七八九十]", stem):
        return True
    ensure_jieba()
    return jieba.dt.FREQ.get(stem, 0) < 200  # rare in general text: a coinage (天保, 粤商)


def _opens_with_name(name: str) -> bool:
    """A clause-initial candidate must open with a name, not a verb or adverb (完善政务公开平台)
    or a scope word (全市…平台)."""
    if name.startswith(("全市", "全省", "全国", "全区", "全县", "各", "本")):
        return False
    if any(w in name for w in word_list("clause_words.txt")):
        return False
    return first_word_flag(name) in ("n", "nz", "ns", "nt", "nr", "vn", "j", "eng", "l")


def _leading_verbs(name: str) -> int:
    """How many characters of verbs and adverbs open the name (up to two words): none of a name."""
    skipped, flags = 0, ("v", "vd", "d")
    for _ in range(2):
        first = first_word(name[skipped:])
        if first is None or first[1] not in flags:
            break
        skipped += len(first[0])
        flags = ("v", "vd", "d", "a", "m") if first[1] == "d" else flags  # 更多, 更高: an adverb's word
    return skipped


def _inside_title(text: str, pos: int) -> bool:
    """Is `pos` inside a 《》 title on the same line? Titles are regulations, not programs."""
    left = text.rfind("《", max(0, pos - 120), pos)
    if left < 0:
        return False
    close = text.rfind("》", left, pos)
    return close < 0 and "\n" not in text[left:pos]
