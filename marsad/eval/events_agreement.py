"""Agreement between two annotations of the same articles: how far the gold set's own
figures can be trusted, and where a target such as "event F1 0.65" stands against people.

``marsad/eval/data/events/second`` holds a second, blind annotation of twelve dev articles
(annotators who read the guidelines but not the gold rows). :func:`agreement` scores it against
the gold set with the criteria of :func:`marsad.eval.events.score`: quotes by span overlap and
speaker, events by type, actor set and date; precision reads the second annotation as the
prediction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.eval.events import (
    PRF,
    _match_greedy,
    _name_key,
    _overlap,
    _same_span,
    _trigger_first,
    gold_start,
)
from marsad.eval.events_data import EventsGold, GoldEvent, GoldQuote
from marsad.eval.events_schema import DATA_DIR, EventArgument

__all__ = ["SECOND_DIR", "Agreement", "agreement"]

SECOND_DIR = DATA_DIR / "second"


@dataclass(frozen=True, slots=True)
class Agreement:
    quotes_speaker: PRF
    events_type: PRF
    events_actors: PRF
    events_full: PRF
    events_targets: PRF  # type, actors and targets (not the date)


def _span(x: EventArgument | GoldQuote) -> tuple[int, int]:
    return x.span.start, x.span.end


def _same_arg(raw: str, a: EventArgument, b: EventArgument) -> bool:
    return _name_key(a.name) == _name_key(b.name) or _same_span(raw, _span(a), _span(b))


def _same_actors(raw: str, xs: Sequence[EventArgument], ys: Sequence[EventArgument]) -> bool:
    return all(any(_same_arg(raw, x, y) for y in ys) for x in xs) and all(
        any(_same_arg(raw, x, y) for x in xs) for y in ys
    )


def _event_pairs(
    raw: str,
    second: Sequence[GoldEvent],
    first: Sequence[GoldEvent],
    level: int,
    targets: bool = False,
) -> list[tuple[int, int]]:
    return _trigger_first(
        (i, j, _overlap((a.trigger.start, a.trigger.end), (b.trigger.start, b.trigger.end)))
        for i, a in enumerate(second)
        for j, b in enumerate(first)
        if a.type == b.type
        and (level < 1 or _same_actors(raw, a.actors, b.actors))
        and (level < 2 or gold_start(a) == gold_start(b))
        and (not targets or _same_actors(raw, a.targets, b.targets))
    )


def _quote_pairs(second: Sequence[GoldQuote], first: Sequence[GoldQuote]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(second)
        for j, b in enumerate(first)
        if _overlap(_span(a), _span(b))
        and (
            _name_key(a.speaker) == _name_key(b.speaker)
            or _overlap(
                (a.speaker_span.start, a.speaker_span.end),
                (b.speaker_span.start, b.speaker_span.end),
            )
        )
    ]


def agreement(first: EventsGold, second: EventsGold, texts: dict[str, str]) -> Agreement:
    """Score ``second`` against ``first`` on the articles ``second`` annotates.

    Example:
        >>> from marsad.eval.events_data import EventsGold
        >>> agreement(EventsGold((), (), ()), EventsGold((), (), ()), {}).events_full.f1
        0.0
    """
    counts = {k: [0, 0, 0] for k in ("q", "t", "a", "f", "g")}
    for art in second.articles:
        aid, raw = art.article_id, texts[art.article_id]
        e1 = [e for e in first.events if e.article_id == aid]
        e2 = [e for e in second.events if e.article_id == aid]
        q1 = [q for q in first.quotes if q.article_id == aid]
        q2 = [q for q in second.quotes if q.article_id == aid]
        for key, pairs, n2, n1 in (
            ("q", _quote_pairs(q2, q1), len(q2), len(q1)),
            ("t", _event_pairs(raw, e2, e1, 0), len(e2), len(e1)),
            ("a", _event_pairs(raw, e2, e1, 1), len(e2), len(e1)),
            ("f", _event_pairs(raw, e2, e1, 2), len(e2), len(e1)),
            ("g", _event_pairs(raw, e2, e1, 1, targets=True), len(e2), len(e1)),
        ):
            counts[key][0] += _match_greedy(pairs)
            counts[key][1] += n2
            counts[key][2] += n1
    prf = {k: PRF(*v) for k, v in counts.items()}
    return Agreement(prf["q"], prf["t"], prf["a"], prf["f"], prf["g"])
