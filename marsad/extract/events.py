"""Event mentions (PLOVER types) from Arabic trigger lexicons, one record per event per article.

A trigger phrase from ``resources/events/triggers.json`` (``زيارة``، ``استقبل``، ``اتصال هاتفي``،
``فرض رسوم``) opens a mention; its arguments come from the entity mentions of the same sentence
by the entry's role pattern:

* ``visit``: the visitor is the actor (the mention right after the trigger, ``زيارة بوتين``, or
  else the nearest one before it), the place after ``إلى`` is the target and the location;
* ``host`` / ``pair`` / ``agent``: actor as for a visit, the next other participant the target;
* ``multi`` (summits): every participant is an actor.

A capital acting or acted on stands for its state (``حظرت موسكو``: Russia), read from its
own mention; a visit's destination stays the city.

A dual subject (``الرئيسان``، ``وقع الجانبان``، ``قمتهما``) stands for the two parties named
before (``event_duals``); an entry with companions only fires when one follows
(``أطلقت روسيا صاروخا``), and a call only when it names whom it is made on before its
``إلى`` (``دعا بوتين نتنياهو إلى``, not ``دعا بوتين إلى حل``); named gatherings (``المنتدى``)
are never folded into a visit.

The date is the sentence's time expression nearest the trigger among those it owns (a date
belongs to the last trigger before it); the status comes from the markers of
``resources/events/status.json``, the future prefix ``س`` and the date against the publication
date. Mentions of one event inside an article are folded into the first (visits to two
countries stay two); a trigger after a demonstrative (``هذه الزيارة``) into the last of its
kind. A visit after ``خلال`` frames the sentence's event: it stays apart, its traveller is the
clause's subject, and the framed event takes its date.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.extract.by_sentence import in_sentences
from marsad.extract.dateline import dateline_end
from marsad.extract.event_args import (
    TokenList,
    capital_states,
    clause_start,
    clause_subject,
    entity_countries,
    entity_kinds,
    find_arguments,
    is_anaphoric,
    is_country_adjective,
    is_definite,
    is_demonstrative,
    own_country_mentions,
)
from marsad.extract.event_duals import dual_kind, resolve_dual
from marsad.extract.quotes import token_readings
from marsad.extract.times import season_months
from marsad.model import (
    Document,
    EntityMention,
    EventMention,
    Participant,
    Sentence,
    TimeExpression,
    Token,
)
from marsad.resources import load_json
from marsad.text.normalize import match_key

__all__ = [
    "EventMention",
    "Participant",
    "TriggerEntry",
    "dateline_end",
    "event_months",
    "extract_events",
    "load_triggers",
]

logger = logging.getLogger(__name__)

_VISIT_MODES = frozenset({"visit", "meet", "host"})


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    type: str
    mode: str | None
    roles: str
    words: tuple[str, ...]  # folded words of the phrase
    companions: frozenset[str] = frozenset()  # one must follow within ``within`` tokens
    within: int = 0
    standalone: bool = False  # a named gathering, never one of a visit's meetings
    agent_actor: bool = False  # needs a person or organization as actor ("وصل الوزير")
    unclaimed: bool = False  # reported when the text names no party ("التفجير الذي استهدف ...")
    not_after: frozenset[str] = frozenset()  # words before it that make it no event ("وقف")
    # whom a call is made on, before its "إلى": "subject" (a finite verb: its subject and then
    # the addressee, "دعا بوتين نتنياهو إلى"), "next" (no subject: "داعيا طهران إلى")
    addressee: str | None = None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    by_first: dict[str, tuple[TriggerEntry, ...]]
    before: tuple[tuple[str, tuple[str, ...]], ...]
    after: tuple[tuple[str, tuple[str, ...]], ...]
    not_markers: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()  # "إذا وافقت الصين": no event happens
    absent: frozenset[str] = frozenset()  # "الغائب عن الاجتماع": not a participation
    actorless: frozenset[str] = frozenset()  # types reported without their doer (ASSAULT ...)


@lru_cache(maxsize=1)
def load_triggers() -> _Lexicon:
    """Load the trigger and status lexicons shipped in ``marsad/resources/events``.

    Raises:
        ConfigError: a file is missing a field or does not parse.

    Example:
        >>> "زياره" in load_triggers().by_first
        True
    """
    trig, status = load_json("events", "triggers.json"), load_json("events", "status.json")
    by_first: dict[str, list[TriggerEntry]] = {}
    try:
        for row in trig["triggers"]:
            # "with": the companion words of the row's mode, or a mode -> companions map
            # ("فرض" with "عقوبات" is a sanction, with "رسوم" a tariff), tried in its order
            companions = row.get("with", ())
            modes = (
                companions.items() if isinstance(companions, dict) else [(row["mode"], companions)]
            )
            for phrase in row["phrases"]:
                words = tuple(match_key(w) for w in phrase.split())
                for mode, words_after in modes:
                    entry = TriggerEntry(
                        row["type"],
                        mode,
                        row["roles"],
                        words,
                        frozenset(match_key(w) for w in words_after),
                        int(row.get("within", 0)),
                        bool(row.get("standalone", False)),
                        bool(row.get("agent_actor", False)),
                        bool(row.get("unclaimed", False)),
                        frozenset(match_key(w) for w in row.get("not_after", ())),
                        row.get("addressee"),
                    )
                    by_first.setdefault(words[0], []).append(entry)

        def markers(part: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
            rows = status[part]
            return tuple((st, tuple(match_key(p) for p in phrases)) for st, phrases in rows.items())

        before, after = markers("before"), markers("after")
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"events lexicon: bad field ({exc})") from exc
    ordered = {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in by_first.items()}
    not_markers = frozenset(match_key(w) for w in status.get("not_markers", ()))
    hypothetical = frozenset(match_key(w) for w in trig.get("hypothetical_before", ()))
    absent = frozenset(match_key(w) for w in trig.get("absent_before", ()))
    actorless = frozenset(trig.get("actorless_types", ()))
    return _Lexicon(ordered, before, after, not_markers, hypothetical, absent, actorless)


def _companion(toks: Sequence[Token], j: int, entry: TriggerEntry) -> int | None:
    """Index of the word ``entry`` needs after its last word (``أطلقت روسيا صاروخا``)."""
    for k in range(j + 1, min(len(toks), j + 1 + entry.within)):
        if not entry.companions.isdisjoint(token_readings(toks[k])):
            return k
    return None


_IMPERFECT = frozenset("يتن")  # the person prefixes a future س stands before


def _trigger_readings(tok: Token) -> frozenset[str]:
    """The token's readings, and for a verb with the future prefix the verb without it
    (``سيزوران`` reads ``يزوران``; the segmenter keeps a prefix whose remainder is rare)."""
    readings = token_readings(tok)
    extra = {r.removeprefix("س") for r in readings if r[:1] == "س" and r[1:2] in _IMPERFECT}
    return readings | extra if extra else readings


def _match_at(
    toks: Sequence[Token], i: int, lex: _Lexicon
) -> tuple[TriggerEntry, int, int | None] | None:
    """The longest trigger entry at ``toks[i]``: entry, last index, companion index."""
    for reading in _trigger_readings(toks[i]):
        for entry in lex.by_first.get(reading, ()):
            n = len(entry.words)
            if i + n > len(toks) or (
                entry.not_after
                and i > 0
                and not entry.not_after.isdisjoint(token_readings(toks[i - 1]))
            ):
                continue
            if all(entry.words[j] in token_readings(toks[i + j]) for j in range(1, n)):
                if not entry.companions:
                    return entry, i + n - 1, None
                k = _companion(toks, i + n - 1, entry)
                if k is not None:
                    return entry, i + n - 1, k
    return None


def _word_in(words: frozenset[str], toks: Sequence[Token]) -> bool:
    """Whether one of ``toks`` reads as one of ``words`` (clitics on or off)."""
    return any(not words.isdisjoint(token_readings(t)) for t in toks)


def _participant(m: EntityMention) -> Participant:
    return Participant(m.entity or f"x:{match_key(m.text)}", m.start, m.end, m.text)


def _mentions_of(
    parts: Sequence[Participant], mentions: Sequence[EntityMention]
) -> tuple[EntityMention, ...]:
    """The mentions the participants were read from (the same spans), in text order."""
    spans = {(p.start, p.end) for p in parts}
    return tuple(m for m in mentions if (m.start, m.end) in spans)


def _party(m: EntityMention) -> Participant:
    """An actor (or a target acted on): a capital stands for its state ("حظرت موسكو": Russia),
    read from the same mention."""
    p = _participant(m)
    state = capital_states().get(p.entity)
    return replace(p, entity=state) if state else p


def _status(
    toks: Sequence[Token], ti: int, tj: int, lex: _Lexicon, date: str | None, published: str | None
) -> str:
    found: list[tuple[int, str]] = []
    for st, phrases in lex.before:
        for k in range(max(0, ti - 12), ti + 1):
            if match_key(toks[k].text) in lex.not_markers:
                continue
            if any(
                p.split()[0] in token_readings(toks[k]) and _phrase_at(toks, k, p) for p in phrases
            ):
                found.append((k, st))
    for st in ("cancelled", "denied"):
        if any(s == st for _, s in found):
            return st
    for st, phrases in lex.after:
        for k in range(tj + 1, min(len(toks), tj + 4)):
            if any(_phrase_at(toks, k, p) for p in phrases):
                return st
    if found:
        return max(found)[1]
    trig = toks[ti]
    surface = match_key(trig.text)
    if surface.startswith(("س", "وس")) and len(surface) > 3 and surface.lstrip("و")[1:2] in "يتن":
        return "planned"
    if date and published and date[:10] > published and len(date) >= 10:
        return "planned"
    if date and published and len(date) == 7 and date > published[:7]:
        return "planned"
    if surface.lstrip("و")[:1] in {"ي", "ت"} and not surface.startswith("ت" + "ع"):
        return "planned" if date and published and date > published else "ongoing"
    return "occurred"


def _phrase_at(toks: Sequence[Token], k: int, phrase: str) -> bool:
    words = phrase.split()
    if k + len(words) > len(toks):
        return False
    return all(w in token_readings(toks[k + j]) for j, w in enumerate(words))


def _date(
    times: Sequence[TimeExpression], trig: int, triggers: Sequence[int], clause: int = 0
) -> TimeExpression | None:
    """The date nearest the trigger among those it owns, and not before the trigger's clause
    ("قالت الوزارة اليوم إن X سيزور": اليوم dates the saying).

    A date belongs to the last trigger before it, as a time adverbial follows its verb or noun
    ("استقبل X ... الأربعاء Y الذي يزور المملكة": الأربعاء dates the reception, not the visit;
    "أدان ... التفجير الذي استهدف أمس": أمس dates the bombing); a date before every trigger
    belongs to the first one. An expression after "منذ" ("للمرة الأولى منذ نوفمبر"، "منذ عشرة
    أعوام") is where a period starts and dates no event."""
    times = [t for t in times if t.start >= clause and not match_key(t.text).startswith("منذ")]

    def owner(t: TimeExpression) -> int:
        if not triggers:
            return trig
        earlier = [x for x in triggers if x <= t.start]
        return max(earlier) if earlier else min(triggers)

    dated = [t for t in times if t.kind == "date" and owner(t) == trig]
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.start - trig))


