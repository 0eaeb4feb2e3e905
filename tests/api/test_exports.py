"""``GET /api/exports/{format}`` and ``GET /api/events/{id}`` over the hand-built store."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

import pytest

from marsad.exports.analysis import validate


@pytest.mark.parametrize(
    ("fmt", "media", "suffix"),
    [
        ("json", "application/json", ".json"),
        ("csv", "application/zip", ".zip"),
        ("plover", "application/x-ndjson", ".jsonl"),
        ("graphml", "application/graphml+xml", ".graphml"),
        ("gexf", "application/gexf+xml", ".gexf"),
        ("report-html", "text/html", ".html"),
        ("report-md", "text/markdown", ".md"),
    ],
)
def test_exports_every_format_is_a_download(client: Any, fmt: str, media: str, suffix: str) -> None:
    r = client.get(f"/api/exports/{fmt}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    disposition = r.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=") and disposition.endswith(f'{suffix}"')
    assert r.content


def test_exports_json_validates(client: Any) -> None:
    export = client.get("/api/exports/json").json()
    assert validate(export) == [] and len(export["events"]) == 2


def test_exports_csv_zip_and_single_table(client: Any) -> None:
    z = zipfile.ZipFile(io.BytesIO(client.get("/api/exports/csv").content))
    assert sorted(z.namelist()) == ["entities.csv", "events.csv", "facts.csv", "quotes.csv"]
    r = client.get("/api/exports/csv?table=entities")
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="entities.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"), newline="")))
    assert {"فلاديمير بوتين", "كازاخستان", "موسكو"} <= {row["name"] for row in rows}


def test_exports_plover_lines_parse(client: Any) -> None:
    lines = client.get("/api/exports/plover").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["ev1", "ev2"]
    assert records[0]["actors"][0]["name_en"] == "Vladimir Putin"


def test_exports_date_filter_narrows(client: Any, store_ids: dict[str, str]) -> None:
    export = client.get("/api/exports/json?date_from=2025-11-12").json()
    assert {d["id"] for d in export["documents"]} == {store_ids["xss"]}
    assert export["events"] == [] and validate(export) == []


def test_exports_report_escapes_article_markup(client: Any) -> None:
    page = client.get("/api/exports/report-html").text
    assert "<script>window" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("/api/exports/pdf", 422),
        ("/api/exports/json?date_from=yesterday", 422),
        ("/api/exports/json?date_from=2025-13-01", 400),  # well-formed, not a date
        ("/api/exports/csv?table=people", 422),
        ("/api/exports/json?story=S-1&date_from=2025", 400),
        ("/api/exports/json?date_from=2025-12-01&date_to=2025-11-01", 400),
        ("/api/exports/json?story=nope", 404),
    ],
)
def test_exports_bad_requests_are_problems(client: Any, query: str, status: int) -> None:
    r = client.get(query)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


def test_events_detail_names_participants_and_cites_sentences(
    client: Any, store_ids: dict[str, str]
) -> None:
    ev = client.get("/api/events/ev1").json()
    roles = [(p["role"], p["name"]) for p in ev["participants"]]
    assert roles == [
        ("actor", "فلاديمير بوتين"),
        ("target", "كازاخستان"),
        ("location", "كازاخستان"),
    ]
    (article,) = ev["articles"]
    assert article["id"] == store_ids["visit"] and article["title"] == "بوتين يصل إلى كازاخستان"
    span = article["evidence"][0]
    sentence = span["sentence"]
    assert sentence["start"] <= span["start"] < span["end"] <= sentence["end"]
    assert span["text"] in sentence["text"]
    assert client.get("/api/events/nope").status_code == 404


def test_exports_in_openapi(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/exports/{fmt}" in paths and "/api/events/{event_id}" in paths


def test_exports_story_report_covers_its_documents_only(
    client: Any, store_ids: dict[str, str], tmp_path: Any
) -> None:
    from marsad.store.sqlite import SqliteStore

    with SqliteStore.open(tmp_path / "api.db") as store:
        store.set_story(store_ids["visit"], "S-visit")
    r = client.get("/api/exports/report-md?story=S-visit")
    assert r.status_code == 200
    assert 'filename="marsad-S-visit-report.md"' in r.headers["content-disposition"]
    assert "بوتين يصل إلى كازاخستان" in r.text  # the story's title and only source
    assert "<script>" not in r.text and "\\<script\\>" not in r.text  # the xss article is out
    export = client.get("/api/exports/json?story=S-visit").json()
    assert [d["id"] for d in export["documents"]] == [store_ids["visit"]]
