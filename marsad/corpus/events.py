"""Cross-article events: mentions of one real-world happening folded into one event.

Written as a map and a fold so the local runner and Dask run the same code:
:func:`map_events` turns one document's mentions into single-mention groups, :func:`fold_events`
merges two lists of groups (associative up to group order), :func:`merge_events` reduces a
corpus. Two groups are one event when they have the same type and mode (a visit and its
hosting count as one), share a participant, and have compatible dates: day dates within three
days, a month date with a day in that month, an undated mention with a date within a month of
its publication; different years never merge, nor visits to different countries. The status is
the one of the latest report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from marsad.extract.event_args import entity_countries, entity_kinds
from marsad.extract.events import EventMention, event_months
from marsad.resources import load_json

__all__ = [
    "EventGroup",
    "event_date",
    "fold_events",
    "map_events",
    "merge_events",
    "to_export",
]

_DAY_SLACK = 3
_UNDATED_SLACK = 31
_SWAPPABLE = frozenset({"visit", "host"})
_GATHERINGS = frozenset({"meet", "phone"})


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One real-world event and the mentions that report it, in publication order."""

    type: str
    mode: str | None
    mentions: tuple[EventMention, ...]

    @property
    def participants(self) -> frozenset[str]:
        return frozenset(p.entity for m in self.mentions for p in m.actors + m.targets)

    @property
    def places(self) -> frozenset[str]:
        return frozenset(m.location.entity for m in self.mentions if m.location is not None)

    @property
    def latest(self) -> EventMention:
        return max(self.mentions, key=lambda m: m.published or "")

    @property
    def start(self) -> str | None:
        """The most precise anchored date of the mentions ("XXXX-11-27" is not anchored)."""
        dated = [m.start for m in self.mentions if m.start and "X" not in m.start]
        # the most precise, and of equally precise ones the first day (a visit's arrival)
        return min(dated, key=lambda d: (-len(d), d)) if dated else None

    @property
    def docs(self) -> tuple[str, ...]:
        """The documents that report the event, in publication order, each once."""
        return tuple(dict.fromkeys(m.doc for m in self.mentions))


def _day(value: str | None) -> dt.date | None:
    if value is None or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _partial_agree(da: str, db: str) -> bool:
    """Whether a partly known date ("XXXX-11-27") agrees with another on the parts it knows."""
    if da == "XXXX" or db == "XXXX":  # a relative date with no anchor cannot be placed
        return False
    return all(x == y or "X" in x + y for x, y in zip(da.split("-"), db.split("-"), strict=False))


def _dates_compatible(a: EventMention, b: EventMention) -> bool:
    da, db = a.start, b.start
    if da and db and ("X" in da or "X" in db):
        return _partial_agree(da, db)
    if da and db:
        if da[:4] != db[:4]:
            return False
        xa, xb = _day(da), _day(db)
        if xa and xb:
            return abs((xa - xb).days) <= _DAY_SLACK
        ma, mb = event_months(a), event_months(b)
        if ma is None or mb is None:  # a year alone, a week
            return len(da) < 7 or len(db) < 7 or da[:7] == db[:7]
        return ma[0] <= mb[1] and mb[0] <= ma[1]  # "في الخريف المقبل" and "في أكتوبر"
    ref_a = _day(da) or _day(a.published)
    ref_b = _day(db) or _day(b.published)
    if ref_a is None or ref_b is None:
        return True
    if (da or a.published or "")[:4] != (db or b.published or "")[:4]:
        return False
    return abs((ref_a - ref_b).days) <= _UNDATED_SLACK


def _travellers(g: EventGroup) -> frozenset[str]:
    """The core actors: for a hosting the guest (the visitor of the same trip)."""
    out: set[str] = set()
    for m in g.mentions:
        side = m.targets if m.mode == "host" else m.actors
        out |= {p.entity for p in side}
    return frozenset(out)


def _destinations(g: EventGroup) -> frozenset[str]:
    """The countries a visit's reports send its traveller to (a city stands for its country):
    the place a visit mention takes as its target (``زيارة X إلى Y``), not its location, which
    may be where something else happens (``خلال زيارة ... لإنهاء النزاع في سورية``)."""
    countries = entity_countries()
    return frozenset(
        countries[p.entity]
        for m in g.mentions
        if m.mode == "visit"
        for p in m.targets
        if p.entity in countries
    )


