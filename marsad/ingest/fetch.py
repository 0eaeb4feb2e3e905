"""The one place marsad touches the network: a bounded HTTP(S) GET with the standard library.

Every fetch is bounded: a connect/read timeout (``Limits.timeout``, per socket operation), a
total budget (``Limits.total_timeout``, checked between reads, so it can be overshot by at most
one ``timeout``), a body size (``Limits.max_bytes``: a larger ``Content-Length`` is refused
unread, a body that grows past it stops being read), at most ``Limits.max_redirects`` redirects,
only ``http``/``https`` (redirects included) and a clear ``User-Agent``. Tests swap the seam by
patching :func:`fetch` (``monkeypatch.setattr(marsad.ingest.fetch, "fetch", fake)``).
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

from marsad.errors import IngestError
from marsad.ingest.limits import Limits, utc_now

__all__ = ["FetchResult", "check_url", "fetch"]

logger = logging.getLogger(__name__)

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A successful response.

    Attributes:
        url: the URL as requested.
        final_url: the URL after redirects.
        status: the HTTP status (2xx).
        content_type: the media type of ``Content-Type``, lower case, ``""`` when absent.
        charset: the charset parameter of ``Content-Type``, if any.
        body: the whole body (at most ``Limits.max_bytes``).
        fetched_at: when the response was read, UTC ISO 8601.
    """

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    fetched_at: str


def check_url(url: str) -> None:
    """Refuse a URL that is not ``http``/``https`` with a host.

    Raises:
        IngestError: e.g. ``unsupported URL scheme 'ftp' (only http and https)``.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise IngestError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if not parts.hostname:
        raise IngestError(url, "URL has no host")


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    # Our own count replaces urllib's (10 redirects, 4 repeats), so the limit is exact.
    max_repeats = 1_000
    max_redirections = 1_000

    def __init__(self, origin: str, limits: Limits, deadline: float) -> None:
        super().__init__()
        self.origin = origin
        self.limits = limits
        self.deadline = deadline
        self.count = 0

    def _check_scheme(self, newurl: str, fp: IO[bytes]) -> None:
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise IngestError(self.origin, f"redirect to unsupported scheme {scheme!r} ({newurl})")

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> Any:
        # urllib refuses non-http(s)/ftp targets with a message of its own before
        # redirect_request runs: check first, so every refusal reads the same.
        target = headers.get("location") or headers.get("uri")
        if target:
            self._check_scheme(urllib.parse.urljoin(req.full_url, target), fp)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        self.count += 1
        if self.count > self.limits.max_redirects:
            fp.close()
            raise IngestError(
                self.origin,
                f"more than {self.limits.max_redirects} redirects (Limits.max_redirects); the "
                f"last was to {newurl}",
            )
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise IngestError(self.origin, f"redirect to unsupported scheme {scheme!r} ({newurl})")
        if time.monotonic() > self.deadline:
            fp.close()
            raise IngestError(
                self.origin,
                f"took longer than {self.limits.total_timeout:g} s (Limits.total_timeout)",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read_body(resp: Any, url: str, limits: Limits, deadline: float) -> bytes:
    length = resp.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise IngestError(
            url,
            f"response is {int(length)} bytes, over the {limits.max_bytes}-byte limit "
            "(Limits.max_bytes); not read",
        )
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise IngestError(
                url,
                f"took longer than {limits.total_timeout:g} s (Limits.total_timeout); stopped "
                f"after {size} bytes",
            )
        chunk = resp.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise IngestError(
                url,
                f"response is over the {limits.max_bytes}-byte limit (Limits.max_bytes); "
                "stopped reading",
            )
        chunks.append(chunk)


def fetch(url: str, limits: Limits) -> FetchResult:
    """GET ``url`` within ``limits``.

    Args:
        url: an ``http`` or ``https`` URL.
        limits: the bounds (timeouts, size, redirects, User-Agent).

    Returns:
        The response, for a 2xx status.

    Raises:
        IngestError: a bad scheme, a connection failure, a timeout, an HTTP error status
            (``HTTP 500 Internal Server Error``), too many redirects or an oversized body.

    Example::

        result = fetch("https://example.org/news/1", Limits(timeout=5))
        result.content_type  # 'text/html'
    """
    check_url(url)
    deadline = time.monotonic() + limits.total_timeout
    redirects = _BoundedRedirects(url, limits, deadline)
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(
        url, headers={"User-Agent": limits.user_agent, "Accept": _ACCEPT}
    )
    timeout = min(limits.timeout, limits.total_timeout)
    try:
        with opener.open(request, timeout=timeout) as resp:
            body = _read_body(resp, url, limits, deadline)
            headers = resp.headers
            result = FetchResult(
                url=url,
                final_url=resp.geturl(),
                status=resp.status,
                content_type=headers.get_content_type() if headers.get("Content-Type") else "",
                charset=headers.get_content_charset(),
                body=body,
                fetched_at=utc_now(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        raise IngestError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise IngestError(url, f"timed out after {timeout:g} s (Limits.timeout)") from None
        raise IngestError(url, f"cannot connect ({exc.reason})") from None
    except TimeoutError:
        raise IngestError(url, f"timed out after {timeout:g} s (Limits.timeout)") from None
    except (http.client.HTTPException, OSError) as exc:
        raise IngestError(url, f"connection failed ({type(exc).__name__}: {exc})") from None
    logger.debug("fetched %s (%d bytes, %s)", url, len(result.body), result.content_type)
    return result
