"""The embedded store: SQLite in WAL mode, one transaction per document, versioned schema.

A document's id is the hash of its raw text, so storing the same content twice adds nothing. A
changed article from the same source (URL or path) is stored as a new document whose
``version_of`` names the one it replaces; nothing is overwritten.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal

from marsad.corpus.dedup import DedupIndex
from marsad.errors import Rejection, StoreError
from marsad.model import Document, Entity, Metadata, Provenance
from marsad.store.codec import decode_layers, encode_layers
from marsad.store.dedup_backend import MIGRATION as DEDUP_MIGRATION
from marsad.store.dedup_backend import SqliteDedupBackend
from marsad.store.search import SearchFilters, SearchHit, index_document, index_row, search
from marsad.store.stories import MIGRATION as STORY_MIGRATION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SqliteStore", "StoredDocument"]

logger = logging.getLogger(__name__)


def _add_search_index(conn: sqlite3.Connection) -> None:
    """Migration 2: the full-text index, filled from the documents already stored."""
    conn.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "doc_id UNINDEXED, keys, skel, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for doc_id, text in conn.execute("SELECT id, text FROM documents").fetchall():
        row = index_row(Document(text, Provenance("", "file", ""), id=doc_id))
        conn.execute("INSERT INTO search_index (doc_id, keys, skel) VALUES (?,?,?)", row)


Migration = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[Migration, ...] = (
    # 1: documents, their layers, corpus-level entities, rejections
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        encoding TEXT NOT NULL,
        line INTEGER,
        metadata TEXT NOT NULL,
        raw TEXT NOT NULL,
        text TEXT NOT NULL,
        version_of TEXT REFERENCES documents(id),
        story TEXT,
        duplicate_of TEXT REFERENCES documents(id),
        stored_at TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX documents_source ON documents(source);
    CREATE TABLE layers (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, name)
    );
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        name_en TEXT,
        wikidata TEXT,
        aliases TEXT NOT NULL
    );
    CREATE TABLE rejections (
        source TEXT NOT NULL,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL,
        document TEXT,
        at TEXT NOT NULL
    );
    """,
    _add_search_index,
    # 3: the near-duplicate index (see marsad.store.dedup_backend)
    DEDUP_MIGRATION,
    # 4: the story clusterer's state per story (see marsad.store.stories)
    STORY_MIGRATION,
    # 5: the fingerprint of the pipeline that wrote each document's layers (NULL: unknown)
    "ALTER TABLE documents ADD COLUMN pipeline TEXT",
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoredDocument:
    """How a document was stored: ``"new"``, ``"version"`` of an older one, ``"exists"``, or
    ``"reanalysed"`` (same content, layers rewritten by another pipeline)."""

    __slots__ = ("doc_id", "status", "version_of")

    def __init__(
        self,
        doc_id: str,
        status: Literal["new", "version", "exists", "reanalysed"],
        version_of: str | None,
    ) -> None:
        self.doc_id = doc_id
        self.status = status
        self.version_of = version_of


