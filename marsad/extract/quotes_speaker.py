"""Who speaks: the subject slot after a cue verb, the speaker it names, and zero subjects.

The *subject slot* is the noun phrase right after the cue: entity mentions, definite words,
role and institution heads (``resources/events/cues.json``: ``speaker_heads``), the genitive
after an indefinite head (``رئيس جمهورية ...``), relational adjectives (``مصدر دبلوماسي سعودي``)
and short quoted names (``شبكة "سي إن إن"``). It ends at a channel or addressee (``لوكالة تاس``،
``لترمب``), a circumstance (``في مقابلة``), a complementizer, another verb, or the first word that
can only open the reported content (``أكد توكاييف دعم بلاده``: ``دعم``). A slot with neither a
mention nor a head (``وصف الزيارة المرتقبة بأنها``) is the verb's object, not its subject: the
subject is then zero and is found by :func:`antecedent`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.extract.quotes_lexicon import (
    CueLexicon,
    has_reading,
    has_verb_reading,
    is_definite,
    is_nisba,
)
from marsad.model import EntityMention, Quote, Token
from marsad.text.normalize import match_key

__all__ = [
    "Speaker",
    "antecedent",
    "apposed_name",
    "name_quote_tokens",
    "preverbal_subject",
    "role_or_name",
    "speaker_of",
    "subject_slot",
    "written_author",
]

_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE"})
#: "المتحدث باسم X"، "الجناح ... بقيادة X": X is not the speaker
_POSSESSIVE = frozenset(match_key(w) for w in ("باسم", "بقيادة", "برئاسة", "بزعامة"))
_MAX_SLOT = 8
#: definite words that close compound given names (عبد الله، ذبيح الله، نور الدين)
_NAME_PARTS = frozenset(match_key(w) for w in ("الله", "الدين", "الرحمن"))
_TITLE_REACH = 7
#: "وتؤكد هذه الدول الثلاث أن": a demonstrative and a definite noun point back to a speaker
_DEMONSTRATIVES = frozenset(match_key(w) for w in ("هذه", "هذا", "هؤلاء", "تلك", "ذلك"))


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as read from the text.

    ``entity`` is the entity id when the mention is linked; ``span`` the mention (or role phrase,
    or honorific pronoun) that names it; ``anaphoric`` is true for an honorific pronoun
    (``سموه``), whose entity is that of the antecedent.
    """

    entity: str | None
    span: tuple[int, int]
    anaphoric: bool = False


def name_quote_tokens(text: str, toks: Sequence[Token], lex: CueLexicon) -> frozenset[int]:
    """Indexes of the tokens of short quoted names (``"سي إن إن"``), marks included."""
    out: set[int] = set()
    opens = {a: b for a, b in lex.marks}
    i = 0
    while i < len(toks):
        close = opens.get(toks[i].text) if not toks[i].is_word else None
        if close is None:
            i += 1
            continue
        j = next((j for j in range(i + 1, len(toks)) if toks[j].text == close), None)
        if j is None:
            i += 1
            continue
        words = sum(1 for t in toks[i + 1 : j] if t.is_word)
        inner = text[toks[i].end : toks[j].start]
        if 0 < words <= lex.name_quote_max_words and not any(c in inner for c in ".،,:"):
            out.update(range(i, j + 1))
        i = j + 1
    return frozenset(out)


def _in_mention(tok: Token, mentions: Sequence[EntityMention]) -> bool:
    return any(m.start <= tok.stem_start and tok.end <= m.end + 1 for m in mentions)


def _in_person(tok: Token, mentions: Sequence[EntityMention]) -> bool:
    return any(m.type == "PERSON" and m.start <= tok.stem_start < m.end for m in mentions)


def _addressee(tok: Token, lex: CueLexicon) -> bool:
    return any(tok.prefix.endswith(p) for p in lex.addressee_prefixes)


