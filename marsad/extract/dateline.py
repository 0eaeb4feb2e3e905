"""The dateline that opens a wire article ("دبي، الإمارات العربية المتحدة (CNN) --"): the places
named there are where the outlet writes from, and its words are never an event's participants
nor a quote's content."""

from __future__ import annotations

import re

__all__ = ["dateline_end"]

# a word then its separator (or the dateline's bracket/dash right after it): one way to split a
# line into words, so a text that has no dateline fails fast instead of backtracking
_WORD = r"[^\s().،,:-]+(?:[\s،,]+|(?=[(\-–—]))"
_DATELINE_REACH = 300  # a dateline is a few words at the very start of the text
_DATELINE = re.compile(
    rf"\s*(?:(?:{_WORD}){{1,8}}\([^()\n]{{1,30}}\)\s*|(?:{_WORD}){{1,3}})[-–—]+\s"
)


def dateline_end(text: str) -> int:
    """End of the article's dateline (``دبي، الإمارات العربية المتحدة (CNN) --``), 0 if none:
    the places named there are where the outlet writes from, never an event's participants.

    Example:
        >>> dateline_end("الرياض (CNN) -- استقبل الملك")
        16
        >>> dateline_end("استقبل الملك سلمان اليوم")
        0
    """
    m = _DATELINE.match(text[:_DATELINE_REACH])
    return m.end() if m else 0
