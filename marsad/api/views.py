"""Pure views over a ``marsad.analysis/1`` export: the lists and filters the API serves.

Nothing here touches the store; every function takes the export (a dict) and returns plain
JSON-ready values, so each filter is tested on a hand-built export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "conflicts",
    "entity_detail",
    "entity_list",
    "event_detail",
    "events",
    "facts",
    "in_date_range",
    "sentence_of",
    "timeline",
]


def in_date_range(value: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether the ISO date (or prefix: ``2025``, ``2025-11``) ``value`` overlaps the range.

    A value with no date is outside any bounded range and inside an unbounded one.

    >>> in_date_range("2025-11-11", "2025-11-01", "2025-11-30")
    True
    >>> in_date_range("2025-11", "2025-11-12", None)
    True
    """
    if date_from is None and date_to is None:
        return True
    if not value:
        return False
    lo, hi = value, value + "\uffff"  # a prefix covers every longer date that starts with it
    if date_from is not None and hi < date_from:
        return False
    return not (date_to is not None and lo[: len(date_to)] > date_to)


def sentence_of(doc: Mapping[str, Any], start: int, end: int) -> dict[str, Any]:
    """The sentence (or, before segmentation, the line) of ``doc`` that holds ``[start, end)``.

    Returns ``{"start", "end", "text"}`` in document offsets.
    """
    text: str = doc["text"]
    for s, e in doc.get("sentences") or ():
        if s <= start < e or (s < end <= e):
            return {"start": s, "end": e, "text": text[s:e]}
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e < 0 else e
    return {"start": s, "end": e, "text": text[s:e]}


def _entity_summary(e: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": e["id"],
        "type": e["type"],
        "name": e["name"],
        "name_en": e.get("name_en"),
        "wikidata": e.get("wikidata"),
        "aliases": e.get("aliases", []),
        "mentions": len(e["mentions"]),
        "documents": len({m["doc"] for m in e["mentions"]}),
    }


def entity_list(
    export: Mapping[str, Any], *, type_: str | None = None, q: str | None = None
) -> list[dict[str, Any]]:
    """Entities (most mentioned first), optionally of one type or whose names contain ``q``."""
    out = []
    needle = (q or "").strip().casefold()
    for e in export["entities"]:
        if type_ and e["type"] != type_:
            continue
        if needle:
            names = [e["name"], e.get("name_en") or "", *e.get("aliases", [])]
            if not any(needle in n.casefold() for n in names):
                continue
        out.append(_entity_summary(e))
    return out


def entity_detail(export: Mapping[str, Any], entity_id: str) -> dict[str, Any] | None:
    """One entity with each mention's sentence and the documents it is mentioned in."""
    entity = next((e for e in export["entities"] if e["id"] == entity_id), None)
    if entity is None:
        return None
    docs = {d["id"]: d for d in export["documents"]}
    mentions = []
    for m in entity["mentions"]:
        doc = docs.get(m["doc"])
        mention = dict(m)
        if doc is not None:
            mention["sentence"] = sentence_of(doc, m["start"], m["end"])
        mentions.append(mention)
    seen: dict[str, dict[str, Any]] = {}
    for m in entity["mentions"]:
        doc = docs.get(m["doc"])
        if doc is None:
            continue
        entry = seen.setdefault(
            m["doc"],
            {
                "id": m["doc"],
                "title": doc.get("title") or doc["text"].split("\n", 1)[0][:120],
                "published": doc.get("published"),
                "mentions": 0,
            },
        )
        entry["mentions"] += 1
    return {
        **_entity_summary(entity),
        "mention_list": mentions,
        "document_list": list(seen.values()),
        "events": events(export, entity=entity_id),
        "facts": facts(export, entity=entity_id),
    }


