"""Events: what the text says happened to a regulation (issued, amended, repealed, drafting,
planned), with its date, the acting agency where the text names one, and the evidence span.

Titles standing side by side (修改《A》《B》《C》, 出台《A》和《B》) form one list; a trigger word
from `kg/data/event_triggers.tsv` just before the list (印发《A》) or just after it, in the same
clause (《A》已印发, 《A》《B》2部规章的修改), acts on every title of the list. A regulation that is
only cited or studied (根据, 贯彻, 学习 …) gets no event. A notice titled 关于印发《X》的通知 issues X.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from kg.lexicon import table
from kg.model import Document, EntityType, Event, Mention

# characters that end a clause: a trigger never reaches across them
_CLAUSE_END = set("，,；;。！？!?：:\n")
# what may stand between two titles of one list
_LIST_GAP = re.compile(r"^[、和及与或并以“”\"'《》\s\u3000]*$")
_ISSUE_NOTICE = re.compile(r"(?:印发|发布|颁布)《?(?P<inner>.+?)》?的(?:通知|决定)$")
_TITLE = re.compile(r"《[^》]*》?")
_FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年(?![度\d])")


@dataclass(frozen=True, slots=True)
class Trigger:
    word: str
    action: str  # an action of kg.vocab.ACTIONS, or "-" for a word that blocks
    side: str  # before, after
    window: int


@cache
def triggers() -> tuple[Trigger, ...]:
    rows = [Trigger(w, a, s, int(n)) for w, a, s, n in table("event_triggers.tsv")]
    return tuple(sorted(rows, key=lambda t: -len(t.word)))


Titled = tuple[Mention, tuple[EntityType, str]]


def _title_lists(doc: Document) -> list[list[Titled]]:
    """Regulation mentions (with their entity) grouped into lists of titles that stand side by
    side; a title nested inside another title (关于印发《X》的通知) is left to the notice rule."""
    mentions = sorted(
        ((m, e.key) for e in doc.entities.values() if e.type is EntityType.REGULATION for m in e.mentions),
        key=lambda mk: (mk[0].start, -mk[0].end),
    )
    outer: list[Titled] = []
    for mk in mentions:
        if outer and mk[0].start < outer[-1][0].end:
            continue
        outer.append(mk)
    groups: list[list[Titled]] = []
    for mk in outer:
        if groups and _LIST_GAP.match(doc.text[groups[-1][-1][0].end: mk[0].start]):
            groups[-1].append(mk)
        else:
            groups.append([mk])
    return groups


def _clause_before(text: str, pos: int, limit: int = 200) -> int:
    """The start of the clause holding `pos`."""
    i = pos
    while i > 0 and pos - i < limit and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return i


def _clause_after(text: str, pos: int, limit: int = 200) -> int:
    i = pos
    while i < len(text) and i - pos < limit and text[i] not in _CLAUSE_END:
        i += 1
    return i


def _nearest_before(text: str, start: int) -> tuple[Trigger, int] | None:
    """The trigger nearest before a list of titles, and where it starts."""
    lo = _clause_before(text, start)
    best: tuple[Trigger, int] | None = None
    for t in triggers():
        if t.side != "before":
            continue
        pos = text.rfind(t.word, lo, start)
        if pos < 0:
            continue
        gap = text[pos + len(t.word): start].rstrip("《“\"")
        if len(gap) > t.window or "《" in gap or "》" in gap:
            continue
        if best is None or pos + len(t.word) > best[1] + len(best[0].word):
            best = (t, pos)
    return best


# the closing formula of a notice: 《X》已经区政府同意，现印发给你们 / 现予印发 / 现转发给你们
_ISSUE_FORMULA = re.compile(r"[，,]\s*现(?:予以?|将其?)?(?:印发|转发)")
_FORMULA_TRIGGER = Trigger("现印发", "issued", "after", 0)


def _nearest_after(text: str, end: int) -> tuple[Trigger, int] | None:
    hi = _clause_after(text, end)
    formula = _ISSUE_FORMULA.match(text, hi)
    if formula and "《" not in text[end:hi]:
        return _FORMULA_TRIGGER, formula.end() - 2
    best: tuple[Trigger, int] | None = None
    for t in triggers():
        if t.side != "after":
            continue
        pos = text.find(t.word, end, hi)
        if pos < 0:
            continue
        gap = text[end:pos].lstrip("》”\"")
        if len(gap) > t.window or "《" in gap or "》" in gap:
            continue
        if best is None or pos < best[1]:
            best = (t, pos)
    return best


def reported_year(doc: Document) -> int | None:
    """The year the document reports on; never after the year it was published in (a title
    range such as 总体规划(2018—2035年) names no reporting year). A 政府工作报告 is delivered
    early in the year its title names and reports on the year before."""
    published = int(doc.date[:4]) if doc.date[:4].isdigit() else None
    year = doc.year
    if year and published and year > published:
        year = published
    if year and "政府工作报告" in doc.title and (published is None or year == published):
        year -= 1
    return year or published


def event_date(doc: Document, sent_start: int, trigger_pos: int) -> str:
    """The date the sentence gives before the trigger (2024年12月22日, 4月1日 in the reported
    year, 2025年6月), else the year the document reports on."""
    head = _TITLE.sub("", doc.text[sent_start:trigger_pos])  # 2022-2025年 in a title is no date
    year = reported_year(doc)
    found = ""
    for m in _FULL_DATE.finditer(head):
        found = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if found:
        return found
    if year:
        for m in _MONTH_DAY.finditer(head):
            found = f"{year:04d}-{int(m[1]):02d}-{int(m[2]):02d}"
        if found:
            return found
    for m in _YEAR_MONTH.finditer(head):
        found = f"{int(m[1]):04d}-{int(m[2]):02d}"
    if found:
        return found
    for m in _YEAR.finditer(head):
        found = m[1]
    if found:
        return found
    return str(year) if year else ""


def _agency_mentions(doc: Document) -> tuple[list[int], list[tuple[int, int, tuple[EntityType, str]]]]:
    """Agency mentions sorted by start (stable: entity order breaks ties), with their starts, so each
    event looks only at the mentions inside its clause (a scan of all of them per event was
    quadratic: hours on a 50 MB file)."""
    found = sorted(((m.start, m.end, e.key) for e in doc.entities.values() if e.type is EntityType.AGENCY
                    for m in e.mentions if not m.source.endswith("-inner")),  # 国务院 inside 国务院办公厅: the office acts
                   key=lambda t: t[0])
    return [t[0] for t in found], found


def _agency_between(agencies: tuple[list[int], list[tuple[int, int, tuple[EntityType, str]]]],
                    lo: int, hi: int) -> tuple[EntityType, str] | None:
    """The first agency named in [lo, hi): in 省委办公厅、省政府办公厅印发 the first is the lead."""
    starts, found = agencies
    for i in range(bisect_left(starts, lo), bisect_left(starts, hi)):
        if found[i][1] <= hi:
            return found[i][2]
    return None


def _open(text: str, pos: int) -> int:
    """Where a title opens, before its mark and any line break inside the marks (《\n条例\n》)."""
    while pos > 0 and (text[pos - 1] in "《“\"" or text[pos - 1].isspace()):
        pos -= 1
    return pos


def _close(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos] in "》”\"" or text[pos].isspace()):
        pos += 1
    return pos


def _attributive(text: str, found: tuple[Trigger, int], start: int) -> bool:
    """国务院发布的《X》 cites X by an earlier act; 新修改的《X》 still reports a new one."""
    trigger, pos = found
    gap = text[pos + len(trigger.word): start].rstrip("《“\"")
    return gap.endswith("的") and text[pos - 1: pos] != "新"


def _list_events(doc: Document) -> list[Event]:
    text = doc.text
    out: list[Event] = []
    agencies = _agency_mentions(doc)
    for group in _title_lists(doc):
        start, end = _open(text, group[0][0].start), _close(text, group[-1][0].end)
        before = _nearest_before(text, start)
        after = _nearest_after(text, end)
        if after is not None and after[0].action == "-":
            continue
        if before is not None and (before[0].action == "-" or _attributive(text, before, start)):
            before = None
        if before is None and after is None:
            continue
        if before is not None and after is not None:
            # the nearer word wins
            before_gap = start - (before[1] + len(before[0].word))
            after_gap = after[1] - end
            chosen, pos = before if before_gap <= after_gap else after
        else:
            chosen, pos = before or after  # type: ignore[misc]
        sent = doc.sentence_at(pos)
        sent_start = sent.start if sent else _clause_before(text, pos)
        clause_lo = _clause_before(text, min(pos, start))
        agent = _agency_between(agencies, clause_lo, pos if pos < start else start)
        date = event_date(doc, sent_start, pos)
        if chosen is _FORMULA_TRIGGER:  # the notice's own formula: its publisher, its date
            agent, date = doc.publisher_key or agent, doc.date or date
        span_lo = min(pos, start)
        span_hi = max(pos + len(chosen.word), end)
        action = "planned" if _ahead(doc, date) else chosen.action
        for _m, key in group:
            out.append(Event(key, action, chosen.word, span_lo, span_hi, date, agent))
    return out


def _ahead(doc: Document, date: str) -> bool:
    """An act dated in a year after the reported one (2023年，出台《X》 in a report on 2022) or, for
    a day or month, after publication, is a plan."""
    year = reported_year(doc)
    if not year or not date[:4].isdigit() or int(date[:4]) <= year:
        return False
    return len(date) == 4 or not doc.date or date > doc.date[:len(date)]


def _regulation_named(doc: Document, name: str) -> tuple[EntityType, str] | None:
    name = name.strip("《》 \n")
    for e in doc.entities.values():
        if e.type is EntityType.REGULATION and (e.name == name or name in e.aliases):
            return e.key
    return None


def _leading_agency(doc: Document, title: str) -> tuple[EntityType, str] | None:
    """The agency a notice title starts with (国务院关于印发… → 国务院)."""
    head = re.split(r"关于|印发|发布|颁布", title, maxsplit=1)[0]
    if not head:
        return None
    for e in doc.entities.values():
        if e.type is EntityType.AGENCY and (e.name == head or head in e.aliases):
            return e.key
    return None


def _notice_events(doc: Document) -> list[Event]:
    """关于印发《X》的通知 issues X: from the document's own title and from cited notices."""
    out: list[Event] = []
    title = re.sub(r"\s+", "", doc.title)
    m = _ISSUE_NOTICE.search(title)
    if m:
        key = _regulation_named(doc, m["inner"])
        if key is not None:
            ent = doc.entities[key]
            first = min(ent.mentions, key=lambda x: x.start) if ent.mentions else None
            agent = doc.publisher_key or _leading_agency(doc, title)
            s, e = (first.start, first.end) if first else (-1, -1)
            year = reported_year(doc)
            date = doc.date or (str(year) if year else "")
            out.append(Event(key, "issued", "印发", s, e, date, agent))
    for ent in doc.entities.values():
        if ent.type is not EntityType.REGULATION or not ent.mentions:
            continue
        m = _ISSUE_NOTICE.search(ent.name)
        if not m:
            continue
        key = _regulation_named(doc, m["inner"])
        if key is None or key == ent.key:
            continue
        first = ent.mentions[0]
        sent = doc.sentence_at(first.start)
        date = event_date(doc, sent.start if sent else first.start, first.start)
        out.append(Event(key, "issued", "印发", first.start, first.end, date, _leading_agency(doc, ent.name)))
    return out


def find_events(doc: Document) -> list[Event]:
    """Every regulation event the text states, one per (regulation, action)."""
    seen: set[tuple[tuple[EntityType, str], str]] = set()
    out: list[Event] = []
    for ev in _notice_events(doc) + _list_events(doc):
        k = (ev.regulation, ev.action)
        if k in seen:
            continue
        seen.add(k)
        out.append(ev)
    return out
