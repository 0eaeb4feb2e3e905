"""Pipeline stages of quotes and events."""

from __future__ import annotations

from collections.abc import Callable

from marsad.extract.events import extract_events
from marsad.extract.quotes import extract_quotes
from marsad.model import Document
from marsad.pipeline import register

__all__ = ["events_document", "quotes_document"]


def quotes_document(doc: Document) -> Document:
    """The document with its ``quotes`` layer filled."""
    return doc.with_(quotes=extract_quotes(doc))


@register("quotes", requires={"sentences", "tokens", "linked"}, provides={"quotes"})
def _quotes() -> Callable[[Document], Document]:
    return quotes_document


def events_document(doc: Document) -> Document:
    """The document with its ``events`` layer filled."""
    return doc.with_(events=extract_events(doc))


@register("events", requires={"sentences", "tokens", "linked", "times"}, provides={"events"})
def _events() -> Callable[[Document], Document]:
    return events_document
