"""Stories: articles about the same real-world happening, grouped incrementally.

Each article becomes a :class:`StoryDoc`: a TF-IDF vector over the matching keys of its title
(counted twice) and lead, weighted with inverse frequencies from the shipped word counts, the
set of entities it mentions, and its date. :class:`StoryClusterer` adds articles one at a time
in date order: an article joins the story whose centroid it is most similar to, among stories
active within ``window_days`` of its date, when the similarity (cosine plus a bonus for shared
entities) reaches ``threshold``; otherwise it opens a new story. Two visits by the same people a
year apart therefore never share a story, whatever their words.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.text.segment import tokenize, vocabulary

__all__ = ["Story", "StoryClusterer", "StoryDoc", "story_features"]

_LEAD_WORDS = 120
_MIN_KEY_LEN = 3


@lru_cache(maxsize=1)
def _idf_scale() -> float:
    return float(max(vocabulary().values(), default=1))


def _idf(key: str) -> float:
    return math.log(1.0 + _idf_scale() / (vocabulary().get(key, 0) + 1.0))


def _normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


@dataclass(frozen=True, slots=True)
class StoryDoc:
    id: str
    day: date | None
    terms: dict[str, float]  # L2-normalized TF-IDF
    entities: frozenset[str]
    title: str


def story_features(
    doc_id: str, title: str, text: str, day: date | None, entities: Iterable[str] = ()
) -> StoryDoc:
    """The features of one article (the map step of story clustering)."""
    counts: dict[str, float] = {}
    for weight, part in ((2.0, title), (1.0, text)):
        words = [t.key for t in tokenize(part) if t.is_word and len(t.key) >= _MIN_KEY_LEN]
        for key in words[:_LEAD_WORDS]:
            if not key.isdigit():
                counts[key] = counts.get(key, 0.0) + weight
    vec = {k: (1.0 + math.log(c)) * _idf(k) for k, c in counts.items()}
    return StoryDoc(doc_id, day, _normalize(vec), frozenset(entities), title)


@dataclass(slots=True)
class Story:
    id: str
    docs: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    centroid: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)

    @property
    def title(self) -> str:
        return self.titles[0] if self.titles else ""

    def absorb(self, doc: StoryDoc) -> None:
        n = len(self.docs)
        merged = {k: v * n for k, v in self.centroid.items()}
        for k, v in doc.terms.items():
            merged[k] = merged.get(k, 0.0) + v
        self.centroid = _normalize(merged)
        self.docs.append(doc.id)
        self.titles.append(doc.title)
        self.entities.update(doc.entities)
        if doc.day is not None:
            self.first = doc.day if self.first is None else min(self.first, doc.day)
            self.last = doc.day if self.last is None else max(self.last, doc.day)


class StoryClusterer:
    """Incremental story clustering (add articles in date order).

    Example:
        >>> c = StoryClusterer()
        >>> a = story_features("a", "زيارة بوتين إلى أستانا", "وصل بوتين إلى أستانا", None)
        >>> c.add(a) == c.add(story_features("b", "بوتين في أستانا", "وصل بوتين", None))
        True
    """

    def __init__(
        self, threshold: float = 0.3, window_days: int = 30, entity_weight: float = 0.15
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0.0, 1.0], got {threshold}")
        if window_days < 0:
            raise ConfigError(f"window_days must be >= 0, got {window_days}")
        if not 0.0 <= entity_weight <= 1.0:
            raise ConfigError(f"entity_weight must be in [0.0, 1.0], got {entity_weight}")
        self.threshold = threshold
        self.window_days = window_days
        self.entity_weight = entity_weight
        self.stories: dict[str, Story] = {}
        self.assignment: dict[str, str] = {}

    def _active(self, day: date | None) -> Iterable[Story]:
        for story in self.stories.values():
            if day is None or story.last is None:
                yield story
                continue
            if abs((day - story.last).days) <= self.window_days:
                yield story

    def similarity(self, doc: StoryDoc, story: Story) -> float:
        cos = sum(v * story.centroid.get(k, 0.0) for k, v in doc.terms.items())
        if doc.entities and story.entities:
            shared = sum(1 for e in doc.entities if e in story.entities)
            cos += self.entity_weight * shared / len(doc.entities)
        return cos

    def add(self, doc: StoryDoc, story_id: str | None = None) -> str:
        """Put ``doc`` in a story (an existing one or a new one); return the story id.

        ``story_id`` replays an assignment made earlier (rebuilding the state from a store).
        """
        if doc.id in self.assignment:
            return self.assignment[doc.id]
        if story_id is not None:
            story = self.stories.setdefault(story_id, Story(story_id))
            story.absorb(doc)
            self.assignment[doc.id] = story_id
            return story_id
        best, best_sim = None, self.threshold
        for story in self._active(doc.day):
            sim = self.similarity(doc, story)
            if sim >= best_sim:
                best, best_sim = story, sim
        if best is None:
            sid = "S-" + hashlib.sha256(doc.id.encode()).hexdigest()[:10]
            best = self.stories[sid] = Story(sid)
        best.absorb(doc)
        self.assignment[doc.id] = best.id
        return best.id

    def add_all(self, docs: Sequence[StoryDoc]) -> dict[str, str]:
        """Add ``docs`` in date order (undated last); the doc -> story assignment."""
        for doc in sorted(docs, key=lambda d: (d.day is None, d.day or date.min, d.id)):
            self.add(doc)
        return dict(self.assignment)
