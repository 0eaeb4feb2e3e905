"""What the time rules share: the parse context, a rule's hit, and small token readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from marsad.extract.numbers import NumberMatch, number_at
from marsad.extract.timex.lexicon import TimeLexicon, time_lexicon
from marsad.extract.timex.tokens import PhraseTable, Tok, _readings

__all__ = ["Ctx", "Hit", "Resolved", "Resolver"]


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved value; ``end`` for ranges (inclusive, at the same granularity)."""

    value: str
    end: str | None = None


#: resolve(anchor date or None, anchor datetime or None, tense direction -1/0/+1)
Resolver = Callable[[dt.date | None, dt.datetime | None, int], Resolved]


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match over tokens ``[start, end)``, skipping ``prefix`` clitic characters."""

    start: int
    end: int
    kind: str
    gran: str
    resolve: Resolver
    prefix: int = 0
    mod: str | None = None  # TIMEX3 START, MID or END: a part of the period


class Ctx:
    """Tokens of the folded text and readers for the pieces rules are built from."""

    def __init__(self, toks: tuple[Tok, ...], text: str) -> None:
        self.toks = toks
        self.text = text
        self.lex: TimeLexicon = time_lexicon()
        self._numbers: dict[int, NumberMatch | None] = {}

    # -- tokens -------------------------------------------------------------------------------
    def word(self, i: int) -> str:
        return self.toks[i].text if i < len(self.toks) else ""

    def is_(self, i: int, *words: str) -> bool:
        return i < len(self.toks) and self.toks[i].text in words

    def adjacent(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` with no space between."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def match(self, table: PhraseTable[object], i: int) -> tuple[object, int, int] | None:
        return table.match(self.toks, i)

    def flag(self, table: PhraseTable[bool], i: int) -> int | None:
        """End token of a phrase of ``table`` at ``i`` (clitics allowed), or ``None``."""
        m = table.match(self.toks, i)
        return m[1] if m else None

    def stem_in(self, i: int, words: frozenset[str]) -> bool:
        if i >= len(self.toks):
            return False
        return any(s in words for _, s in _readings(self.toks[i].text))

    # -- numbers ------------------------------------------------------------------------------
    def number(self, i: int) -> NumberMatch | None:
        """``number_at(self.toks, i)``, read once per token (rules ask it again and again)."""
        try:
            return self._numbers[i]
        except KeyError:
            m = self._numbers[i] = number_at(self.toks, i)
            return m

    def int_at(self, i: int, lo: int, hi: int, *, spelled: bool = True) -> tuple[int, int] | None:
        """An integer in ``[lo, hi]`` at ``i`` (a plain digit token, or a spelled number)."""
        if i >= len(self.toks):
            return None
        t = self.toks[i]
        if t.kind == "num":
            if not t.text.isdigit():
                return None
            v = int(t.text)
            return (v, i + 1) if lo <= v <= hi else None
        if not spelled or t.kind != "word":
            return None
        m = self.number(i)
        if m is None or not m.value.is_integer():
            return None
        v = int(m.value)
        return (v, m.end_tok) if lo <= v <= hi else None

    def ordinal_at(self, i: int, lo: int, hi: int) -> tuple[int, int] | None:
        """A spelled ordinal in ``[lo, hi]`` ("الحادي والعشرين")."""
        if i >= len(self.toks) or self.toks[i].kind != "word":
            return None
        m = self.number(i)
        if m is None or not m.ordinal or not m.value.is_integer():
            return None
        v = int(m.value)
        return (v, m.end_tok) if lo <= v <= hi else None

    def unit_at(self, i: int) -> tuple[str, str, int, bool] | None:
        """A calendar unit word: ``(unit, sg/du/pl, end, had_article)``."""
        m = self.lex.units.match(self.toks, i)
        if m is None:
            return None
        (unit, number, article), j, _ = m
        return unit, number, j, article
