"""Security headers, the bearer token on writes, the body size limit and the rate limit."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.api.guards import RateLimiter

TXT = ("خبر.txt", "وصل الوفد إلى موسكو اليوم.".encode(), "text/plain")


@pytest.mark.parametrize(
    "path", ["/", "/document?id=x", "/static/app.js", "/api/health", "/api/documents/zz"]
)
def test_guards_security_headers_everywhere(client: Any, path: str) -> None:
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("page", "name", "title"),
    [
        ("/", "index", "لوحة المتابعة"),
        ("/document", "document", "خبر"),
        ("/entity", "entity", "كيان"),
        ("/event", "event", "حدث"),
        ("/timeline", "timeline", "الخط الزمني"),
        ("/search", "search", "بحث"),
        ("/upload", "upload", "رفع ملفات"),
    ],
)
def test_guards_pages_are_rtl_without_inline_script(
    client: Any, page: str, name: str, title: str
) -> None:
    r = client.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="ar" dir="rtl">' in html
    assert f'<body data-page="{name}">' in html and f"<title>{title} — مَرصَد</title>" in html
    assert "$" not in html  # every slot of the shell filled
    assert "<script>" not in html and "onclick" not in html and "style=" not in html
    assert "http://" not in html and "https://" not in html  # nothing fetched from outside


@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 401), ("Bearer wrong", 403), ("Basic czNjcmV0", 401), ("Bearer s3cret", 202)],
)
def test_guards_token_on_write(client_with: Any, header: str | None, status: int) -> None:
    c = client_with(token="s3cret")
    headers = {"Authorization": header} if header else {}
    r = c.post("/api/ingest", files=[("files", TXT)], headers=headers)
    assert r.status_code == status, r.text
    if status >= 400:
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["www-authenticate"].startswith("Bearer")


def test_guards_token_not_needed_to_read(client_with: Any) -> None:
    c = client_with(token="s3cret")
    assert c.get("/api/documents").status_code == 200
    assert c.get("/api/health").json()["token_required"] is True


def test_guards_body_limit_by_length(client_with: Any) -> None:
    c = client_with(max_body_bytes=1000)
    r = c.post("/api/ingest", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
    assert r.status_code == 413
    assert r.json()["type"] == "/problems/too-large"


def test_guards_body_limit_without_length(client_with: Any) -> None:
    c = client_with(max_body_bytes=1000)

    head = b'--zz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'

    def chunks() -> Any:  # a valid multipart body, streamed without a Content-Length
        yield head
        for _ in range(10):
            yield b"y" * 500
        yield b"\r\n--zz--\r\n"

    r = c.post(
        "/api/ingest",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=zz"},
    )
    assert "content-length" not in r.request.headers
    assert r.status_code == 413


def test_guards_rate_limit_answers_429(client_with: Any) -> None:
    c = client_with(rate=3)
    codes = [c.get("/api/health").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    r = c.get("/api/health")
    assert r.json()["type"] == "/problems/too-many-requests" and int(r.headers["retry-after"]) >= 1
    assert c.get("/").status_code == 200  # pages and static files are not counted


@pytest.mark.parametrize(("elapsed", "allowed"), [(0.0, False), (30.0, True)])
def test_guards_rate_limiter_refills(elapsed: float, allowed: bool) -> None:
    limiter = RateLimiter(2, 60.0)
    assert limiter.allow("a", now=0.0) and limiter.allow("a", now=0.0)
    assert limiter.allow("a", now=elapsed) is allowed
    assert limiter.allow("b", now=0.0)  # buckets are per client


@pytest.mark.parametrize(("rate", "per"), [(0, 60.0), (5, 0.0)])
def test_guards_rate_limiter_checks_arguments(rate: int, per: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(rate, per)


def test_guards_unknown_route_and_method_are_problems(client: Any) -> None:
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = client.delete("/api/documents")
    assert r.status_code == 405 and r.json()["type"] == "/problems/method-not-allowed"
