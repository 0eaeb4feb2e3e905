"""Entity linking within a document: NER and dictionary mentions merged and resolved.

:func:`link_document` merges the statistical NER's mentions (``doc.entities``) with the
knowledge-base tagger's (:func:`~marsad.resolve.gazetteer.find_kb_mentions`) and the office
titles (:mod:`marsad.resolve.roles`), then gives every mention an entity id:

* a knowledge-base id when its name (titles and clitics off) is a KB name, alias or spelling
  variant, when it is a title that names an office holder on the article's date, or when it is
  the surname of a KB person named in full earlier in the document;
* otherwise a cluster id ``x:<hash of the name's skeleton>``; a surname alone joins the cluster
  of the full name it ends ("قاسم جومارت توكاييف ... توكاييف").

Merge policy: KB matches win over unresolved NER spans they overlap and over resolved NER spans
they strictly contain ("جنوب افريقيا" over the NER's "افريقيا"), except that a longer NER
span of an organization or place that contains a KB name is kept ("جامعة موسكو"); NER mentions
the KB does not know are kept; nisba adjectives come last and never split another mention.
Cross-document clustering is :func:`marsad.resolve.corpus.resolve_corpus`.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, replace
from datetime import date

from rapidfuzz import fuzz

from marsad.model import Document, Entity, EntityMention
from marsad.resolve.corpus import cluster_id, name_without_titles, resolve_corpus, unresolved_id
from marsad.resolve.gazetteer import find_kb_mentions, units
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.keys import lexicon, phrase_key, skeleton, strip_proclitics
from marsad.resolve.roles import dated_from_text, find_role_mentions, holder_named_in

__all__ = [
    "cluster_id",
    "link_document",
    "name_without_titles",
    "resolve_corpus",
    "unresolved_id",
]

logger = logging.getLogger(__name__)
_NO_ENTITY = Entity("", "", "")


@dataclass(frozen=True, slots=True)
class _Cand:
    m: EntityMention
    rank: int  # lower is stronger
    inside_ner: bool = False


def _published(doc: Document) -> date | None:
    value = doc.metadata.published
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        logger.warning(
            "document %s: published %r is not a date; titles left unresolved", doc.id, value
        )
        return None


def _resolve_ner(m: EntityMention, kb: KnowledgeBase, seen: set[str]) -> EntityMention:
    name = name_without_titles(m.text)
    found = kb.lookup(name) if name else []
    if not found:
        # "الروسي" / "كازاخستانية" tagged PERSON or ORG: a nisba adjective is its country's.
        country = _nisba_country(name, kb)
        return replace(m, entity=country, type="MISC") if country else m
    pick = next((e for e in found if e.id in seen), found[0])
    rec = kb.record(pick.id)
    # A nisba adjective is not a name of its country: keep the NER's type for those.
    etype = (
        pick.type
        if rec is None or not rec.nisba or kb.nisba_id(phrase_key(name)) is None
        else m.type
    )
    return replace(m, entity=pick.id, type=etype)


def _trim_nisba(m: EntityMention, text: str, kb: KnowledgeBase) -> EntityMention:
    """A person's span that starts with a country adjective ("نائب وزير الخارجية الكازاخستاني
    رومان فاسيلنكو" tagged from "الكازاخستاني") starts at the name: the adjective is the title's."""
    if m.type != "PERSON":
        return m
    start = m.start
    while True:
        word_end = text.find(" ", start, m.end)
        if word_end < 0 or _nisba_country(text[start:word_end], kb) is None:
            break
        start = word_end + 1
    if start == m.start:
        return m
    return replace(m, start=start, text=text[start : m.end])


def _nisba_country(name: str, kb: KnowledgeBase) -> str | None:
    """The country of a one-word nisba adjective, its proclitics taken off, if it is one."""
    key = phrase_key(name)
    if not key or " " in key:
        return None
    for _, reading in strip_proclitics(key):
        cid = kb.nisba_id(reading)
        if cid is not None:
            return cid
    return None


def _in_layer(m: EntityMention, doc: Document) -> bool:
    """Whether a mention lies inside a time expression or a quantity ("نيسان", "دولار")."""
    spans = [(t.start, t.end) for t in doc.times] + [(q.start, q.end) for q in doc.quantities]
    return any(s <= m.start and m.end <= e for s, e in spans)


