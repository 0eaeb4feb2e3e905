"""Arabic full-text search in the embedded store (SQLite FTS5 over marsad's own keys).

FTS5's tokenizer does not fold Arabic, so marsad indexes its own views of each document: the
``keys`` column holds the matching key of every word (diacritics out, letters folded, proclitics
and the article off: "للكرملين" -> "كرملين"), the ``skel`` column a spelling-tolerant skeleton of
each key (inner long vowels out: "كريملن" and "كرملين" meet). A query is tokenized the same way.
Ranking puts documents with the query as an exact phrase first, then those with every word,
then skeleton-only matches; bm25 orders within each tier.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.errors import ConfigError
from marsad.model import Document, Token
from marsad.resolve.keys import skeleton
from marsad.text.normalize import match_key
from marsad.text.segment import tokenize

__all__ = ["SearchFilters", "SearchHit", "index_document", "index_row", "search"]

_PHRASE = re.compile(r'"([^"]+)"|«([^»]+)»|“([^”]+)”')
_SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class SearchFilters:
    entity: str | None = None  # an entity id, or a name matched against mention keys
    date_from: str | None = None  # ISO date, inclusive, on the publication date
    date_to: str | None = None
    source: str | None = None  # substring of the source path/URL, site or credited outlet
    story: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    score: float
    tier: int  # 0: exact phrase, 1: every word, 2: spelling-tolerant match only
    title: str | None
    published: str | None
    snippet: str  # the best sentence, matched words between [ and ]
    matches: tuple[tuple[int, int], ...]  # offsets of matched words in the document text


def _word_keys(tokens: Sequence[Token]) -> list[str]:
    return [t.key for t in tokens if t.is_word and t.key]


def _skel(key: str) -> str:
    return skeleton(key) or key


def index_row(doc: Document) -> tuple[str, str, str]:
    """The FTS row of a document: id, keys, skeletons."""
    tokens = doc.tokens or tuple(tokenize(doc.text))
    keys = _word_keys(tokens)
    return doc.id, " ".join(keys), " ".join(_skel(k) for k in keys)


def index_document(conn: sqlite3.Connection, doc: Document) -> None:
    conn.execute("DELETE FROM search_index WHERE doc_id=?", (doc.id,))
    conn.execute("INSERT INTO search_index (doc_id, keys, skel) VALUES (?,?,?)", index_row(doc))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _Query:
    terms: tuple[str, ...]  # all word keys, in order
    phrases: tuple[tuple[str, ...], ...]  # quoted phrases (or the whole query)
    surfaces: tuple[str, ...] = ()  # the query's words as typed (folded, clitics kept)

    def fts(self) -> str:
        keys = " AND ".join(_quote(t) for t in self.terms)
        skels = " AND ".join(_quote(_skel(t)) for t in self.terms)
        return f"(keys : ({keys})) OR (skel : ({skels}))"


def _parse(query: str) -> _Query:
    phrases: list[tuple[str, ...]] = []
    for m in _PHRASE.finditer(query):
        phrase = next(g for g in m.groups() if g)
        keys = tuple(_word_keys(tokenize(phrase)))
        if keys:
            phrases.append(keys)
    terms = tuple(_word_keys(tokenize(query)))
    if not terms:
        raise ConfigError(f"search query {query!r} has no words to look for")
    if not phrases and len(terms) > 1:
        phrases.append(terms)
    surfaces = tuple(_surface(t) for t in tokenize(query) if t.is_word and t.key)
    return _Query(terms, tuple(phrases), surfaces)


def _surface(token: Token) -> str:
    return match_key(token.text)


def _surface_count(words: Sequence[Token], surfaces: Sequence[str]) -> int:
    """How often the query's words occur in a row exactly as typed (after folding)."""
    n = len(surfaces)
    if not n:
        return 0
    forms = [_surface(t) for t in words]
    return sum(1 for i in range(len(forms) - n + 1) if tuple(forms[i : i + n]) == tuple(surfaces))


