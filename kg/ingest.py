"""Ingest: a file on disk → a `Document` with clean text and its metadata.

A reader per format (`kg/readers/`: text in any common Chinese encoding, Markdown, HTML, PDF,
DOCX) gives the text; this module drops page chrome (`data/chrome.txt`) and reads title,
publisher, date and the document's own place, from the text first and from the file's own
properties where the text says nothing. Header lines are matched in their matching form
(`kg.textform`: simplified, ASCII digits), values are kept as written. Offsets in later stages
refer to the text this returns.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer import gazetteer
from kg.lexicon import table, word_list
from kg.model import Document, PlaceRef
from kg.readers import READERS, extract
from kg.readers.html import parse as _parse_html
from kg.readers.text import decode  # noqa: F401 — part of this module's interface
from kg.textform import is_traditional, matching_form

SUFFIXES = tuple(READERS)
MAX_BYTES = 200 * 1024 * 1024  # past this a file is refused before it is read into memory
# One document's text: a 50 MB one-line file (18.5 million characters) builds in 2.6 minutes and
# 6.2 GB at peak, mostly its 5.8 million quads; past this a file is refused rather than let to eat the machine.
MAX_CHARS = 25_000_000
_CHROME_MAX = 200  # chrome is a short line; a long line that mentions 当前位置 is content (one-line files)

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9, "十": 10}
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")
_CN_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
                      r"(?P<d>[一二三四五六七八九十]{1,3})日")
# the year a title reports on; never the end of a range (总体规划（2018—2035年）)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TITLE_YEAR = re.compile(r"(?<![—\-–~至\d])((?:19|20)\d{2})年")


def read_document(path: str | Path) -> Document:
    """Read one file into a Document; raise InputError with a one-line reason when it cannot be used."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "no such file")
    if not p.is_file():
        raise InputError(p, "not a regular file")
    size = p.stat().st_size
    if size == 0:
        raise InputError(p, "file is empty")
    if size > MAX_BYTES:
        raise InputError(p, f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
    with p.open("rb") as f:
        head = f.read(1024)
    got = extract(p, head)
    return document_from_text(got.text, source=str(p), doc_id=slug(p.stem), markdown=got.markdown,
                              title=got.title, author=got.author, date=got.date)


@cache
def _chrome_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in word_list("chrome.txt")))


@cache
def _metadata_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(field, re.compile(rx)) for field, rx in table("metadata.tsv")]


