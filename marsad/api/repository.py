"""The API's only door to the store: a small repository over :class:`SqliteStore`.

Everything the HTTP layer reads goes through :class:`Repository`, in the shapes of the
``marsad.analysis/1`` export, so a PostgreSQL store can replace SQLite by re-implementing this
one class. Each call opens its own connection (SQLite connections are bound to the thread that
made them, and FastAPI serves synchronous routes from a thread pool); the corpus-wide export is
built once and cached until the database file changes.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError, StoreError
from marsad.exports.analysis import build_analysis
from marsad.exports.store import CorpusLayers, analysis_from_store
from marsad.model import Document, Entity
from marsad.store.sqlite import SqliteStore

__all__ = ["CorpusLayers", "NotFound", "Repository"]

logger = logging.getLogger(__name__)

_SNIPPET = 80


class NotFound(StoreError):
    """No item with the requested id (the API answers 404)."""


def _default_corpus_layers(store: SqliteStore) -> Mapping[str, list[dict[str, Any]]]:
    # A store that keeps its corpus layers (``corpus_layers()``) is read; otherwise they are
    # recomputed from the stored documents by ``analysis_from_store``.
    reader = getattr(store, "corpus_layers", None)
    if callable(reader):
        layers: Mapping[str, list[dict[str, Any]]] = reader()
        return layers
    return {}


class Repository:
    """Read (and write) access to one store for the API.

    Args:
        path: the SQLite file.
        corpus_layers: reads the corpus-level layers of the store (default: the store's own
            ``corpus_layers()`` if it has one, else none).

    Example:
        >>> repo = Repository(":memory:")  # doctest: +SKIP
        >>> repo.count()  # doctest: +SKIP
        0
    """

    def __init__(self, path: str | Path, *, corpus_layers: CorpusLayers | None = None) -> None:
        self.path = str(path)
        self._corpus_layers = corpus_layers or _default_corpus_layers
        self._lock = threading.Lock()
        self._cache_key: tuple[Any, ...] | None = None
        self._cache: dict[str, Any] | None = None
        with self.store():
            pass  # create or migrate now, so a bad path fails at start-up

    @contextmanager
    def store(self) -> Iterator[SqliteStore]:
        """An open store for the duration of a ``with`` block."""
        store = SqliteStore.open(self.path)
        try:
            yield store
        finally:
            store.close()

    # -- documents ------------------------------------------------------------------------

    def count(self) -> int:
        with self.store() as s:
            return s.count()

    def document_page(self, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
        """The total number of (latest) documents and the summaries of one page, newest first."""
        with self.store() as s:
            ids = list(reversed(s.ids(latest_only=True)))
            page = [self._summary(s.get(i)) for i in ids[offset : offset + limit]]
        return len(ids), page

    def _summary(self, doc: Document) -> dict[str, Any]:
        m = doc.metadata
        return {
            "id": doc.id,
            "title": m.title or doc.text.split("\n", 1)[0][:120],
            "published": m.published,
            "source": doc.provenance.source,
            "site": m.site,
            "credited_source": m.credited_source,
            "counts": {
                "entities": len(doc.entities),
                "times": len(doc.times),
                "quantities": len(doc.quantities),
                "quotes": len(doc.quotes),
            },
        }

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document's export: the document with its own entities, times, quantities, quotes.

        Raises:
            NotFound: no document ``doc_id`` (or the prefix is ambiguous).
        """
        with self.store() as s:
            try:
                doc = s.get(doc_id)
            except StoreError as exc:
                raise NotFound(str(exc).replace(f" in {self.path}", "")) from exc
            export = build_analysis(
                [doc], fields={doc.id: s.document_fields(doc.id)}, entities=self._entities(s)
            )
        out: dict[str, Any] = dict(export["documents"][0])
        for layer in ("entities", "times", "quantities", "quotes"):
            out[layer] = export[layer]
        return out

    # -- the corpus -----------------------------------------------------------------------

    def analysis(self) -> dict[str, Any]:
        """The ``marsad.analysis/1`` export of every latest document (cached until a write)."""
        key = self._fingerprint()
        with self._lock:
            if self._cache is not None and key == self._cache_key:
                return self._cache
        with self.store() as s:
            export = analysis_from_store(s, layers=self._corpus_layers)
        if not export["stories"]:
            export["stories"] = _stories_from_fields(export["documents"])
        with self._lock:
            self._cache, self._cache_key = export, key
        return export

    def _fingerprint(self) -> tuple[Any, ...]:
        stamps: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        with self.store() as s:
            row = s.conn.execute(
                "SELECT count(*), coalesce(max(seq), 0),"
                " (SELECT count(*) FROM entities), (SELECT count(*) FROM rejections)"
                " FROM documents"
            ).fetchone()
        return (*stamps, *row)

    def _entities(self, store: SqliteStore) -> dict[str, Entity]:
        # SqliteStore has no reader for its entities table yet; this is the one place that knows.
        rows = store.conn.execute(
            "SELECT id, type, name, name_en, wikidata, aliases FROM entities"
        ).fetchall()
        return {r[0]: Entity(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5]))) for r in rows}

    def text_of(self, doc_id: str) -> str:
        with self.store() as s:
            row = s.conn.execute("SELECT text FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {doc_id!r}")
        return str(row[0])

    def search_documents(self, query: str, limit: int) -> list[dict[str, Any]]:
        """Documents matching ``query``, best first, with the store's Arabic-aware full-text
        search (folded forms, clitics, spelling variants; exact phrases first)."""
        if not query.strip():
            return []
        with self.store() as s:
            latest = set(s.ids(latest_only=True))
            try:
                found = s.search(query, limit=min(limit * 2, 1000))
            except ConfigError:
                return []
            hits: list[dict[str, Any]] = []
            for h in found:
                if h.doc_id not in latest:
                    continue
                text = s.conn.execute(
                    "SELECT text FROM documents WHERE id=?", (h.doc_id,)
                ).fetchone()[0]
                hit: dict[str, Any] = {
                    "id": h.doc_id,
                    "title": h.title or text.split("\n", 1)[0][:120],
                    "published": h.published,
                    "match": ("phrase", "words", "variant")[h.tier],
                    "snippet": None,
                }
                if h.matches:
                    at, stop = h.matches[0]
                    lo = max(0, at - _SNIPPET)
                    hi = min(len(text), stop + _SNIPPET)
                    hit["snippet"] = {"text": text[lo:hi], "start": at - lo, "end": stop - lo}
                hits.append(hit)
                if len(hits) >= limit:
                    break
        return hits


def _stories_from_fields(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stories as the store's per-document ``story`` field groups them (no summaries)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        if d.get("story"):
            groups.setdefault(d["story"], []).append(d)
    return [
        {
            "id": sid,
            "docs": [d["id"] for d in docs],
            "title": next((d["title"] for d in docs if d.get("title")), None),
            "summary": None,
        }
        for sid, docs in sorted(groups.items())
    ]
