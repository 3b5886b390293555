"""Loads the word lists and tables under `kg/data/`: rules live there, not in code.

Every file is UTF-8; `#` starts a comment line; blank lines are skipped. Lists hold one item
per line; tables are tab-separated.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files("kg") / "data"))


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-item-per-line list, e.g. `word_list("place_stopwords.txt")`."""
    return tuple(ln.strip() for ln in _lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table; missing trailing cells come back as empty strings."""
    rows = [tuple(cell.strip() for cell in ln.split("\t")) for ln in _lines(name)]
    width = max((len(r) for r in rows), default=0)
    return tuple(r + ("",) * (width - len(r)) for r in rows)


def split_cell(cell: str) -> list[str]:
    """A comma-separated cell as a list."""
    return [c.strip() for c in cell.split(",") if c.strip()]
