"""The ``link`` pipeline stage: entity linking against the knowledge base (loaded once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from marsad.model import Document
from marsad.pipeline import register
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.link import link_document

__all__ = ["link_stage"]


@register("link", requires={"tokens", "published"}, provides={"linked"})
def link_stage(kb_files: Sequence[Path] = ()) -> Callable[[Document], Document]:
    """Load the shipped knowledge base (plus the user's ``kb_files``) once; link each
    document's mentions against it."""
    kb = KnowledgeBase.load(extra=kb_files)

    def run(doc: Document) -> Document:
        return link_document(doc, kb)

    return run
