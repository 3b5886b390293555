"""Quantities: counts, amounts, rates and durations stated as facts (450项, 3300余项, 85亿条,
100%, 4.2天, 百分之十七点九, 两名), with the approximation word, the thing counted (and the entity
it names), and the date the figure holds at (截至12月15日).

Not quantities: dates and years (2022年, 12月), ordinals (第二批), identifiers (12345热线),
anything inside a title 《…》, names in quotation marks (“21条”, “15分钟生活圈”) and the set
phrases in `quantity_stops.txt`. 万/亿 multiply into the value before a counter word; in a
currency unit they stay (3.68万亿元: 3.68 万亿元). Units and their kinds: `quantity_units.tsv`.
"""

from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.events import reported_year
from kg.lexicon import table, word_list
from kg.model import Document, EntityType, Quantity

_MULTIPLIER = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "[零〇○一二两三四五六七八九十][零〇○一二两三四五六七八九十百千万亿]*(?:点[零〇○一二三四五六七八九]+)?"
_ARABIC = r"\d+(?:[,，]\d{3})*(?:[.．]\d+)?"
_APPROX_PRE = "超过|超出|将近|接近|不少于|不低于|至少|多达|达到|突破|超|近|约|逾|达"
_APPROX_POST = "余|多|来"
_APPROX_AFTER = "左右|以上|多"
# a clause ends here: the thing counted never reaches across
_BOUNDARY = set("，,；;。！？!?：:、\n")
_TITLE = re.compile(r"《[^《》\n]{0,120}》")
_AS_OF = re.compile(r"(?:截至|截止到|截止)(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})日)?(底|末)?")
_ABOUT_MAX = 20
_NAMED_TYPES = (EntityType.PLACE, EntityType.AGENCY, EntityType.ORGANIZATION, EntityType.REGULATION)
_ABOUT_TYPES = (EntityType.PROGRAM, EntityType.REGULATION, EntityType.AGENCY, EntityType.ORGANIZATION)


@cache
def _units() -> dict[str, str]:
    return {u: kind for u, kind, _not in table("quantity_units.tsv")}


@cache
def _not_before() -> dict[str, str]:
    """Characters that turn a unit into part of a word: 部 before 分 (三部分), 人 before 民."""
    return {u: chars for u, _kind, chars in table("quantity_units.tsv") if chars}


@cache
def _stops() -> tuple[str, ...]:
    return word_list("quantity_stops.txt")


@cache
def _pattern() -> re.Pattern[str]:
    unit_rx = "|".join(map(re.escape, sorted(_units(), key=len, reverse=True)))
    return re.compile(
        rf"(?P<approx_pre>{_APPROX_PRE})?"
        rf"(?:(?P<pct>百分之)(?P<pnum>{_ARABIC}|{_CN_NUM})"
        rf"|(?<![\d.．A-Za-z_×*/\-—~～])(?P<num>{_ARABIC})(?P<mult>万亿|万|亿)?(?P<approx_post>{_APPROX_POST})?"
        rf"(?P<unit>{unit_rx})"
        rf"|(?P<cn>{_CN_NUM})(?P<capprox_post>余|多)?(?P<cunit>{unit_rx}))"
        rf"(?P<approx_after>{_APPROX_AFTER})?"
    )


def chinese_number(text: str) -> Decimal | None:
    """二百三十 → 230, 八十一亿九千万 → 8190000000, 十七点九 → 17.9, 两 → 2, 一九五八 → 1958."""
    whole, _, frac = text.partition("点")
    value = _chinese_integer(whole)
    if value is None:
        return None
    if frac:
        if not all(ch in _CN_DIGIT for ch in frac):
            return None
        value += Decimal("0." + "".join(str(_CN_DIGIT[ch]) for ch in frac))
    return value


def _chinese_integer(text: str) -> Decimal | None:
    for word, size in (("亿", 8), ("万", 4)):
        if word in text:
            high, _, low = text.partition(word)
            hv, lv = _chinese_integer(high) if high else Decimal(1), _chinese_integer(low) if low else Decimal(0)
            if hv is None or lv is None:
                return None
            return hv * Decimal(10) ** size + lv
    if len(text) > 1 and all(ch in _CN_DIGIT for ch in text):
        return Decimal("".join(str(_CN_DIGIT[ch]) for ch in text))  # read digit by digit
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGIT:
            digit = _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        else:
            return None
    return Decimal(total + (digit or 0))


