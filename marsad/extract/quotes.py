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
from collections.abc import Sequence

from marsad.extract.by_sentence import in_sentences, last_ending_before
from marsad.extract.dateline import dateline_end
from marsad.extract.quotes_content import (
    MIN_OBJECT_WORDS,
    MIN_PRECEDING_WORDS,
    after_slot,
    bare_name,
    blocked_cue,
    complementizer,
    content_prep,
    direct_spans,
    first_word,
    fronted_subject,
    object_start,
    past_comma,
    plain_word,
    trim,
)
from marsad.extract.quotes_lexicon import (
    CueLexicon,
    has_reading,
    has_verb_reading,
    key_variants,
    load_cues,
    token_readings,
)
from marsad.extract.quotes_speaker import (
    antecedent,
    name_quote_tokens,
    preverbal_subject,
    role_or_name,
    speaker_of,
    subject_slot,
    written_author,
)
from marsad.model import Document, EntityMention, Quote, Sentence, TimeExpression, Token
from marsad.text.normalize import match_key

__all__ = ["CueLexicon", "extract_quotes", "key_variants", "load_cues", "token_readings"]

logger = logging.getLogger(__name__)


_RELAY_REACH = 8  # tokens from "نقل" to its "عن": the outlet's name and a title or two
_FROM_PRONOUN = frozenset(match_key(w) for w in ("عنه", "عنها", "عنهم", "عنهما"))


