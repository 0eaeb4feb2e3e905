"""Office titles that name a person: "الرئيس الروسي", "وزير خارجية كازاخستان", "لرئيس روسيا".

A title (from ``resources/kb/lexicon.json``) followed by a country's nisba adjective or by the
name of a country or organization names whoever held that office on the article's date
(:meth:`KnowledgeBase.office_holder`). "نائب الرئيس" (deputy), "الرئيس السابق" (former) and
"منصب ..." (the post itself) name no one and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from marsad.model import Document
from marsad.resolve.gazetteer import Unit
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.keys import lexicon

__all__ = ["RoleMention", "dated_from_text", "find_role_mentions", "holder_named_in"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A title phrase: its span, the office, the country or organization, and the holder."""

    start: int
    end: int
    role: str
    of: str  # entity id of the country or organization
    holder: str | None  # entity id of the office holder on the date, if known
    next_unit: int  # index of the unit after the phrase


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    lex = lexicon()
    out = []
    for role, spec in lex.roles.items():
        for t in spec["with_nisba"]:
            out.append((role, tuple(t.split()), True))
        for t in spec["with_country"]:
            out.append((role, tuple(t.split()), False))
    out.sort(key=lambda x: -len(x[1]))
    return tuple(out)


@lru_cache(maxsize=1)
def _titles_by_first() -> dict[str, tuple[tuple[int, str, tuple[str, ...], bool], ...]]:
    """The titles indexed by their first word, each with its rank in :func:`_titles`."""
    index: dict[str, list[tuple[int, str, tuple[str, ...], bool]]] = {}
    for rank, (role, words, nisba) in enumerate(_titles()):
        index.setdefault(words[0], []).append((rank, role, words, nisba))
    return {k: tuple(v) for k, v in index.items()}


def _candidate_titles(unit: Unit) -> list[tuple[str, tuple[str, ...], bool]]:
    """The titles whose first word is a reading of ``unit``, longest first (as ``_titles``)."""
    index = _titles_by_first()
    found = {c for _, key in unit.readings for c in index.get(key, ())}
    return [(role, words, nisba) for _, role, words, nisba in sorted(found)]


def _title_at(u: list[Unit], i: int, words: tuple[str, ...]) -> int | None:
    """Start offset of the title ``words`` at unit ``i`` (the first word may carry clitics)."""
    if i + len(words) > len(u):
        return None
    if any(u[i + k].key != w or not u[i + k].joined for k, w in enumerate(words[1:], 1)):
        return None
    for start, key in u[i].readings:
        if key == words[0]:
            return start
    return None


def _country_at(u: list[Unit], j: int, kb: KnowledgeBase) -> tuple[str, int] | None:
    """A country or organization named from unit ``j``: (entity id, units used)."""
    for n in range(min(kb.max_words, len(u) - j), 0, -1):
        if any(not u[j + k].joined for k in range(n)):
            continue
        tail = " ".join(x.key for x in u[j + 1 : j + n])
        for _, first in u[j].readings:
            phrase = f"{first} {tail}" if tail else first
            for e in kb.rank(kb.exact_ids(phrase)):
                rec = kb.record(e.id)
                if rec is not None and rec.code and rec.kind != "region":
                    return e.id, n
    return None


def find_role_mentions(u: list[Unit], kb: KnowledgeBase, on: date | None) -> list[RoleMention]:
    """Title phrases in the units, resolved to office holders on ``on`` (``None``: unresolved).

    Example:
        >>> from marsad.resolve.gazetteer import units
        >>> from marsad.model import Document, Provenance, Token
        >>> from marsad.text.normalize import match_key
        >>> text = "قال الرئيس الروسي"
        >>> toks, pos = [], 0
        >>> for w in text.split():
        ...     pos = text.index(w, pos)
        ...     toks.append(Token(pos, pos + len(w), w, pos, match_key(w)))
        >>> d = Document(text, Provenance("t", "stdin", ""), tokens=tuple(toks))
        >>> kb = KnowledgeBase.load()
        >>> kb.get(find_role_mentions(units(d), kb, date(2024, 11, 27))[0].holder).name_en
        'Vladimir Putin'
    """
    lex = lexicon()
    out: list[RoleMention] = []
    i = 0
    while i < len(u):
        found = None
        for role, words, nisba in _candidate_titles(u[i]):
            start = _title_at(u, i, words)
            if start is None:
                continue
            j = i + len(words)
            if j >= len(u) or not u[j].joined:
                continue
            if nisba:
                cid = kb.nisba_id(u[j].key)
                n = 1
                if cid is None:
                    continue
            else:
                hit = _country_at(u, j, kb)
                if hit is None:
                    continue
                cid, n = hit
            after = j + n
            if i > 0 and u[i - 1].key in lex.blockers_before:
                break
            if after < len(u) and u[after].joined and u[after].key in lex.blockers_after:
                break
            holder = kb.office_holder(role, cid, on) if on is not None else None
            found = RoleMention(
                start, u[after - 1].end, role, cid, holder.id if holder else None, after
            )
            break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.next_unit
    return out


def dated_from_text(doc: Document) -> date | None:
    """A date for an undated document: the latest full date its time expressions name.

    Falls back to the latest month (its 15th), then the latest year (1 July); ``None`` when the
    text names no dated period. Used only when ``metadata.published`` is missing.

    >>> from marsad.model import Provenance, TimeExpression
    >>> t = (TimeExpression(0, 1, "x", "2023", "year"),
    ...      TimeExpression(0, 1, "x", "2025-01", "month"))
    >>> d = Document("x", Provenance("t", "stdin", ""), times=t)
    >>> dated_from_text(d)
    datetime.date(2025, 1, 15)
    """
    best: dict[int, date] = {}
    for t in doc.times:
        if t.kind != "date":
            continue
        m = _ISO.match(t.value)
        if m is None:
            continue
        y, mo, d = m.groups()
        try:
            day = date(int(y), int(mo or 7), int(d or (15 if mo else 1)))
        except ValueError:
            continue
        level = 3 if d else 2 if mo else 1
        if level not in best or day > best[level]:
            best[level] = day
    return best[max(best)] if best else None


def holder_named_in(role: str, of: str, named: Iterable[str], kb: KnowledgeBase) -> str | None:
    """The one person named in the document who ever held ``role`` of ``of``, else ``None``.

    >>> kb = KnowledgeBase.load()
    >>> holder_named_in("head_of_state", "wd:Q159", {"wd:Q7747", "wd:Q159"}, kb)
    'wd:Q7747'
    """
    ever = set(kb.holders(role, of))
    hits = sorted(ever & set(named))
    return hits[0] if len(hits) == 1 else None