def _chinese_money(value: Decimal, raw: str, unit: str, units: dict[str, str]) -> tuple[Decimal, str]:
    """A Chinese-numeral amount keeps its largest 亿/万 in the unit, as written amounts do
    (一百四十五亿七千七百万元 → 145.77 亿元)."""
    for word, size in (("亿", 8), ("万", 4)):
        if word in raw and (word + unit) in units:
            return value / Decimal(10) ** size, word + unit
    return value, unit


def _digit_string(raw: str) -> bool:
    """一二三, 三四: numerals side by side name a set or a range, not a number."""
    whole = raw.partition("点")[0]
    return len(whole) > 1 and all(ch in _CN_DIGIT for ch in whole)


def arabic_number(text: str) -> Decimal | None:
    """3,300 → 3300, ４.２ → 4.2 (full-width digits and separators too)."""
    plain = unicodedata.normalize("NFKC", text).replace(",", "")
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


_QUOTE_MAX = 12


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside a short quotation (“新九条”) within its clause."""
    opened = text.rfind("“", max(0, start - _QUOTE_MAX), start)
    if opened < 0 or "”" in text[opened:start] or any(ch in _BOUNDARY for ch in text[opened:start]):
        return False
    closed = text.find("”", end, end + _QUOTE_MAX)
    return closed >= 0 and not any(ch in _BOUNDARY for ch in text[end:closed])


def _title_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TITLE.finditer(text)]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans covering the same characters."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _clause_left(text: str, pos: int) -> int:
    i = pos
    while i > 0 and pos - i < _ABOUT_MAX and text[i - 1] not in _BOUNDARY:
        i -= 1
    return i


def _clause_right(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and i - pos < _ABOUT_MAX and text[i] not in _BOUNDARY:
        i += 1
    return i


def as_of(doc: Document, start: int) -> str:
    """The date a figure holds at, from 截至… earlier in its sentence, in the reported year
    when the text gives no year (截至12月15日 → 2022-12-15; 截至2022年底 → 2022-12-31)."""
    sent = doc.sentence_at(start)
    lo = sent.start if sent else max(0, start - 100)
    found = None
    for m in _AS_OF.finditer(doc.text, lo, start):
        found = m
    if found is None:
        return ""
    year = int(found[1]) if found[1] else reported_year(doc)
    if not year or not (found[1] or found[2]):
        return ""
    if not found[2]:
        return f"{year:04d}-12-31" if found[4] else f"{year:04d}"
    month = int(found[2])
    if not 1 <= month <= 12:
        return ""
    last = calendar.monthrange(year, month)[1]
    if found[3]:
        day = int(found[3])
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= last else ""
    return f"{year:04d}-{month:02d}-{last:02d}" if found[4] else f"{year:04d}-{month:02d}"


def recognise(doc: Document) -> list[Quantity]:
    text = doc.text
    units = _units()
    # inside a title or a name no figure is stated: 《…(2022-2025年)》, 九台区, 七台河市
    spans = _merge(_title_spans(text) + sorted(
        (m.start, m.end) for e in doc.entities.values() if e.type in _NAMED_TYPES for m in e.mentions))
    starts = [s for s, _e in spans]
    stops = _stops()
    entity_spans = sorted(
        (m.start, m.end, e.key) for e in doc.entities.values() if e.type in _ABOUT_TYPES for m in e.mentions
    )
    found: list[tuple[Quantity, str]] = []
    for m in _pattern().finditer(text):
        num_start = m.start("pct") if m.group("pct") else m.start("num") if m.group("num") else m.start("cn")
        if _inside(spans, starts, num_start) or text[max(0, num_start - 1):num_start] == "第":
            continue
        if text.startswith(stops, num_start):
            continue
        if m.group("pct"):
            raw = m.group("pnum")
            value = arabic_number(raw) if raw[0].isdigit() else chinese_number(raw)
            unit, mult, approx_post = "%", "", ""
        elif m.group("num"):
            value = arabic_number(m.group("num"))
            unit, mult, approx_post = m.group("unit"), m.group("mult") or "", m.group("approx_post") or ""
            if unit == "年" and len(m.group("num")) == 4 and not mult:
                continue  # a year, not a duration
        else:
            raw = m.group("cn")
            value = chinese_number(raw)
            unit, mult, approx_post = m.group("cunit"), "", m.group("capprox_post") or ""
            if unit == "年" or value is None or value < 2 or _digit_string(raw):
                continue  # 一九五八年, 五年规划, 一个, 一二三次产业: periods, articles, names
            if unit == "次" and (text[num_start - 1:num_start] in ("届", "、") or text.startswith("全", m.end())):
                continue  # 十三届七次、八次全会: sessions are ordinals
            if units.get(unit) == "money":
                value, unit = _chinese_money(value, raw, unit, units)
        if value is None:
            continue
        end = m.end("approx_after") if m.group("approx_after") else m.end()
        unit_end = m.end("unit") if m.group("num") else m.end("cunit") if m.group("cn") else m.end()
        if text[unit_end:unit_end + 1] and text[unit_end:unit_end + 1] in _not_before().get(unit, ""):
            continue
        if unit in ("位", "名") and text[num_start - 1:num_start] == "前":
            continue  # 前3位, 前六名: a rank
        if _quoted(text, num_start, end):
            continue  # a name in quotation marks: “21条”, “新九条”, “15分钟社区生活圈”
        if unit == "个" and m.group("approx_after") and text[end:end + 1] == "月":
            unit, end = "个月", end + 1  # 八个多月
        kind = units.get(unit, "count")
        if mult:
            if kind == "money" and (mult + unit) in units:
                unit = mult + unit
            else:
                value *= _MULTIPLIER[mult]
        if unit.startswith("个") and unit[1:] in units:
            unit = unit[1:]  # 个 before a measure word is a classifier
        if unit == "％":
            unit = "%"
        pre = m.group("approx_pre") or ""
        pre = "" if pre in ("达", "达到") else pre  # 达到95%以上: 达到 is no approximation
        approx = pre or approx_post or m.group("approx_after") or ""
        start = m.start() if pre else num_start
        found.append((Quantity(float(value), unit, text[start:end], start, end, approx=approx,
                               as_of=as_of(doc, start)), kind))
    return _with_about(text, found, entity_spans)


_TRAILING = re.compile(r"(?:达到|达|为|至|是|约|共|累计|超过|超|近|逾|和|及|或|的)+$")
_LEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|和|及|或|的)+")
_CONJUNCTION = set("和及、或与")


def _with_about(text: str, found: list[tuple[Quantity, str]],
                entity_spans: list[tuple[int, int, tuple[EntityType, str]]]) -> list[Quantity]:
    """Each figure with the words naming what it counts: for a count, the words after it up to
    the clause end or the next figure (450项 高频政务服务事项); for a rate, an amount or a
    duration, or a count ending its clause, the words before it back to the previous figure
    (网上可办率 100%). In 废止10份和修改2份市政府规范性文件 both count the same thing."""
    out: list[Quantity] = []
    abouts: list[tuple[int, int]] = [(0, 0)] * len(found)
    for i in range(len(found) - 1, -1, -1):
        q, kind = found[i]
        prev_end = found[i - 1][0].end if i else 0
        next_start = found[i + 1][0].start if i + 1 < len(found) else len(text)
        after = (q.end, min(_clause_right(text, q.end), next_start))
        before = (max(_clause_left(text, q.start), prev_end), q.start)
        gap = text[after[0]:after[1]]
        if after[1] == next_start and len(gap) <= 4 and gap[:1] in _CONJUNCTION:
            lo, hi = abouts[i + 1]  # coordinated counts share what they count
        elif (kind == "count" or before[0] == before[1] or text[before[0]:before[1]].endswith(("连续", "累计"))) \
                and after[1] > after[0]:
            lo, hi = after
        else:
            lo, hi = before
        abouts[i] = (lo, hi)
    for (q, _kind), (lo, hi) in zip(found, abouts, strict=True):
        words = text[lo:hi].strip()
        stripped = _LEADING.sub("", _TRAILING.sub("", words))
        lo += words.find(stripped) if stripped else 0
        hi = lo + len(stripped)
        entity = _entity_in(entity_spans, lo, hi) if stripped else None
        out.append(replace(q, about=stripped, about_entity=entity))
    return out


def _entity_in(spans: list[tuple[int, int, tuple[EntityType, str]]], lo: int,
               hi: int) -> tuple[EntityType, str] | None:
    """The first program, regulation or organisation named inside [lo, hi); an agency only when
    it is the whole of what is counted (市政府规范性文件 counts documents, not the government)."""
    i = bisect.bisect_left(spans, (lo,))
    while i < len(spans) and spans[i][0] < hi:
        start, end, key = spans[i]
        if end <= hi and (key[0] is not EntityType.AGENCY or (start, end) == (lo, hi)):
            return key
        i += 1
    return None