def events(
    export: Mapping[str, Any],
    *,
    entity: str | None = None,
    type_: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[dict[str, Any]]:
    """Events filtered by a participating entity, type, status and date range, by start date."""
    out = []
    for ev in export["events"]:
        if type_ and ev.get("type") != type_:
            continue
        if status and ev.get("status") != status:
            continue
        if entity and entity not in _participants(ev):
            continue
        if not in_date_range(ev.get("start") or ev.get("end"), date_from, date_to):
            continue
        out.append(ev)
    return sorted(out, key=lambda ev: (ev.get("start") or "9999", ev.get("id", "")))


def event_detail(export: Mapping[str, Any], event_id: str) -> dict[str, Any] | None:
    """One event with its participants named and, per document that reports it, the
    document's title and date, the evidence span and the sentence holding it.

    Returns:
        The event plus ``participants`` (``{"role", "id", "name", "name_en", "type"}``) and
        ``articles`` (``{"id", "title", "published", "evidence": [span + "sentence"]}``, one per
        document, in evidence order); ``None`` when there is no such event.
    """
    ev = next((e for e in export["events"] if e.get("id") == event_id), None)
    if ev is None:
        return None
    entities = {e["id"]: e for e in export["entities"]}
    docs = {d["id"]: d for d in export["documents"]}
    roles = [("actor", a) for a in ev.get("actors", [])]
    roles += [("target", t) for t in ev.get("targets", [])]
    roles += [("location", ev["location"])] if ev.get("location") else []
    participants = []
    for role, ident in roles:
        e = entities.get(ident, {})
        participants.append(
            {
                "role": role,
                "id": ident,
                "name": e.get("name", ident),
                "name_en": e.get("name_en"),
                "type": e.get("type"),
            }
        )
    articles: dict[str, dict[str, Any]] = {}
    for span in ev.get("evidence", []):
        doc = docs.get(span["doc"])
        if doc is None:
            continue
        entry = articles.setdefault(
            span["doc"],
            {
                "id": span["doc"],
                "title": doc.get("title") or doc["text"].split("\n", 1)[0][:120],
                "published": doc.get("published"),
                "site": doc.get("credited_source") or doc.get("site"),
                "evidence": [],
            },
        )
        entry["evidence"].append({**span, "sentence": sentence_of(doc, span["start"], span["end"])})
    return {**ev, "participants": participants, "articles": list(articles.values())}


def _participants(ev: Mapping[str, Any]) -> set[str]:
    return {
        *ev.get("actors", []),
        *ev.get("targets", []),
        *([ev["location"]] if ev.get("location") else []),
    }


def facts(
    export: Mapping[str, Any], *, entity: str | None = None, attribute: str | None = None
) -> list[dict[str, Any]]:
    """Facts about ``entity`` (in their subject) and/or with ``attribute``."""
    return [
        f
        for f in export["facts"]
        if (not entity or entity in f.get("subject", []))
        and (not attribute or f.get("attribute") == attribute)
    ]


def conflicts(export: Mapping[str, Any], *, entity: str | None = None) -> list[dict[str, Any]]:
    """Conflicts, each with its facts inlined; with ``entity``, only those about it."""
    by_id = {f["id"]: f for f in export["facts"]}
    out = []
    for c in export["conflicts"]:
        inlined = [by_id[i] for i in c.get("facts", []) if i in by_id]
        if entity and not any(entity in f.get("subject", []) for f in inlined):
            continue
        out.append({**c, "fact_list": inlined})
    return out


def timeline(
    export: Mapping[str, Any], *, date_from: str | None = None, date_to: str | None = None
) -> dict[str, Any]:
    """Events by date or, while no events are extracted, dated documents.

    A document's date is its publication date, else the first absolute date mentioned in it.
    Returns ``{"kind": "events" | "documents", "items": [...]}``.
    """
    evs = events(export, date_from=date_from, date_to=date_to)
    if export["events"]:
        return {"kind": "events", "items": [{"date": e.get("start"), "event": e} for e in evs]}
    first_date: dict[str, str] = {}
    for t in export["times"]:
        if t.get("kind") == "date" and t["doc"] not in first_date and _is_date(t.get("value")):
            first_date[t["doc"]] = t["value"]
    items: list[dict[str, Any]] = []
    for d in export["documents"]:
        date = d.get("published") or first_date.get(d["id"])
        if date and in_date_range(date, date_from, date_to):
            items.append(
                {
                    "date": date,
                    "date_from": "published" if d.get("published") else "text",
                    "document": {
                        "id": d["id"],
                        "title": d.get("title") or d["text"].split("\n", 1)[0][:120],
                    },
                }
            )
    items.sort(key=lambda i: (i["date"], i["document"]["id"]))
    return {"kind": "documents", "items": items}


def _is_date(value: object) -> bool:
    return isinstance(value, str) and len(value) >= 4 and value[:4].isdigit()


def distinct(values: Iterable[str | None]) -> list[str]:
    """Sorted distinct non-empty values (for filter menus)."""
    return sorted({v for v in values if v})
