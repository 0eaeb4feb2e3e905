"""Quotes: direct speech in quotation marks and indirect speech introduced by cue verbs.

Works over the ``sentences``, ``tokens`` and ``entities`` layers. A cue verb (``قال``، ``وأكدت``،
``مؤكدا``; the list is ``resources/events/cues.json``) opens a quote; its speaker is the mention
in the *speaker slot* (the words between the cue and the complementizer, cut at a channel such as
``لوكالة تاس`` or a circumstance such as ``في مقابلة``): a PERSON mention inside the slot wins
(``المتحدث باسم الكرملين دميتري بيسكوف`` is Peskov), else a mention that opens the slot, else the
role phrase is kept as ``speaker_span`` with no speaker. A cue with an empty slot (``وأضاف``،
``مشيرا``) continues the previous quote's speaker. Both orders are handled: ``قال X إن ...`` and
``... ، قال X`` / ``... بحسب X``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.errors import ConfigError
from marsad.model import Document, EntityMention, Quote, Sentence, Token
from marsad.text.normalize import match_key

__all__ = ["CueLexicon", "extract_quotes", "key_variants", "load_cues", "token_readings"]

logger = logging.getLogger(__name__)

_CLOSERS = frozenset(".!؟?")
_SPEAKER_TYPES = ("PERSON", "ORG", "GPE")
_POSSESSIVE = frozenset({"باسم"})  # "المتحدث باسم X": X is not the speaker


def key_variants(key: str) -> tuple[str, ...]:
    """The key and its readings with a conjunction and a preposition taken off.

    >>> key_variants("وقال")
    ('وقال', 'قال')
    """
    out = [key]
    for conj in ("و", "ف"):
        if key.startswith(conj) and len(key) > 2:
            out.append(key[1:])
    for k in list(out):
        for prep in ("ب", "ل", "ك"):
            if k.startswith(prep) and len(k) > 3:
                out.append(k[1:])
    for k in list(out):
        if k.startswith("ال") and len(k) > 3:
            out.append(k[2:])
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The folded word sets of ``resources/events/cues.json``."""

    verbs: frozenset[str]
    participles: frozenset[str]
    attribution: frozenset[str]
    complementizers: frozenset[str]
    to_preps: frozenset[str]
    reported_from: frozenset[str]
    slot_stops: frozenset[str]
    channels: frozenset[str]
    marks: tuple[tuple[str, str], ...]
    min_direct_words: int
    slot_skip: frozenset[str]
    content_preps: frozenset[str]
    aux: frozenset[str]
    particle: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """Load the cue lexicon shipped in ``marsad/resources/events/cues.json``.

    Raises:
        ConfigError: the file is missing a list or does not parse.

    Example:
        >>> "قال" in load_cues().verbs
        True
    """
    path = resources.files("marsad.resources").joinpath("events/cues.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))

        def keys(name: str) -> frozenset[str]:
            return frozenset(match_key(w) for w in data[name])

        return CueLexicon(
            verbs=keys("verbs"),
            participles=keys("participles_anaphoric"),
            attribution=keys("attribution"),
            complementizers=keys("complementizers"),
            to_preps=keys("prepositions_before_complementizer"),
            reported_from=keys("reported_from"),
            slot_stops=keys("slot_stops"),
            channels=keys("channel_heads"),
            marks=tuple((a, b) for a, b in data["quote_marks"]),
            min_direct_words=int(data["min_direct_words"]),
            slot_skip=keys("slot_skip"),
            content_preps=keys("content_preps"),
            aux=frozenset(match_key(w) for w in data["perfect_markers"]["aux"]),
            particle=frozenset(match_key(w) for w in data["perfect_markers"]["particle"]),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ConfigError(
            f"{path}: bad cue lexicon ({exc}); expected the lists of cues.json"
        ) from exc


@lru_cache(maxsize=65536)
def _readings(text: str, key: str) -> frozenset[str]:
    return frozenset(key_variants(match_key(text)) + key_variants(key))


def token_readings(tok: Token) -> frozenset[str]:
    """The folded readings of a token: its whole surface and its stem, clitics on and off."""
    return _readings(tok.text, tok.key)


def _is(tok: Token, words: frozenset[str]) -> bool:
    return not words.isdisjoint(token_readings(tok))


def _direct_spans(text: str, lex: CueLexicon) -> list[tuple[int, int]]:
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "،,:؛"):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in "،,؛" or text[end - 1] in _CLOSERS
    ):
        end -= 1
    return start, end