class SqliteStore:
    """The embedded SQLite store.

    Example:
        >>> with SqliteStore.open(":memory:") as store:
        ...     store.count()
        0
    """

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> SqliteStore:
        """Open (creating or migrating) the store at ``path``.

        Raises:
            StoreError: the file is not a SQLite database, or was written by a newer marsad.
        """
        where = str(path)
        if where != ":memory:":
            Path(where).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(where, isolation_level=None, timeout=30)
            conn.execute("PRAGMA foreign_keys=ON")
            if where != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{where}: not a marsad SQLite store ({exc})") from exc
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{where}: schema version {version} is newer than this marsad "
                f"({SCHEMA_VERSION}); upgrade marsad"
            )
        store = cls(conn, where)
        store._migrate(version)
        return store

    def _migrate(self, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            logger.info("migrating %s to schema %d", self.path, number + 1)
            migration = MIGRATIONS[number]
            with self.transaction():
                if callable(migration):
                    migration(self.conn)
                else:
                    for statement in migration.split(";"):
                        if statement.strip():
                            self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={number + 1}")

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone()
            is not None
        )

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def analysed_with(self, doc_id: str) -> str | None:
        """The fingerprint of the pipeline that wrote the stored layers of ``doc_id`` (None when
        unknown: stored before fingerprints were kept, or by a caller that gave none)."""
        row = self.conn.execute("SELECT pipeline FROM documents WHERE id=?", (doc_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def reanalysed(self, doc: Document, pipeline: str | None) -> StoredDocument:
        """Replace the text, metadata and layers of the stored ``doc`` (same id: same raw text)
        with a new analysis, in one transaction: a failure leaves the old analysis whole.
        Its provenance, place in the store and version links are kept; when its cleaned text
        changed, its near-duplicate entry is rebuilt (linked to a copy stored before it).

        Raises:
            StoreError: ``doc`` is not stored.
        """
        if not self.has(doc.id):
            raise StoreError(f"no document {doc.id!r} in {self.path} to analyse again")
        with self.transaction():
            old = self.conn.execute("SELECT text FROM documents WHERE id=?", (doc.id,)).fetchone()
            if old[0] != doc.text:  # the cleaner changed
                index = DedupIndex(backend=SqliteDedupBackend(self.conn))
                if doc.id in index:
                    dup = index.replace(doc.id, doc.text)
                    self.conn.execute(
                        "UPDATE documents SET duplicate_of=? WHERE id=?", (dup, doc.id)
                    )
            self.conn.execute(
                "UPDATE documents SET text=?, metadata=?, pipeline=? WHERE id=?",
                (
                    doc.text,
                    json.dumps(asdict(doc.metadata), ensure_ascii=False),
                    pipeline,
                    doc.id,
                ),
            )
            self.conn.execute("DELETE FROM layers WHERE doc_id=?", (doc.id,))
            self._write_analysis(doc)
        return StoredDocument(doc.id, "reanalysed", None)

    def _write_analysis(self, doc: Document) -> None:
        """Insert the layers and the search entry of ``doc`` (inside the caller's transaction)."""
        self.conn.executemany(
            "INSERT INTO layers (doc_id, name, data) VALUES (?,?,?)",
            [(doc.id, name, data) for name, data in encode_layers(doc).items()],
        )
        index_document(self.conn, doc)

    def put(self, doc: Document, pipeline: str | None = None) -> StoredDocument:
        """Store ``doc`` and all its layers in one transaction (or nothing, if it exists);
        ``pipeline`` is the fingerprint of the pipeline that analysed it."""
        if self.has(doc.id):
            return StoredDocument(doc.id, "exists", None)
        with self.transaction():
            row = self.conn.execute(
                "SELECT id FROM documents WHERE source=? ORDER BY seq DESC LIMIT 1",
                (doc.provenance.source,),
            ).fetchone()
            previous = None if row is None else str(row[0])
            seq = int(
                self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
            )
            p = doc.provenance
            self.conn.execute(
                "INSERT INTO documents (id, source, kind, fetched_at, encoding, line, metadata,"
                " raw, text, version_of, stored_at, seq, pipeline)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    p.source,
                    p.kind,
                    p.fetched_at,
                    p.encoding,
                    p.line,
                    json.dumps(asdict(doc.metadata), ensure_ascii=False),
                    doc.raw,
                    doc.text,
                    previous,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    seq,
                    pipeline,
                ),
            )
            self._write_analysis(doc)
            self._link_duplicate(doc)
        return StoredDocument(doc.id, "version" if previous else "new", previous)

    def get(self, doc_id: str) -> Document:
        """The stored document ``doc_id`` (a unique prefix of at least 6 characters will do).

        Raises:
            StoreError: no document, or several, match.
        """
        rows = self.conn.execute(
            "SELECT id, source, kind, fetched_at, encoding, line, metadata, raw, text"
            " FROM documents WHERE id LIKE ? LIMIT 2",
            (doc_id + "%" if len(doc_id) >= 6 else doc_id,),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(
                f"{doc_id!r} matches several documents in {self.path}; give more of the id"
            )
        (did, source, kind, fetched_at, encoding, line, metadata, raw, text) = rows[0]
        layers = dict(
            self.conn.execute("SELECT name, data FROM layers WHERE doc_id=?", (did,)).fetchall()
        )
        return decode_layers(
            raw,
            text,
            Provenance(source, kind, fetched_at, encoding, line),
            Metadata(**json.loads(metadata)),
            layers,
            did,
        )

    def ids(self, *, latest_only: bool = False) -> list[str]:
        """Document ids in the order they were stored (``latest_only``: no superseded versions)."""
        sql = "SELECT id FROM documents"
        if latest_only:
            sql += (
                " WHERE id NOT IN (SELECT version_of FROM documents WHERE version_of IS NOT NULL)"
            )
        return [str(r[0]) for r in self.conn.execute(sql + " ORDER BY seq")]

    def iter_documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        for doc_id in self.ids() if ids is None else ids:
            yield self.get(doc_id)

    def document_fields(self, doc_id: str) -> dict[str, str | None]:
        row = self.conn.execute(
            "SELECT version_of, story, duplicate_of FROM documents WHERE id=?", (doc_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        return {"version_of": row[0], "story": row[1], "duplicate_of": row[2]}

    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Full-text search; see :func:`marsad.store.search.search`."""
        return search(self.conn, query, filters=filters, limit=limit)

    # -- corpus level ----------------------------------------------------------------------

    def put_entities(self, entities: Sequence[Entity]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO entities (id, type, name, name_en, wikidata, aliases)"
                " VALUES (?,?,?,?,?,?)",
                [
                    (
                        e.id,
                        e.type,
                        e.name,
                        e.name_en,
                        e.wikidata,
                        json.dumps(list(e.aliases), ensure_ascii=False),
                    )
                    for e in entities
                ],
            )

    def _link_duplicate(self, doc: Document) -> str | None:
        """Check ``doc`` against the stored near-duplicate index (inside the caller's
        transaction), add it, and record ``duplicate_of``, the first copy seen."""
        index = DedupIndex(backend=SqliteDedupBackend(self.conn))
        dup = index.add(doc.id, doc.text)
        if dup is not None:
            self.conn.execute("UPDATE documents SET duplicate_of=? WHERE id=?", (dup, doc.id))
        return dup

    def story_assignments(self) -> dict[str, str]:
        """Story of every latest-version document that has one, in the order stored."""
        latest = set(self.ids(latest_only=True))
        rows = self.conn.execute(
            "SELECT id, story FROM documents WHERE story IS NOT NULL ORDER BY seq"
        )
        return {str(i): str(s) for i, s in rows if i in latest}

    def set_story(self, doc_id: str, story: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE documents SET story=? WHERE id=?", (story, doc_id))

    def replace_layer(self, doc: Document, name: str) -> None:
        """Rewrite one annotation layer of a stored document (corpus-level steps use this)."""
        data = encode_layers(doc).get(name)
        with self.transaction():
            self.conn.execute("DELETE FROM layers WHERE doc_id=? AND name=?", (doc.id, name))
            if data is not None:
                self.conn.execute(
                    "INSERT INTO layers (doc_id, name, data) VALUES (?,?,?)", (doc.id, name, data)
                )

    def entities(self, ids: Sequence[str] | None = None) -> list[Entity]:
        """Stored canonical entities (all, or those with the given ids)."""
        rows = self.conn.execute(
            "SELECT id, type, name, name_en, wikidata, aliases FROM entities ORDER BY id"
        ).fetchall()
        wanted = None if ids is None else set(ids)
        return [
            Entity(i, t, n, en, wd, tuple(json.loads(a)))
            for i, t, n, en, wd, a in rows
            if wanted is None or i in wanted
        ]

    def log_rejection(self, rejection: Rejection) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO rejections (source, stage, reason, document, at) VALUES (?,?,?,?,?)",
                (
                    rejection.source,
                    rejection.stage,
                    rejection.reason,
                    rejection.document,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
