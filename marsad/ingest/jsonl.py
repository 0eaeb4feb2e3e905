"""JSON Lines: one article per line, streamed, a bad line rejected while the others go on.

Each line is an object with ``text`` (plain text) or ``html`` (a page, run through the HTML
extractor), and optionally ``title``, ``url``, ``published``, ``author`` and ``source`` (the
outlet, kept as ``Metadata.site``). Blank lines are skipped. The file as a whole has no size
limit; each line is bounded by ``Limits.max_bytes`` and a longer one is skipped unread.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import IO, Any

from marsad.errors import IngestError, Rejection
from marsad.ingest.dates import iso_date
from marsad.ingest.decode import decode_bytes, normalize_newlines, sniff_binary
from marsad.ingest.html import parse_html
from marsad.ingest.limits import Limits, os_reason, reject, utc_now
from marsad.model import Document, Metadata, Provenance

__all__ = ["JSONL_SUFFIXES", "read_jsonl", "read_jsonl_stream"]

logger = logging.getLogger(__name__)

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_STRING_FIELDS = ("text", "html", "title", "url", "published", "author", "source")


def _skip_rest_of_line(handle: IO[bytes]) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _document(record: dict[str, Any], source: str, line: int, encoding: str) -> Document:
    """Build one document from a decoded JSON object; raise IngestError(reason) if unusable."""
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(
                source, f"field {name!r} must be a string, not {type(value).__name__}"
            )
    published = None
    if record.get("published"):
        published = iso_date(record["published"])
        if published is None:
            raise IngestError(
                source,
                f"field 'published' is not a date: {record['published']!r} (use ISO 8601, "
                "e.g. 2024-05-01)",
            )
    meta = Metadata(
        title=record.get("title") or None,
        url=record.get("url") or None,
        published=published,
        published_from="metadata" if published else None,
        author=record.get("author") or None,
        site=record.get("source") or None,
    )
    text = record.get("text")
    if text is not None:
        if not text.strip():
            raise IngestError(source, "field 'text' is empty")
        raw = normalize_newlines(text)
    elif record.get("html") is not None:
        page = parse_html(record["html"], source, encoding=encoding, url=meta.url)
        raw = page.text
        found = page.metadata
        meta = Metadata(
            title=meta.title or found.title,
            url=meta.url or found.url,
            published=meta.published or found.published,
            published_from="metadata" if (meta.published or found.published) else None,
            author=meta.author or found.author,
            site=meta.site or found.site,
        )
    else:
        fields = ", ".join(sorted(record)) or "none"
        raise IngestError(source, f"no 'text' or 'html' field (fields: {fields})")
    provenance = Provenance(source, "jsonl", utc_now(), encoding, line)
    return Document(raw=raw, provenance=provenance, metadata=meta)


def _line(data: bytes, source: str, number: int, encoding: str | None) -> Document:
    if number == 1 and encoding is None and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    decoded = decode_bytes(data, source, encoding=encoding)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise IngestError(source, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise IngestError(source, f"a line must hold a JSON object, not {type(record).__name__}")
    return _document(record, source, number, decoded.encoding)


def read_jsonl(
    path: str, source: str, *, encoding: str | None = None, limits: Limits | None = None
) -> Iterator[Document | Rejection]:
    """Stream the articles of a JSON Lines file.

    Args:
        path: the file to open.
        source: the name documents and rejections carry (the absolute path).
        encoding: the file's encoding when the user gave one (default: UTF-8, or an Arabic
            legacy encoding when a line is plausibly one).
        limits: ``max_bytes`` bounds each line.

    Yields:
        A :class:`Document` per good line (``Provenance.kind == "jsonl"``, ``line`` set) and a
        :class:`Rejection` naming the line for each bad one, e.g. ``line 3: not valid JSON
        (Expecting value at column 1)``.

    Example::

        for item in read_jsonl("news.jsonl", "/data/news.jsonl"):
            print(item)
    """
    try:
        with open(path, "rb") as handle:
            yield from read_jsonl_stream(handle, source, encoding=encoding, limits=limits)
    except OSError as exc:
        yield reject(source, os_reason(exc))


def read_jsonl_stream(
    handle: IO[bytes], source: str, *, encoding: str | None = None, limits: Limits | None = None
) -> Iterator[Document | Rejection]:
    """Like :func:`read_jsonl`, over an open binary stream (a file, stdin, a buffer)."""
    limits = limits or Limits()
    data = handle.readline(limits.max_bytes + 1)
    binary = sniff_binary(data[:8192])
    if binary is not None:
        yield reject(source, f"binary file ({binary}), not JSON Lines")
        return
    number = 0
    emitted = 0
    while data:
        number += 1
        if len(data) > limits.max_bytes and not data.endswith(b"\n"):
            _skip_rest_of_line(handle)
            yield reject(
                source,
                f"line {number}: longer than the {limits.max_bytes}-byte limit "
                "(Limits.max_bytes); skipped",
            )
        elif data.strip():
            emitted += 1
            try:
                yield _line(data, source, number, encoding)
            except IngestError as exc:
                yield reject(source, f"line {number}: {exc.reason}")
        data = handle.readline(limits.max_bytes + 1)
    if number == 0:
        yield reject(source, "empty file (0 bytes)")
    elif emitted == 0:
        yield reject(source, f"no articles: all {number} lines are blank")
    logger.debug("%s: %d non-blank lines of %d", source, emitted, number)
