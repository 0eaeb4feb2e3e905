"""What stands in front of every route: security headers, a request size limit, a rate limit
and the optional bearer token on write endpoints.

The size limit and the rate limit are plain ASGI middleware (they must act before a body is
read); the token is a FastAPI dependency, so the OpenAPI schema shows which routes need it.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from marsad.api.problems import PROBLEM_TYPE, Problem

__all__ = [
    "CSP",
    "BodyLimitMiddleware",
    "RateLimiter",
    "SecurityHeadersMiddleware",
    "TokenGuard",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: no inline script or style, nothing from another origin, no framing, no plugins
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def _send_problem(
    send: Send,
    status: int,
    slug: str,
    title: str,
    detail: str,
    path: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = json.dumps(
        {
            "type": PROBLEM_TYPE + slug,
            "title": title,
            "status": status,
            "detail": detail,
            "instance": path,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy, ``nosniff`` and framing headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *[(k, v) for k, v in _HEADERS if k not in present],
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimitMiddleware:
    """Refuses (413) a request whose body is over ``max_bytes``: by its ``Content-Length`` before
    reading, or while reading a body sent without one."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = f"request body is larger than the limit of {self.max_bytes} bytes"
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = -1
                if length > self.max_bytes:
                    await _send_problem(
                        send, 413, "too-large", "Content Too Large", detail, scope["path"]
                    )
                    return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # an HTTPException passes through FastAPI's body parsing (anything else
                    # becomes a 400) and the problem handler answers it
                    raise HTTPException(413, detail)
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, tracking)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            if not started:
                await _send_problem(
                    send, 413, "too-large", "Content Too Large", detail, scope["path"]
                )


class RateLimiter:
    """A token bucket per client address: ``rate`` requests per ``per`` seconds, bursts up to
    ``rate``. Only paths under ``/api/`` count.

    Example:
        >>> limiter = RateLimiter(2, 60.0)
        >>> [limiter.allow("a", now=0.0) for _ in range(3)]
        [True, True, False]
    """

    def __init__(self, rate: int, per: float = 60.0) -> None:
        if rate <= 0 or per <= 0:
            raise ValueError(f"rate and per must be positive, got {rate} per {per}s")
        self.rate = rate
        self.per = per
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        """Take one token from ``client``'s bucket; ``False`` when it is empty."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * self.rate / self.per)
            if len(self._buckets) > 10_000:  # forget idle clients rather than grow forever
                self._buckets.clear()
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1.0, now)
            return True

    def middleware(self, app: ASGIApp) -> ASGIApp:
        async def limited(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and scope["path"].startswith("/api/"):
                client = (scope.get("client") or ("?", 0))[0]
                if not self.allow(str(client)):
                    retry = max(1, int(self.per / self.rate))
                    await _send_problem(
                        send,
                        429,
                        "too-many-requests",
                        "Too Many Requests",
                        f"more than {self.rate} requests in {self.per:g} s from {client}",
                        scope["path"],
                        [(b"retry-after", str(retry).encode())],
                    )
                    return
            await app(scope, receive, send)

        return limited


_BEARER = HTTPBearer(auto_error=False, description="required on write endpoints when set")


class TokenGuard:
    """A dependency that requires ``Authorization: Bearer <token>`` when a token is set."""

    def __init__(self, token: str | None) -> None:
        self.token = token or None

    async def __call__(
        self, creds: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)]
    ) -> None:
        if self.token is None:
            return
        if creds is None:
            raise Problem(
                401,
                "unauthorized",
                "this endpoint needs a bearer token",
                {"WWW-Authenticate": "Bearer"},
            )
        if not hmac.compare_digest(creds.credentials.encode(), self.token.encode()):
            raise Problem(
                403,
                "forbidden",
                "the bearer token is not valid",
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