def _contains(seq: Sequence[str], sub: Sequence[str]) -> bool:
    n = len(sub)
    return any(list(seq[i : i + n]) == list(sub) for i in range(len(seq) - n + 1))


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Documents matching ``query``, best first.

    Args:
        conn: an open marsad store connection.
        query: words, optionally with "quoted phrases"; Arabic is matched on folded,
            clitic-free keys and spelling-tolerant skeletons.
        filters: entity, date range, source and story filters.
        limit: at most this many hits (1..1000).

    Raises:
        ConfigError: an empty query or a bad limit.
    """
    if not 1 <= limit <= 1000:
        raise ConfigError(f"limit must be in [1, 1000], got {limit}")
    q = _parse(query)
    f = filters or SearchFilters()
    sql = [
        "SELECT s.doc_id, bm25(search_index, 0.0, 10.0, 1.0), s.keys, d.text, d.metadata",
        "FROM search_index s JOIN documents d ON d.id = s.doc_id",
        "WHERE search_index MATCH ?",
    ]
    params: list[object] = [q.fts()]
    if f.date_from:
        sql.append("AND json_extract(d.metadata, '$.published') >= ?")
        params.append(f.date_from)
    if f.date_to:
        sql.append("AND json_extract(d.metadata, '$.published') <= ?")
        params.append(f.date_to)
    if f.source:
        sql.append(
            "AND (d.source LIKE ? OR coalesce(json_extract(d.metadata, '$.site'), '') LIKE ?"
            " OR coalesce(json_extract(d.metadata, '$.credited_source'), '') LIKE ?)"
        )
        params += [f"%{f.source}%"] * 3
    if f.story:
        sql.append("AND d.story = ?")
        params.append(f.story)
    if f.entity:
        sql.append(
            "AND EXISTS (SELECT 1 FROM layers l, json_each(l.data) m WHERE l.doc_id = d.id"
            " AND l.name = 'entities' AND (json_extract(m.value, '$.entity') = ?"
            " OR json_extract(m.value, '$.text') = ?))"
        )
        params += [f.entity, f.entity]
    try:
        rows = conn.execute(" ".join(sql), params).fetchall()
    except sqlite3.OperationalError as exc:
        raise ConfigError(f"search query {query!r} cannot be run: {exc}") from exc

    hits: list[SearchHit] = []
    exact_of: dict[str, int] = {}
    term_set = set(q.terms)
    skel_set = {_skel(t) for t in q.terms}
    for doc_id, score, keys, text, metadata in rows:
        key_list = keys.split()
        if q.phrases and all(_contains(key_list, p) for p in q.phrases):
            tier = 0
        elif term_set <= set(key_list):
            tier = 1
        else:
            tier = 2
        words = [t for t in tokenize(text) if t.is_word]
        exact = _surface_count(words, q.surfaces)
        matched = tuple(
            (t.stem_start, t.end) for t in words if t.key in term_set or _skel(t.key) in skel_set
        )
        focus = _phrase_start(words, q.phrases) if tier == 0 else None
        meta = json.loads(metadata)
        exact_of[doc_id] = exact
        hits.append(
            SearchHit(
                doc_id,
                float(score),
                tier,
                meta.get("title"),
                meta.get("published"),
                _snippet(text, matched, focus),
                matched,
            )
        )
    # within a tier, documents with the words exactly as typed (clitics and spelling
    # included) come first: "الكرملين" before "للكرملين" for the query الكرملين
    hits.sort(key=lambda h: (h.tier, -min(exact_of[h.doc_id], 1), h.score, h.doc_id))
    return hits[:limit]


def _phrase_start(words: Sequence[Token], phrases: Sequence[tuple[str, ...]]) -> int | None:
    keys = [t.key for t in words]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(keys) - n + 1):
            if tuple(keys[i : i + n]) == phrase:
                return words[i].stem_start
    return None


def _snippet(text: str, matched: Sequence[tuple[int, int]], focus: int | None = None) -> str:
    if not matched:
        return text[:_SNIPPET_CHARS].replace("\n", " ")
    first = matched[0][0] if focus is None else focus
    start = max(text.rfind("\n", 0, first) + 1, first - _SNIPPET_CHARS // 2)
    end = min(len(text), start + _SNIPPET_CHARS)
    newline = text.find("\n", first)
    if newline != -1:
        end = min(end, newline)
    out: list[str] = []
    pos = start
    for s, e in matched:
        if s < start or e > end:
            continue
        out += [text[pos:s], "[", text[s:e], "]"]
        pos = e
    out.append(text[pos:end])
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out).replace("\n", " ") + suffix
