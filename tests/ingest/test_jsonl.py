"""JSON Lines: streamed, one rejection per bad line, the rest go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.errors import Rejection
from marsad.ingest import Limits, read_inputs
from marsad.model import Document

TEXT = "قالت الحكومة اليوم إن الميزانية الجديدة ستقدم إلى البرلمان الأسبوع المقبل."


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    data = b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n"
    path.write_bytes(data)
    return path


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "news.jsonl",
        [
            json.dumps(
                {
                    "text": TEXT,
                    "title": "الميزانية",
                    "url": "https://n.example/1",
                    "published": "2024-05-01T10:00:00+03:00",
                    "source": "وكالة",
                }
            ),
            "{not json",
            "",
            json.dumps([1, 2]),
            json.dumps({"body": TEXT, "id": 3}),
            json.dumps({"text": "   "}),
            json.dumps({"text": TEXT, "title": 5}),
            json.dumps({"text": TEXT, "published": "yesterday"}),
            json.dumps({"text": TEXT + "\r\nسطر"}),
        ],
    )
    items = list(read_inputs([str(path)]))
    source = str(path.resolve())
    first = items[0]
    assert isinstance(first, Document)
    assert first.raw == TEXT
    assert first.provenance == first.provenance.__class__(
        source, "jsonl", first.provenance.fetched_at, "utf-8", 1
    )
    assert first.metadata.title == "الميزانية"
    assert first.metadata.url == "https://n.example/1"
    assert first.metadata.published == "2024-05-01"
    assert first.metadata.published_from == "metadata"
    assert first.metadata.site == "وكالة"
    reasons = [(i.source, i.reason) for i in items if isinstance(i, Rejection)]
    assert reasons == [
        (
            source,
            "line 2: not valid JSON (Expecting property name enclosed in double quotes "
            "at column 2)",
        ),
        (source, "line 4: a line must hold a JSON object, not list"),
        (source, "line 5: no 'text' or 'html' field (fields: body, id)"),
        (source, "line 6: field 'text' is empty"),
        (source, "line 7: field 'title' must be a string, not int"),
        (
            source,
            "line 8: field 'published' is not a date: 'yesterday' (use ISO 8601, e.g. 2024-05-01)",
        ),
    ]
    last = items[-1]
    assert isinstance(last, Document)
    assert last.raw == TEXT + "\nسطر"
    assert last.provenance.line == 9


def test_jsonl_html_line_fills_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>عنوان الصفحة</title>"
        "<meta property='article:published_time' content='2023-12-31'></head><body><article>"
        f"<p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    )
    path = write_lines(tmp_path / "a.jsonl", [json.dumps({"html": html, "title": "عنوان السطر"})])
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert TEXT in doc.raw and "<p>" not in doc.raw
    assert doc.metadata.title == "عنوان السطر"  # the line's own field wins
    assert doc.metadata.published == "2023-12-31"  # the page fills what the line lacks


def test_jsonl_long_line_skipped(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "a.jsonl",
        [json.dumps({"text": "ا" * 5000}), json.dumps({"text": TEXT})],
    )
    items = list(read_inputs([str(path)], limits=Limits(max_bytes=1000)))
    assert isinstance(items[0], Rejection)
    assert items[0].reason == "line 1: longer than the 1000-byte limit (Limits.max_bytes); skipped"
    assert isinstance(items[1], Document) and items[1].provenance.line == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file (0 bytes)"),
        (b"\n\n  \n", "no articles: all 3 lines are blank"),
        (b"PK\x03\x04\x00\x00", "binary file (ZIP archive (or DOCX/XLSX/EPUB)), not JSON Lines"),
    ],
)
def test_jsonl_whole_file_rejections(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert [(r.source, r.reason) for r in items if isinstance(r, Rejection)] == [
        (str(path), reason)
    ]
    assert len(items) == 1


def test_jsonl_bom_and_legacy_line(tmp_path: Path) -> None:
    good = json.dumps({"text": TEXT}, ensure_ascii=False)
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good.encode() + b"\r\n" + good.encode("cp1256") + b"\r\n")
    docs = list(read_inputs([str(path)]))
    assert [d.raw for d in docs if isinstance(d, Document)] == [TEXT, TEXT]
    assert [d.provenance.encoding for d in docs if isinstance(d, Document)] == [
        "utf-8",
        "windows-1256",
    ]
