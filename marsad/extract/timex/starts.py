"""The time rules in the order they are tried, and which of them can start at a token.

:func:`marsad.extract.times.find_times` tries every rule at every token; most tokens ("قال",
"الحكومة") can start none. Each rule has a gate: what its first token must be for the rule to
match at all, read from the rule's code (a phrase table it tries at that token, with clitic
readings; a word it compares that token with; a stem set it tests; a spelled number; a decade
word). :func:`rules_at` returns the rules whose gate admits a token, so a scan skips the rest
without changing what is found. A rule that tests something new at its first token must add it
to its gate here (``tests/extract/test_times.py`` checks the gates against the rules).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.extract.timex.base import Ctx, Hit
from marsad.extract.timex.clock import clock_range_rule, clock_rule, daypart_rule
from marsad.extract.timex.dates import date_rule, year_rule
from marsad.extract.timex.lexicon import time_lexicon
from marsad.extract.timex.nth import months_of_year_rule, nth_rule, quarter_rule
from marsad.extract.timex.numeric import day_alone_rule, holiday_rule, numeric_rule
from marsad.extract.timex.periods import decade_tens, part_rule, season_rule
from marsad.extract.timex.relative import duration_rule, relative_rule, weekday_rule
from marsad.extract.timex.tokens import PhraseTable, Tok, _readings, stems

__all__ = ["RULES", "Rule", "rules_at"]

Rule = Callable[[Ctx, int], "Hit | None"]


@dataclass(frozen=True, slots=True)
class _Gate:
    """What a rule's first token may be (word tokens; any other token is let through)."""

    tables: tuple[str, ...] = ()  # TimeLexicon phrase tables tried there (clitics allowed)
    words: frozenset[str] = frozenset()  # exact words compared with it
    stem_sets: tuple[str, ...] = ()  # TimeLexicon word sets tested with stem_in
    stem_words: frozenset[str] = frozenset()  # literal stem sets tested with stem_in
    numbers: bool = False  # a spelled number (number_at, int_at, ordinal_at) may start it
    decade: bool = False  # "السبعينيات"
    double_lam: bool = False  # "للعاشر": ل + an ordinal


_NO_WORD = _Gate()

#: The rules in the order they are tried (the first of the longest matches wins), each with its
#: gate. Comments name the rule's code paths that test the first token.
RULES: tuple[tuple[Rule, _Gate], ...] = (
    (
        nth_rule,  # _ordinal; "يوم" + weekday; weekday, "اليوم", unit
        _Gate(
            tables=("weekdays", "units"),
            words=frozenset({"يوم", "اليوم"}),
            stem_sets=("last_ordinal",),
            numbers=True,
        ),
    ),
    (quarter_rule, _Gate(words=frozenset({"الربع", "للربع", "بالربع"}))),
    (months_of_year_rule, _Gate(tables=("units",), stem_words=frozenset({"النصف"}))),
    (
        date_rule,  # _weekday_prefix, _day_month (ranged or not, day_at), _month_day (month_at)
        _Gate(
            tables=("days", "weekdays", "this", "months", "units", "hijri_months"),
            words=frozenset({"يوم", "اليوم", "ما", "يومي", "بين", "من", "الشهر"}),
            stem_words=frozenset({"شهر"}),
            numbers=True,
        ),
    ),
    (numeric_rule, _NO_WORD),  # digit tokens only
    (holiday_rule, _Gate(tables=("holidays",), words=frozenset({"يوم"}))),
    (part_rule, _Gate(tables=("early", "mid", "late"))),
    (weekday_rule, _Gate(tables=("days", "this", "units", "weekdays"), words=frozenset({"يوم"}))),
    (season_rule, _Gate(tables=("this", "seasons"), words=frozenset({"فصل"}))),
    (
        relative_rule,  # earlier_in; period_at; now, days, tonight, that, this, units; "ال" +
        # number; "منذ/قبل/بعد"
        _Gate(
            tables=("earlier_in", "now", "days", "tonight", "that", "this", "units"),
            words=frozenset({"عطله", "نهايه", "بقيه", "باقي", "منذ", "قبل", "بعد"}),
            numbers=True,
            decade=True,
        ),
    ),
    (
        clock_range_rule,  # "من/بين", then _clock_at (part of day, clock word, hour)
        _Gate(tables=("day_parts", "clock"), words=frozenset({"من", "بين"}), numbers=True),
    ),
    (
        clock_rule,  # "عند/حوالي/...", _clock_at, "في/عند" + an ordinal hour
        _Gate(
            tables=("day_parts", "clock"),
            words=frozenset({"عند", "حوالي", "بحدود", "قرابه", "نحو", "في"}),
            numbers=True,
        ),
    ),
    (
        duration_rule,  # approx, within, "نصف", _amount (unit, few, number)
        _Gate(
            tables=("approx", "within", "units"),
            words=frozenset({"نصف", "نص"}),
            stem_sets=("few",),
            numbers=True,
        ),
    ),
    (daypart_rule, _Gate(tables=("part_modifiers", "day_parts"))),
    (year_rule, _Gate(tables=("units",), words=frozenset({"من", "في"}))),  # or a digit token
    (day_alone_rule, _Gate(words=frozenset({"في", "الي", "حتي", "ل"}), double_lam=True)),
)


