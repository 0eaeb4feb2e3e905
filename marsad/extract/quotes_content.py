"""The content side of reported speech: direct-speech spans, where the reported content of a
cue starts (complementizers, objects, circumstance commas) and the word tests the quote
extractor (:mod:`marsad.extract.quotes`) shares.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from marsad.extract.quotes_lexicon import (
    CueLexicon,
    has_reading,
    has_verb_reading,
    is_definite,
)
from marsad.model import Token
from marsad.text.normalize import match_key

logger = logging.getLogger(__name__)

__all__ = [
    "CLOSERS",
    "MIN_OBJECT_WORDS",
    "MIN_PRECEDING_WORDS",
    "PHRASE_REACH",
    "after_slot",
    "bare_name",
    "blocked_cue",
    "complementizer",
    "content_prep",
    "direct_spans",
    "first_word",
    "fronted_subject",
    "object_start",
    "passive",
    "past_comma",
    "plain_word",
    "trim",
]

CLOSERS = frozenset(".!؟?")
MIN_OBJECT_WORDS = 2
MIN_PRECEDING_WORDS = 4
PHRASE_REACH = 15


def direct_spans(text: str, lex: CueLexicon) -> list[tuple[int, int]]:
    """Spans inside quotation marks with enough words to be speech (not a quoted name)."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close = next((b for a, b in lex.marks if a == ch), None)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        nl = text.find("\n", i + 1)
        if j < 0 or (0 <= nl < j):
            i += 1
            continue
        inner = text[i + 1 : j]
        if len(inner.split()) >= lex.min_direct_words:
            spans.append((i + 1, j))
        i = j + 1
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "،,:؛"):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in "،,؛" or text[end - 1] in CLOSERS
    ):
        end -= 1
    return start, end


def fronted_subject(toks: Sequence[Token], qad: int, lex: CueLexicon) -> list[Token]:
    """The subject of ``وكان X قد قال``: the words between the auxiliary and ``قد``."""
    for j in range(qad - 1, max(-1, qad - 12), -1):
        if has_reading(toks[j], lex.aux):
            return [t for t in toks[j + 1 : qad] if t.is_word or t.text in lex.slot_skip]
    return []


def after_slot(toks: Sequence[Token], k: int, slot: Sequence[Token]) -> int:
    """Index of the first token after the cue at ``k`` and its slot."""
    if not slot:
        return k + 1
    end = slot[-1].end
    return next((j for j in range(k + 1, len(toks)) if toks[j].start >= end), len(toks))


def complementizer(
    toks: Sequence[Token], k: int, limit: int, lex: CueLexicon, named: frozenset[int]
) -> int | None:
    for j in range(k + 1, len(toks)):
        t = toks[j]
        if t.start >= limit or j - k > 25:
            return None
        if j in named:
            continue
        if t.is_word and has_reading(t, lex.complementizers):
            if j > k + 1 and has_reading(toks[j - 1], lex.connectives):
                continue  # "بيد أن"، "بعد أن": an adverbial clause, not the cue's content
            return j
        if t.text == ":":
            return j
        if not t.is_word and any(t.text == a for a, _ in lex.marks):
            return j  # ``وقال كيري في مؤتمر صحافي "..."``: the quotation is the content
    return None


def object_start(
    toks: Sequence[Token], j: int, limit: int, lex: CueLexicon, named: frozenset[int]
) -> int | None:
    """``j`` when the content opens there as the cue's object (a verbal noun, no ``أن``)."""
    if j >= len(toks) or toks[j].start >= limit or j in named:
        return None
    t = toks[j]
    if not t.is_word or any(
        has_reading(t, words)
        for words in (
            lex.slot_stops,
            lex.complementizers,
            lex.channels,
            lex.content_preps,
            lex.reported_from,
        )
    ):
        return None
    if has_verb_reading(t, lex.verbs):
        return None
    if any(x.is_word and has_reading(x, lex.complementizers) for x in toks[j + 1 : j + 3]):
        return None
    return j


