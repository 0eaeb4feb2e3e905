"""The ``marsad.analysis/1`` export of a whole store, read-only.

``marsad analyze`` builds the export of the documents it has just processed; the exports command
and the HTTP API need the same export for everything already stored. This module rebuilds it
from the store without writing to it: the corpus-level layers (merged events, facts, conflicts)
are recomputed from the stored documents with the same functions ``analyze`` uses, and stories
come from the stored per-document assignments, each with an extractive summary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from marsad.errors import MarsadError, Rejection
from marsad.exports.analysis import build_analysis
from marsad.model import Document, Entity
from marsad.store.sqlite import SqliteStore

__all__ = ["CorpusLayers", "analysis_from_store", "corpus_layers", "stories_from_documents"]

logger = logging.getLogger(__name__)

#: returns the corpus-level layers (``events``, ``facts``, ``conflicts``, ``stories``) of a store
CorpusLayers = Callable[[SqliteStore], Mapping[str, list[dict[str, Any]]]]


def stories_from_documents(
    docs: Sequence[Document], fields: Mapping[str, Mapping[str, str | None]]
) -> list[dict[str, Any]]:
    """The export's ``stories`` layer from the stored per-document ``story`` assignments.

    Each story lists its documents (by publication date), a title (the first titled member) and
    a summary of cited sentences; a summary that cannot be made is left empty, not fatal.

    Args:
        docs: the documents.
        fields: per document id, the store's fields (``story`` is read).

    Returns:
        Stories sorted by id.
    """
    from marsad.corpus.summarize import summarize_documents

    groups: dict[str, list[Document]] = {}
    for doc in docs:
        sid = (fields.get(doc.id) or {}).get("story")
        if sid:
            groups.setdefault(sid, []).append(doc)
    out: list[dict[str, Any]] = []
    for sid, members in sorted(groups.items()):
        members.sort(key=lambda d: (d.metadata.published or "9999", d.id))
        by_id = {d.id: d for d in members}
        try:
            picked = summarize_documents([(d.id, d.text, d.sentences) for d in members])
        except MarsadError as exc:
            logger.warning("story %s: no summary (%s)", sid, exc)
            picked = []
        dates = sorted(d.metadata.published[:10] for d in members if d.metadata.published)
        out.append(
            {
                "id": sid,
                "docs": [d.id for d in members],
                "title": next((d.metadata.title for d in members if d.metadata.title), None)
                or members[0].text.split("\n", 1)[0][:120],
                "start": dates[0] if dates else None,
                "end": dates[-1] if dates else None,
                "summary": [
                    {
                        "doc": i,
                        "start": s.start,
                        "end": s.end,
                        "text": by_id[i].text[s.start : s.end],
                    }
                    for i, s in picked
                ],
            }
        )
    return out


def corpus_layers(
    docs: Sequence[Document],
    entities: Sequence[Entity],
    fields: Mapping[str, Mapping[str, str | None]],
) -> dict[str, list[dict[str, Any]]]:
    """The corpus-level layers of stored ``docs``: merged events, facts, conflicts, stories.

    Args:
        docs: stored documents (with their entity ids already resolved across the corpus).
        entities: the canonical entities (for the events' names).
        fields: per document id, the store's fields.

    Returns:
        ``{"events", "facts", "conflicts", "stories"}``.
    """
    from marsad.engine.corpus import facts_and_conflicts, merged_events

    facts, conflicts = facts_and_conflicts(docs)
    return {
        "events": merged_events(docs, entities),
        "facts": facts,
        "conflicts": conflicts,
        "stories": stories_from_documents(docs, fields),
    }


def analysis_from_store(
    store: SqliteStore, *, layers: CorpusLayers | None = None
) -> dict[str, Any]:
    """The ``marsad.analysis/1`` export of every latest document of ``store``.

    Args:
        store: an open store (only read).
        layers: reads the corpus-level layers instead of recomputing them (tests and stores
            that keep them); layers it leaves out are recomputed.

    Returns:
        The export (see :func:`marsad.exports.analysis.build_analysis`).

    Raises:
        StoreError: the store cannot be read.

    Example::

        with SqliteStore.open("marsad.db") as store:
            export = analysis_from_store(store)
    """
    ids = store.ids(latest_only=True)
    docs = [store.get(i) for i in ids]
    fields = {i: store.document_fields(i) for i in ids}
    entities = store.entities()
    given = dict(layers(store)) if layers is not None else {}
    needed = {"events", "facts", "conflicts", "stories"} - given.keys()
    extra = dict(given)
    if needed:
        computed = corpus_layers(docs, entities, fields)
        extra.update({k: computed[k] for k in needed})
    rows = store.conn.execute(
        "SELECT source, stage, reason, document FROM rejections ORDER BY rowid"
    ).fetchall()
    return build_analysis(
        docs,
        fields=fields,
        entities={e.id: e for e in entities},
        rejections=[Rejection(*r) for r in rows],
        extra=extra,
    )
