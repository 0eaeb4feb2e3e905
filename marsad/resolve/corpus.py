"""Canonical entities over many documents: a per-document map and an associative fold.

:func:`summarize` (map) reduces one linked document to the names seen under each entity id;
:func:`merge` (fold) adds two summaries; :func:`finalize` turns the total into canonical
entities and an id rewrite (clusters of unknown names that are the same person across
documents, "زيلينسكي" alone in one article and in full in another, become one);
:func:`rewrite` applies it to a document. A distributed engine runs
``bag.map(summarize).fold(merge)`` and then ``bag.map(rewrite)``: the same code as
:func:`resolve_corpus`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import reduce

from rapidfuzz import fuzz

from marsad.model import Document, Entity
from marsad.resolve.kb import KnowledgeBase
from marsad.resolve.keys import lexicon, phrase_key, skeleton, split_words
from marsad.text.normalize import normalize

__all__ = [
    "Summary",
    "cluster_id",
    "finalize",
    "merge",
    "name_without_titles",
    "resolve_corpus",
    "rewrite",
    "summarize",
    "unresolved_id",
]


def cluster_id(name: str) -> str:
    """The id of a cluster of mentions of a name the KB does not know.

    >>> cluster_id("رسلان زيلديباي") == cluster_id("رسلان زيلديباى")
    True
    """
    return "x:" + hashlib.sha1(skeleton(name).encode("utf-8")).hexdigest()[:12]


def unresolved_id(text: str) -> str:
    """The entity id of a mention the knowledge base does not resolve (the one public rule).

    Titles are taken off and the rest keyed by its spelling-tolerant skeleton, so
    "السيد رسلان زيلديباي" and "رسلان زيلديباى" get one id, whatever their NER type. Exports and
    the web use this for a mention whose ``entity`` is ``None``.

    >>> unresolved_id("السيد رسلان زيلديباي") == unresolved_id("رسلان زيلديباى")
    True
    """
    return cluster_id(name_without_titles(text) or text)


def name_without_titles(text: str) -> str:
    """The name in a mention with leading titles taken off.

    >>> name_without_titles("السيد دونالد ترامب")
    'دونالد ترامب'
    """
    titles = lexicon().titles
    words = split_words(text)
    k = 0
    while k < len(words) - 1:
        two = phrase_key(" ".join(words[k : k + 2]))
        if two in titles and k + 2 < len(words):
            k += 2
        elif phrase_key(words[k]) in titles:
            k += 1
        else:
            break
    return " ".join(words[k:])


@dataclass(frozen=True, slots=True)
class Summary:
    """Names and types seen under each entity id (an associative, commutative sum)."""

    names: dict[str, Counter[str]] = field(default_factory=dict)
    types: dict[str, Counter[str]] = field(default_factory=dict)


def summarize(doc: Document) -> Summary:
    """The map step: the names and types of one linked document's mentions, by entity id."""
    names: dict[str, Counter[str]] = {}
    types: dict[str, Counter[str]] = {}
    for m in doc.entities:
        if m.entity is None:
            continue
        name = normalize(name_without_titles(m.text) or m.text).text
        names.setdefault(m.entity, Counter())[name] += 1
        types.setdefault(m.entity, Counter())[m.type] += 1
    return Summary(names, types)


def merge(a: Summary, b: Summary) -> Summary:
    """The fold step: the sum of two summaries (neither is changed)."""
    names = {k: Counter(v) for k, v in a.names.items()}
    types = {k: Counter(v) for k, v in a.types.items()}
    for k, v in b.names.items():
        names.setdefault(k, Counter()).update(v)
    for k, v in b.types.items():
        types.setdefault(k, Counter()).update(v)
    return Summary(names, types)


def _canonical(names: Counter[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), names[n], n))


def finalize(
    total: Summary, kb: KnowledgeBase, transliterate: Callable[[str], str] | None = None
) -> tuple[list[Entity], dict[str, str]]:
    """Canonical entities and the rewrite of cluster ids, from the summed summaries.

    Unknown-name clusters are joined when one is a surname alone and exactly one full-name
    cluster of a person ends with it, or when two full names differ only by a light spelling
    variation (rapidfuzz ratio of skeletons >= 90, same type).
    """
    if transliterate is None:
        from marsad.resolve.translit import transliterate as _tr

        transliterate = _tr
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    xs = sorted(k for k in total.names if k.startswith("x:"))
    typ = {k: total.types[k].most_common(1)[0][0] for k in xs}
    canon = {k: _canonical(total.names[k]) for k in xs}
    full = [k for k in xs if len(canon[k].split()) >= 2]
    by_last: dict[str, list[str]] = {}
    for k in full:
        if typ[k] == "PERSON":
            by_last.setdefault(skeleton(canon[k]).split()[-1], []).append(k)
    for k in xs:
        if len(canon[k].split()) == 1 and typ[k] == "PERSON":
            owners = by_last.get(skeleton(canon[k]), [])
            if len({find(o) for o in owners}) == 1:
                parent[find(k)] = find(owners[0])
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            same = typ[a] == typ[b] and find(a) != find(b)
            if same and fuzz.ratio(skeleton(canon[a]), skeleton(canon[b])) >= 90:
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = {}
    for k in xs:
        groups.setdefault(find(k), []).append(k)
    remap: dict[str, str] = {}
    entities: list[Entity] = []
    for members in groups.values():
        names: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for k in members:
            names.update(total.names[k])
            types.update(total.types[k])
        name = _canonical(names)
        new = cluster_id(name)
        for k in members:
            remap[k] = new
        aliases = tuple(sorted(n for n in names if n != name))
        entities.append(
            Entity(new, types.most_common(1)[0][0], name, transliterate(name), None, aliases)
        )
    for k in sorted(total.names):
        if not k.startswith("x:"):
            ent = kb.get(k)
            if ent is not None:
                entities.append(ent)
    entities.sort(key=lambda e: e.id)
    return entities, remap


def rewrite(doc: Document, remap: dict[str, str]) -> Document:
    """A document with its mentions' cluster ids replaced by the corpus-level ids."""
    ents = tuple(
        replace(m, entity=remap.get(m.entity, m.entity)) if m.entity else m for m in doc.entities
    )
    return doc.with_(entities=ents)


def resolve_corpus(
    docs: Sequence[Document], kb: KnowledgeBase
) -> tuple[list[Entity], list[Document]]:
    """The canonical entities over linked documents and the documents with ids rewritten.

    Args:
        docs: documents that went through :func:`marsad.resolve.link.link_document`.
        kb: the knowledge base they were linked with.

    Returns:
        ``(entities, documents)``: the KB entities used plus one entity per cluster of unknown
        names (id ``x:<skeleton hash>``, Arabic canonical name, aliases, ``name_en`` from the
        transliterator), and the documents with mention ids rewritten to them.

    Example:
        >>> ents, out = resolve_corpus([], KnowledgeBase.load())
        >>> (ents, out)
        ([], [])
    """
    total = reduce(merge, map(summarize, docs), Summary())
    entities, remap = finalize(total, kb)
    return entities, [rewrite(d, remap) for d in docs]