def _titled_name(
    toks: Sequence[Token], j: int, stop: int, lex: CueLexicon, mentions: Sequence[EntityMention]
) -> int | None:
    """The end index of the person named after a ``ل`` modifier of a title (``نائب وزير الخزانة
    لشؤون مكافحة الإرهاب آدم زوبين``): a PERSON mention within a few plain words, else ``None``."""
    for n in range(j, min(stop, len(toks), j + _TITLE_REACH)):
        t = toks[n]
        if not t.is_word or has_verb_reading(t, lex.verbs):
            return None
        if any(has_reading(t, w) for w in (lex.slot_stops, lex.complementizers)):
            return None
        person = next(
            (m for m in mentions if m.type == "PERSON" and m.start <= t.stem_start < m.end), None
        )
        if person is not None and n > j:
            end = n
            while end < min(stop, len(toks)) and toks[end].start < person.end:
                end += 1
            return end
    return None


def subject_slot(
    toks: Sequence[Token],
    i: int,
    stop: int,
    lex: CueLexicon,
    mentions: Sequence[EntityMention],
    named: frozenset[int] = frozenset(),
    timed: frozenset[int] = frozenset(),
) -> list[Token]:
    """The subject-slot tokens after the cue at ``i`` (before ``stop``); the tokens of a time
    expression (``timed``) are passed over: "قال الأربعاء إن" names no speaker, and in "وقال أمس
    وزير الخارجية" the subject follows the date."""
    out: list[Token] = []
    after_head = False
    resume = 0
    for j in range(i + 1, min(stop, len(toks))):
        tok = toks[j]
        if j in timed or j < resume:
            continue
        if j in named:
            if tok.is_word:
                out.append(tok)
            continue
        if has_reading(tok, lex.slot_skip) or (not out and has_verb_reading(tok, lex.verbs)):
            continue
        if not tok.is_word or len(out) >= _MAX_SLOT:
            break
        if any(
            has_reading(tok, w)
            for w in (lex.slot_stops, lex.complementizers, lex.attribution, lex.relatives)
        ):
            break  # "وفقا لما نقلته الوكالة" is no subject; "المصدر الذي طلب" ends at الذي
        if out and _addressee(tok, lex) and not any(m.start <= tok.start < m.end for m in mentions):
            if len(out) == 1 and has_reading(out[0], lex.written_nouns):
                author = written_author(toks, j, lex, mentions)
                if author:  # "أعلن بيان للديوان الملكي أن": the statement of the Royal Court
                    return out + author
            name = _titled_name(toks, j, stop, lex, mentions)
            if name is None:
                break  # لترمب، لوكالة: an addressee or a channel, unless the ل is part of a name
            out.extend(t for t in toks[j:name] if t.is_word)
            return out
        channel = has_reading(tok, lex.channels)
        if channel and (out or tok.prefix):
            break
        if out and has_verb_reading(tok, lex.verbs):
            break
        head = has_reading(tok, lex.heads)
        ok = (
            head
            or (not out and _pointing(toks, j))
            or has_reading(tok, lex.honorifics)
            or channel
            or after_head
            or is_definite(tok)
            or _in_mention(tok, mentions)
            or has_reading(tok, _POSSESSIVE)
            or (
                bool(out)
                and is_nisba(tok)
                and out[-1] is toks[j - 1]  # not across a date ("ومسقط أمس أهمية")
                and not _in_mention(out[-1], mentions)  # an adjective follows a common noun
            )
        )
        if not ok:
            name = (
                _titled_name(toks, j, stop, lex, mentions) if out and tok.key[:1] == "ل" else None
            )
            if name is None and not out:
                resume = _name_before_role(toks, j, stop, lex) or j
                if resume > j:
                    out.extend(toks[j:resume])  # the role phrase follows in the slot
                    continue
            if name is None:
                break
            out.extend(t for t in toks[j:name] if t.is_word)
            return out
        after_head = head and not is_definite(tok)
        out.append(tok)
    return out


