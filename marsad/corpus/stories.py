"""Stories: articles about the same real-world happening, grouped incrementally.

Each article becomes a :class:`StoryDoc`: a TF-IDF vector over the matching keys of its title
(counted twice) and lead, weighted with inverse frequencies from the shipped word counts, the
set of entities it mentions, the specific days its text names ("27 و28 نوفمبر", with or without
a year), the events it reports (type, participant entities, date) and its publication day.

:class:`StoryClusterer` adds articles one at a time in date order: an article joins the story it
is most similar to, among stories active within ``window_days`` of its date, when the similarity
reaches ``threshold``; otherwise it opens a new story. The similarity is the cosine to the
story's centroid plus three bonuses, each bounded: the share of the article's entities the story
mentions, a named day the story also names (a year-less "27 نوفمبر" agrees with any year), and
an event the story also reports (same type, a shared participant and compatible dates). Each
bonus is a weighted feature, not a rule, so a noisy event or date alone cannot join two stories.
Two visits by the same people a year apart therefore never share a story, whatever their words.

An undated article is compared with every story (or, when its text names days with a year, with
the stories near the latest of them) and takes its time from the story it joins: it does not
stretch the story's span, and :meth:`StoryClusterer.span_of` gives it the story's dates.

A story's state (:meth:`Story.to_state`) is plain JSON, so a store can keep it and a new batch
only loads the stories it may join (:mod:`marsad.store.stories`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from marsad.errors import ConfigError
from marsad.text.segment import tokenize, vocabulary

__all__ = [
    "EventKey",
    "Story",
    "StoryClusterer",
    "StoryDoc",
    "dates_compatible",
    "story_features",
]

_LEAD_WORDS = 120
_MIN_KEY_LEN = 3
#: a story keeps at most this many centroid terms and event keys in its state
_MAX_TERMS = 300
_MAX_EVENTS = 64
#: event dates closer than this many days are the same happening (as in marsad.corpus.events)
_EVENT_DAY_SLACK = 3
_EVENT_SHARED = 2
_UNKNOWN_YEAR = "XXXX"


@lru_cache(maxsize=1)
def _idf_scale() -> float:
    return float(max(vocabulary().values(), default=1))


def _idf(key: str) -> float:
    return math.log(1.0 + _idf_scale() / (vocabulary().get(key, 0) + 1.0))


def _normalize(vec: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def _parse_day(value: str | None) -> date | None:
    if not value or len(value) < 10 or value.startswith(_UNKNOWN_YEAR):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def dates_compatible(a: str | None, b: str | None, slack_days: int = 0) -> bool:
    """Whether two ISO date values can name the same day (or month).

    A value may have an unknown year (``XXXX-11-27``), which agrees with any year. Day values
    agree within ``slack_days``; a month value agrees with the days of that month. ``None``
    agrees with nothing (an undated mention is no evidence).

    Example:
        >>> dates_compatible("XXXX-11-27", "2024-11-27")
        True
        >>> dates_compatible("2025-11-27", "2024-11-27")
        False
    """
    if not a or not b or len(a) < 7 or len(b) < 7:
        return False
    ya, yb = a[:4], b[:4]
    if ya != yb and _UNKNOWN_YEAR not in (ya, yb):
        return False
    if len(a) >= 10 and len(b) >= 10:
        if slack_days:
            # an unknown year takes the other's (a leap year when both are unknown)
            year = yb if ya == _UNKNOWN_YEAR else ya
            year = "2000" if year == _UNKNOWN_YEAR else year
            da, db = _parse_day(year + a[4:10]), _parse_day(year + b[4:10])
            if da and db:
                return abs((da - db).days) <= slack_days
        return a[4:10] == b[4:10]
    return a[4:7] == b[4:7]


@dataclass(frozen=True, slots=True)
class EventKey:
    """What a story needs of one event mention: its type, participants and date."""

    type: str
    entities: frozenset[str]
    start: str | None

    def matches(self, other: EventKey) -> bool:
        """Same type, two shared participants and compatible (known) dates.

        One shared participant is not enough: extracted events are noisy, and on the labelled
        set a single shared actor (a country, a president) joined unrelated stories.
        """
        return (
            self.type == other.type
            and len(self.entities & other.entities) >= _EVENT_SHARED
            and dates_compatible(self.start, other.start, _EVENT_DAY_SLACK)
        )


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """The features of one article."""

    id: str
    day: date | None
    terms: dict[str, float]  # L2-normalized TF-IDF
    entities: frozenset[str]
    title: str
    dates: frozenset[str] = frozenset()  # named days: YYYY-MM-DD or XXXX-MM-DD
    events: tuple[EventKey, ...] = ()

    @property
    def when(self) -> date | None:
        """The publication day, else the latest day with a year that the text names."""
        if self.day is not None:
            return self.day
        named = [d for d in map(_parse_day, self.dates) if d is not None]
        return max(named) if named else None


def story_features(
    doc_id: str,
    title: str,
    text: str,
    day: date | None,
    entities: Iterable[str] = (),
    *,
    dates: Iterable[str] = (),
    events: Iterable[EventKey] = (),
) -> StoryDoc:
    """The features of one article (the map step of story clustering).

    Args:
        doc_id: the article's id.
        title: its title ("" when it has none); its words count twice.
        text: its text; the first words (the lead) are used.
        day: its publication day, if known.
        entities: ids of the entities it mentions.
        dates: the specific days it names, as ISO values (``XXXX`` for an unknown year).
        events: the events it reports.

    Returns:
        The article's :class:`StoryDoc`.

    Example:
        >>> story_features("a", "بوتين في أستانا", "", None, dates=["XXXX-11-27"]).dates
        frozenset({'XXXX-11-27'})
    """
    counts: dict[str, float] = {}
    for weight, part in ((2.0, title), (1.0, text)):
        words = [t.key for t in tokenize(part) if t.is_word and len(t.key) >= _MIN_KEY_LEN]
        for key in words[:_LEAD_WORDS]:
            if not key.isdigit():
                counts[key] = counts.get(key, 0.0) + weight
    vec = {k: (1.0 + math.log(c)) * _idf(k) for k, c in counts.items()}
    day_values = frozenset(d[:10] for d in dates if len(d) >= 10)
    return StoryDoc(
        doc_id, day, _normalize(vec), frozenset(entities), title, day_values, tuple(events)
    )


@dataclass(slots=True)
class Story:
    """One story: its documents and the aggregate features new articles are compared with."""

    id: str
    docs: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    events: list[EventKey] = field(default_factory=list)
    size: int = 0  # documents absorbed (``docs`` may hold only this batch's when loaded)

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""

    def absorb(self, doc: StoryDoc) -> None:
        """Add ``doc``: update the centroid, counts and (for a dated doc) the time span."""
        n = self.size
        merged = {k: v * n for k, v in self.centroid.items()}
        for k, v in doc.terms.items():
            merged[k] = merged.get(k, 0.0) + v
        if len(merged) > _MAX_TERMS:
            merged = dict(sorted(merged.items(), key=lambda kv: -kv[1])[:_MAX_TERMS])
        self.centroid = _normalize(merged)
        self.size += 1
        self.docs.append(doc.id)
        self.titles.append(doc.title)
        self.entities.update(doc.entities)
        self.dates.update(doc.dates)
        self.events = (self.events + list(doc.events))[-_MAX_EVENTS:]
        if doc.day is not None:
            self.first = doc.day if self.first is None else min(self.first, doc.day)
            self.last = doc.day if self.last is None else max(self.last, doc.day)

    def to_state(self) -> dict[str, Any]:
        """The story's state as JSON-ready data (without its document list)."""
        return {
            "title": self.title,
            "size": self.size,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "centroid": self.centroid,
            "entities": dict(self.entities),
            "dates": dict(self.dates),
            "events": [[e.type, sorted(e.entities), e.start] for e in self.events],
        }

    @classmethod
    def from_state(cls, story_id: str, state: Mapping[str, Any]) -> Story:
        """The story saved by :meth:`to_state`; its ``docs`` list starts empty."""
        first, last = state.get("first"), state.get("last")
        return cls(
            story_id,
            titles=[str(state["title"])] if state.get("title") else [],
            first=date.fromisoformat(first) if first else None,
            last=date.fromisoformat(last) if last else None,
            centroid={str(k): float(v) for k, v in state.get("centroid", {}).items()},
            entities=Counter({str(k): int(v) for k, v in state.get("entities", {}).items()}),
            dates=Counter({str(k): int(v) for k, v in state.get("dates", {}).items()}),
            events=[
                EventKey(str(t), frozenset(map(str, ents)), s)
                for t, ents, s in state.get("events", [])
            ],
            size=int(state.get("size", 0)),
        )

    def top_terms(self, n: int = 20) -> list[str]:
        """The ``n`` heaviest centroid terms (keys for finding candidate stories)."""
        return [k for k, _ in sorted(self.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


class StoryClusterer:
    """Incremental story clustering (add articles in date order).

    Args:
        threshold: the similarity an article needs to join a story, in (0, 1].
        window_days: a dated article only joins stories active within this many days.
        entity_weight: bonus weight of the share of the article's entities the story mentions.
        date_weight: bonus for a specific day the article and the story both name.
        event_weight: bonus for an event the article and the story both report.

    Raises:
        ConfigError: a setting is out of range.

    Example:
        >>> c = StoryClusterer()
        >>> a = story_features("a", "زيارة بوتين إلى أستانا", "وصل بوتين إلى أستانا", None)
        >>> c.add(a) == c.add(story_features("b", "بوتين في أستانا", "وصل بوتين", None))
        True
    """

    def __init__(
        self,
        threshold: float = 0.3,
        window_days: int = 30,
        entity_weight: float = 0.15,
        date_weight: float = 0.1,
        event_weight: float = 0.1,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0.0, 1.0], got {threshold}")
        if window_days < 0:
            raise ConfigError(f"window_days must be >= 0, got {window_days}")
        for name, value in (
            ("entity_weight", entity_weight),
            ("date_weight", date_weight),
            ("event_weight", event_weight),
        ):
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be in [0.0, 1.0], got {value}")
        self.threshold = threshold
        self.window_days = window_days
        self.entity_weight = entity_weight
        self.date_weight = date_weight
        self.event_weight = event_weight
        self.stories: dict[str, Story] = {}
        self.assignment: dict[str, str] = {}
        self.undated: set[str] = set()

    def _active(self, day: date | None) -> Iterable[Story]:
        for story in self.stories.values():
            if day is None or story.last is None or story.first is None:
                yield story
                continue
            if (
                story.first - timedelta(self.window_days)
                <= day
                <= story.last + timedelta(self.window_days)
            ):
                yield story

    def similarity(
        self, doc: StoryDoc, story: Story, day_weights: Mapping[str, float] | None = None
    ) -> float:
        """Cosine to the story's centroid plus the entity, date and event bonuses.

        ``day_weights`` weighs each day ``doc`` names (default 1.0): :meth:`best_story` gives a
        day named by k candidate stories 1/k, so a day every story names places nothing.
        """
        sim = sum(v * story.centroid.get(k, 0.0) for k, v in doc.terms.items())
        if doc.entities and story.entities:
            shared = sum(1 for e in doc.entities if e in story.entities)
            sim += self.entity_weight * shared / len(doc.entities)
        if self.date_weight and doc.day is None and doc.dates and story.dates:
            # an undated article: the days it names that the story also names place it in
            # time (a dated one has the window; in a busy week the days named by unrelated
            # articles coincide, so they would only add noise there)
            weights = day_weights or {}
            shared_days = sum(
                weights.get(d, 1.0)
                for d in doc.dates
                if any(dates_compatible(d, s) for s in story.dates)
            )
            sim += self.date_weight * shared_days / len(doc.dates)
        if (
            self.event_weight
            and doc.events
            and story.events
            and any(e.matches(s) for e in doc.events for s in story.events)
        ):
            sim += self.event_weight
        return sim

    def best_story(self, doc: StoryDoc) -> tuple[Story | None, float]:
        """The story ``doc`` would join (``None``: a new one) and its similarity."""
        active = list(self._active(doc.when))
        day_weights: dict[str, float] = {}
        if doc.day is None and doc.dates:
            for d in doc.dates:
                k = sum(1 for st in active if any(dates_compatible(d, s) for s in st.dates))
                day_weights[d] = 1.0 / k if k else 0.0
        best, best_sim = None, self.threshold
        for story in active:
            sim = self.similarity(doc, story, day_weights)
            if sim > best_sim or (sim == best_sim and best is None):
                best, best_sim = story, sim
        return best, best_sim

    def add(self, doc: StoryDoc, story_id: str | None = None) -> str:
        """Put ``doc`` in a story (an existing one or a new one); return the story id.

        ``story_id`` replays an assignment made earlier (rebuilding the state from a store).
        """
        if doc.id in self.assignment:
            return self.assignment[doc.id]
        if story_id is not None:
            best = self.stories.setdefault(story_id, Story(story_id))
        else:
            found, _ = self.best_story(doc)
            if found is None:
                sid = "S-" + hashlib.sha256(doc.id.encode()).hexdigest()[:10]
                found = self.stories[sid] = Story(sid)
            best = found
        best.absorb(doc)
        self.assignment[doc.id] = best.id
        if doc.day is None:
            self.undated.add(doc.id)
        return best.id

    def add_all(self, docs: Sequence[StoryDoc]) -> dict[str, str]:
        """Add ``docs`` in date order (undated last); the doc -> story assignment."""
        for doc in sorted(docs, key=_date_order):
            self.add(doc)
        return dict(self.assignment)

    def span_of(self, doc_id: str) -> tuple[date | None, date | None]:
        """The time of an added document: its story's span (an undated doc takes it).

        Raises:
            ConfigError: ``doc_id`` was never added.
        """
        if doc_id not in self.assignment:
            raise ConfigError(f"document {doc_id!r} is in no story: add it first")
        story = self.stories[self.assignment[doc_id]]
        return story.first, story.last


def _date_order(doc: StoryDoc) -> tuple[bool, date, str]:
    return (doc.day is None, doc.day or date.min, doc.id)
