"""Pipeline stages of the text core: clean and segment."""

from __future__ import annotations

from collections.abc import Callable

from marsad.model import Document
from marsad.pipeline import register
from marsad.text.clean import clean_document
from marsad.text.segment import split_sentences, tokenize

__all__ = ["segment_document"]


def segment_document(doc: Document) -> Document:
    """The document with its sentences and their tokens."""
    sentences = split_sentences(doc.text)
    tokens = tuple(t for s in sentences for t in tokenize(doc.text, s.start, s.end))
    return doc.with_(sentences=tuple(sentences), tokens=tokens)


@register("clean", requires={"raw"}, provides={"text", "removed"})
def _clean() -> Callable[[Document], Document]:
    return clean_document


@register("segment", requires={"text"}, provides={"sentences", "tokens"})
def _segment() -> Callable[[Document], Document]:
    return segment_document
