from __future__ import annotations

from pathlib import Path

import pytest

from marsad.engine.stories import assign_stories, document_features, named_days
from marsad.model import Document, Metadata, Provenance, TimeExpression
from marsad.pipeline import build_pipeline
from marsad.store.sqlite import SqliteStore
from marsad.store.stories import StoryStateStore

VISIT = "وصل الرئيس الروسي فلاديمير بوتين إلى أستانا في زيارة دولة تستمر يومين لبحث التعاون"
VISIT2 = "بدأ الرئيس الروسي فلاديمير بوتين زيارة دولة إلى أستانا لبحث التعاون بين البلدين"
OTHER = "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج"


def _doc(text: str, published: str | None, name: str) -> Document:
    pipeline = build_pipeline(["clean", "segment"])
    meta = Metadata(title=name, published=published)
    return pipeline(Document(text, Provenance(f"https://x.example/{name}", "url", "t"), meta))


def _put(store: SqliteStore, docs: list[Document]) -> list[Document]:
    for d in docs:
        store.put(d)
    return docs


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    return SqliteStore.open(tmp_path / "m.db")


def test_stories_engine_new_batch_joins_stored_story_without_reloading(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _put(store, [_doc(VISIT, "2024-11-27", "a"), _doc(OTHER, "2024-11-27", "o")])
    out1 = assign_stories(first, store)
    assert len(out1) == 2
    # the second batch must not read the stored documents back
    monkeypatch.setattr(SqliteStore, "get", lambda *_: pytest.fail("reloaded a document"))
    second = _put(store, [_doc(VISIT2, "2024-11-28", "b")])
    (story,) = assign_stories(second, store)
    (visit_story,) = [s["id"] for s in out1 if first[0].id in s["docs"]]
    assert story["id"] == visit_story
    assert set(story["docs"]) == {first[0].id, second[0].id}
    assert story["start"] == "2024-11-27" and story["end"] == "2024-11-28"
    assert StoryStateStore(store.conn).load([story["id"]])[story["id"]].size == 2


def test_stories_engine_same_visit_a_year_later_is_a_new_story(store: SqliteStore) -> None:
    a = _put(store, [_doc(VISIT, "2024-11-27", "a")])
    (s1,) = assign_stories(a, store)
    b = _put(store, [_doc(VISIT2, "2025-11-27", "b")])
    (s2,) = assign_stories(b, store)
    assert s1["id"] != s2["id"]


def test_stories_engine_undated_document_dated_by_its_story(store: SqliteStore) -> None:
    docs = _put(store, [_doc(VISIT, "2024-11-27", "a"), _doc(VISIT2, None, "u")])
    (story,) = assign_stories(docs, store)
    assert story["dated_by_story"] == [docs[1].id]
    assert story["start"] == story["end"] == "2024-11-27"


def test_stories_engine_rebuilds_state_of_older_stores(store: SqliteStore) -> None:
    a = _put(store, [_doc(VISIT, "2024-11-27", "a")])
    (s1,) = assign_stories(a, store)
    store.conn.execute("DELETE FROM story_state")
    store.conn.execute("DELETE FROM story_keys")
    b = _put(store, [_doc(VISIT2, "2024-11-28", "b")])
    (s2,) = assign_stories(b, store)
    assert s2["id"] == s1["id"] and len(s2["docs"]) == 2


def test_stories_engine_assignment_is_kept_on_rerun(store: SqliteStore) -> None:
    docs = _put(store, [_doc(VISIT, "2024-11-27", "a"), _doc(OTHER, "2024-11-27", "o")])
    first = assign_stories(docs, store)
    again = assign_stories(docs, store)
    assert [s["id"] for s in first] == [s["id"] for s in again]
    assert StoryStateStore(store.conn).load([s["id"] for s in first])[first[0]["id"]].size == 1


@pytest.mark.parametrize(
    ("value", "end", "granularity", "expected"),
    [
        ("XXXX-11-27", "XXXX-11-28", "day", ["XXXX-11-27", "XXXX-11-28"]),
        ("2024-11-27", None, "day", ["2024-11-27"]),
        ("2024-11", None, "month", []),
        ("2024-02-28", "2024-03-01", "day", ["2024-02-28", "2024-02-29", "2024-03-01"]),
    ],
)
def test_stories_engine_named_days(
    value: str, end: str | None, granularity: str, expected: list[str]
) -> None:
    t = TimeExpression(0, 1, "x", value, granularity, end_value=end)
    assert sorted(named_days([t])) == expected


def test_stories_engine_features_read_the_layers() -> None:
    doc = _doc(VISIT, None, "a").with_(
        times=(TimeExpression(0, 1, "x", "XXXX-11-27", "day"),),
    )
    feats = document_features(doc)
    assert feats.day is None and feats.dates == frozenset({"XXXX-11-27"})


def test_stories_engine_lists_only_the_current_version(store: SqliteStore) -> None:
    old = _put(store, [_doc(VISIT, "2024-11-27", "a")])
    assign_stories(old, store)
    new = _doc(VISIT + " وتوقيع اتفاقيات", "2024-11-27", "a")  # same address, edited text
    assert store.put(new).status == "version"
    (story,) = assign_stories([new], store)
    assert story["docs"] == [new.id]
