"""Hand-built documents for the quote and event tests: cleaned and segmented text with the entity
mentions and time expressions a test names by their surface strings."""

from __future__ import annotations

from collections.abc import Sequence

from marsad.model import Document, EntityMention, Metadata, Provenance, TimeExpression
from marsad.text.clean import clean_document
from marsad.text.stages import segment_document

Mention = tuple[str, str, str | None]  # surface, NER type, entity id
# surface, value[, granularity (default: day)[, TIMEX3 mod]]
Time = tuple[str, str] | tuple[str, str, str] | tuple[str, str, str, str]


def annotated(
    text: str,
    mentions: Sequence[Mention],
    times: Sequence[Time] = (),
    *,
    published: str = "2025-11-11",
    every: bool = False,
) -> Document:
    """``text`` cleaned and segmented, with ``mentions`` at the first occurrence of each surface
    (at every occurrence with ``every``, where a surface the text lacks is passed over) and
    ``times`` at the first occurrence of theirs."""
    meta = Metadata(published=published)
    doc = segment_document(clean_document(Document(text, Provenance("t", "stdin", ""), meta)))
    ents = []
    for surface, kind, ident in mentions:
        start = doc.text.find(surface) if every else doc.text.index(surface)
        while start >= 0:
            ents.append(EntityMention(start, start + len(surface), surface, kind, ident))
            start = doc.text.find(surface, start + len(surface)) if every else -1
    tx = []
    for surface, value, *rest in times:
        start = doc.text.index(surface)
        gran, mod = (rest[0] if rest else "day"), (rest[1] if len(rest) > 1 else None)
        tx.append(TimeExpression(start, start + len(surface), surface, value, gran, mod=mod))
    return doc.with_(entities=tuple(sorted(ents, key=lambda m: m.start)), times=tuple(tx))
