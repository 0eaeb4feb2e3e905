"""Sentences and clitic-aware tokens, with offsets into the text they split.

Sentences end at newlines and at sentence-final punctuation (. ! ? ؟ …) followed by a space, but
never inside a number (7,591 or 2.5), after a one-letter abbreviation ("د."), or inside a quote
that closes on the same line; a closing quote or bracket after the punctuation stays with its
sentence.

Tokens are words, numbers and single punctuation marks. Arabic proclitics (و ف ب ل ك س and the
article ال) stay attached to the token, and ``Token.stem_start`` records where the particles end,
so "وموسكو" has the stem "موسكو" while "بوتين" (which begins with ب) keeps its ب. Whether a
leading letter is a particle is decided from folded word counts of a news corpus
(``resources/text/vocab.tsv.gz``): the split is taken when the remainder is a more common word
than the whole.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from marsad.model import Sentence, Token
from marsad.text.normalize import match_key

__all__ = ["split_clitics", "split_sentences", "tokenize", "vocabulary"]

_AR_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc"
_AR_MARK = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN = re.compile(
    rf"(?P<num>[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*)"
    # the detached article "الـ كريملِن" is one token: ال, tatweel(s), an optional space, the word
    rf"|(?P<word>ال\u0640+ ?[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*"
    rf"|[{_AR_LETTER}{_AR_MARK}]*[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_FINAL = ".!?؟…"
_CLOSERS = "\"'»”’)]}"
_OPEN_CLOSE = {"«": "»", "“": "”", "(": ")"}
_MAX_QUOTE = 400  # an unclosed quote longer than this does not hold a sentence open
#: characters in one sentence at most: news sentences stay under 1,000 (860 in the 230 gold
#: articles); a longer run is cut, so that no later stage sees one sentence of a whole page
_MAX_SENTENCE = 2000


@lru_cache(maxsize=1)
def _vocab() -> dict[str, int]:
    path = resources.files("marsad.resources.text").joinpath("vocab.tsv.gz")
    counts: dict[str, int] = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, count = line.rstrip("\n").partition("\t")
            counts[word] = int(count)
    return counts


def vocabulary() -> dict[str, int]:
    """Folded word -> count in the news corpus the segmenter's statistics come from."""
    return _vocab()


def _count(key: str) -> int:
    return _vocab().get(key, 0)


@lru_cache(maxsize=1)
def _unsplittable() -> frozenset[str]:
    path = resources.files("marsad.resources.text").joinpath("no_clitic_split.txt")
    words = path.read_text(encoding="utf-8").splitlines()
    return frozenset(match_key(w.strip()) for w in words if w.strip() and not w.startswith("#"))


#: the remainder must be this many times more common than the whole word to be taken as a stem
_SPLIT_RATIO = 1.5


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_FUTURE = "س"
_IMPERFECT = "يتنا"


@lru_cache(maxsize=500_000)
def split_clitics(word: str) -> tuple[int, int]:
    """Where the particles and the article end in ``word`` (a folded key, no diacritics).

    Returns ``(particles, article)``: the number of characters of particle proclitics
    (و ف ب ل ك س), and the number of characters after them that are the article (2 for ال, 1 for
    the ل of "لل" whose alef is elided, else 0).

    >>> split_clitics("وموسكو")
    (1, 0)
    >>> split_clitics("بوتين")
    (0, 0)
    >>> split_clitics("للكرملين")
    (1, 1)
    """
    if word in _unsplittable():
        return 0, 0
    whole = _count(word)
    best = (0, 0)
    best_score: float = whole * _SPLIT_RATIO
    for prefix in _particle_prefixes(word):
        rest = word[len(prefix) :]
        if len(rest) < 2:
            continue
        score = _count(rest)
        article = 0
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) > 3:
            # "لل" + noun: the article's alef is dropped after the preposition ل
            score = max(score, _count("ا" + rest))
            article = 1
        if score > best_score:
            best, best_score = (len(prefix), article), score
    if best == (0, 0) and whole == 0 and word[:1] in _CONJ and len(word) >= 5:
        # an unknown word: only the conjunction is taken off, when the rest is long enough
        best = (1, 0)
    particles, article = best
    if word[particles:] in _unsplittable():
        return particles, 0
    if article == 0 and word[particles:].startswith("ال") and len(word) - particles > 3:
        article = 2
    return particles, article


