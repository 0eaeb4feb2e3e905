"""Tokens over the folded view of a text, and phrase tables matched on them.

Dates, numbers and quantities are matched on the *key* view of a text
(:func:`marsad.text.normalize.normalize` with ``fold=True``): diacritics and tatweel gone,
Arabic-Indic and Persian digits made ASCII, alef/ya/ta-marbuta forms folded. Word lists from the
resource files are folded the same way, so "أغسطس" and "اغسطس" are one entry. Offsets of tokens
index the folded text; :class:`View` maps them back to the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from marsad.text.normalize import Normalized, match_key, normalize

__all__ = [
    "PhraseTable",
    "Tok",
    "View",
    "stems",
    "tokenize",
    "view_of",
]

T = TypeVar("T")

_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*|(?<![\w.])\.\d+)|(?P<word>[\u0621-\u064a\u0671-\u06d3]+)|(?P<latin>[A-Za-z]+)|(?P<sym>\S)"
)
# Proclitics stripped before a lexicon lookup: conjunction, then preposition.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of the folded text: ``[start, end)`` into it, its text and its class."""

    start: int
    end: int
    text: str
    kind: str  # num, word, latin, sym


@dataclass(frozen=True, slots=True)
class View:
    """The folded view of an input text, its tokens, and the way back to the input."""

    source: str
    norm: Normalized
    toks: tuple[Tok, ...]

    @property
    def text(self) -> str:
        return self.norm.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The input span that folded ``[start, end)`` came from."""
        return self.norm.source_span(start, end)

    def gap(self, i: int) -> str:
        """The folded text between token ``i - 1`` and token ``i`` (spaces, usually)."""
        if i <= 0 or i >= len(self.toks):
            return ""
        return self.norm.text[self.toks[i - 1].end : self.toks[i].start]


def tokenize(text: str) -> tuple[Tok, ...]:
    """Split folded text into numbers, Arabic words, Latin words and single symbols.

    >>> [t.text for t in tokenize("في 7,591 كم.")]
    ['في', '7,591', 'كم', '.']
    """
    out: list[Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        out.append(Tok(m.start(), m.end(), m.group(), kind))
    return tuple(out)


def view_of(text: str) -> View:
    """Fold ``text`` and tokenize the folded view."""
    norm = normalize(text, fold=True)
    return View(text, norm, tokenize(norm.text))


def stems(word: str) -> Iterator[tuple[int, str]]:
    """``(prefix_length, stem)`` readings of a folded word, the word itself first.

    >>> list(stems("وللعام"))[:3]
    [(0, 'وللعام'), (1, 'للعام'), (2, 'العام')]
    """
    yield 0, word
    seen = {word}
    bases = [(0, word)]
    if len(word) > 2 and word[0] in _CONJ:
        bases.append((1, word[1:]))
        if word[1:] not in seen:
            seen.add(word[1:])
            yield 1, word[1:]
    for plen, base in bases:
        if len(base) > 2 and base[0] in _PREP:
            rest = base[1:]
            if base[0] == "ل" and rest.startswith("ل"):  # لل = ل + ال with its alef dropped
                rest = "ا" + rest
            if rest not in seen:
                seen.add(rest)
                yield plen + 1, rest


@lru_cache(maxsize=100_000)
def _readings(word: str) -> tuple[tuple[int, str], ...]:
    return tuple(stems(word))


def _key_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(match_key(phrase)))


class PhraseTable(Generic[T]):
    """Folded phrases (one or more tokens) mapped to values, matched longest first.

    The first word of a phrase may carry proclitics (و ف ب ل ك, لل); later words must match
    exactly after folding.
    """

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._table: dict[tuple[str, ...], T] = {}
        self._first: dict[str, int] = {}  # first word -> longest phrase starting with it
        for phrase, value in entries:
            key = _key_words(phrase)
            if key:
                self._table.setdefault(key, value)
                self._first[key[0]] = max(self._first.get(key[0], 0), len(key))

    def __contains__(self, phrase: str) -> bool:
        return _key_words(phrase) in self._table

    def first_words(self) -> frozenset[str]:
        """The folded first words of the phrases (without clitics).

        >>> sorted(PhraseTable([("يوم الأحد", 1), ("أمس", 2)]).first_words())
        ['امس', 'يوم']
        """
        return frozenset(self._first)

    def match(
        self, toks: tuple[Tok, ...], i: int, *, clitics: bool = True
    ) -> tuple[T, int, int] | None:
        """The longest phrase starting at token ``i``: ``(value, end_token, prefix_length)``."""
        if i >= len(toks):
            return None
        first = toks[i].text
        readings = _readings(first) if clitics and toks[i].kind == "word" else ((0, first),)
        best: tuple[T, int, int] | None = None
        for plen, stem in readings:
            longest = self._first.get(stem)
            if longest is None:
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                if best is not None and i + n <= best[1]:
                    break
                value = self._table.get((stem, *(t.text for t in toks[i + 1 : i + n])))
                if value is not None:
                    best = (value, i + n, plen)
                    break
        return best