def _overlaps(a: EntityMention, b: EntityMention) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(cands: list[_Cand]) -> list[EntityMention]:
    """The strongest candidates that overlap no stronger one, in text order.

    The kept spans never overlap, so a candidate is checked against its two neighbours in
    start order only (a long text with tens of thousands of mentions stays linear-log)."""
    cands.sort(key=lambda c: (c.rank, -(c.m.end - c.m.start), c.m.start))
    kept: list[EntityMention] = []  # sorted by start, pairwise disjoint
    starts: list[int] = []
    for c in cands:
        if c.inside_ner:
            continue
        k = bisect.bisect_left(starts, c.m.start)
        if (k > 0 and _overlaps(c.m, kept[k - 1])) or (k < len(kept) and _overlaps(c.m, kept[k])):
            continue
        starts.insert(k, c.m.start)
        kept.insert(k, c.m)
    return sorted(kept, key=lambda m: (m.start, m.end))


def _holds_resolved(m: EntityMention, resolved: list[EntityMention], starts: list[int]) -> bool:
    """Whether ``m`` strictly contains one of ``resolved`` (sorted by start, with ``starts``)."""
    k = bisect.bisect_left(starts, m.start)
    while k < len(resolved) and resolved[k].start < m.end:
        n = resolved[k]
        if n.end <= m.end and m.end - m.start > n.end - n.start:
            return True
        k += 1
    return False


def link_document(doc: Document, kb: KnowledgeBase) -> Document:
    """Merge NER and knowledge-base mentions and give each an entity id.

    Args:
        doc: a document with ``tokens`` and (optionally) NER ``entities``; its
            ``metadata.published`` dates the office titles.
        kb: the knowledge base.

    Returns:
        The document with ``entities`` replaced: non-overlapping mentions in text order, each
        with ``text == doc.text[start:end]``, an ``entity`` id and the KB's type where known.

    Example:
        >>> from marsad.model import Provenance, Token
        >>> d = Document("لبوتين", Provenance("t", "stdin", ""),
        ...              tokens=(Token(0, 6, "لبوتين", 1, "بوتين"),))
        >>> link_document(d, KnowledgeBase.load()).entities[0].entity
        'wd:Q7747'
    """
    text = doc.text
    gaz = find_kb_mentions(doc, kb)
    seen = {m.entity for m in gaz if m.entity and m.score >= 0.8}
    ner = [
        _resolve_ner(_trim_nisba(replace(m, text=text[m.start : m.end]), text, kb), kb, seen)
        for m in doc.entities
        if 0 <= m.start < m.end <= len(text)
    ]
    # A month name or a currency the NER took for a name: the times/quantities layers know.
    ner = [m for m in ner if m.entity is not None or not _in_layer(m, doc)]
    ner = _drop_adjective_homographs(ner, doc)
    cands: list[_Cand] = []
    open_ner = [m for m in ner if m.entity is None]
    resolved = sorted((m for m in ner if m.entity), key=lambda m: m.start)
    resolved_starts = [m.start for m in resolved]
    for m in ner:
        cands.append(_Cand(m, 0 if m.entity else 3))
    for m in gaz:
        # A nisba adjective is a MISC mention of a country (a MISC KB entity is a name).
        nisba = m.type == "MISC" and (kb.get(m.entity or "") or _NO_ENTITY).type != "MISC"
        inside = any(
            n.type in {"ORG", "LOC", "GPE", "MISC"}
            and n.start <= m.start
            and m.end <= n.end
            and (n.end - n.start) > (m.end - m.start)
            for n in open_ner
        )
        # "جنوب افريقيا" holds the NER's "افريقيا" (Africa): the longer name is the one meant
        holds = not nisba and _holds_resolved(m, resolved, resolved_starts)
        rank = 4 if nisba else 0 if holds else 1
        cands.append(_Cand(m, rank, inside_ner=inside and not nisba))
    u = units(doc)
    named = {c.m.entity for c in cands if c.m.entity}
    persons: dict[int, list[int]] = {}  # start offset -> indices of the person candidates there
    for k, c in enumerate(cands):
        if c.m.type == "PERSON":
            persons.setdefault(c.m.start, []).append(k)
    for r in find_role_mentions(u, kb, _published(doc) or dated_from_text(doc)):
        if r.holder is None:
            r = replace(r, holder=holder_named_in(r.role, r.of, named, kb))
        after = [k for gap in range(4) for k in persons.get(r.end + gap, ())]  # 0-3 chars on
        if r.next_unit < len(u) and after:
            _fill_apposition(cands, after, r.holder, kb)
            continue
        if r.holder is None:
            # An office with no known holder names no one we can tell: leave the words to the
            # nisba / country mention rather than invent a person called "الروسي".
            continue
        persons.setdefault(r.start, []).append(len(cands))
        cands.append(
            _Cand(EntityMention(r.start, r.end, text[r.start : r.end], "PERSON", r.holder, 0.9), 1)
        )
    mentions = _merge(cands)
    return doc.with_(entities=tuple(_cluster_unknown(mentions, kb, text)))


