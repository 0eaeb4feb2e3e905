"""Every read endpoint over a store of hand-built documents with all layers filled."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.exports.analysis import validate


def test_routes_health(client: Any) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "documents": 3, "token_required": False}


@pytest.mark.parametrize(
    ("offset", "limit", "count"), [(0, 20, 3), (0, 2, 2), (2, 2, 1), (5, 2, 0)]
)
def test_routes_documents_paginated(client: Any, offset: int, limit: int, count: int) -> None:
    body = client.get(f"/api/documents?offset={offset}&limit={limit}").json()
    assert body["total"] == 3
    assert len(body["items"]) == count


def test_routes_documents_newest_first_with_counts(client: Any, store_ids: dict[str, str]) -> None:
    items = client.get("/api/documents").json()["items"]
    assert [i["id"] for i in items] == [store_ids["plain"], store_ids["xss"], store_ids["visit"]]
    visit = items[2]
    assert visit["title"] == "بوتين يصل إلى كازاخستان"
    assert visit["counts"] == {"entities": 5, "times": 1, "quantities": 2, "quotes": 1}


def test_routes_document_has_layers_whose_offsets_match(
    client: Any, store_ids: dict[str, str]
) -> None:
    doc = client.get(f"/api/documents/{store_ids['visit']}").json()
    assert doc["id"] == store_ids["visit"]
    ents = {e["id"]: e for e in doc["entities"]}
    assert ents["wd:Q7747"]["name_en"] == "Vladimir Putin"
    assert len(ents["wd:Q7747"]["mentions"]) == 2
    for layer in ("times", "quantities", "quotes"):
        for span in doc[layer]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]
    assert doc["times"][0]["value"] == "2025-11-11"
    assert doc["quotes"][0]["speaker"] == "wd:Q7747"


def test_routes_document_by_prefix(client: Any, store_ids: dict[str, str]) -> None:
    assert client.get(f"/api/documents/{store_ids['visit'][:8]}").json()["id"] == store_ids["visit"]


@pytest.mark.parametrize(
    ("layer", "count"), [("entities", 3), ("times", 1), ("quantities", 2), ("quotes", 1)]
)
def test_routes_document_layer(
    client: Any, store_ids: dict[str, str], layer: str, count: int
) -> None:
    r = client.get(f"/api/documents/{store_ids['visit']}/{layer}")
    assert r.status_code == 200
    assert len(r.json()) == count


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/ffffffffffffffff",
        "/api/documents/nope/times",
        "/api/entities/wd:Q1",
        "/api/jobs/abc",
    ],
)
def test_routes_unknown_ids_are_404_problems(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["type"] == "/problems/not-found" and body["status"] == 404 and body["detail"]
    assert "api.db" not in body["detail"]  # no server paths in answers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["wd:Q7747", "wd:Q649", "wd:Q232"]),
        ("?type=PERSON", ["wd:Q7747"]),
        ("?q=putin", ["wd:Q7747"]),
        ("?q=بوتن", ["wd:Q7747"]),
        ("?type=ORG", []),
    ],
)
def test_routes_entities_filter(client: Any, query: str, expected: list[str]) -> None:
    items = client.get("/api/entities" + query).json()["items"]
    ids = [i["id"] for i in items if not i["id"].startswith("x:")]
    assert sorted(ids) == sorted(expected)


def test_routes_entity_detail_has_sentences_and_documents(
    client: Any, store_ids: dict[str, str]
) -> None:
    e = client.get("/api/entities/wd:Q7747").json()
    assert e["name"] == "فلاديمير بوتين" and e["name_en"] == "Vladimir Putin"
    assert e["mentions"] == 2 and e["documents"] == 1
    for m in e["mention_list"]:
        s = m["sentence"]
        assert s["start"] <= m["start"] < m["end"] <= s["end"]
        assert m["text"] in s["text"]
    assert e["mention_list"][1]["sentence"]["text"].startswith("وقال بوتين")
    assert e["document_list"][0]["id"] == store_ids["visit"]
    assert {ev["id"] for ev in e["events"]} == {"ev1", "ev2"}
    assert {f["id"] for f in e["facts"]} == {"f1", "f2"}


def test_routes_unresolved_mentions_grouped(client: Any) -> None:
    items = client.get("/api/entities?q=موسكو").json()["items"]
    assert {i["id"][:2] for i in items} == {"wd", "x:"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ev1", "ev2"]),
        ("?status=planned", ["ev2"]),
        ("?type=visit", ["ev1"]),
        ("?entity=wd:Q232", ["ev1"]),
        ("?date_from=2025-11-20", ["ev2"]),
        ("?date_to=2025-11", ["ev1"]),
        ("?date_from=2026-01-01", []),
    ],
)
def test_routes_events_filters(client: Any, query: str, expected: list[str]) -> None:
    assert [e["id"] for e in client.get("/api/events" + query).json()["items"]] == expected


@pytest.mark.parametrize(
    "query",
    ["?date_from=yesterday", "?date_to=2025-13-011", "?limit=0", "?limit=1000", "?offset=-1"],
)
def test_routes_bad_query_is_422_problem(client: Any, query: str) -> None:
    r = client.get("/api/events" + query)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"]


def test_routes_timeline_events(client: Any) -> None:
    t = client.get("/api/timeline").json()
    assert t["kind"] == "events"
    assert [i["date"] for i in t["items"]] == ["2025-11-11", "2025-12-01"]


def test_routes_facts_and_conflicts(client: Any) -> None:
    assert len(client.get("/api/facts?entity=wd:Q232").json()["items"]) == 2
    assert client.get("/api/facts?attribute=population").json()["items"] == []
    conflicts = client.get("/api/conflicts").json()["items"]
    assert conflicts[0]["reason"] == "عدد الاتفاقيات مختلف"
    assert [f["value"] for f in conflicts[0]["fact_list"]] == [30, 25]
    assert client.get("/api/conflicts?entity=wd:Q649").json()["items"] == []


def test_routes_stories_and_rejections_empty(client: Any) -> None:
    assert client.get("/api/stories").json()["total"] == 0
    assert client.get("/api/rejections").json()["total"] == 0


@pytest.mark.parametrize(
    ("q", "doc_names"),
    [
        ("موسكو", {"visit", "xss", "plain"}),
        ("اتفاقية", {"visit"}),
        ("<script>", {"xss"}),
        ("لا يوجد هذا", set()),
    ],
)
def test_routes_search_full_text(
    client: Any, store_ids: dict[str, str], q: str, doc_names: set[str]
) -> None:
    r = client.get("/api/search", params={"q": q}).json()
    assert {d["id"] for d in r["documents"]} == {store_ids[n] for n in doc_names}
    for d in r["documents"]:
        s = d["snippet"]
        # the highlight is the matched word (search works on words, not raw substrings)
        assert s["text"][s["start"] : s["end"]] in q


def test_routes_search_needs_q(client: Any) -> None:
    assert client.get("/api/search").status_code == 422


def test_routes_export_is_valid_analysis(client: Any) -> None:
    r = client.get("/api/export")
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    export = r.json()
    assert export["schema"] == "marsad.analysis/1"
    assert validate(export) == []
    assert len(export["documents"]) == 3 and len(export["events"]) == 2


def test_routes_openapi_documents_every_endpoint(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in [
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/{doc_id}/quotes",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/timeline",
        "/api/facts",
        "/api/conflicts",
        "/api/stories",
        "/api/search",
        "/api/export",
        "/api/ingest",
        "/api/jobs/{job_id}",
    ]:
        assert p in paths, p
    assert paths["/api/ingest"]["post"].get("security"), (
        "the write endpoint declares its bearer token"
    )