def _part_of_month(t: TimeExpression) -> bool:
    """Whether ``t`` is a part of a month resolved to days ("مطلع آذار/مارس", "نهاية مايو")."""
    return t.mod is not None and len(t.value or "") == 10 and t.value[4] == "-"


# the future forms the فرض entries can match (يفرض/تفرض with سـ)
_WILL_IMPOSE = frozenset({"ستفرض", "سيفرض"})


def _talk_of_sanctions(
    toks: Sequence[Token], i: int, j: int, entry: TriggerEntry, mentions: Sequence[EntityMention]
) -> bool:
    """Whether the trigger is the definite "العقوبات" with no country adjective after it
    ("العقوبات الأمريكية") and no relative clause of imposing ("العقوبات التي فرضتها")."""
    if (entry.type, entry.mode) != ("SANCTION", "sanctions") or i != j or entry.companions:
        return False
    if not is_definite(toks[i]):
        return False
    if j + 1 >= len(toks):
        return True
    nxt = toks[j + 1]
    kinds = entity_kinds()
    if any(m.start == nxt.start and is_country_adjective(m, kinds) for m in mentions):
        return False
    relative = match_key(nxt.text) in {"التي", "الذي"} and j + 2 < len(toks)
    return not (relative and match_key(toks[j + 2].text).startswith("فرض"))


