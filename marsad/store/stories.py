"""The story clusterer's state per story, kept in the SQLite store (migration 4).

``story_state`` holds each story's JSON state (:meth:`marsad.corpus.stories.Story.to_state`) and
its time span; ``story_keys`` indexes stories by their entities and heavy terms, so the stories
a new document may join are found with an index lookup instead of a pass over the corpus.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from marsad.corpus.stories import Story

__all__ = ["MIGRATION", "StoryStateStore", "ensure_tables"]

MIGRATION = """
CREATE TABLE IF NOT EXISTS story_state (
    id TEXT PRIMARY KEY,
    first TEXT,
    last TEXT,
    size INTEGER NOT NULL,
    state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_keys (
    key TEXT NOT NULL,
    story TEXT NOT NULL,
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_story ON documents(story)
"""

#: SQLite's default limit on host parameters is 999 (older builds); stay well under it
_CHUNK = 500


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the story tables if the store has none (idempotent; the migration's body).

    Example:
        >>> conn = sqlite3.connect(":memory:")
        >>> _ = conn.execute("CREATE TABLE documents (id TEXT, story TEXT)")
        >>> ensure_tables(conn); ensure_tables(conn)
    """
    for statement in MIGRATION.split(";"):
        if statement.strip():
            conn.execute(statement)


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class StoryStateStore:
    """Read and write story states and their candidate keys on an open store connection.

    Writes run inside the caller's transaction.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        ensure_tables(conn)

    def save(self, story_id: str, story: Story, keys: Iterable[str]) -> None:
        """Write ``story``'s state and replace its index keys."""
        state = story.to_state()
        self.conn.execute(
            "INSERT OR REPLACE INTO story_state (id, first, last, size, state) VALUES (?,?,?,?,?)",
            (story_id, state["first"], state["last"], story.size, json.dumps(state)),
        )
        self.conn.execute("DELETE FROM story_keys WHERE story=?", (story_id,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_keys (key, story) VALUES (?,?)",
            [(k, story_id) for k in dict.fromkeys(keys)],
        )

    def load(self, story_ids: Sequence[str]) -> dict[str, Story]:
        """The stored stories with these ids (those that have a state)."""
        out: dict[str, Story] = {}
        for chunk in _chunks(list(dict.fromkeys(story_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, state FROM story_state WHERE id IN ({marks})", list(chunk)
            )
            for sid, state in rows:
                out[str(sid)] = Story.from_state(str(sid), json.loads(state))
        return out

    def missing(self, story_ids: set[str]) -> set[str]:
        """Those of ``story_ids`` that have no stored state."""
        return set(story_ids) - set(self.load(sorted(story_ids)))

    def candidates(
        self,
        keys: Sequence[Sequence[str]],
        days: Sequence[date | None],
        window_days: int,
    ) -> dict[str, Story]:
        """The stored stories that documents may join: a shared key and a compatible time.

        Args:
            keys: per document, its entity and term keys.
            days: per document, its (publication or estimated) day; ``None`` for any time.
            window_days: how far from a story's span a dated document may be.

        Returns:
            Story id -> story, loaded from its state.
        """
        found: set[str] = set()
        for doc_keys, day in zip(keys, days, strict=True):
            for chunk in _chunks(list(dict.fromkeys(doc_keys))):
                marks = ",".join("?" * len(chunk))
                sql = (
                    "SELECT DISTINCT k.story FROM story_keys k JOIN story_state s"
                    f" ON s.id = k.story WHERE k.key IN ({marks})"
                )
                params: list[object] = list(chunk)
                if day is not None:
                    lo = (day - timedelta(window_days)).isoformat()
                    hi = (day + timedelta(window_days)).isoformat()
                    sql += " AND (s.last IS NULL OR (s.last >= ? AND s.first <= ?))"
                    params += [lo, hi]
                found.update(str(r[0]) for r in self.conn.execute(sql, params))
        return self.load(sorted(found))

    def assignments(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The stored story of each of ``doc_ids`` that has one."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(doc_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, story FROM documents WHERE story IS NOT NULL AND id IN ({marks})",
                list(chunk),
            )
            out.update({str(i): str(s) for i, s in rows})
        return out

    def unindexed(self) -> dict[str, str]:
        """Assignments (doc -> story, in store order) of stories that have no stored state."""
        rows = self.conn.execute(
            "SELECT id, story FROM documents d WHERE story IS NOT NULL AND NOT EXISTS"
            " (SELECT 1 FROM story_state s WHERE s.id = d.story) ORDER BY seq"
        )
        return {str(i): str(s) for i, s in rows}

    def members(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        """The current documents of each story (not the versions a newer one replaced), in the
        order stored."""
        out: dict[str, list[str]] = {sid: [] for sid in story_ids}
        for chunk in _chunks(list(story_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, story FROM documents WHERE story IN ({marks}) AND id NOT IN"
                " (SELECT version_of FROM documents WHERE version_of IS NOT NULL) ORDER BY seq",
                list(chunk),
            )
            for doc_id, sid in rows:
                out[str(sid)].append(str(doc_id))
        return out
