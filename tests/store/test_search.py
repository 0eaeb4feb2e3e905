from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.model import Document, EntityMention, Metadata, Provenance
from marsad.pipeline import build_pipeline
from marsad.store.search import SearchFilters
from marsad.store.sqlite import SqliteStore

TEXTS = {
    "a": "وفقًا لما أعلنه الـ كريملِن اليوم.",
    "b": "وقال مساعد الكرملين إن الزيارة ناجحة.",
    "c": "وهذه الخطوة إحراج للكرملين كما قال المحللون.",
    "d": "قال الرئيس إن الوفد الروسي وصل. ثم تحدث الكرملين.",
    "e": "خبر عن الطقس في الرياض.",
}


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    s = SqliteStore.open(tmp_path / "m.db")
    pipeline = build_pipeline(["clean", "segment"])
    for i, (name, text) in enumerate(TEXTS.items()):
        doc = pipeline(
            Document(
                text,
                Provenance(f"https://{name}.example/x", "url", "t"),
                Metadata(title=name, published=f"2025-01-0{i + 1}"),
            )
        )
        if name == "d":
            start = text.index("الرئيس")
            doc = doc.with_(
                entities=(EntityMention(start, start + 6, "الرئيس", "PERSON", "wd:Q7747"),)
            )
        s.put(doc)
    return s


def _titles(store: SqliteStore, query: str, **kw: object) -> list[str | None]:
    return [h.title for h in store.search(query, filters=SearchFilters(**kw))]  # type: ignore[arg-type]


def test_search_finds_spellings_and_clitics(store: SqliteStore) -> None:
    titles = _titles(store, "الكرملين")
    assert set(titles) == {"a", "b", "c", "d"}
    assert titles[-1] == "a"  # a spelling variant ranks after the same word


def test_search_exact_phrase_first(store: SqliteStore) -> None:
    hits = store.search("مساعد الكرملين")
    assert hits[0].title == "b" and hits[0].tier == 0
    quoted = store.search('"الوفد الروسي"')
    assert [h.title for h in quoted][:1] == ["d"]


def test_search_snippet_highlights_match(store: SqliteStore) -> None:
    (hit,) = store.search("مساعد")
    assert "[مساعد]" in hit.snippet


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "2025-01-02", "date_to": "2025-01-03"}, {"b", "c"}),
        ({"source": "c.example"}, {"c"}),
        ({"entity": "wd:Q7747"}, {"d"}),
    ],
)
def test_search_filters(store: SqliteStore, filters: dict[str, str], expected: set[str]) -> None:
    assert set(_titles(store, "الكرملين", **filters)) == expected


def test_search_rejects_empty_query(store: SqliteStore) -> None:
    with pytest.raises(ConfigError, match="no words"):
        store.search("  ... ")


def test_search_index_built_for_stores_made_before_it(tmp_path: Path) -> None:
    import sqlite3

    from marsad.store.sqlite import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    first = MIGRATIONS[0]
    assert isinstance(first, str)
    conn.executescript(first)
    conn.execute(
        "INSERT INTO documents (id, source, kind, fetched_at, encoding, metadata, raw, text,"
        " stored_at, seq) VALUES ('x1', 's', 'file', 't', 'utf-8', '{}', ?, ?, 't', 1)",
        ("زار الكرملين.", "زار الكرملين."),
    )
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with SqliteStore.open(path) as s:
        assert [h.doc_id for h in s.search("للكرملين")] == ["x1"]
        assert s.analysed_with("x1") is None  # stored before fingerprints: analysed again


def test_search_exact_form_first_then_clitics_then_spellings(store: SqliteStore) -> None:
    titles = _titles(store, "الكرملين")
    assert set(titles[:2]) == {"b", "d"}  # "الكرملين" as typed
    assert titles[2:] == ["c", "a"]  # "للكرملين", then the spelling variant "الـ كريملِن"


@pytest.mark.parametrize(("query", "first"), [("للكرملين", "c"), ("كريملن", "a")])
def test_search_query_form_decides_which_exact_match_is_first(
    store: SqliteStore, query: str, first: str
) -> None:
    titles = _titles(store, query)
    assert titles[0] == first and set(titles) >= {"b", "c"}
