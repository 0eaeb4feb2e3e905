"""A real HTTP server on 127.0.0.1 in a thread, for the fetch/feed/URL tests (never the internet).

Every wait in a handler is bounded (``_STOP.wait(5)``) and released when the fixture ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from marsad.ingest import Limits

ARTICLE = (
    "<html><head><meta charset='utf-8'><title>عنوان الخبر</title>"
    "<meta property='article:published_time' content='2024-05-01T09:00:00+03:00'>"
    "<meta property='og:site_name' content='موقع الاختبار'></head><body>"
    "<nav>الرئيسية | أخبار | رياضة</nav><article><h1>عنوان الخبر</h1>"
    "<p>قال وزير الخارجية اليوم إن المحادثات مستمرة بين الطرفين في العاصمة.</p>"
    "<p>وأضاف أن الجولة المقبلة ستعقد الأسبوع القادم بحضور ممثلين عن الجانبين.</p>"
    "</article><footer>جميع الحقوق محفوظة</footer></body></html>"
)
ARTICLE_NO_META = (
    "<html><head></head><body><article>"
    "<p>خبر ثان بلا عنوان ولا تاريخ في الصفحة نفسها، ويكفي طوله للاستخراج.</p>"
    "</article></body></html>"
)
_STOP = threading.Event()


def _rss(base: str) -> str:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>قناة الأخبار</title><link>http://example.invalid/</link>"
        f"<item><title>الخبر الأول</title><link>{base}/page.html</link>"
        "<pubDate>Wed, 01 May 2024 10:00:00 +0300</pubDate></item>"
        "<item><title>الخبر الثاني</title><link>/plain.html</link>"
        "<pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item>"
        f"<item><title>مكرر</title><link>{base}/page.html</link></item>"
        "<item><title>بلا رابط</title></item>"
        f"<item><title>معطوب</title><link>{base}/error</link></item>"
        "</channel></rss>"
    )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_port}"  # type: ignore[attr-defined]
        path = self.path
        try:
            if path == "/page.html":
                self._send(200, ARTICLE.encode(), "text/html; charset=utf-8")
            elif path == "/plain.html":
                self._send(200, ARTICLE_NO_META.encode(), "text/html")
            elif path == "/cp1256.html":
                body = ARTICLE.replace("charset='utf-8'", "charset='iso-8859-1'")
                self._send(200, body.encode("cp1256"), "text/html; charset=windows-1256")
            elif path == "/text":
                self._send(200, "سطر أول\r\nسطر ثان\r\n".encode(), "text/plain; charset=utf-8")
            elif path == "/feed.xml":
                self._send(200, _rss(base).encode(), "application/rss+xml")
            elif path == "/notxml.rss":
                self._send(200, b"this is { not xml", "application/rss+xml")
            elif path == "/error":
                self._send(500, b"boom", "text/plain")
            elif path == "/missing":
                self._send(404, b"no", "text/plain")
            elif path == "/hang":
                _STOP.wait(5)
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                deadline = time.monotonic() + 5
                while not _STOP.is_set() and time.monotonic() < deadline:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    _STOP.wait(0.05)
            elif path.startswith("/loop"):
                n = int(path[5:] or 0)
                self._send(302, b"", "text/plain", {"Location": f"/loop{(n + 1) % 3}"})
            elif path == "/redirect":
                self._send(301, b"", "text/plain", {"Location": "/page.html"})
            elif path == "/to-file":
                self._send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
            elif path == "/big":
                self._send(200, b"a" * 300_000, "text/plain")
            elif path == "/big-unsized":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"b" * 10_000)
                self.close_connection = True
            elif path == "/pdf":
                self._send(200, b"%PDF-1.7\n...", "application/pdf")
            elif path == "/empty":
                self._send(200, b"", "text/html")
            elif path == "/json":
                self._send(200, b'{"a": 1}', "application/json")
            elif path == "/ua":
                agent = self.headers.get("User-Agent", "")
                self._send(200, f"وكيل المستخدم {agent}".encode(), "text/plain; charset=utf-8")
            else:
                self._send(404, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of the local test server."""
    _STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        _STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture()
def fast_limits() -> Limits:
    """Short timeouts so the hanging endpoints cost well under a second each."""
    return Limits(timeout=0.5, total_timeout=1.0, max_bytes=200_000)
