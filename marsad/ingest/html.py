"""HTML pages to main text and metadata, with trafilatura.

The charset the page declares (HTTP header first, then ``<meta charset>``) is honoured before any
detection. The main text keeps one line per paragraph (block element). The publication date is
taken only from what the page states in its markup (meta tags, JSON-LD, ``itemprop``/RDFa
attributes, ``<time pubdate>``), never guessed from the URL or from dates in the body.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree

from marsad.errors import IngestError
from marsad.ingest.dates import iso_date
from marsad.ingest.decode import Decoded, decode_bytes, normalize_newlines
from marsad.model import Metadata

__all__ = ["HtmlPage", "declared_charset", "looks_like_html", "parse_html", "stated_date"]

logger = logging.getLogger(__name__)

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(rb"<(?:head|body|meta|title|div|p)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]+encoding\s*=\s*[\"']([a-zA-Z0-9_.:-]+)", re.I)

# Markup where publishers state the publication date, most specific first.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dc.date.created",
    "citation_publication_date",
    "date",
)
_DATE_ATTRS = ("dc:date", "dc:created", "dcterms:created", "dcterms:issued", "schema:datepublished")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The main text of a page, the encoding it was decoded with and its metadata."""

    text: str
    encoding: str
    metadata: Metadata


def looks_like_html(data: bytes) -> bool:
    """Whether bytes of unknown type are an HTML page (a doctype, ``<html>``, or page tags).

    Example:
        >>> looks_like_html(b"  <!DOCTYPE html><html>...")
        True
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith(b"<") and len(_HTML_TAG.findall(head)) >= 2


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB (``<meta charset>``, http-equiv, ``<?xml``).

    Example:
        >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; '
        ...     b'charset=windows-1256">')
        'windows-1256'
    """
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m[1].decode("ascii").lower() if m else None


def _json_ld_dates(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            yield value
        for child in node.values():
            if isinstance(child, dict | list):
                yield from _json_ld_dates(child)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_dates(child)


def _date_candidates(tree: Any) -> Iterator[str]:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in _DATE_META:
        if key in metas:
            yield metas[key]
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                yield from _json_ld_dates(json.loads(script.text))
            except ValueError:
                logger.debug("skipping JSON-LD that is not valid JSON")
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        prop = (element.get("itemprop") or element.get("property") or "").lower()
        if prop == "datepublished" or prop in _DATE_ATTRS:
            value = element.get("content") or element.get("datetime") or element.text_content()
            if value:
                yield value
        elif element.tag == "time" and element.get("pubdate") is not None:
            value = element.get("datetime")
            if value:
                yield value


def stated_date(tree: Any) -> str | None:
    """The publication date a parsed page states in its markup, as ``YYYY-MM-DD``, or ``None``.

    Example:
        >>> from lxml import html
        >>> stated_date(html.fromstring('<html><head><meta property="article:published_time"'
        ...     ' content="2024-05-01T10:00:00+03:00"></head><body></body></html>'))
        '2024-05-01'
    """
    for value in _date_candidates(tree):
        day = iso_date(value)
        if day is not None:
            return day
    return None


def _stated_site(site: str | None, url: str | None) -> str | None:
    """The site name, unless it is only trafilatura's fallback to the URL's host."""
    if not site:
        return None
    host = urllib.parse.urlsplit(url or "").netloc.lower()
    if host and site.lower() in (host, host.removeprefix("www.")):
        return None
    return site


def parse_html(
    data: bytes | str,
    source: str,
    *,
    encoding: str | None = None,
    http_charset: str | None = None,
    url: str | None = None,
) -> HtmlPage:
    """Extract the main text and the metadata of an HTML page.

    Args:
        data: the page's bytes, or its text when already decoded (e.g. from JSON).
        source: the file or URL, for error messages.
        encoding: an encoding the user gave (wins over any declaration).
        http_charset: the charset of the HTTP ``Content-Type`` header (wins over the page's own).
        url: the page's URL, when known (fills ``Metadata.url`` unless the page has a canonical).

    Returns:
        The text (one paragraph per line, newlines normalized), its encoding and the metadata:
        title, author, site name, URL and the stated publication date.

    Raises:
        IngestError: the bytes cannot be decoded, or no main text could be extracted (a page
            truncated too early, an empty body).

    Example:
        >>> page = parse_html(b"<html><head><title>T</title></head><body><p>Hello.</p></body>"
        ...     b"</html>", "a.html")
        >>> page.text, page.metadata.title
        ('Hello.', 'T')
    """
    if isinstance(data, str):
        decoded = Decoded(normalize_newlines(data), encoding or "utf-8")
    else:
        decoded = decode_bytes(
            data, source, encoding=encoding, declared=http_charset or declared_charset(data)
        )
    try:
        tree = trafilatura.load_html(decoded.text)
        published = stated_date(tree) if tree is not None else None
        result = (
            trafilatura.bare_extraction(
                tree,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params={"extensive_search": False},
            )
            if tree is not None
            else None
        )
    except (etree.LxmlError, ValueError) as exc:
        raise IngestError(source, f"HTML could not be parsed ({exc})") from None
    text = getattr(result, "text", None) or ""
    if not text.strip():
        raise IngestError(
            source, f"no main text could be extracted from the HTML ({len(data)} bytes)"
        )
    page_url = getattr(result, "url", None) or url
    metadata = Metadata(
        title=getattr(result, "title", None) or None,
        url=page_url,
        published=published,
        published_from="metadata" if published else None,
        author=getattr(result, "author", None) or None,
        site=_stated_site(getattr(result, "sitename", None), page_url),
    )
    return HtmlPage(normalize_newlines(text), decoded.encoding, metadata)
