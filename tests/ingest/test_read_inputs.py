"""read_inputs/count_inputs: dispatch, laziness, argument checks, stdin, a mixed batch."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import marsad.ingest.fetch as fetching
from marsad.errors import ConfigError, Rejection
from marsad.ingest import FetchResult, Limits, count_inputs, read_inputs
from marsad.ingest.files import read_stdin
from marsad.model import Document

ARABIC = "وصل الوفد إلى العاصمة صباح اليوم لبدء جولة جديدة من المحادثات."
SECOND = "وقال المتحدث باسم الوفد إن الأجواء إيجابية."
PAGE = f"<html><body><article><p>{ARABIC}</p><p>{SECOND}</p></article></body></html>"


def fake_fetch(calls: list[str]):  # type: ignore[no-untyped-def]
    def fetch(url: str, limits: Limits) -> FetchResult:
        calls.append(url)
        return FetchResult(
            url, url, 200, "text/html", "utf-8", PAGE.encode(), "2024-01-01T00:00:00Z"
        )

    return fetch


def test_read_inputs_mixed_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(fetching, "fetch", fake_fetch(calls))
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": ARABIC}) + "\n{bad\n", encoding="utf-8")
    inputs = [
        str(tmp_path / "missing.txt"),
        str(tmp_path / "a.txt"),
        "ftp://x.example/a",
        "https://news.example/a",
        str(tmp_path / "b.jsonl"),
    ]
    items = list(read_inputs(inputs))
    kinds = [
        i.provenance.kind if isinstance(i, Document) else f"rejected:{i.reason}" for i in items
    ]
    assert kinds == [
        "rejected:no such file or directory",
        "file",
        "rejected:unsupported URL scheme 'ftp' (only http and https)",
        "url",
        "jsonl",
        "rejected:line 2: not valid JSON (Expecting property name enclosed in double quotes "
        "at column 2)",
    ]
    assert calls == ["https://news.example/a"]


def test_read_inputs_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(fetching, "fetch", fake_fetch(calls))
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    items = read_inputs([str(tmp_path / "a.txt"), "https://news.example/a"])
    assert calls == []
    assert isinstance(next(items), Document)
    assert calls == []  # the URL is fetched only when its turn comes
    assert isinstance(next(items), Document)
    assert calls == ["https://news.example/a"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inputs": "a.txt"}, "inputs must be a sequence of paths or URLs, not a single string"),
        ({"inputs": ["a", 3]}, "each input must be a non-empty path or URL string, not 3"),
        ({"inputs": [""]}, "each input must be a non-empty path or URL string, not ''"),
        ({"inputs": ["a"], "encoding": "nope-8"}, "unknown encoding 'nope-8'"),
        ({"inputs": ["a"], "limits": {"max_bytes": 1}}, "limits must be a marsad.ingest.Limits"),
    ],
)
def test_read_inputs_checks_arguments_eagerly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_inputs(**kwargs)  # type: ignore[arg-type]  # raises before iterating


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_bytes", 0), ("timeout", -1.0), ("max_redirects", -1), ("max_files", 1.5)],
)
def test_read_inputs_limits_validated(field: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"Limits.{field} must be"):
        Limits(**{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "kind", "raw"),
    [
        (ARABIC.encode("cp1256") + b"\r\n", "stdin", ARABIC + "\n"),
        (PAGE.encode(), "stdin", f"{ARABIC}\n{SECOND}"),
        ((json.dumps({"text": ARABIC}) + "\n").encode(), "jsonl", ARABIC),
    ],
)
def test_read_inputs_stdin(data: bytes, kind: str, raw: str) -> None:
    [doc] = list(read_stdin(stream=io.BytesIO(data)))
    assert isinstance(doc, Document)
    assert doc.provenance.source == "<stdin>"
    assert doc.provenance.kind == kind
    assert doc.raw == raw


def test_read_inputs_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(ARABIC.encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [doc] = list(read_inputs(["-"]))
    assert isinstance(doc, Document) and doc.raw == ARABIC


def test_read_inputs_stdin_over_limit() -> None:
    [item] = list(read_stdin(stream=io.BytesIO(b"a" * 101), limits=Limits(max_bytes=100)))
    assert isinstance(item, Rejection)
    assert item.reason == "input is over the 100-byte limit (Limits.max_bytes)"


def test_read_inputs_local_feed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(fetching, "fetch", fake_fetch(calls))
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>قناة</title>"
        "<item><title>خبر</title><link>https://news.example/1</link>"
        "<pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    [doc] = list(read_inputs([str(feed)]))
    assert isinstance(doc, Document)
    assert calls == ["https://news.example/1"]
    assert (doc.provenance.kind, doc.metadata.title, doc.metadata.published, doc.metadata.site) == (
        "feed",
        "خبر",
        "2024-05-07",
        "قناة",
    )


def test_read_inputs_count(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', "utf-8")
    assert count_inputs([str(tmp_path)]) == 4
    assert count_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing")]) == 2
    assert count_inputs([str(tmp_path), "https://x.example/"]) is None
    assert count_inputs(["-"]) is None
    assert count_inputs([]) == 0