class _Sentence:
    """Quote finding over one sentence (the state shared by its cues)."""

    def __init__(
        self,
        doc: Document,
        sent: Sentence,
        toks: list[Token],
        lex: CueLexicon,
        skip: int,
        mentions: list[EntityMention],
        times: Sequence[TimeExpression],
        earlier_person: EntityMention | None,
    ) -> None:
        """``mentions`` and ``times`` start in ``sent``; ``earlier_person`` is the last person
        named before it."""
        self.text = doc.text
        self.skip = skip  # the end of the article's dateline: never a quote's content
        self.sent = sent
        self.toks = toks
        self.lex = lex
        self.mentions = mentions
        self.named = name_quote_tokens(doc.text, toks, lex)
        spans = [(t.start, t.end) for t in times]
        self.timed = frozenset(
            k for k, t in enumerate(toks) if any(a <= t.start < b for a, b in spans)
        )
        self.earlier_person = earlier_person

    def _stop(self, limit: int) -> int:
        """The index of the first token at or after the character offset ``limit``."""
        return next((j for j, t in enumerate(self.toks) if t.start >= limit), len(self.toks))

    def _speaker(
        self, slot: Sequence[Token], k: int, prev: Quote | None, limit: int
    ) -> tuple[str | None, tuple[int, int] | None]:
        sp = role_or_name(self.toks, slot, self._stop(limit), self.lex, self.mentions)
        if sp is None and slot:
            return None, (slot[0].start, slot[-1].end)  # a bare name the tagger missed
        if sp is not None and not sp.anaphoric:
            return sp.entity, sp.span
        rel = self._relative_head(k)
        if sp is None and rel is not None:
            return rel.entity, (rel.start, rel.end)
        # the dateline's place ("دبي، الإمارات العربية المتحدة (CNN)--") is nobody's subject
        named = [m for m in self.mentions if m.start >= self.skip]
        ent, span = antecedent(
            self.toks, k, named, self.sent.start, prev, self.lex, self.earlier_person
        )
        if sp is not None:
            return ent, sp.span
        return ent, span

    def cue_subject(self) -> EntityMention | None:
        """The person named in the subject slot of the sentence's last cue verb, if any (the
        antecedent of a later zero subject: ``وصف الوزير محمد المومني ... . وقال ...``)."""
        found: EntityMention | None = None
        for k, t in enumerate(self.toks):
            if not (t.is_word and has_verb_reading(t, self.lex.verbs)) or self._moves(k):
                continue
            slot = subject_slot(
                self.toks, k, len(self.toks), self.lex, self.mentions, self.named, self.timed
            )
            sp = role_or_name(self.toks, slot, len(self.toks), self.lex, self.mentions)
            if sp is None or sp.anaphoric:
                continue
            person = next(
                (m for m in self.mentions if m.type == "PERSON" and (m.start, m.end) == sp.span),
                None,
            )
            found = person or found
        return found

    def _moves(self, k: int) -> bool:
        """A relay verb with no ``عن`` after it moves things and reports nothing (``ولي العهد
        نقل تحيات الملك``): no cue, and no end to the content of the cue before it."""
        toks, lex = self.toks, self.lex
        if not has_verb_reading(toks[k], lex.relay):
            return False
        return not any(_reported_from(t, lex) for t in toks[k + 1 : k + 1 + _RELAY_REACH])

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
        c_start = max(out[-1].end if out else self.sent.start, self.skip)
        c_start, c_end = trim(self.text, c_start, toks[k].start)
        if len(self.text[c_start:c_end].split()) < MIN_PRECEDING_WORDS:
            return None
        if self._subject_with_relative(c_start, k):
            return None
        slot = subject_slot(toks, k, len(toks), lex, self.mentions, self.named, self.timed)
        if slot and has_reading(slot[0], lex.generic):
            return None  # "...، وتشير التقديرات إلى": figures or an unnamed group, no speaker
        return c_start, c_end, slot

    def _subject_with_relative(self, c_start: int, k: int) -> bool:
        """Whether the words before the cue at ``k`` are its subject and a relative clause on
        it (``لكن تسيبراس، الذي ما زال يملك شعبية ...، حذر``), not content said before it."""
        toks = self.toks
        j = next((j for j in range(k) if toks[j].start >= c_start), k)
        while j < k and toks[j].is_word and has_reading(toks[j], self.lex.subject_openers):
            j += 1
        m = next(
            (m for m in self.mentions if j < k and m.start <= toks[j].stem_start < m.end), None
        )
        if m is None or m.type not in ("PERSON", "ORG", "GPE"):
            return False
        after = next((a for a in range(j, k) if toks[a].start >= m.end), k)
        if after < k and not toks[after].is_word:
            after += 1
        return after < k and has_reading(toks[after], self.lex.relatives)

    def _written(
        self, k: int, limit: int
    ) -> tuple[int, int, list[Token], tuple[int, int] | None] | None:
        """``وجاء في المقال "..."``، ``وجاء في بيان الكرملين: ...``، ``تغريدة جاء فيها "..."``:
        a written text says the content; the words after its noun name the author. Returns the
        content, the author's tokens and the noun's span (``None`` for فيه/فيها)."""
        toks, lex = self.toks, self.lex
        j, slot = k + 1, []
        noun: tuple[int, int] | None = None
        if j < len(toks) and match_key(toks[j].text) in ("فيه", "فيها"):
            j += 1
        elif (
            j + 1 < len(toks)
            and match_key(toks[j].text) == "في"
            and has_reading(toks[j + 1], lex.written_nouns)
        ):
            noun = (toks[j + 1].start, toks[j + 1].end)
            slot = written_author(toks, j + 2, lex, self.mentions)  # "بيان الكرملين"
            j += 2 + len(slot)
        else:
            return None
        while j < len(toks) and (
            (not toks[j].is_word and toks[j].text in (":", "،", ","))
            or (toks[j].is_word and has_reading(toks[j], lex.complementizers))
        ):
            j += 1
        content = self._content_at(j, limit)
        return None if content is None else (*content, slot, noun)

    def _content_at(self, j: int, limit: int) -> tuple[int, int] | None:
        """The content from token ``j`` to ``limit``, trimmed; ``None`` when it is too short."""
        if j >= len(self.toks) or self.toks[j].start >= limit:
            return None
        c_start, c_end = trim(self.text, self.toks[j].start, limit)
        if len(self.text[c_start:c_end].split()) < MIN_PRECEDING_WORDS:
            return None
        return c_start, c_end

    def _preposed(self, k: int, limit: int) -> tuple[int, int, list[Token]] | None:
        """``وبحسب X، فإن ...``: the attribution opens the sentence, the content follows."""
        toks, lex = self.toks, self.lex
        slot = subject_slot(toks, k, len(toks), lex, self.mentions, self.named, self.timed)
        if not slot and k + 1 < len(toks) and toks[k + 1].prefix.endswith("ل"):
            # "وفقا لوكالة رويترز، فإن": the source runs to the comma; one that names no one
            # ("وفقا لآخر المعلومات الصادرة،") makes no quote
            end = next((j for j in range(k + 1, min(k + 9, len(toks))) if not toks[j].is_word), k)
            slot = list(toks[k + 1 : end])
            if not slot or speaker_of(slot, self.mentions, lex) is None:
                return None
        j = after_slot(toks, k, slot)
        while j < len(toks) and not toks[j].is_word:
            j += 1
        if j < len(toks) and has_reading(toks[j], lex.complementizers):
            j += 1
        content = self._content_at(j, limit)
        return None if content is None else (*content, slot)

    def _forward(self, k: int, limit: int) -> tuple[int, int, list[Token], int | None] | None:
        """``قال X إن ...`` and its variants: (content start, end, slot, complementizer)."""
        toks, lex = self.toks, self.lex
        tok = toks[k]
        participle = has_verb_reading(tok, lex.participles)
        slot = (
            []
            if participle
            else subject_slot(
                toks, k, self._stop(limit), lex, self.mentions, self.named, self.timed
            )
        )
        after = after_slot(toks, k, slot)
        relay = has_verb_reading(tok, lex.relay)
        from_pronoun = False  # "ونقلت وكالة فارس عنه قوله": the source is whom عنه points to
        if relay or (slot and has_reading(slot[0], lex.channels)):
            frm = next(
                (
                    j
                    for j in range(after, min(after + 6, len(toks)))
                    if toks[j].start < limit and _reported_from(toks[j], lex)
                ),
                len(toks),
            )
            if frm < len(toks) and not any(
                has_reading(t, lex.complementizers) for t in toks[after:frm]
            ):
                from_pronoun = match_key(toks[frm].text) in _FROM_PRONOUN
                slot = (
                    []
                    if from_pronoun
                    else subject_slot(
                        toks, frm, self._stop(limit), lex, self.mentions, self.named, self.timed
                    )
                )
                if not slot and not from_pronoun:  # عن + a source the lexicon does not know
                    slot = list(itertools.takewhile(plain_word(lex), toks[frm + 1 : frm + 5]))
                after = after_slot(toks, frm, slot)
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
        if not slot and has_verb_reading(tok, lex.impersonal):
            return None  # "ويذكر أن": impersonal, nobody speaks (blocked cues never get here)
        if not slot and not participle and not from_pronoun:
            slot = bare_name(toks, k, limit, lex, self.named)
            after = after_slot(toks, k, slot)
        if not slot and k >= 2 and has_reading(toks[k - 1], lex.particle) and not from_pronoun:
            slot = fronted_subject(toks, k - 1, lex)
        if not slot and not participle and not from_pronoun:
            slot = preverbal_subject(toks, k, lex, self.mentions)
        if after < len(toks) and has_reading(toks[after], lex.attribution):
            after = past_comma(toks, after, limit)
        while after < len(toks) and after in self.timed:
            after += 1  # "أكدت دمشق ومسقط أمس أهمية ...": the date is the verb's
        start: int | None = None
        comp: int | None = None
        takes_object = has_verb_reading(tok, lex.object_cues)
        obj = object_start(toks, after, limit, lex, self.named)
        if obj is not None and takes_object:
            start = toks[obj].start
        else:
            comp = complementizer(toks, k, limit, lex, self.named)
            if comp is None:
                comp = content_prep(toks, after, limit, lex)
            if comp is not None:
                opener = not toks[comp].is_word and toks[comp].text != ":"
                start = toks[comp].start if opener else toks[comp].end
            elif takes_object and slot:
                obj = object_start(toks, past_comma(toks, after, limit), limit, lex, self.named)
                start = toks[obj].start if obj is not None else None
            elif (
                slot
                and has_verb_reading(tok, lex.ba_content)
                and after < len(toks)
                and toks[after].prefix.endswith("ب")
                and toks[after].start < limit
            ):
                start = toks[after].start  # "وأفادت مصادر عسكرية بمصرع وإصابة عشرات"
        if start is None:
            return None
        c_start, c_end = trim(self.text, start, limit)
        if comp is None and len(self.text[c_start:c_end].split()) < MIN_OBJECT_WORDS:
            return None
        if k > 0 and _pronoun_subject(toks[k - 1], lex):
            slot = []  # "فإنها دعت حزب العمال إلى": the pronoun is the subject, the slot its object
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
            and match_key(t.text) not in lex.not_cues
            and not (k and match_key(toks[k - 1].text) in lex.not_cues_before)
            and (
                has_verb_reading(t, lex.verbs)
                or has_reading(t, lex.attribution)
                or has_verb_reading(t, lex.written)
            )
            and not self._moves(k)
            and not (has_verb_reading(t, lex.verbs) and blocked_cue(toks, k, lex))
        ]
        cues = [k for ci, k in enumerate(cues) if not self._subordinate(cues[:ci], k)]
        out: list[Quote] = []
        for ci, k in enumerate(cues):
            tok = toks[k]
            limit = toks[cues[ci + 1]].start if ci + 1 < len(cues) else self.sent.end
            comp: int | None = None
            written: tuple[int, int] | None = None
            if has_verb_reading(tok, lex.written):
                found_w = self._written(k, limit)
                if found_w is None:
                    continue
                c_start, c_end, slot, written = found_w
            elif has_reading(tok, lex.attribution):
                found = self._preposed(k, limit) if first_word(toks, k) else None
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
            if written is not None and not slot:
                span = written  # "وجاء في المقال": the text stands for its author
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


