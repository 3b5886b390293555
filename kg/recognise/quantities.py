"""Quantities: counts, amounts, rates and durations stated as facts (450项, 3300余项, 85亿条,
100%, 4.2天). Dates, years, ordinals (第二批) and identifiers (12345热线) are not quantities."""

from __future__ import annotations

import re
from functools import cache

from kg.lexicon import table
from kg.model import Document, Quantity

_MULTIPLIER = {"万": 1e4, "亿": 1e8}


@cache
def _pattern() -> re.Pattern[str]:
    units = sorted((u for u, _k in table("quantity_units.tsv")), key=len, reverse=True)
    unit_rx = "|".join(map(re.escape, units))
    return re.compile(
        r"(?P<approx_pre>超过|超|近|约|逾|多达|达到|达)?"
        r"(?<![\d.第])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
        r"(?P<mult>万|亿)?(?P<approx_post>余|多)?"
        rf"(?P<unit>{unit_rx})"
    )


@cache
def _money_units() -> frozenset[str]:
    return frozenset(u for u, k in table("quantity_units.tsv") if k == "money")


def recognise(doc: Document) -> list[Quantity]:
    text = doc.text
    out: list[Quantity] = []
    for m in _pattern().finditer(text):
        num, unit, mult = m.group("num"), m.group("unit"), m.group("mult") or ""
        before = text[max(0, m.start("num") - 1): m.start("num")]
        if before == "第":
            continue  # ordinal
        if unit == "年" and len(num) == 4 and not mult:
            continue  # a year, not a duration
        after = text[m.end(): m.end() + 1]
        if unit in ("月", "日") or (unit == "年" and after in "度底初末"):
            continue
        value = float(num.replace(",", ""))
        if mult:
            if (mult + unit) in _money_units() or unit in ("%",):
                unit = mult + unit
            else:
                value *= _MULTIPLIER[mult]
        approx = m.group("approx_pre") or m.group("approx_post") or ""
        if approx in ("达", "达到"):
            approx = ""
        start = m.start() if approx and m.group("approx_pre") else m.start("num")
        out.append(Quantity(value, unit, text[start:m.end()], start, m.end(), approx=approx))
    return out