def _drop_adjective_homographs(mentions: list[EntityMention], doc: Document) -> list[EntityMention]:
    """Drop place names read where they are common adjectives ("دعم مالي": financial support).

    A one-word mention of ``adjective_homographs`` (lexicon.json) is the adjective when it has
    no clitic and follows an indefinite word that is not a place head ("عاصمة مالي" and "في
    مالي" are the country), unless the document names that entity in such a firm position.

    Example:
        >>> from marsad.model import Provenance, Token
        >>> toks = (Token(0, 3, "دعم", 0, "دعم"), Token(4, 8, "مالي", 4, "مالي"))
        >>> d = Document("دعم مالي", Provenance("t", "stdin", ""), tokens=toks)
        >>> _drop_adjective_homographs([EntityMention(4, 8, "مالي", "GPE", "wd:Q912")], d)
        []
    """
    lex = lexicon()
    words = [t for t in doc.tokens if t.end > t.start]
    at = {t.start: k for k, t in enumerate(words)}

    def adjectival(m: EntityMention) -> bool | None:
        k = at.get(m.start)
        if k is None or words[k].end != m.end or phrase_key(m.text) not in lex.adjective_homographs:
            return None  # not a homograph
        if words[k].prefix or k == 0 or not words[k - 1].is_word:
            return False
        prev = phrase_key(words[k - 1].stem)
        return not prev.startswith(lex.article) and prev not in lex.country_heads

    reading = [adjectival(m) for m in mentions]
    firm = {m.entity for m, r in zip(mentions, reading, strict=True) if r is False}
    return [m for m, r in zip(mentions, reading, strict=True) if not (r and m.entity not in firm)]


def _fill_apposition(
    cands: list[_Cand], after: list[int], holder: str | None, kb: KnowledgeBase
) -> None:
    """ "الرئيس الروسي فلاديمير بوتن": an unresolved name after a title (``after``: the indices
    of the person candidates starting 0-3 characters after it) takes the holder's id when it
    looks like the holder's name."""
    if holder is None:
        return
    ent = kb.get(holder)
    if ent is None:
        return
    for k in after:
        c = cands[k]
        if c.m.entity is None:
            score = max(
                fuzz.ratio(skeleton(c.m.text), skeleton(n)) for n in (ent.name, *ent.aliases)
            )
            if score >= 75:
                cands[k] = replace(c, m=replace(c.m, entity=holder), rank=0)


def _word_start(text: str, start: int) -> int:
    """Where the word around ``start`` begins (a proclitic the segmenter split off: "فاسيلنكو")."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _cluster_unknown(
    mentions: list[EntityMention], kb: KnowledgeBase, text: str
) -> list[EntityMention]:
    """Ids for mentions the KB does not resolve: surnames join full names, else a cluster."""
    full_names: dict[str, str] = {}  # last-word skeleton -> entity id of a multi-word mention
    for m in mentions:
        if m.type != "PERSON":
            continue
        if m.entity is not None:
            ent = kb.get(m.entity)
            names = (ent.name, *ent.aliases) if ent and ent.type == "PERSON" else ()
        else:
            names = (name_without_titles(m.text),)
        for n in names:
            sk = skeleton(n).split()
            if len(sk) >= 2 and len(phrase_key(n).split()[-1]) >= 3:
                full_names.setdefault(sk[-1], m.entity or cluster_id(n))
    out = []
    for m in mentions:
        if m.entity is None:
            name = name_without_titles(m.text) or m.text
            sk = skeleton(name).split()
            eid = None
            if m.type == "PERSON" and len(sk) == 1:
                eid = full_names.get(sk[0])
                ws = _word_start(text, m.start)
                if eid is None and ws < m.start:
                    eid = full_names.get(skeleton(text[ws : m.end]))
                    if eid is not None:
                        m = replace(m, start=ws, text=text[ws : m.end])
            m = replace(m, entity=eid or unresolved_id(m.text))
        out.append(m)
    return out
