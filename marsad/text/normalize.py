"""Arabic normalization that never loses the way back.

Two views of a text are used across marsad:

* the *display* view (:func:`normalize` with ``fold=False``): compatibility forms (Arabic
  presentation forms, ligatures) decomposed, tatweel and invisible marks dropped, Arabic-Indic and
  Persian digits and separators made ASCII, the detached article "الـ كريملِن" joined; diacritics
  kept;
* the *key* view (``fold=True``): the display view with diacritics removed and letters folded
  (alef forms to ا, alef maksura to ي, ta marbuta to ه, hamza carriers to their letter), used to
  match names, index and search.

Both return a :class:`Normalized` whose :class:`~marsad.model.OffsetMap` maps every normalized
character back to the characters of the input it came from. The character tables are data in
``resources/text/arabic_chars.json``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from marsad.model import OffsetMap
from marsad.resources import load_json

__all__ = ["Normalized", "match_key", "normalize"]


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    map: OffsetMap

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalized ``[start, end)`` came from."""
        return self.map.span(start, end)


@dataclass(frozen=True, slots=True)
class _Tables:
    drop: frozenset[str]
    diacritics: frozenset[str]
    replace: dict[str, str]
    fold: dict[str, str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = load_json("text", "arabic_chars.json")
    replace = dict(data["digits"])
    replace.update(data["separators"])
    return _Tables(
        drop=frozenset(data["tatweel"] + data["invisible"]),
        diacritics=frozenset(data["diacritics"]),
        replace=replace,
        fold=dict(data["key_letters"]),
    )


# "الـ كريملِن", "الـكرملين": the article written apart with a tatweel, optionally a space after.
_DETACHED_ARTICLE = re.compile(r"(?<![\w\u0600-\u06ff])(ال)\u0640+[ \u00a0]?(?=[\u0600-\u06ff])")


def _needs_compat(ch: str) -> bool:
    o = ord(ch)
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF or 0xFF00 <= o <= 0xFFEF


def normalize(text: str, *, fold: bool = False) -> Normalized:
    """Normalize ``text`` and keep an offset map back to it.

    Args:
        text: any string.
        fold: also remove diacritics and fold letters into the matching-key alphabet.

    Returns:
        The normalized text and its offset map (``len(map) == len(text)`` of the result).

    Example:
        >>> n = normalize("الـ كريملِن", fold=True)
        >>> n.text
        'الكريملن'
        >>> n.source_span(2, 8)
        (4, 11)
    """
    tables = _tables()
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    # Characters swallowed by the detached-article rule: the tatweel(s) and space after "ال".
    swallowed: set[int] = set()
    for m in _DETACHED_ARTICLE.finditer(text):
        swallowed.update(range(m.end(1), m.end()))

    def extend_previous(i: int) -> None:
        if ends:
            ends[-1] = i + 1

    for i, ch in enumerate(text):
        if i in swallowed or ch in tables.drop:
            extend_previous(i)
            continue
        if fold and ch in tables.diacritics:
            extend_previous(i)
            continue
        pieces: str
        if ch in tables.replace:
            pieces = tables.replace[ch]
        elif _needs_compat(ch):
            pieces = unicodedata.normalize("NFKC", ch)
        else:
            pieces = ch
        for p in pieces:
            if fold:
                if p in tables.diacritics or p in tables.drop:
                    continue
                p = tables.fold.get(p, p)
            out.append(p)
            starts.append(i)
            ends.append(i + 1)
    return Normalized("".join(out), OffsetMap(tuple(starts), tuple(ends), len(text)))


@lru_cache(maxsize=200_000)
def match_key(word: str) -> str:
    """The folded matching key of a word or phrase (no offset map).

    >>> match_key("إِسْلامِيّة")
    'اسلاميه'
    """
    return normalize(word, fold=True).text
