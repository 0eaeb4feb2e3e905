"""Corpus-level steps after the per-document pipeline: reductions over many documents.

Today: canonical entities across documents (:func:`marsad.resolve.corpus.resolve_corpus`, a
map + fold). The resolved ids are written back to the store so that every face reads the same
entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from marsad.model import Document, Entity
from marsad.store.sqlite import SqliteStore

__all__ = ["resolve_entities"]


def resolve_entities(
    docs: Sequence[Document], store: SqliteStore, kb_files: Sequence[Path] = ()
) -> tuple[list[Entity], list[Document]]:
    """Resolve the entities of linked ``docs`` across documents and store them.

    Returns the canonical entities and the documents with their mentions' ids rewritten.
    """
    from marsad.resolve.corpus import resolve_corpus
    from marsad.resolve.kb import KnowledgeBase

    entities, resolved = resolve_corpus(docs, KnowledgeBase.load(extra=kb_files))
    store.put_entities(entities)
    for before, after in zip(docs, resolved, strict=True):
        if before.entities != after.entities:
            store.replace_layer(after, "entities")
    return entities, resolved
