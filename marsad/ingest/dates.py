"""Dates stated by inputs (ISO 8601, RFC 822) reduced to ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["iso_date"]

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_COMPACT_DAY = re.compile(r"\s*(\d{4})(\d{2})(\d{2})(?:$|T)")


def iso_date(value: str) -> str | None:
    """The calendar day a stated date names, as the publisher wrote it (no time-zone shift).

    Accepts ISO 8601 dates and date-times (``2019-02-08T00:00:00+01:00`` gives ``2019-02-08``),
    compact ``20190208`` and RFC 822 dates as in RSS (``Fri, 08 Feb 2019 10:00:00 GMT``).

    Args:
        value: the date as found in metadata.

    Returns:
        ``YYYY-MM-DD``, or ``None`` when ``value`` is not such a date.

    Example:
        >>> iso_date("Fri, 08 Feb 2019 23:30:00 -0500")
        '2019-02-08'
    """
    text = value.strip()
    if not text:
        return None
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None