_TO = frozenset({"الي"})  # folded إلى
_ADDRESSEE_WINDOW = 12


def _no_addressee(
    toks: Sequence[Token], j: int, entry: TriggerEntry, mentions: Sequence[EntityMention]
) -> bool:
    """Whether a call (``entry.addressee``) names nobody it is made on before its "إلى":
    "دعا توكاييف إلى حل سلمي" calls for a policy, "دعا بوتين نتنياهو إلى" calls on Netanyahu
    (a finite verb needs two parties there, its subject and the addressee), "داعيا طهران
    إلى" and "ندعو الإدارة الأميركية إلى" name the addressee right after the verb."""
    if entry.addressee is None:
        return False
    end = min(len(toks), j + 1 + _ADDRESSEE_WINDOW)
    to = next((k for k in range(j + 1, end) if not _TO.isdisjoint(token_readings(toks[k]))), None)
    if to is None or to == j + 1:
        return True
    if entry.addressee == "next":
        return not toks[j + 1].is_word
    between = [m for m in mentions if toks[j].end <= m.start < toks[to].start]
    return len(between) < 2


def _same_kind(a: EventMention, b: EventMention) -> bool:
    # Meetings during a visit with the host's side belong to the visit (GUIDELINES section 2).
    modes = {a.mode, b.mode}
    during_visit = a.type == b.type == "CONSULT" and len(modes) == 2 and modes <= _VISIT_MODES
    return (a.type, a.mode) == (b.type, b.mode) or during_visit