def _speaker(
    slot: Sequence[Token], mentions: Sequence[EntityMention]
) -> tuple[str | None, tuple[int, int] | None]:
    if not slot:
        return None, None
    s, e = slot[0].start, slot[-1].end
    possessed = {t.end for t in slot if _is(t, _POSSESSIVE)}
    inside = [
        m
        for m in mentions
        if s <= m.start
        and m.end <= e
        and m.type in _SPEAKER_TYPES
        and not any(0 <= m.start - p <= 1 for p in possessed)
    ]
    persons = [m for m in inside if m.type == "PERSON"]
    if persons:
        m = persons[-1]
        return m.entity, (m.start, m.end)
    opening = [m for m in inside if m.start <= slot[0].stem_start]
    if opening:
        m = opening[0]
        return m.entity, (m.start, m.end)
    return None, (s, e)


def _slot(tokens: Sequence[Token], i: int, stop: int, lex: CueLexicon) -> list[Token]:
    """Speaker-slot tokens after the cue at ``i``, cut at a channel, circumstance or comma."""
    out: list[Token] = []
    for tok in tokens[i + 1 : stop]:
        if _is(tok, lex.slot_skip) or (not out and _is(tok, lex.verbs)):
            continue
        if not tok.is_word or _is(tok, lex.slot_stops) or _is(tok, lex.complementizers):
            break
        if _is(tok, lex.channels):
            break
        if _is(tok, lex.verbs) or len(out) >= 8:
            break
        out.append(tok)
    return out


def _content_prep(toks: Sequence[Token], k: int, limit: int, lex: CueLexicon) -> int | None:
    """A preposition opening the content (``أكدت أستانا على الأهمية``) right after the slot."""
    slot = _slot(toks, k, len(toks), lex)
    j = k + 1 + len(slot)
    for m in range(j, min(j + 3, len(toks))):
        if toks[m].start >= limit:
            return None
        if toks[m].is_word and _is(toks[m], lex.content_preps):
            return m
    return None


def _fronted_subject(toks: Sequence[Token], qad: int, lex: CueLexicon) -> list[Token]:
    """The subject of ``وكان X قد قال``: the words between the auxiliary and ``قد``."""
    for j in range(qad - 1, max(-1, qad - 12), -1):
        if _is(toks[j], lex.aux):
            return [t for t in toks[j + 1 : qad] if t.is_word or t.text in lex.slot_skip]
    return []


