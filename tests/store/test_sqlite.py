from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.errors import Rejection, StoreError
from marsad.model import (
    Document,
    EntityMention,
    EventMention,
    Metadata,
    Participant,
    Provenance,
    Quantity,
    TimeExpression,
)
from marsad.pipeline import build_pipeline
from marsad.store.sqlite import SCHEMA_VERSION, SqliteStore


def _doc(text: str, source: str = "a.txt") -> Document:
    doc = Document(
        text,
        Provenance(source, "file", "2025-01-01T00:00:00+00:00"),
        Metadata(title="عنوان", published="2025-11-11", published_from="metadata"),
    )
    return build_pipeline(["clean", "segment"])(doc)


def test_sqlite_round_trips_document_with_layers(tmp_path: Path) -> None:
    doc = _doc("Ru En\nوصل بوتن إلى أستانا. قال إن 7,591 كم.\nالمصدر: تاس")
    doc = doc.with_(
        entities=(EntityMention(0, 3, "وصل", "MISC"),),
        times=(TimeExpression(0, 3, "وصل", "2025-11-11", "day", anchor="2025-11-11"),),
        quantities=(Quantity(0, 3, "وصل", 7591.0, "km", equivalent=(4650.0, "mi")),),
        events=(
            EventMention(
                doc.id,
                "CONSULT",
                "visit",
                "occurred",
                (Participant("wd:Q7747", 4, 8, "بوتن"),),
                (),
                Participant("x:1", 13, 19, "أستانا"),
                "2024-11-27",
                None,
                "day",
                (0, 3),
                (0, 20),
            ),
        ),
    )
    with SqliteStore.open(tmp_path / "m.db") as store:
        assert store.put(doc).status == "new"
        back = store.get(doc.id[:8])
    assert back == doc


def test_sqlite_same_content_adds_nothing(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "m.db") as store:
        store.put(_doc("نص واحد."))
        assert store.put(_doc("نص واحد.")).status == "exists"
        assert store.count() == 1


def test_sqlite_changed_article_at_same_source_is_new_version(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "m.db") as store:
        first = store.put(_doc("النسخة الأولى.", "https://x.test/a"))
        second = store.put(_doc("النسخة الثانية.", "https://x.test/a"))
        assert second.status == "version"
        assert second.version_of == first.doc_id
        assert store.count() == 2
        assert store.ids(latest_only=True) == [second.doc_id]


def test_sqlite_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    doc = _doc("نص.")
    with SqliteStore.open(tmp_path / "m.db") as store:
        store.conn.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON layers BEGIN SELECT RAISE(ABORT, 'x'); END"
        )
        with pytest.raises(sqlite3.IntegrityError):
            store.put(doc)
        assert store.count() == 0
        assert store.conn.execute("SELECT count(*) FROM layers").fetchone()[0] == 0


def test_sqlite_schema_is_versioned(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with SqliteStore.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this marsad"):
        SqliteStore.open(path)


def test_sqlite_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a marsad SQLite store"):
        SqliteStore.open(path)


def test_sqlite_get_unknown_document_names_it(tmp_path: Path) -> None:
    with (
        SqliteStore.open(tmp_path / "m.db") as store,
        pytest.raises(StoreError, match="no document"),
    ):
        store.get("deadbeef0000")


def test_sqlite_logs_rejections(tmp_path: Path) -> None:
    with SqliteStore.open(tmp_path / "m.db") as store:
        store.log_rejection(Rejection("bad.bin", "ingest", "binary file"))
        rows = store.conn.execute("SELECT source, reason FROM rejections").fetchall()
    assert rows == [("bad.bin", "binary file")]


def test_sqlite_links_wire_copies_to_first_copy(tmp_path: Path) -> None:
    story = (
        "أعلنت وزارة الصحة اليوم تسجيل عشر حالات جديدة في مدينة الرياض وقالت إن الوضع"
        " تحت السيطرة وإن الفرق الطبية تعمل على مدار الساعة لمتابعة المخالطين."
    )
    with SqliteStore.open(tmp_path / "m.db") as store:
        first = store.put(_doc(story, "https://a.example/1"))
        copy = store.put(_doc(story + " (واس)", "https://b.example/2"))
        other = store.put(_doc("خبر آخر تماما عن الطقس والأمطار في جدة هذا الأسبوع.", "c"))
        assert store.document_fields(copy.doc_id)["duplicate_of"] == first.doc_id
        assert store.document_fields(other.doc_id)["duplicate_of"] is None
        assert store.document_fields(first.doc_id)["duplicate_of"] is None
        assert store.count() == 3  # never deleted


def test_sqlite_reanalysis_with_a_new_clean_text_updates_the_near_duplicate_link(
    tmp_path: Path,
) -> None:
    story = (
        "أعلنت وزارة الصحة اليوم تسجيل عشر حالات جديدة في مدينة الرياض وقالت إن الوضع"
        " تحت السيطرة وإن الفرق الطبية تعمل على مدار الساعة لمتابعة المخالطين."
    )
    # what an older cleaner kept of the second page: its menus and links, not the story
    noisy = (
        "الرئيسية أخبار محلية اقتصاد رياضة ثقافة فنون اتصل بنا سياسة الخصوصية اشترك في"
        " النشرة البريدية تابعنا على تويتر وفيسبوك أسعار الذهب اليوم جدول المباريات."
    )
    with SqliteStore.open(tmp_path / "m.db") as store:
        first = store.put(_doc(story, "https://a.example/1"))
        second = store.put(_doc(noisy, "https://b.example/2"))
        assert store.document_fields(second.doc_id)["duplicate_of"] is None
        # an updated cleaner now finds the story in the second page
        cleaned = store.get(second.doc_id).with_(text=story + " (واس)")
        store.reanalysed(cleaned, "v2")
        assert store.document_fields(second.doc_id)["duplicate_of"] == first.doc_id
        assert store.document_fields(first.doc_id)["duplicate_of"] is None
        assert store.count() == 2