def _during(events: Sequence[EventMention], ev: EventMention) -> bool:
    """A meeting in the sentence of a visit, after it ("زيارة ... سيجري خلالها محادثات")."""
    if not events or ev.type != "CONSULT" or ev.mode not in {"meet", "host"}:
        return False
    last = events[-1]
    return last.mode == "visit" and last.evidence == ev.evidence and last.type == "CONSULT"


def _same(a: EventMention, b: EventMention) -> bool:
    if not _same_kind(a, b):
        return False
    pa = {p.entity for p in a.actors + a.targets}
    pb = {p.entity for p in b.actors + b.targets}
    if pa and pb and not pa & pb:
        return False
    aa, ab = {p.entity for p in a.actors}, {p.entity for p in b.actors}
    if a.type != "CONSULT" and aa and ab and not aa & ab:  # "أطلقت روسيا ... وأطلقت كييف"
        return False
    countries = entity_countries()
    ta = {countries[p.entity] for p in a.targets if p.entity in countries}
    tb = {countries[p.entity] for p in b.targets if p.entity in countries}
    if a.mode == b.mode == "visit" and ta and tb and not ta & tb:
        return False  # "يتوجه بومبيو إلى إسرائيل ... ثم يتوجه إلى الأردن": two visits
    ya, yb = _years(a), _years(b)  # "زيارة عام 2006" and "زيارة عام 2010": two visits
    if ya and yb and not (ya[0] <= yb[1] and yb[0] <= ya[1]):
        return False
    sa, sb = event_months(a), event_months(b)
    return sa is None or sb is None or (sa[0] <= sb[1] and sb[0] <= sa[1])


def _years(ev: EventMention) -> tuple[str, str] | None:
    """The first and last years of an event's date, None when its year is not known."""
    if not ev.start or not ev.start[:4].isdigit():
        return None
    end = ev.end if ev.end and ev.end[:4].isdigit() else ev.start
    return ev.start[:4], max(ev.start[:4], end[:4])