def written_author(
    toks: Sequence[Token], j: int, lex: CueLexicon, mentions: Sequence[EntityMention]
) -> list[Token]:
    """The author named at ``j`` after a written text's noun (``بيان الكرملين``، ``بيان للجيش
    الإسرائيلي``): a mention, or a ``ل`` + institution head, with the definite words after it;
    empty when there is none."""
    out: list[Token] = []
    for t in toks[j : j + _MAX_SLOT]:
        inside = any(m.start <= t.stem_start < m.end for m in mentions)
        if not t.is_word or has_reading(t, lex.complementizers):
            break
        if not out and not (inside or (_addressee(t, lex) and has_reading(t, lex.heads))):
            break
        if out and not (inside or (is_definite(t) and not t.prefix)):
            break
        out.append(t)
    return out


def _name_before_role(toks: Sequence[Token], j: int, stop: int, lex: CueLexicon) -> int | None:
    """The end of an untagged name opening a subject slot and apposed to a role phrase:
    ``وقال ذبيح الله مجاهد المتحدث باسم طالبان إن`` (one to three bare words, الله or الدين
    closing a compound name among them, then a definite role head); ``None`` when the words at
    ``j`` are no such name."""
    k = j
    while k < min(stop, len(toks), j + 3) and toks[k].is_word:
        t = toks[k]
        if (
            t.prefix
            or (is_definite(t) and (k == j or match_key(t.text) not in _NAME_PARTS))
            or has_verb_reading(t, lex.verbs)
            or any(
                has_reading(t, w)
                for w in (lex.heads, lex.slot_stops, lex.complementizers, lex.channels)
            )
        ):
            break
        k += 1
    if k == j or k >= min(stop, len(toks)):
        return None
    role = toks[k]
    return k if has_reading(role, lex.heads) and is_definite(role) else None


def preverbal_subject(
    toks: Sequence[Token], k: int, lex: CueLexicon, mentions: Sequence[EntityMention]
) -> list[Token]:
    """The subject before its cue verb (``لكن إيران تقول إن``، ``مون قال أيضا``): the tokens of a
    person, organization or country mention (with its title) that ends right before the cue and
    opens its clause (at the sentence start, after punctuation or a clause opener such as ``لكن``,
    ``فيما``, or with ``و`` on its first word); empty when there is none."""
    if k == 0 or not toks[k - 1].is_word:
        return []
    last = toks[k - 1]
    m = next(
        (m for m in mentions if m.type in _SPEAKER_TYPES and m.start < last.end <= m.end),
        None,
    )
    if m is None:
        return []
    j = next(j for j in range(k) if toks[j].end > m.start)
    while j > 0 and toks[j - 1].is_word and has_reading(toks[j - 1], lex.heads):
        j -= 1  # "الرئيس السيسي قال": the title opens the clause
    first = toks[j]
    opens = (
        j == 0
        or not toks[j - 1].is_word
        or has_reading(toks[j - 1], lex.subject_openers)
        or first.prefix in ("و", "ف")
    )
    return [t for t in toks[j:k] if t.is_word] if opens else []


def _known(m: EntityMention) -> bool:
    """A mention linked to the knowledge base (two such names side by side are two people; the
    tagger may split one unknown name in two)."""
    return bool(m.entity) and not str(m.entity).startswith("x:")


