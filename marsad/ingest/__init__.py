"""Ingestion: paths, directories, JSON Lines, URLs, feeds and stdin to documents or rejections.

Everything streams: :func:`read_inputs` yields one item at a time, a file is read only when its
turn comes, and no input, however bad, stops the batch: it becomes a
:class:`marsad.errors.Rejection` (``stage == "ingest"``) naming the input and the reason.

``Document.raw`` is the decoded text with newlines normalized (CRLF and CR become LF); for HTML
it is the extracted main text, one paragraph per line.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence

from marsad.errors import ConfigError, Rejection
from marsad.ingest.decode import check_encoding
from marsad.ingest.fetch import FetchResult
from marsad.ingest.files import read_file, read_stdin, walk
from marsad.ingest.jsonl import JSONL_SUFFIXES
from marsad.ingest.limits import Limits, reject
from marsad.ingest.urls import read_url
from marsad.model import Document

__all__ = ["FetchResult", "Limits", "count_inputs", "read_inputs"]

logger = logging.getLogger(__name__)

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _is_url(item: str) -> bool:
    return bool(_URL.match(item))


def _check_inputs(inputs: Sequence[str]) -> list[str]:
    if isinstance(inputs, str | bytes):
        raise ConfigError(
            f"inputs must be a sequence of paths or URLs, not a single string ({inputs!r}); "
            "wrap it in a list"
        )
    items = list(inputs)
    for item in items:
        if not isinstance(item, str) or not item:
            raise ConfigError(f"each input must be a non-empty path or URL string, not {item!r}")
    return items


def _read(items: list[str], encoding: str | None, limits: Limits) -> Iterator[Document | Rejection]:
    for item in items:
        if item == "-":
            yield from read_stdin(encoding=encoding, limits=limits)
        elif _is_url(item):
            scheme = item.split(":", 1)[0].lower()
            if scheme in ("http", "https"):
                yield from read_url(item, encoding=encoding, limits=limits)
            else:
                yield reject(item, f"unsupported URL scheme {scheme!r} (only http and https)")
        elif os.path.isdir(item):
            for path in walk(item, limits):
                if isinstance(path, Rejection):
                    yield path
                else:
                    yield from read_file(path, encoding=encoding, limits=limits)
        else:
            yield from read_file(item, encoding=encoding, limits=limits)


def read_inputs(
    inputs: Sequence[str],
    *,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | Rejection]:
    """Read documents from paths, directories, URLs, feeds and ``-`` (stdin), lazily.

    Arguments are checked at once (before the first item is read); then the iterator yields
    in input order, a directory's files in sorted path order.

    Args:
        inputs: paths (text, HTML, JSON Lines, RSS/Atom files), directories (read
            recursively, hidden names skipped), ``http``/``https`` URLs of pages or feeds, and
            ``-`` for standard input.
        encoding: the encoding of every input, when the user knows it (overrides detection
            and declarations); default: BOM, declared charset, UTF-8, then Windows-1256 or
            ISO-8859-6 when plausibly Arabic.
        limits: bounds on sizes, timeouts, redirects, feed items and files (default
            :class:`Limits`).

    Returns:
        An iterator of :class:`~marsad.model.Document` and
        :class:`~marsad.errors.Rejection` (``stage == "ingest"``).

    Raises:
        ConfigError: ``inputs`` is a bare string or holds a non-string, or ``encoding`` is
            unknown.

    Example::

        for item in read_inputs(["articles/", "https://example.org/rss.xml"]):
            if isinstance(item, Rejection):
                print(item)
    """
    items = _check_inputs(inputs)
    checked = check_encoding(encoding)
    if limits is not None and not isinstance(limits, Limits):
        raise ConfigError(f"limits must be a marsad.ingest.Limits, not {type(limits).__name__}")
    return _read(items, checked, limits or Limits())


def _count_lines(path: str) -> int:
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _count_path(path: str) -> int:
    if os.path.splitext(path)[1].lower() in JSONL_SUFFIXES:
        try:
            return max(1, _count_lines(path))
        except OSError:
            return 1
    return 1


def count_inputs(inputs: Sequence[str]) -> int | None:
    """A cheap estimate of how many items :func:`read_inputs` will yield, for a progress bar.

    Counts one per file (one per line of a JSON Lines file, blank lines included) and walks
    directories; returns ``None`` when an input is a URL or stdin (unknown until read).

    Raises:
        ConfigError: ``inputs`` is a bare string.

    Example::

        total = count_inputs(["articles/"])  # e.g. 1204
    """
    items = _check_inputs(inputs)
    total = 0
    for item in items:
        if item == "-" or _is_url(item):
            return None
        if os.path.isdir(item):
            total += sum(1 if isinstance(p, Rejection) else _count_path(p) for p in walk(item))
        else:
            total += _count_path(item)
    return total
