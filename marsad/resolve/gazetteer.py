"""Dictionary tagging: knowledge-base names, aliases and nisba adjectives found in a document.

The tagger walks the document's word tokens and looks up the longest run of words whose folded
key is a knowledge-base name (the first word may carry proclitics: "وموسكو", "للكرملين"), then
light spelling variants of it ("الكريملن"), then nisba adjectives of countries ("الكازاخستانية").
It complements the statistical NER: it never misses a listed name, and it knows the type.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from marsad.model import Document, Entity, EntityMention, Token
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.keys import lexicon, strip_proclitics
from marsad.text.normalize import normalize

__all__ = ["Unit", "find_kb_mentions", "units"]

_JOIN_GAP = re.compile(r"^(?:[ \u00a0]+|-)$")
_FUZZY = frozenset({"PERSON", "ORG"})  # transliterated names vary; CLDR place names do not
_NONE = Entity("", "", "")
_CHOICE_BONUS = {"exact": 1.0, "fuzzy": 0.8, "nisba": 0.9}


@dataclass(frozen=True, slots=True)
class Unit:
    """A word as the matcher sees it: its span, folded key and proclitic readings.

    ``readings`` are ``(source start, key)`` pairs, the whole word first, then with proclitics
    off; ``joined`` says the unit follows the previous one with only a space or a hyphen.
    """

    start: int
    end: int
    key: str
    readings: tuple[tuple[int, str], ...]
    joined: bool


def _readings(text: str, start: int, token: Token | None) -> tuple[tuple[int, str], ...]:
    folded = normalize(text, fold=True)
    out: list[tuple[int, str]] = []
    for n, rest in strip_proclitics(folded.text):
        offset = folded.map.starts[n] if n < len(folded.text) else len(text)
        out.append((start + offset, rest))
    if token is not None and token.key and all(token.key != r for _, r in out):
        out.append((token.stem_start, token.key))
    return tuple(out)


def units(doc: Document) -> list[Unit]:
    """The document's word tokens as matching units (a detached "الـ" joins the next word).

    >>> from marsad.model import Provenance, Token
    >>> d = Document("الـ كريملِن", Provenance("t", "stdin", ""), tokens=(
    ...     Token(0, 3, "الـ", 0, "ال"), Token(4, 11, "كريملِن", 4, "كريملن")))
    >>> [u.key for u in units(d)]
    ['الكريملن']
    """
    text = doc.text
    words = [t for t in doc.tokens if t.is_word and t.end > t.start]
    out: list[Unit] = []
    prev_end: int | None = None
    i = 0
    while i < len(words):
        t = words[i]
        start, end = t.start, t.end
        tok: Token | None = t
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (
            nxt is not None
            and "\u0640" in t.text
            and normalize(t.text, fold=True).text == lexicon().article
            and _JOIN_GAP.match(text[end : nxt.start] or " ")
        ):
            # "الـ كريملِن": the article written apart belongs to the next word; normalize()
            # joins it and maps the joined key back over the space.
            end, tok = nxt.end, None
            i += 1
        joined = prev_end is not None and bool(_JOIN_GAP.match(text[prev_end:start]))
        readings = _readings(text[start:end], start, tok)
        out.append(Unit(start, end, readings[0][1], readings, joined))
        prev_end = end
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    ids: frozenset[str]
    how: str  # exact, fuzzy, nisba


def _match_at(u: list[Unit], i: int, kb: KnowledgeBase) -> _Hit | None:
    longest = 1
    while longest < kb.max_words and i + longest < len(u) and u[i + longest].joined:
        longest += 1
    lex = lexicon()
    common = any(k in lex.common_words for _, k in u[i].readings)
    for how in ("exact", "fuzzy", "nisba"):
        for n in range(longest if how != "nisba" else min(longest, 2), 0, -1):
            tail = " ".join(x.key for x in u[i + 1 : i + n])
            for start, first in u[i].readings:
                phrase = f"{first} {tail}" if tail else first
                if how == "exact":
                    if n == 1 and phrase in lex.gazetteer_skip:
                        continue
                    ids = kb.exact_ids(phrase)
                elif how == "fuzzy":
                    if n == 1 and (len(phrase) < 6 or common):
                        continue
                    ids = frozenset(
                        e for e in kb.fuzzy_ids(phrase) if (kb.get(e) or _NONE).type in _FUZZY
                    )
                else:
                    if i > 0 and u[i - 1].key in lex.nisba_blockers_before:
                        return None
                    nid = kb.nisba_id(phrase)
                    ids = frozenset({nid}) if nid else frozenset()
                if ids:
                    return _Hit(start, u[i + n - 1].end, ids, how)
    return None


def find_kb_mentions(doc: Document, kb: KnowledgeBase) -> tuple[EntityMention, ...]:
    """Knowledge-base names and nisba adjectives in ``doc.text``, as resolved mentions.

    Args:
        doc: a document with ``tokens``.
        kb: the knowledge base.

    Returns:
        Non-overlapping mentions in text order, each with ``entity`` set to a KB id. Names get
        the KB type (countries and cities are GPE); nisba adjectives are MISC mentions linked to
        their country. An ambiguous name takes the reading that the rest of the document names
        unambiguously, else the first (countries before cities before organizations).

    Example:
        >>> from marsad.model import Provenance, Token
        >>> d = Document("وموسكو", Provenance("t", "stdin", ""),
        ...              tokens=(Token(0, 6, "وموسكو", 1, "موسكو"),))
        >>> m = find_kb_mentions(d, KnowledgeBase.load())[0]
        >>> (m.text, m.type, m.entity)
        ('موسكو', 'GPE', 'wd:Q649')
    """
    u = units(doc)
    hits: list[_Hit] = []
    i = 0
    while i < len(u):
        hit = _match_at(u, i, kb)
        if hit is None:
            i += 1
            continue
        hits.append(hit)
        while i < len(u) and u[i].start < hit.end:
            i += 1
    sure = Counter(next(iter(h.ids)) for h in hits if len(h.ids) == 1)
    out = []
    for h in hits:
        ids = sorted(h.ids)
        ranked = kb.rank(ids)  # countries, places, organizations, people
        ent = max(ranked, key=lambda e: (sure[e.id], -ranked.index(e)))
        etype = "MISC" if h.how == "nisba" else ent.type
        score = _CHOICE_BONUS[h.how] / (1 if len(ids) == 1 else 2)
        out.append(EntityMention(h.start, h.end, doc.text[h.start : h.end], etype, ent.id, score))
    return tuple(out)