def _compatible(g: EventGroup, h: EventGroup) -> bool:
    if g.type != h.type:
        return False
    if g.mode != h.mode and not {g.mode, h.mode} <= _SWAPPABLE:
        return False
    if not g.participants & h.participants and (
        # an attack no report names a party to is placed by where it happened
        (g.participants and h.participants) or not g.places & h.places
    ):
        return False
    tg, th = _travellers(g), _travellers(h)
    if tg and th and not tg & th:  # Lavrov's visit is not Kazykhanov's
        return False
    dg, dh = _destinations(g), _destinations(h)
    if dg and dh and not dg & dh:  # al-Muallem's trip to Tehran is not his trip to Muscat
        return False
    return all(
        _dates_compatible(a, b) and _same_party(a, b) for a in g.mentions for b in h.mentions
    )


def _same_party(a: EventMention, b: EventMention) -> bool:
    """Whether two reports of a meeting or a call (all sides are actors) can be of one
    gathering: unless they share two sides, at most one of them names a person (a participant
    the knowledge base does not know as a place or an organization) that the other lacks.
    Al-Jubeir meeting Gentiloni is not al-Jubeir meeting Lavrov, so reports do not chain through
    one shared minister; "Kerry" and "Kerry with the GCC" agree."""
    if a.mode not in _GATHERINGS or b.mode not in _GATHERINGS:
        return True
    pa = {p.entity for p in a.actors + a.targets}
    pb = {p.entity for p in b.actors + b.targets}
    if len(pa & pb) >= 2:
        return True
    kinds = entity_kinds()
    return not (
        any(kinds.get(e) is None for e in pa - pb) and any(kinds.get(e) is None for e in pb - pa)
    )


def map_events(mentions: Sequence[EventMention]) -> tuple[EventGroup, ...]:
    """One document's mentions as single-mention groups (the map step).

    Example:
        >>> map_events(())
        ()
    """
    return tuple(EventGroup(m.type, m.mode, (m,)) for m in mentions)


def _affinity(g: EventGroup, h: EventGroup) -> tuple[int, int]:
    """How closely two compatible groups agree: the same anchored date, then shared parties."""
    return (int(g.start is not None and g.start == h.start), len(g.participants & h.participants))


def fold_events(left: Sequence[EventGroup], right: Sequence[EventGroup]) -> tuple[EventGroup, ...]:
    """Merge two lists of groups: each right group joins the compatible left group it agrees
    with most (the same anchored date, then the most shared parties; the first on a tie).

    Example:
        >>> fold_events((), ())
        ()
    """
    out = list(left)
    for g in right:
        fits = [i for i, old in enumerate(out) if _compatible(old, g)]
        k = max(fits, key=lambda i: (_affinity(out[i], g), -i)) if fits else None
        if k is None:
            out.append(g)
            continue
        old = out[k]
        members = tuple(sorted(old.mentions + g.mentions, key=lambda m: (m.published or "", m.doc)))
        mode = old.mode if old.mode == g.mode else "visit"
        out[k] = EventGroup(old.type, mode, members)
    return tuple(out)


def merge_events(per_doc: Iterable[Sequence[EventMention]]) -> tuple[EventGroup, ...]:
    """Reduce a corpus: map every document's mentions, then fold.

    Args:
        per_doc: the event mentions of each document (from
            :func:`marsad.extract.events.extract_events`).

    Returns:
        The events, in order of first appearance.

    Example:
        >>> merge_events([(), ()])
        ()
    """
    return reduce(fold_events, (map_events(m) for m in per_doc), ())


def _templates() -> Mapping[str, Any]:
    return load_json("events", "descriptions.json")


def event_date(g: EventGroup) -> tuple[str | None, str | None]:
    """The event's date and where it comes from: ``("2024-11-27", "text")``; for a report of an
    occurred or ongoing event that states no date, the earliest publication date of such reports
    (news style: "وصل ... " is today's news), ``(date, "published")``; else ``(None, None)``.

    Example:
        >>> event_date(EventGroup("CONSULT", "visit", ()))
        (None, None)
    """
    if g.start:
        return g.start, "text"
    pubs = sorted(
        m.published
        for m in g.mentions
        if m.published and m.status in {"occurred", "ongoing"} and not m.start
    )
    return (pubs[0], "published") if pubs else (None, None)


# the English template's verb after its subject, third person singular ("{actors} visits")
_VERB_AFTER_ACTORS = re.compile(r"^\{actors\} ([a-z]+?)s\b")


