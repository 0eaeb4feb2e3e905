"""Arguments of an event trigger: who acts, who is acted on, where.

The rules read the words around each entity mention of the trigger's sentence (lexicon
``resources/events/roles.json``):

* a mention is *marked* when a preposition stands before it (``إلى``، ``في``، ``على``، ``مع``) or a
  place noun (``العاصمة الفنلندية هلسنكي``): marked mentions are never the grammatical subject;
* media (``وكالة تاس``، a KB entry of kind ``news_agency``) are channels, never participants;
* the actor is the subject of the trigger: the first unmarked mention in the few tokens after it
  (``وصل الرئيس X إلى Y``، ``زيارة X إلى Y``), else the nearest unmarked one before it
  (``قام X بزيارة``); a person or organization is preferred to a country in that slot;
* for a visit, a place right after the trigger or after ``إلى`` is the destination (the target
  and location), never the actor (``بزيارة أستانا``);
* ``multi`` entries (meetings, summits, signings): every participant near the trigger is an actor,
  countries only when no person or organization takes part;
* mentions coordinated with the actor by a bare ``و`` act with it (``الولايات المتحدة وبريطانيا
  وفرنسا``); an attack with no other actor takes the country adjectives of its noun or of its
  subject (``نفذت القوات الأميركية والبريطانية ضربات``); a mention that is another trigger's
  subject is not this one's (``حظرت موسكو ... بعد رفض``); a country tagged LOC counts as a state;
* ``host``: the guest is the mention after the counterpart noun (``استقبل X نظيره Y``) or the
  next participant;
* ``كان X قد <verb>`` puts the subject before ``قد``; ``كل من X وY`` opens a coordination (``من``
  marks nothing there).
* the actor of an event noun may stand elsewhere: after ``من قبل`` (``لقصف جوي من قبل مقاتلات
  روسية``), after a verb whose pronoun points back at the noun (``غارات نفذها الجيش السوري``,
  ``resumptive_verbs``), or between a support verb and the noun (``شن سلاح الجو الإسرائيلي
  غارات``, ``support_verbs`` and ``announce_verbs``); a country adjective closing an indefinite
  subject right after a verb is that subject (``قصفت طائرات حربية إسرائيلية``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from marsad.errors import ConfigError
from marsad.extract.quotes import load_cues
from marsad.extract.quotes_lexicon import has_reading, has_verb_reading
from marsad.model import EntityMention, Token
from marsad.resources import load_json
from marsad.text.normalize import match_key

if TYPE_CHECKING:
    from marsad.resolve.kb import KBRecord

__all__ = [
    "Arguments",
    "RoleLexicon",
    "TokenList",
    "capital_states",
    "clause_start",
    "clause_subject",
    "entity_countries",
    "entity_kinds",
    "find_arguments",
    "is_anaphoric",
    "is_country_adjective",
    "is_definite",
    "is_demonstrative",
    "load_roles",
    "own_country_mentions",
]

_ARG_TYPES = frozenset({"PERSON", "ORG", "GPE"})
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_AGENTS = frozenset({"PERSON", "ORG"})
_NEAR = 4  # tokens between a trigger and its subject or genitive
_NEAR_AGENT = 6  # the same for a person or organization, whose title takes a few words
_SPAN = 12  # tokens around a trigger where participants of a meeting are looked for


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    """Folded marker words of ``resources/events/roles.json``."""

    to: frozenset[str]
    in_: frozenset[str]
    obj: frozenset[str]
    place_heads: frozenset[str]
    channels: frozenset[str]
    counterpart: frozenset[str]
    anaphors: frozenset[str]
    channel_kinds: frozenset[str]
    openers: frozenset[str]
    title_heads: frozenset[str] = frozenset()
    own_country: frozenset[str] = frozenset()
    against: frozenset[str] = frozenset()
    masculine_verbs: frozenset[str] = frozenset()
    masculine_countries: frozenset[str] = frozenset()
    zero_subject_verbs: frozenset[str] = frozenset()
    resumptive_verbs: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    announce_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Arguments:
    """The participants chosen for one trigger; ``subject_after`` is true when the actor was
    found right after the trigger (a genitive or a verb's subject), not elsewhere."""

    actors: tuple[EntityMention, ...]
    targets: tuple[EntityMention, ...]
    location: EntityMention | None
    subject_after: bool


@lru_cache(maxsize=1)
def load_roles() -> RoleLexicon:
    """Load ``resources/events/roles.json``.

    Raises:
        ConfigError: the file does not parse or lacks a field.

    Example:
        >>> "في" in load_roles().in_
        True
    """
    data = load_json("events", "roles.json")
    try:

        def words(name: str) -> frozenset[str]:
            return frozenset(match_key(w) for w in data[name])

        return RoleLexicon(
            words("to"),
            words("in"),
            words("object"),
            words("place_heads"),
            words("channels"),
            words("counterpart"),
            words("definite_anaphors"),
            frozenset(data["channel_kinds"]),
            words("clause_openers"),
            words("title_heads"),
            words("own_country"),
            words("against"),
            words("masculine_verbs"),
            words("masculine_countries"),
            words("zero_subject_verbs"),
            words("resumptive_verbs"),
            words("support_verbs"),
            words("announce_verbs"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"marsad/resources/events/roles.json: bad roles lexicon ({exc})") from exc


@lru_cache(maxsize=1)
def _kb_records() -> tuple[KBRecord, ...]:
    """The knowledge base's records, none when it cannot load (the KB belongs to another
    component; events work without it)."""
    try:
        from marsad.resolve.kb import KnowledgeBase

        kb = KnowledgeBase.load()
    except Exception:
        return ()
    return tuple(rec for e in kb.entities if (rec := kb.record(e.id)) is not None)


@lru_cache(maxsize=1)
def entity_kinds() -> dict[str, str]:
    """Entity id -> KB kind (``news_agency``، ``city`` ...), empty when the KB cannot load.

    Example:
        >>> isinstance(entity_kinds(), dict)
        True
    """
    return {rec.entity.id: rec.kind for rec in _kb_records() if rec.kind}


@lru_cache(maxsize=1)
def entity_countries() -> dict[str, str]:
    """Place entity id -> the code of its country (a country's own, a city's state), empty when
    the KB cannot load.

    Example:
        >>> entity_countries().get("wd:Q3616", "IR")
        'IR'
    """
    out: dict[str, str] = {}
    for rec in _kb_records():
        code = rec.code if rec.kind == "country" else rec.country if rec.kind == "city" else None
        if code:
            out[rec.entity.id] = code
    return out


@lru_cache(maxsize=1)
def capital_states() -> dict[str, str]:
    """Capital city entity id -> its country's entity id ("موسكو" acting stands for Russia,
    GUIDELINES section 2), empty when the KB cannot load.

    Example:
        >>> capital_states()["wd:Q649"]  # Moscow
        'wd:Q159'
    """
    states = {rec.code: rec.entity.id for rec in _kb_records() if rec.kind == "country"}
    return {
        rec.entity.id: states[rec.country]
        for rec in _kb_records()
        if rec.capital and rec.country in states
    }


def own_country_mentions(
    toks: Sequence[Token], mentions: Sequence[EntityMention]
) -> list[EntityMention]:
    """``بلاده`` and its like as mentions of the country they stand for: the nearest country
    named before them in the sentence (``قال وزير البترول المصري إن بلاده تتفاوض``: Egypt), a
    nisba adjective included; none when the sentence names no country before them.

    Example:
        >>> own_country_mentions([], [])
        []
    """
    roles, kinds = load_roles(), entity_kinds()
    out: list[EntityMention] = []
    for tok in toks:
        if not tok.is_word or not has_reading(tok, roles.own_country):
            continue
        country = next(
            (
                m
                for m in reversed(mentions)
                if m.end <= tok.start and kinds.get(m.entity or "") == "country"
            ),
            None,
        )
        if country is not None:
            out.append(EntityMention(tok.stem_start, tok.end, tok.stem, "GPE", country.entity))
    return out


class TokenList(list[Token]):
    """The tokens of one sentence with their end offsets, so that finding the token at an
    offset is a bisection, not a walk (a sentence of a long unpunctuated text has tens of
    thousands of tokens and mentions)."""

    def __init__(self, toks: Iterable[Token] = ()) -> None:
        super().__init__(toks)
        self.ends = [t.end for t in self]


def _token_index(toks: Sequence[Token], offset: int) -> int:
    """Index of the first token that ends after ``offset``."""
    if isinstance(toks, TokenList):
        return bisect.bisect_right(toks.ends, offset)
    for k, t in enumerate(toks):
        if t.end > offset:
            return k
    return len(toks)


_WITH = frozenset({"مع"})


def _marker(m: EntityMention, toks: Sequence[Token], roles: RoleLexicon) -> str | None:
    """The role word right before a mention: to, in, with (مع), bi (the clitic بـ), obj (another
    preposition), channel, counterpart, lam (the clitic لـ) or None."""
    if m.entity and entity_kinds().get(m.entity) in roles.channel_kinds:
        return "channel"
    k = _token_index(toks, m.start)
    if k < len(toks) and toks[k].start < m.start:  # a clitic inside the token: "لروسيا"
        prefix = toks[k].text[: m.start - toks[k].start]
        if prefix.lstrip("وف") in {"ل", "لل"}:
            return "lam"
        if prefix.lstrip("وف") in {"ب", "بال"}:
            return "bi"  # "التقى بالرئيس": the one met; "أشاد بـ": the one praised
        return None
    if (
        k >= 2
        and has_reading(toks[k - 1], frozenset({"من"}))
        and has_reading(toks[k - 2], frozenset({"كل"}))
    ):
        return None  # "كل من X وY": the start of a coordination, not a preposition
    for back in (1, 2, 3):  # a head noun may carry an adjective: "العاصمة الفنلندية"
        if k - back < 0 or not toks[k - back].is_word:
            break
        tok = toks[k - back]
        # a preposition before a title run marks the name too: "مع الرئيس التركي أردوغان"
        titled = back == 1 or all(
            match_key(toks[x].text).startswith("ال") for x in range(k - back + 1, k)
        )
        if titled:
            for name, words in (
                ("to", roles.to),
                ("in", roles.in_),
                ("with", _WITH),
                ("obj", roles.obj),
                ("counterpart", roles.counterpart),
            ):
                if has_reading(tok, words):
                    return name
        if has_reading(tok, roles.channels):
            return "channel"
        if has_reading(tok, roles.place_heads):
            return "in"
    return None


def _after_with(m: EntityMention, toks: Sequence[Token]) -> bool:
    """Whether ``مع`` stands right before the mention (``أبرمتها مع مصر``)."""
    k = _token_index(toks, m.start)
    return k >= 1 and toks[k].start == m.start and has_reading(toks[k - 1], _WITH)


def _against(m: EntityMention, toks: Sequence[Token], roles: RoleLexicon) -> bool:
    """Whether ``على`` or ``ضد`` stands right before the mention (or before its title)."""
    k = _token_index(toks, m.start)
    for back in (1, 2, 3):
        if k - back < 0 or not toks[k - back].is_word:
            return False
        if has_reading(toks[k - back], roles.against):
            return True
        if not match_key(toks[k - back].text).startswith("ال"):  # only a title run between
            return False
    return False


def _clause_start(toks: Sequence[Token], ti: int, roles: RoleLexicon) -> int:
    """Index of the first token of the trigger's clause: after the nearest complementizer."""
    for k in range(ti - 1, -1, -1):
        if has_reading(toks[k], roles.openers):
            return k + 1
    return 0


def clause_start(toks: Sequence[Token], ti: int) -> int:
    """Index of the first token of the clause of ``toks[ti]``: after the nearest complementizer
    before it (``قالت الوزارة اليوم إن X سيزور``), 0 when there is none.

    Example:
        >>> clause_start([], 0)
        0
    """
    return _clause_start(toks, ti, load_roles())


def clause_subject(
    toks: Sequence[Token], ti: int, mentions: Sequence[EntityMention]
) -> EntityMention | None:
    """The first person, organization or state of the trigger's clause before it that no
    preposition marks: the clause's subject ("صرح X خلال لقائه الرئيس بوتين": X; not the
    object of "يلتقي ظريف بالأسد"), None when there is none.

    Example:
        >>> clause_subject([], 0, []) is None
        True
    """
    roles = load_roles()
    start = toks[_clause_start(toks, ti, roles)].start if toks else 0
    end = toks[ti].start if toks else 0
    return next(
        (
            m
            for m in mentions
            if start <= m.start
            and m.end <= end
            and m.type in _ARG_TYPES
            and _marker(m, toks, roles) is None
        ),
        None,
    )


def _dedupe(mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """One mention per entity, and no role mention standing right before the name it titles."""
    out: list[EntityMention] = []
    seen: set[str] = set()
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.type == nxt.type == "PERSON"
            and 0 <= nxt.start - m.end <= 2
            and m.entity in {None, nxt.entity}
        ):
            continue
        ident = m.entity or match_key(m.text)
        if ident in seen:
            continue
        seen.add(ident)
        out.append(m)
    return out


def _prefer_agents(ms: Sequence[EntityMention]) -> list[EntityMention]:
    agents = [m for m in ms if m.type in _AGENTS]
    return agents or list(ms)


def find_arguments(
    roles_kind: str,
    mode: str | None,
    toks: Sequence[Token],
    ti: int,
    tj: int,
    mentions: Sequence[EntityMention],
    stops: Sequence[int] = (),
    subjectless: bool = False,
    following: int | None = None,
) -> Arguments:
    """Actors, targets and location of the trigger ``toks[ti..tj]`` among ``mentions``.

    Args:
        roles_kind: the trigger entry's role pattern (visit, host, pair, multi, agent).
        mode: the entry's mode (only ``visit`` changes the rules).
        toks: the tokens of the trigger's sentence.
        ti: index of the trigger's first token; tj: of its last.
        mentions: the entity mentions of the sentence, in text order.
        stops: indices of the sentence's triggers of other types: a mention before one of them
            is that trigger's subject, not this one's (``أدان X التفجير``).
        subjectless: the trigger takes no subject after it (a participle, "داعيا طهران إلى":
            the mention after it is acted on, the actor is named before).
        following: index of the next trigger that frames this one ("على هامش اجتماع"), None
            when there is none: a multi-party trigger's participants stand before it.

    Returns:
        The chosen arguments (empty tuples when the sentence names none).

    Example:
        >>> find_arguments("agent", None, toks, 0, 0, mentions).actors  # doctest: +SKIP
        ()
    """
    roles = load_roles()
    kinds = entity_kinds()
    # A country the tagger typed as a location ("روسيا" LOC) can act like any state.
    mentions = [
        replace(m, type="GPE") if m.type == "LOC" and kinds.get(m.entity or "") == "country" else m
        for m in mentions
    ]
    marks = {id(m): _marker(m, toks, roles) for m in mentions}
    usable = [m for m in mentions if marks[id(m)] != "channel"]
    pos = {id(m): _token_index(toks, m.start) for m in usable}
    trig_start, trig_end = toks[ti].start, toks[tj].end
    places = [m for m in usable if m.type in _PLACE_TYPES]
    visit = roles_kind == "visit"
    # The destination of a visit: after "إلى"/"ل", or the place genitive right after the noun.
    dest = next(
        (
            m
            for m in places
            if m.start >= trig_end
            and (
                marks[id(m)] in {"to", "lam"}
                or (visit and marks[id(m)] is None and pos[id(m)] - tj <= 1)
            )
        ),
        None,
    )
    loc = next((m for m in places if marks[id(m)] == "in"), None)
    if loc is None and roles_kind == "multi":  # "قمة شرم الشيخ": a city after a summit is where
        loc = next(
            (
                m
                for m in places
                if m.start >= trig_end
                and pos[id(m)] - tj == 1
                and marks[id(m)] is None
                and kinds.get(m.entity or "") == "city"
            ),
            None,
        )
    if dest is not None and (visit or loc is None):
        loc = dest
    args = _dedupe(
        [
            m
            for m in usable
            if m.type in _ARG_TYPES
            and m is not loc
            and m is not dest
            and not _completes_title(m, toks, mentions, roles)
        ]
    )
    opener = _clause_start(toks, ti, roles)
    args = [m for m in args if pos[id(m)] >= opener]
    free = [m for m in args if marks[id(m)] in {None, "lam"}]
    after = [
        m
        for m in free
        if m.start >= trig_end and pos[id(m)] - tj <= (_NEAR_AGENT if m.type in _AGENTS else _NEAR)
    ]
    # A definite event noun ("أدان X حادث التفجير") is the object of a trigger before it: the
    # mentions between the two belong to that trigger.
    noun = is_definite(toks[ti])
    before = [
        m
        for m in free
        if m.end <= trig_start
        and ti - pos[id(m)] <= _SPAN
        and not any(
            pos[id(m)] < k < ti or 0 < pos[id(m)] - k <= 2 or (noun and k < pos[id(m)])
            for k in stops
            if k < ti
        )
    ]
    if visit:  # a place is a visit's destination; its actor is whoever travels
        after = [m for m in after if m.type in _AGENTS] or [
            m for m in after if marks[id(m)] is None
        ]
    if roles_kind == "multi":
        reach = min(tj + _SPAN, _multi_reach(toks, tj, following))
        near = [
            m
            for m in args
            if marks[id(m)] in {None, "lam", "with", "bi", "counterpart"}
            and pos[id(m)] - ti >= -_SPAN
            and pos[id(m)] <= reach
            and not (marks[id(m)] == "bi" and kinds.get(m.entity or "") == "city")
        ]
        chosen = _prefer_agents(near)
        # "اتفاقات أبرمتها مع مصر": a state after "مع" takes part next to the persons
        for m in [m for m in near if m.type == "GPE" and _after_with(m, toks)]:
            chosen += [
                x
                for x in _coordinated(m, mentions, toks, marks)
                if x.type == "GPE" and x in near and x not in chosen
            ]
        chosen.sort(key=lambda m: m.start)
        return Arguments(tuple(chosen), (), loc, bool(after))
    actor: EntityMention | None = None
    subject_after = False
    fronted = _fronted_subject(toks, ti, free, pos, stops) or _subject_after_that(
        toks, ti, opener, free, pos
    )
    head = None if after else _relative_head(toks, ti, args)
    if subjectless:
        after = []
    if fronted is not None:  # "وكان الرئيس X قد أشاد بـY": X acts, Y is acted on
        actor = fronted
    elif head is not None:  # "أرمينيا، التي علقت عضويتها": the relative clause's head acts
        actor = head
    elif after and before and _object_country(after[0], toks, ti, kinds, roles):
        # "أشار الوزير ... واتهم إسرائيل بـ": a masculine verb's subject is no country
        agents = [m for m in before if m.type in _AGENTS]
        actor = (agents or before)[-1]
    elif after:
        first = after[0]
        # "وزير خارجية روسيا سيرغي لافروف": a country inside a title yields to the person.
        agents = [m for m in after if m.type in _AGENTS]
        # not "اليابان والاتحاد", nor "ناشدت بريطانيا الرئيس الأميركي ترمب" (the verb's subject)
        titled = agents and pos[id(first)] > tj + 1 and not _follows(toks, first.end, agents[0])
        actor = agents[0] if first.type not in _AGENTS and titled else first
        subject_after = True
    elif before:
        near_before = [m for m in before if ti - pos[id(m)] <= _SPAN]
        agents = [m for m in near_before if m.type in _AGENTS]
        actor = (agents or near_before or before)[-1]
    elif visit and any(m.type in _AGENTS for m in free if m.start >= trig_end):
        # "في زيارة إلى موسكو، أعلن الرئيس X": a visit noun with no genitive, its subject later
        actor = next(m for m in free if m.start >= trig_end and m.type in _AGENTS)
    if actor is None and has_verb_reading(toks[ti], roles.zero_subject_verbs):
        # "ونفى كير أن ...، واتهم خصومه": the verb continues the sentence's subject
        actor = next(
            (
                m
                for m in usable
                if m.end <= trig_start and m.type in _ARG_TYPES and marks[id(m)] is None
            ),
            None,
        )
    actors = _coordinated(actor, mentions, toks, marks) if actor else ()
    targets: tuple[EntityMention, ...] = ()
    if visit:  # a visit's target is where the traveller goes ("زار الوزير موسكو"), or nothing
        goes_to = dest or next(
            (
                m
                for m in places
                if m.start >= trig_end
                and marks[id(m)] is None
                and pos[id(m)] - tj <= _NEAR_AGENT
                and all(m.entity != a.entity for a in actors)
                and not has_reading(toks[pos[id(m)]], roles.own_country)  # "بلاده"
            ),
            None,
        )
        targets = (goes_to,) if goes_to is not None else ()
    else:
        nxt = min((k for k in stops if k > tj), default=len(toks))  # the next event's words

        def acted_on(m: EntityMention) -> bool:  # after the trigger, before the next event
            return (
                m.start >= trig_end
                and pos[id(m)] < nxt
                and all(m.entity != a.entity for a in actors)
            )

        rest = [m for m in args if acted_on(m)]
        counter = [m for m in rest if marks[id(m)] == "counterpart"]
        # "أطلقت كييف صواريخ قدمتها الولايات المتحدة على روسيا": the act is against Russia
        against = [
            m
            for m in usable  # not deduplicated: "روسيا" may be named before the trigger too
            if roles_kind == "agent"
            and m.type in _ARG_TYPES
            and acted_on(m)
            and _against(m, toks, roles)
        ]
        if counter or against or rest:
            targets = ((counter or against or rest)[0],)
    if roles_kind == "agent":
        nisbas = _nisba_run(mentions, toks, ti, tj, kinds)
        if nisbas and not actors:  # "الضربات الجوية الأميركية والبريطانية"
            actors = nisbas
            targets = tuple(m for m in targets if m.entity not in {a.entity for a in nisbas})
        # "قصفت طائرات حربية إسرائيلية مواقع لحركة حماس": the adjective closes the verb's subject
        subject = () if noun else _indefinite_subject_nisbas(mentions, toks, tj, kinds)
        if subject and (not actors or (subject_after and subject[0].start < actors[0].start)):
            targets = tuple(m for m in (*actors, *targets) if m not in subject)[:1]
            actors = subject
        if support := _support_subject(usable, mentions, toks, ti, kinds):
            # "شن سلاح الجو الإسرائيلي سلسلة غارات على مواقع لحركة حماس"
            targets = targets or tuple(m for m in actors if m not in support)[:1]
            actors = support
        if agent := _passive_agent(usable, mentions, toks, tj, kinds):
            # "تعرضت محافظة إدلب لقصف جوي من قبل مقاتلات روسية": the agent is named
            targets = targets or tuple(m for m in actors if m not in agent)[:1]
            actors = agent
        if not actors:  # "غارات جوية نفذها الجيش السوري"
            actors = _resumptive_subject(usable, mentions, toks, tj, kinds, roles)
            targets = tuple(m for m in targets if m.entity not in {a.entity for a in actors})
    return Arguments(actors, targets, loc, subject_after)


_QUOTE_OPENERS = frozenset({":"})  # "غداة لقاء مع لافروف: «بحثنا ...»" (not «: it quotes names)


def _multi_reach(toks: Sequence[Token], tj: int, following: int | None) -> int:
    """The last token index a multi-party trigger's participants after it may stand at: before
    the next trigger ("محادثات مع بومبيو على هامش اجتماع رابطة ...") and before a quotation
    ("غداة لقاء مع لافروف: «بحثنا ... الأمم المتحدة»")."""
    end = len(toks) - 1 if following is None else following - 1
    for k in range(tj + 1, end + 1):
        if toks[k].text in _QUOTE_OPENERS:
            return k - 1
    return end


def _indefinite_subject_nisbas(
    mentions: Sequence[EntityMention], toks: Sequence[Token], tj: int, kinds: dict[str, str]
) -> tuple[EntityMention, ...]:
    """Country adjectives closing an indefinite subject right after a verb
    (``قصفت طائرات حربية إسرائيلية``): the run starts 1-3 tokens after it, with only words
    without the article between."""
    for m in mentions:
        if not is_country_adjective(m, kinds):
            continue
        k = _token_index(toks, m.start)
        if not 1 <= k - tj <= 3:
            continue
        between = toks[tj + 1 : k]
        if all(t.is_word and not match_key(t.text).startswith("ال") for t in between):
            return _run(mentions, toks, k - 1, kinds)
    return ()


def _support_subject(
    usable: Sequence[EntityMention],
    mentions: Sequence[EntityMention],
    toks: Sequence[Token],
    ti: int,
    kinds: dict[str, str],
) -> tuple[EntityMention, ...]:
    """The subject of a support verb before an indefinite event noun (``شن سلاح الجو
    الإسرائيلي غارات``): a participant between the two, else a country adjective there."""
    if is_definite(toks[ti]):
        return ()
    roles = load_roles()
    verbs = roles.support_verbs | roles.announce_verbs
    for k in _words_back(toks, ti - 1, 6):
        if not has_verb_reading(toks[k], verbs):
            continue
        if found := _first_participant(usable, toks, k, ti - 1):
            return found
        for m in mentions:
            p = _token_index(toks, m.start)
            if k < p < ti and is_country_adjective(m, kinds):
                return _run(mentions, toks, p - 1, kinds)
        return ()
    return ()


def _words_back(toks: Sequence[Token], start: int, n: int) -> Iterator[int]:
    """Indices of the ``n`` words from ``toks[start]`` backwards, punctuation skipped."""
    return islice((k for k in range(start, -1, -1) if toks[k].is_word), n)


def _first_participant(
    usable: Sequence[EntityMention], toks: Sequence[Token], lo: int, hi: int
) -> tuple[EntityMention, ...]:
    """The first person, organization or state whose first token lies in ``(lo, hi]``."""
    return next(
        ((m,) for m in usable if m.type in _ARG_TYPES and lo < _token_index(toks, m.start) <= hi),
        (),
    )


def _passive_agent(
    usable: Sequence[EntityMention],
    mentions: Sequence[EntityMention],
    toks: Sequence[Token],
    tj: int,
    kinds: dict[str, str],
) -> tuple[EntityMention, ...]:
    """The agent after ``من قبل`` right after the trigger (``لقصف جوي من قبل مقاتلات
    روسية``): a participant within three tokens, else the country adjectives of the noun."""
    for k in range(tj + 1, min(tj + 6, len(toks) - 1)):
        if match_key(toks[k].text) != "من" or match_key(toks[k + 1].text) != "قبل":
            continue
        return _first_participant(usable, toks, k + 1, k + 4) or _run(mentions, toks, k + 2, kinds)
    return ()


def _resumptive_subject(
    usable: Sequence[EntityMention],
    mentions: Sequence[EntityMention],
    toks: Sequence[Token],
    tj: int,
    kinds: dict[str, str],
    roles: RoleLexicon,
) -> tuple[EntityMention, ...]:
    """The subject of a verb whose object pronoun points back at the event noun
    (``غارات نفذها الجيش السوري``، ``تفجيرين تبناهما داعش``): a participant within three
    tokens, else the country adjectives of the noun after the verb."""
    for k in range(tj + 1, min(tj + 4, len(toks))):
        if not has_reading(toks[k], roles.resumptive_verbs):
            continue
        return _first_participant(usable, toks, k, k + 3) or _run(mentions, toks, k + 1, kinds)
    return ()


def _object_country(
    m: EntityMention, toks: Sequence[Token], ti: int, kinds: dict[str, str], roles: RoleLexicon
) -> bool:
    """Whether ``m``, right after the masculine verb ``toks[ti]``, is a country, which would
    take a feminine verb: the verb's object, not its subject."""
    k = _token_index(toks, m.start)
    return (
        has_verb_reading(toks[ti], roles.masculine_verbs)
        and kinds.get(m.entity or "") == "country"
        and not has_reading(toks[k], roles.masculine_countries)
    )


def _completes_title(
    m: EntityMention, toks: Sequence[Token], mentions: Sequence[EntityMention], roles: RoleLexicon
) -> bool:
    """A place completing the title of a person named next to it: "إليزابيث ملكة بريطانيا",
    "رئيس وزراء بريطانيا تيريزا ماي" (the place describes the person; it takes no part)."""
    if m.type != "GPE":
        return False
    k = _token_index(toks, m.start)
    if k == 0 or toks[k].start < m.start or not has_reading(toks[k - 1], roles.title_heads):
        return False
    head = k - 1
    while head > 0 and has_reading(toks[head - 1], roles.title_heads):  # "رئيس وزراء"
        head -= 1
    last = _token_index(toks, m.end - 1)
    for p in mentions:
        if p.type != "PERSON":
            continue
        before = head - _token_index(toks, p.end - 1)
        after = _token_index(toks, p.start) - last
        if 0 < before <= 2 or 0 < after <= 2:
            return True
    return False


def _relative_head(
    toks: Sequence[Token], ti: int, args: Sequence[EntityMention]
) -> EntityMention | None:
    """The mention a relative pronoun right before the trigger refers to (``أرمينيا، التي علقت
    عضويتها``; the pronouns are the cue lexicon's), when it ends at most a comma before the
    pronoun; else None."""
    if ti < 1 or not has_reading(toks[ti - 1], load_cues().relatives):
        return None
    for m in reversed(args):
        end = _token_index(toks, m.end - 1)
        if end < ti - 1:
            gap = toks[end + 1 : ti - 1]
            return m if len(gap) <= 1 and all(not t.is_word for t in gap) else None
    return None


_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"})
_QAD = frozenset({"قد"})
_KANA_REACH = 10  # words from "كان" to "قد": a subject with its title


def _fronted_subject(
    toks: Sequence[Token],
    ti: int,
    free: Sequence[EntityMention],
    pos: dict[int, int],
    stops: Sequence[int] = (),
) -> EntityMention | None:
    """The subject of ``كان X قد <verb>`` (the pluperfect puts it before ``قد``, which may be
    left out: ``وكانت مسؤولة كورية انتقدت``), else None."""
    if ti < 2:
        return None
    qad = has_reading(toks[ti - 1], _QAD)
    if not qad and is_definite(toks[ti]):
        return None  # a noun: "كان X ... الاجتماع"
    end = ti - 1 if qad else ti
    kana = next(
        (k for k in _words_back(toks, end - 1, _KANA_REACH) if has_reading(toks[k], _KANA)), None
    )
    if kana is None or (not qad and any(kana < k < ti for k in stops)):
        return None  # "وكان نتنياهو حث ... على رفض": the first verb after X is كان's
    between = _prefer_agents([m for m in free if kana < pos[id(m)] < end])
    return between[0] if between else None


def _subject_after_that(
    toks: Sequence[Token],
    ti: int,
    opener: int,
    free: Sequence[EntityMention],
    pos: dict[int, int],
) -> EntityMention | None:
    """The subject of ``أن X <verb>`` (after a complementizer or لكن the subject comes first:
    "أعلن أن بومبيو سيتوجه للسعودية", "لكن موسكو انتقدت"), a person, organization or state,
    with up to three title words before the name ("أن الرئيس X سيزور"); ``opener`` is the
    clause's first token (:func:`_clause_start`)."""
    if opener == 0:
        return None
    for m in free:
        k0 = pos[id(m)]
        if (
            m.type in _ARG_TYPES
            and _token_index(toks, m.end - 1) == ti - 1
            and 0 <= k0 - opener <= 3
            and all(match_key(toks[k].text).startswith("ال") for k in range(opener, k0))
        ):
            return m
    return None


def _follows(toks: Sequence[Token], prev_end: int, m: EntityMention) -> bool:
    """Whether ``m`` is joined to the text ending at ``prev_end`` by a bare ``و`` only."""
    gap = [t for t in toks if prev_end <= t.start < m.start]
    k = _token_index(toks, m.start)
    clitic = k < len(toks) and toks[k].start < m.start and toks[k].text.startswith("و")
    clitic = clitic and m.start - toks[k].start == 1
    if clitic:
        return not any(t.is_word for t in gap if t.start < toks[k].start)
    return len(gap) == 1 and gap[0].text == "و"


def _coordinated(
    first: EntityMention,
    mentions: Sequence[EntityMention],
    toks: Sequence[Token],
    marks: dict[int, str | None],
) -> tuple[EntityMention, ...]:
    """The actor and the mentions of its type coordinated with it (``الولايات المتحدة
    وبريطانيا وفرنسا``), before it too when it closes the run (``إعلان السعودية والإمارات
    والبحرين قطع علاقاتها``)."""

    def joins(m: EntityMention) -> bool:
        collective = {m.type, first.type} == {"GPE", "ORG"}  # "اليابان والاتحاد الأوروبي"
        return (m.type == first.type or collective) and m.entity != first.entity

    head: list[EntityMention] = []  # the run before the actor: unmarked, joined by "و"
    for m in reversed([m for m in mentions if m.end <= first.start]):
        nxt = head[0] if head else first
        if not joins(m) or marks.get(id(m)) is not None or not _follows(toks, m.end, nxt):
            break
        head.insert(0, m)
    out = [first]
    for m in mentions:
        if m.start < out[-1].end or m.start - out[-1].end > 4:
            continue
        if not joins(m) or marks.get(id(m)) == "channel":
            continue
        if not _follows(toks, out[-1].end, m):
            break
        out.append(m)
    return (*head, *out)


def _nisba_run(
    mentions: Sequence[EntityMention],
    toks: Sequence[Token],
    ti: int,
    tj: int,
    kinds: dict[str, str],
) -> tuple[EntityMention, ...]:
    """Country adjectives of the event noun (``الضربات الجوية الأميركية والفرنسية``) or of its
    subject right before it (``نفذت القوات الأميركية والبريطانية ضربات``) or before its verb
    (``المقاتلات الروسية شنت غارات``), coordinated."""
    after = _run(mentions, toks, tj, kinds)
    if after:
        return after
    verb = ti > 0 and has_verb_reading(toks[ti - 1], load_roles().support_verbs)
    for k0 in range(max(0, ti - 7), ti):
        run = _run(mentions, toks, k0, kinds)
        last = _token_index(toks, run[-1].end - 1) if run else -1
        # "الجيش الكوري الجنوبي «سيرد»": punctuation between keeps them adjacent
        quoted = run and last < ti - 1 and not any(t.is_word for t in toks[last + 1 : ti])
        if last == ti - 1 or quoted or (last == ti - 2 and verb):
            return run
    return ()


def _run(
    mentions: Sequence[EntityMention], toks: Sequence[Token], tj: int, kinds: dict[str, str]
) -> tuple[EntityMention, ...]:
    out: list[EntityMention] = []
    for m in mentions:
        if not is_country_adjective(m, kinds):
            continue
        if not out:
            k = _token_index(toks, m.start)
            if 1 <= k - tj <= 2 and all(toks[x].is_word for x in range(tj + 1, k + 1)):
                out.append(m)
            continue
        if not _follows(toks, out[-1].end, m):
            break
        out.append(m)
    return tuple(out)


def is_definite(tok: Token) -> bool:
    """Whether a word carries the article, after و/ف and with ب/ل ("الزيارة", "بالعقوبات").

    Example:
        >>> is_definite(Token(0, 10, "وبالعقوبات", 0, "وبالعقوبات"))
        True
    """
    return match_key(tok.text).lstrip("وف").startswith(("ال", "بال", "لل"))


def is_country_adjective(m: EntityMention, kinds: dict[str, str]) -> bool:
    """Whether a mention is a country's adjective ("الروسية" as MISC linked to Russia)."""
    return m.type == "MISC" and kinds.get(m.entity or "") == "country"


def is_demonstrative(toks: Sequence[Token], ti: int) -> bool:
    """Whether a demonstrative stands before the trigger (``هذه الزيارة``): it points back
    whatever follows it (``تعد هذه الزيارة الأولى لوزير ...``).

    Example:
        >>> is_demonstrative([], 0)
        False
    """
    return 0 < ti < len(toks) and has_reading(toks[ti - 1], load_roles().anaphors)


def is_anaphoric(toks: Sequence[Token], ti: int) -> bool:
    """Whether the trigger is a definite noun pointing back (``الزيارة``، ``هذه الزيارة``).

    Example:
        >>> is_anaphoric([], 0)
        False
    """
    if ti >= len(toks):
        return False
    roles = load_roles()
    if ti > 0 and has_reading(toks[ti - 1], roles.anaphors):
        return True
    return is_definite(toks[ti])