def event_months(ev: EventMention) -> tuple[str, str] | None:
    """The first and last months of an event's date ("2015-09".."2015-11" for an autumn), None
    when its month is not known.

    Example:
        >>> ev = EventMention(
        ...     "d", "CONSULT", "visit", "planned", (), (), None, "2015-09", "2015-11", "month",
        ...     (0, 0), (0, 0))
        >>> event_months(ev)
        ('2015-09', '2015-11')
    """
    if not ev.start or not ev.start[5:7].isdigit() or "X" in ev.start:
        return None
    end = ev.end if ev.end and ev.end[5:7].isdigit() and "X" not in ev.end else ev.start
    return ev.start[:7], max(ev.start[:7], end[:7])


def _fold(first: EventMention, other: EventMention) -> EventMention:
    # The first clear mention keeps its arguments; later ones only fill what it lacks.
    return replace(
        first,
        actors=first.actors or other.actors,
        targets=first.targets or other.targets,
        location=first.location or other.location,
        start=first.start or other.start,
        end=first.end or other.end,
        granularity=first.granularity or other.granularity,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """One trigger's mention and how it relates to the events before it."""

    event: EventMention
    anaphoric: bool  # points back to an earlier event ("الزيارة" with no subject of its own)
    pointing: bool  # a demonstrative makes it point back whatever follows ("هذه الزيارة")
    standalone: bool  # a named gathering, never one of a visit's meetings
    frame: bool  # a visit framing the sentence's event ("التقى X Y خلال زيارة"): kept apart


_FRAMES = frozenset({"خلال", "اثناء", "أثناء"})
_FRAMED_BY = _FRAMES | {"هامش", "في"}  # "على هامش اجتماع"، "في قمة": an event that frames


def _framed(toks: Sequence[Token], k: int) -> bool:
    """Whether the trigger at ``k`` is introduced as the occasion of what comes before it
    ("محادثات مع بومبيو على هامش اجتماع رابطة ..."، "لقائهما في قمة ...")."""
    return k > 0 and not _FRAMED_BY.isdisjoint(token_readings(toks[k - 1]))


_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def _before(doc: Document, offset: int) -> list[EntityMention]:
    return [m for m in doc.entities if m.end <= offset]


def _sentence_events(
    doc: Document,
    sent: Sentence,
    toks: list[Token],
    lex: _Lexicon,
    in_sentence: Sequence[EntityMention],
    times: Sequence[TimeExpression],
    parties: Sequence[str] = (),
    skip: int = 0,
) -> list[_Found]:
    """The sentence's event mentions, in order, from the entity mentions and time expressions
    that start in it; the mentions before ``skip`` (the dateline's end) are no participants."""
    mentions = [m for m in in_sentence if m.start >= skip]
    mentions = sorted([*mentions, *own_country_mentions(toks, mentions)], key=lambda m: m.start)
    out: list[_Found] = []
    hits = {k: h for k in range(len(toks)) if toks[k].is_word and (h := _match_at(toks, k, lex))}
    consumed = {h[2] for h in hits.values() if h[2] is not None}
    trig_idx = [k for k in hits if k not in consumed]
    triggers = [toks[k].start for k in trig_idx]
    i = 0
    while i < len(toks):
        hit = hits.get(i) if i not in consumed else None
        if hit is None:
            i += 1
            continue
        entry, j, _ = hit
        if entry.type == "SANCTION" and match_key(toks[i].text).lstrip("وف") in _WILL_IMPOSE:
            # "الولايات المتحدة ستفرض على إيران أشد العقوبات": a stated future sanction
            entry = replace(entry, type="THREATEN", mode=None)
        if any(m.type == "ORG" and m.start < toks[i].start < m.end for m in mentions):
            i = j + 1  # a word of a name: "حزب المؤتمر الشعبي"، "مجلس التعاون الخليجي"
            continue
        if _word_in(lex.hypothetical, toks[max(0, i - 3) : i]):
            i = j + 1  # "إذا وافقت الصين"، "إذا ما عقد مؤتمر": a condition, not a happening
            continue
        if _no_addressee(toks, j, entry, mentions):
            i = j + 1  # "دعا توكاييف إلى حل سلمي": a call for something, on nobody
            continue
        if _talk_of_sanctions(toks, i, j, entry, mentions):
            i = j + 1  # "العقوبات الجديدة تستهدف": sanctions spoken of, not imposed here
            continue
        if (
            i > 0
            and match_key(toks[i - 1].text) == "عن"
            and _word_in(lex.absent, toks[max(0, i - 4) : i - 1])
        ):
            i = j + 1  # "الغائب الأكبر عن الاجتماع هو أرمينيا": who was not there
            continue
        stops = [k for k in trig_idx if hits[k][0].type != entry.type]
        found = find_arguments(
            entry.roles,
            entry.mode,
            toks,
            i,
            j,
            mentions,
            stops,
            entry.addressee == "next",
            min((k for k in trig_idx if k > j and _framed(toks, k)), default=None),
        )
        actors, targets, loc = found.actors, found.targets, found.location
        kind = dual_kind(toks, i, j, [k for k in trig_idx if k != i])
        pair = (
            resolve_dual(kind, _before(doc, toks[i].start), entity_kinds(), parties, sent.start)
            if kind
            else ()
        )
        if kind and not pair:  # "في مستهل قمتهما ... ترمب وبوتين": the two named after it
            later = [m for m in mentions if m.start >= toks[j].end]
            pair = resolve_dual(kind, later[::-1], entity_kinds())
        if pair:  # "وقع الجانبان": the two parties named before
            actors = pair
            targets = tuple(m for m in targets if m.entity not in {p.entity for p in pair})
        during = i > 0 and not _FRAMES.isdisjoint(token_readings(toks[i - 1]))  # "خلال زيارة"
        frame = entry.mode == "visit" and during
        if frame and out and out[0].event.actors and not found.subject_after:
            # "سيعقد X اجتماعا مع Y وZ خلال زيارة لقطر": X, the clause's subject, travels
            actors = _mentions_of(out[0].event.actors[:1], mentions)
        if (
            entry.type == "CONSULT"
            and during
            and toks[i].text.rstrip(_HARAKAT).endswith(("ه", "ها"))
        ):
            # "صرح X خلال لقائه الرئيس بوتين": the pronoun is the clause's subject, X
            own = clause_subject(toks, i, mentions)
            if own is not None:
                rest = [m for m in actors if m.entity != own.entity]
                actors = (own,)
                targets = targets or tuple(rest[:1])
        onward = next((f.event for f in reversed(out) if f.event.mode == "visit"), None)
        if (
            entry.mode == "visit"
            and onward is not None
            and not found.subject_after
            and i > 0
            and "ثم" in token_readings(toks[i - 1])
        ):
            # "يتوجه بومبيو إلى إسرائيل للقاء نتانياهو، ثم يتوجه إلى الأردن": Pompeo goes on
            actors = _mentions_of(onward.actors, mentions)
        # No doer: only an attack, an arrest or a release is reported so ("قتل فتى برصاص");
        # "فرض عقوبات على إيران" naming no one who imposes them reports no sanction.
        if (
            not actors and not entry.unclaimed and (not targets or entry.type not in lex.actorless)
        ) or (entry.agent_actor and not any(m.type in {"PERSON", "ORG"} for m in actors)):
            i = j + 1
            continue
        t = _date(times, toks[i].start, triggers, toks[clause_start(toks, i)].start)
        start = end = None
        if t is not None:
            # An expression the tagger could not anchor (no publication date) keeps what it
            # knows, "XXXX-11-27", or "XXXX" for a bare relative one ("العام المقبل"): the
            # corpus merge compares the known parts and never takes such a value as a date.
            start, _, rng = (t.value or "XXXX").partition("/")
            end = t.end_value or rng or None
            if (months := season_months(start)) is not None:  # "2015-FA": September-November
                start, end = months
            elif _part_of_month(t):  # "مطلع آذار/مارس": the event is dated by the month
                start, end = start[:7], None
        status = _status(toks, i, j, lex, start, doc.metadata.published)
        s, e = toks[i].start, toks[j].end
        # "قمتهما": a noun with the dual pronoun points back like "القمة"
        anaphoric = kind == "any" or (is_anaphoric(toks, i) and not found.subject_after)
        pointing = is_demonstrative(toks, i)
        if frame and out and out[-1].event.start is None and start is not None:
            # the event the visit frames happens within it: "... خلال زيارة يومي 2 و3 أغسطس"
            out[-1] = replace(
                out[-1],
                event=replace(
                    out[-1].event, start=start, end=end, granularity=t.granularity if t else None
                ),
            )
        out.append(
            _Found(
                EventMention(
                    doc=doc.id,
                    type=entry.type,
                    mode=entry.mode,
                    status=status,
                    actors=tuple(_party(m) for m in actors),
                    targets=tuple(
                        (_participant if entry.mode == "visit" else _party)(m) for m in targets
                    ),
                    location=_participant(loc) if loc else None,
                    start=start,
                    end=end,
                    granularity=t.granularity if t else None,
                    trigger=(s, e),
                    evidence=(sent.start, sent.end),
                    trigger_text=doc.text[s:e],
                    evidence_text=doc.text[sent.start : sent.end],
                    published=doc.metadata.published,
                ),
                anaphoric or pointing,
                pointing,
                entry.standalone,
                frame,
            )
        )
        i = j + 1
    return out


def extract_events(doc: Document) -> tuple[EventMention, ...]:
    """The events a document reports, one per real-world event, in order of first mention.

    Args:
        doc: a document with ``sentences``, ``tokens`` and linked ``entities`` (``times`` and
            ``metadata.published`` give dates and tense).

    Returns:
        Event mentions with an actor; an attack, an arrest or a release
        (``actorless_types`` of the lexicon) needs only a participant, as such acts are often
        reported without their doer.

    Raises:
        ConfigError: the shipped lexicons are broken.

    Example:
        >>> from marsad.model import Provenance
        >>> from marsad.text.stages import segment_document
        >>> d = segment_document(Document("زار بوتين موسكو.", Provenance("t", "stdin", "")))
        >>> d = d.with_(entities=(EntityMention(4, 9, "بوتين", "PERSON", "wd:Q7747"),))
        >>> extract_events(d)[0].actors[0].entity
        'wd:Q7747'
    """
    lex = load_triggers()
    skip = dateline_end(doc.text)
    tokens = in_sentences(doc.tokens, doc.sentences)
    entities = in_sentences(doc.entities, doc.sentences)
    times = in_sentences(doc.times, doc.sentences)
    events: list[EventMention] = []
    alone: set[int] = set()  # indices of standalone gatherings
    for n, sent in enumerate(doc.sentences):
        parties = [p.entity for ev in reversed(events) for p in ev.actors + ev.targets]
        toks = TokenList(tokens[n])
        found = _sentence_events(doc, sent, toks, lex, entities[n], times[n], parties, skip)
        for f in found:
            ev, standalone = f.event, f.standalone
            last = next(
                (x for x in reversed(range(len(events))) if _same_kind(events[x], ev)), None
            )
            if f.pointing and last is not None:  # "هذه الزيارة": the last visit, whatever follows
                events[last] = _fold(events[last], replace(ev, start=None, end=None))
                continue
            k = next(
                (
                    x
                    for x, old in enumerate(events)
                    if _same(old, ev)
                    and (not f.frame or (old.type, old.mode) == (ev.type, ev.mode))
                    and (standalone, x in alone) != (True, False)
                    and (x in alone, standalone) != (True, False)
                ),
                None,
            )
            if standalone:
                if k is None:
                    alone.add(len(events))
                    events.append(ev)
                else:
                    events[k] = _fold(events[k], ev)
                continue
            if k is None and _during(events, ev) and not f.frame:
                k = len(events) - 1
            if (
                k is None and f.anaphoric and not f.frame
            ):  # "الزيارة" with no subject of its own: the last visit
                k = last
            if k is None:
                events.append(ev)
            else:
                events[k] = _fold(events[k], ev)
    return tuple(events)
