"""The near-duplicate index's band table and records, kept in the SQLite store (migration 3).

Implements :class:`marsad.corpus.dedup.DedupBackend`, so new articles are checked against the
stored index (a band lookup, sub-linear in the corpus) rather than recomputed over the corpus.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

import numpy as np

from marsad.corpus.dedup import DedupRecord

__all__ = ["MIGRATION", "SqliteDedupBackend"]

MIGRATION = """
CREATE TABLE dedup_docs (
    doc_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    n_words INTEGER NOT NULL,
    shingles BLOB NOT NULL,
    duplicate_of TEXT
);
CREATE TABLE dedup_bands (band INTEGER NOT NULL, key BLOB NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX dedup_bands_key ON dedup_bands(band, key)
"""


class SqliteDedupBackend:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def bucket(self, band: int, key: bytes) -> Iterable[str]:
        rows = self.conn.execute(
            "SELECT doc_id FROM dedup_bands WHERE band=? AND key=?", (band, key)
        )
        return [str(r[0]) for r in rows]

    def put(self, record: DedupRecord, keys: list[bytes]) -> None:
        self.conn.execute(
            "INSERT INTO dedup_docs (doc_id, seq, n_words, shingles, duplicate_of)"
            " VALUES (?,?,?,?,?)",
            (
                record.doc_id,
                record.seq,
                record.n_words,
                np.asarray(record.shingles, dtype=np.uint32).tobytes(),
                record.duplicate_of,
            ),
        )
        self.conn.executemany(
            "INSERT INTO dedup_bands (band, key, doc_id) VALUES (?,?,?)",
            [(band, key, record.doc_id) for band, key in enumerate(keys)],
        )

    def _record(self, row: tuple[str, int, int, bytes, str | None]) -> DedupRecord:
        doc_id, seq, n_words, shingles, dup = row
        return DedupRecord(doc_id, seq, n_words, np.frombuffer(shingles, dtype=np.uint32), dup)

    def get(self, doc_id: str) -> DedupRecord | None:
        row = self.conn.execute(
            "SELECT doc_id, seq, n_words, shingles, duplicate_of FROM dedup_docs WHERE doc_id=?",
            (doc_id,),
        ).fetchone()
        return None if row is None else self._record(row)

    def remove(self, doc_id: str) -> None:
        self.conn.execute("DELETE FROM dedup_docs WHERE doc_id=?", (doc_id,))
        self.conn.execute("DELETE FROM dedup_bands WHERE doc_id=?", (doc_id,))

    def records(self) -> Iterator[DedupRecord]:
        rows = self.conn.execute(
            "SELECT doc_id, seq, n_words, shingles, duplicate_of FROM dedup_docs ORDER BY seq"
        )
        for row in rows.fetchall():
            yield self._record(row)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM dedup_docs").fetchone()[0])