def past_comma(toks: Sequence[Token], j: int, limit: int) -> int:
    """The index after the first comma from ``j`` within a short phrase (``j`` when there is
    none): ``أكدت الوزارة في بيان بثته الوكالة اليوم، وقوف ...``."""
    for n in range(j, min(len(toks), j + PHRASE_REACH)):
        if toks[n].start >= limit:
            break
        if toks[n].text in ("،", ","):
            nxt = next(
                (m for m in range(n + 1, min(len(toks), n + 4)) if toks[m].text in ("،", ",")),
                None,
            )
            return (nxt if nxt is not None else n) + 1  # ``، الخميس، ``: a circumstance
    return j


def content_prep(toks: Sequence[Token], j: int, limit: int, lex: CueLexicon) -> int | None:
    """A preposition opening the content (``دعا X إلى``، ``أكدت أستانا على``) right after ``j``."""
    for m in range(j, min(j + 3, len(toks))):
        if toks[m].start >= limit:
            return None
        if toks[m].is_word and has_reading(toks[m], lex.content_preps):
            return m
    return None


def first_word(toks: Sequence[Token], k: int) -> bool:
    return not any(t.is_word for t in toks[:k])


def bare_name(
    toks: Sequence[Token], k: int, limit: int, lex: CueLexicon, named: frozenset[int]
) -> list[Token]:
    """One to three plain words after the cue that can only be its subject, a name the tagger
    missed: closed by a complementizer, an addressee, a circumstance or a comma before ``أن``
    (``قال كيم لترمب إن``، ``وقال أوشاكوف، الثلاثاء، إن``، ``ويرى خبراء أن``)."""
    j = k + 1
    while j < len(toks) and has_reading(toks[j], lex.slot_skip):
        j += 1
    words: list[Token] = []
    stops = (
        lex.slot_stops,
        lex.complementizers,
        lex.channels,
        lex.content_preps,
        lex.reported_from,
        lex.relatives,
        lex.attribution,
    )
    while j < len(toks) and toks[j].start < limit and len(words) < 3:
        t = toks[j]
        if not t.is_word or j in named or any(has_reading(t, w) for w in stops):
            break
        if has_verb_reading(t, lex.verbs):
            break
        if is_definite(t) or (words and any(t.prefix.endswith(p) for p in lex.addressee_prefixes)):
            break
        if not words and any(p in t.prefix for p in "بلك"):
            break  # "قال بصراحة إن": a prepositional phrase, no name
        if match_key(t.text).endswith(("ها", "هم", "هما")):
            return []  # "وأعلنت استدعاء سفيرها في": a possessive suffix, no name
        words.append(t)
        j += 1
    if not words or j >= len(toks) or toks[j].start >= limit:
        return []
    nxt = toks[j]
    if nxt.is_word:
        closed = has_reading(nxt, lex.complementizers) or has_reading(nxt, lex.slot_stops)
        closed = closed or any(nxt.prefix.endswith(p) for p in lex.addressee_prefixes)
    else:
        closed = nxt.text in "،,:" and any(
            t.is_word and has_reading(t, lex.complementizers) for t in toks[j + 1 : j + 5]
        )
    return words if closed else []


def plain_word(lex: CueLexicon) -> Callable[[Token], bool]:
    def plain(t: Token) -> bool:
        return t.is_word and not (
            has_reading(t, lex.complementizers) or has_reading(t, lex.slot_stops)
        )

    return plain


def passive(tok: Token) -> bool:
    """``أُعلن``، ``يُذكر``: a damma on the first radical marks the passive voice."""
    stem = tok.stem
    return len(stem) > 1 and stem[1] == "\u064f"


_SABAQ = frozenset(match_key(w) for w in ("سبق", "وسبق"))


def blocked_cue(toks: Sequence[Token], k: int, lex: CueLexicon) -> bool:
    """A cue word that is no verb of saying here: ``أن توقع`` (to sign), ``لم يقل``, ``مما
    يشير``, the passive ``أُعلن``."""
    if passive(toks[k]):
        return True
    at = next((j for j in range(k - 1, -1, -1) if toks[j].is_word), None)
    prev = toks[at] if at is not None else None
    if prev is not None and toks[k].start - prev.end <= 1 and has_reading(prev, lex.blocked_after):
        # "وسبق وأن قال قراقع": سبق أن is "had already", the cue is the clause's main verb
        return not (at and match_key(toks[at - 1].text) in _SABAQ)
    return False
