"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: their title and their items' links, titles and dates.

Parsed with lxml without network access, entity expansion or DTD loading.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from lxml import etree

from marsad.errors import IngestError
from marsad.ingest.dates import iso_date

__all__ = ["FEED_TYPES", "Feed", "FeedItem", "looks_like_feed", "parse_feed"]

#: Media types that announce a feed (or XML that may be one).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: its link (absolute), and its title and date when stated."""

    link: str | None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its own title and date, and its items in document order."""

    title: str | None
    published: str | None
    items: tuple[FeedItem, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether bytes start like an RSS/Atom document.

    Example:
        >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        True
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return False
    return bool(_FEED_ROOT.search(head)) and not head[:200].lower().startswith(b"<!doctype html")


def _text(element: Any | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None


def _first(parent: Any, *tags: str) -> Any | None:
    for tag in tags:
        found = parent.find(tag)
        if found is not None:
            return found
    return None


def _date(parent: Any, *tags: str) -> str | None:
    value = _text(_first(parent, *tags))
    return iso_date(value) if value else None


def _atom_link(entry: Any) -> str | None:
    fallback = None
    for link in entry.findall(f"{_ATOM}link"):
        href = link.get("href")
        if not href:
            continue
        if link.get("rel", "alternate") == "alternate":
            return str(href)
        fallback = fallback or str(href)
    return fallback


def parse_feed(data: bytes, source: str) -> Feed:
    """Parse an RSS or Atom feed.

    Args:
        data: the feed's bytes (XML carries its own encoding).
        source: the feed's URL or path: relative item links are resolved against it.

    Returns:
        The feed's title and date and its items (links absolute).

    Raises:
        IngestError: ``feed is not well-formed XML (...)`` or ``XML is not an RSS or Atom feed
            (root element <...>)``.

    Example:
        >>> feed = parse_feed(b'<rss><channel><title>T</title><item><link>/a</link></item>'
        ...     b'</channel></rss>', "http://x.org/feed")
        >>> feed.items[0].link
        'http://x.org/a'
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(source, f"feed is not well-formed XML ({exc})") from None
    if root is None:
        raise IngestError(source, "feed is not well-formed XML (empty document)")
    tag = etree.QName(root).localname.lower()
    items: list[FeedItem] = []
    if tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise IngestError(source, "RSS feed has no <channel>")
        title = _text(channel.find("title"))
        published = _date(channel, "pubDate", "lastBuildDate", _DC_DATE)
        for item in channel.iter("item"):
            link = _text(item.find("link"))
            guid = item.find("guid")
            if link is None and guid is not None and guid.get("isPermaLink", "true") == "true":
                link = _text(guid)
            items.append(
                FeedItem(link, _text(item.find("title")), _date(item, "pubDate", _DC_DATE))
            )
    elif tag == "feed":
        title = _text(root.find(f"{_ATOM}title"))
        published = _date(root, f"{_ATOM}updated")
        for entry in root.iter(f"{_ATOM}entry"):
            items.append(
                FeedItem(
                    _atom_link(entry),
                    _text(entry.find(f"{_ATOM}title")),
                    _date(entry, f"{_ATOM}published", f"{_ATOM}updated"),
                )
            )
    elif tag == "rdf":
        channel = root.find(f"{_RSS1}channel")
        title = _text(channel.find(f"{_RSS1}title")) if channel is not None else None
        published = _date(channel, _DC_DATE) if channel is not None else None
        for item in root.iter(f"{_RSS1}item"):
            items.append(
                FeedItem(
                    _text(item.find(f"{_RSS1}link")) or item.get(f"{{{_RDF_NS}}}about"),
                    _text(item.find(f"{_RSS1}title")),
                    _date(item, _DC_DATE),
                )
            )
    else:
        raise IngestError(source, f"XML is not an RSS or Atom feed (root element <{tag}>)")
    resolved = tuple(
        FeedItem(urllib.parse.urljoin(source, i.link) if i.link else None, i.title, i.published)
        for i in items
    )
    return Feed(title, published, resolved)
