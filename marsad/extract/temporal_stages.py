"""Pipeline stages: the publication date from the text, time expressions and quantities.

``times`` resolves relative expressions against ``metadata.published``; a document without one
gets unresolved values: TIMEX-style ``XXXX-11-12`` for a date without its year, ``XXXX-WXX-2``
for a bare weekday, and ``""`` for expressions that only make sense against a date ("أمس",
"الأسبوع الماضي"); their ``anchor`` is ``None``. When such a document names its own year ("العام
الماضي 2023": 2024), day-month dates take that year and ``anchor`` is the year alone ("2024").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from marsad.model import Document
from marsad.pipeline import register

__all__ = ["pubdate_stage", "quantities_stage", "times_stage"]

logger = logging.getLogger(__name__)


@register("pubdate", requires={"text"}, provides={"published"})
def pubdate_stage() -> Callable[[Document], Document]:
    """Sets ``metadata.published`` from the text when metadata has no date."""
    from marsad.extract.pubdate import find_publication_date

    def run(doc: Document) -> Document:
        if doc.metadata.published:
            return doc
        found = find_publication_date(doc.text)
        if found is None:
            return doc
        meta = dataclasses.replace(
            doc.metadata, published=found[0].isoformat(), published_from="text"
        )
        return doc.with_(metadata=meta)

    return run


def _anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        logger.warning("published date %r is not an ISO date: times left unresolved", published)
        return None


@register("times", requires={"text", "published"}, provides={"times"})
def times_stage() -> Callable[[Document], Document]:
    """Adds the time expressions, resolved against the publication date."""
    from marsad.extract.times import find_times, find_times_unanchored, with_year
    from marsad.extract.timex.estimate import estimate_date

    def run(doc: Document) -> Document:
        anchor = _anchor(doc.metadata.published)
        if anchor:
            return doc.with_(times=tuple(find_times(doc.text, anchor)))
        found = find_times_unanchored(doc.text)
        # An undated article that names its year ("العام الماضي 2023") gives that year to its
        # day-month dates, a weak anchor marked by a year-only ``anchor``.
        est = estimate_date(doc.text, found)
        if est is not None:
            logger.debug("document %s: year estimated as %d", doc.id, est.year)
            found = with_year(found, est.year)
        return doc.with_(times=tuple(found))

    return run


@register("quantities", requires={"text"}, provides={"quantities"})
def quantities_stage() -> Callable[[Document], Document]:
    """Adds numbers, amounts of money, percentages and measures."""
    from marsad.extract.quantities import find_quantities

    def run(doc: Document) -> Document:
        # the times layer, when the times stage ran, spares a second scan for dates
        dates = [(t.start, t.end) for t in doc.times] if doc.times else None
        return doc.with_(quantities=tuple(find_quantities(doc.text, dates)))

    return run
