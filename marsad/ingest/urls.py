"""URLs and feeds to documents: fetch (through :func:`marsad.ingest.fetch.fetch`), then dispatch
on the content: a feed gives its items' pages, HTML goes to the extractor, text is decoded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Literal

from marsad.errors import IngestError, Rejection
from marsad.ingest import fetch as fetching
from marsad.ingest.decode import decode_bytes, sniff_binary
from marsad.ingest.feeds import FEED_TYPES, Feed, FeedItem, looks_like_feed, parse_feed
from marsad.ingest.html import looks_like_html, parse_html
from marsad.ingest.limits import Limits, reject
from marsad.model import Document, Metadata, Provenance

__all__ = ["read_feed", "read_url"]

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _page(
    result: fetching.FetchResult,
    source: str,
    kind: Literal["url", "feed"],
    encoding: str | None,
) -> Document:
    """A document from a fetched page or text (not a feed); raises IngestError."""
    body = result.body
    if not body.strip():
        raise IngestError(source, f"empty response (HTTP {result.status}, {len(body)} bytes)")
    binary = sniff_binary(body)
    if binary is not None:
        raise IngestError(source, f"binary response ({binary})")
    ctype = result.content_type
    provenance_encoding: str
    if ctype in _HTML_TYPES or looks_like_html(body):
        page = parse_html(
            body, source, encoding=encoding, http_charset=result.charset, url=result.final_url
        )
        raw, provenance_encoding, meta = page.text, page.encoding, page.metadata
    elif ctype.startswith("text/") or not ctype:
        decoded = decode_bytes(body, source, encoding=encoding, declared=result.charset)
        if not decoded.text.strip():
            raise IngestError(source, "response contains only whitespace")
        raw, provenance_encoding = decoded.text, decoded.encoding
        meta = Metadata(url=result.final_url)
    else:
        raise IngestError(source, f"unsupported content type {ctype!r}")
    provenance = Provenance(source, kind, result.fetched_at, provenance_encoding)
    return Document(raw=raw, provenance=provenance, metadata=meta)


def _is_feed(result: fetching.FetchResult) -> bool:
    if looks_like_feed(result.body):
        return True
    return result.content_type in FEED_TYPES and not looks_like_html(result.body)


def read_url(
    url: str, *, encoding: str | None = None, limits: Limits | None = None
) -> Iterator[Document | Rejection]:
    """Fetch a page or a feed and yield its documents.

    Args:
        url: an ``http``/``https`` URL.
        encoding: an encoding that overrides what the response declares.
        limits: the bounds of every fetch (timeouts, size, redirects, feed items).

    Yields:
        One document for a page (``Provenance.kind == "url"``); for a feed, one per item page
        (``kind == "feed"``); a :class:`Rejection` for whatever cannot be read.

    Example::

        docs = list(read_url("https://example.org/rss.xml"))
    """
    limits = limits or Limits()
    try:
        result = fetching.fetch(url, limits)
    except IngestError as exc:
        yield reject(url, exc.reason)
        return
    if _is_feed(result):
        try:
            feed = parse_feed(result.body, result.final_url)
        except IngestError as exc:
            yield reject(url, exc.reason)
            return
        yield from read_feed(feed, url, encoding=encoding, limits=limits)
        return
    try:
        yield _page(result, url, "url", encoding)
    except IngestError as exc:
        yield reject(url, exc.reason)


def _with_feed_metadata(doc: Document, item: FeedItem, feed: Feed) -> Document:
    meta = doc.metadata
    published = meta.published or item.published
    filled = Metadata(
        title=meta.title or item.title,
        url=meta.url or item.link,
        published=published,
        published_from="metadata" if published else None,
        author=meta.author,
        site=meta.site or feed.title,
        credited_source=meta.credited_source,
        original_url=meta.original_url,
    )
    return doc.with_(metadata=filled)


def read_feed(
    feed: Feed, source: str, *, encoding: str | None = None, limits: Limits | None = None
) -> Iterator[Document | Rejection]:
    """Fetch the pages a parsed feed links to, in feed order, each link once.

    The item's title and date, and the feed's title as the site name, fill what the page
    itself does not state.

    Args:
        feed: the parsed feed.
        source: the feed's URL or path (names the rejections of the feed as a whole).
        encoding: an encoding that overrides what each page declares.
        limits: bounds of each fetch; ``max_feed_items`` bounds how many items are read.

    Yields:
        Documents with ``Provenance.kind == "feed"`` and ``source`` the item's link, and
        rejections (an item without a link, a page that fails).
    """
    limits = limits or Limits()
    if not feed.items:
        yield reject(source, "feed has no items")
        return
    if len(feed.items) > limits.max_feed_items:
        logger.info(
            "%s: reading the first %d of %d items (Limits.max_feed_items)",
            source,
            limits.max_feed_items,
            len(feed.items),
        )
    seen: set[str] = set()
    for number, item in enumerate(feed.items[: limits.max_feed_items], 1):
        if not item.link:
            yield reject(source, f"feed item {number} has no link")
            continue
        if item.link in seen:
            continue
        seen.add(item.link)
        try:
            result = fetching.fetch(item.link, limits)
            if looks_like_feed(result.body):
                raise IngestError(item.link, "feed item links to another feed; not followed")
            doc = _page(result, item.link, "feed", encoding)
        except IngestError as exc:
            yield reject(item.link, exc.reason)
            continue
        yield _with_feed_metadata(doc, item, feed)
