"""Schema of marsad's own gold set of quotes and events: records, field checks, and
:func:`load_gold` (the JSON Lines files of ``marsad/eval/data/events``, without the texts).

The texts and the anchor check are in :mod:`marsad.eval.events_data`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError

__all__ = [
    "DATA_DIR",
    "EventArgument",
    "EventDate",
    "EventsGold",
    "GoldArticle",
    "GoldDataError",
    "GoldEvent",
    "GoldQuote",
    "GoldSpan",
    "anchor_of",
    "load_gold",
]

logger = logging.getLogger(__name__)

SPLITS = frozenset({"dev", "heldout"})
DATA_DIR = Path(__file__).with_name("data") / "events"
REPO_ROOT = Path(__file__).resolve().parents[2]

CORPORA = frozenset({"saudinewsnet", "ant", "seeds"})
TOPICS = frozenset({"diplomacy", "economy", "conflict"})
STATUSES = frozenset({"occurred", "ongoing", "planned", "expected", "cancelled", "denied"})
EVENT_TYPES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
)
SPEAKER_KINDS = frozenset({"name", "role", "anaphor"})
GRANULARITIES = frozenset({"time", "day", "week", "month", "season", "year"})


class GoldDataError(MarsadError):
    """A gold file that does not parse, or a span whose anchor does not match the text."""


def anchor_of(text: str) -> str:
    """The anchor of a span: its first three whitespace-separated words, joined by one space.

    >>> anchor_of("  قال وزير الخارجية السعودي ")
    'قال وزير الخارجية'
    """
    return " ".join(text.split()[:3])


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """Character offsets ``[start, end)`` into the article text, with the anchor words."""

    start: int
    end: int
    anchor: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article: where its text is, when it was published, what it is about."""

    article_id: str
    corpus: str
    archive: str | None  # relative to the shared data root; None for seeds
    member: str  # archive member, or the seed's path relative to the repository
    index: int | None  # position in the SaudiNewsNet JSON array
    key: str  # SaudiNewsNet URL, ANT DOCNO or seed file name
    outlet: str | None
    published: str  # ISO date that relative dates are resolved against
    published_from: str  # date_extracted, TIME, text or context
    topic: str
    text_length: int
    text_sha256: str
    split: str | None = None  # dev or heldout, fixed at annotation time (v2 batches); None: v1


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quote: the reported content span, its speaker and (when present) the cue word."""

    quote_id: str
    article_id: str
    span: GoldSpan
    direct: bool
    speaker: str  # canonical English name, or an English role description
    speaker_kind: str  # name, role or anaphor
    speaker_span: GoldSpan
    cue: GoldSpan | None


@dataclass(frozen=True, slots=True)
class EventArgument:
    """An actor, target or location: canonical English name and its mention in the text."""

    name: str
    span: GoldSpan


@dataclass(frozen=True, slots=True)
class EventDate:
    """The resolved date (ISO value, ``a/b`` for ranges) and the expression it came from."""

    value: str
    granularity: str
    span: GoldSpan | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One mention of a real-world event in one article; ``event_id`` is shared across articles."""

    mention_id: str
    event_id: str
    article_id: str
    type: str
    mode: str | None
    status: str
    trigger: GoldSpan
    actors: tuple[EventArgument, ...]
    targets: tuple[EventArgument, ...]
    location: EventArgument | None
    date: EventDate | None
    label: str


@dataclass(frozen=True, slots=True)
class EventsGold:
    """The whole gold set."""

    articles: tuple[GoldArticle, ...]
    quotes: tuple[GoldQuote, ...]
    events: tuple[GoldEvent, ...]

    def article(self, article_id: str) -> GoldArticle:
        """The article with this id (raises :class:`GoldDataError` when unknown)."""
        for a in self.articles:
            if a.article_id == article_id:
                return a
        raise GoldDataError(f"unknown article id {article_id!r}")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise GoldDataError(f"{path}: gold file missing")
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldDataError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(row, dict):
            raise GoldDataError(f"{path}:{n}: expected an object, got {type(row).__name__}")
        rows.append(row)
    return rows


