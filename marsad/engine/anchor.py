"""Year anchors for undated articles, taken from the dated events they report.

An article that states no publication date leaves its day-month dates without a year
("يومي 27 و28 نوفمبر" comes out as ``XXXX-11-27``). When the article reports an event that
cross-article merging joined with a dated report of the same event (same type, same actors,
compatible day and month), the year of that event is a sound anchor for the article's other
day-month dates: they are then resolved with :func:`marsad.extract.times.with_year`, whose
``anchor`` is the year alone, so a weak anchor stays distinguishable from a publication date.
Anything that needs a full date ("أمس", a weekday) stays unresolved.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from marsad.extract.times import with_year
from marsad.model import Document
from marsad.store.sqlite import SqliteStore

__all__ = ["anchor_undated", "event_years"]

logger = logging.getLogger(__name__)


def event_years(events: Sequence[Mapping[str, Any]]) -> dict[str, set[int]]:
    """The years of the text-dated merged events each document reports.

    Args:
        events: records of the export's ``events`` layer (``docs``, ``start``, ``date_from``).

    Returns:
        Document id -> the years of the events it reports whose date a text states.

    Example:
        >>> event_years([{"docs": ["a", "b"], "start": "2024-11-27", "date_from": "text"}])
        {'a': {2024}, 'b': {2024}}
    """
    years: dict[str, set[int]] = {}
    for event in events:
        start = event.get("start") or ""
        if event.get("date_from") != "text" or len(start) < 4 or not start[:4].isdigit():
            continue
        for doc_id in event.get("docs") or ():
            years.setdefault(doc_id, set()).add(int(start[:4]))
    return years


def anchor_undated(
    docs: Sequence[Document], events: Sequence[Mapping[str, Any]], store: SqliteStore | None
) -> list[Document]:
    """Resolve the day-month dates of undated ``docs`` against the year of their dated events.

    A document is anchored only when it has no publication date, has day-month dates without
    a year, and every text-dated event it reports falls in one and the same year.

    Args:
        docs: the documents of the run.
        events: the merged events over ``docs`` (the export's ``events`` layer).
        store: where the rewritten ``times`` layers are saved, or ``None``.

    Returns:
        ``docs`` in the same order, anchored ones with their new ``times`` layer.
    """
    years = event_years(events)
    out: list[Document] = []
    for doc in docs:
        found = years.get(doc.id, set())
        partial = any(t.value.startswith("XXXX-") for t in doc.times)
        if doc.metadata.published or not partial or len(found) != 1:
            out.append(doc)
            continue
        (year,) = found
        anchored = doc.with_(times=tuple(with_year(list(doc.times), year)))
        if anchored.times != doc.times:
            logger.info("%s: day-month dates anchored to %d by its dated events", doc.id, year)
            if store is not None:
                store.replace_layer(anchored, "times")
        out.append(anchored)
    return out
