"""Quotes: direct speech in quotation marks and indirect speech introduced by cue verbs.

Works over the ``sentences``, ``tokens`` and ``entities`` layers. A cue verb (``قال``، ``وأكدت``،
``مؤكدا``; the lists are ``resources/events/cues.json``) opens a quote. Its speaker is the
subject slot after the cue (:mod:`marsad.extract.quotes_speaker`: ``المتحدث باسم الكرملين دميتري
بيسكوف`` is Peskov, ``لوكالة تاس`` is a channel, ``لترمب`` an addressee); a participle
(``مؤكدا``), a cue with an empty slot (``وأضاف``) or with its object right after it (``وتوقع
توقيع وثائق``) has a zero subject and continues the previous speaker or the subject of its
sentence. The content follows a complementizer (``قال X إن ...``), a colon, a content
preposition (``دعا X إلى ...``، ``أعلنت X عن ...``) or, for verbs that take a verbal-noun object,
the subject (``أكد توكاييف دعم بلاده ...``). Attribution phrases work both ways:
``وبحسب X، فإن ...`` and ``... ، بحسب ما أعلنه X``; so does a finite verb after its content
(``... ، قال X``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence

from marsad.extract.quotes_lexicon import (
    CueLexicon,
    has_reading,
    has_verb_reading,
    is_definite,
    key_variants,
    load_cues,
    token_readings,
)
from marsad.extract.quotes_speaker import (
    antecedent,
    name_quote_tokens,
    role_or_name,
    speaker_of,
    subject_slot,
)
from marsad.model import Document, EntityMention, Quote, Sentence, Token

__all__ = ["CueLexicon", "extract_quotes", "key_variants", "load_cues", "token_readings"]

logger = logging.getLogger(__name__)

_CLOSERS = frozenset(".!؟?")
_MIN_OBJECT_WORDS = 3
_MIN_PRECEDING_WORDS = 4
_PHRASE_REACH = 15


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


def _fronted_subject(toks: Sequence[Token], qad: int, lex: CueLexicon) -> list[Token]:
    """The subject of ``وكان X قد قال``: the words between the auxiliary and ``قد``."""
    for j in range(qad - 1, max(-1, qad - 12), -1):
        if has_reading(toks[j], lex.aux):
            return [t for t in toks[j + 1 : qad] if t.is_word or t.text in lex.slot_skip]
    return []


def _after(toks: Sequence[Token], k: int, slot: Sequence[Token]) -> int:
    """Index of the first token after the cue at ``k`` and its slot."""
    if not slot:
        return k + 1
    end = slot[-1].end
    return next((j for j in range(k + 1, len(toks)) if toks[j].start >= end), len(toks))


def _complementizer(
    toks: Sequence[Token], k: int, limit: int, lex: CueLexicon, named: frozenset[int]
) -> int | None:
    for j in range(k + 1, len(toks)):
        t = toks[j]
        if t.start >= limit or j - k > 25:
            return None
        if j in named:
            continue
        if (t.is_word and has_reading(t, lex.complementizers)) or t.text == ":":
            return j
        if not t.is_word and any(t.text == a for a, _ in lex.marks):
            return j  # ``وقال كيري في مؤتمر صحافي "..."``: the quotation is the content
    return None


def _object_start(
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


def _past_comma(toks: Sequence[Token], j: int, limit: int) -> int:
    """The index after the first comma from ``j`` within a short phrase (``j`` when there is
    none): ``أكدت الوزارة في بيان بثته الوكالة اليوم، وقوف ...``."""
    for n in range(j, min(len(toks), j + _PHRASE_REACH)):
        if toks[n].start >= limit:
            break
        if toks[n].text in ("،", ","):
            nxt = next(
                (m for m in range(n + 1, min(len(toks), n + 4)) if toks[m].text in ("،", ",")),
                None,
            )
            return (nxt if nxt is not None else n) + 1  # ``، الخميس، ``: a circumstance
    return j


def _content_prep(toks: Sequence[Token], j: int, limit: int, lex: CueLexicon) -> int | None:
    """A preposition opening the content (``دعا X إلى``، ``أكدت أستانا على``) right after ``j``."""
    for m in range(j, min(j + 3, len(toks))):
        if toks[m].start >= limit:
            return None
        if toks[m].is_word and has_reading(toks[m], lex.content_preps):
            return m
    return None


def _first_word(toks: Sequence[Token], k: int) -> bool:
    return not any(t.is_word for t in toks[:k])


def _bare_name(
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


def _plain_word(lex: CueLexicon) -> Callable[[Token], bool]:
    def plain(t: Token) -> bool:
        return t.is_word and not (
            has_reading(t, lex.complementizers) or has_reading(t, lex.slot_stops)
        )

    return plain


def _passive(tok: Token) -> bool:
    """``أُعلن``، ``يُذكر``: a damma on the first radical marks the passive voice."""
    stem = tok.stem
    return len(stem) > 1 and stem[1] == "\u064f"


def _skip_cue(toks: Sequence[Token], k: int, lex: CueLexicon, slot: Sequence[Token]) -> bool:
    """Cues that report nothing: ``أن توقع`` (to sign), ``لم يقل``, ``مما يشير``, the passive
    ``أُعلن``, impersonal ``ويذكر أن``."""
    if _passive(toks[k]):
        return True
    prev = next((toks[j] for j in range(k - 1, -1, -1) if toks[j].is_word), None)
    if prev is not None and toks[k].start - prev.end <= 1 and has_reading(prev, lex.blocked_after):
        return True
    return not slot and has_verb_reading(toks[k], lex.impersonal)


class _Sentence:
    """Quote finding over one sentence (the state shared by its cues)."""

    def __init__(self, doc: Document, sent: Sentence, toks: list[Token], lex: CueLexicon) -> None:
        self.text = doc.text
        self.sent = sent
        self.toks = toks
        self.lex = lex
        self.mentions: list[EntityMention] = [
            m for m in doc.entities if sent.start <= m.start < sent.end
        ]
        self.named = name_quote_tokens(doc.text, toks, lex)
        earlier = [m for m in doc.entities if m.end <= sent.start and m.type == "PERSON"]
        self.earlier_person = earlier[-1] if earlier else None

    def _speaker(
        self, slot: Sequence[Token], k: int, prev: Quote | None, limit: int
    ) -> tuple[str | None, tuple[int, int] | None]:
        sp = role_or_name(self.toks, slot, limit, self.lex, self.mentions)
        if sp is None and slot:
            return None, (slot[0].start, slot[-1].end)  # a bare name the tagger missed
        if sp is not None and not sp.anaphoric:
            return sp.entity, sp.span
        rel = self._relative_head(k)
        if sp is None and rel is not None:
            return rel.entity, (rel.start, rel.end)
        ent, span = antecedent(self.toks, k, self.mentions, self.sent.start, prev, self.lex)
        if ent is None and span is None and self.earlier_person is not None:
            m = self.earlier_person  # no quote yet: the last person named before
            ent, span = m.entity, (m.start, m.end)
        if sp is not None:
            return ent, sp.span
        return ent, span

    def cue_subject(self) -> EntityMention | None:
        """The person named in the subject slot of the sentence's last cue verb, if any (the
        antecedent of a later zero subject: ``وصف الوزير محمد المومني ... . وقال ...``)."""
        found: EntityMention | None = None
        for k, t in enumerate(self.toks):
            if not (t.is_word and has_verb_reading(t, self.lex.verbs)):
                continue
            slot = subject_slot(self.toks, k, len(self.toks), self.lex, self.mentions, self.named)
            sp = role_or_name(self.toks, slot, len(self.toks), self.lex, self.mentions)
            if sp is None or sp.anaphoric:
                continue
            person = next(
                (m for m in self.mentions if m.type == "PERSON" and (m.start, m.end) == sp.span),
                None,
            )
            found = person or found
        return found

    def _relative_head(self, k: int) -> EntityMention | None:
        """``فلاديمير بوتين، الذي اعتبر``: the mention the relative pronoun before the cue
        refers to."""
        if k < 1 or not has_reading(self.toks[k - 1], self.lex.relatives):
            return None
        rel = self.toks[k - 1]
        near = [
            m
            for m in self.mentions
            if m.end <= rel.start and rel.start - m.end <= 3 and m.type in ("PERSON", "ORG")
        ]
        return near[-1] if near else None

    def _postposed(self, k: int, out: list[Quote]) -> tuple[int, int, list[Token]] | None:
        """``... ، قال X`` / ``... بحسب ما أعلنه X``: content before the cue, speaker after."""
        toks, lex = self.toks, self.lex
        c_start = out[-1].end if out else self.sent.start
        c_start, c_end = _trim(self.text, c_start, toks[k].start)
        if len(self.text[c_start:c_end].split()) < _MIN_PRECEDING_WORDS:
            return None
        slot = subject_slot(toks, k, len(toks), lex, self.mentions, self.named)
        return c_start, c_end, slot

    def _preposed(self, k: int, limit: int) -> tuple[int, int, list[Token]] | None:
        """``وبحسب X، فإن ...``: the attribution opens the sentence, the content follows."""
        toks, lex = self.toks, self.lex
        slot = subject_slot(toks, k, len(toks), lex, self.mentions, self.named)
        j = _after(toks, k, slot)
        while j < len(toks) and not toks[j].is_word:
            j += 1
        if j < len(toks) and has_reading(toks[j], lex.complementizers):
            j += 1
        if j >= len(toks) or toks[j].start >= limit:
            return None
        c_start, c_end = _trim(self.text, toks[j].start, limit)
        if len(self.text[c_start:c_end].split()) < _MIN_PRECEDING_WORDS:
            return None
        return c_start, c_end, slot

    def _forward(self, k: int, limit: int) -> tuple[int, int, list[Token], int | None] | None:
        """``قال X إن ...`` and its variants: (content start, end, slot, complementizer)."""
        toks, lex = self.toks, self.lex
        tok = toks[k]
        participle = has_verb_reading(tok, lex.participles)
        slot = [] if participle else subject_slot(toks, k, limit, lex, self.mentions, self.named)
        after = _after(toks, k, slot)
        relay = has_verb_reading(tok, lex.relay)
        if relay or (slot and has_reading(slot[0], lex.channels)):
            frm = next(
                (
                    j
                    for j in range(after, min(after + 6, len(toks)))
                    if toks[j].start < limit and has_reading(toks[j], lex.reported_from)
                ),
                len(toks),
            )
            if frm < len(toks) and not any(
                has_reading(t, lex.complementizers) for t in toks[after:frm]
            ):
                slot = subject_slot(toks, frm, limit, lex, self.mentions, self.named)
                if not slot:  # عن + a source the lexicon does not know: its words
                    slot = list(itertools.takewhile(_plain_word(lex), toks[frm + 1 : frm + 5]))
                after = _after(toks, frm, slot)
            elif relay:
                return None  # نقل without عن moves things, it reports nothing
        if slot and has_reading(slot[0], lex.generic):
            return None  # ``ويعتبر الكثير من ...``: an unnamed group, no speaker
        if (
            slot
            and has_verb_reading(tok, lex.object_first)
            and speaker_of(slot, self.mentions, lex) is None
        ):
            after, slot = k + 1, []  # the slot was the verb's object: zero subject
        if _skip_cue(toks, k, lex, slot):
            return None
        if not slot and not participle:
            slot = _bare_name(toks, k, limit, lex, self.named)
            after = _after(toks, k, slot)
        if not slot and k >= 2 and has_reading(toks[k - 1], lex.particle):
            slot = _fronted_subject(toks, k - 1, lex)
        if after < len(toks) and has_reading(toks[after], lex.attribution):
            after = _past_comma(toks, after, limit)
        start: int | None = None
        comp: int | None = None
        takes_object = has_verb_reading(tok, lex.object_cues)
        obj = _object_start(toks, after, limit, lex, self.named)
        if obj is not None and takes_object:
            start = toks[obj].start
        else:
            comp = _complementizer(toks, k, limit, lex, self.named)
            if comp is None:
                comp = _content_prep(toks, after, limit, lex)
            if comp is not None:
                opener = not toks[comp].is_word and toks[comp].text != ":"
                start = toks[comp].start if opener else toks[comp].end
            elif takes_object and slot:
                obj = _object_start(toks, _past_comma(toks, after, limit), limit, lex, self.named)
                start = toks[obj].start if obj is not None else None
        if start is None:
            return None
        c_start, c_end = _trim(self.text, start, limit)
        if comp is None and len(self.text[c_start:c_end].split()) < _MIN_OBJECT_WORDS:
            return None
        return c_start, c_end, slot, comp

    def _subordinate(self, before: Sequence[int], k: int) -> bool:
        """An attribution or ``قوله`` inside the clause of an earlier cue whose content has not
        opened yet (``وأكدت الوزارة وفقا لوكالة الأنباء، ...``، ``نقلت عن X قوله إن``)."""
        toks, lex = self.toks, self.lex
        if not before or not has_reading(toks[k], lex.subordinate):
            return False
        return not any(
            (t.is_word and has_reading(t, lex.complementizers))
            or t.text == ":"
            or any(t.text == a for a, _ in lex.marks)
            for t in toks[before[-1] + 1 : k]
        )

    def quotes(self, prev: Quote | None) -> list[Quote]:
        toks, lex, text = self.toks, self.lex, self.text
        cues = [
            k
            for k, t in enumerate(toks)
            if t.is_word
            and k not in self.named
            and (has_verb_reading(t, lex.verbs) or has_reading(t, lex.attribution))
        ]
        cues = [k for ci, k in enumerate(cues) if not self._subordinate(cues[:ci], k)]
        out: list[Quote] = []
        for ci, k in enumerate(cues):
            tok = toks[k]
            limit = toks[cues[ci + 1]].start if ci + 1 < len(cues) else self.sent.end
            comp: int | None = None
            if has_reading(tok, lex.attribution):
                found = self._preposed(k, limit) if _first_word(toks, k) else None
                if found is None and k > 0:
                    found = self._postposed(k, out)
                if found is None:
                    continue
                c_start, c_end, slot = found
            else:
                fwd = self._forward(k, limit)
                if fwd is not None:
                    c_start, c_end, slot, comp = fwd
                elif k and not toks[k - 1].is_word and not has_verb_reading(tok, lex.participles):
                    post = self._postposed(k, out)
                    if post is None:
                        continue
                    c_start, c_end, slot = post
                else:
                    continue
            if c_end - c_start < 2:
                continue
            speaker, span = self._speaker(slot, k, prev, limit)
            direct = comp is not None and toks[comp].text == ":"
            inner = text[c_start:c_end]
            for a, b in lex.marks:
                if inner.startswith(a) and inner.rstrip("،,.").endswith(b) and inner.count(a) <= 2:
                    c_start, c_end = c_start + 1, c_start + len(inner.rstrip("،,.")) - 1
                    direct = True
                    break
            q = Quote(c_start, c_end, text[c_start:c_end], speaker, span, tok.text, direct)
            out.append(q)
            prev = q
        return out


def _opens_sentence(text: str, sents: Sequence[Sentence], start: int) -> bool:
    """Whether only marks, spaces or a colon precede the quote at ``start`` in its sentence."""
    sent = next((s for s in sents if s.start <= start < s.end), None)
    head = text[sent.start : start] if sent is not None else ""
    return head.rstrip().endswith(":") or not any(ch.isalnum() for ch in head)


def extract_quotes(doc: Document) -> tuple[Quote, ...]:
    """The quotes of a document, in text order.

    Args:
        doc: a document with ``sentences`` and ``tokens`` (and, for speakers, ``entities``).

    Returns:
        Indirect quotes (one per cue) and the direct quotes in quotation marks that no indirect
        quote covers and that open their sentence, each attributed to the speaker of its cue
        (a cue-less direct quote continues the speaker of the quote before it).

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
    last_subject: EntityMention | None = None
    for i, sent in enumerate(sents):
        state = _Sentence(doc, sent, by_sentence.get(i, []), lex)
        if last_subject is not None:
            state.earlier_person = last_subject
        found = state.quotes(prev)
        last_subject = state.cue_subject() or last_subject
        quotes.extend(found)
        if found:
            prev = found[-1]
    covered = [(q.start, q.end) for q in quotes]
    direct: list[Quote] = []
    for s, e in _direct_spans(doc.text, lex):
        if any(a - 1 <= s and e <= b + 1 for a, b in covered):
            continue
        if not _opens_sentence(doc.text, sents, s - 1):
            continue
        before = [q for q in quotes + direct if q.end <= s]
        src = max(before, key=lambda q: q.end) if before else None
        direct.append(
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
    quotes.extend(direct)
    quotes.sort(key=lambda q: (q.start, q.end))
    return tuple(quotes)
