"""Ingest: bytes on disk → a `Document` with clean text and its metadata.

Decodes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK), turns HTML and Markdown into
plain text, drops page chrome (`data/chrome.txt`), and reads title, publisher, date and the
document's own place. Offsets in later stages refer to the text this returns.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer import gazetteer
from kg.lexicon import table, word_list
from kg.model import Document, PlaceRef

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 200 * 1024 * 1024  # past this a file is refused before it is read into memory

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9, "十": 10}
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")
_CN_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
                      r"(?P<d>[一二三四五六七八九十]{1,3})日")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")


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
    raw = p.read_bytes()
    text = decode(raw, p)
    suffix = p.suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".md", ".markdown") and _looks_like_html(text)):
        text = html_to_text(text)
    return document_from_text(text, source=str(p), doc_id=slug(p.stem), markdown=suffix in (".md", ".markdown"))


def decode(raw: bytes, path: object = "<bytes>") -> str:
    """Decode with BOM detection, then strict UTF-8, then GB18030; binary data is refused."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", path)
    head = raw[:65536]
    if b"\x00" in head:
        raise InputError(path, "binary file (NUL bytes), not a text document")
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text[:20000]) > 0.05:
            raise InputError(path, "binary file (control characters), not a text document")
        return text
    raise InputError(path, "cannot decode: neither UTF-8 nor GB18030/GBK")


def _strict(raw: bytes, enc: str, path: object) -> str:
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as e:
        raise InputError(path, f"cannot decode as {enc}: {e.reason} at byte {e.start}") from None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(text)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


class _TextExtractor(HTMLParser):
    """HTML → text: scripts and styles dropped, block elements become line breaks."""

    BLOCK = {"p", "br", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
             "article", "title", "ul", "ol", "header", "footer", "td"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as e:  # html.parser gives up on some broken markup
        raise InputError("<html>", f"cannot parse HTML: {e}") from None
    text = "".join(parser.parts)
    return re.sub(r"\n[ \t\u3000]*(?=\n)", "\n", text)


@cache
def _chrome_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in word_list("chrome.txt")))


@cache
def _metadata_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(field, re.compile(rx)) for field, rx in table("metadata.tsv")]


def clean_text(text: str, markdown: bool = False) -> tuple[str, dict[str, str]]:
    """Drop chrome lines and read header metadata; returns the clean text and the fields found."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if markdown or "&ldquo;" in text or "&nbsp;" in text:
        text = html.unescape(text)
    chrome = _chrome_patterns()
    meta: dict[str, str] = {}
    lines_out: list[str] = []
    in_front_matter = False
    for i, line in enumerate(text.split("\n")):
        stripped = line.strip(" \t\u3000\xa0")
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
                m = rx.search(stripped)
                if m and field not in meta:
                    meta[field] = m.group("v").strip()
        if stripped and chrome.fullmatch(stripped):
            continue
        if markdown:
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) → text
            line = re.sub(r"^#{1,6}\s+", "", line)
        lines_out.append(line.rstrip())
    cleaned = "\n".join(lines_out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip("\n")
    return cleaned, meta


def document_from_text(text: str, source: str = "<text>", doc_id: str = "doc", markdown: bool = False) -> Document:
    cleaned, meta = clean_text(text, markdown=markdown)
    if not re.search(r"[\u4e00-\u9fff]", cleaned):
        raise InputError(source, "no Chinese text left after removing page chrome")
    doc = Document(id=doc_id, source=source, text=cleaned)
    doc.title = meta.get("title") or find_title(cleaned)
    doc.publisher = meta.get("publisher", "")
    doc.date = parse_date(meta.get("date", "")) or find_signature_date(cleaned)
    doc.doc_type = doc_type_of(doc.title)
    doc.place = find_place(doc.title, doc.publisher, cleaned)
    doc.province = gazetteer().at_level(doc.place, "province") if doc.place else None
    m = _TITLE_YEAR.search(doc.title)
    doc.year = int(m.group(1)) if m else (int(doc.date[:4]) if doc.date else None)
    return doc


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


def find_title(text: str) -> str:
    """The first title-like line near the top; a title broken over lines is joined."""
    suffixes = tuple(s for s, _ in table("doc_types.tsv"))
    lines = [ln.strip(" \t\u3000") for ln in text.split("\n")[:40]]
    lines = [ln for ln in lines if ln]
    for i, line in enumerate(lines[:15]):
        if not _is_title_line(line) or not re.search(r"[\u4e00-\u9fff]{2}", line):
            continue
        if line.endswith(suffixes):
            return line
        joined = line
        for nxt in lines[i + 1: i + 4]:
            if not _is_title_line(nxt) or re.search(r"〔\d{4}〕|^\d", nxt):
                break
            joined += nxt
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
    for line in text.split("\n")[:80]:
        line = line.strip(" \t\u3000()（）")
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
    if re.match(r"(国务院|中共中央|全国人民代表大会)", title or publisher):
        return gaz.country
    return None