def speaker_of(
    slot: Sequence[Token], mentions: Sequence[EntityMention], lex: CueLexicon
) -> Speaker | None:
    """The speaker named by a subject slot, or ``None`` when the slot is no subject.

    A PERSON mention in the slot wins (``المتحدث باسم الكرملين دميتري بيسكوف`` is Peskov), else
    a mention opening the slot, else a role phrase (a head word) with no entity, else an
    honorific pronoun (anaphoric).
    """
    if not slot:
        return None
    s, e = slot[0].start, slot[-1].end
    possessed = {t.end for t in slot if has_reading(t, _POSSESSIVE)}
    for a, b in itertools.pairwise(slot):  # باسم مكتب X: X is the possessor of a construct
        if a.end in possessed and not is_definite(b):
            possessed.add(b.end)
    inside = [
        m
        for m in mentions
        if s <= m.start
        and m.end <= e + 1
        and m.type in _SPEAKER_TYPES
        and not any(0 <= m.start - p <= 1 for p in possessed)
    ]
    persons = [m for m in inside if m.type == "PERSON"]
    if persons:
        first = persons[0]
        if (
            len(persons) > 1
            and first.start <= slot[0].stem_start
            and _known(first)
            and _known(persons[1])
            and first.entity != persons[1].entity
            and persons[1].start - first.end <= 1
        ):  # "أبلغ بوتين نتنياهو أن": the verb's subject, then whom it tells
            return Speaker(first.entity, (first.start, first.end))
        return Speaker(persons[-1].entity, (persons[-1].start, persons[-1].end))
    opening = [m for m in inside if m.start <= slot[0].stem_start]
    if opening:
        return Speaker(opening[0].entity, (opening[0].start, opening[0].end))
    if any(has_reading(t, lex.heads) or has_reading(t, lex.channels) for t in slot):
        return Speaker(None, (s, e))
    if len(slot) > 1 and match_key(slot[0].text) in _DEMONSTRATIVES:
        return Speaker(None, (s, e))  # "هذه الدول الثلاث": a description pointing back
    hon = next((t for t in slot if has_reading(t, lex.honorifics)), None)
    if hon is not None:
        return Speaker(None, (hon.start, hon.end), anaphoric=True)
    return None


def _pointing(toks: Sequence[Token], j: int) -> bool:
    """A demonstrative before a definite word (``هذه الدول``)."""
    return (
        match_key(toks[j].text) in _DEMONSTRATIVES
        and j + 1 < len(toks)
        and is_definite(toks[j + 1])
    )


def _governed(m_start: int, toks: Sequence[Token], lex: CueLexicon) -> bool:
    """Whether the mention starting at ``m_start`` sits in a prepositional phrase.

    The noun phrase is walked back over its words and apposition dashes (``برئيس جمهورية
    تتارستان - رستم مينيخانوف`` is governed by the ``ب`` of its head), up to a comma or a verb.
    """
    k = next((k for k, t in enumerate(toks) if t.start <= m_start < t.end), None)
    if k is None:
        return False
    tok = toks[k]
    if tok.prefix and tok.stem_start <= m_start and any(p in tok.prefix for p in "بل"):
        return True
    for j in range(k - 1, max(-1, k - 7), -1):
        t = toks[j]
        if not t.is_word:
            if t.text in ("-", "–"):
                continue
            return False
        if has_reading(t, lex.slot_stops) or has_reading(t, lex.reported_from):
            return True
        if has_verb_reading(t, lex.verbs):
            return False
        if t.prefix and any(p in t.prefix for p in "بل"):
            before = toks[j - 1] if j else None
            inner = (
                before is not None
                and before.is_word
                and (is_definite(before) or has_reading(before, lex.heads))
            )
            if not inner:  # not a modifier inside a title (وزير الدولة للشؤون الخارجية)
                return True
    return False


