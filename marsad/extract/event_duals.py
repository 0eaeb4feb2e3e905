"""Dual subjects of an event: ``الرئيسان``، ``الدولتان``، ``قمتهما`` stand for two parties named
earlier, and resolve to the two nearest distinct linked entities of the right kind before the
trigger (persons for ``الرئيسان``، countries for ``الدولتان``/``الجانبان``; lexicon
``resources/events/roles.json``: ``duals``, ``dual_suffix``, ``dual_window``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.extract.quotes import token_readings
from marsad.model import EntityMention, Token
from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = ["DualLexicon", "dual_kind", "load_duals", "resolve_dual"]


@dataclass(frozen=True, slots=True)
class DualLexicon:
    """Folded dual nouns by the kind of party they stand for."""

    by_kind: dict[str, frozenset[str]]
    suffix: str
    after: int
    before: int


@lru_cache(maxsize=1)
def load_duals() -> DualLexicon:
    """Load the dual part of ``resources/events/roles.json``.

    Raises:
        ConfigError: the file does not parse or lacks a field.

    Example:
        >>> "الرييسان" in load_duals().by_kind["person"]
        True
    """
    data = load_json("events", "roles.json")
    try:
        kinds = {k: frozenset(match_key(w) for w in ws) for k, ws in data["duals"].items()}
        after, before = data["dual_window"]
        return DualLexicon(
            kinds,
            match_key(data["dual_suffix"]),
            int(after),
            int(before),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"marsad/resources/events/roles.json: bad duals in the roles lexicon ({exc})"
        ) from exc


def _kind_of(tok: Token, lex: DualLexicon) -> str | None:
    readings = token_readings(tok)
    return next((k for k, ws in lex.by_kind.items() if not ws.isdisjoint(readings)), None)


def dual_kind(toks: Sequence[Token], ti: int, tj: int, stops: Sequence[int] = ()) -> str | None:
    """The kind of party a dual subject of the trigger ``toks[ti..tj]`` stands for, or None.

    Args:
        toks: the sentence's tokens.
        ti: index of the trigger's first token; tj: of its last.
        stops: indices of the sentence's other triggers (a dual beyond one belongs to it).

    Returns:
        ``person``, ``state``, ``any`` (a dual pronoun on the trigger: ``قمتهما``) or None.

    Example:
        >>> dual_kind([], 0, 0) is None
        True
    """
    if not toks:
        return None
    lex = load_duals()
    if match_key(toks[tj].text).endswith(lex.suffix):
        return "any"
    for k in range(tj + 1, min(len(toks), tj + 1 + lex.after)):
        if k in stops:
            break
        if toks[k].is_word and (kind := _kind_of(toks[k], lex)):
            return kind
    for k in range(ti - 1, max(-1, ti - 1 - lex.before), -1):
        if k in stops or not toks[k].is_word:
            break
        if kind := _kind_of(toks[k], lex):
            return kind
    return None


def resolve_dual(
    kind: str,
    before: Sequence[EntityMention],
    kinds: dict[str, str],
    parties: Sequence[str] = (),
    sentence_start: int = 0,
) -> tuple[EntityMention, ...]:
    """The two distinct linked entities of ``kind`` a dual stands for.

    Candidates in order: the mentions of the trigger's own sentence before it (nearest first),
    then, for persons, the participants of the article's earlier events (``parties``, most
    recent first), then every other mention before the trigger (nearest first). Only entities
    of the knowledge base count (not ``x:`` clusters of unlinked names).

    Args:
        kind: ``person``, ``state`` or ``any`` (persons, else countries).
        before: the document's entity mentions before the trigger, in text order.
        kinds: entity id -> KB kind (``country`` ...).
        parties: entity ids of earlier events' participants, most recent first.
        sentence_start: offset of the trigger's sentence.

    Returns:
        Two mentions, or ``()`` when fewer than two are found.

    Example:
        >>> resolve_dual("person", [], {})
        ()
    """
    own = [m for m in reversed(before) if m.start >= sentence_start]
    last: dict[str, EntityMention] = {}
    for m in before:
        if m.entity:
            last[m.entity] = m
    # Parties of earlier events rank persons ("لقائهما": the visitor named two sentences back);
    # states are the ones just named ("وقع الجانبان").
    ranked = [last[e] for e in parties if e in last] if kind != "state" else []
    order = own + ranked + [m for m in reversed(before) if m.start < sentence_start]

    def pick(want: str) -> tuple[EntityMention, ...]:
        seen: dict[str, EntityMention] = {}
        for m in order:
            if not m.entity or m.entity.startswith("x:") or m.entity in seen:
                continue
            ok = m.type == "PERSON" if want == "person" else kinds.get(m.entity) == "country"
            if ok:
                seen[m.entity] = m
                if len(seen) == 2:
                    return tuple(seen.values())
        return ()

    if kind == "any":
        return pick("person") or pick("state")
    return pick(kind)
