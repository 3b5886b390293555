"""Plain text and Markdown: bytes → str, whatever the encoding a crawler or an editor left.

UTF-8 (with or without BOM) and UTF-16 with a BOM are read as marked. Otherwise strict UTF-8 is
tried first (valid UTF-8 is almost never anything else); then GB18030, Big5 (cp950) and BOM-less
UTF-16 are each decoded and scored on how much of the result is common Chinese text, because
Big5 bytes usually decode as GB18030 too, into rare characters; UTF-8 with a few stray bytes
competes as well, its bad bytes replaced. A download cut inside its last character loses that
character only. Binary data is refused.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.readers import Extracted

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CANDIDATES = ("gb18030", "cp950", "big5hkscs", "utf-16-le", "utf-16-be")
_UTF8_LENIENT = "utf-8 (bad bytes replaced)"
_SCORE_BYTES = 64 * 1024  # candidates are scored on the head of the file
_MIN_SCORE = 0.8  # below this share of plausible characters no candidate is taken
_PLAIN = re.compile(r"[\x20-\x7e\s\u3000-\u303f\uff01-\uff5e\u2010-\u2027\u00b7]")


def read(path: Path) -> Extracted:
    text = decode(path.read_bytes(), path)
    markdown = path.suffix.lower() in (".md", ".markdown")
    if not markdown:
        from kg.readers import html  # here: html imports this module

        if html.looks_like_html(text):  # a saved web page named .txt
            return html.parse(text, path)
    return Extracted(text, markdown=markdown)


def decode(raw: bytes, path: object = "<bytes>") -> str:
    """Decode by BOM, then strict UTF-8, then the best-scoring legacy encoding; binary data is refused."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return _strict(raw[len(bom):] if enc == "utf-8" else raw, enc, path)
    try:
        text = _strict(raw, "utf-8", path)
    except InputError:
        text = _decode_legacy(raw, path)
    if "\x00" in text[:65536]:
        raise InputError(path, "binary file (NUL bytes), not a text document")
    if _control_ratio(text[:20000]) > 0.05:
        raise InputError(path, "binary file (control characters), not a text document")
    return text


def _decode_legacy(raw: bytes, path: object) -> str:
    head = raw[:_SCORE_BYTES]
    scored = []
    for enc in _CANDIDATES:
        if enc.startswith("utf-16") and len(raw) % 2:
            continue
        try:  # incremental: a character split at the end (of the head, or of a cut download) is not an error
            sample = codecs.getincrementaldecoder(enc)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(sample), enc))
    # UTF-8 with a few bad bytes (a GBK phrase pasted into a UTF-8 page) competes too
    scored.append((plausibility(head.decode("utf-8", errors="replace")), _UTF8_LENIENT))
    score, enc = max(scored, default=(0.0, ""))
    if score < _MIN_SCORE:
        if b"\x00" in head:
            raise InputError(path, "binary file (NUL bytes), not a text document")
        raise InputError(path, "cannot decode: not UTF-8, UTF-16, GB18030/GBK or Big5 text")
    if enc == _UTF8_LENIENT:
        text = raw.decode("utf-8", errors="replace")
        if text.count("\ufffd") > max(10, len(text) // 1000):
            raise InputError(path, "cannot decode: mostly UTF-8 but with many bytes in another encoding")
        return text
    return _strict(raw, enc, path)


@cache
def _common_han() -> frozenset[str]:
    """The 3,755 common characters of GB 2312 level 1, and their traditional forms."""
    from kg.textform import _traditional_table

    level1 = {bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)}
    traditional = {chr(t) for t, s in _traditional_table().items() if chr(s) in level1}
    return frozenset(level1 | traditional)


def plausibility(text: str) -> float:
    """Share of characters that are common Chinese, ASCII, whitespace or punctuation; a wrong
    decoding scores low (rare characters, replacement characters, controls)."""
    if not text:
        return 0.0
    common = _common_han()
    good = sum(1 for ch in text if ch in common or _PLAIN.match(ch))
    return good / len(text)


def _strict(raw: bytes, enc: str, path: object) -> str:
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as e:
        if e.end == len(raw) and e.reason in ("unexpected end of data", "truncated data", "incomplete multibyte sequence"):
            return raw[:e.start].decode(enc)  # a download cut inside its last character
        raise InputError(path, f"cannot decode as {enc}: {e.reason} at byte {e.start}") from None


# control characters (Unicode category Cc) other than line breaks, tabs and form feeds
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = len(_CONTROL.findall(text))
    return bad / len(text)