def _field(row: Mapping[str, Any], name: str, kind: type | tuple[type, ...], where: str) -> Any:
    if name not in row:
        raise GoldDataError(f"{where}: field {name!r} missing")
    value = row[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise GoldDataError(f"{where}: field {name!r} has type {type(value).__name__}")
    return value


def _choice(value: Any, allowed: frozenset[str], name: str, where: str) -> str:
    if value not in allowed:
        raise GoldDataError(f"{where}: {name} {value!r} is not one of {sorted(allowed)}")
    return str(value)


def _span(row: Any, where: str) -> GoldSpan:
    if not isinstance(row, dict):
        raise GoldDataError(f"{where}: expected a span object, got {row!r}")
    start = _field(row, "start", int, where)
    end = _field(row, "end", int, where)
    anchor = _field(row, "anchor", str, where)
    if not 0 <= start < end:
        raise GoldDataError(f"{where}: bad offsets {start}..{end}")
    if not anchor or len(anchor.split()) > 3:
        raise GoldDataError(f"{where}: anchor {anchor!r} must be 1-3 words")
    return GoldSpan(start, end, anchor)


def _argument(row: Any, where: str) -> EventArgument:
    if not isinstance(row, dict):
        raise GoldDataError(f"{where}: expected an argument object, got {row!r}")
    return EventArgument(_field(row, "name", str, where), _span(row, where))


def _article(row: dict[str, Any], where: str) -> GoldArticle:
    corpus = _choice(row.get("corpus"), CORPORA, "corpus", where)
    published = _field(row, "published", str, where)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        raise GoldDataError(f"{where}: published {published!r} is not YYYY-MM-DD")
    index = row.get("index")
    if corpus == "saudinewsnet" and not isinstance(index, int):
        raise GoldDataError(f"{where}: a SaudiNewsNet article needs an integer index")
    archive = row.get("archive")
    if corpus != "seeds" and not isinstance(archive, str):
        raise GoldDataError(f"{where}: a {corpus} article needs an archive path")
    return GoldArticle(
        article_id=_field(row, "article_id", str, where),
        corpus=corpus,
        archive=archive,
        member=_field(row, "member", str, where),
        index=index,
        key=_field(row, "key", str, where),
        outlet=row.get("outlet"),
        published=published,
        published_from=_field(row, "published_from", str, where),
        topic=_choice(row.get("topic"), TOPICS, "topic", where),
        text_length=_field(row, "text_length", int, where),
        text_sha256=_field(row, "text_sha256", str, where),
        split=_choice(row["split"], SPLITS, "split", where) if row.get("split") else None,
    )


def _quote(row: dict[str, Any], where: str) -> GoldQuote:
    cue = row.get("cue")
    return GoldQuote(
        quote_id=_field(row, "quote_id", str, where),
        article_id=_field(row, "article_id", str, where),
        span=_span(row, where),
        direct=_field(row, "direct", bool, where),
        speaker=_field(row, "speaker", str, where),
        speaker_kind=_choice(row.get("speaker_kind"), SPEAKER_KINDS, "speaker_kind", where),
        speaker_span=_span(row.get("speaker_span"), where + " speaker_span"),
        cue=None if cue is None else _span(cue, where + " cue"),
    )


def _event(row: dict[str, Any], where: str) -> GoldEvent:
    date_row = row.get("date")
    date: EventDate | None = None
    if date_row is not None:
        if not isinstance(date_row, dict):
            raise GoldDataError(f"{where}: date must be an object or null")
        gran = _choice(date_row.get("granularity"), GRANULARITIES, "granularity", where)
        value = _field(date_row, "value", str, where + " date")
        dspan = None
        if date_row.get("start") is not None:
            dspan = _span(date_row, where + " date")
        date = EventDate(value, gran, dspan)
    location = row.get("location")
    actors = _field(row, "actors", list, where)
    targets = _field(row, "targets", list, where)
    return GoldEvent(
        mention_id=_field(row, "mention_id", str, where),
        event_id=_field(row, "event_id", str, where),
        article_id=_field(row, "article_id", str, where),
        type=_choice(row.get("type"), EVENT_TYPES, "type", where),
        mode=row.get("mode"),
        status=_choice(row.get("status"), STATUSES, "status", where),
        trigger=_span(row.get("trigger"), where + " trigger"),
        actors=tuple(_argument(a, f"{where} actor {i}") for i, a in enumerate(actors)),
        targets=tuple(_argument(a, f"{where} target {i}") for i, a in enumerate(targets)),
        location=None if location is None else _argument(location, where + " location"),
        date=date,
        label=_field(row, "label", str, where),
    )


def load_gold(data_dir: Path = DATA_DIR) -> EventsGold:
    """Parse and type-check the three gold files (no article text is read).

    Args:
        data_dir: the folder holding ``articles.jsonl``, ``quotes.jsonl`` and ``events.jsonl``.

    Returns:
        The gold set, in file order.

    Raises:
        GoldDataError: a file is missing, a row is malformed, an id is duplicated, or a quote or
            event names an article that is not listed.

    Example:
        >>> gold = load_gold()
        >>> len(gold.articles) >= 45
        True
    """
    articles = tuple(
        _article(r, f"articles.jsonl:{n}")
        for n, r in enumerate(_read_jsonl(data_dir / "articles.jsonl"), 1)
    )
    quotes = tuple(
        _quote(r, f"quotes.jsonl:{n}")
        for n, r in enumerate(_read_jsonl(data_dir / "quotes.jsonl"), 1)
    )
    events = tuple(
        _event(r, f"events.jsonl:{n}")
        for n, r in enumerate(_read_jsonl(data_dir / "events.jsonl"), 1)
    )
    ids = [a.article_id for a in articles]
    if len(set(ids)) != len(ids):
        raise GoldDataError("articles.jsonl: duplicate article ids")
    known = set(ids)
    for kind, item_ids, refs in (
        ("quote", [q.quote_id for q in quotes], [q.article_id for q in quotes]),
        ("event", [e.mention_id for e in events], [e.article_id for e in events]),
    ):
        if len(set(item_ids)) != len(item_ids):
            raise GoldDataError(f"duplicate {kind} ids")
        for ref in refs:
            if ref not in known:
                raise GoldDataError(f"a {kind} refers to unknown article {ref!r}")
    return EventsGold(articles, quotes, events)
