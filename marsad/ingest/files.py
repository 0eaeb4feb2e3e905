"""Local inputs: files, directories (recursive, sorted, hidden names skipped), standard input.

A file's kind comes from its suffix (``.jsonl``/``.ndjson``, ``.html``/``.htm``/``.xhtml``) and
otherwise from its content: HTML and RSS/Atom are sniffed, anything else is read as text. The
size is checked with ``stat`` before a file is opened, so a huge file costs nothing.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO, Literal

from marsad.errors import IngestError, Rejection
from marsad.ingest.decode import decode_bytes, sniff_binary
from marsad.ingest.feeds import looks_like_feed, parse_feed
from marsad.ingest.html import looks_like_html, parse_html
from marsad.ingest.jsonl import JSONL_SUFFIXES, read_jsonl, read_jsonl_stream
from marsad.ingest.limits import Limits, os_reason, reject, utc_now
from marsad.ingest.urls import read_feed
from marsad.model import Document, Provenance

__all__ = [
    "HTML_SUFFIXES",
    "STDIN_SOURCE",
    "document_from_bytes",
    "read_file",
    "read_stdin",
    "walk",
]

logger = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
#: The ``Provenance.source`` of what is read from standard input.
STDIN_SOURCE = "<stdin>"


def walk(root: str, limits: Limits | None = None) -> Iterator[str | Rejection]:
    """The files under a directory, depth first in sorted name order, as absolute paths.

    Names starting with ``.`` are skipped. Symbolic links are followed, but a directory is
    entered once (by device and inode), so a link loop or a second link to the same folder is
    skipped. At most ``limits.max_files`` files are listed; past that one rejection names the
    directory.

    Args:
        root: the directory.
        limits: ``max_files`` bounds the listing.

    Yields:
        Absolute file paths, and rejections for what cannot be listed (a folder without
        permission, a broken link, a device or FIFO).

    Example::

        for path in walk("corpus/"):
            ...
    """
    limits = limits or Limits()
    root = os.path.abspath(root)
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []
    count = 0

    def enter(path: str) -> Rejection | None:
        try:
            info = os.stat(path)
            key = (info.st_dev, info.st_ino)
            if key in seen:
                logger.info("skipping %s: directory already visited (symbolic link loop)", path)
                return None
            seen.add(key)
            with os.scandir(path) as entries:
                stack.append(iter(sorted(entries, key=lambda e: e.name)))
        except OSError as exc:
            return reject(path, f"cannot list directory: {os_reason(exc)}")
        return None

    problem = enter(root)
    if problem is not None:
        yield problem
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                problem = enter(entry.path)
                if problem is not None:
                    yield problem
            elif entry.is_file():
                count += 1
                if count > limits.max_files:
                    yield reject(
                        root,
                        f"more than {limits.max_files} files (Limits.max_files); the rest "
                        "were not read",
                    )
                    return
                yield entry.path
            elif entry.is_symlink():
                yield reject(entry.path, "broken symbolic link")
            else:
                yield reject(entry.path, "not a regular file (device, socket or FIFO); skipped")
        except OSError as exc:
            yield reject(entry.path, os_reason(exc))


def document_from_bytes(
    data: bytes,
    source: str,
    *,
    kind: Literal["file", "stdin"],
    suffix: str = "",
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | Rejection]:
    """Turn the bytes of a whole file (or stdin) into documents.

    Raw text is the decoded text with newlines normalized (CRLF and CR become LF); for HTML it
    is the extracted main text. A local RSS/Atom file gives the pages its items link to.

    Yields:
        One document, the documents of a feed, or a rejection.
    """
    limits = limits or Limits()
    fetched_at = utc_now()
    if not data:
        yield reject(source, "empty file (0 bytes)")
        return
    binary = sniff_binary(data)
    if binary is not None:
        yield reject(source, f"binary file ({binary})")
        return
    try:
        if suffix not in HTML_SUFFIXES and looks_like_feed(data):
            feed = parse_feed(data, source)
            yield from read_feed(feed, source, encoding=encoding, limits=limits)
            return
        if suffix in HTML_SUFFIXES or looks_like_html(data):
            page = parse_html(data, source, encoding=encoding)
            provenance = Provenance(source, kind, fetched_at, page.encoding)
            yield Document(raw=page.text, provenance=provenance, metadata=page.metadata)
            return
        decoded = decode_bytes(data, source, encoding=encoding)
    except IngestError as exc:
        yield reject(source, exc.reason)
        return
    if not decoded.text.strip():
        yield reject(source, f"file contains only whitespace ({len(data)} bytes)")
        return
    provenance = Provenance(source, kind, fetched_at, decoded.encoding)
    yield Document(raw=decoded.text, provenance=provenance)


def read_file(
    path: str, *, encoding: str | None = None, limits: Limits | None = None
) -> Iterator[Document | Rejection]:
    """Read one file (not a directory) into documents.

    Args:
        path: the file; documents and rejections name it by its absolute path.
        encoding: the file's encoding when the user knows it.
        limits: ``max_bytes`` (checked with ``stat`` before reading; per line for JSON Lines).

    Yields:
        The file's document(s), or a rejection: ``no such file or directory``, ``permission
        denied``, ``file is N bytes, over the M-byte limit (Limits.max_bytes); not read``,
        ``empty file (0 bytes)``, ``binary file (PNG image)``, ...

    Example::

        [doc] = read_file("article.txt")
    """
    limits = limits or Limits()
    source = os.path.abspath(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        yield reject(source, os_reason(exc))
        return
    if not stat.S_ISREG(info.st_mode):
        yield reject(source, "not a regular file (device, socket or FIFO)")
        return
    suffix = os.path.splitext(path)[1].lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, source, encoding=encoding, limits=limits)
        return
    if info.st_size > limits.max_bytes:
        yield reject(
            source,
            f"file is {info.st_size} bytes, over the {limits.max_bytes}-byte limit "
            "(Limits.max_bytes); not read",
        )
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        yield reject(source, os_reason(exc))
        return
    if len(data) > limits.max_bytes:  # it grew after stat
        yield reject(source, f"file is over the {limits.max_bytes}-byte limit (Limits.max_bytes)")
        return
    yield from document_from_bytes(
        data, source, kind="file", suffix=suffix, encoding=encoding, limits=limits
    )


def read_stdin(
    *,
    encoding: str | None = None,
    limits: Limits | None = None,
    stream: BinaryIO | None = None,
) -> Iterator[Document | Rejection]:
    """Read standard input (``-``): JSON Lines when it starts with ``{``, else HTML or text.

    Args:
        encoding: the input's encoding when the user knows it.
        limits: ``max_bytes`` bounds the input (per line for JSON Lines).
        stream: read this instead of ``sys.stdin.buffer`` (for tests).

    Yields:
        Documents with ``Provenance.source == "<stdin>"``, or rejections.
    """
    limits = limits or Limits()
    handle = stream if stream is not None else sys.stdin.buffer
    head = handle.read(min(limits.max_bytes + 1, 64 * 1024))
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        rest = io.BufferedReader(_Chain(head, handle))
        yield from read_jsonl_stream(rest, STDIN_SOURCE, encoding=encoding, limits=limits)
        return
    data = head + handle.read(limits.max_bytes + 1 - len(head))
    if len(data) > limits.max_bytes:
        yield reject(
            STDIN_SOURCE, f"input is over the {limits.max_bytes}-byte limit (Limits.max_bytes)"
        )
        return
    yield from document_from_bytes(
        data, STDIN_SOURCE, kind="stdin", encoding=encoding, limits=limits
    )


class _Chain(io.RawIOBase):
    """Bytes already read followed by the rest of a stream, as one raw stream."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = head
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