def _describe(g: EventGroup, lang: str, name: Callable[[str, str], str]) -> str:
    data = _templates()
    tpl = data["templates"]
    row = tpl.get(f"{g.type}/{g.mode}") or tpl.get(g.type) or tpl["*"]
    parts = data["parts"][lang]
    m = g.latest
    actor_ids = dict.fromkeys(p.entity for x in g.mentions for p in x.actors)
    surface = {p.entity: p.text for x in g.mentions for p in x.actors + x.targets}
    first = next((x for x in g.mentions if x.targets), None)  # one report's reading of it
    target_ids = [p.entity for p in (first.targets if first else ()) if p.entity not in actor_ids]

    def listed(ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(name(i, surface.get(i, i)) for i in dict.fromkeys(ids)))

    def joined(out: list[str]) -> str:
        return str(parts["and"]).join(out) if out else str(parts["unknown"])

    actors = listed(actor_ids)
    alone = f"{lang}_one" if len(actors) == 1 and f"{lang}_one" in row else f"{lang}_all"
    form = str(row[lang] if target_ids or alone not in row else row[alone])
    if lang == "en" and len(actors) > 1:  # "Tokayev and Putin meet X"
        form = _VERB_AFTER_ACTORS.sub(r"{actors} \1", form)
    text = form.format(actors=joined(actors), targets=joined(listed(target_ids)), type=g.type)
    loc = next((x.location for x in g.mentions if x.location), None)
    if loc is not None and loc.entity not in set(actor_ids) | set(target_ids):
        text += parts["location"].format(location=name(loc.entity, loc.text))
    date, source = event_date(g)
    if date:
        text += parts["date" if source == "text" else "published"].format(date=date)
    status = m.status if lang == "en" else data["status_ar"].get(m.status, m.status)
    return text + str(parts["status"]).format(status=status)


def to_export(
    g: EventGroup, names: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, Any]:
    """The event as a record of the export's ``events`` layer, with one-line descriptions.

    Args:
        g: a merged event.
        names: optional ``{"en": {entity id: name}, "ar": {...}}``; the mention text otherwise.

    Returns:
        ``id, type, mode, status, actors, targets, location, start, end, evidence`` (see
        ``resources/schema/analysis-1.schema.json``) plus ``date_from`` (``text``,
        ``published`` or ``None``, see :func:`event_date`), ``docs`` (the reporting documents)
        and ``description_ar`` and ``description_en``.

    Example:
        >>> from marsad.extract.events import EventMention
        >>> m = EventMention("d1", "CONSULT", "visit", "planned", (), (), None, "2025-11-11",
        ...                  None, "day", (0, 5), (0, 20), published="2025-11-10")
        >>> to_export(map_events([m])[0])["status"]
        'planned'
    """
    table = names or {}
    latest = g.latest

    def name_in(lang: str) -> Callable[[str, str], str]:
        return lambda ident, text: table.get(lang, {}).get(ident) or text

    actors = list(dict.fromkeys(p.entity for m in g.mentions for p in m.actors))
    targets = [
        t for t in dict.fromkeys(p.entity for m in g.mentions for p in m.targets) if t not in actors
    ]
    loc = next((m.location.entity for m in g.mentions if m.location), None)
    date, date_from = event_date(g)
    key = "|".join([g.type, g.mode or "", *sorted(actors), *sorted(targets), g.start or ""])
    when = date or (latest.published or "")[:4] or "undated"
    end = next((m.end for m in g.mentions if m.end and not m.end.startswith("X")), None)
    if end is None:
        # a day-month end ("27 و28 نوفمبر" in an undated report) takes the year of the start
        partial = next((m.end for m in g.mentions if m.end), None)
        if partial and date and len(date) >= 4 and date[:4].isdigit():
            end = date[:4] + partial[4:]
    return {
        "id": f"EV-{when}-{hashlib.sha256(key.encode()).hexdigest()[:8]}",
        "type": g.type,
        "mode": g.mode,
        "status": latest.status,
        "actors": actors,
        "targets": targets,
        "location": loc,
        "start": date,
        "date_from": date_from,
        "end": end,
        "docs": list(g.docs),
        "evidence": [
            {"doc": m.doc, "start": m.evidence[0], "end": m.evidence[1], "text": m.evidence_text}
            for m in g.mentions
        ],
        "description_ar": _describe(g, "ar", name_in("ar")),
        "description_en": _describe(g, "en", name_in("en")),
    }