@dataclass(frozen=True, slots=True)
class _Masks:
    """The gates as bit masks over :data:`RULES` (bit k: the k-th rule)."""

    by_stem: dict[str, int]  # a clitic reading -> the rules one of whose tables it starts
    by_word: dict[str, int]  # an exact word -> the rules that compare their first token with it
    numbers: int
    decade: int
    double_lam: int


@cache
def _masks() -> _Masks:
    lex = time_lexicon()
    by_stem: dict[str, int] = {}
    by_word: dict[str, int] = {}
    numbers = decade = double_lam = 0
    for k, (_, gate) in enumerate(RULES):
        bit = 1 << k
        keys: set[str] = set(gate.stem_words)
        for name in gate.tables:
            table = getattr(lex, name)
            assert isinstance(table, PhraseTable)
            keys |= table.first_words()
        for name in gate.stem_sets:
            words = getattr(lex, name)
            assert isinstance(words, frozenset)
            keys |= words
        for key in keys:
            by_stem[key] = by_stem.get(key, 0) | bit
        for word in gate.words:
            by_word[word] = by_word.get(word, 0) | bit
        numbers |= bit if gate.numbers else 0
        decade |= bit if gate.decade else 0
        double_lam |= bit if gate.double_lam else 0
    num_stems, num_words = _number_starts()
    for key in num_stems:
        by_stem[key] = by_stem.get(key, 0) | numbers
    for word in num_words:
        by_word[word] = by_word.get(word, 0) | numbers
    return _Masks(by_stem, by_word, numbers, decade, double_lam)


def _number_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The clitic readings and the exact words a spelled number can start with.

    ``number_at`` reads a word token as a number only when it is a minus word, or ``_lookup``
    knows one of its readings (a number word, or "ال" + a number word that is no scale), or a
    reading starts a fraction (:func:`_number_word` asks ``numbers`` itself; the tests check
    that both agree).
    """
    from marsad.extract.numbers import _lexicon

    lex = _lexicon()
    readings = set(lex.words) | lex.fractions.first_words()
    readings |= {"ال" + w for w, v in lex.words.items() if v.kind != "scale" and len(w) > 1}
    return frozenset(readings), lex.minus


def _number_word(word: str) -> bool:
    """Whether a spelled number can start at a word token ``word``, by ``numbers`` itself."""
    from marsad.extract.numbers import _lexicon, _lookup

    lex = _lexicon()
    if word in lex.minus or _lookup(word, first=True) is not None:
        return True
    firsts = lex.fractions.first_words()
    return any(s in firsts for _, s in stems(word))


@cache
def _rules_of_mask(mask: int) -> tuple[Rule, ...]:
    return tuple(rule for k, (rule, _) in enumerate(RULES) if mask >> k & 1)


@lru_cache(maxsize=100_000)
def _rules_for_word(word: str) -> tuple[Rule, ...]:
    m = _masks()
    mask = m.by_word.get(word, 0)
    for _, s in _readings(word):
        mask |= m.by_stem.get(s, 0)
    if word.startswith("لل"):
        mask |= m.double_lam
    if m.decade & ~mask and decade_tens(word) is not None:
        mask |= m.decade
    return _rules_of_mask(mask)


_ALL = tuple(rule for rule, _ in RULES)


def rules_at(tok: Tok) -> tuple[Rule, ...]:
    """The rules that can match starting at ``tok``, in the order they are tried.

    Args:
        tok: a token of the folded view.

    Returns:
        All rules for digits, Latin words, "-" and "+"; none for other symbols; for an Arabic
        word, the rules whose gate admits it (none for most words).

    Example:
        >>> from marsad.extract.timex.tokens import tokenize
        >>> rules_at(tokenize("قال")[0])
        ()
    """
    if tok.kind == "word":
        return _rules_for_word(tok.text)
    if tok.kind == "sym" and tok.text not in "-+":
        return ()
    return _ALL
