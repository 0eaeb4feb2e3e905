"""Matching keys for names: clitic stripping, light spelling variants and skeletons.

Every key here is built on :func:`marsad.text.normalize.match_key` (diacritics removed, alef,
ya and ta marbuta folded). On top of it:

* :func:`strip_proclitics` lists the readings of a word with its proclitics (و ف ب ل ك and the
  article, "لل" for ل + ال) taken off, most literal first;
* :func:`light_variants` gives the spellings a transliterated name takes in Arabic news: a long
  vowel written or not (بوتين / بوتن), a doubled letter or not (توكاييف / توكايف), ج for غ
  (سيرغي / سيرجي);
* :func:`skeleton` folds all of those at once, to cluster names the knowledge base does not know.

The clitic inventory is data (``resources/kb/lexicon.json``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = [
    "Lexicon",
    "dropped_vowel",
    "lexicon",
    "light_variants",
    "phrase_key",
    "skeleton",
    "split_words",
    "strip_proclitics",
]

_LONG_VOWELS = "اوي"
_WORD = re.compile(r"[\w\u0600-\u06ff]+(?:[.'’][\w\u0600-\u06ff]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``resources/kb/lexicon.json``, keyed with :func:`match_key`."""

    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    min_stem: int
    titles: frozenset[str]
    roles: dict[str, dict[str, tuple[str, ...]]]
    blockers_before: frozenset[str]
    blockers_after: frozenset[str]
    nisba_suffixes: tuple[str, ...]
    nisba_blockers_before: frozenset[str]
    nisba_stoplist: frozenset[str]
    gazetteer_skip: frozenset[str]
    adjective_homographs: frozenset[str]
    country_heads: frozenset[str]
    common_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon of clitics, titles and office names (loaded once)."""
    data = load_json("kb", "lexicon.json")

    def keys(items: list[str]) -> frozenset[str]:
        return frozenset(phrase_key(w) for w in items)

    roles = {
        role: {
            "with_nisba": tuple(phrase_key(t) for t in spec["with_nisba"]),
            "with_country": tuple(phrase_key(t) for t in spec["with_country"]),
        }
        for role, spec in data["roles"].items()
    }
    return Lexicon(
        conjunctions=tuple(data["conjunctions"]),
        prepositions=tuple(data["prepositions"]),
        article=data["article"],
        min_stem=int(data["min_stem"]),
        titles=keys(data["titles"]),
        roles=roles,
        blockers_before=keys(data["role_blockers_before"]),
        blockers_after=keys(data["role_blockers_after"]),
        nisba_suffixes=tuple(match_key(s) for s in data["nisba_suffixes"]),
        nisba_blockers_before=keys(data["nisba_blockers_before"]),
        nisba_stoplist=keys(data["nisba_stoplist"]),
        gazetteer_skip=keys(data.get("gazetteer_skip", [])),
        adjective_homographs=keys(data.get("adjective_homographs", [])),
        country_heads=keys(data.get("country_heads", [])),
        common_words=_common_words(),
    )


def _common_words() -> frozenset[str]:
    f = resources.files("marsad.resources.kb").joinpath("common_words.txt")
    if not f.is_file():
        return frozenset()
    lines = f.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def split_words(text: str) -> list[str]:
    """The words of a name or phrase (hyphens and punctuation separate words).

    >>> split_words("قاسم-جومارت توكاييف")
    ['قاسم', 'جومارت', 'توكاييف']
    """
    return _WORD.findall(text)


def phrase_key(text: str) -> str:
    """The key of a multi-word phrase: the words' match keys joined by one space.

    >>> phrase_key("الـ كريملِن")
    'الكريملن'
    """
    return " ".join(match_key(w) for w in split_words(match_key(text)))


@lru_cache(maxsize=100_000)
def strip_proclitics(key: str) -> tuple[tuple[int, str], ...]:
    """Readings of a folded word with proclitics removed: ``(prefix length, rest)`` pairs.

    The word itself comes first (length 0), then readings with more taken off. "لل" at the
    front is read as ل + ال, so the rest gets its article back ("للكرملين" -> "الكرملين").

    >>> (3, "الكرملين") in strip_proclitics("وللكرملين")
    True
    """
    lex = lexicon()
    out: list[tuple[int, str]] = [(0, key)]
    seen = {key}

    def add(n: int, rest: str) -> None:
        if len(rest) >= lex.min_stem and rest not in seen:
            seen.add(rest)
            out.append((n, rest))

    conj = [""] + [c for c in lex.conjunctions if key.startswith(c)]
    for c in conj:
        after_c = key[len(c) :]
        if c:
            add(len(c), after_c)
        for p in lex.prepositions:
            if not after_c.startswith(p):
                continue
            rest = after_c[len(p) :]
            add(len(c) + len(p), rest)
            if p == "ل" and rest.startswith("ل"):
                # ل + ال is written "لل": give the article back.
                add(len(c) + 2, lex.article + rest[1:])
                add(len(c) + 2, rest[1:])
        if after_c.startswith(lex.article):
            add(len(c) + len(lex.article), after_c[len(lex.article) :])
    return tuple(out)


def _fold_letters(key: str) -> str:
    return key.replace("غ", "ج").replace("ق", "ك").replace("ذ", "ز").replace("ث", "س")


@lru_cache(maxsize=200_000)
def light_variants(word_key: str) -> frozenset[str]:
    """Spelling variants of one folded word that news transliteration produces.

    The word with: one long vowel (ا و ي, not the first letter) dropped, one doubled letter
    written once, غ written ج. The article is not part of the word: its first letter is the
    one after "ال", and words shorter than four letters without it get none (too many
    collisions: "المون" is not "اليمن").

    >>> "بوتن" in light_variants("بوتين")
    True
    >>> "توكايف" in light_variants("توكاييف")
    True
    >>> "الكرملن" in light_variants("الكرملين")
    True
    >>> sorted(light_variants("اليمن"))
    ['اليمن']
    """
    art = lexicon().article
    prefix = art if word_key.startswith(art) and len(word_key) > len(art) + 1 else ""
    stem = word_key[len(prefix) :]
    out = {stem}
    if len(stem) < 4:
        return frozenset({word_key})
    for i in range(1, len(stem)):
        ch = stem[i]
        if ch in _LONG_VOWELS and i < len(stem) - 1:
            out.add(stem[:i] + stem[i + 1 :])
        if stem[i - 1] == ch:
            out.add(stem[:i] + stem[i + 1 :])
    out |= {v.replace("غ", "ج") for v in list(out)}
    return frozenset(prefix + v for v in out if len(v) >= 3)


def dropped_vowel(word_key: str, variant: str) -> str:
    """The long vowel ``word_key`` lost to become its light variant ``variant`` ("" when it lost
    none: the word itself, غ written ج; a doubled vowel written once counts as that vowel).

    >>> dropped_vowel("العبيدي", "العبدي"), dropped_vowel("بوتين", "بوتين")
    ('ي', '')
    """
    if len(variant) != len(word_key) - 1:
        return ""
    lost = Counter(word_key) - Counter(variant)
    letter = next(iter(lost), "")
    return letter if letter in _LONG_VOWELS and len(lost) == 1 else ""


@lru_cache(maxsize=200_000)
def skeleton(text: str) -> str:
    """A spelling-tolerant key of a name: article and inner long vowels out, letters folded.

    >>> skeleton("الكريملن") == skeleton("الكرملين")
    True
    >>> skeleton("سيرغي لافروف") == skeleton("سيرجي لافروف")
    True
    """
    words = []
    for w in phrase_key(text).split():
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        w = _fold_letters(w)
        if len(w) > 2:
            w = w[0] + "".join(c for c in w[1:-1] if c not in _LONG_VOWELS) + w[-1]
        w = re.sub(r"(.)\1+", r"\1", w)
        words.append(w)
    return " ".join(words)
