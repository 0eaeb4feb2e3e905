"""Corpus-level steps after the per-document pipeline: reductions over many documents.

Each step is a per-document map and an associative fold, so a distributed engine can run the
same code: canonical entities across documents (:mod:`marsad.resolve.corpus`) and events merged
across articles (:mod:`marsad.corpus.events`). Resolved entity ids are written back to the store
so that every face reads the same entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import reduce
from pathlib import Path
from typing import Any

from marsad.model import Document, Entity, EventMention, Participant
from marsad.store.sqlite import SqliteStore

__all__ = [
    "assign_stories",
    "facts_and_conflicts",
    "merged_events",
    "remap_event",
    "resolve_entities",
]


def resolve_entities(
    docs: Sequence[Document], store: SqliteStore, kb_files: Sequence[Path] = ()
) -> tuple[list[Entity], list[Document]]:
    """Resolve the entities of linked ``docs`` across documents and store them.

    Mentions, event participants and quote speakers get the corpus-level ids.

    Returns:
        The canonical entities and the documents with their ids rewritten.
    """
    from marsad.resolve.corpus import Summary, finalize, merge, rewrite, summarize
    from marsad.resolve.kb import KnowledgeBase

    total = reduce(merge, map(summarize, docs), Summary())
    entities, remap = finalize(total, KnowledgeBase.load(extra=kb_files))
    store.put_entities(entities)
    out: list[Document] = []
    for doc in docs:
        after = rewrite(doc, remap)
        after = after.with_(
            events=tuple(remap_event(e, remap) for e in after.events),
            quotes=tuple(
                replace(q, speaker=remap.get(q.speaker, q.speaker)) if q.speaker else q
                for q in after.quotes
            ),
        )
        for layer in ("entities", "events", "quotes"):
            if getattr(after, layer) != getattr(doc, layer):
                store.replace_layer(after, layer)
        out.append(after)
    return entities, out


def remap_event(event: EventMention, remap: dict[str, str]) -> EventMention:
    """The event with its participants' ids rewritten by ``remap`` (corpus-level ids)."""

    def one(p: Participant) -> Participant:
        return replace(p, entity=remap.get(p.entity, p.entity))

    return replace(
        event,
        actors=tuple(map(one, event.actors)),
        targets=tuple(map(one, event.targets)),
        location=one(event.location) if event.location else None,
    )


def merged_events(docs: Sequence[Document], entities: Sequence[Entity]) -> list[dict[str, Any]]:
    """The export's ``events`` layer: event mentions merged across ``docs``, in date order."""
    from marsad.corpus.events import merge_events, to_export

    names = {
        "en": {e.id: e.name_en for e in entities if e.name_en},
        "ar": {e.id: e.name for e in entities},
    }
    events = [to_export(g, names) for g in merge_events(d.events for d in docs)]
    return sorted(events, key=lambda e: (e["start"] or "9999", e["id"]))


def facts_and_conflicts(
    docs: Sequence[Document],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The export's ``facts`` and ``conflicts`` layers over ``docs``."""
    from marsad.corpus.facts import fact_to_export, find_conflicts, find_facts

    facts = [(doc, f) for doc in docs for f in find_facts(doc)]
    return [fact_to_export(f, doc) for doc, f in facts], find_conflicts(f for _, f in facts)


def assign_stories(docs: Sequence[Document], store: SqliteStore) -> list[dict[str, Any]]:
    """Put the documents that have no story yet into stories, incrementally.

    See :func:`marsad.engine.stories.assign_stories` (stored per-story state, candidate
    stories by index lookup).

    Returns:
        The export's ``stories`` layer for the stories ``docs`` belong to.
    """
    from marsad.engine.stories import assign_stories as assign

    return assign(docs, store)
