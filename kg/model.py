"""Data classes passed between the pipeline stages.

A `Document` flows through ingest → segment → recognise → resolve → link; each stage adds to
it. Offsets are character offsets into `Document.text` (the cleaned text), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    AGENCY = "Agency"
    ORGANIZATION = "Organization"
    REGULATION = "Regulation"
    PROGRAM = "Program"
    PLACE = "Place"


@dataclass(frozen=True, slots=True)
class Section:
    index: int
    number: str  # as written: 一、 (一) 1.
    heading: str
    level: int  # 1 for 一、, 2 for (一), 3 for 1.
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    section: int  # index into Document.sections, -1 before the first heading


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place from the gazetteer: GB/T 2260 code, full name and level."""

    code: str
    name: str
    level: str  # country, province, city, county, town, region
    parent: str  # parent code, "" for top level


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names an entity, before or after resolution."""

    type: EntityType
    text: str
    start: int
    end: int
    canonical: str = ""  # filled by resolve
    kind: str = ""  # regulation kind, place level, program kind …
    place_code: str = ""  # for places: the gazetteer code
    source: str = ""  # which recogniser found it


@dataclass(slots=True)
class Entity:
    type: EntityType
    name: str  # canonical name
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    kind: str = ""
    place_code: str = ""

    @property
    def key(self) -> tuple[EntityType, str]:
        return (self.type, self.name)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str
    text: str
    start: int
    end: int
    approx: str = ""  # 余, 超过, 近 …
    about: str = ""  # the thing counted, as written
    about_entity: tuple[EntityType, str] | None = None
    as_of: str = ""  # ISO date the figure holds at, when the text gives one


@dataclass(frozen=True, slots=True)
class Relation:
    subject: tuple[EntityType, str]
    predicate: str  # jurisdiction, subOrganizationOf, partOf, cooperatesWith, issuedBy
    object: tuple[EntityType, str]
    start: int = -1  # the evidence span, -1 when the relation comes from the gazetteer
    end: int = -1
    basis: str = "text"  # text, naming, gazetteer


@dataclass(frozen=True, slots=True)
class Event:
    regulation: tuple[EntityType, str]
    action: str  # issued, amended, repealed, drafting, planned
    trigger: str
    start: int
    end: int
    date: str = ""  # year or ISO date
    agent: tuple[EntityType, str] | None = None


@dataclass(slots=True)
class Document:
    id: str  # stable slug from the file name
    source: str  # the path it was read from
    text: str
    title: str = ""
    publisher: str = ""  # as written in the header
    publisher_key: tuple[EntityType, str] | None = None  # the publishing agency, once resolved
    date: str = ""  # ISO date of publication
    year: int | None = None  # the year the document reports on
    place: PlaceRef | None = None
    province: PlaceRef | None = None
    doc_type: str = ""
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[tuple[EntityType, str], Entity] = field(default_factory=dict)
    quantities: list[Quantity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # results one recogniser computes and others reuse while a document is recognised (its places,
    # its jieba tokens); emptied when recognition ends, so it never reaches a cache or the graph
    shared: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset (binary search over sorted sentences)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None
