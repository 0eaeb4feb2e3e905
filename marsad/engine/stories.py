"""Stories over the store: each new document joins a stored story or opens one, incrementally.

The clusterer's state per story (centroid terms, entity and date counts, event keys, time span)
is kept in the store (:mod:`marsad.store.stories`), so a new batch loads only the stories its
documents may join (those sharing an entity or a heavy term with them, inside the time window),
and costs O(new documents x candidate stories), not O(corpus). A store made before the story
tables is brought up to date once, from its stored assignments.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from marsad.corpus.stories import EventKey, StoryClusterer, StoryDoc, story_features
from marsad.model import Document, TimeExpression
from marsad.store.sqlite import SqliteStore
from marsad.store.stories import StoryStateStore

__all__ = ["assign_stories", "document_features", "named_days", "story_candidates_keys"]

logger = logging.getLogger(__name__)

#: a range of named days is expanded to at most this many days
_MAX_RANGE_DAYS = 7


def _published(doc: Document) -> date | None:
    try:
        return date.fromisoformat(doc.metadata.published) if doc.metadata.published else None
    except ValueError:
        return None


def named_days(times: Iterable[TimeExpression]) -> set[str]:
    """The specific days named by ``times``: ISO days, ``XXXX`` for an unknown year.

    Ranges ("يومي 27 و28 نوفمبر") give each of their days, up to a week.

    Example:
        >>> t = TimeExpression(0, 5, "27 و28 نوفمبر", "XXXX-11-27", "day", end_value="XXXX-11-28")
        >>> sorted(named_days([t]))
        ['XXXX-11-27', 'XXXX-11-28']
    """
    out: set[str] = set()
    for t in times:
        if t.kind != "date" or t.granularity != "day" or len(t.value) < 10:
            continue
        out.add(t.value[:10])
        end = t.end_value or ""
        if len(end) >= 10 and end[:4] == t.value[:4]:
            try:
                first = date.fromisoformat("2000" + t.value[4:10])
                last = date.fromisoformat("2000" + end[4:10])
            except ValueError:
                continue
            for k in range(1, min((last - first).days, _MAX_RANGE_DAYS) + 1):
                out.add(t.value[:4] + date.fromordinal(first.toordinal() + k).isoformat()[4:])
    return out


def document_features(doc: Document) -> StoryDoc:
    """The story features of a processed document (title, text, entities, days, events).

    Example:
        >>> from marsad.model import Provenance
        >>> document_features(Document("نص", Provenance("x", "file", ""), text="نص")).day is None
        True
    """
    ents = {m.entity for m in doc.entities if m.entity}
    events = [
        EventKey(
            e.type,
            frozenset(p.entity for p in (*e.actors, *e.targets) if p.entity),
            e.start,
        )
        for e in doc.events
    ]
    return story_features(
        doc.id,
        doc.metadata.title or "",
        doc.text,
        _published(doc),
        ents,
        dates=named_days(doc.times),
        events=[e for e in events if e.entities and e.start],
    )


def story_candidates_keys(doc: StoryDoc, terms: int = 20) -> list[str]:
    """The keys under which stories ``doc`` may join are indexed: entities and heavy terms."""
    heavy = sorted(doc.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:terms]
    return ["e:" + e for e in sorted(doc.entities)] + ["t:" + k for k, _ in heavy]


def assign_stories(docs: Sequence[Document], store: SqliteStore) -> list[dict[str, Any]]:
    """Put the documents that have no story yet into stories, incrementally.

    Only the stored stories that the new documents may join are loaded (by shared entity or
    heavy term, inside the time window); the touched stories' states are written back with the
    assignments.

    Returns:
        The export's ``stories`` layer for the stories ``docs`` belong to.
    """
    from marsad.corpus.summarize import summarize_documents

    states = StoryStateStore(store.conn)
    by_id = {d.id: d for d in docs}
    legacy = states.unindexed()
    if legacy:
        _rebuild(states, store, legacy, by_id)
    assigned = states.assignments(list(by_id))
    clusterer = StoryClusterer()
    new = sorted(
        (document_features(d) for d in docs if d.id not in assigned),
        key=lambda f: (f.day is None, f.day or date.min, f.id),
    )
    for sid, story in states.candidates(
        [story_candidates_keys(f) for f in new],
        [f.when for f in new],
        clusterer.window_days,
    ).items():
        clusterer.stories[sid] = story
    for f in new:
        clusterer.add(f)
    touched = {clusterer.assignment[f.id] for f in new}
    with store.transaction():
        for f in new:
            store.conn.execute(
                "UPDATE documents SET story=? WHERE id=?", (clusterer.assignment[f.id], f.id)
            )
        for sid in touched:
            story = clusterer.stories[sid]
            states.save(sid, story, _story_keys(story))
    wanted = list(dict.fromkeys(assigned.get(d.id) or clusterer.assignment[d.id] for d in docs))
    members = states.members(wanted)
    undated = {d.id for d in docs if _published(d) is None}
    out: list[dict[str, Any]] = []
    for sid in wanted:
        state = states.load([sid]).get(sid)
        group = [by_id[i] for i in members.get(sid, []) if i in by_id]
        picked = summarize_documents([(d.id, d.text, d.sentences) for d in group])
        summary = [
            {"doc": i, "start": s.start, "end": s.end, "text": by_id[i].text[s.start : s.end]}
            for i, s in picked
        ]
        title = state.title if state else ""
        out.append(
            {
                "id": sid,
                "docs": members.get(sid, []),
                "title": title or (group[0].text.split("\n", 1)[0][:120] if group else None),
                "start": state.first.isoformat() if state and state.first else None,
                "end": state.last.isoformat() if state and state.last else None,
                "dated_by_story": [i for i in members.get(sid, []) if i in undated],
                "summary": summary,
            }
        )
    return out


def _story_keys(story: Any) -> list[str]:
    return ["e:" + e for e in sorted(story.entities)] + ["t:" + k for k in story.top_terms()]


def _rebuild(
    states: StoryStateStore,
    store: SqliteStore,
    assigned: dict[str, str],
    by_id: dict[str, Document],
) -> None:
    """Compute the state of stored stories that have none (a store made before the tables).

    ``assigned`` holds the assignments of those stories only.
    """
    missing = set(assigned.values())
    logger.info("rebuilding the state of %d stored stories", len(missing))
    clusterer = StoryClusterer()
    for doc_id, sid in assigned.items():
        doc = by_id.get(doc_id) or store.get(doc_id)
        clusterer.add(document_features(doc), sid)
    with store.transaction():
        for sid in missing:
            story = clusterer.stories[sid]
            states.save(sid, story, _story_keys(story))
