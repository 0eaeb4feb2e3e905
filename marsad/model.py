"""The data model that flows through every stage.

A :class:`Document` holds the immutable raw text as it was read, the cleaned ``text`` that every
annotation indexes into, and one tuple per annotation layer. Stages never mutate a document: they
return a copy with one more layer filled (``dataclasses.replace``). Every annotation is a span
with character offsets into ``Document.text``; ``Document.to_raw`` maps them back to ``raw``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

__all__ = [
    "Document",
    "Entity",
    "EntityMention",
    "EventMention",
    "Metadata",
    "OffsetMap",
    "Participant",
    "Provenance",
    "Quantity",
    "Quote",
    "RemovedSpan",
    "Sentence",
    "TimeExpression",
    "Token",
    "content_id",
]

PublishedFrom = Literal["metadata", "text"]


def content_id(text: str) -> str:
    """The id of a document: the first 16 hex digits of the SHA-256 of its raw text.

    >>> content_id("abc")
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from: a path or URL, when it was read and how it was decoded."""

    source: str
    kind: Literal["file", "url", "feed", "jsonl", "stdin"]
    fetched_at: str
    encoding: str = "utf-8"
    line: int | None = None  # line number inside a JSON Lines file


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document besides its text. Unknown fields are ``None``."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_from: PublishedFrom | None = None
    author: str | None = None
    site: str | None = None
    credited_source: str | None = None  # the outlet or agency credited in a source line
    original_url: str | None = None  # the URL given in a source line


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps a derived text back to the text it was derived from.

    Derived character ``i`` came from source characters ``[starts[i], ends[i])``. A derivation
    that drops characters (diacritics, tatweel) extends the previous character's end over them,
    one that expands a character (a ligature into two letters) gives both the same source span,
    and one that removes whole lines (cleaning) leaves a gap, so a derived span never claims
    removed text.

    >>> m = OffsetMap((0, 2), (2, 3))  # "ab" from "aXb" with X dropped after a
    >>> m.span(0, 2)
    (0, 3)
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    source_length: int = -1

    def __post_init__(self) -> None:
        if len(self.starts) != len(self.ends):
            raise ValueError(f"offset map has {len(self.starts)} starts but {len(self.ends)} ends")

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering derived ``[start, end)``."""
        n = len(self.starts)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}..{end} outside 0..{n}")
        if start == end:
            if start < n:
                return self.starts[start], self.starts[start]
            tail = self.ends[-1] if n else 0
            return tail, tail
        return self.starts[start], self.ends[end - 1]

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls(tuple(range(n)), tuple(range(1, n + 1)), n)


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A span of the raw text that cleaning took out of the analysed text, and why."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace/punctuation token; ``stem_start`` is where its proclitics end.

    For "وموسكو" ``prefix`` is "و" and ``stem_start`` is ``start + 1``; ``key`` is the folded
    matching key of the stem (see :func:`marsad.text.normalize.match_key`).
    """

    start: int
    end: int
    text: str
    stem_start: int
    key: str
    is_word: bool = True

    @property
    def prefix(self) -> str:
        return self.text[: self.stem_start - self.start]

    @property
    def stem(self) -> str:
        return self.text[self.stem_start - self.start :]


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, LOC, MISC
    entity: str | None = None  # canonical entity id once resolved
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: from the knowledge base, or a cluster of mentions of an unknown name."""

    id: str  # "wd:Q159" for Wikidata-backed entities, "kb:..." for KB entries, "x:..." otherwise
    type: str
    name: str  # canonical Arabic name
    name_en: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str  # ISO 8601 / TIMEX3-style value, e.g. 2025-11-11, 2025-W46, P2D
    granularity: str  # day, month, year, week, season, duration, time, ...
    kind: str = "date"  # date, duration, time, set
    anchor: str | None = None  # the reference date the value was resolved against
    end_value: str | None = None  # for ranges
    #: TIMEX3 ``mod``: START, MID or END when the text names a part of the period ("مطلع
    #: آذار/مارس" is START of March, its value the days it covers)
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # a unit code: km, USD, percent, t, ...
    approx: bool = False
    lower: float | None = None
    upper: float | None = None
    kind: str = "number"  # number, ordinal, money, percent, measure
    equivalent: tuple[float, str] | None = None  # "7500 كيلومتر (4650 ميلًا)"


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None = None  # entity id
    speaker_span: tuple[int, int] | None = None
    cue: str | None = None
    direct: bool = True


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor, target or location: entity id and the mention it was read from."""

    entity: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one article reports it; offsets index into ``Document.text``."""

    doc: str
    type: str
    mode: str | None
    status: str
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    location: Participant | None
    start: str | None  # ISO date value
    end: str | None
    granularity: str | None
    trigger: tuple[int, int]
    evidence: tuple[int, int]  # the sentence
    trigger_text: str = ""
    evidence_text: str = ""
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``raw`` never changes; ``text`` is the cleaned text offsets index into.

    ``clean_map`` maps offsets of ``text`` back to ``raw`` (identity until cleaning runs).
    """

    raw: str
    provenance: Provenance
    metadata: Metadata = Metadata()
    text: str = ""
    clean_map: OffsetMap | None = None
    removed: tuple[RemovedSpan, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[EventMention, ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.raw))
        if not self.text and self.clean_map is None:
            object.__setattr__(self, "text", self.raw)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``raw`` it came from."""
        if self.clean_map is None:
            return start, end
        return self.clean_map.span(start, end)

    def with_(self, **changes: object) -> Document:
        """A copy with some fields replaced (the way stages add layers)."""
        return replace(self, **changes)  # type: ignore[arg-type]
