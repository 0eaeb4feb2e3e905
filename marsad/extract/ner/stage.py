"""The ``ner`` pipeline stage: entity mentions from sentences and tokens."""

from __future__ import annotations

from collections.abc import Callable

from marsad.model import Document
from marsad.pipeline import register

__all__ = ["ner_stage"]


@register("ner", requires={"tokens", "sentences"}, provides={"entities"})
def ner_stage() -> Callable[[Document], Document]:
    """Load the shipped model once; the returned callable fills ``Document.entities``."""
    from marsad.extract.ner.tagger import NerTagger

    tagger = NerTagger.load()

    def run(doc: Document) -> Document:
        return doc.with_(entities=tagger.tag_document(doc))

    return run