def _antecedent(
    mentions: Sequence[EntityMention], cue: int, sent_start: int, prev: Quote | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker of a zero-subject cue: the previous quote's in this sentence, else the
    nearest person or organization before the cue in this sentence, else the previous quote's."""
    if prev is not None and prev.start >= sent_start:
        return prev.speaker, prev.speaker_span
    before = [m for m in mentions if m.end <= cue and m.type in {"PERSON", "ORG"}]
    if before:
        m = before[-1]
        return m.entity, (m.start, m.end)
    if prev is not None:
        return prev.speaker, prev.speaker_span
    return None, None


def _sentence_quotes(
    doc: Document, sent: Sentence, toks: list[Token], lex: CueLexicon, prev: Quote | None
) -> list[Quote]:
    text = doc.text
    mentions = [m for m in doc.entities if sent.start <= m.start < sent.end]
    cues = [
        k
        for k, t in enumerate(toks)
        if t.is_word and (_is(t, lex.verbs) or _is(t, lex.attribution))
    ]
    out: list[Quote] = []
    for ci, k in enumerate(cues):
        tok = toks[k]
        next_cue = toks[cues[ci + 1]].start if ci + 1 < len(cues) else sent.end
        attribution = _is(tok, lex.attribution)
        comp = None
        for j in range(k + 1, len(toks)):
            t = toks[j]
            if t.start >= next_cue or j - k > 25:
                break
            if t.is_word and _is(t, lex.complementizers):
                comp = j
                break
            if t.text == ":":
                comp = j
                break
        if comp is None and not attribution:
            comp = _content_prep(toks, k, next_cue, lex)
        speaker: str | None
        span: tuple[int, int] | None
        if attribution or comp is None:
            # Postposed cue: the content is what precedes it in the sentence.
            before = toks[k - 1] if k else None
            if before is None or (before.is_word and not attribution):
                continue
            c_start = out[-1].end if out else sent.start
            c_start, c_end = _trim(text, c_start, tok.start)
            if len(text[c_start:c_end].split()) < 4:
                continue
            slot_start = k + 1
            while slot_start < len(toks) and _is(toks[slot_start], frozenset({"ما"})):
                slot_start += 1
            if slot_start < len(toks) and _is(toks[slot_start], lex.verbs):
                slot_start += 1
            speaker, span = _speaker(_slot(toks, slot_start - 1, len(toks), lex), mentions)
        else:
            slot = _slot(toks, k, comp, lex)
            from_k = next((j for j in range(k + 1, comp) if _is(toks[j], lex.reported_from)), None)
            if from_k is not None:  # نقلت وكالة X عن Y: Y is the speaker
                slot = _slot(toks, from_k, comp, lex)
            if not slot and k >= 2 and _is(toks[k - 1], lex.particle):
                slot = _fronted_subject(toks, k - 1, lex)
            speaker, span = _speaker(slot, mentions)
            c_start, c_end = _trim(text, toks[comp].end, next_cue)
        if c_end - c_start < 2:
            continue
        if span is None:
            speaker, span = _antecedent(mentions, tok.start, sent.start, prev)
        direct = False
        inner = text[c_start:c_end]
        for a, b in lex.marks:
            if inner.startswith(a) and inner.rstrip("،,.").endswith(b) and inner.count(a) <= 2:
                c_start, c_end = c_start + 1, c_start + len(inner.rstrip("،,.")) - 1
                direct = True
                break
        if comp is not None and toks[comp].text == ":":
            direct = True
        q = Quote(c_start, c_end, text[c_start:c_end], speaker, span, tok.text, direct)
        out.append(q)
        prev = q
    return out


def extract_quotes(doc: Document) -> tuple[Quote, ...]:
    """The quotes of a document, in text order.

    Args:
        doc: a document with ``sentences`` and ``tokens`` (and, for speakers, ``entities``).

    Returns:
        Indirect quotes (one per cue) and the direct quotes in quotation marks that no indirect
        quote covers, each attributed to the speaker slot of its cue.

    Raises:
        ConfigError: the shipped cue lexicon is broken.

    Example:
        >>> from marsad.model import Provenance
        >>> from marsad.text.stages import segment_document
        >>> d = segment_document(Document("قال الوزير إن المحادثات كانت مثمرة.",
        ...                               Provenance("t", "stdin", "")))
        >>> extract_quotes(d)[0].text
        'المحادثات كانت مثمرة'
    """
    lex = load_cues()
    by_sentence: dict[int, list[Token]] = {}
    si = 0
    sents = doc.sentences
    for tok in doc.tokens:
        while si < len(sents) and tok.start >= sents[si].end:
            si += 1
        if si < len(sents):
            by_sentence.setdefault(si, []).append(tok)
    quotes: list[Quote] = []
    prev: Quote | None = None
    for i, sent in enumerate(sents):
        found = _sentence_quotes(doc, sent, by_sentence.get(i, []), lex, prev)
        quotes.extend(found)
        if found:
            prev = found[-1]
    covered = [(q.start, q.end) for q in quotes]
    for s, e in _direct_spans(doc.text, lex):
        if any(a - 1 <= s and e <= b + 1 for a, b in covered):
            continue
        cue_q = next((q for q in quotes if q.start <= s and e <= q.end), None)
        before = [q for q in quotes if q.end <= s]
        src = cue_q or (before[-1] if before else None)
        quotes.append(
            Quote(
                s,
                e,
                doc.text[s:e],
                src.speaker if src else None,
                src.speaker_span if src else None,
                None,
                True,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    return tuple(quotes)