def _particle_prefixes(word: str) -> list[str]:
    out: list[str] = []
    for conj in ("", *_CONJ):
        if conj and not word.startswith(conj):
            continue
        after = word[len(conj) :]
        if conj:
            out.append(conj)
        for prep in _PREP:
            if after.startswith(prep):
                out.append(conj + prep)
        if after.startswith(_FUTURE) and after[1:2] and after[1] in _IMPERFECT:
            out.append(conj + _FUTURE)
    return out


def _key_and_stem(token: str) -> tuple[str, int]:
    """The matching key of a word token (particles and article off) and its stem offset."""
    folded = match_key(token)
    if not folded or not ("\u0621" <= folded[0] <= "\u064a"):
        return folded, 0
    particles, article = split_clitics(folded)
    key = folded[particles + article :] or folded
    if particles == 0:
        return key, 0
    # Map the number of folded particle letters back onto the token, skipping diacritics.
    seen = 0
    for i, ch in enumerate(token):
        if match_key(ch):
            seen += 1
            if seen == particles:
                j = i + 1
                while j < len(token) and not match_key(token[j]):
                    j += 1
                return key, j
    return key, 0


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.

    >>> [t.text for t in tokenize("وصل بوتن إلى أستانا، الأربعاء 27.")]
    ['وصل', 'بوتن', 'إلى', 'أستانا', '،', 'الأربعاء', '27', '.']
    """
    stop = len(text) if end is None else end
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text, start, stop):
        s, e, surface = m.start(), m.end(), m.group()
        if m.lastgroup == "word":
            key, stem = _key_and_stem(surface)
            tokens.append(Token(s, e, surface, s + stem, key, True))
        elif m.lastgroup == "num":
            tokens.append(Token(s, e, surface, s, match_key(surface), True))
        else:
            tokens.append(Token(s, e, surface, s, surface, False))
    return tokens


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` (whitespace trimmed, empty lines skipped).

    >>> t = 'قال: "نعم. لا". ثم غادر عند 2.5 ساعة! انتهى'
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['قال: "نعم. لا".', 'ثم غادر عند 2.5 ساعة!', 'انتهى']
    """
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        _split_line(text, pos, pos + len(line), sentences)
        pos += len(line) + 1
    return sentences


def _split_line(text: str, start: int, end: int, out: list[Sentence]) -> None:
    quoted = _quoted_regions(text, start, end)
    i, sent_start = start, start
    while i < end:
        ch = text[i]
        if ch in _FINAL and not _inside(quoted, i) and not _is_internal(text, i, start, end):
            j = i + 1
            while j < end and (text[j] in _FINAL or text[j] in _CLOSERS):
                j += 1
            if j >= end or text[j].isspace():
                _emit(text, sent_start, j, out)
                sent_start = i = j
                continue
        i += 1
    _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE:  # a run-on line (a list, a page with no full stops)
        cut = _cut(text, start, start + _MAX_SENTENCE)
        _emit(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a run-on sentence before ``limit``: after its last comma in the final
    quarter, else at its last space, else at ``limit``."""
    floor = start + _MAX_SENTENCE * 3 // 4
    comma = max(text.rfind("،", floor, limit), text.rfind(",", floor, limit))
    if comma > 0:
        return comma + 1
    space = text.rfind(" ", start + 1, limit)
    return space if space > start else limit


def _is_internal(text: str, i: int, line_start: int, line_end: int) -> bool:
    """A period inside a number (2.5), or after a one-letter abbreviation ("د.")."""
    ch = text[i]
    prev = text[i - 1] if i > line_start else ""
    nxt = text[i + 1] if i + 1 < line_end else ""
    if ch == "." and prev.isdigit() and nxt.isdigit():
        return True
    if ch == ".":
        before = text[i - 2] if i - 2 >= line_start else " "
        if prev.isalpha() and not before.isalnum() and not prev.isdigit():
            return True
    return ch == "." and nxt == "."  # an ellipsis written as dots ends where the dots end


def _quoted_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotes that open and close within the line (ASCII quotes paired in order)."""
    regions: list[tuple[int, int]] = []
    i = start
    while i < end:
        ch = text[i]
        close = _OPEN_CLOSE.get(ch, '"' if ch == '"' else "")
        if close and ch != "(":
            j = text.find(close, i + 1, min(end, i + 1 + _MAX_QUOTE))
            if j != -1:
                regions.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return regions


def _inside(regions: list[tuple[int, int]], i: int) -> bool:
    # A quote that ends with the sentence's own punctuation ("... لا".) must still let the
    # punctuation right before its closing mark end nothing: only the outer one counts.
    return any(s <= i < e for s, e in regions)
