"""fetch() and URL/feed reading against a real local server."""

from __future__ import annotations

import time

import pytest

import marsad.ingest.fetch as fetching
from marsad.errors import IngestError, Rejection
from marsad.ingest import FetchResult, Limits, read_inputs
from marsad.ingest.fetch import fetch
from marsad.model import Document


def test_fetch_page_ok(server: str, fast_limits: Limits) -> None:
    result = fetch(f"{server}/page.html", fast_limits)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert "عنوان الخبر".encode() in result.body
    assert result.fetched_at.endswith("Z")


def test_fetch_sends_user_agent(server: str, fast_limits: Limits) -> None:
    result = fetch(f"{server}/ua", fast_limits)
    assert fast_limits.user_agent in result.body.decode()


def test_fetch_follows_redirect(server: str, fast_limits: Limits) -> None:
    result = fetch(f"{server}/redirect", fast_limits)
    assert result.final_url == f"{server}/page.html"
    assert result.url == f"{server}/redirect"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/error", "HTTP 500 Internal Server Error"),
        ("/missing", "HTTP 404 Not Found"),
        ("/hang", "timed out after 0.5 s (Limits.timeout)"),
        ("/loop0", "more than 5 redirects (Limits.max_redirects); the last was to "),
        ("/to-file", "redirect to unsupported scheme 'file' (file:///etc/passwd)"),
        ("/big", "response is 300000 bytes, over the 200000-byte limit (Limits.max_bytes); not"),
        ("/big-unsized", "response is over the 200000-byte limit (Limits.max_bytes); stopped"),
        ("/drip", "took longer than 1 s (Limits.total_timeout); stopped after "),
    ],
)
def test_fetch_bounded_failures(server: str, fast_limits: Limits, path: str, reason: str) -> None:
    start = time.monotonic()
    with pytest.raises(IngestError) as info:
        fetch(f"{server}{path}", fast_limits)
    assert info.value.source == f"{server}{path}"
    assert info.value.reason.startswith(reason)
    assert time.monotonic() - start < 2.5  # the bounds hold: nothing waits for the server


def test_fetch_connection_refused(fast_limits: Limits) -> None:
    with pytest.raises(IngestError, match="cannot connect"):
        fetch("http://127.0.0.1:9/", fast_limits)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a", "unsupported URL scheme 'ftp' (only http and https)"),
        ("file:///etc/passwd", "unsupported URL scheme 'file' (only http and https)"),
        ("http:///nohost", "URL has no host"),
    ],
)
def test_fetch_refuses_bad_urls(url: str, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        fetch(url, Limits())
    assert info.value.reason == reason


def test_fetch_redirect_limit_zero(server: str) -> None:
    with pytest.raises(IngestError, match="more than 0 redirects"):
        fetch(f"{server}/redirect", Limits(max_redirects=0, timeout=0.5))


def _one(inputs: list[str], limits: Limits) -> Document | Rejection:
    items = list(read_inputs(inputs, limits=limits))
    assert len(items) == 1, items
    return items[0]


def test_read_url_page_document(server: str, fast_limits: Limits) -> None:
    doc = _one([f"{server}/redirect"], fast_limits)
    assert isinstance(doc, Document)
    assert doc.provenance.kind == "url"
    assert doc.provenance.source == f"{server}/redirect"
    assert doc.provenance.encoding == "utf-8"
    assert "قال وزير الخارجية" in doc.raw and "وأضاف" in doc.raw
    assert "جميع الحقوق محفوظة" not in doc.raw
    assert doc.metadata.title == "عنوان الخبر"
    assert doc.metadata.published == "2024-05-01"
    assert doc.metadata.published_from == "metadata"
    assert doc.metadata.url == f"{server}/page.html"


def test_read_url_http_charset_wins_over_meta(server: str, fast_limits: Limits) -> None:
    doc = _one([f"{server}/cp1256.html"], fast_limits)
    assert isinstance(doc, Document)
    assert doc.provenance.encoding == "windows-1256"
    assert "قال وزير الخارجية" in doc.raw


def test_read_url_plain_text(server: str, fast_limits: Limits) -> None:
    doc = _one([f"{server}/text"], fast_limits)
    assert isinstance(doc, Document)
    assert doc.raw == "سطر أول\nسطر ثان\n"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/error", "HTTP 500 Internal Server Error"),
        ("/hang", "timed out after 0.5 s (Limits.timeout)"),
        ("/notxml.rss", "feed is not well-formed XML ("),
        ("/pdf", "binary response (PDF document)"),
        ("/empty", "empty response (HTTP 200, 0 bytes)"),
        ("/json", "unsupported content type 'application/json'"),
    ],
)
def test_read_url_rejections(server: str, fast_limits: Limits, path: str, reason: str) -> None:
    item = _one([f"{server}{path}"], fast_limits)
    assert isinstance(item, Rejection)
    assert item.source == f"{server}{path}"
    assert item.stage == "ingest"
    assert item.reason.startswith(reason)


def test_read_feed_items_fetched_in_turn(server: str, fast_limits: Limits) -> None:
    items = list(read_inputs([f"{server}/feed.xml"], limits=fast_limits))
    docs = [i for i in items if isinstance(i, Document)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [d.provenance.source for d in docs] == [f"{server}/page.html", f"{server}/plain.html"]
    assert all(d.provenance.kind == "feed" for d in docs)
    first, second = docs
    assert first.metadata.title == "عنوان الخبر"  # the page's own metadata wins
    assert first.metadata.published == "2024-05-01"
    assert first.metadata.site == "موقع الاختبار"
    assert second.metadata.title == "الخبر الثاني"  # the page lacks them: the feed's
    assert second.metadata.published == "2024-05-02"
    assert second.metadata.published_from == "metadata"
    assert second.metadata.site == "قناة الأخبار"
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{server}/feed.xml", "feed item 4 has no link"),
        (f"{server}/error", "HTTP 500 Internal Server Error"),
    ]


def test_read_feed_max_items(server: str) -> None:
    limits = Limits(timeout=0.5, total_timeout=1.0, max_feed_items=1)
    items = list(read_inputs([f"{server}/feed.xml"], limits=limits))
    assert len(items) == 1 and isinstance(items[0], Document)


def test_fetch_seam_can_be_swapped(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake(url: str, limits: Limits) -> FetchResult:
        calls.append(url)
        body = "<html><body><p>نص من بديل الشبكة طويل بما يكفي.</p></body></html>".encode()
        return FetchResult(url, url, 200, "text/html", "utf-8", body, "2024-01-01T00:00:00Z")

    monkeypatch.setattr(fetching, "fetch", fake)
    doc = _one(["https://news.example/a"], Limits())
    assert calls == ["https://news.example/a"]
    assert isinstance(doc, Document)
    assert doc.provenance.fetched_at == "2024-01-01T00:00:00Z"
