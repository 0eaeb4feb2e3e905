"""Hand-built documents for the resolver tests, with a small clitic-aware tokenizer."""

from __future__ import annotations

import re

from marsad.model import Document, EntityMention, Metadata, Provenance, Token
from marsad.text.normalize import match_key

_TOKEN = re.compile(r"[\w\u0600-\u06ff\u064b-\u0652\u0640]+|[^\s\w]", re.UNICODE)
_PREFIX = re.compile(r"^(?:[وف]?(?:[بلك]|ال|لل)?)")


def tokenize(text: str) -> tuple[Token, ...]:
    """Words and punctuation; the stem starts after و/ف and one of ب/ل/ك (never below 3 letters)."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        is_word = bool(re.match(r"[\w\u0600-\u06ff]", word))
        cut = 0
        if is_word:
            p = re.match(r"^[وف]?[بلك]?", word)
            if p and len(word) - p.end() >= 3:
                cut = p.end()
        stem = word[cut:]
        out.append(Token(m.start(), m.end(), word, m.start() + cut, match_key(stem), is_word))
    return tuple(out)


def make_doc(
    text: str,
    published: str | None = "2025-11-11",
    entities: tuple[EntityMention, ...] = (),
) -> Document:
    """A document with tokens, a publication date and optional NER-like mentions."""
    return Document(
        raw=text,
        provenance=Provenance("test", "stdin", "2025-11-11T00:00:00"),
        metadata=Metadata(published=published),
        tokens=tokenize(text),
        entities=entities,
    )


def ner(doc_text: str, *spans: tuple[str, str], occurrence: int = 0) -> tuple[EntityMention, ...]:
    """NER-like mentions: each (surface, type) at its ``occurrence``-th place in the text."""
    out = []
    for surface, etype in spans:
        start = -1
        for _ in range(occurrence + 1):
            start = doc_text.index(surface, start + 1)
        out.append(EntityMention(start, start + len(surface), surface, etype))
    return tuple(out)
