"""The cue lexicon of the quote extractor (``resources/events/cues.json``) and token readings.

A token *reads as* a word of the lexicon when its folded surface or stem, with a conjunction
(``و``/``ف``), a preposition (``ب``/``ل``/``ك``) or the article taken off, is in the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.model import Token
from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = [
    "CueLexicon",
    "has_reading",
    "has_verb_reading",
    "is_definite",
    "is_nisba",
    "key_variants",
    "load_cues",
    "token_readings",
]


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
    connectives: frozenset[str]
    reported_from: frozenset[str]
    slot_stops: frozenset[str]
    channels: frozenset[str]
    marks: tuple[tuple[str, str], ...]
    min_direct_words: int
    slot_skip: frozenset[str]
    content_preps: frozenset[str]
    aux: frozenset[str]
    particle: frozenset[str]
    heads: frozenset[str]
    honorifics: frozenset[str]
    impersonal: frozenset[str]
    relay: frozenset[str]
    object_cues: frozenset[str]
    blocked_after: frozenset[str]
    relatives: frozenset[str]
    object_first: frozenset[str]
    addressee_prefixes: tuple[str, ...]
    name_quote_max_words: int
    subordinate: frozenset[str]
    generic: frozenset[str]
    subject_openers: frozenset[str]
    not_cues: frozenset[str]
    not_cues_before: frozenset[str]
    ba_content: frozenset[str]
    written: frozenset[str]
    written_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """Load the cue lexicon shipped in ``marsad/resources/events/cues.json``.

    Raises:
        ConfigError: the file is missing a list or does not parse.

    Example:
        >>> "قال" in load_cues().verbs
        True
    """
    data = load_json("events", "cues.json")
    try:

        def keys(name: str) -> frozenset[str]:
            return frozenset(match_key(w) for w in data[name])

        return CueLexicon(
            verbs=keys("verbs"),
            participles=keys("participles_anaphoric"),
            attribution=keys("attribution"),
            complementizers=keys("complementizers"),
            to_preps=keys("prepositions_before_complementizer"),
            connectives=keys("connectives_before_complementizer"),
            reported_from=keys("reported_from"),
            slot_stops=keys("slot_stops"),
            channels=keys("channel_heads"),
            marks=tuple((a, b) for a, b in data["quote_marks"]),
            min_direct_words=int(data["min_direct_words"]),
            slot_skip=keys("slot_skip"),
            content_preps=keys("content_preps"),
            aux=frozenset(match_key(w) for w in data["perfect_markers"]["aux"]),
            particle=frozenset(match_key(w) for w in data["perfect_markers"]["particle"]),
            heads=keys("speaker_heads"),
            honorifics=keys("honorifics"),
            impersonal=keys("impersonal"),
            relay=keys("relay_verbs"),
            object_cues=keys("object_cues"),
            blocked_after=keys("blocked_after"),
            relatives=keys("relatives"),
            object_first=keys("object_before_complementizer"),
            addressee_prefixes=tuple(data["addressee_prefixes"]),
            name_quote_max_words=int(data["name_quote_max_words"]),
            subordinate=keys("subordinate_cues"),
            generic=keys("generic_subjects"),
            subject_openers=keys("subject_openers"),
            not_cues=keys("not_cues"),
            not_cues_before=keys("not_cues_before"),
            ba_content=keys("ba_content_cues"),
            written=keys("written_cues"),
            written_nouns=keys("written_nouns"),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ConfigError(
            f"marsad/resources/events/cues.json: bad cue lexicon ({exc}); expected its lists"
        ) from exc


@lru_cache(maxsize=65536)
def _readings(text: str, key: str) -> frozenset[str]:
    return frozenset(key_variants(match_key(text)) + key_variants(key))


def token_readings(tok: Token) -> frozenset[str]:
    """The folded readings of a token: its whole surface and its stem, clitics on and off."""
    return _readings(tok.text, tok.key)


@lru_cache(maxsize=65536)
def _verb_readings(text: str) -> frozenset[str]:
    key = match_key(text)
    out = {key}
    if key[:1] in ("و", "ف") and len(key) > 2:
        out.add(key[1:])
    return frozenset(out)


def has_verb_reading(tok: Token, words: frozenset[str]) -> bool:
    """Whether the word, with at most a conjunction taken off, is in ``words``.

    Verbs take no preposition or article, so ``كيري`` is not ``ك`` + ``يري`` (``يرى``).
    """
    return not words.isdisjoint(_verb_readings(tok.text))


def has_reading(tok: Token, words: frozenset[str]) -> bool:
    """Whether one reading of ``tok`` is in ``words`` (a folded word set of the lexicon)."""
    return not words.isdisjoint(token_readings(tok))


@lru_cache(maxsize=65536)
def _definite(text: str) -> bool:
    s = match_key(text)
    if s[:1] in ("و", "ف") and len(s) > 3:
        s = s[1:]
    return s.startswith(("ال", "بال", "كال", "لل"))


def is_definite(tok: Token) -> bool:
    """Whether the word carries the article (``الرئيس``، ``وللرئيس``، ``بالوزارة``)."""
    return _definite(tok.text)


def is_nisba(tok: Token) -> bool:
    """Whether the word ends like a relational adjective (``سعودي``، ``الأميركية``)."""
    k = match_key(tok.text)
    return k.endswith(("ي", "يه", "يون", "يين", "يات"))