def _reported_from(tok: Token, lex: CueLexicon) -> bool:
    """``عن`` before a source, or with the pronoun of one (``عنه``، ``عنها``)."""
    return has_reading(tok, lex.reported_from) or match_key(tok.text) in _FROM_PRONOUN


def _pronoun_subject(tok: Token, lex: CueLexicon) -> bool:
    """Whether ``tok`` is a complementizer carrying the next verb's subject as a pronoun
    (``فإنها``، ``إنه``، ``لأنهم``)."""
    return has_reading(tok, lex.complementizers) and match_key(tok.text).endswith(
        ("ه", "ها", "هم", "هما")
    )


def _opens_sentence(text: str, sents: Sequence[Sentence], start: int) -> bool:
    """Whether only marks, spaces or a colon precede the quote at ``start`` in its sentence."""
    sent = next((s for s in sents if s.start <= start < s.end), None)
    head = text[sent.start : start] if sent is not None else ""
    if head.rstrip().endswith(":"):
        words = head.rstrip()[:-1].split()
        # "مقالا لوزير الخارجية بعنوان: «...»": a title, not something said
        return not words or match_key(words[-1]) not in _TITLE_WORDS
    return not any(ch.isalnum() for ch in head)


_TITLE_WORDS = frozenset(match_key(w) for w in ("بعنوان", "عنوان", "عنوانه", "عنوانها"))


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
    skip = dateline_end(doc.text)
    sents = doc.sentences
    tokens = in_sentences(doc.tokens, sents)
    quotes: list[Quote] = []
    prev: Quote | None = None
    last_subject: EntityMention | None = None
    mentions, times = in_sentences(doc.entities, sents), in_sentences(doc.times, sents)
    persons = [m for m in doc.entities if m.type == "PERSON"]
    earlier = last_ending_before(persons, [s.start for s in sents])
    for i, sent in enumerate(sents):
        state = _Sentence(doc, sent, tokens[i], lex, skip, mentions[i], times[i], earlier[i])
        if last_subject is not None:
            state.earlier_person = last_subject
        found = state.quotes(prev)
        last_subject = state.cue_subject() or last_subject
        quotes.extend(found)
        if found:
            prev = found[-1]
    covered = [(q.start, q.end) for q in quotes]
    direct: list[Quote] = []
    for s, e in direct_spans(doc.text, lex):
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