def clean_text(text: str, markdown: bool = False) -> tuple[str, dict[str, str]]:
    """Drop chrome lines and read header metadata; returns the clean text and the fields found.
    Lines are judged in their matching form (a traditional 當前位置 is chrome too); values are
    returned as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # lone surrogates (text a caller decoded with surrogateescape) cannot be written as UTF-8 RDF
    text = _SURROGATE.sub("\ufffd", text)
    if markdown or "&ldquo;" in text or "&nbsp;" in text:
        text = html.unescape(text)
    traditional = is_traditional(text)
    chrome = _chrome_patterns()
    meta: dict[str, str] = {}
    lines_out: list[str] = []
    in_front_matter = False
    for i, line in enumerate(text.split("\n")):
        stripped = line.strip(" \t\u3000\xa0")
        if not stripped:  # blank lines are most lines of some files (5 MB of newlines)
            lines_out.append("")
            continue
        key = matching_form(stripped, traditional) if len(stripped) <= _CHROME_MAX else stripped
        if i == 0 and stripped == "---":
            in_front_matter = True
            continue
        if in_front_matter and stripped == "---":
            in_front_matter = False
            continue
        if markdown and stripped.startswith(">"):
            continue  # crawler notes in the corpus's Markdown files
        if stripped and len(stripped) < 300:
            for field, rx in _metadata_patterns():
                m = rx.search(key)
                if m and field not in meta:
                    meta[field] = stripped[m.start("v"):m.end("v")].strip()  # same offsets: one character for one
        if stripped and len(stripped) <= _CHROME_MAX and chrome.fullmatch(key):
            continue
        if markdown:
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) → text
            line = re.sub(r"^#{1,6}\s+", "", line)
        lines_out.append(line.rstrip())
    cleaned = "\n".join(lines_out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip("\n")
    return cleaned, meta


def html_to_text(markup: str) -> str:
    """The text of an HTML page (scripts, styles and head dropped)."""
    return _parse_html(markup).text


def document_from_text(text: str, source: str = "<text>", doc_id: str = "doc", markdown: bool = False, *,
                       title: str = "", author: str = "", date: str = "") -> Document:
    """A Document from text; `title`, `author` and `date` are the file's own properties (PDF info,
    DOCX core properties, HTML <title>), used only where the text does not say."""
    cleaned, meta = clean_text(text, markdown=markdown)
    if len(cleaned) > MAX_CHARS:
        raise InputError(source, f"{len(cleaned):,} characters of text, over the {MAX_CHARS:,} limit for one document; "
                                 "split it")
    traditional = is_traditional(cleaned)
    matching = matching_form(cleaned, traditional)
    if not re.search(r"[\u4e00-\u9fff]", matching):
        raise InputError(source, "no Chinese text left after removing page chrome")
    doc = Document(id=doc_id, source=source, text=cleaned)
    doc.title = meta.get("title") or find_title(matching, cleaned) or _property(title)
    doc.publisher = meta.get("publisher") or _property(author)
    doc.date = (parse_date(matching_form(meta.get("date", ""), traditional)) or find_signature_date(matching)
                or parse_date(date))
    title_m, publisher_m = matching_form(doc.title, traditional), matching_form(doc.publisher, traditional)
    doc.doc_type = doc_type_of(title_m)
    doc.place = find_place(title_m, publisher_m, matching)
    doc.province = gazetteer().at_level(doc.place, "province") if doc.place else None
    m = _TITLE_YEAR.search(title_m)
    doc.year = int(m.group(1)) if m else (int(doc.date[:4]) if doc.date else None)
    return doc


def _property(value: str) -> str:
    """A file property worth using: Chinese text on one line (PDF writers fill in 'anonymous',
    'untitled', 'Microsoft Word - 1.doc')."""
    value = " ".join((value or "").split())
    return value if re.search(r"[\u4e00-\u9fff]", value) and len(value) <= 200 else ""


def slug(stem: str) -> str:
    s = re.sub(r"[^\w\-.]+", "-", unicodedata.normalize("NFKC", stem)).strip("-")
    return s or "doc"


def doc_type_of(title: str) -> str:
    for suffix, kind in table("doc_types.tsv"):
        if title.endswith(suffix):
            return kind
    return ""


def _is_title_line(line: str) -> bool:
    return 4 <= len(line) <= 100 and not re.search(r"[。；;!！?？]", line) and not line.endswith(("：", ":"))


@cache
def _issuer_endings() -> tuple[str, ...]:
    from kg.recognise.agencies import suffix_attach

    return tuple(suffix_attach())


def find_title(text: str, written: str | None = None) -> str:
    """The first title-like line near the top; a title broken over lines is joined. `text` is
    judged; the title is returned from `written` (the same text as written, one character for one)."""
    suffixes = tuple(s for s, _ in table("doc_types.tsv"))
    written = text if written is None else written
    rows = [(ln.strip(" \t\u3000"), w.strip(" \t\u3000"))
            for ln, w in zip(text.split("\n", 40)[:40], written.split("\n", 40)[:40], strict=True)]
    rows = [r for r in rows if r[0]]
    for i, (line, line_w) in enumerate(rows[:15]):
        if not _is_title_line(line) or not re.search(r"[\u4e00-\u9fff]{2}", line):
            continue
        if line.endswith(suffixes):
            return line_w
        joined = line_w
        for nxt, nxt_w in rows[i + 1: i + 4]:
            # a line opening with a number is a date or a document number, unless it ends the title
            # an issuer's name opened (赵县人民政府 / 2022年度法治政府建设情况报告)
            if not _is_title_line(nxt) or re.search(r"〔\d{4}〕", nxt) or \
                    (nxt[0].isdigit() and not (nxt.endswith(suffixes) and joined.endswith(_issuer_endings()))):
                break
            joined += nxt_w
            if nxt.endswith(suffixes):
                return joined
    return ""


def parse_date(value: str) -> str:
    m = _DATE.search(value or "")
    if not m:
        return ""
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_number(s: str) -> int:
    if len(s) == 4 and all(ch in _CN_DIGITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS[s[1]]
    if s.endswith("十"):
        return _CN_DIGITS[s[0]] * 10
    if "十" in s:
        return _CN_DIGITS[s[0]] * 10 + _CN_DIGITS[s[2]]
    return _CN_DIGITS[s]


def find_signature_date(text: str) -> str:
    """A date standing alone on a line (the signature of a notice), in digits or Chinese numerals."""
    for line in text.split("\n", 80)[:80]:
        line = line.strip(" \t\u3000()（）")
        if line.startswith("—") and (m := _DATE.search(line[:20])):
            return parse_date(m.group(0))  # ——2026年1月26日在…会议上: the day a report was delivered
        if len(line) > 16:
            continue
        if m := _DATE.fullmatch(line.rstrip("日")) or _DATE.fullmatch(line):
            return parse_date(m.group(0))
        if m := _CN_DATE.fullmatch(line):
            try:
                y, mo, d = (_cn_number(m.group(k)) for k in ("y", "m", "d"))
            except (KeyError, IndexError):
                continue
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def find_place(title: str, publisher: str, text: str) -> PlaceRef | None:
    """The document's own place: the most specific division named at the head of the title or publisher."""
    from kg.recognise.places import scan_places  # here to keep ingest importable without the automaton

    gaz = gazetteer()
    # a national body's document is the country's, whatever province its title names (国务院关于河北雄安…)
    if re.match(r"(国务院|中共中央|全国人民代表大会)", title or publisher):
        return gaz.country
    for source in (title, publisher):
        refs = [ref for ref in (gaz.choose(gaz.candidates(m.text), []) for m in scan_places(source)) if ref]
        refs = [r for r in refs if r.level != "region"]
        if refs:
            # 上海市嘉定区…: the most specific place that sits inside the others named beside it
            best = refs[0]
            for r in refs[1:]:
                if best.code in {a.code for a in gaz.ancestors(r)}:
                    best = r
            return best
    # a title without a place (政府工作报告): the province or city the opening lines name
    # (在广东省第十四届人民代表大会…上, 广东省省长), by full name only
    head = text[:300]
    counts: dict[PlaceRef, int] = {}
    for m in scan_places(head):
        ref = gaz.choose(gaz.by_name.get(m.text, []), [])
        if ref is not None and ref.level in ("province", "city"):
            counts[ref] = counts.get(ref, 0) + 1
    if counts:
        return max(counts, key=lambda r: (counts[r], -head.find(r.name)))
    return None
