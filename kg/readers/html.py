"""HTML: markup → text. Scripts, styles and the head are dropped, block elements become line
breaks, and the page's <title> and the metadata tags Chinese government sites publish
(ArticleTitle, PubDate, ContentSource) fill in what the text does not say."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.readers import Extracted
from kg.readers.text import decode

# <meta name=…> → field; the first tag found for a field wins.
_META_FIELDS = {"articletitle": "title", "title": "title", "dc.title": "title",
                "pubdate": "date", "firstpublishedtime": "date", "dc.date": "date",
                "contentsource": "author", "author": "author", "dc.publisher": "author"}


class _TextExtractor(HTMLParser):
    BLOCK = {"p", "br", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
             "article", "title", "ul", "ol", "header", "footer", "td"}
    SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            field = _META_FIELDS.get(a.get("name", "").lower())
            if field and a.get("content", "").strip():
                self.meta.setdefault(field, a["content"].strip())
            return
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


def read(path: Path) -> Extracted:
    return parse(decode(path.read_bytes(), path), path)


def parse(markup: str, path: object = "<html>") -> Extracted:
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as e:  # html.parser gives up on some broken markup
        raise InputError(path, f"cannot parse HTML: {e}") from None
    text = re.sub(r"\n[ \t\u3000]*(?=\n)", "\n", "".join(parser.parts))
    title = parser.meta.get("title") or " ".join("".join(parser.title).split())
    return Extracted(text, title=title, author=parser.meta.get("author", ""), date=parser.meta.get("date", ""))


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
