"""``marsad timeline``: the merged events of the store in date order, with their sources."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.config import DEFAULT_DB

__all__ = ["filter_events", "format_event", "register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser("timeline", help="events merged across the stored articles, by date")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--entity", help="only events with this participant (Arabic or English name)")
    p.add_argument("--from", dest="date_from", help="on or after this date (YYYY, YYYY-MM, ...)")
    p.add_argument("--to", dest="date_to", help="on or before this date")
    p.add_argument("--type", dest="event_type", help="only this event type (CONSULT, ASSAULT...)")
    p.set_defaults(func=run)


def _names(ids: Iterable[str], names: Mapping[str, Sequence[str]]) -> list[str]:
    return [n for i in ids for n in names.get(i, (i,))]


def filter_events(
    events: Sequence[Mapping[str, Any]],
    names: Mapping[str, Sequence[str]],
    *,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    event_type: str | None = None,
) -> list[Mapping[str, Any]]:
    """The events (export records) that pass the filters, in date order (undated last).

    Args:
        events: records from :func:`marsad.engine.corpus.merged_events`.
        names: entity id -> its names (Arabic, English, aliases).
        entity: a name, matched after folding against any participant's names or id.
        date_from: keep events whose date is on or after this prefix (undated ones go).
        date_to: keep events whose date is on or before it (``2024-11`` keeps ``2024-11-27``).
        event_type: keep this type only (case-insensitive).

    Example:
        >>> filter_events([{"type": "CONSULT", "start": None}], {}, event_type="assault")
        []
    """
    from marsad.text.normalize import match_key

    wanted = match_key(entity) if entity else None
    out = []
    for e in events:
        if event_type and e["type"].upper() != event_type.upper():
            continue
        start = e.get("start")
        if date_from and (not start or start[: len(date_from)] < date_from):
            continue
        if date_to and (not start or start[: len(date_to)] > date_to):
            continue
        if wanted:
            ids = [*e.get("actors", ()), *e.get("targets", ())]
            if e.get("location"):
                ids.append(e["location"])
            keys = {match_key(n) for n in _names(ids, names)} | {match_key(i) for i in ids}
            if not any(wanted == k or (len(wanted) > 3 and wanted in k) for k in keys):
                continue
        out.append(e)
    return sorted(out, key=lambda e: (e.get("start") or "9999", e["id"]))


def format_event(e: Mapping[str, Any], titles: Mapping[str, str | None]) -> str:
    """Lines for one event: date, status, type, both descriptions, the sources.

    Example:
        >>> print(format_event({"start": None, "status": "planned", "type": "CONSULT",
        ...     "mode": "visit", "description_en": "X visits Y (planned)",
        ...     "description_ar": "زيارة", "docs": ["d1"]}, {"d1": "T"}))
        ----------  planned   CONSULT/visit  X visits Y (planned)
                    زيارة
                    sources: d1 (T)
    """
    date = e.get("start") or "----------"
    if e.get("date_from") == "published":
        date += "*"
    kind = f"{e['type']}/{e['mode']}" if e.get("mode") else e["type"]
    docs = e.get("docs") or list(dict.fromkeys(ev["doc"] for ev in e.get("evidence", ())))
    sources = ", ".join(f"{d} ({titles[d]})" if titles.get(d) else d for d in docs)
    pad = " " * 12
    return (
        f"{date:<10}  {e['status']:<9} {kind}  {e['description_en']}\n"
        f"{pad}{e['description_ar']}\n{pad}sources: {sources}"
    )


def run(args: argparse.Namespace) -> int:
    """Print the timeline; 2 when a date is malformed or the store is missing or unreadable."""
    from marsad.engine.corpus import merged_events
    from marsad.errors import MarsadError
    from marsad.exports.scope import check_date_prefix
    from marsad.store.sqlite import SqliteStore

    try:
        for flag, value in (("--from", args.date_from), ("--to", args.date_to)):
            if value is not None:
                check_date_prefix(value, flag)
    except MarsadError as exc:
        print(f"marsad timeline: {exc}", file=sys.stderr)
        return 2
    if not args.db.exists():
        print(f"marsad timeline: no store at {args.db}", file=sys.stderr)
        return 2
    try:
        with SqliteStore.open(args.db) as store:
            docs = list(store.iter_documents(store.ids(latest_only=True)))
            entities = store.entities()
    except MarsadError as exc:
        print(f"marsad timeline: {exc}", file=sys.stderr)
        return 2
    names = {e.id: tuple(n for n in (e.name, e.name_en, *e.aliases) if n) for e in entities}
    events = filter_events(
        merged_events(docs, entities),
        names,
        entity=args.entity,
        date_from=args.date_from,
        date_to=args.date_to,
        event_type=args.event_type,
    )
    if not events:
        print("no event")
        return 0
    titles = {d.id: d.metadata.title for d in docs}
    for e in events:
        print(format_event(e, titles))
    print("(* publication date: the report states no date of its own)")
    return 0