def apposed_name(
    toks: Sequence[Token],
    slot: Sequence[Token],
    stop: int,
    lex: CueLexicon,
    mentions: Sequence[EntityMention],
) -> Speaker | None:
    """The name set beside a role phrase: ``وزير الدفاع الإسرائيلي، أفيغدور ليبرمان``.

    After the role (and an optional ``لدى``/``في`` + place, or a ``ل`` modifier: ``للشؤون
    الاقتصادية``), a dash or comma, then one to three bare words closed by punctuation, a
    complementizer or a circumstance; a PERSON mention there gives the entity, else the span
    runs from the role to the name.
    """
    if not slot:
        return None
    stop = min(stop, len(toks))  # a clause limit may run past the sentence's last token
    j = next((j for j, t in enumerate(toks) if t.start >= slot[-1].end), len(toks))
    if j + 1 < stop and has_reading(toks[j], lex.slot_stops) and _in_mention(toks[j + 1], mentions):
        j += 1
        while j < stop and toks[j].is_word and _in_mention(toks[j], mentions):
            j += 1  # the place's words, not the comma after it
    if j < stop and toks[j].is_word and _addressee(toks[j], lex):
        n = j + 1  # "المفوض الأوروبي للشؤون الاقتصادية، بيار موسكوفيسي": the role's ل modifier
        while n < min(stop, j + 3) and toks[n].is_word and is_definite(toks[n]):
            n += 1
        if n < stop and toks[n].text in ("،", ",", "-", "–"):
            j = n
    if j >= stop or toks[j].text not in ("،", ",", "-", "–"):
        return None
    j += 1
    name: list[Token] = []
    while j < stop and len(name) < 3 and toks[j].is_word:
        t = toks[j]
        if (
            (is_definite(t) and not _in_person(t, mentions))
            or has_verb_reading(t, lex.verbs)
            or any(
                has_reading(t, w)
                for w in (lex.slot_stops, lex.heads, lex.complementizers, lex.channels)
            )
        ):
            return None
        name.append(t)
        j += 1
    if not name or (j < stop and toks[j].is_word and not has_reading(toks[j], lex.complementizers)):
        return None
    person = next(
        (
            m
            for m in mentions
            if m.type == "PERSON" and m.start <= name[0].stem_start and name[0].start < m.end
        ),
        None,
    )
    if person is not None:
        return Speaker(person.entity, (person.start, person.end))
    return Speaker(None, (slot[0].start, name[-1].end))


def role_or_name(
    toks: Sequence[Token],
    slot: Sequence[Token],
    stop: int,
    lex: CueLexicon,
    mentions: Sequence[EntityMention],
) -> Speaker | None:
    """:func:`speaker_of`, with a role phrase completed by its apposed name when there is one."""
    sp = speaker_of(slot, mentions, lex)
    if sp is not None and sp.entity is None and not sp.anaphoric:
        return apposed_name(toks, slot, stop, lex, mentions) or sp
    return sp


def antecedent(
    toks: Sequence[Token],
    cue: int,
    mentions: Sequence[EntityMention],
    sent_start: int,
    prev: Quote | None,
    lex: CueLexicon,
    subject: EntityMention | None = None,
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker of a zero-subject cue.

    The previous quote's speaker when that quote is in this sentence; else the first person,
    organization, country or role phrase of the sentence before the cue that is not inside a
    prepositional phrase (the main clause's subject: ``كشفت وزارة الدفاع الروسية ...، قائلا``,
    ``وسعت الولايات المتحدة الاثنين عقوباتها ...، وقالت``);
    else whichever came last of the previous quote and ``subject``, the person named as the
    subject of an earlier cue verb that gave no quote (``وأكد توكاييف نفسه الموعد. ... وصف
    الزيارة بأنها``: Tokayev, not the speaker quoted before him).
    """
    if prev is not None and prev.start >= sent_start:
        return prev.speaker, prev.speaker_span
    cands: list[tuple[int, str | None, tuple[int, int]]] = [
        (m.start, m.entity, (m.start, m.end))
        for m in mentions
        if m.end <= toks[cue].start
        and m.type in {"PERSON", "ORG", "GPE"}
        and not _governed(m.start, toks, lex)
    ]
    for j in range(cue):
        t = toks[j]
        if not (t.is_word and has_reading(t, lex.heads) and not t.prefix):
            continue
        if _governed(t.start, toks, lex):
            continue
        slot = subject_slot(toks, j - 1, cue, lex, mentions)
        sp = role_or_name(toks, slot, cue, lex, mentions) if slot else None
        if sp is not None and not sp.anaphoric:
            cands.append((slot[0].start, sp.entity, sp.span))
            break
    if cands:
        _, ent, span = min(cands, key=lambda c: c[0])
        return ent, span
    if subject is not None and (prev is None or subject.start >= prev.end):
        return subject.entity, (subject.start, subject.end)
    if prev is not None:
        return prev.speaker, prev.speaker_span
    return None, None
