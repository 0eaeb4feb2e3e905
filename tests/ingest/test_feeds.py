"""RSS/Atom parsing."""

from __future__ import annotations

import pytest

from marsad.errors import IngestError
from marsad.ingest.feeds import looks_like_feed, parse_feed

BASE = "http://news.example/feeds/main.xml"


def test_feeds_rss2() -> None:
    feed = parse_feed(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
        b"<lastBuildDate>Mon, 06 May 2024 12:00:00 GMT</lastBuildDate>"
        b"<item><title>A</title><link>/a/1</link>"
        b"<pubDate>Sun, 05 May 2024 22:00:00 -0400</pubDate></item>"
        b"<item><guid>http://news.example/b</guid></item>"
        b"<item><guid isPermaLink='false'>tag:1</guid></item>"
        b"</channel></rss>",
        BASE,
    )
    assert feed.title == "Feed"
    assert feed.published == "2024-05-06"
    assert [(i.link, i.title, i.published) for i in feed.items] == [
        ("http://news.example/a/1", "A", "2024-05-05"),
        ("http://news.example/b", None, None),
        (None, None, None),
    ]


def test_feeds_atom() -> None:
    feed = parse_feed(
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        b"<updated>2024-05-06T10:00:00Z</updated>"
        b"<entry><title>E</title><link rel='self' href='/self'/><link href='/e1'/>"
        b"<published>2024-05-01T08:00:00+03:00</published></entry></feed>",
        BASE,
    )
    assert feed.title == "T" and feed.published == "2024-05-06"
    assert feed.items[0].link == "http://news.example/e1"
    assert feed.items[0].published == "2024-05-01"


def test_feeds_rss1_rdf() -> None:
    feed = parse_feed(
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        b" xmlns='http://purl.org/rss/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'>"
        b"<channel><title>R</title></channel>"
        b"<item rdf:about='http://news.example/r1'><title>I</title>"
        b"<dc:date>2024-05-02</dc:date></item></rdf:RDF>",
        BASE,
    )
    assert feed.title == "R"
    assert [(i.link, i.published) for i in feed.items] == [("http://news.example/r1", "2024-05-02")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not xml", "feed is not well-formed XML ("),
        (b"<rss><channel><item>", "feed is not well-formed XML ("),
        (b"<html><body>x</body></html>", "XML is not an RSS or Atom feed (root element <html>)"),
        (b"<rss version='2.0'></rss>", "RSS feed has no <channel>"),
    ],
)
def test_feeds_bad_feeds_rejected(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_feed(data, BASE)
    assert info.value.reason.startswith(reason)


def test_feeds_external_entities_not_expanded() -> None:
    data = (
        b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        b"<rss><channel><title>&x;</title></channel></rss>"
    )
    try:
        feed = parse_feed(data, BASE)
    except IngestError:
        return
    assert "root:" not in (feed.title or "")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", True),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        (b"<!DOCTYPE html><html><body><feed >", False),
        (b"plain <rss> text", False),
    ],
)
def test_feeds_sniffing(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected
