"""Spans for hand-built test documents: one sentence per line, a needle's offsets, a mention."""

from __future__ import annotations

from marsad.model import EntityMention, Sentence


def line_sentences(text: str) -> tuple[Sentence, ...]:
    """One sentence per line of ``text``."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append(Sentence(start, start + len(line)))
        start += len(line) + 1
    return tuple(out)


def span_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence (from 0) of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return at, at + len(needle)


def mention(text: str, needle: str, type_: str, entity: str | None, nth: int = 0) -> EntityMention:
    """An entity mention on the ``nth`` occurrence of ``needle``."""
    return EntityMention(*span_of(text, needle, nth), needle, type_, entity)
